//! The row trait every lexicon file's type implements, and the row types shared by several
//! files: plain word lists and jieba dictionary entries.

use super::Row;

/// A row type of one lexicon file. One line may give several values (a line of words).
pub(crate) trait FromRow: Sized {
    /// Parses `row` into `out`; the error is the reason, without file and line.
    fn from_row(row: Row<'_>, out: &mut Vec<Self>) -> Result<(), String>;
}

/// Splits a row into exactly `N` whitespace-separated columns.
pub(super) fn columns<'a, const N: usize>(row: &Row<'a>, want: &str) -> Result<[&'a str; N], String> {
    let f: Vec<&str> = row.fields().collect();
    f.try_into().map_err(|_| format!("expected `{want}`"))
}

/// The value a keyword column names, from `(keyword, value)` pairs; the error lists the
/// keywords (`"x" is not link, noun or stop`).
pub(super) fn keyword<T: Copy>(word: &str, table: &[(&str, T)]) -> Result<T, String> {
    if let Some((_, v)) = table.iter().find(|(k, _)| *k == word) {
        return Ok(*v);
    }
    let names: Vec<&str> = table.iter().map(|(k, _)| *k).collect();
    let list = match names.split_last() {
        Some((last, [])) => last.to_string(),
        Some((last, rest)) => format!("{} or {last}", rest.join(", ")),
        None => String::new(),
    };
    Err(format!("{word:?} is not {list}"))
}

/// Every whitespace-separated word of a row: plain word lists.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Word(pub String);

impl FromRow for Word {
    fn from_row(row: Row<'_>, out: &mut Vec<Self>) -> Result<(), String> {
        out.extend(row.fields().map(|w| Word(w.to_string())));
        Ok(())
    }
}

/// `user_dict.txt` and `--user-dict` files: jieba's `word [freq] [tag]`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct DictEntry {
    pub word: String,
    /// `None`: let the segmenter suggest one, so the word wins segmentation.
    pub freq: Option<usize>,
    pub tag: Option<String>,
}

fn is_tag(s: &str) -> bool {
    !s.is_empty() && s.len() <= 8 && s.chars().all(|c| c.is_ascii_alphabetic())
}

impl FromRow for DictEntry {
    fn from_row(row: Row<'_>, out: &mut Vec<Self>) -> Result<(), String> {
        let f: Vec<&str> = row.fields().collect();
        let (freq, tag) = match f.as_slice() {
            [_] => (None, None),
            [_, x] => match x.parse::<usize>() {
                Ok(n) => (Some(n), None),
                Err(_) if is_tag(x) => (None, Some(x.to_string())),
                Err(_) => return Err(format!("{x:?} is neither a frequency nor a POS tag")),
            },
            [_, n, t] => {
                let n = n.parse::<usize>().map_err(|_| format!("frequency {n:?} is not a whole number"))?;
                if !is_tag(t) {
                    return Err(format!("{t:?} is not a POS tag"));
                }
                (Some(n), Some(t.to_string()))
            }
            _ => return Err("expected `word [freq] [tag]`".into()),
        };
        if freq == Some(0) {
            return Err("frequency 0 means the word never wins; leave it out to get a suggested one".into());
        }
        out.push(DictEntry { word: f[0].to_string(), freq, tag });
        Ok(())
    }
}

//! Plain-text lexicons from `dictionaries/`, embedded in the binary and parsed once.
//!
//! Every file has the same outer format: UTF-8, `#` starts a comment line, blank lines are
//! skipped, a BOM and CRLF line ends are tolerated. Columns are separated by whitespace (or a
//! tab for `.tsv` files). Bad rows are reported with `file:line`.

use crate::error::{Error, Result};

/// One data row of a lexicon file with its 1-based line number.
#[derive(Debug, Clone, Copy)]
pub struct Row<'a> {
    pub line: usize,
    pub text: &'a str,
}

impl<'a> Row<'a> {
    /// Whitespace-separated columns.
    pub fn fields(&self) -> impl Iterator<Item = &'a str> {
        self.text.split_whitespace()
    }

    /// An error that points at this row.
    pub fn error(&self, file: &str, reason: impl Into<String>) -> Error {
        Error::Dictionary { file: file.to_string(), line: self.line, reason: reason.into() }
    }
}

/// The data rows of a lexicon: comments, blanks, BOM and `\r` removed.
pub fn rows(content: &str) -> impl Iterator<Item = Row<'_>> {
    let content = content.strip_prefix('\u{feff}').unwrap_or(content);
    content.lines().enumerate().filter_map(|(i, line)| {
        let text = line.trim_end_matches('\r').trim();
        if text.is_empty() || text.starts_with('#') {
            None
        } else {
            Some(Row { line: i + 1, text })
        }
    })
}

/// The first column of every row, for simple word lists.
pub fn words(content: &str) -> Vec<&str> {
    rows(content).filter_map(|r| r.fields().next()).collect()
}

/// Like [`words`] but returns owned strings sorted longest first, the order that
/// alternations in a regex need for leftmost-longest behaviour.
pub fn words_longest_first(content: &str) -> Vec<String> {
    let mut w: Vec<String> = words(content).into_iter().map(str::to_string).collect();
    w.sort_by(|a, b| b.chars().count().cmp(&a.chars().count()).then_with(|| a.cmp(b)));
    w.dedup();
    w
}

/// A regex alternation `(?:a|b|c)` of the words, longest first, escaped.
pub fn alternation(words: &[String]) -> String {
    let parts: Vec<String> = words.iter().map(|w| regex::escape(w)).collect();
    format!("(?:{})", parts.join("|"))
}

/// Reads a lexicon given on the command line (not embedded), as UTF-8.
pub fn read_file(path: &std::path::Path) -> Result<String> {
    let bytes = std::fs::read(path).map_err(|source| Error::Io { path: path.to_path_buf(), source })?;
    String::from_utf8(bytes).map_err(|e| Error::Dictionary {
        file: path.display().to_string(),
        line: 0,
        reason: format!("not UTF-8 ({e})"),
    })
}

/// Result of parsing one file, for callers that want to fail on the first bad row.
pub fn parse_all<'a, T>(
    file: &str,
    content: &'a str,
    mut parse: impl FnMut(Row<'a>) -> std::result::Result<T, String>,
) -> Result<Vec<T>> {
    let mut out = Vec::new();
    for row in rows(content) {
        out.push(parse(row).map_err(|reason| row.error(file, reason))?);
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rows_skip_comments_bom_and_crlf() {
        let text = "\u{feff}# header\r\n\r\n营商环境 200 n\r\n  # indented comment\n责任单位 50 n\n";
        let got: Vec<(usize, &str)> = rows(text).map(|r| (r.line, r.text)).collect();
        assert_eq!(got, vec![(3, "营商环境 200 n"), (5, "责任单位 50 n")]);
    }

    #[test]
    fn parse_all_reports_file_and_line() {
        let err = parse_all("x.txt", "a 1\nb two\n", |r| {
            r.fields().nth(1).unwrap().parse::<u32>().map_err(|e| e.to_string())
        })
        .unwrap_err();
        assert!(err.to_string().starts_with("x.txt:2:"), "{err}");
    }

    #[test]
    fn longest_first_alternation() {
        let w = words_longest_first("万元\n元\n亿元\n万平方米\n");
        assert_eq!(w[0], "万平方米");
        let re = regex::Regex::new(&alternation(&w)).unwrap();
        assert_eq!(re.find("3万平方米").unwrap().as_str(), "万平方米");
    }
}

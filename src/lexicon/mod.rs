//! The lexicons in `dictionaries/`: plain text, typed when loaded, built once into one
//! [`Lexicons`] value that every stage's rules are compiled from.
//!
//! Every file has the same outer format: UTF-8, `#` starts a comment line, blank lines are
//! skipped, a BOM and CRLF line ends are tolerated. Columns are separated by whitespace (or a
//! tab for `.tsv` files). Bad rows are reported with `file:line`. The files are embedded in
//! the binary ([`Lexicons::embedded`]); [`Lexicons::from_dir`] reads an edited copy instead,
//! file by file, so a user can change a label or a cue without rebuilding.

mod layout;
mod numbers;
mod projects;
mod row;
mod targets;
mod units;

// The row types are the stages' business; the three below also appear in the hidden stage
// modules' public types.
pub use layout::PlaceLevel;
pub use numbers::UnitKind;
pub use targets::IndicatorRow;

pub(crate) use layout::*;
pub(crate) use numbers::*;
pub(crate) use projects::*;
pub(crate) use row::*;
pub(crate) use targets::*;
pub(crate) use units::*;

use crate::error::{Error, Result};
use std::borrow::Cow;
use std::path::Path;

/// One data row of a lexicon file with its 1-based line number.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Row<'a> {
    pub line: usize,
    pub text: &'a str,
}

impl<'a> Row<'a> {
    /// Whitespace-separated columns.
    pub fn fields(&self) -> impl Iterator<Item = &'a str> {
        self.text.split_whitespace()
    }
}

/// The data rows of a lexicon: comments, blanks, BOM and `\r` removed.
pub(crate) fn rows(content: &str) -> impl Iterator<Item = Row<'_>> {
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

/// Parses every row of `content` as `T`; the first bad row is an error with `file:line`.
pub(crate) fn parse_rows<T: FromRow>(file: &str, content: &str) -> Result<Vec<T>> {
    let mut out = Vec::new();
    for row in rows(content) {
        T::from_row(row, &mut out).map_err(|reason| Error::Dictionary {
            file: file.to_string(),
            line: Some(row.line),
            reason,
        })?;
    }
    Ok(out)
}

/// An error about a whole lexicon file (no single row to blame).
pub(crate) fn file_error(file: &str, reason: impl std::fmt::Display) -> Error {
    Error::Dictionary { file: file.to_string(), line: None, reason: reason.to_string() }
}

/// Sorts words longest first (ties alphabetically): the order a regex alternation or a
/// first-match scan needs to prefer the longest word.
pub(crate) fn longest_first<T>(items: &mut [T], word: impl Fn(&T) -> &str) {
    items.sort_by(|a, b| {
        let (a, b) = (word(a), word(b));
        b.chars().count().cmp(&a.chars().count()).then_with(|| a.cmp(b))
    });
}

/// A regex alternation `(?:a|b|c)` of the words in the order given, escaped.
pub(crate) fn alternation<'a>(words: impl IntoIterator<Item = &'a str>) -> String {
    let parts: Vec<String> = words.into_iter().map(regex::escape).collect();
    format!("(?:{})", parts.join("|"))
}

/// Reads a lexicon file from disk, as UTF-8.
pub(crate) fn read_file(path: &Path) -> Result<String> {
    let bytes = std::fs::read(path).map_err(|source| Error::Io { path: path.to_path_buf(), source })?;
    String::from_utf8(bytes).map_err(|e| file_error(&path.display().to_string(), format!("not UTF-8 ({e})")))
}

/// Declares the lexicon files once: the [`Lexicons`] fields, their row types and file names.
macro_rules! lexicons {
    ($($(#[$doc:meta])* $field:ident: $row:ty = $file:literal;)*) => {
        /// Every lexicon, parsed into typed rows. Build once and share.
        #[derive(Debug, Clone)]
        pub struct Lexicons {
            $($(#[$doc])* pub(crate) $field: Vec<$row>,)*
        }

        /// The embedded files: `(name, content)`.
        const EMBEDDED: &[(&str, &str)] =
            &[$(($file, include_str!(concat!("../../dictionaries/", $file))),)*];

        impl Lexicons {
            fn parse<'a>(mut content: impl FnMut(&'a str) -> Result<Cow<'a, str>>) -> Result<Lexicons> {
                Ok(Lexicons { $($field: parse_rows($file, &content($file)?)?,)* })
            }
        }
    };
}

lexicons! {
    /// Patterns of web boilerplate lines.
    boilerplate: BoilerplateRule = "boilerplate.txt";
    /// Words that make a change an average over several years (promise tracking).
    averages: Word = "averages.txt";
    /// Measure words that count things.
    classifiers: Word = "classifiers.txt";
    /// Words that make a target a ceiling (promise tracking).
    caps: Word = "caps.txt";
    /// Comparator words around a number.
    comparators: ComparatorWord = "comparators.txt";
    /// Words that make a stated change a decline (promise tracking).
    declines: Word = "declines.txt";
    /// Words around an indicator that are not part of it.
    indicator_stop: IndicatorStop = "indicator_stop.txt";
    /// Measure words that may follow an indicator without changing its topic.
    indicator_tails: Word = "indicator_tails.txt";
    /// Labels, salutations and heading words of a document's header.
    header_words: HeaderWord = "header_words.txt";
    /// Canonical indicators and their surface forms.
    indicators: IndicatorRow = "indicators.tsv";
    /// Place suffixes and organs of issuing bodies.
    issuers: IssuerWord = "issuers.txt";
    /// Growth and share cues.
    measure_cues: MeasureCue = "measure_cues.txt";
    /// Phrases whose numerals are not quantities.
    number_stop: NumberStop = "number_stop.txt";
    /// Names of bodies without an organisation suffix.
    org_abbrev: Word = "org_abbrev.txt";
    /// Words that keep a phrase from being an organisation name.
    org_stop: OrgStop = "org_stop.txt";
    /// Endings of organisation names.
    org_suffixes: OrgSuffix = "org_suffixes.txt";
    /// Trigger verbs, build predicates, phases and class words around project names.
    project_frames: ProjectFrame = "project_frames.txt";
    /// Head nouns of project names.
    project_heads: ProjectHead = "project_heads.txt";
    /// Province- and prefecture-level divisions.
    places: PlaceRow = "places.txt";
    /// Category words that close a list of projects.
    project_lists: ProjectList = "project_lists.txt";
    /// Generic phrases and modifiers that are no project name.
    project_stop: ProjectStop = "project_stop.txt";
    /// Hedge and binding words of targets.
    qualifiers: Qualifier = "qualifiers.txt";
    /// Words that mark the parts of a work report.
    report_parts: ReportWord = "report_parts.txt";
    /// Status cues for targets.
    status_words: StatusWord = "status_words.txt";
    /// Task-table column headers and the labels of their values.
    table_headers: TableHeader = "table_headers.txt";
    /// Words that place a sentence or a number in time.
    time_words: TimeWord = "time_words.txt";
    /// Labels of responsible units.
    unit_labels: UnitLabel = "unit_labels.txt";
    /// Verbs of commitment.
    unit_verbs: UnitVerb = "unit_verbs.txt";
    /// Units after numbers.
    units: UnitDef = "units.txt";
    /// The segmenter's policy vocabulary.
    user_dict: DictEntry = "user_dict.txt";
}

impl Lexicons {
    /// The lexicons built into the binary.
    pub fn embedded() -> Result<Lexicons> {
        Lexicons::parse(|file| Ok(Cow::Borrowed(embedded(file))))
    }

    /// The lexicons of a directory laid out like `dictionaries/`: a file present there
    /// replaces the built-in one of the same name, a missing file keeps the built-in one. A
    /// `.txt` or `.tsv` file that is no known lexicon is an error (a misspelt name would
    /// otherwise be ignored without a word).
    pub fn from_dir(dir: &Path) -> Result<Lexicons> {
        let entries =
            std::fs::read_dir(dir).map_err(|source| Error::Io { path: dir.to_path_buf(), source })?;
        for entry in entries {
            let entry = entry.map_err(|source| Error::Io { path: dir.to_path_buf(), source })?;
            let name = entry.file_name().to_string_lossy().into_owned();
            let data = name.ends_with(".txt") || name.ends_with(".tsv");
            if data && !EMBEDDED.iter().any(|(f, _)| *f == name) {
                let known: Vec<&str> = EMBEDDED.iter().map(|(f, _)| *f).collect();
                return Err(file_error(
                    &name,
                    format!("not a zhengce lexicon (known: {})", known.join(", ")),
                ));
            }
        }
        Lexicons::parse(|file| {
            let path = dir.join(file);
            if path.exists() {
                read_file(&path).map(Cow::Owned)
            } else {
                Ok(Cow::Borrowed(embedded(file)))
            }
        })
    }
}

fn embedded(file: &str) -> &'static str {
    EMBEDDED.iter().find(|(f, _)| *f == file).map(|(_, c)| *c).expect("every lexicon file is embedded")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keyword_columns_name_the_keywords_they_take() {
        let t = [("link", 1), ("noun", 2), ("stop", 3)];
        assert_eq!(row::keyword("noun", &t), Ok(2));
        assert_eq!(row::keyword("x", &t), Err(r#""x" is not link, noun or stop"#.to_string()));
        assert_eq!(
            row::keyword("x", &[("growth", 1), ("share", 2)]),
            Err(r#""x" is not growth or share"#.to_string())
        );
        let bad = parse_rows::<MeasureCue>("measure_cues.txt", "增长 rise\n").unwrap_err();
        assert!(bad.to_string().contains(r#""rise" is not growth or share"#), "{bad}");
    }

    #[test]
    fn rows_skip_comments_bom_and_crlf() {
        let text = "\u{feff}# header\r\n\r\n营商环境 200 n\r\n  # indented comment\n责任单位 50 n\n";
        let got: Vec<(usize, &str)> = rows(text).map(|r| (r.line, r.text)).collect();
        assert_eq!(got, vec![(3, "营商环境 200 n"), (5, "责任单位 50 n")]);
    }

    #[test]
    fn bad_rows_name_file_and_line() {
        let err = parse_rows::<UnitLabel>("x.txt", "责任单位 responsible\n牵头 boss\n").unwrap_err();
        assert!(err.to_string().starts_with("x.txt:2:"), "{err}");
        let err = parse_rows::<DictEntry>("d.txt", "词 0\n").unwrap_err();
        assert!(err.to_string().contains("frequency 0"), "{err}");
    }

    #[test]
    fn longest_first_alternation() {
        let mut w = vec!["万元", "元", "亿元", "万平方米"];
        longest_first(&mut w, |s| s);
        assert_eq!(w[0], "万平方米");
        let re = regex::Regex::new(&alternation(w.iter().copied())).unwrap();
        assert_eq!(re.find("3万平方米").unwrap().as_str(), "万平方米");
    }

    #[test]
    fn embedded_lexicons_parse() {
        let lex = Lexicons::embedded().unwrap();
        assert!(lex.units.iter().any(|u| u.word == "元" && u.kind == UnitKind::Money));
        assert!(lex.unit_labels.iter().any(|l| l.word == "责任单位"));
        assert!(lex.user_dict.len() > 100);
    }

    #[test]
    fn a_directory_overrides_file_by_file() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("unit_labels.txt"), "# mine\n主办科室 responsible\n").unwrap();
        let lex = Lexicons::from_dir(dir.path()).unwrap();
        assert_eq!(lex.unit_labels.len(), 1);
        assert_eq!(lex.unit_labels[0].word, "主办科室");
        assert!(!lex.units.is_empty(), "files not given keep the built-in ones");
        std::fs::write(dir.path().join("unit_label.txt"), "x responsible\n").unwrap();
        let err = Lexicons::from_dir(dir.path()).unwrap_err();
        assert!(err.to_string().contains("not a zhengce lexicon"), "{err}");
    }
}

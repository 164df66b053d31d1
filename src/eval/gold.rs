//! The gold format of `../shared/gold/ANNOTATION.md` (what `score.py` reads), and loading a
//! directory of gold files the way `score.py` does.

use crate::error::{Error, Result};
use serde::{Deserialize, Serialize};
use std::path::{Path, PathBuf};

/// What a careful reader extracts from one document. Unknown keys are ignored, as
/// `score.py` ignores them; the keys `score.py` indexes directly (`doc`, a target's
/// `quote`, a project's `name`, a task unit's `name`) are required.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Gold {
    /// The document's file name (`001_e743c46d57511929.txt`).
    pub doc: String,
    /// What kind of document it is (`work_report`, `plan`, `notice`, `news`: any label the
    /// annotator chooses); `zhengce eval --by-kind` gives figures per kind.
    #[serde(default)]
    pub kind: Option<String>,
    /// The document's own title line; `None` when the text opens with its body.
    #[serde(default)]
    pub title: Option<String>,
    /// Other acceptable title lines.
    #[serde(default)]
    pub title_alt: Vec<Option<String>>,
    /// The body that issued the document or gives the report, as the document names it.
    #[serde(default)]
    pub issuer: Option<String>,
    /// Other forms of the issuer that are just as right (`松江区` for its office).
    #[serde(default)]
    pub issuer_alt: Vec<Option<String>>,
    /// The signing or publication date, as precise as the text gives.
    #[serde(default)]
    pub date: Option<String>,
    /// Other acceptable dates.
    #[serde(default)]
    pub date_alt: Vec<Option<String>>,
    /// Every stated quantity.
    #[serde(default)]
    pub targets: Vec<GoldTarget>,
    /// The named projects.
    #[serde(default)]
    pub projects: Vec<GoldProject>,
    /// Distinct names of bodies made responsible for work.
    #[serde(default)]
    pub units: Vec<String>,
    /// Less certain actors: neither rewarded nor penalised.
    #[serde(default)]
    pub units_optional: Vec<String>,
    /// The pieces of work the text assigns units to.
    #[serde(default)]
    pub tasks: Vec<GoldTask>,
}

impl Gold {
    /// The accepted values of `title`, `issuer` or `date`: the main one, then the `_alt` list.
    pub fn accepted(&self, key: MetaField) -> Vec<Option<&str>> {
        let (main, alt) = match key {
            MetaField::Title => (&self.title, &self.title_alt),
            MetaField::Issuer => (&self.issuer, &self.issuer_alt),
            MetaField::Date => (&self.date, &self.date_alt),
        };
        std::iter::once(main.as_deref()).chain(alt.iter().map(|a| a.as_deref())).collect()
    }
}

/// The three document-level fields.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum MetaField {
    /// The document's title.
    Title,
    /// The issuing body.
    Issuer,
    /// The document's date.
    Date,
}

impl MetaField {
    /// The three, in report order.
    pub const ALL: [MetaField; 3] = [MetaField::Title, MetaField::Issuer, MetaField::Date];

    /// The key in gold and prediction (`title`, `issuer`, `date`).
    pub fn as_str(self) -> &'static str {
        match self {
            MetaField::Title => "title",
            MetaField::Issuer => "issuer",
            MetaField::Date => "date",
        }
    }
}

/// One stated quantity, located by an exact quote of the text.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct GoldTarget {
    /// An exact substring of the document around the quantity, long enough to be unique.
    pub quote: String,
    /// Which occurrence of `quote` (1-based) when it occurs more than once.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub occurrence: Option<i64>,
    /// The value as written (`122` for `122亿元`).
    #[serde(default)]
    pub value: Option<f64>,
    /// The unit as written (`亿元`).
    #[serde(default)]
    pub unit: Option<String>,
    /// The value with the magnitude folded in: a number with `base` in the guide; the
    /// schema's `{"value", "unit"}` object is read too.
    #[serde(default)]
    pub normalized: Option<GoldNorm>,
    /// The unit of `normalized` when it is a bare number (`元`).
    #[serde(default)]
    pub base: Option<String>,
    /// What is measured, as written, the shortest complete phrase.
    #[serde(default)]
    pub indicator: Option<String>,
    /// Other acceptable phrasings of the indicator.
    #[serde(default)]
    pub indicator_alt: Vec<Option<String>>,
    /// `=`, `>=`, `>`, `<=`, `<`, `~` or `range`.
    #[serde(default)]
    pub comparator: Option<String>,
    /// `level`, `growth` or `share`.
    #[serde(default)]
    pub measure: Option<String>,
    /// `target`, `achieved` or `fact`.
    #[serde(default)]
    pub status: Option<String>,
    /// The year the target is for or the fact belongs to, when the text makes it clear.
    #[serde(default)]
    pub year: Option<f64>,
    /// Borderline: neither rewarded nor penalised.
    #[serde(default)]
    pub optional: bool,
}

/// `normalized` as a bare number (the guide) or as the schema's object.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(untagged)]
pub enum GoldNorm {
    /// The guide's form: the number, with its unit in `base`.
    Number(f64),
    /// The schema's form.
    Object {
        /// The value in the base unit.
        #[serde(default)]
        value: Option<f64>,
        /// The base unit.
        #[serde(default)]
        unit: Option<String>,
    },
}

/// A named project with the other spellings that name it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct GoldProject {
    /// The name as in the text, without surrounding quotes.
    pub name: String,
    /// Other spellings in the text that name the same thing.
    #[serde(default)]
    pub aliases: Vec<String>,
    /// `construction` or `program`.
    #[serde(default)]
    pub kind: Option<String>,
    /// Borderline: neither rewarded nor penalised.
    #[serde(default)]
    pub optional: bool,
}

/// A piece of work with the units assigned to it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct GoldTask {
    /// The task's heading or first clause.
    #[serde(default)]
    pub title: Option<String>,
    /// The units assigned to it, with their roles.
    #[serde(default)]
    pub units: Vec<GoldTaskUnit>,
}

/// A unit's name and role (`responsible`, `lead`, `support`) in one task.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct GoldTaskUnit {
    /// The name as written.
    pub name: String,
    /// `responsible`, `lead` or `support`.
    #[serde(default)]
    pub role: Option<String>,
}

/// One gold file and where it came from.
#[derive(Debug, Clone)]
pub struct GoldFile {
    /// The gold file.
    pub path: PathBuf,
    /// Its annotations.
    pub gold: Gold,
}

/// The gold files of a directory, one per document.
#[derive(Debug, Clone, Default)]
pub struct GoldSet {
    /// In file-name order, one per `doc`.
    pub files: Vec<GoldFile>,
    /// Files whose `doc` a later file (by name) also annotates: the later one wins but keeps
    /// the earlier one's place, as in `score.py`'s dict.
    pub shadowed: Vec<PathBuf>,
}

/// Parses one gold file.
pub fn read_gold(path: &Path) -> Result<Gold> {
    let bytes = std::fs::read(path).map_err(|source| Error::Io { path: path.to_path_buf(), source })?;
    serde_json::from_slice(&bytes)
        .map_err(|e| Error::Gold { path: path.to_path_buf(), reason: e.to_string() })
}

/// Reads every `*.json` file of `dir` (not recursively), sorted by name like `score.py`.
pub fn load_gold(dir: &Path) -> Result<GoldSet> {
    let io = |source| Error::Io { path: dir.to_path_buf(), source };
    let mut paths = Vec::new();
    for entry in std::fs::read_dir(dir).map_err(io)? {
        let path = entry.map_err(io)?.path();
        if path.extension().is_some_and(|e| e == "json") && path.is_file() {
            paths.push(path);
        }
    }
    // Byte order of UTF-8 names is code-point order, which is Python's `sorted`.
    paths.sort_by(|a, b| a.file_name().cmp(&b.file_name()));
    let mut set = GoldSet::default();
    for path in paths {
        let gold = read_gold(&path)?;
        match set.files.iter_mut().find(|f| f.gold.doc == gold.doc) {
            Some(earlier) => {
                let old = std::mem::replace(earlier, GoldFile { path, gold });
                set.shadowed.push(old.path);
            }
            None => set.files.push(GoldFile { path, gold }),
        }
    }
    Ok(set)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_the_guide_example_and_ignores_unknown_keys() {
        let g: Gold = serde_json::from_str(
            r#"{"doc": "a.txt", "title": null, "issuer": "顾村镇", "note": "ignored",
                "targets": [{"quote": "投资122亿元", "value": 122, "unit": "亿元",
                  "normalized": 12200000000, "base": "元", "year": 2023}],
                "projects": [{"name": "展示中心"}],
                "tasks": [{"title": "打造", "units": [{"name": "经发办", "role": "lead"}]}]}"#,
        )
        .unwrap();
        assert_eq!(g.targets[0].normalized, Some(GoldNorm::Number(1.22e10)));
        assert_eq!(g.targets[0].occurrence, None);
        assert!(g.projects[0].aliases.is_empty());
        assert_eq!(g.accepted(MetaField::Issuer), vec![Some("顾村镇")]);
    }

    #[test]
    fn a_target_without_quote_is_an_error() {
        let e = serde_json::from_str::<Gold>(r#"{"doc": "a.txt", "targets": [{"value": 1}]}"#);
        assert!(e.unwrap_err().to_string().contains("quote"));
    }

    #[test]
    fn a_later_file_for_the_same_doc_wins_in_the_earlier_place() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("1.json"), r#"{"doc": "a.txt", "units": ["甲"]}"#).unwrap();
        std::fs::write(dir.path().join("2.json"), r#"{"doc": "b.txt"}"#).unwrap();
        std::fs::write(dir.path().join("3.json"), r#"{"doc": "a.txt", "units": ["乙"]}"#).unwrap();
        std::fs::write(dir.path().join("notes.md"), "not gold").unwrap();
        let set = load_gold(dir.path()).unwrap();
        let docs: Vec<_> = set.files.iter().map(|f| f.gold.doc.as_str()).collect();
        assert_eq!(docs, ["a.txt", "b.txt"]);
        assert_eq!(set.files[0].gold.units, ["乙"]);
        assert_eq!(set.shadowed, [dir.path().join("1.json")]);
        std::fs::write(dir.path().join("4.json"), "{").unwrap();
        assert!(matches!(load_gold(dir.path()), Err(Error::Gold { .. })));
    }
}

//! Rows of the lexicons that read numbers: units, comparator words and phrases whose
//! numerals are no quantities.

use super::row::columns;
use super::{FromRow, Row};
use crate::document::Comparator;

/// `units.txt`: a unit written after a number.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct UnitDef {
    pub word: String,
    pub kind: UnitKind,
    /// The unit `normalized` reports.
    pub base: String,
    /// What one unit is worth in `base`.
    pub factor: f64,
}

/// What a unit measures.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum UnitKind {
    /// A currency (`元`, `美元`).
    Money,
    /// A measure word that counts things (`个`, `家`, `项`).
    Count,
    /// A physical size (`平方米`, `公里`, `吨`).
    Measure,
    /// A percentage or percentage points (`%`, `个百分点`, `成`).
    Percent,
    /// A multiple (`倍`).
    Multiple,
    /// A duration when it is the measured value (`年`, `个月`).
    Time,
    /// An amount per time or per size (`吨/日`, `元/平方米`).
    Rate,
}

impl FromRow for UnitDef {
    fn from_row(row: Row<'_>, out: &mut Vec<Self>) -> Result<(), String> {
        let f: Vec<&str> = row.fields().collect();
        let kind = match *f.get(1).ok_or("missing kind column")? {
            "money" => UnitKind::Money,
            "count" => UnitKind::Count,
            "measure" => UnitKind::Measure,
            "percent" => UnitKind::Percent,
            "multiple" => UnitKind::Multiple,
            "time" => UnitKind::Time,
            "rate" => UnitKind::Rate,
            k => return Err(format!("unknown kind {k}")),
        };
        let factor = match f.get(3) {
            Some(x) => x.parse::<f64>().map_err(|e| format!("bad factor {x}: {e}"))?,
            None => 1.0,
        };
        let base = f.get(2).unwrap_or(&f[0]).to_string();
        out.push(UnitDef { word: f[0].to_string(), kind, base, factor });
        Ok(())
    }
}

/// `comparators.txt`: a comparator word before or after a number.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct ComparatorWord {
    pub word: String,
    /// Right before the number (`不少于`), else after the number and unit (`以上`).
    pub before: bool,
    pub comparator: Comparator,
}

impl FromRow for ComparatorWord {
    fn from_row(row: Row<'_>, out: &mut Vec<Self>) -> Result<(), String> {
        let [word, pos, cmp] = columns(&row, "word position comparator")?;
        let before = match pos {
            "pre" => true,
            "post" => false,
            other => return Err(format!("unknown position {other}, want pre or post")),
        };
        let comparator = match cmp {
            "=" => Comparator::Eq,
            ">=" => Comparator::Ge,
            ">" => Comparator::Gt,
            "<=" => Comparator::Le,
            "<" => Comparator::Lt,
            "~" => Comparator::Approx,
            other => return Err(format!("unknown comparator {other}")),
        };
        out.push(ComparatorWord { word: word.to_string(), before, comparator });
        Ok(())
    }
}

/// `number_stop.txt`: a phrase that keeps numerals from being quantities.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct NumberStop {
    pub word: String,
    pub kind: NumberStopKind,
}

/// How a [`NumberStop`] applies.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum NumberStopKind {
    /// A fixed phrase; numerals inside it are never read.
    Idiom,
    /// Right after a number and its unit, it makes the number part of a name.
    After,
    /// Like `After`, only after a time unit.
    Time,
}

impl FromRow for NumberStop {
    fn from_row(row: Row<'_>, out: &mut Vec<Self>) -> Result<(), String> {
        let [word, kind] = columns(&row, "text kind")?;
        let kind = match kind {
            "idiom" => NumberStopKind::Idiom,
            "after" => NumberStopKind::After,
            "time" => NumberStopKind::Time,
            k => return Err(format!("unknown kind {k}, want idiom, after or time")),
        };
        out.push(NumberStop { word: word.to_string(), kind });
        Ok(())
    }
}

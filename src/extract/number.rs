//! The number grammar: every quantity expression with its value, unit, normalised value and
//! comparator. Numbers are found on the normalised text, not on jieba tokens (jieba splits
//! `23,876` and full-width digits).
//!
//! This is a first, minimal grammar (Arabic numbers with 万/亿 and a unit); issue 3 grows it.

use super::Context;
use crate::document::{Comparator, Normalized};
use crate::error::Result;
use regex::Regex;
use std::ops::Range;

/// One quantity expression. `range` covers the number, its unit and any comparator words
/// that belong to it (`30%以上`, `不少于45家`).
#[derive(Debug, Clone, PartialEq)]
pub struct Quantity {
    pub range: Range<usize>,
    /// Byte range of the number itself (without comparator words and unit).
    pub number: Range<usize>,
    pub value: f64,
    pub value_max: Option<f64>,
    /// The unit as written, magnitude included (`亿元`, `%`, `个百分点`); may be empty.
    pub unit: String,
    pub normalized: Option<Normalized>,
    pub comparator: Comparator,
    /// Index of the sentence it was found in (0 for [`NumberGrammar::find`]).
    pub sentence: usize,
}

/// The compiled grammar and unit lexicon, built once per process.
#[derive(Debug)]
pub struct NumberGrammar {
    re: Regex,
}

impl NumberGrammar {
    pub fn new() -> Result<NumberGrammar> {
        let re = Regex::new(r"(\d+(?:\.\d+)?)(万|亿)?(%|元|个|家|项|名|人|户|套|张|所|亩|平方米|吨)")
            .expect("static regex");
        Ok(NumberGrammar { re })
    }

    /// Every quantity in `text`; ranges are byte offsets in `text`.
    pub fn find(&self, text: &str) -> Vec<Quantity> {
        let mut out = Vec::new();
        for c in self.re.captures_iter(text) {
            let m = c.get(0).unwrap();
            let Ok(value) = c[1].parse::<f64>() else { continue };
            let mag = c.get(2).map(|m| m.as_str()).unwrap_or("");
            let base = c[3].to_string();
            let mult = match mag {
                "万" => 1e4,
                "亿" => 1e8,
                _ => 1.0,
            };
            out.push(Quantity {
                range: m.range(),
                number: c.get(1).unwrap().range(),
                value,
                value_max: None,
                unit: format!("{mag}{base}"),
                normalized: Some(Normalized { value: value * mult, value_max: None, unit: base }),
                comparator: Comparator::Eq,
                sentence: 0,
            });
        }
        out
    }

    /// Every quantity in the document's sentences (boilerplate skipped), in text order;
    /// ranges are byte offsets into the normalised text.
    pub fn find_in(&self, ctx: &Context) -> Vec<Quantity> {
        let mut out = Vec::new();
        for (i, s) in ctx.sentences() {
            for mut q in self.find(ctx.sentence_text(i)) {
                q.range = q.range.start + s.range.start..q.range.end + s.range.start;
                q.number = q.number.start + s.range.start..q.number.end + s.range.start;
                q.sentence = i;
                out.push(q);
            }
        }
        out
    }
}

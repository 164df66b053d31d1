//! Passes over the quantities of one text: a comparator shared by a list, and two bounds
//! that make one range.

use super::Quantity;
use crate::document::{Comparator, Normalized};

/// A list of amounts in one unit (`分别突破80亿元、60亿元`, `分别增长14%、16%以上`): a
/// comparator word before the first or after the last holds for every item without its own.
pub(super) fn share_comparators(text: &str, out: &mut [Quantity]) {
    let listed = |a: &Quantity, b: &Quantity| {
        a.range.end <= b.range.start
            && a.unit == b.unit
            && !a.bare
            && !b.bare
            && matches!(text[a.range.end..b.range.start].trim(), "、" | "和" | "及" | "与" | "或")
    };
    let mut a = 0;
    while a < out.len() {
        let mut b = a;
        while b + 1 < out.len() && listed(&out[b], &out[b + 1]) {
            b += 1;
        }
        if b > a {
            let plain = |q: &Quantity| q.comparator == Comparator::Eq && q.comparator_word.is_none();
            let first = &out[a];
            let last = &out[b];
            let lead = first.comparator_word.as_ref().is_some_and(|w| w.end <= first.number.start);
            let tail = last.comparator_word.as_ref().is_some_and(|w| w.start >= last.number.end);
            let shared = if lead && first.comparator != Comparator::Range && out[a + 1..=b].iter().all(plain)
            {
                Some((first.comparator, a + 1..=b))
            } else if tail && last.comparator != Comparator::Range && out[a..b].iter().all(plain) {
                Some((last.comparator, a..=b - 1))
            } else {
                None
            };
            if let Some((cmp, items)) = shared {
                for q in &mut out[items] {
                    q.comparator = cmp;
                }
            }
        }
        a = b + 1;
    }
}

/// Two bounds of one amount make a range: `大于10小于20`, `不小于20并不大于50`,
/// `最多100最少20个`, and `在20和30之间`.
pub(super) fn bounds_to_ranges(text: &str, qs: Vec<Quantity>) -> Vec<Quantity> {
    let lower = |c: Comparator| matches!(c, Comparator::Gt | Comparator::Ge);
    let upper = |c: Comparator| matches!(c, Comparator::Lt | Comparator::Le);
    let mut out: Vec<Quantity> = Vec::with_capacity(qs.len());
    let mut it = qs.into_iter().peekable();
    while let Some(a) = it.next() {
        let Some(b) = it.peek() else {
            out.push(a);
            break;
        };
        let between = text.get(a.range.end..b.range.start).unwrap_or("").trim();
        let units = a.unit == b.unit || a.unit.is_empty() || b.unit.is_empty();
        let joined = matches!(between, "" | "并" | "且" | "并且" | "而" | "的同时" | "," | "、");
        let pair =
            (lower(a.comparator) && upper(b.comparator)) || (upper(a.comparator) && lower(b.comparator));
        let tail = &text[b.range.end..];
        let between_words = matches!(between, "与" | "和" | "到" | "至")
            && a.comparator == Comparator::Eq
            && b.comparator == Comparator::Eq
            && (tail.starts_with("之间") || tail.starts_with('间'));
        let (lo, hi) = if pair && lower(b.comparator) { (b, &a) } else { (&a, b) };
        if units && (joined && pair || between_words) && lo.value < hi.value {
            let (lo_v, hi_v) = (lo.value, hi.value);
            let norm = |q: &Quantity| q.normalized.as_ref().map(|n| n.value);
            let mut r = a.clone();
            r.range = a.range.start..b.range.end;
            r.number = a.number.start..b.number.end;
            r.value = lo_v;
            r.value_max = Some(hi_v);
            r.comparator = Comparator::Range;
            r.comparator_word = None;
            if r.unit.is_empty() {
                r.unit = b.unit.clone();
                r.kind = b.kind;
            }
            if let (Some(l), Some(h)) = (norm(lo), norm(hi)) {
                let base =
                    b.normalized.as_ref().or(a.normalized.as_ref()).map_or(String::new(), |n| n.unit.clone());
                r.normalized = Some(Normalized { value: l, value_max: Some(h), unit: base });
            }
            r.bare = a.bare && b.bare;
            it.next();
            out.push(r);
        } else {
            out.push(a);
        }
    }
    out
}

//! The special forms of the number grammar: halves (`半`, `一半`), vague amounts (`几十万`),
//! doubling (`翻一番`, `翻倍`), growth given by its order (`两位数增长`, `成倍增长`), fractions
//! (`百分之三十`, `三分之一`) and small money units (`5元6角`).

use super::{bare_value, skip_spaces, Core, NumberGrammar, Quantity};
use crate::document::{Comparator, Normalized};
use crate::grammar::is_han as is_cjk;
use crate::grammar::numeral::{cn_digit, read, tidy};
use crate::grammar::prev_char;
use crate::lexicon::UnitKind;

impl NumberGrammar {
    /// `N分之M` at `j` as a plain number: (M/N, end).
    pub(super) fn plain_fraction(&self, text: &str, j: usize) -> Option<(f64, usize)> {
        let d = read(&text[j..])?;
        let k = skip_spaces(text, j + d.len);
        let k = skip_spaces(text, k + text[k..].starts_with('分').then_some('分'.len_utf8())?);
        let k = skip_spaces(text, k + text[k..].starts_with('之').then_some('之'.len_utf8())?);
        let m = read(&text[k..])?;
        (d.value != 0.0).then(|| (m.value / d.value, k + m.len))
    }

    /// `一半` and `半` before a unit (`半个`, `半小时`): one half. `上半年` is a period.
    pub(super) fn half(&self, text: &str, i: usize) -> Option<Quantity> {
        // `年过半百`: half a hundred.
        if text[i..].starts_with("半百") {
            return Some(bare_value(i..i + "半百".len(), 50.0));
        }
        let one = text[i..].starts_with("一半");
        let j = i + if one { "一半".len() } else { '半'.len_utf8() };
        if !one && prev_char(text, i).is_some_and(|c| "上下前后多大小一过".contains(c)) {
            return None;
        }
        let (unit, info, end) = match self.unit_at(text, j) {
            Some((u, info, e)) if !one && j == e - u.len() => (u, Some(info), e),
            _ if one => (String::new(), None, j),
            _ => return None,
        };
        let kind = info.as_ref().map(|u| u.kind);
        if kind == Some(UnitKind::Time) && self.after_time.iter().any(|w| text[end..].starts_with(w.as_str()))
        {
            return None; // `半年来`
        }
        let post = self.post_word(text, end, false);
        let pre = self.pre_word(text, i);
        let (comparator, word) = pre.or(post.clone()).map_or((Comparator::Eq, None), |(c, r)| (c, Some(r)));
        let f = info.as_ref().map_or(1.0, |u| u.factor);
        Some(Quantity {
            range: word.as_ref().map_or(i, |w| w.start.min(i))..word.as_ref().map_or(end, |w| w.end.max(end)),
            number: i..j,
            value: 0.5,
            unit,
            normalized: Some(Normalized {
                value: 0.5 * f,
                value_max: None,
                unit: info.as_ref().map_or(String::new(), |u| u.base.clone()),
            }),
            comparator,
            bare: info.is_none(),
            comparator_word: word,
            kind: info.as_ref().map(|u| u.kind),
            ..Default::default()
        })
    }

    /// `几十万`, `数十亿元`: a vague amount, 1 to 10 times the multiplier.
    pub(super) fn vague(&self, text: &str, i: usize) -> Option<Quantity> {
        let j = i + 3;
        let n = read(&text[j..]).filter(|n| n.leading_mult && n.cn_digits == 0 && !n.arabic)?;
        let num_end = j + n.len;
        let (unit, info, end) = match self.unit_at(text, num_end) {
            Some((u, info, e)) => (u, Some(info), e),
            None => (String::new(), None, num_end),
        };
        let f = info.as_ref().map_or(1.0, |u| u.factor);
        Some(Quantity {
            range: i..end,
            number: i..num_end,
            value: n.head,
            value_max: Some(tidy(n.head * 10.0)),
            unit: format!("{}{}", n.mag, unit),
            normalized: Some(Normalized {
                value: tidy(n.value * f),
                value_max: Some(tidy(n.value * 10.0 * f)),
                unit: info.as_ref().map_or(String::new(), |u| u.base.clone()),
            }),
            comparator: Comparator::Approx,
            bare: true,
            kind: info.as_ref().map(|u| u.kind),
            ..Default::default()
        })
    }

    /// `两位数增长` (at least 10 %), `三位数增长` (at least 100 %), `成倍增长` (at least 100 %):
    /// a growth rate given by its order.
    pub(super) fn digit_count_growth(&self, text: &str, i: usize) -> Option<Quantity> {
        let rest = &text[i..];
        let (word, value) = [("两位数", 10.0), ("三位数", 100.0), ("成倍", 100.0)]
            .into_iter()
            .find(|(w, _)| rest.starts_with(w))?;
        let after = rest[word.len()..].trim_start_matches('的');
        if !["增长", "增速", "增幅", "提高", "提升"].iter().any(|w| after.starts_with(w)) {
            return None;
        }
        let end = i + word.len();
        Some(Quantity {
            range: i..end,
            number: i..end,
            value,
            unit: "%".into(),
            normalized: Some(Normalized { value, value_max: None, unit: "%".into() }),
            comparator: Comparator::Ge,
            kind: Some(UnitKind::Percent),
            ..Default::default()
        })
    }

    /// `翻一番` (100 %), `翻两番` (300 %), `翻番`, `翻倍`.
    pub(super) fn doubling(&self, text: &str, i: usize) -> Option<Quantity> {
        let mut j = i + '翻'.len_utf8();
        if text[j..].starts_with('了') {
            j += '了'.len_utf8();
        }
        let (times, num, e) = if text[j..].starts_with('番') || text[j..].starts_with('倍') {
            (1.0, j..j, j + '番'.len_utf8())
        } else {
            let n = read(&text[j..])?;
            let e = j + n.len;
            if !text[e..].starts_with('番') || n.value < 1.0 || n.value > 10.0 || n.decimal {
                return None;
            }
            (n.value, j..e, e + '番'.len_utf8())
        };
        let value = (2f64.powf(times) - 1.0) * 100.0;
        let (comparator, word) =
            self.post_word(text, e, false).map_or((Comparator::Eq, None), |(c, r)| (c, Some(r)));
        Some(Quantity {
            comparator,
            range: i..word.as_ref().map_or(e, |r| r.end),
            comparator_word: word,
            number: if num.is_empty() { i..e } else { num },
            value,
            unit: "%".into(),
            normalized: Some(Normalized { value, value_max: None, unit: "%".into() }),
            kind: Some(UnitKind::Percent),
            ..Default::default()
        })
    }

    /// `百分之三十`, `千分之二点四`, `三分之一`: `core` is the numerator, `start` the
    /// expression's first byte.
    pub(super) fn fraction(&self, text: &str, start: usize, core: Core, denom: f64) -> Quantity {
        let sign = if core.negative { -1.0 } else { 1.0 };
        let m = sign * core.n.value;
        // A negative `denom` asks for a plain fraction even for 100 and 1000.
        let (value, unit, norm) = if denom == 100.0 {
            (m, "%", m)
        } else if denom == 1000.0 {
            (m, "‰", tidy(m / 10.0))
        } else {
            (tidy(m / denom.abs()), "", tidy(m / denom.abs() * 100.0))
        };
        let mut end = core.num_end;
        let mut unit = unit.to_string();
        let mut base = "%".to_string();
        let mut value = value;
        if unit.is_empty() {
            if let Some((u, info, e)) = self
                .unit_at(text, end)
                .filter(|(_, i, _)| i.kind != UnitKind::Count || text[end..].starts_with("个"))
            {
                value = tidy(value * info.factor);
                unit = u;
                base = info.base;
                end = e;
            }
        }
        let norm = if base == "%" { norm } else { value };
        let (cmp, word) = match self.pre_word(text, start) {
            Some((c, r)) => (c, Some(r)),
            None => match self.post_word(text, end, false) {
                Some((c, r)) => (c, Some(r)),
                None => (Comparator::Eq, None),
            },
        };
        let range_start = word.as_ref().map_or(start, |w| w.start.min(start));
        let range_end = word.as_ref().map_or(end, |w| w.end.max(end));
        Quantity {
            range: range_start..range_end,
            number: start..core.num_end,
            value,
            kind: Some(if base == "%" { UnitKind::Percent } else { UnitKind::Measure }),
            unit,
            normalized: Some(Normalized { value: norm, value_max: None, unit: base }),
            comparator: cmp,
            comparator_word: word,
            ..Default::default()
        }
    }
}

/// `1角1分`, `三毛`, `零四` after 元/块: (value in 元, end).
pub(super) fn jiao_fen(text: &str, i: usize, kuai: bool) -> Option<(f64, usize)> {
    let mut j = i;
    let mut extra = 0.0;
    if kuai {
        // `一块二` is 1.2, `三块零四` is 3.04 (spoken prices).
        let rest = &text[i..];
        let (zero, r) = match rest.strip_prefix('零') {
            Some(r) => (true, r),
            None => (false, rest),
        };
        if let Some(d) = r.chars().next().and_then(cn_digit).filter(|d| *d > 0) {
            let after = &r[3..];
            if !after.starts_with(|c: char| is_cjk(c) && !"的钱".contains(c)) {
                let v = f64::from(d) * if zero { 0.01 } else { 0.1 };
                return Some((tidy(v), text.len() - after.len()));
            }
        }
    }
    for (units, worth) in [(&['角', '毛'][..], 0.1), (&['分'][..], 0.01)] {
        let rest = &text[j..];
        let rest_z = rest.strip_prefix('零').unwrap_or(rest);
        let Some(d) = rest_z.chars().next() else { break };
        let v = cn_digit(d).or_else(|| d.to_digit(10));
        let Some(v) = v.filter(|v| *v > 0) else { continue };
        let after = &rest_z[d.len_utf8()..];
        if let Some(u) = after.chars().next().filter(|u| units.contains(u)) {
            extra += f64::from(v) * worth;
            j += rest.len() - after.len() + u.len_utf8();
            if after[u.len_utf8()..].starts_with('钱') {
                j += '钱'.len_utf8();
            }
        }
    }
    (extra > 0.0).then(|| (tidy(extra), j))
}

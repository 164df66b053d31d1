//! Whether a number with its unit is a quantity: the numeric context Chinese numerals need,
//! ordinals and framing phrases, comparators before and after, and ranges.

use super::forms::jiao_fen;
use super::{quoted, skip_spaces, Core, NumberGrammar, Quantity};
use crate::document::{Comparator, Normalized};
use crate::grammar::is_han as is_cjk;
use crate::grammar::numeral::{cn_digit, small_mult, tidy};
use crate::grammar::{next_char, prev_char};
use crate::lexicon::UnitKind;

impl NumberGrammar {
    /// Decides whether a number with its unit is a quantity, and attaches comparators and
    /// a range's second number.
    pub(super) fn quantity(&self, text: &str, c: Core) -> std::result::Result<Quantity, usize> {
        let n = &c.n;
        let skip = c.num_end;
        let kind = c.info.as_ref().map(|u| u.kind);
        // Framing words after the number: `三年行动计划`, `15分钟生活圈`, `5年来`.
        let tail = &text[c.end..];
        if self.after.iter().any(|w| tail.starts_with(w.as_str()))
            || (kind == Some(UnitKind::Time) && self.after_time.iter().any(|w| tail.starts_with(w.as_str())))
        {
            return Err(c.end);
        }
        let before = &text[..c.start];
        // `近5年`, `3年前`; not `延后1小时`, `提前2天` (a shift by the amount).
        if kind == Some(UnitKind::Time)
            && ["近", "前", "过去", "这", "此", "后"].iter().any(|w| before.ends_with(w))
            && !["延后", "推后", "提前"].iter().any(|w| before.ends_with(w))
        {
            return Err(c.end);
        }
        // `前两位`, `前10名`: a rank bound, not a count.
        if matches!(c.unit.as_str(), "位" | "名") && prev_char(text, c.start) == Some('前') {
            return Err(c.end);
        }
        let mut pre = self.pre_word(text, c.start);
        if pre.as_ref().is_some_and(|(_, r)| {
            text[r.clone()].ends_with("近") && text[..r.start].ends_with(['最', '附', '就', '临', '靠', '邻'])
        }) {
            pre = None;
        }
        // A range: `1-2个`, `5000万——1亿元`, `20%-30%`, `一百二十到一百五十万元`.
        let range = self.second(text, &c);
        let (end, last_unit_end) = match &range {
            Some((second, _)) => (second.end, second.end),
            None => (c.end, c.end),
        };
        let post = self.post_word(text, end, n.more && range.is_none());
        let cmp_given = pre.is_some() || post.is_some();

        // Chinese numerals need a numeric context.
        if !n.arabic {
            let no_digit = n.cn_digits == 0;
            let has_unit = c.info.is_some() || range.as_ref().is_some_and(|(s, _)| s.info.is_some());
            if n.sequence && !n.decimal && !(n.pair.is_some() && c.info.is_some()) {
                return Err(skip);
            }
            // `七届区委` is the seventh session: 届 after a Chinese numeral is an ordinal, and so
            // is 次 after 届 or before a meeting (`九届九次、十次全会`, `人大二次会议`).
            // `二次` (not `两次`) is `secondary` (`二次开发`).
            let meeting =
                ["全会", "会议", "全委", "全体会议", "常委会", "会上"].iter().any(|w| tail.starts_with(w));
            if c.unit == "届"
                || (c.unit == "次"
                    && (meeting
                        || prev_char(text, c.start) == Some('届')
                        || &text[c.start..c.num_end] == "二"))
            {
                return Err(c.end);
            }
            // 零 alone is a word part (`零部件`, `零售`) unless it stands alone.
            let lone = !prev_char(text, c.start).is_some_and(is_cjk)
                && !next_char(text, c.num_end).is_some_and(is_cjk);
            let left_free = !prev_char(text, c.start).is_some_and(is_cjk);
            let right_free = !next_char(text, c.end).is_some_and(is_cjk);
            if matches!(&text[c.start..c.num_end], "零" | "〇")
                && !lone
                && !(left_free && right_free && c.info.is_some())
            {
                return Err(skip);
            }
            // A lone 大写 digit is a word (`陆地`, `队伍`, `拾取`), not a number.
            let written = &text[c.start..c.num_end];
            if written.chars().count() == 1
                && !"一二三四五六七八九十两零〇".contains(written)
                && !(prev_char(text, c.start) == Some('是')
                    && next_char(text, c.num_end).is_none_or(|c| !is_cjk(c)))
            {
                return Err(skip);
            }
            if no_digit {
                let only_ten = n.mults == 1
                    && text[c.start..c.num_end].trim_start_matches('负').starts_with(['十', '拾']);
                let isolated = !prev_char(text, c.start).is_some_and(is_cjk)
                    && !next_char(text, c.num_end).is_some_and(is_cjk);
                let ten_led = text[c.start..c.num_end].trim_start_matches('负').starts_with(['十', '拾']);
                let ok = pre.is_some()
                    || (ten_led && (n.more || n.mults >= 2))
                    || (only_ten && (has_unit || isolated))
                    // `千余家`, `万余人`: a multiplier with 余/多 and a unit.
                    || (n.more && has_unit)
                    // `百亿元`, `千万元`: a multiplier with a magnitude and a unit.
                    || ((isolated || has_unit)
                        && n.mults >= 2
                        && !n.mag.is_empty()
                        && small_mult(text[c.start..].chars().next().unwrap_or(' ')).is_some());
                if !(ok || only_ten && isolated) {
                    return Err(skip);
                }
            } else {
                let strong = n.mults >= 1 || n.decimal;
                let isolated = !prev_char(text, c.start).is_some_and(is_cjk)
                    && !next_char(text, c.num_end).is_some_and(is_cjk);
                // `答案是五`, `不是一而是五`: a numeral after the copula 是.
                let copula = prev_char(text, c.start) == Some('是')
                    && next_char(text, c.num_end).is_none_or(|c| !is_cjk(c) || "是不而却这那".contains(c));
                // `排名前三`, `进入全国前十的`: a rank bound.
                let top = prev_char(text, c.start) == Some('前')
                    && next_char(text, c.num_end).is_none_or(|c| !is_cjk(c) || "的名位强".contains(c));
                if !(has_unit
                    || cmp_given
                    || n.more
                    || strong
                    || isolated
                    || copula
                    || top
                    || range.is_some())
                {
                    return Err(skip);
                }
            }
        }

        let sign = if c.negative { -1.0 } else { 1.0 };
        let base = c.info.as_ref().map_or(String::new(), |u| u.base.clone());
        let factor = c.info.as_ref().map_or(1.0, |u| u.factor);
        let mut unit = format!("{}{}", n.mag, c.unit);
        let mut value = sign * n.head;
        let mut total = sign * n.value * factor;
        let mut value_max = None;
        let mut total_max = None;
        let mut base = base;
        let mut kind = kind;
        let mut comparator = Comparator::Eq;
        let mut word = None;
        let mut last_unit_end = last_unit_end;
        if range.is_none() {
            // `一年半`, `两米半`: half a unit more.
            // `一年半`, `两米半`; not `半导体`, `20兆瓦半直驱` (半 starting a word).
            let half_ends = text[c.end..].strip_prefix('半').is_some_and(|r| {
                r.chars().next().is_none_or(|h| !is_cjk(h) || "的以左多后内来前之时个".contains(h))
            });
            if matches!(kind, Some(UnitKind::Measure | UnitKind::Time)) && half_ends {
                value += 0.5 * sign;
                total += 0.5 * sign * n.mag_factor * factor;
                last_unit_end = c.end + '半'.len_utf8();
            }
            // `123元1角1分`, `五元三毛`: smaller money units.
            if kind == Some(UnitKind::Money) && n.mag.is_empty() {
                if let Some((extra, e)) = jiao_fen(text, c.end, c.unit.starts_with('块')) {
                    value += sign * extra;
                    total += sign * extra * factor;
                    last_unit_end = e;
                }
            }
            if let Some(hi) = n.max {
                value_max = Some(tidy(sign * hi / n.mag_factor));
                total_max = Some(tidy(sign * hi * factor));
                comparator = Comparator::Approx;
            }
            if let (Some((lo, hi)), Some(_)) = (n.pair, &c.info) {
                // `三五年`, `两三个`: a rough range of two neighbouring digits.
                value = sign * lo;
                total = sign * lo * factor;
                value_max = Some(sign * hi);
                total_max = Some(tidy(sign * hi * factor));
                comparator = Comparator::Approx;
            }
        }
        if let Some((second, (lo_total, hi_total))) = &range {
            // One unit for both ends: the first number's magnitude (or the one it shares
            // with the second, `一百二十到一百五十万元`) and the shared base unit.
            let shared = n.mag.is_empty()
                && !second.n.mag.is_empty()
                && c.unit.is_empty()
                && (*lo_total - sign * n.value).abs() > 0.0;
            let (mag, mag_factor) = if shared {
                (second.n.mag.as_str(), second.n.mag_factor)
            } else {
                (n.mag.as_str(), n.mag_factor)
            };
            let info = c.info.as_ref().or(second.info.as_ref());
            let written = if c.unit.is_empty() { second.unit.as_str() } else { c.unit.as_str() };
            unit = format!("{mag}{written}");
            let f = info.map_or(1.0, |u| u.factor);
            base = info.map_or(String::new(), |u| u.base.clone());
            kind = info.map(|u| u.kind);
            value = lo_total / mag_factor;
            value_max = Some(tidy(hi_total / mag_factor));
            total = tidy(lo_total * f);
            total_max = Some(tidy(hi_total * f));
            comparator = Comparator::Range;
        } else if value_max.is_some() {
            // a rough range (`三五百`) stays approximate
        } else if let Some((cmp, r)) = pre.clone() {
            comparator = cmp;
            word = Some(r);
        } else if n.more {
            comparator = Comparator::Gt;
            let m = text[c.start..c.num_end].rfind(['余', '多', '几']).map(|k| c.start + k);
            word = m.map(|k| k..k + 3);
        } else if let Some((cmp, r)) = post.clone() {
            comparator = cmp;
            word = Some(r);
        }
        let start = match (&comparator, &word) {
            (Comparator::Range, _) => pre.as_ref().map_or(c.start, |(_, r)| r.start),
            (_, Some(r)) if r.start < c.start => r.start,
            _ => c.start,
        };
        let end = match &post {
            Some((_, r))
                if comparator != Comparator::Range || !matches!(text[r.clone()].as_ref(), "余" | "多") =>
            {
                r.end.max(last_unit_end)
            }
            _ => last_unit_end,
        };
        // No unit: a plain number, unless a magnitude with a comparator makes it an amount
        // (`超千亿`).
        // A number with 万/亿 is an amount even without a unit (`常住人口12.5万`).
        let bare = kind.is_none() && (unit.is_empty() || (comparator == Comparator::Eq && !n.mag.contains(['万', '亿'])))
            // `一条`, `每一所`, `一个`: 一 with a measure word is an article, not a count.
            || (kind == Some(UnitKind::Count) && !n.arabic && n.value == 1.0 && range.is_none() && comparator == Comparator::Eq)
            // A count inside a short quoted slogan or name (`“四个一”`, `“15分钟生活圈”`).
            || quoted(text, start, end);
        if kind == Some(UnitKind::Percent) && c.unit == "‰" {
            base = "%".into();
            total = tidy(total / 10.0);
            total_max = total_max.map(|t| tidy(t / 10.0));
        }
        let number_end = range.as_ref().map_or(c.num_end, |(s, _)| s.num_end);
        Ok(Quantity {
            range: start..end,
            number: c.start..number_end,
            value: tidy(value),
            value_max,
            unit,
            normalized: Some(Normalized { value: tidy(total), value_max: total_max, unit: base }),
            comparator,
            sentence: 0,
            bare,
            comparator_word: word,
            kind,
        })
    }

    /// The second number of a range after `first`, with the range's totals (both in the
    /// second number's unit, magnitudes folded).
    pub(super) fn second(&self, text: &str, first: &Core) -> Option<(Core, (f64, f64))> {
        let mut j = first.end;
        if text[j..].starts_with("(含)") {
            j += "(含)".len();
        }
        j = skip_spaces(text, j);
        let rest = &text[j..];
        let sep =
            ["——", "--", "—", "-", "–", "~", "〜", "至", "到"].iter().find(|s| rest.starts_with(**s))?;
        j = skip_spaces(text, j + sep.len());
        let c = next_char(text, j)?;
        if !(c.is_ascii_digit() || cn_digit(c).is_some() || c == '十') {
            return None;
        }
        let second = self.core(text, j, &[]).ok()?;
        if second.negative || second.n.sequence || second.n.leading_zero {
            return None;
        }
        // Units must agree; a unitless first number shares the second's.
        if !first.unit.is_empty() && !second.unit.is_empty() && first.unit != second.unit {
            return None;
        }
        let sign = if first.negative { -1.0 } else { 1.0 };
        let mut lo = sign * first.n.value;
        let hi = second.n.value;
        if first.n.mag.is_empty()
            && !second.n.mag.is_empty()
            && first.unit.is_empty()
            && lo * second.n.mag_factor <= hi
        {
            lo *= second.n.mag_factor;
        }
        if hi <= lo || hi.is_nan() || lo.is_nan() {
            return None;
        }
        // Years (`2023-2025年`) and dates are not ranges of quantities.
        if second.unit.is_empty() && text[second.num_end..].starts_with(['年', '月', '日']) {
            return None;
        }
        Some((second, (tidy(lo), tidy(hi))))
    }
}

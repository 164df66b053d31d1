//! The verdict rule of the promise ledger: whether a result keeps a promise.
//!
//! Both sides are first put in one form, a `Value`: the number in its normalised unit
//! (`240亿元` → 24000000000 元, via the target's `normalized`), signed (a growth figure after
//! a decline word, `下降3%`, is −3), with the factor back to the unit the promise was written
//! in. Then, in that order:
//! - a promise whose comparator is `<=` or `<`, or whose number follows a decline word
//!   (`declines.txt`: `下降`, `降至`) or a cap word (`caps.txt`: `控制在`), points **down**: it
//!   is met when the result is at or under the promised value;
//! - every other promise (`>=`, `>`, `=`, `~`, `range`) points **up**: it is met when the
//!   result reaches the promised value (`6%左右` is met by 6% and by 6.5%, missed by 5.9%);
//! - a range (`6%-7%`) is met when the result reaches its less demanding end (6 when up,
//!   7 when down);
//! - values equal within rounding noise count as reached;
//! - a result in another unit (after normalising) is no result for this promise, and an
//!   average over several years (`averages.txt`: `年均增长7%`) is compared only with an
//!   average.
//!
//! The gap is the result minus the promised value (the end compared), in the unit the
//! promise was written in, so `增长21%` against 18.5% gives −2.5 and `240亿元` against 235.2亿元
//! gives −4.8.

use crate::document::{Comparator, Measure, Target};
use crate::grammar::numeral;
use crate::lexicon::Lexicons;
use serde::Serialize;

/// Longest clause read for the word before the number, in characters.
const MAX_CLAUSE: usize = 400;

/// Which way a promise points.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Direction {
    /// Met when the result reaches the promised value.
    Up,
    /// Met when the result stays at or under it.
    Down,
}

impl Direction {
    /// The name in tables and JSON (`up`, `down`).
    pub fn as_str(self) -> &'static str {
        match self {
            Direction::Up => "up",
            Direction::Down => "down",
        }
    }
}

/// The verdict on one promise.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Verdict {
    /// The result keeps the promise.
    Met,
    /// The result falls short of the promise.
    Missed,
    /// No result for the promise's year in any document of the place.
    NotReported,
    /// Results for the year disagree.
    Ambiguous,
}

impl Verdict {
    /// Every verdict, in the order summaries list them.
    pub const ALL: [Verdict; 4] = [Verdict::Met, Verdict::Missed, Verdict::NotReported, Verdict::Ambiguous];

    /// The name in tables and JSON (`met`, `not_reported`).
    pub fn as_str(self) -> &'static str {
        match self {
            Verdict::Met => "met",
            Verdict::Missed => "missed",
            Verdict::NotReported => "not_reported",
            Verdict::Ambiguous => "ambiguous",
        }
    }

    /// The verdict in Chinese, for the report.
    pub fn zh(self) -> &'static str {
        match self {
            Verdict::Met => "完成",
            Verdict::Missed => "未完成",
            Verdict::NotReported => "未报告",
            Verdict::Ambiguous => "说法不一",
        }
    }
}

/// What the words before a target's number say about it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub(crate) struct Reading {
    /// A decline word (`下降3%`): the change is negative.
    pub decline: bool,
    /// A cap word (`控制在3%`): the target is a ceiling.
    pub cap: bool,
    /// An average word anywhere before it (`年均增长7%`): a change averaged over years.
    pub average: bool,
}

/// The decline and cap words, and the comparator words that may stand between them and the
/// number, compiled once.
#[derive(Debug, Clone)]
pub(crate) struct Directions {
    /// (word as chars, is a decline), longest first.
    words: Vec<(Vec<char>, bool)>,
    /// Comparator words written before a number (`不少于`), longest first.
    between: Vec<Vec<char>>,
    /// Words that make a change an average over years (`年均`).
    averages: Vec<Vec<char>>,
}

impl Directions {
    pub fn new(lex: &Lexicons) -> Directions {
        let mut words: Vec<(Vec<char>, bool)> = lex
            .declines
            .iter()
            .map(|w| (w.0.chars().collect(), true))
            .chain(lex.caps.iter().map(|w| (w.0.chars().collect(), false)))
            .collect();
        words.sort_by_key(|w| std::cmp::Reverse(w.0.len()));
        let mut between: Vec<Vec<char>> =
            lex.comparators.iter().filter(|c| c.before).map(|c| c.word.chars().collect()).collect();
        between.sort_by_key(|w| std::cmp::Reverse(w.len()));
        let averages = lex.averages.iter().map(|w| w.0.chars().collect()).collect();
        Directions { words, between, averages }
    }

    /// Reads the word before the target's number in its clause. The number is found by its
    /// value (Arabic or Chinese numerals); a clause where it cannot be found reads as
    /// neither a decline nor a cap.
    pub fn read(&self, t: &Target) -> Reading {
        let clause: Vec<char> = t.text.chars().take(MAX_CLAUSE).map(crate::clean::normalize_char).collect();
        let Some(at) = number_at(&clause, t.value) else { return Reading::default() };
        let before = &clause[..at];
        let average = self.averages.iter().any(|w| before.windows(w.len()).any(|x| x == w.as_slice()));
        let mut ends = vec![at];
        if let Some(w) = self.between.iter().find(|w| before.ends_with(w)) {
            ends.push(at - w.len());
        }
        for end in ends {
            if let Some((_, decline)) = self.words.iter().find(|(w, _)| clause[..end].ends_with(w)) {
                return Reading { decline: *decline, cap: !*decline, average };
            }
        }
        Reading { average, ..Reading::default() }
    }
}

/// The char index of the first numeral in `clause` whose value (or value before its
/// magnitude, `240` of `240亿`) is `value`.
fn number_at(clause: &[char], value: f64) -> Option<usize> {
    let mut i = 0;
    while i < clause.len() {
        let c = clause[i];
        // A numeral starts here, not inside a longer one (`12` is not `2`).
        let inside = i > 0 && (numeral::starts_numeral(clause[i - 1]) || clause[i - 1] == '.');
        if numeral::starts_numeral(c) && !inside {
            let rest: String = clause[i..].iter().take(40).collect();
            if let Some(n) = numeral::read(&rest) {
                if close(n.head, value) || close(n.value, value) {
                    return Some(i);
                }
                i += rest[..n.len].chars().count().max(1);
                continue;
            }
        }
        i += 1;
    }
    None
}

/// Rounds away the noise of a subtraction (`20.3 − 20` is 0.30000000000000071): figures in
/// reports carry far fewer than 12 significant digits.
pub(crate) fn round(x: f64) -> f64 {
    if !x.is_finite() || x == 0.0 {
        return x;
    }
    format!("{x:.11e}").parse().unwrap_or(x)
}

/// Equal within rounding noise.
pub(crate) fn close(a: f64, b: f64) -> bool {
    (a - b).abs() <= 1e-9 * a.abs().max(b.abs()).max(1.0)
}

/// A target's number ready to compare.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Value {
    /// Lower and upper end in the normalised unit, signed (equal unless a range).
    pub lo: f64,
    pub hi: f64,
    /// The normalised unit (the written one when there is no normalised form).
    pub unit: String,
    /// Written value = normalised value × `factor`.
    pub factor: f64,
    pub direction: Direction,
    /// An average over several years (`年均增长7%`), comparable only with another.
    pub average: bool,
}

impl Value {
    /// The target's value in comparable form, with its direction.
    pub fn of(t: &Target, reading: Reading) -> Value {
        let (v, max, unit) = match &t.normalized {
            Some(n) => (n.value, n.value_max, n.unit.clone()),
            None => (t.value, t.value_max, t.unit.clone()),
        };
        let factor = if v != 0.0 && t.value.is_finite() { t.value / v } else { 1.0 };
        let (mut lo, mut hi) = (v, max.unwrap_or(v));
        if hi < lo {
            std::mem::swap(&mut lo, &mut hi);
        }
        if reading.decline && t.measure == Measure::Growth {
            (lo, hi) = (-hi, -lo);
        }
        let down = matches!(t.comparator, Comparator::Le | Comparator::Lt) || reading.decline || reading.cap;
        let direction = if down { Direction::Down } else { Direction::Up };
        Value { lo, hi, unit, factor, direction, average: reading.average }
    }

    /// The signed value as written (the promise's unit).
    pub fn written(&self) -> f64 {
        round(self.lo * self.factor)
    }

    /// The signed upper end as written, for a range.
    pub fn written_max(&self) -> Option<f64> {
        (!close(self.lo, self.hi)).then(|| round(self.hi * self.factor))
    }

    /// The end a result is held to: the less demanding one.
    fn bound(&self) -> f64 {
        match self.direction {
            Direction::Up => self.lo,
            Direction::Down => self.hi,
        }
    }

    /// The same number in the same unit (a repeated statement of one value).
    pub fn same(&self, other: &Value) -> bool {
        self.unit == other.unit
            && self.average == other.average
            && close(self.lo, other.lo)
            && close(self.hi, other.hi)
    }

    /// Whether a result of this kind can settle a promise of `promise`'s kind: the same
    /// unit, and an average only for an average.
    pub fn comparable(&self, promise: &Value) -> bool {
        self.unit == promise.unit && self.average == promise.average
    }
}

/// The judgement of one result against one promise.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct Judgement {
    pub verdict: Verdict,
    /// The result in the promise's unit, signed.
    pub achieved: f64,
    /// Result minus promised value, in the promise's unit.
    pub gap: f64,
}

/// Judges a result against a promise; `None` when they are not comparable.
pub(crate) fn judge(promise: &Value, result: &Value) -> Option<Judgement> {
    if !result.comparable(promise) {
        return None;
    }
    let bound = promise.bound();
    let a = result.lo;
    let reached = match promise.direction {
        Direction::Up => a >= bound || close(a, bound),
        Direction::Down => a <= bound || close(a, bound),
    };
    Some(Judgement {
        verdict: if reached { Verdict::Met } else { Verdict::Missed },
        achieved: round(a * promise.factor),
        gap: round((a - bound) * promise.factor),
    })
}

#[cfg(test)]
mod tests {
    use super::super::tests::target;
    use super::*;

    fn dirs() -> Directions {
        Directions::new(&Lexicons::embedded().unwrap())
    }

    fn value(t: &Target) -> Value {
        Value::of(t, dirs().read(t))
    }

    fn verdict(promise: &Target, result: &Target) -> (Verdict, f64) {
        let j = judge(&value(promise), &value(result)).expect("same unit");
        (j.verdict, j.gap)
    }

    use Comparator::*;
    use Measure::*;

    #[test]
    fn gaps_carry_no_float_noise() {
        let p = target("收入增长20%", 20.0, "%", Growth, Eq);
        assert_eq!(verdict(&p, &target("增长20.3%", 20.3, "%", Growth, Eq)).1, 0.3);
    }

    #[test]
    fn growth_is_met_when_reached() {
        let p = target("地区生产总值增长6%", 6.0, "%", Growth, Eq);
        assert_eq!(verdict(&p, &target("同比增长6.2%", 6.2, "%", Growth, Eq)).0, Verdict::Met);
        assert_eq!(verdict(&p, &target("增长6%", 6.0, "%", Growth, Eq)).0, Verdict::Met);
        let (v, gap) = verdict(&p, &target("增长5.5%", 5.5, "%", Growth, Eq));
        assert_eq!((v, gap), (Verdict::Missed, -0.5));
    }

    #[test]
    fn about_at_least_and_more_than_need_the_value() {
        for cmp in [Approx, Ge, Gt] {
            let p = target("增长7.5%左右", 7.5, "%", Growth, cmp);
            assert_eq!(verdict(&p, &target("增长7.5%", 7.5, "%", Growth, Eq)).0, Verdict::Met, "{cmp:?}");
            assert_eq!(verdict(&p, &target("增长7.4%", 7.4, "%", Growth, Eq)).0, Verdict::Missed, "{cmp:?}");
        }
    }

    #[test]
    fn ceilings_are_met_when_the_result_stays_under() {
        let p = target("城镇登记失业率控制在4.5%以内", 4.5, "%", Share, Le);
        assert_eq!(value(&p).direction, Direction::Down);
        assert_eq!(verdict(&p, &target("失业率为3.9%", 3.9, "%", Share, Eq)).0, Verdict::Met);
        let (v, gap) = verdict(&p, &target("失业率为4.8%", 4.8, "%", Share, Eq));
        assert_eq!(v, Verdict::Missed);
        assert!(close(gap, 0.3), "{gap}");
        // A cap word without 以内 is a ceiling too, and keeps its sign.
        let cpi = target("物价涨幅控制在3%左右", 3.0, "%", Share, Approx);
        assert_eq!(value(&cpi).direction, Direction::Down);
        assert_eq!(value(&cpi).lo, 3.0);
        assert_eq!(verdict(&cpi, &target("物价上涨2.1%", 2.1, "%", Share, Eq)).0, Verdict::Met);
    }

    #[test]
    fn declines_are_negative_growth_and_point_down() {
        let p = target("单位能耗下降3%", 3.0, "%", Growth, Eq);
        let v = value(&p);
        assert_eq!((v.lo, v.direction), (-3.0, Direction::Down));
        assert_eq!(verdict(&p, &target("能耗比上年下降3.4%", 3.4, "%", Growth, Eq)).0, Verdict::Met);
        let (miss, gap) = verdict(&p, &target("能耗下降2.5%", 2.5, "%", Growth, Eq));
        assert_eq!(miss, Verdict::Missed);
        assert!(close(gap, 0.5), "{gap}");
        // A rise against a promised fall.
        assert_eq!(verdict(&p, &target("能耗增长1%", 1.0, "%", Growth, Eq)).0, Verdict::Missed);
        // Chinese numerals and a comparator word between.
        let cn = target("排放总量下降不少于三个百分点", 3.0, "个百分点", Growth, Ge);
        assert_eq!(value(&cn).lo, -3.0);
    }

    #[test]
    fn a_level_lowered_to_a_value_is_a_ceiling_without_sign() {
        let p = target("细颗粒物平均浓度降至35微克/立方米", 35.0, "微克/立方米", Level, Eq);
        let v = value(&p);
        assert_eq!((v.lo, v.direction), (35.0, Direction::Down));
        assert_eq!(
            verdict(&p, &target("浓度为32微克/立方米", 32.0, "微克/立方米", Level, Eq)).0,
            Verdict::Met
        );
    }

    #[test]
    fn the_word_must_stand_right_before_the_number() {
        // 降低 names what is counted here, not the direction of the number.
        let p = target("帮助企业降低成本费用2亿元", 2.0, "亿元", Level, Eq);
        assert_eq!(value(&p).direction, Direction::Up);
        // The decline belongs to the first number, not the second.
        let two = target("由下降2%转为增长5%", 5.0, "%", Growth, Eq);
        assert_eq!(value(&two).lo, 5.0);
        // 12 is not 2.
        let twelve = target("下降12%，增长2%", 2.0, "%", Growth, Eq);
        assert_eq!(value(&twelve).direction, Direction::Up);
    }

    #[test]
    fn an_average_over_years_compares_only_with_an_average() {
        let plan = target("到2025年地区生产总值年均增长7%", 7.0, "%", Growth, Eq);
        assert!(value(&plan).average);
        assert!(judge(&value(&plan), &value(&target("地区生产总值增长7.5%", 7.5, "%", Growth, Eq))).is_none());
        let review = target("五年来地区生产总值年均增长6.8%", 6.8, "%", Growth, Eq);
        assert_eq!(verdict(&plan, &review).0, Verdict::Missed);
        // The word after the number does not count.
        assert!(!value(&target("增长7%，高于年均水平", 7.0, "%", Growth, Eq)).average);
    }

    #[test]
    fn magnitudes_are_normalised_and_the_gap_is_in_the_promise_unit() {
        let p = target("地区生产总值达到240亿元", 240.0, "亿元", Level, Eq);
        let r = target("地区生产总值完成2352000万元", 2_352_000.0, "万元", Level, Eq);
        let (v, gap) = verdict(&p, &r);
        assert_eq!(v, Verdict::Missed);
        assert!(close(gap, -4.8), "{gap}");
        let j = judge(&value(&p), &value(&r)).unwrap();
        assert!(close(j.achieved, 235.2), "{}", j.achieved);
        // A growth rate is no result for a level.
        assert!(judge(&value(&p), &value(&target("增长8%", 8.0, "%", Growth, Eq))).is_none());
    }

    #[test]
    fn ranges_are_held_to_their_easier_end() {
        let mut p = target("增长6%-7%", 6.0, "%", Growth, Range);
        p.value_max = Some(7.0);
        p.normalized.as_mut().unwrap().value_max = Some(7.0);
        assert_eq!(verdict(&p, &target("增长6.3%", 6.3, "%", Growth, Eq)).0, Verdict::Met);
        assert_eq!(value(&p).written_max(), Some(7.0));
        let mut d = target("下降3%-4%", 3.0, "%", Growth, Range);
        d.value_max = Some(4.0);
        d.normalized.as_mut().unwrap().value_max = Some(4.0);
        let v = value(&d);
        assert_eq!((v.lo, v.hi), (-4.0, -3.0));
        assert_eq!(verdict(&d, &target("下降3.2%", 3.2, "%", Growth, Eq)).0, Verdict::Met);
        assert_eq!(verdict(&d, &target("下降2%", 2.0, "%", Growth, Eq)).0, Verdict::Missed);
    }
}

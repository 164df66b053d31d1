//! The matching primitives of `score.py`, ported function by function so that `zhengce eval`
//! gives the same figures: every length is in code points and every comparison follows
//! Python's semantics (`str.strip`, `math.isclose`, `round`).

/// Magnitude prefixes folded into a value, in the order `score.py` tries them.
const MAGNITUDES: [(&str, f64); 4] = [("亿", 1e8), ("万", 1e4), ("千", 1e3), ("百", 1e2)];

/// Units that begin with a magnitude character but are units in their own right.
const ATOMIC: [&str; 9] = ["百分点", "千瓦", "千米", "千克", "千伏", "千帕", "千卡", "千焦", "千字"];

/// Characters [`squeeze`] drops: quotes, title brackets and white space, which annotators
/// and the tool write differently around the same name.
const QUOTES: &str = "“”‘’\"'《》〈〉「」『』【】 \u{3000}\t\r\n";

/// Python's `str.isspace`: Unicode white space plus the ASCII separators 0x1C–0x1F, which
/// Rust's `char::is_whitespace` leaves out.
fn is_py_space(c: char) -> bool {
    c.is_whitespace() || ('\u{1c}'..='\u{1f}').contains(&c)
}

/// Python's `str.strip()`.
pub fn py_strip(s: &str) -> &str {
    s.trim_matches(is_py_space)
}

/// Number of code points (Python's `len`).
pub fn char_len(s: &str) -> usize {
    s.chars().count()
}

/// `('亿元')` → `(1e8, '元')`; `('万平方米')` → `(1e4, '平方米')`; `('%')` → `(1, '%')`.
pub fn split_unit(unit: Option<&str>) -> (f64, String) {
    let mut unit = py_strip(unit.unwrap_or(""));
    let mut mult = 1.0;
    let mut changed = true;
    while changed && !unit.is_empty() && !ATOMIC.iter().any(|a| unit.starts_with(a)) {
        changed = false;
        for (prefix, m) in MAGNITUDES {
            if let Some(rest) = unit.strip_prefix(prefix) {
                mult *= m;
                unit = rest;
                changed = true;
                break;
            }
        }
    }
    (mult, unit.to_string())
}

/// What an item says about its normalized quantity, in the shapes `score.py` accepts:
/// the schema's `{"value", "unit"}` object (predictions) or a bare number with `base` (gold).
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Norm<'a> {
    Absent,
    Object { value: Option<f64>, unit: Option<&'a str> },
    Number(f64),
}

/// `(value, base unit)` with the magnitude folded in; `None` when the item has no number.
pub fn normalized_of(
    norm: Norm<'_>,
    base: Option<&str>,
    value: Option<f64>,
    unit: Option<&str>,
) -> Option<(f64, String)> {
    // Python's `x or y`: an empty string falls through like a missing one.
    let or_split = |s: Option<&str>| match s {
        Some(s) if !s.is_empty() => s.to_string(),
        _ => split_unit(unit).1,
    };
    match norm {
        Norm::Object { value: Some(v), unit: u } => return Some((v, or_split(u))),
        Norm::Number(v) => return Some((v, or_split(base))),
        Norm::Object { value: None, .. } | Norm::Absent => {}
    }
    let value = value?;
    let (mult, base) = split_unit(unit);
    Some((value * mult, base))
}

/// Python's `math.isclose(a, b, rel_tol=1e-6, abs_tol=1e-9)`; `None` never matches.
pub fn same_number(a: Option<f64>, b: Option<f64>) -> bool {
    let (Some(a), Some(b)) = (a, b) else { return false };
    if a == b {
        return true;
    }
    if a.is_infinite() || b.is_infinite() {
        return false;
    }
    let diff = (b - a).abs();
    diff <= (1e-6 * b).abs() || diff <= (1e-6 * a).abs() || diff <= 1e-9
}

/// Base units agree when equal after stripping, or when either side does not say.
pub fn same_base(a: Option<&str>, b: Option<&str>) -> bool {
    let (a, b) = (py_strip(a.unwrap_or("")), py_strip(b.unwrap_or("")));
    a == b || a.is_empty() || b.is_empty()
}

/// Drops quotes, brackets and white space.
pub fn squeeze(s: Option<&str>) -> String {
    s.unwrap_or("").chars().filter(|c| !QUOTES.contains(*c)).collect()
}

/// Length of the longest common substring, in code points.
pub fn lcs_len(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    if a.is_empty() || b.is_empty() {
        return 0;
    }
    let mut best = 0;
    let mut prev = vec![0usize; b.len() + 1];
    let mut cur = vec![0usize; b.len() + 1];
    for ca in a.chars() {
        for (j, &cb) in b.iter().enumerate() {
            cur[j + 1] = if ca == cb { prev[j] + 1 } else { 0 };
            best = best.max(cur[j + 1]);
        }
        std::mem::swap(&mut prev, &mut cur);
    }
    best
}

/// An indicator is right when it shares a run of at least two characters (or the whole of
/// a shorter phrase) that covers half of the shorter one with any accepted phrasing.
pub fn close_phrase(pred: Option<&str>, gold_options: &[Option<&str>]) -> bool {
    let pred = squeeze(pred);
    let plen = char_len(&pred);
    gold_options.iter().any(|gold| {
        let gold = squeeze(*gold);
        let glen = char_len(&gold);
        if pred.is_empty() || gold.is_empty() {
            return false;
        }
        let common = lcs_len(&pred, &gold);
        common >= 2.min(plen).min(glen) && common as f64 >= 0.5 * plen.min(glen) as f64
    })
}

/// The lenient project rule: one name contains the other and the shorter has at least 60%
/// of the longer's length (`九星城` for `九星城项目`, but not `中心` for a long name).
pub fn lenient_name_match(pred: &str, gold: &str) -> bool {
    let (p, g) = (char_len(pred), char_len(gold));
    (gold.contains(pred) || pred.contains(gold)) && p.min(g) as f64 >= 0.6 * p.max(g) as f64
}

/// `[start, end)` in code points of the `occurrence`-th (1-based, overlapping) occurrence of
/// `quote` in `text`, as `text.find` finds it. Occurrence 0 keeps Python's result, a
/// span starting at -1.
pub fn find_quote(text: &str, quote: &str, occurrence: i64) -> Option<[i64; 2]> {
    let qlen = char_len(quote) as i64;
    let mut start: i64 = -1;
    // Byte position from which to search next, and the code-point index it stands for.
    let (mut from_byte, mut from_char) = (0usize, 0i64);
    for _ in 0..occurrence {
        if from_byte > text.len() {
            return None;
        }
        let found = text[from_byte..].find(quote)? + from_byte;
        start = from_char + char_len(&text[from_byte..found]) as i64;
        // Python searches again from `start + 1`: one code point further.
        let step = text[found..].chars().next().map_or(1, char::len_utf8);
        from_byte = found + step;
        from_char = start + 1;
    }
    Some([start, start + qlen])
}

/// Python's `round(x, 4)`: both round the exact binary value half to even, as does Rust's
/// fixed-precision formatting; parsing back gives the nearest double, as Python returns.
pub fn round4(x: f64) -> f64 {
    format!("{x:.4}").parse().unwrap_or(x)
}

/// Python's `repr` of a float (`1.0`, `0.8333`), which the text report prints for accuracies.
pub fn py_float_repr(x: f64) -> String {
    let s = format!("{x}");
    if s.contains(['.', 'e', 'i', 'N']) {
        s
    } else {
        s + ".0"
    }
}

/// Precision, recall and F1; 0 where undefined.
pub fn prf(tp: u64, fp: u64, fn_: u64) -> (f64, f64, f64) {
    let p = if tp + fp > 0 { tp as f64 / (tp + fp) as f64 } else { 0.0 };
    let r = if tp + fn_ > 0 { tp as f64 / (tp + fn_) as f64 } else { 0.0 };
    let f = if p + r > 0.0 { 2.0 * p * r / (p + r) } else { 0.0 };
    (p, r, f)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn split_unit_folds_magnitudes_but_not_atomic_units() {
        assert_eq!(split_unit(Some("亿元")), (1e8, "元".into()));
        assert_eq!(split_unit(Some(" 万平方米 ")), (1e4, "平方米".into()));
        assert_eq!(split_unit(Some("万亿元")), (1e12, "元".into()));
        assert_eq!(split_unit(Some("%")), (1.0, "%".into()));
        assert_eq!(split_unit(Some("百分点")), (1.0, "百分点".into()));
        assert_eq!(split_unit(Some("万千瓦")), (1e4, "千瓦".into()));
        assert_eq!(split_unit(Some("千米")), (1.0, "千米".into()));
        assert_eq!(split_unit(None), (1.0, String::new()));
    }

    #[test]
    fn normalized_of_prefers_the_normalized_field() {
        let obj = Norm::Object { value: Some(1.2e10), unit: Some("元") };
        assert_eq!(normalized_of(obj, None, Some(122.0), Some("亿元")), Some((1.2e10, "元".into())));
        // An empty unit in the object falls back to the written unit's base.
        let obj = Norm::Object { value: Some(5.0), unit: Some("") };
        assert_eq!(normalized_of(obj, None, Some(5.0), Some("万人")), Some((5.0, "人".into())));
        // Gold: a bare number with `base`.
        assert_eq!(
            normalized_of(Norm::Number(12000.0), Some("人"), None, None),
            Some((12000.0, "人".into()))
        );
        assert_eq!(normalized_of(Norm::Number(3.0), None, None, Some("亿元")), Some((3.0, "元".into())));
        // Nothing normalized: value times magnitude.
        assert_eq!(normalized_of(Norm::Absent, None, Some(1.5), Some("万吨")), Some((15000.0, "吨".into())));
        let no_value = Norm::Object { value: None, unit: Some("元") };
        assert_eq!(normalized_of(no_value, None, None, Some("元")), None);
    }

    #[test]
    fn numbers_and_bases_compare_like_score_py() {
        assert!(same_number(Some(0.1 + 0.2), Some(0.3)));
        assert!(same_number(Some(1e10), Some(1e10 + 1000.0)));
        assert!(!same_number(Some(1.0), Some(1.01)));
        assert!(same_number(Some(0.0), Some(1e-10)));
        assert!(!same_number(None, Some(1.0)));
        assert!(!same_number(Some(f64::INFINITY), Some(1e308)));
        assert!(same_base(Some("元"), Some(" 元")));
        assert!(same_base(Some(""), Some("元")));
        assert!(same_base(None, Some("元")));
        assert!(!same_base(Some("元"), Some("人")));
    }

    #[test]
    fn squeeze_drops_quotes_brackets_and_spaces() {
        assert_eq!(squeeze(Some("“百名干部大练兵” 行动")), "百名干部大练兵行动");
        assert_eq!(squeeze(Some("《关于印发\u{3000}方案的通知》")), "关于印发方案的通知");
        assert_eq!(squeeze(None), "");
    }

    #[test]
    fn lcs_counts_code_points_of_the_longest_common_run() {
        assert_eq!(lcs_len("全社会固定资产投资", "固定资产投资额"), 6);
        assert_eq!(lcs_len("abcde", "xbcdy"), 3);
        assert_eq!(lcs_len("", "abc"), 0);
        assert_eq!(lcs_len("abc", "def"), 0);
        assert_eq!(lcs_len("aaa", "aa"), 2);
    }

    #[test]
    fn close_phrase_needs_two_characters_and_half_the_shorter() {
        assert!(close_phrase(Some("固定资产投资"), &[Some("全社会固定资产投资")]));
        assert!(close_phrase(Some("“区级财政收入”"), &[Some("区级财政收入")]));
        // One shared character is not enough, unless the shorter phrase is one character.
        assert!(!close_phrase(Some("投资额"), &[Some("资金")]));
        assert!(close_phrase(Some("电"), &[Some("用电量")]));
        // Half of the shorter: 2 of 6 is not enough.
        assert!(!close_phrase(Some("工业增加值"), &[Some("规上工业产值")]));
        assert!(!close_phrase(Some("地区生产总值"), &[Some("财政收入")]));
        // Any accepted phrasing will do; empty ones are skipped.
        assert!(close_phrase(Some("GDP"), &[Some("地区生产总值"), None, Some("GDP增速")]));
        assert!(!close_phrase(None, &[Some("地区生产总值")]));
    }

    #[test]
    fn lenient_project_rule_needs_containment_and_sixty_percent() {
        assert!(lenient_name_match("九星城", "九星城项目"));
        assert!(lenient_name_match("九星城项目", "九星城"));
        // 2 of 5 code points: too short.
        assert!(!lenient_name_match("中心", "机器人中心"));
        // 3 of 5 = 0.6 exactly: accepted.
        assert!(lenient_name_match("人中心", "机器人中心"));
        assert!(!lenient_name_match("滨河公园", "滨江公园"));
    }

    #[test]
    fn find_quote_counts_code_points_and_overlapping_occurrences() {
        let text = "一二三aa一二三aaa";
        assert_eq!(find_quote(text, "一二三", 1), Some([0, 3]));
        assert_eq!(find_quote(text, "一二三", 2), Some([5, 8]));
        assert_eq!(find_quote(text, "一二三", 3), None);
        assert_eq!(find_quote(text, "aa", 2), Some([8, 10]));
        assert_eq!(find_quote(text, "aa", 3), Some([9, 11]));
        assert_eq!(find_quote(text, "b", 1), None);
        assert_eq!(find_quote(text, "aa", 0), Some([-1, 1]));
        assert_eq!(find_quote("ab", "", 3), Some([2, 2]));
        assert_eq!(find_quote("ab", "", 4), None);
    }

    #[test]
    fn rounding_and_repr_match_python() {
        // Exact binary ties round half to even, as Python's round does.
        assert_eq!(round4(0.03125), 0.0312);
        assert_eq!(round4(0.09375), 0.0938);
        assert_eq!(round4(2.0 / 3.0), 0.6667);
        assert_eq!(py_float_repr(1.0), "1.0");
        assert_eq!(py_float_repr(0.0), "0.0");
        assert_eq!(py_float_repr(0.8333), "0.8333");
        assert_eq!(prf(0, 0, 0), (0.0, 0.0, 0.0));
        assert_eq!(prf(1, 1, 0).2, 2.0 / 3.0);
    }
}

//! The number grammar: every quantity expression with its value, unit, normalised value and
//! comparator. Numbers are found on the normalised text, not on jieba tokens (jieba splits
//! `23,876` and full-width digits).
//!
//! One left-to-right scan: at each character that can start a numeral, [`numeral::read`]
//! reads the longest numeral, then the context decides: dates, ordinals, list markers,
//! codes and idioms are skipped; a unit from `dictionaries/units.txt`, comparator words from
//! `dictionaries/comparators.txt` and a second numeral (ranges) are attached. Chinese
//! numerals count only in a clear numeric context (a unit, a comparator, a multiplier), so
//! `四川`, `一切` and `统一` are not numbers. Work per start is bounded and the scan resumes
//! after what it read, so time is linear in the text.

use super::Context;
use crate::document::{Comparator, Normalized};
use crate::error::Result;
use crate::grammar::numeral::{self, cn_digit, read, starts_numeral, tidy, Numeral};
use crate::grammar::{is_han as is_cjk, next_char, prev_char};
use crate::lexicon::{self, Lexicons, NumberStopKind, UnitKind};
use aho_corasick::{AhoCorasick, MatchKind};
use lists::{bounds_to_ranges, share_comparators};
use rustc_hash::FxHashMap as HashMap;
use std::ops::Range;

/// One quantity expression. `range` covers the number, its unit and any comparator words
/// that belong to it (`30%以上`, `不少于45家`).
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Quantity {
    pub range: Range<usize>,
    /// Byte range of the number itself (without comparator words and unit); for a range,
    /// from the first number to the end of the second.
    pub number: Range<usize>,
    pub value: f64,
    pub value_max: Option<f64>,
    /// The unit as written, magnitude included (`亿元`, `%`, `个百分点`); may be empty.
    pub unit: String,
    pub normalized: Option<Normalized>,
    pub comparator: Comparator,
    /// Index of the sentence it was found in (0 for [`NumberGrammar::find`]).
    pub sentence: usize,
    /// A plain number with no unit (`2023`, `一百五十二`, a code): reported by `zhengce
    /// numbers` but not a quantity, so [`NumberGrammar::find_in`] leaves it out.
    pub bare: bool,
    /// Byte range of the word that set the comparator (`不少于`, `以上`, `余`), if any.
    pub comparator_word: Option<Range<usize>>,
    /// What the unit measures (from `units.txt`); `None` for a bare number.
    pub kind: Option<UnitKind>,
}

/// A unit from `units.txt`.
#[derive(Debug, Clone)]
struct Unit {
    kind: UnitKind,
    base: String,
    factor: f64,
}

/// The compiled grammar and its lexicons, built once per process.
#[derive(Debug)]
pub struct NumberGrammar {
    units: HashMap<String, Unit>,
    /// Longest unit, in characters.
    unit_chars: usize,
    /// Comparator words before the number, longest first.
    pre: Vec<(String, Comparator)>,
    /// Comparator words after the number and unit, longest first.
    post: Vec<(String, Comparator)>,
    idioms: AhoCorasick,
    after: Vec<String>,
    after_time: Vec<String>,
}

/// What scanning one start position gave.
enum Step {
    Emit(Box<Quantity>, usize),
    Skip(usize),
}

/// A number with its unit, before comparators and ranges.
#[derive(Debug, Clone)]
struct Core {
    start: usize,
    num_end: usize,
    end: usize,
    n: Numeral,
    negative: bool,
    unit: String,
    info: Option<Unit>,
}

fn skip_spaces(text: &str, i: usize) -> usize {
    i + (text[i..].len() - text[i..].trim_start_matches(' ').len())
}

impl NumberGrammar {
    /// Compiles `units.txt`, `comparators.txt` and `number_stop.txt`.
    pub fn new(lex: &Lexicons) -> Result<NumberGrammar> {
        let units: HashMap<String, Unit> = lex
            .units
            .iter()
            .map(|u| (u.word.clone(), Unit { kind: u.kind, base: u.base.clone(), factor: u.factor }))
            .collect();
        let unit_chars = units.keys().map(|k| k.chars().count()).max().unwrap_or(1);
        let comparators = |before: bool| {
            let mut v: Vec<(String, Comparator)> = lex
                .comparators
                .iter()
                .filter(|c| c.before == before)
                .map(|c| (c.word.clone(), c.comparator))
                .collect();
            lexicon::longest_first(&mut v, |c| c.0.as_str());
            v
        };
        let stops = |kind: NumberStopKind| -> Vec<String> {
            lex.number_stop.iter().filter(|s| s.kind == kind).map(|s| s.word.clone()).collect()
        };
        let idioms = AhoCorasick::builder()
            .match_kind(MatchKind::LeftmostLongest)
            .build(stops(NumberStopKind::Idiom))
            .map_err(|e| lexicon::file_error("number_stop.txt", e))?;
        Ok(NumberGrammar {
            units,
            unit_chars,
            pre: comparators(true),
            post: comparators(false),
            idioms,
            after: stops(NumberStopKind::After),
            after_time: stops(NumberStopKind::Time),
        })
    }

    /// Every number expression in `text`, bare numbers included (flagged `bare`); ranges
    /// are byte offsets in `text`.
    pub fn find(&self, text: &str) -> Vec<Quantity> {
        let mut spans: Vec<Range<usize>> = self.idioms.find_iter(text).map(|m| m.range()).collect();
        spans.extend(urls(text));
        let blocked = merge(spans);
        let mut out = Vec::new();
        let mut i = 0;
        while i < text.len() {
            // Most characters cannot begin a number: skip to the next one that can.
            let Some((k, c)) = text[i..].char_indices().find(|&(_, c)| may_start(c)) else { break };
            i += k;
            let after = &text[i + c.len_utf8()..];
            // `减负85亿元`, `担负`, `胜负`: 负 ends a word there, it is no sign.
            let word_fu =
                c == '负' && prev_char(text, i).is_some_and(|p| "减担胜抱辜欺自肩背重抵".contains(p));
            let starts = (starts_numeral(c) && !word_fu)
                || (c == '成' && after.starts_with('倍'))
                || ((c == '负' && !word_fu || c == '-')
                    && after.trim_start_matches(' ').starts_with(|d: char| {
                        d.is_ascii_digit()
                            || cn_digit(d).is_some()
                            || (c == '负' && numeral::small_mult(d).is_some())
                    }))
                || ((c == '几' || c == '数') && after.starts_with(['十', '百', '千', '万', '亿']))
                || c == '翻'
                || c == '半';
            if !starts {
                i += c.len_utf8();
                continue;
            }
            match self.step(text, i, &blocked) {
                Step::Emit(q, next) => {
                    out.push(*q);
                    i = next.max(i + c.len_utf8());
                }
                Step::Skip(next) => i = next.max(i + c.len_utf8()),
            }
            while !text.is_char_boundary(i) {
                i += 1;
            }
        }
        share_comparators(text, &mut out);
        bounds_to_ranges(text, out)
    }

    /// Every quantity in the document's sentences (boilerplate skipped), in text order;
    /// ranges are byte offsets into the normalised text. Bare numbers are left out: this is
    /// what the target stage reads.
    pub fn find_in(&self, ctx: &Context) -> Vec<Quantity> {
        let mut all = self.find_all_in(ctx);
        for q in all.iter_mut().filter(|q| q.bare) {
            self.row_unit(ctx, q);
        }
        all.retain(|q| !q.bare);
        all
    }

    /// A bare number alone in a table cell takes the unit the table gives it: the row's
    /// label (`地区生产总值(亿元)\t480\t700`, as indicator tables in plans write), the column
    /// header (`总投资(万元)`) or the table's caption (`(单位:万元)`).
    fn row_unit(&self, ctx: &Context, q: &mut Quantity) {
        let norm = ctx.norm();
        let Some(cell) = ctx.structure.tables.cell_at(q.range.start).filter(|c| c.column > 0) else { return };
        let Some(unit) = cell.unit_hint(norm) else { return };
        let unit = norm[unit].trim();
        // `亿元`, `万人`: a magnitude before a unit of the lexicon.
        let (mag, base_unit) = [("万亿", 1e12), ("亿", 1e8), ("万", 1e4), ("千", 1e3), ("百", 1e2)]
            .iter()
            .find_map(|&(m, f)| unit.strip_prefix(m).filter(|b| self.units.contains_key(*b)).map(|b| (f, b)))
            .unwrap_or((1.0, unit));
        let Some(u) = self.units.get(base_unit) else { return };
        // The cell holds the number and at most a comparator sign.
        let cell = norm[cell.range()].trim();
        let number = norm[q.range.clone()].trim();
        if cell.trim_start_matches(['<', '>', '≤', '≥', '=', '~']).trim()
            != number.trim_start_matches(['<', '>', '≤', '≥', '=', '~'])
        {
            return;
        }
        let factor = |v: f64| tidy(v * mag * u.factor);
        q.unit = unit.to_string();
        q.kind = Some(u.kind);
        q.normalized = Some(Normalized {
            value: factor(q.value),
            value_max: q.value_max.map(factor),
            unit: u.base.clone(),
        });
        q.bare = false;
    }

    /// Like [`NumberGrammar::find_in`] but with bare numbers, for `zhengce numbers`.
    pub fn find_all_in(&self, ctx: &Context) -> Vec<Quantity> {
        let mut out = Vec::new();
        for (i, s) in ctx.sentences() {
            for mut q in self.find(ctx.sentence_text(i)) {
                let off = s.range.start;
                q.range = q.range.start + off..q.range.end + off;
                q.number = q.number.start + off..q.number.end + off;
                q.comparator_word = q.comparator_word.map(|r| r.start + off..r.end + off);
                q.sentence = i;
                out.push(q);
            }
        }
        out
    }

    /// The longest unit at `i` (spaces before it allowed): (unit, info, end).
    fn unit_at(&self, text: &str, i: usize) -> Option<(String, Unit, usize)> {
        // `2 厘米` has a unit, `5700万 门店` does not: spaces only after a digit.
        let j = if prev_char(text, i).is_some_and(|c| c.is_ascii_digit() || cn_digit(c).is_some()) {
            skip_spaces(text, i)
        } else {
            i
        };
        let rest = &text[j..];
        let ends: Vec<usize> =
            rest.char_indices().skip(1).map(|(k, _)| k).chain([rest.len()]).take(self.unit_chars).collect();
        for &e in ends.iter().rev() {
            let w = &rest[..e];
            if let Some(u) = self.units.get(w) {
                // An ASCII unit must not run on into more letters (`5G`, `10kV`, `1.jpg`).
                if w.ends_with(|c: char| c.is_ascii_alphabetic())
                    && rest[e..].starts_with(|c: char| c.is_ascii_alphabetic())
                {
                    continue;
                }
                // Units that also start verbs: 打 (a dozen) vs 打造, 成 (tenths) vs 成为.
                let verb = match w {
                    "打" => "造击通破好赢响开出下压牢",
                    "成" => "为立功效果本员都交熟型长",
                    "列" => "入为出举席车",
                    "金" => "融额属钥",
                    "眼" => "光界睛",
                    _ => "",
                };
                if rest[e..].starts_with(|c: char| verb.contains(c)) {
                    continue;
                }
                // 分 is a score after digits and where no word goes on (`15分)`, `90分以上`; not
                // `四分类`, `丢一分`).
                if w == "分"
                    && (!prev_char(text, i).is_some_and(|c| c.is_ascii_digit())
                        || rest[e..].starts_with(|c: char| is_cjk(c) && !"以左的".contains(c)))
                {
                    continue;
                }
                return Some(self.per(rest, w, u, j + e));
            }
        }
        None
    }

    /// A rate unit `X/Y` (`微克/立方米`, `元/人`, `吨/日`) built from a unit ending at `end`.
    fn per(&self, rest: &str, w: &str, u: &Unit, end: usize) -> (String, Unit, usize) {
        let tail = &rest[w.len()..];
        if let Some(after) = tail.strip_prefix('/') {
            const PER: &[&str] = &["日", "天", "年", "月", "人", "户", "亩", "小时", "秒", "次"];
            let second = self
                .units
                .iter()
                .filter(|(k, _)| after.starts_with(k.as_str()))
                .map(|(k, v)| (k.as_str(), v.base.as_str()))
                .chain(PER.iter().filter(|k| after.starts_with(**k)).map(|k| (*k, *k)))
                .max_by_key(|(k, _)| k.len());
            if let Some((k, base)) = second {
                if !after[k.len()..].starts_with(|c: char| c.is_ascii_alphanumeric()) {
                    let unit =
                        Unit { kind: UnitKind::Rate, base: format!("{}/{base}", u.base), factor: u.factor };
                    return (format!("{w}/{k}"), unit, end + 1 + k.len());
                }
            }
        }
        (w.to_string(), u.clone(), end)
    }

    /// A comparator word ending right before `start` (one filler 了/是/有/为 allowed).
    fn pre_word(&self, text: &str, start: usize) -> Option<(Comparator, Range<usize>)> {
        let before = text[..start].trim_end_matches(' ');
        let mut cands = vec![before];
        if let Some(f) = before.strip_suffix(['了', '是', '有', '为']) {
            cands.push(f);
        }
        // Adverbs that bound a verb: `至少建成5个`, `最多补贴2万元` (a verb of 1-2 characters).
        let mut gap = before;
        for _ in 0..2 {
            let Some(c) = gap.chars().next_back().filter(|c| is_cjk(*c)) else { break };
            gap = &gap[..gap.len() - c.len_utf8()];
            for (w, cmp) in [
                ("至少", Comparator::Ge),
                ("最少", Comparator::Ge),
                ("最多", Comparator::Le),
                ("至多", Comparator::Le),
            ] {
                if gap.ends_with(w) {
                    return Some((cmp, gap.len() - w.len()..gap.len()));
                }
            }
        }
        for b in cands {
            for (w, cmp) in &self.pre {
                if b.ends_with(w.as_str()) {
                    // `签约`, `节约`, `合约`: 约 ends a word there, it does not approximate.
                    let head = &b[..b.len() - w.len()];
                    if w == "约"
                        && head.ends_with(|c: char| "签节合制预邀履违特公条相集缔续解毁践守".contains(c))
                    {
                        continue;
                    }
                    return Some((*cmp, b.len() - w.len()..b.len()));
                }
            }
        }
        None
    }

    /// A comparator word starting at `i` (spaces allowed before it).
    fn post_word(&self, text: &str, i: usize, more: bool) -> Option<(Comparator, Range<usize>)> {
        let j = skip_spaces(text, i);
        let rest = &text[j..];
        for (w, cmp) in &self.post {
            if !rest.starts_with(w.as_str()) {
                continue;
            }
            let after = &rest[w.len()..];
            let ok = match w.as_str() {
                "余" | "多" | "有余" => !more && !after.starts_with(['元', '种', '样', '方', '年']),
                "上下" => !after.starts_with(['游', '级', '联', '贯', '同']),
                "以下" | "以上" => !after.starts_with(['简', '称', '内', '工', '几']),
                _ => true,
            };
            if ok {
                return Some((*cmp, j..j + w.len()));
            }
        }
        None
    }

    /// The number at `i` with its unit, or why there is none.
    fn core(&self, text: &str, i: usize, blocked: &[Range<usize>]) -> std::result::Result<Core, usize> {
        let mut p = i;
        let mut negative = false;
        if text[p..].starts_with('负') || text[p..].starts_with('-') {
            let prev = prev_char(text, i);
            let ok = text[p..].starts_with('负')
                || !prev.is_some_and(|c| {
                    c.is_ascii_alphanumeric() || cn_digit(c).is_some() || c == ')' || c == '-'
                });
            if !ok {
                return Err(i + 1);
            }
            negative = true;
            p = skip_spaces(text, p + if text[p..].starts_with('负') { '负'.len_utf8() } else { 1 });
        }
        let Some(n) = read(&text[p..]) else { return Err(p + 1) };
        let num_end = p + n.len;
        if n.too_long {
            return Err(num_end);
        }
        if let Some(b) = inside(blocked, p) {
            return Err(num_end.max(b.end));
        }
        let prev = prev_char(text, i);
        let next = next_char(text, num_end);
        let after_next = next.and_then(|c| next_char(text, num_end + c.len_utf8()));
        let int = !n.decimal && n.mults == 0 && !n.more;
        let small_int = |lo: f64, hi: f64| int && n.value >= lo && n.value <= hi;
        // A whole number, Chinese multipliers allowed (`十二月`).
        let whole = |lo: f64, hi: f64| {
            !n.decimal && !n.more && n.value.fract() == 0.0 && n.value >= lo && n.value <= hi
        };
        // Ordinals, identifiers, dotted or slashed dates and versions.
        if prev == Some('第')
            || prev.is_some_and(|c| {
                c.is_ascii_alphabetic() || matches!(c, '_' | '+' | '#' | '=' | '&' | '%' | '?')
            })
            || (matches!(prev, Some('.' | '/' | ':'))
                && text[..i].chars().rev().nth(1).is_some_and(|c| c.is_ascii_digit()))
        {
            return Err(num_end);
        }
        if n.leading_zero && n.int_digits > 1 {
            return Err(num_end);
        }
        match next {
            Some('年') if (n.int_digits == 4 && n.arabic) || (n.sequence && n.cn_digits >= 3) => {
                return Err(num_end + '年'.len_utf8())
            }
            Some('月') if whole(1.0, 12.0) => return Err(num_end + '月'.len_utf8()),
            Some('日' | '号') if whole(1.0, 31.0) && !matches!(prev, Some('/')) => return Err(num_end + 3),
            Some('时') if small_int(0.0, 24.0) && after_next != Some('间') => return Err(num_end),
            Some('+') => return Err(num_end),
            Some('.' | '/' | ':' | '-')
                if n.arabic && after_next.is_some_and(|c| c.is_ascii_alphanumeric()) =>
            {
                // `1.jpg`, `2023/9/26`, `9:30`, `2023-09-26`; fractions `3/5` are fine.
                let sep = next.unwrap_or(' ');
                let rest = &text[num_end + 1..];
                let second_len = rest.bytes().take_while(u8::is_ascii_digit).count();
                let after_second = rest[second_len..].chars().next();
                let date_like = sep != '-' && sep != '/' || after_second == Some(sep) || second_len == 0;
                let year_dash = sep == '-'
                    && n.int_digits == 4
                    && (second_len == 2 || second_len == 4 && after_second != Some('年'));
                if date_like || year_dash || (sep == '/' && (n.decimal || second_len == 0)) {
                    let mut e = num_end + 1;
                    while let Some(c) = next_char(text, e) {
                        if c.is_ascii_alphanumeric() || matches!(c, '.' | '/' | ':' | '-' | '_') {
                            e += c.len_utf8();
                        } else {
                            break;
                        }
                    }
                    return Err(e);
                }
            }
            _ => {}
        }
        // List markers: `(3)`, `(十二)`, `1.`/`一、` opening a sentence or line.
        let marker = whole(0.0, 99.0) && n.mag.is_empty();
        if marker && prev == Some('(') && next == Some(')') {
            return Err(num_end + 1);
        }
        let line_start = text[..i].trim_end_matches([' ', '\t']).is_empty()
            || text[..i].trim_end_matches([' ', '\t']).ends_with('\n');
        if marker
            && line_start
            && matches!(next, Some('、' | '.' | ')'))
            && !after_next.is_some_and(|c| c.is_ascii_digit())
        {
            return Err(num_end + 1);
        }
        // Names in quotes: `“532”发展战略`, `“1+1+N”`.
        if matches!(prev, Some('“' | '"' | '‘'))
            && matches!(next, Some('”' | '"' | '’'))
            && !n.more
            && n.mag.is_empty()
            && n.arabic
        {
            return Err(num_end);
        }
        let (unit, info, end) = match self.unit_at(text, num_end) {
            Some((u, info, e)) => (u, Some(info), e),
            None => (String::new(), None, num_end),
        };
        // Letters right after a number that are not a unit: a code (`5G`, `A3`).
        if info.is_none() && next.is_some_and(|c| c.is_ascii_alphabetic()) {
            return Err(num_end);
        }
        Ok(Core { start: i, num_end, end, n, negative, unit, info })
    }

    fn step(&self, text: &str, i: usize, blocked: &[Range<usize>]) -> Step {
        if let Some(q) = self.digit_count_growth(text, i) {
            let e = q_end(&q);
            return Step::Emit(Box::new(q), e);
        }
        // `两位数`, `三位数` without a change after them: the count of digits, no quantity.
        if ["两位数", "三位数"].iter().any(|w| text[i..].starts_with(w)) {
            return Step::Skip(i + "两位数".len());
        }
        if text[i..].starts_with('翻') {
            return self.doubling(text, i).map_or(Step::Skip(i + '翻'.len_utf8()), |q| {
                let e = q_end(&q);
                Step::Emit(Box::new(q), e)
            });
        }
        for (prefix, denom) in [("百分之", 100.0), ("千分之", 1000.0), ("万分之", 10000.0), ("百万分之", 1e6)]
        {
            if text[i..].starts_with(prefix) && inside(blocked, i).is_none() {
                let j = skip_spaces(text, i + prefix.len());
                if let Ok(c) = self.core(text, j, &[]) {
                    if !c.n.leading_mult || c.n.cn_digits > 0 || c.n.mults == 1 {
                        let q = self.fraction(text, i, c, denom);
                        let e = q_end(&q);
                        return Step::Emit(Box::new(q), e);
                    }
                }
            }
        }
        if text[i..].starts_with('半') || text[i..].starts_with("一半") {
            return self.half(text, i).map_or(Step::Skip(i + 3), |q| {
                let e = q_end(&q);
                Step::Emit(Box::new(q), e)
            });
        }
        if text[i..].starts_with(['几', '数']) {
            return self.vague(text, i).map_or(Step::Skip(i + 3), |q| {
                let e = q_end(&q);
                Step::Emit(Box::new(q), e)
            });
        }
        let c = match self.core(text, i, blocked) {
            Ok(c) => c,
            Err(next) => return Step::Skip(next),
        };
        // `3又一千分之23`: a whole number and a fraction.
        let k = skip_spaces(text, c.num_end);
        if c.unit.is_empty() && text[k..].starts_with('又') {
            if let Some((f, e)) = self.plain_fraction(text, skip_spaces(text, k + 3)) {
                let sign = if c.negative { -1.0 } else { 1.0 };
                let value = tidy(sign * (c.n.value + f));
                return Step::Emit(Box::new(bare_value(c.start..e, value)), e);
            }
        }
        // `N分之M`: a fraction.
        let k = skip_spaces(text, c.num_end);
        if text[k..].starts_with("分") && text[skip_spaces(text, k + 3)..].starts_with("之") {
            let j = skip_spaces(text, skip_spaces(text, k + 3) + 3);
            if let Ok(num) = self.core(text, j, &[]) {
                if c.n.value != 0.0 {
                    // An explicit denominator is a fraction, not a percentage (`一百分之二`).
                    let denom =
                        if c.n.value == 100.0 || c.n.value == 1000.0 { -c.n.value } else { c.n.value };
                    let mut q = self.fraction(text, j, num, denom);
                    q.range.start = c.start;
                    q.number.start = c.start;
                    let e = q_end(&q);
                    return Step::Emit(Box::new(q), e);
                }
            }
        }
        // `a/b` fractions of small integers.
        if c.n.arabic && c.n.int_digits > 0 && c.unit.is_empty() && text[c.num_end..].starts_with('/') {
            if let Some(b) = read(&text[c.num_end + 1..]).filter(|b| b.int_digits > 0 && b.value != 0.0) {
                let e = c.num_end + 1 + b.len;
                if !text[e..].starts_with(['/', '.']) {
                    let sign = if c.negative { -1.0 } else { 1.0 };
                    let value = tidy(sign * c.n.value / b.value);
                    return Step::Emit(Box::new(bare_value(c.start..e, value)), e);
                }
            }
        }
        match self.quantity(text, c) {
            Ok(q) => {
                let e = q_end(&q);
                Step::Emit(Box::new(q), e)
            }
            Err(next) => Step::Skip(next),
        }
    }
}

/// Whether `start..end` lies inside a short quotation (“…” or "…", at most 16 characters).
fn quoted(text: &str, start: usize, end: usize) -> bool {
    const MAX: usize = 16;
    let before: Vec<char> = text[..start].chars().rev().take(MAX).collect();
    let after: Vec<char> = text[end..].chars().take(MAX).collect();
    let open = before.iter().position(|c| matches!(c, '“' | '”' | '"' | '《' | '》'));
    let close = after.iter().position(|c| matches!(c, '“' | '”' | '"' | '《' | '》'));
    match (open, close) {
        (Some(o), Some(c)) => {
            let (a, b) = (before[o], after[c]);
            let pair = (a == '“' && b == '”')
                || (a == '"' && b == '"' && line_before(text, start).matches('"').count() % 2 == 1)
                || (a == '《' && b == '》');
            pair && o + c + text[start..end].chars().count() <= MAX
        }
        _ => false,
    }
}

/// Sorted, non-overlapping cover of `spans`.
fn merge(mut spans: Vec<Range<usize>>) -> Vec<Range<usize>> {
    spans.sort_by_key(|r| r.start);
    let mut out: Vec<Range<usize>> = Vec::with_capacity(spans.len());
    for r in spans {
        match out.last_mut() {
            Some(last) if r.start < last.end => last.end = last.end.max(r.end),
            _ => out.push(r),
        }
    }
    out
}

/// The blocked span containing byte `p` (binary search over [`merge`]d spans).
fn inside(blocked: &[Range<usize>], p: usize) -> Option<&Range<usize>> {
    let k = blocked.partition_point(|b| b.start <= p);
    k.checked_sub(1).map(|k| &blocked[k]).filter(|b| p < b.end)
}

/// The text from the start of the line (at most 256 bytes back) to `i`, for quote parity.
fn line_before(text: &str, i: usize) -> &str {
    let mut from = i.saturating_sub(256);
    while !text.is_char_boundary(from) {
        from += 1;
    }
    let s = &text[from..i];
    s.rfind('\n').map_or(s, |k| &s[k + 1..])
}

/// Byte ranges of URLs and e-mail addresses: their digits are never numbers.
fn urls(text: &str) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    for pat in ["http://", "https://", "www.", "@"] {
        let mut from = 0;
        while let Some(k) = text[from..].find(pat) {
            let start = from + k;
            let head = text[..start].len()
                - text[..start]
                    .trim_end_matches(|c: char| c.is_ascii_alphanumeric() || c == '.' || c == '_' || c == '-')
                    .len();
            let tail = text[start..].find(|c: char| !c.is_ascii_graphic()).unwrap_or(text.len() - start);
            out.push(start - head..start + tail.max(pat.len()));
            from = start + tail.max(pat.len());
        }
    }
    out
}

/// A character that may begin a number expression: a numeral, a sign, or `几`/`数`/`翻`/`半`
/// (the full test is in [`NumberGrammar::find`]).
fn may_start(c: char) -> bool {
    starts_numeral(c) || matches!(c, '负' | '-' | '几' | '数' | '翻' | '半' | '成')
}

fn q_end(q: &Quantity) -> usize {
    q.range.end.max(q.number.end)
}

mod forms;
mod lists;
mod quantity;
#[cfg(test)]
mod tests;

/// A unitless number (`3又1/2`, `2/3`): value and normalised value alike, flagged bare.
fn bare_value(range: Range<usize>, value: f64) -> Quantity {
    Quantity {
        number: range.clone(),
        range,
        value,
        normalized: Some(Normalized { value, value_max: None, unit: String::new() }),
        bare: true,
        ..Default::default()
    }
}

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
use crate::grammar::numeral::{self, cn_digit, read, small_mult, starts_numeral, tidy, Numeral};
use crate::grammar::{is_han as is_cjk, next_char, prev_char};
use crate::lexicon::{self, Lexicons, NumberStopKind, UnitKind};
use aho_corasick::{AhoCorasick, MatchKind};
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
            let word_fu = c == '负' && prev_char(text, i).is_some_and(|p| "减担胜抱辜欺自肩背重抵".contains(p));
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

    /// A bare number alone in a cell of a table row whose first cell names its unit
    /// (`地区生产总值(亿元)\t480\t700`) takes that unit, as indicator tables in plans write.
    fn row_unit(&self, ctx: &Context, q: &mut Quantity) {
        let norm = ctx.norm();
        let Some(cell) = ctx.structure.tables.cell_at(q.range.start).filter(|c| c.column > 0) else { return };
        let label = &norm[cell.label(norm)];
        let Some(open) = label.rfind('(').filter(|_| label.trim_end().ends_with(')')) else { return };
        let unit = label[open + 1..].trim_end().trim_end_matches(')').trim();
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
                    if w == "约" && head.ends_with(|c: char| "签节合制预邀履违特公条相集缔续解毁践守".contains(c)) {
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

    /// `N分之M` at `j` as a plain number: (M/N, end).
    fn plain_fraction(&self, text: &str, j: usize) -> Option<(f64, usize)> {
        let d = read(&text[j..])?;
        let k = skip_spaces(text, j + d.len);
        let k = skip_spaces(text, k + text[k..].starts_with('分').then_some('分'.len_utf8())?);
        let k = skip_spaces(text, k + text[k..].starts_with('之').then_some('之'.len_utf8())?);
        let m = read(&text[k..])?;
        (d.value != 0.0).then(|| (m.value / d.value, k + m.len))
    }

    /// `一半` and `半` before a unit (`半个`, `半小时`): one half. `上半年` is a period.
    fn half(&self, text: &str, i: usize) -> Option<Quantity> {
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
    fn vague(&self, text: &str, i: usize) -> Option<Quantity> {
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
    fn digit_count_growth(&self, text: &str, i: usize) -> Option<Quantity> {
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
    fn doubling(&self, text: &str, i: usize) -> Option<Quantity> {
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
    fn fraction(&self, text: &str, start: usize, core: Core, denom: f64) -> Quantity {
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

    /// Decides whether a number with its unit is a quantity, and attaches comparators and
    /// a range's second number.
    fn quantity(&self, text: &str, c: Core) -> std::result::Result<Quantity, usize> {
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
        if kind == Some(UnitKind::Time)
            && ["近", "前", "过去", "这", "此", "后"].iter().any(|w| before.ends_with(w))
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
            let meeting = ["全会", "会议", "全委", "全体会议", "常委会", "会上"].iter().any(|w| tail.starts_with(w));
            if c.unit == "届"
                || (c.unit == "次"
                    && (meeting || prev_char(text, c.start) == Some('届') || &text[c.start..c.num_end] == "二"))
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
    fn second(&self, text: &str, first: &Core) -> Option<(Core, (f64, f64))> {
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

/// `1角1分`, `三毛`, `零四` after 元/块: (value in 元, end).
fn jiao_fen(text: &str, i: usize, kuai: bool) -> Option<(f64, usize)> {
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

/// A list of amounts in one unit (`分别突破80亿元、60亿元`, `分别增长14%、16%以上`): a
/// comparator word before the first or after the last holds for every item without its own.
fn share_comparators(text: &str, out: &mut [Quantity]) {
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
            let shared = if lead && first.comparator != Comparator::Range && out[a + 1..=b].iter().all(plain) {
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
fn bounds_to_ranges(text: &str, qs: Vec<Quantity>) -> Vec<Quantity> {
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
        let pair = (lower(a.comparator) && upper(b.comparator)) || (upper(a.comparator) && lower(b.comparator));
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
                let base = b.normalized.as_ref().or(a.normalized.as_ref()).map_or(String::new(), |n| n.unit.clone());
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

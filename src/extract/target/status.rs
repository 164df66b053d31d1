//! The status of a quantity: `target` (planned), `achieved` (already reached) or `fact` (a
//! description of the present), from cues in the clause, the sentence, the paragraph, the
//! section heading and the document (`status_words.txt`, `time_words.txt`).

use super::indicator::{is_cjk_numeral, is_verb};
use super::report::{in_title, Part, ReportParts};
use super::{clause_around, Quantity, TargetDraft, TargetRules, CUE_WINDOW};
use crate::document::{Comparator, Status};
use crate::extract::Context;
use crate::grammar::time::{date_line_year, is_duration, SentenceTime, TimeGrammar};
use crate::lexicon::{CueScope, ReportRole};
use crate::segment::Token;
use rustc_hash::FxHashMap as HashMap;
use std::cell::RefCell;
use std::ops::Range;

/// One status cue found in a sentence.
#[derive(Debug, Clone, Copy)]
pub(super) struct StatusHit {
    pos: usize,
    status: Status,
    strength: CueScope,
    /// End of the word that set it.
    end: usize,
    /// Set by a year or span of years (`2026年`, `到2025年`, `近5年`), not by a word.
    year: bool,
}

/// The status cues of each sentence, found once and shared by its quantities.
pub(super) type Cues = RefCell<HashMap<usize, Vec<StatusHit>>>;

/// Where a quantity stands: its tokens, its clause, whether its indicator follows it, and
/// the quantity before it.
#[derive(Clone, Copy)]
pub(super) struct Scope<'a, 'd> {
    pub(super) tokens: &'a [Token<'d>],
    pub(super) q: &'a Quantity,
    pub(super) clause: &'a Range<usize>,
    pub(super) from_right: bool,
    pub(super) prev: Option<&'a TargetDraft>,
    /// The specs of a project still being built (`投资20亿元的…工程开工建设`).
    pub(super) spec: bool,
    /// The end point of a change (`由80%提高到90%`).
    pub(super) change_to: bool,
}

impl TargetRules {
    /// Status cues of a sentence: token words, multi-character words inside tokens, years
    /// before or after the document's year, `近5年` and `5年来`.
    fn cues_of(&self, norm: &str, tokens: &[Token], doc: &DocInfo) -> Vec<StatusHit> {
        let doc_year = doc.year;
        let mut hits = Vec::new();
        for (k, t) in tokens.iter().enumerate() {
            // `较去年翻一番`, `比上年增长`: last year is the base of a comparison, not the time.
            let base =
                doc.time.is_base_period(t.word) && k > 0 && doc.time.is_base_marker(tokens[k - 1].word);
            // `每千人口拥有…托位数`: 拥有 inside a per-capita indicator describes nothing.
            let per_capita = matches!(t.word, "拥有" | "有")
                && tokens[k.saturating_sub(2)..k].iter().any(|p| p.word.starts_with('每'));
            // `三年累计投入20亿元` in a plan: a total over the plan's span, not a result
            // (`近三年累计`, `五年来累计` stay results).
            let planned_total = t.word == "累计"
                && k > 0
                && is_duration(tokens[k - 1].word)
                && !(k > 1 && matches!(tokens[k - 2].word, "近" | "过去" | "前"));
            let reported_year = doc.review
                && doc.time.sentence_time(t.word).current
                && self.status.get(t.word).is_some_and(|(s, _)| *s == Status::Target);
            if base || per_capita || planned_total || reported_year {
                continue;
            }
            // `完成全年目标任务的58%`: a goal met or being met reports progress.
            let met = t.word.contains("目标")
                && tokens[k.saturating_sub(3)..k].iter().any(|p| p.word.contains("完成"));
            let status_of = |s: Status| if met && s == Status::Target { Status::Achieved } else { s };
            if let Some(&(status, strength)) = self.status.get(t.word) {
                hits.push(StatusHit {
                    pos: t.range.start,
                    end: t.range.end,
                    status: status_of(status),
                    strength,
                    year: false,
                });
            } else if t.word.chars().count() >= 3 {
                for m in self.status_ac.find_iter(t.word) {
                    let (status, strength) = self.status_ac_words[m.pattern().as_usize()];
                    // `常住人口城镇化率`: a weak fact noun that only starts a longer word
                    // names part of the indicator, not a static description.
                    if status == Status::Fact && strength == CueScope::Weak && m.end() < t.word.len() {
                        continue;
                    }
                    hits.push(StatusHit {
                        pos: t.range.start + m.start(),
                        end: t.range.start + m.end(),
                        status: status_of(status),
                        strength,
                        year: false,
                    });
                }
            }
            // `近5年`, `5年来`, `2017年` before the document's year.
            // A period cited in a title (`《…(2021—2023年)》`) places nothing in time.
            if matches!(t.word, "年" | "年来" | "年以来" | "年间") && k > 0 && !in_title(norm, t.range.start)
            {
                let num = tokens[k - 1].word;
                if num.chars().all(|c| c.is_ascii_digit() || is_cjk_numeral(c)) && !num.is_empty() {
                    let before = k.checked_sub(2).map(|j| tokens[j].word);
                    let after = tokens.get(k + 1).map(|t| t.word);
                    let year = (num.len() == 4).then(|| num.parse::<i32>().ok()).flatten();
                    let base_year = k >= 2 && doc.time.is_base_marker(tokens[k - 2].word);
                    let time_cue = if before == Some("近")
                        || t.word.ends_with('来')
                        || matches!(after, Some("来" | "以来"))
                    {
                        Some(Status::Achieved)
                    } else if base_year {
                        None
                    } else if year.is_some()
                        && matches!(before, Some("到" | "至"))
                        && year.zip(doc_year).is_none_or(|(y, d)| y >= d)
                    {
                        // `到2026年`: a horizon, so a plan whatever the document's date; a
                        // year already past (`增加到2015年的` in 2016) ends a result.
                        Some(Status::Target)
                    } else {
                        match (year, doc_year) {
                            (Some(y), Some(d)) if y < d => Some(Status::Achieved),
                            (Some(y), Some(d)) if y > d => Some(Status::Target),
                            _ => None,
                        }
                    };
                    if let Some(status) = time_cue {
                        hits.push(StatusHit {
                            pos: t.range.start,
                            end: t.range.end,
                            status,
                            strength: CueScope::Strong,
                            year: true,
                        });
                    }
                }
            }
        }
        hits.sort_by_key(|h| h.pos);
        hits
    }

    /// Whether a cue places its sentence in time (a year, `近5年`, `以来`, `去年`, `截至`),
    /// so that it may frame the sentences after it in its paragraph.
    fn frames_time(&self, norm: &str, doc: &DocInfo, h: &StatusHit) -> bool {
        let word = norm.get(h.pos..h.end).unwrap_or("");
        let t = doc.time.sentence_time(word);
        h.year || word.ends_with('来') || t.current || t.last_year || word.starts_with("过去")
    }

    /// Whether an achieved cue is a word that in a plan names a planned amount (`累计`, `共计`).
    /// `近三年累计`, `五年来累计` stay results.
    fn planned_word(&self, norm: &str, h: &StatusHit) -> bool {
        let lead: String = norm[..h.pos].chars().rev().take(5).collect();
        h.status == Status::Achieved
            && self.report.starts_with(norm.get(h.pos..).unwrap_or(""), ReportRole::Planned)
            && !lead.contains('近')
            && !lead.contains('来')
            && !lead.contains("去过")
    }

    /// A policy parameter: a number governed by a parameter word (`奖补`, `贴息`) given as a
    /// grant or a rate (`给予一次性奖补100万元`, `按投资额的20%给予奖补`), a cap after one
    /// (`…给予奖补,最高500万元`, `最多补助3次`), or a per-unit standard (`每人每月200元`,
    /// `按每个5000元标准`).
    fn parameter(&self, norm: &str, q: &Quantity, clause: &Range<usize>, sentence: &Range<usize>) -> bool {
        let lo = clause.start.min(q.range.start);
        let hi = clause.end.max(q.range.end);
        // `按合同金额的30%,给予一次性奖补`: the grant may follow in the next clause.
        let next = if hi < sentence.end {
            let step = norm[hi..].chars().next().map_or(0, char::len_utf8);
            clause_around(norm, hi + step..hi + step, sentence.clone()).end.max(hi)
        } else {
            hi
        };
        let in_clause = self.params.is_match(&norm[lo..next]);
        // A score of an assessment scheme (`组织领导(15分)`, after `评分`).
        let score = q.unit == "分";
        let before = &norm[lo..q.range.start];
        let after = &norm[q.range.end..hi];
        let grant = ["给予", "按", "每"].iter().any(|w| before.contains(w) || after.contains(w));
        if in_clause && grant {
            return true;
        }
        // A cap or a per-unit amount after a parameter word earlier in the sentence.
        let mut from = sentence.start.max(lo.saturating_sub(CUE_WINDOW / 2));
        while !norm.is_char_boundary(from) {
            from += 1;
        }
        let earlier = self.params.is_match(&norm[from..q.range.start]);
        let written = &norm[q.range.clone()];
        let cap = matches!(q.comparator, Comparator::Le | Comparator::Lt)
            && ["最高", "最多", "不超过", "不高于"]
                .iter()
                .any(|w| written.contains(w) || before.ends_with(w));
        // `按每个5000元标准`, `5000元的标准`; not `2家标准化菜市场`.
        let standard =
            after.trim_start_matches('的').strip_prefix("标准").is_some_and(|r| !r.starts_with('化'));
        let per_unit = before.contains('每') || standard;
        (earlier || in_clause) && (cap || per_unit || score) || per_unit && norm[lo..hi].contains("标准")
    }

    /// A count of the class something is compared in or belongs to: `在全国38个同类机场中`,
    /// `是全国六个试点城市之一`. It describes the comparison, not a result.
    fn reference_class(&self, norm: &str, q: &Quantity, clause: &Range<usize>) -> bool {
        if !self.is_classifier(&q.unit) {
            return false;
        }
        let before = &norm[clause.start.min(q.range.start)..q.range.start];
        let scope = ["在", "全国", "全省", "全市", "全区", "全球", "世界"];
        if !scope.iter().any(|w| before.ends_with(w)) {
            return false;
        }
        let after: String = norm[q.range.end..clause.end.max(q.range.end)].chars().take(12).collect();
        after.find(['中', '里']).is_some_and(|i| !after[..i].contains(['的', '、'])) || after.contains("之一")
    }

    /// target, achieved or fact: the nearest strong cue (clause before the number, clause
    /// after, rest of the sentence, earlier sentences of the paragraph), then weak cues,
    /// then the shape of a count, the paragraph's previous target, the heading, the document.
    pub(super) fn status(&self, ctx: &Context, doc: &DocInfo, at: &Scope, cache: &Cues) -> Status {
        let Scope { tokens, q, clause, from_right, prev, spec, change_to } = *at;
        let norm = ctx.norm();
        let sentence = ctx.structure.sentences[q.sentence].range.clone();
        let hits: Vec<StatusHit> = {
            let mut c = cache.borrow_mut();
            let all = c.entry(q.sentence).or_insert_with(|| self.cues_of(norm, &ctx.tokens(q.sentence), doc));
            // Only cues in the sentence around the number matter; keep the search bounded.
            let lo =
                all.partition_point(|h| h.pos < clause.start.min(q.range.start).saturating_sub(CUE_WINDOW));
            let hi = all.partition_point(|h| h.pos < clause.end.max(q.range.end) + CUE_WINDOW);
            all[lo..hi].to_vec()
        };
        // In a plan, `累计` and `共计` name planned totals, not results.
        let part = doc.part_at(q.range.start);
        let planning = part == Some(Part::Plan)
            || (part.is_none()
                && doc.plans
                && doc.heading_status(ctx, q.range.start) != Some(Status::Achieved));
        let hits: Vec<StatusHit> =
            hits.into_iter().filter(|h| !(planning && self.planned_word(norm, h))).collect();
        // After the number only the next clause counts: later clauses speak of other things
        // (`全镇有企业120家,…,将新增30家`).
        let next_clause = if clause.end < sentence.end {
            let step = norm[clause.end..].chars().next().map_or(0, char::len_utf8);
            let after = (clause.end + step).min(sentence.end);
            clause_around(norm, after..after, sentence.clone())
        } else {
            clause.end..clause.end
        };
        let scopes: [(Range<usize>, bool); 4] = [
            // Up to the number itself: a comparator word may be a cue too (`预计可达20万吨`).
            (clause.start..q.number.start.max(clause.start), true),
            (q.range.end..clause.end, false),
            (sentence.start..clause.start, true),
            (clause.end..next_clause.end.max(clause.end), false),
        ];
        let nearest = |strength: CueScope, n: usize| {
            scopes[..n].iter().find_map(|(scope, rightmost)| {
                let mut it = hits.iter().filter(|h| h.strength == strength && scope.contains(&h.pos));
                let hit = if *rightmost { it.next_back() } else { it.next() };
                hit.map(|h| h.status)
            })
        };
        // A subsidy amount, a cap, a rate or a per-unit standard states a rule (a fact),
        // except as a result in a review (`兑付奖补资金1.5亿元`).
        if part != Some(Part::Review) && self.parameter(norm, q, clause, &sentence) {
            return Status::Fact;
        }
        // In a report, the part decides: the review reports results, the plan sets targets.
        if let Some(part) = part {
            let near = |status: Status, strength: CueScope, n: usize| {
                hits.iter().any(|h| {
                    h.status == status
                        && h.strength == strength
                        && scopes[..n].iter().any(|s| s.0.contains(&h.pos))
                })
            };
            // A static description (`占地`, `辖区`, `现有`) or a class counted for comparison
            // (`在全国38个同类城市中`) stays a fact in either part.
            if near(Status::Fact, CueScope::Strong, 2)
                || nearest(CueScope::Weak, 1) == Some(Status::Fact)
                || self.reference_class(norm, q, clause)
            {
                return Status::Fact;
            }
            let before = &scopes[0].0;
            return match part {
                // The specs of a project still being built, a goal the year met (`完成了…增长5%
                // 的目标任务`), and a later year or horizon are targets inside a review.
                Part::Review => {
                    let later = hits.iter().any(|h| {
                        h.year
                            && h.status == Status::Target
                            && h.strength == CueScope::Strong
                            && before.contains(&h.pos)
                    });
                    if spec || later || norm[q.range.end..clause.end.max(q.range.end)].contains("目标") {
                        Status::Target
                    } else {
                        Status::Achieved
                    }
                }
                // A result cited in the plan (`已`, `截至`, an earlier year) before the number in
                // its clause; `累计` and `共计` in a plan are planned amounts.
                Part::Plan => {
                    let nearest_cue =
                        hits.iter().rev().find(|h| before.contains(&h.pos) && h.strength == CueScope::Strong);
                    if !change_to && nearest_cue.is_some_and(|h| h.status == Status::Achieved) {
                        Status::Achieved
                    } else {
                        Status::Target
                    }
                }
            };
        }
        // 1. A strong cue in the clause or the sentence.
        if let Some(s) = nearest(CueScope::Strong, 4) {
            return s;
        }
        // 2. A static description right before it (`现有行政村14个`) stays a fact.
        if nearest(CueScope::Weak, 1) == Some(Status::Fact) {
            return Status::Fact;
        }
        // 3. A frame of time earlier in the paragraph (`过去一年,…。…。`), or a sentence that
        // opens with a year (`2025年,全区…`): the nearest one decides.
        let para_start = doc.para_start.get(q.sentence).copied().unwrap_or(0);
        let mut i = q.sentence + 1;
        // Pieces of one sentence cut at `;` share its cues (`今后,镇里将…;加强…;…`).
        let mut joined = true;
        while i > 0 {
            i -= 1;
            let s = &ctx.structure.sentences[i];
            if (i < q.sentence && s.range.end <= para_start) || s.boilerplate || q.sentence - i > 6 {
                break;
            }
            if let (Some(y), Some(d)) = (doc.opening.get(i).copied().flatten(), doc.year) {
                return match y.cmp(&d) {
                    std::cmp::Ordering::Less => Status::Achieved,
                    std::cmp::Ordering::Greater => Status::Target,
                    std::cmp::Ordering::Equal => doc.default,
                };
            }
            if i == q.sentence {
                continue;
            }
            joined &= norm[s.range.clone()].trim_end().ends_with(';');
            let mut cache = cache.borrow_mut();
            let h = cache.entry(i).or_insert_with(|| self.cues_of(norm, &ctx.tokens(i), doc));
            // Only a frame of time carries over (`过去一年,`, `2023年,`, `近年来`): `已` or
            // `累计` in one sentence does not make the next one a result.
            let carries = |h: &&StatusHit| {
                h.strength == CueScope::Strong
                    && h.status != Status::Fact
                    && !(planning && self.planned_word(norm, h))
                    && (joined || self.frames_time(norm, doc, h))
            };
            if let Some(h) = h.iter().rev().find(carries) {
                return h.status;
            }
        }
        // 4. A review or plan heading outranks a weak word (`实施` in a review of 2023).
        if let Some(s) = doc.heading_status(ctx, q.range.start) {
            return s;
        }
        // 5. A weak cue in the clause before it.
        if let Some(s) = nearest(CueScope::Weak, 1) {
            return s;
        }
        // `88个基层党组织`: a bare count of things, with no verb of making before it, describes.
        if from_right && self.is_classifier(&q.unit) {
            let hi = tokens.partition_point(|t| t.range.end <= q.range.start);
            let verb_before =
                hi > 0 && is_verb(tokens[hi - 1].tag) && tokens[hi - 1].range.start >= clause.start;
            if !verb_before {
                return Status::Fact;
            }
        }
        // A list goes on as it went: the previous quantity of the same sentence (`建成X个、Y个`);
        // a cue does not carry into the next sentence.
        if let Some(p) = prev.filter(|p| p.quantity.sentence == q.sentence) {
            // `…共有市场主体4.6万户,其中企业1.2万户`: a part is what its whole is, fact included.
            let part = norm[clause.clone()].starts_with("其中");
            if p.status != Status::Fact || part {
                return p.status;
            }
        }
        doc.default
    }
}

/// What the whole document says about time: its year and whether it mostly plans or reviews.
pub(super) struct DocInfo<'d> {
    pub(super) time: &'d TimeGrammar,
    pub(super) year: Option<i32>,
    /// The end of the plan period, for targets without a year in a multi-year plan.
    pub(super) period_end: Option<i32>,
    default: Status,
    /// The title names a review (`工作总结`, `执行情况`): there `全年`, `今年` and `年内`
    /// mean the year reported on, not the year planned.
    review: bool,
    /// Status cue of each heading's title, by heading index.
    headings: Vec<Option<Status>>,
    /// Per sentence: where its paragraph (line) starts.
    pub(super) para_start: Vec<usize>,
    /// Per sentence: the plan horizon it sets (`到2025年`), if any.
    pub(super) horizon: Vec<Option<i32>>,
    /// Per sentence: its time words (`全年`, `截至6月`; `去年`, `过去一年`).
    pub(super) times: Vec<SentenceTime>,
    /// Per sentence: the year its first clause names (`2025年,全区…`), a frame for it and
    /// for the sentences after it in its paragraph.
    pub(super) opening: Vec<Option<i32>>,
    /// The review and plan parts, when the document is a work report.
    pub(super) parts: Option<ReportParts>,
    /// The title names a plan (`方案`, `规划`): `累计`, `共计` are planned totals there.
    plans: bool,
}

impl<'d> DocInfo<'d> {
    pub(super) fn new(rules: &TargetRules, ctx: &Context<'d>) -> DocInfo<'d> {
        let time = &ctx.grammar.time;
        let norm = ctx.norm();
        let st = ctx.structure;
        let title = st.title.clone().map(|r| &norm[r]).unwrap_or("");
        // The date line under a signature, until the structure stage reads it.
        let signed = || norm.lines().find_map(date_line_year);
        let year = st.year().or_else(signed).or_else(|| {
            // The first year in the title or the opening sentences.
            let mut text = title.to_string();
            for (_, s) in ctx.sentences().take(3) {
                text.push_str(&norm[s.range.clone()]);
            }
            let horizon = time.horizon_in(&text);
            time.years_in(&text).into_iter().map(|y| y.1).find(|&y| Some(y) != horizon)
        });
        // A report's year is the year its plan is for (its delivery date's year).
        let parts = ReportParts::find(&rules.report, ctx, time);
        let year = parts.as_ref().and_then(|p| p.year).or(year);
        let (mut plan, mut review) = (0usize, 0usize);
        let count = |text: &str, plan: &mut usize, review: &mut usize| {
            for m in rules.status_ac.find_iter(text) {
                let (s, strength) = rules.status_ac_words[m.pattern().as_usize()];
                if strength == CueScope::Strong {
                    match s {
                        Status::Target => *plan += 1,
                        Status::Achieved => *review += 1,
                        Status::Fact => {}
                    }
                }
            }
        };
        for (_, s) in ctx.sentences() {
            count(&norm[s.range.clone()], &mut plan, &mut review);
        }
        let by_title = rules.title_words.iter().find(|(w, _)| title.contains(w.as_str())).map(|(_, s)| *s);
        let default =
            by_title.unwrap_or(if plan * 2 >= review * 3 { Status::Target } else { Status::Achieved });
        let headings = st
            .headings
            .iter()
            .map(|h| {
                let t = &norm[h.title.clone()];
                rules.heading_words.iter().find(|(w, _)| t.contains(w.as_str())).map(|(_, s)| *s)
            })
            .collect();
        let period_end = st.period.map(|p| p[1]);
        // Per-sentence tables, computed once so per-quantity work stays within its sentence.
        let newlines: Vec<usize> = norm.match_indices('\n').map(|(i, _)| i).collect();
        let mut para_start = Vec::with_capacity(st.sentences.len());
        let mut horizon = Vec::with_capacity(st.sentences.len());
        let mut times = Vec::with_capacity(st.sentences.len());
        let mut opening = Vec::with_capacity(st.sentences.len());
        for s in &st.sentences {
            let k = newlines.partition_point(|&n| n < s.range.start);
            para_start.push(if k == 0 { 0 } else { newlines[k - 1] + 1 });
            let text = &norm[s.range.clone()];
            horizon.push(time.horizon_in(text));
            times.push(time.sentence_time(text));
            let head = clause_around(norm, s.range.start..s.range.start, s.range.clone());
            let head = &norm[head];
            opening.push(
                time.years_in(head)
                    .into_iter()
                    .find(|&(i, _)| {
                        !in_title(head, i)
                            && !head[i + 4..].starts_with("年以来")
                            && !head[i + 4..].starts_with("年来")
                    })
                    .map(|y| y.1),
            );
        }
        let review = by_title == Some(Status::Achieved);
        let plans = by_title == Some(Status::Target);
        DocInfo {
            time,
            year,
            period_end,
            default,
            review,
            headings,
            para_start,
            horizon,
            times,
            opening,
            parts,
            plans,
        }
    }

    /// The part of a report that holds `byte`.
    pub(super) fn part_at(&self, byte: usize) -> Option<Part> {
        self.parts.as_ref().and_then(|p| p.part_at(byte))
    }

    /// The status cue of the innermost heading (or its parents) around `byte`.
    pub(super) fn heading_status(&self, ctx: &Context, byte: usize) -> Option<Status> {
        let mut h = ctx.structure.section_at(byte);
        let mut depth = 0;
        while let Some(i) = h {
            if let Some(s) = self.headings.get(i).copied().flatten() {
                return Some(s);
            }
            h = ctx.structure.headings.get(i).and_then(|x| x.parent);
            depth += 1;
            if depth > 8 {
                break;
            }
        }
        None
    }
}

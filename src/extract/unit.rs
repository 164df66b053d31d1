//! Responsible units: names from labels (`责任单位:`, `牵头单位:`, `X牵头`, table columns) and
//! actors of commitments (`A、B将全程跟踪`), each mention with its role.
//!
//! Three sources, all on the normalised text (full-width `():;,` already folded to ASCII):
//! - label lists `LABEL: A、B,C;D` with the label's role, where a group ending in `牵头` /
//!   `配合` overrides it (`责任单位:区发改委牵头,区财政局配合`);
//! - text tables whose header row has a unit column (`序号 | 重点任务 | 责任单位 | 完成时限`);
//! - actors: a clause-initial list of organisation-like names before a verb of commitment
//!   (`由A牵头`, `A、B配合`, `A负责`, `A将`, `A对…进行督办`), checked by an organisation-name grammar.
//!
//! Each mention carries the `block` it came from (the label list, the table row or the actor
//! clause), so that the task stage can find the piece of work it belongs to.

use super::Context;
use crate::document::{Role, RoleCounts, Unit};
use crate::error::Result;
use crate::grammar::is_han;
use crate::grammar::table::Column;
use crate::lexicon::{self, Lexicons, OrgSuffix, UnitVerb};
use regex::Regex;
use rustc_hash::FxHashSet as HashSet;
use std::ops::Range;

/// One mention of a unit; byte ranges into the normalised text.
#[derive(Debug, Clone, PartialEq)]
pub struct UnitMention {
    pub range: Range<usize>,
    /// The name as written.
    pub name: String,
    pub role: Role,
    pub sentence: usize,
    /// The label list, table row or actor clause the mention comes from.
    pub block: Range<usize>,
    /// For a table row: the task cell and the deadline cell.
    pub row: Option<TableRow>,
}

/// The cells of a task-table row that the task stage needs.
#[derive(Debug, Clone, PartialEq)]
pub struct TableRow {
    pub title: Option<Range<usize>>,
    pub deadline: Option<Range<usize>>,
}

/// Lexicons of the unit stage, built once.
#[derive(Debug)]
pub struct UnitRules {
    /// Label words with their roles, longest first.
    labels: Vec<(String, Role)>,
    /// `LABEL:` anywhere in the text.
    label_re: Regex,
    /// Commitment verbs, longest first.
    verbs: Vec<UnitVerb>,
    verb_re: Regex,
    /// Organisation suffixes, longest first.
    suffixes: Vec<OrgSuffix>,
    abbrev: HashSet<String>,
}

/// Longest list we read after a label, in bytes (bounds the work per label).
const MAX_LIST: usize = 600;
/// Longest name we accept from a label list, in chars.
const MAX_NAME: usize = 24;
/// Longest actor name (no label), in chars.
const MAX_ACTOR: usize = 14;

impl UnitRules {
    /// Compiles `unit_labels.txt`, `unit_verbs.txt`, `org_suffixes.txt` and `org_abbrev.txt`.
    pub fn new(lex: &Lexicons) -> Result<UnitRules> {
        let mut labels: Vec<(String, Role)> =
            lex.unit_labels.iter().map(|l| (l.word.clone(), l.role)).collect();
        labels.sort_by(|a, b| b.0.len().cmp(&a.0.len()).then_with(|| a.0.cmp(&b.0)));
        let label_re = Regex::new(&format!(
            r"{}[ \t]*(?::|】)",
            lexicon::alternation(labels.iter().map(|l| l.0.as_str()))
        ))
        .expect("escaped words");
        let mut verbs = lex.unit_verbs.clone();
        verbs.sort_by(|a, b| b.word.len().cmp(&a.word.len()).then_with(|| a.word.cmp(&b.word)));
        let verb_re =
            Regex::new(&lexicon::alternation(verbs.iter().map(|v| v.word.as_str()))).expect("escaped words");
        let mut suffixes = lex.org_suffixes.clone();
        suffixes.sort_by(|a, b| b.word.len().cmp(&a.word.len()).then_with(|| a.word.cmp(&b.word)));
        let abbrev = lex.org_abbrev.iter().map(|w| w.0.clone()).collect();
        Ok(UnitRules { labels, label_re, verbs, verb_re, suffixes, abbrev })
    }

    /// Every unit mention, in text order.
    pub fn extract(&self, ctx: &Context) -> Vec<UnitMention> {
        let norm = ctx.norm();
        let mut raw: Vec<Raw> = Vec::new();
        self.tables(ctx, &mut raw);
        let table_lines: Vec<Range<usize>> = raw.iter().map(|r| r.block.clone()).collect();
        let in_table = |b: usize| in_spans(&table_lines, b);
        let mut label_spans: Vec<Range<usize>> = Vec::new();
        for m in self.label_re.find_iter(norm) {
            if in_table(m.start()) {
                continue;
            }
            let word = m.as_str().trim_end_matches([':', '】']).trim_end();
            let role = self.labels.iter().find(|l| l.0 == word).map_or(Role::Responsible, |l| l.1);
            let before = raw.len();
            let end = self.label_list(norm, m.end(), role, &mut raw);
            for r in &mut raw[before..] {
                r.block = m.start()..end;
            }
            label_spans.push(m.start()..end);
        }
        self.actors(norm, &label_spans, &in_table, &mut raw);

        raw.sort_by_key(|r| (r.range.start, r.range.end));
        raw.dedup_by(|a, b| a.range == b.range);
        raw.into_iter()
            .filter_map(|r| {
                let sentence = ctx.structure.sentence_at(r.range.start)?;
                // A table row found by its header is not web boilerplate, however short its
                // cells (the navigation-bar rule of `clean` matches `1 | A | B | C`).
                if ctx.structure.sentences[sentence].boilerplate && r.row.is_none() {
                    return None;
                }
                Some(UnitMention {
                    name: ctx.text().original(r.range.clone()).to_string(),
                    range: r.range,
                    role: r.role,
                    sentence,
                    block: r.block,
                    row: r.row,
                })
            })
            .collect()
    }

    /// Reads the list after a label starting at `start`; returns where the list ends.
    fn label_list(&self, norm: &str, start: usize, role: Role, out: &mut Vec<Raw>) -> usize {
        // `责任单位:` at a line end: the list is on the next line.
        let rest = &norm[start..];
        let start = if rest.trim_start_matches([' ', '\t']).starts_with(['\n', '\r']) {
            start + (rest.len() - rest.trim_start().len())
        } else {
            start
        };
        let end = list_end(norm, start);
        self.split_list(norm, start..end, role, out, false);
        end
    }

    /// Splits `A、B,C牵头;D配合` into names; a group (between `,` / `;`) that ends in a
    /// role verb takes that role. `actor` asks every name to pass the organisation grammar.
    fn split_list(&self, norm: &str, span: Range<usize>, role: Role, out: &mut Vec<Raw>, actor: bool) {
        let text = &norm[span.clone()];
        let mut gstart = 0;
        for (i, ch) in text.char_indices().chain(std::iter::once((text.len(), ','))) {
            if !matches!(ch, ',' | ';' | '。') {
                continue;
            }
            let group = span.start + gstart..span.start + i;
            gstart = i + ch.len_utf8();
            let mut g = group.clone();
            let mut grole = role;
            // `按职责分工负责`, `分别负责`: how they share the work, not a name.
            for tail in ["按职责分工负责", "按职能分工负责", "按职责分工", "按职责负责", "分别负责"]
            {
                if norm[g.clone()].ends_with(tail) {
                    g.end -= tail.len();
                    break;
                }
            }
            // A trailing role verb: `区财政局配合`.
            let gt = &norm[g.clone()];
            if let Some(v) = self.verbs.iter().find(|v| !v.strict && gt.ends_with(v.word.as_str())) {
                g.end -= v.word.len();
                grole = v.role;
            }
            self.split_items(norm, g, grole, out, actor);
        }
    }

    fn split_items(&self, norm: &str, g: Range<usize>, role: Role, out: &mut Vec<Raw>, actor: bool) {
        let text = &norm[g.clone()];
        let mut istart = 0;
        let mut depth = 0i32;
        let mut items = Vec::new();
        for (i, ch) in text.char_indices().chain(std::iter::once((text.len(), '、'))) {
            match ch {
                '(' => depth += 1,
                ')' => depth -= 1,
                _ => {}
            }
            if depth > 0 || !matches!(ch, '、' | '/' | ' ' | '\t' | '\u{3000}') {
                continue;
            }
            items.push(g.start + istart..g.start + i);
            istart = i + ch.len_utf8();
        }
        for it in items {
            let Some((r, irole)) = self.clean_item(norm, it, role) else { continue };
            if actor && !self.is_org(&norm[r.clone()], false) {
                continue;
            }
            out.push(Raw { range: r, role: irole, block: g.clone(), row: None });
        }
    }

    /// Trims an item to the name: drops `等`, `等部门`, a `(牵头)` note (which sets the role),
    /// and rejects what cannot be a name (too long, a date, a sentence).
    fn clean_item(&self, norm: &str, r: Range<usize>, role: Role) -> Option<(Range<usize>, Role)> {
        let mut s = r.start;
        let mut e = r.end;
        let mut role = role;
        let t = |s: usize, e: usize| &norm[s..e];
        while s < e && t(s, e).starts_with(|c: char| c.is_whitespace() || "\"“”'‘’《》".contains(c))
        {
            s += t(s, e).chars().next().map_or(1, char::len_utf8);
        }
        while s < e && t(s, e).ends_with(|c: char| c.is_whitespace() || "\"“”'‘’《》".contains(c)) {
            e -= t(s, e).chars().next_back().map_or(1, char::len_utf8);
        }
        // `区发改委(牵头)`: a role verb in brackets after the name sets its role.
        for v in self.verbs.iter().filter(|v| !v.strict) {
            let name = t(s, e);
            if let Some(rest) = name.strip_suffix(')').and_then(|n| n.strip_suffix(v.word.as_str())) {
                if rest.ends_with('(') {
                    e -= v.word.len() + 2;
                    role = v.role;
                }
            }
        }
        // `区人社局(排名第一的为牵头单位)`: a note on the list, not part of the name.
        if t(s, e).ends_with(')') {
            if let Some(open) = t(s, e).rfind('(') {
                let note = &t(s, e)[open..];
                if open > 0 && ["牵头", "配合", "负责", "排名", "为"].iter().any(|w| note.contains(w))
                {
                    e = s + open;
                }
            }
        }
        // `区发改委等`, `区财政局等有关部门`, `区商务局等5个部门`: the list's close.
        if let Some(i) = t(s, e).rfind('等') {
            let after = &t(s, e)[i + '等'.len_utf8()..];
            let closes =
                after.is_empty() || ["部门", "单位", "机构", "家", "个"].iter().any(|w| after.ends_with(w));
            if i >= 6 && after.chars().count() <= 8 && closes {
                e = s + i;
            }
        }
        let name = t(s, e);
        let n = name.chars().count();
        if !(2..=MAX_NAME).contains(&n) {
            return None;
        }
        if name.contains(|c: char| c.is_ascii_digit() || matches!(c, ':' | '。' | '!' | '?' | '|')) {
            return None;
        }
        if !name.chars().any(is_han) {
            return None;
        }
        // A long item is a name only with an organisation ending; otherwise it is prose
        // that followed an unbracketed list.
        if n > 8 && !self.suffixes.iter().any(|suf| name.ends_with(suf.word.as_str())) {
            return None;
        }
        Some((s..e, role))
    }

    /// The organisation-name grammar: a known short form, a collective (`各村`, `相关部门`),
    /// or a run of Han characters ending in an organisation suffix. `dept_only` refuses
    /// place suffixes (镇, 街道, 村).
    pub fn is_org(&self, name: &str, dept_only: bool) -> bool {
        let n = name.chars().count();
        if !(2..=MAX_ACTOR).contains(&n) || !name.chars().all(is_han) {
            return false;
        }
        if self.abbrev.contains(name) {
            return true;
        }
        if ["我", "本", "全", "该", "其", "这", "此", "那", "每"].iter().any(|p| name.starts_with(p))
        {
            return false;
        }
        if (name.starts_with('各') || name.starts_with("相关") || name.starts_with("有关")) && n <= 6 {
            return true;
        }
        // `区委`, `镇党委`: the reporting body itself, not a department it assigns work to.
        let issuer = ["区", "市", "县", "镇", "乡", "省"].iter().any(|p| name.starts_with(p))
            && ["委", "党委", "党工委", "政府", "人民政府"]
                .iter()
                .any(|x| name.len() == 3 + x.len() && name.ends_with(x));
        if issuer && dept_only {
            return false;
        }
        for suf in &self.suffixes {
            if name.ends_with(suf.word.as_str()) && name.len() > suf.word.len() {
                return suf.dept || !dept_only;
            }
        }
        false
    }

    /// Actors of commitments: `由A牵头`, `A、B配合`, `A负责`, `A将` at the start of a clause.
    fn actors(
        &self,
        norm: &str,
        labels: &[Range<usize>],
        in_table: &dyn Fn(usize) -> bool,
        out: &mut Vec<Raw>,
    ) {
        for m in self.verb_re.find_iter(norm) {
            if in_spans(labels, m.start()) || in_table(m.start()) {
                continue;
            }
            let after = &norm[m.end()..];
            // 负责人, 负责同志, 牵头单位 (a label without colon), 配合度 ...: nouns, not verbs.
            if ["人", "同志", "单位", "部门", "领导", "度", "性", "制", "机制", "下"]
                .iter()
                .any(|x| after.starts_with(x))
            {
                continue;
            }
            let Some(&UnitVerb { role, strict, .. }) = self.verbs.iter().find(|v| v.word == m.as_str())
            else {
                continue;
            };
            // `党群服务中心将于年底建成`: a facility's schedule, not a body's commitment.
            if strict
                && ["于", "在", "建成", "投入", "投用", "开工", "完工", "竣工", "开放", "落成", "成为"]
                    .iter()
                    .any(|x| after.starts_with(x))
            {
                continue;
            }
            // The clause before the verb, back to punctuation, `由` or an opening bracket.
            let before = &norm[..m.start()];
            let mut cstart = m.start();
            let mut nchars = 0;
            for (i, c) in before.char_indices().rev() {
                if matches!(
                    c,
                    ',' | '。' | ';' | ':' | '(' | ')' | '!' | '?' | '\n' | '【' | '】' | ' ' | '\t'
                ) {
                    break;
                }
                if c == '由' {
                    break;
                }
                nchars += 1;
                if nchars > 40 {
                    cstart = m.start();
                    break;
                }
                cstart = i;
            }
            if cstart >= m.start() || nchars > 40 {
                continue;
            }
            let list = cstart..m.start();
            // Every item of the list must look like a body; otherwise it is not an actor list.
            let Some(names) = self.actor_names(norm, list, strict) else { continue };
            let block = cstart..clause_end(norm, m.end());
            for r in names {
                out.push(Raw { range: r, role, block: block.clone(), row: None });
            }
        }
    }

    /// Splits an actor list on `、` (and `和` `及` `与` where the whole item is not itself a
    /// name, as `住房和城乡建设局` is); `None` unless every piece is organisation-like.
    fn actor_names(&self, norm: &str, list: Range<usize>, strict: bool) -> Option<Vec<Range<usize>>> {
        let mut out = Vec::new();
        let mut s = list.start;
        for part in norm[list.clone()].split('、') {
            let r = s..s + part.len();
            s = r.end + '、'.len_utf8();
            if self.is_org(part, strict) {
                out.push(r);
                continue;
            }
            let mut t = r.start;
            for p in part.split(['和', '及', '与']) {
                if !self.is_org(p, strict) {
                    return None;
                }
                out.push(t..t + p.len());
                t += p.len() + '和'.len_utf8();
            }
        }
        (!out.is_empty()).then_some(out)
    }

    /// Task tables: a header row with a unit column (found by the table model), then rows
    /// with as many cells.
    fn tables(&self, ctx: &Context, out: &mut Vec<Raw>) {
        let norm = ctx.norm();
        for table in ctx.structure.tables.iter() {
            let mut header: Option<&[Column]> = None;
            for row in &table.rows {
                if let Some(h) = &row.header {
                    header = Some(h);
                    continue;
                }
                let Some(h) = header else { continue };
                if row.cells.len() != h.len() {
                    header = None;
                    continue;
                }
                let cell = |kind: Column| {
                    h.iter().position(|c| *c == kind).map(|k| row.cells[k].clone()).filter(|r| !r.is_empty())
                };
                let task_row = TableRow { title: cell(Column::Task), deadline: cell(Column::Deadline) };
                for (k, col) in h.iter().enumerate() {
                    let Column::Unit(role) = *col else { continue };
                    let before = out.len();
                    self.split_list(norm, row.cells[k].clone(), role, out, false);
                    for r in &mut out[before..] {
                        r.block = row.span.clone();
                        r.row = Some(task_row.clone());
                    }
                }
            }
        }
    }
}

#[derive(Debug)]
struct Raw {
    range: Range<usize>,
    role: Role,
    block: Range<usize>,
    row: Option<TableRow>,
}

/// Whether `pos` lies in one of `spans` (sorted by start, not overlapping): a binary search,
/// so that long tables and many labels stay linear.
fn in_spans(spans: &[Range<usize>], pos: usize) -> bool {
    let i = spans.partition_point(|r| r.start <= pos);
    i > 0 && spans[i - 1].contains(&pos)
}

/// Where a label list ends: an unbalanced `)` or `】`, a full stop, a line end, or the next
/// `word:` label (`牵头单位:A;配合单位:B`, `责任单位:A 完成时限:2023年底`).
fn list_end(norm: &str, start: usize) -> usize {
    let text = &norm[start..];
    let mut depth = 0i32;
    let mut last_sep = 0;
    for (i, c) in text.char_indices() {
        if i > MAX_LIST {
            return start + i;
        }
        match c {
            '(' | '【' => depth += 1,
            ')' | '】' => {
                if depth == 0 {
                    return start + i;
                }
                depth -= 1;
            }
            '。' | '\n' | '!' | '?' => return start + i,
            ':' => {
                // The word before this colon is another label: end at the separator before it.
                return start + last_sep;
            }
            ';' | ',' | ' ' | '\t' => {
                // Prose after an unbracketed list: the next chunk is long or numbered.
                let rest = &text[i + c.len_utf8()..];
                let rest = rest.trim_start();
                let chunk = rest.split([' ', '\t', '、', ',', ';', '。', ')', '\n']).next().unwrap_or("");
                let numbered = rest.starts_with(|c: char| c.is_ascii_digit() || c == '(' || c == '【');
                let long = chunk.chars().count() > 12;
                let sentence = rest[chunk.len()..].starts_with('。') && chunk.chars().count() > 6;
                if numbered || long || sentence {
                    return start + i;
                }
                last_sep = i;
            }
            '、' => last_sep = i,
            _ => {}
        }
    }
    norm.len()
}

/// End of the clause that starts at `from`.
fn clause_end(norm: &str, from: usize) -> usize {
    norm[from..].find([',', '。', ';', '\n', '!', '?']).map_or(norm.len(), |i| from + i)
}

/// One `units[]` entry per distinct name, in order of first mention.
pub fn aggregate(mentions: &[UnitMention]) -> Vec<Unit> {
    let mut out: Vec<Unit> = Vec::new();
    let mut index: rustc_hash::FxHashMap<&str, usize> = rustc_hash::FxHashMap::default();
    for m in mentions {
        let i = *index.entry(m.name.as_str()).or_insert_with(|| {
            out.push(Unit { name: m.name.clone(), mentions: 0, roles: RoleCounts::default() });
            out.len() - 1
        });
        let u = &mut out[i];
        u.mentions += 1;
        match m.role {
            Role::Responsible => u.roles.responsible += 1,
            Role::Lead => u.roles.lead += 1,
            Role::Support => u.roles.support += 1,
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use crate::document::{Document, Role};
    use crate::pipeline::test_doc as doc;

    fn names(d: &Document) -> Vec<&str> {
        d.units.iter().map(|u| u.name.as_str()).collect()
    }

    fn task_units(d: &Document, k: usize) -> Vec<(&str, Role)> {
        d.tasks[k].units.iter().map(|u| (u.name.as_str(), u.role)).collect()
    }

    #[test]
    fn lead_and_support_labels_with_semicolon() {
        let d = doc("(1)完善物流园区配套。新建冷链仓储设施。(牵头单位:区发改委;配合单位:区财政局、区商务委)");
        assert_eq!(names(&d), ["区发改委", "区财政局", "区商务委"]);
        assert_eq!(d.tasks.len(), 1);
        assert_eq!(d.tasks[0].title, "完善物流园区配套");
        assert_eq!(
            task_units(&d, 0),
            [("区发改委", Role::Lead), ("区财政局", Role::Support), ("区商务委", Role::Support)]
        );
    }

    #[test]
    fn full_width_label_and_groups_after_comma() {
        let d =
            doc("2.提升社区服务水平。推进邻里中心建设。（责任部门：社会事务科、规划科，相关社区、物业公司）");
        assert_eq!(names(&d), ["社会事务科", "规划科", "相关社区", "物业公司"]);
        assert!(d.units.iter().all(|u| u.roles.responsible == 1));
    }

    #[test]
    fn bracketed_lead_support_without_label() {
        let d = doc("(二)整治背街小巷。完成老旧管网改造。(区住建局牵头,区交通委、各街道配合)");
        assert_eq!(
            task_units(&d, 0),
            [("区住建局", Role::Lead), ("区交通委", Role::Support), ("各街道", Role::Support)]
        );
        assert_eq!(d.tasks[0].title, "整治背街小巷");
    }

    #[test]
    fn by_x_lead_and_x_responsible_sentences() {
        let d = doc("三、保障措施\n(一)强化资金保障。由区财政局牵头,区审计局配合,统筹安排专项资金。\n(二)加强考核。区考核办负责年度评估。");
        assert_eq!(names(&d), ["区财政局", "区审计局", "区考核办"]);
        assert_eq!(d.tasks.len(), 2, "{:?}", d.tasks);
        assert_eq!(d.tasks[1].title, "加强考核");
        assert_eq!(task_units(&d, 1), [("区考核办", Role::Responsible)]);
    }

    #[test]
    fn commitment_actors_and_non_actors() {
        let d = doc("(四)严格督办。工作成效纳入年度考核,区委督查室、区审计局将定期开展专项检查。本镇将继续加大投入。全区各部门主要负责同志要亲自抓。湖滨镇将加快发展。");
        assert_eq!(names(&d), ["区委督查室", "区审计局"]);
        assert_eq!(d.tasks[0].title, "严格督办");
    }

    #[test]
    fn collective_names_with_brackets_are_kept_whole() {
        let d = doc("(3)开展垃圾分类宣传。(责任单位:各镇(街道)、区绿化市容局)");
        assert_eq!(names(&d), ["各镇(街道)", "区绿化市容局"]);
    }

    #[test]
    fn unbracketed_label_stops_before_prose() {
        let d = doc("责任单位:区民政局、区卫健委 推进医养结合服务体系建设并逐步扩大覆盖范围。");
        assert_eq!(names(&d), ["区民政局", "区卫健委"]);
    }

    #[test]
    fn label_with_deadline() {
        let d = doc("(5)建成智慧停车平台。(责任单位:区交通委;完成时限:2024年12月底)");
        assert_eq!(names(&d), ["区交通委"]);
        assert_eq!(d.tasks[0].deadline.as_deref(), Some("2024-12"));
    }

    #[test]
    fn pipe_table() {
        let d = doc("重点任务清单\n序号 | 重点任务 | 牵头单位 | 配合单位 | 完成时限\n1 | 建设城市绿道,新增绿道20公里 | 区园林局 | 区规划局、各街道 | 2024年6月\n2 | 改造农贸市场 | 区商务局 | 区市场监管局 | 2025年底\n");
        assert_eq!(names(&d), ["区园林局", "区规划局", "各街道", "区商务局", "区市场监管局"]);
        assert_eq!(d.tasks.len(), 2);
        assert_eq!(d.tasks[0].title, "建设城市绿道");
        assert_eq!(d.tasks[0].deadline.as_deref(), Some("2024-06"));
        assert_eq!(d.tasks[1].deadline.as_deref(), Some("2025-12"));
        assert_eq!(task_units(&d, 1), [("区商务局", Role::Lead), ("区市场监管局", Role::Support)]);
    }

    #[test]
    fn space_and_tab_tables() {
        let d = doc("序号  工作任务      责任单位        完成时间\n1  修缮文化礼堂  镇文体中心  2023年10月\n2\t开展技能培训\t镇社保所、各村\t2024年\n");
        assert_eq!(names(&d), ["镇文体中心", "镇社保所", "各村"]);
        assert_eq!(d.tasks.len(), 2);
        assert_eq!(d.tasks[1].title, "开展技能培训");
        assert_eq!(d.tasks[0].deadline.as_deref(), Some("2023-10"));
    }

    #[test]
    fn bracket_label_and_sharing_phrase() {
        let d = doc("(6)推进数字乡村建设。【责任单位】区农业农村局、区大数据中心按职责分工负责");
        assert_eq!(names(&d), ["区农业农村局", "区大数据中心"]);
    }

    #[test]
    fn list_on_next_line_and_bracketed_notes() {
        let d = doc("(7)建设公共实训基地。\n责任单位:\n区人社局、区教育局(排名第一的为牵头单位)\n");
        assert_eq!(names(&d), ["区人社局", "区教育局"]);
        let d = doc("(9)优化审批流程。(责任单位:区政务服务局、区住建局等5个部门)");
        assert_eq!(names(&d), ["区政务服务局", "区住建局"]);
        let d = doc("(8)做好防汛准备。各镇、街道负责辖区内隐患排查。");
        assert_eq!(names(&d), ["各镇", "街道"]);
    }

    #[test]
    fn oversight_bodies_before_dui_are_actors() {
        let d = doc(
            "(五)强化督查。区纪委监委、区督查办对各项任务落实情况进行跟踪问效。企业对服务的满意度达到95%。",
        );
        assert_eq!(names(&d), ["区纪委监委", "区督查办"]);
        assert_eq!(d.tasks[0].title, "强化督查");
    }

    #[test]
    fn facilities_and_the_issuer_are_not_actors_of_jiang() {
        let d = doc("(二)完善公共服务。镇文化中心将于年底建成开放,镇党委将持续加大投入,区委将统筹推进。");
        assert!(d.units.is_empty(), "{:?}", names(&d));
    }

    #[test]
    fn org_grammar() {
        let r = super::UnitRules::new(&crate::lexicon::Lexicons::embedded().unwrap()).unwrap();
        assert!(r.is_org("区发展改革委", true));
        assert!(r.is_org("相关部门", true));
        assert!(r.is_org("湖滨镇", false));
        assert!(!r.is_org("湖滨镇", true));
        assert!(!r.is_org("加快推进", false));
        assert!(!r.is_org("本单位", false));
    }
}

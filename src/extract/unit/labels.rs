//! Label lists: `责任单位:A、B,C牵头;D配合`, `【牵头单位】A`, `(6月底前完成,牵头落实单位:A)`,
//! and the splitting of a list of names that table cells share.

use super::{in_spans, Raw, Source, UnitRules, Weight, MAX_LIST, MAX_NAME};
use crate::document::Role;
use crate::extract::Context;
use crate::grammar::is_han;
use crate::grammar::org::{strip_brackets, OrgGrammar};
use std::ops::Range;

impl UnitRules {
    /// Every label list outside the tables (`taken`, sorted); returns the spans of the lists.
    pub(super) fn labels(
        &self,
        ctx: &Context,
        taken: &[Range<usize>],
        out: &mut Vec<Raw>,
    ) -> Vec<Range<usize>> {
        let norm = ctx.norm();
        let org = &ctx.grammar.org;
        let mut spans = Vec::new();
        for m in self.label_re.find_iter(norm) {
            if in_spans(taken, m.start()) {
                continue;
            }
            let word = m.as_str().trim_end_matches([':', '】']).trim_end();
            let role = self.labels.role(word).unwrap_or(Role::Responsible);
            let before = out.len();
            let end = self.label_list(norm, org, m.end(), role, out);
            // Under `责任领导:` posts stand beside bodies: keep the bodies.
            if self.labels.names_posts(word) {
                let mut k = before;
                while k < out.len() {
                    if org.is_org(&norm[out[k].range.clone()], false) {
                        k += 1;
                    } else {
                        out.remove(k);
                    }
                }
            }
            for r in &mut out[before..] {
                r.block = m.start()..end;
                r.source = Source::Label;
            }
            spans.push(m.start()..end);
        }
        spans
    }

    /// Reads the list after a label starting at `start`; returns where the list ends.
    fn label_list(
        &self,
        norm: &str,
        org: &OrgGrammar,
        start: usize,
        role: Role,
        out: &mut Vec<Raw>,
    ) -> usize {
        // `责任单位:` at a line end: the list is on the next line.
        let rest = &norm[start..];
        let start = if rest.trim_start_matches([' ', '\t']).starts_with(['\n', '\r']) {
            start + (rest.len() - rest.trim_start().len())
        } else {
            start
        };
        let end = list_end(norm, start);
        self.split_list(norm, org, start..end, role, out);
        end
    }

    /// Splits `A、B,C牵头;D配合` into names; a group (between `,` / `;`) that ends in a
    /// role verb or a sharing phrase (`按职责分工负责`) takes that role.
    pub(super) fn split_list(
        &self,
        norm: &str,
        org: &OrgGrammar,
        span: Range<usize>,
        role: Role,
        out: &mut Vec<Raw>,
    ) {
        let text = &norm[span.clone()];
        let mut gstart = 0;
        for (i, ch) in text.char_indices().chain(std::iter::once((text.len(), ','))) {
            if !matches!(ch, ',' | ';' | '。') {
                continue;
            }
            let mut g = span.start + gstart..span.start + i;
            gstart = i + ch.len_utf8();
            let mut grole = role;
            // `按职责分工负责`, `分别负责`: how they share the work, not a name.
            if let Some(a) = self.adverbs.iter().find(|a| norm[g.clone()].ends_with(a.word.as_str())) {
                g.end -= a.word.len();
                grole = a.role;
            }
            // A trailing role verb: `区财政局配合`.
            let gt = &norm[g.clone()];
            if let Some(v) = self.verbs.iter().find(|v| !v.strict && gt.ends_with(v.word.as_str())) {
                g.end -= v.word.len();
                grole = v.role;
            }
            self.split_items(norm, org, g, grole, out);
        }
    }

    fn split_items(&self, norm: &str, org: &OrgGrammar, g: Range<usize>, role: Role, out: &mut Vec<Raw>) {
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
            if depth > 0 || !matches!(ch, '、' | '/' | ' ' | '\t' | '\u{3000}' | '\n') {
                continue;
            }
            items.push(g.start + istart..g.start + i);
            istart = i + ch.len_utf8();
        }
        for it in items {
            let Some((r, irole)) = self.clean_item(norm, org, it, role) else { continue };
            out.push(Raw {
                range: r,
                role: irole,
                block: g.clone(),
                source: Source::Label,
                row: None,
                weight: Weight::Firm,
            });
        }
    }

    /// Trims an item to the name: drops `等`, `等部门`, a `(牵头)` note (which sets the role),
    /// and rejects what cannot be a name (too long, a date, a sentence).
    fn clean_item(
        &self,
        norm: &str,
        org: &OrgGrammar,
        r: Range<usize>,
        role: Role,
    ) -> Option<(Range<usize>, Role)> {
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
        if n > 8 && !org.has_suffix(&strip_brackets(name)) {
            return None;
        }
        Some((s..e, role))
    }
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
            // `【牵头单位】A【责任单位】B`: the next bracketed label.
            '【' if depth == 0 => return start + i,
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

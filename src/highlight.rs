//! What to highlight in a document's text (targets, project mentions, unit names,
//! boilerplate) and the text cut into pieces at every range boundary, so a renderer can
//! wrap each piece once and overlapping ranges never break the nesting. `zhengce report`
//! draws these pieces as HTML.

use crate::document::Document;
use std::collections::HashSet;
use std::ops::Range;

/// Most highlighted occurrences of one unit name (a very common name would flood the text).
pub const MAX_UNIT_HITS: usize = 200;

/// Kind of a highlighted range; the order is the paint order (later inside earlier).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Kind {
    Boilerplate,
    Unit,
    Project,
    Target,
}

/// One highlighted range, in code points.
#[derive(Debug, Clone)]
pub struct Mark {
    pub start: usize,
    pub end: usize,
    pub kind: Kind,
    /// The item's id (`T1`, `P1`, [`unit_id`]); empty for boilerplate.
    pub id: String,
}

/// One piece of the text between two consecutive range boundaries.
#[derive(Debug, Clone)]
pub struct Piece {
    /// Byte range in the text.
    pub bytes: Range<usize>,
    /// The piece is inside boilerplate.
    pub boilerplate: bool,
    /// The innermost item over the piece (the highest kind, then the shortest range);
    /// `None` when no target, project or unit covers it.
    pub kind: Option<Kind>,
    /// Ids of every item over the piece, sorted, without repeats.
    pub ids: Vec<String>,
    /// Those of `ids` whose first piece this is.
    pub first: Vec<String>,
}

/// Ids used for units (units have no id in zhengce/1): `U1` for the first.
pub fn unit_id(i: usize) -> String {
    format!("U{}", i + 1)
}

/// The ranges to highlight, cut to the text's `chars` code points. Units have no spans, so
/// their names are searched in the text (at most [`MAX_UNIT_HITS`] each).
pub fn marks(d: &Document, text: &str, chars: usize) -> Vec<Mark> {
    let mut m = Vec::new();
    let mut push = |s: [usize; 2], kind: Kind, id: &str| {
        let (start, end) = (s[0].min(chars), s[1].min(chars));
        if start < end {
            m.push(Mark { start, end, kind, id: id.to_string() });
        }
    };
    for b in &d.boilerplate {
        push(*b, Kind::Boilerplate, "");
    }
    for t in &d.targets {
        push(t.span, Kind::Target, &t.id);
    }
    for p in &d.projects {
        for s in &p.mentions {
            push(*s, Kind::Project, &p.id);
        }
    }
    // Byte → char index for the unit-name search.
    let starts: Vec<usize> = text.char_indices().map(|(b, _)| b).collect();
    let to_char = |b: usize| starts.partition_point(|&x| x < b);
    for (i, u) in d.units.iter().enumerate() {
        let name = u.name.trim();
        if name.is_empty() {
            continue;
        }
        for (b, _) in text.match_indices(name).take(MAX_UNIT_HITS) {
            let s = to_char(b);
            push([s, s + name.chars().count()], Kind::Unit, &unit_id(i));
        }
    }
    m
}

/// The whole text as pieces, in order: cut at every boundary of [`marks`], each piece
/// listing all ranges over it.
pub fn pieces(d: &Document, text: &str) -> Vec<Piece> {
    let chars = text.chars().count();
    let marks = marks(d, text, chars);
    let mut cuts: Vec<usize> = marks.iter().flat_map(|m| [m.start, m.end]).collect();
    cuts.push(0);
    cuts.push(chars);
    cuts.sort_unstable();
    cuts.dedup();
    let mut by_start: Vec<usize> = (0..marks.len()).collect();
    by_start.sort_by_key(|&i| marks[i].start);
    let byte_of: Vec<usize> =
        text.char_indices().map(|(b, _)| b).chain(std::iter::once(text.len())).collect();
    let mut active: Vec<usize> = Vec::new();
    let mut next = 0;
    let mut seen_first = HashSet::new();
    let mut out = Vec::with_capacity(cuts.len());
    for w in cuts.windows(2) {
        let (a, b) = (w[0], w[1]);
        active.retain(|&i| marks[i].end > a);
        while next < by_start.len() && marks[by_start[next]].start <= a {
            let i = by_start[next];
            if marks[i].end > a {
                active.push(i);
            }
            next += 1;
        }
        let mut piece = Piece {
            bytes: byte_of[a]..byte_of[b],
            boilerplate: false,
            kind: None,
            ids: Vec::new(),
            first: Vec::new(),
        };
        piece.boilerplate = active.iter().any(|&i| marks[i].kind == Kind::Boilerplate);
        let items: Vec<&Mark> =
            active.iter().map(|&i| &marks[i]).filter(|m| m.kind != Kind::Boilerplate).collect();
        // Innermost: the highest kind, then the shortest range.
        if let Some(inner) = items.iter().max_by_key(|m| (m.kind, std::cmp::Reverse(m.end - m.start))) {
            piece.kind = Some(inner.kind);
            let mut ids: Vec<&str> = items.iter().map(|m| m.id.as_str()).collect();
            ids.sort_unstable();
            ids.dedup();
            piece.first =
                ids.iter().filter(|id| seen_first.insert(id.to_string())).map(|id| id.to_string()).collect();
            piece.ids = ids.into_iter().map(str::to_string).collect();
        }
        out.push(piece);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pieces_cover_the_text_and_name_every_range_over_them() {
        let text = "经发办负责投资50亿元。\n";
        let mut d = crate::pipeline::test_doc(text);
        d.units =
            vec![crate::document::Unit { name: "经发办".into(), mentions: 1, roles: Default::default() }];
        let pieces = pieces(&d, text);
        let joined: String = pieces.iter().map(|p| &text[p.bytes.clone()]).collect();
        assert_eq!(joined, text);
        let unit = pieces.iter().find(|p| &text[p.bytes.clone()] == "经发办").expect("the unit name");
        assert_eq!(
            (unit.kind, unit.ids.clone(), unit.first.clone()),
            (Some(Kind::Unit), vec!["U1".to_string()], vec!["U1".to_string()])
        );
        let target = pieces.iter().find(|p| p.kind == Some(Kind::Target)).expect("the target");
        assert_eq!(target.first, vec!["T1".to_string()]);
    }
}

//! Layout: a page's glyphs to lines by baseline, and ruled tables to rows whose cells are
//! separated by tabs.

use super::interp::Rule;
use super::Glyph;
use std::collections::HashMap;

#[derive(Debug, Clone)]
pub(super) struct Line {
    pub(super) text: String,
    pub(super) left: f64,
    pub(super) right: f64,
    pub(super) size: f64,
    /// A table row (cells separated by tabs): never joined to its neighbours.
    pub(super) row: bool,
    /// Baseline (or a table row's top border), for ordering.
    pub(super) y: f64,
    /// The first row of a ruled table (a header row that Word repeats on every page).
    pub(super) first_row: bool,
}

#[derive(Debug, Default)]
pub(super) struct Page {
    pub(super) lines: Vec<Line>,
}

/// Lays out one page: glyphs inside ruled tables become one line per table row (cells
/// separated by a tab, a cell's wrapped lines joined), the other glyphs are grouped into
/// lines by baseline; all lines in order from top to bottom.
pub(super) fn layout_page(mut glyphs: Vec<Glyph>, rules: &[Rule]) -> Page {
    glyphs.retain(|g| g.x.is_finite() && g.y.is_finite() && g.size.is_finite() && g.w.is_finite());
    if glyphs.is_empty() {
        return Page::default();
    }
    let grids = find_grids(rules);
    let mut free = Vec::with_capacity(glyphs.len());
    let mut in_grid: Vec<Vec<Glyph>> = vec![Vec::new(); grids.len()];
    for g in glyphs {
        match grids.iter().position(|grid| grid.contains(&g)) {
            Some(i) => in_grid[i].push(g),
            None => free.push(g),
        }
    }
    let mut lines = text_lines(free);
    for (grid, glyphs) in grids.iter().zip(in_grid) {
        lines.extend(grid.rows(glyphs));
    }
    // Stable: lines on one baseline keep their order.
    lines.sort_by(|a, b| b.y.total_cmp(&a.y));
    Page { lines }
}

/// Groups glyphs into lines by baseline (top to bottom), orders each line by x, drops
/// glyphs printed twice at almost the same place (simulated bold), and puts a tab at gaps
/// wide enough to separate the cells of a table without borders and a space between
/// Latin words.
pub(super) fn text_lines(glyphs: Vec<Glyph>) -> Vec<Line> {
    if glyphs.is_empty() {
        return Vec::new();
    }
    // Cluster by baseline: sort by y descending, then start a new line when the baseline
    // moves by more than half the font size.
    let mut order: Vec<usize> = (0..glyphs.len()).collect();
    order.sort_by(|&a, &b| glyphs[b].y.total_cmp(&glyphs[a].y).then(a.cmp(&b)));
    let mut clusters: Vec<(f64, Vec<usize>)> = Vec::new();
    for i in order {
        let g = &glyphs[i];
        let tol = g.size.max(1.0) * 0.5;
        match clusters.last_mut() {
            Some((base, c)) if (*base - g.y).abs() <= tol => c.push(i),
            _ => clusters.push((g.y, vec![i])),
        }
    }
    let mut lines = Vec::new();
    for (y, mut c) in clusters {
        c.sort_by(|&a, &b| glyphs[a].x.total_cmp(&glyphs[b].x).then(a.cmp(&b)));
        let size = median(c.iter().map(|&i| glyphs[i].size).collect()).max(1.0);
        let mut text = String::new();
        let mut prev: Option<&Glyph> = None;
        let mut row = false;
        let mut left = f64::INFINITY;
        let mut right = f64::NEG_INFINITY;
        for &i in &c {
            let g = &glyphs[i];
            if let Some(p) = prev {
                if p.text == g.text && (g.x - p.x).abs() < 0.3 * size && (g.y - p.y).abs() < 0.3 * size {
                    continue;
                }
            }
            if g.text.trim().is_empty() {
                if !text.is_empty() && !text.ends_with([' ', '\t']) {
                    text.push(' ');
                }
                prev = Some(g);
                continue;
            }
            if let Some(p) = prev {
                let gap = g.x - (p.x + p.w);
                if gap > size * 1.5 {
                    while text.ends_with(' ') {
                        text.pop();
                    }
                    text.push('\t');
                    row = true;
                } else if gap > size * 0.2 {
                    let last_latin = text.chars().last().is_some_and(|ch| ch.is_ascii_alphanumeric());
                    let next_latin = g.text.chars().next().is_some_and(|ch| ch.is_ascii_alphanumeric());
                    if last_latin && next_latin && !text.ends_with([' ', '\t']) {
                        text.push(' ');
                    }
                }
            }
            text.push_str(&g.text);
            left = left.min(g.x);
            right = right.max(g.x + g.w);
            prev = Some(g);
        }
        let text = text.trim_matches([' ', '\t']).to_string();
        if text.is_empty() {
            continue;
        }
        lines.push(Line { text, left, right, size, row, y, first_row: false });
    }
    lines
}

/// A ruled table: the distinct heights of its horizontal borders (top first), its
/// vertical borders, and its bounding box.
#[derive(Debug)]
pub(super) struct Grid {
    ys: Vec<f64>,
    verticals: Vec<Rule>,
    x0: f64,
    x1: f64,
}

impl Grid {
    fn contains(&self, g: &Glyph) -> bool {
        let (cx, cy) = (g.x + g.w / 2.0, g.y + g.size * 0.3);
        let (top, bottom) = (self.ys[0], self.ys[self.ys.len() - 1]);
        self.x0 < cx && cx < self.x1 && bottom < cy && cy < top
    }

    /// One line per row: each cell's text (its wrapped lines joined), cells separated by a
    /// tab; columns come from the vertical borders that cross the row, so merged cells and
    /// empty cells keep the columns in place.
    fn rows(&self, glyphs: Vec<Glyph>) -> Vec<Line> {
        let nrows = self.ys.len() - 1;
        let mut cols: Vec<Vec<f64>> = Vec::with_capacity(nrows);
        for k in 0..nrows {
            let mid = (self.ys[k] + self.ys[k + 1]) / 2.0;
            let mut xs: Vec<f64> = self
                .verticals
                .iter()
                .filter(|v| v.from - 2.0 <= mid && mid <= v.to + 2.0)
                .map(|v| v.at)
                .collect();
            xs.sort_by(f64::total_cmp);
            xs.dedup_by(|a, b| (*a - *b).abs() < 2.0);
            if xs.len() < 2 {
                xs = vec![self.x0, self.x1];
            }
            cols.push(xs);
        }
        let mut cells: Vec<Vec<Vec<Glyph>>> = cols.iter().map(|xs| vec![Vec::new(); xs.len() - 1]).collect();
        for g in glyphs {
            let (cx, cy) = (g.x + g.w / 2.0, g.y + g.size * 0.3);
            let k = self.ys.iter().skip(1).position(|&y| cy > y).unwrap_or(nrows - 1).min(nrows - 1);
            let xs = &cols[k];
            let c = xs.iter().skip(1).position(|&x| cx < x).unwrap_or(xs.len() - 2).min(xs.len() - 2);
            cells[k][c].push(g);
        }
        let mut out = Vec::new();
        for (k, row) in cells.into_iter().enumerate() {
            let mut sizes = Vec::new();
            let texts: Vec<String> = row
                .into_iter()
                .map(|glyphs| {
                    sizes.extend(glyphs.iter().map(|g| g.size));
                    join_cell(text_lines(glyphs))
                })
                .collect();
            let Some(last) = texts.iter().rposition(|t| !t.is_empty()) else { continue };
            let text = texts[..=last].join("\t");
            out.push(Line {
                text,
                left: self.x0,
                right: self.x1,
                size: median(sizes).max(1.0),
                row: true,
                y: self.ys[k],
                first_row: out.is_empty(),
            });
        }
        out
    }
}

/// A cell's lines joined: without a space (Chinese wraps anywhere), with one between Latin
/// letters or digits.
fn join_cell(lines: Vec<Line>) -> String {
    let mut out = String::new();
    for l in lines {
        let text = l.text.replace('\t', " ");
        let latin = out.chars().last().is_some_and(|c| c.is_ascii_alphanumeric())
            && text.chars().next().is_some_and(|c| c.is_ascii_alphanumeric());
        if latin {
            out.push(' ');
        }
        out.push_str(&text);
    }
    out
}

/// Ruled tables on a page: sets of horizontal and vertical borders that touch, with at
/// least two columns (a plain box or a page frame is not a table).
pub(super) fn find_grids(rules: &[Rule]) -> Vec<Grid> {
    let n = rules.len();
    if !(5..=4_000).contains(&n) {
        return Vec::new();
    }
    let mut parent: Vec<usize> = (0..n).collect();
    fn root(parent: &mut [usize], mut i: usize) -> usize {
        while parent[i] != i {
            parent[i] = parent[parent[i]];
            i = parent[i];
        }
        i
    }
    const TOL: f64 = 2.0;
    for i in 0..n {
        for j in (i + 1)..n {
            let (a, b) = (&rules[i], &rules[j]);
            if a.horizontal == b.horizontal {
                continue;
            }
            let (h, v) = if a.horizontal { (a, b) } else { (b, a) };
            if h.from - TOL <= v.at && v.at <= h.to + TOL && v.from - TOL <= h.at && h.at <= v.to + TOL {
                let (ri, rj) = (root(&mut parent, i), root(&mut parent, j));
                parent[ri] = rj;
            }
        }
    }
    let mut groups: HashMap<usize, Vec<usize>> = HashMap::new();
    for i in 0..n {
        let r = root(&mut parent, i);
        groups.entry(r).or_default().push(i);
    }
    let mut grids = Vec::new();
    let mut keys: Vec<usize> = groups.keys().copied().collect();
    keys.sort_unstable();
    for key in keys {
        let members = &groups[&key];
        let mut ys: Vec<f64> =
            members.iter().filter(|&&i| rules[i].horizontal).map(|&i| rules[i].at).collect();
        let verticals: Vec<Rule> =
            members.iter().filter(|&&i| !rules[i].horizontal).map(|&i| rules[i]).collect();
        ys.sort_by(|a, b| b.total_cmp(a));
        ys.dedup_by(|a, b| (*a - *b).abs() < 1.5);
        let mut xs: Vec<f64> = verticals.iter().map(|v| v.at).collect();
        xs.sort_by(f64::total_cmp);
        xs.dedup_by(|a, b| (*a - *b).abs() < 2.0);
        if ys.len() < 2 || xs.len() < 3 {
            continue;
        }
        grids.push(Grid { ys, verticals, x0: xs[0], x1: xs[xs.len() - 1] });
    }
    grids
}

pub(super) fn median(mut v: Vec<f64>) -> f64 {
    if v.is_empty() {
        return 0.0;
    }
    v.sort_by(f64::total_cmp);
    v[v.len() / 2]
}

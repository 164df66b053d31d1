//! The content-stream interpreter: text and graphics state, shown glyphs in device space,
//! and the thin strokes and rectangles that draw table borders.

use super::font::{deref, name_of, Font};
use super::{apply, num, Glyph, Matrix, MAX_FORM_DEPTH, MAX_OPS_PER_PAGE, MAX_STREAM};
use lopdf::{Dictionary, Document, Object, ObjectId};
use std::collections::{HashMap, HashSet};

#[derive(Clone)]
struct GState {
    ctm: Matrix,
    font: Option<usize>,
    size: f64,
    char_spacing: f64,
    word_spacing: f64,
    h_scale: f64,
    leading: f64,
    rise: f64,
}

pub(super) struct Interp<'a> {
    doc: &'a Document,
    pub(super) glyphs: Vec<Glyph>,
    budget: usize,
    ops: usize,
    pub(super) truncated: bool,
    pub(super) images: usize,
    fonts: Vec<Font>,
    /// Font cache keyed by the font dictionary's object id (or, for a direct dictionary,
    /// its resource name and the address of the font resource dictionary).
    font_ids: HashMap<(ObjectId, Vec<u8>), usize>,
    pub(super) unmapped_fonts: HashSet<String>,
    forms: Vec<ObjectId>,
    /// Axis-aligned strokes and thin filled rectangles: table borders.
    pub(super) rules: Vec<Rule>,
    /// Segments of the path being built, in device space.
    path: Vec<[f64; 4]>,
    /// Thin rectangles of the path being built (filled ones are rules too).
    path_rects: Vec<[f64; 4]>,
    /// Open marked-content sections, `true` for artifacts (running headers, footers and
    /// page numbers in tagged PDFs), whose text is not read.
    marked: Vec<bool>,
}

/// Quarter turns of a baseline direction `(a, b)`, or 4 when it is not within 5 degrees of
/// a multiple of 90.
pub(super) fn direction(a: f64, b: f64) -> u8 {
    let deg = b.atan2(a).to_degrees().rem_euclid(360.0);
    let quarter = (deg / 90.0).round();
    if (deg - quarter * 90.0).abs() <= 5.0 {
        (quarter as u8) % 4
    } else {
        4
    }
}

/// Keeps the glyphs of a page's main direction and turns them to read left to right;
/// skewed glyphs (diagonal watermarks) are dropped. Returns whether the page was turned.
pub(super) fn upright(glyphs: Vec<Glyph>) -> (Vec<Glyph>, bool) {
    let mut counts = [0usize; 4];
    for g in &glyphs {
        if let Some(c) = counts.get_mut(g.dir as usize) {
            *c += g.text.chars().count();
        }
    }
    let main = (0..4).max_by_key(|&d| (counts[d], usize::from(d == 0))).unwrap_or(0) as u8;
    let out = glyphs
        .into_iter()
        .filter(|g| g.dir == main)
        .map(|mut g| {
            let (x, y) = (g.x, g.y);
            (g.x, g.y) = match main {
                1 => (y, -x),
                2 => (-x, -y),
                3 => (-y, x),
                _ => (x, y),
            };
            g
        })
        .collect();
    (out, main != 0)
}

/// A horizontal or vertical border line in device space: `at` is its y (horizontal) or x
/// (vertical), `from..to` its extent along the other axis.
#[derive(Debug, Clone, Copy)]
pub(super) struct Rule {
    pub(super) horizontal: bool,
    pub(super) at: f64,
    pub(super) from: f64,
    pub(super) to: f64,
}

/// Most rules kept per page.
const MAX_RULES: usize = 20_000;

impl Rule {
    fn from_segment([x0, y0, x1, y1]: [f64; 4]) -> Option<Rule> {
        let (dx, dy) = ((x1 - x0).abs(), (y1 - y0).abs());
        if !(x0.is_finite() && y0.is_finite() && x1.is_finite() && y1.is_finite()) {
            return None;
        }
        if dy <= 1.0 && dx > 3.0 {
            Some(Rule { horizontal: true, at: (y0 + y1) / 2.0, from: x0.min(x1), to: x0.max(x1) })
        } else if dx <= 1.0 && dy > 3.0 {
            Some(Rule { horizontal: false, at: (x0 + x1) / 2.0, from: y0.min(y1), to: y0.max(y1) })
        } else {
            None
        }
    }

    /// A filled rectangle is a rule when it is thin in one direction.
    fn from_rect([x0, y0, x1, y1]: [f64; 4]) -> Option<Rule> {
        let (w, h) = ((x1 - x0).abs(), (y1 - y0).abs());
        if h <= 3.0 && w > 3.0 {
            Rule::from_segment([x0, (y0 + y1) / 2.0, x1, (y0 + y1) / 2.0])
        } else if w <= 3.0 && h > 3.0 {
            Rule::from_segment([(x0 + x1) / 2.0, y0, (x0 + x1) / 2.0, y1])
        } else {
            None
        }
    }
}

impl<'a> Interp<'a> {
    pub(super) fn new(doc: &'a Document, budget: usize) -> Self {
        Interp {
            doc,
            glyphs: Vec::new(),
            budget,
            ops: 0,
            truncated: false,
            images: 0,
            fonts: Vec::new(),
            font_ids: HashMap::new(),
            unmapped_fonts: HashSet::new(),
            forms: Vec::new(),
            rules: Vec::new(),
            path: Vec::new(),
            path_rects: Vec::new(),
            marked: Vec::new(),
        }
    }

    /// Clears the per-page state; fonts stay cached.
    pub(super) fn start_page(&mut self, budget: usize) {
        self.glyphs.clear();
        self.budget = budget;
        self.ops = 0;
        self.truncated = false;
        self.forms.clear();
        self.rules.clear();
        self.path.clear();
        self.path_rects.clear();
        self.marked.clear();
    }

    pub(super) fn run_page(&mut self, page: ObjectId) -> std::result::Result<(), String> {
        let doc = self.doc;
        let dict = doc.get_dictionary(page).map_err(|e| e.to_string())?;
        let resources = inherited(doc, dict, b"Resources").and_then(|o| o.as_dict().ok());
        let content = doc.get_page_content_with_limit(page, MAX_STREAM).map_err(|e| e.to_string())?;
        let gs = GState {
            ctm: Matrix::IDENTITY,
            font: None,
            size: 0.0,
            char_spacing: 0.0,
            word_spacing: 0.0,
            h_scale: 1.0,
            leading: 0.0,
            rise: 0.0,
        };
        self.run(&content, resources, gs, 0)
    }

    fn run(
        &mut self,
        content: &[u8],
        resources: Option<&'a Dictionary>,
        gs: GState,
        depth: usize,
    ) -> std::result::Result<(), String> {
        // Operators are parsed one at a time, so the text before a syntax error is kept.
        let ops = lopdf::content::Content::decode_iter(content);
        let mut gs = gs;
        let mut stack: Vec<GState> = Vec::new();
        let mut tm = Matrix::IDENTITY;
        let mut tlm = Matrix::IDENTITY;
        let mut cursor: Option<(f64, f64)> = None;
        let mut start: Option<(f64, f64)> = None;
        for op in ops {
            let op = op.map_err(|e| format!("bad content stream: {e}"))?;
            self.ops += 1;
            if self.ops > MAX_OPS_PER_PAGE || self.glyphs.len() >= self.budget {
                self.truncated = true;
                return Ok(());
            }
            let o = &op.operands;
            let n = |k: usize| o.get(k).and_then(num).filter(|v| v.is_finite());
            match op.operator.as_str() {
                "q" if stack.len() < 256 => stack.push(gs.clone()),
                "Q" => gs = stack.pop().unwrap_or(gs),
                "cm" => {
                    if let Some(m) = Matrix::from_operands(o) {
                        gs.ctm = m.mul(&gs.ctm);
                    }
                }
                "BT" => {
                    tm = Matrix::IDENTITY;
                    tlm = Matrix::IDENTITY;
                }
                "Tf" => {
                    gs.font = o.first().and_then(|f| f.as_name().ok()).and_then(|f| self.font(resources, f));
                    gs.size = n(1).unwrap_or(0.0);
                }
                "Tc" => gs.char_spacing = n(0).unwrap_or(0.0),
                "Tw" => gs.word_spacing = n(0).unwrap_or(0.0),
                "Tz" => gs.h_scale = n(0).unwrap_or(100.0) / 100.0,
                "TL" => gs.leading = n(0).unwrap_or(0.0),
                "Ts" => gs.rise = n(0).unwrap_or(0.0),
                "Td" | "TD" => {
                    let (tx, ty) = (n(0).unwrap_or(0.0), n(1).unwrap_or(0.0));
                    if op.operator == "TD" {
                        gs.leading = -ty;
                    }
                    tlm = Matrix::translate(tx, ty).mul(&tlm);
                    tm = tlm;
                }
                "Tm" => {
                    if let Some(m) = Matrix::from_operands(o) {
                        tlm = m;
                        tm = m;
                    }
                }
                "T*" => {
                    tlm = Matrix::translate(0.0, -gs.leading).mul(&tlm);
                    tm = tlm;
                }
                "Tj" | "'" | "\"" => {
                    if op.operator != "Tj" {
                        if op.operator == "\"" {
                            gs.word_spacing = n(0).unwrap_or(gs.word_spacing);
                            gs.char_spacing = n(1).unwrap_or(gs.char_spacing);
                        }
                        tlm = Matrix::translate(0.0, -gs.leading).mul(&tlm);
                        tm = tlm;
                    }
                    if let Some(Object::String(s, _)) = o.last() {
                        self.show(&gs, &mut tm, s);
                    }
                }
                "TJ" => {
                    if let Some(Object::Array(items)) = o.first() {
                        for item in items {
                            match item {
                                Object::String(s, _) => self.show(&gs, &mut tm, s),
                                other => {
                                    if let Some(adj) = num(other).filter(|v| v.is_finite()) {
                                        let tx = -adj / 1000.0 * gs.size * gs.h_scale;
                                        tm = Matrix::translate(tx, 0.0).mul(&tm);
                                    }
                                }
                            }
                        }
                    }
                }
                "Do" => {
                    let Some(name) = o.first().and_then(|f| f.as_name().ok()) else { continue };
                    self.xobject(resources, name, &gs, depth)?;
                }
                "BI" | "EI" => self.images += 1,
                "BMC" | "BDC" if self.marked.len() < 256 => {
                    let tag = o.first().and_then(|t| t.as_name().ok());
                    self.marked.push(tag == Some(b"Artifact".as_slice()));
                }
                "EMC" => {
                    self.marked.pop();
                }
                // Paths: only straight lines and rectangles matter (table borders).
                "m" => {
                    if let (Some(x), Some(y)) = (n(0), n(1)) {
                        cursor = Some(apply(&gs.ctm, x, y));
                        start = cursor;
                    }
                }
                "l" => {
                    if let (Some(x), Some(y), Some(c)) = (n(0), n(1), cursor) {
                        let p = apply(&gs.ctm, x, y);
                        if self.path.len() < MAX_RULES {
                            self.path.push([c.0, c.1, p.0, p.1]);
                        }
                        cursor = Some(p);
                    }
                }
                "h" => {
                    if let (Some(c), Some(s0)) = (cursor, start) {
                        if self.path.len() < MAX_RULES {
                            self.path.push([c.0, c.1, s0.0, s0.1]);
                        }
                        cursor = start;
                    }
                }
                "re" => {
                    if let (Some(x), Some(y), Some(w), Some(h)) = (n(0), n(1), n(2), n(3)) {
                        let corners = [(x, y), (x + w, y), (x + w, y + h), (x, y + h)]
                            .map(|(x, y)| apply(&gs.ctm, x, y));
                        if self.path.len() < MAX_RULES {
                            for k in 0..4 {
                                let (a, b) = (corners[k], corners[(k + 1) % 4]);
                                self.path.push([a.0, a.1, b.0, b.1]);
                            }
                            let (a, c) = (corners[0], corners[2]);
                            self.path_rects.push([a.0, a.1, c.0, c.1]);
                        }
                        cursor = Some(corners[0]);
                        start = cursor;
                    }
                }
                "S" | "s" | "B" | "B*" | "b" | "b*" => {
                    // Stroked: every straight segment may be a border.
                    for seg in self.path.drain(..) {
                        if let Some(r) = Rule::from_segment(seg) {
                            if self.rules.len() < MAX_RULES {
                                self.rules.push(r);
                            }
                        }
                    }
                    self.path_rects.clear();
                }
                "f" | "F" | "f*" => {
                    // Filled: only thin rectangles draw lines.
                    for rect in self.path_rects.drain(..) {
                        if let Some(r) = Rule::from_rect(rect) {
                            if self.rules.len() < MAX_RULES {
                                self.rules.push(r);
                            }
                        }
                    }
                    self.path.clear();
                }
                "n" => {
                    self.path.clear();
                    self.path_rects.clear();
                }
                _ => {}
            }
        }
        Ok(())
    }

    fn xobject(
        &mut self,
        resources: Option<&'a Dictionary>,
        name: &[u8],
        gs: &GState,
        depth: usize,
    ) -> std::result::Result<(), String> {
        let doc = self.doc;
        if self.truncated {
            return Ok(());
        }
        let Some(xobjects) =
            resources.and_then(|r| deref(doc, r.get(b"XObject").ok())).and_then(|o| o.as_dict().ok())
        else {
            return Ok(());
        };
        let Ok(entry) = xobjects.get(name) else { return Ok(()) };
        let id = entry.as_reference().ok();
        let Some(Object::Stream(stream)) = deref(doc, Some(entry)) else { return Ok(()) };
        match name_of(doc, stream.dict.get(b"Subtype").ok()).as_deref() {
            Some("Image") => {
                self.images += 1;
                Ok(())
            }
            Some("Form") => {
                if depth >= MAX_FORM_DEPTH || id.is_some_and(|id| self.forms.contains(&id)) {
                    return Ok(());
                }
                let data = stream
                    .decompressed_content_with_limit(MAX_STREAM)
                    .unwrap_or_else(|_| stream.content.clone());
                let own = deref(doc, stream.dict.get(b"Resources").ok()).and_then(|o| o.as_dict().ok());
                let mut inner = gs.clone();
                if let Some(Object::Array(m)) = deref(doc, stream.dict.get(b"Matrix").ok()) {
                    if let Some(m) = Matrix::from_operands(m) {
                        inner.ctm = m.mul(&gs.ctm);
                    }
                }
                if let Some(id) = id {
                    self.forms.push(id);
                }
                let r = self.run(&data, own.or(resources), inner, depth + 1);
                if id.is_some() {
                    self.forms.pop();
                }
                r
            }
            _ => Ok(()),
        }
    }

    fn font(&mut self, resources: Option<&'a Dictionary>, name: &[u8]) -> Option<usize> {
        let doc = self.doc;
        let fonts = deref(doc, resources?.get(b"Font").ok())?.as_dict().ok()?;
        let entry = fonts.get(name).ok()?;
        let key = match entry.as_reference() {
            Ok(id) => (id, Vec::new()),
            Err(_) => {
                // A direct font dictionary: its resource dictionary's address tells it apart.
                let mut k = name.to_vec();
                k.extend_from_slice(&(fonts as *const Dictionary as usize).to_le_bytes());
                ((0, 0), k)
            }
        };
        if let Some(&i) = self.font_ids.get(&key) {
            return Some(i);
        }
        let dict = deref(doc, Some(entry))?.as_dict().ok()?;
        let base =
            name_of(doc, dict.get(b"BaseFont").ok()).unwrap_or_else(|| String::from_utf8_lossy(name).into());
        let font = Font::load(doc, &base, dict);
        self.fonts.push(font);
        let i = self.fonts.len() - 1;
        self.font_ids.insert(key, i);
        Some(i)
    }

    fn show(&mut self, gs: &GState, tm: &mut Matrix, bytes: &[u8]) {
        let Some(fi) = gs.font else { return };
        let font = &self.fonts[fi];
        for (code, len) in font.codes(bytes) {
            let w0 = font.width(code);
            let text = font.text(code, len);
            if text.is_none() && font.composite {
                self.unmapped_fonts.insert(font.name.clone());
            }
            let trm = Matrix([gs.size * gs.h_scale, 0.0, 0.0, gs.size, 0.0, gs.rise]).mul(&tm.mul(&gs.ctm));
            let m = tm.mul(&gs.ctm);
            let x_scale = (m.0[0] * m.0[0] + m.0[1] * m.0[1]).sqrt();
            let size = (trm.0[2] * trm.0[2] + trm.0[3] * trm.0[3]).sqrt();
            let space = if len == 1 && code == 32 { gs.word_spacing } else { 0.0 };
            let tx = (w0 * gs.size + gs.char_spacing + space) * gs.h_scale;
            if let (Some(text), false) = (text, self.marked.contains(&true)) {
                let text: String = text.chars().filter(|c| !c.is_control() || *c == '\t').collect();
                if !text.is_empty() && self.glyphs.len() < self.budget {
                    self.glyphs.push(Glyph {
                        x: trm.0[4],
                        y: trm.0[5],
                        w: w0 * gs.size * gs.h_scale * x_scale,
                        size,
                        text,
                        dir: direction(trm.0[0], trm.0[1]),
                    });
                }
            }
            *tm = Matrix::translate(tx, 0.0).mul(tm);
        }
    }
}

fn inherited<'a>(doc: &'a Document, dict: &'a Dictionary, key: &[u8]) -> Option<&'a Object> {
    let mut d = dict;
    for _ in 0..32 {
        if let Some(o) = deref(doc, d.get(key).ok()) {
            return Some(o);
        }
        d = deref(doc, d.get(b"Parent").ok())?.as_dict().ok()?;
    }
    None
}

//! Pages: running headers, footers and page numbers dropped, table headers repeated after a
//! page break dropped, rows split by a page break joined, and lines the page wrapped inside
//! a paragraph joined into one text with the start of every page recorded.

use super::layout::{median, Line, Page};
use regex::Regex;
use std::collections::HashMap;
use std::sync::LazyLock;

pub(super) static PAGE_NUMBER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"^(?:[-—–－‐―─~·•\s]*\d{1,4}[-—–－‐―─~·•\s]*|第\s*\d{1,4}\s*页(?:\s*[,，/、]?\s*共\s*\d{1,4}\s*页)?|\d{1,4}\s*/\s*\d{1,4}|(?i:page)\s*\d{1,4}(?:\s*(?i:of)\s*\d{1,4})?)$",
    )
    .expect("page-number pattern")
});

/// A line's shape with digits blanked, so `第3页` and `第4页` compare equal.
fn shape(text: &str) -> String {
    text.chars().filter(|c| !c.is_whitespace()).map(|c| if c.is_ascii_digit() { '#' } else { c }).collect()
}

/// Drops page numbers and running headers and footers: the first or last two lines of a
/// page whose shape repeats at the same end of most pages, and the first or last line
/// when it is a page number or set clearly smaller than the body text.
pub(super) fn drop_running_lines(pages: &mut [Page]) {
    let n = pages.len();
    let mut top: HashMap<String, usize> = HashMap::new();
    let mut bottom: HashMap<String, usize> = HashMap::new();
    for p in pages.iter() {
        let k = p.lines.len();
        for l in p.lines.iter().take(2.min(k)) {
            *top.entry(shape(&l.text)).or_default() += 1;
        }
        for l in p.lines.iter().skip(k.saturating_sub(2)) {
            *bottom.entry(shape(&l.text)).or_default() += 1;
        }
    }
    let needed = (n / 2).max(2);
    for p in pages.iter_mut() {
        let k = p.lines.len();
        let body = median(p.lines.iter().map(|l| l.size).collect());
        let mut keep = vec![true; k];
        for (j, line) in p.lines.iter().enumerate() {
            let at_top = j < 2;
            let at_bottom = j + 2 >= k;
            if !(at_top || at_bottom) || k == 1 && n == 1 {
                continue;
            }
            let s = shape(&line.text);
            let repeated = n >= 2
                && ((at_top && top.get(&s).copied().unwrap_or(0) >= needed)
                    || (at_bottom && bottom.get(&s).copied().unwrap_or(0) >= needed));
            let edge = j == 0 || j + 1 == k;
            // Headers and footers are set smaller than the body; a page of one document
            // has no repetition to go by.
            let small_edge = edge && k >= 4 && !line.row && line.size <= 0.85 * body;
            if repeated || small_edge || (edge && PAGE_NUMBER.is_match(line.text.trim())) {
                keep[j] = false;
            }
        }
        let mut it = keep.iter();
        p.lines.retain(|_| *it.next().unwrap_or(&true));
    }
}

/// Drops a table's header row where a page break repeats it: the first row of a table at
/// the top of a page that is the same as the first row of the table before it.
pub(super) fn drop_repeated_table_headers(pages: &mut [Page]) {
    let mut last_header: Option<String> = None;
    for p in pages.iter_mut() {
        let mut keep = vec![true; p.lines.len()];
        for (j, line) in p.lines.iter().enumerate() {
            if !line.first_row {
                continue;
            }
            let at_top = p.lines[..j].iter().all(|l| l.row);
            if at_top && last_header.as_deref() == Some(line.text.as_str()) {
                keep[j] = false;
            } else {
                last_header = Some(line.text.clone());
            }
        }
        let mut it = keep.iter();
        p.lines.retain(|_| *it.next().unwrap_or(&true));
    }
}

/// A table row that a page break split: the next page starts with a row whose first cell
/// is empty. Its cells are appended to the cells of the last row on the page before.
pub(super) fn join_rows_split_by_pages(pages: &mut [Page]) {
    for i in 1..pages.len() {
        let (before, after) = pages.split_at_mut(i);
        let Some(prev) = before[i - 1].lines.last_mut() else { continue };
        let Some(first) = after[0].lines.first() else { continue };
        if !(prev.row && first.row && first.text.starts_with('\t')) {
            continue;
        }
        let mut cells: Vec<String> = prev.text.split('\t').map(str::to_string).collect();
        for (k, more) in first.text.split('\t').enumerate() {
            if k >= cells.len() {
                cells.push(String::new());
            }
            cells[k].push_str(more);
        }
        prev.text = cells.join("\t");
        after[0].lines.remove(0);
    }
}

static LIST_MARKER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"^[\s\u{3000}]*(?:第[一二三四五六七八九十百零〇\d]+[章节条部分篇]|[一二三四五六七八九十百]+\s*[、.．]|[(（]\s*[一二三四五六七八九十百\d]+\s*[)）]|\d{1,3}\s*[、．]|\d{1,3}\.[^\d]|[①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳]|[■●◆▲•·★☆○□◇]|附件|附表)",
    )
    .expect("list-marker pattern")
});

/// Characters that end a sentence or a clause.
fn ends_sentence(text: &str) -> bool {
    let t = text.trim_end();
    t.ends_with(['。', '！', '？', '；', '：', '!', '?', ';', ':', '…'])
        || ["。”", "。」", "。）", "！”", "？”"].iter().any(|e| t.ends_with(e))
}

/// The text block of a page: left and right edges of body lines and the body font size.
#[derive(Debug, Clone, Copy)]
pub(super) struct Block {
    pub(super) left: f64,
    pub(super) right: f64,
    pub(super) body: f64,
}

/// Whether `line` was wrapped by the page and its paragraph continues in `next`: the line
/// reaches the right edge, the next line is neither indented nor a heading or list item,
/// and both are set in the same size. A line that ends in sentence punctuation is joined
/// too when the geometry says the paragraph goes on (the sentence split is kept by the
/// punctuation itself); otherwise `（责任单位：` at a line end would lose its units.
/// Titles set in a larger size and centred are joined when they do not end a sentence.
pub(super) fn wraps_into(line: &Line, next: &Line, block: Block) -> bool {
    if line.row || next.row || LIST_MARKER.is_match(&next.text) {
        return false;
    }
    let same_size = (line.size - next.size).abs() <= 0.08 * line.size.max(next.size);
    if !same_size {
        return false;
    }
    if line.size > block.body * 1.15 {
        // A multi-line title: centred lines of a display size.
        return !ends_sentence(&line.text);
    }
    // A line that stops well short of the right edge ended its paragraph.
    let slack = if ends_sentence(&line.text) { 1.2 } else { 2.5 };
    if line.right < block.right - slack * line.size {
        return false;
    }
    // An indented next line starts a new paragraph.
    next.left <= block.left + 1.2 * next.size
}

/// The text block of a page: the leftmost start and the 90th-percentile end among normal
/// lines, and their median font size.
fn block_of(p: &Page) -> Block {
    let lines: Vec<&Line> = p.lines.iter().filter(|l| !l.row).collect();
    if lines.is_empty() {
        return Block { left: 0.0, right: f64::INFINITY, body: f64::INFINITY };
    }
    let left = lines.iter().map(|l| l.left).fold(f64::INFINITY, f64::min);
    let right = percentile(lines.iter().map(|l| l.right).collect(), 0.9);
    let body = median(lines.iter().map(|l| l.size).collect());
    Block { left, right, body }
}

fn percentile(mut v: Vec<f64>, q: f64) -> f64 {
    v.sort_by(f64::total_cmp);
    let i = ((v.len() as f64 - 1.0) * q).round() as usize;
    v[i.min(v.len() - 1)]
}

/// Joins the pages' lines into one text, recording where each page starts.
pub(super) fn join_pages(pages: &[Page]) -> (String, Vec<usize>) {
    let mut text = String::new();
    let mut chars = 0usize;
    let mut starts = Vec::with_capacity(pages.len());
    let mut prev: Option<(Line, Block)> = None;
    for p in pages {
        let block = block_of(p);
        let mut page_started = false;
        for line in &p.lines {
            if let Some((pl, pblock)) = &prev {
                // The previous line's page decides whether it reached the edge; a page
                // break also allows the new page's left edge.
                let left = if page_started { block.left } else { block.left.min(pblock.left) };
                let join = wraps_into(pl, line, Block { left, ..*pblock });
                if !join {
                    text.push('\n');
                    chars += 1;
                }
            }
            if !page_started {
                starts.push(chars);
                page_started = true;
            }
            text.push_str(&line.text);
            chars += line.text.chars().count();
            prev = Some((line.clone(), block));
        }
        if !page_started {
            // A blank page starts where the next text will go.
            starts.push(chars + usize::from(prev.is_some()));
        }
    }
    if !text.is_empty() {
        text.push('\n');
    }
    (text, starts)
}

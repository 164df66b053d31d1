//! Tables flattened to one cell per line, as copying a web page or a PDF leaves them:
//!
//! ```text
//! 序号 / 任务名称 / 任务内容 / 牵头部门 / 配合部门 / 时间节点     (a header, one word a line)
//! 一、…行动                                                     (a group row)
//! 1 / 农村污水治理 / 完成9个村…(wrapped over two lines) / 镇规划办 / 镇环境办、\n相关村 / 2025年12月
//! ```
//!
//! The header is a run of three or more known column words (`table_headers.txt`,
//! `unit_labels.txt`), one a line or on one line. Each line after it is classed by what it
//! can be: a row number, a list of bodies, a deadline, a bare number, or text. A table with a
//! `序号` column starts a row at each next row number; one without starts a row where text
//! follows the unit, deadline or number cells of the row before. Within a row the lines fall
//! to the header's columns in order: text lines to the text columns (a short first line is
//! the name, the rest the content), body lists to the unit columns (more lists than columns:
//! the first column takes the extra ones, as a lead cell wrapped over lines does), and so on.
//! A line that does not fit the column order ends the table; blank lines are ignored.

use super::{is_header, Column, Row, Table, TableRules};
use crate::grammar::marker::{marker_at, MarkerKind};
use crate::grammar::time::parse_deadline;
use std::ops::Range;

/// Longest header word, in chars.
const MAX_HEADER_WORD: usize = 12;
/// Most lines in one row (bounds a table that never ends).
const MAX_ROW_LINES: usize = 16;
/// Longest line of a cell, in chars: longer ones are prose.
const MAX_CELL_LINE: usize = 400;

/// What a line of a flattened table can be.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    /// A bare row number.
    Index(u32),
    /// A group row between rows (`一、…行动`, `专项一:…`).
    Group,
    Text,
    Units,
    Deadline,
    Number,
}

/// The class of lines a column takes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Class {
    Index,
    Text,
    Units,
    Deadline,
    Number,
}

fn class_of(c: Column) -> Class {
    match c {
        Column::Index => Class::Index,
        Column::Unit(_) => Class::Units,
        Column::Deadline => Class::Deadline,
        Column::Amount => Class::Number,
        Column::Task | Column::Content | Column::Other => Class::Text,
    }
}

/// Every flattened table of `norm`.
pub(super) fn find(norm: &str, rules: &TableRules) -> Vec<Table> {
    let lines = crate::grammar::lines(norm);
    let mut out = Vec::new();
    let mut i = 0;
    while i < lines.len() {
        let h = header_at(norm, rules, &lines, i);
        let Some((header, next)) = h else {
            i += 1;
            continue;
        };
        match body(norm, rules, &lines[next..], &header) {
            Some((rows, used)) => {
                let span = header.span.start..rows.last().map_or(header.span.end, |r| r.span.end);
                let mut all = vec![header];
                all.extend(rows);
                out.push(Table::new(span, all, true));
                i = next + used;
            }
            None => i = next,
        }
    }
    out
}

/// A header starting at line `i`: three or more column words, one a line, or one line of
/// such words split by spaces. The header row and the index of the line after it.
fn header_at(norm: &str, rules: &TableRules, lines: &[Range<usize>], i: usize) -> Option<(Row, usize)> {
    let word_ok = |t: &str| t.chars().count() <= MAX_HEADER_WORD;
    let first = &norm[lines[i].clone()];
    // One line of words: `序号 重点任务 责任单位`.
    let words: Vec<Range<usize>> = split_words(first, lines[i].start);
    if words.len() >= 3 && words.iter().all(|w| word_ok(&norm[w.clone()])) {
        let cols: Option<Vec<Column>> = known(rules, words.iter().map(|w| &norm[w.clone()]));
        if let Some(cols) = cols.filter(|c| is_header(c)) {
            let row = Row { span: lines[i].clone(), cells: words, header: Some(cols), total: false };
            return Some((row, i + 1));
        }
    }
    // Column words one a line; a short word we do not know may stand between two we do.
    let is_word = |k: usize| rules.column(&norm[lines[k].clone()], false, false).is_some();
    let unknown_ok = |k: usize| {
        let t = &norm[lines[k].clone()];
        t.chars().count() <= 8
            && t.chars().all(crate::grammar::is_han)
            && k + 1 < lines.len()
            && is_word(k + 1)
    };
    let mut k = i;
    let mut unknown = 0;
    while k < lines.len() && word_ok(&norm[lines[k].clone()]) {
        if !is_word(k) {
            if k == i || !unknown_ok(k) {
                break;
            }
            unknown += 1;
        }
        k += 1;
    }
    if k - i - unknown < 3 {
        return None;
    }
    let cells: Vec<Range<usize>> = lines[i..k].to_vec();
    let cols = rules.columns(cells.iter().map(|c| &norm[c.clone()]));
    if !is_header(&cols) {
        return None;
    }
    let span = cells[0].start..cells[cells.len() - 1].end;
    Some((Row { span, cells, header: Some(cols), total: false }, k))
}

/// The columns of header words, if every one is a column word.
fn known<'a>(rules: &TableRules, words: impl Iterator<Item = &'a str>) -> Option<Vec<Column>> {
    let words: Vec<&str> = words.collect();
    if words.iter().any(|w| rules.column(w, false, false).is_none()) {
        return None;
    }
    Some(rules.columns(words.into_iter()))
}

/// The space-separated words of a line, as byte ranges.
fn split_words(line: &str, base: usize) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut start = None;
    for (i, c) in line.char_indices().chain(std::iter::once((line.len(), ' '))) {
        let space = c == ' ' || c == '\t';
        match (start, space) {
            (None, false) => start = Some(i),
            (Some(s), true) => {
                out.push(base + s..base + i);
                start = None;
            }
            _ => {}
        }
    }
    out
}

/// What line `t` can be, given the classes the table has.
fn kind(rules: &TableRules, t: &str, has: &dyn Fn(Class) -> bool) -> Kind {
    if let Some(n) = row_number(t).filter(|_| has(Class::Index)) {
        return Kind::Index(n);
    }
    if is_group(t) {
        return Kind::Group;
    }
    let n = t.chars().count();
    if has(Class::Deadline) && n <= 16 && is_deadline(t) {
        return Kind::Deadline;
    }
    if has(Class::Number) && n <= 16 && is_number(t) {
        return Kind::Number;
    }
    if has(Class::Units) && rules.org.is_org_list(t) {
        return Kind::Units;
    }
    Kind::Text
}

/// A row number alone on its line: `3`, `3.`, `3、`, `(3)`.
fn row_number(t: &str) -> Option<u32> {
    let t = t.strip_prefix('(').and_then(|x| x.strip_suffix(')')).unwrap_or(t);
    let t = t.trim_end_matches(['.', '、']);
    (!t.is_empty() && t.len() <= 3 && t.bytes().all(|b| b.is_ascii_digit())).then(|| t.parse().ok()).flatten()
}

/// A group row: `一、人居环境提升行动`, `(二)产业类`, `专项一:生态类`, `第三部分`.
fn is_group(t: &str) -> bool {
    if t.chars().count() > 30 || t.contains('。') {
        return false;
    }
    if let Some(m) = marker_at(t, 0) {
        return matches!(m.kind, MarkerKind::CnComma | MarkerKind::CnParen | MarkerKind::Chapter);
    }
    ["专项", "专题", "类别"]
        .iter()
        .any(|p| t.strip_prefix(p).is_some_and(|r| r.starts_with(crate::grammar::is_cn_digit)))
}

/// A deadline cell: `2024年6月`, `2025年底前`, `长期坚持`, `每季度`.
fn is_deadline(t: &str) -> bool {
    const WORDS: &[&str] =
        &["长期", "持续", "常态", "每年", "每季度", "每月", "年底", "年内", "季度", "月底"];
    // The year opens the cell (`2025年底`, `2025.6`), not a count in a text (`泊位2000个`).
    let year_first = t.len() >= 4 && t.as_bytes()[..4].iter().all(u8::is_ascii_digit);
    (year_first && parse_deadline(t).is_some()) || WORDS.iter().any(|w| t.starts_with(w))
}

/// A bare number cell: `1860`, `2,350`, `12.5`.
fn is_number(t: &str) -> bool {
    t.starts_with(|c: char| c.is_ascii_digit())
        && t.chars().all(|c| c.is_ascii_digit() || c == '.' || c == ',')
}

/// Reads the rows after a header; the rows and the number of lines they used. `None` when
/// no row follows.
fn body(norm: &str, rules: &TableRules, lines: &[Range<usize>], header: &Row) -> Option<(Vec<Row>, usize)> {
    let columns = header.header.as_ref()?;
    let classes: Vec<Class> = columns.iter().map(|c| class_of(*c)).collect();
    let has = |c: Class| classes.contains(&c);
    let indexed = classes.first() == Some(&Class::Index);
    // The column classes in order, without repeats: the order a row's lines must keep.
    let mut order: Vec<Class> = Vec::new();
    for c in classes.iter().skip(usize::from(indexed)) {
        if order.last() != Some(c) {
            order.push(*c);
        }
    }
    let unit_columns = classes.iter().filter(|c| **c == Class::Units).count();
    let kinds: Vec<Kind> = lines.iter().map(|r| kind(rules, &norm[r.clone()], &has)).collect();
    let too_long = |k: usize| norm[lines[k].clone()].chars().count() > MAX_CELL_LINE;
    let mut rows = Vec::new();
    let mut k = 0;
    let mut next_index: Option<u32> = None;
    let mut used = 0;
    while k < kinds.len() {
        // Group rows stand between rows.
        if kinds[k] == Kind::Group {
            k += 1;
            continue;
        }
        let start = k;
        if indexed {
            let Kind::Index(n) = kinds[k] else { break };
            if next_index.is_some_and(|e| e != n) {
                break;
            }
            next_index = Some(n + 1);
            k += 1;
        }
        // The row's cell lines, while they keep the column order.
        let mut pos: Option<usize> = None;
        let mut cells: Vec<(usize, Class)> = Vec::new();
        while k < kinds.len() && k - start < MAX_ROW_LINES && !too_long(k) {
            let class = match kinds[k] {
                Kind::Index(n) if Some(n) == next_index => break,
                Kind::Group if !indexed || next_is_index(&kinds[k + 1..], next_index) => break,
                Kind::Units => Class::Units,
                Kind::Deadline => Class::Deadline,
                Kind::Number => Class::Number,
                Kind::Index(_) | Kind::Group | Kind::Text => Class::Text,
            };
            // Text where a body list is expected is no name list after all, and the reverse.
            let fits = |c: Class| match pos {
                None => order.iter().position(|o| *o == c),
                Some(p) if order[p] == c => Some(p),
                Some(p) => order[p + 1..].iter().position(|o| *o == c).map(|q| p + 1 + q),
            };
            // A short text after the unit cells is a list of bodies the grammar does not know.
            let t = &norm[lines[k].clone()];
            let listlike = t.chars().count() <= 30 && !t.contains(['。', ',', ';', ':']);
            // A row opens with its text cells: a name that reads as a body (`…服务中心`) is
            // the row's name there.
            let opens = pos.is_none() && order.first() == Some(&Class::Text);
            let class = if class == Class::Units && opens { Class::Text } else { class };
            // Without row numbers, a list after the row's unit cells are all read is the
            // next row's name (unless the list before ends in `、`: it wraps).
            if !indexed && class == Class::Units && unit_cells_done(norm, lines, &cells, unit_columns) {
                break;
            }
            let at = fits(class)
                .or_else(|| (class == Class::Units).then(|| fits(Class::Text)).flatten())
                .or_else(|| {
                    let after_units = pos.is_some_and(|p| order[p] == Class::Units);
                    (indexed && class == Class::Text && after_units && listlike)
                        .then(|| fits(Class::Units))
                        .flatten()
                });
            let Some(at) = at else { break };
            let class = order[at];
            pos = Some(at);
            cells.push((k, class));
            k += 1;
        }
        let text_only = !indexed && cells.iter().all(|(_, c)| *c == Class::Text);
        if (cells.is_empty() && !indexed) || (text_only && order.iter().any(|c| *c != Class::Text)) {
            // Text alone where a row needs its cells: the table is over.
            break;
        }
        let span_end = cells.last().map_or(lines[start].end, |(l, _)| lines[*l].end);
        let index_cell = indexed.then(|| lines[start].clone());
        let row_cells = distribute(norm, columns, index_cell, &cells, lines);
        let total =
            row_cells.iter().find(|c| !c.is_empty()).is_some_and(|c| rules.is_total(&norm[c.clone()]));
        rows.push(Row { span: lines[start].start..span_end, cells: row_cells, header: None, total });
        used = k;
        if k < kinds.len() && !matches!(kinds[k], Kind::Index(_) | Kind::Group) && indexed {
            // A line that fits no column after the row: the table is over.
            break;
        }
    }
    (!rows.is_empty()).then_some((rows, used))
}

/// Whether a row's unit lines already fill its unit columns: as many lists (a list that
/// ends in `、` or `,` goes on on the next line) as columns, the last one closed.
fn unit_cells_done(norm: &str, lines: &[Range<usize>], cells: &[(usize, Class)], columns: usize) -> bool {
    let units: Vec<&str> =
        cells.iter().filter(|(_, c)| *c == Class::Units).map(|(l, _)| &norm[lines[*l].clone()]).collect();
    let open = |t: &&str| t.ends_with(['、', ',']);
    let lists = units.iter().filter(|t| !open(t)).count();
    columns > 0 && lists >= columns && !units.last().is_some_and(open)
}

/// Whether the next non-group line is the row number `expected`.
fn next_is_index(kinds: &[Kind], expected: Option<u32>) -> bool {
    kinds.iter().find(|k| **k != Kind::Group).is_some_and(|k| Some(*k) == expected.map(Kind::Index))
}

/// The cells of one row: its lines given to the header's columns in order.
fn distribute(
    norm: &str,
    columns: &[Column],
    index: Option<Range<usize>>,
    cells: &[(usize, Class)],
    lines: &[Range<usize>],
) -> Vec<Range<usize>> {
    let mut out: Vec<Option<Range<usize>>> = vec![None; columns.len()];
    if let (Some(r), Some(first)) = (index, out.first_mut()) {
        *first = Some(r);
    }
    let span = |ls: &[usize]| lines[ls[0]].start..lines[ls[ls.len() - 1]].end;
    for class in [Class::Text, Class::Units, Class::Deadline, Class::Number] {
        let ls: Vec<usize> = cells.iter().filter(|(_, c)| *c == class).map(|(l, _)| *l).collect();
        let cols: Vec<usize> = (0..columns.len())
            .filter(|&k| class_of(columns[k]) == class && !(k == 0 && out[0].is_some()))
            .collect();
        if ls.is_empty() || cols.is_empty() {
            continue;
        }
        // The cells of this class: lines grouped, each group given a column.
        let assigned: Vec<(usize, Vec<usize>)> = match class {
            Class::Text => text_cells(norm, columns, &cols, &ls, lines),
            Class::Units => {
                // A list that ends in `、` or `,` goes on on the next line.
                let mut g: Vec<Vec<usize>> = Vec::new();
                for &l in &ls {
                    let cont = g
                        .last()
                        .and_then(|x| x.last())
                        .is_some_and(|&p| norm[lines[p].clone()].ends_with(['、', ',']));
                    match g.last_mut() {
                        Some(x) if cont => x.push(l),
                        _ => g.push(vec![l]),
                    }
                }
                // More lists than columns: the first column takes the extra ones (a lead
                // cell wrapped over lines); otherwise left to right.
                let extra = g.len().saturating_sub(cols.len());
                g.into_iter().enumerate().map(|(j, g)| (cols[j.saturating_sub(extra)], g)).collect()
            }
            _ => ls.iter().enumerate().map(|(j, &l)| (cols[j.min(cols.len() - 1)], vec![l])).collect(),
        };
        for (col, g) in assigned {
            if g.is_empty() {
                continue;
            }
            let r = span(&g);
            out[col] = Some(match out[col].take() {
                Some(prev) => prev.start..r.end,
                None => r,
            });
        }
    }
    // Empty cells: an empty range where the cell before ends.
    let mut at = cells.first().map_or(0, |(l, _)| lines[*l].start);
    if let Some(Some(r)) = out.first() {
        at = r.start;
    }
    out.into_iter()
        .map(|c| match c {
            Some(r) => {
                at = r.end;
                r
            }
            None => at..at,
        })
        .collect()
}

/// The text lines of a row given to the text columns `cols`: with a name column first, a
/// short first line is the name and the rest goes to the other columns, one line each, the
/// last taking what remains (a cell wrapped over lines); a first line that is no name leaves
/// the name column empty.
fn text_cells(
    norm: &str,
    columns: &[Column],
    cols: &[usize],
    ls: &[usize],
    lines: &[Range<usize>],
) -> Vec<(usize, Vec<usize>)> {
    let name_like = |l: usize| {
        let t = &norm[lines[l].clone()];
        t.chars().count() <= 30 && !t.contains(['。', ',', ';'])
    };
    let mut out = Vec::new();
    let (mut cols, mut ls) = (cols, ls);
    if cols.len() > 1 && columns[cols[0]] == Column::Task {
        if name_like(ls[0]) {
            out.push((cols[0], vec![ls[0]]));
            ls = &ls[1..];
        }
        cols = &cols[1..];
    }
    for (j, &l) in ls.iter().enumerate() {
        let col = cols[j.min(cols.len() - 1)];
        match out.last_mut() {
            Some((c, g)) if *c == col => g.push(l),
            _ => out.push((col, vec![l])),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::super::{Column, Table, TableRules, Tables};
    use crate::document::Role;
    use crate::lexicon::Lexicons;

    fn tables(norm: &str) -> Tables {
        Tables::find(norm, &TableRules::new(&Lexicons::embedded().unwrap()).unwrap())
    }

    fn cells<'a>(norm: &'a str, t: &Table, row: usize) -> Vec<&'a str> {
        t.rows[row].cells.iter().map(|c| &norm[c.clone()]).collect()
    }

    #[test]
    fn one_cell_a_line_with_row_numbers_groups_and_wrapped_cells() {
        let norm = "附表\n序号\n任务名称\n任务内容\n牵头部门\n配合部门\n时间节点\n一、绿化行动\n1\n补植行道树\n\
            沿主干道补植乔木,\n更新树池\n镇城建办\n镇财政所、\n各社区\n2025年6月\n2\n建设口袋公园\n新建口袋公园3处\n\
            2025年9月\n二、治理行动\n3\n整治河道\n清理河道淤泥\n镇水务站\n镇城建办\n2026年\n以上任务按月调度。\n";
        let t = tables(norm);
        let t: Vec<&Table> = t.iter().collect();
        assert_eq!(t.len(), 1);
        let t = t[0];
        assert!(t.flat);
        assert_eq!(t.rows.len(), 4, "a header and three rows; group rows and the prose after are none");
        assert_eq!(t.rows[0].header.as_ref().unwrap()[3], Column::Unit(Role::Lead));
        assert_eq!(
            cells(norm, t, 1),
            ["1", "补植行道树", "沿主干道补植乔木,\n更新树池", "镇城建办", "镇财政所、\n各社区", "2025年6月"]
        );
        // Row 2 prints no unit: the merged cell above covers it, in both unit columns.
        assert_eq!(cells(norm, t, 2)[3], "");
        assert_eq!(&norm[t.filled(2, 3).unwrap()], "镇城建办");
        assert_eq!(&norm[t.filled(2, 4).unwrap()], "镇财政所、\n各社区");
        assert_eq!(cells(norm, t, 3)[1..], ["整治河道", "清理河道淤泥", "镇水务站", "镇城建办", "2026年"]);
    }

    #[test]
    fn more_unit_lists_than_columns_go_to_the_first() {
        let norm = "序号\n重点任务\n牵头单位\n配合单位\n完成时限\n1\n建立联席会议制度\n区民政局\n区卫健委\n区残联\n2024年\n";
        let t = tables(norm);
        let t = t.iter().next().unwrap();
        assert_eq!(cells(norm, t, 1)[2..], ["区民政局\n区卫健委", "区残联", "2024年"]);
        // A row with a lead and no support covers nothing: only empty unit cells are merged.
        assert_eq!(t.filled(1, 3).map(|r| &norm[r]), Some("区残联"));
    }

    #[test]
    fn header_on_one_line_and_rows_a_cell_a_line() {
        let norm = "序号 重点任务 责任单位 完成时限\n1\n新增停车泊位500个,\n改造停车场2处\n区城管局\n2024年底\n2.\n整治背街小巷\n区建设局\n2024年10月\n";
        let t = tables(norm);
        let t = t.iter().next().unwrap();
        assert_eq!(t.rows.len(), 3);
        assert_eq!(cells(norm, t, 1)[1], "新增停车泊位500个,\n改造停车场2处", "a count is no deadline");
        assert_eq!(cells(norm, t, 2)[2..], ["区建设局", "2024年10月"]);
    }

    #[test]
    fn project_table_without_row_numbers_with_caption_and_totals() {
        let norm = "重点项目表\n(单位:万元)\n项目名称\n建设内容\n总投资\n责任单位\n专项一:交通类\n环城路改造\n改造道路3公里\n\
            2600\n区交通局\n社区服务中心\n新建服务用房1200平方米\n900\n街道办事处\n合计\n3500\n";
        let t = tables(norm);
        let t = t.iter().next().unwrap();
        assert_eq!(&norm[t.caption.clone().unwrap()], "万元");
        assert_eq!(t.rows.len(), 4);
        assert_eq!(
            cells(norm, t, 2),
            ["社区服务中心", "新建服务用房1200平方米", "900", "街道办事处"],
            "a name that reads as a body opens its row"
        );
        assert!(t.rows[3].total);
        assert_eq!(t.filled(3, 3), None, "a row of totals inherits no unit");
        let cell =
            tables(norm).cell_at(norm.find("2600").unwrap()).map(|c| c.unit_hint(norm).map(|u| &norm[u]));
        assert_eq!(cell, Some(Some("万元")));
    }

    #[test]
    fn column_units_and_prose_that_is_no_header() {
        let norm = "项目名称\n总投资(亿元)\n责任单位\n滨江公园\n2.5\n区园林局\n";
        let t = tables(norm);
        let c = t.cell_at(norm.find("2.5").unwrap()).unwrap();
        assert_eq!(c.unit_hint(norm).map(|u| &norm[u]), Some("亿元"));
        assert_eq!(&norm[c.label(norm)], "总投资(亿元)", "an amount is labelled by its column");
        let prose = "责任单位要加强领导。\n重点任务要按时完成。\n完成时限另行通知。\n";
        assert_eq!(tables(prose).iter().count(), 0);
    }
}

//! One table model for every extractor. Text tables are found once per document, in the
//! structure stage, as blocks of rows × cells; the number, target, unit and task stages ask
//! [`Tables::cell_at`] about a position instead of re-splitting lines.
//!
//! A row is a line whose cells are split by tabs (HTML, DOCX and PDF tables come out so), by
//! `|`, or by runs of two or more spaces. Consecutive rows make a block; blank lines may stand
//! between them, any other line ends the block. Space-aligned rows are weaker evidence (prose
//! has double spaces too), so they count only in a block of two or more, with short cells.
//! A row whose cells name unit columns (`牵头单位`, `责任部门`) is a task-table header; the rows
//! below it take their columns from it.
//!
//! Tables copied from a web page or a PDF often come flattened to one cell per line; `flat`
//! reads those from a header of known column words. A caption line (`(单位:万元)`) before a
//! table gives the unit of its bare numbers; a column header may give its own (`总投资(万元)`).
//! A unit or deadline cell printed once for several rows (a merged cell), or left empty in the
//! rows below it, covers those rows: [`Table::filled`] reads a cell so.

mod flat;

use super::org::{LabelGrammar, OrgGrammar};
use crate::document::Role;
use crate::error::Result;
use crate::lexicon::{longest_first, ColumnKind, LabelKind, Lexicons};
use std::ops::Range;

/// Longest cell of a space-aligned row, in chars: longer "cells" are prose.
const MAX_WEAK_CELL: usize = 60;
/// Most rows a merged cell covers (bounds the look up from an empty cell).
const MAX_MERGED_ROWS: usize = 200;
/// How many cells back a row's label may stand from a value (`常住人口(万人) | 52 | 56`).
const MAX_LABEL_REACH: usize = 12;

/// What a column of a task table holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Column {
    /// Responsible units, with the role the header gives them.
    Unit(Role),
    /// The task the row is about (its name).
    Task,
    /// What the task consists of: the row's text where it has no name of its own.
    Content,
    /// When the row is due.
    Deadline,
    /// The row number.
    Index,
    /// A number per row (`总投资`).
    Amount,
    Other,
}

/// One row: its line and its cells, byte ranges into the normalised text (cells trimmed).
#[derive(Debug, Clone, PartialEq)]
pub struct Row {
    pub span: Range<usize>,
    pub cells: Vec<Range<usize>>,
    /// For a task-table header: what each column holds.
    pub header: Option<Vec<Column>>,
    /// A row of totals (`合计`): it covers no task and inherits no merged cell.
    pub total: bool,
}

/// A block of consecutive rows.
#[derive(Debug, Clone, PartialEq)]
pub struct Table {
    pub span: Range<usize>,
    pub rows: Vec<Row>,
    /// The unit a caption gives the whole table (`万元` of `(单位:万元)`).
    pub caption: Option<Range<usize>>,
    /// Read from one cell per line.
    pub flat: bool,
    /// Indices of the header rows, in order.
    headers: Vec<usize>,
}

/// Every table of a document, in text order.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Tables {
    tables: Vec<Table>,
}

/// A cell of a table: the table, the row index and the column index.
#[derive(Debug, Clone, Copy)]
pub struct Cell<'t> {
    pub table: &'t Table,
    pub row: usize,
    pub column: usize,
}

/// A year-column header above a cell (`指标 | 2020年 | 2025年 | 年均增长`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct YearHeader {
    /// The year of the cell's column, if it has one.
    pub year: Option<i32>,
    /// The cell's column is the latest year of the header.
    pub latest: bool,
    /// The cell's column is a growth rate.
    pub growth: bool,
    /// The latest year of the header.
    pub last_year: i32,
}

/// Header words, compiled once.
#[derive(Debug)]
pub struct TableRules {
    /// Unit-column labels with their roles, longest first.
    unit_labels: Vec<(String, Role)>,
    task_words: Vec<String>,
    content_words: Vec<String>,
    deadline_words: Vec<String>,
    growth_words: Vec<String>,
    index_words: Vec<String>,
    amount_words: Vec<String>,
    other_words: Vec<String>,
    total_words: Vec<String>,
    /// Whether a cell lists bodies (the unit cells of a flattened row).
    org: OrgGrammar,
    /// Built labels (`牵头落实单位`).
    labels: LabelGrammar,
}

impl TableRules {
    /// Header words from `unit_labels.txt` and `table_headers.txt`.
    pub fn new(lex: &Lexicons) -> Result<TableRules> {
        let mut unit_labels: Vec<(String, Role)> = lex
            .unit_labels
            .iter()
            .filter(|l| l.kind == LabelKind::Label)
            .map(|l| (l.word.clone(), l.role))
            .collect();
        unit_labels.sort_by(|a, b| b.0.len().cmp(&a.0.len()).then_with(|| a.0.cmp(&b.0)));
        let words = |kind: ColumnKind| {
            let mut w: Vec<String> =
                lex.table_headers.iter().filter(|h| h.column == kind).map(|h| h.word.clone()).collect();
            longest_first(&mut w, String::as_str);
            w
        };
        Ok(TableRules {
            unit_labels,
            task_words: words(ColumnKind::Task),
            content_words: words(ColumnKind::Content),
            deadline_words: words(ColumnKind::Deadline),
            growth_words: words(ColumnKind::Growth),
            index_words: words(ColumnKind::Index),
            amount_words: words(ColumnKind::Amount),
            other_words: words(ColumnKind::Other),
            total_words: words(ColumnKind::Total),
            org: OrgGrammar::new(lex)?,
            labels: LabelGrammar::new(lex),
        })
    }

    /// Whether `cell` opens a row of totals (`合计`, `总计:`).
    pub fn is_total(&self, cell: &str) -> bool {
        let t = cell.trim().trim_end_matches(':');
        self.total_words.iter().any(|w| t == w)
    }

    /// The role of a unit-column header cell (`牵头单位`, `责任部门(单位)`), if it is one.
    pub fn unit_column(&self, cell: &str) -> Option<Role> {
        let t = cell.trim();
        if let Some(role) = self.labels.role(t) {
            return Some(role);
        }
        let l = self
            .unit_labels
            .iter()
            .find(|l| l.0 == t || (t.ends_with(l.0.as_str()) && t.len() <= l.0.len() + 6))?;
        let named = ["单位", "部门", "主体", "科室"].iter().any(|w| t.contains(w));
        (named || t == l.0).then_some(l.1)
    }

    /// What a header cell names, if it is a known column word (or the word with a few more
    /// characters: `重点任务及措施`, `总投资(万元)`). `task_seen` / `deadline_seen` say whether
    /// the header already has such a column: a second one is another column.
    fn column(&self, cell: &str, task_seen: bool, deadline_seen: bool) -> Option<Column> {
        let t = cell.trim();
        // `总投资(万元)`: the bracket is the column's unit, not part of its word.
        let word = match t.find('(') {
            Some(i) if i > 0 && t.ends_with(')') => t[..i].trim_end(),
            _ => t,
        };
        let near = |w: &String| word.contains(w.as_str()) && word.len() <= w.len() + 9;
        let exact = |ws: &[String]| ws.iter().any(|w| word == w);
        if let Some(role) = self.unit_column(word) {
            return Some(Column::Unit(role));
        }
        if exact(&self.index_words) {
            return Some(Column::Index);
        }
        if self.content_words.iter().any(near) {
            return Some(Column::Content);
        }
        if self.task_words.iter().any(|w| word == w || near(w)) {
            return Some(if task_seen { Column::Other } else { Column::Task });
        }
        if self.deadline_words.iter().any(near) {
            return Some(if deadline_seen { Column::Other } else { Column::Deadline });
        }
        if self.amount_words.iter().any(near) {
            return Some(Column::Amount);
        }
        exact(&self.other_words).then_some(Column::Other)
    }

    /// The columns of a header row: cells that are not column words are `Other`.
    fn columns<'a>(&self, cells: impl Iterator<Item = &'a str>) -> Vec<Column> {
        let (mut task, mut deadline) = (false, false);
        let mut out = Vec::new();
        for t in cells {
            let col = self.column(t, task, deadline).unwrap_or(Column::Other);
            task |= col == Column::Task;
            deadline |= col == Column::Deadline;
            out.push(col);
        }
        out
    }

    /// The columns of a task-table header, if the cells name a unit column, or an amount or
    /// a row number beside a task (a project table).
    fn header(&self, norm: &str, cells: &[Range<usize>]) -> Option<Vec<Column>> {
        let columns = self.columns(cells.iter().map(|c| &norm[c.clone()]));
        is_header(&columns).then_some(columns)
    }
}

/// Whether columns make a task or project table header.
fn is_header(columns: &[Column]) -> bool {
    let has = |f: fn(&Column) -> bool| columns.iter().any(f);
    has(|c| matches!(c, Column::Unit(_)))
        || (has(|c| matches!(c, Column::Task | Column::Content))
            && has(|c| matches!(c, Column::Amount | Column::Index)))
}

impl Tables {
    /// Finds every table block of `norm`.
    pub fn find(norm: &str, rules: &TableRules) -> Tables {
        let mut tables = Vec::new();
        let mut rows: Vec<Row> = Vec::new();
        let mut weak_only = true;
        let mut close = |rows: &mut Vec<Row>, weak_only: &mut bool| {
            let too_weak = *weak_only && rows.len() < 2;
            if !rows.is_empty() && !too_weak {
                let span = rows[0].span.start..rows[rows.len() - 1].span.end;
                tables.push(Table::new(span, std::mem::take(rows), false));
            }
            rows.clear();
            *weak_only = true;
        };
        let mut pos = 0;
        for line in norm.split_inclusive('\n') {
            let start = pos;
            pos += line.len();
            let body = line.trim_end_matches(['\n', '\r']);
            if body.trim().is_empty() {
                continue;
            }
            let strong = body.contains(['\t', '|']);
            let cells = split_cells(body, start);
            let weak_ok = || {
                !body.trim_end().ends_with('。')
                    && cells.iter().all(|c| norm[c.clone()].chars().count() <= MAX_WEAK_CELL)
            };
            if cells.len() < 2 || (!strong && !weak_ok()) {
                close(&mut rows, &mut weak_only);
                continue;
            }
            weak_only &= !strong;
            let header = rules.header(norm, &cells);
            rows.push(Row { span: start..start + body.len(), cells, header, total: false });
        }
        close(&mut rows, &mut weak_only);
        for t in &mut tables {
            for row in &mut t.rows {
                row.total = row.cells.first().is_some_and(|c| rules.is_total(&norm[c.clone()]));
            }
        }
        // Flattened tables; a cell-split table that is only the header of a flattened one
        // (`序号\t任务\t责任单位` above one cell per line) gives way to it.
        for f in flat::find(norm, rules) {
            let overlaps = |t: &Table| t.span.start < f.span.end && f.span.start < t.span.end;
            let header_end = f.rows[0].span.end;
            if tables.iter().any(|t| overlaps(t) && (t.rows.len() > 1 || t.span.end > header_end)) {
                continue;
            }
            tables.retain(|t| !overlaps(t));
            tables.push(f);
        }
        tables.sort_by_key(|t| t.span.start);
        for t in &mut tables {
            if t.caption.is_none() {
                t.caption = caption_before(norm, t.span.start);
            }
        }
        Tables { tables }
    }

    /// The tables in text order.
    pub fn iter(&self) -> impl Iterator<Item = &Table> {
        self.tables.iter()
    }

    /// The cell that holds byte `at` (cell ends included), if `at` lies in a table row.
    pub fn cell_at(&self, at: usize) -> Option<Cell<'_>> {
        let t = self.tables.partition_point(|t| t.span.end < at);
        let table = self.tables.get(t).filter(|t| t.span.start <= at)?;
        let r = table.rows.partition_point(|r| r.span.end < at);
        let row = table.rows.get(r).filter(|r| r.span.start <= at)?;
        // Cells are in order: a binary search keeps a row of many cells linear.
        let column = row.cells.partition_point(|c| c.end < at);
        row.cells.get(column).filter(|c| c.start <= at)?;
        Some(Cell { table, row: r, column })
    }
}

impl Table {
    /// A table of `rows`, its header rows indexed.
    fn new(span: Range<usize>, rows: Vec<Row>, flat: bool) -> Table {
        let headers = rows.iter().enumerate().filter(|(_, r)| r.header.is_some()).map(|(k, _)| k).collect();
        Table { span, rows, caption: None, flat, headers }
    }

    /// The cell at `row`, `column`, or where it is empty the merged cell that covers it: the
    /// nearest non-empty cell above in the same column. A unit cell is covered only when all
    /// unit cells of the row are empty (a row with a lead unit and no support has none);
    /// rows of totals and header rows cover nothing. `None` for any other empty cell.
    pub fn filled(&self, row: usize, column: usize) -> Option<Range<usize>> {
        let r = self.rows.get(row)?;
        let own = r.cells.get(column)?;
        if !own.is_empty() {
            return Some(own.clone());
        }
        let hk = self.header_of(row)?;
        let columns = self.rows[hk].header.as_ref()?;
        let kind = *columns.get(column)?;
        let is_unit = |c: &Column| matches!(c, Column::Unit(_));
        if r.total || hk == row || !(is_unit(&kind) || kind == Column::Deadline) {
            return None;
        }
        if is_unit(&kind) {
            let units: Vec<usize> = (0..columns.len()).filter(|&k| is_unit(&columns[k])).collect();
            if units.iter().any(|&k| r.cells.get(k).is_some_and(|c| !c.is_empty())) {
                return None;
            }
        }
        self.rows[hk + 1..row]
            .iter()
            .rev()
            .take(MAX_MERGED_ROWS)
            .filter(|r| !r.total && r.cells.len() == columns.len())
            .find_map(|r| r.cells.get(column).filter(|c| !c.is_empty()).cloned())
    }

    /// The index of the nearest header row at or above `row`.
    fn header_of(&self, row: usize) -> Option<usize> {
        let k = self.headers.partition_point(|&h| h <= row);
        k.checked_sub(1).map(|k| self.headers[k])
    }
}

impl<'t> Cell<'t> {
    /// The cell's row.
    pub fn row(&self) -> &'t Row {
        &self.table.rows[self.row]
    }

    /// The cell's byte range.
    pub fn range(&self) -> Range<usize> {
        self.row().cells[self.column].clone()
    }

    /// The row's label for this cell: the nearest cell before it that names a unit in
    /// brackets (`| 1 | 常住人口(万人) | 52 |`), else the row's first cell. In an amount
    /// column (`总投资`) the column header says what the number is, except in a row of totals.
    pub fn label(&self, norm: &str) -> Range<usize> {
        let row = self.row();
        if !row.total && self.column_kind() == Some(Column::Amount) {
            if let Some(h) = self.header_cell() {
                return h;
            }
        }
        let cells = &row.cells;
        cells[..self.column]
            .iter()
            .rev()
            .take(MAX_LABEL_REACH)
            .find(|c| norm[(*c).clone()].trim_end().ends_with(')'))
            .unwrap_or(&cells[0])
            .clone()
    }

    /// The nearest header row at or above this cell's row, with its index.
    fn header_row(&self) -> Option<(usize, &'t Row)> {
        let k = self.table.header_of(self.row)?;
        Some((k, &self.table.rows[k]))
    }

    /// What the cell's column holds, by the header above it.
    pub fn column_kind(&self) -> Option<Column> {
        let (_, h) = self.header_row()?;
        h.header.as_ref()?.get(self.column).copied()
    }

    /// The header cell of this cell's column.
    pub fn header_cell(&self) -> Option<Range<usize>> {
        let (k, h) = self.header_row()?;
        (k != self.row).then(|| h.cells.get(self.column).cloned()).flatten()
    }

    /// The unit a bare number in this cell is written in, as the table gives it: a bracket
    /// of the row's label (`常住人口(万人)`), of the column header (`总投资(万元)`), or the
    /// table's caption (`(单位:万元)`). The byte range of the unit's text.
    pub fn unit_hint(&self, norm: &str) -> Option<Range<usize>> {
        let label = self.label(norm);
        let header = self.header_cell();
        [Some(label), header]
            .into_iter()
            .flatten()
            .find_map(|r| bracket_unit(norm, r))
            .or_else(|| self.table.caption.clone())
    }

    /// The nearest row at or above this one (at most 40 rows up) with year cells, read as
    /// the header of an indicator table.
    pub fn year_header(&self, norm: &str, rules: &TableRules) -> Option<YearHeader> {
        let rows = &self.table.rows[..self.row];
        for row in rows.iter().rev().take(40) {
            let years: Vec<Option<i32>> =
                row.cells.iter().map(|c| super::time::year_of_cell(&norm[c.clone()])).collect();
            let Some(last_year) = years.iter().flatten().copied().max() else { continue };
            let year = years.get(self.column).copied().flatten();
            let title = row.cells.get(self.column).map_or("", |c| &norm[c.clone()]);
            return Some(YearHeader {
                year,
                latest: year == Some(last_year),
                growth: year.is_none() && rules.growth_words.iter().any(|w| title.contains(w.as_str())),
                last_year,
            });
        }
        None
    }
}

/// The cells of one line, trimmed: split on `|` when the line has one, else on tabs and on
/// runs of two or more spaces. `| a | b |` loses its empty edge cells.
pub fn split_cells(line: &str, base: usize) -> Vec<Range<usize>> {
    let mut cells = Vec::new();
    let inner = line.trim();
    if inner.is_empty() {
        return cells;
    }
    let off = base + (line.len() - line.trim_start().len());
    let piped = inner.contains('|');
    let chars: Vec<(usize, char)> = inner.char_indices().collect();
    let mut start = 0;
    let mut k = 0;
    while k < chars.len() {
        let (i, c) = chars[k];
        let sep_len = if piped {
            (c == '|').then_some(1)
        } else if c == '\t' {
            Some(1)
        } else if (c == ' ' || c == '\u{3000}')
            && chars.get(k + 1).is_some_and(|&(_, d)| d == ' ' || d == '\u{3000}' || d == '\t')
        {
            Some(chars[k..].iter().take_while(|(_, d)| matches!(d, ' ' | '\u{3000}' | '\t')).count())
        } else {
            None
        };
        match sep_len {
            Some(n) => {
                cells.push(trimmed(inner, start, i, off));
                start = chars.get(k + n).map_or(inner.len(), |&(j, _)| j);
                k += n;
            }
            None => k += 1,
        }
    }
    cells.push(trimmed(inner, start, inner.len(), off));
    if piped {
        if cells.first().is_some_and(|r| r.is_empty()) {
            cells.remove(0);
        }
        if cells.last().is_some_and(|r| r.is_empty()) {
            cells.pop();
        }
    }
    cells
}

/// The unit in a trailing bracket of a cell: `万元` of `总投资(万元)`.
fn bracket_unit(norm: &str, cell: Range<usize>) -> Option<Range<usize>> {
    let text = norm[cell.clone()].trim_end();
    let inner = text.strip_suffix(')')?;
    let open = inner.rfind('(')?;
    let unit = inner[open + 1..].trim();
    let unit = unit.strip_prefix("单位:").map_or(unit, str::trim);
    let start = cell.start + inner.len() - unit.len() - (inner.len() - inner.trim_end().len());
    let n = unit.chars().count();
    ((1..=6).contains(&n) && !unit.contains(|c: char| c.is_ascii_digit())).then(|| start..start + unit.len())
}

/// A caption among the three lines before `start` that gives a unit to the whole table:
/// `(单位:万元)`, `单位:亩`, `…项目表(单位:万元)`. The byte range of the unit.
fn caption_before(norm: &str, start: usize) -> Option<Range<usize>> {
    let mut end = start;
    for _ in 0..3 {
        let before = norm[..end].trim_end_matches(['\n', '\r', ' ', '\t']);
        if before.is_empty() {
            return None;
        }
        let line_start = before.rfind('\n').map_or(0, |i| i + 1);
        let line = &norm[line_start..before.len()];
        if let Some(r) = caption_unit(line) {
            return Some(line_start + r.start..line_start + r.end);
        }
        if line.chars().count() > 40 {
            return None;
        }
        end = line_start;
    }
    None
}

/// The unit of a caption line (`(单位:万元)` → `万元`), relative to the line.
fn caption_unit(line: &str) -> Option<Range<usize>> {
    let i = line.find("单位:")?;
    let before = line[..i].trim_end();
    if !(before.is_empty() || before.ends_with('(') || line[..i].ends_with([' ', '\t'])) {
        return None;
    }
    let from = i + "单位:".len();
    let rest = &line[from..];
    let lead = rest.len() - rest.trim_start().len();
    let unit = rest.trim_start();
    let len = unit.find([')', ' ', '\t', ',', ';']).unwrap_or(unit.len());
    let unit = &unit[..len];
    let tail = rest[lead + len..].trim();
    let n = unit.chars().count();
    ((1..=6).contains(&n) && !unit.contains(|c: char| c.is_ascii_digit()) && (tail.is_empty() || tail == ")"))
        .then(|| from + lead..from + lead + len)
}

fn trimmed(s: &str, a: usize, b: usize, off: usize) -> Range<usize> {
    let cell = &s[a..b];
    let lead = cell.len() - cell.trim_start().len();
    let t = cell.trim();
    off + a + lead..off + a + lead + t.len()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rules() -> TableRules {
        TableRules::new(&Lexicons::embedded().unwrap()).unwrap()
    }

    fn texts<'a>(norm: &'a str, row: &Row) -> Vec<&'a str> {
        row.cells.iter().map(|c| &norm[c.clone()]).collect()
    }

    #[test]
    fn splits_pipes_tabs_and_spaces() {
        let line = "| 序号 | 任务 | 单位 |";
        assert_eq!(split_cells(line, 0).len(), 3);
        let line = "1\t建设绿道\t\t区园林局";
        let got: Vec<&str> = split_cells(line, 0).into_iter().map(|r| &line[r]).collect();
        assert_eq!(got, ["1", "建设绿道", "", "区园林局"]);
        let line = "序号  工作任务      责任单位";
        assert_eq!(split_cells(line, 0).len(), 3);
    }

    #[test]
    fn task_table_header_and_rows() {
        let norm = "清单\n序号 | 重点任务 | 牵头单位 | 配合单位 | 完成时限\n1 | 建设绿道 | 区园林局 | 各街道 | 2024年6月\n\n2 | 改造市场 | 区商务局 | 区市场监管局 | 2025年底\n以上任务。\n";
        let t = Tables::find(norm, &rules());
        let tables: Vec<&Table> = t.iter().collect();
        assert_eq!(tables.len(), 1);
        assert_eq!(tables[0].rows.len(), 3, "a blank line inside a table does not end it");
        let h = tables[0].rows[0].header.as_ref().unwrap();
        assert_eq!(h[1], Column::Task);
        assert_eq!(h[2], Column::Unit(Role::Lead));
        assert_eq!(h[3], Column::Unit(Role::Support));
        assert_eq!(h[4], Column::Deadline);
        assert_eq!(texts(norm, &tables[0].rows[2])[2], "区商务局");
        let at = norm.find("区商务局").unwrap() + 3;
        let cell = t.cell_at(at).unwrap();
        assert_eq!((cell.row, cell.column), (2, 2));
        assert!(t.cell_at(norm.find("以上").unwrap()).is_none());
    }

    #[test]
    fn indicator_tables_give_labels_and_year_headers() {
        let norm = "指标\t2020年\t2025年\t年均增长\n地区生产总值(亿元)\t480\t700\t8%\n";
        let t = Tables::find(norm, &rules());
        let r = rules();
        let cell = t.cell_at(norm.find("700").unwrap()).unwrap();
        assert_eq!(&norm[cell.label(norm)], "地区生产总值(亿元)");
        let h = cell.year_header(norm, &r).unwrap();
        assert_eq!(h, YearHeader { year: Some(2025), latest: true, growth: false, last_year: 2025 });
        let g = t.cell_at(norm.find("8%").unwrap()).unwrap().year_header(norm, &r).unwrap();
        assert!(g.growth && g.year.is_none());
    }

    #[test]
    fn prose_with_double_spaces_is_no_table() {
        let norm = "一年来,我们坚持稳中求进,  全力以赴抓项目促投资,经济运行总体平稳,主要指标好于预期,发展质量稳步提升。\n又一行  文字\n";
        assert_eq!(Tables::find(norm, &rules()).iter().count(), 0);
    }
}

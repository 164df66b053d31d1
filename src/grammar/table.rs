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

use crate::document::Role;
use crate::error::Result;
use crate::lexicon::{longest_first, ColumnKind, Lexicons};
use std::ops::Range;

/// Longest cell of a space-aligned row, in chars: longer "cells" are prose.
const MAX_WEAK_CELL: usize = 60;

/// What a column of a task table holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Column {
    /// Responsible units, with the role the header gives them.
    Unit(Role),
    /// The task the row is about.
    Task,
    /// When the row is due.
    Deadline,
    Other,
}

/// One row: its line and its cells, byte ranges into the normalised text (cells trimmed).
#[derive(Debug, Clone, PartialEq)]
pub struct Row {
    pub span: Range<usize>,
    pub cells: Vec<Range<usize>>,
    /// For a task-table header: what each column holds.
    pub header: Option<Vec<Column>>,
}

/// A block of consecutive rows.
#[derive(Debug, Clone, PartialEq)]
pub struct Table {
    pub span: Range<usize>,
    pub rows: Vec<Row>,
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
    deadline_words: Vec<String>,
    growth_words: Vec<String>,
}

impl TableRules {
    /// Header words from `unit_labels.txt` and `table_headers.txt`.
    pub fn new(lex: &Lexicons) -> Result<TableRules> {
        let mut unit_labels: Vec<(String, Role)> =
            lex.unit_labels.iter().map(|l| (l.word.clone(), l.role)).collect();
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
            deadline_words: words(ColumnKind::Deadline),
            growth_words: words(ColumnKind::Growth),
        })
    }

    /// The role of a unit-column header cell (`牵头单位`, `责任部门(单位)`), if it is one.
    pub fn unit_column(&self, cell: &str) -> Option<Role> {
        let t = cell.trim();
        let l = self
            .unit_labels
            .iter()
            .find(|l| l.0 == t || (t.ends_with(l.0.as_str()) && t.len() <= l.0.len() + 6))?;
        let named = ["单位", "部门", "主体", "科室"].iter().any(|w| t.contains(w));
        (named || t == l.0).then_some(l.1)
    }

    /// The columns of a task-table header, if the cells name at least one unit column.
    fn header(&self, norm: &str, cells: &[Range<usize>]) -> Option<Vec<Column>> {
        let mut columns = Vec::with_capacity(cells.len());
        let (mut task, mut deadline) = (false, false);
        for c in cells {
            let t = norm[c.clone()].trim();
            let near = |w: &String| t.contains(w.as_str()) && t.len() <= w.len() + 9;
            let col = if let Some(role) = self.unit_column(t) {
                Column::Unit(role)
            } else if !task && self.task_words.iter().any(|w| t == w || near(w)) {
                task = true;
                Column::Task
            } else if !deadline && self.deadline_words.iter().any(near) {
                deadline = true;
                Column::Deadline
            } else {
                Column::Other
            };
            columns.push(col);
        }
        columns.iter().any(|c| matches!(c, Column::Unit(_))).then_some(columns)
    }
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
                tables.push(Table { span, rows: std::mem::take(rows) });
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
            rows.push(Row { span: start..start + body.len(), cells, header });
        }
        close(&mut rows, &mut weak_only);
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
        let column = row.cells.iter().position(|c| c.start <= at && at <= c.end)?;
        Some(Cell { table, row: r, column })
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
    /// brackets (`| 1 | 常住人口(万人) | 52 |`), else the row's first cell.
    pub fn label(&self, norm: &str) -> Range<usize> {
        let cells = &self.row().cells;
        cells[..self.column]
            .iter()
            .rev()
            .find(|c| norm[(*c).clone()].trim_end().ends_with(')'))
            .unwrap_or(&cells[0])
            .clone()
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

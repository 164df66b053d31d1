//! Flat CSV tables of extraction results (`documents`, `targets`, `projects`, `units`,
//! `tasks`), one row per item, for spreadsheets and data frames. Files start with a UTF-8
//! BOM so Excel detects the encoding; quoting follows RFC 4180 (the `csv` crate); every
//! table has a `doc_id` column (the document's `source`) to join on. The column order is
//! part of the interface: add columns at the end only.

use crate::document::{Document, Record, Role};
use crate::error::Result;
use std::io::Write;

/// The UTF-8 byte-order mark written at the start of every table.
pub const BOM: &[u8] = b"\xEF\xBB\xBF";

/// One of the five tables.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Table {
    Documents,
    Targets,
    Projects,
    Units,
    Tasks,
}

impl Table {
    /// Every table, in file order.
    pub const ALL: [Table; 5] =
        [Table::Documents, Table::Targets, Table::Projects, Table::Units, Table::Tasks];

    /// The table's name (`targets`), also its file stem.
    pub fn name(self) -> &'static str {
        match self {
            Table::Documents => "documents",
            Table::Targets => "targets",
            Table::Projects => "projects",
            Table::Units => "units",
            Table::Tasks => "tasks",
        }
    }

    /// The header row.
    pub fn columns(self) -> &'static [&'static str] {
        match self {
            Table::Documents => &[
                "doc_id",
                "title",
                "issuer",
                "date",
                "period_start",
                "period_end",
                "encoding",
                "chars",
                "sha256",
                "sections",
                "targets",
                "projects",
                "units",
                "tasks",
                "error",
            ],
            Table::Targets => &[
                "doc_id",
                "id",
                "indicator",
                "canonical",
                "category",
                "comparator",
                "value",
                "value_max",
                "unit",
                "normalized_value",
                "normalized_value_max",
                "normalized_unit",
                "measure",
                "status",
                "year",
                "section",
                "task",
                "page",
                "span_start",
                "span_end",
                "text",
            ],
            Table::Projects => &[
                "doc_id",
                "id",
                "name",
                "kind",
                "mentions",
                "first_start",
                "first_end",
                "section",
                "investment_value",
                "investment_unit",
                "investment_normalized_value",
                "investment_normalized_unit",
                "year",
                "aliases",
            ],
            Table::Units => &["doc_id", "name", "mentions", "responsible", "lead", "support", "tasks"],
            Table::Tasks => &[
                "doc_id",
                "id",
                "section",
                "title",
                "span_start",
                "span_end",
                "deadline",
                "responsible",
                "lead",
                "support",
                "targets",
                "projects",
            ],
        }
    }

    /// The rows this table gets from one record (error records only appear in `documents`).
    pub fn rows(self, record: &Record) -> Vec<Vec<String>> {
        match record {
            Record::Error(e) => match self {
                Table::Documents => {
                    let mut row = vec![String::new(); self.columns().len()];
                    row[0] = e.source.clone();
                    row[14] = e.error.clone();
                    vec![row]
                }
                _ => Vec::new(),
            },
            Record::Document(d) => self.document_rows(d),
        }
    }

    fn document_rows(self, d: &Document) -> Vec<Vec<String>> {
        let id = || d.source.clone();
        match self {
            Table::Documents => vec![vec![
                id(),
                opt(&d.title),
                opt(&d.issuer),
                opt(&d.date),
                d.period.map(|p| p[0].to_string()).unwrap_or_default(),
                d.period.map(|p| p[1].to_string()).unwrap_or_default(),
                d.encoding.clone(),
                d.chars.to_string(),
                opt(&d.sha256),
                d.sections.len().to_string(),
                d.targets.len().to_string(),
                d.projects.len().to_string(),
                d.units.len().to_string(),
                d.tasks.len().to_string(),
                d.errors.join("; "),
            ]],
            Table::Targets => d
                .targets
                .iter()
                .map(|t| {
                    vec![
                        id(),
                        t.id.clone(),
                        opt(&t.indicator),
                        opt(&t.canonical),
                        opt(&t.category),
                        t.comparator.as_str().to_string(),
                        num(t.value),
                        t.value_max.map(num).unwrap_or_default(),
                        t.unit.clone(),
                        t.normalized.as_ref().map(|n| num(n.value)).unwrap_or_default(),
                        t.normalized.as_ref().and_then(|n| n.value_max).map(num).unwrap_or_default(),
                        t.normalized.as_ref().map(|n| n.unit.clone()).unwrap_or_default(),
                        t.measure.as_str().to_string(),
                        t.status.as_str().to_string(),
                        t.year.map(|y| y.to_string()).unwrap_or_default(),
                        opt(&t.section),
                        opt(&t.task),
                        t.page.map(|p| p.to_string()).unwrap_or_default(),
                        t.span[0].to_string(),
                        t.span[1].to_string(),
                        t.text.clone(),
                    ]
                })
                .collect(),
            Table::Projects => d
                .projects
                .iter()
                .map(|p| {
                    let first = p.mentions.first();
                    let inv = p.investment.as_ref();
                    vec![
                        id(),
                        p.id.clone(),
                        p.name.clone(),
                        p.kind.as_str().to_string(),
                        p.mentions.len().to_string(),
                        first.map(|s| s[0].to_string()).unwrap_or_default(),
                        first.map(|s| s[1].to_string()).unwrap_or_default(),
                        opt(&p.section),
                        inv.map(|i| num(i.value)).unwrap_or_default(),
                        inv.map(|i| i.unit.clone()).unwrap_or_default(),
                        inv.and_then(|i| i.normalized.as_ref()).map(|n| num(n.value)).unwrap_or_default(),
                        inv.and_then(|i| i.normalized.as_ref()).map(|n| n.unit.clone()).unwrap_or_default(),
                        p.year.map(|y| y.to_string()).unwrap_or_default(),
                        p.aliases.join("; "),
                    ]
                })
                .collect(),
            Table::Units => d
                .units
                .iter()
                .map(|u| {
                    let tasks: Vec<&str> = d
                        .tasks
                        .iter()
                        .filter(|k| k.units.iter().any(|tu| tu.name == u.name))
                        .map(|k| k.id.as_str())
                        .collect();
                    vec![
                        id(),
                        u.name.clone(),
                        u.mentions.to_string(),
                        u.roles.responsible.to_string(),
                        u.roles.lead.to_string(),
                        u.roles.support.to_string(),
                        tasks.join("; "),
                    ]
                })
                .collect(),
            Table::Tasks => d
                .tasks
                .iter()
                .map(|k| {
                    let names = |role: Role| -> String {
                        k.units
                            .iter()
                            .filter(|u| u.role == role)
                            .map(|u| u.name.as_str())
                            .collect::<Vec<_>>()
                            .join("; ")
                    };
                    vec![
                        id(),
                        k.id.clone(),
                        opt(&k.section),
                        k.title.clone(),
                        k.span[0].to_string(),
                        k.span[1].to_string(),
                        opt(&k.deadline),
                        names(Role::Responsible),
                        names(Role::Lead),
                        names(Role::Support),
                        k.targets.join("; "),
                        k.projects.join("; "),
                    ]
                })
                .collect(),
        }
    }
}

fn opt(s: &Option<String>) -> String {
    s.clone().unwrap_or_default()
}

/// A number as written in tables: integers without `.0`, others in Rust's shortest form.
pub fn num(v: f64) -> String {
    if v.is_finite() && v.fract() == 0.0 && v.abs() < 1e15 {
        format!("{}", v as i64)
    } else {
        format!("{v}")
    }
}

/// Writes one table: BOM and header on creation, then rows per record.
pub struct TableWriter<W: Write> {
    table: Table,
    out: csv::Writer<W>,
    rows: usize,
}

impl<W: Write> TableWriter<W> {
    /// Starts the table (writes the BOM and the header row).
    pub fn new(mut out: W, table: Table) -> Result<TableWriter<W>> {
        out.write_all(BOM).map_err(csv::Error::from)?;
        let mut out = csv::WriterBuilder::new().terminator(csv::Terminator::CRLF).from_writer(out);
        out.write_record(table.columns())?;
        Ok(TableWriter { table, out, rows: 0 })
    }

    /// Adds the rows of one record; returns how many were written.
    pub fn write(&mut self, record: &Record) -> Result<usize> {
        let rows = self.table.rows(record);
        for r in &rows {
            self.out.write_record(r)?;
        }
        self.rows += rows.len();
        Ok(rows.len())
    }

    /// Rows written so far (header excluded).
    pub fn rows(&self) -> usize {
        self.rows
    }

    /// Flushes buffered rows.
    pub fn flush(&mut self) -> Result<()> {
        self.out.flush().map_err(csv::Error::from)?;
        Ok(())
    }
}

/// All five tables as files `DIR/<table>.csv`.
pub struct TableSet {
    writers: Vec<TableWriter<std::io::BufWriter<std::fs::File>>>,
}

impl TableSet {
    /// Creates the directory and the five files.
    pub fn create(dir: &std::path::Path) -> Result<TableSet> {
        let io = |path: &std::path::Path, source| crate::Error::Io { path: path.to_path_buf(), source };
        std::fs::create_dir_all(dir).map_err(|e| io(dir, e))?;
        let mut writers = Vec::new();
        for t in Table::ALL {
            let path = dir.join(format!("{}.csv", t.name()));
            let f = std::fs::File::create(&path).map_err(|e| io(&path, e))?;
            writers.push(TableWriter::new(std::io::BufWriter::new(f), t)?);
        }
        Ok(TableSet { writers })
    }

    /// Adds one record to every table.
    pub fn write(&mut self, record: &Record) -> Result<()> {
        for w in &mut self.writers {
            w.write(record)?;
        }
        Ok(())
    }

    /// Flushes every file.
    pub fn finish(&mut self) -> Result<()> {
        for w in &mut self.writers {
            w.flush()?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rows_have_as_many_fields_as_the_header() {
        let p = crate::Pipeline::new().unwrap();
        let doc = p.extract_text("a.txt", "2024年全镇固定资产投资达到50亿元,增长8%。\n(责任单位:经发办)\n");
        let rec = Record::Document(Box::new(doc));
        for t in Table::ALL {
            for r in t.rows(&rec) {
                assert_eq!(r.len(), t.columns().len(), "{}", t.name());
                assert_eq!(r[0], "a.txt");
            }
        }
        assert_eq!(Table::Documents.rows(&rec).len(), 1);
    }

    #[test]
    fn error_records_only_fill_documents() {
        let rec = Record::Error(crate::ErrorRecord::new("x.pdf", "no text"));
        assert_eq!(Table::Targets.rows(&rec).len(), 0);
        let rows = Table::Documents.rows(&rec);
        assert_eq!(rows[0][0], "x.pdf");
        assert_eq!(rows[0].last().unwrap(), "no text");
    }

    #[test]
    fn writer_starts_with_bom_and_quotes_fields() {
        let mut buf = Vec::new();
        {
            let mut w = TableWriter::new(&mut buf, Table::Units).unwrap();
            let mut doc = crate::Pipeline::new().unwrap().extract_text("a,\"b\".txt", "无内容\n");
            doc.units.push(crate::document::Unit {
                name: "经发办".into(),
                mentions: 2,
                roles: Default::default(),
            });
            assert_eq!(w.write(&Record::Document(Box::new(doc))).unwrap(), 1);
            w.flush().unwrap();
        }
        assert!(buf.starts_with(BOM));
        let s = String::from_utf8(buf[3..].to_vec()).unwrap();
        assert!(s.starts_with("doc_id,name,"), "{s}");
        assert!(s.contains("\"a,\"\"b\"\".txt\",经发办,2"), "{s}");
    }

    #[test]
    fn numbers_print_without_trailing_zero() {
        assert_eq!(num(70.0), "70");
        assert_eq!(num(12.5), "12.5");
        assert_eq!(num(-3.0), "-3");
    }
}

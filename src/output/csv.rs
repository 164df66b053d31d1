//! Flat CSV tables of extraction results (`documents`, `targets`, `projects`, `units`,
//! `tasks`), one row per item, for spreadsheets and data frames. Files start with a UTF-8
//! BOM so Excel detects the encoding; quoting follows RFC 4180 (the `csv` crate); every
//! table has a `doc_id` column (the document's `source`) to join on. The column order is
//! part of the interface: add columns at the end only.

use super::num;
use crate::document::{Document, Project, Record, Role, Target, Task, Unit};
use crate::error::{Error, Result};
use std::io::Write;

/// The UTF-8 byte-order mark written at the start of every table.
pub const BOM: &[u8] = b"\xEF\xBB\xBF";

/// One of the five tables.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Table {
    /// One row per input: the document fields, or the error of an unreadable input.
    Documents,
    /// One row per target.
    Targets,
    /// One row per project.
    Projects,
    /// One row per responsible unit.
    Units,
    /// One row per task.
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
    pub fn columns(self) -> Vec<&'static str> {
        fn names<T>(columns: &[Column<T>]) -> Vec<&'static str> {
            columns.iter().map(|(name, _)| *name).collect()
        }
        match self {
            Table::Documents => names(DOCUMENTS),
            Table::Targets => names(TARGETS),
            Table::Projects => names(PROJECTS),
            Table::Units => names(UNITS),
            Table::Tasks => names(TASKS),
        }
    }

    /// The rows this table gets from one record (error records only appear in `documents`,
    /// with their source and error).
    pub fn rows(self, record: &Record) -> Vec<Vec<String>> {
        match record {
            Record::Error(e) => match self {
                Table::Documents => vec![DOCUMENTS
                    .iter()
                    .map(|(name, _)| match *name {
                        "doc_id" => e.source.clone(),
                        "error" => e.error.clone(),
                        _ => String::new(),
                    })
                    .collect()],
                _ => Vec::new(),
            },
            Record::Document(d) => match self {
                Table::Documents => rows(DOCUMENTS, d, std::slice::from_ref(d.as_ref())),
                Table::Targets => rows(TARGETS, d, &d.targets),
                Table::Projects => rows(PROJECTS, d, &d.projects),
                Table::Units => rows(UNITS, d, &d.units),
                Table::Tasks => rows(TASKS, d, &d.tasks),
            },
        }
    }
}

/// What a column holds, for typed consumers (Python, Arrow, Spark). An `Int` or `Float`
/// cell is empty or a number as [`num`] writes it (which reads back exactly); every other
/// column is `Text`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ColumnType {
    /// Names, ids, labels and other strings.
    Text,
    /// A whole number (a year, a count, an offset).
    Int,
    /// A number that may have a fraction (a value).
    Float,
}

impl Table {
    /// Each column's name and type, in column order.
    pub fn column_types(self) -> Vec<(&'static str, ColumnType)> {
        self.columns()
            .into_iter()
            .map(|c| {
                let typed = NUMERIC.iter().find(|(t, name, _)| *t == self && *name == c);
                (c, typed.map_or(ColumnType::Text, |&(_, _, ty)| ty))
            })
            .collect()
    }
}

/// The numeric columns; a column not listed here is text (a test checks every name).
const NUMERIC: &[(Table, &str, ColumnType)] = {
    use ColumnType::{Float, Int};
    use Table::*;
    &[
        (Documents, "period_start", Int),
        (Documents, "period_end", Int),
        (Documents, "chars", Int),
        (Documents, "sections", Int),
        (Documents, "targets", Int),
        (Documents, "projects", Int),
        (Documents, "units", Int),
        (Documents, "tasks", Int),
        (Targets, "value", Float),
        (Targets, "value_max", Float),
        (Targets, "normalized_value", Float),
        (Targets, "normalized_value_max", Float),
        (Targets, "year", Int),
        (Targets, "page", Int),
        (Targets, "span_start", Int),
        (Targets, "span_end", Int),
        (Projects, "mentions", Int),
        (Projects, "first_start", Int),
        (Projects, "first_end", Int),
        (Projects, "investment_value", Float),
        (Projects, "investment_normalized_value", Float),
        (Projects, "year", Int),
        (Units, "mentions", Int),
        (Units, "responsible", Int),
        (Units, "lead", Int),
        (Units, "support", Int),
        (Tasks, "span_start", Int),
        (Tasks, "span_end", Int),
    ]
};

/// A column: its header and its value for one item of a document. One list per table, so
/// a new column is one line (add it at the end: the column order is the interface).
type Column<T> = (&'static str, fn(&Document, &T) -> String);

fn rows<T>(columns: &[Column<T>], d: &Document, items: &[T]) -> Vec<Vec<String>> {
    items.iter().map(|item| columns.iter().map(|(_, value)| value(d, item)).collect()).collect()
}

/// `documents.csv`: one row per document, the item is the document itself.
const DOCUMENTS: &[Column<Document>] = &[
    ("doc_id", |d, _| d.source.clone()),
    ("title", |_, d| opt(&d.title)),
    ("issuer", |_, d| opt(&d.issuer)),
    ("date", |_, d| opt(&d.date)),
    ("period_start", |_, d| d.period.map(|p| p[0].to_string()).unwrap_or_default()),
    ("period_end", |_, d| d.period.map(|p| p[1].to_string()).unwrap_or_default()),
    ("encoding", |_, d| d.encoding.clone()),
    ("chars", |_, d| d.chars.to_string()),
    ("sha256", |_, d| opt(&d.sha256)),
    ("sections", |_, d| d.sections.len().to_string()),
    ("targets", |_, d| d.targets.len().to_string()),
    ("projects", |_, d| d.projects.len().to_string()),
    ("units", |_, d| d.units.len().to_string()),
    ("tasks", |_, d| d.tasks.len().to_string()),
    ("error", |_, d| d.errors.join("; ")),
    ("place", |_, d| opt(&d.place)),
];

const TARGETS: &[Column<Target>] = &[
    ("doc_id", |d, _| d.source.clone()),
    ("id", |_, t| t.id.clone()),
    ("indicator", |_, t| opt(&t.indicator)),
    ("canonical", |_, t| opt(&t.canonical)),
    ("category", |_, t| opt(&t.category)),
    ("comparator", |_, t| t.comparator.as_str().to_string()),
    ("value", |_, t| num(t.value)),
    ("value_max", |_, t| t.value_max.map(num).unwrap_or_default()),
    ("unit", |_, t| t.unit.clone()),
    ("normalized_value", |_, t| t.normalized.as_ref().map(|n| num(n.value)).unwrap_or_default()),
    ("normalized_value_max", |_, t| {
        t.normalized.as_ref().and_then(|n| n.value_max).map(num).unwrap_or_default()
    }),
    ("normalized_unit", |_, t| t.normalized.as_ref().map(|n| n.unit.clone()).unwrap_or_default()),
    ("measure", |_, t| t.measure.as_str().to_string()),
    ("status", |_, t| t.status.as_str().to_string()),
    ("year", |_, t| t.year.map(|y| y.to_string()).unwrap_or_default()),
    ("section", |_, t| opt(&t.section)),
    ("task", |_, t| opt(&t.task)),
    ("page", |_, t| t.page.map(|p| p.to_string()).unwrap_or_default()),
    ("span_start", |_, t| t.span[0].to_string()),
    ("span_end", |_, t| t.span[1].to_string()),
    ("text", |_, t| t.text.clone()),
];

const PROJECTS: &[Column<Project>] = &[
    ("doc_id", |d, _| d.source.clone()),
    ("id", |_, p| p.id.clone()),
    ("name", |_, p| p.name.clone()),
    ("kind", |_, p| p.kind.as_str().to_string()),
    ("mentions", |_, p| p.mentions.len().to_string()),
    ("first_start", |_, p| p.mentions.first().map(|s| s[0].to_string()).unwrap_or_default()),
    ("first_end", |_, p| p.mentions.first().map(|s| s[1].to_string()).unwrap_or_default()),
    ("section", |_, p| opt(&p.section)),
    ("investment_value", |_, p| p.investment.as_ref().map(|i| num(i.value)).unwrap_or_default()),
    ("investment_unit", |_, p| p.investment.as_ref().map(|i| i.unit.clone()).unwrap_or_default()),
    ("investment_normalized_value", |_, p| {
        p.investment.as_ref().and_then(|i| i.normalized.as_ref()).map(|n| num(n.value)).unwrap_or_default()
    }),
    ("investment_normalized_unit", |_, p| {
        p.investment.as_ref().and_then(|i| i.normalized.as_ref()).map(|n| n.unit.clone()).unwrap_or_default()
    }),
    ("year", |_, p| p.year.map(|y| y.to_string()).unwrap_or_default()),
    ("aliases", |_, p| p.aliases.join("; ")),
];

const UNITS: &[Column<Unit>] = &[
    ("doc_id", |d, _| d.source.clone()),
    ("name", |_, u| u.name.clone()),
    ("mentions", |_, u| u.mentions.to_string()),
    ("responsible", |_, u| u.roles.responsible.to_string()),
    ("lead", |_, u| u.roles.lead.to_string()),
    ("support", |_, u| u.roles.support.to_string()),
    ("tasks", |d, u| {
        let tasks: Vec<&str> = d
            .tasks
            .iter()
            .filter(|k| k.units.iter().any(|tu| tu.name == u.name))
            .map(|k| k.id.as_str())
            .collect();
        tasks.join("; ")
    }),
];

const TASKS: &[Column<Task>] = &[
    ("doc_id", |d, _| d.source.clone()),
    ("id", |_, k| k.id.clone()),
    ("section", |_, k| opt(&k.section)),
    ("title", |_, k| k.title.clone()),
    ("span_start", |_, k| k.span[0].to_string()),
    ("span_end", |_, k| k.span[1].to_string()),
    ("deadline", |_, k| opt(&k.deadline)),
    ("responsible", |_, k| units_in_role(k, Role::Responsible)),
    ("lead", |_, k| units_in_role(k, Role::Lead)),
    ("support", |_, k| units_in_role(k, Role::Support)),
    ("targets", |_, k| k.targets.join("; ")),
    ("projects", |_, k| k.projects.join("; ")),
];

/// The task's units in one role, `; `-joined.
fn units_in_role(k: &Task, role: Role) -> String {
    k.units.iter().filter(|u| u.role == role).map(|u| u.name.as_str()).collect::<Vec<_>>().join("; ")
}

fn opt(s: &Option<String>) -> String {
    s.clone().unwrap_or_default()
}

/// Writes one table: BOM and header on creation, then rows per record.
pub struct TableWriter<W: Write> {
    table: Table,
    out: ::csv::Writer<W>,
    rows: usize,
}

impl<W: Write> TableWriter<W> {
    /// Starts the table (writes the BOM and the header row).
    pub fn new(mut out: W, table: Table) -> Result<TableWriter<W>> {
        out.write_all(BOM).map_err(|e| Error::table(e.into()))?;
        let mut out = ::csv::WriterBuilder::new().terminator(::csv::Terminator::CRLF).from_writer(out);
        out.write_record(table.columns()).map_err(Error::table)?;
        Ok(TableWriter { table, out, rows: 0 })
    }

    /// Adds the rows of one record; returns how many were written.
    pub fn write(&mut self, record: &Record) -> Result<usize> {
        let rows = self.table.rows(record);
        for r in &rows {
            self.out.write_record(r).map_err(Error::table)?;
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
        self.out.flush().map_err(|e| Error::table(e.into()))?;
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
    fn numeric_columns_exist_and_hold_numbers() {
        for (table, name, _) in NUMERIC {
            assert!(table.columns().contains(name), "{} has no column {name}", table.name());
        }
        let p = crate::Pipeline::new().unwrap();
        let text = "一、任务\n1.建设滨江科创园项目,投资60亿元,2024年固定资产投资达到1.5万亿元,增长8%—10%。\
                    (牵头单位:经发办;配合单位:规建办)\n";
        let rec = Record::Document(Box::new(p.extract_text("a.txt", text)));
        for t in Table::ALL {
            let rows = t.rows(&rec);
            assert!(!rows.is_empty(), "{}", t.name());
            for row in rows {
                for ((name, ty), cell) in t.column_types().into_iter().zip(row) {
                    let ok = cell.is_empty()
                        || match ty {
                            ColumnType::Int => cell.parse::<i64>().is_ok(),
                            ColumnType::Float => cell.parse::<f64>().is_ok(),
                            ColumnType::Text => true,
                        };
                    assert!(ok, "{}.{name}: {cell:?}", t.name());
                }
            }
        }
    }

    #[test]
    fn error_records_only_fill_documents() {
        let rec = Record::Error(crate::ErrorRecord::new("x.pdf", "no text"));
        assert_eq!(Table::Targets.rows(&rec).len(), 0);
        let rows = Table::Documents.rows(&rec);
        assert_eq!(rows[0][0], "x.pdf");
        let error = DOCUMENTS.iter().position(|(name, _)| *name == "error").unwrap();
        assert_eq!(rows[0][error], "no text");
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
}

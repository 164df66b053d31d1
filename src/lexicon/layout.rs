//! Rows of the lexicons that read a document's layout: web boilerplate, the header (title,
//! issuer, place, salutation), the parts of a work report and the headers of task tables.

use super::row::{columns, keyword};
use super::{FromRow, Row};

/// `boilerplate.txt`: a regex over a whole trimmed line.
#[derive(Debug, Clone)]
pub(crate) struct BoilerplateRule {
    pub kind: BoilerplateKind,
    pub pattern: String,
}

/// What a boilerplate pattern does to the line it matches.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum BoilerplateKind {
    /// The line is boilerplate.
    Line,
    /// The line is boilerplate and starts the page's tail.
    Tail,
    /// The line is never boilerplate by a `line` pattern.
    Keep,
}

impl FromRow for BoilerplateRule {
    fn from_row(row: Row<'_>, out: &mut Vec<Self>) -> Result<(), String> {
        let (kind, pat) = row.text.split_once(char::is_whitespace).ok_or("expected KIND PATTERN")?;
        let pattern = pat.trim().to_string();
        regex::Regex::new(&pattern).map_err(|e| format!("bad pattern: {e}"))?;
        let kind = match kind {
            "line" => BoilerplateKind::Line,
            "tail" => BoilerplateKind::Tail,
            "keep" => BoilerplateKind::Keep,
            other => return Err(format!("unknown kind {other:?} (line, tail or keep)")),
        };
        out.push(BoilerplateRule { kind, pattern });
        Ok(())
    }
}

/// `header_words.txt`: the words of a document's header.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct HeaderWord {
    pub kind: HeaderKind,
    pub word: String,
}

/// The part a [`HeaderWord`] plays.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum HeaderKind {
    /// A collector's label whose value is the title (`标题：`).
    Title,
    /// A label whose value is the issuing body (`发文单位：`).
    Issuer,
    /// A label whose value is the issuing body when it reads as one (`信息来源：`).
    Source,
    /// A label whose value is the document's own date (`发文时间：`).
    Date,
    /// A label whose value is a web page's publication date (`发布时间：`).
    Published,
    /// Any other label of a collector's or a site's header (`来源URL：`, `【法宝引证码】`).
    Meta,
    /// The opening of a salutation line (`各位代表：`).
    Salutation,
    /// The ending of a report's section heading, never a title (`工作回顾`).
    Section,
    /// An office in a report's speaker line (`市长`).
    Office,
    /// What a report calls the government giving it after 我代表 (`人民政府`, `行署`).
    Speaker,
    /// A heading word of a report's plan for its year (`工作安排`).
    Plan,
    /// A heading word of a report's review of the year before (`工作回顾`).
    Review,
}

impl FromRow for HeaderWord {
    fn from_row(row: Row<'_>, out: &mut Vec<Self>) -> Result<(), String> {
        const WANT: &str =
            "title|issuer|source|date|published|meta|salutation|section|office|speaker|plan|review WORD...";
        let mut f = row.fields();
        let kind = match f.next() {
            Some("title") => HeaderKind::Title,
            Some("issuer") => HeaderKind::Issuer,
            Some("source") => HeaderKind::Source,
            Some("date") => HeaderKind::Date,
            Some("published") => HeaderKind::Published,
            Some("meta") => HeaderKind::Meta,
            Some("salutation") => HeaderKind::Salutation,
            Some("section") => HeaderKind::Section,
            Some("office") => HeaderKind::Office,
            Some("speaker") => HeaderKind::Speaker,
            Some("plan") => HeaderKind::Plan,
            Some("review") => HeaderKind::Review,
            _ => return Err(format!("expected `{WANT}`")),
        };
        let before = out.len();
        out.extend(f.map(|w| HeaderWord { kind, word: w.to_string() }));
        if out.len() == before {
            return Err(format!("expected `{WANT}`"));
        }
        Ok(())
    }
}

/// `issuers.txt`: words that make up an issuing body's name.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct IssuerWord {
    pub kind: IssuerKind,
    pub word: String,
}

/// The part an [`IssuerWord`] plays.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum IssuerKind {
    /// An administrative-unit suffix, most specific first.
    Suffix,
    /// A party or government organ kept after the place name.
    Organ,
    /// Characters that cannot begin a place name.
    Stop,
    /// Characters that may stand right before a place name in running text.
    Lead,
    /// A word in which a suffix character is no place suffix (`城镇`, `市场`).
    NotPlace,
    /// An ending of an issuing body's name (`人民政府`, `办公室`, `局`).
    Body,
}

impl FromRow for IssuerWord {
    fn from_row(row: Row<'_>, out: &mut Vec<Self>) -> Result<(), String> {
        const WANT: &str = "suffix|organ|stop|lead|notplace|body WORD";
        let [kind, word] = columns(&row, WANT)?;
        let kind = match kind {
            "suffix" => IssuerKind::Suffix,
            "organ" => IssuerKind::Organ,
            "stop" => IssuerKind::Stop,
            "lead" => IssuerKind::Lead,
            "notplace" => IssuerKind::NotPlace,
            "body" => IssuerKind::Body,
            _ => return Err(format!("expected `{WANT}`")),
        };
        out.push(IssuerWord { kind, word: word.to_string() });
        Ok(())
    }
}

/// `places.txt`: a province- or prefecture-level division and its short forms.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct PlaceRow {
    pub level: PlaceLevel,
    pub name: String,
    pub short: Vec<String>,
}

/// The level of a place in `places.txt`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum PlaceLevel {
    /// A province-level division (省, 自治区, 特别行政区).
    Province,
    /// A municipality: both a province and a city.
    Municipality,
    /// A prefecture-level city (地级市).
    City,
    /// An autonomous prefecture (自治州).
    Prefecture,
    /// A league (盟).
    League,
    /// A prefecture-level area (地区).
    Area,
}

impl FromRow for PlaceRow {
    fn from_row(row: Row<'_>, out: &mut Vec<Self>) -> Result<(), String> {
        const WANT: &str = "province|municipality|city|prefecture|league|area NAME [SHORT...]";
        let mut f = row.fields();
        let (Some(level), Some(name)) = (f.next(), f.next()) else {
            return Err(format!("expected `{WANT}`"));
        };
        let level = match level {
            "province" => PlaceLevel::Province,
            "municipality" => PlaceLevel::Municipality,
            "city" => PlaceLevel::City,
            "prefecture" => PlaceLevel::Prefecture,
            "league" => PlaceLevel::League,
            "area" => PlaceLevel::Area,
            _ => return Err(format!("expected `{WANT}`")),
        };
        out.push(PlaceRow { level, name: name.to_string(), short: f.map(str::to_string).collect() });
        Ok(())
    }
}

/// `report_parts.txt`: words that mark the parts of a work report.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct ReportWord {
    pub word: String,
    pub role: ReportRole,
}

/// What a [`ReportWord`] marks.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum ReportRole {
    /// The text is a work report (`向大会报告工作`).
    Report,
    /// A heading that opens the review of the past year (`工作回顾`).
    Review,
    /// A heading that opens the plan for the year (`工作安排`, `重点工作`).
    Plan,
    /// A sentence that opens the plan without a heading (`总体要求是`).
    Opening,
    /// An achieved cue that is a planned amount in the plan part (`累计`, `共计`).
    Planned,
    /// A predicate that says a project is finished (`建成通车`, `投入使用`).
    Done,
}

impl FromRow for ReportWord {
    fn from_row(row: Row<'_>, out: &mut Vec<Self>) -> Result<(), String> {
        let [word, role] = columns(&row, "WORD ROLE")?;
        let role = keyword(
            role,
            &[
                ("report", ReportRole::Report),
                ("review", ReportRole::Review),
                ("plan", ReportRole::Plan),
                ("opening", ReportRole::Opening),
                ("planned", ReportRole::Planned),
                ("done", ReportRole::Done),
            ],
        )?;
        out.push(ReportWord { word: word.to_string(), role });
        Ok(())
    }
}

/// `table_headers.txt`: a column header word of a task table, or a label of that column's
/// value in running text (`完成时限:`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct TableHeader {
    pub word: String,
    pub column: ColumnKind,
}

/// What a table column holds (unit columns come from `unit_labels.txt`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum ColumnKind {
    /// The task or item the row is about (its name).
    Task,
    /// What the task consists of (`任务内容`, `建设内容`): the row's text when it has no name.
    Content,
    /// When the row is due.
    Deadline,
    /// A rate of change over the table's years (`年均增长`).
    Growth,
    /// The row number (`序号`).
    Index,
    /// An amount of money or size (`总投资`): a number per row.
    Amount,
    /// Another column of task and project tables (`备注`, `建设地点`).
    Other,
    /// Not a column: the first cell of a row of totals (`合计`).
    Total,
}

impl FromRow for TableHeader {
    fn from_row(row: Row<'_>, out: &mut Vec<Self>) -> Result<(), String> {
        let [word, column] = columns(&row, "WORD COLUMN")?;
        let column = match column {
            "task" => ColumnKind::Task,
            "content" => ColumnKind::Content,
            "deadline" => ColumnKind::Deadline,
            "growth" => ColumnKind::Growth,
            "index" => ColumnKind::Index,
            "amount" => ColumnKind::Amount,
            "other" => ColumnKind::Other,
            "total" => ColumnKind::Total,
            c => {
                return Err(format!(
                    "{c:?} is not task, content, deadline, growth, index, amount, other or total"
                ))
            }
        };
        out.push(TableHeader { word: word.to_string(), column });
        Ok(())
    }
}

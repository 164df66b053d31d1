//! One typed row per lexicon file. Each type parses its own rows, so a bad row is reported
//! with `file:line` when the lexicons are loaded, and the extractors read named fields.

use super::Row;
use crate::document::{Binding, Comparator, Hedge, ProjectKind, Role, Status};

/// A row type of one lexicon file. One line may give several values (a line of words).
pub trait FromRow: Sized {
    /// Parses `row` into `out`; the error is the reason, without file and line.
    fn from_row(row: Row<'_>, out: &mut Vec<Self>) -> Result<(), String>;
}

/// Splits a row into exactly `N` whitespace-separated columns.
fn columns<'a, const N: usize>(row: &Row<'a>, want: &str) -> Result<[&'a str; N], String> {
    let f: Vec<&str> = row.fields().collect();
    f.try_into().map_err(|_| format!("expected `{want}`"))
}

/// Every whitespace-separated word of a row: plain word lists.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Word(pub String);

impl FromRow for Word {
    fn from_row(row: Row<'_>, out: &mut Vec<Self>) -> Result<(), String> {
        out.extend(row.fields().map(|w| Word(w.to_string())));
        Ok(())
    }
}

fn role(s: &str) -> Result<Role, String> {
    match s {
        "responsible" => Ok(Role::Responsible),
        "lead" => Ok(Role::Lead),
        "support" => Ok(Role::Support),
        _ => Err(format!("unknown role {s:?} (responsible, lead or support)")),
    }
}

fn project_kind(s: Option<&str>) -> Result<ProjectKind, String> {
    match s {
        Some("construction") => Ok(ProjectKind::Construction),
        Some("program") => Ok(ProjectKind::Program),
        x => Err(format!("kind must be construction or program, got {x:?}")),
    }
}

/// `boilerplate.txt`: a regex over a whole trimmed line.
#[derive(Debug, Clone)]
pub struct BoilerplateRule {
    pub kind: BoilerplateKind,
    pub pattern: String,
}

/// What a boilerplate pattern does to the line it matches.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BoilerplateKind {
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

/// `units.txt`: a unit written after a number.
#[derive(Debug, Clone, PartialEq)]
pub struct UnitDef {
    pub word: String,
    pub kind: UnitKind,
    /// The unit `normalized` reports.
    pub base: String,
    /// What one unit is worth in `base`.
    pub factor: f64,
}

/// What a unit measures.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum UnitKind {
    Money,
    Count,
    Measure,
    Percent,
    Multiple,
    Time,
    Rate,
}

impl FromRow for UnitDef {
    fn from_row(row: Row<'_>, out: &mut Vec<Self>) -> Result<(), String> {
        let f: Vec<&str> = row.fields().collect();
        let kind = match *f.get(1).ok_or("missing kind column")? {
            "money" => UnitKind::Money,
            "count" => UnitKind::Count,
            "measure" => UnitKind::Measure,
            "percent" => UnitKind::Percent,
            "multiple" => UnitKind::Multiple,
            "time" => UnitKind::Time,
            "rate" => UnitKind::Rate,
            k => return Err(format!("unknown kind {k}")),
        };
        let factor = match f.get(3) {
            Some(x) => x.parse::<f64>().map_err(|e| format!("bad factor {x}: {e}"))?,
            None => 1.0,
        };
        let base = f.get(2).unwrap_or(&f[0]).to_string();
        out.push(UnitDef { word: f[0].to_string(), kind, base, factor });
        Ok(())
    }
}

/// `comparators.txt`: a comparator word before or after a number.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ComparatorWord {
    pub word: String,
    /// Right before the number (`不少于`), else after the number and unit (`以上`).
    pub before: bool,
    pub comparator: Comparator,
}

impl FromRow for ComparatorWord {
    fn from_row(row: Row<'_>, out: &mut Vec<Self>) -> Result<(), String> {
        let [word, pos, cmp] = columns(&row, "word position comparator")?;
        let before = match pos {
            "pre" => true,
            "post" => false,
            other => return Err(format!("unknown position {other}, want pre or post")),
        };
        let comparator = match cmp {
            "=" => Comparator::Eq,
            ">=" => Comparator::Ge,
            ">" => Comparator::Gt,
            "<=" => Comparator::Le,
            "<" => Comparator::Lt,
            "~" => Comparator::Approx,
            other => return Err(format!("unknown comparator {other}")),
        };
        out.push(ComparatorWord { word: word.to_string(), before, comparator });
        Ok(())
    }
}

/// `number_stop.txt`: a phrase that keeps numerals from being quantities.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NumberStop {
    pub word: String,
    pub kind: NumberStopKind,
}

/// How a [`NumberStop`] applies.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NumberStopKind {
    /// A fixed phrase; numerals inside it are never read.
    Idiom,
    /// Right after a number and its unit, it makes the number part of a name.
    After,
    /// Like `After`, only after a time unit.
    Time,
}

impl FromRow for NumberStop {
    fn from_row(row: Row<'_>, out: &mut Vec<Self>) -> Result<(), String> {
        let [word, kind] = columns(&row, "text kind")?;
        let kind = match kind {
            "idiom" => NumberStopKind::Idiom,
            "after" => NumberStopKind::After,
            "time" => NumberStopKind::Time,
            k => return Err(format!("unknown kind {k}, want idiom, after or time")),
        };
        out.push(NumberStop { word: word.to_string(), kind });
        Ok(())
    }
}

/// `status_words.txt`: a cue for a target's status.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StatusWord {
    pub word: String,
    pub status: Status,
    pub scope: CueScope,
}

/// Where a status cue counts and how much.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CueScope {
    /// In a sentence; decides on its own.
    Strong,
    /// In a sentence; only when no strong cue is near.
    Weak,
    /// In a section heading; sets the status of its body.
    Heading,
    /// In the document title; sets the document's default.
    Title,
    /// Names a policy parameter (`奖补`, `贴息`): with `给予`, `按`, `每` or a cap around a
    /// number, the number states a rule, a fact.
    Param,
}

impl FromRow for StatusWord {
    fn from_row(row: Row<'_>, out: &mut Vec<Self>) -> Result<(), String> {
        let [word, class, scope] = columns(&row, "WORD CLASS STRENGTH")?;
        let status = match class {
            "target" => Status::Target,
            "achieved" => Status::Achieved,
            "fact" => Status::Fact,
            s => return Err(format!("{s:?} is not target, achieved or fact")),
        };
        let scope = match scope {
            "strong" => CueScope::Strong,
            "weak" => CueScope::Weak,
            "heading" => CueScope::Heading,
            "title" => CueScope::Title,
            "param" => CueScope::Param,
            s => return Err(format!("{s:?} is not strong, weak, heading, title or param")),
        };
        out.push(StatusWord { word: word.to_string(), status, scope });
        Ok(())
    }
}

/// `indicator_stop.txt`: a word that is not part of an indicator, or a verb that is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IndicatorStop {
    pub word: String,
    pub role: StopRole,
}

/// The role of a word next to an indicator.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StopRole {
    /// Skipped when it stands between the indicator and the number (`达到`, `同比`).
    Link,
    /// Ends the indicator (`实现`, `力争`).
    Stop,
    /// Tagged a verb but a noun inside an indicator (`预算`, `投入`).
    Noun,
}

impl FromRow for IndicatorStop {
    fn from_row(row: Row<'_>, out: &mut Vec<Self>) -> Result<(), String> {
        let [word, role] = columns(&row, "WORD ROLE")?;
        let role = match role {
            "link" => StopRole::Link,
            "stop" => StopRole::Stop,
            "noun" => StopRole::Noun,
            r => return Err(format!("{r:?} is not link, noun or stop")),
        };
        out.push(IndicatorStop { word: word.to_string(), role });
        Ok(())
    }
}

/// `measure_cues.txt`: a word that makes a percentage growth or a share.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MeasureCue {
    pub word: String,
    pub cue: Cue,
}

/// What a [`MeasureCue`] says.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Cue {
    Growth,
    Share,
}

impl FromRow for MeasureCue {
    fn from_row(row: Row<'_>, out: &mut Vec<Self>) -> Result<(), String> {
        let [word, kind] = columns(&row, "WORD KIND")?;
        let cue = match kind {
            "growth" => Cue::Growth,
            "share" => Cue::Share,
            k => return Err(format!("{k:?} is not growth or share")),
        };
        out.push(MeasureCue { word: word.to_string(), cue });
        Ok(())
    }
}

/// `indicators.tsv`: one canonical indicator with its surface forms.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IndicatorRow {
    pub id: String,
    pub name: String,
    pub english: String,
    pub category: String,
    /// Surface forms, the Chinese name first.
    pub forms: Vec<String>,
    /// The row's line, for errors found across rows.
    pub line: usize,
}

/// The categories an indicator may have; a typo in the dictionary is an error.
pub const CATEGORIES: &[&str] = &[
    "economy",
    "investment",
    "fiscal",
    "industry",
    "innovation",
    "housing",
    "education",
    "health",
    "environment",
    "governance",
    "employment",
    "trade",
    "agriculture",
    "transport",
    "culture",
];

impl FromRow for IndicatorRow {
    fn from_row(row: Row<'_>, out: &mut Vec<Self>) -> Result<(), String> {
        let cols: Vec<&str> = row.text.split('\t').map(str::trim).collect();
        // The forms column may be empty (then trimmed away with the line's end).
        if !(4..=5).contains(&cols.len()) {
            return Err(format!("expected 5 tab-separated columns, found {}", cols.len()));
        }
        let (id, name, english, category) = (cols[0], cols[1], cols[2], cols[3]);
        if id.is_empty() || !id.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_') {
            return Err(format!("id {id:?} must be snake_case ASCII"));
        }
        if !CATEGORIES.contains(&category) {
            return Err(format!("unknown category {category:?} (one of {})", CATEGORIES.join(", ")));
        }
        let mut forms: Vec<String> = vec![name.to_string()];
        let more = cols.get(4).copied().unwrap_or("");
        forms.extend(more.split('|').map(str::trim).filter(|f| !f.is_empty()).map(str::to_string));
        forms.dedup();
        out.push(IndicatorRow {
            id: id.to_string(),
            name: name.to_string(),
            english: english.to_string(),
            category: category.to_string(),
            forms,
            line: row.line,
        });
        Ok(())
    }
}

/// `issuers.txt`: words that make up an issuing body's name.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IssuerWord {
    pub kind: IssuerKind,
    pub word: String,
}

/// The part an [`IssuerWord`] plays.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum IssuerKind {
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
pub struct PlaceRow {
    pub level: PlaceLevel,
    pub name: String,
    pub short: Vec<String>,
}

/// The level of a [`PlaceRow`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum PlaceLevel {
    Province,
    /// A municipality: both a province and a city.
    Municipality,
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

/// `header_words.txt`: the words of a document's header.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HeaderWord {
    pub kind: HeaderKind,
    pub word: String,
}

/// The part a [`HeaderWord`] plays.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum HeaderKind {
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

/// `unit_labels.txt`: a label that introduces responsible units.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnitLabel {
    pub word: String,
    /// The role the label gives (a head noun gives none).
    pub role: Role,
    pub kind: LabelKind,
}

/// What a row of `unit_labels.txt` is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LabelKind {
    /// A whole label (`责任单位`).
    Label,
    /// A role word that starts longer labels (`牵头` in `牵头落实单位`).
    Stem,
    /// A noun that ends such labels (`单位`, `部门`, `领导`).
    Head,
}

impl FromRow for UnitLabel {
    fn from_row(row: Row<'_>, out: &mut Vec<Self>) -> Result<(), String> {
        let f: Vec<&str> = row.fields().collect();
        let (word, role, kind) = match f.as_slice() {
            [w, "head"] => (*w, Role::Responsible, LabelKind::Head),
            [w, r] => (*w, role(r)?, LabelKind::Label),
            [w, r, "stem"] => (*w, role(r)?, LabelKind::Stem),
            _ => return Err("expected `LABEL ROLE`, `STEM ROLE stem` or `NOUN head`".to_string()),
        };
        out.push(UnitLabel { word: word.to_string(), role, kind });
        Ok(())
    }
}

/// `unit_verbs.txt`: a verb whose subject is an actor of a commitment.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnitVerb {
    pub word: String,
    pub role: Role,
    /// The actor must carry a departmental suffix.
    pub strict: bool,
    /// A time follows (`于6月底前`): the actor acts by then.
    pub time: bool,
    /// Only in a bracketed note (`(A牵头,B参与)`).
    pub bracket: bool,
    /// Not a verb: a phrase that stands between the actor and its verb (`按职责分工`), taken
    /// off the end of an actor list.
    pub adverb: bool,
}

impl FromRow for UnitVerb {
    fn from_row(row: Row<'_>, out: &mut Vec<Self>) -> Result<(), String> {
        let mut f = row.fields();
        let word = f.next().ok_or("missing verb")?.to_string();
        let role = role(f.next().ok_or("missing role")?)?;
        let mut v = UnitVerb { word, role, strict: false, time: false, bracket: false, adverb: false };
        for flag in f {
            match flag {
                "strict" => v.strict = true,
                "time" => v.time = true,
                "bracket" => v.bracket = true,
                "adverb" => v.adverb = true,
                x => return Err(format!("unknown flag {x:?} (strict, time, bracket, adverb)")),
            }
        }
        out.push(v);
        Ok(())
    }
}

/// `org_suffixes.txt`: an ending of organisation names.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OrgSuffix {
    pub word: String,
    /// A department, office or company (else an administrative place).
    pub dept: bool,
}

impl FromRow for OrgSuffix {
    fn from_row(row: Row<'_>, out: &mut Vec<Self>) -> Result<(), String> {
        let mut f = row.fields();
        let word = f.next().ok_or("missing suffix")?.to_string();
        let dept = match f.next() {
            Some("dept") => true,
            Some("place") => false,
            x => return Err(format!("kind must be dept or place, got {x:?}")),
        };
        out.push(OrgSuffix { word, dept });
        Ok(())
    }
}

/// `org_stop.txt`: a word that keeps a phrase from being an organisation name where it
/// stands (`各项`, `社会`, `牵头`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OrgStop {
    pub word: String,
    pub place: StopPlace,
}

/// Where an [`OrgStop`] word disqualifies a name.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StopPlace {
    Start,
    End,
    Anywhere,
}

impl FromRow for OrgStop {
    fn from_row(row: Row<'_>, out: &mut Vec<Self>) -> Result<(), String> {
        let [word, place] = columns(&row, "WORD start|end|any")?;
        let place = match place {
            "start" => StopPlace::Start,
            "end" => StopPlace::End,
            "any" => StopPlace::Anywhere,
            x => return Err(format!("place must be start, end or any, got {x:?}")),
        };
        out.push(OrgStop { word: word.to_string(), place });
        Ok(())
    }
}

/// `project_heads.txt`: a head noun that ends a project name.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ProjectHead {
    pub word: String,
    pub kind: ProjectKind,
    /// Where the head may end a name.
    pub usage: HeadUse,
}

/// Where a [`ProjectHead`] ends a name: the more common the word, the more context it needs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum HeadUse {
    /// Anywhere, in a noun chunk with a proper modifier (`产业园`, `美术馆`).
    Free,
    /// Only in a frame: after a trigger verb, before a build predicate or in a list of
    /// projects (`高速`, `路`, `工程`: `加快建设X高速`, `X路建成通车`).
    Framed,
    /// Only right after a quoted name (`“X”品牌`, `“X”模式`).
    Quoted,
}

impl FromRow for ProjectHead {
    fn from_row(row: Row<'_>, out: &mut Vec<Self>) -> Result<(), String> {
        let mut f = row.fields();
        let word = f.next().ok_or("missing head")?.to_string();
        let kind = project_kind(f.next())?;
        let usage = match f.next() {
            None => HeadUse::Free,
            Some("framed") => HeadUse::Framed,
            Some("quoted") => HeadUse::Quoted,
            Some(x) => return Err(format!("unknown flag {x:?} (framed, quoted)")),
        };
        out.push(ProjectHead { word, kind, usage });
        Ok(())
    }
}

/// `project_frames.txt`: a word of the frames that hold project names in running text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ProjectFrame {
    pub kind: FrameKind,
    pub word: String,
}

/// The role of a [`ProjectFrame`] word.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FrameKind {
    /// A verb that puts a name after it (`实施`, `开工建设`, `加快推进`).
    Trigger,
    /// A build or progress predicate after a name (`建成投用`, `开工建设`, `加快建设`).
    Predicate,
    /// A predicate of result or rank after a name (`获评`, `入选`): a name before it needs
    /// a head.
    Result,
    /// A phase or part after a head that still belongs to the name (`二期`, `改扩建`).
    Phase,
    /// A word that leads into a name without being part of it (`全力`, `年内`, `新`).
    Lead,
    /// A word that makes a name a class of things wherever it stands (`老旧`, `社区`).
    Class,
    /// A verb that ends a name before it and begins none after it (`加强`, `入围`).
    Verb,
    /// A word in a list's category that makes it one of kinds of facility (`等配套设施`).
    Type,
    /// A quantity word before a list that makes every item a class (`一批A、B、C等`).
    Quantifier,
}

impl FromRow for ProjectFrame {
    fn from_row(row: Row<'_>, out: &mut Vec<Self>) -> Result<(), String> {
        let mut f = row.fields();
        let kind = match f.next().ok_or("missing kind")? {
            "trigger" => FrameKind::Trigger,
            "predicate" => FrameKind::Predicate,
            "result" => FrameKind::Result,
            "phase" => FrameKind::Phase,
            "lead" => FrameKind::Lead,
            "class" => FrameKind::Class,
            "verb" => FrameKind::Verb,
            "type" => FrameKind::Type,
            "quantifier" => FrameKind::Quantifier,
            x => {
                return Err(format!(
                    "kind must be trigger, predicate, result, phase, lead, class, verb, type or quantifier, got {x:?}"
                ))
            }
        };
        for word in f {
            out.push(ProjectFrame { kind, word: word.to_string() });
        }
        Ok(())
    }
}

/// `project_lists.txt`: a category word that closes a list of projects after `等`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ProjectList {
    pub word: String,
    pub kind: ProjectKind,
}

impl FromRow for ProjectList {
    fn from_row(row: Row<'_>, out: &mut Vec<Self>) -> Result<(), String> {
        let mut f = row.fields();
        let word = f.next().ok_or("missing word")?.to_string();
        let kind = project_kind(f.next())?;
        out.push(ProjectList { word, kind });
        Ok(())
    }
}

/// `project_stop.txt`: what keeps a candidate from being a project name.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ProjectStop {
    pub kind: ProjectStopKind,
    pub word: String,
}

/// How a [`ProjectStop`] word applies.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ProjectStopKind {
    /// The whole candidate is generic.
    Phrase,
    /// A modifier containing it makes the candidate generic.
    Modifier,
    /// A common word that never makes a name proper.
    Common,
    /// A word that makes a quoted phrase an idea, not a project.
    Concept,
    /// A candidate ending in this word is no name without a proper word (`思路`).
    Tail,
    /// A word that ends the name of an existing body (`集团`, `银行`): no project.
    Institution,
}

impl FromRow for ProjectStop {
    fn from_row(row: Row<'_>, out: &mut Vec<Self>) -> Result<(), String> {
        let mut f = row.fields();
        let kind = match f.next().ok_or("missing kind")? {
            "phrase" => ProjectStopKind::Phrase,
            "modifier" => ProjectStopKind::Modifier,
            "common" => ProjectStopKind::Common,
            "concept" => ProjectStopKind::Concept,
            "tail" => ProjectStopKind::Tail,
            "institution" => ProjectStopKind::Institution,
            x => {
                return Err(format!(
                    "kind must be phrase, modifier, common, concept, tail or institution, got {x:?}"
                ))
            }
        };
        let word = f.next().ok_or("missing word")?.to_string();
        out.push(ProjectStop { kind, word });
        Ok(())
    }
}

/// `table_headers.txt`: a column header word of a task table, or a label of that column's
/// value in running text (`完成时限:`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TableHeader {
    pub word: String,
    pub column: ColumnKind,
}

/// What a table column holds (unit columns come from `unit_labels.txt`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ColumnKind {
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

/// `time_words.txt`: a word that places a sentence in time.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TimeWord {
    pub word: String,
    pub class: TimeClass,
}

/// Which year a [`TimeWord`] points to, or what it does to a number.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TimeClass {
    /// The document's own year (`全年`, `截至6月`).
    Current,
    /// The year before (`去年`, `过去一年`).
    LastYear,
    /// Before a number: it marks a comparison base (`较`, `比`, `与`).
    BaseMarker,
    /// After a base marker: the base period (`去年`, `上年同期`).
    BasePeriod,
    /// Before a year: the year is a plan's horizon (`到2025年`).
    Horizon,
    /// Before a change: an annual average over a period (`年均增长`).
    Annual,
}

impl FromRow for TimeWord {
    fn from_row(row: Row<'_>, out: &mut Vec<Self>) -> Result<(), String> {
        let [word, class] = columns(&row, "WORD CLASS")?;
        let class = match class {
            "current" => TimeClass::Current,
            "last_year" => TimeClass::LastYear,
            "base_marker" => TimeClass::BaseMarker,
            "base_period" => TimeClass::BasePeriod,
            "horizon" => TimeClass::Horizon,
            "annual" => TimeClass::Annual,
            c => {
                return Err(format!(
                    "{c:?} is not current, last_year, base_marker, base_period, horizon or annual"
                ))
            }
        };
        out.push(TimeWord { word: word.to_string(), class });
        Ok(())
    }
}

/// `user_dict.txt` and `--user-dict` files: jieba's `word [freq] [tag]`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DictEntry {
    pub word: String,
    /// `None`: let the segmenter suggest one, so the word wins segmentation.
    pub freq: Option<usize>,
    pub tag: Option<String>,
}

fn is_tag(s: &str) -> bool {
    !s.is_empty() && s.len() <= 8 && s.chars().all(|c| c.is_ascii_alphabetic())
}

impl FromRow for DictEntry {
    fn from_row(row: Row<'_>, out: &mut Vec<Self>) -> Result<(), String> {
        let f: Vec<&str> = row.fields().collect();
        let (freq, tag) = match f.as_slice() {
            [_] => (None, None),
            [_, x] => match x.parse::<usize>() {
                Ok(n) => (Some(n), None),
                Err(_) if is_tag(x) => (None, Some(x.to_string())),
                Err(_) => return Err(format!("{x:?} is neither a frequency nor a POS tag")),
            },
            [_, n, t] => {
                let n = n.parse::<usize>().map_err(|_| format!("frequency {n:?} is not a whole number"))?;
                if !is_tag(t) {
                    return Err(format!("{t:?} is not a POS tag"));
                }
                (Some(n), Some(t.to_string()))
            }
            _ => return Err("expected `word [freq] [tag]`".into()),
        };
        if freq == Some(0) {
            return Err("frequency 0 means the word never wins; leave it out to get a suggested one".into());
        }
        out.push(DictEntry { word: f[0].to_string(), freq, tag });
        Ok(())
    }
}

/// `report_parts.txt`: words that mark the parts of a work report.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReportWord {
    pub word: String,
    pub role: ReportRole,
}

/// What a [`ReportWord`] marks.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ReportRole {
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
        let role = match role {
            "report" => ReportRole::Report,
            "review" => ReportRole::Review,
            "plan" => ReportRole::Plan,
            "opening" => ReportRole::Opening,
            "planned" => ReportRole::Planned,
            "done" => ReportRole::Done,
            r => return Err(format!("{r:?} is not report, review, plan, opening, planned or done")),
        };
        out.push(ReportWord { word: word.to_string(), role });
        Ok(())
    }
}

/// `qualifiers.txt`: how firmly a target is stated, and whether a plan binds it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Qualifier {
    pub word: String,
    pub kind: QualifierKind,
}

/// The field a [`Qualifier`] sets.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum QualifierKind {
    Hedge(Hedge),
    Binding(Binding),
    /// Makes every quantity after it in its sentence an estimate (`预计全年…`).
    Estimate,
}

impl FromRow for Qualifier {
    fn from_row(row: Row<'_>, out: &mut Vec<Self>) -> Result<(), String> {
        let [word, field, value] = columns(&row, "WORD FIELD VALUE")?;
        let kind = match (field, value) {
            ("hedge", "firm") => QualifierKind::Hedge(Hedge::Firm),
            ("hedge", "aim") => QualifierKind::Hedge(Hedge::Aim),
            ("hedge", "about") => QualifierKind::Hedge(Hedge::About),
            ("binding", "binding") => QualifierKind::Binding(Binding::Binding),
            ("binding", "expected") => QualifierKind::Binding(Binding::Expected),
            ("estimate", "sentence") => QualifierKind::Estimate,
            (f, v) => {
                return Err(format!(
                    "`{f} {v}` is not hedge firm|aim|about, binding binding|expected or estimate sentence"
                ))
            }
        };
        out.push(Qualifier { word: word.to_string(), kind });
        Ok(())
    }
}

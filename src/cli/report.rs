//! `zhengce report`: one self-contained HTML file (inline CSS, JS and SVG; no network)
//! with a summary card, sortable tables and the highlighted source text per document,
//! plus the cross-document comparison and bar charts. Every string that comes from a
//! document is HTML-escaped: document text is untrusted.

use super::{inputs, InputArgs};
use anyhow::Context as _;
use std::collections::HashMap;
use std::fmt::Write as _;
use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;
use zhengce::compare::{self, Comparison, Loaded};
use zhengce::document::{Document, Record};
use zhengce::highlight::{self, Kind};
use zhengce::track::Ledger;

pub const CSS: &str = include_str!("../report/report.css");
pub const JS: &str = include_str!("../report/report.js");

/// Write an HTML report (tables, highlighted text, comparison, charts) for documents.
#[derive(Debug, clap::Args)]
#[command(
    after_help = "Examples:\n  zhengce report corpus -o report.html\n  zhengce report a.txt b.txt -o ab.html\n  zhengce report saved.jsonl -o report.html   (no source text: tables and charts only)"
)]
pub struct Args {
    /// Documents, or `zhengce extract` output (.json / .jsonl; then without source text).
    #[command(flatten)]
    pub input: InputArgs,
    /// Write to FILE instead of standard output.
    #[arg(short = 'o', long = "output", value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// Treat every input as a document of this place (one place's series) for the
    /// promises view.
    #[arg(long, value_name = "NAME")]
    pub place: Option<String>,
}

pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    let (loaded, canon) = inputs::load(&args.input)?;
    let cmp = compare::build(&loaded, &canon);
    let ledger = super::track::tracker(&args.input)?
        .ledger(&loaded, &zhengce::track::Options { place: args.place.clone() });
    let html = report(&loaded, &cmp, Some(&ledger).filter(|l| l.is_series()));
    match &args.output {
        Some(path) => {
            std::fs::write(path, html).with_context(|| format!("cannot write {}", path.display()))?
        }
        None => {
            let mut out = std::io::stdout().lock();
            out.write_all(html.as_bytes())?;
            out.flush()?;
        }
    }
    Ok(if cmp.failed.is_empty() { ExitCode::SUCCESS } else { ExitCode::from(1) })
}

/// HTML-escapes text for element content and quoted attribute values.
pub fn esc(s: &str) -> String {
    let mut o = String::with_capacity(s.len() + 8);
    for c in s.chars() {
        match c {
            '&' => o.push_str("&amp;"),
            '<' => o.push_str("&lt;"),
            '>' => o.push_str("&gt;"),
            '"' => o.push_str("&quot;"),
            '\'' => o.push_str("&#39;"),
            _ => o.push(c),
        }
    }
    o
}

/// The whole page: the report (the comparison, the promises view when `ledger` is given,
/// per-document sections), or without a ledger and documents the comparison alone
/// (`compare --format html`).
pub fn report(loaded: &[Loaded], cmp: &Comparison, ledger: Option<&Ledger>) -> String {
    page(loaded, cmp, ledger, true)
}

/// The comparison page of `compare --format html`.
pub fn comparison(loaded: &[Loaded], cmp: &Comparison) -> String {
    page(loaded, cmp, None, false)
}

fn page(loaded: &[Loaded], cmp: &Comparison, ledger: Option<&Ledger>, with_documents: bool) -> String {
    let docs: Vec<(&Document, Option<&str>)> = loaded
        .iter()
        .filter_map(|l| match &l.record {
            Record::Document(d) => Some((d.as_ref(), l.text.as_deref())),
            Record::Error(_) => None,
        })
        .collect();
    let mut h = String::new();
    h.push_str("<!DOCTYPE html>\n<html lang=\"zh\">\n<head>\n<meta charset=\"utf-8\">\n");
    h.push_str("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n");
    h.push_str("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:\">\n");
    let _ = writeln!(h, "<title>zhengce {}</title>", if with_documents { "report" } else { "comparison" });
    let _ = writeln!(h, "<style>\n{CSS}</style>\n</head>\n<body>");
    let _ = writeln!(
        h,
        "<header class=\"top\"><h1>政策文件{} <small>zhengce {}</small></h1>",
        if with_documents { "报告" } else { "对比" },
        if with_documents { "report" } else { "comparison" }
    );
    let _ = write!(h, "<nav><a href=\"#compare\">对比 Comparison</a>");
    if ledger.is_some() {
        h.push_str("<a href=\"#promises\">承诺 Promises</a>");
    }
    if with_documents {
        for (i, c) in cmp.columns.iter().enumerate() {
            let _ = write!(h, "<a href=\"#d{}\">D{} {}</a>", i + 1, i + 1, esc(&c.label));
        }
    }
    h.push_str("</nav></header>\n<main>\n");
    comparison_section(&mut h, cmp, with_documents);
    if let Some(l) = ledger {
        let sections: HashMap<&str, usize> =
            docs.iter().enumerate().rev().map(|(i, (d, _))| (d.source.as_str(), i + 1)).collect();
        super::track::section(&mut h, l, Some(&sections));
    }
    if with_documents {
        for (i, (d, text)) in docs.iter().enumerate() {
            document_section(&mut h, i, d, *text);
        }
    }
    let _ = writeln!(
        h,
        "</main>\n<footer>zhengce {} · {} documents · all text stays in this file</footer>\n<script>\n{JS}</script>\n</body>\n</html>",
        env!("CARGO_PKG_VERSION"),
        cmp.columns.len()
    );
    h
}

fn comparison_section(h: &mut String, cmp: &Comparison, linked: bool) {
    h.push_str("<section id=\"compare\" class=\"panel\">\n<h2>对比 Comparison</h2>\n");
    if !cmp.failed.is_empty() {
        h.push_str("<ul class=\"failed\">");
        for (src, err) in &cmp.failed {
            let _ = write!(h, "<li><code>{}</code>: {}</li>", esc(src), esc(err));
        }
        h.push_str("</ul>\n");
    }
    charts(h, cmp);
    let (shared, apart) = cmp.split();
    h.push_str("<h3>指标 Indicators</h3>\n");
    if cmp.rows.is_empty() {
        h.push_str("<p class=\"empty\">No indicators found.</p>\n");
    } else if shared.is_empty() {
        h.push_str("<p class=\"empty\">No indicator stated alike (same measure, status and year) by two documents.</p>\n");
    } else {
        indicator_table(h, cmp, &shared, linked);
    }
    if !apart.is_empty() {
        h.push_str("<h3>仅见于一份文件 Stated in one document only</h3>\n");
        indicator_table(h, cmp, &apart, linked);
    }
    h.push_str("<h3>数量 Counts</h3>\n<div class=\"scroll\"><table class=\"counts\"><thead><tr><th></th>");
    for (i, c) in cmp.columns.iter().enumerate() {
        let _ = write!(h, "<th>D{} {}</th>", i + 1, esc(&c.label));
    }
    h.push_str("</tr></thead><tbody>\n");
    for (zh, en, get) in compare::COUNT_ROWS {
        // (`targets without indicator` reads `无指标 without indicator` in the page.)
        let en = en.strip_prefix("targets ").unwrap_or(en);
        let _ = write!(h, "<tr><th>{zh} {en}</th>");
        for k in &cmp.counts {
            let _ = write!(h, "<td class=\"n\">{}</td>", get(k));
        }
        h.push_str("</tr>\n");
    }
    h.push_str("</tbody></table></div>\n");
    for (title, list) in
        [("共同项目 Shared projects", &cmp.shared_projects), ("共同单位 Shared units", &cmp.shared_units)]
    {
        let _ = write!(h, "<h3>{title}</h3>\n<ul class=\"shared\">");
        if list.is_empty() {
            h.push_str("<li class=\"empty\">none</li>");
        }
        for s in list {
            let docs: Vec<String> = s.documents.iter().map(|d| format!("D{}", d + 1)).collect();
            let _ = write!(h, "<li>{} <small>{}</small></li>", esc(&s.name), docs.join(", "));
        }
        h.push_str("</ul>\n");
    }
    h.push_str("</section>\n");
}

/// One comparison table of `rows`; cells link to their highlight when `linked`.
fn indicator_table(h: &mut String, cmp: &Comparison, rows: &[&compare::Row], linked: bool) {
    h.push_str("<div class=\"scroll\"><table class=\"sortable cmp\"><thead><tr><th>指标 Indicator</th><th>类别</th><th>口径</th><th>状态</th>");
    for (i, c) in cmp.columns.iter().enumerate() {
        let _ = write!(h, "<th>D{} {}</th>", i + 1, esc(&c.label));
    }
    h.push_str("</tr></thead><tbody>\n");
    for r in rows {
        let en = r.english.as_deref().map(|e| format!("<br><small>{}</small>", esc(e))).unwrap_or_default();
        let _ = write!(
            h,
            "<tr><td>{}{en}</td><td>{}</td><td>{}</td><td class=\"st-{}\">{}</td>",
            esc(&r.indicator),
            esc(r.category.as_deref().unwrap_or("")),
            compare::measure_zh(r.measure),
            r.status.as_str(),
            esc(&r.when())
        );
        for (col, cells) in r.cells.iter().enumerate() {
            h.push_str("<td>");
            if cells.is_empty() {
                h.push_str("<span class=\"none\">—</span>");
            }
            for (k, c) in cells.iter().enumerate() {
                if k > 0 {
                    h.push_str("<br>");
                }
                let cls = format!("cell st-{}", c.status.as_str());
                if linked {
                    let _ = write!(
                        h,
                        "<a class=\"{cls}\" href=\"#d{}\" data-doc=\"d{}\" data-jump=\"{}\" title=\"{}\">{}</a>",
                        col + 1,
                        col + 1,
                        esc(&c.target),
                        esc(&c.text),
                        esc(&c.display)
                    );
                } else {
                    let _ = write!(
                        h,
                        "<span class=\"{cls}\" title=\"{}\">{}</span>",
                        esc(&c.text),
                        esc(&c.display)
                    );
                }
            }
            h.push_str("</td>");
        }
        h.push_str("</tr>\n");
    }
    h.push_str("</tbody></table></div>\n");
}

/// Bar charts (inline SVG) for canonical indicators that two or more documents state in
/// the same normalised unit, measure, status and year.
fn charts(h: &mut String, cmp: &Comparison) {
    let charts = compare::charts(cmp);
    if charts.is_empty() {
        return;
    }
    h.push_str("<h3>图表 Charts</h3>\n<div class=\"charts\">\n");
    for compare::Chart { row: r, unit, bars: vals } in charts {
        let max = vals.iter().flatten().map(|(v, _)| v.abs()).fold(0.0_f64, f64::max);
        let n = vals.len();
        let (label_w, bar_w, row_h, top) = (132.0, 200.0, 30.0, 34.0);
        let height = top + row_h * n as f64 + 8.0;
        let _ = write!(
            h,
            "<figure class=\"chart\"><svg viewBox=\"0 0 440 {height}\" role=\"img\" aria-label=\"{}\"><text x=\"0\" y=\"18\" class=\"ct\">{} · {} · {} ({})</text>",
            esc(&r.indicator),
            esc(&r.indicator),
            compare::measure_zh(r.measure),
            esc(&r.when()),
            esc(&unit)
        );
        for (i, v) in vals.iter().enumerate() {
            let y = top + row_h * i as f64;
            let label = cmp.columns.get(i).map(|c| c.label.as_str()).unwrap_or("");
            let short: String = label.chars().take(10).collect();
            let _ =
                write!(h, "<text x=\"0\" y=\"{}\" class=\"cl\">D{} {}</text>", y + 19.0, i + 1, esc(&short));
            match v {
                Some((val, cell)) => {
                    let w = if max > 0.0 { (val.max(0.0) / max * bar_w).max(2.0) } else { 2.0 };
                    let _ = write!(
                        h,
                        "<rect x=\"{label_w}\" y=\"{}\" width=\"{w:.1}\" height=\"{}\" class=\"bar st-{}\"><title>{}</title></rect><text x=\"{:.1}\" y=\"{}\" class=\"cv\">{}{} {}</text>",
                        y + 5.0,
                        row_h - 10.0,
                        cell.status.as_str(),
                        esc(&cell.text),
                        label_w + w + 6.0,
                        y + 19.0,
                        compare::comparator_sign(cell.comparator),
                        esc(&human(*val, &unit)),
                        compare::status_zh(cell.status)
                    );
                }
                None => {
                    let _ = write!(h, "<text x=\"{label_w}\" y=\"{}\" class=\"cv none\">—</text>", y + 19.0);
                }
            }
        }
        h.push_str("</svg></figure>\n");
    }
    h.push_str("</div>\n");
}

/// A normalised value written for people: `1200000000`, `元` → `12亿元`.
fn human(v: f64, unit: &str) -> String {
    let short = |x: f64| {
        let s = format!("{x:.2}");
        s.trim_end_matches('0').trim_end_matches('.').to_string()
    };
    if v.abs() >= 1e8 {
        format!("{}亿{unit}", short(v / 1e8))
    } else if v.abs() >= 1e4 {
        format!("{}万{unit}", short(v / 1e4))
    } else {
        format!("{}{unit}", zhengce::output::num(v))
    }
}

/// The CSS class of a highlight kind.
fn class(kind: Kind) -> &'static str {
    match kind {
        Kind::Boilerplate => "bp",
        Kind::Unit => "u",
        Kind::Project => "p",
        Kind::Target => "t",
    }
}

/// The text with every highlight piece wrapped in one `<mark>` naming all ranges over it,
/// styled by the innermost kind.
fn highlighted(h: &mut String, d: &Document, text: &str) {
    for p in highlight::pieces(d, text) {
        let piece = esc(&text[p.bytes]);
        match p.kind {
            None if !p.boilerplate => h.push_str(&piece),
            None => {
                let _ = write!(h, "<span class=\"bp\">{piece}</span>");
            }
            Some(kind) => {
                let _ = write!(
                    h,
                    "<mark class=\"hl {}{}\" data-id=\"{}\"{}>{piece}</mark>",
                    class(kind),
                    if p.boilerplate { " bp" } else { "" },
                    esc(&p.ids.join(" ")),
                    if p.first.is_empty() {
                        String::new()
                    } else {
                        format!(" data-first=\"{}\"", esc(&p.first.join(" ")))
                    }
                );
            }
        }
    }
}

fn document_section(h: &mut String, i: usize, d: &Document, text: Option<&str>) {
    let did = format!("d{}", i + 1);
    let title = d.title.clone().unwrap_or_else(|| d.source.clone());
    let _ = write!(h, "<section id=\"{did}\" class=\"panel doc\">\n<div class=\"card\"><h2><span class=\"tag\">D{}</span> {}</h2><dl>", i + 1, esc(&title));
    let mut dl = |k: &str, v: String| {
        if !v.is_empty() {
            let _ = write!(h, "<div><dt>{k}</dt><dd>{}</dd></div>", esc(&v));
        }
    };
    dl("发文 Issuer", d.issuer.clone().unwrap_or_default());
    dl("地区 Place", d.place.clone().unwrap_or_default());
    dl("日期 Date", d.date.clone().unwrap_or_default());
    dl("期间 Period", d.period.map(|p| format!("{}–{}", p[0], p[1])).unwrap_or_default());
    dl("来源 Source", d.source.clone());
    dl("字数 Chars", d.chars.to_string());
    h.push_str("</dl><div class=\"badges\">");
    for (n, label, cls) in [
        (d.targets.len(), "目标 targets", "t"),
        (d.projects.len(), "项目 projects", "p"),
        (d.units.len(), "单位 units", "u"),
        (d.tasks.len(), "任务 tasks", "k"),
    ] {
        let _ = write!(h, "<span class=\"badge {cls}\"><b>{n}</b> {label}</span>");
    }
    h.push_str("</div>");
    if !d.errors.is_empty() {
        let _ = write!(h, "<p class=\"failed\">{}</p>", esc(&d.errors.join("; ")));
    }
    h.push_str("</div>\n");

    // Targets.
    let _ = write!(h, "<details open><summary>目标 Targets ({})</summary>", d.targets.len());
    if !d.targets.is_empty() {
        h.push_str("<div class=\"scroll\"><table class=\"sortable\"><thead><tr><th>#</th><th>指标 Indicator</th><th>值 Value</th><th>口径</th><th>状态</th><th>年</th><th>原文 Clause</th></tr></thead><tbody>\n");
        for t in &d.targets {
            let canon =
                t.canonical.as_deref().map(|c| format!("<br><small>{}</small>", esc(c))).unwrap_or_default();
            let _ = writeln!(
                h,
                "<tr data-jump=\"{}\"><td data-sort=\"{}\">{}</td><td>{}{canon}</td><td data-sort=\"{}\">{}{}{}</td><td>{}</td><td class=\"st-{}\">{}</td><td>{}</td><td class=\"clause\">{}</td></tr>",
                esc(&t.id),
                t.id.get(1..).unwrap_or(""),
                esc(&t.id),
                esc(t.indicator.as_deref().unwrap_or("—")),
                t.normalized.as_ref().map(|n| n.value).unwrap_or(t.value),
                compare::comparator_sign(t.comparator),
                esc(&zhengce::output::num(t.value)),
                esc(&t.unit),
                compare::measure_zh(t.measure),
                t.status.as_str(),
                compare::status_zh(t.status),
                t.year.map(|y| y.to_string()).unwrap_or_default(),
                esc(&t.text)
            );
        }
        h.push_str("</tbody></table></div>");
    }
    h.push_str("</details>\n");

    // Projects.
    let _ = write!(h, "<details open><summary>项目 Projects ({})</summary>", d.projects.len());
    if !d.projects.is_empty() {
        h.push_str("<div class=\"scroll\"><table class=\"sortable\"><thead><tr><th>#</th><th>名称 Name</th><th>类型 Kind</th><th>提及 Mentions</th><th>投资 Investment</th><th>年</th></tr></thead><tbody>\n");
        for p in &d.projects {
            let inv = p
                .investment
                .as_ref()
                .map(|i| format!("{}{}", zhengce::output::num(i.value), i.unit))
                .unwrap_or_default();
            let inv_sort = p
                .investment
                .as_ref()
                .map(|i| i.normalized.as_ref().map(|n| n.value).unwrap_or(i.value))
                .unwrap_or(0.0);
            let _ = writeln!(
                h,
                "<tr data-jump=\"{}\"><td data-sort=\"{}\">{}</td><td>{}</td><td>{}</td><td class=\"n\">{}</td><td data-sort=\"{inv_sort}\">{}</td><td>{}</td></tr>",
                esc(&p.id),
                p.id.get(1..).unwrap_or(""),
                esc(&p.id),
                esc(&p.name),
                p.kind.as_str(),
                p.mentions.len(),
                esc(&inv),
                p.year.map(|y| y.to_string()).unwrap_or_default()
            );
        }
        h.push_str("</tbody></table></div>");
    }
    h.push_str("</details>\n");

    // Units → tasks.
    let _ = write!(
        h,
        "<details open><summary>单位与任务 Units → tasks ({} / {})</summary>",
        d.units.len(),
        d.tasks.len()
    );
    if !d.units.is_empty() {
        h.push_str("<div class=\"scroll\"><table class=\"sortable\"><thead><tr><th>单位 Unit</th><th>提及</th><th>牵头 lead</th><th>责任 resp.</th><th>配合 support</th><th>任务 Tasks</th></tr></thead><tbody>\n");
        for (k, u) in d.units.iter().enumerate() {
            let tasks: Vec<String> = d
                .tasks
                .iter()
                .filter(|t| t.units.iter().any(|tu| tu.name == u.name))
                .map(|t| {
                    let deadline = t
                        .deadline
                        .as_deref()
                        .map(|x| format!(" <small>({})</small>", esc(x)))
                        .unwrap_or_default();
                    format!("<li><b>{}</b> {}{deadline}</li>", esc(&t.id), esc(&t.title))
                })
                .collect();
            let _ = writeln!(
                h,
                "<tr data-jump=\"{}\"><td>{}</td><td class=\"n\">{}</td><td class=\"n\">{}</td><td class=\"n\">{}</td><td class=\"n\">{}</td><td><ul class=\"tasks\">{}</ul></td></tr>",
                highlight::unit_id(k),
                esc(&u.name),
                u.mentions,
                u.roles.lead,
                u.roles.responsible,
                u.roles.support,
                tasks.join("")
            );
        }
        h.push_str("</tbody></table></div>");
    }
    h.push_str("</details>\n");

    // Source text.
    h.push_str("<details open class=\"source\"><summary>原文 Source text</summary>");
    match text {
        Some(text) => {
            h.push_str("<p class=\"legend\"><mark class=\"hl t\">目标 target</mark> <mark class=\"hl p\">项目 project</mark> <mark class=\"hl u\">单位 unit</mark> <span class=\"bp\">网页杂项 boilerplate</span></p>");
            let _ = write!(h, "<div class=\"text\" id=\"{did}-text\">");
            highlighted(h, d, text);
            h.push_str("</div>");
        }
        None => h.push_str("<p class=\"empty\">Source text not available (input was saved JSON).</p>"),
    }
    h.push_str("</details>\n</section>\n");
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escape_covers_markup_and_quotes() {
        assert_eq!(esc("<script>\"x\"&'y'"), "&lt;script&gt;&quot;x&quot;&amp;&#39;y&#39;");
    }

    #[test]
    fn chart_values_are_readable() {
        assert_eq!(human(1_200_000_000.0, "元"), "12亿元");
        assert_eq!(human(95_000.0, "元"), "9.5万元");
        assert_eq!(human(800.0, "个"), "800个");
        assert_eq!(human(7.5, "%"), "7.5%");
    }
}

//! `zhengce track`: the promise ledger of a series of documents (targets for year N against
//! the results for year N), as CSV, JSON Lines, Markdown or an HTML page. The ledger itself
//! is [`zhengce::track`]; this module formats it, and draws the promises view that
//! `report` includes when its inputs form a series.

use super::report::{esc, CSS, JS};
use super::{inputs, InputArgs};
use anyhow::Context as _;
use std::collections::HashMap;
use std::fmt::Write as _;
use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;
use zhengce::compare::{comparator_sign, measure_zh};
use zhengce::document::Comparator;
use zhengce::output::num;
use zhengce::track::chart::{self, Chart};
use zhengce::track::{Direction, Ledger, Options, Promise, Tracker, Verdict};

/// Track promises: each target for year N against the result a later document gives for year N.
#[derive(Debug, clap::Args)]
#[command(
    after_help = "Examples:\n  zhengce track reports/ --format csv -o ledger.csv\n  zhengce track series/hailaer --place 海拉尔区\n  zhengce extract reports/ --format jsonl -o all.jsonl && zhengce track all.jsonl --format html -o ledger.html"
)]
pub struct Args {
    /// Documents, or `zhengce extract` output (.json / .jsonl) to track without re-extracting.
    #[command(flatten)]
    pub input: InputArgs,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Md)]
    pub format: Format,
    /// Write to FILE instead of standard output.
    #[arg(short = 'o', long = "output", value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// Treat every input as a document of this place (one place's series), instead of
    /// the place each document names.
    #[arg(long, value_name = "NAME")]
    pub place: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// One row per promise (UTF-8 with BOM), the columns of docs/tables.md.
    Csv,
    /// One JSON object per promise and line.
    Jsonl,
    /// A summary, the documents and the ledger as Markdown tables.
    Md,
    /// A self-contained HTML page with a chart per indicator and the ledger.
    Html,
}

/// The tracker for these inputs (their `--dict-dir`, else the built-in lexicons).
pub fn tracker(input: &InputArgs) -> anyhow::Result<Tracker> {
    let lex = match &input.dict_dir {
        Some(dir) => zhengce::lexicon::Lexicons::from_dir(dir)?,
        None => zhengce::lexicon::Lexicons::embedded()?,
    };
    Ok(Tracker::new(&lex)?)
}

/// Writes bytes to FILE or standard output.
pub fn write_out(output: &Option<PathBuf>, bytes: &[u8]) -> anyhow::Result<()> {
    match output {
        Some(path) => std::fs::write(path, bytes).with_context(|| format!("cannot write {}", path.display())),
        None => {
            let mut out = std::io::stdout().lock();
            out.write_all(bytes)?;
            out.flush()?;
            Ok(())
        }
    }
}

pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    let (loaded, _) = inputs::load(&args.input)?;
    let ledger = tracker(&args.input)?.ledger(&loaded, &Options { place: args.place.clone() });
    let bytes = match args.format {
        Format::Csv => ledger.to_csv()?,
        Format::Jsonl => {
            let mut v = Vec::new();
            for p in &ledger.promises {
                serde_json::to_writer(&mut v, p)?;
                v.push(b'\n');
            }
            v
        }
        Format::Md => markdown(&ledger).into_bytes(),
        Format::Html => page(&ledger).into_bytes(),
    };
    write_out(&args.output, &bytes)?;
    Ok(if ledger.failed.is_empty() { ExitCode::SUCCESS } else { ExitCode::from(1) })
}

/// `≥6.5%`, `6–7%`, `↓3%` for a promise (the sign of a decline is kept: `-3%`).
pub fn promised(p: &Promise) -> String {
    let value = match p.promised_max {
        Some(max) => format!("{}–{}", num(p.promised), num(max)),
        None => num(p.promised),
    };
    let sign = match (p.comparator, p.direction) {
        (Comparator::Le | Comparator::Lt, _) => comparator_sign(p.comparator),
        (_, Direction::Down) => "≤",
        _ => comparator_sign(p.comparator),
    };
    format!("{sign}{value}{}", p.unit)
}

fn achieved(p: &Promise) -> String {
    p.achieved.map(|a| format!("{}{}", num(a), p.unit)).unwrap_or_default()
}

fn gap(p: &Promise) -> String {
    match p.gap {
        Some(g) if g > 0.0 => format!("+{}", num(g)),
        Some(g) => num(g),
        None => String::new(),
    }
}

fn file_name(source: &str) -> String {
    std::path::Path::new(source).file_name().map(|f| f.to_string_lossy().into_owned()).unwrap_or_default()
}

fn md_cell(s: &str) -> String {
    s.replace('\\', "\\\\").replace('|', "\\|").replace(['\n', '\r'], " ")
}

/// Markdown: verdict counts, the documents with their years, the ledger.
pub fn markdown(l: &Ledger) -> String {
    let mut s = String::from("# 承诺与结果 Promises and results\n\n");
    let counts: Vec<String> = l.counts().iter().map(|(v, n)| format!("{} {n}", v.as_str())).collect();
    let _ = writeln!(s, "{} promises: {}\n", l.promises.len(), counts.join(" · "));
    s.push_str("## 文件 Documents\n\n| 文件 Source | 地方 Place | 计划年 Plans | 回顾年 Reviews | 承诺 Promises | 结果 Results | 略去 Ignored | 备注 Note |\n|---|---|---|---|---:|---:|---:|---|\n");
    for d in &l.documents {
        let note =
            d.duplicate_of.as_deref().map(|o| format!("duplicate of `{}`", md_cell(o))).unwrap_or_default();
        let _ = writeln!(
            s,
            "| `{}` | {} | {} | {} | {} | {} | {} | {note} |",
            md_cell(&d.source),
            md_cell(d.place.as_deref().unwrap_or("—")),
            d.plan.map(|y| y.to_string()).unwrap_or_default(),
            d.reviewed.map(|y| y.to_string()).unwrap_or_default(),
            d.promises,
            d.results,
            d.ignored
        );
    }
    for (src, err) in &l.failed {
        let _ = writeln!(s, "| `{}` | | | | | | | {} |", md_cell(src), md_cell(err));
    }
    s.push_str("\nPlan and review years are read from the text (the years most targets and results are for); ignored: results dated in or after the plan year, targets in or before the review year.\n");
    s.push_str("\n## 承诺 Ledger\n\n");
    if l.promises.is_empty() {
        s.push_str("(no dated targets of canonical indicators)\n");
        return s;
    }
    s.push_str("| 地方 Place | 年 Year | 指标 Indicator | 口径 | 承诺 Promised | 结果 Achieved | 差 Gap | 判定 Verdict | 承诺原文 Promise | 结果原文 Result |\n|---|---|---|---|---|---|---|---|---|---|\n");
    for p in &l.promises {
        let side = |src: &zhengce::track::Source| {
            format!("{} ({} {})", md_cell(&src.quote), md_cell(&file_name(&src.document)), src.target)
        };
        let mut verdict = p.verdict.as_str().to_string();
        if let Some(n) = &p.note {
            verdict.push_str(&format!(" — {}", md_cell(n)));
        }
        let _ = writeln!(
            s,
            "| {} | {} | {} | {} | {} | {} | {} | {} | {} | {} |",
            md_cell(p.place.as_deref().unwrap_or("—")),
            p.year,
            md_cell(&p.name),
            measure_zh(p.measure),
            md_cell(&promised(p)),
            md_cell(&achieved(p)),
            gap(p),
            verdict,
            side(&p.promise),
            p.result.as_ref().map(side).unwrap_or_default()
        );
    }
    s
}

/// The standalone HTML page of `track --format html`.
pub fn page(l: &Ledger) -> String {
    let mut h = String::new();
    h.push_str("<!DOCTYPE html>\n<html lang=\"zh\">\n<head>\n<meta charset=\"utf-8\">\n");
    h.push_str("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n");
    h.push_str("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:\">\n");
    let _ = writeln!(h, "<title>zhengce track</title>\n<style>\n{CSS}</style>\n</head>\n<body>");
    h.push_str("<header class=\"top\"><h1>承诺与结果 <small>zhengce track</small></h1></header>\n<main>\n");
    section(&mut h, l, None);
    let _ = writeln!(
        h,
        "</main>\n<footer>zhengce {} · {} documents · all text stays in this file</footer>\n<script>\n{JS}</script>\n</body>\n</html>",
        env!("CARGO_PKG_VERSION"),
        l.documents.len()
    );
    h
}

/// The promises view: verdict counts, a chart per settled indicator, the ledger table and
/// the documents. `docs` maps a document's source to its section number in the report
/// (`d3`), so each quote jumps to its highlight; `None` in the standalone page.
pub fn section(h: &mut String, l: &Ledger, docs: Option<&HashMap<&str, usize>>) {
    h.push_str("<section id=\"promises\" class=\"panel\">\n<h2>承诺与结果 Promises and results</h2>\n");
    let counts: Vec<String> = l
        .counts()
        .iter()
        .map(|(v, n)| {
            format!("<span class=\"badge v-{}\"><b>{n}</b> {} {}</span>", v.as_str(), v.zh(), v.as_str())
        })
        .collect();
    let _ = writeln!(h, "<div class=\"badges\">{}</div>", counts.join(""));
    let charts = chart::charts(l);
    if !charts.is_empty() {
        h.push_str("<h3>图表 Promised vs achieved</h3>\n<div class=\"charts\">\n");
        for c in &charts {
            svg(h, c);
        }
        h.push_str("</div>\n");
    }
    h.push_str("<h3>台账 Ledger</h3>\n");
    if l.promises.is_empty() {
        h.push_str("<p class=\"empty\">No dated targets of canonical indicators.</p>\n");
    } else {
        h.push_str("<div class=\"scroll\"><table class=\"sortable ledger\"><thead><tr><th>地方</th><th>年 Year</th><th>指标 Indicator</th><th>口径</th><th>承诺 Promised</th><th>结果 Achieved</th><th>差 Gap</th><th>判定 Verdict</th><th>承诺原文 Promise</th><th>结果原文 Result</th></tr></thead><tbody>\n");
        for p in &l.promises {
            let note =
                p.note.as_deref().map(|n| format!("<br><small>{}</small>", esc(n))).unwrap_or_default();
            let _ = write!(
                h,
                "<tr><td>{}</td><td>{}</td><td>{}<br><small>{}</small></td><td>{}</td><td>{}</td><td>{}</td><td class=\"n\" data-sort=\"{}\">{}</td><td class=\"v-{}\">{} <small>{}</small>{note}</td><td class=\"clause\">",
                esc(p.place.as_deref().unwrap_or("—")),
                p.year,
                esc(&p.name),
                esc(&p.canonical),
                measure_zh(p.measure),
                esc(&promised(p)),
                esc(&achieved(p)),
                p.gap.map(num).unwrap_or_default(),
                gap(p),
                p.verdict.as_str(),
                p.verdict.zh(),
                p.verdict.as_str()
            );
            quote(h, &p.promise, docs);
            h.push_str("</td><td class=\"clause\">");
            if let Some(r) = &p.result {
                quote(h, r, docs);
            }
            h.push_str("</td></tr>\n");
        }
        h.push_str("</tbody></table></div>\n");
    }
    h.push_str("<h3>文件 Documents</h3>\n<div class=\"scroll\"><table class=\"sortable\"><thead><tr><th>文件 Source</th><th>地方 Place</th><th>计划年 Plans</th><th>回顾年 Reviews</th><th>承诺</th><th>结果</th><th>略去 Ignored</th><th>备注</th></tr></thead><tbody>\n");
    for d in &l.documents {
        let _ = writeln!(
            h,
            "<tr><td><code>{}</code></td><td>{}</td><td>{}</td><td>{}</td><td class=\"n\">{}</td><td class=\"n\">{}</td><td class=\"n\">{}</td><td>{}</td></tr>",
            esc(&d.source),
            esc(d.place.as_deref().unwrap_or("—")),
            d.plan.map(|y| y.to_string()).unwrap_or_default(),
            d.reviewed.map(|y| y.to_string()).unwrap_or_default(),
            d.promises,
            d.results,
            d.ignored,
            d.duplicate_of.as_deref().map(|o| format!("duplicate of {}", esc(o))).unwrap_or_default()
        );
    }
    for (src, err) in &l.failed {
        let _ = writeln!(
            h,
            "<tr><td><code>{}</code></td><td colspan=\"7\" class=\"failed\">{}</td></tr>",
            esc(src),
            esc(err)
        );
    }
    h.push_str("</tbody></table></div>\n</section>\n");
}

/// A quote with its document and target id; in the report, a link to its highlight.
fn quote(h: &mut String, s: &zhengce::track::Source, docs: Option<&HashMap<&str, usize>>) {
    let at = format!("{} {}", file_name(&s.document), s.target);
    match docs.and_then(|m| m.get(s.document.as_str())) {
        Some(i) => {
            let _ = write!(
                h,
                "<a class=\"cell\" href=\"#d{i}\" data-doc=\"d{i}\" data-jump=\"{}\">{}</a> <small>D{i} {}</small>",
                esc(&s.target),
                esc(&s.quote),
                esc(&at)
            );
        }
        None => {
            let _ = write!(h, "{} <small>{}</small>", esc(&s.quote), esc(&at));
        }
    }
}

/// One chart: promised (hollow, dashed) and achieved (filled, coloured by verdict) by year.
fn svg(h: &mut String, c: &Chart) {
    let (w, ht) = (440.0, 220.0);
    let (left, right, top, bottom) = (52.0, 14.0, 40.0, 26.0);
    let (plot_w, plot_h) = (w - left - right, ht - top - bottom);
    let (mut lo, mut hi) = c.extent();
    if matches!(c.measure, zhengce::document::Measure::Growth | zhengce::document::Measure::Share) {
        lo = lo.min(0.0);
        hi = hi.max(0.0);
    }
    let pad = if hi > lo { (hi - lo) * 0.12 } else { lo.abs().max(1.0) * 0.1 };
    let (lo, hi) = (lo - pad, hi + pad);
    let (y0, y1) = (c.points[0].year, c.points[c.points.len() - 1].year);
    // Points sit inside the plot, clear of the axis labels and the right edge.
    let (inset, label_room) = (16.0, 36.0);
    let x = |year: i32| {
        if y1 > y0 {
            left + inset + (year - y0) as f64 / (y1 - y0) as f64 * (plot_w - inset - label_room)
        } else {
            left + plot_w / 2.0
        }
    };
    let y = |v: f64| top + (hi - v) / (hi - lo) * plot_h;
    let place = c.place.map(|p| format!("{p} · ")).unwrap_or_default();
    let _ = write!(
        h,
        "<figure class=\"chart promise\"><svg viewBox=\"0 0 {w} {ht}\" role=\"img\" aria-label=\"{}\"><text x=\"0\" y=\"16\" class=\"ct\">{}{} · {} ({})</text>",
        esc(c.name),
        esc(&place),
        esc(c.name),
        measure_zh(c.measure),
        esc(c.unit)
    );
    h.push_str("<g class=\"lg\"><line x1=\"0\" y1=\"30\" x2=\"18\" y2=\"30\" class=\"pl\"/><text x=\"22\" y=\"34\" class=\"cl\">承诺 promised</text><line x1=\"130\" y1=\"30\" x2=\"148\" y2=\"30\" class=\"al\"/><text x=\"152\" y=\"34\" class=\"cl\">结果 achieved</text></g>");
    for v in [lo + pad, hi - pad] {
        let _ = write!(
            h,
            "<line x1=\"{left}\" y1=\"{0:.1}\" x2=\"{1}\" y2=\"{0:.1}\" class=\"grid\"/><text x=\"{2}\" y=\"{3:.1}\" class=\"ax\" text-anchor=\"end\">{4}</text>",
            y(v),
            w - right,
            left - 4.0,
            y(v) + 4.0,
            esc(&num(zhengce::grammar::numeral::tidy(v)))
        );
    }
    if lo < 0.0 && hi > 0.0 {
        let _ = write!(
            h,
            "<line x1=\"{left}\" y1=\"{0:.1}\" x2=\"{1}\" y2=\"{0:.1}\" class=\"zero\"/>",
            y(0.0),
            w - right
        );
    }
    // Lines join neighbouring years only: a year without a value breaks the line.
    let line = |value: &dyn Fn(&Promise) -> Option<f64>, class: &str| {
        let mut out = String::new();
        for pair in c.points.windows(2) {
            if let (Some(a), Some(b)) = (value(pair[0]), value(pair[1])) {
                if pair[1].year == pair[0].year + 1 {
                    let _ = write!(
                        out,
                        "<line x1=\"{:.1}\" y1=\"{:.1}\" x2=\"{:.1}\" y2=\"{:.1}\" class=\"{class}\"/>",
                        x(pair[0].year),
                        y(a),
                        x(pair[1].year),
                        y(b)
                    );
                }
            }
        }
        out
    };
    h.push_str(&line(&|p| Some(p.promised), "pl"));
    h.push_str(&line(&|p| p.achieved, "al"));
    for p in &c.points {
        let px = x(p.year);
        let _ = write!(
            h,
            "<text x=\"{px:.1}\" y=\"{}\" class=\"ax\" text-anchor=\"middle\">{}</text>",
            ht - 6.0,
            p.year
        );
        let tip = format!(
            "{} 承诺 {} · 结果 {} · {} {}",
            p.year,
            promised(p),
            if p.achieved.is_some() { achieved(p) } else { "—".into() },
            p.verdict.zh(),
            p.verdict.as_str()
        );
        if let Some(max) = p.promised_max {
            let _ = write!(
                h,
                "<line x1=\"{px:.1}\" y1=\"{:.1}\" x2=\"{px:.1}\" y2=\"{:.1}\" class=\"pl\"/>",
                y(p.promised),
                y(max)
            );
        }
        let _ = write!(
            h,
            "<circle cx=\"{px:.1}\" cy=\"{:.1}\" r=\"4.5\" class=\"pp\"><title>{}</title></circle>",
            y(p.promised),
            esc(&format!("{tip}\n{}", p.promise.quote))
        );
        if let Some(a) = p.achieved {
            let quote = p.result.as_ref().map(|r| r.quote.as_str()).unwrap_or("");
            let _ = write!(
                h,
                "<circle cx=\"{px:.1}\" cy=\"{:.1}\" r=\"4.5\" class=\"ap v-{}\"><title>{}</title></circle><text x=\"{:.1}\" y=\"{:.1}\" class=\"cv\">{}</text>",
                y(a),
                p.verdict.as_str(),
                esc(&format!("{tip}\n{quote}")),
                px + 6.0,
                y(a) + 4.0,
                esc(&num(a))
            );
        }
        if p.verdict == Verdict::NotReported || p.verdict == Verdict::Ambiguous {
            let _ = write!(
                h,
                "<text x=\"{px:.1}\" y=\"{:.1}\" class=\"cv none\" text-anchor=\"middle\">?</text>",
                y(p.promised) - 8.0
            );
        }
    }
    h.push_str("</svg></figure>\n");
}

//! `zhengce segment`: jieba-rs with the policy dictionary, as tokens.

use super::inputs;
use super::InputArgs;
use anyhow::Context as _;
use std::io::{BufWriter, Write};
use std::process::ExitCode;

/// Segment documents into words with the policy dictionary.
#[derive(Debug, clap::Args)]
#[command(
    after_help = "Examples:\n  zhengce segment report.txt\n  zhengce segment report.txt --pos\n  zhengce segment report.txt --format jsonl --user-dict my_words.txt"
)]
pub struct Args {
    #[command(flatten)]
    pub input: InputArgs,
    /// Add part-of-speech tags (word/tag).
    #[arg(long)]
    pub pos: bool,
    /// text: one line of space-separated words per input line; jsonl: one object per input
    /// with every token's word, tag and code-point span.
    #[arg(long, value_enum, default_value_t = SegFormat::Text)]
    pub format: SegFormat,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum SegFormat {
    Text,
    Jsonl,
}

#[derive(serde::Serialize)]
struct TokenOut<'a> {
    word: &'a str,
    tag: &'a str,
    span: [usize; 2],
}

pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    let globs = inputs::globs(&args.input.globs).context("bad --glob pattern")?;
    let inputs = inputs::expand(&args.input.paths, &globs);
    let pipeline = args.input.pipeline()?;
    let seg = pipeline.segmenter();
    let mut out = BufWriter::new(std::io::stdout().lock());
    let mut failed = 0;
    for input in &inputs {
        let source = input.source();
        let decoded =
            input.read().and_then(|b| zhengce::decode::decode(&b, &source).map_err(|e| e.to_string()));
        let decoded = match decoded {
            Ok(d) => d,
            Err(e) => {
                failed += 1;
                eprintln!("zhengce: {source}: {e}");
                if args.format == SegFormat::Jsonl {
                    serde_json::to_writer(&mut out, &serde_json::json!({"source": source, "error": e}))?;
                    out.write_all(b"\n")?;
                }
                continue;
            }
        };
        let text = zhengce::clean::Text::new(decoded.text);
        let norm = text.norm();
        let mut tokens_out = Vec::new();
        let mut pos = 0;
        for line in norm.split_inclusive('\n') {
            let body = line.trim_end_matches(['\n', '\r']);
            let mut words = Vec::new();
            for t in seg.tokens(body, pos).iter() {
                if t.word.trim().is_empty() {
                    continue;
                }
                let word = text.original(t.range.clone());
                match args.format {
                    SegFormat::Text if args.pos => words.push(format!("{word}/{}", t.tag)),
                    SegFormat::Text => words.push(word.to_string()),
                    SegFormat::Jsonl => {
                        tokens_out.push(TokenOut { word, tag: t.tag, span: text.span(t.range.clone()) })
                    }
                }
            }
            if args.format == SegFormat::Text {
                writeln!(out, "{}", words.join(" "))?;
            }
            pos += line.len();
        }
        if args.format == SegFormat::Jsonl {
            serde_json::to_writer(&mut out, &serde_json::json!({"source": source, "tokens": tokens_out}))?;
            out.write_all(b"\n")?;
        }
    }
    out.flush()?;
    Ok(if failed > 0 { ExitCode::from(1) } else { ExitCode::SUCCESS })
}

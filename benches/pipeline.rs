//! Criterion benchmarks, one group per pipeline stage plus the whole pipeline, on the
//! seed documents in `corpus/` (all of them per iteration, `Throughput::Bytes` = their size
//! in UTF-8, so every stage reports MB/s on the same text).
//!
//! ```text
//! cargo bench --bench pipeline              # everything (about a minute)
//! cargo bench --bench pipeline -- segment   # one stage
//! ```
//!
//! Each stage gets the previous stages' output prepared outside the timed loop, so the
//! figures add up to roughly the `whole` figure. Sample sizes are small on purpose: the
//! benchmark machine is shared.

use criterion::{black_box, criterion_group, criterion_main, BatchSize, Criterion, Throughput};
use std::time::Duration;
use zhengce::clean::{self, CleanRules, Cleaned};
use zhengce::extract::number::NumberGrammar;
use zhengce::extract::project::ProjectRules;
use zhengce::extract::target::TargetRules;
use zhengce::extract::unit::UnitRules;
use zhengce::extract::{task, Context};
use zhengce::grammar::Grammar;
use zhengce::lexicon::Lexicons;
use zhengce::segment::Segmenter;
use zhengce::structure::{self, Structure, StructureRules};
use zhengce::{decode, Pipeline, Record};

/// The seed documents as `(file name, bytes)`, sorted by name.
fn corpus() -> Vec<(String, Vec<u8>)> {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus");
    let mut docs: Vec<(String, Vec<u8>)> = std::fs::read_dir(&dir)
        .expect("corpus/ next to Cargo.toml")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "txt"))
        .map(|p| (p.file_name().unwrap().to_string_lossy().into_owned(), std::fs::read(&p).unwrap()))
        .collect();
    docs.sort();
    assert!(!docs.is_empty(), "no corpus/*.txt");
    docs
}

struct Rules {
    clean: CleanRules,
    structure: StructureRules,
    grammar: Grammar,
    segmenter: Segmenter,
    numbers: NumberGrammar,
    targets: TargetRules,
    projects: ProjectRules,
    units: UnitRules,
}

impl Rules {
    fn new() -> Rules {
        let lex = Lexicons::embedded().unwrap();
        Rules {
            clean: CleanRules::new(&lex).unwrap(),
            structure: StructureRules::new(&lex).unwrap(),
            grammar: Grammar::new(&lex).unwrap(),
            segmenter: Segmenter::new(&lex, &[]).unwrap(),
            numbers: NumberGrammar::new(&lex).unwrap(),
            targets: TargetRules::new(&lex).unwrap(),
            projects: ProjectRules::new(&lex).unwrap(),
            units: UnitRules::new(&lex).unwrap(),
        }
    }
}

fn quick(c: &mut Criterion) -> criterion::BenchmarkGroup<'_, criterion::measurement::WallTime> {
    let mut g = c.benchmark_group("stage");
    g.sample_size(10).warm_up_time(Duration::from_millis(500)).measurement_time(Duration::from_secs(2));
    g
}

fn stages(c: &mut Criterion) {
    let docs = corpus();
    let bytes: u64 = docs.iter().map(|(_, b)| b.len() as u64).sum();
    let r = Rules::new();
    let texts: Vec<String> =
        docs.iter().map(|(name, b)| decode::decode(b, name).expect("corpus decodes").text).collect();
    let cleaned: Vec<Cleaned> = texts.iter().map(|t| clean::clean(t.clone(), &r.clean)).collect();
    let structures: Vec<Structure> =
        cleaned.iter().map(|c| structure::analyze(c, &r.structure, &r.grammar)).collect();
    let pairs = || cleaned.iter().zip(&structures);

    let mut g = quick(c);
    g.throughput(Throughput::Bytes(bytes));

    g.bench_function("decode", |b| {
        b.iter(|| {
            for (name, bytes) in &docs {
                black_box(decode::decode(bytes, name).unwrap());
            }
        })
    });
    g.bench_function("clean", |b| {
        b.iter_batched(
            || texts.clone(),
            |texts| {
                for t in texts {
                    black_box(clean::clean(t, &r.clean));
                }
            },
            BatchSize::LargeInput,
        )
    });
    g.bench_function("structure", |b| {
        b.iter(|| {
            for c in &cleaned {
                black_box(structure::analyze(c, &r.structure, &r.grammar));
            }
        })
    });
    g.bench_function("segment_all_sentences", |b| {
        b.iter(|| {
            for (c, s) in pairs() {
                let ctx = Context::new(c, s, &r.grammar, &r.segmenter);
                for i in 0..s.sentences.len() {
                    black_box(ctx.tokens(i));
                }
            }
        })
    });
    g.bench_function("segment_words_all_sentences", |b| {
        b.iter(|| {
            for (c, s) in pairs() {
                let ctx = Context::new(c, s, &r.grammar, &r.segmenter);
                for i in 0..s.sentences.len() {
                    black_box(ctx.words(i));
                }
            }
        })
    });
    g.bench_function("extract_number", |b| {
        b.iter(|| {
            for (c, s) in pairs() {
                let ctx = Context::new(c, s, &r.grammar, &r.segmenter);
                black_box(r.numbers.find_in(&ctx));
            }
        })
    });
    // The later extractors read tokens that earlier ones may already have segmented; each
    // gets a fresh Context, so their figures include the segmentation they trigger.
    let quantities: Vec<_> =
        pairs().map(|(c, s)| r.numbers.find_in(&Context::new(c, s, &r.grammar, &r.segmenter))).collect();
    g.bench_function("extract_target", |b| {
        b.iter_batched(
            || quantities.clone(),
            |qs| {
                for ((c, s), q) in pairs().zip(qs) {
                    let ctx = Context::new(c, s, &r.grammar, &r.segmenter);
                    black_box(r.targets.extract(&ctx, q));
                }
            },
            BatchSize::LargeInput,
        )
    });
    let targets: Vec<_> = pairs()
        .zip(&quantities)
        .map(|((c, s), q)| r.targets.extract(&Context::new(c, s, &r.grammar, &r.segmenter), q.clone()))
        .collect();
    let target_qs: Vec<Vec<_>> =
        targets.iter().map(|ts| ts.iter().map(|t| t.quantity.clone()).collect()).collect();
    g.bench_function("extract_project", |b| {
        b.iter(|| {
            for ((c, s), q) in pairs().zip(&target_qs) {
                let ctx = Context::new(c, s, &r.grammar, &r.segmenter);
                black_box(r.projects.extract(&ctx, q));
            }
        })
    });
    g.bench_function("extract_unit", |b| {
        b.iter(|| {
            for (c, s) in pairs() {
                let ctx = Context::new(c, s, &r.grammar, &r.segmenter);
                black_box(r.units.extract(&ctx));
            }
        })
    });
    let projects: Vec<_> = pairs()
        .zip(&target_qs)
        .map(|((c, s), q)| r.projects.extract(&Context::new(c, s, &r.grammar, &r.segmenter), q))
        .collect();
    let mentions: Vec<_> =
        pairs().map(|(c, s)| r.units.extract(&Context::new(c, s, &r.grammar, &r.segmenter))).collect();
    g.bench_function("extract_task", |b| {
        b.iter(|| {
            for (k, (c, s)) in pairs().enumerate() {
                let ctx = Context::new(c, s, &r.grammar, &r.segmenter);
                black_box(task::build(&ctx, &targets[k], &projects[k], &mentions[k]));
            }
        })
    });
    g.finish();
}

fn whole(c: &mut Criterion) {
    let docs = corpus();
    let bytes: u64 = docs.iter().map(|(_, b)| b.len() as u64).sum();
    let pipeline = Pipeline::new().unwrap();
    let records: Vec<Record> = docs.iter().map(|(n, b)| pipeline.extract_bytes(n, b)).collect();

    let mut g = quick(c);
    g.throughput(Throughput::Bytes(bytes));
    g.bench_function("serialise_jsonl", |b| {
        let mut out = Vec::with_capacity(1 << 20);
        b.iter(|| {
            out.clear();
            for rec in &records {
                serde_json::to_writer(&mut out, rec).unwrap();
                out.push(b'\n');
            }
            black_box(out.len())
        })
    });
    g.bench_function("whole_pipeline", |b| {
        let mut out = Vec::with_capacity(1 << 20);
        b.iter(|| {
            out.clear();
            for (name, bytes) in &docs {
                serde_json::to_writer(&mut out, &pipeline.extract_bytes(name, bytes)).unwrap();
                out.push(b'\n');
            }
            black_box(out.len())
        })
    });
    g.finish();

    let mut g = c.benchmark_group("startup");
    g.sample_size(10).warm_up_time(Duration::from_millis(500)).measurement_time(Duration::from_secs(3));
    g.bench_function("pipeline_new", |b| b.iter(|| black_box(Pipeline::new().unwrap())));
    g.finish();
}

criterion_group!(benches, stages, whole);
criterion_main!(benches);

//! The whole pipeline, built once per process and shared by reference across threads:
//! `decode` → `clean` → `structure` → `segment` → `extract` → `assemble` (into `document`).

use crate::clean::{self, CleanRules};
use crate::decode;
use crate::document::{Document, ErrorRecord, Record};
use crate::error::Result;
use crate::extract::number::NumberGrammar;
use crate::extract::project::ProjectRules;
use crate::extract::target::TargetRules;
use crate::extract::unit::UnitRules;
use crate::extract::{task, Context};
use crate::grammar::Grammar;
use crate::lexicon::Lexicons;
use crate::segment::Segmenter;
use crate::structure::{self, StructureRules};
use std::borrow::Cow;

/// Options for building a [`Pipeline`].
#[derive(Debug, Clone, Default)]
pub struct Options {
    /// Extra jieba user dictionaries as `(name, content)`, loaded after the built-in one.
    pub user_dicts: Vec<(String, String)>,
    /// A directory laid out like `dictionaries/` whose files replace the built-in ones.
    pub dict_dir: Option<std::path::PathBuf>,
}

/// Every compiled lexicon and the segmenter. `Send + Sync`: build once, share `&Pipeline`.
#[derive(Debug)]
pub struct Pipeline {
    pub(crate) clean: CleanRules,
    pub(crate) structure: StructureRules,
    pub(crate) grammar: Grammar,
    pub(crate) segmenter: Segmenter,
    pub(crate) numbers: NumberGrammar,
    pub(crate) targets: TargetRules,
    pub(crate) projects: ProjectRules,
    pub(crate) units: UnitRules,
    pub(crate) canonical: crate::canonical::Canonicalizer,
    /// Longer documents keep only their recent sentences' tokens
    /// ([`crate::extract::KEEP_ALL_TOKENS_UP_TO`]; a field so tests can lower it).
    keep_all_tokens_up_to: usize,
}

impl Pipeline {
    /// Builds the pipeline with the embedded dictionaries.
    pub fn new() -> Result<Pipeline> {
        Pipeline::with_options(&Options::default())
    }

    /// Builds the pipeline; fails on a bad dictionary row (with its file and line).
    pub fn with_options(opts: &Options) -> Result<Pipeline> {
        let lex = match &opts.dict_dir {
            Some(dir) => Lexicons::from_dir(dir)?,
            None => Lexicons::embedded()?,
        };
        Pipeline::with_lexicons(&lex, opts)
    }

    /// Builds the pipeline from lexicons already loaded.
    pub fn with_lexicons(lex: &Lexicons, opts: &Options) -> Result<Pipeline> {
        Ok(Pipeline {
            clean: CleanRules::new(lex)?,
            structure: StructureRules::new(lex)?,
            grammar: Grammar::new(lex)?,
            segmenter: Segmenter::new(lex, &opts.user_dicts)?,
            numbers: NumberGrammar::new(lex)?,
            targets: TargetRules::new(lex)?,
            projects: ProjectRules::new(lex)?,
            units: UnitRules::new(lex)?,
            canonical: crate::canonical::Canonicalizer::new(lex)?,
            keep_all_tokens_up_to: crate::extract::KEEP_ALL_TOKENS_UP_TO,
        })
    }

    /// The segmenter, for `zhengce segment`.
    pub fn segmenter(&self) -> &Segmenter {
        &self.segmenter
    }

    /// The canonical-indicator dictionary, for `zhengce compare` on saved JSON.
    pub fn canonical(&self) -> &crate::canonical::Canonicalizer {
        &self.canonical
    }

    /// Like [`Pipeline::extract_bytes`], but also returns the decoded text the spans
    /// point into (for `zhengce report` and `--dump-text`); `None` when the input could not
    /// be decoded.
    pub fn extract_with_text(&self, source: &str, bytes: &[u8]) -> (Record, Option<String>) {
        self.extract_impl(source, Cow::Borrowed(bytes), true)
    }

    fn extract_impl(&self, source: &str, bytes: Cow<[u8]>, keep_text: bool) -> (Record, Option<String>) {
        let sha = crate::sha256_hex(&bytes);
        let decoded = match bytes {
            Cow::Borrowed(b) => decode::decode(b, source),
            Cow::Owned(v) => decode::decode_owned(v, source),
        };
        match decoded {
            Ok(decoded) => {
                let text = keep_text.then(|| decoded.text.clone());
                let mut doc = self.extract_decoded(source, decoded);
                doc.sha256 = Some(sha);
                (Record::Document(Box::new(doc)), text)
            }
            Err(e) => (Record::Error(ErrorRecord::new(source, e.to_string())), None),
        }
    }

    /// The number grammar, for `zhengce numbers`.
    pub fn numbers(&self) -> &NumberGrammar {
        &self.numbers
    }

    /// Extracts one input given as bytes. `source` is the path as given (used for the
    /// record and to tell HTML, PDF and DOCX from text). Never panics; an input with no
    /// readable text gives an error record.
    pub fn extract_bytes(&self, source: &str, bytes: &[u8]) -> Record {
        self.extract_impl(source, Cow::Borrowed(bytes), false).0
    }

    /// Like [`Pipeline::extract_bytes`], taking the bytes: UTF-8 text is read without a
    /// copy, so a big file is held once, not twice, while it is extracted.
    pub fn extract_owned(&self, source: &str, bytes: Vec<u8>) -> Record {
        self.extract_impl(source, Cow::Owned(bytes), false).0
    }

    /// Extracts from text that is already decoded.
    pub fn extract_text(&self, source: &str, text: &str) -> Document {
        let decoded =
            decode::Decoded { text: text.to_string(), encoding: "utf-8".into(), ..Default::default() };
        self.extract_decoded(source, decoded)
    }

    /// Every number expression in an input, target or not (`zhengce numbers`).
    pub fn numbers_bytes(&self, source: &str, bytes: &[u8]) -> Result<crate::document::NumbersRecord> {
        let decoded = decode::decode(bytes, source)?;
        let cleaned = clean::clean(decoded.text, &self.clean);
        let structure = structure::analyze(&cleaned, &self.structure, &self.grammar);
        let ctx = Context::new(&cleaned, &structure, &self.grammar, &self.segmenter);
        let text = ctx.text();
        let numbers = self
            .numbers
            .find_all_in(&ctx)
            .into_iter()
            .map(|q| crate::document::NumberItem {
                span: text.span(q.range.clone()),
                text: text.original(q.range.clone()).to_string(),
                value: q.value,
                value_max: q.value_max,
                unit: q.unit,
                normalized: q.normalized,
                comparator: q.comparator,
            })
            .collect();
        Ok(crate::document::NumbersRecord { source: source.to_string(), numbers })
    }

    fn extract_decoded(&self, source: &str, decoded: decode::Decoded) -> Document {
        let decode::Decoded { text, encoding, errors, pages } = decoded;
        let cleaned = clean::clean(text, &self.clean);
        let structure = structure::analyze(&cleaned, &self.structure, &self.grammar);
        let recent_only = cleaned.text.norm().len() > self.keep_all_tokens_up_to;
        let ctx = Context::with_cache(&cleaned, &structure, &self.grammar, &self.segmenter, recent_only);
        let quantities = self.numbers.find_in(&ctx);
        let targets = self.targets.extract(&ctx, quantities);
        let projects =
            self.projects.extract(&ctx, &targets.iter().map(|t| t.quantity.clone()).collect::<Vec<_>>());
        let mentions = self.units.extract(&ctx);
        let tasks = task::build(&ctx, &targets, &projects, &mentions);
        let mut doc = crate::assemble::assemble(crate::assemble::Parts {
            source,
            encoding,
            errors,
            pages,
            ctx: &ctx,
            targets: &targets,
            projects: &projects,
            mentions: &mentions,
            tasks: &tasks,
        });
        self.canonical.apply(&mut doc);
        doc
    }
}

/// Extracts `text` with one pipeline shared by all unit tests (building it costs ~0.2 s).
#[cfg(test)]
pub(crate) fn test_doc(text: &str) -> Document {
    static P: std::sync::OnceLock<Pipeline> = std::sync::OnceLock::new();
    P.get_or_init(|| Pipeline::new().expect("pipeline")).extract_text("t.txt", text)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A big document keeps only its recent sentences' tokens: the record is the same.
    #[test]
    fn recent_tokens_only_give_the_same_record() {
        let all = Pipeline::new().unwrap();
        let mut recent = Pipeline::new().unwrap();
        recent.keep_all_tokens_up_to = 0;
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus");
        let mut files: Vec<_> = std::fs::read_dir(&dir)
            .unwrap()
            .map(|e| e.unwrap().path())
            .filter(|p| p.extension().is_some_and(|x| x == "txt"))
            .collect();
        files.sort();
        assert!(files.len() >= 20, "corpus/ has {} texts", files.len());
        for f in files {
            let bytes = std::fs::read(&f).unwrap();
            let name = f.display().to_string();
            let a = serde_json::to_string(&all.extract_bytes(&name, &bytes)).unwrap();
            let b = serde_json::to_string(&recent.extract_bytes(&name, &bytes)).unwrap();
            assert!(a == b, "{name}: the record differs with recent tokens only");
        }
    }

    #[test]
    fn pipeline_is_send_and_sync() {
        fn assert_send_sync<T: Send + Sync>() {}
        assert_send_sync::<Pipeline>();
    }
}

//! Stage 5: the extractors. Each takes the [`Context`] (text, structure, lazily segmented
//! sentences) and the typed output of the extractors before it, in this order:
//! [`number`] → [`target`] → [`project`] → [`unit`](mod@unit) → [`task`].
//!
//! Internally everything is a byte range of the normalised text (`Text::norm`); the
//! `document` stage turns ranges into code-point spans and original strings.

pub mod number;
pub mod project;
pub mod target;
pub mod task;
pub mod unit;

use crate::clean::{Cleaned, Text};
use crate::grammar::Grammar;
use crate::segment::{Segmenter, Token};
use crate::structure::{Sentence, Structure};
use std::cell::{OnceCell, RefCell};
use std::collections::VecDeque;
use std::ops::Range;
use std::rc::Rc;

/// Documents longer than this (bytes of normalised text) keep only the tokens of their
/// most recent sentences: tokens take about ten bytes per byte of text, so a 100 MB file
/// would hold a gigabyte of them. Shorter documents keep every sentence's tokens, and each
/// sentence is tagged once however many extractors read it.
pub const KEEP_ALL_TOKENS_UP_TO: usize = 16 << 20;

/// How many sentences' tokens a big document keeps: the extractors read sentences in order
/// and look back a paragraph at most, so each stage tags a sentence about once.
const RECENT_SENTENCES: usize = 256;

/// Everything an extractor may read about one document.
pub struct Context<'d> {
    pub cleaned: &'d Cleaned,
    pub structure: &'d Structure,
    /// The shared grammar (time words, table headers).
    pub grammar: &'d Grammar,
    segmenter: &'d Segmenter,
    tokens: TokenCache<'d>,
}

/// The tokens of the sentences segmented so far.
enum TokenCache<'d> {
    /// Every sentence's, until the document is done.
    All(Vec<OnceCell<Rc<[Token<'d>]>>>),
    /// The most recent sentences' only (newest last): the same tokens, tagged again when a
    /// later stage asks for an older sentence.
    Recent(RefCell<VecDeque<(usize, Rc<[Token<'d>]>)>>),
}

impl<'d> Context<'d> {
    pub fn new(
        cleaned: &'d Cleaned,
        structure: &'d Structure,
        grammar: &'d Grammar,
        segmenter: &'d Segmenter,
    ) -> Self {
        let big = cleaned.text.norm().len() > KEEP_ALL_TOKENS_UP_TO;
        Context::with_cache(cleaned, structure, grammar, segmenter, big)
    }

    /// Like [`Context::new`], choosing whether only recent sentences' tokens are kept.
    pub fn with_cache(
        cleaned: &'d Cleaned,
        structure: &'d Structure,
        grammar: &'d Grammar,
        segmenter: &'d Segmenter,
        recent_only: bool,
    ) -> Self {
        let tokens = if recent_only {
            TokenCache::Recent(RefCell::new(VecDeque::with_capacity(RECENT_SENTENCES)))
        } else {
            TokenCache::All((0..structure.sentences.len()).map(|_| OnceCell::new()).collect())
        };
        Context { cleaned, structure, grammar, segmenter, tokens }
    }

    pub fn text(&self) -> &'d Text {
        &self.cleaned.text
    }

    /// The normalised text all ranges point into.
    pub fn norm(&self) -> &'d str {
        self.cleaned.text.norm()
    }

    /// The sentences to extract from (boilerplate left out), with their index.
    pub fn sentences(&self) -> impl Iterator<Item = (usize, &'d Sentence)> + '_ {
        self.structure.sentences.iter().enumerate().filter(|(_, s)| !s.boilerplate)
    }

    /// The normalised text of sentence `i`.
    pub fn sentence_text(&self, i: usize) -> &'d str {
        &self.norm()[self.structure.sentences[i].range.clone()]
    }

    /// The words of sentence `i` with their POS tags, segmented on first use and shared by
    /// every extractor. Ranges are byte offsets into the whole normalised text.
    pub fn tokens(&self, i: usize) -> Rc<[Token<'d>]> {
        let segment = || {
            let r = self.structure.sentences[i].range.clone();
            self.segmenter.tokens(&self.norm()[r.clone()], r.start)
        };
        match &self.tokens {
            TokenCache::All(cells) => cells[i].get_or_init(segment).clone(),
            TokenCache::Recent(recent) => {
                if let Some((_, t)) = recent.borrow().iter().rev().find(|(k, _)| *k == i) {
                    return t.clone();
                }
                let t = segment();
                let mut recent = recent.borrow_mut();
                if recent.len() == RECENT_SENTENCES {
                    recent.pop_front();
                }
                recent.push_back((i, t.clone()));
                t
            }
        }
    }

    /// The word boundaries of sentence `i` (byte ranges into the whole normalised text),
    /// without POS tags: jieba `cut`, for benchmarks of segmentation alone.
    pub fn words(&self, i: usize) -> Vec<Range<usize>> {
        let r = self.structure.sentences[i].range.clone();
        self.segmenter.words(&self.norm()[r.clone()], r.start)
    }

    /// The word is in the segmenter's dictionary ([`Segmenter::knows`]).
    pub fn knows(&self, word: &str) -> bool {
        self.segmenter.knows(word)
    }
}

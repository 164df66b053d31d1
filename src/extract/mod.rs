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
use std::cell::OnceCell;
use std::ops::Range;

/// Everything an extractor may read about one document.
pub struct Context<'d> {
    pub cleaned: &'d Cleaned,
    pub structure: &'d Structure,
    /// The shared grammar (time words, table headers).
    pub grammar: &'d Grammar,
    segmenter: &'d Segmenter,
    tokens: Vec<OnceCell<Vec<Token<'d>>>>,
    words: Vec<OnceCell<Vec<Range<usize>>>>,
}

impl<'d> Context<'d> {
    pub fn new(
        cleaned: &'d Cleaned,
        structure: &'d Structure,
        grammar: &'d Grammar,
        segmenter: &'d Segmenter,
    ) -> Self {
        let tokens = (0..structure.sentences.len()).map(|_| OnceCell::new()).collect();
        let words = (0..structure.sentences.len()).map(|_| OnceCell::new()).collect();
        Context { cleaned, structure, grammar, segmenter, tokens, words }
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

    /// The words of sentence `i`, segmented on first use and then shared by every extractor.
    /// Ranges are byte offsets into the whole normalised text.
    pub fn tokens(&self, i: usize) -> &[Token<'d>] {
        self.tokens[i].get_or_init(|| {
            let r = self.structure.sentences[i].range.clone();
            self.segmenter.tokens(&self.norm()[r.clone()], r.start)
        })
    }

    /// The word boundaries of sentence `i` (byte ranges into the whole normalised text),
    /// without POS tags: cheaper than [`Context::tokens`] when only boundaries matter. Taken
    /// from the tokens when those were already made.
    pub fn words(&self, i: usize) -> &[Range<usize>] {
        self.words[i].get_or_init(|| match self.tokens[i].get() {
            Some(toks) => toks.iter().map(|t| t.range.clone()).collect(),
            None => {
                let r = self.structure.sentences[i].range.clone();
                self.segmenter.words(&self.norm()[r.clone()], r.start)
            }
        })
    }

    /// The word is in the segmenter's dictionary ([`Segmenter::knows`]).
    pub fn knows(&self, word: &str) -> bool {
        self.segmenter.knows(word)
    }

    /// How many sentences were segmented (for benchmarks and tests).
    pub fn segmented(&self) -> usize {
        self.tokens.iter().filter(|t| t.get().is_some()).count()
    }
}

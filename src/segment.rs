//! Stage 4: word segmentation with jieba-rs and the policy user dictionary.
//!
//! The dictionary loader is ours, not `Jieba::load_dict`: jieba-rs gives a word listed
//! without a frequency the frequency 0 (so it never wins) and rejects `word tag` rows that
//! Python jieba accepts. Here a missing frequency means "suggest one", and a bad row is an
//! error with its file and line.
//!
//! jieba-rs splits full-width digits and `23,876` into pieces, so numbers and organisation
//! names are found on the text itself; tokens only help (indicator heads, POS tags).

use crate::error::Result;
use crate::lexicon::{self, DictEntry, Lexicons};
use jieba_rs::Jieba;
use std::ops::Range;

/// One word with its part-of-speech tag and byte range in the segmented text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Token<'a> {
    pub word: &'a str,
    pub tag: &'a str,
    pub range: Range<usize>,
}

/// jieba-rs with the policy dictionary (and any user dictionaries) loaded once.
pub struct Segmenter {
    jieba: Jieba,
    words: usize,
    /// Tags from our dictionaries for words jieba already knew: `Jieba::add_word` updates
    /// the frequency of a known word but keeps its old tag (发改委 stays `j`).
    tags: rustc_hash::FxHashMap<String, String>,
}

impl std::fmt::Debug for Segmenter {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Segmenter").field("user_words", &self.words).finish()
    }
}

impl Segmenter {
    /// jieba's default dictionary plus the lexicons' `user_dict.txt`, then `extra` user
    /// dictionaries (`(file name, content)`) in order; later entries win.
    pub fn new(lex: &Lexicons, extra: &[(String, String)]) -> Result<Segmenter> {
        let mut jieba = Jieba::new();
        let mut words = 0;
        let mut tags = rustc_hash::FxHashMap::default();
        let mut load = |entries: Vec<DictEntry>| {
            for e in entries {
                let known = jieba.has_word(&e.word);
                jieba.add_word(&e.word, e.freq, e.tag.as_deref());
                if let (true, Some(tag)) = (known, e.tag) {
                    tags.insert(e.word, tag);
                }
                words += 1;
            }
        };
        load(lex.user_dict.clone());
        for (file, content) in extra {
            load(lexicon::parse_rows(file, content)?);
        }
        Ok(Segmenter { jieba, words, tags })
    }

    /// Segments `text`; ranges are byte offsets in `text` plus `base`.
    pub fn tokens<'a>(&'a self, text: &'a str, base: usize) -> std::rc::Rc<[Token<'a>]> {
        // Collected straight into one allocation of the exact length: jieba's vector has a
        // slot per character, and a document keeps its sentences' tokens while it is read.
        let tags = self.jieba.tag(text, true);
        tags.iter()
            .map(|t| Token {
                word: t.word,
                tag: self.tags.get(t.word).map_or(t.tag, String::as_str),
                range: base + t.byte_start..base + t.byte_end,
            })
            .collect()
    }
}

impl Segmenter {
    /// Word boundaries only, as byte ranges of `text` plus `base`: jieba `cut` with the HMM,
    /// the same words [`Segmenter::tokens`] gives, without POS tags. Tagging costs a
    /// dictionary lookup per word and a posseg-HMM run per unknown word (and about 80 ms
    /// once per process to load that model), so `cut` runs about 1.7 times as fast; use
    /// this when an extractor only needs where words start and end.
    pub fn words(&self, text: &str, base: usize) -> Vec<Range<usize>> {
        let words = self.jieba.cut(text, true);
        let mut out = Vec::with_capacity(words.len());
        out.extend(words.iter().map(|t| base + t.byte_start..base + t.byte_end));
        out
    }

    /// The word is in the dictionary (jieba's or ours): a word the segmenter made up from
    /// single characters (`德金`, `巍翔`) is not, and is most likely a name.
    pub fn knows(&self, word: &str) -> bool {
        self.jieba.has_word(word)
    }
}

/// Reads a user dictionary file given with `--user-dict`.
pub fn read_user_dict(path: &std::path::Path) -> Result<(String, String)> {
    let content = lexicon::read_file(path)?;
    let name = path.display().to_string();
    lexicon::parse_rows::<DictEntry>(&name, &content)?;
    Ok((name, content))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse_dict(file: &str, content: &str) -> Result<Vec<DictEntry>> {
        lexicon::parse_rows(file, content)
    }

    fn lex() -> Lexicons {
        Lexicons::embedded().unwrap()
    }

    #[test]
    fn dict_rows() {
        let d = parse_dict("d", "营商环境 300 n\n县发展和改革局 nt\n专精特新\n").unwrap();
        assert_eq!(d[0], DictEntry { word: "营商环境".into(), freq: Some(300), tag: Some("n".into()) });
        assert_eq!(d[1].freq, None);
        assert_eq!(d[1].tag.as_deref(), Some("nt"));
        let err = parse_dict("d", "好词 10 n\n坏词 many words here\n").unwrap_err();
        assert!(err.to_string().starts_with("d:2:"), "{err}");
        assert!(parse_dict("d", "零频 0 n\n").is_err());
    }

    #[test]
    fn our_tags_override_jieba_tags_of_known_words() {
        let seg = Segmenter::new(&lex(), &[("t".into(), "发改委 500 nt\n".into())]).unwrap();
        let toks = seg.tokens("区发改委牵头", 0);
        let t = toks.iter().find(|t| t.word == "发改委").expect("发改委 is one token");
        assert_eq!(t.tag, "nt");
    }

    #[test]
    fn user_words_are_whole_tokens() {
        let seg = Segmenter::new(&lex(), &[("t".into(), "县发展和改革局 nt\n".into())]).unwrap();
        let text = "由县发展和改革局牵头";
        let words: Vec<&str> = seg.tokens(text, 0).iter().map(|t| t.word).collect();
        assert!(words.contains(&"县发展和改革局"), "{words:?}");
        let tagged: Vec<_> = seg.tokens(text, 5).iter().map(|t| t.range.clone()).collect();
        assert_eq!(seg.words(text, 5), tagged, "words and tokens agree on boundaries");
        let toks = seg.tokens("社会消费品零售总额", 10);
        assert_eq!(toks[0].range.start, 10);
        assert_eq!(toks.last().unwrap().range.end, 10 + "社会消费品零售总额".len());
    }

    /// The words `seg` cuts `text` into.
    fn words<'a>(seg: &'a Segmenter, text: &'a str) -> Vec<&'a str> {
        seg.tokens(text, 0).iter().map(|t| t.word).collect()
    }

    #[test]
    fn builtin_dict_is_a_tagged_policy_vocabulary() {
        let d = lex().user_dict;
        assert!(d.len() >= 400, "only {} entries", d.len());
        for e in &d {
            assert!(e.freq.is_some() && e.tag.is_some(), "{} lacks a frequency or tag", e.word);
        }
        let mut seen = std::collections::HashSet::new();
        assert!(d.iter().all(|e| seen.insert(e.word.as_str())), "duplicate entries");
        // Words that join digits would change what the number stage sees.
        assert!(d.iter().all(|e| !e.word.chars().any(|c| c.is_ascii_digit())));
    }

    #[test]
    fn builtin_policy_terms_are_whole_tokens() {
        let seg = Segmenter::new(&lex(), &[]).unwrap();
        let cases: [(&str, &[&str]); 5] = [
            (
                "今年地区生产总值增长百分之六,一般公共预算收入稳步提高。",
                &["地区生产总值", "一般公共预算收入"],
            ),
            (
                "责任单位:区住建局;配合单位:各街道办事处;完成时限:年底前。",
                &["责任单位", "住建局", "配合单位", "街道办事处", "完成时限"],
            ),
            ("深化放管服改革,推进一网通办,持续优化营商环境。", &["放管服改革", "一网通办", "营商环境"]),
            ("县里成立工作专班,统筹推进城市更新和乡村振兴。", &["工作专班", "城市更新", "乡村振兴"]),
            (
                "单位GDP能耗下降3个百分点,新建12万平方米保障性租赁住房。",
                &["单位GDP能耗", "3", "个百分点", "12", "万平方米", "保障性租赁住房"],
            ),
        ];
        for (text, expected) in cases {
            let got = words(&seg, text);
            for w in expected {
                assert!(got.contains(w), "{w} not a token of {text}: {got:?}");
            }
        }
    }

    #[test]
    fn builtin_abbreviations_leave_common_words_alone() {
        let seg = Segmenter::new(&lex(), &[]).unwrap();
        let got = words(&seg, "群众可以到街道办理手续,信访办理也有时限。");
        assert!(got.contains(&"街道") && got.contains(&"信访"), "{got:?}");
        assert!(!got.contains(&"街道办") && !got.contains(&"信访办"), "{got:?}");
        assert!(words(&seg, "由街道办牵头").contains(&"街道办"));
    }
}

//! Canonical indicators: maps a target's free-text `indicator` (社零额, 工业固投) to a stable
//! id and category from `dictionaries/indicators.tsv`, so documents that word the same
//! quantity differently can be compared row by row.

use crate::document::{Document, Target};
use crate::error::Result;
use crate::lexicon::{self, IndicatorRow, Lexicons};
use aho_corasick::{AhoCorasick, MatchKind};

const FILE: &str = "indicators.tsv";

/// Longest indicator text looked at (in chars); indicators are short noun phrases.
const MAX_CHARS: usize = 200;

/// One canonical indicator: a row of `indicators.tsv`.
pub type Indicator = IndicatorRow;

/// The compiled dictionary: every surface form in one automaton.
#[derive(Debug)]
pub struct Canonicalizer {
    indicators: Vec<Indicator>,
    automaton: AhoCorasick,
    /// Pattern index → indicator index.
    patterns: Vec<usize>,
    /// Measure words that may follow an indicator (`总量`, `增速`), longest first.
    tails: Vec<String>,
}

/// Folds a text for matching: full-width ASCII to ASCII, ASCII upper case, no whitespace.
fn fold(s: &str) -> String {
    s.chars()
        .map(crate::clean::normalize_char)
        .filter(|c| !c.is_whitespace())
        .map(|c| c.to_ascii_uppercase())
        .collect()
}

impl Canonicalizer {
    /// Compiles the indicators and tails of the lexicons.
    pub fn new(lex: &Lexicons) -> Result<Canonicalizer> {
        let mut tails: Vec<String> = lex.indicator_tails.iter().map(|w| w.0.clone()).collect();
        lexicon::longest_first(&mut tails, String::as_str);
        Canonicalizer::build(lex.indicators.clone(), tails)
    }

    fn build(indicators: Vec<Indicator>, tails: Vec<String>) -> Result<Canonicalizer> {
        let mut seen: std::collections::HashMap<String, usize> = std::collections::HashMap::new();
        let mut forms = Vec::new();
        let mut patterns = Vec::new();
        for (i, ind) in indicators.iter().enumerate() {
            for f in &ind.forms {
                let key = fold(f);
                if let Some(&other) = seen.get(&key) {
                    if other != i {
                        return Err(crate::Error::Dictionary {
                            file: FILE.to_string(),
                            line: Some(ind.line),
                            reason: format!(
                                "surface form {f:?} belongs to both {} and {}",
                                indicators[other].id, ind.id
                            ),
                        });
                    }
                    continue;
                }
                seen.insert(key.clone(), i);
                forms.push(key);
                patterns.push(i);
            }
        }
        let automaton = AhoCorasick::builder()
            .match_kind(MatchKind::Standard)
            .build(&forms)
            .map_err(|e| lexicon::file_error(FILE, e))?;
        Ok(Canonicalizer { indicators, automaton, patterns, tails })
    }

    /// All indicators in dictionary order.
    pub fn indicators(&self) -> &[Indicator] {
        &self.indicators
    }

    /// The indicator with this id.
    pub fn get(&self, id: &str) -> Option<&Indicator> {
        self.indicators.iter().find(|i| i.id == id)
    }

    /// The canonical indicator for an indicator text: an exact form, else the longest
    /// form the text ends with (the head of a Chinese noun phrase is at its end, so
    /// `工业固投` is industrial investment, not fixed-asset investment). A measure word at
    /// the end (`总量`, `增速`, `覆盖率`...) is looked through. A form only in the middle
    /// does not count: `党员先锋岗` is about posts, not about Party members.
    pub fn lookup(&self, indicator: &str) -> Option<&Indicator> {
        let text: String = fold(indicator).chars().take(MAX_CHARS).collect();
        // Drop a trailing parenthetical gloss: `新增产值(营收)` is about 新增产值.
        let text = match text.find('(') {
            Some(p) if p > 0 && text.ends_with(')') => text[..p].to_string(),
            _ => text,
        };
        let bare = self
            .tails
            .iter()
            .find_map(|t| text.strip_suffix(t.as_str()).filter(|rest| !rest.is_empty()))
            .map(str::to_string);
        [Some(text.as_str()), bare.as_deref()]
            .into_iter()
            .flatten()
            .filter_map(|t| self.best_suffix(t))
            .max_by_key(|&(exact, len, _)| (exact, len))
            .map(|(_, _, i)| &self.indicators[i])
    }

    /// (exact?, form length, indicator) of the longest form `text` ends with.
    fn best_suffix(&self, text: &str) -> Option<(bool, usize, usize)> {
        if text.is_empty() {
            return None;
        }
        self.automaton
            .find_overlapping_iter(text)
            .filter(|m| m.end() == text.len())
            .map(|m| (m.start() == 0, m.len(), self.patterns[m.pattern().as_usize()]))
            .max_by_key(|&(exact, len, _)| (exact, len))
    }

    /// Fills `canonical` and `category` of one target from its indicator text.
    pub fn apply_target(&self, t: &mut Target) {
        let hit = t.indicator.as_deref().and_then(|s| self.lookup(s));
        t.canonical = hit.map(|i| i.id.clone());
        t.category = hit.map(|i| i.category.clone());
    }

    /// Fills `canonical` and `category` of every target of a document.
    pub fn apply(&self, doc: &mut Document) {
        for t in &mut doc.targets {
            self.apply_target(t);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn builtin() -> Canonicalizer {
        Canonicalizer::new(&Lexicons::embedded().unwrap()).unwrap()
    }

    fn from_tsv(content: &str) -> Result<Canonicalizer> {
        Canonicalizer::build(lexicon::parse_rows(FILE, content)?, Vec::new())
    }

    fn id(c: &Canonicalizer, s: &str) -> Option<String> {
        c.lookup(s).map(|i| i.id.clone())
    }

    #[test]
    fn builtin_dictionary_parses_and_is_large_enough() {
        let c = builtin();
        assert!(c.indicators().len() >= 80, "{}", c.indicators().len());
        assert!(c.get("gdp").is_some());
    }

    #[test]
    fn surface_forms_map_to_one_id() {
        let c = builtin();
        assert_eq!(id(&c, "社零额").as_deref(), Some("retail_sales"));
        assert_eq!(id(&c, "社会消费品零售总额").as_deref(), Some("retail_sales"));
        assert_eq!(id(&c, "全镇固投").as_deref(), Some("fixed_asset_investment"));
        assert_eq!(id(&c, "ＧＤＰ").as_deref(), Some("gdp"));
        assert_eq!(id(&c, "pm2.5 年均浓度").as_deref(), Some("pm25"));
        // The budget revenue under its name before the 2014 budget law.
        assert_eq!(id(&c, "地方公共财政预算收入").as_deref(), Some("general_budget_revenue"));
        assert_eq!(id(&c, "一般公共财政预算收入").as_deref(), Some("general_budget_revenue"));
    }

    #[test]
    fn industrial_investment_is_not_fixed_asset_investment() {
        let c = builtin();
        assert_eq!(id(&c, "工业投资").as_deref(), Some("industrial_investment"));
        assert_eq!(id(&c, "全区工业固投").as_deref(), Some("industrial_investment"));
        assert_eq!(id(&c, "工业固定资产投资").as_deref(), Some("industrial_investment"));
        assert_eq!(id(&c, "全社会固定资产投资总量").as_deref(), Some("fixed_asset_investment"));
    }

    #[test]
    fn the_head_at_the_end_wins() {
        let c = builtin();
        // Ends in 床位 although it mentions a hospital.
        assert_eq!(id(&c, "社区医院新增床位").as_deref(), Some("hospital_beds"));
        assert_eq!(id(&c, "新建社区医院").as_deref(), Some("hospitals"));
        assert_eq!(id(&c, "城镇居民人均可支配收入").as_deref(), Some("urban_income"));
        assert_eq!(id(&c, "农村居民人均可支配收入").as_deref(), Some("rural_income"));
    }

    #[test]
    fn a_form_in_the_middle_is_not_the_topic() {
        let c = builtin();
        // The head noun is 企业家 / 岗 / 群众, not the indicator named on the way.
        assert_eq!(id(&c, "当选为村干部的民营企业家"), None);
        assert_eq!(id(&c, "党员先锋岗"), None);
        // A measure word after the indicator is looked through.
        assert_eq!(id(&c, "数字经济核心产业增加值").as_deref(), Some("digital_economy"));
        assert_eq!(id(&c, "地区生产总值增速").as_deref(), Some("gdp"));
        assert_eq!(id(&c, "社零额总量").as_deref(), Some("retail_sales"));
    }

    #[test]
    fn unknown_text_stays_unmapped() {
        let c = builtin();
        assert_eq!(id(&c, "宣讲活动"), None);
        assert_eq!(id(&c, ""), None);
        assert_eq!(id(&c, "()"), None);
    }

    #[test]
    fn bad_rows_are_reported_with_their_line() {
        let e = from_tsv("# h\na\tb\teconomy\n").unwrap_err().to_string();
        assert!(e.contains("indicators.tsv:2"), "{e}");
        let e = from_tsv("a\t甲\tA\tweather\t甲\n").unwrap_err().to_string();
        assert!(e.contains("unknown category"), "{e}");
        let e = from_tsv("a\t甲\tA\teconomy\t乙\nb\t乙\tB\teconomy\t\n").unwrap_err().to_string();
        assert!(e.contains("both"), "{e}");
    }

    #[test]
    fn apply_fills_category_too() {
        let c = builtin();
        let p = crate::Pipeline::new().unwrap();
        let mut doc = p.extract_text("-", "2024年全镇固定资产投资达到50亿元。\n");
        for t in &mut doc.targets {
            t.indicator = Some("高新技术企业".into());
        }
        c.apply(&mut doc);
        assert!(doc.targets.iter().all(|t| t.canonical.as_deref() == Some("high_tech_enterprises")));
        assert!(doc.targets.iter().all(|t| t.category.as_deref() == Some("innovation")));
        assert!(!doc.targets.is_empty());
    }
}

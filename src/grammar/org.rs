//! Organisation names: whether a phrase names a body (`区发改委`, `梧台海关`, `各街道`,
//! `相关村`, `人民银行澄州市中心支行`) rather than a thing or a place in prose (`社会`,
//! `各项工作`, `合作格局`). The table model asks it whether a cell lists units; the unit stage
//! asks it about actors and list items.
//!
//! A name is a run of Han characters that is a known short name (`org_abbrev.txt`), a
//! collective (`各村`, `相关部门`), or ends in an organisation suffix (`org_suffixes.txt`),
//! and holds no word of `org_stop.txt` where that word disqualifies it.

use crate::document::Role;
use crate::error::Result;
use crate::grammar::is_han;
use crate::lexicon::{self, LabelKind, Lexicons, OrgSuffix, StopPlace};
use rustc_hash::FxHashSet as HashSet;

/// The determiners of a collective (`各村`, `相关部门`, `有关单位`): every member of a class,
/// never one named body or thing.
pub const COLLECTIVE: [&str; 3] = ["各", "相关", "有关"];

/// `text` opens with a collective determiner.
pub fn opens_collective(text: &str) -> bool {
    COLLECTIVE.iter().any(|p| text.starts_with(p))
}

/// Longest organisation name, in chars.
pub const MAX_ORG: usize = 20;
/// Longest collective (`各村(居)委会`, `相关部门`) that needs no more than an ending, in chars.
const MAX_COLLECTIVE: usize = 10;

/// The organisation-name grammar, compiled once.
#[derive(Debug, Clone)]
pub struct OrgGrammar {
    /// Suffixes, longest first.
    suffixes: Vec<OrgSuffix>,
    abbrev: HashSet<String>,
    stop_start: Vec<String>,
    stop_end: Vec<String>,
    stop_any: Vec<String>,
}

impl OrgGrammar {
    /// Compiles `org_suffixes.txt`, `org_abbrev.txt` and `org_stop.txt`.
    pub fn new(lex: &Lexicons) -> Result<OrgGrammar> {
        let mut suffixes = lex.org_suffixes.clone();
        suffixes.sort_by(|a, b| b.word.len().cmp(&a.word.len()).then_with(|| a.word.cmp(&b.word)));
        let stops = |p: StopPlace| -> Vec<String> {
            lex.org_stop.iter().filter(|s| s.place == p).map(|s| s.word.clone()).collect()
        };
        Ok(OrgGrammar {
            suffixes,
            abbrev: lex.org_abbrev.iter().map(|w| w.0.clone()).collect(),
            stop_start: stops(StopPlace::Start),
            stop_end: stops(StopPlace::End),
            stop_any: stops(StopPlace::Anywhere),
        })
    }

    /// Whether `name` names a body. `dept_only` refuses places (镇, 街道, 村) and the
    /// reporting body itself (`区委`, `镇政府`): what may be the actor of `将`, `要`.
    pub fn is_org(&self, name: &str, dept_only: bool) -> bool {
        // `各村(居)委会`, `各街镇(园区)`: the bracket is a note inside the name.
        let bare;
        let name = if name.contains('(') {
            bare = strip_brackets(name);
            bare.as_str()
        } else {
            name
        };
        let n = name.chars().count();
        if !(2..=MAX_ORG).contains(&n) || !name.chars().all(is_han) {
            return false;
        }
        if self.abbrev.contains(name) {
            return true;
        }
        if self.stop_start.iter().any(|w| name.starts_with(w.as_str()))
            || self.stop_end.iter().any(|w| name.ends_with(w.as_str()))
            || self.stop_any.iter().any(|w| name.contains(w.as_str()))
        {
            return false;
        }
        // `各村`, `相关部门`, `各街道办事处`: a collective that ends like a body.
        if opens_collective(name) && n <= MAX_COLLECTIVE && self.ends_like_org(name) {
            return true;
        }
        // `区委`, `镇党委`: the reporting body itself, not a department it assigns work to.
        let issuer = ["区", "市", "县", "镇", "乡", "省", "州", "旗"].iter().any(|p| name.starts_with(p))
            && ["委", "党委", "党工委", "政府", "人民政府"]
                .iter()
                .any(|x| name.len() == 3 + x.len() && name.ends_with(x));
        if issuer && dept_only {
            return false;
        }
        let Some(suf) = self.suffix(name) else { return false };
        if suf.dept {
            return true;
        }
        // A place needs a name before its suffix, not more place words (`市县`, `三省市`).
        let stem = &name[..name.len() - suf.word.len()];
        let placeish = |c: char| "省市县区镇乡村州旗盟".contains(c) || super::is_cn_digit(c);
        !dept_only && stem.chars().count() >= 2 && !stem.chars().all(placeish)
    }

    /// Whether `name` ends in a departmental suffix (`局`, `办`, `中心`, `公司`).
    pub fn has_dept_suffix(&self, name: &str) -> bool {
        self.suffix(name).is_some_and(|s| s.dept)
    }

    /// Whether a name is a known short name or a collective (`经发办`, `各乡镇`, `相关村`).
    pub fn is_collective(&self, name: &str) -> bool {
        self.abbrev.contains(name) || (opens_collective(name) && self.is_org(name, false))
    }

    /// Whether a name is a generic addressee (`各有关单位`, `相关部门`, `各单位`): every body
    /// the document is sent to, not one that a task names.
    pub fn is_generic(&self, name: &str) -> bool {
        let rest = ["各有关", "各相关", "各", "有关", "相关"].iter().find_map(|p| name.strip_prefix(p));
        rest.is_some_and(|r| ["单位", "部门", "机构", "方面"].contains(&r))
    }

    /// Whether a word is an organisation suffix or ends in one (`支行`, `商务局`).
    pub fn ends_like_org(&self, word: &str) -> bool {
        self.suffixes.iter().any(|s| word.ends_with(s.word.as_str()))
    }

    /// Whether a word is a departmental suffix or ends in one (`办`, `部门`, `执法局`).
    pub fn has_dept_ending(&self, word: &str) -> bool {
        self.suffixes.iter().any(|s| s.dept && word.ends_with(s.word.as_str()))
    }

    /// Whether `name` ends in any organisation suffix.
    pub fn has_suffix(&self, name: &str) -> bool {
        self.suffix(name).is_some()
    }

    fn suffix(&self, name: &str) -> Option<&OrgSuffix> {
        self.suffixes.iter().find(|s| name.ends_with(s.word.as_str()) && name.len() > s.word.len())
    }

    /// Whether a table cell (one or more lines) is a list of bodies: every item between
    /// `、` `,` `;` and line ends, with bracketed notes dropped (`区委宣传部(区文明办)`,
    /// `各村(居)委会`), is a name. A list may end in `、` where a cell wraps.
    pub fn is_org_list(&self, cell: &str) -> bool {
        self.is_org_list_of(cell, false)
    }

    /// [`OrgGrammar::is_org_list`], with `dept_only` as in [`OrgGrammar::is_org`].
    pub fn is_org_list_of(&self, cell: &str, dept_only: bool) -> bool {
        let mut any = false;
        for item in split_top(cell, &['、', ',', ';', '\n', ' ', '\t', '/']) {
            let item = item.trim();
            if item.is_empty() {
                continue;
            }
            // `区住建局等`, `区住建局等部门`: the close of the list.
            let item = ["等有关部门", "等相关部门", "等部门", "等单位", "等"]
                .iter()
                .find_map(|c| item.strip_suffix(c))
                .unwrap_or(item);
            if !self.is_org(item, dept_only) {
                return false;
            }
            any = true;
        }
        any
    }
}

/// Labels of responsible units (`unit_labels.txt`): whole labels (`责任单位`) and labels
/// built from a role stem, up to three more characters and a head noun (`牵头落实单位`,
/// `协同配合部门`, `责任领导`), which take the role of their first stem.
#[derive(Debug, Clone)]
pub struct LabelGrammar {
    /// Whole labels with their roles, longest first.
    labels: Vec<(String, Role)>,
    stems: Vec<(String, Role)>,
    heads: Vec<String>,
}

/// Most characters between a label's stem and its head noun.
const MAX_LABEL_GAP: usize = 3;

impl LabelGrammar {
    /// Compiles `unit_labels.txt`.
    pub fn new(lex: &Lexicons) -> LabelGrammar {
        let rows = |k: LabelKind| -> Vec<(String, Role)> {
            let mut v: Vec<(String, Role)> =
                lex.unit_labels.iter().filter(|l| l.kind == k).map(|l| (l.word.clone(), l.role)).collect();
            lexicon::longest_first(&mut v, |l| l.0.as_str());
            v
        };
        LabelGrammar {
            labels: rows(LabelKind::Label),
            stems: rows(LabelKind::Stem),
            heads: rows(LabelKind::Head).into_iter().map(|h| h.0).collect(),
        }
    }

    /// The role of a label word, if it is one.
    pub fn role(&self, word: &str) -> Option<Role> {
        if let Some(l) = self.labels.iter().find(|l| l.0 == word) {
            return Some(l.1);
        }
        let (stem, role) = self.stems.iter().find(|s| word.starts_with(s.0.as_str()))?;
        let rest = &word[stem.len()..];
        let head = self.heads.iter().find(|h| rest.ends_with(h.as_str()))?;
        let gap = &rest[..rest.len() - head.len()];
        (gap.chars().count() <= MAX_LABEL_GAP && gap.chars().all(is_han)).then_some(*role)
    }

    /// Whether the list after this label names posts as well as bodies (`责任领导`), so that
    /// only names that pass the organisation grammar are kept.
    pub fn names_posts(&self, word: &str) -> bool {
        word.ends_with("领导")
    }

    /// A regex (without anchors) that matches any label word: the whole labels, then the
    /// built ones.
    pub fn pattern(&self) -> String {
        let built = format!(
            "{}\\p{{Han}}{{0,{MAX_LABEL_GAP}}}?{}",
            lexicon::alternation(self.stems.iter().map(|s| s.0.as_str())),
            lexicon::alternation(self.heads.iter().map(String::as_str)),
        );
        format!("(?:{built}|{})", lexicon::alternation(self.labels.iter().map(|l| l.0.as_str())))
    }
}

/// `s` cut at any of `seps` outside brackets.
pub fn split_top<'a>(s: &'a str, seps: &[char]) -> Vec<&'a str> {
    let mut out = Vec::new();
    let mut depth = 0i32;
    let mut start = 0;
    for (i, c) in s.char_indices() {
        match c {
            '(' | '【' => depth += 1,
            ')' | '】' => depth -= 1,
            _ if depth <= 0 && seps.contains(&c) => {
                out.push(&s[start..i]);
                start = i + c.len_utf8();
            }
            _ => {}
        }
    }
    out.push(&s[start..]);
    out
}

/// `s` without its bracketed parts: `各村(居)委会` gives `各村委会`.
pub fn strip_brackets(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut depth = 0i32;
    for c in s.chars() {
        match c {
            '(' => depth += 1,
            ')' => depth -= 1,
            _ if depth <= 0 => out.push(c),
            _ => {}
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn g() -> OrgGrammar {
        OrgGrammar::new(&Lexicons::embedded().unwrap()).unwrap()
    }

    #[test]
    fn names_and_non_names() {
        let g = g();
        assert!(g.is_org("区发展改革委", true));
        assert!(g.is_org("相关部门", true));
        assert!(g.is_org("湖滨镇", false));
        assert!(!g.is_org("湖滨镇", true));
        assert!(g.is_org("江口海关", true));
        assert!(g.is_org("人民银行青州市中心支行", true));
        assert!(g.is_org("市文旅集团", true));
        assert!(g.is_org("运营单位", true));
        assert!(!g.is_org("加快推进", false));
        assert!(!g.is_org("本单位", false));
        assert!(!g.is_org("学校家庭社会", false));
        assert!(!g.is_org("各项社会事业", false));
        assert!(!g.is_org("市县", false));
        assert!(!g.is_org("区域协同发展格局", false));
        assert!(!g.is_org("各牵头部门", false));
        assert!(!g.is_org("区委", true));
        assert!(g.is_generic("各有关单位") && g.is_generic("相关部门"));
        assert!(!g.is_generic("各街道办事处") && !g.is_generic("相关行业主管部门"));
    }

    #[test]
    fn labels_whole_and_built() {
        let l = LabelGrammar::new(&Lexicons::embedded().unwrap());
        assert_eq!(l.role("责任单位"), Some(Role::Responsible));
        assert_eq!(l.role("牵头落实单位"), Some(Role::Lead));
        assert_eq!(l.role("牵头督办部门"), Some(Role::Lead));
        assert_eq!(l.role("参与部门"), Some(Role::Support));
        assert_eq!(l.role("责任领导"), Some(Role::Responsible));
        assert_eq!(l.role("牵头组织实施工作单位"), None);
        assert_eq!(l.role("单位"), None);
        let re = regex::Regex::new(&l.pattern()).unwrap();
        assert_eq!(re.find("(牵头落实单位:区民政局)").map(|m| m.as_str()), Some("牵头落实单位"));
        assert_eq!(re.find("配合单位:区财政局").map(|m| m.as_str()), Some("配合单位"));
    }

    #[test]
    fn cell_lists() {
        let g = g();
        assert!(g.is_org_list("区委宣传部(区文明办、区网信办)、区民政局"));
        assert!(g.is_org_list("镇财政所、\n各村(居)委会"));
        assert!(g.is_org_list("区住建局、区城管局等部门"));
        assert!(!g.is_org_list("完成管网改造12公里"));
        assert!(!g.is_org_list(""));
    }
}

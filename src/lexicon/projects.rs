//! Rows of the lexicons that find named projects: head nouns, the frames around names,
//! list categories and what keeps a candidate from being a name.

use super::{FromRow, Row};
use crate::document::ProjectKind;

fn project_kind(s: Option<&str>) -> Result<ProjectKind, String> {
    match s {
        Some("construction") => Ok(ProjectKind::Construction),
        Some("program") => Ok(ProjectKind::Program),
        x => Err(format!("kind must be construction or program, got {x:?}")),
    }
}

/// `project_heads.txt`: a head noun that ends a project name.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct ProjectHead {
    pub word: String,
    pub kind: ProjectKind,
    /// Where the head may end a name.
    pub usage: HeadUse,
}

/// Where a [`ProjectHead`] ends a name: the more common the word, the more context it needs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum HeadUse {
    /// Anywhere, in a noun chunk with a proper modifier (`产业园`, `美术馆`).
    Free,
    /// Only in a frame: after a trigger verb, before a build predicate or in a list of
    /// projects (`高速`, `路`, `工程`: `加快建设X高速`, `X路建成通车`).
    Framed,
    /// Only right after a quoted name (`“X”品牌`, `“X”模式`).
    Quoted,
}

impl FromRow for ProjectHead {
    fn from_row(row: Row<'_>, out: &mut Vec<Self>) -> Result<(), String> {
        let mut f = row.fields();
        let word = f.next().ok_or("missing head")?.to_string();
        let kind = project_kind(f.next())?;
        let usage = match f.next() {
            None => HeadUse::Free,
            Some("framed") => HeadUse::Framed,
            Some("quoted") => HeadUse::Quoted,
            Some(x) => return Err(format!("unknown flag {x:?} (framed, quoted)")),
        };
        out.push(ProjectHead { word, kind, usage });
        Ok(())
    }
}

/// `project_frames.txt`: a word of the frames that hold project names in running text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct ProjectFrame {
    pub kind: FrameKind,
    pub word: String,
}

/// The role of a [`ProjectFrame`] word.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum FrameKind {
    /// A verb that puts a name after it (`实施`, `开工建设`, `加快推进`).
    Trigger,
    /// A build or progress predicate after a name (`建成投用`, `开工建设`, `加快建设`).
    Predicate,
    /// A predicate of result or rank after a name (`获评`, `入选`): a name before it needs
    /// a head.
    Result,
    /// A phase or part after a head that still belongs to the name (`二期`, `改扩建`).
    Phase,
    /// A word that leads into a name without being part of it (`全力`, `年内`, `新`).
    Lead,
    /// A word that makes a name a class of things wherever it stands (`老旧`, `社区`).
    Class,
    /// A verb that ends a name before it and begins none after it (`加强`, `入围`).
    Verb,
    /// A word in a list's category that makes it one of kinds of facility (`等配套设施`).
    Type,
    /// A quantity word before a list that makes every item a class (`一批A、B、C等`).
    Quantifier,
}

impl FromRow for ProjectFrame {
    fn from_row(row: Row<'_>, out: &mut Vec<Self>) -> Result<(), String> {
        let mut f = row.fields();
        let kind = match f.next().ok_or("missing kind")? {
            "trigger" => FrameKind::Trigger,
            "predicate" => FrameKind::Predicate,
            "result" => FrameKind::Result,
            "phase" => FrameKind::Phase,
            "lead" => FrameKind::Lead,
            "class" => FrameKind::Class,
            "verb" => FrameKind::Verb,
            "type" => FrameKind::Type,
            "quantifier" => FrameKind::Quantifier,
            x => {
                return Err(format!(
                    "kind must be trigger, predicate, result, phase, lead, class, verb, type or quantifier, got {x:?}"
                ))
            }
        };
        for word in f {
            out.push(ProjectFrame { kind, word: word.to_string() });
        }
        Ok(())
    }
}

/// `project_lists.txt`: a category word that closes a list of projects after `等`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct ProjectList {
    pub word: String,
    pub kind: ProjectKind,
}

impl FromRow for ProjectList {
    fn from_row(row: Row<'_>, out: &mut Vec<Self>) -> Result<(), String> {
        let mut f = row.fields();
        let word = f.next().ok_or("missing word")?.to_string();
        let kind = project_kind(f.next())?;
        out.push(ProjectList { word, kind });
        Ok(())
    }
}

/// `project_stop.txt`: what keeps a candidate from being a project name.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct ProjectStop {
    pub kind: ProjectStopKind,
    pub word: String,
}

/// How a [`ProjectStop`] word applies.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum ProjectStopKind {
    /// The whole candidate is generic.
    Phrase,
    /// A modifier containing it makes the candidate generic.
    Modifier,
    /// A common word that never makes a name proper.
    Common,
    /// A word that makes a quoted phrase an idea, not a project.
    Concept,
    /// A candidate ending in this word is no name without a proper word (`思路`).
    Tail,
    /// A word that ends the name of an existing body (`集团`, `银行`): no project.
    Institution,
}

impl FromRow for ProjectStop {
    fn from_row(row: Row<'_>, out: &mut Vec<Self>) -> Result<(), String> {
        let mut f = row.fields();
        let kind = match f.next().ok_or("missing kind")? {
            "phrase" => ProjectStopKind::Phrase,
            "modifier" => ProjectStopKind::Modifier,
            "common" => ProjectStopKind::Common,
            "concept" => ProjectStopKind::Concept,
            "tail" => ProjectStopKind::Tail,
            "institution" => ProjectStopKind::Institution,
            x => {
                return Err(format!(
                    "kind must be phrase, modifier, common, concept, tail or institution, got {x:?}"
                ))
            }
        };
        let word = f.next().ok_or("missing word")?.to_string();
        out.push(ProjectStop { kind, word });
        Ok(())
    }
}

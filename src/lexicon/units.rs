//! Rows of the lexicons that find responsible units: labels, commitment verbs and the
//! shape of organisation names.

use super::row::columns;
use super::{FromRow, Row};
use crate::document::Role;

fn role(s: &str) -> Result<Role, String> {
    match s {
        "responsible" => Ok(Role::Responsible),
        "lead" => Ok(Role::Lead),
        "support" => Ok(Role::Support),
        _ => Err(format!("unknown role {s:?} (responsible, lead or support)")),
    }
}

/// `unit_labels.txt`: a label that introduces responsible units.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct UnitLabel {
    pub word: String,
    /// The role the label gives (a head noun gives none).
    pub role: Role,
    pub kind: LabelKind,
}

/// What a row of `unit_labels.txt` is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum LabelKind {
    /// A whole label (`责任单位`).
    Label,
    /// A role word that starts longer labels (`牵头` in `牵头落实单位`).
    Stem,
    /// A noun that ends such labels (`单位`, `部门`, `领导`).
    Head,
}

impl FromRow for UnitLabel {
    fn from_row(row: Row<'_>, out: &mut Vec<Self>) -> Result<(), String> {
        let f: Vec<&str> = row.fields().collect();
        let (word, role, kind) = match f.as_slice() {
            [w, "head"] => (*w, Role::Responsible, LabelKind::Head),
            [w, r] => (*w, role(r)?, LabelKind::Label),
            [w, r, "stem"] => (*w, role(r)?, LabelKind::Stem),
            _ => return Err("expected `LABEL ROLE`, `STEM ROLE stem` or `NOUN head`".to_string()),
        };
        out.push(UnitLabel { word: word.to_string(), role, kind });
        Ok(())
    }
}

/// `unit_verbs.txt`: a verb whose subject is an actor of a commitment.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct UnitVerb {
    pub word: String,
    pub role: Role,
    /// The actor must carry a departmental suffix.
    pub strict: bool,
    /// A time follows (`于6月底前`): the actor acts by then.
    pub time: bool,
    /// Only in a bracketed note (`(A牵头,B参与)`).
    pub bracket: bool,
    /// Not a verb: a phrase that stands between the actor and its verb (`按职责分工`), taken
    /// off the end of an actor list.
    pub adverb: bool,
}

impl FromRow for UnitVerb {
    fn from_row(row: Row<'_>, out: &mut Vec<Self>) -> Result<(), String> {
        let mut f = row.fields();
        let word = f.next().ok_or("missing verb")?.to_string();
        let role = role(f.next().ok_or("missing role")?)?;
        let mut v = UnitVerb { word, role, strict: false, time: false, bracket: false, adverb: false };
        for flag in f {
            match flag {
                "strict" => v.strict = true,
                "time" => v.time = true,
                "bracket" => v.bracket = true,
                "adverb" => v.adverb = true,
                x => return Err(format!("unknown flag {x:?} (strict, time, bracket, adverb)")),
            }
        }
        out.push(v);
        Ok(())
    }
}

/// `org_suffixes.txt`: an ending of organisation names.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct OrgSuffix {
    pub word: String,
    /// A department, office or company (else an administrative place).
    pub dept: bool,
}

impl FromRow for OrgSuffix {
    fn from_row(row: Row<'_>, out: &mut Vec<Self>) -> Result<(), String> {
        let mut f = row.fields();
        let word = f.next().ok_or("missing suffix")?.to_string();
        let dept = match f.next() {
            Some("dept") => true,
            Some("place") => false,
            x => return Err(format!("kind must be dept or place, got {x:?}")),
        };
        out.push(OrgSuffix { word, dept });
        Ok(())
    }
}

/// `org_stop.txt`: a word that keeps a phrase from being an organisation name where it
/// stands (`各项`, `社会`, `牵头`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct OrgStop {
    pub word: String,
    pub place: StopPlace,
}

/// Where an [`OrgStop`] word disqualifies a name.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum StopPlace {
    Start,
    End,
    Anywhere,
}

impl FromRow for OrgStop {
    fn from_row(row: Row<'_>, out: &mut Vec<Self>) -> Result<(), String> {
        let [word, place] = columns(&row, "WORD start|end|any")?;
        let place = match place {
            "start" => StopPlace::Start,
            "end" => StopPlace::End,
            "any" => StopPlace::Anywhere,
            x => return Err(format!("place must be start, end or any, got {x:?}")),
        };
        out.push(OrgStop { word: word.to_string(), place });
        Ok(())
    }
}

//! The fields researchers code for a target beyond its value: how firmly it is stated
//! (`hedge`), whether a plan binds it (`binding`), and what a change is measured from (`base`).

use serde::{Deserialize, Serialize};

/// How firmly a target is stated, as the literature on growth targets codes it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Hedge {
    /// A commitment: 确保, 必须, 不低于.
    Firm,
    /// An aspiration: 力争, 争取, 努力.
    Aim,
    /// An approximation: 左右, 约, 预计.
    About,
}

impl Hedge {
    /// The name written in `zhengce/1` (`firm`, `aim`, `about`).
    pub fn as_str(self) -> &'static str {
        match self {
            Hedge::Firm => "firm",
            Hedge::Aim => "aim",
            Hedge::About => "about",
        }
    }
}

/// Whether a plan makes an indicator binding (约束性) or expected (预期性).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Binding {
    /// 约束性: the plan binds it.
    Binding,
    /// 预期性: the plan expects it.
    Expected,
}

/// What a growth or change is measured from: `比2020年增长` has year 2020, `同比` the year
/// before the target's, `从80%提高到90%` the value 80; `年均` makes it an annual average.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
pub struct Base {
    /// The base period's year: 2020 for `比2020年`, the year before the target's for `同比`.
    pub year: Option<i32>,
    /// The base value in the quantity's written unit, where the text states it.
    pub value: Option<f64>,
    /// The change is an annual average over the period from the base year.
    pub annual: bool,
}

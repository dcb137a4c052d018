//! The member list itself and the options it is built with: what the headers, cells and file
//! writers read, so this module imports none of them.

use serde::{Deserialize, Serialize};

use crate::engine::dataset::TextList;
use crate::engine::risk::RiskReport;

/// The language of the headers, tier basis notes and flag reasons in the file.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Language {
    #[default]
    En,
    Zh,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum MemberFormat {
    Csv,
    Xlsx,
}

impl MemberFormat {
    pub fn file_name(self) -> &'static str {
        match self {
            MemberFormat::Csv => "members.csv",
            MemberFormat::Xlsx => "members.xlsx",
        }
    }

    pub fn media_type(self) -> &'static str {
        match self {
            MemberFormat::Csv => "text/csv;charset=utf-8",
            MemberFormat::Xlsx => "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        }
    }
}

/// Where the segment column comes from.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case", deny_unknown_fields)]
pub enum SegmentChoice {
    /// The RFM named segment (champions, loyal_customers, at_risk, ...).
    #[default]
    Rfm,
    /// A text column of the data, e.g. published k-means segments.
    Column { name: String },
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct MemberOptions {
    pub language: Language,
    pub segment: SegmentChoice,
}

/// How the spend to the next tier was worked out for one scheme.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum SpendBasis {
    /// The score rises by `per_unit` for each currency unit spent (growth value, spend, points,
    /// a linear formula with a spend term): spend = distance / per_unit, other terms held fixed.
    ScoreWeight { per_unit: f64 },
    /// No fixed weight on spend: estimated with the customer's own score per unit of spend in the
    /// qualifying window (empty when they spent nothing or score nothing).
    OwnScorePerSpend,
}

/// One scheme's columns.
#[derive(Clone, Debug, PartialEq)]
pub struct SchemeColumns {
    pub name: String,
    pub tier_names: Vec<String>,
    pub score: Vec<f64>,
    pub tier: Vec<u8>,
    /// Score still missing to enter the next tier (NaN at the top tier or when out of reach).
    pub distance: Vec<f64>,
    /// The second qualifying criterion's measure (orders or spend) still missing to enter the next
    /// tier; `None` without a second criterion.
    pub measure_to_next: Option<Vec<f64>>,
    /// Spend still missing (with spend as the second criterion: the nearer way under "or", the
    /// farther under "and").
    pub spend_to_next: Vec<f64>,
    pub spend_basis: SpendBasis,
    /// Event logs only.
    pub points_balance: Option<Vec<f64>>,
    pub points_expiring: Option<Vec<f64>>,
    pub months_in_tier: Option<Vec<u16>>,
    /// Held in the lowest tier by the scheme's risk option (only when the option is on).
    pub excluded: Option<Vec<bool>>,
}

/// A text column stored as codes into a dictionary (`u32::MAX` = empty).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct CodedText {
    pub dictionary: Vec<String>,
    pub codes: Vec<u32>,
}

impl CodedText {
    pub fn get(&self, customer: usize) -> &str {
        self.codes.get(customer).and_then(|&c| self.dictionary.get(c as usize)).map_or("", String::as_str)
    }
}

#[derive(Clone, Debug, PartialEq)]
pub struct MemberList {
    pub options: MemberOptions,
    pub ids: TextList,
    pub schemes: Vec<SchemeColumns>,
    pub p_active: Option<Vec<f64>>,
    pub clv: Option<Vec<f64>>,
    pub segment: Option<CodedText>,
    /// Flags of every customer (judged against the first scheme's window and bounds).
    pub risk: RiskReport,
    /// Per customer: index into `risk.flagged`, `u32::MAX` when not flagged.
    pub flag_index: Vec<u32>,
    /// Each customer's segment's next-best benefit, in the list's language (`None` until the
    /// recommender has run: `MemberList::with_next_best_benefit`).
    pub next_best_benefit: Option<CodedText>,
}

impl MemberList {
    pub fn customer_count(&self) -> usize {
        self.ids.len()
    }

    /// The list with the `next_best_benefit` column filled: `labels` are the recommendations'
    /// words, `codes[c]` customer `c`'s index into them (`u32::MAX`: in no segment).
    pub fn with_next_best_benefit(mut self, labels: Vec<String>, codes: Vec<u32>) -> MemberList {
        self.next_best_benefit = Some(CodedText { dictionary: labels, codes });
        self
    }
}

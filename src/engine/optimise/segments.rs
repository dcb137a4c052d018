//! The customer segments recommendations are made for: RFM named segments, k-means segments on
//! recency, frequency and spend, or the values of a text column.

use serde::{Deserialize, Serialize};

use crate::engine::dataset::NO_CODE;
use crate::engine::evaluate::PreparedData;
use crate::engine::features::catalog::Feature;
use crate::engine::features::table::MonthRange;
use crate::engine::models::segments::{segment_customers, SegmentParams};
use crate::engine::progress::Progress;
use crate::engine::scoring::rfm;

/// Where segments come from.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum SegmentChoice {
    Rfm,
    /// k-means on recency, frequency and spend (k by the best silhouette).
    Kmeans {
        seed: u64,
    },
    /// The values of a text column.
    Column {
        name: String,
    },
}

/// Segment names and each customer's segment (`None`: in none, e.g. a blank cell).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct SegmentLabels {
    pub names: Vec<String>,
    pub membership: Vec<Option<usize>>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, thiserror::Error)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum SegmentsError {
    #[error("the data has no text column named \"{name}\" to segment by")]
    NoSuchColumn { name: String },
    #[error("the data lacks what {what} segments need: {message}")]
    Unavailable { what: String, message: String },
}

impl SegmentLabels {
    pub fn of(data: &PreparedData, choice: &SegmentChoice, progress: &mut dyn Progress) -> Result<Self, SegmentsError> {
        match choice {
            SegmentChoice::Rfm => {
                let source = data.features();
                let keys = [Feature::RecencyDays.into(), Feature::Frequency.into(), Feature::Monetary.into()];
                let table = source
                    .compute(&keys, MonthRange::UpTo { to: source.last_month() })
                    .map_err(|e| SegmentsError::Unavailable { what: "RFM".into(), message: e.to_string() })?;
                let codes = rfm::codes(&table);
                let names = rfm::RfmSegment::ALL.iter().map(|s| s.key().to_string()).collect();
                let membership =
                    codes.segment.iter().map(|s| rfm::RfmSegment::ALL.iter().position(|x| x == s)).collect();
                Ok(SegmentLabels { names, membership })
            }
            SegmentChoice::Kmeans { seed } => {
                let params = SegmentParams {
                    features: vec![Feature::RecencyDays.into(), Feature::Frequency.into(), Feature::Monetary.into()],
                    seed: *seed,
                    ..SegmentParams::default()
                };
                let report = segment_customers(data, &params, progress)
                    .map_err(|e| SegmentsError::Unavailable { what: "k-means".into(), message: e.to_string() })?;
                Ok(SegmentLabels {
                    names: report.segments.iter().map(|s| s.name.clone()).collect(),
                    membership: report.labels.iter().map(|&l| Some(l as usize)).collect(),
                })
            }
            SegmentChoice::Column { name } => {
                let attribute = data
                    .dataset
                    .attribute_named(name)
                    .ok_or_else(|| SegmentsError::NoSuchColumn { name: name.clone() })?;
                Ok(SegmentLabels {
                    names: attribute.dictionary.clone(),
                    membership: attribute
                        .codes
                        .iter()
                        .map(|&code| (code != NO_CODE).then_some(code as usize))
                        .collect(),
                })
            }
        }
    }

    /// Customers per segment.
    pub fn sizes(&self) -> Vec<usize> {
        let mut sizes = vec![0; self.names.len()];
        for s in self.membership.iter().flatten() {
            sizes[*s] += 1;
        }
        sizes
    }
}

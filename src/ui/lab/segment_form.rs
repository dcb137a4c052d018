//! The segments form: features, a fixed number of segments or the best by silhouette, seed and
//! restarts, read into the engine's `SegmentParams` (with its own range checks said at the fields);
//! and the names a user gives the segments found.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::engine::features::catalog::{Feature, FeatureKey};
use crate::engine::models::segments::{SegmentCount, SegmentParams};

use super::problems::{FieldProblem, Problems, Reader};

pub const DEFAULT_SEGMENT_COLUMN: &str = "segment";

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct SegmentForm {
    /// Feature keys; `None` = spend, purchases and recency.
    pub features: Option<Vec<String>>,
    /// Try every k in `min_k..=max_k` and keep the best silhouette.
    pub best_k: bool,
    pub k: f64,
    pub min_k: f64,
    pub max_k: f64,
    pub seed: f64,
    pub restarts: f64,
    pub column: String,
}

impl Default for SegmentForm {
    fn default() -> Self {
        let params = SegmentParams::default();
        SegmentForm {
            features: None,
            best_k: true,
            k: 4.0,
            min_k: 2.0,
            max_k: 8.0,
            seed: params.seed as f64,
            restarts: params.restarts as f64,
            column: DEFAULT_SEGMENT_COLUMN.to_string(),
        }
    }
}

/// Value segments by default: how much, how often, how recently (RFM's three).
const SEGMENT_FEATURES: [Feature; 3] = [Feature::Monetary, Feature::Frequency, Feature::RecencyDays];

impl SegmentForm {
    pub fn chosen_features(&self, available: &[FeatureKey]) -> Vec<FeatureKey> {
        match &self.features {
            Some(keys) => keys.iter().filter_map(|k| FeatureKey::try_from(k.clone()).ok()).collect(),
            None => SEGMENT_FEATURES
                .iter()
                .map(|&f| FeatureKey::from(f))
                .filter(|k| available.is_empty() || available.contains(k))
                .collect(),
        }
    }

    pub fn params(&self, available: &[FeatureKey]) -> Result<SegmentParams, Problems> {
        let mut r = Reader::default();
        let features = self.chosen_features(available);
        if features.is_empty() {
            r.flag("segments.features", FieldProblem::NoFeatures);
        }
        let k = if self.best_k {
            SegmentCount::BestSilhouette {
                min: r.whole("segments.min", self.min_k) as usize,
                max: r.whole("segments.max", self.max_k) as usize,
            }
        } else {
            SegmentCount::Fixed { k: r.whole("segments.k", self.k) as usize }
        };
        let params = SegmentParams {
            features,
            k,
            seed: r.seed("segments.seed", self.seed),
            restarts: r.whole("segments.restarts", self.restarts) as usize,
            ..SegmentParams::default()
        };
        if let Err(errors) = params.check() {
            r.params("segments", errors);
        }
        r.done(params)
    }
}

/// Problems with the names a user gave the segments (by segment index).
pub fn segment_name_problems(names: &[String]) -> BTreeMap<usize, FieldProblem> {
    let mut problems = BTreeMap::new();
    for (i, name) in names.iter().enumerate() {
        let trimmed = name.trim();
        if trimmed.is_empty() {
            problems.insert(i, FieldProblem::Empty);
        } else if names[..i].iter().any(|other| other.trim() == trimmed) {
            problems.insert(i, FieldProblem::Duplicate);
        }
    }
    problems
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn segments_and_names() {
        let params = SegmentForm::default().params(&[]).unwrap();
        assert_eq!(params.k, SegmentCount::BestSilhouette { min: 2, max: 8 });
        assert_eq!(params.features.len(), 3);
        let fixed = SegmentForm { best_k: false, k: 11.0, ..SegmentForm::default() };
        assert_eq!(
            fixed.params(&[]).unwrap_err().get("segments.k"),
            Some(&FieldProblem::Between { low: 2.0, high: 10.0 })
        );
        let names = vec!["top".to_string(), " ".to_string(), "top ".to_string()];
        let problems = segment_name_problems(&names);
        assert_eq!(problems.get(&1), Some(&FieldProblem::Empty));
        assert_eq!(problems.get(&2), Some(&FieldProblem::Duplicate));
        assert!(!problems.contains_key(&0));
    }
}

//! Customer segments by k-means (docs/model.md, "Segments"): features standardised (z-scores), k chosen
//! by the user or by the best silhouette over a range, segments profiled in the features' own
//! units and ranked by value so their numbers and suggested names ("top", "high", ... "dormant")
//! do not depend on k-means' random cluster ids.
//!
//! The per-customer segment names (`SegmentReport::customer_segment_names`) are what tier rules
//! keyed by segment (point multipliers, per-segment thresholds) read.

pub mod kmeans;
pub mod silhouette;

use std::ops::Range;

use serde::{Deserialize, Serialize};

use crate::engine::evaluate::PreparedData;
use crate::engine::features::catalog::{Direction, FeatureKey};
use crate::engine::features::table::{FeatureError, MonthRange};
use crate::engine::features::transform::{mean_and_sd, percentile};
use crate::engine::limits::Limit;
use crate::engine::models::evaluation::seeded_sample;
use crate::engine::models::parallel::{default_threads, map_indexed};
use crate::engine::models::supervised::ParamError;
use crate::engine::progress::{Progress, Stage};
use crate::engine::rng::Rng;

use kmeans::{convergence_tolerance, kmeans, Clustering, Points};
use silhouette::PairwiseDistances;

/// A fixed number of segments; names exist for up to 10.
pub const K: Limit = Limit::whole("k", 2.0, 10.0);
/// The silhouette search range's ends: at most 2..=8, more segments are rarely usable as tiers.
pub const SEARCH_MIN_K: Limit = Limit::whole("min", 2.0, 8.0);
pub const SEARCH_MAX_K: Limit = Limit::whole("max", 2.0, 8.0);
pub const MAX_ITER: Limit = Limit::whole("max_iter", 1.0, 1000.0);
pub const RESTARTS: Limit = Limit::whole("restarts", 1.0, 20.0);
pub const SILHOUETTE_SAMPLE: Limit = Limit::whole("silhouette_sample", 100.0, 5000.0);
pub const MIN_K: usize = K.min as usize;
/// Segment names exist for up to this many segments.
pub const MAX_K: usize = K.max as usize;
pub const MAX_SEARCH_K: usize = SEARCH_MAX_K.max as usize;

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case", deny_unknown_fields)]
pub enum SegmentCount {
    Fixed {
        k: usize,
    },
    /// Tries every k in `min..=max` and keeps the one with the highest silhouette (the smaller k on
    /// ties).
    BestSilhouette {
        min: usize,
        max: usize,
    },
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SegmentParams {
    pub features: Vec<FeatureKey>,
    pub k: SegmentCount,
    pub seed: u64,
    /// k-means iterations, 1..=1000.
    pub max_iter: usize,
    /// k-means++ starts per k, 1..=20; the clustering with the lowest inertia is kept (single
    /// starts land in local optima up to ~10 % worse on real data).
    pub restarts: usize,
    /// Points the silhouette is computed on (a seeded sample), 100..=5000: its cost grows with the
    /// square of this number.
    pub silhouette_sample: usize,
}

impl Default for SegmentParams {
    fn default() -> Self {
        SegmentParams {
            features: vec![],
            k: SegmentCount::BestSilhouette { min: 2, max: 8 },
            seed: 42,
            max_iter: 100,
            restarts: 3,
            silhouette_sample: 2000,
        }
    }
}

impl SegmentParams {
    pub fn check(&self) -> Result<(), Vec<ParamError>> {
        let mut errors = vec![];
        let mut range = |limit: Limit, value: usize| {
            if !limit.contains(value as f64) {
                errors.push(limit.error(value as f64));
            }
        };
        match self.k {
            SegmentCount::Fixed { k } => range(K, k),
            SegmentCount::BestSilhouette { min, max } => {
                range(SEARCH_MIN_K, min);
                // The range's end cannot lie below its start.
                range(Limit { min: SEARCH_MAX_K.min.max(min as f64), ..SEARCH_MAX_K }, max);
            }
        }
        range(MAX_ITER, self.max_iter);
        range(RESTARTS, self.restarts);
        range(SILHOUETTE_SAMPLE, self.silhouette_sample);
        if errors.is_empty() {
            Ok(())
        } else {
            Err(errors)
        }
    }

    fn candidates(&self) -> Vec<usize> {
        match self.k {
            SegmentCount::Fixed { k } => vec![k],
            SegmentCount::BestSilhouette { min, max } => (min..=max).collect(),
        }
    }
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, thiserror::Error)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum SegmentError {
    #[error("{}", errors.iter().map(ToString::to_string).collect::<Vec<_>>().join("; "))]
    InvalidParameters { errors: Vec<ParamError> },
    #[error("choose at least one feature to segment by")]
    NoFeatures,
    #[error("{error}")]
    Feature { error: FeatureError },
    /// A feature has no value for any customer.
    #[error("feature {feature} has no value for any customer; remove it")]
    FeatureWithoutValues { feature: String },
    #[error("{customers} customers cannot form {needed} segments")]
    TooFewCustomers { customers: usize, needed: usize },
    /// Kept for reports saved before k-means became the engine's own (it cannot fail on finite data).
    #[error("k-means failed: {message}")]
    Library { message: String },
}

/// Silhouette and inertia of one k.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct KScore {
    pub k: usize,
    /// On the silhouette sample; `None` if fewer than two clusters came out.
    pub silhouette: Option<f64>,
    /// Sum of squared distances to the cluster centres, over all customers, in z-score units.
    pub inertia: f64,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct SegmentProfile {
    /// 0 = the most valuable segment.
    pub index: usize,
    /// Suggested name (snake case), e.g. `high_value`; the user may rename it.
    pub name: String,
    pub size: usize,
    pub share: f64,
    /// Per feature (same order as `SegmentReport::features`), the mean of the customers' values in
    /// the feature's own units, over the customers that have a value.
    pub feature_means: Vec<Option<f64>>,
    /// Mean net spend per customer (what segments are ranked by), when the data has spend.
    pub mean_spend: Option<f64>,
    /// Share of all net spend, when the total is positive.
    pub revenue_share: Option<f64>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ImputedFeature {
    pub feature: String,
    pub median: f64,
    pub imputed: usize,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct SegmentReport {
    pub params: SegmentParams,
    pub features: Vec<String>,
    /// The k used (empty clusters are dropped, so `segments.len()` can be smaller).
    pub k: usize,
    /// One entry per k tried.
    pub curve: Vec<KScore>,
    pub silhouette_points: usize,
    /// `net_spend` or, without spend in the data, `feature_scores` (mean z-score, signed by each
    /// feature's direction).
    pub ranked_by: String,
    pub imputed: Vec<ImputedFeature>,
    pub segments: Vec<SegmentProfile>,
    /// Segment index per customer (index = customer number).
    pub labels: Vec<u16>,
}

impl SegmentReport {
    /// The segment name of every customer, for tier rules keyed by segment.
    pub fn customer_segment_names(&self) -> Vec<String> {
        self.labels.iter().map(|&l| self.segments[l as usize].name.clone()).collect()
    }
}

/// Names by value rank for `k` segments, most valuable first.
pub fn suggested_names(k: usize) -> Vec<String> {
    let fixed: &[&str] = match k {
        0 => &[],
        1 => &["all"],
        2 => &["high_value", "low_value"],
        3 => &["high_value", "medium_value", "low_value"],
        4 => &["top", "high", "mid", "low"],
        5 => &["top", "high", "mid", "low", "dormant"],
        _ => &[],
    };
    if !fixed.is_empty() || k == 0 {
        return fixed.iter().map(|s| s.to_string()).collect();
    }
    let mut names = vec!["top".to_string(), "high".to_string()];
    names.extend((1..=k - 4).map(|i| format!("mid_{i}")));
    names.extend(["low".to_string(), "dormant".to_string()]);
    names
}

/// Runs k-means on the standardised features of every customer and profiles the segments.
pub fn segment_customers(
    data: &PreparedData,
    params: &SegmentParams,
    progress: &mut dyn Progress,
) -> Result<SegmentReport, SegmentError> {
    let (raw, spend) = feature_columns(data, params)?;
    segment_columns(&raw, spend, params, progress)
}

/// The raw feature columns `params` segments by, and each customer's net spend when known.
fn feature_columns<'a>(
    data: &'a PreparedData,
    params: &SegmentParams,
) -> Result<(Vec<Vec<f64>>, Option<&'a [f64]>), SegmentError> {
    params.check().map_err(|errors| SegmentError::InvalidParameters { errors })?;
    if params.features.is_empty() {
        return Err(SegmentError::NoFeatures);
    }
    let source = data.features();
    let raw = source
        .compute(&params.features, MonthRange::UpTo { to: source.last_month() })
        .map_err(|error| SegmentError::Feature { error })?
        .columns;
    let spend = data.activity.as_ref().ok().map(|a| a.net_spend.as_slice());
    Ok((raw, spend))
}

/// The same on ready-made feature columns (`raw[feature][customer]`, NaN = missing, one column per
/// `params.features`), with each customer's net spend when known (for ranking and revenue shares).
pub fn segment_columns(
    raw: &[Vec<f64>],
    spend: Option<&[f64]>,
    params: &SegmentParams,
    progress: &mut dyn Progress,
) -> Result<SegmentReport, SegmentError> {
    segment_columns_on(raw, spend, params, default_threads(), progress)
}

/// `segment_columns` with the k-means runs spread over `threads` threads: the result is the same for
/// any number of threads.
pub fn segment_columns_on(
    raw: &[Vec<f64>],
    spend: Option<&[f64]>,
    params: &SegmentParams,
    threads: usize,
    progress: &mut dyn Progress,
) -> Result<SegmentReport, SegmentError> {
    let input = Standardised::of(raw, params)?;
    let best = input.best_runs(params, 0..kmeans_runs(params), threads, progress);
    Ok(input.profile(raw, spend, params, &best))
}

/// The k-means runs of a segmentation: one per (k, restart), k by k (`kmeans_runs(params)` in all).
/// Restart r draws from the stream (seed, r) whatever k, so runs can go to any thread or worker in
/// any order; a worker's share is a range of them (`segment_share`), put together by
/// `merge_best_runs` and finished by `segment_from_runs`.
pub fn kmeans_runs(params: &SegmentParams) -> usize {
    params.candidates().len() * params.restarts
}

/// The lowest-inertia clustering of one k among some of its restarts (the earliest on a tie).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct BestRun {
    pub k: usize,
    pub inertia: f64,
    /// Cluster id (below k) of every customer.
    pub labels: Vec<u16>,
}

impl BestRun {
    fn of(k: usize, run: Clustering) -> BestRun {
        BestRun { k, inertia: run.inertia, labels: run.labels.into_iter().map(|l| l as u16).collect() }
    }
}

/// Shares' best runs, in run order, as one: per k the lowest inertia, the earlier share's on a tie
/// (inertias are finite on standardised finite points, so this is the minimum over all restarts
/// with the earliest restart on a tie, whatever the shares).
pub fn merge_best_runs(shares: impl IntoIterator<Item = BestRun>) -> Vec<BestRun> {
    let mut merged: Vec<BestRun> = Vec::new();
    for run in shares {
        match merged.last_mut() {
            Some(last) if last.k == run.k => {
                if run.inertia < last.inertia {
                    *last = run;
                }
            }
            _ => merged.push(run),
        }
    }
    merged
}

/// The best runs among k-means runs `runs` (a worker's share of `kmeans_runs(params)`).
pub fn segment_share(
    data: &PreparedData,
    params: &SegmentParams,
    runs: Range<usize>,
    progress: &mut dyn Progress,
) -> Result<Vec<BestRun>, SegmentError> {
    let (raw, _) = feature_columns(data, params)?;
    let input = Standardised::of(&raw, params)?;
    Ok(input.best_runs(params, runs, default_threads(), progress))
}

/// The segmentation from every k's best run (`merge_best_runs` of all shares); `None` when `best`
/// is not one run per k tried, in order, over every customer.
pub fn segment_from_runs(
    data: &PreparedData,
    params: &SegmentParams,
    best: &[BestRun],
) -> Result<Option<SegmentReport>, SegmentError> {
    let (raw, spend) = feature_columns(data, params)?;
    let input = Standardised::of(&raw, params)?;
    let ks: Vec<usize> = best.iter().map(|b| b.k).collect();
    let fits = |b: &BestRun| b.labels.len() == input.customers && b.labels.iter().all(|&l| usize::from(l) < b.k);
    if ks != params.candidates() || !best.iter().all(fits) {
        return Ok(None);
    }
    Ok(Some(input.profile(&raw, spend, params, best)))
}

/// The features imputed and standardised, as k-means reads them.
struct Standardised {
    names: Vec<String>,
    imputed: Vec<ImputedFeature>,
    /// `[feature][customer]` z-scores.
    columns: Vec<Vec<f64>>,
    /// The same row-major: the distance loops read one customer's features together.
    rows: Vec<f64>,
    customers: usize,
}

impl Standardised {
    fn of(raw: &[Vec<f64>], params: &SegmentParams) -> Result<Standardised, SegmentError> {
        params.check().map_err(|errors| SegmentError::InvalidParameters { errors })?;
        if params.features.is_empty() || raw.len() != params.features.len() {
            return Err(SegmentError::NoFeatures);
        }
        let customers = raw[0].len();
        let needed = params.candidates().iter().copied().max().unwrap_or(MIN_K);
        if customers < needed {
            return Err(SegmentError::TooFewCustomers { customers, needed });
        }
        let names: Vec<String> = params.features.iter().map(ToString::to_string).collect();

        // Median imputation, then z-scores (a constant column becomes 0).
        let mut imputed = Vec::with_capacity(raw.len());
        let mut columns = Vec::with_capacity(raw.len());
        for (column, name) in raw.iter().zip(&names) {
            let median = percentile(column, 50.0);
            if !median.is_finite() {
                return Err(SegmentError::FeatureWithoutValues { feature: name.clone() });
            }
            let filled: Vec<f64> = column.iter().map(|&v| if v.is_finite() { v } else { median }).collect();
            imputed.push(ImputedFeature {
                feature: name.clone(),
                median,
                imputed: column.iter().filter(|v| !v.is_finite()).count(),
            });
            let (mean, sd) = mean_and_sd(&filled);
            columns.push(filled.iter().map(|v| if sd > 0.0 { (v - mean) / sd } else { 0.0 }).collect::<Vec<f64>>());
        }
        let dims = columns.len();
        let mut rows = vec![0.0; customers * dims];
        for (d, column) in columns.iter().enumerate() {
            for (i, &v) in column.iter().enumerate() {
                rows[i * dims + d] = v;
            }
        }
        Ok(Standardised { names, imputed, columns, rows, customers })
    }

    fn points(&self) -> Points<'_> {
        Points { values: &self.rows, dims: self.columns.len() }
    }

    /// Runs `runs` (of `kmeans_runs(params)`, k by k) on `threads` threads, each k's best kept.
    fn best_runs(
        &self,
        params: &SegmentParams,
        runs: Range<usize>,
        threads: usize,
        progress: &mut dyn Progress,
    ) -> Vec<BestRun> {
        let (candidates, restarts) = (params.candidates(), params.restarts);
        let points = self.points();
        let tolerance = convergence_tolerance(&points);
        let (first, total) = (runs.start, runs.len() as u64);
        progress.report(Stage::Training, 0, total);
        let clusterings: Vec<Clustering> = map_indexed(
            runs.len(),
            threads,
            |offset| {
                let item = first + offset;
                let mut rng = Rng::for_stream(params.seed, (item % restarts) as u64);
                kmeans(&points, candidates[item / restarts], params.max_iter, tolerance, &mut rng)
            },
            &mut |offset| progress.report(Stage::Training, offset as u64 + 1, total),
        );
        merge_best_runs(
            clusterings
                .into_iter()
                .enumerate()
                .map(|(offset, run)| BestRun::of(candidates[(first + offset) / restarts], run)),
        )
    }

    /// The segments from every k's best run: k by the silhouette, clusters ranked and profiled.
    fn profile(
        &self,
        raw: &[Vec<f64>],
        spend: Option<&[f64]>,
        params: &SegmentParams,
        best_runs: &[BestRun],
    ) -> SegmentReport {
        let customers = self.customers;
        let sample = seeded_sample(customers, params.silhouette_sample, params.seed);
        let sample_columns: Vec<Vec<f64>> =
            self.columns.iter().map(|c| sample.iter().map(|&i| c[i]).collect()).collect();
        let distances = PairwiseDistances::new(&sample_columns);
        let mut curve = Vec::with_capacity(best_runs.len());
        let mut best: Option<(usize, Option<f64>, &[u16])> = None;
        for lowest in best_runs {
            let k = lowest.k;
            let sample_labels: Vec<usize> = sample.iter().map(|&i| usize::from(lowest.labels[i])).collect();
            let silhouette = distances.silhouette(&sample_labels, k);
            curve.push(KScore { k, silhouette, inertia: lowest.inertia });
            let better = match &best {
                None => true,
                Some((_, best_score, _)) => {
                    silhouette.unwrap_or(f64::NEG_INFINITY) > best_score.unwrap_or(f64::NEG_INFINITY)
                }
            };
            if better {
                best = Some((k, silhouette, &lowest.labels));
            }
        }
        let (k, _, labels) = best.expect("at least one k is tried");
        let cluster_of: Vec<usize> = labels.iter().map(|&l| usize::from(l)).collect();
        let (names, imputed, standardised) = (self.names.clone(), self.imputed.clone(), &self.columns);

        let ranking = rank_clusters(&cluster_of, k, standardised, &params.features, spend);
        let ranked_names = suggested_names(ranking.len());
        let mut segment_of_cluster = vec![u16::MAX; k];
        for (rank, &cluster) in ranking.iter().enumerate() {
            segment_of_cluster[cluster] = rank as u16;
        }
        let labels: Vec<u16> = cluster_of.iter().map(|&c| segment_of_cluster[c]).collect();
        let total_spend: Option<f64> = spend.map(|s| s.iter().filter(|v| v.is_finite()).sum());
        let segments = ranking
            .iter()
            .enumerate()
            .map(|(rank, &cluster)| {
                let members: Vec<usize> = (0..customers).filter(|&c| cluster_of[c] == cluster).collect();
                let mean_of = |values: &[f64]| -> Option<f64> {
                    let finite: Vec<f64> = members.iter().map(|&c| values[c]).filter(|v| v.is_finite()).collect();
                    (!finite.is_empty()).then(|| finite.iter().sum::<f64>() / finite.len() as f64)
                };
                let member_spend = spend.map(|s| members.iter().map(|&c| s[c]).filter(|v| v.is_finite()).sum::<f64>());
                SegmentProfile {
                    index: rank,
                    name: ranked_names[rank].clone(),
                    size: members.len(),
                    share: members.len() as f64 / customers as f64,
                    feature_means: raw.iter().map(|column| mean_of(column)).collect(),
                    mean_spend: spend.and_then(mean_of),
                    revenue_share: match (member_spend, total_spend) {
                        (Some(part), Some(total)) if total > 0.0 => Some(part / total),
                        _ => None,
                    },
                }
            })
            .collect();
        SegmentReport {
            params: params.clone(),
            features: names,
            k,
            curve,
            silhouette_points: sample.len(),
            ranked_by: if spend.is_some() { "net_spend" } else { "feature_scores" }.to_string(),
            imputed,
            segments,
            labels,
        }
    }
}

/// Non-empty clusters, most valuable first: by mean net spend when the data has spend, then by the
/// mean direction-signed z-score of the features, then by cluster id (only for exact ties).
fn rank_clusters(
    labels: &[usize],
    k: usize,
    standardised: &[Vec<f64>],
    features: &[FeatureKey],
    spend: Option<&[f64]>,
) -> Vec<usize> {
    let mut sizes = vec![0usize; k];
    labels.iter().for_each(|&l| sizes[l] += 1);
    let mean_per_cluster = |values: &dyn Fn(usize) -> f64| -> Vec<f64> {
        let mut sums = vec![0.0; k];
        for (c, &l) in labels.iter().enumerate() {
            sums[l] += values(c);
        }
        sums.iter().zip(&sizes).map(|(s, &n)| if n > 0 { s / n as f64 } else { 0.0 }).collect()
    };
    let spend_means = spend.map(|s| mean_per_cluster(&|c| if s[c].is_finite() { s[c] } else { 0.0 }));
    let feature_scores = mean_per_cluster(&|c| {
        standardised
            .iter()
            .zip(features)
            .map(|(column, key)| match key.direction() {
                Direction::HigherIsBetter => column[c],
                Direction::LowerIsBetter => -column[c],
            })
            .sum::<f64>()
    });
    let mut clusters: Vec<usize> = (0..k).filter(|&c| sizes[c] > 0).collect();
    clusters.sort_by(|&a, &b| {
        let by_spend = spend_means.as_ref().map_or(std::cmp::Ordering::Equal, |m| m[b].total_cmp(&m[a]));
        by_spend.then(feature_scores[b].total_cmp(&feature_scores[a])).then(a.cmp(&b))
    });
    clusters
}

#[cfg(test)]
mod tests;

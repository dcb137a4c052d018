//! The no-program baseline of a population split over partitions of its customers (machines,
//! Spark tasks; every customer's events in one partition, each partition loaded on the whole
//! history's calendar): everything the baseline takes from the whole population, gathered per
//! partition in a `BaselinePartial` and merged exactly, then each partition's customers given
//! exactly the baseline the one-machine fit gives them (docs/model.md, "Baseline"; the split in
//! docs/model-notes/scale.md).
//!
//! From the population the baseline takes: the empirical prior (order-free sums of orders,
//! exposure and spend: counts by distinct value, summed smallest first as one machine sums them),
//! the purchase and spend models' fit (`ClvPartial` history counts, fitted once by `fit_partials`),
//! the seasonal factors (first-purchase days and repeat days per month, counted) and the heavy-buyer
//! cut at the 80th percentile of expected purchase rates (a second pass: counts by distinct rate).

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};
use thiserror::Error;

use super::baseline::{
    purchase_params, Baseline, EmpiricalInputs, EmpiricalPrior, FallbackReason, SeasonalCounts, SEASONAL_SLOTS,
};
use super::baseline_model::{baseline_clv_settings, BaselineModel};
use super::settings::SimulateError;
use crate::engine::dataset::EventLog;
use crate::engine::evaluate::PreparedData;
use crate::engine::models::clv::partitioned::{fit_partials, partition_partial, predict_partition};
use crate::engine::models::clv::summary::summarize_unchecked;
use crate::engine::models::clv::{ClvError, ClvModel, ClvPartial, ClvReport, ClvSettings, CustomerValues};

/// Why a split baseline or simulation cannot be made.
#[derive(Debug, Error)]
pub enum SplitError {
    #[error("a simulation split by customer takes a named purchase model: the choice by holdout fit adds customers' expected holdout purchases in file order, which no partition knows; choose BG/NBD, Pareto/NBD or MBG/NBD, or run on one machine")]
    ModelByHoldout,
    #[error("the partitions were loaded on different calendars (data ends {first} and {other}): load every partition on the whole history's span")]
    Calendars { first: i64, other: i64 },
    #[error("no partition summaries to merge")]
    Nothing,
    #[error("partition customers {customers} are not whole blocks of the simulation's id order: partition by block (the first id of every block)")]
    NotWholeBlocks { customers: usize },
    #[error("the partitions' block sums do not cover every block exactly once ({found} of {expected} blocks)")]
    Blocks { found: usize, expected: usize },
    #[error("the partitions disagree on {what}")]
    Mismatch { what: String },
    #[error("a simulation split by customer cannot tell demographic groups (gender, city) apart the way one machine orders them (by customers, then by first appearance in the file); run it on one machine")]
    Demographics,
    #[error("{error}")]
    Clv { error: ClvError },
    #[error("{error}")]
    Simulate { error: SimulateError },
}

/// Counts by distinct value (the value's bits): a sum taken smallest first, or a rank, over them is
/// that over every value counted.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct ValueCounts(pub BTreeMap<u64, u64>);

impl ValueCounts {
    pub fn of(values: impl IntoIterator<Item = f64>) -> ValueCounts {
        let mut counts = ValueCounts::default();
        for v in values {
            *counts.0.entry(v.to_bits()).or_default() += 1;
        }
        counts
    }

    pub fn merge(&mut self, other: &ValueCounts) {
        for (bits, n) in &other.0 {
            *self.0.entry(*bits).or_default() += n;
        }
    }

    pub fn total(&self) -> u64 {
        self.0.values().sum()
    }

    /// (value, count), smallest value first (`f64::total_cmp`).
    pub fn sorted(&self) -> Vec<(f64, u64)> {
        let mut sorted: Vec<(f64, u64)> = self.0.iter().map(|(&bits, &n)| (f64::from_bits(bits), n)).collect();
        sorted.sort_by(|a, b| a.0.total_cmp(&b.0));
        sorted
    }

    /// Every value counted, added smallest first: the one-machine baseline's order-free sum.
    pub fn order_free_sum(&self) -> f64 {
        self.sorted().into_iter().flat_map(|(v, n)| std::iter::repeat_n(v, n as usize)).sum()
    }

    /// The value at position `rank` of all values sorted (`f64::total_cmp`).
    pub fn at_rank(&self, rank: u64) -> Option<f64> {
        let mut below = 0;
        for (v, n) in self.sorted() {
            below += n;
            if rank < below {
                return Some(v);
            }
        }
        None
    }
}

/// What one partition's customers contribute to the population's baseline statistics.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct BaselinePartial {
    pub customers: u64,
    /// The end of the data the partition was loaded to (the fit's calibration end); equal in every
    /// partition loaded on the whole history's span.
    pub as_of: Option<i64>,
    pub orders: ValueCounts,
    pub exposure: ValueCounts,
    pub spend: ValueCounts,
    pub seasonal: SeasonalCounts,
    /// History counts for the purchase and spend models (event logs only).
    pub clv: Option<ClvPartial>,
}

impl BaselinePartial {
    pub fn of(data: &PreparedData) -> BaselinePartial {
        let inputs = EmpiricalInputs::of(data);
        let as_of = data.monthly.as_ref().map(|m| m.as_of);
        let (seasonal, clv) = match (&data.dataset.events, as_of) {
            (Some(log), Some(end)) => (
                SeasonalCounts::of(log, end),
                Some(partition_partial(log, &baseline_clv_settings(end, ClvModel::BgNbd))),
            ),
            _ => (SeasonalCounts::default(), None),
        };
        BaselinePartial {
            customers: inputs.orders.len() as u64,
            as_of,
            orders: ValueCounts::of(inputs.orders.iter().copied()),
            exposure: ValueCounts::of(inputs.exposure.iter().copied()),
            spend: ValueCounts::of(inputs.spend.iter().copied()),
            seasonal,
            clv,
        }
    }

    /// Adds another partition's counts (integer sums per exact key: any order, any split).
    pub fn merge(&mut self, other: &BaselinePartial) -> Result<(), SplitError> {
        if self.customers > 0 && other.customers > 0 && self.as_of != other.as_of {
            let (first, other) = (self.as_of.unwrap_or(0), other.as_of.unwrap_or(0));
            return Err(SplitError::Calendars { first, other });
        }
        if self.customers == 0 {
            self.as_of = other.as_of;
        }
        self.customers += other.customers;
        self.orders.merge(&other.orders);
        self.exposure.merge(&other.exposure);
        self.spend.merge(&other.spend);
        self.seasonal.merge(&other.seasonal);
        match (&mut self.clv, &other.clv) {
            (Some(mine), Some(theirs)) => mine.merge(theirs),
            (None, Some(theirs)) => self.clv = Some(theirs.clone()),
            _ => {}
        }
        Ok(())
    }
}

/// The purchase and spend models fitted on the whole population (the report without per-customer
/// rows, which each partition predicts for its own customers).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct PopulationFit {
    pub report: ClvReport,
    pub model: ClvModel,
    pub settings: ClvSettings,
}

/// Everything the baseline takes from the whole population: with a partition's customers it gives
/// them exactly their one-machine baseline (`Baseline::of_partition`).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct PopulationBaseline {
    pub customers: u64,
    pub prior: EmpiricalPrior,
    pub fit: Option<PopulationFit>,
    /// Why the empirical baseline (or BG/NBD instead of the model asked for) is used.
    pub fallback: Option<FallbackReason>,
    pub seasonality: [f64; SEASONAL_SLOTS],
    /// The 80th percentile of expected purchase rates (`None` until the second pass has counted them).
    pub heavy_cut: Option<f64>,
}

impl PopulationBaseline {
    /// The merged counts of every partition fitted as `fit_baseline_with` fits the whole data: the
    /// model asked for, BG/NBD when it does not fit, the empirical baseline when BG/NBD does not either.
    pub fn fit(total: &BaselinePartial, model: BaselineModel) -> Result<PopulationBaseline, SplitError> {
        let model = model.named().ok_or(SplitError::ModelByHoldout)?;
        let prior = EmpiricalPrior::of_sums(
            total.orders.order_free_sum(),
            total.exposure.order_free_sum(),
            total.spend.order_free_sum(),
        );
        let mut population = PopulationBaseline {
            customers: total.customers,
            prior,
            fit: None,
            fallback: None,
            seasonality: [1.0; SEASONAL_SLOTS],
            heavy_cut: None,
        };
        let (Some(clv), Some(end)) = (&total.clv, total.as_of) else {
            population.fallback = Some(FallbackReason::NoPurchaseDates);
            return Ok(population);
        };
        let fitted = |model: ClvModel| {
            let settings = baseline_clv_settings(end, model);
            fit_partials(clv, &settings).map(|report| PopulationFit { report, model, settings })
        };
        let fit = match fitted(model) {
            Ok(fit) => Ok(fit),
            Err(error) if model != ClvModel::BgNbd => fitted(ClvModel::BgNbd)
                .inspect(|_| population.fallback = Some(FallbackReason::ModelFailed { model, error })),
            Err(error) => Err(error),
        };
        match fit {
            Ok(fit) => {
                let params = purchase_params(&fit.report, fit.model);
                population.seasonality =
                    total.seasonal.factors(&params, fit.report.time_unit, fit.report.calibration_end);
                population.fit = Some(fit);
            }
            Err(error) => population.fallback = Some(FallbackReason::FitFailed { error }),
        }
        Ok(population)
    }

    /// What a worker holding the same data needs to rebuild `baseline` exactly without fitting
    /// anything (`Baseline::of_partition` on the whole data): the data's empirical prior, the fit
    /// behind `baseline` (`None` for the empirical baseline) with its fallback note, and the
    /// baseline's own seasonal factors and heavy-buyer cut. A few kilobytes, whatever the data's size.
    pub fn of_fitted(
        data: &PreparedData,
        baseline: &Baseline,
        fit: Option<PopulationFit>,
        fallback: Option<FallbackReason>,
    ) -> PopulationBaseline {
        PopulationBaseline {
            customers: baseline.customer_count() as u64,
            prior: EmpiricalPrior::of_inputs(&EmpiricalInputs::of(data)),
            fit: fit.map(|fit| PopulationFit {
                report: ClvReport { per_customer: Default::default(), ..fit.report },
                ..fit
            }),
            fallback,
            seasonality: baseline.seasonality,
            heavy_cut: Some(baseline.heavy_cut()),
        }
    }

    /// The heavy-buyer cut from every partition's `heavy_rate_counts`, merged.
    pub fn with_heavy_cut(mut self, rates: &ValueCounts) -> PopulationBaseline {
        self.heavy_cut = Some(rates.at_rank(rates.total() * 4 / 5).unwrap_or(f64::INFINITY));
        self
    }
}

impl Baseline {
    /// The baseline of one partition's customers under the population's statistics: each customer's
    /// draws are exactly those of the one-machine baseline (`fit_baseline_with`). Without the
    /// population's heavy-buyer cut (the first pass) nobody is flagged heavy yet.
    pub fn of_partition(data: &PreparedData, population: &PopulationBaseline) -> Result<Baseline, SplitError> {
        Baseline::of_population(data, population, |log, fit| {
            predict_partition(log, &fit.settings, &fit.report).map_err(|error| SplitError::Clv { error })
        })
    }

    /// The baseline of the whole data `population` was made from (`PopulationBaseline::of_fitted`,
    /// on another worker holding the same data): exactly that worker's, without fitting or
    /// predicting anything. The posteriors read only each customer's calibration history
    /// (frequency, recency, age, mean value), which is the report's `per_customer` rows without the
    /// predictions: the rows `predict_partition` gives, at a fraction of its cost.
    pub fn of_shipped(data: &PreparedData, population: &PopulationBaseline) -> Result<Baseline, SplitError> {
        Baseline::of_population(data, population, |log, fit| {
            let settings = &fit.settings;
            let mut summary = summarize_unchecked(log, settings.calibration_end, None, settings.time_unit);
            // The columns are kept while the baseline is built: without the room they grew into.
            summary.shrink_to_fit();
            Ok(CustomerValues::history_only(summary))
        })
    }

    /// The baseline under the population's statistics, each customer's history rows from `per_customer`.
    fn of_population(
        data: &PreparedData,
        population: &PopulationBaseline,
        per_customer: impl FnOnce(&EventLog, &PopulationFit) -> Result<CustomerValues, SplitError>,
    ) -> Result<Baseline, SplitError> {
        let inputs = EmpiricalInputs::of(data);
        let mut baseline = Baseline::empirical_with(data, &inputs, population.prior);
        if let (Some(fit), Some(log)) = (&population.fit, &data.dataset.events) {
            let per_customer = per_customer(log, fit)?;
            let report = ClvReport { per_customer, ..fit.report.clone() };
            baseline = baseline.with_posteriors(&report, &purchase_params(&report, fit.model));
            baseline.seasonality = population.seasonality;
        }
        match population.heavy_cut {
            Some(cut) => baseline.mark_heavy_from(cut),
            None => baseline.heavy = vec![false; baseline.customer_count()],
        }
        Ok(baseline)
    }

    /// This partition's expected purchase rates counted by value (the heavy-buyer cut's input).
    pub fn heavy_rate_counts(&self) -> ValueCounts {
        ValueCounts::of(self.expected_rates())
    }
}

//! Turns per-customer features into one score per customer, by the model a scenario chooses.

pub mod growth_value;

use super::features::Activity;
use super::scenario::Scoring;

/// One score per customer (index = customer number).
pub fn score_customers(scoring: &Scoring, activity: &Activity) -> Vec<f64> {
    match scoring {
        Scoring::GrowthValue { amount, orders, interactions } => growth_value::scores(
            activity,
            growth_value::Weights { amount: *amount, orders: *orders, interactions: *interactions },
        ),
    }
}

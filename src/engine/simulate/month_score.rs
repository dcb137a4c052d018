//! Scores in the simulator. Scores that add up month by month (growth value, linear points on
//! counts and amounts, single additive metrics, qualifying points) move with the simulated
//! purchases through the same qualifying windows as the replay. Scores that rank or normalise
//! across customers or use rates (weighted score, RFM, funnel, rating, recency, averages) cannot be
//! updated one customer at a time; they stay at their end-of-history value, so tiers then move only
//! through the downgrade rules. The page says so.

use crate::engine::features::catalog::{Feature, FeatureKey};
use crate::engine::features::monthly::MonthTotals;
use crate::engine::roles::EventKind;
use crate::engine::scenario::{CriterionMeasure, FeatureWeight, Scenario, Scoring};

use super::baseline::Engagement;

/// What one customer did in one month, in the terms scores are made of.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct MonthActivity {
    pub purchases: f64,
    /// Net spend (purchases minus refunds).
    pub spend: f64,
    /// Views, carts, favourites, reviews, browsing, active days and unpaid checkouts.
    pub engagement: Engagement,
    pub positive_comments: f64,
    pub negative_comments: f64,
    pub refunds: f64,
}

impl MonthActivity {
    pub fn from_history(t: &MonthTotals, has_payments: bool) -> MonthActivity {
        MonthActivity {
            purchases: f64::from(t.purchases),
            spend: t.net_spend(),
            engagement: Engagement {
                views: f64::from(t.views),
                carts: f64::from(t.carts),
                favorites: f64::from(t.favorites),
                reviews: f64::from(t.reviews),
                browse_minutes: t.browse_minutes,
                active_days: f64::from(t.active_days),
                unpaid_checkouts: if has_payments {
                    f64::from(t.orders_placed.saturating_sub(t.purchases))
                } else {
                    0.0
                },
            },
            positive_comments: f64::from(t.positive_comments),
            negative_comments: f64::from(t.negative_comments),
            refunds: f64::from(t.refunds),
        }
    }

    /// A simulated month: the purchases drawn plus the customer's usual engagement while active.
    pub fn simulated(purchases: f64, spend: f64, engagement: &Engagement, active: bool) -> MonthActivity {
        let engagement = if active { *engagement } else { Engagement::default() };
        MonthActivity { purchases, spend, engagement, ..MonthActivity::default() }
    }

    fn feature(&self, feature: Feature) -> Option<f64> {
        Some(match feature {
            Feature::Monetary => self.spend,
            Feature::Frequency | Feature::Payments => self.purchases,
            Feature::Orders => self.purchases + self.engagement.unpaid_checkouts,
            Feature::Views => self.engagement.views,
            Feature::Carts => self.engagement.carts,
            Feature::BrowseMinutes => self.engagement.browse_minutes,
            Feature::ActiveDays => self.engagement.active_days,
            Feature::Reviews => self.engagement.reviews,
            Feature::PositiveFeedback => self.positive_comments,
            Feature::NegativeFeedback => self.negative_comments,
            Feature::Refunds => self.refunds,
            Feature::Interactions => self.engagement.interactions(),
            _ => return None,
        })
    }
}

/// How a scenario's score changes month by month in the simulator.
#[derive(Clone, Debug, PartialEq)]
pub enum MonthScorer {
    /// Score = intercept + sum over the window of each month's contribution, plus `per_month` for
    /// every month of membership in the window (level growth's constant; 0 for the others).
    Additive { intercept: f64, terms: Vec<(Feature, f64)>, per_month: f64 },
    /// Score held at the end-of-history value.
    Frozen,
}

impl MonthScorer {
    pub fn for_scenario(scenario: &Scenario) -> MonthScorer {
        let additive = |intercept: f64, terms: &[FeatureWeight]| {
            let mut out = Vec::new();
            for t in terms {
                match &t.feature {
                    FeatureKey::Builtin(f) if MonthActivity::default().feature(*f).is_some() => {
                        out.push((*f, t.weight))
                    }
                    _ if t.weight == 0.0 => {}
                    _ => return MonthScorer::Frozen,
                }
            }
            MonthScorer::Additive { intercept, terms: out, per_month: 0.0 }
        };
        match &scenario.scoring {
            Scoring::GrowthValue { amount, orders, interactions } => MonthScorer::Additive {
                intercept: 0.0,
                terms: vec![
                    (Feature::Monetary, *amount),
                    (Feature::Frequency, *orders),
                    (Feature::Interactions, *interactions),
                ],
                per_month: 0.0,
            },
            Scoring::LevelGrowth { amount, orders, interactions, theta, gamma } => MonthScorer::Additive {
                intercept: 0.0,
                terms: vec![
                    (Feature::Monetary, theta * amount),
                    (Feature::Frequency, theta * orders),
                    (Feature::Interactions, theta * interactions),
                ],
                per_month: *gamma,
            },
            Scoring::LinearPoints { intercept, terms } => additive(*intercept, terms),
            Scoring::Metric { feature } => additive(0.0, &[FeatureWeight { feature: feature.clone(), weight: 1.0 }]),
            Scoring::QualifyingPoints => {
                // Base points: spend x rate plus per-event points, never below zero per window (the
                // ledger floors a window's qualifying points at zero; months here are summed first).
                let per = |kind: EventKind| {
                    scenario.points.per_event.iter().filter(|e| e.event == kind).map(|e| e.points).sum::<f64>()
                };
                let mut terms = vec![(Feature::Monetary, scenario.points.per_currency_unit)];
                for (kind, feature) in [
                    (EventKind::Pay, Feature::Payments),
                    (EventKind::View, Feature::Views),
                    (EventKind::Cart, Feature::Carts),
                    (EventKind::Review, Feature::Reviews),
                    (EventKind::Refund, Feature::Refunds),
                ] {
                    let points = per(kind);
                    if points != 0.0 {
                        terms.push((feature, points));
                    }
                }
                MonthScorer::Additive { intercept: 0.0, terms, per_month: 0.0 }
            }
            Scoring::WeightedScore { .. }
            | Scoring::FunnelConversion { .. }
            | Scoring::Rating { .. }
            | Scoring::Rfm => MonthScorer::Frozen,
        }
    }

    pub fn is_frozen(&self) -> bool {
        matches!(self, MonthScorer::Frozen)
    }

    /// The second qualifying criterion's measure (orders or spend), which adds up like a score.
    pub fn for_measure(measure: CriterionMeasure) -> MonthScorer {
        MonthScorer::Additive { intercept: 0.0, terms: vec![(measure.feature(), 1.0)], per_month: 0.0 }
    }

    /// What every month of membership adds whatever the customer does (level growth's constant).
    pub fn per_month(&self) -> f64 {
        match self {
            MonthScorer::Additive { per_month, .. } => *per_month,
            MonthScorer::Frozen => 0.0,
        }
    }

    /// What one month's activity adds to the window sum (without `per_month`).
    pub fn contribution(&self, month: &MonthActivity) -> f64 {
        match self {
            MonthScorer::Additive { terms, .. } => {
                terms.iter().map(|(f, w)| w * month.feature(*f).unwrap_or(0.0)).sum()
            }
            MonthScorer::Frozen => 0.0,
        }
    }

    pub fn intercept(&self) -> f64 {
        match self {
            MonthScorer::Additive { intercept, .. } => *intercept,
            MonthScorer::Frozen => 0.0,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn growth_value_adds_up_by_month() {
        // Template growth value 0.7 / 0.2 / 0.1: a month with 2 purchases worth 300 and 5 views
        // adds 0.7 * 300 + 0.2 * 2 + 0.1 * 5 = 210.9.
        let scorer = MonthScorer::for_scenario(&Scenario::template());
        let engagement = Engagement { views: 5.0, ..Engagement::default() };
        let month = MonthActivity { purchases: 2.0, spend: 300.0, engagement, ..MonthActivity::default() };
        assert!((scorer.contribution(&month) - 210.9).abs() < 1e-9);
    }

    #[test]
    fn level_growth_adds_theta_times_growth_value_and_gamma_each_month() {
        // theta 0.5, gamma 10 on the template weights: the month above adds 0.5 * 210.9 = 105.45
        // from activity and 10 for the month.
        let mut s = Scenario::template();
        s.scoring = Scoring::LevelGrowth { amount: 0.7, orders: 0.2, interactions: 0.1, theta: 0.5, gamma: 10.0 };
        let scorer = MonthScorer::for_scenario(&s);
        let engagement = Engagement { views: 5.0, ..Engagement::default() };
        let month = MonthActivity { purchases: 2.0, spend: 300.0, engagement, ..MonthActivity::default() };
        assert!((scorer.contribution(&month) - 105.45).abs() < 1e-9);
        assert_eq!(scorer.per_month(), 10.0);
        assert_eq!(MonthScorer::for_scenario(&Scenario::template()).per_month(), 0.0);
    }

    #[test]
    fn normalised_and_rate_models_are_frozen() {
        let mut s = Scenario::template();
        s.scoring = Scoring::Rfm;
        assert!(MonthScorer::for_scenario(&s).is_frozen());
        s.scoring = Scoring::Metric { feature: Feature::RecencyDays.into() };
        assert!(MonthScorer::for_scenario(&s).is_frozen());
        s.scoring = Scoring::Metric { feature: Feature::Monetary.into() };
        assert!(!MonthScorer::for_scenario(&s).is_frozen());
    }
}

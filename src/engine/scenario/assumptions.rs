//! How customers respond to a benefit scheme: the simulator's behavioural assumptions, each with the
//! default, plausible range and source (docs/model.md#simulator-assumptions). Vendors' case-study claims
//! (churn -15 %, spend +20 %) are marketing, not evidence, and are not used anywhere.

use serde::{Deserialize, Serialize};

use crate::engine::limits::Limit;

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Assumptions {
    /// Extra purchase rate right at the next tier's bound, rising with progress toward it inside the
    /// qualifying window (0.20 = +20 % at the goal).
    pub goal_gradient: f64,
    /// Price elasticity of sales for a discount (a 5 % discount lifts sales 2.6 x 5 % = 13 %).
    pub discount_elasticity: f64,
    /// Share of a discount's extra sales that is extra purchase frequency; the rest is brand
    /// switching and timing that the platform would have had anyway.
    pub discount_frequency_share: f64,
    /// Change in purchase rate after a demotion, compared with never having been promoted.
    pub demotion_effect: f64,
    /// How strongly the heaviest fifth of buyers responds, relative to everyone else.
    pub heavy_buyer_response: f64,
    /// Months over which the response to the scheme fades (e-folding time; 0 = it never fades).
    pub response_fade_months: f64,
    /// Change in purchase rate in the month after an upgrade (a small dip, still above the old
    /// baseline because the new tier's benefits apply).
    pub post_upgrade_dip: f64,
    /// Reduction of the dropout probability for members of the scheme (no evidence-based default).
    pub churn_reduction: f64,
}

impl Default for Assumptions {
    fn default() -> Self {
        let mut assumptions = Assumptions {
            goal_gradient: 0.0,
            discount_elasticity: 0.0,
            discount_frequency_share: 0.0,
            demotion_effect: 0.0,
            heavy_buyer_response: 0.0,
            response_fade_months: 0.0,
            post_upgrade_dip: 0.0,
            churn_reduction: 0.0,
        };
        for a in ASSUMPTIONS {
            a.set(&mut assumptions, a.default);
        }
        assumptions
    }
}

impl Assumptions {
    /// Every effect switched off: the scheme changes costs but no behaviour.
    pub fn no_response() -> Assumptions {
        Assumptions {
            goal_gradient: 0.0,
            discount_elasticity: 0.0,
            discount_frequency_share: 0.0,
            demotion_effect: 0.0,
            heavy_buyer_response: 1.0,
            response_fade_months: 0.0,
            post_upgrade_dip: 0.0,
            churn_reduction: 0.0,
        }
    }
}

/// One assumption's metadata: what the assumptions panel and the sensitivity analysis show.
#[derive(Clone, Copy, Debug, PartialEq, Serialize)]
pub struct Assumption {
    pub key: &'static str,
    pub default: f64,
    /// The literature's plausible range: what sensitivity varies it over.
    pub low: f64,
    pub high: f64,
    /// What a scenario may hold: wider than the literature's range (that is what sensitivity is
    /// for), but not beyond what makes sense.
    pub limit: Limit,
    pub source: &'static str,
}

impl Assumption {
    pub fn get(&self, a: &Assumptions) -> f64 {
        match self.key {
            "goal_gradient" => a.goal_gradient,
            "discount_elasticity" => a.discount_elasticity,
            "discount_frequency_share" => a.discount_frequency_share,
            "demotion_effect" => a.demotion_effect,
            "heavy_buyer_response" => a.heavy_buyer_response,
            "response_fade_months" => a.response_fade_months,
            "post_upgrade_dip" => a.post_upgrade_dip,
            "churn_reduction" => a.churn_reduction,
            _ => f64::NAN,
        }
    }

    pub fn set(&self, a: &mut Assumptions, value: f64) {
        match self.key {
            "goal_gradient" => a.goal_gradient = value,
            "discount_elasticity" => a.discount_elasticity = value,
            "discount_frequency_share" => a.discount_frequency_share = value,
            "demotion_effect" => a.demotion_effect = value,
            "heavy_buyer_response" => a.heavy_buyer_response = value,
            "response_fade_months" => a.response_fade_months = value,
            "post_upgrade_dip" => a.post_upgrade_dip = value,
            "churn_reduction" => a.churn_reduction = value,
            _ => {}
        }
    }
}

/// One row per effect (docs/model.md#simulator-assumptions).
pub const ASSUMPTIONS: [Assumption; 8] = [
    Assumption {
        key: "goal_gradient",
        default: 0.20,
        low: 0.10,
        high: 0.25,
        limit: Limit::new("assumptions.goal_gradient", 0.0, 0.9),
        source: "Kivetz, Urminsky & Zheng 2006 (JMR): inter-purchase time ~20 % shorter near the reward",
    },
    Assumption {
        key: "discount_elasticity",
        default: 2.6,
        low: 1.8,
        high: 3.0,
        limit: Limit::new("assumptions.discount_elasticity", 0.0, 10.0),
        source: "Bijmolt, van Heerde & Pieters 2005 (meta-analysis of price elasticity)",
    },
    Assumption {
        key: "discount_frequency_share",
        default: 0.15,
        low: 0.05,
        high: 0.33,
        limit: Limit::new("assumptions.discount_frequency_share", 0.0, 1.0),
        source: "Gupta 1988; van Heerde, Gupta & Wittink 2003 (decomposition of the sales bump)",
    },
    Assumption {
        key: "demotion_effect",
        default: -0.15,
        low: -0.35,
        high: -0.10,
        limit: Limit::new("assumptions.demotion_effect", -0.9, 0.0),
        source: "Wagner, Hennig-Thurau & Rudolph 2009 (JM): spending after demotion",
    },
    Assumption {
        key: "heavy_buyer_response",
        default: 0.2,
        low: 0.1,
        high: 0.5,
        limit: Limit::new("assumptions.heavy_buyer_response", 0.0, 1.0),
        source: "Liu 2007 (JM): heavy buyers barely change; light and moderate buyers respond",
    },
    Assumption {
        key: "response_fade_months",
        default: 7.5,
        low: 6.0,
        high: 9.0,
        limit: Limit::new("assumptions.response_fade_months", 0.0, 120.0),
        source: "Liu 2007; Taylor & Hollenbeck 2021: the effect fades over 6-9 months",
    },
    Assumption {
        key: "post_upgrade_dip",
        default: -0.05,
        low: -0.10,
        high: 0.0,
        limit: Limit::new("assumptions.post_upgrade_dip", -0.9, 0.9),
        source: "Kivetz et al. 2006; Nunes & Dreze 2010: rate dips after a reward, stays above baseline",
    },
    Assumption {
        key: "churn_reduction",
        default: 0.0,
        low: 0.0,
        high: 0.10,
        limit: Limit::new("assumptions.churn_reduction", 0.0, 1.0),
        source: "No evidence-based default; the seeds' -15 % churn is a marketing claim",
    },
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn defaults_sit_inside_their_ranges() {
        let defaults = Assumptions::default();
        for a in ASSUMPTIONS {
            let value = a.get(&defaults);
            assert_eq!(value, a.default, "{}", a.key);
            assert!(a.low <= value && value <= a.high, "{}", a.key);
            assert!(a.limit.contains(a.low) && a.limit.contains(a.high), "{}", a.key);
            assert_eq!(a.limit.field.strip_prefix("assumptions."), Some(a.key));
        }
        assert_eq!(defaults.discount_elasticity, 2.6);
    }
}

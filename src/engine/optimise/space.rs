//! The searched parameters of a scheme: one coordinate per setting the ranges open, how a point
//! (one value per coordinate) becomes a scenario, and where the current scheme sits.

use serde::{Deserialize, Serialize};

use super::ranges::{SearchRanges, ValueRange};
use crate::engine::scenario::{HeadStart, HeadStartMembers, Scenario, Thresholds};

/// One searched setting.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Parameter {
    /// The threshold of tier `tier` (1-based: the first tier has none), in the scheme's unit.
    Threshold {
        tier: usize,
    },
    DiscountPercent {
        tier: usize,
    },
    PointsMultiplier {
        tier: usize,
    },
    /// Lowest tier with free shipping (the tier count: none).
    FreeShippingFrom,
    WelcomePoints,
}

impl Parameter {
    /// Takes whole values only (a tier).
    pub fn is_whole(self) -> bool {
        matches!(self, Parameter::FreeShippingFrom)
    }
}

/// The coordinates the ranges open, each with its range.
#[derive(Clone, Debug, PartialEq)]
pub struct Space {
    pub coordinates: Vec<(Parameter, ValueRange)>,
}

impl Space {
    pub fn of(ranges: &SearchRanges) -> Space {
        let mut coordinates = Vec::new();
        let per_tier = |list: &Option<Vec<ValueRange>>, first: usize, make: fn(usize) -> Parameter| {
            list.iter().flatten().enumerate().map(|(i, r)| (make(i + first), *r)).collect::<Vec<_>>()
        };
        coordinates.extend(per_tier(&ranges.thresholds, 1, |tier| Parameter::Threshold { tier }));
        coordinates.extend(per_tier(&ranges.discount_percent, 0, |tier| Parameter::DiscountPercent { tier }));
        coordinates.extend(per_tier(&ranges.points_multiplier, 0, |tier| Parameter::PointsMultiplier { tier }));
        if let Some(r) = ranges.free_shipping_from {
            coordinates.push((Parameter::FreeShippingFrom, r));
        }
        if let Some(r) = ranges.welcome_points {
            coordinates.push((Parameter::WelcomePoints, r));
        }
        Space { coordinates }
    }

    pub fn len(&self) -> usize {
        self.coordinates.len()
    }

    pub fn is_empty(&self) -> bool {
        self.coordinates.is_empty()
    }

    /// The current scheme's values, moved into the ranges.
    pub fn start(&self, scheme: &Scenario) -> Vec<f64> {
        self.coordinates.iter().map(|(p, r)| snap(*p, r.clamp(value_of(scheme, *p)))).collect()
    }

    /// The middle of every range.
    pub fn middle(&self) -> Vec<f64> {
        self.coordinates.iter().map(|(p, r)| snap(*p, r.min + r.width() / 2.0)).collect()
    }

    /// Where a search starts: the current values moved into the ranges, or, when they make no
    /// valid scheme (say target shares over 100 %), the middle of every range.
    pub fn starting_point(&self, base: &Scenario) -> Option<Vec<f64>> {
        [self.start(base), self.middle()].into_iter().find(|p| self.apply(base, p).is_some())
    }

    /// `base` with every coordinate set to `point`'s value. `None` when the point is not a valid
    /// scheme (thresholds out of order, target shares over 100 %).
    pub fn apply(&self, base: &Scenario, point: &[f64]) -> Option<Scenario> {
        let mut s = base.clone();
        for ((parameter, _), &value) in self.coordinates.iter().zip(point) {
            set_value(&mut s, *parameter, value);
        }
        if let Thresholds::TargetShares { percent } = &mut s.tiers.thresholds {
            percent[0] = 100.0 - percent[1..].iter().sum::<f64>();
            if percent[0] < 0.0 {
                return None;
            }
        }
        s.validate().is_empty().then_some(s)
    }
}

/// Whole parameters are rounded.
pub fn snap(parameter: Parameter, value: f64) -> f64 {
    if parameter.is_whole() {
        value.round()
    } else {
        value
    }
}

/// The scheme's value of one parameter.
pub fn value_of(s: &Scenario, parameter: Parameter) -> f64 {
    match parameter {
        Parameter::Threshold { tier } => match &s.tiers.thresholds {
            Thresholds::Absolute { lower_bounds } => lower_bounds[tier - 1],
            Thresholds::TargetShares { percent } => percent[tier],
            Thresholds::Quantiles { quantiles } => quantiles[tier - 1],
        },
        Parameter::DiscountPercent { tier } => s.benefits[tier].discount_percent,
        Parameter::PointsMultiplier { tier } => s.benefits[tier].points_multiplier,
        Parameter::FreeShippingFrom => {
            s.benefits.iter().rposition(|b| !b.free_shipping).map_or(0, |last_without| last_without + 1) as f64
        }
        Parameter::WelcomePoints => s.head_start.as_ref().map_or(0.0, |h| h.welcome_points),
    }
}

fn set_value(s: &mut Scenario, parameter: Parameter, value: f64) {
    match parameter {
        Parameter::Threshold { tier } => match &mut s.tiers.thresholds {
            Thresholds::Absolute { lower_bounds } => lower_bounds[tier - 1] = value,
            Thresholds::TargetShares { percent } => percent[tier] = value,
            Thresholds::Quantiles { quantiles } => quantiles[tier - 1] = value,
        },
        Parameter::DiscountPercent { tier } => s.benefits[tier].discount_percent = value,
        Parameter::PointsMultiplier { tier } => s.benefits[tier].points_multiplier = value,
        Parameter::FreeShippingFrom => {
            let from = value.round().max(0.0) as usize;
            for (tier, b) in s.benefits.iter_mut().enumerate() {
                b.free_shipping = tier >= from;
            }
        }
        Parameter::WelcomePoints => {
            let progress_percent = s.head_start.as_ref().map_or(0.0, |h| h.progress_percent);
            s.head_start = if value > 0.0 || progress_percent > 0.0 {
                let members = s.head_start.as_ref().map_or(HeadStartMembers::All, |h| h.members);
                Some(HeadStart { members, welcome_points: value, progress_percent })
            } else {
                None
            };
        }
    }
}

//! Edits of a scenario's tiers that keep every per-tier list in step: adding and removing a tier
//! (names, benefits, bounds, shares, retain and segment bounds, level bonus) and switching how the
//! tier thresholds are set, keeping the tiers where the last result put them.

use crate::engine::scenario::limits::TIER_COUNT;
use crate::engine::scenario::{
    Combine, Coupons, CriterionMeasure, RetainRule, Scenario, SecondCriterion, Thresholds, TierBenefits,
};
use crate::ui::choices::ThresholdKind;

/// The engine's tier count range.
pub const MIN_TIERS: usize = TIER_COUNT.min as usize;
pub const MAX_TIERS: usize = TIER_COUNT.max as usize;

/// Where the last result put the tiers, for hints and for switching threshold kinds.
#[derive(Clone, Debug, PartialEq)]
pub struct OutcomeHint {
    pub lower_bounds: Vec<f64>,
    /// Share of customers per tier, 0-1.
    pub shares: Vec<f64>,
}

/// Switches the kind of thresholds, starting from where the last result put the tiers when known,
/// so the tiers stay roughly where they were.
pub fn switch_thresholds(scenario: &mut Scenario, kind: ThresholdKind, hint: Option<&OutcomeHint>) {
    let tiers = scenario.tier_count();
    if kind == ThresholdKind::of(&scenario.tiers.thresholds) {
        return;
    }
    let usable = hint.filter(|h| h.shares.len() == tiers && h.lower_bounds.len() + 1 == tiers);
    // Shares per tier in percent: from the result, else from the current settings, else equal.
    let shares: Vec<f64> = match (usable, &scenario.tiers.thresholds) {
        (Some(h), _) => h.shares.iter().map(|s| s * 100.0).collect(),
        (None, Thresholds::TargetShares { percent }) => percent.clone(),
        (None, Thresholds::Quantiles { quantiles }) => shares_from_quantiles(quantiles),
        (None, Thresholds::Absolute { .. }) => vec![100.0 / tiers as f64; tiers],
    };
    scenario.tiers.thresholds = match kind {
        ThresholdKind::Absolute => {
            let bounds = match usable {
                Some(h) if h.lower_bounds.iter().all(|b| b.is_finite()) => {
                    h.lower_bounds.iter().map(|b| (b * 10.0).round() / 10.0).collect()
                }
                _ => (1..tiers).map(|i| 100.0 * 5f64.powi(i as i32 - 1)).collect(),
            };
            Thresholds::Absolute { lower_bounds: bounds }
        }
        ThresholdKind::TargetShares => Thresholds::TargetShares { percent: shares_summing_to_100(shares) },
        ThresholdKind::Quantiles => {
            let shares = shares_summing_to_100(shares);
            let mut cumulative = 0.0;
            let quantiles = shares[..tiers - 1]
                .iter()
                .map(|s| {
                    cumulative += s;
                    (cumulative * 10.0).round() / 1000.0
                })
                .collect();
            Thresholds::Quantiles { quantiles }
        }
    };
}

fn shares_from_quantiles(quantiles: &[f64]) -> Vec<f64> {
    let mut previous = 0.0;
    let mut shares: Vec<f64> = quantiles
        .iter()
        .map(|q| {
            let share = (q - previous) * 100.0;
            previous = *q;
            share
        })
        .collect();
    shares.push((1.0 - previous) * 100.0);
    shares
}

/// Rounds to one decimal and puts the rounding remainder on the first (largest, lowest) tier so
/// the shares sum to exactly 100.
fn shares_summing_to_100(raw: Vec<f64>) -> Vec<f64> {
    let mut rounded: Vec<f64> = raw.iter().map(|p| (p * 10.0).round() / 10.0).collect();
    let rest: f64 = rounded.iter().skip(1).sum();
    if let Some(first) = rounded.first_mut() {
        *first = ((100.0 - rest) * 10.0).round() / 10.0;
    }
    rounded
}

pub fn blank_benefits() -> TierBenefits {
    TierBenefits::NONE
}

/// A bound one step above the last (doubling, or +100 from zero and below).
fn next_bound(bounds: &[f64]) -> f64 {
    bounds.last().map_or(100.0, |b| if *b > 0.0 { b * 2.0 } else { b + 100.0 })
}

pub fn add_tier(scenario: &mut Scenario) {
    let tiers = scenario.tier_count();
    if tiers >= MAX_TIERS {
        return;
    }
    scenario.tiers.names.push(format!("Tier {}", tiers + 1));
    let benefits = scenario.benefits.last().cloned().unwrap_or_else(blank_benefits);
    scenario.benefits.push(benefits);
    match &mut scenario.tiers.thresholds {
        Thresholds::Absolute { lower_bounds } => {
            let next = next_bound(lower_bounds);
            lower_bounds.push(next);
        }
        Thresholds::TargetShares { percent } => {
            // Split the current top tier in two, keeping the sum.
            let top = percent.last().copied().unwrap_or(0.0);
            let half = (top * 5.0).round() / 10.0;
            if let Some(last) = percent.last_mut() {
                *last = top - half;
            }
            percent.push(half);
        }
        Thresholds::Quantiles { quantiles } => {
            // Halfway between the last cut and the top.
            let last = quantiles.last().copied().unwrap_or(0.5);
            quantiles.push(((last + 1.0) / 2.0 * 1000.0).round() / 1000.0);
        }
    }
    if let Some(RetainRule::Absolute { lower_bounds }) = &mut scenario.tiers.retain {
        let next = next_bound(lower_bounds);
        lower_bounds.push(next);
    }
    if let Some(segments) = &mut scenario.tiers.segment_thresholds {
        for o in &mut segments.overrides {
            let next = next_bound(&o.lower_bounds);
            o.lower_bounds.push(next);
        }
    }
    if let Some(second) = &mut scenario.tiers.second_criterion {
        let next = next_bound(&second.lower_bounds);
        second.lower_bounds.push(next);
        if let Some(retain) = &mut second.retain_bounds {
            let next = next_bound(retain);
            retain.push(next);
        }
    }
    if let Some(bonus) = &mut scenario.points.level_bonus {
        let next = bonus.k.last().map_or(1.0, |k| k + 0.2);
        bonus.k.push((next * 100.0).round() / 100.0);
    }
}

pub fn remove_tier(scenario: &mut Scenario, index: usize) {
    let tiers = scenario.tier_count();
    if tiers <= MIN_TIERS || index >= tiers {
        return;
    }
    scenario.tiers.names.remove(index);
    if index < scenario.benefits.len() {
        scenario.benefits.remove(index);
    }
    // Tier i > 0 starts at bound i - 1; removing the first tier drops the bound of the second.
    let bound = index.saturating_sub(1);
    let drop_bound = |bounds: &mut Vec<f64>| {
        if bound < bounds.len() {
            bounds.remove(bound);
        }
    };
    match &mut scenario.tiers.thresholds {
        Thresholds::Absolute { lower_bounds } => drop_bound(lower_bounds),
        Thresholds::Quantiles { quantiles } => drop_bound(quantiles),
        Thresholds::TargetShares { percent } => {
            if index < percent.len() {
                let freed = percent.remove(index);
                // The customers of the removed tier go to the tier below (or above, for the first).
                let neighbour = index.saturating_sub(1).min(percent.len().saturating_sub(1));
                if let Some(slot) = percent.get_mut(neighbour) {
                    *slot += freed;
                }
            }
        }
    }
    if let Some(RetainRule::Absolute { lower_bounds }) = &mut scenario.tiers.retain {
        drop_bound(lower_bounds);
    }
    if let Some(segments) = &mut scenario.tiers.segment_thresholds {
        for o in &mut segments.overrides {
            drop_bound(&mut o.lower_bounds);
        }
    }
    if let Some(second) = &mut scenario.tiers.second_criterion {
        drop_bound(&mut second.lower_bounds);
        if let Some(retain) = &mut second.retain_bounds {
            drop_bound(retain);
        }
    }
    if let Some(bonus) = &mut scenario.points.level_bonus {
        if index < bonus.k.len() {
            bonus.k.remove(index);
        }
    }
}

/// Sets the second qualifying criterion's measure (`None` removes it). A new criterion starts with
/// "or" and bounds that double per tier (2, 4, 8 ... orders; 1,000, 2,000 ... spend); switching the
/// measure keeps the rest.
pub fn set_second_measure(scenario: &mut Scenario, measure: Option<CriterionMeasure>) {
    let Some(measure) = measure else {
        scenario.tiers.second_criterion = None;
        return;
    };
    let bounds = scenario.tier_count().saturating_sub(1);
    let first = match measure {
        CriterionMeasure::Orders => 2.0,
        CriterionMeasure::Spend => 1000.0,
    };
    match &mut scenario.tiers.second_criterion {
        Some(second) if second.measure == measure => {}
        slot => {
            let combine = slot.as_ref().map_or(Combine::Or, |s| s.combine);
            *slot = Some(SecondCriterion {
                measure,
                combine,
                lower_bounds: (0..bounds).map(|i| first * 2f64.powi(i as i32)).collect(),
                retain_bounds: None,
            });
        }
    }
}

/// Separate bounds to keep a tier on the second criterion (starting at 80 % of the entry bounds,
/// rounded down to whole orders), or the entry bounds again.
pub fn set_second_retain(scenario: &mut Scenario, separate: bool) {
    if let Some(second) = &mut scenario.tiers.second_criterion {
        second.retain_bounds = separate.then(|| second.lower_bounds.iter().map(|b| (b * 0.8).floor()).collect());
    }
}

/// Gives tier `tier` coupons (one of 10 a month on orders of 100, 30 % used) or takes them away.
pub fn set_coupons(scenario: &mut Scenario, tier: usize, on: bool) {
    if let Some(benefits) = scenario.benefits.get_mut(tier) {
        benefits.coupons = on.then_some(benefits.coupons.clone().unwrap_or(Coupons {
            value: 10.0,
            min_spend: 100.0,
            per_month: 1.0,
            redemption_percent: 30.0,
        }));
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::scenario::{LevelBonus, SegmentOverride, SegmentSource, SegmentThresholds};

    /// The template (shares 60 / 25 / 10 / 5) with every per-tier list the scenario has.
    fn every_list() -> Scenario {
        let mut s = Scenario::template();
        s.tiers.retain = Some(RetainRule::Absolute { lower_bounds: vec![80.0, 400.0, 900.0] });
        s.tiers.segment_thresholds = Some(SegmentThresholds {
            source: SegmentSource::Rfm,
            overrides: vec![SegmentOverride { segment: "champions".into(), lower_bounds: vec![100.0, 500.0, 1000.0] }],
        });
        s.points.level_bonus = Some(LevelBonus { base: 100.0, top: 150.0, k: vec![0.0, 0.6, 1.2, 1.8] });
        assert!(s.validate().is_empty(), "{:?}", s.validate());
        s
    }

    #[test]
    fn adding_and_removing_tiers_keeps_every_list_in_step() {
        let mut s = every_list();
        add_tier(&mut s);
        assert_eq!(s.tier_count(), 5);
        // The top tier's 5 % is split in two; bounds double; k grows by 0.2.
        assert_eq!(s.tiers.thresholds, Thresholds::TargetShares { percent: vec![60.0, 25.0, 10.0, 2.5, 2.5] });
        assert_eq!(s.tiers.retain, Some(RetainRule::Absolute { lower_bounds: vec![80.0, 400.0, 900.0, 1800.0] }));
        let overrides = &s.tiers.segment_thresholds.as_ref().unwrap().overrides;
        assert_eq!(overrides[0].lower_bounds, vec![100.0, 500.0, 1000.0, 2000.0]);
        assert_eq!(s.points.level_bonus.as_ref().unwrap().k, vec![0.0, 0.6, 1.2, 1.8, 2.0]);
        assert_eq!(s.benefits.len(), 5);
        assert!(s.validate().is_empty(), "{:?}", s.validate());

        // Removing the lowest tier: its 60 % join the next tier (25 + 60 = 85); the second tier's
        // bound goes (it is now the lowest tier, which has none).
        remove_tier(&mut s, 0);
        assert_eq!(s.tiers.names[0], "银牌 Silver");
        assert_eq!(s.tiers.thresholds, Thresholds::TargetShares { percent: vec![85.0, 10.0, 2.5, 2.5] });
        assert_eq!(s.tiers.retain, Some(RetainRule::Absolute { lower_bounds: vec![400.0, 900.0, 1800.0] }));
        let overrides = &s.tiers.segment_thresholds.as_ref().unwrap().overrides;
        assert_eq!(overrides[0].lower_bounds, vec![500.0, 1000.0, 2000.0]);
        assert_eq!(s.points.level_bonus.as_ref().unwrap().k, vec![0.6, 1.2, 1.8, 2.0]);
        assert!(s.validate().is_empty(), "{:?}", s.validate());
    }

    #[test]
    fn switching_threshold_kinds_keeps_the_tiers_where_they_were() {
        let mut s = Scenario::template();
        // Shares 60 / 25 / 10 / 5 are the quantiles 0.60, 0.85, 0.95.
        switch_thresholds(&mut s, ThresholdKind::Quantiles, None);
        assert_eq!(s.tiers.thresholds, Thresholds::Quantiles { quantiles: vec![0.6, 0.85, 0.95] });
        // And back: 0.85 - 0.60 is 24.999...; rounding to one decimal gives 25 again.
        switch_thresholds(&mut s, ThresholdKind::TargetShares, None);
        assert_eq!(s.tiers.thresholds, Thresholds::TargetShares { percent: vec![60.0, 25.0, 10.0, 5.0] });

        // With a result at hand, the bounds it drew (rounded to 0.1) and its actual shares are used:
        // shares 25.1 + 10.1 + 5.0 = 40.2, so the first tier gets 59.8 and the sum stays 100.
        let hint =
            OutcomeHint { lower_bounds: vec![204.807, 529.686, 1114.125], shares: vec![0.598, 0.251, 0.101, 0.05] };
        switch_thresholds(&mut s, ThresholdKind::Absolute, Some(&hint));
        assert_eq!(s.tiers.thresholds, Thresholds::Absolute { lower_bounds: vec![204.8, 529.7, 1114.1] });
        switch_thresholds(&mut s, ThresholdKind::Quantiles, Some(&hint));
        assert_eq!(s.tiers.thresholds, Thresholds::Quantiles { quantiles: vec![0.598, 0.849, 0.95] });
        assert!(s.validate().is_empty(), "{:?}", s.validate());
    }

    #[test]
    fn a_second_criterion_starts_valid_and_follows_the_tiers() {
        let mut s = Scenario::template();
        set_second_measure(&mut s, Some(CriterionMeasure::Orders));
        let second = s.tiers.second_criterion.clone().unwrap();
        assert_eq!((second.combine, second.lower_bounds.clone()), (Combine::Or, vec![2.0, 4.0, 8.0]));
        set_second_retain(&mut s, true);
        assert_eq!(s.tiers.second_criterion.as_ref().unwrap().retain_bounds, Some(vec![1.0, 3.0, 6.0]));
        assert!(s.validate().is_empty(), "{:?}", s.validate());
        add_tier(&mut s);
        let second = s.tiers.second_criterion.clone().unwrap();
        assert_eq!(second.lower_bounds, vec![2.0, 4.0, 8.0, 16.0]);
        assert_eq!(second.retain_bounds, Some(vec![1.0, 3.0, 6.0, 12.0]));
        assert!(s.validate().is_empty(), "{:?}", s.validate());
        remove_tier(&mut s, 1);
        assert_eq!(s.tiers.second_criterion.as_ref().unwrap().lower_bounds, vec![4.0, 8.0, 16.0]);
        assert!(s.validate().is_empty(), "{:?}", s.validate());
        // Switching to spend starts spend bounds and keeps "or".
        set_second_measure(&mut s, Some(CriterionMeasure::Spend));
        assert_eq!(s.tiers.second_criterion.as_ref().unwrap().lower_bounds, vec![1000.0, 2000.0, 4000.0]);
        set_second_measure(&mut s, None);
        assert_eq!(s.tiers.second_criterion, None);
    }

    #[test]
    fn coupons_are_switched_on_valid_and_kept_when_switched_back() {
        let mut s = Scenario::template();
        set_coupons(&mut s, 2, true);
        assert!(s.validate().is_empty(), "{:?}", s.validate());
        s.benefits[2].coupons.as_mut().unwrap().value = 25.0;
        set_coupons(&mut s, 2, true);
        assert_eq!(s.benefits[2].coupons.as_ref().unwrap().value, 25.0);
        set_coupons(&mut s, 2, false);
        assert_eq!(s.benefits[2].coupons, None);
    }
}

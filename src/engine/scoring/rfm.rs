//! RFM quintile codes (industry standard, docs/model.md#rfm-score): recency, frequency and monetary value each
//! scored 1-5 by quintile among customers who bought, and the classic named segments from (R, F).
//! Ties share a quintile: a run of equal values gets the quintile of its middle position, so
//! "bought once" is one code for everybody who bought once.

use serde::{Deserialize, Serialize};
use strum::{IntoStaticStr, VariantArray};

use super::{Contribution, Scored};
use crate::engine::features::catalog::Feature;
use crate::engine::features::table::FeatureTable;

/// Keys are the serde names (segment rules in scenario files name them).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[derive(VariantArray, IntoStaticStr)]
#[strum(serialize_all = "snake_case")]
pub enum RfmSegment {
    Champions,
    LoyalCustomers,
    PotentialLoyalists,
    NewCustomers,
    Promising,
    NeedAttention,
    AboutToSleep,
    AtRisk,
    CantLoseThem,
    Hibernating,
    /// Never bought (no RFM code).
    NoPurchase,
}

impl RfmSegment {
    /// Every segment, in declaration order.
    pub const ALL: &'static [RfmSegment] = Self::VARIANTS;

    pub fn key(self) -> &'static str {
        self.into()
    }

    /// The widely used R x F segment map (R and F in 1-5).
    pub fn of(r: u8, f: u8) -> RfmSegment {
        match (r, f) {
            (0, _) | (_, 0) => RfmSegment::NoPurchase,
            (1..=2, 1..=2) => RfmSegment::Hibernating,
            (1..=2, 3..=4) => RfmSegment::AtRisk,
            (1..=2, _) => RfmSegment::CantLoseThem,
            (3, 1..=2) => RfmSegment::AboutToSleep,
            (3, 3) => RfmSegment::NeedAttention,
            (3..=4, 4..=5) => RfmSegment::LoyalCustomers,
            (4, 1) => RfmSegment::Promising,
            (5, 1) => RfmSegment::NewCustomers,
            (4..=5, 2..=3) => RfmSegment::PotentialLoyalists,
            _ => RfmSegment::Champions,
        }
    }
}

/// R, F, M codes (0 = never bought) and segment per customer.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct RfmCodes {
    pub r: Vec<u8>,
    pub f: Vec<u8>,
    pub m: Vec<u8>,
    pub segment: Vec<RfmSegment>,
}

/// Quintile (1-5) of each value among `eligible` customers, ties sharing their middle position's
/// quintile; 0 for customers not eligible. `higher_is_better = false` reverses the order.
/// The quintile code (1-5, 5 best) of the values tied at sorted positions `start..=end` of `n`.
pub fn quintile_code(start: usize, end: usize, n: usize, higher_is_better: bool) -> u8 {
    let middle = (start + end) as f64 / 2.0;
    let q = ((5.0 * (middle + 0.5) / n as f64).ceil() as u8).clamp(1, 5);
    if higher_is_better {
        q
    } else {
        6 - q
    }
}

pub fn quintiles(values: &[f64], eligible: &[bool], higher_is_better: bool) -> Vec<u8> {
    let mut order: Vec<usize> = (0..values.len()).filter(|&c| eligible[c] && values[c].is_finite()).collect();
    order.sort_by(|&a, &b| values[a].total_cmp(&values[b]));
    let n = order.len();
    let mut codes = vec![0u8; values.len()];
    let mut start = 0;
    while start < n {
        let mut end = start;
        while end + 1 < n && values[order[end + 1]] == values[order[start]] {
            end += 1;
        }
        let code = quintile_code(start, end, n, higher_is_better);
        for &c in &order[start..=end] {
            codes[c] = code;
        }
        start = end + 1;
    }
    codes
}

pub fn codes(features: &FeatureTable) -> RfmCodes {
    let n = features.customer_count();
    let column = |f: Feature| features.get(&f.into()).map_or_else(|| vec![f64::NAN; n], <[f64]>::to_vec);
    let (recency, frequency, monetary) =
        (column(Feature::RecencyDays), column(Feature::Frequency), column(Feature::Monetary));
    let buyers: Vec<bool> = frequency.iter().map(|&f| f > 0.0).collect();
    let r = quintiles(&recency, &buyers, false);
    let f = quintiles(&frequency, &buyers, true);
    let m = quintiles(&monetary, &buyers, true);
    let segment = (0..n).map(|c| RfmSegment::of(r[c], f[c])).collect();
    RfmCodes { r, f, m, segment }
}

pub fn score(features: &FeatureTable) -> Scored {
    let codes = codes(features);
    let as_f64 = |v: &[u8]| v.iter().map(|&x| f64::from(x)).collect::<Vec<f64>>();
    let contributions = vec![
        Contribution { label: "r".into(), values: as_f64(&codes.r) },
        Contribution { label: "f".into(), values: as_f64(&codes.f) },
        Contribution { label: "m".into(), values: as_f64(&codes.m) },
    ];
    let scores = (0..codes.r.len()).map(|c| f64::from(codes.r[c] + codes.f[c] + codes.m[c])).collect();
    Scored { scores, contributions }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Segment keys are stored in scenario files (segment rules) and must stay the serde names.
    #[test]
    fn segment_keys_are_the_stored_names() {
        let keys: Vec<&str> = RfmSegment::ALL.iter().map(|s| s.key()).collect();
        assert_eq!(
            keys,
            [
                "champions",
                "loyal_customers",
                "potential_loyalists",
                "new_customers",
                "promising",
                "need_attention",
                "about_to_sleep",
                "at_risk",
                "cant_lose_them",
                "hibernating",
                "no_purchase",
            ]
        );
        for &segment in RfmSegment::ALL {
            assert_eq!(serde_json::to_string(&segment).unwrap(), format!("\"{}\"", segment.key()));
        }
    }

    #[test]
    fn quintiles_of_distinct_values() {
        // 10 customers with values 1..10: positions 0..9, quintile = ceil(5 * (pos + 0.5) / 10):
        // pos 0,1 -> 1; 2,3 -> 2; 4,5 -> 3; 6,7 -> 4; 8,9 -> 5.
        let values: Vec<f64> = (1..=10).map(f64::from).collect();
        let all = vec![true; 10];
        assert_eq!(quintiles(&values, &all, true), vec![1, 1, 2, 2, 3, 3, 4, 4, 5, 5]);
        assert_eq!(quintiles(&values, &all, false), vec![5, 5, 4, 4, 3, 3, 2, 2, 1, 1]);
    }

    #[test]
    fn ties_share_the_quintile_of_their_middle() {
        // Six customers bought once, four bought 2, 3, 4, 9 times. The six ones occupy positions
        // 0-5, middle 2.5 -> ceil(5 * 3 / 10) = 2. Positions 6..9 -> 4, 4, 5, 5.
        let values = [1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 2.0, 3.0, 4.0, 9.0, 0.0];
        let mut eligible = vec![true; 10];
        eligible.push(false);
        assert_eq!(quintiles(&values, &eligible, true), vec![2, 2, 2, 2, 2, 2, 4, 4, 5, 5, 0]);
    }

    #[test]
    fn segment_map_covers_every_code() {
        assert_eq!(RfmSegment::of(5, 5), RfmSegment::Champions);
        assert_eq!(RfmSegment::of(5, 1), RfmSegment::NewCustomers);
        assert_eq!(RfmSegment::of(4, 1), RfmSegment::Promising);
        assert_eq!(RfmSegment::of(3, 3), RfmSegment::NeedAttention);
        assert_eq!(RfmSegment::of(1, 5), RfmSegment::CantLoseThem);
        assert_eq!(RfmSegment::of(2, 4), RfmSegment::AtRisk);
        assert_eq!(RfmSegment::of(1, 1), RfmSegment::Hibernating);
        assert_eq!(RfmSegment::of(0, 0), RfmSegment::NoPurchase);
        for r in 1..=5 {
            for f in 1..=5 {
                assert_ne!(RfmSegment::of(r, f), RfmSegment::NoPurchase);
            }
        }
    }

    #[test]
    fn score_is_the_sum_of_codes() {
        // Two buyers: with n = 2, position 0 -> ceil(5 * 0.5 / 2) = 2 and position 1 ->
        // ceil(5 * 1.5 / 2) = 4. The recent, frequent, big spender gets R 6 - 2 = 4, F 4, M 4 = 12;
        // the other R 2, F 2, M 2 = 6; the non-buyer 0.
        let table = FeatureTable {
            keys: vec![Feature::RecencyDays.into(), Feature::Frequency.into(), Feature::Monetary.into()],
            columns: vec![vec![5.0, 100.0, f64::NAN], vec![8.0, 1.0, 0.0], vec![900.0, 20.0, 0.0]],
        };
        let scored = score(&table);
        assert_eq!(scored.scores, vec![12.0, 6.0, 0.0]);
        assert_eq!(
            codes(&table).segment,
            vec![RfmSegment::LoyalCustomers, RfmSegment::Hibernating, RfmSegment::NoPurchase]
        );
    }
}

//! Funnel conversion model (docs/model.md#funnel-score): customers tiered by how well their views turn
//! into purchases. Per-customer rates on few events are noisy, so the feature is Beta-smoothed
//! (see `features::table::ConversionPrior`); the score is that rate in percent.

use super::{Contribution, Scored};
use crate::engine::features::table::FeatureTable;

/// Stage rates of a funnel: view->cart, cart->order, order->pay, and overall view->pay.
pub fn stage_rates(views: f64, carts: f64, orders: f64, pays: f64) -> [f64; 4] {
    let rate = |k: f64, n: f64| if n > 0.0 { k / n } else { f64::NAN };
    [rate(carts, views), rate(orders, carts), rate(pays, orders), rate(pays, views)]
}

/// The table holds exactly one rate column (the chosen stage).
pub fn score(features: &FeatureTable) -> Scored {
    let (label, rates) = match (features.keys.first(), features.columns.first()) {
        (Some(key), Some(rates)) => (key.to_string(), rates.as_slice()),
        _ => (String::new(), &[][..]),
    };
    let percent: Vec<f64> = rates.iter().map(|r| 100.0 * r).collect();
    Scored { contributions: vec![Contribution { label, values: percent.clone() }], scores: percent }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::features::catalog::Feature;
    use crate::engine::tiers::tier_of;

    #[test]
    fn worked_example_funnel() {
        // 1000 viewers -> 300 carts -> 150 orders -> 90 payments: 30 %, 50 %, 60 %, overall 9 %.
        let [v2c, c2o, o2p, overall] = stage_rates(1000.0, 300.0, 150.0, 90.0);
        assert!((v2c - 0.30).abs() < 1e-12);
        assert!((c2o - 0.50).abs() < 1e-12);
        assert!((o2p - 0.60).abs() < 1e-12);
        assert!((overall - 0.09).abs() < 1e-12);
        // Tiers by conversion: 0-20 % Regular, 20-40 % Silver, 40-60 % Gold, >= 60 % Diamond.
        let bounds = [20.0, 40.0, 60.0];
        let table =
            FeatureTable { keys: vec![Feature::Conversion.into()], columns: vec![vec![0.09, 0.30, 0.50, 0.60]] };
        let tiers: Vec<usize> = score(&table).scores.iter().map(|&s| tier_of(s, &bounds)).collect();
        assert_eq!(tiers, vec![0, 1, 2, 3]);
    }
}

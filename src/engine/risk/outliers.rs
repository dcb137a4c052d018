//! Robust outliers among buyers: modified z-scores of log(1 + x) for net spend, purchase count and
//! average order value. Money and counts are skewed (a few customers spend a hundred times the
//! median), so on the raw scale every good customer would look extreme; on the log scale only
//! customers far from the bulk do. Only the high side is flagged: a small or rare buyer is not a risk.

use super::robust::RobustScale;
use super::{Flag, FlagDetail, FlagKind, PopulationFigures, RiskSettings};
use crate::engine::features::Activity;
use crate::engine::rng::math;

pub(super) fn apply(
    activity: &Activity,
    settings: &RiskSettings,
    population: &mut PopulationFigures,
    flags: &mut [Vec<Flag>],
) {
    let customers = activity.customer_count();
    let buyer = |c: usize| activity.orders[c] > 0;
    let spend = |c: usize| activity.net_spend[c].max(0.0);
    let frequency = |c: usize| f64::from(activity.orders[c]);
    let order_value = |c: usize| spend(c) / f64::from(activity.orders[c].max(1));
    let metrics: [(FlagKind, &dyn Fn(usize) -> f64); 3] = [
        (FlagKind::SpendOutlier, &spend),
        (FlagKind::FrequencyOutlier, &frequency),
        (FlagKind::OrderValueOutlier, &order_value),
    ];
    for (kind, value) in metrics {
        let logs: Vec<f64> = (0..customers).filter(|&c| buyer(c)).map(|c| math::ln(1.0 + value(c))).collect();
        if logs.is_empty() {
            continue;
        }
        let scale = RobustScale::of(&logs);
        drop(logs);
        let median = math::exp(scale.median) - 1.0;
        for c in (0..customers).filter(|&c| buyer(c)) {
            let z = scale.z(math::ln(1.0 + value(c)));
            if z >= settings.outlier_z {
                flags[c].push(Flag {
                    kind,
                    figure: z,
                    threshold: settings.outlier_z,
                    detail: FlagDetail::Outlier { value: value(c), median },
                });
            }
        }
        match kind {
            FlagKind::SpendOutlier => population.spend = Some(scale),
            FlagKind::FrequencyOutlier => population.frequency = Some(scale),
            _ => population.order_value = Some(scale),
        }
        if population.buyers == 0 {
            population.buyers = (0..customers).filter(|&c| buyer(c)).count();
        }
    }
}

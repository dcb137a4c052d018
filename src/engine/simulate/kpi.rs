//! The simulator's KPIs (docs/model.md) and their spread across replications.

use serde::{Deserialize, Serialize};

/// Totals over the horizon, one value per replication.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Kpi {
    Revenue,
    Orders,
    DiscountCost,
    ShippingCost,
    GiftCost,
    /// Coupons redeemed x their value.
    CouponCost,
    /// Expected cost of the points issued: issued x (1 - breakage) x point cost.
    PointsCost,
    TotalBenefitCost,
    /// Revenue x gross margin - benefit cost.
    Margin,
    PointsIssued,
    PointsRedeemed,
    PointsExpired,
    /// Cost of the points actually redeemed during the horizon.
    RedemptionCost,
    /// Outstanding points at the end x point cost x (1 - breakage).
    PointsLiability,
    /// Average number of customers buying per month.
    ActiveCustomers,
    /// Share of customers active at the start who are still active at the end (docs/model.md, "Simulator KPIs").
    RetentionRate,
    /// Share of customers who bought at least once.
    ConversionRate,
    /// Share of members entitled to a benefit who used one (a discount, free shipping or points).
    BenefitUsageRate,
    /// Member spend minus the scheme's operating (benefit) cost.
    ProfitContribution,
    Upgrades,
    Downgrades,
}

impl Kpi {
    pub const ALL: [Kpi; 21] = [
        Kpi::Revenue,
        Kpi::Orders,
        Kpi::DiscountCost,
        Kpi::ShippingCost,
        Kpi::GiftCost,
        Kpi::CouponCost,
        Kpi::PointsCost,
        Kpi::TotalBenefitCost,
        Kpi::Margin,
        Kpi::PointsIssued,
        Kpi::PointsRedeemed,
        Kpi::PointsExpired,
        Kpi::RedemptionCost,
        Kpi::PointsLiability,
        Kpi::ActiveCustomers,
        Kpi::RetentionRate,
        Kpi::ConversionRate,
        Kpi::BenefitUsageRate,
        Kpi::ProfitContribution,
        Kpi::Upgrades,
        Kpi::Downgrades,
    ];

    pub fn index(self) -> usize {
        Kpi::ALL.iter().position(|k| *k == self).expect("listed")
    }
}

/// Month-level series kept per replication.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum MonthlyKpi {
    Revenue,
    Orders,
    Buyers,
    BenefitCost,
    Margin,
    PointsIssued,
    PointsRedeemed,
    PointsExpired,
    OutstandingPoints,
    Active,
    Upgrades,
    Downgrades,
}

impl MonthlyKpi {
    pub const ALL: [MonthlyKpi; 12] = [
        MonthlyKpi::Revenue,
        MonthlyKpi::Orders,
        MonthlyKpi::Buyers,
        MonthlyKpi::BenefitCost,
        MonthlyKpi::Margin,
        MonthlyKpi::PointsIssued,
        MonthlyKpi::PointsRedeemed,
        MonthlyKpi::PointsExpired,
        MonthlyKpi::OutstandingPoints,
        MonthlyKpi::Active,
        MonthlyKpi::Upgrades,
        MonthlyKpi::Downgrades,
    ];
    pub const COUNT: usize = 12;
}

/// Mean and percentile intervals of a quantity across replications.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Spread {
    pub mean: f64,
    /// 90 % interval (5th and 95th percentiles).
    pub low90: f64,
    pub high90: f64,
    /// 95 % interval (2.5th and 97.5th percentiles).
    pub low95: f64,
    pub high95: f64,
}

impl Spread {
    pub fn of(values: &[f64]) -> Spread {
        let mut sorted: Vec<f64> = values.iter().copied().filter(|v| v.is_finite()).collect();
        sorted.sort_by(f64::total_cmp);
        let q = |p: f64| crate::engine::features::transform::percentile_of_sorted(&sorted, p);
        let mean = if sorted.is_empty() { 0.0 } else { sorted.iter().sum::<f64>() / sorted.len() as f64 };
        let or_zero = |v: f64| if v.is_finite() { v } else { 0.0 };
        Spread {
            mean,
            low90: or_zero(q(5.0)),
            high90: or_zero(q(95.0)),
            low95: or_zero(q(2.5)),
            high95: or_zero(q(97.5)),
        }
    }
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct KpiStat {
    pub kpi: Kpi,
    pub spread: Spread,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct MonthlyStat {
    pub kpi: MonthlyKpi,
    /// One spread per simulated month.
    pub months: Vec<Spread>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spread_matches_numpy_percentiles() {
        // numpy.percentile(range(1, 21), [5, 95, 2.5, 97.5]) = [1.95, 19.05, 1.475, 19.525]
        let values: Vec<f64> = (1..=20).map(f64::from).collect();
        let s = Spread::of(&values);
        assert_eq!(s.mean, 10.5);
        for (got, want) in [(s.low90, 1.95), (s.high90, 19.05), (s.low95, 1.475), (s.high95, 19.525)] {
            assert!((got - want).abs() < 1e-12, "{got} != {want}");
        }
    }
}

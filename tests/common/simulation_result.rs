//! A hand-built simulation result (two schemes against no program over 12 months, with groups) for
//! tests of what the page makes of it: rendered in the browser (`web_simulator.rs`) and exported as
//! CSV natively (`ui_results.rs`).

use tierlab::engine::simulate::baseline::BaselineSource;
use tierlab::engine::simulate::groups::{Dimension, GroupStat};
use tierlab::engine::simulate::kpi::{Kpi, KpiStat, MonthlyKpi, MonthlyStat, Spread};
use tierlab::engine::simulate::planner::FieldTestInputs;
use tierlab::engine::simulate::until_sure::Precision;
use tierlab::engine::simulate::{
    Comparison, CounterfactualResult, IncrementalKpi, IncrementalStat, Rank, SchemeResult, SimulationResult,
    SimulationSettings,
};

pub const TIERS: [&str; 4] = ["普通 Regular", "银牌 Silver", "金牌 Gold", "钻石 Diamond"];
pub const MONTHS: usize = 12;

pub fn spread(mean: f64, low90: f64, high90: f64, low95: f64, high95: f64) -> Spread {
    Spread { mean, low90, high90, low95, high95 }
}

/// A quantity known exactly (every replication the same).
pub fn exact(value: f64) -> Spread {
    spread(value, value, value, value, value)
}

/// Totals of one scheme: the figures the tests read are set apart, everything else a plain 100.
pub fn totals(revenue: Spread, margin: Spread, retention: Spread) -> Vec<KpiStat> {
    Kpi::ALL
        .iter()
        .map(|&kpi| KpiStat {
            kpi,
            spread: match kpi {
                Kpi::Revenue => revenue.clone(),
                Kpi::Margin => margin.clone(),
                Kpi::RetentionRate => retention.clone(),
                _ => exact(100.0),
            },
        })
        .collect()
}

pub fn monthly() -> Vec<MonthlyStat> {
    MonthlyKpi::ALL
        .iter()
        .map(|&kpi| MonthlyStat { kpi, months: (0..MONTHS).map(|m| exact(1000.0 + m as f64)).collect() })
        .collect()
}

pub fn gender(group: &str, top_tier_share: f64, top_tier_ratio: f64, flagged: bool) -> GroupStat {
    group_stat(Dimension::Gender, group, top_tier_share, top_tier_ratio, flagged)
}

pub fn group_stat(
    dimension: Dimension,
    group: &str,
    top_tier_share: f64,
    top_tier_ratio: f64,
    flagged: bool,
) -> GroupStat {
    GroupStat {
        dimension,
        group: group.into(),
        customers: 500.0,
        revenue_per_customer: 80.0,
        incremental_revenue_per_customer: 2.5,
        benefit_per_customer: 5.0,
        top_tier_share,
        conversion_rate: 0.3,
        top_tier_ratio,
        benefit_ratio: 1.0,
        top_tier_flagged: flagged,
        benefit_flagged: false,
        flagged,
    }
}

pub fn scheme(
    name: &str,
    totals: Vec<KpiStat>,
    incremental_margin: Spread,
    roi: Spread,
    top_tier_share: f64,
) -> SchemeResult {
    SchemeResult {
        name: name.into(),
        totals,
        incremental: vec![
            IncrementalStat { kpi: IncrementalKpi::Revenue, spread: exact(0.0) },
            IncrementalStat { kpi: IncrementalKpi::Orders, spread: exact(0.0) },
            IncrementalStat { kpi: IncrementalKpi::Margin, spread: incremental_margin },
            IncrementalStat { kpi: IncrementalKpi::Roi, spread: roi },
        ],
        monthly: monthly(),
        tier_names: TIERS.map(String::from).to_vec(),
        tier_shares: vec![vec![0.6, 0.25, 0.1, 0.05]; MONTHS],
        migration: vec![vec![250.0, 0.0, 0.0, 0.0]; 4],
        // Women reach the top tier 3.6 % of the time, men 5.0 %: 0.036 / 0.05 = 0.72, below 0.8.
        groups: vec![
            gender("女", 0.036, 0.72, true),
            gender("男", 0.05, 1.0, false),
            // Below 0.8 but not clearly (a small best group): shown, not flagged.
            group_stat(Dimension::City, "北京", 0.05, 1.0, false),
            group_stat(Dimension::City, "上海", 0.0375, 0.75, false),
        ],
        frozen_scores: false,
        top_tier_share,
    }
}

/// B earns 12,300 more margin than A over 12 months (90 %: 8,100 to 16,400; 95 %: 7,000 to
/// 17,500) and beats A in 19 of 20 replications. A adds 3,200 margin over no program (ROI 0.45), B
/// adds 15,500 = 3,200 + 12,300. B ends with 18 % of customers in the top tier (dilution warning).
pub fn result() -> SimulationResult {
    let a = scheme(
        "Current",
        totals(spread(150_000.0, 142_000.0, 158_000.0, 140_000.0, 160_000.0), exact(40_000.0), exact(0.873)),
        spread(3_200.0, 1_000.0, 5_000.0, 500.0, 5_600.0),
        spread(0.45, 0.2, 0.7, 0.1, 0.8),
        0.07,
    );
    let b = scheme(
        "Richer Diamond",
        totals(exact(152_500.0), exact(52_300.0), exact(0.885)),
        spread(15_500.0, 11_000.0, 20_000.0, 10_000.0, 21_000.0),
        exact(0.9),
        0.18,
    );
    let difference = Kpi::ALL
        .iter()
        .map(|&kpi| KpiStat {
            kpi,
            spread: match kpi {
                Kpi::Margin => spread(12_300.0, 8_100.0, 16_400.0, 7_000.0, 17_500.0),
                Kpi::Revenue => spread(2_500.0, 1_000.0, 4_000.0, 800.0, 4_200.0),
                // 0.885 - 0.873 = 0.012 -> +1.2 percentage points.
                Kpi::RetentionRate => exact(0.012),
                _ => exact(0.0),
            },
        })
        .collect();
    let months: Vec<String> = (1..=MONTHS).map(|m| format!("2026-{m:02}")).collect();
    SimulationResult {
        settings: SimulationSettings {
            months: MONTHS as u32,
            replications: 20,
            seed: 42,
            deterministic: false,
            ..SimulationSettings::default()
        },
        customers: 1000,
        baseline: BaselineSource::BgNbd,
        month_labels: months,
        counterfactual: CounterfactualResult {
            revenue: exact(140_000.0),
            orders: exact(2_000.0),
            retention_rate: exact(0.85),
            conversion_rate: exact(0.4),
            monthly_revenue: vec![exact(11_000.0); MONTHS],
            monthly_orders: vec![exact(160.0); MONTHS],
        },
        schemes: vec![a, b],
        reference: 0,
        comparisons: vec![Comparison {
            scheme: 1,
            difference,
            incremental_margin: spread(12_300.0, 8_100.0, 16_400.0, 7_000.0, 17_500.0),
            chance_better_on_margin: 0.95,
            field_test: FieldTestInputs::default(),
        }],
        ranking: vec![
            Rank {
                scheme: 1,
                incremental_margin: spread(15_500.0, 11_000.0, 20_000.0, 10_000.0, 21_000.0),
                chance_best: 0.95,
            },
            Rank {
                scheme: 0,
                incremental_margin: spread(3_200.0, 1_000.0, 5_000.0, 500.0, 5_600.0),
                chance_best: 0.05,
            },
        ],
        precision: Precision { scheme: 1, mean: 12_300.0, standard_error: 600.0, replications: 20, target_met: None },
    }
}

//! Month-by-month behavioural simulation of benefit schemes (DOMAIN.md sections 7 and 8): Monte
//! Carlo replications with common random numbers across a no-program counterfactual, scheme A and
//! scheme B; KPIs with intervals, paired differences, migration, groups and fairness.

pub mod backtest;
pub mod baseline;
pub mod groups;
pub mod kpi;
pub mod month_score;
pub mod optimise;
pub mod planner;
pub mod run;
pub mod sensitivity;

use serde::{Deserialize, Serialize};

use self::baseline::{Baseline, BaselineSource};
use self::groups::{GroupDefinitions, GroupStat, GroupTally};
use self::kpi::{Kpi, KpiStat, MonthlyKpi, MonthlyStat, Spread};
use self::month_score::{MonthActivity, MonthScorer};
use self::run::{simulate_customer, Calendar, CustomerDraws, MonthTally, SchemePlan, Scratch, WindowStart, MAX_MONTHS};
use super::date::MonthIndex;
use super::evaluate::{evaluate, EvaluateError, Evaluated, PreparedData};
use super::limits::Limit;
use super::progress::{Progress, Stage};
use super::rng::Rng;
use super::scenario::{Assumptions, Scenario};

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SimulationSettings {
    /// Months to simulate after the end of the data (1-36).
    pub months: u32,
    /// Monte Carlo replications (1-500).
    pub replications: u32,
    pub seed: u64,
    /// Every customer buys exactly their expected number of orders (rounded) at their expected
    /// order value and never drops out: for checking the mechanics by hand, not for forecasts.
    #[serde(default)]
    pub deterministic: bool,
}

impl Default for SimulationSettings {
    fn default() -> Self {
        SimulationSettings { months: 12, replications: 20, seed: 42, deterministic: false }
    }
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum SimulateError {
    /// A setting outside its range.
    Setting {
        field: String,
        min: f64,
        max: f64,
    },
    /// A scheme could not be evaluated on the data.
    Evaluate {
        which: String,
        error: EvaluateError,
    },
    NoCustomers,
    /// Back-tests need dated events.
    NeedsEventLog,
    /// The calibration date leaves no whole month after it to compare with.
    NoHoldout,
}

impl std::fmt::Display for SimulateError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            SimulateError::Setting { field, min, max } => write!(f, "{field} must be between {min} and {max}"),
            SimulateError::Evaluate { which, error } => write!(f, "scenario {which}: {error}"),
            SimulateError::NoCustomers => write!(f, "the data has no customers to simulate"),
            SimulateError::NeedsEventLog => write!(f, "a back-test needs an event log with dates"),
            SimulateError::NoHoldout => write!(f, "the calibration date leaves no month after it to compare with"),
        }
    }
}

impl SimulationSettings {
    pub const MONTHS: Limit = Limit::whole("months", 1.0, MAX_MONTHS as f64);
    pub const REPLICATIONS: Limit = Limit::whole("replications", 1.0, 500.0);
    /// Any `u64` runs; the page's number field holds whole numbers exactly only up to 2^53 - 1
    /// (JavaScript's safe integers), so that is where it stops.
    pub const SEED: Limit = Limit::whole("seed", 0.0, 9_007_199_254_740_991.0);

    pub fn check(&self) -> Result<(), SimulateError> {
        let range = |limit: Limit, value: u32| {
            if limit.contains(f64::from(value)) {
                Ok(())
            } else {
                Err(SimulateError::Setting { field: limit.field.into(), min: limit.min, max: limit.max })
            }
        };
        range(Self::MONTHS, self.months)?;
        range(Self::REPLICATIONS, self.replications)
    }
}

/// One scheme's simulated results.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct SchemeResult {
    pub name: String,
    pub totals: Vec<KpiStat>,
    /// Scheme minus the no-program counterfactual (revenue, orders, margin, ROI).
    pub incremental: Vec<IncrementalStat>,
    pub monthly: Vec<MonthlyStat>,
    pub tier_names: Vec<String>,
    /// Mean share of customers per tier at the end of each month: `tier_shares[month][tier]`.
    pub tier_shares: Vec<Vec<f64>>,
    /// Mean customers moving from their tier at the start (rows) to the end (columns).
    pub migration: Vec<Vec<f64>>,
    pub groups: Vec<GroupStat>,
    /// The score model cannot move with simulated purchases (it ranks or normalises across
    /// customers); tiers then move only through downgrades.
    pub frozen_scores: bool,
    /// Mean share of active customers in the top tier at the end.
    pub top_tier_share: f64,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum IncrementalKpi {
    Revenue,
    Orders,
    /// Margin after benefits minus the counterfactual's margin.
    Margin,
    /// Incremental margin per unit of benefit cost.
    Roi,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct IncrementalStat {
    pub kpi: IncrementalKpi,
    pub spread: Spread,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct SimulationResult {
    pub settings: SimulationSettings,
    pub customers: usize,
    pub baseline: BaselineSource,
    /// `YYYY-MM` of each simulated month (`+1`, `+2`, ... for customer tables).
    pub month_labels: Vec<String>,
    pub counterfactual: CounterfactualResult,
    /// A then B.
    pub schemes: Vec<SchemeResult>,
    /// B - A per replication (paired: the same customers drew the same randomness).
    pub difference: Vec<KpiStat>,
    /// Share of replications in which B's margin beats A's.
    pub b_better_on_margin: f64,
    /// Per-customer margin mean and variance by month under A and B, for sizing a field test.
    pub field_test: planner::FieldTestInputs,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct CounterfactualResult {
    pub revenue: Spread,
    pub orders: Spread,
    pub retention_rate: Spread,
    pub conversion_rate: Spread,
    pub monthly_revenue: Vec<Spread>,
    pub monthly_orders: Vec<Spread>,
}

/// A scheme prepared for simulation: its history evaluation plus what the customer loop needs.
struct PreparedScheme<'a> {
    scenario: &'a Scenario,
    evaluated: Evaluated,
    scorer: MonthScorer,
    level_bonus: Option<Vec<f64>>,
    start_points: Vec<f64>,
}

/// Totals of one scheme in one replication.
struct ReplicationTotals {
    kpis: [f64; Kpi::ALL.len()],
    monthly: Vec<[f64; MonthlyKpi::COUNT]>,
    members: Vec<Vec<f64>>,
    migration: Vec<Vec<f64>>,
}

/// Simulates schemes A and B (already validated) and the no-program counterfactual.
pub fn simulate(
    a: &Scenario,
    b: &Scenario,
    data: &PreparedData,
    baseline: &Baseline,
    settings: &SimulationSettings,
    progress: &mut dyn Progress,
) -> Result<SimulationResult, SimulateError> {
    settings.check()?;
    let customers = baseline.customer_count();
    if customers == 0 {
        return Err(SimulateError::NoCustomers);
    }
    let schemes =
        [prepare_scheme("A", a, data, customers, progress)?, prepare_scheme("B", b, data, customers, progress)?];
    let months = settings.months as usize;
    let calendar = match &data.monthly {
        Some(m) => Calendar::new(m.month_count, m.first_month, months),
        None => Calendar::new(0, MonthIndex(0), months),
    };
    let month_labels: Vec<String> = (0..months)
        .map(|m| match &data.monthly {
            Some(_) => MonthIndex(calendar.first_month.0 + (calendar.first_simulated + m) as i32).label(),
            None => format!("+{}", m + 1),
        })
        .collect();
    let join: Vec<usize> = (0..customers).map(|c| data.monthly.as_ref().map_or(0, |m| m.join_month(c))).collect();
    let groups = GroupDefinitions::of(data);

    let window_starts: Vec<WindowStart> = schemes
        .iter()
        .map(|s| {
            WindowStart::compute(&s.scorer, s.scenario.tiers.window, customers, &join, &calendar, |customer, out| {
                if let Some(monthly) = &data.monthly {
                    for entry in monthly.offsets[customer] as usize..monthly.offsets[customer + 1] as usize {
                        let activity = MonthActivity::from_history(&monthly.totals[entry], monthly.has_payments);
                        out.push((monthly.month[entry] as usize, s.scorer.contribution(&activity)));
                    }
                }
            })
        })
        .collect();
    let no_window = WindowStart { sums: vec![0.0; customers], rings: Vec::new(), ring_len: 0 };
    let empty_bounds: Vec<Vec<f64>> = vec![Vec::new(); customers];
    let zero_tiers = vec![0u8; customers];
    let zeros = vec![0.0; customers];
    let ones = vec![1.0; customers];
    let counterfactual_plan = SchemePlan {
        scenario: None,
        assumptions: Assumptions::no_response(),
        scorer: MonthScorer::Frozen,
        start_tier: &zero_tiers,
        start_score: &zeros,
        entry: &empty_bounds,
        retain: &empty_bounds,
        segment_multiplier: &ones,
        start_points: &zeros,
        level_bonus: None,
        window_start: &no_window,
        fade: vec![0.0; months],
    };
    let plans: Vec<SchemePlan> = schemes
        .iter()
        .zip(&window_starts)
        .map(|(s, w)| SchemePlan {
            scenario: Some(s.scenario),
            assumptions: s.scenario.assumptions.clone(),
            scorer: s.scorer.clone(),
            start_tier: &s.evaluated.final_tiers,
            start_score: &s.evaluated.final_scores,
            entry: &s.evaluated.entry_bounds,
            retain: &s.evaluated.retain_bounds,
            segment_multiplier: &s.evaluated.segment_multiplier,
            start_points: &s.start_points,
            level_bonus: s.level_bonus.clone(),
            window_start: w,
            fade: run::fade_by_month(&s.scenario.assumptions, months),
        })
        .collect();

    let tier_counts: Vec<usize> = schemes.iter().map(|s| s.scenario.tier_count()).collect();
    let mut per_replication: Vec<[ReplicationTotals; 3]> = Vec::with_capacity(settings.replications as usize);
    let mut group_tallies: Vec<Vec<GroupTally>> = vec![vec![GroupTally::default(); groups.len()]; 3];
    // Per scheme and month: sum and sum of squares of customers' cumulative margins (field-test planner).
    let mut margin_moments = vec![vec![(0.0f64, 0.0f64); months]; 3];
    let mut scratch = Scratch::default();
    let total_steps = u64::from(settings.replications) * customers as u64;
    let report_every = (customers / 20).max(1);
    for replication in 0..settings.replications {
        let replication_seed = Rng::for_stream(settings.seed, u64::from(replication)).next_u64();
        let mut tallies: Vec<MonthTally> = std::iter::once(MonthTally::new(months, 1))
            .chain(tier_counts.iter().map(|&t| MonthTally::new(months, t)))
            .collect();
        let mut migrations: Vec<Vec<Vec<f64>>> =
            std::iter::once(vec![vec![0.0; 1]; 1]).chain(tier_counts.iter().map(|&t| vec![vec![0.0; t]; t])).collect();
        let mut counts = [[0.0f64; 5]; 3]; // active at start, active at end, bought, used, entitled
        for c in 0..customers {
            // Redemption is a trait of the customer, shared by both schemes (A's breakage decides).
            let redeem_share = 1.0 - a.points.breakage_percent / 100.0;
            let draws =
                CustomerDraws::draw(baseline, c, replication_seed, redeem_share, months, settings.deterministic);
            scratch.new_customer(months);
            let customer_groups = groups.of_customer(c);
            for (index, plan) in std::iter::once(&counterfactual_plan).chain(plans.iter()).enumerate() {
                let gross_margin =
                    plan.scenario.map_or(a.economics.gross_margin_percent, |s| s.economics.gross_margin_percent)
                        / 100.0;
                let outcome = simulate_customer(
                    plan,
                    baseline,
                    &draws,
                    c,
                    join[c],
                    &calendar,
                    gross_margin,
                    &mut scratch,
                    &mut tallies[index],
                );
                let start = plan.start_tier[c] as usize;
                if let Some(row) = migrations[index].get_mut(start) {
                    if let Some(cell) = row.get_mut(outcome.end_tier as usize) {
                        *cell += 1.0;
                    }
                }
                let c_counts = &mut counts[index];
                c_counts[0] += f64::from(u8::from(draws.active));
                c_counts[1] += f64::from(u8::from(outcome.active_at_end));
                c_counts[2] += f64::from(u8::from(outcome.bought));
                c_counts[3] += f64::from(u8::from(outcome.used_benefit));
                c_counts[4] += f64::from(u8::from(outcome.entitled));
                for (m, moments) in margin_moments[index].iter_mut().enumerate() {
                    let x = outcome.cumulative_margin[m];
                    moments.0 += x;
                    moments.1 += x * x;
                }
                let top = index > 0 && outcome.end_tier as usize + 1 == tier_counts[index - 1];
                for &g in customer_groups {
                    group_tallies[index][g].add(&outcome, top);
                }
            }
            if c % report_every == 0 {
                progress.report(Stage::Simulating, u64::from(replication) * customers as u64 + c as u64, total_steps);
            }
        }
        let totals: Vec<ReplicationTotals> = tallies
            .into_iter()
            .zip(migrations)
            .enumerate()
            .map(|(index, (tally, migration))| {
                let scenario = if index == 0 { None } else { Some(schemes[index - 1].scenario) };
                replication_totals(scenario, a, tally, migration, counts[index], customers)
            })
            .collect();
        let [cf, sa, sb]: [ReplicationTotals; 3] = totals.try_into().unwrap_or_else(|_| unreachable!("three schemes"));
        per_replication.push([cf, sa, sb]);
    }
    progress.report(Stage::Simulating, total_steps, total_steps);

    let reps = per_replication.len() as f64;
    let kpi_spread = |scheme: usize, kpi: Kpi| {
        Spread::of(&per_replication.iter().map(|r| r[scheme].kpis[kpi.index()]).collect::<Vec<_>>())
    };
    let monthly_spread = |scheme: usize, kpi: MonthlyKpi| -> Vec<Spread> {
        (0..months)
            .map(|m| {
                Spread::of(&per_replication.iter().map(|r| r[scheme].monthly[m][kpi as usize]).collect::<Vec<_>>())
            })
            .collect()
    };
    let scheme_results: Vec<SchemeResult> = (1..3)
        .map(|index| {
            let scheme = &schemes[index - 1];
            let gm = scheme.scenario.economics.gross_margin_percent / 100.0;
            let per = |f: &dyn Fn(&[ReplicationTotals; 3]) -> f64| {
                Spread::of(&per_replication.iter().map(f).collect::<Vec<_>>())
            };
            let incremental = vec![
                IncrementalStat {
                    kpi: IncrementalKpi::Revenue,
                    spread: per(&|r| r[index].kpis[Kpi::Revenue.index()] - r[0].kpis[Kpi::Revenue.index()]),
                },
                IncrementalStat {
                    kpi: IncrementalKpi::Orders,
                    spread: per(&|r| r[index].kpis[Kpi::Orders.index()] - r[0].kpis[Kpi::Orders.index()]),
                },
                IncrementalStat {
                    kpi: IncrementalKpi::Margin,
                    spread: per(&|r| r[index].kpis[Kpi::Margin.index()] - r[0].kpis[Kpi::Revenue.index()] * gm),
                },
                IncrementalStat {
                    kpi: IncrementalKpi::Roi,
                    spread: per(&|r| {
                        let cost = r[index].kpis[Kpi::TotalBenefitCost.index()];
                        let incremental = r[index].kpis[Kpi::Margin.index()] - r[0].kpis[Kpi::Revenue.index()] * gm;
                        if cost > 0.0 {
                            incremental / cost
                        } else {
                            0.0
                        }
                    }),
                },
            ];
            let tiers = tier_counts[index - 1];
            let tier_shares = (0..months)
                .map(|m| {
                    (0..tiers)
                        .map(|t| {
                            per_replication.iter().map(|r| r[index].members[m][t]).sum::<f64>()
                                / reps
                                / customers as f64
                        })
                        .collect()
                })
                .collect();
            let migration = (0..tiers)
                .map(|from| {
                    (0..tiers)
                        .map(|to| per_replication.iter().map(|r| r[index].migration[from][to]).sum::<f64>() / reps)
                        .collect()
                })
                .collect();
            let top_tier_share = group_tallies[index].first().map_or(0.0, |_| 0.0);
            let _ = top_tier_share;
            let active_top: f64 =
                per_replication.iter().map(|r| r[index].members[months - 1][tiers - 1]).sum::<f64>() / reps;
            SchemeResult {
                name: scheme.scenario.name.clone(),
                totals: Kpi::ALL.iter().map(|&kpi| KpiStat { kpi, spread: kpi_spread(index, kpi) }).collect(),
                incremental,
                monthly: MonthlyKpi::ALL
                    .iter()
                    .map(|&kpi| MonthlyStat { kpi, months: monthly_spread(index, kpi) })
                    .collect(),
                tier_names: scheme.scenario.tiers.names.clone(),
                tier_shares,
                migration,
                groups: groups.stats(&group_tallies[index], &group_tallies[0], reps),
                frozen_scores: scheme.scorer.is_frozen(),
                top_tier_share: active_top / customers as f64,
            }
        })
        .collect();
    let difference = Kpi::ALL
        .iter()
        .map(|&kpi| KpiStat {
            kpi,
            spread: Spread::of(
                &per_replication.iter().map(|r| r[2].kpis[kpi.index()] - r[1].kpis[kpi.index()]).collect::<Vec<_>>(),
            ),
        })
        .collect();
    let b_better_on_margin = per_replication
        .iter()
        .map(|r| {
            let (ma, mb) = (r[1].kpis[Kpi::Margin.index()], r[2].kpis[Kpi::Margin.index()]);
            if mb > ma {
                1.0
            } else if mb == ma {
                0.5
            } else {
                0.0
            }
        })
        .sum::<f64>()
        / reps;
    let counterfactual = CounterfactualResult {
        revenue: kpi_spread(0, Kpi::Revenue),
        orders: kpi_spread(0, Kpi::Orders),
        retention_rate: kpi_spread(0, Kpi::RetentionRate),
        conversion_rate: kpi_spread(0, Kpi::ConversionRate),
        monthly_revenue: monthly_spread(0, MonthlyKpi::Revenue),
        monthly_orders: monthly_spread(0, MonthlyKpi::Orders),
    };
    let observations = reps * customers as f64;
    let moments = |scheme: usize| -> Vec<(f64, f64)> {
        margin_moments[scheme]
            .iter()
            .map(|&(sum, squares)| {
                let mean = sum / observations;
                (mean, (squares / observations - mean * mean).max(0.0))
            })
            .collect()
    };
    let field_test = planner::FieldTestInputs { customers, a: moments(1), b: moments(2) };
    Ok(SimulationResult {
        field_test,
        settings: settings.clone(),
        customers,
        baseline: baseline.source.unwrap_or(BaselineSource::Empirical),
        month_labels,
        counterfactual,
        schemes: scheme_results,
        difference,
        b_better_on_margin,
    })
}

fn prepare_scheme<'s>(
    which: &str,
    scenario: &'s Scenario,
    data: &PreparedData,
    customers: usize,
    progress: &mut dyn Progress,
) -> Result<PreparedScheme<'s>, SimulateError> {
    let evaluated =
        evaluate(scenario, data, progress).map_err(|error| SimulateError::Evaluate { which: which.into(), error })?;
    let start_points = evaluated.points.as_ref().map_or_else(|| vec![0.0; customers], |p| p.balance.clone());
    let level_bonus =
        scenario.points.level_bonus.as_ref().map(|b| b.k.iter().map(|k| b.base + k * (b.top - b.base)).collect());
    Ok(PreparedScheme { scenario, scorer: MonthScorer::for_scenario(scenario), evaluated, level_bonus, start_points })
}

fn replication_totals(
    scenario: Option<&Scenario>,
    a: &Scenario,
    tally: MonthTally,
    migration: Vec<Vec<f64>>,
    counts: [f64; 5],
    customers: usize,
) -> ReplicationTotals {
    let sum = |kpi: MonthlyKpi| tally.kpis.iter().map(|m| m[kpi as usize]).sum::<f64>();
    let months = tally.kpis.len().max(1) as f64;
    let revenue = sum(MonthlyKpi::Revenue);
    let benefit_cost = tally.discount + tally.shipping + tally.gifts + tally.points_cost;
    let economics = scenario.map_or(&a.economics, |s| &s.economics);
    let points = scenario.map(|s| &s.points);
    let outstanding = tally.kpis.last().map_or(0.0, |m| m[MonthlyKpi::OutstandingPoints as usize]);
    let mut kpis = [0.0; Kpi::ALL.len()];
    let ratio = |n: f64, d: f64| if d > 0.0 { n / d } else { 0.0 };
    for kpi in Kpi::ALL {
        kpis[kpi.index()] = match kpi {
            Kpi::Revenue => revenue,
            Kpi::Orders => sum(MonthlyKpi::Orders),
            Kpi::DiscountCost => tally.discount,
            Kpi::ShippingCost => tally.shipping,
            Kpi::GiftCost => tally.gifts,
            Kpi::PointsCost => tally.points_cost,
            Kpi::TotalBenefitCost => benefit_cost,
            Kpi::Margin => revenue * economics.gross_margin_percent / 100.0 - benefit_cost,
            Kpi::PointsIssued => sum(MonthlyKpi::PointsIssued),
            Kpi::PointsRedeemed => sum(MonthlyKpi::PointsRedeemed),
            Kpi::PointsExpired => sum(MonthlyKpi::PointsExpired),
            Kpi::RedemptionCost => points.map_or(0.0, |p| sum(MonthlyKpi::PointsRedeemed) * p.point_cost),
            Kpi::PointsLiability => {
                points.map_or(0.0, |p| outstanding * p.point_cost * (1.0 - p.breakage_percent / 100.0))
            }
            Kpi::ActiveCustomers => sum(MonthlyKpi::Buyers) / months,
            Kpi::RetentionRate => ratio(counts[1], counts[0]),
            Kpi::ConversionRate => ratio(counts[2], customers as f64),
            Kpi::BenefitUsageRate => ratio(counts[3], counts[4]),
            Kpi::ProfitContribution => revenue - benefit_cost,
            Kpi::Upgrades => sum(MonthlyKpi::Upgrades),
            Kpi::Downgrades => sum(MonthlyKpi::Downgrades),
        };
    }
    ReplicationTotals { kpis, monthly: tally.kpis, members: tally.members, migration }
}

#[cfg(test)]
mod tests;

//! From each replication's sums to what a run reports: KPI spreads per scheme, increments over the
//! counterfactual, paired differences between schemes, tier shares, migration, groups and the
//! field-test inputs. Everything across replications is added in replication order.

use super::blocks::PlanTotals;
use super::groups::{GroupDefinitions, GroupTally};
use super::kpi::{Kpi, KpiStat, MonthlyKpi, MonthlyStat, Spread};
use super::planner::{Covariate, FieldTestInputs, MarginMoments, PrePeriod};
use super::result::{Comparison, CounterfactualResult, IncrementalKpi, IncrementalStat, Rank, SchemeResult};
use super::run::MonthTally;
use super::until_sure::Precision;
use crate::engine::scenario::Scenario;

/// The KPIs of one plan in one replication.
struct ReplicationTotals {
    kpis: [f64; Kpi::ALL.len()],
    monthly: Vec<[f64; MonthlyKpi::COUNT]>,
    members: Vec<Vec<f64>>,
    migration: Vec<Vec<f64>>,
    /// Share of the customers active at the end who are in the top tier.
    top_tier_share: f64,
}

/// A run's sums, ready to report. Plan 0 is the counterfactual, plan `i + 1` is scheme `i`.
pub struct Summary<'a> {
    schemes: Vec<&'a Scenario>,
    customers: usize,
    months: usize,
    /// `replications[r][plan]`.
    replications: Vec<Vec<ReplicationTotals>>,
    /// Per plan, summed over replications.
    groups: Vec<Vec<GroupTally>>,
    margin_moments: Vec<Vec<MarginMoments>>,
    /// The pre-period covariate's length, mean and variance over customers.
    covariate: Option<(u32, f64, f64)>,
}

impl<'a> Summary<'a> {
    /// `merged[r][plan]` from the blocks; `counterfactual_margin` is the gross margin (a fraction)
    /// the counterfactual's own margin is taken at.
    pub fn new(
        merged: Vec<Vec<PlanTotals>>,
        schemes: Vec<&'a Scenario>,
        customers: usize,
        months: usize,
        counterfactual_margin: f64,
        covariate: Option<&Covariate>,
    ) -> Summary<'a> {
        let plans = schemes.len() + 1;
        let mut groups: Vec<Vec<GroupTally>> = vec![Vec::new(); plans];
        let mut margin_moments = vec![vec![MarginMoments::default(); months]; plans];
        let mut replications = Vec::with_capacity(merged.len());
        for totals in merged {
            let mut row = Vec::with_capacity(plans);
            for (plan, t) in totals.into_iter().enumerate() {
                if groups[plan].is_empty() {
                    groups[plan] = vec![GroupTally::default(); t.groups.len()];
                }
                for (sum, g) in groups[plan].iter_mut().zip(&t.groups) {
                    sum.absorb(g);
                }
                for (sum, m) in margin_moments[plan].iter_mut().zip(&t.margin_moments) {
                    sum.absorb(m);
                }
                let scheme = plan.checked_sub(1).map(|i| schemes[i]);
                let gross_margin = scheme.map_or(counterfactual_margin, |s| s.economics.gross_margin_percent / 100.0);
                row.push(replication_totals(scheme, gross_margin, t, customers));
            }
            replications.push(row);
        }
        let covariate = covariate.map(|c| (c.months, c.mean, c.variance));
        Summary { schemes, customers, months, replications, groups, margin_moments, covariate }
    }

    pub fn replication_count(&self) -> usize {
        self.replications.len()
    }

    fn spread(&self, value: impl Fn(&[ReplicationTotals]) -> f64) -> Spread {
        Spread::of(&self.replications.iter().map(|r| value(r)).collect::<Vec<_>>())
    }

    pub fn kpi_spread(&self, plan: usize, kpi: Kpi) -> Spread {
        self.spread(|r| r[plan].kpis[kpi.index()])
    }

    pub fn monthly_spread(&self, plan: usize, kpi: MonthlyKpi) -> Vec<Spread> {
        (0..self.months).map(|m| self.spread(|r| r[plan].monthly[m][kpi as usize])).collect()
    }

    /// Scheme `scheme`'s margin minus what the counterfactual's revenue earns at the scheme's gross
    /// margin, in replication `r`.
    pub fn incremental_margin(&self, scheme: usize, r: usize) -> f64 {
        let row = &self.replications[r];
        let gross_margin = self.schemes[scheme].economics.gross_margin_percent / 100.0;
        row[scheme + 1].kpis[Kpi::Margin.index()] - row[0].kpis[Kpi::Revenue.index()] * gross_margin
    }

    pub fn counterfactual(&self) -> CounterfactualResult {
        CounterfactualResult {
            revenue: self.kpi_spread(0, Kpi::Revenue),
            orders: self.kpi_spread(0, Kpi::Orders),
            retention_rate: self.kpi_spread(0, Kpi::RetentionRate),
            conversion_rate: self.kpi_spread(0, Kpi::ConversionRate),
            monthly_revenue: self.monthly_spread(0, MonthlyKpi::Revenue),
            monthly_orders: self.monthly_spread(0, MonthlyKpi::Orders),
        }
    }

    /// Scheme `scheme` (0-based) as reported; `frozen_scores` from its score model.
    pub fn scheme_result(&self, scheme: usize, frozen_scores: bool, groups: &GroupDefinitions) -> SchemeResult {
        let plan = scheme + 1;
        let scenario = self.schemes[scheme];
        let gm = scenario.economics.gross_margin_percent / 100.0;
        let reps = self.replications.len() as f64;
        let incremental = |kpi: IncrementalKpi| IncrementalStat {
            kpi,
            spread: match kpi {
                IncrementalKpi::Revenue => {
                    self.spread(|r| r[plan].kpis[Kpi::Revenue.index()] - r[0].kpis[Kpi::Revenue.index()])
                }
                IncrementalKpi::Orders => {
                    self.spread(|r| r[plan].kpis[Kpi::Orders.index()] - r[0].kpis[Kpi::Orders.index()])
                }
                IncrementalKpi::Margin => {
                    self.spread(|r| r[plan].kpis[Kpi::Margin.index()] - r[0].kpis[Kpi::Revenue.index()] * gm)
                }
                IncrementalKpi::Roi => self.spread(|r| {
                    let cost = r[plan].kpis[Kpi::TotalBenefitCost.index()];
                    let incremental = r[plan].kpis[Kpi::Margin.index()] - r[0].kpis[Kpi::Revenue.index()] * gm;
                    if cost > 0.0 {
                        incremental / cost
                    } else {
                        0.0
                    }
                }),
            },
        };
        let tiers = scenario.tier_count();
        let mean = |value: &dyn Fn(&ReplicationTotals) -> f64| {
            self.replications.iter().map(|r| value(&r[plan])).sum::<f64>() / reps
        };
        let tier_shares = (0..self.months)
            .map(|m| (0..tiers).map(|t| mean(&|r| r.members[m][t]) / self.customers as f64).collect())
            .collect();
        let migration =
            (0..tiers).map(|from| (0..tiers).map(|to| mean(&|r| r.migration[from][to])).collect()).collect();
        SchemeResult {
            name: scenario.name.clone(),
            totals: Kpi::ALL.iter().map(|&kpi| KpiStat { kpi, spread: self.kpi_spread(plan, kpi) }).collect(),
            incremental: [IncrementalKpi::Revenue, IncrementalKpi::Orders, IncrementalKpi::Margin, IncrementalKpi::Roi]
                .into_iter()
                .map(incremental)
                .collect(),
            monthly: MonthlyKpi::ALL
                .iter()
                .map(|&kpi| MonthlyStat { kpi, months: self.monthly_spread(plan, kpi) })
                .collect(),
            tier_names: scenario.tiers.names.clone(),
            tier_shares,
            migration,
            groups: groups.stats(&self.groups[plan], &self.groups[0], reps),
            frozen_scores,
            top_tier_share: mean(&|r| r.top_tier_share),
        }
    }

    /// Scheme `to` minus scheme `from` on every KPI, paired by replication.
    pub fn difference(&self, from: usize, to: usize) -> Vec<KpiStat> {
        Kpi::ALL
            .iter()
            .map(|&kpi| KpiStat {
                kpi,
                spread: self.spread(|r| r[to + 1].kpis[kpi.index()] - r[from + 1].kpis[kpi.index()]),
            })
            .collect()
    }

    /// Share of replications in which scheme `to` has the higher margin than scheme `from` (ties
    /// count half).
    pub fn chance_better_on_margin(&self, from: usize, to: usize) -> f64 {
        let margin = |r: &[ReplicationTotals], plan: usize| r[plan].kpis[Kpi::Margin.index()];
        self.replications
            .iter()
            .map(|r| {
                let (x, y) = (margin(r, from + 1), margin(r, to + 1));
                if y > x {
                    1.0
                } else if y == x {
                    0.5
                } else {
                    0.0
                }
            })
            .sum::<f64>()
            / self.replications.len() as f64
    }

    /// Scheme `scheme` against scheme `reference`.
    pub fn comparison(&self, reference: usize, scheme: usize) -> Comparison {
        Comparison {
            scheme,
            difference: self.difference(reference, scheme),
            incremental_margin: self.spread_over_replications(|r| {
                self.incremental_margin(scheme, r) - self.incremental_margin(reference, r)
            }),
            chance_better_on_margin: self.chance_better_on_margin(reference, scheme),
            field_test: self.field_test(reference, scheme),
        }
    }

    fn spread_over_replications(&self, value: impl Fn(usize) -> f64) -> Spread {
        Spread::of(&(0..self.replications.len()).map(value).collect::<Vec<_>>())
    }

    /// Share of replications in which each scheme has the highest incremental margin, ties split.
    pub fn chance_best(&self) -> Vec<f64> {
        let schemes = self.schemes.len();
        let mut wins = vec![0.0; schemes];
        for r in 0..self.replications.len() {
            let margins: Vec<f64> = (0..schemes).map(|s| self.incremental_margin(s, r)).collect();
            let best = margins.iter().copied().fold(f64::NEG_INFINITY, f64::max);
            let tied: Vec<usize> = (0..schemes).filter(|&s| margins[s] == best).collect();
            for &s in &tied {
                wins[s] += 1.0 / tied.len() as f64;
            }
        }
        wins.iter().map(|w| w / self.replications.len() as f64).collect()
    }

    /// The schemes by mean incremental margin, best first (ties in scheme order).
    pub fn ranking(&self) -> Vec<Rank> {
        let chance = self.chance_best();
        let mut ranks: Vec<Rank> = (0..self.schemes.len())
            .map(|scheme| Rank {
                scheme,
                incremental_margin: self.spread_over_replications(|r| self.incremental_margin(scheme, r)),
                chance_best: chance[scheme],
            })
            .collect();
        ranks.sort_by(|x, y| {
            y.incremental_margin.mean.total_cmp(&x.incremental_margin.mean).then(x.scheme.cmp(&y.scheme))
        });
        ranks
    }

    /// Per-customer cumulative margin (mean, variance) by month under schemes `a` and `b`, and its
    /// covariance with the pre-period covariate.
    pub fn field_test(&self, a: usize, b: usize) -> FieldTestInputs {
        let observations = self.replications.len() as f64 * self.customers as f64;
        let x_mean = self.covariate.map_or(0.0, |c| c.1);
        let described = |plan: usize| -> Vec<(f64, f64, f64)> {
            self.margin_moments[plan].iter().map(|m| m.describe(observations, x_mean)).collect()
        };
        let (a, b) = (described(a + 1), described(b + 1));
        let pre_period = self.covariate.map(|(months, _, variance)| PrePeriod {
            months,
            variance,
            covariance_a: a.iter().map(|d| d.2).collect(),
            covariance_b: b.iter().map(|d| d.2).collect(),
        });
        let moments = |d: &[(f64, f64, f64)]| d.iter().map(|d| (d.0, d.1)).collect();
        FieldTestInputs { customers: self.customers, a: moments(&a), b: moments(&b), pre_period }
    }
}

fn replication_totals(
    scenario: Option<&Scenario>,
    gross_margin: f64,
    totals: PlanTotals,
    customers: usize,
) -> ReplicationTotals {
    let PlanTotals { tally, migration, counts, .. } = totals;
    let MonthTally { kpis: monthly, members, discount, shipping, gifts, points_cost, coupons } = tally;
    let sum = |kpi: MonthlyKpi| monthly.iter().map(|m| m[kpi as usize]).sum::<f64>();
    let months = monthly.len().max(1) as f64;
    let revenue = sum(MonthlyKpi::Revenue);
    let benefit_cost = discount + shipping + gifts + points_cost + coupons;
    let points = scenario.map(|s| &s.points);
    let outstanding = monthly.last().map_or(0.0, |m| m[MonthlyKpi::OutstandingPoints as usize]);
    let ratio = |n: f64, d: f64| if d > 0.0 { n / d } else { 0.0 };
    let mut kpis = [0.0; Kpi::ALL.len()];
    for kpi in Kpi::ALL {
        kpis[kpi.index()] = match kpi {
            Kpi::Revenue => revenue,
            Kpi::Orders => sum(MonthlyKpi::Orders),
            Kpi::DiscountCost => discount,
            Kpi::ShippingCost => shipping,
            Kpi::GiftCost => gifts,
            Kpi::CouponCost => coupons,
            Kpi::PointsCost => points_cost,
            Kpi::TotalBenefitCost => benefit_cost,
            Kpi::Margin => revenue * gross_margin - benefit_cost,
            Kpi::PointsIssued => sum(MonthlyKpi::PointsIssued),
            Kpi::PointsRedeemed => sum(MonthlyKpi::PointsRedeemed),
            Kpi::PointsExpired => sum(MonthlyKpi::PointsExpired),
            Kpi::RedemptionCost => points.map_or(0.0, |p| sum(MonthlyKpi::PointsRedeemed) * p.point_cost),
            Kpi::PointsLiability => {
                points.map_or(0.0, |p| outstanding * p.point_cost * (1.0 - p.breakage_percent / 100.0))
            }
            Kpi::ActiveCustomers => sum(MonthlyKpi::Buyers) / months,
            Kpi::RetentionRate => ratio(counts.active_at_end, counts.active_at_start),
            Kpi::ConversionRate => ratio(counts.bought, customers as f64),
            Kpi::BenefitUsageRate => ratio(counts.used_benefit, counts.entitled),
            Kpi::ProfitContribution => revenue - benefit_cost,
            Kpi::Upgrades => sum(MonthlyKpi::Upgrades),
            Kpi::Downgrades => sum(MonthlyKpi::Downgrades),
        };
    }
    // One denominator for the top-tier share everywhere: the members still active at the end.
    let top_tier_share = ratio(counts.active_top_at_end, counts.active_at_end);
    ReplicationTotals { kpis, monthly, members, migration, top_tier_share }
}

impl Summary<'_> {
    /// The key difference's mean and standard error over the replications so far.
    pub fn precision(&self, reference: usize) -> Precision {
        let ranking = self.ranking();
        let scheme = ranking.iter().map(|r| r.scheme).find(|&s| s != reference).unwrap_or(reference);
        let replications = self.replication_count();
        let differences: Vec<f64> = (0..replications)
            .map(|r| {
                let base = if scheme == reference { 0.0 } else { self.incremental_margin(reference, r) };
                self.incremental_margin(scheme, r) - base
            })
            .collect();
        let n = replications as f64;
        let mean = differences.iter().sum::<f64>() / n;
        let variance = if replications > 1 {
            differences.iter().map(|d| (d - mean) * (d - mean)).sum::<f64>() / (n - 1.0)
        } else {
            f64::INFINITY
        };
        Precision {
            scheme,
            mean,
            standard_error: (variance / n).sqrt(),
            replications: replications as u32,
            target_met: None,
        }
    }
}

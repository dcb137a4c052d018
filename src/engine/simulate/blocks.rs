//! The simulation as blocks of customers: every sum is taken per block of customers in id order,
//! starting from zero, and blocks are merged in block order. Any split of the blocks (threads, Web
//! Workers, machines) therefore gives exactly the same numbers as one pass: `Run::simulate_block`
//! computes one block's partial sums, `Merged::absorb` folds partials in block order.

use std::ops::Range;

use serde::{Deserialize, Serialize};

use super::baseline::Baseline;
use super::calendar::Calendar;
use super::draws::CustomerDraws;
use super::groups::{GroupDefinitions, GroupTally};
use super::order::CustomerOrder;
use super::run::{simulate_customer, CustomerOutcome, MonthTally, SchemePlan, Scratch};
use crate::engine::progress::{Progress, Stage};
use crate::engine::rng::Rng;

/// How many customers, among those of a block, did something (one replication, one plan).
#[derive(Clone, Copy, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct CustomerCounts {
    pub active_at_start: f64,
    pub active_at_end: f64,
    pub bought: f64,
    pub used_benefit: f64,
    pub entitled: f64,
}

/// Sums over customers of one plan in one replication.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct PlanTotals {
    pub tally: MonthTally,
    /// Customers from their tier at the start (rows) to the end (columns).
    pub migration: Vec<Vec<f64>>,
    pub counts: CustomerCounts,
    /// Per month: sum and sum of squares of customers' cumulative margins (field-test planner).
    pub margin_moments: Vec<(f64, f64)>,
    pub groups: Vec<GroupTally>,
}

impl PlanTotals {
    fn zero(months: usize, tiers: usize, groups: usize) -> PlanTotals {
        PlanTotals {
            tally: MonthTally::new(months, tiers),
            migration: vec![vec![0.0; tiers]; tiers],
            counts: CustomerCounts::default(),
            margin_moments: vec![(0.0, 0.0); months],
            groups: vec![GroupTally::default(); groups],
        }
    }

    fn add_customer(
        &mut self,
        start_tier: usize,
        outcome: &CustomerOutcome,
        active_at_start: bool,
        groups: &[usize],
        top: bool,
    ) {
        if let Some(cell) = self.migration.get_mut(start_tier).and_then(|row| row.get_mut(outcome.end_tier as usize)) {
            *cell += 1.0;
        }
        let counts = &mut self.counts;
        counts.active_at_start += f64::from(u8::from(active_at_start));
        counts.active_at_end += f64::from(u8::from(outcome.active_at_end));
        counts.bought += f64::from(u8::from(outcome.bought));
        counts.used_benefit += f64::from(u8::from(outcome.used_benefit));
        counts.entitled += f64::from(u8::from(outcome.entitled));
        for (moments, &x) in self.margin_moments.iter_mut().zip(&outcome.cumulative_margin) {
            moments.0 += x;
            moments.1 += x * x;
        }
        for &g in groups {
            self.groups[g].add(outcome, top);
        }
    }

    /// Adds another block's sums, element by element.
    pub fn absorb(&mut self, other: &PlanTotals) {
        self.tally.absorb(&other.tally);
        for (row, other_row) in self.migration.iter_mut().zip(&other.migration) {
            for (cell, x) in row.iter_mut().zip(other_row) {
                *cell += x;
            }
        }
        let (c, o) = (&mut self.counts, &other.counts);
        c.active_at_start += o.active_at_start;
        c.active_at_end += o.active_at_end;
        c.bought += o.bought;
        c.used_benefit += o.used_benefit;
        c.entitled += o.entitled;
        for (moments, other) in self.margin_moments.iter_mut().zip(&other.margin_moments) {
            moments.0 += other.0;
            moments.1 += other.1;
        }
        for (group, other) in self.groups.iter_mut().zip(&other.groups) {
            group.absorb(other);
        }
    }
}

/// One block's sums: `replications[r][plan]` for the replications `first_replication..`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct BlockPartial {
    pub block: usize,
    pub first_replication: u32,
    pub replications: Vec<Vec<PlanTotals>>,
}

/// Everything a block needs: the plans (the counterfactual first), the customers' behaviour, the
/// calendar and the order of customers.
pub struct Run<'a> {
    pub baseline: &'a Baseline,
    pub plans: Vec<SchemePlan<'a>>,
    pub calendar: Calendar,
    /// Month each customer joined (first event), counted from the first month of the data.
    pub join: Vec<usize>,
    pub groups: Option<&'a GroupDefinitions>,
    pub order: CustomerOrder,
    pub seed: u64,
    pub deterministic: bool,
}

impl Run<'_> {
    pub fn block_count(&self) -> usize {
        self.order.block_count()
    }

    fn zero_totals(&self) -> Vec<PlanTotals> {
        let groups = self.groups.map_or(0, GroupDefinitions::len);
        self.plans.iter().map(|p| PlanTotals::zero(self.calendar.months, p.tiers, groups)).collect()
    }

    /// The sums of one block's customers for the given replications. Replication `r` always
    /// draws from the same streams, whatever else is run with it.
    pub fn simulate_block(&self, block: usize, replications: Range<u32>, scratch: &mut Scratch) -> BlockPartial {
        let months = self.calendar.months;
        let customers = self.order.block(block);
        let first_replication = replications.start;
        let replications = replications
            .map(|replication| {
                let replication_seed = Rng::for_stream(self.seed, u64::from(replication)).next_u64();
                let mut totals = self.zero_totals();
                for &c in customers {
                    let key = self.order.keys[c];
                    let draws =
                        CustomerDraws::draw(self.baseline, c, key, replication_seed, months, self.deterministic);
                    scratch.new_customer(months);
                    let groups = self.groups.map_or(&[][..], |g| g.of_customer(c));
                    for (index, (plan, sums)) in self.plans.iter().zip(totals.iter_mut()).enumerate() {
                        let outcome = simulate_customer(
                            plan,
                            self.baseline,
                            &draws,
                            c,
                            self.join[c],
                            &self.calendar,
                            scratch,
                            &mut sums.tally,
                        );
                        let top = index > 0 && outcome.end_tier as usize + 1 == plan.tiers;
                        let start_tier = plan.start_tier.get(c).copied().unwrap_or(0) as usize;
                        sums.add_customer(start_tier, &outcome, draws.active, groups, top);
                    }
                }
                totals
            })
            .collect();
        BlockPartial { block, first_replication, replications }
    }
}

/// Block sums folded in block order: `replications[r][plan]`.
pub struct Merged {
    pub first_replication: u32,
    pub replications: Vec<Vec<PlanTotals>>,
    next_block: usize,
}

impl Merged {
    pub fn new(run: &Run, replications: Range<u32>) -> Merged {
        Merged {
            first_replication: replications.start,
            replications: replications.map(|_| run.zero_totals()).collect(),
            next_block: 0,
        }
    }

    /// The next block to absorb.
    pub fn next_block(&self) -> usize {
        self.next_block
    }

    /// Adds the next block's sums. Blocks must come in block order (that order is what makes the
    /// result independent of how the blocks were computed).
    ///
    /// # Panics
    /// If `partial` is not the next block or covers other replications.
    pub fn absorb(&mut self, partial: &BlockPartial) {
        assert_eq!(partial.block, self.next_block, "blocks merge in block order");
        assert_eq!(partial.first_replication, self.first_replication, "the same replications");
        for (totals, block) in self.replications.iter_mut().zip(&partial.replications) {
            for (sums, other) in totals.iter_mut().zip(block) {
                sums.absorb(other);
            }
        }
        self.next_block += 1;
    }
}

/// Every block for the given replications, merged in block order: `[replication][plan]`.
pub fn run_blocks(run: &Run, replications: std::ops::Range<u32>, progress: &mut dyn Progress) -> Vec<Vec<PlanTotals>> {
    let mut merged = Merged::new(run, replications.clone());
    let mut scratch = Scratch::default();
    let blocks = run.block_count() as u64;
    for block in 0..run.block_count() {
        let partial = run.simulate_block(block, replications.clone(), &mut scratch);
        merged.absorb(&partial);
        progress.report(Stage::Simulating, block as u64 + 1, blocks);
    }
    merged.replications
}

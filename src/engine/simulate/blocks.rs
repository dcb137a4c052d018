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
use super::planner::MarginMoments;
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
    /// Customers active at the end and in the top tier (the top-tier share's numerator; its
    /// denominator is `active_at_end`).
    #[serde(default)]
    pub active_top_at_end: f64,
}

/// Sums over customers of one plan in one replication.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct PlanTotals {
    pub tally: MonthTally,
    /// Customers from their tier at the start (rows) to the end (columns).
    pub migration: Vec<Vec<f64>>,
    pub counts: CustomerCounts,
    /// Per month: sums of customers' cumulative margins, their squares and their products with the
    /// pre-period covariate (field-test planner).
    pub margin_moments: Vec<MarginMoments>,
    pub groups: Vec<GroupTally>,
}

impl PlanTotals {
    /// Zero sums of a plan with `tiers` tiers over `months` months and `groups` groups.
    pub fn zero(months: usize, tiers: usize, groups: usize) -> PlanTotals {
        PlanTotals {
            tally: MonthTally::new(months, tiers),
            migration: vec![vec![0.0; tiers]; tiers],
            counts: CustomerCounts::default(),
            margin_moments: vec![MarginMoments::default(); months],
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
        pre_period: f64,
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
        counts.active_top_at_end += f64::from(u8::from(top && outcome.active_at_end));
        for (moments, &y) in self.margin_moments.iter_mut().zip(&outcome.cumulative_margin) {
            moments.add(y, pre_period);
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
        c.active_top_at_end += o.active_top_at_end;
        for (moments, other) in self.margin_moments.iter_mut().zip(&other.margin_moments) {
            moments.absorb(other);
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
    pub calendar: &'a Calendar,
    /// Month each customer joined (first event), counted from the first month of the data.
    pub join: &'a [usize],
    pub groups: Option<&'a GroupDefinitions>,
    pub order: &'a CustomerOrder,
    /// Each customer's pre-period net spend (the field test's covariate); empty when there is none.
    pub pre_period: &'a [f64],
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
    /// draws from the same streams, whatever else is run with it. Each customer runs through every
    /// replication in turn while their data is in the cache; every replication's sums still add
    /// the block's customers in id order.
    pub fn simulate_block(&self, block: usize, replications: Range<u32>, scratch: &mut Scratch) -> BlockPartial {
        let months = self.calendar.months;
        let seeds: Vec<u64> =
            replications.clone().map(|r| Rng::for_stream(self.seed, u64::from(r)).next_u64()).collect();
        let mut totals: Vec<Vec<PlanTotals>> = seeds.iter().map(|_| self.zero_totals()).collect();
        for &c in self.order.block(block) {
            let key = self.order.keys[c];
            let groups = self.groups.map_or(&[][..], |g| g.of_customer(c));
            let engagement = self.baseline.engagement.get(c);
            for (&replication_seed, sums) in seeds.iter().zip(&mut totals) {
                let draws = CustomerDraws::draw(self.baseline, c, key, replication_seed, months, self.deterministic);
                scratch.new_customer(months);
                for (index, (plan, sums)) in self.plans.iter().zip(sums.iter_mut()).enumerate() {
                    let outcome = simulate_customer(
                        plan,
                        self.baseline,
                        &draws,
                        c,
                        self.join[c],
                        &engagement,
                        self.calendar,
                        scratch,
                        &mut sums.tally,
                    );
                    let top = index > 0 && outcome.end_tier as usize + 1 == plan.tiers;
                    let start_tier = plan.start_tier.get(c).copied().unwrap_or(0) as usize;
                    let pre_period = self.pre_period.get(c).copied().unwrap_or(0.0);
                    sums.add_customer(start_tier, &outcome, draws.active, groups, top, pre_period);
                }
            }
        }
        BlockPartial { block, first_replication: replications.start, replications: totals }
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

    /// Zero sums (`replications[r][plan]`) of the replications from `first_replication`, before block 0.
    pub fn from_zero(first_replication: u32, replications: Vec<Vec<PlanTotals>>) -> Merged {
        Merged { first_replication, replications, next_block: 0 }
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

/// Threads to use when the settings do not say: one per core (one in wasm, where threads trap).
pub fn default_threads() -> usize {
    #[cfg(not(target_arch = "wasm32"))]
    {
        std::thread::available_parallelism().map_or(1, std::num::NonZeroUsize::get)
    }
    #[cfg(target_arch = "wasm32")]
    {
        1
    }
}

/// Every block for the given replications, merged in block order: `[replication][plan]`. With
/// more than one thread the blocks are shared out and merged in block order as they arrive, so the
/// numbers are the same for any number of threads.
pub fn run_blocks(
    run: &Run,
    replications: Range<u32>,
    threads: usize,
    progress: &mut dyn Progress,
) -> Vec<Vec<PlanTotals>> {
    let mut merged = Merged::new(run, replications.clone());
    let blocks = run.block_count();
    #[cfg(not(target_arch = "wasm32"))]
    if threads > 1 && blocks > 1 {
        in_threads(run, replications, threads.min(blocks), &mut merged, progress);
        return merged.replications;
    }
    let _ = threads;
    let mut scratch = Scratch::default();
    for block in 0..blocks {
        merged.absorb(&run.simulate_block(block, replications.clone(), &mut scratch));
        progress.report(Stage::Simulating, block as u64 + 1, blocks as u64);
    }
    merged.replications
}

/// Workers take the next block until none is left; this thread merges the partials in block order
/// (keeping those that arrive early) and reports progress.
#[cfg(not(target_arch = "wasm32"))]
fn in_threads(run: &Run, replications: Range<u32>, threads: usize, merged: &mut Merged, progress: &mut dyn Progress) {
    use std::sync::atomic::{AtomicUsize, Ordering};
    let blocks = run.block_count();
    let next = AtomicUsize::new(0);
    let (sender, receiver) = std::sync::mpsc::channel::<BlockPartial>();
    std::thread::scope(|scope| {
        for _ in 0..threads {
            let (sender, next, replications) = (sender.clone(), &next, replications.clone());
            scope.spawn(move || {
                let mut scratch = Scratch::default();
                loop {
                    let block = next.fetch_add(1, Ordering::Relaxed);
                    if block >= blocks
                        || sender.send(run.simulate_block(block, replications.clone(), &mut scratch)).is_err()
                    {
                        break;
                    }
                }
            });
        }
        drop(sender);
        let mut early = std::collections::BTreeMap::new();
        for partial in receiver {
            early.insert(partial.block, partial);
            while let Some(partial) = early.remove(&merged.next_block()) {
                merged.absorb(&partial);
                progress.report(Stage::Simulating, merged.next_block() as u64, blocks as u64);
            }
        }
    });
}

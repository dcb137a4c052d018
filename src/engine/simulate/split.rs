//! A simulation split over partitions of the customers, each holding whole blocks of the
//! simulator's id order (`order.rs`) and only its own customers' rows: every partition simulates
//! its blocks on the population's baseline (`population.rs`), RFM segments and tier bounds, and
//! returns the blocks' sums; the driver adds them in block order, exactly as one machine does, and
//! reports them through the same `SimulationOutline`. Random draws are keyed by customer id and
//! replication, so every number equals the one-machine run's (docs/model-notes/scale.md).

use serde::{Deserialize, Serialize};

use super::baseline::Baseline;
use super::blocks::{BlockPartial, Merged, PlanTotals};
use super::groups::{rfm_features, GroupDefinitions};
use super::order::{CustomerOrder, BLOCK_SIZE};
use super::outline::SimulationOutline;
use super::population::{SplitError, ValueCounts};
use super::result::SimulationResult;
use super::settings::SimulationSettings;
use super::simulation::{mean_and_variance, Simulation};
use crate::engine::evaluate::PreparedData;
use crate::engine::features::catalog::Feature;
use crate::engine::progress::Silent;
use crate::engine::roles::ColumnRole;
use crate::engine::scenario::Scenario;
use crate::engine::scoring::rfm::{quintile_code, RfmSegment};

/// Where the simulator's blocks start: the first id (bytewise order) of every block of `BLOCK_SIZE`
/// customers of the whole population. A partition holding whole blocks finds its blocks' numbers here.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct BlockLayout {
    pub starts: Vec<String>,
    pub customers: usize,
}

impl BlockLayout {
    /// The layout of these ids (every customer's id once, in any order).
    pub fn of<'a>(ids: impl IntoIterator<Item = &'a str>) -> BlockLayout {
        let mut ids: Vec<&str> = ids.into_iter().collect();
        ids.sort_unstable_by(|a, b| a.as_bytes().cmp(b.as_bytes()));
        BlockLayout { starts: ids.iter().step_by(BLOCK_SIZE).map(|s| s.to_string()).collect(), customers: ids.len() }
    }

    /// The block holding `id`.
    pub fn block_of(&self, id: &str) -> usize {
        self.starts.partition_point(|s| s.as_bytes() <= id.as_bytes()).saturating_sub(1)
    }

    fn block_size(&self, block: usize) -> usize {
        self.customers.saturating_sub(block * BLOCK_SIZE).min(BLOCK_SIZE)
    }

    /// The population's block number of each of a partition's blocks (`order` of its `ids`), checked
    /// to be whole blocks.
    fn blocks_of(
        &self,
        ids: &crate::engine::dataset::TextList,
        order: &CustomerOrder,
    ) -> Result<Vec<usize>, SplitError> {
        (0..order.block_count())
            .map(|local| {
                let customers = order.block(local);
                let first = &ids[customers[0]];
                let block = self.block_of(first);
                let whole = self.starts.get(block).is_some_and(|s| s == first)
                    && customers.len() == self.block_size(block)
                    && self
                        .starts
                        .get(block + 1)
                        .is_none_or(|next| ids[*customers.last().expect("a block")].as_bytes() < next.as_bytes());
                if whole {
                    Ok(block)
                } else {
                    Err(SplitError::NotWholeBlocks { customers: order.by_id.len() })
                }
            })
            .collect()
    }
}

/// The recency and frequency of the population's buyers counted by value: the quintiles RFM
/// segments are drawn from (exact: a rank over counts is the rank over every customer).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct SegmentCounts {
    pub recency: ValueCounts,
    pub frequency: ValueCounts,
}

impl SegmentCounts {
    pub fn of(data: &PreparedData) -> SegmentCounts {
        let Some((recency, frequency)) = recency_frequency(data) else { return SegmentCounts::default() };
        let buyers = |values: &[f64]| -> ValueCounts {
            ValueCounts::of(values.iter().zip(&frequency).filter(|(v, &f)| f > 0.0 && v.is_finite()).map(|(&v, _)| v))
        };
        SegmentCounts { recency: buyers(&recency), frequency: buyers(&frequency) }
    }

    pub fn merge(&mut self, other: &SegmentCounts) {
        self.recency.merge(&other.recency);
        self.frequency.merge(&other.frequency);
    }

    /// Each customer's RFM segment among the whole population (as `rfm::codes` on one machine).
    fn segments(&self, recency: &[f64], frequency: &[f64]) -> Vec<RfmSegment> {
        let r = quintile_codes(&self.recency, recency, frequency, false);
        let f = quintile_codes(&self.frequency, frequency, frequency, true);
        r.iter().zip(&f).map(|(&r, &f)| RfmSegment::of(r, f)).collect()
    }
}

fn recency_frequency(data: &PreparedData) -> Option<(Vec<f64>, Vec<f64>)> {
    let table = rfm_features(data)?;
    let column = |f: Feature| table.get(&f.into()).map(<[f64]>::to_vec);
    Some((column(Feature::RecencyDays)?, column(Feature::Frequency)?))
}

/// The quintile code of each buyer's value among the counted values (0 for everyone else).
fn quintile_codes(counts: &ValueCounts, values: &[f64], frequency: &[f64], higher_is_better: bool) -> Vec<u8> {
    let n = counts.total() as usize;
    let mut code_of = std::collections::BTreeMap::new();
    let mut below = 0usize;
    for (v, count) in counts.sorted() {
        code_of.insert(v.to_bits(), quintile_code(below, below + count as usize - 1, n, higher_is_better));
        below += count as usize;
    }
    values
        .iter()
        .zip(frequency)
        .map(|(v, &f)| if f > 0.0 && v.is_finite() { code_of.get(&v.to_bits()).copied().unwrap_or(0) } else { 0 })
        .collect()
}

/// One partition's part of a split simulation: its blocks' sums (numbered in the population's
/// block order), its blocks' pre-period covariate sums, and the outline of its result.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct PartitionSums {
    pub blocks: Vec<BlockPartial>,
    pub pre_period: Vec<(usize, f64, f64)>,
    pub outline: SimulationOutline,
}

/// A partition's customers simulated: `schemes` with the whole data's tier bounds written in (as
/// absolute bounds), `baseline` from `Baseline::of_partition` with the population's heavy-buyer cut,
/// `segments` the population's `SegmentCounts`, `layout` the population's `BlockLayout`.
pub fn simulate_partition(
    schemes: &[Scenario],
    reference: usize,
    data: &PreparedData,
    baseline: &Baseline,
    settings: &SimulationSettings,
    layout: &BlockLayout,
    segments: &SegmentCounts,
) -> Result<PartitionSums, SplitError> {
    if data.dataset.attribute(ColumnRole::Gender).is_some() || data.dataset.attribute(ColumnRole::City).is_some() {
        return Err(SplitError::Demographics);
    }
    let order = CustomerOrder::of(&data.dataset.customers.ids);
    let numbers = layout.blocks_of(&data.dataset.customers.ids, &order)?;
    let simulate_error = |error| SplitError::Simulate { error };
    let rf = recency_frequency(data);
    let simulation = Simulation::new(schemes, reference, data, baseline, settings, &mut Silent)
        .map_err(simulate_error)?
        .with_groups(GroupDefinitions::of_with(data, |_| {
            rf.as_ref().map_or_else(Vec::new, |(recency, frequency)| segments.segments(recency, frequency))
        }));
    let mut blocks = simulation.simulate_blocks(0..simulation.block_count(), 0..settings.replications);
    for block in &mut blocks {
        block.block = numbers[block.block];
    }
    let pre_period =
        simulation.pre_period_blocks().into_iter().enumerate().map(|(b, (s, q))| (numbers[b], s, q)).collect();
    Ok(PartitionSums { blocks, pre_period, outline: simulation.outline() })
}

/// The whole population's result from every partition's sums (in any order): exactly the
/// one-machine `tierlab simulate` result. `schemes` as the request gave them.
pub fn merge_partitions(schemes: &[Scenario], parts: Vec<PartitionSums>) -> Result<SimulationResult, SplitError> {
    let mut outline = parts.first().ok_or(SplitError::Nothing)?.outline.clone();
    for part in &parts[1..] {
        let o = &part.outline;
        if (o.months, &o.month_labels, &o.groups, &o.frozen_scores)
            != (outline.months, &outline.month_labels, &outline.groups, &outline.frozen_scores)
            || o.baseline != outline.baseline
            || o.covariate.map(|c| c.0) != outline.covariate.map(|c| c.0)
        {
            return Err(SplitError::Mismatch { what: "the calendar, groups, schemes or baseline".into() });
        }
    }
    outline.customers = parts.iter().map(|p| p.outline.customers).sum();
    let mut blocks: Vec<BlockPartial> = Vec::new();
    let mut pre_period = Vec::new();
    for part in parts {
        blocks.extend(part.blocks);
        pre_period.extend(part.pre_period);
    }
    blocks.sort_by_key(|b| b.block);
    pre_period.sort_by_key(|p| p.0);
    let replications = outline.settings.replications as usize;
    let expected = outline.customers.div_ceil(BLOCK_SIZE);
    let complete = blocks.len() == expected
        && blocks
            .iter()
            .enumerate()
            .all(|(i, b)| b.block == i && b.first_replication == 0 && b.replications.len() == replications);
    if !complete {
        return Err(SplitError::Blocks { found: blocks.len(), expected });
    }
    if let Some(covariate) = &mut outline.covariate {
        let (mean, variance) = mean_and_variance(pre_period.iter().map(|p| (p.1, p.2)), outline.customers);
        *covariate = (covariate.0, mean, variance);
    }
    let zero: Vec<PlanTotals> = std::iter::once(1)
        .chain(schemes.iter().map(Scenario::tier_count))
        .map(|tiers| PlanTotals::zero(outline.months, tiers, outline.groups.len()))
        .collect();
    let mut merged = Merged::from_zero(0, vec![zero; replications]);
    for block in &blocks {
        merged.absorb(block);
    }
    let summary = outline.summary(schemes, merged.replications);
    let precision = summary.precision(outline.reference);
    Ok(outline.report(summary, precision, &GroupDefinitions::labelled(outline.groups.clone())))
}

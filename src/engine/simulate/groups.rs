//! Results per customer segment and demographic group, and fairness: whether some groups reach the
//! top tier or receive benefits far less often than the best-served group (the four-fifths rule:
//! a ratio below 0.8 is flagged; seeds 000 and 001 ask for this).

use serde::{Deserialize, Serialize};

use super::run::CustomerOutcome;
use crate::engine::dataset::NO_CODE;
use crate::engine::evaluate::PreparedData;
use crate::engine::features::catalog::Feature;
use crate::engine::features::table::MonthRange;
use crate::engine::roles::ColumnRole;
use crate::engine::scoring::rfm;

/// Ratio to the best-served group below which a group is flagged.
pub const FAIRNESS_RATIO: f64 = 0.8;
/// Cities beyond the largest few are pooled as "other" so groups stay big enough to compare.
const MAX_CITIES: usize = 8;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Dimension {
    Gender,
    City,
    AgeBand,
    /// RFM segment at the start of the simulation (a behavioural segment, not a protected group).
    RfmSegment,
}

impl Dimension {
    /// Demographic dimensions are checked for fairness; behavioural segments are meant to differ.
    pub fn is_demographic(self) -> bool {
        !matches!(self, Dimension::RfmSegment)
    }
}

pub struct GroupDefinitions {
    groups: Vec<(Dimension, String)>,
    /// Group indices of each customer (one per dimension the data has).
    membership: Vec<Vec<usize>>,
}

#[derive(Clone, Debug, Default, PartialEq)]
pub struct GroupTally {
    customers: f64,
    revenue: f64,
    benefit_cost: f64,
    top_tier: f64,
    bought: f64,
}

impl GroupTally {
    pub fn add(&mut self, outcome: &CustomerOutcome, in_top_tier: bool) {
        self.customers += 1.0;
        self.revenue += outcome.revenue;
        self.benefit_cost += outcome.benefit_cost;
        self.top_tier += f64::from(u8::from(in_top_tier));
        self.bought += f64::from(u8::from(outcome.bought));
    }
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct GroupStat {
    pub dimension: Dimension,
    pub group: String,
    pub customers: f64,
    pub revenue_per_customer: f64,
    pub incremental_revenue_per_customer: f64,
    pub benefit_per_customer: f64,
    pub top_tier_share: f64,
    pub conversion_rate: f64,
    /// Top-tier share relative to the group with the highest share in the same dimension.
    pub top_tier_ratio: f64,
    /// Benefit value per customer relative to the best-served group in the same dimension.
    pub benefit_ratio: f64,
    /// A demographic group with a ratio below 0.8.
    pub flagged: bool,
}

impl GroupDefinitions {
    pub fn of(data: &PreparedData) -> GroupDefinitions {
        let n = data.dataset.customer_count();
        let mut defs = GroupDefinitions { groups: Vec::new(), membership: vec![Vec::new(); n] };
        for (role, dimension) in [(ColumnRole::Gender, Dimension::Gender), (ColumnRole::City, Dimension::City)] {
            if let Some(attribute) = data.dataset.attribute(role) {
                let mut counts = vec![0usize; attribute.dictionary.len()];
                for &code in &attribute.codes {
                    if code != NO_CODE {
                        counts[code as usize] += 1;
                    }
                }
                let mut order: Vec<usize> = (0..counts.len()).collect();
                order.sort_by(|&x, &y| counts[y].cmp(&counts[x]).then(x.cmp(&y)));
                let keep = if dimension == Dimension::City { MAX_CITIES } else { usize::MAX };
                let mut index_of_code = vec![None; counts.len()];
                for (rank, &code) in order.iter().enumerate().filter(|(_, &c)| counts[c] > 0) {
                    if rank < keep {
                        index_of_code[code] = Some(defs.add(dimension, attribute.dictionary[code].clone()));
                    }
                }
                let other = (counts.len() > keep).then(|| defs.add(dimension, "other".into()));
                for (c, &code) in attribute.codes.iter().enumerate() {
                    let group = if code == NO_CODE { None } else { index_of_code[code as usize].or(other) };
                    if let Some(g) = group {
                        defs.membership[c].push(g);
                    }
                }
            }
        }
        if let Some(age) = data.dataset.measure(ColumnRole::Age) {
            let bands = ["<25", "25-34", "35-44", "45-54", "55+"].map(|b| defs.add(Dimension::AgeBand, b.into()));
            for (c, &a) in age.values.iter().enumerate() {
                if a.is_finite() {
                    let band = match a {
                        a if a < 25.0 => 0,
                        a if a < 35.0 => 1,
                        a if a < 45.0 => 2,
                        a if a < 55.0 => 3,
                        _ => 4,
                    };
                    defs.membership[c].push(bands[band]);
                }
            }
        }
        let source = data.features();
        let keys = [Feature::RecencyDays.into(), Feature::Frequency.into(), Feature::Monetary.into()];
        if let Ok(table) = source.compute(&keys, MonthRange::UpTo { to: source.last_month() }) {
            let codes = rfm::codes(&table);
            let indices: Vec<usize> =
                rfm::RfmSegment::ALL.iter().map(|s| defs.add(Dimension::RfmSegment, s.key().into())).collect();
            for (c, segment) in codes.segment.iter().enumerate() {
                let position = rfm::RfmSegment::ALL.iter().position(|s| s == segment).unwrap_or(0);
                defs.membership[c].push(indices[position]);
            }
        }
        defs
    }

    fn add(&mut self, dimension: Dimension, label: String) -> usize {
        self.groups.push((dimension, label));
        self.groups.len() - 1
    }

    pub fn len(&self) -> usize {
        self.groups.len()
    }

    pub fn is_empty(&self) -> bool {
        self.groups.is_empty()
    }

    pub fn of_customer(&self, customer: usize) -> &[usize] {
        &self.membership[customer]
    }

    /// Per-replication averages and fairness ratios of one scheme, against the counterfactual.
    pub fn stats(&self, scheme: &[GroupTally], counterfactual: &[GroupTally], replications: f64) -> Vec<GroupStat> {
        let per = |x: f64, n: f64| if n > 0.0 { x / n } else { 0.0 };
        let mut stats: Vec<GroupStat> = self
            .groups
            .iter()
            .enumerate()
            .filter(|(g, _)| scheme[*g].customers > 0.0)
            .map(|(g, (dimension, label))| {
                let t = &scheme[g];
                let cf = &counterfactual[g];
                GroupStat {
                    dimension: *dimension,
                    group: label.clone(),
                    customers: t.customers / replications,
                    revenue_per_customer: per(t.revenue, t.customers),
                    incremental_revenue_per_customer: per(t.revenue, t.customers) - per(cf.revenue, cf.customers),
                    benefit_per_customer: per(t.benefit_cost, t.customers),
                    top_tier_share: per(t.top_tier, t.customers),
                    conversion_rate: per(t.bought, t.customers),
                    top_tier_ratio: 1.0,
                    benefit_ratio: 1.0,
                    flagged: false,
                }
            })
            .collect();
        for dimension in [Dimension::Gender, Dimension::City, Dimension::AgeBand, Dimension::RfmSegment] {
            let best_top =
                stats.iter().filter(|s| s.dimension == dimension).map(|s| s.top_tier_share).fold(0.0, f64::max);
            let best_benefit =
                stats.iter().filter(|s| s.dimension == dimension).map(|s| s.benefit_per_customer).fold(0.0, f64::max);
            for s in stats.iter_mut().filter(|s| s.dimension == dimension) {
                s.top_tier_ratio = if best_top > 0.0 { s.top_tier_share / best_top } else { 1.0 };
                s.benefit_ratio = if best_benefit > 0.0 { s.benefit_per_customer / best_benefit } else { 1.0 };
                s.flagged = dimension.is_demographic()
                    && (s.top_tier_ratio < FAIRNESS_RATIO || s.benefit_ratio < FAIRNESS_RATIO);
            }
        }
        stats
    }
}

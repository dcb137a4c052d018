//! Results per customer segment and demographic group, and fairness: whether some groups reach the
//! top tier or receive benefits far less often than the best-served group (the four-fifths rule:
//! a ratio below 0.8 is flagged; the fairness check of docs/model.md, "Simulator groups"). A small best-served group can
//! have a high share by chance, so a shortfall is flagged only when it is also statistically clear.

use serde::{Deserialize, Serialize};

use super::run::CustomerOutcome;
use crate::engine::dataset::NO_CODE;
use crate::engine::evaluate::PreparedData;
use crate::engine::features::catalog::Feature;
use crate::engine::features::table::{FeatureTable, MonthRange};
use crate::engine::roles::ColumnRole;
use crate::engine::scoring::rfm;

/// Ratio to the best-served group below which a group is flagged.
pub const FAIRNESS_RATIO: f64 = 0.8;
/// One-sided z at 97.5 %: a shortfall is flagged only when the gap to the best-served group is at
/// least this many standard errors.
const SIGNIFICANCE_Z: f64 = 1.96;
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
    membership: Membership,
}

/// Group indices of every customer in one array: customer `c`'s are `groups[offsets[c] ..
/// offsets[c + 1]]` (a vector per customer cost more than the groups themselves).
#[derive(Default)]
struct Membership {
    offsets: Vec<u32>,
    groups: Vec<usize>,
}

impl Membership {
    /// From one column per dimension: the customer's group, or `None`.
    fn of_dimensions(dimensions: &[Vec<Option<u32>>], customers: usize) -> Membership {
        let mut membership = Membership { offsets: Vec::with_capacity(customers + 1), groups: Vec::new() };
        membership.offsets.push(0);
        for c in 0..customers {
            membership
                .groups
                .extend(dimensions.iter().filter_map(|column| column.get(c).copied().flatten()).map(|g| g as usize));
            membership.offsets.push(membership.groups.len() as u32);
        }
        membership.groups.shrink_to_fit();
        membership
    }

    fn of_customer(&self, customer: usize) -> &[usize] {
        &self.groups[self.offsets[customer] as usize..self.offsets[customer + 1] as usize]
    }
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct GroupTally {
    customers: f64,
    revenue: f64,
    benefit_cost: f64,
    /// Sum of squared benefit cost per customer, for the spread of the group's mean.
    benefit_cost_squared: f64,
    /// Customers active at the end and in the top tier.
    top_tier: f64,
    /// Customers active at the end: the top-tier share's denominator, as for the whole scheme.
    #[serde(default)]
    active: f64,
    bought: f64,
}

impl GroupTally {
    pub fn add(&mut self, outcome: &CustomerOutcome, in_top_tier: bool) {
        self.customers += 1.0;
        self.revenue += outcome.revenue;
        self.benefit_cost += outcome.benefit_cost;
        self.benefit_cost_squared += outcome.benefit_cost * outcome.benefit_cost;
        self.top_tier += f64::from(u8::from(in_top_tier && outcome.active_at_end));
        self.active += f64::from(u8::from(outcome.active_at_end));
        self.bought += f64::from(u8::from(outcome.bought));
    }

    /// Customers counted (once per replication summed).
    pub fn customers(&self) -> f64 {
        self.customers
    }

    /// Margin after benefits of the group's customers at a gross margin (a fraction).
    pub fn margin(&self, gross_margin: f64) -> f64 {
        self.revenue * gross_margin - self.benefit_cost
    }

    /// Adds another block's or replication's sums.
    pub fn absorb(&mut self, other: &GroupTally) {
        self.customers += other.customers;
        self.revenue += other.revenue;
        self.benefit_cost += other.benefit_cost;
        self.benefit_cost_squared += other.benefit_cost_squared;
        self.top_tier += other.top_tier;
        self.active += other.active;
        self.bought += other.bought;
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
    /// Share of the group's customers active at the end who are in the top tier.
    pub top_tier_share: f64,
    pub conversion_rate: f64,
    /// Top-tier share relative to the group with the highest share in the same dimension.
    pub top_tier_ratio: f64,
    /// Benefit value per customer relative to the best-served group in the same dimension.
    pub benefit_ratio: f64,
    /// A demographic group whose top-tier ratio is below 0.8 and clearly (95 %) below the best group.
    #[serde(default)]
    pub top_tier_flagged: bool,
    /// The same for the benefit value per customer.
    #[serde(default)]
    pub benefit_flagged: bool,
    /// Either of the two.
    pub flagged: bool,
}

/// Each customer's recency, frequency and monetary value at the end of the history (what RFM
/// segments are drawn from); `None` when the data cannot give them.
pub fn rfm_features(data: &PreparedData) -> Option<FeatureTable> {
    let source = data.features();
    let keys = [Feature::RecencyDays.into(), Feature::Frequency.into(), Feature::Monetary.into()];
    source.compute(&keys, MonthRange::UpTo { to: source.last_month() }).ok()
}

impl GroupDefinitions {
    pub fn of(data: &PreparedData) -> GroupDefinitions {
        GroupDefinitions::of_with(data, |table| rfm::codes(table).segment)
    }

    /// The data's groups, with each customer's RFM segment from `segments` (of the recency,
    /// frequency and monetary features): a partition of the customers takes the whole
    /// population's quintiles.
    pub fn of_with(
        data: &PreparedData,
        segments: impl FnOnce(&FeatureTable) -> Vec<rfm::RfmSegment>,
    ) -> GroupDefinitions {
        let n = data.dataset.customer_count();
        let mut defs = GroupDefinitions { groups: Vec::new(), membership: Membership::default() };
        // Each dimension's group of every customer, in the order the dimensions are added.
        let mut dimensions: Vec<Vec<Option<u32>>> = Vec::new();
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
                let group_of = |code: u32| if code == NO_CODE { None } else { index_of_code[code as usize].or(other) };
                dimensions.push(attribute.codes.iter().map(|&code| group_of(code).map(|g| g as u32)).collect());
            }
        }
        if let Some(age) = data.dataset.measure(ColumnRole::Age) {
            let bands = ["<25", "25-34", "35-44", "45-54", "55+"].map(|b| defs.add(Dimension::AgeBand, b.into()));
            let band_of = |a: f64| match a {
                a if a < 25.0 => 0,
                a if a < 35.0 => 1,
                a if a < 45.0 => 2,
                a if a < 55.0 => 3,
                _ => 4,
            };
            dimensions.push(age.values.iter().map(|&a| a.is_finite().then(|| bands[band_of(a)] as u32)).collect());
        }
        if let Some(table) = rfm_features(data) {
            let segments = segments(&table);
            let indices: Vec<usize> =
                rfm::RfmSegment::ALL.iter().map(|s| defs.add(Dimension::RfmSegment, s.key().into())).collect();
            let position = |segment: &rfm::RfmSegment| rfm::RfmSegment::ALL.iter().position(|s| s == segment);
            dimensions.push(segments.iter().map(|s| Some(indices[position(s).unwrap_or(0)] as u32)).collect());
        }
        defs.membership = Membership::of_dimensions(&dimensions, n);
        defs
    }

    /// Behavioural segments the caller chose (RFM, k-means, a column): `membership[c]` is customer
    /// `c`'s segment (index into `names`), `None` for none.
    pub fn segments(names: &[String], membership: &[Option<usize>]) -> GroupDefinitions {
        GroupDefinitions {
            groups: names.iter().map(|n| (Dimension::RfmSegment, n.clone())).collect(),
            membership: Membership::of_dimensions(
                &[membership.iter().map(|m| m.map(|g| g as u32)).collect()],
                membership.len(),
            ),
        }
    }

    /// The groups' dimensions and labels, in order.
    pub fn labels(&self) -> Vec<(Dimension, String)> {
        self.groups.clone()
    }

    /// Groups known by their labels only (no customers): what a merge of partitions' sums reports on.
    pub fn labelled(groups: Vec<(Dimension, String)>) -> GroupDefinitions {
        GroupDefinitions { groups, membership: Membership::default() }
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
        self.membership.of_customer(customer)
    }

    /// Per-replication averages and fairness ratios of one scheme, against the counterfactual.
    pub fn stats(&self, scheme: &[GroupTally], counterfactual: &[GroupTally], replications: f64) -> Vec<GroupStat> {
        let per = |x: f64, n: f64| if n > 0.0 { x / n } else { 0.0 };
        let mut stats: Vec<(GroupStat, Spread)> = self
            .groups
            .iter()
            .enumerate()
            .filter(|(g, _)| scheme[*g].customers > 0.0)
            .map(|(g, (dimension, label))| {
                let t = &scheme[g];
                let cf = &counterfactual[g];
                let stat = GroupStat {
                    dimension: *dimension,
                    group: label.clone(),
                    customers: t.customers / replications,
                    revenue_per_customer: per(t.revenue, t.customers),
                    incremental_revenue_per_customer: per(t.revenue, t.customers) - per(cf.revenue, cf.customers),
                    benefit_per_customer: per(t.benefit_cost, t.customers),
                    top_tier_share: per(t.top_tier, t.active),
                    conversion_rate: per(t.bought, t.customers),
                    top_tier_ratio: 1.0,
                    benefit_ratio: 1.0,
                    top_tier_flagged: false,
                    benefit_flagged: false,
                    flagged: false,
                };
                let benefit_variance = (per(t.benefit_cost_squared, t.customers)
                    - stat.benefit_per_customer * stat.benefit_per_customer)
                    .max(0.0);
                (stat, Spread { benefit_variance })
            })
            .collect();
        for dimension in [Dimension::Gender, Dimension::City, Dimension::AgeBand, Dimension::RfmSegment] {
            let best_of = |value: fn(&GroupStat) -> f64| {
                stats
                    .iter()
                    .filter(|(s, _)| s.dimension == dimension)
                    .max_by(|(x, _), (y, _)| value(x).total_cmp(&value(y)))
                    .cloned()
            };
            let (Some(best_top), Some(best_benefit)) =
                (best_of(|s| s.top_tier_share), best_of(|s| s.benefit_per_customer))
            else {
                continue;
            };
            for (s, spread) in stats.iter_mut().filter(|(s, _)| s.dimension == dimension) {
                let (top, benefit) = (best_top.0.top_tier_share, best_benefit.0.benefit_per_customer);
                s.top_tier_ratio = if top > 0.0 { s.top_tier_share / top } else { 1.0 };
                s.benefit_ratio = if benefit > 0.0 { s.benefit_per_customer / benefit } else { 1.0 };
                if !dimension.is_demographic() {
                    continue;
                }
                s.top_tier_flagged = s.top_tier_ratio < FAIRNESS_RATIO && shares_clearly_differ(&best_top.0, s);
                s.benefit_flagged = s.benefit_ratio < FAIRNESS_RATIO
                    && means_clearly_differ(
                        &best_benefit.0,
                        best_benefit.1.benefit_variance,
                        s,
                        spread.benefit_variance,
                    );
                s.flagged = s.top_tier_flagged || s.benefit_flagged;
            }
        }
        stats.into_iter().map(|(s, _)| s).collect()
    }
}

/// What a group's mean needs beyond the published stats to test it.
#[derive(Clone, Copy)]
struct Spread {
    benefit_variance: f64,
}

/// Two-proportion z-test (pooled) of the top-tier shares of the best group and another, with each
/// group's customers counted once (replications repeat the same customers).
fn shares_clearly_differ(best: &GroupStat, other: &GroupStat) -> bool {
    let (n1, n2) = (best.customers, other.customers);
    let pooled = (best.top_tier_share * n1 + other.top_tier_share * n2) / (n1 + n2);
    let error = (pooled * (1.0 - pooled) * (1.0 / n1 + 1.0 / n2)).sqrt();
    error > 0.0 && (best.top_tier_share - other.top_tier_share) / error >= SIGNIFICANCE_Z
}

/// Welch's z-test of two mean benefit values per customer.
fn means_clearly_differ(best: &GroupStat, best_variance: f64, other: &GroupStat, other_variance: f64) -> bool {
    let error = (best_variance / best.customers + other_variance / other.customers).sqrt();
    let gap = best.benefit_per_customer - other.benefit_per_customer;
    if error > 0.0 {
        gap / error >= SIGNIFICANCE_Z
    } else {
        gap > 0.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tally(customers: f64, top_tier: f64, benefit: f64, benefit_squared: f64) -> GroupTally {
        GroupTally {
            customers,
            revenue: 0.0,
            benefit_cost: benefit,
            benefit_cost_squared: benefit_squared,
            top_tier,
            active: customers,
            bought: 0.0,
        }
    }

    fn two_age_bands(scale: f64, replications: f64) -> Vec<GroupStat> {
        let definitions = GroupDefinitions {
            groups: vec![(Dimension::AgeBand, "55+".into()), (Dimension::AgeBand, "18-24".into())],
            membership: Membership::default(),
        };
        // 55+: 40 of 346 in the top tier (11.6 %); 18-24: 186 of 2022 (9.2 %), ratio 0.795. Benefit
        // per customer 10 for both (every customer gets exactly 10: no spread, no gap).
        let r = replications;
        let n = [346.0 * scale, 2022.0 * scale];
        let scheme = vec![
            tally(n[0] * r, 40.0 * scale * r, 10.0 * n[0] * r, 100.0 * n[0] * r),
            tally(n[1] * r, 186.0 * scale * r, 10.0 * n[1] * r, 100.0 * n[1] * r),
        ];
        definitions.stats(&scheme, &scheme, r)
    }

    #[test]
    fn a_small_best_group_does_not_flag_a_chance_gap() {
        // Pooled share 226 / 2368 = 0.09544; standard error sqrt(0.09544 * 0.90456 * (1/346 + 1/2022))
        // = 0.01709; gap 0.11561 - 0.09199 = 0.02362, z = 1.38 < 1.96: not flagged despite 0.795.
        let stats = two_age_bands(1.0, 3.0);
        let young = &stats[1];
        assert!((young.top_tier_ratio - (186.0 / 2022.0) / (40.0 / 346.0)).abs() < 1e-12);
        assert!(young.top_tier_ratio < FAIRNESS_RATIO);
        assert!(!young.top_tier_flagged && !young.flagged);
        assert!((young.customers - 2022.0).abs() < 1e-9, "replications count each customer once");
    }

    #[test]
    fn the_same_gap_in_groups_ten_times_larger_is_flagged() {
        // Ten times the customers: the standard error shrinks by sqrt(10), z = 1.38 * 3.16 = 4.4.
        let stats = two_age_bands(10.0, 1.0);
        assert!(stats[1].top_tier_flagged && stats[1].flagged);
        assert!(!stats[1].benefit_flagged, "equal benefits are never flagged");
        assert!(!stats[0].flagged, "the best group is never flagged");
    }

    #[test]
    fn benefit_gaps_are_tested_with_each_groups_spread() {
        // Group 1: 100 customers, half get 0 and half 20 (mean 10, variance 100); group 2: 100
        // customers, mean 7 with the same spread (values 0 and 14 -> variance 49). Welch's standard
        // error sqrt(100/100 + 49/100) = 1.2207; gap 3 -> z = 2.46 >= 1.96: flagged (ratio 0.7).
        // With 20 customers each: standard error 2.729, z = 1.10: not flagged.
        let definitions = GroupDefinitions {
            groups: vec![(Dimension::Gender, "a".into()), (Dimension::Gender, "b".into())],
            membership: Membership::default(),
        };
        for (n, flagged) in [(100.0, true), (20.0, false)] {
            let scheme = vec![tally(n, 0.0, 10.0 * n, 200.0 * n), tally(n, 0.0, 7.0 * n, 98.0 * n)];
            let stats = definitions.stats(&scheme, &scheme, 1.0);
            assert!((stats[1].benefit_ratio - 0.7).abs() < 1e-12);
            assert_eq!(stats[1].benefit_flagged, flagged, "{n} customers");
            assert!(!stats[1].top_tier_flagged, "no one in the top tier: nothing to compare");
        }
    }

    #[test]
    fn membership_keeps_each_customers_groups_in_dimension_order() {
        // Gender known for customers 0 and 2, an age band for 1 and 2, an RFM segment for all three.
        let dimensions = vec![vec![Some(0), None, Some(1)], vec![None, Some(3), Some(4)], vec![Some(7); 3]];
        let membership = Membership::of_dimensions(&dimensions, 3);
        assert_eq!(membership.offsets, vec![0, 2, 4, 7]);
        assert_eq!(membership.of_customer(0), &[0, 7]);
        assert_eq!(membership.of_customer(1), &[3, 7]);
        assert_eq!(membership.of_customer(2), &[1, 4, 7]);
        let chosen = GroupDefinitions::segments(&["a".into(), "b".into()], &[Some(1), None, Some(0)]);
        assert_eq!(
            (chosen.of_customer(0), chosen.of_customer(1), chosen.of_customer(2)),
            (&[1][..], &[][..], &[0][..])
        );
    }
}

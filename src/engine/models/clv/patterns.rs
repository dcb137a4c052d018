//! Customer histories (x, t_x, T) collapsed into weighted distinct patterns: every purchase model
//! (BG/NBD, Pareto/NBD, MBG/NBD) depends on the data only through them, and Gamma-Gamma only
//! through the distinct (x, mean value) pairs. `PatternCounts` holds both as integer counts keyed by
//! the exact values, so the counts of data partitions merge exactly and in any order: a fit on merged
//! partitions is the fit on the whole data, to the last bit.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::summary::CalibrationSummary;
use crate::engine::chunks::each_in_chunks;

/// (x, bits of T, bits of t_x): ordered by x, then T, then t_x (bit patterns of non-negative finite
/// floats sort like the numbers).
pub type PatternKey = (u32, u64, u64);

/// Sufficient statistics of one partition of customers (or of several, merged).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct PatternCounts {
    /// Customers per distinct (x, T, t_x), floats as their IEEE-754 bits so they travel exactly.
    #[serde(with = "entries")]
    pub purchases: BTreeMap<PatternKey, u64>,
    /// Repeat buyers with a positive mean value per distinct (x, bits of the mean value).
    #[serde(with = "entries")]
    pub spend: BTreeMap<(u32, u64), u64>,
}

/// JSON objects need string keys: the maps travel as lists of `[key, count]` pairs.
pub(super) mod entries {
    use std::collections::BTreeMap;

    use serde::{Deserialize, Deserializer, Serialize, Serializer};

    pub fn serialize<K: Serialize, S: Serializer>(map: &BTreeMap<K, u64>, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_seq(map.iter())
    }

    pub fn deserialize<'de, K: Deserialize<'de> + Ord, D: Deserializer<'de>>(
        deserializer: D,
    ) -> Result<BTreeMap<K, u64>, D::Error> {
        Ok(Vec::<(K, u64)>::deserialize(deserializer)?.into_iter().collect())
    }
}

impl PatternCounts {
    /// The counts of one partition's calibration summary: every customer's (x, t_x, T), and the
    /// (x, m) of the repeat buyers with a positive mean value (those the spend model is fitted on).
    pub fn summarise(summary: &CalibrationSummary) -> PatternCounts {
        let mut counts = PatternCounts::default();
        for i in 0..summary.len() {
            let x = summary.frequency[i];
            *counts.purchases.entry((x, summary.age[i].to_bits(), summary.recency[i].to_bits())).or_default() += 1;
            if let (true, Some(m)) = (x > 0, summary.monetary[i]) {
                if m > 0.0 && m.is_finite() {
                    *counts.spend.entry((x, m.to_bits())).or_default() += 1;
                }
            }
        }
        counts
    }

    /// Adds the counts of `other` (commutative and associative: integer sums per exact key).
    pub fn merge(mut self, other: &PatternCounts) -> PatternCounts {
        for (key, count) in &other.purchases {
            *self.purchases.entry(*key).or_default() += count;
        }
        for (key, count) in &other.spend {
            *self.spend.entry(*key).or_default() += count;
        }
        self
    }

    pub fn customers(&self) -> u64 {
        self.purchases.values().sum()
    }
}

/// Identical customer histories collapsed into weighted patterns (x, t_x, T).
#[derive(Clone, Debug, PartialEq)]
pub struct PurchasePatterns {
    /// Distinct frequencies, ascending; patterns refer to them by index.
    pub(super) frequencies: Vec<u32>,
    pub(super) recencies: Vec<f64>,
    pub(super) ages: Vec<f64>,
    pub(super) frequency_index: Vec<u32>,
    pub(super) recency_index: Vec<u32>,
    pub(super) age_index: Vec<u32>,
    pub(super) weight: Vec<f64>,
    pub(super) total_weight: f64,
}

/// A customer history that the model cannot describe.
#[derive(Clone, Debug, PartialEq)]
pub struct InvalidHistory {
    pub customer: usize,
    pub problem: &'static str,
}

impl PurchasePatterns {
    /// Collapses per-customer histories. Returns the data and, per customer, the index of its pattern
    /// (patterns are ordered by x, then T, then t_x, so the result does not depend on customer order).
    pub fn from_customers(
        frequency: &[u32],
        recency: &[f64],
        age: &[f64],
    ) -> Result<(PurchasePatterns, Vec<u32>), InvalidHistory> {
        let n = frequency.len();
        for c in 0..n {
            let (x, t_x, t) = (frequency[c], recency[c], age[c]);
            let problem = if !t_x.is_finite() || !t.is_finite() {
                Some("recency and age must be finite")
            } else if t_x < 0.0 {
                Some("recency is negative")
            } else if t_x > t {
                Some("recency is larger than the age")
            } else if x == 0 && t_x != 0.0 {
                Some("a customer without repeat purchases must have recency 0")
            } else {
                None
            };
            if let Some(problem) = problem {
                return Err(InvalidHistory { customer: c, problem });
            }
        }
        // For non-negative finite floats the bit patterns sort like the numbers.
        // The loops over the customers run in chunks: a wasm engine optimises them only between
        // calls (`engine::chunks`).
        let mut keys: Vec<(PatternKey, u32)> = Vec::with_capacity(n);
        each_in_chunks(0..n, |c| keys.push(((frequency[c], age[c].to_bits(), recency[c].to_bits()), c as u32)));
        keys.sort_unstable();
        let mut pattern_of_customer = vec![0u32; n];
        let mut counts: Vec<(PatternKey, u64)> = Vec::new();
        each_in_chunks(0..n, |k| {
            let (key, customer) = keys[k];
            if counts.last().is_none_or(|(last, _)| *last != key) {
                counts.push((key, 0));
            }
            let last = counts.len() - 1;
            counts[last].1 += 1;
            pattern_of_customer[customer as usize] = last as u32;
        });
        Ok((PurchasePatterns::from_sorted_counts(&counts), pattern_of_customer))
    }

    /// The patterns of merged partition counts: the same data (to the bit) as `from_customers` on all
    /// of their customers together.
    pub fn from_counts(counts: &PatternCounts) -> PurchasePatterns {
        let sorted: Vec<(PatternKey, u64)> = counts.purchases.iter().map(|(&k, &c)| (k, c)).collect();
        PurchasePatterns::from_sorted_counts(&sorted)
    }

    /// `counts` sorted by key, each key once.
    fn from_sorted_counts(counts: &[(PatternKey, u64)]) -> PurchasePatterns {
        let frequencies = distinct(counts.iter().map(|k| k.0 .0));
        let ages = distinct_f64(counts.iter().map(|k| k.0 .1));
        let recencies = distinct_f64(counts.iter().map(|k| k.0 .2));
        let mut data = PurchasePatterns {
            frequencies,
            recencies,
            ages,
            frequency_index: Vec::with_capacity(counts.len()),
            recency_index: Vec::with_capacity(counts.len()),
            age_index: Vec::with_capacity(counts.len()),
            weight: Vec::with_capacity(counts.len()),
            total_weight: counts.iter().map(|c| c.1).sum::<u64>() as f64,
        };
        for &((x, t_bits, tx_bits), count) in counts {
            data.frequency_index.push(index_of(&data.frequencies, x));
            data.age_index.push(index_of_f64(&data.ages, t_bits));
            data.recency_index.push(index_of_f64(&data.recencies, tx_bits));
            data.weight.push(count as f64);
        }
        data
    }

    /// The patterns `chosen` (ascending indices), in that order, with their weights.
    pub(super) fn subset(&self, chosen: &[usize]) -> PurchasePatterns {
        let counts: Vec<(PatternKey, u64)> = chosen
            .iter()
            .map(|&j| {
                let (x, t_x, t, weight) = self.pattern(j);
                ((x, t.to_bits(), t_x.to_bits()), weight as u64)
            })
            .collect();
        PurchasePatterns::from_sorted_counts(&counts)
    }

    pub fn pattern_count(&self) -> usize {
        self.weight.len()
    }

    pub fn customer_count(&self) -> f64 {
        self.total_weight
    }

    /// (x, t_x, T, weight) of one pattern.
    pub fn pattern(&self, j: usize) -> (u32, f64, f64, f64) {
        (
            self.frequencies[self.frequency_index[j] as usize],
            self.recencies[self.recency_index[j] as usize],
            self.ages[self.age_index[j] as usize],
            self.weight[j],
        )
    }

    /// Whether pattern `j` has the (x, T) of pattern `j - 1` (false for the first).
    pub(super) fn same_pair_as_previous(&self, j: usize) -> bool {
        j > 0 && self.frequency_index[j] == self.frequency_index[j - 1] && self.age_index[j] == self.age_index[j - 1]
    }

    pub fn max_age(&self) -> f64 {
        self.ages.last().copied().unwrap_or(0.0)
    }

    pub fn has_repeat_buyers(&self) -> bool {
        self.frequencies.last().is_some_and(|&x| x > 0)
    }

    pub(super) fn rescaled(&self, factor: f64) -> PurchasePatterns {
        let mut scaled = self.clone();
        scaled.recencies.iter_mut().for_each(|v| *v *= factor);
        scaled.ages.iter_mut().for_each(|v| *v *= factor);
        scaled
    }
}

fn distinct(values: impl Iterator<Item = u32>) -> Vec<u32> {
    let mut v: Vec<u32> = values.collect();
    v.sort_unstable();
    v.dedup();
    v
}

fn distinct_f64(bits: impl Iterator<Item = u64>) -> Vec<f64> {
    let mut v: Vec<u64> = bits.collect();
    v.sort_unstable();
    v.dedup();
    v.into_iter().map(f64::from_bits).collect()
}

fn index_of(sorted: &[u32], value: u32) -> u32 {
    sorted.partition_point(|&v| v < value) as u32
}

fn index_of_f64(sorted: &[f64], bits: u64) -> u32 {
    sorted.partition_point(|v| v.to_bits() < bits) as u32
}

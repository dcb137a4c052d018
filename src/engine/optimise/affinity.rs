//! Category affinity per segment (docs/model.md, "Category affinity"): which categories a segment
//! buys more or less than the population. Lift = (the segment's purchases in the category / all
//! the segment's purchases) / (everyone's purchases in the category / all purchases); 1 = as the
//! population, 2 = twice as often. Counts are completed purchases with a category.

use serde::{Deserialize, Serialize};

use super::segments::SegmentLabels;
use crate::engine::dataset::{Dataset, NO_CODE};
use crate::engine::roles::ColumnRole;

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct CategoryLift {
    pub category: String,
    /// The segment's purchases in the category.
    pub purchases: u64,
    /// Share of the segment's purchases in the category.
    pub segment_share: f64,
    /// Share of all purchases in the category.
    pub population_share: f64,
    pub lift: f64,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct SegmentAffinity {
    pub segment: String,
    /// The segment's purchases with a category.
    pub purchases: u64,
    /// Every category the population bought, highest lift first (ties by name).
    pub categories: Vec<CategoryLift>,
}

/// Affinity of every segment with purchases; `None` when the data has no category column.
pub fn category_affinity(data: &Dataset, labels: &SegmentLabels) -> Option<Vec<SegmentAffinity>> {
    let events = data.events.as_ref().filter(|e| e.has(ColumnRole::Category))?;
    let purchase = events.purchase_kind();
    let categories = events.categories.len();
    let mut counts = vec![vec![0u64; categories]; labels.names.len()];
    let mut totals = vec![0u64; categories];
    for (customer, segment) in labels.membership.iter().enumerate().take(events.customer_count()) {
        for row in events.rows_of(customer) {
            let code = events.category[row];
            if events.kind[row] != purchase || code == NO_CODE {
                continue;
            }
            totals[code as usize] += 1;
            if let Some(s) = segment {
                counts[*s][code as usize] += 1;
            }
        }
    }
    let all: u64 = totals.iter().sum();
    let segments = labels
        .names
        .iter()
        .zip(&counts)
        .filter_map(|(name, row)| {
            let purchases: u64 = row.iter().sum();
            if purchases == 0 {
                return None;
            }
            let mut lifts: Vec<CategoryLift> = (0..categories)
                .filter(|&c| totals[c] > 0)
                .map(|c| {
                    let segment_share = row[c] as f64 / purchases as f64;
                    let population_share = totals[c] as f64 / all as f64;
                    CategoryLift {
                        category: events.categories[c].to_string(),
                        purchases: row[c],
                        segment_share,
                        population_share,
                        lift: segment_share / population_share,
                    }
                })
                .collect();
            lifts.sort_by(|x, y| y.lift.total_cmp(&x.lift).then_with(|| x.category.cmp(&y.category)));
            Some(SegmentAffinity { segment: name.clone(), purchases, categories: lifts })
        })
        .collect();
    Some(segments)
}

//! The list's columns in file order, shared by the headers, the cells and the CSV and xlsx writers.

use super::list::MemberList;

/// One column; `usize` is the scheme's position in the list.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Column {
    Id,
    Score(usize),
    Tier(usize),
    /// Tier position under this scheme minus under the first (schemes with the same tier count).
    Change(usize),
    DistanceScore(usize),
    DistanceSpend(usize),
    /// The second criterion's measure still missing (schemes with a second criterion).
    DistanceMeasure(usize),
    SpendBasis(usize),
    Excluded(usize),
    PointsBalance(usize),
    PointsExpiring(usize),
    MonthsInTier(usize),
    PActive,
    Clv,
    Segment,
    RiskFlags,
    /// Left empty until the recommender exists; its header says so.
    NextBestBenefit,
}

impl MemberList {
    /// Every column, in file order: id; per scheme score, tier, change, distances, points, months;
    /// then P(active), CLV, segment, risk flags and the next-best benefit.
    pub fn columns(&self) -> Vec<Column> {
        let mut columns = vec![Column::Id];
        for (s, scheme) in self.schemes.iter().enumerate() {
            columns.extend([Column::Score(s), Column::Tier(s)]);
            if s > 0 {
                columns.push(Column::Change(s));
            }
            columns.extend([Column::DistanceScore(s), Column::DistanceSpend(s), Column::SpendBasis(s)]);
            if scheme.measure_to_next.is_some() {
                columns.push(Column::DistanceMeasure(s));
            }
            if scheme.excluded.is_some() {
                columns.push(Column::Excluded(s));
            }
            if scheme.points_balance.is_some() {
                columns.extend([Column::PointsBalance(s), Column::PointsExpiring(s)]);
            }
            if scheme.months_in_tier.is_some() {
                columns.push(Column::MonthsInTier(s));
            }
        }
        if self.p_active.is_some() {
            columns.push(Column::PActive);
        }
        if self.clv.is_some() {
            columns.push(Column::Clv);
        }
        if self.segment.is_some() {
            columns.push(Column::Segment);
        }
        columns.extend([Column::RiskFlags, Column::NextBestBenefit]);
        columns
    }
}

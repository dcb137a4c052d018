//! The value of each cell of the list, shared by the CSV and xlsx writers.

use std::borrow::Cow;

use super::columns::Column;
use super::labels;
use super::list::{CodedText, MemberList};

#[derive(Clone, Debug, PartialEq)]
pub enum Cell<'a> {
    Empty,
    Text(Cow<'a, str>),
    /// Already rounded to the column's decimals.
    Number(f64),
}

/// Decimals kept per kind of number: money and points to the cent, probabilities and scores finer.
fn decimals(column: Column) -> i32 {
    match column {
        Column::Score(_) | Column::DistanceScore(_) | Column::PActive => 4,
        _ => 2,
    }
}

fn number(value: f64, column: Column) -> Cell<'static> {
    if !value.is_finite() {
        return Cell::Empty;
    }
    let scale = 10f64.powi(decimals(column));
    let rounded = (value * scale).round() / scale;
    // -0.0 would print as "-0".
    Cell::Number(if rounded == 0.0 { 0.0 } else { rounded })
}

impl MemberList {
    pub fn cell(&self, column: Column, c: usize) -> Cell<'_> {
        let language = self.options.language;
        let float = |values: &Option<Vec<f64>>| values.as_ref().map_or(Cell::Empty, |v| number(v[c], column));
        match column {
            Column::Id => Cell::Text(Cow::Borrowed(&self.ids[c])),
            Column::Score(s) => number(self.schemes[s].score[c], column),
            Column::Tier(s) => {
                let scheme = &self.schemes[s];
                Cell::Text(Cow::Borrowed(&scheme.tier_names[scheme.tier[c] as usize]))
            }
            Column::Change(s) => {
                let (first, this) = (&self.schemes[0], &self.schemes[s]);
                if first.tier_names.len() == this.tier_names.len() {
                    Cell::Number(f64::from(this.tier[c]) - f64::from(first.tier[c]))
                } else {
                    Cell::Empty
                }
            }
            Column::DistanceScore(s) => number(self.schemes[s].distance[c], column),
            Column::DistanceSpend(s) => number(self.schemes[s].spend_to_next[c], column),
            Column::DistanceMeasure(s) => {
                number(self.schemes[s].measure_to_next.as_ref().map_or(f64::NAN, |m| m[c]), column)
            }
            Column::SpendBasis(s) => {
                let scheme = &self.schemes[s];
                if scheme.spend_to_next[c].is_finite() {
                    Cell::Text(Cow::Borrowed(labels::spend_basis(scheme.spend_basis, language)))
                } else {
                    Cell::Empty
                }
            }
            Column::Excluded(s) => match &self.schemes[s].excluded {
                Some(excluded) if excluded.get(c) == Some(&true) => Cell::Text(Cow::Borrowed(labels::yes(language))),
                _ => Cell::Empty,
            },
            Column::PointsBalance(s) => float(&self.schemes[s].points_balance),
            Column::PointsExpiring(s) => float(&self.schemes[s].points_expiring),
            Column::MonthsInTier(s) => self.schemes[s]
                .months_in_tier
                .as_ref()
                .filter(|m| m[c] > 0)
                .map_or(Cell::Empty, |m| Cell::Number(f64::from(m[c]))),
            Column::PActive => float(&self.p_active),
            Column::Clv => float(&self.clv),
            Column::Segment => coded(&self.segment, c),
            Column::RiskFlags => match self.flag_index[c] {
                u32::MAX => Cell::Empty,
                i => Cell::Text(Cow::Owned(labels::flags(&self.risk.flagged[i as usize].flags, language))),
            },
            Column::NextBestBenefit => coded(&self.next_best_benefit, c),
        }
    }
}

/// Customer `c`'s text of a coded column (empty when the column or its value is missing).
fn coded(column: &Option<CodedText>, c: usize) -> Cell<'_> {
    column.as_ref().map_or(Cell::Empty, |s| match s.get(c) {
        "" => Cell::Empty,
        text => Cell::Text(Cow::Borrowed(text)),
    })
}

//! Where the simulated months sit in the calendar: month of year (for evaluations, bonuses and
//! expiry) and seasonal slot (for the baseline's seasonality), worked out once per run.

use crate::engine::date::MonthIndex;

use super::baseline::seasonal_slot;

/// Where the simulated months sit in the calendar and in each customer's membership.
pub struct Calendar {
    /// Month index (from the first month of the data) of the first simulated month.
    pub first_simulated: usize,
    pub first_month: MonthIndex,
    pub months: usize,
    /// Per simulated month: calendar month (1-12) and seasonal slot.
    month_of_year: Vec<u32>,
    slot: Vec<usize>,
}

impl Calendar {
    pub fn new(first_simulated: usize, first_month: MonthIndex, months: usize) -> Calendar {
        let index = |m: usize| MonthIndex(first_month.0 + (first_simulated + m) as i32);
        Calendar {
            first_simulated,
            first_month,
            months,
            month_of_year: (0..months).map(|m| index(m).month()).collect(),
            slot: (0..months).map(|m| seasonal_slot(index(m))).collect(),
        }
    }

    /// Calendar month (1-12) of a month counted from the first month of the data.
    pub fn calendar_month(&self, offset: usize) -> u32 {
        MonthIndex(self.first_month.0 + offset as i32).month()
    }

    /// Calendar month (1-12) of simulated month `m`.
    pub fn month_of_year(&self, m: usize) -> u32 {
        self.month_of_year[m]
    }

    /// Seasonal slot of simulated month `m`.
    pub fn slot(&self, m: usize) -> usize {
        self.slot[m]
    }

    /// Month counted from the first month of the data of simulated month `m`.
    pub fn absolute(&self, m: usize) -> usize {
        self.first_simulated + m
    }
}

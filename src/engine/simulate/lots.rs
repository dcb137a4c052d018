//! A customer's points balance in the simulator: lots by expiry month, spent oldest first.

use crate::engine::date::MonthIndex;
use crate::engine::scenario::{Expiry, Scenario};

use super::calendar::Calendar;

/// A customer's points by expiry month, oldest first. Points earned in the same month expire
/// together, so lots merge by expiry month and the list stays short; `never` is a single lot.
#[derive(Default)]
pub struct Lots {
    lots: std::collections::VecDeque<(usize, f64)>,
    pub total: f64,
    /// Earned this month, not spendable before next month (the pending period, in months).
    pending: f64,
}

impl Lots {
    pub fn clear(&mut self) {
        self.lots.clear();
        self.total = 0.0;
        self.pending = 0.0;
    }

    pub fn add(&mut self, expires_after: usize, points: f64, pending: bool) {
        match self.lots.back_mut() {
            Some(last) if last.0 == expires_after => last.1 += points,
            _ => self.lots.push_back((expires_after, points)),
        }
        self.total += points;
        if pending {
            self.pending += points;
        }
    }

    pub fn spendable(&self) -> f64 {
        (self.total - self.pending).max(0.0)
    }

    /// This month's points become spendable.
    pub fn release_pending(&mut self) {
        self.pending = 0.0;
    }

    /// Spends up to `amount` points from the oldest lots; returns what was spent.
    pub fn take_oldest(&mut self, amount: f64) -> f64 {
        let mut left = amount.min(self.total);
        let spent = left;
        while left > 0.0 {
            let Some(front) = self.lots.front_mut() else { break };
            let used = front.1.min(left);
            front.1 -= used;
            left -= used;
            if front.1 <= 0.0 {
                self.lots.pop_front();
            }
        }
        self.total -= spent - left;
        spent - left
    }

    /// Removes lots expiring at the end of `month`; returns the points lost.
    pub fn expire(&mut self, month: usize) -> f64 {
        let mut expired = 0.0;
        while let Some(&(expiry, points)) = self.lots.front() {
            if expiry > month {
                break;
            }
            expired += points;
            self.lots.pop_front();
        }
        self.total -= expired;
        expired
    }
}

/// What an issued point is expected to cost: redeemed share x cost per point.
pub fn point_value(s: &Scenario) -> f64 {
    s.points.point_cost * (1.0 - s.points.breakage_percent / 100.0)
}

/// The month (counted from the first month of the data) at whose end points earned in month
/// `earned` expire.
pub fn expiry_month(expiry: Expiry, earned: usize, calendar: &Calendar) -> usize {
    match expiry {
        Expiry::Never => usize::MAX,
        Expiry::MonthsAfterEarning { months } => earned + months as usize,
        Expiry::EndOfYear { years_after } => {
            let month = MonthIndex(calendar.first_month.0 + earned as i32);
            let december = (month.year() + years_after as i32) * 12 + 11;
            (december - calendar.first_month.0).max(0) as usize
        }
    }
}

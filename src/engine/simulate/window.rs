//! A customer's qualifying window in the simulator: where it stands at the end of the history
//! (computed once per scheme), and its running score month by month.

use crate::engine::scenario::QualifyingWindow;

use super::calendar::Calendar;
use super::month_score::MonthScorer;

/// The qualifying window of every customer at the end of the history, computed once per scheme:
/// the running sum, and for rolling windows the last months' contributions (ring slot of month m
/// is `m % ring_len`, so a month leaves the ring exactly when the month `ring_len` later arrives).
#[derive(Default)]
pub struct WindowStart {
    pub sums: Vec<f64>,
    pub rings: Vec<f64>,
    pub ring_len: usize,
}

impl WindowStart {
    pub fn compute(
        scorer: &MonthScorer,
        window: QualifyingWindow,
        customers: usize,
        join: &[usize],
        calendar: &Calendar,
        history: impl Fn(usize, &mut Vec<(usize, f64)>),
    ) -> WindowStart {
        let ring_len = match window {
            QualifyingWindow::RollingMonths { months } => months as usize,
            _ => 0,
        };
        let mut start = WindowStart { sums: vec![0.0; customers], rings: vec![0.0; customers * ring_len], ring_len };
        if scorer.is_frozen() {
            return start;
        }
        let last = calendar.first_simulated; // exclusive end of the history
        let last_month = last.saturating_sub(1);
        let mut contributions = Vec::new();
        for c in 0..customers {
            let from = match window {
                QualifyingWindow::Lifetime => 0,
                QualifyingWindow::RollingMonths { months } => last.saturating_sub(months as usize),
                QualifyingWindow::CalendarYear => {
                    last_month - (calendar.calendar_month(last_month) as usize - 1).min(last_month)
                }
                QualifyingWindow::Anniversary => {
                    if last_month < join[c] {
                        last_month
                    } else {
                        last_month - (last_month - join[c]) % 12
                    }
                }
            };
            contributions.clear();
            history(c, &mut contributions);
            // Level growth's constant counts every membership month of the window, bought or not.
            let per_month = scorer.per_month();
            if per_month != 0.0 {
                contributions.extend((from.max(join[c])..last).map(|month| (month, per_month)));
            }
            for &(month, contribution) in contributions.iter().filter(|(m, _)| *m >= from && *m < last) {
                start.sums[c] += contribution;
                if ring_len > 0 {
                    start.rings[c * ring_len + month % ring_len] += contribution;
                }
            }
        }
        start
    }
}

/// The running score of a customer's qualifying window.
pub struct Window<'s> {
    sum: f64,
    ring: &'s mut Vec<f64>,
    /// A head start credited at launch: it counts as activity of the first simulated month.
    credit: f64,
    credit_pushed: bool,
}

impl<'s> Window<'s> {
    /// The customer's window at launch, with `credit` (a head start, in score units) in it.
    pub fn start(start: &WindowStart, customer: usize, credit: f64, ring: &'s mut Vec<f64>) -> Window<'s> {
        ring.clear();
        let len = start.ring_len;
        if len > 0 {
            ring.extend_from_slice(&start.rings[customer * len..(customer + 1) * len]);
        }
        Window { sum: start.sums.get(customer).copied().unwrap_or(0.0) + credit, ring, credit, credit_pushed: false }
    }

    /// Adds month `absolute`'s contribution, after dropping what leaves the window.
    pub fn push(
        &mut self,
        window: QualifyingWindow,
        contribution: f64,
        absolute: usize,
        join_month: usize,
        calendar: &Calendar,
    ) {
        let mut contribution = contribution;
        if !self.credit_pushed {
            // The credit becomes part of the first month's activity, leaving the window with it.
            self.credit_pushed = true;
            self.sum -= self.credit;
            contribution += self.credit;
        }
        match window {
            QualifyingWindow::RollingMonths { .. } if !self.ring.is_empty() => {
                let position = absolute % self.ring.len();
                self.sum -= self.ring[position];
                self.ring[position] = contribution;
                self.sum += contribution;
            }
            QualifyingWindow::CalendarYear => {
                if calendar.calendar_month(absolute) == 1 {
                    self.sum = 0.0;
                }
                self.sum += contribution;
            }
            QualifyingWindow::Anniversary => {
                if absolute >= join_month && (absolute - join_month) % 12 == 0 {
                    self.sum = 0.0;
                }
                self.sum += contribution;
            }
            _ => self.sum += contribution,
        }
    }

    /// The tier score: the end-of-history score (plus any head start) for frozen models, else
    /// intercept + window sum.
    pub fn score(&self, scorer: &MonthScorer, frozen_score: f64) -> f64 {
        if scorer.is_frozen() {
            frozen_score + self.credit
        } else {
            scorer.intercept() + self.sum
        }
    }
}

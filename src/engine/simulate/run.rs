//! The month-by-month simulation of one customer under one scheme: the hot loop. Customers are
//! independent once tier bounds are fixed, so each customer runs through the whole horizon under
//! the counterfactual, A and B in turn, drawing the same randomness in each (common random numbers):
//! the same baseline draws, the same uniform deciding each month's purchase count (inverse CDF, so a
//! higher rate never gives fewer purchases) and the same order values and dropout draws per order.

use crate::engine::date::MonthIndex;
use crate::engine::replay::{evaluation_due, MemberState, Move};
use crate::engine::rng::math::exp;
use crate::engine::rng::Rng;
use crate::engine::scenario::{Assumptions, Expiry, QualifyingWindow, Redemption, Scenario};

use super::baseline::{seasonal_slot, Baseline, DAYS_PER_MONTH};
use super::kpi::MonthlyKpi;
use super::month_score::{MonthActivity, MonthScorer};

/// Longest horizon; month indices of order streams must fit in 8 bits.
pub const MAX_MONTHS: usize = 36;

/// The randomness of one customer in one replication, shared by every scheme.
pub struct CustomerDraws {
    pub active: bool,
    /// Purchases per month while active.
    pub monthly_rate: f64,
    pub dropout: f64,
    /// Scale of the customer's order values (Gamma(order_shape, theta)).
    pub theta: f64,
    /// Redeems points at all (1 - breakage of customers do).
    pub redeemer: bool,
    pub count_uniforms: [f64; MAX_MONTHS],
    /// Seed of the per-month order streams of this customer in this replication.
    pub order_seed: u64,
    /// Expected counts and values instead of random ones (see `SimulationSettings::deterministic`).
    pub deterministic: bool,
}

impl CustomerDraws {
    pub fn draw(
        baseline: &Baseline,
        customer: usize,
        replication_seed: u64,
        redeem_share: f64,
        months: usize,
        deterministic: bool,
    ) -> CustomerDraws {
        if deterministic {
            let theta = if baseline.nu_shape[customer] > 0.0 {
                // Mean of 1 / nu for nu ~ Gamma(shape, scale): 1 / ((shape - 1) scale).
                1.0 / ((baseline.nu_shape[customer] - 1.0).max(1e-9) * baseline.nu_scale[customer])
            } else {
                baseline.fixed_theta[customer]
            };
            return CustomerDraws {
                active: baseline.p_alive[customer] >= 0.5,
                monthly_rate: baseline.rate_shape[customer] * baseline.rate_scale[customer] * DAYS_PER_MONTH,
                dropout: 0.0,
                theta,
                redeemer: redeem_share >= 0.5,
                count_uniforms: [0.5; MAX_MONTHS],
                order_seed: 0,
                deterministic: true,
            };
        }
        let mut rng = Rng::for_stream(replication_seed, customer as u64);
        // Fixed order of draws, whatever their values, so the stream stays aligned.
        let active = rng.uniform() < baseline.p_alive[customer];
        let rate = rng.gamma(baseline.rate_shape[customer], baseline.rate_scale[customer]);
        let dropout = if baseline.drop_a[customer] > 0.0 {
            rng.beta(baseline.drop_a[customer], baseline.drop_b[customer])
        } else {
            0.0
        };
        let theta = if baseline.nu_shape[customer] > 0.0 {
            1.0 / rng.gamma(baseline.nu_shape[customer], baseline.nu_scale[customer])
        } else {
            baseline.fixed_theta[customer]
        };
        let redeemer = rng.uniform() < redeem_share;
        let mut count_uniforms = [0.0; MAX_MONTHS];
        for u in count_uniforms.iter_mut().take(months) {
            *u = rng.uniform();
        }
        CustomerDraws {
            active,
            monthly_rate: if rate.is_finite() { rate * DAYS_PER_MONTH } else { 0.0 },
            dropout: if dropout.is_finite() { dropout } else { 0.0 },
            theta: if theta.is_finite() { theta } else { 0.0 },
            redeemer,
            count_uniforms,
            order_seed: rng.next_u64(),
            deterministic: false,
        }
    }
}

/// Poisson count by inverse CDF from one uniform: monotone in the rate, which is what makes
/// common random numbers sharp.
pub fn poisson_from_uniform(u: f64, mean: f64) -> u32 {
    if !(mean > 0.0) {
        return 0;
    }
    // exp(-mean) >= 1 - mean, so below that the count is 0 without computing the exponential
    // (most customer-months of light buyers).
    if u < 1.0 - mean {
        return 0;
    }
    let mut probability = exp(-mean);
    let mut cumulative = probability;
    let mut k = 0u32;
    while u >= cumulative && k < 10_000 {
        k += 1;
        probability *= mean / f64::from(k);
        let next = cumulative + probability;
        if next == cumulative && probability < 1e-300 {
            break;
        }
        cumulative = next;
    }
    k
}

/// Everything about one scheme the customer loop needs (per-customer vectors indexed by customer).
pub struct SchemePlan<'a> {
    /// `None` runs the no-program counterfactual.
    pub scenario: Option<&'a Scenario>,
    pub assumptions: Assumptions,
    pub scorer: MonthScorer,
    pub start_tier: &'a [u8],
    pub start_score: &'a [f64],
    pub entry: &'a [Vec<f64>],
    pub retain: &'a [Vec<f64>],
    pub segment_multiplier: &'a [f64],
    pub start_points: &'a [f64],
    /// Yearly bonus points per tier, granted each December.
    pub level_bonus: Option<Vec<f64>>,
    /// Each customer's qualifying window at the end of the history.
    pub window_start: &'a WindowStart,
    /// How much of the response is left in each simulated month.
    pub fade: Vec<f64>,
}

/// The response to a new scheme fades from its launch (e-folding time in months; 0 = never fades).
pub fn fade_by_month(assumptions: &Assumptions, months: usize) -> Vec<f64> {
    (0..months)
        .map(|m| {
            if assumptions.response_fade_months > 0.0 {
                exp(-(m as f64) / assumptions.response_fade_months)
            } else {
                1.0
            }
        })
        .collect()
}

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

/// Where the simulated months sit in the calendar and in each customer's membership.
pub struct Calendar {
    /// Month index (from the first month of the data) of the first simulated month.
    pub first_simulated: usize,
    pub first_month: MonthIndex,
    pub months: usize,
    /// Per simulated month: calendar month (1-12) and seasonal slot, worked out once.
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

    pub fn calendar_month(&self, offset: usize) -> u32 {
        MonthIndex(self.first_month.0 + offset as i32).month()
    }
}

/// Results of one customer under one scheme, added into the replication's tallies.
pub struct CustomerOutcome {
    pub end_tier: u8,
    pub revenue: f64,
    pub benefit_cost: f64,
    pub bought: bool,
    pub used_benefit: bool,
    pub entitled: bool,
    pub active_at_end: bool,
    /// Margin after benefits from this customer up to the end of each month.
    pub cumulative_margin: [f64; MAX_MONTHS],
}

/// Per-month sums over customers, for one scheme in one replication.
pub struct MonthTally {
    pub kpis: Vec<[f64; MonthlyKpi::COUNT]>,
    pub members: Vec<Vec<f64>>,
    pub discount: f64,
    pub shipping: f64,
    pub gifts: f64,
    pub points_cost: f64,
}

impl MonthTally {
    pub fn new(months: usize, tiers: usize) -> MonthTally {
        MonthTally {
            kpis: vec![[0.0; MonthlyKpi::COUNT]; months],
            members: vec![vec![0.0; tiers]; months],
            discount: 0.0,
            shipping: 0.0,
            gifts: 0.0,
            points_cost: 0.0,
        }
    }

    fn add(&mut self, month: usize, kpi: MonthlyKpi, value: f64) {
        self.kpis[month][kpi as usize] += value;
    }
}

/// Reusable per-customer buffers (no allocation in the hot loop).
#[derive(Default)]
pub struct Scratch {
    ring: Vec<f64>,
    lots: Lots,
    orders: OrderCache,
}

impl Scratch {
    /// Forgets the previous customer's order draws (call once per customer and replication, before
    /// the first scheme).
    pub fn new_customer(&mut self, months: usize) {
        self.orders.reset(months);
    }
}

/// The order values and dropout draws of one customer, shared by every scheme: the k-th order of a
/// month is the same order whichever scheme produces it, so each is drawn once (the gamma draws are
/// the most expensive part of the loop).
#[derive(Default)]
struct OrderCache {
    months: Vec<(Option<Rng>, Vec<(f64, f64)>)>,
}

impl OrderCache {
    fn reset(&mut self, months: usize) {
        self.months.resize_with(months.max(self.months.len()), || (None, Vec::new()));
        for (stream, drawn) in &mut self.months {
            *stream = None;
            drawn.clear();
        }
    }

    /// Value and dropout uniform of order `k` of month `m`.
    fn order(&mut self, draws: &CustomerDraws, order_shape: f64, m: usize, k: usize) -> (f64, f64) {
        let (stream, drawn) = &mut self.months[m];
        let rng = stream.get_or_insert_with(|| Rng::for_stream(draws.order_seed, m as u64));
        while drawn.len() <= k {
            let value = rng.gamma(order_shape, draws.theta);
            let leave = rng.uniform();
            drawn.push((if value.is_finite() { value } else { 0.0 }, leave));
        }
        drawn[k]
    }
}

/// A customer's points by expiry month, oldest first. Points earned in the same month expire
/// together, so lots merge by expiry month and the list stays short; `never` is a single lot.
#[derive(Default)]
struct Lots {
    lots: std::collections::VecDeque<(usize, f64)>,
    total: f64,
    /// Earned this month, not spendable before next month (the pending period, in months).
    pending: f64,
}

impl Lots {
    fn clear(&mut self) {
        self.lots.clear();
        self.total = 0.0;
        self.pending = 0.0;
    }

    fn add(&mut self, expires_after: usize, points: f64, pending: bool) {
        match self.lots.back_mut() {
            Some(last) if last.0 == expires_after => last.1 += points,
            _ => self.lots.push_back((expires_after, points)),
        }
        self.total += points;
        if pending {
            self.pending += points;
        }
    }

    fn spendable(&self) -> f64 {
        (self.total - self.pending).max(0.0)
    }

    /// Spends up to `amount` points from the oldest lots; returns what was spent.
    fn take_oldest(&mut self, amount: f64) -> f64 {
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
    fn expire(&mut self, month: usize) -> f64 {
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

/// Simulates one customer through the horizon under one scheme.
#[allow(clippy::too_many_arguments)]
pub fn simulate_customer(
    plan: &SchemePlan,
    baseline: &Baseline,
    draws: &CustomerDraws,
    customer: usize,
    join_month: usize,
    calendar: &Calendar,
    gross_margin: f64,
    scratch: &mut Scratch,
    tally: &mut MonthTally,
) -> CustomerOutcome {
    let scheme = plan.scenario;
    let a = &plan.assumptions;
    let tiers = plan.entry.get(customer).map_or(1, |b| b.len() + 1);
    let mut state = MemberState::starting_in(plan.start_tier.get(customer).copied().unwrap_or(0));
    let start_tier = state.tier;
    let mut window = Window::start(plan.window_start, customer, &mut scratch.ring);
    let mut active = draws.active;
    let mut upgraded_last_month = false;
    let mut demoted = false;
    let heavy_factor = if baseline.heavy[customer] { a.heavy_buyer_response } else { 1.0 };
    let order_shape = baseline.order_shape;
    scratch.lots.clear();
    if let Some(s) = scheme {
        let points = plan.start_points.get(customer).copied().unwrap_or(0.0);
        if points > 0.0 {
            let last_history = calendar.first_simulated.saturating_sub(1);
            scratch.lots.add(expiry_month(s.points.expiry, last_history, calendar), points, false);
        }
    }
    let mut outcome = CustomerOutcome {
        end_tier: start_tier,
        revenue: 0.0,
        benefit_cost: 0.0,
        bought: false,
        used_benefit: false,
        entitled: false,
        active_at_end: active,
        cumulative_margin: [0.0; MAX_MONTHS],
    };
    let mut margin_so_far = 0.0;
    for m in 0..calendar.months {
        // Without a scheme a lapsed customer adds nothing more to any total.
        if scheme.is_none() && !active {
            for later in m..calendar.months {
                outcome.cumulative_margin[later] = margin_so_far;
            }
            break;
        }
        let absolute = calendar.first_simulated + m;
        let month_cost_before = tally.discount + tally.shipping + tally.gifts + tally.points_cost;
        let tier = state.tier as usize;
        let benefits = scheme.map(|s| &s.benefits[tier]);
        let discount = benefits.map_or(0.0, |b| b.discount_percent / 100.0);
        let free_shipping = benefits.is_some_and(|b| b.free_shipping);
        let shipping_cost = scheme.map_or(0.0, |s| s.economics.shipping_cost_per_order);
        if benefits.is_some_and(|b| {
            discount > 0.0 || b.free_shipping || b.gift_cost_per_year > 0.0 || b.points_multiplier > 0.0
        }) {
            outcome.entitled = true;
        }
        let mut purchases = 0u32;
        let mut spend = 0.0;
        let mut redeemed = 0.0;
        let mut used = false;
        if active {
            let multiplier = if scheme.is_some() {
                let shipping_equivalent = if free_shipping && baseline.expected_order_value[customer] > 0.0 {
                    (shipping_cost / baseline.expected_order_value[customer]).min(1.0)
                } else {
                    0.0
                };
                purchase_multiplier(
                    a,
                    &Situation {
                        value_share: discount + shipping_equivalent,
                        fade: plan.fade.get(m).copied().unwrap_or(1.0),
                        heavy_factor,
                        progress: progress_to_next_tier(
                            window.score(plan, customer),
                            state.tier,
                            &plan.entry[customer],
                        ),
                        upgraded_last_month,
                        demoted,
                    },
                )
            } else {
                1.0
            };
            let season = baseline.seasonality[calendar.slot[m]];
            let mean = draws.monthly_rate * season * multiplier.max(0.0);
            let count = if draws.deterministic {
                (mean + 0.5).floor() as u32
            } else {
                poisson_from_uniform(draws.count_uniforms[m], mean)
            };
            if count > 0 {
                let dropout = if scheme.is_some() { draws.dropout * (1.0 - a.churn_reduction) } else { draws.dropout };
                for k in 0..count as usize {
                    let (value, leaves) = if draws.deterministic {
                        (order_shape * draws.theta, false)
                    } else {
                        let (value, uniform) = scratch.orders.order(draws, order_shape, m, k);
                        (value, uniform < dropout)
                    };
                    purchases += 1;
                    spend += value;
                    if let Some(s) = scheme {
                        let multiplier = s.benefits[tier].points_multiplier
                            * plan.segment_multiplier.get(customer).copied().unwrap_or(1.0);
                        let earned = value * s.points.per_currency_unit * multiplier;
                        if earned > 0.0 {
                            scratch.lots.add(expiry_month(s.points.expiry, absolute, calendar), earned, true);
                            tally.add(m, MonthlyKpi::PointsIssued, earned);
                            tally.points_cost += earned * point_value(s);
                        }
                        if let (Redemption::InBlocks { block }, true) = (s.points.redemption, draws.redeemer) {
                            // Points earned this month become spendable from next month (pending).
                            let blocks = (scratch.lots.spendable() / block).floor() * block;
                            if blocks > 0.0 {
                                redeemed += scratch.lots.take_oldest(blocks);
                            }
                        }
                    }
                    // BG/NBD: a customer may drop out after any purchase.
                    if leaves {
                        active = false;
                        break;
                    }
                }
            }
        }
        if let Some(s) = scheme {
            tally.discount += spend * discount;
            if free_shipping {
                tally.shipping += f64::from(purchases) * shipping_cost;
            }
            // Gifts go to members who are still customers (a lapsed customer claims nothing).
            if active || purchases > 0 {
                tally.gifts += s.benefits[tier].gift_cost_per_year / 12.0;
            }
            if purchases > 0 && (discount > 0.0 || free_shipping) {
                used = true;
            }
            let calendar_month = calendar.month_of_year[m];
            if calendar_month == 12 {
                if let Some(bonus) = plan.level_bonus.as_ref().and_then(|b| b.get(tier)).filter(|b| **b > 0.0) {
                    scratch.lots.add(expiry_month(s.points.expiry, absolute, calendar), *bonus, false);
                    tally.add(m, MonthlyKpi::PointsIssued, *bonus);
                    tally.points_cost += bonus * point_value(s);
                }
            }
            if let (Redemption::MonthlyShare { percent }, true) = (s.points.redemption, draws.redeemer) {
                redeemed += scratch.lots.take_oldest(scratch.lots.spendable() * percent / 100.0);
            }
            let expired = scratch.lots.expire(absolute);
            scratch.lots.pending = 0.0;
            tally.add(m, MonthlyKpi::PointsExpired, expired);
            tally.add(m, MonthlyKpi::PointsRedeemed, redeemed);
            tally.add(m, MonthlyKpi::OutstandingPoints, scratch.lots.total);
            if redeemed > 0.0 {
                used = true;
            }
            // Month end: the score over the qualifying window, then the tier rules.
            let activity =
                MonthActivity::simulated(f64::from(purchases), spend, &baseline.engagement[customer], active);
            window.push(
                plan,
                scheme.map(|s| s.tiers.window),
                plan.scorer.contribution(&activity),
                absolute,
                join_month,
                calendar,
            );
            let score = window.score(plan, customer);
            let due = evaluation_due(
                s.tiers.downgrade.evaluation,
                calendar.month_of_year[m],
                absolute.saturating_sub(join_month),
            );
            let bounds =
                crate::engine::replay::CustomerBounds { entry: &plan.entry[customer], retain: &plan.retain[customer] };
            upgraded_last_month = false;
            match state.step(score, &bounds, &s.tiers, due) {
                Move::Up => {
                    upgraded_last_month = true;
                    tally.add(m, MonthlyKpi::Upgrades, 1.0);
                }
                Move::Down => {
                    demoted = true;
                    tally.add(m, MonthlyKpi::Downgrades, 1.0);
                }
                Move::Stay => {}
            }
        }
        let month_cost = tally.discount + tally.shipping + tally.gifts + tally.points_cost - month_cost_before;
        tally.add(m, MonthlyKpi::Revenue, spend);
        tally.add(m, MonthlyKpi::Orders, f64::from(purchases));
        tally.add(m, MonthlyKpi::Buyers, if purchases > 0 { 1.0 } else { 0.0 });
        tally.add(m, MonthlyKpi::BenefitCost, month_cost);
        tally.add(m, MonthlyKpi::Margin, spend * gross_margin - month_cost);
        tally.add(m, MonthlyKpi::Active, if active { 1.0 } else { 0.0 });
        if (state.tier as usize) < tiers {
            tally.members[m][state.tier as usize] += 1.0;
        }
        outcome.revenue += spend;
        outcome.benefit_cost += month_cost;
        margin_so_far += spend * gross_margin - month_cost;
        outcome.cumulative_margin[m] = margin_so_far;
        outcome.bought |= purchases > 0;
        outcome.used_benefit |= used;
    }
    outcome.end_tier = state.tier;
    outcome.active_at_end = active;
    outcome
}

/// Where a customer stands this month, as far as their response is concerned.
pub struct Situation {
    /// Discount plus free shipping as a share of the order value.
    pub value_share: f64,
    /// How much of the response to the scheme is left (1 at launch).
    pub fade: f64,
    /// 1 for most customers, `heavy_buyer_response` for the heaviest fifth.
    pub heavy_factor: f64,
    /// Progress from the current tier's bound to the next one (0-1), `None` at the top.
    pub progress: Option<f64>,
    pub upgraded_last_month: bool,
    pub demoted: bool,
}

/// The factor on the baseline purchase rate (DOMAIN.md section 7):
/// - value: `elasticity x (discount + free-shipping equivalent) x frequency share`, fading and
///   weaker for heavy buyers (Bijmolt et al. 2005; Gupta 1988; Liu 2007);
/// - goal gradient: `1 + goal_gradient x progress`, up to +20 % right at the next tier's bound, so
///   crossing from one bound to the next takes `ln(1 + g) / g` of the time (8.8 % less for g = 0.2;
///   Kivetz et al. 2006);
/// - the month after an upgrade: `1 + post_upgrade_dip`; after a demotion: `1 + demotion_effect`.
pub fn purchase_multiplier(a: &Assumptions, s: &Situation) -> f64 {
    let mut multiplier =
        1.0 + s.fade * s.heavy_factor * a.discount_elasticity * a.discount_frequency_share * s.value_share;
    if let Some(progress) = s.progress {
        multiplier *= 1.0 + a.goal_gradient * s.heavy_factor * progress;
    }
    if s.upgraded_last_month {
        multiplier *= 1.0 + a.post_upgrade_dip;
    }
    if s.demoted {
        multiplier *= 1.0 + a.demotion_effect;
    }
    multiplier.max(0.0)
}

/// What an issued point is expected to cost: redeemed share x cost per point.
fn point_value(s: &Scenario) -> f64 {
    s.points.point_cost * (1.0 - s.points.breakage_percent / 100.0)
}

fn expiry_month(expiry: Expiry, earned: usize, calendar: &Calendar) -> usize {
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

/// Share of the way from the current tier's bound to the next tier's, 0-1 (`None` at the top).
fn progress_to_next_tier(score: f64, tier: u8, entry: &[f64]) -> Option<f64> {
    let next = *entry.get(tier as usize)?;
    let floor = if tier == 0 { 0.0f64.min(next) } else { entry[tier as usize - 1] };
    if !(next > floor) || !score.is_finite() {
        return None;
    }
    Some(((score - floor) / (next - floor)).clamp(0.0, 1.0))
}

/// The running score of a customer's qualifying window.
struct Window<'s> {
    sum: f64,
    ring: &'s mut Vec<f64>,
    position: usize,
}

impl<'s> Window<'s> {
    fn start(start: &WindowStart, customer: usize, ring: &'s mut Vec<f64>) -> Window<'s> {
        ring.clear();
        let len = start.ring_len;
        ring.extend_from_slice(&start.rings[customer * len..(customer + 1) * len]);
        Window { sum: start.sums[customer], ring, position: 0 }
    }

    fn push(
        &mut self,
        plan: &SchemePlan,
        window: Option<QualifyingWindow>,
        contribution: f64,
        absolute: usize,
        join_month: usize,
        calendar: &Calendar,
    ) {
        match window {
            Some(QualifyingWindow::RollingMonths { .. }) if !self.ring.is_empty() => {
                let len = self.ring.len();
                self.position = absolute % len;
                self.sum -= self.ring[self.position];
                self.ring[self.position] = contribution;
                self.sum += contribution;
            }
            Some(QualifyingWindow::CalendarYear) => {
                if calendar.calendar_month(absolute) == 1 {
                    self.sum = 0.0;
                }
                self.sum += contribution;
            }
            Some(QualifyingWindow::Anniversary) => {
                if absolute >= join_month && (absolute - join_month) % 12 == 0 {
                    self.sum = 0.0;
                }
                self.sum += contribution;
            }
            _ => self.sum += contribution,
        }
        let _ = plan;
    }

    fn score(&self, plan: &SchemePlan, customer: usize) -> f64 {
        if plan.scorer.is_frozen() {
            plan.start_score.get(customer).copied().unwrap_or(0.0)
        } else {
            plan.scorer.intercept() + self.sum
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn inverse_cdf_poisson() {
        // P(0) = e^-2 = 0.1353, P(<=1) = 3 e^-2 = 0.4060, P(<=2) = 5 e^-2 = 0.6767.
        assert_eq!(poisson_from_uniform(0.10, 2.0), 0);
        assert_eq!(poisson_from_uniform(0.20, 2.0), 1);
        assert_eq!(poisson_from_uniform(0.50, 2.0), 2);
        assert_eq!(poisson_from_uniform(0.99, 0.0), 0);
        // Monotone in the mean for a fixed uniform.
        let mut last = 0;
        for i in 1..200 {
            let k = poisson_from_uniform(0.7, f64::from(i) * 0.05);
            assert!(k >= last);
            last = k;
        }
    }

    #[test]
    fn progress_between_bounds() {
        assert_eq!(progress_to_next_tier(50.0, 0, &[100.0, 500.0]), Some(0.5));
        assert_eq!(progress_to_next_tier(300.0, 1, &[100.0, 500.0]), Some(0.5));
        assert_eq!(progress_to_next_tier(900.0, 2, &[100.0, 500.0]), None);
    }
}

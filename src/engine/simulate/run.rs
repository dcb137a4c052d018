//! The month-by-month simulation of one customer under one scheme: the hot loop. Customers are
//! independent once tier bounds are fixed, so each customer runs through the whole horizon under
//! the counterfactual and every scheme in turn, drawing the same randomness in each (common random
//! numbers, see `draws`). A month is a fixed sequence of steps: the tier's benefits, the response
//! and the purchases it gives, what the benefits cost, the tier evaluation at the month end, and
//! the month's tallies.

use serde::{Deserialize, Serialize};

use crate::engine::evaluate::{BoundsByCustomer, Evaluated};
use crate::engine::replay::{evaluation_due, CustomerBounds, MemberState, Move, SecondBounds, Standing};
use crate::engine::scenario::{Assumptions, Coupons, Redemption, Scenario, TierBenefits};

use super::baseline::Baseline;
use super::calendar::Calendar;
use super::draws::{CustomerDraws, OrderCache};
use super::engagement::Engagement;
use super::kpi::MonthlyKpi;
use super::lots::{expiry_month, point_value, Lots};
use super::month_score::{MonthActivity, MonthScorer};
use super::response::{criterion_progress, progress_to_next_tier, purchase_multiplier, Situation};
use super::settings::MAX_MONTHS;
use super::window::{Window, WindowStart};

/// Everything about one scheme the customer loop needs (per-customer vectors indexed by customer).
pub struct SchemePlan<'a> {
    /// `None` runs the no-program counterfactual.
    pub scenario: Option<&'a Scenario>,
    pub assumptions: Assumptions,
    pub scorer: MonthScorer,
    pub start_tier: &'a [u8],
    pub start_score: &'a [f64],
    pub entry: &'a BoundsByCustomer,
    pub retain: &'a BoundsByCustomer,
    /// The second qualifying criterion, when the scheme has one.
    pub second: Option<MeasurePlan<'a>>,
    pub segment_multiplier: &'a [f64],
    pub start_points: &'a [f64],
    /// Yearly bonus points per tier, granted each December.
    pub level_bonus: Option<Vec<f64>>,
    /// Each customer's qualifying window at the end of the history.
    pub window_start: &'a WindowStart,
    /// Head start per customer in score units, credited at launch (empty: none).
    pub launch_credit: &'a [f64],
    /// Welcome points per customer, given at launch (empty: none).
    pub welcome_points: &'a [f64],
    /// How much of the response is left in each simulated month.
    pub fade: Vec<f64>,
    pub tiers: usize,
    /// Gross margin on revenue before benefits (a fraction).
    pub gross_margin: f64,
    /// Share of customers who redeem points at all (1 - breakage).
    pub redeem_share: f64,
}

/// The second qualifying criterion in the customer loop: its bounds (from the evaluation on the
/// history) and its measure's running window.
pub struct MeasurePlan<'a> {
    pub evaluated: &'a Evaluated,
    pub scorer: MonthScorer,
    pub window_start: &'a WindowStart,
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
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct MonthTally {
    pub kpis: Vec<[f64; MonthlyKpi::COUNT]>,
    pub members: Vec<Vec<f64>>,
    pub discount: f64,
    pub shipping: f64,
    pub gifts: f64,
    pub points_cost: f64,
    /// Cost of the coupons redeemed.
    #[serde(default)]
    pub coupons: f64,
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
            coupons: 0.0,
        }
    }

    fn add(&mut self, month: usize, kpi: MonthlyKpi, value: f64) {
        self.kpis[month][kpi as usize] += value;
    }

    /// Points issued this month; returns what they are expected to cost.
    fn issue_points(&mut self, month: usize, points: f64, scheme: &Scenario) -> f64 {
        self.add(month, MonthlyKpi::PointsIssued, points);
        let cost = points * point_value(scheme);
        self.points_cost += cost;
        cost
    }

    /// Adds another tally of the same shape, element by element.
    pub fn absorb(&mut self, other: &MonthTally) {
        for (month, other) in self.kpis.iter_mut().zip(&other.kpis) {
            for (x, y) in month.iter_mut().zip(other) {
                *x += y;
            }
        }
        for (month, other) in self.members.iter_mut().zip(&other.members) {
            for (x, y) in month.iter_mut().zip(other) {
                *x += y;
            }
        }
        self.discount += other.discount;
        self.shipping += other.shipping;
        self.gifts += other.gifts;
        self.points_cost += other.points_cost;
        self.coupons += other.coupons;
    }
}

/// Reusable per-customer buffers (no allocation in the hot loop).
#[derive(Default)]
pub struct Scratch {
    ring: Vec<f64>,
    measure_ring: Vec<f64>,
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

/// What stays fixed while one customer runs through the horizon under one scheme. The customer's
/// own numbers are read here once, not in every month: the plan and the baseline keep them by field
/// (and tier bounds by set), so each read in the month loop was an indirection and a bounds check.
struct Context<'a> {
    plan: &'a SchemePlan<'a>,
    baseline: &'a Baseline,
    draws: &'a CustomerDraws,
    calendar: &'a Calendar,
    customer: usize,
    join_month: usize,
    /// Redeems points under this scheme.
    redeemer: bool,
    /// The customer's usual engagement (every simulated month's score needs all of it).
    engagement: &'a Engagement,
    /// The customer's entry and retain bounds (empty for the counterfactual).
    entry: &'a [f64],
    retain: &'a [f64],
    /// The second criterion's bounds for the customer, when the scheme has one.
    second: Option<SecondBounds<'a>>,
    start_score: f64,
    segment_multiplier: f64,
    expected_order_value: f64,
}

/// What one tier's benefits give in a month.
struct MonthTerms<'a> {
    benefits: Option<&'a TierBenefits>,
    discount: f64,
    free_shipping: bool,
    shipping_cost: f64,
    coupons: Option<&'a Coupons>,
}

impl<'a> MonthTerms<'a> {
    fn of(scheme: Option<&'a Scenario>, tier: usize) -> MonthTerms<'a> {
        let benefits = scheme.map(|s| &s.benefits[tier]);
        MonthTerms {
            benefits,
            discount: benefits.map_or(0.0, |b| b.discount_percent / 100.0),
            free_shipping: benefits.is_some_and(|b| b.free_shipping),
            shipping_cost: scheme.map_or(0.0, |s| s.economics.shipping_cost_per_order),
            coupons: benefits.and_then(|b| b.coupons.as_ref()),
        }
    }

    /// The tier gives the member something at all (for the benefit usage rate).
    fn entitles(&self) -> bool {
        self.benefits.is_some_and(|b| {
            self.discount > 0.0
                || b.free_shipping
                || b.gift_cost_per_year > 0.0
                || b.points_multiplier > 0.0
                || self.coupons.is_some_and(|c| c.per_month > 0.0 && c.value > 0.0 && c.redemption_percent > 0.0)
        })
    }
}

/// What a customer bought in one month, and what their benefits cost.
#[derive(Default)]
struct MonthPurchases {
    count: u32,
    spend: f64,
    redeemed: f64,
    /// Orders of at least the tier's coupon minimum spend.
    coupon_eligible: u32,
    used_benefit: bool,
    cost: f64,
}

/// A customer's standing under the scheme, carried from month to month.
struct Member<'s> {
    state: MemberState,
    window: Window<'s>,
    /// The second criterion's measure over the qualifying window (none without one).
    measure: Option<Window<'s>>,
    active: bool,
    upgraded_last_month: bool,
    /// Simulated month at whose end the member was last demoted.
    demoted_in: Option<usize>,
    /// The tier a head start was given toward, while not yet reached.
    endowed_toward: Option<u8>,
    heavy_factor: f64,
}

impl Member<'_> {
    /// The demotion effect still lasts in month `m`.
    fn feels_demotion(&self, m: usize, assumptions: &Assumptions) -> bool {
        self.demoted_in.is_some_and(|d| (m - d) as f64 <= assumptions.demotion_months)
    }
}

/// Simulates one customer through the horizon under one scheme (`engagement`: the customer's, from
/// the baseline, read once for every plan and replication).
#[allow(clippy::too_many_arguments)]
pub fn simulate_customer(
    plan: &SchemePlan,
    baseline: &Baseline,
    draws: &CustomerDraws,
    customer: usize,
    join_month: usize,
    engagement: &Engagement,
    calendar: &Calendar,
    scratch: &mut Scratch,
    tally: &mut MonthTally,
) -> CustomerOutcome {
    let redeemer = draws.redeems(plan.redeem_share);
    let context = Context {
        plan,
        baseline,
        draws,
        calendar,
        customer,
        join_month,
        redeemer,
        engagement,
        entry: plan.entry.get(customer).unwrap_or(&[]),
        retain: plan.retain.get(customer).unwrap_or(&[]),
        second: plan.second.as_ref().and_then(|second| second.evaluated.bounds_of(customer).second),
        start_score: plan.start_score.get(customer).copied().unwrap_or(0.0),
        segment_multiplier: plan.segment_multiplier.get(customer).copied().unwrap_or(1.0),
        expected_order_value: baseline.expected_order_value[customer],
    };
    let Scratch { ring, measure_ring, lots, orders } = scratch;
    let start_tier = plan.start_tier.get(customer).copied().unwrap_or(0);
    let credit = plan.launch_credit.get(customer).copied().unwrap_or(0.0);
    let mut member = Member {
        state: MemberState::starting_in(start_tier),
        window: Window::start(plan.window_start, customer, credit, ring),
        measure: plan.second.as_ref().map(|second| Window::start(second.window_start, customer, 0.0, measure_ring)),
        active: draws.active,
        upgraded_last_month: false,
        demoted_in: None,
        endowed_toward: (credit > 0.0).then_some(start_tier + 1),
        heavy_factor: if baseline.heavy[customer] { plan.assumptions.heavy_buyer_response } else { 1.0 },
    };
    let launch_cost = open_balance(&context, lots, tally);
    let mut outcome = CustomerOutcome {
        end_tier: member.state.tier,
        revenue: 0.0,
        benefit_cost: 0.0,
        bought: false,
        used_benefit: false,
        entitled: false,
        active_at_end: member.active,
        cumulative_margin: [0.0; MAX_MONTHS],
    };
    let mut margin_so_far = 0.0;
    // Tiers the customer's bounds make (one for the counterfactual, which has none).
    let tiers = context.entry.len() + 1;
    for m in 0..calendar.months {
        // Without a scheme a lapsed customer adds nothing more to any total.
        if plan.scenario.is_none() && !member.active {
            outcome.cumulative_margin[m..calendar.months].fill(margin_so_far);
            break;
        }
        let terms = MonthTerms::of(plan.scenario, member.state.tier as usize);
        outcome.entitled |= terms.entitles();
        let mut month = MonthPurchases { cost: if m == 0 { launch_cost } else { 0.0 }, ..MonthPurchases::default() };
        if member.active {
            let churn_reduction = if plan.scenario.is_some() { plan.assumptions.churn_reduction } else { 0.0 };
            let alive = draws.alive_share(m, churn_reduction);
            let rate = purchase_rate(&context, &member, &terms, m);
            let count = draws.purchase_count(m, if alive < 1.0 { rate * alive } else { rate });
            buy(&context, &mut member, &terms, count, m, orders, lots, tally, &mut month);
            // A continuous lifetime that ends in this month: active for its purchases, gone after.
            if alive < 1.0 {
                member.active = false;
            }
        }
        if let Some(scheme) = plan.scenario {
            settle_benefits(&context, scheme, &member, &terms, m, lots, tally, &mut month);
            evaluate_tier(&context, scheme, &mut member, &month, m, tally);
        }
        record_month(&member, &month, tiers, m, plan.gross_margin, tally);
        outcome.revenue += month.spend;
        outcome.benefit_cost += month.cost;
        margin_so_far += month.spend * plan.gross_margin - month.cost;
        outcome.cumulative_margin[m] = margin_so_far;
        outcome.bought |= month.count > 0;
        outcome.used_benefit |= month.used_benefit;
    }
    outcome.end_tier = member.state.tier;
    outcome.active_at_end = member.active;
    outcome
}

/// The points a customer holds at launch: their balance at the end of the history (one lot) and
/// any welcome points, issued in the first month. Returns what the welcome points cost.
fn open_balance(context: &Context, lots: &mut Lots, tally: &mut MonthTally) -> f64 {
    lots.clear();
    let Some(s) = context.plan.scenario else { return 0.0 };
    let calendar = context.calendar;
    let points = context.plan.start_points.get(context.customer).copied().unwrap_or(0.0);
    if points > 0.0 {
        let last_history = calendar.first_simulated.saturating_sub(1);
        lots.add(expiry_month(s.points.expiry, last_history, calendar), points, false);
    }
    let welcome = context.plan.welcome_points.get(context.customer).copied().unwrap_or(0.0);
    if welcome > 0.0 && calendar.months > 0 {
        lots.add(expiry_month(s.points.expiry, calendar.absolute(0), calendar), welcome, false);
        return tally.issue_points(0, welcome, s);
    }
    0.0
}

/// Expected purchases this month: the baseline rate, its season, and the response to the scheme.
fn purchase_rate(context: &Context, member: &Member, terms: &MonthTerms, m: usize) -> f64 {
    let (plan, baseline) = (context.plan, context.baseline);
    let multiplier = if plan.scenario.is_some() {
        let order_value = context.expected_order_value;
        let shipping_equivalent =
            if terms.free_shipping && order_value > 0.0 { (terms.shipping_cost / order_value).min(1.0) } else { 0.0 };
        let score = member.window.score(&plan.scorer, context.start_score);
        let expected_orders = context.draws.monthly_rate * baseline.seasonality[context.calendar.slot(m)];
        let coupon_share = terms.coupons.map_or(0.0, |c| c.pull(order_value, expected_orders));
        let points_share = match (plan.scenario, terms.benefits) {
            (Some(s), Some(b)) => {
                s.points.per_currency_unit * b.points_multiplier * context.segment_multiplier * point_value(s)
            }
            _ => 0.0,
        };
        purchase_multiplier(
            &plan.assumptions,
            &Situation {
                value_share: terms.discount + shipping_equivalent + coupon_share,
                points_share,
                fade: plan.fade.get(m).copied().unwrap_or(1.0),
                heavy_factor: member.heavy_factor,
                progress: goal_progress(context, member, score),
                endowed: member.endowed_toward == Some(member.state.tier + 1),
                upgraded_last_month: member.upgraded_last_month,
                demoted: member.feels_demotion(m, &plan.assumptions),
            },
        )
    } else {
        1.0
    };
    let season = baseline.seasonality[context.calendar.slot(m)];
    context.draws.monthly_rate * season * multiplier.max(0.0)
}

/// Share of the way to the next tier that drives the goal gradient: the score's, or with a second
/// criterion the nearer of the two under "or" and the farther under "and".
fn goal_progress(context: &Context, member: &Member, score: f64) -> Option<f64> {
    let by_score = progress_to_next_tier(score, member.state.tier, context.entry);
    let (Some(second), Some(window)) = (&context.plan.second, &member.measure) else { return by_score };
    let bounds = context.second?;
    let by_measure = criterion_progress(window.score(&second.scorer, 0.0), member.state.tier, bounds.entry);
    match (by_score, by_measure) {
        (Some(s), Some(m)) => Some(bounds.combine.progress(s, m)),
        (s, m) => s.or(m),
    }
}

/// The month's orders: their values, the points they earn and the blocks redeemed at checkout;
/// the customer may drop out after any of them (BG/NBD).
#[allow(clippy::too_many_arguments)]
fn buy(
    context: &Context,
    member: &mut Member,
    terms: &MonthTerms,
    count: u32,
    m: usize,
    orders: &mut OrderCache,
    lots: &mut Lots,
    tally: &mut MonthTally,
    month: &mut MonthPurchases,
) {
    if count == 0 {
        return;
    }
    let (plan, draws) = (context.plan, context.draws);
    let absolute = context.calendar.absolute(m);
    let dropout =
        if plan.scenario.is_some() { draws.dropout * (1.0 - plan.assumptions.churn_reduction) } else { draws.dropout };
    for k in 0..count as usize {
        let (value, leaves) = if draws.deterministic {
            (context.baseline.order_shape * draws.theta, false)
        } else {
            let (value, uniform) = orders.order(draws, context.baseline.order_shape, m, k);
            (value, uniform < dropout)
        };
        month.count += 1;
        month.spend += value;
        if terms.coupons.is_some_and(|c| value >= c.min_spend) {
            month.coupon_eligible += 1;
        }
        if let (Some(s), Some(benefits)) = (plan.scenario, terms.benefits) {
            let multiplier = benefits.points_multiplier * context.segment_multiplier;
            let earned = value * s.points.per_currency_unit * multiplier;
            if earned > 0.0 {
                lots.add(expiry_month(s.points.expiry, absolute, context.calendar), earned, true);
                month.cost += tally.issue_points(m, earned, s);
            }
            if let (Redemption::InBlocks { block }, true) = (s.points.redemption, context.redeemer) {
                // Points earned this month become spendable from next month (pending).
                let blocks = (lots.spendable() / block).floor() * block;
                if blocks > 0.0 {
                    month.redeemed += lots.take_oldest(blocks);
                }
            }
        }
        if leaves {
            member.active = false;
            break;
        }
    }
}

/// What the tier's benefits cost this month, and the points that move at the month end: the
/// yearly bonus in December, monthly redemptions, expiry.
#[allow(clippy::too_many_arguments)]
fn settle_benefits(
    context: &Context,
    s: &Scenario,
    member: &Member,
    terms: &MonthTerms,
    m: usize,
    lots: &mut Lots,
    tally: &mut MonthTally,
    month: &mut MonthPurchases,
) {
    let tier = member.state.tier as usize;
    let absolute = context.calendar.absolute(m);
    let discount = month.spend * terms.discount;
    tally.discount += discount;
    month.cost += discount;
    if terms.free_shipping {
        let shipping = f64::from(month.count) * terms.shipping_cost;
        tally.shipping += shipping;
        month.cost += shipping;
    }
    // Gifts go to members who are still customers (a lapsed customer claims nothing).
    if member.active || month.count > 0 {
        let gifts = s.benefits[tier].gift_cost_per_year / 12.0;
        tally.gifts += gifts;
        month.cost += gifts;
    }
    if month.count > 0 && (terms.discount > 0.0 || terms.free_shipping) {
        month.used_benefit = true;
    }
    if let Some(coupons) = terms.coupons {
        let cost = coupons.cost(f64::from(month.coupon_eligible));
        tally.coupons += cost;
        month.cost += cost;
        month.used_benefit |= cost > 0.0;
    }
    if context.calendar.month_of_year(m) == 12 {
        if let Some(bonus) = context.plan.level_bonus.as_ref().and_then(|b| b.get(tier)).filter(|b| **b > 0.0) {
            lots.add(expiry_month(s.points.expiry, absolute, context.calendar), *bonus, false);
            month.cost += tally.issue_points(m, *bonus, s);
        }
    }
    if let (Redemption::MonthlyShare { percent }, true) = (s.points.redemption, context.redeemer) {
        month.redeemed += lots.take_oldest(lots.spendable() * percent / 100.0);
    }
    let expired = lots.expire(absolute);
    lots.release_pending();
    tally.add(m, MonthlyKpi::PointsExpired, expired);
    tally.add(m, MonthlyKpi::PointsRedeemed, month.redeemed);
    tally.add(m, MonthlyKpi::OutstandingPoints, lots.total);
    if month.redeemed > 0.0 {
        month.used_benefit = true;
    }
}

/// Month end: the score over the qualifying window, then the tier rules.
fn evaluate_tier(
    context: &Context,
    s: &Scenario,
    member: &mut Member,
    month: &MonthPurchases,
    m: usize,
    tally: &mut MonthTally,
) {
    let (plan, calendar) = (context.plan, context.calendar);
    let absolute = calendar.absolute(m);
    let activity = MonthActivity::simulated(f64::from(month.count), month.spend, context.engagement, member.active);
    let contribution = plan.scorer.contribution(&activity) + plan.scorer.per_month();
    member.window.push(s.tiers.window, contribution, absolute, context.join_month, calendar);
    let score = member.window.score(&plan.scorer, context.start_score);
    let measure = match (&plan.second, &mut member.measure) {
        (Some(second), Some(window)) => {
            window.push(s.tiers.window, second.scorer.contribution(&activity), absolute, context.join_month, calendar);
            window.score(&second.scorer, 0.0)
        }
        _ => f64::NAN,
    };
    let due = evaluation_due(
        s.tiers.downgrade.evaluation,
        calendar.month_of_year(m),
        absolute.saturating_sub(context.join_month),
    );
    let bounds = CustomerBounds { entry: context.entry, retain: context.retain, second: context.second };
    member.upgraded_last_month = false;
    match member.state.step(Standing { score, measure }, &bounds, &s.tiers, due) {
        Move::Up => {
            member.upgraded_last_month = true;
            tally.add(m, MonthlyKpi::Upgrades, 1.0);
        }
        Move::Down => {
            member.demoted_in = Some(m);
            tally.add(m, MonthlyKpi::Downgrades, 1.0);
        }
        Move::Stay => {}
    }
}

/// The month's sums over customers.
fn record_month(
    member: &Member,
    month: &MonthPurchases,
    tiers: usize,
    m: usize,
    gross_margin: f64,
    tally: &mut MonthTally,
) {
    tally.add(m, MonthlyKpi::Revenue, month.spend);
    tally.add(m, MonthlyKpi::Orders, f64::from(month.count));
    tally.add(m, MonthlyKpi::Buyers, if month.count > 0 { 1.0 } else { 0.0 });
    tally.add(m, MonthlyKpi::BenefitCost, month.cost);
    tally.add(m, MonthlyKpi::Margin, month.spend * gross_margin - month.cost);
    tally.add(m, MonthlyKpi::Active, if member.active { 1.0 } else { 0.0 });
    if (member.state.tier as usize) < tiers {
        tally.members[m][member.state.tier as usize] += 1.0;
    }
}

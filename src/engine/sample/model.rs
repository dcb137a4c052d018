//! How one sample customer behaves: a BG/NBD purchase process, Gamma-Gamma order values, a
//! view -> cart -> order -> pay funnel around each purchase, non-converting visits, refunds and reviews.

// Negated comparisons such as `!(rate > 0.0)` are deliberate: unlike `rate <= 0.0` they also
// catch NaN.
#![allow(clippy::neg_cmp_op_on_partial_ord)]

use super::clock::SeasonalClock;
use super::vocabulary::*;
use crate::engine::rng::Rng;
use crate::engine::roles::EventKind;

pub const SECONDS_PER_DAY: f64 = 86_400.0;

/// The generating parameters of the sample's purchase and spend process: the ground truth that
/// probabilistic models fitted to the sample (BG/NBD, Gamma-Gamma) should recover.
///
/// Rates are per day of operational time (see `clock`): seasonality moves purchases around the
/// calendar but keeps the number expected over the window.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct SampleModel {
    /// Share of customers who register and browse but never pay for an order.
    pub share_never_buying: f64,
    /// BG/NBD: a buyer's purchase rate λ ~ Gamma(shape r, rate α) per day. The first purchase
    /// happens at acquisition; repeat purchases follow a Poisson process with rate λ.
    pub r: f64,
    pub alpha_days: f64,
    /// BG/NBD: after each repeat purchase the buyer becomes inactive with probability p ~ Beta(a, b).
    pub a: f64,
    pub b: f64,
    /// Gamma-Gamma: a customer's spend rate ν ~ Gamma(shape q, rate γ); each order value ~
    /// Gamma(shape p, rate ν), so the customer's mean order value is p/ν.
    pub p: f64,
    pub q: f64,
    pub gamma: f64,
    /// Probability that a paid order is refunded later (the refund row is dropped if it would fall
    /// after the window's end, as it has not happened yet).
    pub refund_probability: f64,
    /// Probability that a paid order gets a review; refunded orders are reviewed more often.
    pub review_probability: f64,
    pub review_probability_refunded: f64,
    /// Acquisition density over the window grows linearly: at the end it is (1 + growth) times
    /// the density at the start.
    pub acquisition_growth: f64,
}

/// The sample's parameters. λ: mean r/α = 0.9/70 = 0.0129 purchases/day (0.39 per month) with
/// a heavy tail (r < 1: most buyers are occasional, a few buy weekly); dropout p: mean
/// a/(a+b) = 0.22. Order values: mean p·γ/(q-1) = 6·60/2 = 180; a customer's mean order value
/// p/ν has median ~135 and a 90 % range of ~57-440, with a few big spenders above 1,000.
pub const SAMPLE_MODEL: SampleModel = SampleModel {
    share_never_buying: 0.22,
    r: 0.9,
    alpha_days: 70.0,
    a: 1.3,
    b: 4.5,
    p: 6.0,
    q: 3.0,
    gamma: 60.0,
    refund_probability: 0.04,
    review_probability: 0.25,
    review_probability_refunded: 0.40,
    acquisition_growth: 1.0,
};

impl SampleModel {
    /// Expected order value, p·γ/(q - 1) (the Gamma-Gamma population mean).
    pub fn mean_order_value(&self) -> f64 {
        self.p * self.gamma / (self.q - 1.0)
    }
    /// Expected purchase rate of a buyer while active, r/α per day.
    pub fn mean_purchase_rate_per_day(&self) -> f64 {
        self.r / self.alpha_days
    }
}

// Visits that do not end in a purchase. A buyer browses at BROWSE_PER_PURCHASE · λ + BASE_BROWSE_RATE
// sessions per day while active, and at DORMANT_BROWSE_SHARE of that after dropping out (a rare
// look back). Never-buyers browse at a Gamma(2, ·) rate with mean NEVER_BUYER_BROWSE_RATE for an
// exponential active life with mean NEVER_BUYER_ACTIVE_DAYS. Tuned so that the default sample has
// about 17 rows per customer.
const BROWSE_PER_PURCHASE: f64 = 1.5;
const BASE_BROWSE_RATE: f64 = 0.004;
const DORMANT_BROWSE_SHARE: f64 = 0.1;
const NEVER_BUYER_BROWSE_RATE: f64 = 0.012;
const NEVER_BUYER_ACTIVE_DAYS: f64 = 120.0;
/// How a non-purchase visit ends: view only, view + cart, view + cart + order never paid.
const BROWSE_OUTCOME_WEIGHTS: [f64; 3] = [0.62, 0.28, 0.10];
/// Extra product views per visit ~ Poisson: buyers compare more than browsers.
const EXTRA_VIEWS_PURCHASE: f64 = 0.5;
const EXTRA_VIEWS_BROWSE: f64 = 0.2;
/// No further product view starts later than this into a visit.
const LAST_VIEW_AFTER_SECONDS: f64 = 90.0 * 60.0;
/// Per session: the customer's usual channel / favourite category, otherwise a random one.
const FAVOURITE_CHANNEL_SHARE: f64 = 0.75;
const FAVOURITE_CATEGORY_SHARE: f64 = 0.55;
/// Browse minutes ~ lognormal: median 3 minutes on plain visits, 4.5 when the visit ends in a purchase.
const BROWSE_MINUTES_LN_MEDIAN: f64 = 1.098_612_288_668_11; // ln 3
const PURCHASE_BROWSE_MINUTES_LN_MEDIAN: f64 = 1.504_077_396_776_274; // ln 4.5
const BROWSE_MINUTES_SIGMA: f64 = 0.85;
const MAX_BROWSE_TENTHS: u16 = 1200; // 120 minutes
/// Sessions start at least this long before the window ends, so a whole funnel fits inside it:
/// last view <= 90 min in, cart within its browse (<= 120 min + 5 s), cart -> order <= 15 min 20 s,
/// order -> pay <= 10 min 5 s: at most 3 h 56 min.
pub const SESSION_MARGIN_SECONDS: f64 = 4.0 * 3600.0;
/// Age = 18 + round(47 · Beta(2.2, 3.8)): 18-65, mean 35.
const AGE_BETA: (f64, f64) = (2.2, 3.8);

/// Sentinel for "no comment" in `Event::comment`.
pub const NO_COMMENT: u16 = u16::MAX;

/// One generated row, compact so a million-customer sample stays in memory.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Event {
    /// Calendar seconds since the window's first midnight.
    pub time: u32,
    pub customer: u32,
    /// Generation order within the customer: a total sort key together with time and customer.
    pub seq: u32,
    /// Order value in cents (order, pay), negative for refunds, 0 when the row has no amount.
    pub amount_cents: i32,
    /// Browse minutes in tenths (view rows), 0 otherwise.
    pub browse_tenths: u16,
    pub comment: u16,
    pub kind: EventKind,
    pub channel: u8,
    pub category: u8,
    /// 1-5 on cart / order / pay rows, 0 otherwise.
    pub quantity: u8,
    /// 1-5 on review rows, 0 otherwise.
    pub rating: u8,
}

/// What is repeated on every row of a customer.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct CustomerProfile {
    pub gender: u8,
    pub age: u8,
    pub city: u8,
}

/// The window every customer lives in.
pub struct Window {
    pub clock: SeasonalClock,
    /// Calendar seconds in the window (its end, exclusive).
    pub length_seconds: u32,
    /// Operational days until the last session start (the window end minus the session margin).
    pub observation_end_days: f64,
    city_weights: [f64; CITIES.len()],
}

impl Window {
    pub fn new(start_day: i64, days: u32) -> Window {
        let clock = SeasonalClock::new(start_day, days);
        let length_seconds = days * 86_400;
        let observation_end_days =
            clock.to_operational(f64::from(length_seconds) - SESSION_MARGIN_SECONDS) / SECONDS_PER_DAY;
        Window { clock, length_seconds, observation_end_days, city_weights: CITIES.map(|(_, w)| w) }
    }
}

/// The BG/NBD core: repeat purchase times (operational days) of a buyer with rate `lambda` per day
/// and dropout probability `dropout` who made the first purchase at `start`, observed until `end`.
/// Returns the times and the day the buyer dropped out (None: still active at `end`).
pub fn repeat_purchases(rng: &mut Rng, lambda: f64, dropout: f64, start: f64, end: f64) -> (Vec<f64>, Option<f64>) {
    let mut times = Vec::new();
    let mut t = start;
    loop {
        t += rng.exponential(lambda);
        // Also stops on NaN (a rate that underflowed to zero).
        if !(t <= end) {
            return (times, None);
        }
        times.push(t);
        if rng.bernoulli(dropout) {
            return (times, Some(t));
        }
    }
}

/// Visit times (operational days) of a Poisson process with `rate` per day in (from, until].
fn visits(rng: &mut Rng, rate: f64, from: f64, until: f64, into: &mut Vec<f64>) {
    if !(rate > 0.0) {
        return;
    }
    let mut t = from;
    loop {
        t += rng.exponential(rate);
        if !(t <= until) {
            return;
        }
        into.push(t);
    }
}

/// Inverse CDF of the acquisition density ∝ 1 + g·x on [0, 1]: F(x) = (x + g x²/2) / (1 + g/2).
fn acquisition_fraction(u: f64, growth: f64) -> f64 {
    if growth.abs() < 1e-9 {
        return u;
    }
    ((1.0 + 2.0 * growth * (1.0 + growth / 2.0) * u).sqrt() - 1.0) / growth
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Visit {
    /// Ends in a paid order.
    Purchase,
    /// An active customer's visit: may add to cart or abandon an order.
    Browse,
    /// A dropped-out customer looking back: view only.
    Glance,
}

/// Generates every row of customer `index` (its own random stream, so the history does not depend
/// on how many customers are generated) and returns the attributes repeated on its rows.
pub fn simulate_customer(index: u32, seed: u64, window: &Window, events: &mut Vec<Event>) -> CustomerProfile {
    let m = &SAMPLE_MODEL;
    let mut rng = Rng::for_stream(seed, u64::from(index));
    let buyer = !rng.bernoulli(m.share_never_buying);
    let gender = rng.weighted_index(&GENDER_WEIGHTS);
    let age = 18 + (47.0 * rng.beta(AGE_BETA.0, AGE_BETA.1)).round() as u8;
    let city = rng.weighted_index(&window.city_weights);
    let favourite_channel = rng.weighted_index(&CHANNEL_WEIGHTS) as u8;
    let favourite_category = rng.weighted_index(&FAVOURITE_CATEGORY_WEIGHTS[gender]) as u8;
    let lambda = rng.gamma(m.r, 1.0 / m.alpha_days);
    let dropout = rng.beta(m.a, m.b);
    let spend_rate = rng.gamma(m.q, 1.0 / m.gamma);
    let end = window.observation_end_days;
    let acquisition = acquisition_fraction(rng.uniform(), m.acquisition_growth) * end;

    let mut visits_by_kind: Vec<(f64, Visit)> = Vec::new();
    let (active_until, browse_rate) = if buyer {
        visits_by_kind.push((acquisition, Visit::Purchase));
        let (repeats, dropped_out) = repeat_purchases(&mut rng, lambda, dropout, acquisition, end);
        visits_by_kind.extend(repeats.into_iter().map(|t| (t, Visit::Purchase)));
        (dropped_out.unwrap_or(end), BROWSE_PER_PURCHASE * lambda + BASE_BROWSE_RATE)
    } else {
        visits_by_kind.push((acquisition, Visit::Browse));
        let active_life = rng.exponential(1.0 / NEVER_BUYER_ACTIVE_DAYS);
        let browse_rate = rng.gamma(2.0, NEVER_BUYER_BROWSE_RATE / 2.0);
        ((acquisition + active_life).min(end), browse_rate)
    };
    let mut times = Vec::new();
    visits(&mut rng, browse_rate, acquisition, active_until, &mut times);
    visits_by_kind.extend(times.drain(..).map(|t| (t, Visit::Browse)));
    visits(&mut rng, browse_rate * DORMANT_BROWSE_SHARE, active_until, end, &mut times);
    visits_by_kind.extend(times.drain(..).map(|t| (t, Visit::Glance)));

    let mut session = Session {
        rng: &mut rng,
        window,
        events,
        customer: index,
        seq: 0,
        favourite_channel,
        favourite_category,
        spend_rate,
    };
    for (day, visit) in visits_by_kind {
        session.emit(day, visit);
    }
    CustomerProfile { gender: gender as u8, age, city: city as u8 }
}

/// Writes the rows of one visit.
struct Session<'a> {
    rng: &'a mut Rng,
    window: &'a Window,
    events: &'a mut Vec<Event>,
    customer: u32,
    seq: u32,
    favourite_channel: u8,
    favourite_category: u8,
    spend_rate: f64,
}

impl Session<'_> {
    fn emit(&mut self, operational_day: f64, visit: Visit) {
        let start = self.window.clock.to_calendar(operational_day * SECONDS_PER_DAY).floor();
        let channel = if self.rng.bernoulli(FAVOURITE_CHANNEL_SHARE) {
            self.favourite_channel
        } else {
            self.rng.weighted_index(&CHANNEL_WEIGHTS) as u8
        };
        let category = if self.rng.bernoulli(FAVOURITE_CATEGORY_SHARE) {
            self.favourite_category
        } else {
            self.rng.weighted_index(&CATEGORY_WEIGHTS) as u8
        };
        let template = Event {
            time: 0,
            customer: self.customer,
            seq: 0,
            amount_cents: 0,
            browse_tenths: 0,
            comment: NO_COMMENT,
            kind: EventKind::View,
            channel,
            category,
            quantity: 0,
            rating: 0,
        };
        // One product view, sometimes a few: shoppers compare before they buy.
        let (median, extra_views) = match visit {
            Visit::Purchase => (PURCHASE_BROWSE_MINUTES_LN_MEDIAN, self.rng.poisson(EXTRA_VIEWS_PURCHASE)),
            Visit::Browse => (BROWSE_MINUTES_LN_MEDIAN, self.rng.poisson(EXTRA_VIEWS_BROWSE)),
            Visit::Glance => (BROWSE_MINUTES_LN_MEDIAN, 0),
        };
        let mut view = start;
        let mut views_left = extra_views;
        let browse_seconds = loop {
            let minutes = self.rng.lognormal(median, BROWSE_MINUTES_SIGMA);
            let browse_tenths = ((minutes * 10.0).round() as u16).clamp(1, MAX_BROWSE_TENTHS);
            self.push(Event { time: view as u32, browse_tenths, ..template });
            let browse_seconds = f64::from(browse_tenths) * 6.0;
            let next = view + browse_seconds + 10.0 + (50.0 * self.rng.uniform()).round();
            if views_left == 0 || next > start + LAST_VIEW_AFTER_SECONDS {
                break browse_seconds;
            }
            views_left -= 1;
            view = next;
        };

        let stages = match visit {
            Visit::Purchase => 3,
            Visit::Browse => self.rng.weighted_index(&BROWSE_OUTCOME_WEIGHTS),
            Visit::Glance => 0,
        };
        if stages == 0 {
            return;
        }
        // Carting happens during the last view; ordering and paying follow within minutes.
        let cart = view + (browse_seconds * (0.3 + 0.7 * self.rng.uniform())).round() + 5.0;
        let quantity = 1 + self.rng.weighted_index(&QUANTITY_WEIGHTS) as u8;
        self.push(Event { time: cart as u32, kind: EventKind::Cart, quantity, ..template });
        if stages == 1 {
            return;
        }
        let order = cart + 20.0 + self.rng.lognormal(4.5, 0.8).min(900.0).round(); // median e^4.5 = 90 s
        let amount_cents = order_value_cents(self.rng.gamma(SAMPLE_MODEL.p, 1.0 / self.spend_rate));
        self.push(Event { time: order as u32, kind: EventKind::Order, quantity, amount_cents, ..template });
        if stages == 2 {
            return;
        }
        let pay = order + 5.0 + self.rng.exponential(1.0 / 40.0).min(600.0).round();
        self.push(Event { time: pay as u32, kind: EventKind::Pay, quantity, amount_cents, ..template });
        self.after_sale(pay, amount_cents, template);
    }

    /// Refund and review rows days after the payment, kept only if they fall inside the window.
    fn after_sale(&mut self, pay: f64, amount_cents: i32, template: Event) {
        let refunded = self.rng.bernoulli(SAMPLE_MODEL.refund_probability);
        let refund_time = pay + SECONDS_PER_DAY * (1.0 + 14.0 * self.rng.uniform());
        if refunded && refund_time < f64::from(self.window.length_seconds) {
            self.push(Event {
                time: refund_time as u32,
                kind: EventKind::Refund,
                amount_cents: -amount_cents,
                ..template
            });
        }
        let review_probability =
            if refunded { SAMPLE_MODEL.review_probability_refunded } else { SAMPLE_MODEL.review_probability };
        if !self.rng.bernoulli(review_probability) {
            return;
        }
        let review_time = pay + SECONDS_PER_DAY * (1.0 + 9.0 * self.rng.uniform());
        let weights = if refunded { &RATING_WEIGHTS_REFUNDED } else { &RATING_WEIGHTS };
        let rating = 1 + self.rng.weighted_index(weights) as u8;
        let comment = if self.rng.bernoulli(SHARE_RATING_ONLY) {
            NO_COMMENT
        } else {
            let (offset, count) = comment_range_for_rating(rating);
            offset + self.rng.below(u64::from(count)) as u16
        };
        if review_time < f64::from(self.window.length_seconds) {
            self.push(Event { time: review_time as u32, kind: EventKind::Review, rating, comment, ..template });
        }
    }

    fn push(&mut self, event: Event) {
        self.events.push(Event { seq: self.seq, ..event });
        self.seq += 1;
    }
}

/// Rounds an order value to cents; at least one cent, and within i32 (21 million) for the rare
/// astronomically large draw of the heavy-tailed spend distribution.
fn order_value_cents(value: f64) -> i32 {
    if !(value < 21_000_000.0) {
        return 2_100_000_000;
    }
    ((value * 100.0).round() as i32).max(1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn acquisition_inverse_cdf() {
        // g = 1: F(x) = (x + x²/2) / 1.5; F(0.5) = 0.625 / 1.5 = 0.41667, so x(0.41667) = 0.5.
        assert!((acquisition_fraction(0.625 / 1.5, 1.0) - 0.5).abs() < 1e-12);
        assert_eq!(acquisition_fraction(0.0, 1.0), 0.0);
        assert!((acquisition_fraction(1.0, 1.0) - 1.0).abs() < 1e-12);
        assert_eq!(acquisition_fraction(0.3, 0.0), 0.3);
    }

    #[test]
    fn order_values_round_to_cents_and_stay_in_range() {
        assert_eq!(order_value_cents(123.455_000_1), 12346);
        assert_eq!(order_value_cents(0.0001), 1);
        assert_eq!(order_value_cents(f64::NAN), 2_100_000_000);
        assert_eq!(order_value_cents(1e30), 2_100_000_000);
    }

    #[test]
    fn bg_nbd_core_matches_the_conditional_expectation() {
        // Fader, Hardie & Lee (2005), eq. 7: E[X(t) | λ, p] = (1 - e^(-λpt)) / p.
        // λ = 0.02/day, p = 0.2, t = 365: (1 - e^-1.46) / 0.2 = (1 - 0.2322363) / 0.2 = 3.8388186.
        let mut rng = Rng::new(5);
        let n = 100_000;
        let counts: Vec<f64> =
            (0..n).map(|_| repeat_purchases(&mut rng, 0.02, 0.2, 0.0, 365.0).0.len() as f64).collect();
        let mean = counts.iter().sum::<f64>() / n as f64;
        let sd = (counts.iter().map(|c| (c - mean) * (c - mean)).sum::<f64>() / n as f64).sqrt();
        let expected = (1.0 - (-1.46_f64).exp()) / 0.2;
        assert!((expected - 3.838_818_6).abs() < 1e-6);
        assert!((mean - expected).abs() < 5.0 * sd / (n as f64).sqrt(), "mean {mean} vs {expected}");
    }

    /// Gauss's hypergeometric series 2F1(a, b; c; z) for 0 <= z < 1.
    fn hypergeometric_2f1(a: f64, b: f64, c: f64, z: f64) -> f64 {
        let (mut term, mut sum) = (1.0, 1.0);
        for n in 0..20_000 {
            let n = f64::from(n);
            term *= (a + n) * (b + n) / ((c + n) * (n + 1.0)) * z;
            sum += term;
            if term.abs() < 1e-16 * sum.abs() {
                break;
            }
        }
        sum
    }

    #[test]
    fn population_purchases_match_the_bg_nbd_expectation_with_the_sample_parameters() {
        // FHL (2005), eq. 9: E[X(t)] = (a+b-1)/(a-1) · [1 - (α/(α+t))^r · 2F1(r, b; a+b-1; t/(α+t))].
        // Draws λ and p exactly as `simulate_customer` does, so a Gamma rate/scale mix-up or a
        // Beta parameter swap would move the simulated mean far off the formula.
        let m = SAMPLE_MODEL;
        let t = 365.0;
        let z = t / (m.alpha_days + t);
        let expected = (m.a + m.b - 1.0) / (m.a - 1.0)
            * (1.0 - (m.alpha_days / (m.alpha_days + t)).powf(m.r) * hypergeometric_2f1(m.r, m.b, m.a + m.b - 1.0, z));
        // mpmath (30 digits): 2.54476607446766032...
        assert!((expected - 2.544_766_074_467_66).abs() < 1e-9, "formula {expected}");
        let mut rng = Rng::new(6);
        let n = 200_000;
        let counts: Vec<f64> = (0..n)
            .map(|_| {
                let lambda = rng.gamma(m.r, 1.0 / m.alpha_days);
                let p = rng.beta(m.a, m.b);
                repeat_purchases(&mut rng, lambda, p, 0.0, t).0.len() as f64
            })
            .collect();
        let mean = counts.iter().sum::<f64>() / n as f64;
        let sd = (counts.iter().map(|c| (c - mean) * (c - mean)).sum::<f64>() / n as f64).sqrt();
        assert!((mean - expected).abs() < 5.0 * sd / (n as f64).sqrt(), "mean {mean} vs BG/NBD {expected}");
    }
}

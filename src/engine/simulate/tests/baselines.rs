//! The Pareto/NBD and MBG/NBD baselines against hand calculations: many futures of customers with a
//! known history and no program buy, on average, what the model's closed form expects
//! (E[X(T, T + t) | x, t_x, T] = P(alive) · E[X(t) | alive]; docs/model.md).

use super::super::baseline::{Baseline, DAYS_PER_MONTH};
use super::{futures, no_benefits};
use crate::engine::date::days_from_civil;
use crate::engine::evaluate::PreparedData;
use crate::engine::features::activity::tests::event_log;
use crate::engine::models::clv::mbg_nbd::MbgNbdParams;
use crate::engine::models::clv::pareto_nbd::ParetoNbdParams;
use crate::engine::models::clv::special::ln_gamma;
use crate::engine::models::clv::PurchaseParams;
use crate::engine::progress::Silent;
use crate::engine::roles::EventKind::Pay;
use crate::engine::simulate::SchemeRun;

const CUSTOMERS: usize = 200;
const MONTHS: u32 = 6;
const REPLICATIONS: u32 = 200;

/// `CUSTOMERS` customers who all have the history (x, t_x, T) in days, their baseline drawn from
/// `params`' posterior; the mean no-program purchases per customer over `MONTHS` months.
fn simulated_purchases_per_customer(params: PurchaseParams, x: u32, t_x: f64, age: f64) -> f64 {
    let day = days_from_civil(2024, 1, 10);
    let rows: Vec<_> = (0..CUSTOMERS).map(|c| (c, day, Pay, 50.0)).collect();
    let data = PreparedData::new(event_log(&rows));
    let mut baseline = Baseline::empirical(&data);
    for c in 0..CUSTOMERS {
        baseline.set_purchase_posterior(c, &params.posterior(x, t_x, age), 1.0);
    }
    let scheme = no_benefits("A");
    let result = SchemeRun::new(&[scheme], 0, &data, &baseline, &futures(MONTHS, REPLICATIONS, 17))
        .simulate(&mut Silent)
        .expect("simulated");
    result.counterfactual.orders.mean / CUSTOMERS as f64
}

fn horizon_days() -> f64 {
    f64::from(MONTHS) * DAYS_PER_MONTH
}

#[test]
fn pareto_nbd_futures_buy_what_the_closed_form_expects() {
    // α = β makes A₀ elementary: with a = r + s + x, A₀ = (α+t_x)^-a - (α+T)^-a, so
    // P(alive) = 1 / (1 + s/a · [((α+T)/(α+t_x))^a - 1]); with s = 2,
    // E[X(t) | alive] = (r+x)/(α+T) · (β+T) · [1 - (β+T)/(β+T+t)].
    let (r, alpha, s, beta): (f64, f64, f64, f64) = (0.5, 20.0, 2.0, 20.0);
    let (x, t_x, age) = (3, 30.0, 40.0);
    let a = r + s + f64::from(x);
    let p_alive = 1.0 / (1.0 + s / a * (((alpha + age) / (alpha + t_x)).powf(a) - 1.0));
    assert!((p_alive - 0.614413).abs() < 1e-6, "{p_alive}");
    let t = horizon_days();
    let if_alive = (r + f64::from(x)) / (alpha + age) * (beta + age) * (1.0 - (beta + age) / (beta + age + t));
    let expected = p_alive * if_alive;
    let params = ParetoNbdParams { r, alpha, s, beta };
    // The engine's closed form is the hand calculation.
    assert!((params.p_alive(x, t_x, age) - p_alive).abs() < 1e-12);
    assert!((params.expected_purchases_if_alive(x, age, t).unwrap() - if_alive).abs() < 1e-12);
    // 40,000 simulated customer futures: the Monte Carlo error of the mean is about 1 %.
    let simulated = simulated_purchases_per_customer(PurchaseParams::ParetoNbd(params), x, t_x, age);
    assert!((simulated / expected - 1.0).abs() < 0.04, "simulated {simulated} vs closed form {expected}");
}

#[test]
fn a_pareto_nbd_customer_seen_today_lives_on_and_a_long_silent_one_rarely_does() {
    // Bought at T: surely alive, so the mean is E[X(t) | alive] itself; silent for 300 days: mostly gone.
    let params = ParetoNbdParams { r: 0.5, alpha: 20.0, s: 2.0, beta: 20.0 };
    let t = horizon_days();
    let fresh = simulated_purchases_per_customer(PurchaseParams::ParetoNbd(params), 3, 40.0, 40.0);
    let expected = params.expected_purchases_if_alive(3, 40.0, t).unwrap();
    assert!((fresh / expected - 1.0).abs() < 0.04, "{fresh} vs {expected}");
    let silent = simulated_purchases_per_customer(PurchaseParams::ParetoNbd(params), 3, 40.0, 340.0);
    let expected_silent = params.p_alive(3, 40.0, 340.0) * params.expected_purchases_if_alive(3, 340.0, t).unwrap();
    assert!(expected_silent < 0.2 * expected);
    assert!((silent - expected_silent).abs() < 0.04 * expected_silent.max(0.05), "{silent} vs {expected_silent}");
}

/// E[X(t) | alive] for a BG/NBD-type customer with λ ~ Gamma(k, rate m) and p ~ Beta(a, b), by
/// integration instead of the hypergeometric series: given p, E_λ[(1 - e^{-λpt}) / p] =
/// (1 - (m / (m + pt))^k) / p; over p with p = u^{1/a} (so p^{a-1} dp = du / a), Simpson's rule.
fn expected_if_alive_by_integration(k: f64, m: f64, a: f64, b: f64, t: f64) -> f64 {
    let ln_beta = ln_gamma(a) + ln_gamma(b) - ln_gamma(a + b);
    let f = |u: f64| {
        let p = u.powf(1.0 / a);
        let given_p = if p > 0.0 { (1.0 - (m / (m + p * t)).powf(k)) / p } else { k / m * t };
        (1.0 - p).powf(b - 1.0) * given_p
    };
    let n = 20_000;
    let h = 1.0 / n as f64;
    let mut sum = f(0.0) + f(1.0);
    for i in 1..n {
        sum += f(i as f64 * h) * if i % 2 == 1 { 4.0 } else { 2.0 };
    }
    sum * h / 3.0 / a / ln_beta.exp()
}

#[test]
fn mbg_nbd_futures_buy_what_the_closed_form_expects() {
    // P(alive) = 1 / (1 + a/(b+x) · ((α+T)/(α+t_x))^{r+x}); given alive λ ~ Gamma(r+x, α+T) and
    // p ~ Beta(a, b+x+1) (x + 1 dropout chances survived: the first purchase and each repeat).
    let (r, alpha, a, b): (f64, f64, f64, f64) = (0.5, 10.0, 0.8, 2.5);
    let (x, t_x, age) = (2, 20.0, 40.0);
    let p_alive = 1.0 / (1.0 + a / (b + 2.0) * ((alpha + age) / (alpha + t_x)).powf(r + 2.0));
    assert!((p_alive - 0.610677).abs() < 1e-6, "{p_alive}");
    let t = horizon_days();
    let if_alive = expected_if_alive_by_integration(r + 2.0, alpha + age, a, b + 3.0, t);
    let params = MbgNbdParams { r, alpha, a, b };
    assert!((params.p_alive(x, t_x, age) - p_alive).abs() < 1e-12);
    let series = params.expected_purchases_if_alive(x, age, t).unwrap();
    assert!((series / if_alive - 1.0).abs() < 1e-6, "series {series} vs integral {if_alive}");
    let expected = p_alive * if_alive;
    let simulated = simulated_purchases_per_customer(PurchaseParams::MbgNbd(params), x, t_x, age);
    assert!((simulated / expected - 1.0).abs() < 0.04, "simulated {simulated} vs closed form {expected}");
    // A customer with no repeat purchase may already be gone under MBG/NBD (never under BG/NBD):
    // P(alive | x = 0, T = 40) = 1 / (1 + a/b · ((α+T)/α)^r).
    let none = 1.0 / (1.0 + a / b * ((alpha + age) / alpha).powf(r));
    assert!((params.p_alive(0, 0.0, age) - none).abs() < 1e-12);
    let simulated_none = simulated_purchases_per_customer(PurchaseParams::MbgNbd(params), 0, 0.0, age);
    let expected_none = none * expected_if_alive_by_integration(r, alpha + age, a, b + 1.0, t);
    assert!((simulated_none / expected_none - 1.0).abs() < 0.04, "{simulated_none} vs {expected_none}");
}

#[test]
fn the_pareto_lifetime_is_drawn_only_for_the_pareto_baseline() {
    // BG/NBD and MBG/NBD customers drop out after purchases (no lifetime); Pareto/NBD customers at a
    // time (no per-purchase dropout): each baseline sets one mechanism and leaves the other off.
    let rows: Vec<_> = (0..2).map(|c| (c, days_from_civil(2024, 1, 10), Pay, 50.0)).collect();
    let data = PreparedData::new(event_log(&rows));
    let mut baseline = Baseline::empirical(&data);
    let pareto = PurchaseParams::ParetoNbd(ParetoNbdParams { r: 0.5, alpha: 20.0, s: 2.0, beta: 20.0 });
    let mbg = PurchaseParams::MbgNbd(MbgNbdParams { r: 0.5, alpha: 10.0, a: 0.8, b: 2.5 });
    baseline.set_purchase_posterior(0, &pareto.posterior(3, 30.0, 40.0), 7.0);
    baseline.set_purchase_posterior(1, &mbg.posterior(2, 20.0, 40.0), 7.0);
    assert_eq!((baseline.drop_a[0], baseline.lifetime_rate_shape[0]), (0.0, 2.0));
    // Weeks: μ's rate β + T = 60 per week is 420 per day, so the scale per day is 1/420.
    assert!((baseline.lifetime_rate_scale[0] - 1.0 / 420.0).abs() < 1e-15);
    assert!((baseline.rate_scale[0] - 1.0 / (60.0 * 7.0)).abs() < 1e-15);
    assert_eq!((baseline.drop_a[1], baseline.drop_b[1], baseline.lifetime_rate_shape[1]), (0.8, 2.5 + 3.0, 0.0));
}

//! Test data with known answers: the sample population (normal customers) plus customers planted
//! with one anomaly each, so precision and recall of every rule can be measured. Deterministic for
//! a seed. Planted customers have ids `P00001`, ... and only payment rows (amounts in currency units).

use std::fmt::Write as _;

use super::FlagKind;
use crate::engine::date::{days_from_civil, format_date, SECONDS_PER_DAY};
use crate::engine::progress::Silent;
use crate::engine::rng::Rng;
use crate::engine::sample::{generate_csv, SampleConfig};

/// The anomaly a planted customer carries. Each has the flag it must raise (`primary`) and the
/// flags that are also true of it (a customer with twenty 2,000-yuan orders is a spend outlier and an
/// order-value outlier alike), which do not count as false alarms.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Planted {
    /// Buys 6-12 times and refunds about 60 % of it.
    RefundAbuser,
    /// A few ordinary purchases plus one day with 10-25 purchases within a few hours.
    Burst,
    /// 8-15 orders each 0-4.5 above 100 or 200.
    StepFarmer,
    /// A few ordinary purchases plus 2-4 days with 3-5 small orders that make one basket.
    Splitter,
    /// Buys 55-70 % of the way to a tier bound in January-November, then just over it in December.
    Gamer,
    /// 12-20 purchases of 1,500-3,000.
    BigSpender,
    /// 80-150 small purchases, at most one a day.
    Hyperactive,
    /// 1-3 purchases of 8,000-20,000.
    BigTicket,
}

impl Planted {
    pub const ALL: [Planted; 8] = [
        Planted::RefundAbuser,
        Planted::Burst,
        Planted::StepFarmer,
        Planted::Splitter,
        Planted::Gamer,
        Planted::BigSpender,
        Planted::Hyperactive,
        Planted::BigTicket,
    ];

    pub fn primary(self) -> FlagKind {
        match self {
            Planted::RefundAbuser => FlagKind::RefundAbuse,
            Planted::Burst => FlagKind::Velocity,
            Planted::StepFarmer => FlagKind::StepBunching,
            Planted::Splitter => FlagKind::SplitOrders,
            Planted::Gamer => FlagKind::ThresholdGaming,
            Planted::BigSpender => FlagKind::SpendOutlier,
            Planted::Hyperactive => FlagKind::FrequencyOutlier,
            Planted::BigTicket => FlagKind::OrderValueOutlier,
        }
    }

    /// Every flag that is true of this customer.
    pub fn expected(self) -> Vec<FlagKind> {
        use FlagKind::*;
        match self {
            Planted::Burst => vec![Velocity, FrequencyOutlier, SpendOutlier],
            Planted::Splitter => vec![SplitOrders, FrequencyOutlier],
            Planted::BigSpender => vec![SpendOutlier, OrderValueOutlier, FrequencyOutlier],
            Planted::Hyperactive => vec![FrequencyOutlier, SpendOutlier],
            Planted::BigTicket => vec![OrderValueOutlier, SpendOutlier],
            other => vec![other.primary()],
        }
    }
}

#[derive(Clone, Copy, Debug)]
pub struct PlantedConfig {
    /// Normal customers from the sample generator (its default window, 2024-11 to 2026-10).
    pub normal: usize,
    /// Planted customers of each kind.
    pub per_kind: usize,
    pub seed: u64,
    /// Entry bounds of the tiers above the first under the scenario the gamers game: growth value
    /// `0.7 x spend + 0.2 x purchases` over the calendar year.
    pub gaming_bounds: [f64; 3],
}

impl Default for PlantedConfig {
    fn default() -> Self {
        PlantedConfig { normal: 5000, per_kind: 40, seed: 7, gaming_bounds: [101.0, 501.0, 1001.0] }
    }
}

pub struct PlantedData {
    /// The sample's CSV with the planted customers' rows appended.
    pub csv: String,
    /// Id and anomaly of every planted customer.
    pub planted: Vec<(String, Planted)>,
}

/// First day of the sample's default window and its length.
const WINDOW_START: (i32, u32, u32) = (2024, 11, 1);
const WINDOW_DAYS: i64 = 730;

pub fn generate(config: &PlantedConfig) -> PlantedData {
    let sample = SampleConfig { customers: config.normal, seed: config.seed, ..SampleConfig::default() };
    let mut csv = generate_csv(&sample, &mut Silent);
    let mut planted = Vec::new();
    let mut index = 0u64;
    for kind in Planted::ALL {
        for _ in 0..config.per_kind {
            index += 1;
            let id = format!("P{index:05}");
            let mut rng = Rng::for_stream(config.seed ^ 0x5eed_f1a9, index);
            for (day, seconds, amount) in rows(kind, &mut rng, config) {
                let time =
                    (days_from_civil(WINDOW_START.0, WINDOW_START.1, WINDOW_START.2) + day) * SECONDS_PER_DAY + seconds;
                let kind_text = if amount < 0.0 { "refund" } else { "pay" };
                let date = format_date(time);
                let clock = time.rem_euclid(SECONDS_PER_DAY);
                let _ = writeln!(
                    csv,
                    "{id},{date} {:02}:{:02}:{:02},{kind_text},{amount:.2},1,,,,,,女,35,上海",
                    clock / 3600,
                    clock % 3600 / 60,
                    clock % 60
                );
            }
            planted.push((id, kind));
        }
    }
    PlantedData { csv, planted }
}

/// (day in the window, second of the day, amount; negative = refund).
fn rows(kind: Planted, rng: &mut Rng, config: &PlantedConfig) -> Vec<(i64, i64, f64)> {
    let mut out = Vec::new();
    let day = |rng: &mut Rng| rng.below(WINDOW_DAYS as u64) as i64;
    let daytime = |rng: &mut Rng| 9 * 3600 + rng.below(12 * 3600) as i64;
    let between = |rng: &mut Rng, low: f64, high: f64| low + (high - low) * rng.uniform();
    let count = |rng: &mut Rng, low: u64, high: u64| low + rng.below(high - low + 1);
    match kind {
        Planted::RefundAbuser => {
            for _ in 0..count(rng, 6, 12) {
                let (d, amount) = (day(rng).min(WINDOW_DAYS - 12), between(rng, 80.0, 400.0));
                out.push((d, daytime(rng), amount));
                if rng.bernoulli(0.6) {
                    out.push((d + 2 + rng.below(9) as i64, daytime(rng), -amount));
                }
            }
        }
        Planted::Burst => {
            for _ in 0..count(rng, 3, 6) {
                out.push((day(rng), daytime(rng), between(rng, 60.0, 300.0)));
            }
            let burst_day = day(rng);
            let start = 10 * 3600 + rng.below(4 * 3600) as i64;
            for _ in 0..count(rng, 10, 25) {
                out.push((burst_day, start + rng.below(5 * 3600) as i64, between(rng, 80.0, 300.0)));
            }
        }
        Planted::StepFarmer => {
            for _ in 0..count(rng, 8, 15) {
                let step = if rng.bernoulli(0.7) { 100.0 } else { 200.0 };
                out.push((day(rng), daytime(rng), step + (between(rng, 0.0, 4.5) * 100.0).round() / 100.0));
            }
        }
        Planted::Splitter => {
            for _ in 0..count(rng, 2, 5) {
                out.push((day(rng), daytime(rng), between(rng, 100.0, 400.0)));
            }
            for _ in 0..count(rng, 2, 4) {
                let d = day(rng);
                for _ in 0..count(rng, 3, 5) {
                    out.push((d, daytime(rng), between(rng, 40.0, 70.0)));
                }
            }
        }
        Planted::Gamer => out = gamer(rng, config),
        Planted::BigSpender => {
            for _ in 0..count(rng, 12, 20) {
                out.push((day(rng), daytime(rng), between(rng, 1500.0, 3000.0)));
            }
        }
        Planted::Hyperactive => {
            let n = count(rng, 80, 150) as i64;
            let spacing = WINDOW_DAYS / n;
            for i in 0..n {
                out.push((i * spacing + rng.below(spacing as u64) as i64, daytime(rng), between(rng, 10.0, 40.0)));
            }
        }
        Planted::BigTicket => {
            for _ in 0..count(rng, 1, 3) {
                out.push((day(rng), daytime(rng), between(rng, 8000.0, 20000.0)));
            }
        }
    }
    out
}

/// January-November 2025: purchases worth 55-70 % of a bound (in growth value); December 2025:
/// one purchase that lands the score 0.5-3 % above it.
fn gamer(rng: &mut Rng, config: &PlantedConfig) -> Vec<(i64, i64, f64)> {
    let start = days_from_civil(WINDOW_START.0, WINDOW_START.1, WINDOW_START.2);
    let bound = config.gaming_bounds[rng.below(3) as usize];
    let before = bound * (0.55 + 0.15 * rng.uniform());
    let purchases = 3 + rng.below(4);
    let spend_before = (before - 0.2 * purchases as f64) / 0.7;
    let mut out = Vec::new();
    let january = days_from_civil(2025, 1, 1) - start;
    for i in 0..purchases {
        // Spread over January-November (334 days), one purchase per stretch.
        let d = january + (i as i64 * 334) / purchases as i64 + rng.below(20) as i64;
        out.push((d, 9 * 3600 + rng.below(12 * 3600) as i64, spend_before / purchases as f64));
    }
    let target = bound * (1.005 + 0.025 * rng.uniform());
    let last = (target - 0.2 * (purchases + 1) as f64) / 0.7 - spend_before;
    let december = days_from_civil(2025, 12, 10) - start + rng.below(15) as i64;
    out.push((december, 9 * 3600 + rng.below(12 * 3600) as i64, last));
    out
}

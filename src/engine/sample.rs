//! The embedded sample dataset: a seeded, realistic e-commerce event log that is the app's default
//! data and can be downloaded as CSV.
//!
//! The population (details and parameters in `model`):
//! - Customers join over the window with a growing acquisition rate; ids `C000001`, `C000002`, ...
//! - 22 % never pay for anything (they browse, some cart, a few abandon an order).
//! - Buyers follow BG/NBD: first purchase at acquisition, repeat purchases at a Gamma-distributed
//!   rate λ, dropout after each repeat purchase with a Beta-distributed probability p.
//! - Order values follow Gamma-Gamma (mean 180, skewed, a few big spenders); quantity 1-5.
//! - Every purchase is a session `view -> cart -> order -> pay` minutes apart; other sessions stop
//!   at view, cart or an unpaid order. Order and pay rows carry the amount.
//! - 4 % of paid orders are refunded 1-15 days later (amount = -order amount); about 25 % get a
//!   review 1-10 days later with a 1-5 rating and a Chinese or English comment matching it.
//! - Gender (女/男), age 18-65 and city on every row; channel and category per session.
//! - Seasonality: 11.11 and 618 peaks, 12.12, a Spring Festival dip, evening peaks, weekends.
//! - Rows sorted by time; timestamps `YYYY-MM-DD HH:MM:SS` inside the window.
//!
//! Deterministic for a seed on every platform: all randomness comes from `Rng` (bit-identical on
//! native and wasm32), customer i draws from its own stream `Rng::for_stream(seed, i)`, so its
//! history is the same whatever the number of customers generated.

mod clock;
mod model;
mod rows;
mod vocabulary;

#[cfg(test)]
mod tests;

use crate::engine::date::{days_from_civil, is_valid_date, months_before};
use crate::engine::limits::Limit;
use crate::engine::progress::{Progress, Stage, Throttle};

pub use model::{SampleModel, SAMPLE_MODEL};
pub use rows::{customer_id, HEADER};

pub const SAMPLE_FILE_NAME: &str = "tierlab-sample.csv";
/// How many customers the sample can have.
pub const CUSTOMERS: Limit = Limit::whole("customers", 1.0, 1_000_000.0);
/// How many months of history the sample can cover.
pub const MONTHS: Limit = Limit::whole("months", 1.0, 60.0);

/// What to generate. The window is the `months` whole months ending on `end_date` (inclusive):
/// the default is 2024-11-01 00:00:00 to 2026-10-31 23:59:59.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct SampleConfig {
    pub customers: usize,
    pub months: u32,
    pub seed: u64,
    /// (year, month 1-12, day 1-31) of the last day of data.
    pub end_date: (i32, u32, u32),
}

impl Default for SampleConfig {
    fn default() -> Self {
        SampleConfig { customers: 20_000, months: 24, seed: 42, end_date: (2026, 10, 31) }
    }
}

/// Why a sample configuration cannot be generated.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum SampleConfigError {
    #[error("The sample needs between {} and {} customers; {customers} was requested.", CUSTOMERS.min, CUSTOMERS.max)]
    CustomersOutOfRange { customers: usize },
    #[error("The sample covers between {} and {} months; {months} was requested.", MONTHS.min, MONTHS.max)]
    MonthsOutOfRange { months: u32 },
    #[error("The sample's end date {year:04}-{month:02}-{day:02} is not a calendar date between 1900 and 2200.")]
    InvalidEndDate { year: i32, month: u32, day: u32 },
    /// The window would start before 1900, where dates are not supported.
    #[error(
        "{months} months before the end date {year:04}-{month:02}-{day:02} is before 1900; choose a later end date."
    )]
    WindowTooEarly { year: i32, month: u32, day: u32, months: u32 },
}

pub fn validate_config(config: &SampleConfig) -> Result<(), SampleConfigError> {
    if !CUSTOMERS.contains(config.customers as f64) {
        return Err(SampleConfigError::CustomersOutOfRange { customers: config.customers });
    }
    if !MONTHS.contains(f64::from(config.months)) {
        return Err(SampleConfigError::MonthsOutOfRange { months: config.months });
    }
    let (year, month, day) = config.end_date;
    if !is_valid_date(year, month, day) {
        return Err(SampleConfigError::InvalidEndDate { year, month, day });
    }
    if months_before(config.end_date, config.months).0 < 1900 {
        return Err(SampleConfigError::WindowTooEarly { year, month, day, months: config.months });
    }
    Ok(())
}

/// First day (days since 1970-01-01) and length in days of the window: from the day after the
/// date `months` months before `end_date`, through `end_date`.
fn window_days(config: &SampleConfig) -> (i64, u32) {
    let (y, m, d) = months_before(config.end_date, config.months);
    let start = days_from_civil(y, m, d) + 1;
    let end = days_from_civil(config.end_date.0, config.end_date.1, config.end_date.2);
    (start, (end - start + 1).max(1) as u32)
}

/// Brings an invalid configuration into range (callers are expected to `validate_config` first;
/// this only keeps `generate_csv` total).
fn clamped(config: &SampleConfig) -> SampleConfig {
    let mut config = *config;
    config.customers = CUSTOMERS.clamp(config.customers as f64) as usize;
    config.months = MONTHS.clamp(f64::from(config.months)) as u32;
    if validate_config(&config).is_err() {
        config.end_date = SampleConfig::default().end_date;
    }
    config
}

/// The sample as CSV text: header plus rows, comma-delimited, UTF-8 without BOM, `\n` line ends.
/// An invalid `config` is clamped into range (validate it first to tell the user).
pub fn generate_csv(config: &SampleConfig, progress: &mut dyn Progress) -> String {
    let config = clamped(config);
    let (start_day, days) = window_days(&config);
    let window = model::Window::new(start_day, days);
    let mut throttle = Throttle::new(Stage::Generating, config.customers as u64);
    // About 17 rows per customer in the default configuration.
    let mut events = Vec::with_capacity(config.customers.saturating_mul(18));
    let mut profiles = Vec::with_capacity(config.customers);
    for index in 0..config.customers {
        throttle.tick(index as u64, progress);
        profiles.push(model::simulate_customer(index as u32, config.seed, &window, &mut events));
    }
    // (time, customer, seq) is unique, so the unstable sort is deterministic.
    events.sort_unstable_by_key(|e| (e.time, e.customer, e.seq));
    // The default sample averages about 70 bytes a row; reserving far more would stay allocated with the text.
    let mut out = String::with_capacity(events.len().saturating_mul(72) + 200);
    rows::write_rows(&mut out, &events, &profiles, start_day);
    throttle.finish(progress);
    out
}

//! Reading the named options of a subcommand, with one-line errors naming the option.

use tierlab::engine::date::{days_from_civil, is_valid_date, SECONDS_PER_DAY};

use crate::args::Failure;

pub struct Options(pub Vec<(String, String)>);

impl Options {
    pub fn get(&self, name: &str) -> Option<&str> {
        self.0.iter().find(|(n, _)| n == name).map(|(_, v)| v.as_str())
    }

    pub fn required(&self, name: &str) -> Result<&str, Failure> {
        self.get(name).ok_or_else(|| Failure::usage(format!("{name} is required")))
    }

    pub fn number<T: std::str::FromStr>(&self, name: &str, default: T) -> Result<T, Failure> {
        match self.get(name) {
            None => Ok(default),
            Some(text) => text.parse().map_err(|_| Failure::usage(format!("{name} needs a number, got `{text}`"))),
        }
    }

    /// `YYYY-MM-DD` as the last second of that day (everything on the day counts as before it).
    pub fn end_of_day(&self, name: &str) -> Result<Option<i64>, Failure> {
        let Some(text) = self.get(name) else { return Ok(None) };
        let bad = || Failure::usage(format!("{name} needs a date like 2024-06-30, got `{text}`"));
        let parts: Vec<&str> = text.split('-').collect();
        let [y, m, d] = parts.as_slice() else { return Err(bad()) };
        let (y, m, d): (i32, u32, u32) =
            (y.parse().map_err(|_| bad())?, m.parse().map_err(|_| bad())?, d.parse().map_err(|_| bad())?);
        if !is_valid_date(y, m, d) {
            return Err(bad());
        }
        Ok(Some((days_from_civil(y, m, d) + 1) * SECONDS_PER_DAY - 1))
    }

    /// A comma-separated list.
    pub fn list(&self, name: &str) -> Result<Vec<String>, Failure> {
        Ok(self.required(name)?.split(',').map(|s| s.trim().to_string()).filter(|s| !s.is_empty()).collect())
    }
}

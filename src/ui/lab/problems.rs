//! What can be wrong with one field of a lab form, and the reader that collects those problems field
//! by field while a form is turned into a request. Ranges come from the engine: its `Limit` consts
//! for what the page checks before sending, its `RangeError`s for what `check()` finds.

use std::collections::BTreeMap;

use crate::engine::limits::{Limit, RangeError};

/// What is wrong with one field (translated where it is shown).
#[derive(Clone, Debug, PartialEq)]
pub enum FieldProblem {
    NotANumber,
    NotWhole,
    /// Outside `low..=high`.
    Between {
        low: f64,
        high: f64,
    },
    AtLeast {
        low: f64,
    },
    /// Must be above this value (the discount rate must stay above −100 %).
    Above {
        low: f64,
    },
    BadDate,
    BadMonth,
    HoldoutNotAfterCalibration,
    Empty,
    Duplicate,
    NoFeatures,
    /// More candidate features per split than features chosen.
    MoreThanFeatures {
        features: usize,
    },
    /// The scenario whose tiers are the target has problems of its own.
    ScenarioInvalid,
    NoColumn,
    /// A column name that belongs to the loaded file (model outputs never replace the file's columns).
    FileColumn,
}

/// Problems by field key (e.g. `forest.max_depth`, `clv.calibration_end`).
pub type Problems = BTreeMap<String, FieldProblem>;

/// An upper end no number field can reach (beyond JavaScript's exact integers, 2^53) is no upper end
/// for the person typing: such a range is said as "at least".
fn open_above(max: f64) -> bool {
    max >= 9_007_199_254_740_992.0
}

/// The engine's range error as the field's problem.
pub fn range_problem(error: &RangeError) -> FieldProblem {
    if open_above(error.max) {
        FieldProblem::AtLeast { low: error.min }
    } else {
        FieldProblem::Between { low: error.min, high: error.max }
    }
}

/// The page's check of a name to publish a model output under (the worker checks it again): not
/// empty, and never a column of the loaded file (model outputs replace only earlier model outputs).
pub fn publish_name_problem<'a>(name: &str, mut file_columns: impl Iterator<Item = &'a str>) -> Option<FieldProblem> {
    let name = name.trim();
    if name.is_empty() {
        Some(FieldProblem::Empty)
    } else if file_columns.any(|column| column == name) {
        Some(FieldProblem::FileColumn)
    } else {
        None
    }
}

/// Collects problems while reading a form.
#[derive(Default)]
pub(super) struct Reader {
    problems: Problems,
}

impl Reader {
    pub(super) fn flag(&mut self, key: &str, problem: FieldProblem) {
        self.problems.entry(key.to_string()).or_insert(problem);
    }

    /// A whole number. Negative values become 0 and huge ones saturate: the engine's range check
    /// then names the field with its allowed range.
    pub(super) fn whole(&mut self, key: &str, value: f64) -> u64 {
        if !value.is_finite() {
            self.flag(key, FieldProblem::NotANumber);
            0
        } else if value.fract() != 0.0 {
            self.flag(key, FieldProblem::NotWhole);
            0
        } else {
            value as u64
        }
    }

    /// A whole number inside the engine's `limit` for this setting.
    pub(super) fn whole_within(&mut self, key: &str, value: f64, limit: &Limit) -> u64 {
        let n = self.whole(key, value);
        if value.is_finite() && value.fract() == 0.0 && !limit.contains(value) {
            self.flag(key, range_problem(&limit.error(value)));
        }
        n
    }

    pub(super) fn seed(&mut self, key: &str, value: f64) -> u64 {
        if value.is_finite() && value < 0.0 {
            self.flag(key, FieldProblem::AtLeast { low: 0.0 });
        }
        self.whole(key, value)
    }

    pub(super) fn number(&mut self, key: &str, value: f64) -> f64 {
        if !value.is_finite() {
            self.flag(key, FieldProblem::NotANumber);
        }
        value
    }

    /// The engine's own range errors, under `prefix.<field>`.
    pub(super) fn params(&mut self, prefix: &str, errors: Vec<RangeError>) {
        for error in errors {
            self.flag(&format!("{prefix}.{}", error.field), range_problem(&error));
        }
    }

    pub(super) fn done<T>(self, value: T) -> Result<T, Problems> {
        if self.problems.is_empty() {
            Ok(value)
        } else {
            Err(self.problems)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn engine_ranges_become_field_problems() {
        let depth = Limit::whole("max_depth", 1.0, 30.0);
        assert_eq!(range_problem(&depth.error(31.0)), FieldProblem::Between { low: 1.0, high: 30.0 });
        let open = Limit::whole("features_per_split", 1.0, usize::MAX as f64);
        assert_eq!(range_problem(&open.error(0.0)), FieldProblem::AtLeast { low: 1.0 });
    }

    #[test]
    fn a_published_name_is_never_empty_nor_a_file_column() {
        let columns = ["customer_id", "segment"];
        assert_eq!(publish_name_problem("  ", columns.into_iter()), Some(FieldProblem::Empty));
        assert_eq!(publish_name_problem(" segment ", columns.into_iter()), Some(FieldProblem::FileColumn));
        assert_eq!(publish_name_problem("clv_segment", columns.into_iter()), None);
    }

    #[test]
    fn the_reader_keeps_the_first_problem_of_a_field() {
        let months = Limit::whole("holdout_months", 1.0, 36.0);
        let mut r = Reader::default();
        assert_eq!(r.whole_within("a", 2.5, &months), 0);
        assert_eq!(r.whole_within("b", 40.0, &months), 40);
        assert_eq!(r.whole_within("c", 12.0, &months), 12);
        r.flag("a", FieldProblem::Empty);
        assert!(r.seed("d", -1.0) == 0 && r.number("e", f64::NAN).is_nan());
        let problems = r.done(()).unwrap_err();
        assert_eq!(problems.get("a"), Some(&FieldProblem::NotWhole));
        assert_eq!(problems.get("b"), Some(&FieldProblem::Between { low: 1.0, high: 36.0 }));
        assert_eq!(problems.get("c"), None);
        assert_eq!(problems.get("d"), Some(&FieldProblem::AtLeast { low: 0.0 }));
        assert_eq!(problems.get("e"), Some(&FieldProblem::NotANumber));
    }
}

//! Text values to dense numbers: dictionary codes of text columns, customer numbers of ids.

use crate::engine::dataset::NO_CODE;

use super::super::values::trim_cell;
use super::Map;

/// Text values to dense codes, in order of first appearance.
#[derive(Default)]
pub(super) struct Dictionary {
    codes: Map<String, u32>,
    pub(super) values: Vec<String>,
}

impl Dictionary {
    /// Code of a (trimmed) value, `NO_CODE` when empty.
    pub(super) fn code(&mut self, raw: &str) -> u32 {
        let value = trim_cell(raw);
        if value.is_empty() {
            return NO_CODE;
        }
        if let Some(&code) = self.codes.get(value) {
            return code;
        }
        let code = self.values.len() as u32;
        self.codes.insert(value.to_string(), code);
        self.values.push(value.to_string());
        code
    }
}

/// Customer ids to numbers 0.. in order of first appearance.
#[derive(Default)]
pub(super) struct CustomerIndex {
    numbers: Map<String, u32>,
    pub(super) ids: Vec<String>,
}

impl CustomerIndex {
    pub(super) fn get(&self, id: &str) -> Option<u32> {
        self.numbers.get(id).copied()
    }
    /// The customer's number and whether they are new.
    pub(super) fn get_or_add(&mut self, id: &str) -> (u32, bool) {
        if let Some(n) = self.get(id) {
            return (n, false);
        }
        let n = self.ids.len() as u32;
        self.numbers.insert(id.to_string(), n);
        self.ids.push(id.to_string());
        (n, true)
    }
}

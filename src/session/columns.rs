//! Model outputs published as columns of the loaded data, so scenarios can tier and segment by them.

use super::Session;
use crate::engine::dataset::{Attribute, Measure, NO_CODE};
use crate::engine::roles::ColumnRole;
use crate::protocol::UserError;

impl Session {
    /// Adds (or replaces) a model output as a numeric column of the loaded data, so scenarios can
    /// use it as tier basis (`column:<name>`) or feature. Columns of the file are never replaced.
    pub(super) fn publish_numeric(&mut self, name: &str, values: Vec<f64>) -> Result<(), UserError> {
        let data = self.data.as_mut().ok_or(UserError::NoData)?;
        check_published_name(name, &data.dataset, &self.published)?;
        let customers = &mut data.dataset.customers;
        customers.measures.retain(|m| m.name != name);
        customers.attributes.retain(|a| a.name != name);
        customers.measures.push(Measure { name: name.to_string(), role: ColumnRole::Other, values });
        self.published.insert(name.to_string());
        self.last_evaluated = None;
        Ok(())
    }

    /// Adds (or replaces) a model output as a text column (segments, predicted tiers).
    pub(super) fn publish_text(&mut self, name: &str, labels: Vec<String>) -> Result<(), UserError> {
        let data = self.data.as_mut().ok_or(UserError::NoData)?;
        check_published_name(name, &data.dataset, &self.published)?;
        let customers = &mut data.dataset.customers;
        customers.measures.retain(|m| m.name != name);
        customers.attributes.retain(|a| a.name != name);
        let mut dictionary: Vec<String> = labels.clone();
        dictionary.sort();
        dictionary.dedup();
        let codes = labels.iter().map(|l| dictionary.binary_search(l).map_or(NO_CODE, |i| i as u32)).collect();
        customers.attributes.push(Attribute { name: name.to_string(), role: ColumnRole::Other, dictionary, codes });
        self.published.insert(name.to_string());
        self.last_evaluated = None;
        Ok(())
    }
}

/// A published column may replace an earlier model output but never a column of the file.
fn check_published_name(
    name: &str,
    dataset: &crate::engine::dataset::Dataset,
    published: &std::collections::BTreeSet<String>,
) -> Result<(), UserError> {
    let customers = &dataset.customers;
    let exists =
        customers.measures.iter().any(|m| m.name == name) || customers.attributes.iter().any(|a| a.name == name);
    if name.trim().is_empty() || (exists && !published.contains(name)) {
        return Err(UserError::ColumnName { name: name.to_string() });
    }
    Ok(())
}

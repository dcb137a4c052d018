//! Model outputs published as columns of the loaded data, so scenarios can tier and segment by them.

use super::state::Session;
use crate::engine::dataset::{Attribute, Dataset, Measure, NO_CODE};
use crate::engine::roles::ColumnRole;
use crate::protocol::UserError;

/// A model output, one value per customer.
enum Output {
    /// Scores, predictions, CLV: usable as tier basis (`column:<name>`) or feature.
    Numeric(Vec<f64>),
    /// Segments, predicted tiers: usable to segment by.
    Text(Vec<String>),
}

impl Session {
    /// Adds (or replaces) a model output as a numeric column of the loaded data.
    pub(super) fn publish_numeric(&mut self, name: &str, values: Vec<f64>) -> Result<(), UserError> {
        self.publish(name, Output::Numeric(values))
    }

    /// Adds (or replaces) a model output as a text column.
    pub(super) fn publish_text(&mut self, name: &str, labels: Vec<String>) -> Result<(), UserError> {
        self.publish(name, Output::Text(labels))
    }

    /// The one rule for publishing: a model output may replace an earlier model output of the same
    /// name, never a column of the file, and a scenario evaluated before no longer holds.
    fn publish(&mut self, name: &str, output: Output) -> Result<(), UserError> {
        let data = self.data.as_mut().ok_or(UserError::NoData)?;
        check_published_name(name, &data.dataset, &self.published)?;
        let customers = &mut data.dataset.customers;
        customers.measures.retain(|m| m.name != name);
        customers.attributes.retain(|a| a.name != name);
        let name = name.to_string();
        match output {
            Output::Numeric(values) => {
                customers.measures.push(Measure { name: name.clone(), role: ColumnRole::Other, values })
            }
            Output::Text(labels) => {
                let mut dictionary: Vec<String> = labels.clone();
                dictionary.sort();
                dictionary.dedup();
                let codes = labels.iter().map(|l| dictionary.binary_search(l).map_or(NO_CODE, |i| i as u32)).collect();
                customers.attributes.push(Attribute { name: name.clone(), role: ColumnRole::Other, dictionary, codes });
            }
        }
        self.published.insert(name);
        self.last_evaluated = None;
        self.kept_histories.forget();
        Ok(())
    }
}

/// A published column may replace an earlier model output but never a column of the file.
fn check_published_name(
    name: &str,
    dataset: &Dataset,
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

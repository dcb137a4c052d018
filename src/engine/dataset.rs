//! The loaded data, column-oriented (struct of arrays) so a million events stay compact and every
//! model walks plain vectors. Customers are numbered 0..n; that number indexes every per-customer
//! vector in the engine.

use serde::{Deserialize, Serialize};

use super::roles::{ColumnRole, DatasetShape, EventKind};

/// Code used in dictionary-encoded columns for "no value".
pub const NO_CODE: u32 = u32::MAX;

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Dataset {
    pub shape: Option<DatasetShape>,
    pub customers: Customers,
    /// Present for event logs; customer tables carry their aggregates in `customers.measures`.
    pub events: Option<EventLog>,
}

/// One row per customer.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Customers {
    /// The customer id exactly as in the file.
    pub ids: Vec<String>,
    /// Text columns per customer (gender, city, existing tier, other text columns).
    pub attributes: Vec<Attribute>,
    /// Numeric columns per customer (age, aggregates of a customer table, other numeric columns).
    /// Dates are stored as seconds since 1970 (exact in f64).
    pub measures: Vec<Measure>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Attribute {
    pub name: String,
    pub role: ColumnRole,
    pub dictionary: Vec<String>,
    /// Index into `dictionary` per customer, `NO_CODE` when missing.
    pub codes: Vec<u32>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Measure {
    pub name: String,
    pub role: ColumnRole,
    /// One value per customer, NaN when missing (after the missing-value policy was applied).
    pub values: Vec<f64>,
}

/// Events grouped by customer and sorted by time within each customer.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct EventLog {
    /// Events of customer `c` are the rows `offsets[c] .. offsets[c + 1]`.
    pub offsets: Vec<u32>,
    /// Seconds since 1970-01-01 (wall-clock time of the file).
    pub time: Vec<i64>,
    pub kind: Vec<EventKind>,
    /// Money amount of the row (negative for refunds), NaN when the row has none.
    pub amount: Vec<f64>,
    /// NaN when absent.
    pub quantity: Vec<f32>,
    /// Codes into `categories`, `NO_CODE` when absent.
    pub category: Vec<u32>,
    pub channel: Vec<u32>,
    /// Rating on a 0-5 scale (10-point scales are halved at load), NaN when absent.
    pub rating: Vec<f32>,
    /// Codes into `comments`, `NO_CODE` when absent.
    pub comment: Vec<u32>,
    /// NaN when absent.
    pub browse_minutes: Vec<f32>,
    pub categories: Vec<String>,
    pub channels: Vec<String>,
    pub comments: Vec<String>,
    /// Which optional roles the file carried, so models can say what is missing.
    pub present: Vec<ColumnRole>,
}

impl Dataset {
    pub fn customer_count(&self) -> usize {
        self.customers.ids.len()
    }

    pub fn measure(&self, role: ColumnRole) -> Option<&Measure> {
        self.customers.measures.iter().find(|m| m.role == role)
    }

    pub fn attribute(&self, role: ColumnRole) -> Option<&Attribute> {
        self.customers.attributes.iter().find(|a| a.role == role)
    }

    /// The text column with this name.
    pub fn attribute_named(&self, name: &str) -> Option<&Attribute> {
        self.customers.attributes.iter().find(|a| a.name == name)
    }
}

impl EventLog {
    pub fn len(&self) -> usize {
        self.time.len()
    }

    pub fn is_empty(&self) -> bool {
        self.time.is_empty()
    }

    pub fn customer_count(&self) -> usize {
        self.offsets.len().saturating_sub(1)
    }

    /// Row range of one customer's events.
    pub fn rows_of(&self, customer: usize) -> std::ops::Range<usize> {
        self.offsets[customer] as usize..self.offsets[customer + 1] as usize
    }

    pub fn has(&self, role: ColumnRole) -> bool {
        self.present.contains(&role)
    }

    /// The event kind that counts as a completed purchase: payments when the log records them
    /// (orders without payment were abandoned), otherwise orders.
    pub fn purchase_kind(&self) -> EventKind {
        if self.kind.contains(&EventKind::Pay) {
            EventKind::Pay
        } else {
            EventKind::Order
        }
    }

    /// First and last timestamp in the log.
    pub fn time_span(&self) -> Option<(i64, i64)> {
        let min = self.time.iter().copied().min()?;
        let max = self.time.iter().copied().max()?;
        Some((min, max))
    }
}

//! What a column means to TierLab. Ingest guesses roles from header names and content; the user can
//! change every guess before the data is loaded.

use serde::{Deserialize, Serialize};
use strum::{EnumString, IntoStaticStr, VariantArray};

/// Keys (`key`, `from_key`) are the serde names: they are stored in load settings and shown by the CLI.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[derive(VariantArray, IntoStaticStr, EnumString)]
#[strum(serialize_all = "snake_case")]
pub enum ColumnRole {
    // Identity and time.
    CustomerId,
    Timestamp,
    OrderId,
    // Event-log measures.
    EventType,
    Amount,
    Quantity,
    Category,
    Channel,
    Rating,
    Comment,
    BrowseMinutes,
    // Demographics.
    Gender,
    Age,
    City,
    // Customer-table aggregates.
    OrderCount,
    TotalSpend,
    AverageOrderValue,
    VisitCount,
    Points,
    ExistingTier,
    CustomerValue,
    LastPurchaseDate,
    FirstPurchaseDate,
    /// Kept as a plain column (usable as a feature or group) without special meaning.
    Other,
    /// Not loaded at all.
    Ignore,
}

impl ColumnRole {
    /// Every role, in declaration order.
    pub const ALL: &'static [ColumnRole] = Self::VARIANTS;

    /// Stable machine name (the serde name), used in the CLI and scenario files.
    pub fn key(self) -> &'static str {
        self.into()
    }

    pub fn from_key(key: &str) -> Option<ColumnRole> {
        key.parse().ok()
    }

    /// Roles whose values are numbers (a non-number there is a validation problem).
    pub fn is_numeric(self) -> bool {
        matches!(
            self,
            ColumnRole::Amount
                | ColumnRole::Quantity
                | ColumnRole::Rating
                | ColumnRole::BrowseMinutes
                | ColumnRole::Age
                | ColumnRole::OrderCount
                | ColumnRole::TotalSpend
                | ColumnRole::AverageOrderValue
                | ColumnRole::VisitCount
                | ColumnRole::Points
                | ColumnRole::CustomerValue
        )
    }

    /// Roles whose values are dates or date-times.
    pub fn is_date(self) -> bool {
        matches!(self, ColumnRole::Timestamp | ColumnRole::LastPurchaseDate | ColumnRole::FirstPurchaseDate)
    }

    /// Roles that at most one column may carry.
    pub fn is_unique(self) -> bool {
        !matches!(self, ColumnRole::Other | ColumnRole::Ignore)
    }
}

/// What one row of the file describes.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DatasetShape {
    /// One row per event (view, cart, order, payment, refund, review) or per transaction.
    EventLog,
    /// One row per customer with aggregates.
    CustomerTable,
}

/// The kind of an event-log row.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[derive(VariantArray, IntoStaticStr)]
#[strum(serialize_all = "snake_case")]
pub enum EventKind {
    View,
    Cart,
    Favorite,
    Order,
    Pay,
    Refund,
    Review,
    Other,
}

impl EventKind {
    /// Every kind, in declaration order.
    pub const ALL: &'static [EventKind] = Self::VARIANTS;

    /// Stable machine name (the serde name), used in scenario files (`points.per_event`).
    pub fn key(self) -> &'static str {
        self.into()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The keys are stored in files: they stay the serde names, and read back.
    #[test]
    fn keys_are_the_serde_names() {
        for &role in ColumnRole::ALL {
            assert_eq!(serde_json::to_string(&role).unwrap(), format!("\"{}\"", role.key()));
            assert_eq!(ColumnRole::from_key(role.key()), Some(role));
        }
        for &kind in EventKind::ALL {
            assert_eq!(serde_json::to_string(&kind).unwrap(), format!("\"{}\"", kind.key()));
        }
        assert_eq!(ColumnRole::ALL.len(), 25);
        assert_eq!(EventKind::ALL.len(), 8);
        assert_eq!(ColumnRole::AverageOrderValue.key(), "average_order_value");
        assert_eq!(ColumnRole::from_key("last_purchase_date"), Some(ColumnRole::LastPurchaseDate));
        assert_eq!(ColumnRole::from_key("LastPurchaseDate"), None);
        assert_eq!(EventKind::Favorite.key(), "favorite");
    }
}

//! What a column means to TierLab. Ingest guesses roles from header names and content; the user can
//! change every guess before the data is loaded.

use serde::{Deserialize, Serialize};

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
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
    pub const ALL: [ColumnRole; 25] = [
        ColumnRole::CustomerId,
        ColumnRole::Timestamp,
        ColumnRole::OrderId,
        ColumnRole::EventType,
        ColumnRole::Amount,
        ColumnRole::Quantity,
        ColumnRole::Category,
        ColumnRole::Channel,
        ColumnRole::Rating,
        ColumnRole::Comment,
        ColumnRole::BrowseMinutes,
        ColumnRole::Gender,
        ColumnRole::Age,
        ColumnRole::City,
        ColumnRole::OrderCount,
        ColumnRole::TotalSpend,
        ColumnRole::AverageOrderValue,
        ColumnRole::VisitCount,
        ColumnRole::Points,
        ColumnRole::ExistingTier,
        ColumnRole::CustomerValue,
        ColumnRole::LastPurchaseDate,
        ColumnRole::FirstPurchaseDate,
        ColumnRole::Other,
        ColumnRole::Ignore,
    ];

    /// Stable machine name (the serde name), used in the CLI and scenario files.
    pub fn key(self) -> &'static str {
        match self {
            ColumnRole::CustomerId => "customer_id",
            ColumnRole::Timestamp => "timestamp",
            ColumnRole::OrderId => "order_id",
            ColumnRole::EventType => "event_type",
            ColumnRole::Amount => "amount",
            ColumnRole::Quantity => "quantity",
            ColumnRole::Category => "category",
            ColumnRole::Channel => "channel",
            ColumnRole::Rating => "rating",
            ColumnRole::Comment => "comment",
            ColumnRole::BrowseMinutes => "browse_minutes",
            ColumnRole::Gender => "gender",
            ColumnRole::Age => "age",
            ColumnRole::City => "city",
            ColumnRole::OrderCount => "order_count",
            ColumnRole::TotalSpend => "total_spend",
            ColumnRole::AverageOrderValue => "average_order_value",
            ColumnRole::VisitCount => "visit_count",
            ColumnRole::Points => "points",
            ColumnRole::ExistingTier => "existing_tier",
            ColumnRole::CustomerValue => "customer_value",
            ColumnRole::LastPurchaseDate => "last_purchase_date",
            ColumnRole::FirstPurchaseDate => "first_purchase_date",
            ColumnRole::Other => "other",
            ColumnRole::Ignore => "ignore",
        }
    }

    pub fn from_key(key: &str) -> Option<ColumnRole> {
        ColumnRole::ALL.iter().copied().find(|r| r.key() == key)
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

    /// Roles describing one event of an event log (its other roles describe the customer).
    pub fn describes_event(self) -> bool {
        matches!(
            self,
            ColumnRole::Timestamp
                | ColumnRole::OrderId
                | ColumnRole::EventType
                | ColumnRole::Amount
                | ColumnRole::Quantity
                | ColumnRole::Category
                | ColumnRole::Channel
                | ColumnRole::Rating
                | ColumnRole::Comment
                | ColumnRole::BrowseMinutes
        )
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
    pub const ALL: [EventKind; 8] = [
        EventKind::View,
        EventKind::Cart,
        EventKind::Favorite,
        EventKind::Order,
        EventKind::Pay,
        EventKind::Refund,
        EventKind::Review,
        EventKind::Other,
    ];

    pub fn key(self) -> &'static str {
        match self {
            EventKind::View => "view",
            EventKind::Cart => "cart",
            EventKind::Favorite => "favorite",
            EventKind::Order => "order",
            EventKind::Pay => "pay",
            EventKind::Refund => "refund",
            EventKind::Review => "review",
            EventKind::Other => "other",
        }
    }
}

//! The named per-customer features every model and rule can refer to (docs/model.md#features).

use serde::{Deserialize, Serialize};
use strum::{EnumString, IntoStaticStr, VariantArray};

use crate::engine::roles::ColumnRole;

/// A feature name as used in scenario files: a built-in key, or `column:<name>` for a numeric
/// column of a customer table.
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub enum FeatureKey {
    Builtin(Feature),
    Column(String),
}

/// Keys (`key`, parsed by `FeatureKey`) are stored in scenario files and links.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, VariantArray, IntoStaticStr, EnumString)]
#[strum(serialize_all = "snake_case")]
pub enum Feature {
    /// Days since the last purchase, as of the end of the window.
    RecencyDays,
    /// Completed purchases.
    Frequency,
    /// Purchases after the first one.
    RepeatPurchases,
    /// Net spend (purchases minus refunds).
    Monetary,
    AverageOrderValue,
    /// Days since the first event.
    TenureDays,
    Views,
    Carts,
    /// Orders placed (checkouts).
    Orders,
    /// Completed purchases again, named for the funnel (payments when the log has them).
    Payments,
    /// Smoothed stage conversion rates (Beta prior).
    ViewToCart,
    CartToOrder,
    OrderToPay,
    /// Smoothed share of views that ended in a purchase.
    Conversion,
    BrowseMinutes,
    /// Distinct days with any activity.
    ActiveDays,
    /// Views, carts, favourites, reviews and unpaid checkouts.
    Interactions,
    Reviews,
    /// Mean rating on a 0-5 scale.
    AverageRating,
    PositiveFeedback,
    NegativeFeedback,
    ChannelsUsed,
    CategoryDiversity,
    Refunds,
    /// Refunds per purchase.
    RefundRate,
}

/// Whether a higher value of the feature means a better customer (for normalised scores).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Direction {
    HigherIsBetter,
    LowerIsBetter,
}

impl Feature {
    /// Every feature, in declaration order.
    pub const ALL: &'static [Feature] = Self::VARIANTS;

    pub fn key(self) -> &'static str {
        self.into()
    }

    pub fn direction(self) -> Direction {
        match self {
            Feature::RecencyDays | Feature::NegativeFeedback | Feature::Refunds | Feature::RefundRate => {
                Direction::LowerIsBetter
            }
            _ => Direction::HigherIsBetter,
        }
    }

    /// The customer-table column that provides this feature when there is no event log.
    pub fn customer_table_source(self) -> Option<ColumnRole> {
        match self {
            Feature::Frequency | Feature::Payments => Some(ColumnRole::OrderCount),
            Feature::Monetary => Some(ColumnRole::TotalSpend),
            Feature::AverageOrderValue => Some(ColumnRole::AverageOrderValue),
            Feature::ActiveDays | Feature::Interactions => Some(ColumnRole::VisitCount),
            Feature::RecencyDays => Some(ColumnRole::LastPurchaseDate),
            Feature::TenureDays => Some(ColumnRole::FirstPurchaseDate),
            Feature::AverageRating => Some(ColumnRole::Rating),
            Feature::BrowseMinutes => Some(ColumnRole::BrowseMinutes),
            _ => None,
        }
    }
}

impl FeatureKey {
    pub fn direction(&self) -> Direction {
        match self {
            FeatureKey::Builtin(f) => f.direction(),
            FeatureKey::Column(_) => Direction::HigherIsBetter,
        }
    }
}

impl From<Feature> for FeatureKey {
    fn from(feature: Feature) -> Self {
        FeatureKey::Builtin(feature)
    }
}

impl TryFrom<String> for FeatureKey {
    type Error = String;
    fn try_from(text: String) -> Result<Self, Self::Error> {
        if let Some(column) = text.strip_prefix("column:") {
            return if column.is_empty() {
                Err("empty column name".into())
            } else {
                Ok(FeatureKey::Column(column.into()))
            };
        }
        text.parse().map(FeatureKey::Builtin).map_err(|_| format!("unknown feature `{text}`"))
    }
}

impl From<FeatureKey> for String {
    fn from(key: FeatureKey) -> String {
        key.to_string()
    }
}

impl std::fmt::Display for FeatureKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            FeatureKey::Builtin(feature) => write!(f, "{}", feature.key()),
            FeatureKey::Column(name) => write!(f, "column:{name}"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The keys as scenario files and links hold them, written out once: they must never change.
    #[test]
    fn the_keys_are_the_stored_names() {
        let keys: Vec<&str> = Feature::ALL.iter().map(|f| f.key()).collect();
        assert_eq!(
            keys,
            [
                "recency_days",
                "frequency",
                "repeat_purchases",
                "monetary",
                "average_order_value",
                "tenure_days",
                "views",
                "carts",
                "orders",
                "payments",
                "view_to_cart",
                "cart_to_order",
                "order_to_pay",
                "conversion",
                "browse_minutes",
                "active_days",
                "interactions",
                "reviews",
                "average_rating",
                "positive_feedback",
                "negative_feedback",
                "channels_used",
                "category_diversity",
                "refunds",
                "refund_rate",
            ]
        );
        assert_eq!(FeatureKey::try_from("Frequency".to_string()), Err("unknown feature `Frequency`".to_string()));
    }

    #[test]
    fn keys_round_trip_through_json() {
        for &feature in Feature::ALL {
            let key = FeatureKey::from(feature);
            let json = serde_json::to_string(&key).unwrap();
            assert_eq!(json, format!("\"{}\"", feature.key()));
            assert_eq!(serde_json::from_str::<FeatureKey>(&json).unwrap(), key);
        }
        let column: FeatureKey = serde_json::from_str("\"column:年龄\"").unwrap();
        assert_eq!(column, FeatureKey::Column("年龄".into()));
        assert!(serde_json::from_str::<FeatureKey>("\"bogus\"").is_err());
    }
}

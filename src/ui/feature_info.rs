//! How the page presents a feature: its group in pickers, and its values in the units people read
//! (rates in percent, money with two decimals, days with one).

use crate::engine::features::catalog::{Feature, FeatureKey};

use crate::ui::format;

/// The groups of a feature picker, in the order shown (`iter()`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, strum::EnumIter)]
pub enum FeatureGroup {
    Purchases,
    Funnel,
    Engagement,
    Columns,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Unit {
    Count,
    Money,
    Days,
    /// A 0-1 rate, shown in percent.
    Rate,
    /// A mean rating on 0-5, or any number worth two decimals.
    Decimal,
}

pub fn group(key: &FeatureKey) -> FeatureGroup {
    use Feature::*;
    match key {
        FeatureKey::Column(_) => FeatureGroup::Columns,
        FeatureKey::Builtin(feature) => match feature {
            RecencyDays | Frequency | RepeatPurchases | Monetary | AverageOrderValue | TenureDays | Refunds
            | RefundRate => FeatureGroup::Purchases,
            Views | Carts | Orders | Payments | ViewToCart | CartToOrder | OrderToPay | Conversion => {
                FeatureGroup::Funnel
            }
            BrowseMinutes | ActiveDays | Interactions | Reviews | AverageRating | PositiveFeedback
            | NegativeFeedback | ChannelsUsed | CategoryDiversity => FeatureGroup::Engagement,
        },
    }
}

pub fn unit(key: &FeatureKey) -> Unit {
    use Feature::*;
    match key {
        FeatureKey::Column(_) => Unit::Decimal,
        FeatureKey::Builtin(feature) => match feature {
            Monetary | AverageOrderValue => Unit::Money,
            RecencyDays | TenureDays => Unit::Days,
            ViewToCart | CartToOrder | OrderToPay | Conversion | RefundRate => Unit::Rate,
            AverageRating | BrowseMinutes => Unit::Decimal,
            _ => Unit::Count,
        },
    }
}

/// One value of a feature as text.
pub fn value(key: &FeatureKey, value: f64) -> String {
    match unit(key) {
        Unit::Money => format::money(value),
        Unit::Days => format::fixed(value, 1),
        Unit::Rate => format::share(value),
        Unit::Decimal => format::plain(value),
        Unit::Count => format::plain(value),
    }
}

/// Every built-in feature, for pickers when the data's own list is not known yet.
pub fn all_builtin() -> Vec<FeatureKey> {
    Feature::ALL.iter().map(|&f| FeatureKey::from(f)).collect()
}

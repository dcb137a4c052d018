//! The allowed range of every numeric scenario setting, declared once: validation reports a value
//! outside it with these numbers, and the page labels its inputs from them. A field path with `[]`
//! stands for every entry of a list (`benefits[].discount_percent`: each tier's discount). The
//! assumptions' ranges are in `ASSUMPTIONS`, beside each assumption.

use crate::engine::limits::Limit;

/// How many tiers a scheme has.
pub const TIER_COUNT: Limit = Limit::whole("tiers.names", 2.0, 8.0);
/// Target share of customers per tier, in percent.
pub const TARGET_SHARE_PERCENT: Limit = Limit::new("tiers.thresholds.percent[]", 0.0, 100.0);
/// Score quantile where each tier above the lowest starts.
pub const QUANTILE: Limit = Limit::new("tiers.thresholds.quantiles[]", 0.0, 1.0);
/// Retain bound as a fraction of the entry bound.
pub const RETAIN_FRACTION: Limit = Limit::new("tiers.retain.fraction", 0.0, 1.0);
/// Length of a rolling qualifying window.
pub const WINDOW_MONTHS: Limit = Limit::whole("tiers.window.months", 1.0, 120.0);
/// Months in a row above a bound before an upgrade.
pub const UPGRADE_MONTHS: Limit = Limit::whole("tiers.upgrade.months", 1.0, 36.0);
/// Evaluations below the retain bound tolerated before a downgrade.
pub const GRACE_EVALUATIONS: Limit = Limit::whole("tiers.downgrade.grace_evaluations", 0.0, 36.0);
/// Share of each month's growth value that adds to the level (level growth's theta).
pub const LEVEL_THETA: Limit = Limit::new("scoring.theta", 0.0, 100.0);
/// Level added every membership month whatever the customer does (level growth's gamma; negative
/// values let an idle member's level decay).
pub const LEVEL_GAMMA: Limit = Limit::new("scoring.gamma", -1e6, 1e6);
/// Percentile a weighted score caps each feature at.
pub const CAP_PERCENTILE: Limit = Limit::new("scoring.cap_percentile", 50.0, 100.0);
/// Strength of the population prior of funnel conversion (pseudo-observations).
pub const PRIOR_STRENGTH: Limit = Limit::new("scoring.prior.strength", 0.0, 1e6);
/// The fixed Beta prior's `a` of funnel conversion.
pub const PRIOR_A: Limit = Limit::new("scoring.prior.a", 0.0, 1e6);
/// The fixed Beta prior's `b` of funnel conversion.
pub const PRIOR_B: Limit = Limit::new("scoring.prior.b", 0.0, 1e6);
/// Rating points added per positive comment.
pub const POSITIVE_WEIGHT: Limit = Limit::new("scoring.positive_weight", 0.0, 5.0);
/// Rating points taken per negative comment.
pub const NEGATIVE_WEIGHT: Limit = Limit::new("scoring.negative_weight", 0.0, 5.0);
/// Points earned per currency unit spent.
pub const POINTS_PER_CURRENCY_UNIT: Limit = Limit::new("points.per_currency_unit", 0.0, 1e6);
/// Points earned per event of a kind (a review, a check-in).
pub const EVENT_POINTS: Limit = Limit::new("points.per_event[].points", 0.0, 1e6);
/// Points multiplier of a segment.
pub const SEGMENT_MULTIPLIER: Limit = Limit::new("points.segment_multipliers.multipliers[].multiplier", 0.0, 100.0);
/// Days before earned points can be used.
pub const PENDING_DAYS: Limit = Limit::whole("points.pending_days", 0.0, 365.0);
/// Months after earning when points expire.
pub const EXPIRY_MONTHS: Limit = Limit::whole("points.expiry.months", 1.0, 120.0);
/// Years after the year of earning when points expire at year end.
pub const EXPIRY_YEARS_AFTER: Limit = Limit::whole("points.expiry.years_after", 0.0, 10.0);
/// Points redeemed together in one block.
pub const REDEMPTION_BLOCK: Limit = Limit::new("points.redemption.block", 1.0, 1e9);
/// Share of the points balance redeemed each month, in percent.
pub const REDEMPTION_PERCENT: Limit = Limit::new("points.redemption.percent", 0.0, 100.0);
/// What one redeemed point costs.
pub const POINT_COST: Limit = Limit::new("points.point_cost", 0.0, 1e6);
/// Share of points never redeemed, in percent.
pub const BREAKAGE_PERCENT: Limit = Limit::new("points.breakage_percent", 0.0, 100.0);
/// Level bonus points of the lowest tier.
pub const LEVEL_BONUS_BASE: Limit = Limit::new("points.level_bonus.base", 0.0, 1e9);
/// Level bonus points of the highest tier.
pub const LEVEL_BONUS_TOP: Limit = Limit::new("points.level_bonus.top", 0.0, 1e9);
/// Curvature of the level bonus per tier.
pub const LEVEL_BONUS_K: Limit = Limit::new("points.level_bonus.k[]", -10.0, 10.0);
/// A tier's discount, in percent.
pub const DISCOUNT_PERCENT: Limit = Limit::new("benefits[].discount_percent", 0.0, 100.0);
/// A tier's points multiplier.
pub const POINTS_MULTIPLIER: Limit = Limit::new("benefits[].points_multiplier", 0.0, 100.0);
/// A tier's gift budget per member and year.
pub const GIFT_COST_PER_YEAR: Limit = Limit::new("benefits[].gift_cost_per_year", 0.0, 1e9);
/// What shipping one order costs (paid by the shop under free shipping).
pub const SHIPPING_COST_PER_ORDER: Limit = Limit::new("economics.shipping_cost_per_order", 0.0, 1e6);
/// Gross margin on revenue, in percent.
pub const GROSS_MARGIN_PERCENT: Limit = Limit::new("economics.gross_margin_percent", -100.0, 100.0);

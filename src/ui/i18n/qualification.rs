//! The words of the second qualifying criterion, coupons and level growth, kept together: field
//! labels of the scenario editor, the distance to the next tier with two criteria, and names.

use crate::engine::scenario::{Combine, CriterionMeasure};
use crate::ui::format;

use super::lang::{en_zh, Lang};

pub fn level_growth_name(lang: Lang) -> &'static str {
    lang.pick("Level growth (等级成长)", "等级成长值")
}

pub fn level_constant_name(lang: Lang) -> &'static str {
    lang.pick("Monthly constant (γ × months)", "每月常数（γ × 月数）")
}

pub fn coupon_cost_name(lang: Lang) -> &'static str {
    lang.pick("Coupon cost", "优惠券成本")
}

pub fn measure_name(measure: CriterionMeasure, lang: Lang) -> &'static str {
    match measure {
        CriterionMeasure::Orders => lang.pick("orders", "订单数"),
        CriterionMeasure::Spend => lang.pick("spend", "消费金额"),
    }
}

pub fn combine_name(combine: Combine, lang: Lang) -> &'static str {
    match combine {
        Combine::And => lang.pick("score and the second criterion", "评分且满足第二条件"),
        Combine::Or => lang.pick("score or the second criterion", "评分或满足第二条件"),
    }
}

/// "14 more orders", "还差 14 订单数".
fn more_of(amount: f64, what: &str, lang: Lang) -> String {
    en_zh(lang, format!("{} more {what}", format::plain(amount)), format!("还差 {} {what}", format::plain(amount)))
}

/// "14 more orders or 2,300 more spend to reach Gold" (either criterion) or "... and ..." (both).
/// `score_unit` names the score ("spend" when the score is spend, "score" otherwise).
pub fn two_criteria_distance(
    score_distance: f64,
    score_unit: &str,
    measure_distance: f64,
    measure: CriterionMeasure,
    combine: Combine,
    tier: &str,
    lang: Lang,
) -> String {
    let measure_part = more_of(measure_distance, measure_name(measure, lang), lang);
    let score_part = more_of(score_distance, score_unit, lang);
    let joined = match (combine, lang) {
        (Combine::Or, Lang::En) => format!("{measure_part} or {score_part}"),
        (Combine::Or, Lang::Zh) => format!("{measure_part}，或{score_part}"),
        (Combine::And, Lang::En) => format!("{measure_part} and {score_part}"),
        (Combine::And, Lang::Zh) => format!("{measure_part}，且{score_part}"),
    };
    en_zh(lang, format!("{joined} to reach {tier}"), format!("{joined}，即可升至 {tier}"))
}

/// The name of a field these rules add (its path without indices), for problems and changes.
pub fn field_label(path: &str, lang: Lang) -> Option<&'static str> {
    use QualificationText as Q;
    let text = match path {
        "tiers.second_criterion" | "tiers.second_criterion.measure" => Q::SecondCriterion,
        "tiers.second_criterion.combine" => Q::Combine,
        "tiers.second_criterion.lower_bounds" => Q::SecondEntry,
        "tiers.second_criterion.retain_bounds" => Q::SecondRetain,
        "benefits.coupons" => Q::Coupons,
        "benefits.coupons.value" => Q::CouponValue,
        "benefits.coupons.min_spend" => Q::CouponMinSpend,
        "benefits.coupons.per_month" => Q::CouponsPerMonth,
        "benefits.coupons.redemption_percent" => Q::CouponRedemption,
        "scoring.theta" => Q::LevelTheta,
        "scoring.gamma" => Q::LevelGamma,
        _ => return None,
    };
    Some(text.get(lang))
}

/// Editor labels of the settings these rules add.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum QualificationText {
    SecondCriterion,
    SecondCriterionHint,
    SecondMeasure,
    SecondNone,
    Combine,
    SecondEntry,
    SecondRetain,
    Coupons,
    CouponValue,
    CouponMinSpend,
    CouponsPerMonth,
    CouponRedemption,
    LevelTheta,
    LevelGamma,
    FormulaLevel,
    ScoreUnit,
    SpendUnit,
}

impl QualificationText {
    pub fn get(self, lang: Lang) -> &'static str {
        use QualificationText::*;
        match self {
            SecondCriterion => lang.pick("Second criterion", "第二定级条件"),
            SecondCriterionHint => lang.pick(
                "A tier can also ask for orders or spend in the same window: both (and) or either (or).",
                "等级还可要求同一窗口内的订单数或消费金额：两者都满足（且）或满足其一（或）。",
            ),
            SecondMeasure => lang.pick("Measure", "指标"),
            SecondNone => lang.pick("None (score only)", "无（仅看评分）"),
            Combine => lang.pick("Combined with the score", "与评分的关系"),
            SecondEntry => lang.pick("To enter", "升级门槛"),
            SecondRetain => lang.pick("To keep", "保级门槛"),
            Coupons => lang.pick("Coupons", "优惠券"),
            CouponValue => lang.pick("Coupon value", "券面额"),
            CouponMinSpend => lang.pick("Minimum spend", "使用门槛"),
            CouponsPerMonth => lang.pick("Coupons per month", "每月张数"),
            CouponRedemption => lang.pick("Redeemed", "核销率"),
            LevelTheta => lang.pick("θ (share of growth value)", "θ（成长值系数）"),
            LevelGamma => lang.pick("γ (added each month)", "γ（每月常数）"),
            FormulaLevel => lang.pick(
                "L(t+1) = L(t) + θ × (0.7 × spend + 0.2 × orders + 0.1 × interactions in month t) + γ",
                "L(t+1) = L(t) + θ ×（第 t 月的 0.7 × 消费 + 0.2 × 订单 + 0.1 × 互动）+ γ",
            ),
            ScoreUnit => lang.pick("score", "分"),
            SpendUnit => lang.pick("spend", "消费金额"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn two_criteria_distance_reads_in_both_languages() {
        let or = two_criteria_distance(2300.0, "spend", 14.0, CriterionMeasure::Orders, Combine::Or, "Gold", Lang::En);
        assert_eq!(or, "14 more orders or 2,300 more spend to reach Gold");
        let and =
            two_criteria_distance(2300.0, "消费金额", 14.0, CriterionMeasure::Orders, Combine::And, "金牌", Lang::Zh);
        assert_eq!(and, "还差 14 订单数，且还差 2,300 消费金额，即可升至 金牌");
    }

    #[test]
    fn problems_with_the_new_fields_name_the_field_and_tier() {
        let tiers: Vec<String> = ["Regular", "Silver", "Gold"].map(String::from).to_vec();
        let named = |field: &str| super::super::messages::field_name(field, &tiers, Lang::En);
        assert_eq!(named("tiers.second_criterion.lower_bounds[1]"), "Gold · To enter");
        assert_eq!(named("tiers.second_criterion.retain_bounds[0]"), "Silver · To keep");
        assert_eq!(named("benefits[2].coupons.redemption_percent"), "Gold · Redeemed");
        assert_eq!(named("scoring.gamma"), "γ (added each month)");
    }
}

//! How a difference between two scenarios is said: the changed setting's name and its values.

use serde_json::Value;

use crate::ui::scenario_diff::Change;

use crate::engine::roles::EventKind;
use crate::engine::scenario::{
    DowngradeStep, Evaluation, Expiry, Redemption, RetainRule, Scenario, Thresholds, UpgradeRule,
};
use crate::ui::choices::ModelKind;
use crate::ui::format;

use super::lang::Lang;
use super::messages::field_name;
use super::names::{downgrade_step_name, evaluation_name, event_kind_name, model_name, window_short};
use super::sim_words::{assumption_name, assumption_value};
use super::texts::T;

pub fn change_label(path: &str, tier_names: &[String], lang: Lang) -> String {
    if let Some(key) = path.strip_prefix("assumptions.") {
        return assumption_name(key, lang).into();
    }
    let tier = |i: usize| tier_names.get(i).cloned().unwrap_or_else(|| format!("#{}", i + 1));
    let label = match path {
        "scoring" => T::ScoringSection.get(lang),
        "tiers.names" => T::TiersTitle.get(lang),
        "tiers.thresholds" => T::ThresholdMode.get(lang),
        "tiers.window" => T::QualifyingWindow.get(lang),
        "tiers.upgrade" => T::UpgradeTitle.get(lang),
        "tiers.retain" => T::RetainTitle.get(lang),
        "tiers.downgrade.evaluation" => T::SimDowngradeChecked.get(lang),
        "tiers.downgrade.step" => T::SimDowngradeStep.get(lang),
        "tiers.downgrade.grace_evaluations" => T::SimDowngradeGrace.get(lang),
        "tiers.segment_thresholds" => T::SegmentsSection.get(lang),
        "points.expiry" => T::ExpiryLabel.get(lang),
        "points.redemption" => T::RedemptionLabel.get(lang),
        "points.level_bonus" => T::LevelBonusTitle.get(lang),
        "points.segment_multipliers" => T::SegmentMultipliers.get(lang),
        "points.per_event" => T::PointsPerEvent.get(lang),
        "benefits" => T::BenefitsTitle.get(lang),
        _ => {
            if let Some(rest) = path.strip_prefix("benefits[") {
                if let Some((index, field)) = rest.split_once("].") {
                    if field == "free_shipping" {
                        let i: usize = index.parse().unwrap_or(0);
                        return format!("{} · {}", tier(i), T::FreeShipping.get(lang));
                    }
                }
            }
            return field_name(path, tier_names, lang);
        }
    };
    label.to_string()
}

/// One side of a change in words; `scenario` is the side's scenario (for settings described as a whole).
pub fn change_value(path: &str, value: &Value, scenario: &Scenario, lang: Lang) -> String {
    if let Some(key) = path.strip_prefix("assumptions.") {
        return value.as_f64().map_or_else(|| "–".into(), |v| assumption_value(key, v, lang));
    }
    match path {
        "scoring" => model_name(ModelKind::of(&scenario.scoring), lang).into(),
        "tiers.names" => scenario.tiers.names.join(" / "),
        "benefits" => super::messages::tier_count_label(scenario.benefits.len(), lang),
        "tiers.thresholds" => thresholds_text(&scenario.tiers.thresholds, lang),
        "tiers.window" => window_short(&scenario.tiers.window, lang),
        "tiers.upgrade" => match scenario.tiers.upgrade {
            UpgradeRule::Immediate => lang.pick("at once", "立即").into(),
            UpgradeRule::ConsecutiveMonths { months } => match lang {
                Lang::En => format!("after {months} months in a row"),
                Lang::Zh => format!("连续 {months} 个月后"),
            },
        },
        "tiers.retain" => match &scenario.tiers.retain {
            None => lang.pick("same as the entry bound", "与准入门槛相同").into(),
            Some(RetainRule::Absolute { lower_bounds }) => plain_list(lower_bounds),
            Some(RetainRule::FractionOfEntry { fraction }) => match lang {
                Lang::En => format!("{} of the entry bound", format::share(*fraction)),
                Lang::Zh => format!("准入门槛的 {}", format::share(*fraction)),
            },
        },
        "tiers.downgrade.evaluation" => serde_json::from_value::<Evaluation>(value.clone())
            .map_or_else(|_| json_text(value, lang), |e| evaluation_name(e, lang).into()),
        "tiers.downgrade.step" => serde_json::from_value::<DowngradeStep>(value.clone())
            .map_or_else(|_| json_text(value, lang), |s| downgrade_step_name(s, lang).into()),
        "points.expiry" => match scenario.points.expiry {
            Expiry::Never => lang.pick("never", "永不过期").into(),
            Expiry::MonthsAfterEarning { months } => match lang {
                Lang::En => format!("{months} months after earning"),
                Lang::Zh => format!("获得后 {months} 个月"),
            },
            Expiry::EndOfYear { years_after } => super::names::year_end_name(years_after, lang),
        },
        "points.redemption" => match scenario.points.redemption {
            Redemption::None => lang.pick("nobody redeems", "不兑换").into(),
            Redemption::InBlocks { block } => match lang {
                Lang::En => format!("in blocks of {}", format::plain(block)),
                Lang::Zh => format!("每 {} 积分一块", format::plain(block)),
            },
            Redemption::MonthlyShare { percent } => match lang {
                Lang::En => format!("{} of the balance a month", format::percent(percent)),
                Lang::Zh => format!("每月兑换余额的 {}", format::percent(percent)),
            },
        },
        p if p.ends_with(".event") => serde_json::from_value::<EventKind>(value.clone())
            .map_or_else(|_| json_text(value, lang), |e| event_kind_name(e, lang).into()),
        p if p.ends_with("_percent") || p.starts_with("tiers.thresholds.percent") => {
            value.as_f64().map_or_else(|| json_text(value, lang), |v| format!("{} %", format::plain(v)))
        }
        _ => json_text(value, lang),
    }
}

fn thresholds_text(thresholds: &Thresholds, lang: Lang) -> String {
    match thresholds {
        Thresholds::Absolute { lower_bounds } => match lang {
            Lang::En => format!("scores from {}", plain_list(lower_bounds)),
            Lang::Zh => format!("分数下限 {}", plain_list(lower_bounds)),
        },
        Thresholds::TargetShares { percent } => match lang {
            Lang::En => format!("shares {} %", plain_list(percent)),
            Lang::Zh => format!("占比 {} %", plain_list(percent)),
        },
        Thresholds::Quantiles { quantiles } => match lang {
            Lang::En => format!("quantiles {}", plain_list(quantiles)),
            Lang::Zh => format!("分位点 {}", plain_list(quantiles)),
        },
    }
}

fn plain_list(values: &[f64]) -> String {
    values.iter().map(|v| format::plain(*v)).collect::<Vec<_>>().join(" / ")
}

/// A JSON value in words: numbers as people write them, yes / no, lists joined, nothing as "–".
fn json_text(value: &Value, lang: Lang) -> String {
    match value {
        Value::Null => lang.pick("none", "无").into(),
        Value::Bool(true) => T::Yes.get(lang).into(),
        Value::Bool(false) => T::No.get(lang).into(),
        Value::Number(n) => n.as_f64().map_or_else(|| n.to_string(), format::plain),
        Value::String(s) => s.clone(),
        Value::Array(items) => items.iter().map(|v| json_text(v, lang)).collect::<Vec<_>>().join(" / "),
        Value::Object(_) => lang.pick("set", "已设置").into(),
    }
}

/// How many changes the one-line summary names before "and N more".
const SUMMARY_ITEMS: usize = 4;

/// One change in words: (setting, value under A, value under B).
pub fn describe_change(change: &Change, a: &Scenario, b: &Scenario, lang: Lang) -> (String, String, String) {
    let names = if a.tiers.names.len() >= b.tiers.names.len() { &a.tiers.names } else { &b.tiers.names };
    (
        change_label(&change.path, names, lang),
        change_value(&change.path, &change.a, a, lang),
        change_value(&change.path, &change.b, b, lang),
    )
}

/// "B changes: Diamond · Discount % 8 % → 12 %, Activity that counts lifetime → rolling 12 months".
pub fn changes_summary(changes: &[Change], a: &Scenario, b: &Scenario, lang: Lang) -> String {
    if changes.is_empty() {
        return T::SimNoDifferences.get(lang).into();
    }
    match lang {
        Lang::En => format!("{} {}", T::SimBChanges.get(lang), changes_list(changes, a, b, lang)),
        Lang::Zh => format!("{}{}", T::SimBChanges.get(lang), changes_list(changes, a, b, lang)),
    }
}

/// The first few changes from `a` to `b` ("Discount % 8 % → 12 %, ... and 3 more").
pub fn changes_list(changes: &[Change], a: &Scenario, b: &Scenario, lang: Lang) -> String {
    let items: Vec<String> = changes
        .iter()
        .take(SUMMARY_ITEMS)
        .map(|c| {
            let (label, from, to) = describe_change(c, a, b, lang);
            format!("{label} {from} → {to}")
        })
        .collect();
    let more = changes.len().saturating_sub(SUMMARY_ITEMS);
    let tail = match (more, lang) {
        (0, _) => String::new(),
        (n, Lang::En) => format!(" and {n} more"),
        (n, Lang::Zh) => format!("，另有 {n} 项"),
    };
    match lang {
        Lang::En => format!("{}{tail}", items.join(", ")),
        Lang::Zh => format!("{}{tail}", items.join("，")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::scenario::QualifyingWindow;
    use crate::ui::scenario_diff::differences;

    /// Scenario B of the examples: Diamond discount 8 % -> 12 %, and a rolling 12-month window.
    fn changed_b() -> Scenario {
        let mut b = Scenario::template();
        b.name = "Richer Diamond".into();
        b.benefits[3].discount_percent = 12.0;
        b.tiers.window = QualifyingWindow::RollingMonths { months: 12 };
        b
    }

    #[test]
    fn what_b_changes_is_said_in_one_line() {
        let (a, b) = (Scenario::template(), changed_b());
        let changes = differences(&a, &b);
        let paths: Vec<&str> = changes.iter().map(|c| c.path.as_str()).collect();
        assert_eq!(paths, ["benefits[3].discount_percent", "tiers.window"], "the name is not a setting");
        assert_eq!(
            changes_summary(&changes, &a, &b, Lang::En),
            "B changes: 钻石 Diamond · Discount % 8 % → 12 %, Activity that counts lifetime → rolling 12 months"
        );
        assert_eq!(
            changes_summary(&changes, &a, &b, Lang::Zh),
            "B 的改动：钻石 Diamond · 折扣 % 8 % → 12 %，计入分数的时间范围 累计 → 滚动 12 个月"
        );
        assert!(differences(&a, &a).is_empty());
        // An assumption changed on B only.
        let mut c = a.clone();
        c.assumptions.discount_elasticity = 3.0;
        c.assumptions.goal_gradient = 0.1;
        assert_eq!(
            changes_summary(&differences(&a, &c), &a, &c, Lang::En),
            "B changes: Discount elasticity 2.6 → 3, Goal gradient +20 % → +10 %"
        );
    }
}

//! The customer-value (BG/NBD + Gamma-Gamma) part of the lab in words: parameters, fit facts,
//! horizon and holdout sentences, and what was published.

use crate::engine::models::clv::{Exclusions, FittedParams, SpendModelSkipped, TimeUnit};
use crate::ui::format;

use super::lang::{en_zh, Lang};

pub fn time_unit_label(unit: TimeUnit, lang: Lang) -> &'static str {
    match unit {
        TimeUnit::Days => lang.pick("Days", "天"),
        TimeUnit::Weeks => lang.pick("Weeks", "周"),
    }
}

/// The unit in a sentence: "days" / "天".
pub fn time_unit_name(unit: TimeUnit, lang: Lang) -> &'static str {
    match unit {
        TimeUnit::Days => lang.pick("days", "天"),
        TimeUnit::Weeks => lang.pick("weeks", "周"),
    }
}

/// Greek letters where the literature uses them.
pub fn clv_param_symbol(name: &str) -> String {
    match name {
        "alpha" => "α".into(),
        other => other.into(),
    }
}

pub fn clv_param_meaning(name: &str, lang: Lang) -> &'static str {
    match name {
        "r" => lang.pick(
            "Purchase rate spread: the smaller r, the more purchases come from a few heavy buyers.",
            "购买频率的差异：r 越小，购买越集中在少数高频客户身上。",
        ),
        "alpha" => lang.pick(
            "Purchase rate scale: an active customer buys r / α times per period on average.",
            "购买频率的尺度：活跃客户平均每期购买 r / α 次。",
        ),
        "a" => lang.pick(
            "Dropout: with b, the chance a customer stops for good after a purchase, a / (a + b) on average.",
            "流失：与 b 共同决定每次购买后永久流失的概率，平均为 a / (a + b)。",
        ),
        "b" => lang.pick(
            "Dropout: the larger b is compared with a, the longer customers keep buying.",
            "流失：b 相对 a 越大，客户持续购买的时间越长。",
        ),
        "p" => lang.pick(
            "Spend: with v, sets the typical order value of a customer.",
            "消费：与 v 共同决定客户的典型客单价。",
        ),
        "q" => lang.pick(
            "Spend spread: the larger q, the more alike customers' average orders are.",
            "消费差异：q 越大，客户之间的平均客单价越接近。",
        ),
        "v" => lang.pick(
            "Spend scale: the population's average order value is p · v / (q − 1).",
            "消费尺度：总体平均客单价为 p · v / (q − 1)。",
        ),
        _ => "",
    }
}

pub fn clv_fit_facts(customers: u32, iterations: u32, lang: Lang) -> String {
    en_zh(
        lang,
        format!("· {} customers · {iterations} iterations", format::count(customers as usize)),
        format!("· {} 位客户 · 迭代 {iterations} 次", format::count(customers as usize)),
    )
}

/// What r, α, a and b say in one sentence: purchases a month while active, and the chance to leave
/// after each purchase.
pub fn clv_rate_sentence(params: &FittedParams, unit: TimeUnit, lang: Lang) -> String {
    let (Some(r), Some(alpha), Some(a), Some(b)) =
        (params.value("r"), params.value("alpha"), params.value("a"), params.value("b"))
    else {
        return String::new();
    };
    let per_month = r / alpha * unit.periods_per_month();
    let dropout = a / (a + b);
    en_zh(
        lang,
        format!(
            "An active customer makes about {} purchases a month (r / α = {} per {}); after each purchase {} of customers stop buying for good.",
            format::fixed(per_month, 2),
            format::fixed(r / alpha, 4),
            match unit {
                TimeUnit::Days => "day",
                TimeUnit::Weeks => "week",
            },
            format::share(dropout)
        ),
        format!(
            "活跃客户平均每月购买约 {} 次（r / α = 每{} {} 次）；每次购买后有 {} 的客户永久流失。",
            format::fixed(per_month, 2),
            time_unit_name(unit, lang),
            format::fixed(r / alpha, 4),
            format::share(dropout)
        ),
    )
}

pub fn clv_order_value_sentence(value: f64, lang: Lang) -> String {
    en_zh(
        lang,
        format!(
            "Average order value of the population: {} (given to customers without repeat purchases).",
            format::money(value)
        ),
        format!("总体平均客单价：{}（没有复购的客户按此估计）。", format::money(value)),
    )
}

pub fn clv_correlation_warning(correlation: f64, lang: Lang) -> String {
    en_zh(
        lang,
        format!(
            "The spend model assumes order values do not depend on how often people buy, but here they correlate ({}): read order values and CLV with care.",
            format::fixed(correlation, 2)
        ),
        format!("消费模型假设客单价与购买频率无关，但这里两者相关（相关系数 {}）：请谨慎解读客单价和 CLV。", format::fixed(correlation, 2)),
    )
}

pub fn clv_horizon_sentence(horizon_months: u32, monthly_rate: f64, margin_percent: f64, lang: Lang) -> String {
    en_zh(
        lang,
        format!(
            "CLV: expected margin over the next {horizon_months} months at {} margin, discounted by {} a month.",
            format::percent(margin_percent),
            format::percent(monthly_rate * 100.0)
        ),
        format!(
            "CLV：未来 {horizon_months} 个月的预期利润（利润率 {}），按每月 {} 折现。",
            format::percent(margin_percent),
            format::percent(monthly_rate * 100.0)
        ),
    )
}

pub fn clv_holdout_sentence(duration: f64, unit: &str, actual: u64, expected: f64, lang: Lang) -> String {
    let difference = if actual > 0 { (expected - actual as f64) / actual as f64 } else { f64::NAN };
    en_zh(
        lang,
        format!(
            "Over the {} {unit} of holdout these customers made {} purchases; the model expected {} ({}).",
            format::quantity(duration),
            format::count(actual as usize),
            format::fixed(expected, 1),
            format::signed(difference * 100.0, format::percent)
        ),
        format!(
            "在 {} {unit}的验证期内，这些客户共购买 {} 次；模型预期 {} 次（{}）。",
            format::quantity(duration),
            format::count(actual as usize),
            format::fixed(expected, 1),
            format::signed(difference * 100.0, format::percent)
        ),
    )
}

pub fn clv_top_intro(horizon_months: u32, lang: Lang) -> String {
    en_zh(
        lang,
        format!("Highest CLV over the next {horizon_months} months, with what it is made of."),
        format!("未来 {horizon_months} 个月 CLV 最高的客户及其构成。"),
    )
}

pub fn spend_model_skipped(skipped: &SpendModelSkipped, lang: Lang) -> String {
    match skipped {
        SpendModelSkipped::NoAmounts => lang
            .pick(
                "The data has no amount column, so order values and CLV cannot be estimated (P(active) and expected purchases can).",
                "数据中没有金额列，无法估计客单价和 CLV（仍活跃概率和预期购买次数仍可计算）。",
            )
            .into(),
        SpendModelSkipped::TooFewPositiveSpenders { usable, needed } => en_zh(
            lang,
            format!("Only {usable} repeat buyers have a positive purchase value; the spend model needs at least {needed}, so there is no CLV."),
            format!("只有 {usable} 位复购客户的消费金额为正；消费模型至少需要 {needed} 位，因此无法计算 CLV。"),
        ),
    }
}

/// One line per group of customers left out of (part of) the models: what they have in common,
/// what it means for them, and how many they are.
pub fn clv_exclusions(e: &Exclusions, lang: Lang) -> Vec<String> {
    let mut out = Vec::new();
    let mut say = |count: u32, en: &str, zh: &str| {
        if count > 0 {
            let n = format::count(count as usize);
            out.push(en_zh(lang, format!("{en}: {n}"), format!("{zh}：{n} 位")));
        }
    };
    say(e.never_purchased, "Never made a purchase (not in the models)", "从未购买（不参与建模）");
    say(
        e.first_purchase_after_calibration,
        "First purchase after the calibration end (not in the models)",
        "校准期截止后才首次购买（不参与建模）",
    );
    say(
        e.spend_not_positive,
        "Mean purchase value of 0 or less after refunds (no order value or CLV)",
        "扣除退款后平均消费金额为 0 或负数（不计算客单价和 CLV）",
    );
    say(
        e.spend_missing,
        "No amount on their repeat purchases (no order value or CLV)",
        "复购记录没有金额（不计算客单价和 CLV）",
    );
    say(
        e.refunds_applied,
        "Refunds lowered their mean purchase value (still included)",
        "退款降低了平均消费金额（仍参与建模）",
    );
    say(
        e.predictions_unavailable,
        "Expected purchases could not be computed (extreme values)",
        "因数值极端无法计算预期购买次数",
    );
    out
}

pub fn published_columns_sentence(columns: &[&str], lang: Lang) -> String {
    let list = columns.join(", ");
    en_zh(
        lang,
        format!("In the data now as {}: {list}. Use them as a tier basis (Scoring model “Single metric”), as a feature, or as a segment source.",
            if columns.len() == 1 { "a column" } else { "columns" }),
        format!("已作为数据列加入：{list}。可用作定级依据（评分模型选“单一指标”）、特征或客群来源。"),
    )
}

pub fn clv_as_of_end_choice(last_day: &str, lang: Lang) -> String {
    en_zh(
        lang,
        format!("Values as of {last_day}, the end of the data: refitted on every purchase (recommended for tiering)"),
        format!("截至数据末尾（{last_day}）的值：用全部购买重新拟合（定级时推荐）"),
    )
}

pub fn clv_as_of_calibration_choice(calibration_day: &str, lang: Lang) -> String {
    en_zh(
        lang,
        format!("Values as of {calibration_day}, the calibration end: exactly the fit checked below"),
        format!("截至校准期截止日（{calibration_day}）的值：即下方检验过的拟合"),
    )
}

pub fn clv_published_sentence(as_of: &str, lang: Lang) -> String {
    en_zh(
        lang,
        format!(
            "The data now has the columns p_alive, expected_purchases and clv, as of {as_of}. Use them as a tier basis (Scoring model “Single metric”), as features or in segments. Customers without a CLV (no purchase before that day) get no score and sit in the lowest tier."
        ),
        format!(
            "数据中已加入 p_alive、expected_purchases、clv 三列（截至 {as_of}）。可用作定级依据（评分模型选“单一指标”）、特征或用于分群。没有 CLV 的客户（该日之前没有购买）没有分数，会被放在最低等级。"
        ),
    )
}

pub fn columns_in_data_sentence(columns: &[&str], lang: Lang) -> String {
    en_zh(
        lang,
        format!("Model columns in the data: {}", columns.join(", ")),
        format!("数据中的模型列：{}", columns.join("、")),
    )
}

pub fn columns_lost_sentence(columns: &[String], lang: Lang) -> String {
    en_zh(
        lang,
        format!(
            "The calculation engine restarted and reloaded your data; the model columns ({}) are being computed again. If one does not come back, use it as a column again.",
            columns.join(", ")
        ),
        format!("计算引擎已重启并重新加载数据，正在重新计算模型列（{}）。如有未恢复的列，请重新将其加入数据。", columns.join("、")),
    )
}

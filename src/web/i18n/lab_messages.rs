//! The model lab's sentences in both languages: field problems, what fitted parameters mean, the
//! lift of a model over its baselines, and the errors of the CLV fit, training sets, models and
//! segments (instead of the engine's English text).

use crate::engine::date::format_date;
use crate::engine::features::catalog::FeatureKey;
use crate::engine::models::clv::{
    ClvError, ClvModel, Exclusions, FittedParams, NonConvergence, SpendModelSkipped, TimeUnit,
};
use crate::engine::models::segments::SegmentError;
use crate::engine::models::supervised::{
    HoldoutPeriods, MetricTable, ModelError, ParamError, TargetKind, TrainingSetError,
};
use crate::web::format;
use crate::web::lab::settings::{range_problem, FieldProblem, TargetChoice};
use crate::web::lab::LabSection;

use super::messages::feature_error;
use super::names::feature_name;
use super::{Lang, T};

fn en_zh(lang: Lang, en: String, zh: String) -> String {
    match lang {
        Lang::En => en,
        Lang::Zh => zh,
    }
}

/// A feature as the engine names it in messages (`monetary`, `column:clv`, or a bare name).
fn feature_text(key: &str, lang: Lang) -> String {
    FeatureKey::try_from(key.to_string()).map(|k| feature_name(&k, lang)).unwrap_or_else(|_| key.to_string())
}

pub fn lab_section_name(section: LabSection, lang: Lang) -> &'static str {
    match section {
        LabSection::Clv => lang.pick("Customer value", "客户价值"),
        LabSection::Predict => lang.pick("Predict value / tiers", "预测价值 / 等级"),
        LabSection::Segments => lang.pick("Segments", "客户分群"),
    }
}

pub fn field_problem(problem: &FieldProblem, lang: Lang) -> String {
    match problem {
        FieldProblem::NotANumber => T::EnterNumber.get(lang).to_string() + lang.pick(".", "。"),
        FieldProblem::NotWhole => lang.pick("Enter a whole number.", "请输入整数。").into(),
        FieldProblem::Between { low, high } => en_zh(
            lang,
            format!("Must be between {} and {}.", format::plain(*low), format::plain(*high)),
            format!("必须在 {} 到 {} 之间。", format::plain(*low), format::plain(*high)),
        ),
        FieldProblem::AtLeast { low } => en_zh(
            lang,
            format!("Must be {} or more.", format::plain(*low)),
            format!("不能小于 {}。", format::plain(*low)),
        ),
        FieldProblem::Above { low } => en_zh(
            lang,
            format!("Must be above {}.", format::plain(*low)),
            format!("必须大于 {}。", format::plain(*low)),
        ),
        FieldProblem::BadDate => lang.pick("Enter a date (year-month-day).", "请输入日期（年-月-日）。").into(),
        FieldProblem::BadMonth => lang.pick("Enter a month (year-month).", "请输入月份（年-月）。").into(),
        FieldProblem::HoldoutNotAfterCalibration => {
            lang.pick("Must be after the calibration end.", "必须晚于校准期截止日。").into()
        }
        FieldProblem::Empty => lang.pick("Must not be empty.", "不能为空。").into(),
        FieldProblem::Duplicate => lang.pick("Same name as another one.", "与其他名称重复。").into(),
        FieldProblem::NoFeatures => lang.pick("Choose at least one feature.", "请至少选择一个特征。").into(),
        FieldProblem::MoreThanFeatures { features } => en_zh(
            lang,
            format!("At most the number of features chosen ({features})."),
            format!("不能超过已选特征数（{features}）。"),
        ),
        FieldProblem::ScenarioInvalid => lang
            .pick(
                "This scenario has problems of its own: fix them in its editor first.",
                "该方案本身有问题：请先在方案编辑器中修正。",
            )
            .into(),
        FieldProblem::NoColumn => {
            lang.pick("The data has no text column to learn from.", "数据中没有可供学习的文本列。").into()
        }
        FieldProblem::FileColumn => lang
            .pick("This is a column of your file: choose another name.", "这是文件中已有的列名，请换一个名称。")
            .into(),
    }
}

pub fn target_choice_name(choice: TargetChoice, a: &str, b: &str, lang: Lang) -> String {
    match choice {
        TargetChoice::HoldoutSpend => lang
            .pick("Spend in the months after a calibration month (recommended)", "校准月之后几个月的消费（推荐）")
            .into(),
        TargetChoice::HoldoutPurchases => {
            lang.pick("Purchases in the months after a calibration month", "校准月之后几个月的购买次数").into()
        }
        TargetChoice::Column => lang.pick("A numeric column or feature", "数值列或指标").into(),
        TargetChoice::TiersA => en_zh(lang, format!("Tiers of scenario A ({a})"), format!("方案 A 的等级（{a}）")),
        TargetChoice::TiersB => en_zh(lang, format!("Tiers of scenario B ({b})"), format!("方案 B 的等级（{b}）")),
        TargetChoice::TextColumn => lang.pick("A text column (e.g. an existing tier)", "文本列（如现有等级）").into(),
    }
}

// ---- customer value -----------------------------------------------------------------------------

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

// ---- trained models ------------------------------------------------------------------------------

pub fn metric_name(metric: &str, lang: Lang) -> String {
    match metric {
        "mae" => lang.pick("Mean absolute error", "平均绝对误差").into(),
        "rmse" => lang.pick("Root mean squared error", "均方根误差").into(),
        "r2" => "R²".into(),
        "accuracy" => lang.pick("Accuracy", "准确率").into(),
        "macro_precision" | "precision" => lang.pick("Precision", "精确率").into(),
        "macro_recall" | "recall" => lang.pick("Recall", "召回率").into(),
        "macro_f1" => "F1".into(),
        "macro_auc" => "AUC".into(),
        other => other.into(),
    }
}

pub fn metric_help(metric: &str, lang: Lang) -> String {
    match metric {
        "mae" => lang.pick("The typical size of a prediction's error, in the target's units.", "预测误差的典型大小，单位与目标相同。").into(),
        "rmse" => lang.pick("Like the mean absolute error, but large misses weigh more.", "与平均绝对误差类似，但对大误差更敏感。").into(),
        "r2" => lang
            .pick("Share of the differences between customers the model explains: 1 is perfect, 0 is no better than the average.", "模型能解释的客户间差异比例：1 为完美，0 表示不比平均值好。")
            .into(),
        _ => String::new(),
    }
}

pub fn baseline_name(baseline: &str, lang: Lang) -> String {
    match baseline {
        "training_mean" => lang.pick("Predicting the average", "预测为平均值").into(),
        "last_period" => lang.pick("Same as the period before", "与上一期相同").into(),
        "majority_class" => lang.pick("Always the most common class", "总是预测最常见类别").into(),
        other => other.into(),
    }
}

fn baseline_phrase(baseline: &str, lang: Lang) -> &'static str {
    match baseline {
        "training_mean" => lang.pick("for predicting the average", "（预测为平均值）"),
        "last_period" => lang.pick("for assuming the previous period repeats", "（假设上一期重演）"),
        "majority_class" => lang.pick("for always predicting the most common class", "（总是预测最常见类别）"),
        _ => "",
    }
}

/// "R² 0.35 vs 0.00 for predicting the average; typical error 120.50 vs 180.20 (33.1 % smaller)".
pub fn regression_lift(table: &MetricTable, lang: Lang) -> String {
    let row = |metric: &str| table.rows.iter().find(|r| r.metric == metric);
    let mut parts = Vec::new();
    if let Some(r2) = row("r2") {
        if let Some(model) = r2.model {
            for (name, baseline) in table.baselines.iter().zip(&r2.baselines) {
                if let Some(b) = baseline {
                    parts.push(format!(
                        "R² {} vs {} {}",
                        format::fixed(model, 2),
                        format::fixed(*b, 2),
                        baseline_phrase(name, lang)
                    ));
                }
            }
        }
    }
    if let (Some(mae), Some(name)) = (row("mae"), table.baselines.first()) {
        if let (Some(model), Some(Some(b))) = (mae.model, mae.baselines.first()) {
            let smaller = if *b > 0.0 { (b - model) / b } else { f64::NAN };
            parts.push(en_zh(
                lang,
                format!(
                    "typical error {} vs {} {} ({} {})",
                    format::fixed(model, 2),
                    format::fixed(*b, 2),
                    baseline_phrase(name, lang),
                    format::share(smaller.abs()),
                    if smaller >= 0.0 { "smaller" } else { "larger" }
                ),
                format!(
                    "平均误差 {} 对比 {}{}（{}{}）",
                    format::fixed(model, 2),
                    format::fixed(*b, 2),
                    baseline_phrase(name, lang),
                    if smaller >= 0.0 { "降低 " } else { "增加 " },
                    format::share(smaller.abs())
                ),
            ));
        }
    }
    let joined = parts.join(lang.pick("; ", "；"));
    match lang {
        Lang::En => {
            let mut text = joined;
            if let Some(first) = text.get(..1) {
                text = first.to_uppercase() + &text[1..];
            }
            text + "."
        }
        Lang::Zh => joined + "。",
    }
}

pub fn classification_lift(table: &MetricTable, classes: &[String], lang: Lang) -> String {
    let _ = classes;
    let Some(row) = table.rows.iter().find(|r| r.metric == "accuracy") else { return String::new() };
    let (Some(model), Some(Some(b))) = (row.model, row.baselines.first()) else { return String::new() };
    let name = table.baselines.first().map(String::as_str).unwrap_or("majority_class");
    en_zh(
        lang,
        format!(
            "Accuracy {} vs {} {}: the model gets {} more of the test customers right.",
            format::share(model),
            format::share(*b),
            baseline_phrase(name, lang),
            format::signed_share_points(model - b)
        ),
        format!(
            "准确率 {} 对比 {}{}：模型多预测对 {} 的测试客户。",
            format::share(model),
            format::share(*b),
            baseline_phrase(name, lang),
            format::signed_share_points(model - b)
        ),
    )
}

pub fn cv_intro(folds: usize, lang: Lang) -> String {
    en_zh(
        lang,
        format!("Mean ± standard deviation over {folds} folds: each fold's customers were predicted by a model trained on the others."),
        format!("{folds} 折的平均值 ± 标准差：每一折的客户都由用其余客户训练的模型来预测。"),
    )
}

pub fn scatter_desc(shown: usize, total: usize, lang: Lang) -> String {
    en_zh(
        lang,
        format!(
            "One dot per test customer ({} of {}). Dots on the line are predicted exactly; above it the model guessed too high.",
            format::count(shown),
            format::count(total)
        ),
        format!(
            "每个点是一位测试客户（显示 {} / {}）。落在线上表示预测准确；在线上方表示预测偏高。",
            format::count(shown),
            format::count(total)
        ),
    )
}

/// The engine's target description ("spend in the 6 months after 2026-04", a feature key, "tier",
/// a column name) as a sentence.
pub fn target_sentence(target: &str, lang: Lang) -> String {
    let holdout = |prefix: &str| -> Option<(String, String)> {
        let rest = target.strip_prefix(prefix)?;
        let (months, month) = rest.split_once(" months after ")?;
        Some((months.to_string(), month.to_string()))
    };
    if let Some((months, month)) = holdout("spend in the ") {
        return en_zh(
            lang,
            format!("Target: each customer's net spend in the {months} months after {month}."),
            format!("目标：每位客户在 {month} 之后 {months} 个月的净消费。"),
        );
    }
    if let Some((months, month)) = holdout("purchases in the ") {
        return en_zh(
            lang,
            format!("Target: each customer's purchases in the {months} months after {month}."),
            format!("目标：每位客户在 {month} 之后 {months} 个月的购买次数。"),
        );
    }
    if target == "tier" {
        return lang
            .pick("Target: each customer's tier at the end of the history.", "目标：每位客户在历史末期的等级。")
            .into();
    }
    let what = feature_text(target, lang);
    en_zh(lang, format!("Target: {what}."), format!("目标：{what}。"))
}

pub fn rows_sentence(rows: usize, train: usize, test: usize, lang: Lang) -> String {
    en_zh(
        lang,
        format!(
            "{} customers learned from and tested on: {} to train, {} to test.",
            format::count(rows),
            format::count(train),
            format::count(test)
        ),
        format!(
            "共 {} 位客户：{} 位用于训练，{} 位用于测试。",
            format::count(rows),
            format::count(train),
            format::count(test)
        ),
    )
}

pub fn without_target_sentence(count: usize, lang: Lang) -> String {
    en_zh(
        lang,
        format!("{} customers left out: they have no value to learn (an empty target).", format::count(count)),
        format!("{} 位客户被排除：没有目标值可供学习。", format::count(count)),
    )
}

pub fn not_yet_sentence(count: usize, lang: Lang) -> String {
    en_zh(
        lang,
        format!(
            "{} customers left out: their first activity is after the calibration month, so they did not exist yet when the prediction would have been made.",
            format::count(count)
        ),
        format!("{} 位客户被排除：他们在校准月之后才首次出现，做预测时还不是客户。", format::count(count)),
    )
}

pub fn periods_sentence(p: &HoldoutPeriods, lang: Lang) -> String {
    en_zh(
        lang,
        format!(
            "Features from {} to {}; target from {} to {}; the “previous period” baseline covers {} months from {}.",
            p.calibration_start, p.calibration_end, p.holdout_start, p.holdout_end, p.baseline_months, p.baseline_start
        ),
        format!(
            "特征区间 {} 至 {}；目标区间 {} 至 {}；“与上一期相同”基准取自 {} 起的 {} 个月。",
            p.calibration_start, p.calibration_end, p.holdout_start, p.holdout_end, p.baseline_start, p.baseline_months
        ),
    )
}

pub fn imputed_sentence(feature: &str, count: usize, median: &str, lang: Lang) -> String {
    en_zh(
        lang,
        format!("“{feature}”: {} missing values filled with the training median {median}.", format::count(count)),
        format!("“{feature}”：{} 个缺失值已用训练集中位数 {median} 填补。", format::count(count)),
    )
}

pub fn segments_k_sentence(k: usize, searched: bool, segments: usize, lang: Lang) -> String {
    let dropped = if segments < k {
        en_zh(
            lang,
            format!(" ({} came out empty and were dropped)", k - segments),
            format!("（其中 {} 个为空，已去掉）", k - segments),
        )
    } else {
        String::new()
    };
    match (searched, lang) {
        (true, Lang::En) => format!("{k} segments separate the customers best (highest silhouette){dropped}."),
        (true, Lang::Zh) => format!("分为 {k} 群时客户区分最清晰（轮廓系数最高）{dropped}。"),
        (false, Lang::En) => format!("{k} segments, as chosen{dropped}."),
        (false, Lang::Zh) => format!("按设定分为 {k} 群{dropped}。"),
    }
}

pub fn segments_ranked_by(ranked_by: &str, lang: Lang) -> String {
    match ranked_by {
        "net_spend" => lang
            .pick(
                "Most valuable first (by mean net spend). Means are in each feature's own units.",
                "按人均净消费从高到低排列；均值为各特征的原始单位。",
            )
            .into(),
        _ => lang
            .pick(
                "Ranked by the features (the data has no spend). Means are in each feature's own units.",
                "按特征综合排序（数据中没有消费金额）；均值为各特征的原始单位。",
            )
            .into(),
    }
}

// ---- errors --------------------------------------------------------------------------------------

pub fn param_field_name(field: &str, lang: Lang) -> String {
    let text = match field {
        "max_depth" => T::ParamMaxDepth,
        "min_samples_leaf" => T::ParamMinLeaf,
        "min_samples_split" => T::ParamMinSplit,
        "n_trees" => T::ParamTrees,
        "features_per_split" => T::ParamFeaturesPerSplit,
        "alpha" => T::ParamAlpha,
        "test_share" => T::ParamTestShare,
        "folds" => T::ParamFolds,
        "importance_repeats" => T::ParamImportanceRepeats,
        "plot_points" => T::ParamPlotPoints,
        "seed" => T::ParamSeed,
        "k" => T::ParamK,
        "min" => T::ParamMinK,
        "max" => T::ParamMaxK,
        "max_iter" => T::ParamMaxIter,
        "restarts" => T::ParamRestarts,
        "silhouette_sample" => T::ParamSilhouetteSample,
        "horizon_months" => T::ClvHorizon,
        "monthly_discount_rate" => T::ClvDiscount,
        "margin_percent" => T::ClvMargin,
        "penalizer" => T::ClvPenalizer,
        other => return other.to_string(),
    };
    text.get(lang).to_string()
}

pub fn param_error(error: &ParamError, lang: Lang) -> String {
    format!(
        "{}{}{}",
        param_field_name(&error.field, lang),
        lang.pick(": ", "："),
        field_problem(&range_problem(error), lang)
    )
}

fn param_errors(errors: &[ParamError], lang: Lang) -> String {
    errors.iter().map(|e| param_error(e, lang)).collect::<Vec<_>>().join(lang.pick("; ", "；"))
}

fn model_label(model: ClvModel, lang: Lang) -> &'static str {
    match model {
        ClvModel::BgNbd => lang.pick("The purchase model (BG/NBD)", "购买模型（BG/NBD）"),
        ClvModel::GammaGamma => lang.pick("The spend model (Gamma-Gamma)", "消费模型（Gamma-Gamma）"),
        ClvModel::ParetoNbd => lang.pick("The purchase model (Pareto/NBD)", "购买模型（Pareto/NBD）"),
        ClvModel::MbgNbd => lang.pick("The purchase model (MBG/NBD)", "购买模型（MBG/NBD）"),
    }
}

pub fn clv_error(error: &ClvError, lang: Lang) -> String {
    match error {
        ClvError::InvalidSetting { field, message } if field == "data" => en_zh(
            lang,
            format!("The data cannot be modelled: {message}"),
            format!("数据无法建模：{message}"),
        ),
        ClvError::Range(error) => en_zh(
            lang,
            format!("“{}” is out of range.", param_field_name(&error.field, lang)),
            format!("“{}”超出允许范围。", param_field_name(&error.field, lang)),
        ),
        ClvError::InvalidSetting { field, .. } => en_zh(
            lang,
            format!("“{}” is out of range.", param_field_name(field, lang)),
            format!("“{}”超出允许范围。", param_field_name(field, lang)),
        ),
        ClvError::NoPurchases => lang.pick("The data has no purchases, so there is nothing to model.", "数据中没有购买记录，无法建模。").into(),
        ClvError::CalibrationEndOutsideData { calibration_end, first_purchase } => en_zh(
            lang,
            format!(
                "The calibration end {} is before the first purchase in the data ({}): choose a later date.",
                format_date(*calibration_end),
                format_date(*first_purchase)
            ),
            format!("校准期截止日 {} 早于数据中的首次购买（{}）：请选择更晚的日期。", format_date(*calibration_end), format_date(*first_purchase)),
        ),
        ClvError::CalibrationEndAfterData { calibration_end, last_event } => en_zh(
            lang,
            format!(
                "The calibration end {} is more than a month after the last event in the data ({}): every customer would look inactive since then. Choose a date up to the end of the data.",
                format_date(*calibration_end),
                format_date(*last_event)
            ),
            format!("校准期截止日 {} 比数据中的最后一条记录（{}）晚一个多月：所有客户都会显得从那以后不再活跃。请选择不晚于数据结束的日期。", format_date(*calibration_end), format_date(*last_event)),
        ),
        ClvError::HoldoutEndNotAfterCalibration { calibration_end, holdout_end } => en_zh(
            lang,
            format!("The holdout end {} must come after the calibration end {}.", format_date(*holdout_end), format_date(*calibration_end)),
            format!("验证期截止日 {} 必须晚于校准期截止日 {}。", format_date(*holdout_end), format_date(*calibration_end)),
        ),
        ClvError::HoldoutEndAfterData { holdout_end, last_event } => en_zh(
            lang,
            format!(
                "The holdout end {} is after the last event in the data ({}): the holdout would count purchases that were never recorded.",
                format_date(*holdout_end),
                format_date(*last_event)
            ),
            format!("验证期截止日 {} 晚于数据中的最后一条记录（{}）：验证期会包含从未记录的购买。", format_date(*holdout_end), format_date(*last_event)),
        ),
        ClvError::TooFewCustomers { customers, needed } => en_zh(
            lang,
            format!("Only {customers} customers bought before the calibration end; the model needs at least {needed}. Choose a later calibration end."),
            format!("校准期截止前只有 {customers} 位客户购买过；模型至少需要 {needed} 位。请选择更晚的校准期截止日。"),
        ),
        ClvError::NoRepeatBuyers { customers } => en_zh(
            lang,
            format!("None of the {customers} customers bought again before the calibration end, so repeat buying cannot be estimated. Choose a later calibration end."),
            format!("{customers} 位客户在校准期截止前都没有复购，无法估计复购行为。请选择更晚的校准期截止日。"),
        ),
        ClvError::NotConverged { model, reason, iterations, .. } => {
            let why = match reason {
                NonConvergence::IterationLimit => lang.pick("it ran out of iterations", "达到了迭代次数上限").to_string(),
                NonConvergence::LineSearchFailed => lang.pick("no step improved the fit any more", "无法再改进拟合").to_string(),
                NonConvergence::ParameterDiverged { name, towards_zero } | NonConvergence::FlatLikelihood { name, towards_zero } => en_zh(
                    lang,
                    format!("parameter {} ran off towards {}: the data do not pin it down", clv_param_symbol(name), if *towards_zero { "0" } else { "infinity" }),
                    format!("参数 {} 趋向{}：数据不足以确定它", clv_param_symbol(name), if *towards_zero { "0" } else { "无穷大" }),
                ),
                NonConvergence::InvalidStart => lang.pick("it could not start from sensible values", "无法从合理的初始值开始").to_string(),
            };
            en_zh(
                lang,
                format!(
                    "{} found no stable answer after {iterations} iterations ({why}). Try a later calibration end, weeks instead of days, or a small penalizer (0.001–0.1).",
                    model_label(*model, lang)
                ),
                format!(
                    "{}在 {iterations} 次迭代后仍未得到稳定结果（{why}）。请尝试更晚的校准期截止日、改用“周”为时间单位，或设置较小的惩罚系数（0.001–0.1）。",
                    model_label(*model, lang)
                ),
            )
        }
    }
}

pub fn training_set_error(error: &TrainingSetError, lang: Lang) -> String {
    match error {
        TrainingSetError::NoFeatures => lang.pick("Choose at least one feature to learn from.", "请至少选择一个用于学习的特征。").into(),
        TrainingSetError::DuplicateFeature { feature } => en_zh(
            lang,
            format!("“{}” is chosen twice.", feature_name(feature, lang)),
            format!("“{}”被选择了两次。", feature_name(feature, lang)),
        ),
        TrainingSetError::TargetAmongFeatures { feature } => en_zh(
            lang,
            format!("“{}” is what the model predicts, so it cannot also be a feature: untick it.", feature_name(feature, lang)),
            format!("“{}”是预测目标，不能同时作为特征：请取消勾选。", feature_name(feature, lang)),
        ),
        TrainingSetError::Feature { error } => feature_error(error, lang),
        TrainingSetError::NeedsEventLog => lang
            .pick("Predicting the months after a calibration month needs an event log with dates; this data is a customer table.", "预测校准月之后的表现需要带日期的行为明细；当前数据是客户表。")
            .into(),
        TrainingSetError::InvalidMonth { month } => {
            en_zh(lang, format!("Month {month} is not between 1 and 12."), format!("月份 {month} 不在 1 到 12 之间。"))
        }
        TrainingSetError::HoldoutMonthsOutOfRange { months } => en_zh(
            lang,
            format!("Predict 1 to 36 months ahead, not {months}."),
            format!("预测月数应为 1 到 36，而不是 {months}。"),
        ),
        TrainingSetError::CalibrationOutOfRange { calibration_end, earliest, latest } => en_zh(
            lang,
            format!("The calibration month cannot be {calibration_end}: with this many months to predict it must be between {earliest} and {latest}."),
            format!("校准月不能是 {calibration_end}：按当前预测月数，它必须在 {earliest} 到 {latest} 之间。"),
        ),
        TrainingSetError::TierCountMismatch { customers, tiers } => en_zh(
            lang,
            format!("{tiers} tiers were given for {customers} customers."),
            format!("为 {customers} 位客户提供了 {tiers} 个等级。"),
        ),
        TrainingSetError::TierOutOfRange { customer_id, tier, names } => en_zh(
            lang,
            format!("Customer {customer_id} has tier {tier} but there are only {names} tier names."),
            format!("客户 {customer_id} 的等级为 {tier}，但只有 {names} 个等级名称。"),
        ),
        TrainingSetError::UnknownClassColumn { name } => en_zh(
            lang,
            format!("There is no text column named “{name}”."),
            format!("没有名为“{name}”的文本列。"),
        ),
        TrainingSetError::TooManyClasses { classes, max } => en_zh(
            lang,
            format!("The target has {classes} different values; at most {max} classes can be learned. Choose a column with fewer values."),
            format!("目标有 {classes} 个不同取值；最多只能学习 {max} 个类别。请选择取值更少的列。"),
        ),
        TrainingSetError::TooFewRows { rows, needed } => en_zh(
            lang,
            format!("Only {rows} customers have a target value; at least {needed} are needed."),
            format!("只有 {rows} 位客户有目标值；至少需要 {needed} 位。"),
        ),
        TrainingSetError::ClassOutOfRange { row, class, classes } => en_zh(
            lang,
            format!("Row {} has class {class} but there are only {classes} class names.", row + 1),
            format!("第 {} 行的类别为 {class}，但只有 {classes} 个类别名称。", row + 1),
        ),
        TrainingSetError::ColumnLengthMismatch { feature, expected, found } => en_zh(
            lang,
            format!("Feature “{}” has {found} values but the target has {expected}.", feature_text(feature, lang)),
            format!("特征“{}”有 {found} 个值，但目标有 {expected} 个。", feature_text(feature, lang)),
        ),
    }
}

pub fn model_error(error: &ModelError, lang: Lang) -> String {
    match error {
        ModelError::InvalidParameters { errors } => param_errors(errors, lang),
        ModelError::WrongTarget { expected: TargetKind::Numeric } => {
            lang.pick("A value model needs a numeric target, not classes.", "价值模型需要数值目标，而不是类别。").into()
        }
        ModelError::WrongTarget { expected: TargetKind::Classes } => lang
            .pick("A tier model needs classes (tiers or a text column) as its target, not a number.", "等级模型需要类别（等级或文本列）作为目标，而不是数值。")
            .into(),
        ModelError::FeatureWithoutValues { feature } => en_zh(
            lang,
            format!("“{}” has no value for any training customer: remove it.", feature_text(feature, lang)),
            format!("“{}”在所有训练客户中都没有值：请去掉该特征。", feature_text(feature, lang)),
        ),
        ModelError::TooFewClasses { classes_in_training } => en_zh(
            lang,
            format!("The training customers hold {classes_in_training} class(es); at least two are needed to learn a tier."),
            format!("训练客户中只有 {classes_in_training} 个类别；学习等级至少需要两个。"),
        ),
        ModelError::NonFinitePrediction => lang
            .pick("The model produced undefined predictions: tick “Standardise features” or choose fewer or other features.", "模型产生了无效的预测值：请勾选“标准化特征”，或减少/更换特征。")
            .into(),
        ModelError::InvalidFormulaInput { column, row: Some(row) } => en_zh(
            lang,
            format!("“{column}” has no usable value in row {}.", row + 1),
            format!("“{column}”第 {} 行没有可用的值。", row + 1),
        ),
        ModelError::InvalidFormulaInput { column, row: None } => en_zh(
            lang,
            format!("“{column}” does not have one value per customer."),
            format!("“{column}”的值数量与客户数不一致。"),
        ),
        ModelError::Library { message } => en_zh(
            lang,
            format!("The model could not be trained on this data ({message})."),
            format!("无法在这份数据上训练模型（{message}）。"),
        ),
    }
}

pub fn segment_error(error: &SegmentError, lang: Lang) -> String {
    match error {
        SegmentError::InvalidParameters { errors } => param_errors(errors, lang),
        SegmentError::NoFeatures => {
            lang.pick("Choose at least one feature to segment by.", "请至少选择一个用于分群的特征。").into()
        }
        SegmentError::Feature { error } => feature_error(error, lang),
        SegmentError::FeatureWithoutValues { feature } => en_zh(
            lang,
            format!("“{}” has no value for any customer: remove it.", feature_text(feature, lang)),
            format!("“{}”在所有客户中都没有值：请去掉该特征。", feature_text(feature, lang)),
        ),
        SegmentError::TooFewCustomers { customers, needed } => en_zh(
            lang,
            format!("{customers} customers cannot form {needed} segments."),
            format!("{customers} 位客户无法分成 {needed} 群。"),
        ),
        SegmentError::Library { message } => en_zh(
            lang,
            format!("k-means could not run on this data ({message})."),
            format!("K 均值无法在这份数据上运行（{message}）。"),
        ),
    }
}

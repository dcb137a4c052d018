//! The trained models in words: metrics, baselines, lift, the training rows and segments.

use crate::engine::models::supervised::{HoldoutPeriods, MetricTable};
use crate::ui::format;

use super::lang::{en_zh, Lang};
use super::names::feature_text;

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

//! The errors of the CLV fit, training sets, models and segments in the reader's language
//! (instead of the engine's English text).

use super::lab_texts::TL;
use crate::engine::date::format_date;
use crate::engine::models::clv::{ClvError, ClvModel, NonConvergence};
use crate::engine::models::segments::SegmentError;
use crate::engine::models::supervised::{ModelError, ParamError, TargetKind, TrainingSetError};
use crate::ui::lab::range_problem;

use super::lab_clv::clv_param_symbol;
use super::lab_fields::field_problem;
use super::lang::{en_zh, Lang};
use super::messages::feature_error;
use super::names::feature_name;
use super::names::feature_text;

pub fn param_field_name(field: &str, lang: Lang) -> String {
    let text = match field {
        "max_depth" => TL::ParamMaxDepth,
        "min_samples_leaf" => TL::ParamMinLeaf,
        "min_samples_split" => TL::ParamMinSplit,
        "n_trees" => TL::ParamTrees,
        "features_per_split" => TL::ParamFeaturesPerSplit,
        "alpha" => TL::ParamAlpha,
        "test_share" => TL::ParamTestShare,
        "folds" => TL::ParamFolds,
        "importance_repeats" => TL::ParamImportanceRepeats,
        "plot_points" => TL::ParamPlotPoints,
        "seed" => TL::ParamSeed,
        "k" => TL::ParamK,
        "min" => TL::ParamMinK,
        "max" => TL::ParamMaxK,
        "max_iter" => TL::ParamMaxIter,
        "restarts" => TL::ParamRestarts,
        "silhouette_sample" => TL::ParamSilhouetteSample,
        "horizon_months" => TL::ClvHorizon,
        "monthly_discount_rate" => TL::ClvDiscount,
        "margin_percent" => TL::ClvMargin,
        "penalizer" => TL::ClvPenalizer,
        "uncertainty_draws" => TL::ClvParameterDraws,
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
        ClvError::InvalidData { message } => en_zh(
            lang,
            format!("The data cannot be modelled: {message}"),
            format!("数据无法建模：{message}"),
        ),
        ClvError::Range(error) => en_zh(
            lang,
            format!("“{}” is out of range.", param_field_name(&error.field, lang)),
            format!("“{}”超出允许范围。", param_field_name(&error.field, lang)),
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

//! Messages that carry values: errors, warnings and validation problems as sentences a marketer reads.

use crate::engine::evaluate::EvaluateError;
use crate::engine::features::activity::ActivityError;
use crate::engine::features::table::FeatureError;
use crate::engine::ingest::IngestError;
use crate::engine::pricing::Warning;
use crate::engine::scenario::{Problem, ProblemKind, ScenarioError};
use crate::ui::format;

use super::lang::Lang;
use super::names::{contribution_label, feature_name, role_name};
use super::texts::T;

pub fn ingest_error(error: &IngestError, lang: Lang) -> String {
    match error {
        IngestError::EmptyFile => lang.pick("The file is empty.", "文件是空的。").into(),
        IngestError::UnreadableWorkbook { detail } => match lang {
            Lang::En => format!(
                "The workbook could not be read ({detail}). If it is password-protected, remove the password; or in Excel choose “Save as → CSV UTF-8” and load that file."
            ),
            Lang::Zh => format!(
                "无法读取该工作簿（{detail}）。如果设置了密码，请先取消密码；或在 Excel 中“另存为 → CSV UTF-8”，再加载该文件。"
            ),
        },
        IngestError::NoSuchSheet { sheet, sheets } => match lang {
            Lang::En => format!("The workbook has no sheet “{sheet}”. Its sheets: {}.", sheets.join(", ")),
            Lang::Zh => format!("工作簿中没有名为“{sheet}”的工作表。现有工作表：{}。", sheets.join("、")),
        },
        IngestError::NotText => lang
            .pick("The file is not a text table (CSV, TSV or TXT).", "该文件不是文本表格（CSV、TSV 或 TXT）。")
            .into(),
        IngestError::NoDataRows => {
            lang.pick("The file has no data rows, only a header or blank lines.", "文件中没有数据行，只有表头或空行。").into()
        }
        IngestError::NoCustomerId => lang
            .pick(
                "No column is marked as “Customer ID”. Pick it in the column list below.",
                "没有任何列被设为“客户 ID”。请在下方的列映射中选择。",
            )
            .into(),
        IngestError::NoTimestamp => lang
            .pick(
                "An event log needs a column marked as “Date / time”.",
                "行为明细需要一列被设为“日期时间”。",
            )
            .into(),
        IngestError::NoMeasures => lang
            .pick(
                "A customer table needs at least one of: total spend, number of orders, number of visits, customer value or points.",
                "客户表至少需要以下一列：累计消费、订单数、访问次数、客户价值或积分。",
            )
            .into(),
        IngestError::DuplicateRole { role, columns } => match lang {
            Lang::En => format!(
                "“{}” is given to several columns ({}); only one column can have it.",
                role_name(*role, lang),
                columns.join(", ")
            ),
            Lang::Zh => format!("“{}”被分配给了多列（{}），只能有一列。", role_name(*role, lang), columns.join("、")),
        },
        IngestError::RoleCountMismatch { expected, found } => match lang {
            Lang::En => format!("The file has {expected} columns but the settings describe {found}. Re-read the file."),
            Lang::Zh => format!("文件有 {expected} 列，但设置中描述了 {found} 列。请重新读取文件。"),
        },
        IngestError::AllRowsDropped => lang
            .pick(
                "Every row was dropped by the chosen rules. Check the column meanings and the missing-value rule.",
                "所有行都被当前规则删除了。请检查列映射和缺失值处理方式。",
            )
            .into(),
        IngestError::Setting { error } => match lang {
            Lang::En => format!("The reading setting {} must be between {} and {}.", error.field, error.min, error.max),
            Lang::Zh => format!("读取设置 {} 必须在 {} 到 {} 之间。", error.field, error.min, error.max),
        },
    }
}

/// `tiers.thresholds.lower_bounds[2]` -> "金牌 Gold · From score" etc., in words.
pub fn field_name(field: &str, tier_names: &[String], lang: Lang) -> String {
    let indices: Vec<usize> =
        field.split('[').skip(1).filter_map(|rest| rest.split(']').next()).filter_map(|i| i.parse().ok()).collect();
    let tier = |i: usize| tier_names.get(i).cloned().unwrap_or_else(|| format!("#{}", i + 1));
    // The path without indices: `tiers.segment_thresholds.overrides.lower_bounds`.
    let path: String = {
        let mut out = String::new();
        let mut skipping = false;
        for c in field.chars() {
            match c {
                '[' => skipping = true,
                ']' => skipping = false,
                _ if !skipping => out.push(c),
                _ => {}
            }
        }
        out
    };
    let tail = path.rsplit('.').next().unwrap_or(&path);
    let label: String = match (path.as_str(), tail) {
        ("name", _) => T::ScenarioName.get(lang).into(),
        ("tiers.names", _) => T::TierName.get(lang).into(),
        ("scoring", _) => T::ScoringSection.get(lang).into(),
        ("scoring.amount", _) => T::WeightAmount.get(lang).into(),
        ("scoring.orders", _) => T::WeightOrders.get(lang).into(),
        ("scoring.interactions", _) => T::WeightInteractions.get(lang).into(),
        ("scoring.weights.weight" | "scoring.terms.weight", _) => T::Weight.get(lang).into(),
        ("scoring.weights.feature" | "scoring.terms.feature" | "scoring.weights" | "scoring.terms", _) => {
            T::Feature.get(lang).into()
        }
        ("scoring.cap_percentile", _) => T::CapPercentile.get(lang).into(),
        ("scoring.intercept", _) => T::Intercept.get(lang).into(),
        ("scoring.prior.strength", _) => T::PriorStrength.get(lang).into(),
        ("scoring.prior.a", _) => "a".into(),
        ("scoring.prior.b", _) => "b".into(),
        ("scoring.positive_weight", _) => T::PositiveWeight.get(lang).into(),
        ("scoring.negative_weight", _) => T::NegativeWeight.get(lang).into(),
        ("tiers.thresholds.lower_bounds", _) => T::LowerBound.get(lang).into(),
        ("tiers.thresholds.percent", _) => T::TargetShare.get(lang).into(),
        ("tiers.thresholds.quantiles", _) => T::Quantile.get(lang).into(),
        ("tiers.retain.lower_bounds", _) => T::RetainBound.get(lang).into(),
        ("tiers.retain.fraction", _) => T::RetainFraction.get(lang).into(),
        ("tiers.window.months", _) => T::WindowMonths.get(lang).into(),
        ("tiers.upgrade.months", _) => T::UpgradeMonths.get(lang).into(),
        ("tiers.downgrade.grace_evaluations", _) => T::GraceEvaluations.get(lang).into(),
        ("tiers.segment_thresholds.source.name", _) => T::SegmentSource.get(lang).into(),
        ("tiers.segment_thresholds.overrides.segment", _) => T::Segment.get(lang).into(),
        ("tiers.segment_thresholds.overrides.lower_bounds", _) => T::LowerBound.get(lang).into(),
        ("points.per_event.points" | "points.per_event.event", _) => T::PointsPerEvent.get(lang).into(),
        ("points.pending_days", _) => T::PendingDays.get(lang).into(),
        ("points.expiry.months", _) => T::ExpiryMonths.get(lang).into(),
        ("points.expiry.years_after", _) => T::ExpiryYears.get(lang).into(),
        ("points.redemption.block", _) => T::RedemptionBlock.get(lang).into(),
        ("points.redemption.percent", _) => T::RedemptionPercent.get(lang).into(),
        ("points.level_bonus.base", _) => T::BonusBase.get(lang).into(),
        ("points.level_bonus.top", _) => T::BonusTop.get(lang).into(),
        ("points.level_bonus.k", _) => T::BonusK.get(lang).into(),
        (_, "discount_percent") => T::Discount.get(lang).into(),
        (_, "points_multiplier") => T::Multiplier.get(lang).into(),
        (_, "gift_cost_per_year") => T::GiftCost.get(lang).into(),
        (_, "per_currency_unit") => T::PointsPerUnit.get(lang).into(),
        (_, "point_cost") => T::PointCost.get(lang).into(),
        (_, "breakage_percent") => T::Breakage.get(lang).into(),
        (_, "shipping_cost_per_order") => T::ShippingCost.get(lang).into(),
        (_, "gross_margin_percent") => T::GrossMargin.get(lang).into(),
        ("benefits", _) => T::BenefitsTitle.get(lang).into(),
        (p, _) if super::qualification::field_label(p, lang).is_some() => {
            super::qualification::field_label(p, lang).unwrap_or_default().into()
        }
        _ => field.into(),
    };
    let last = indices.last().copied();
    match (last, path.as_str()) {
        // Bound `i` belongs to tier `i + 1` (the first tier has no bound).
        (Some(i), p)
            if p.ends_with("lower_bounds") || p.ends_with("retain_bounds") || p == "tiers.thresholds.quantiles" =>
        {
            format!("{} · {label}", tier(i + 1))
        }
        (Some(i), p)
            if p.starts_with("benefits") || p == "tiers.names" || p.ends_with("percent") || p.ends_with(".k") =>
        {
            format!("{} · {label}", tier(i))
        }
        (Some(i), _) => format!("{label} {}", i + 1),
        (None, _) => label,
    }
}

/// What is wrong with a field, without naming the field (shown right next to it).
pub fn problem_text(problem: &Problem, lang: Lang) -> String {
    match &problem.kind {
        ProblemKind::Empty => lang.pick("Must not be empty.", "不能为空。").into(),
        ProblemKind::Duplicate if problem.field.starts_with("tiers.names") => {
            lang.pick("Same name as another tier.", "与其他等级重名。").into()
        }
        ProblemKind::Duplicate => lang.pick("Repeats an entry above.", "与上面的条目重复。").into(),
        ProblemKind::NotANumber => T::EnterNumber.get(lang).to_string() + lang.pick(".", "。"),
        ProblemKind::Negative => lang.pick("Must not be negative.", "不能为负数。").into(),
        ProblemKind::AllWeightsZero => {
            lang.pick("At least one weight must be above zero.", "至少一个权重需要大于 0。").into()
        }
        ProblemKind::NotIncreasing => {
            lang.pick("Must be higher than the bound of the tier below.", "必须高于下一级的门槛。").into()
        }
        ProblemKind::TierCount { min, max } => match lang {
            Lang::En => format!("Use between {min} and {max} tiers."),
            Lang::Zh => format!("等级数需在 {min} 到 {max} 个之间。"),
        },
        ProblemKind::Count { expected, found } => match lang {
            Lang::En => format!("Needs {expected} values, has {found}."),
            Lang::Zh => format!("需要 {expected} 个值，当前有 {found} 个。"),
        },
        ProblemKind::OutOfRange { min, max } => match lang {
            Lang::En => format!("Must be between {} and {}.", format::plain(*min), format::plain(*max)),
            Lang::Zh => format!("必须在 {} 到 {} 之间。", format::plain(*min), format::plain(*max)),
        },
        ProblemKind::SharesDoNotSum { sum } => match lang {
            Lang::En => format!("Shares add up to {}, not 100 %.", format::percent(*sum)),
            Lang::Zh => format!("占比合计为 {}，而不是 100 %。", format::percent(*sum)),
        },
        ProblemKind::RetainAboveEntry => {
            lang.pick("Must not be above the score needed to enter this tier.", "不能高于进入该等级所需的分数。").into()
        }
    }
}

/// A problem with its field named, for lists away from the field (imports, error banner).
pub fn problem_with_field(problem: &Problem, tier_names: &[String], lang: Lang) -> String {
    format!("{}: {}", field_name(&problem.field, tier_names, lang), problem_text(problem, lang))
}

pub fn scenario_error(error: &ScenarioError, lang: Lang) -> String {
    match error {
        ScenarioError::Syntax { line, message } => match lang {
            Lang::En => format!("The file is not valid JSON (line {line}): {message}"),
            Lang::Zh => format!("文件不是有效的 JSON（第 {line} 行）：{message}"),
        },
        ScenarioError::NotAScenario => {
            lang.pick("This is not a TierLab scenario file.", "这不是 TierLab 方案文件。").into()
        }
        ScenarioError::UnsupportedVersion { found, supported } => match lang {
            Lang::En => format!("Scenario version {found} is newer than this TierLab understands (up to {supported})."),
            Lang::Zh => format!("方案版本 {found} 高于当前 TierLab 支持的版本（最高 {supported}）。"),
        },
        ScenarioError::Shape { message } => match lang {
            Lang::En => format!("Some fields of the scenario file are missing or wrong: {message}"),
            Lang::Zh => format!("方案文件中有字段缺失或格式错误：{message}"),
        },
        ScenarioError::Invalid(problems) => {
            let list: Vec<String> = problems.iter().map(|p| problem_with_field(p, &[], lang)).collect();
            list.join(lang.pick("; ", "；"))
        }
    }
}

pub fn activity_error(error: &ActivityError, lang: Lang) -> String {
    match error {
        ActivityError::MissingColumns { needed } => {
            let names: Vec<&str> = needed.iter().map(|r| role_name(*r, lang)).collect();
            match lang {
                Lang::En => format!(
                    "Customers cannot be scored: mark at least one of these columns on the Data tab: {}.",
                    names.join(", ")
                ),
                Lang::Zh => format!("无法为客户评分：请在“数据”页将以下至少一列设好含义：{}。", names.join("、")),
            }
        }
    }
}

pub fn unknown_customer(id: &str, lang: Lang) -> String {
    match lang {
        Lang::En => format!("No customer with id “{id}” in the loaded data."),
        Lang::Zh => format!("已加载的数据中没有 ID 为“{id}”的客户。"),
    }
}

pub fn feature_error(error: &FeatureError, lang: Lang) -> String {
    match error {
        FeatureError::Unavailable { feature, needs } => match lang {
            Lang::En => format!(
                "“{}” needs a “{}” column, which this data does not have. Pick another feature, or mark the column on the Data tab.",
                feature_name(feature, lang),
                role_name(*needs, lang)
            ),
            Lang::Zh => format!(
                "“{}”需要“{}”列，而当前数据中没有。请换一个指标，或在“数据”页设好该列的含义。",
                feature_name(feature, lang),
                role_name(*needs, lang)
            ),
        },
        FeatureError::UnknownColumn { name } => match lang {
            Lang::En => format!("There is no numeric column named “{name}” in this data."),
            Lang::Zh => format!("当前数据中没有名为“{name}”的数值列。"),
        },
        FeatureError::NeedsEventLog { feature } => match lang {
            Lang::En => format!(
                "“{}” is counted from events over time, so it needs an event log with dates (this data is a customer table).",
                feature_name(feature, lang)
            ),
            Lang::Zh => format!(
                "“{}”需要按时间统计行为，因此需要带日期的行为明细（当前数据是客户表）。",
                feature_name(feature, lang)
            ),
        },
    }
}

pub fn evaluate_error(error: &EvaluateError, lang: Lang) -> String {
    match error {
        EvaluateError::Feature { error } => feature_error(error, lang),
        EvaluateError::Activity { error } => activity_error(error, lang),
        EvaluateError::UnknownSegmentColumn { name } => match lang {
            Lang::En => format!("There is no text column named “{name}” to segment customers by."),
            Lang::Zh => format!("没有名为“{name}”的文本列，无法按它划分客户群。"),
        },
    }
}

pub fn warning_text(warning: &Warning, lang: Lang) -> String {
    match warning {
        Warning::TopTierDilution { tier, share } => match lang {
            Lang::En => format!(
                "The top tier “{tier}” holds {} of customers. Above 10–15 % a status tier stops feeling exclusive.",
                format::share(*share)
            ),
            Lang::Zh => format!(
                "最高等级“{tier}”占客户的 {}。超过 10–15 % 时，高等级会失去稀缺感。",
                format::share(*share)
            ),
        },
        Warning::EmptyTier { tier } => match lang {
            Lang::En => format!("No customer reaches “{tier}”. Lower its threshold or drop the tier."),
            Lang::Zh => format!("没有客户达到“{tier}”。请降低门槛或删除该等级。"),
        },
        Warning::SharesMissedByTies { tier, target, actual } => match lang {
            Lang::En => format!(
                "“{tier}” was meant to hold {} but holds {}: many customers have exactly the same score and stay together.",
                format::share(*target),
                format::share(*actual)
            ),
            Lang::Zh => format!(
                "“{tier}”的目标占比为 {}，实际为 {}：很多客户分数完全相同，只能划入同一等级。",
                format::share(*target),
                format::share(*actual)
            ),
        },
        Warning::OneFeatureDominates { feature, share } => match lang {
            Lang::En => format!(
                "“{}” makes up {} of the score, so the other weights barely matter. Lower its weight, or use the weighted behaviour score, which puts every feature on the same 0–10 scale.",
                contribution_label(feature, lang),
                format::share(*share)
            ),
            Lang::Zh => format!(
                "“{}”占分数的 {}，其他权重几乎不起作用。请降低它的权重，或改用加权行为评分（所有指标统一换算到 0–10 分）。",
                contribution_label(feature, lang),
                format::share(*share)
            ),
        },
        Warning::BenefitsExceedMargin { cost, gross_margin } => match lang {
            Lang::En => format!(
                "Benefits cost {} but the gross margin is only {}: the scheme loses money.",
                format::money(*cost),
                format::money(*gross_margin)
            ),
            Lang::Zh => format!(
                "权益成本为 {}，但毛利只有 {}：该方案会亏损。",
                format::money(*cost),
                format::money(*gross_margin)
            ),
        },
        Warning::FlaggedHeldAtBase { customers } => match lang {
            Lang::En => format!(
                "{customers} flagged customers are kept out of tiering: they stay in the lowest tier (their purchases still count) and do not move the bounds."
            ),
            Lang::Zh => format!("{customers} 名被风控标记的客户不参与分级：他们留在最低等级（消费照常计入），也不影响门槛。"),
        },
    }
}

/// Row/column location of a validation example: "line 12 · amount".
pub fn line_label(line: usize, lang: Lang) -> String {
    match lang {
        Lang::En => format!("line {}", format::count(line)),
        Lang::Zh => format!("第 {} 行", format::count(line)),
    }
}

/// Tier count in the editor header: "4 tiers".
pub fn tier_count_label(count: usize, lang: Lang) -> String {
    match lang {
        Lang::En => format!("{count} tiers"),
        Lang::Zh => format!("{count} 个等级"),
    }
}

//! The words in the file: headers, the basis of the spend-to-next-tier figure and risk-flag reasons,
//! in English or Chinese. (The page and the CLI translate typed results themselves; a file leaves
//! the program, so its words are written here.)

use super::columns::Column;
use super::list::{Language, MemberList, SpendBasis};
use crate::engine::date::format_date;
use crate::engine::risk::{Flag, FlagDetail, FlagKind, RefundBasis};

fn pick(language: Language, en: &'static str, zh: &'static str) -> &'static str {
    match language {
        Language::En => en,
        Language::Zh => zh,
    }
}

pub fn yes(language: Language) -> &'static str {
    pick(language, "yes", "是")
}

pub fn spend_basis(basis: SpendBasis, language: Language) -> &'static str {
    match basis {
        SpendBasis::ScoreWeight { .. } => pick(language, "score weight on spend", "按评分中消费的权重"),
        SpendBasis::OwnScorePerSpend => pick(language, "estimate: own score per spend", "估算：按本人每元消费得分"),
    }
}

/// (header, what the column means) of every column.
fn words(list: &MemberList, column: Column) -> (String, &'static str) {
    let language = list.options.language;
    let scheme =
        |s: usize, en: &'static str, zh: &'static str| format!("{} [{}]", pick(language, en, zh), list.schemes[s].name);
    let l = |en, zh| pick(language, en, zh);
    match column {
        Column::Id => (l("customer_id", "客户ID").into(), l("The customer id as in the data.", "数据中的客户 ID。")),
        Column::Score(s) => (
            scheme(s, "score", "分数"),
            l("Score under the scheme over its qualifying window at the end of the history.", "该方案在历史末尾的资格窗口内的分数。"),
        ),
        Column::Tier(s) => (scheme(s, "tier", "等级"), l("Tier held at the end of the history.", "历史末尾所处等级。")),
        Column::Change(s) => (
            scheme(s, "change vs first", "相对首个方案变化"),
            l(
                "Tier position minus the position under the first scheme (+1 = one tier higher); empty when the tier counts differ.",
                "等级位置减去首个方案下的位置（+1 表示高一级）；等级数不同时留空。",
            ),
        ),
        Column::DistanceScore(s) => (
            scheme(s, "to next tier (score)", "距下一级（分数）"),
            l("Score still missing to enter the next tier; empty at the top tier.", "进入下一级还差的分数；最高等级留空。"),
        ),
        Column::DistanceSpend(s) => (
            scheme(s, "to next tier (spend)", "距下一级（消费额）"),
            l(
                "Spend still missing: exact from the score's weight on spend where it has one, otherwise estimated (see the basis column).",
                "还需消费额：评分对消费有固定权重时按权重换算，否则为估算（见依据列）。",
            ),
        ),
        Column::DistanceMeasure(s) => (
            scheme(s, "to next tier (second criterion)", "距下一级（第二条件）"),
            l(
                "Orders or spend (the scheme's second criterion) still missing to enter the next tier; empty at the top tier.",
                "进入下一级在第二定级条件（订单数或消费额）上还差的数量；最高等级留空。",
            ),
        ),
        Column::SpendBasis(s) => (
            scheme(s, "spend basis", "消费额依据"),
            l("How the spend to the next tier was worked out.", "距下一级消费额的计算依据。"),
        ),
        Column::Excluded(s) => (
            scheme(s, "held at base tier (flagged)", "因风控留在最低等级"),
            l(
                "The scheme keeps flagged customers out of tiering: this customer stays in the lowest tier.",
                "该方案不让被标记客户参与分级：此客户留在最低等级。",
            ),
        ),
        Column::PointsBalance(s) => {
            (scheme(s, "points balance", "积分余额"), l("Points held at the end (spendable and pending).", "历史末尾的积分余额（含待生效）。"))
        }
        Column::PointsExpiring(s) => (
            scheme(s, "points expiring in 3 months", "3 个月内到期积分"),
            l(
                "Points of the balance that expire in the 3 months after the history unless redeemed first.",
                "余额中在历史结束后 3 个月内到期的积分（如未先兑换）。",
            ),
        ),
        Column::MonthsInTier(s) => (
            scheme(s, "months in tier", "当前等级月数"),
            l("Months in a row at the end of the history in the current tier.", "截至历史末尾连续处于当前等级的月数。"),
        ),
        Column::PActive => (
            l("P(active)", "活跃概率").into(),
            l("Probability the customer is still active, from the published CLV fit.", "来自已发布 CLV 模型的仍活跃概率。"),
        ),
        Column::Clv => (l("CLV", "客户终身价值").into(), l("Customer value from the published CLV fit.", "来自已发布 CLV 模型的客户价值。")),
        Column::Segment => (l("segment", "客户分群").into(), l("RFM named segment, or the chosen segment column.", "RFM 命名分群，或所选分群列。")),
        Column::RiskFlags => (
            l("risk flags", "风控标记").into(),
            l("Each flag with the figure behind it and its threshold.", "每个标记及其依据数值与阈值。"),
        ),
        Column::NextBestBenefit if list.next_best_benefit.is_none() => (
            l("next best benefit (not computed)", "下一最佳权益（未计算）").into(),
            l(
                "Left empty: run the recommender (tierlab recommend, or members --recommend) to fill it.",
                "留空：运行推荐（tierlab recommend 或 members --recommend）后填写。",
            ),
        ),
        Column::NextBestBenefit => (
            l("next best benefit", "下一最佳权益").into(),
            l(
                "The change to the scheme that the simulation says pays best for the customer's segment; leave as is when none pays for itself.",
                "模拟显示对该客户所在分群收益最高的方案调整；若无调整能覆盖自身成本则维持现状。",
            ),
        ),
    }
}

impl MemberList {
    pub fn header(&self, column: Column) -> String {
        words(self, column).0
    }

    /// (header, meaning) of every column, for the notes sheet.
    pub fn notes(&self) -> Vec<(String, &'static str)> {
        self.columns().into_iter().map(|c| words(self, c)).collect()
    }
}

fn percent(share: f64) -> String {
    format!("{:.1}%", share * 100.0)
}

fn figure(value: f64) -> String {
    if value.fract() == 0.0 && value.abs() < 1e15 {
        format!("{value:.0}")
    } else {
        format!("{value:.2}")
    }
}

/// One flag in words.
pub fn flag(flag: &Flag, language: Language) -> String {
    let zh = language == Language::Zh;
    let (t, f) = (flag.threshold, flag.figure);
    match &flag.detail {
        FlagDetail::Refunds { basis, population_share, .. } => match (basis, zh) {
            (RefundBasis::Orders, false) => format!(
                "refund abuse: {} of orders refunded (threshold {}, population {})",
                percent(f),
                percent(t),
                percent(*population_share)
            ),
            (RefundBasis::Orders, true) => {
                format!(
                    "退款滥用：{} 的订单退款（阈值 {}，总体 {}）",
                    percent(f),
                    percent(t),
                    percent(*population_share)
                )
            }
            (RefundBasis::Amount, false) => format!(
                "refund abuse: {} of the amount refunded (threshold {}, population {})",
                percent(f),
                percent(t),
                percent(*population_share)
            ),
            (RefundBasis::Amount, true) => {
                format!(
                    "退款滥用：退款金额占 {}（阈值 {}，总体 {}）",
                    percent(f),
                    percent(t),
                    percent(*population_share)
                )
            }
        },
        FlagDetail::Velocity { window_start, .. } => {
            let day = format_date(*window_start);
            if zh {
                format!("异常频次：{day} 起 24 小时内 {} 笔购买（阈值 {}）", figure(f), figure(t))
            } else {
                format!(
                    "implausible velocity: {} purchases within 24 hours from {day} (threshold {})",
                    figure(f),
                    figure(t)
                )
            }
        }
        FlagDetail::StepBunching { just_above, purchases, step } => {
            if zh {
                format!(
                    "刷积分：{purchases} 笔订单中 {just_above} 笔刚好超过 {} 的整数倍（{}，阈值 {}）",
                    figure(*step),
                    percent(f),
                    percent(t)
                )
            } else {
                format!(
                    "points farming: {just_above} of {purchases} orders just above a multiple of {} ({}, threshold {})",
                    figure(*step),
                    percent(f),
                    percent(t)
                )
            }
        }
        FlagDetail::SplitOrders { orders, .. } => {
            if zh {
                format!("拆单：{} 天把一篮商品拆成多笔小单（共 {orders} 笔；阈值 {} 天）", figure(f), figure(t))
            } else {
                format!("split orders: {} days with one basket paid as several small orders ({orders} orders; threshold {} days)", figure(f), figure(t))
            }
        }
        FlagDetail::ThresholdGaming { bound, score, month, .. } => {
            if zh {
                format!(
                    "卡门槛：{month} 得分 {}，当月越过门槛 {}，仅高出 {:.1}%（阈值 {:.1}%）",
                    figure(*score),
                    figure(*bound),
                    f,
                    t
                )
            } else {
                format!(
                    "threshold gaming: score {} in {month}, {:.1}% above the bound {} crossed that month (threshold {:.1}%)",
                    figure(*score),
                    f,
                    figure(*bound),
                    t
                )
            }
        }
        FlagDetail::Outlier { value, median } => {
            let what = match (flag.kind, zh) {
                (FlagKind::SpendOutlier, false) => "spend outlier",
                (FlagKind::SpendOutlier, true) => "消费额异常",
                (FlagKind::FrequencyOutlier, false) => "purchase count outlier",
                (FlagKind::FrequencyOutlier, true) => "购买次数异常",
                (_, false) => "order value outlier",
                (_, true) => "客单价异常",
            };
            if zh {
                format!("{what}：{}，中位数 {}（稳健 z {:.1}，阈值 {:.1}）", figure(*value), figure(*median), f, t)
            } else {
                format!(
                    "{what}: {} against a median of {} (robust z {:.1}, threshold {:.1})",
                    figure(*value),
                    figure(*median),
                    f,
                    t
                )
            }
        }
    }
}

/// Every flag of a customer, joined.
pub fn flags(flags: &[Flag], language: Language) -> String {
    let separator = if language == Language::Zh { "；" } else { "; " };
    flags.iter().map(|f| flag(f, language)).collect::<Vec<_>>().join(separator)
}

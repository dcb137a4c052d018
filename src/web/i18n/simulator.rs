//! The simulator's words: KPI and assumption names, the sentences that carry its verdicts, its
//! errors, and how a difference between two scenarios is said.

use serde_json::Value;

use crate::engine::roles::EventKind;
use crate::engine::scenario::{
    DowngradeStep, Evaluation, Expiry, Redemption, RetainRule, Scenario, Thresholds, UpgradeRule,
};
use crate::engine::simulate::baseline::BaselineSource;
use crate::engine::simulate::groups::Dimension;
use crate::engine::simulate::kpi::Kpi;
use crate::engine::limits::RangeError;
use crate::engine::simulate::optimise::{OptimiseError, OptimiserSettings};
use crate::engine::simulate::planner::PlanError;
use crate::engine::simulate::SimulateError;
use crate::web::choices::ModelKind;
use crate::web::format;

use super::messages::{evaluate_error, field_name};
use super::names::{downgrade_step_name, evaluation_name, event_kind_name, model_name, segment_label, window_short};
use super::{Lang, T};

pub fn kpi_name(kpi: Kpi, lang: Lang) -> &'static str {
    match kpi {
        Kpi::Revenue => lang.pick("Revenue", "销售额"),
        Kpi::Orders => lang.pick("Orders", "订单数"),
        Kpi::DiscountCost => lang.pick("Discount cost", "折扣成本"),
        Kpi::ShippingCost => lang.pick("Shipping cost", "运费成本"),
        Kpi::GiftCost => lang.pick("Gift cost", "礼品成本"),
        Kpi::PointsCost => lang.pick("Points cost", "积分成本"),
        Kpi::TotalBenefitCost => lang.pick("Total benefit cost", "权益总成本"),
        Kpi::Margin => lang.pick("Margin after benefits", "扣除权益后毛利"),
        Kpi::PointsIssued => lang.pick("Points issued", "发放积分"),
        Kpi::PointsRedeemed => lang.pick("Points redeemed", "兑换积分"),
        Kpi::PointsExpired => lang.pick("Points expired", "过期积分"),
        Kpi::RedemptionCost => lang.pick("Cost of redeemed points", "已兑换积分成本"),
        Kpi::PointsLiability => lang.pick("Points liability", "积分负债"),
        Kpi::ActiveCustomers => lang.pick("Buyers per month", "月均购买客户"),
        Kpi::RetentionRate => lang.pick("Retention", "留存率"),
        Kpi::ConversionRate => lang.pick("Conversion", "转化率"),
        Kpi::BenefitUsageRate => lang.pick("Benefit usage", "权益使用率"),
        Kpi::ProfitContribution => lang.pick("Profit contribution", "利润贡献"),
        Kpi::Upgrades => lang.pick("Upgrades", "升级人次"),
        Kpi::Downgrades => lang.pick("Downgrades", "降级人次"),
    }
}

/// What a KPI means, for its tooltip.
pub fn kpi_help(kpi: Kpi, lang: Lang) -> &'static str {
    match kpi {
        Kpi::PointsCost => lang.pick(
            "Expected cost of the points issued: issued × (1 − breakage) × cost per point.",
            "发放积分的预期成本：发放量 ×（1 − 沉淀率）× 单个积分成本。",
        ),
        Kpi::Margin => lang.pick("Revenue × gross margin − benefit cost.", "销售额 × 毛利率 − 权益成本。"),
        Kpi::PointsLiability => lang.pick(
            "Points still owed at the end × cost per point × (1 − breakage).",
            "期末尚未兑付的积分 × 单个积分成本 ×（1 − 沉淀率）。",
        ),
        Kpi::ActiveCustomers => lang.pick("Customers buying in an average month.", "平均每月有购买的客户数。"),
        Kpi::RetentionRate => lang.pick(
            "Share of customers active at the start who are still active at the end.",
            "期初活跃的客户中，期末仍然活跃的比例。",
        ),
        Kpi::ConversionRate => lang.pick("Share of customers who bought at least once.", "至少购买过一次的客户比例。"),
        Kpi::BenefitUsageRate => lang.pick(
            "Share of members entitled to a benefit who used one (a discount, free shipping or points).",
            "有权益的会员中实际使用过权益（折扣、包邮或积分）的比例。",
        ),
        Kpi::ProfitContribution => lang.pick("Member spend minus the benefit cost.", "会员消费减去权益成本。"),
        Kpi::Upgrades | Kpi::Downgrades => lang.pick(
            "Tier moves over the horizon, counted each time a customer moves.",
            "模拟期内的等级变动，每变动一次计一次。",
        ),
        _ => "",
    }
}

/// How an assumption's value is entered and shown.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum AssumptionUnit {
    /// A 0-1 fraction entered in percent; `signed` effects show their direction (+20 %, −15 %).
    Percent {
        signed: bool,
    },
    /// A plain factor (elasticity 2.6, heavy buyers ×0.2).
    Factor,
    Months,
}

pub fn assumption_unit(key: &str) -> AssumptionUnit {
    match key {
        "goal_gradient" | "demotion_effect" | "post_upgrade_dip" => AssumptionUnit::Percent { signed: true },
        "discount_frequency_share" | "churn_reduction" => AssumptionUnit::Percent { signed: false },
        "response_fade_months" | "demotion_months" => AssumptionUnit::Months,
        _ => AssumptionUnit::Factor,
    }
}

/// The value as typed into the field (percent units for fractions, without float noise).
pub fn assumption_input(key: &str, value: f64) -> f64 {
    match assumption_unit(key) {
        AssumptionUnit::Percent { .. } => (value * 100.0 * 1e9).round() / 1e9,
        _ => value,
    }
}

/// The engine's value for what was typed.
pub fn assumption_from_input(key: &str, typed: f64) -> f64 {
    match assumption_unit(key) {
        AssumptionUnit::Percent { .. } => typed / 100.0,
        _ => typed,
    }
}

/// `+20 %`, `2.6`, `×0.2`, `7.5 months`; the economics sensitivity varies as they are entered
/// (`25 %` breakage, `0.01` per point).
pub fn assumption_value(key: &str, value: f64, lang: Lang) -> String {
    if matches!(key, "points.breakage_percent" | "economics.gross_margin_percent") {
        return format!("{} %", format::plain(value));
    }
    match assumption_unit(key) {
        AssumptionUnit::Percent { signed: true } => {
            format::signed(value * 100.0, |v| format!("{} %", format::plain(v)))
        }
        AssumptionUnit::Percent { signed: false } => format!("{} %", format::plain(value * 100.0)),
        AssumptionUnit::Factor if times_factor(key) => format!("×{}", format::plain(value)),
        AssumptionUnit::Factor => format::plain(value),
        AssumptionUnit::Months => match lang {
            Lang::En => format!("{} months", format::plain(value)),
            Lang::Zh => format!("{} 个月", format::plain(value)),
        },
    }
}

/// The unit shown inside the field.
pub fn assumption_suffix(key: &str, lang: Lang) -> Option<&'static str> {
    match assumption_unit(key) {
        AssumptionUnit::Percent { .. } => Some("%"),
        AssumptionUnit::Months => Some(lang.pick("mo", "月")),
        AssumptionUnit::Factor if times_factor(key) => Some("×"),
        AssumptionUnit::Factor => None,
    }
}

/// Factors shown as "×0.5".
fn times_factor(key: &str) -> bool {
    matches!(key, "heavy_buyer_response" | "points_perceived_value" | "head_start_lift")
}

pub fn assumption_name(key: &str, lang: Lang) -> &'static str {
    match key {
        "goal_gradient" => lang.pick("Goal gradient", "目标渐近效应"),
        "discount_elasticity" => lang.pick("Discount elasticity", "折扣价格弹性"),
        "discount_frequency_share" => lang.pick("Truly extra purchases", "真正新增的购买"),
        "demotion_effect" => lang.pick("Effect of a demotion", "降级的影响"),
        "heavy_buyer_response" => lang.pick("Response of heavy buyers", "重度买家的反应"),
        "response_fade_months" => lang.pick("Fading of the response", "效果衰减"),
        "post_upgrade_dip" => lang.pick("Dip after an upgrade", "升级后的回落"),
        "churn_reduction" => lang.pick("Fewer customers lost", "流失减少"),
        "points_perceived_value" => lang.pick("Perceived value of points", "积分的感知价值"),
        "head_start_lift" => lang.pick("Pull of a head start", "起步优势的拉动"),
        "demotion_months" => lang.pick("How long a demotion hurts", "降级影响持续时间"),
        "points.breakage_percent" => lang.pick("Points never redeemed", "积分未兑换率"),
        "economics.gross_margin_percent" => lang.pick("Gross margin", "毛利率"),
        "points.point_cost" => lang.pick("Cost of a redeemed point", "每积分兑换成本"),
        "economics.shipping_cost_per_order" => lang.pick("Shipping cost per order", "每单运费成本"),
        _ => lang.pick("Unknown assumption", "未知假设"),
    }
}

pub fn assumption_explanation(key: &str, lang: Lang) -> &'static str {
    match key {
        "goal_gradient" => lang.pick(
            "Customers buy more often as they get close to the next tier: up to this much more right before the threshold.",
            "客户越接近下一等级，购买越频繁：在达到门槛前最多提高这么多。",
        ),
        "discount_elasticity" => lang.pick(
            "How much a discount lifts sales: a 5 % discount lifts sales by this × 5 % (2.6 → +13 %).",
            "折扣对销量的拉动：5 % 的折扣使销量提高 该值 × 5 %（2.6 → +13 %）。",
        ),
        "discount_frequency_share" => lang.pick(
            "Of the extra sales a discount brings, the share that is genuinely new buying; the rest is customers switching brands or buying earlier, which the shop would have had anyway.",
            "折扣带来的额外销量中真正新增购买的比例；其余是客户换品牌或提前购买，本来就会发生。",
        ),
        "demotion_effect" => lang.pick(
            "Change in buying after a customer is moved down a tier, compared with never having been promoted.",
            "客户被降级后购买的变化（与从未升级相比）。",
        ),
        "heavy_buyer_response" => lang.pick(
            "Heavy buyers (the top fifth) barely change their habits: they respond this much compared with everyone else (×0.2 = a fifth as much).",
            "重度买家（消费最高的 20 %）几乎不改变购买习惯：他们的反应是其他客户的这么多倍（×0.2 = 五分之一）。",
        ),
        "response_fade_months" => lang.pick(
            "The extra buying a scheme causes wears off over about this many months (0 = it never fades).",
            "方案带来的额外购买大约在这么多个月内逐渐消退（0 = 不消退）。",
        ),
        "post_upgrade_dip" => lang.pick(
            "In the month after an upgrade customers buy a little less (the goal is reached) — still more than before, thanks to the new tier's benefits.",
            "升级后的一个月客户购买略有减少（目标已达成），但因新等级的权益仍高于原来的水平。",
        ),
        "churn_reduction" => lang.pick(
            "How much membership lowers the chance that a customer stops buying. No study gives a reliable figure, so it starts at 0.",
            "会员身份使客户停止购买的概率降低多少。没有研究给出可靠数值，因此默认为 0。",
        ),
        "points_perceived_value" => lang.pick(
            "Points earned on an order pull like a discount of their redeemed value, weighed by this factor: later, conditional rewards count for less than money off now (×0.5 = half as much).",
            "订单获得的积分按其兑换价值像折扣一样拉动购买，再乘以该系数：延后且有条件的奖励不如立即减价（×0.5 = 一半）。",
        ),
        "head_start_lift" => lang.pick(
            "Members given a head start toward the next tier feel its pull this many times as strongly until they reach it.",
            "获得起步优势的会员在达到下一等级之前，感受到的目标拉动是平时的这么多倍。",
        ),
        "demotion_months" => lang.pick(
            "After a demotion, customers buy less for this many months, then as before.",
            "降级后客户在这么多个月内购买减少，之后恢复。",
        ),
        _ => "",
    }
}

/// Where the default comes from, in the reader's language (the citations stay as published).
pub fn assumption_source(key: &str, lang: Lang) -> &'static str {
    match key {
        "goal_gradient" => lang.pick(
            "Kivetz, Urminsky & Zheng 2006 (JMR): the time between purchases is about 20 % shorter near the reward",
            "Kivetz、Urminsky 与 Zheng 2006（JMR）：接近奖励时购买间隔缩短约 20 %",
        ),
        "discount_elasticity" => lang.pick(
            "Bijmolt, van Heerde & Pieters 2005: meta-analysis of price elasticity",
            "Bijmolt、van Heerde 与 Pieters 2005：价格弹性元分析",
        ),
        "discount_frequency_share" => lang.pick(
            "Gupta 1988; van Heerde, Gupta & Wittink 2003: where the sales bump of a promotion comes from",
            "Gupta 1988；van Heerde、Gupta 与 Wittink 2003：促销带来的销量增长从何而来",
        ),
        "demotion_effect" => lang.pick(
            "Wagner, Hennig-Thurau & Rudolph 2009 (JM): spending after a demotion",
            "Wagner、Hennig-Thurau 与 Rudolph 2009（JM）：降级后的消费",
        ),
        "heavy_buyer_response" => lang.pick(
            "Liu 2007 (JM): heavy buyers barely change; light and moderate buyers respond",
            "Liu 2007（JM）：重度买家几乎不变，轻度和中度买家有反应",
        ),
        "response_fade_months" => lang.pick(
            "Liu 2007; Taylor & Hollenbeck 2021: the effect fades over 6–9 months",
            "Liu 2007；Taylor 与 Hollenbeck 2021：效果在 6–9 个月内消退",
        ),
        "post_upgrade_dip" => lang.pick(
            "Kivetz et al. 2006; Nunes & Drèze 2010: buying dips after a reward but stays above the old level",
            "Kivetz 等 2006；Nunes 与 Drèze 2010：获得奖励后购买回落，但仍高于原水平",
        ),
        "churn_reduction" => lang.pick(
            "No evidence-based default; the case studies' “−15 % churn” is a marketing claim",
            "没有基于证据的默认值；案例中“流失率降低 15 %”属于营销宣传",
        ),
        "points_perceived_value" => lang.pick(
            "Yi & Jeon 2003 (JAMS); Keh & Lee 2006 (J. Retailing): delayed, conditional rewards weigh less; Taylor & Neslin 2005: points pressure exists",
            "Yi 与 Jeon 2003（JAMS）；Keh 与 Lee 2006（J. Retailing）：延后、有条件的奖励权重较低；Taylor 与 Neslin 2005：积分压力存在",
        ),
        "head_start_lift" => lang.pick(
            "Nunes & Drèze 2006 (JCR): an endowed 2 of 10 steps lifted completion from 19 % to 34 %",
            "Nunes 与 Drèze 2006（JCR）：预先给出 10 步中的 2 步使完成率从 19 % 提高到 34 %",
        ),
        "demotion_months" => lang.pick(
            "Wagner, Hennig-Thurau & Rudolph 2009 measured the effect after a demotion; no study shows it permanent",
            "Wagner、Hennig-Thurau 与 Rudolph 2009 测量了降级后的影响；没有研究表明它是永久的",
        ),
        _ => "",
    }
}

pub fn dimension_name(dimension: Dimension, lang: Lang) -> &'static str {
    match dimension {
        Dimension::Gender => lang.pick("Gender", "性别"),
        Dimension::City => lang.pick("City", "城市"),
        Dimension::AgeBand => lang.pick("Age", "年龄段"),
        Dimension::RfmSegment => lang.pick("RFM segment", "RFM 客群"),
    }
}

/// A group as people say it: RFM keys translated, common gender codes in words, age bands with
/// their unit; anything else as the data has it.
pub fn group_label(dimension: Dimension, group: &str, lang: Lang) -> String {
    match dimension {
        Dimension::RfmSegment => segment_label(group, lang),
        Dimension::Gender => match group.trim().to_lowercase().as_str() {
            "女" | "f" | "female" | "woman" | "women" => lang.pick("Women", "女性").into(),
            "男" | "m" | "male" | "man" | "men" => lang.pick("Men", "男性").into(),
            _ => group.to_string(),
        },
        Dimension::City if group == "other" => lang.pick("Other cities", "其他城市").into(),
        Dimension::AgeBand => match (group, lang) {
            ("<25", Lang::En) => "Under 25".into(),
            ("<25", Lang::Zh) => "25 岁以下".into(),
            ("55+", Lang::En) => "55 and over".into(),
            ("55+", Lang::Zh) => "55 岁及以上".into(),
            (band, Lang::En) => band.replace('-', "–"),
            (band, Lang::Zh) => format!("{} 岁", band.replace('-', "–")),
        },
        Dimension::City => group.to_string(),
    }
}

/// A fairness ratio with two decimals; three when two would hide that it is below 0.8 (0.7996 is
/// flagged, and "0.80" next to the flag would contradict it).
pub fn ratio_text(ratio: f64) -> String {
    let two = format::fixed(ratio, 2);
    if ratio < crate::engine::simulate::groups::FAIRNESS_RATIO && two == format::fixed(0.8, 2) {
        format::fixed(ratio, 3)
    } else {
        two
    }
}

/// "Women reach the top tier 0.72× as often as men."
pub fn top_tier_fairness(group: &str, best: &str, ratio: f64, lang: Lang) -> String {
    match lang {
        Lang::En => {
            format!("{group} reach the top tier {}× as often as {}.", ratio_text(ratio), best.to_lowercase())
        }
        Lang::Zh => format!("{group}进入最高等级的比例是{best}的 {} 倍。", ratio_text(ratio)),
    }
}

/// "Women receive 0.75× the benefit value per customer that men receive."
pub fn benefit_fairness(group: &str, best: &str, ratio: f64, lang: Lang) -> String {
    match lang {
        Lang::En => format!(
            "{group} receive {}× the benefit value per customer that {} receive.",
            ratio_text(ratio),
            best.to_lowercase()
        ),
        Lang::Zh => format!("{group}人均获得的权益价值是{best}的 {} 倍。", ratio_text(ratio)),
    }
}

/// "In A, 18.0 % of customers end in the top tier “Diamond” ..."
pub fn dilution_warning(scheme: &str, tier: &str, share: f64, lang: Lang) -> String {
    match lang {
        Lang::En => format!(
            "In {scheme}, {} of customers end in the top tier “{tier}”. Above 10–15 % a status tier stops feeling exclusive.",
            format::share(share)
        ),
        Lang::Zh => format!(
            "在方案 {scheme} 中，{} 的客户最终处于最高等级“{tier}”。超过 10–15 % 时，高等级会失去稀缺感。",
            format::share(share)
        ),
    }
}

pub fn frozen_scores_note(scheme: &str, lang: Lang) -> String {
    match lang {
        Lang::En => format!(
            "{scheme} scores customers against each other (ranks or 0–10 scales over everyone), so simulated purchases cannot move its scores: its tiers change only through downgrades."
        ),
        Lang::Zh => format!(
            "方案 {scheme} 的评分是客户之间相互比较得出的（排名或全体换算的 0–10 分），模拟的购买无法改变其分数：等级只会因降级而变化。"
        ),
    }
}

/// The baseline in words, with the reason when the simple one was used.
pub fn baseline_text(source: BaselineSource, note: Option<&str>, lang: Lang) -> String {
    match source {
        BaselineSource::BgNbd => lang
            .pick(
                "Baseline: each customer's buying, order value and chance of dropping out, fitted to their history (BG/NBD + Gamma-Gamma).",
                "基线：按每位客户的历史拟合其购买频率、客单价和流失概率（BG/NBD + Gamma-Gamma 模型）。",
            )
            .into(),
        BaselineSource::Empirical => {
            let reason = note.map(|n| baseline_reason(n, lang));
            match (lang, reason) {
                (Lang::En, Some(r)) => format!(
                    "Baseline: the simple model (each customer's own purchase rate and order value, nobody drops out), because {r}."
                ),
                (Lang::Zh, Some(r)) => {
                    format!("基线：简单模型（按每位客户自己的购买频率和客单价，不考虑流失），原因：{r}。")
                }
                (Lang::En, None) => {
                    "Baseline: the simple model (each customer's own purchase rate and order value, nobody drops out)."
                        .into()
                }
                (Lang::Zh, None) => "基线：简单模型（按每位客户自己的购买频率和客单价，不考虑流失）。".into(),
            }
        }
    }
}

/// The engine's reason for the simple baseline; the fixed ones in the reader's language, a model
/// fitting message as the engine wrote it.
fn baseline_reason(note: &str, lang: Lang) -> String {
    let note = note.trim().trim_end_matches('.');
    match (note, lang) {
        (n, Lang::Zh) if n.starts_with("a customer table has no") => "客户表没有购买日期，无法拟合 BG/NBD 模型".into(),
        (n, Lang::En) if n.starts_with("a customer table has no") => {
            "a customer table has no purchase dates to fit BG/NBD to".into()
        }
        (n, Lang::Zh) => format!("购买模型无法拟合（{n}）"),
        (n, Lang::En) => format!("the purchase model could not be fitted ({n})"),
    }
}

/// Months in a sentence: "12 months" / "12 个月".
pub fn months_text(months: usize, lang: Lang) -> String {
    match lang {
        Lang::En if months == 1 => "1 month".into(),
        Lang::En => format!("{months} months"),
        Lang::Zh => format!("{months} 个月"),
    }
}

/// The interval in words: "90 % interval 8,100 to 16,400".
pub fn interval_text(level: u32, low: &str, high: &str, lang: Lang) -> String {
    match lang {
        Lang::En => format!("{level} % interval {low} to {high}"),
        Lang::Zh => format!("{level} % 区间 {low} 至 {high}"),
    }
}

/// The verdict on margin: who earns more, by how much, how sure.
pub struct Verdict {
    pub mean: f64,
    pub low: f64,
    pub high: f64,
    pub level: u32,
    pub months: usize,
    /// Share of replications in which B's margin beats A's (ties count half).
    pub b_better: f64,
    pub replications: u32,
}

pub fn verdict_sentence(v: &Verdict, lang: Lang) -> String {
    let money = |x: f64| format::fixed(x, 0);
    let months = months_text(v.months, lang);
    let n = f64::from(v.replications);
    if v.mean == 0.0 && v.low == 0.0 && v.high == 0.0 {
        return match lang {
            Lang::En => format!("A and B earn the same margin over {months} in every simulated future."),
            Lang::Zh => format!("在每一次模拟中，A 与 B 在 {months}内的毛利都相同。"),
        };
    }
    let (winner, loser, amount, low, high, wins) = if v.mean >= 0.0 {
        ("B", "A", v.mean, v.low, v.high, v.b_better * n)
    } else {
        ("A", "B", -v.mean, -v.high, -v.low, (1.0 - v.b_better) * n)
    };
    // Signs only when the interval reaches below zero (the other scheme could be the better one).
    let end = |x: f64| if low < 0.0 { format::signed(x, money) } else { money(x) };
    let interval = interval_text(v.level, &end(low), &end(high), lang);
    let wins = format::plain(wins);
    let replications = v.replications;
    match lang {
        Lang::En => format!(
            "{winner} earns {} more margin than {loser} over {months} ({interval}); {winner} is better in {wins} of {replications} simulated futures.",
            money(amount)
        ),
        Lang::Zh => format!(
            "{winner} 比 {loser} 多赚 {} 毛利（{months}，{interval}）；在 {replications} 次模拟中，{winner} 有 {wins} 次更好。",
            money(amount)
        ),
    }
}

/// Whether the interval settles the question.
pub fn certainty_sentence(low: f64, high: f64, level: u32, lang: Lang) -> String {
    let clear = low > 0.0 || high < 0.0;
    match (clear, lang) {
        (true, Lang::En) => format!("The {level} % interval does not include zero: the difference is clear."),
        (true, Lang::Zh) => format!("{level} % 区间不包含 0：差异是明确的。"),
        (false, Lang::En) => {
            format!("The {level} % interval includes zero: the difference could go either way — a field test would settle it.")
        }
        (false, Lang::Zh) => format!("{level} % 区间包含 0：差异方向并不确定——可以通过实地测试来确认。"),
    }
}

/// What a scheme adds compared with no program, and its return on the benefit cost.
pub fn incremental_sentence(scheme: &str, mean: f64, low: f64, high: f64, roi: f64, level: u32, lang: Lang) -> String {
    let money = |x: f64| format::signed(x, |v| format::fixed(v, 0));
    let interval = interval_text(level, &money(low), &money(high), lang);
    let roi_text = format::fixed(roi, 2);
    match (mean >= 0.0, lang) {
        (true, Lang::En) => format!(
            "Compared with no program, {scheme} adds {} margin ({interval}); ROI {roi_text}: each 1 spent on benefits brings back {roi_text} of extra margin.",
            format::fixed(mean, 0)
        ),
        (false, Lang::En) => format!(
            "Compared with no program, {scheme} loses {} margin ({interval}): its benefits cost more than the extra buying brings (ROI {roi_text}).",
            format::fixed(-mean, 0)
        ),
        (true, Lang::Zh) => format!(
            "与不做会员计划相比，{scheme} 增加毛利 {}（{interval}）；ROI {roi_text}：每投入 1 元权益成本，带回 {roi_text} 元额外毛利。",
            format::fixed(mean, 0)
        ),
        (false, Lang::Zh) => format!(
            "与不做会员计划相比，{scheme} 减少毛利 {}（{interval}）：权益成本高于额外购买带来的收益（ROI {roi_text}）。",
            format::fixed(-mean, 0)
        ),
    }
}

/// The sensitivity analysis's answer to "could the assumptions change the decision?".
pub fn sensitivity_statement(flipping: &[&str], lang: Lang) -> String {
    if flipping.is_empty() {
        return lang
            .pick(
                "No assumption, moved across its plausible range, changes which scheme earns more margin: the decision is robust.",
                "在合理范围内调整任何一个假设，都不会改变哪个方案毛利更高：结论是稳健的。",
            )
            .into();
    }
    match lang {
        Lang::En => format!(
            "Careful: {} can flip the decision within its plausible range — check it before trusting the verdict.",
            flipping.join(", ")
        ),
        Lang::Zh => format!("注意：{} 在合理范围内可能改变结论——请先核实，再采信结果。", flipping.join("、")),
    }
}

pub fn sensitivity_note(replications: u32, lang: Lang) -> String {
    match lang {
        Lang::En => format!(
            "Each assumption is set to its low and then its high value for both schemes and everything is simulated again (17 runs) with {replications} simulated futures each — a quarter of the main run's, at least 3, to keep it quick."
        ),
        Lang::Zh => format!(
            "对两个方案分别把每个假设设为下限和上限并重新模拟（共 17 次），每次 {replications} 次模拟——为了更快，取主模拟次数的四分之一（至少 3 次）。"
        ),
    }
}

/// "The no-program simulation is within 3.1 % of what actually happened ..."
pub fn backtest_sentence(revenue_error: f64, orders_error: f64, months: usize, after: &str, lang: Lang) -> String {
    let size = format::share(revenue_error.abs());
    let revenue = format::signed(revenue_error * 100.0, |v| format!("{} %", format::fixed(v, 1)));
    let orders = format::signed(orders_error * 100.0, |v| format!("{} %", format::fixed(v, 1)));
    let months = months_text(months, lang);
    let close = revenue_error.abs() <= 0.1;
    match (close, lang) {
        (true, Lang::En) => format!(
            "The no-program simulation is within {size} of what actually happened in the {months} after {after} (revenue {revenue}, orders {orders})."
        ),
        (false, Lang::En) => format!(
            "The no-program simulation is {size} off what actually happened in the {months} after {after} (revenue {revenue}, orders {orders}): treat its forecasts with care."
        ),
        (true, Lang::Zh) => format!(
            "在 {after} 之后的 {months}里，无会员计划的模拟与实际情况相差不到 {size}（销售额 {revenue}，订单 {orders}）。"
        ),
        (false, Lang::Zh) => format!(
            "在 {after} 之后的 {months}里，无会员计划的模拟与实际情况相差 {size}（销售额 {revenue}，订单 {orders}）：请谨慎看待其预测。"
        ),
    }
}

pub fn field_test_recommendation(months: u32, per_arm: f64, significance: f64, power: f64, lang: Lang) -> String {
    let per_arm = format::fixed(per_arm, 0);
    let percent = |share: f64| format!("{} %", format::plain(share * 100.0));
    let (significance, power) = (percent(significance), percent(power));
    match lang {
        Lang::En => format!(
            "Run the live test for {} with {per_arm} customers in each arm (A and B) to confirm the difference at {significance} significance with {power} power.",
            months_text(months as usize, lang)
        ),
        Lang::Zh => format!(
            "实地测试需进行 {}，每组（A 组与 B 组）各 {per_arm} 位客户，才能以 {significance} 的显著性水平和 {power} 的检验功效确认差异。",
            months_text(months as usize, lang)
        ),
    }
}

pub fn field_test_too_small(customers: usize, lang: Lang) -> String {
    match lang {
        Lang::En => format!(
            "The simulated difference is too small to confirm in a live test: even the longest test would need more customers than the {} you have.",
            format::count(customers)
        ),
        Lang::Zh => format!(
            "模拟得到的差异太小，实地测试无法确认：即使测试时间最长，所需客户数也超过你现有的 {} 位。",
            format::count(customers)
        ),
    }
}

pub fn simulate_error(error: &SimulateError, lang: Lang) -> String {
    match error {
        SimulateError::Range(RangeError { field, min, max, .. }) => {
            let name = match field.as_str() {
                "months" => lang.pick("Months to simulate", "模拟月数"),
                "replications" => lang.pick("Simulated futures", "模拟次数"),
                other => other,
            };
            match lang {
                Lang::En => format!("{name} must be between {} and {}.", format::plain(*min), format::plain(*max)),
                Lang::Zh => format!("{name}必须在 {} 到 {} 之间。", format::plain(*min), format::plain(*max)),
            }
        }
        SimulateError::Evaluate { which, error } => match lang {
            Lang::En => format!("Scenario {which}: {}", evaluate_error(error, lang)),
            Lang::Zh => format!("方案 {which}：{}", evaluate_error(error, lang)),
        },
        SimulateError::NoCustomers => {
            lang.pick("The data has no customers to simulate.", "数据中没有可以模拟的客户。").into()
        }
        SimulateError::NeedsEventLog => lang
            .pick(
                "A back-test needs an event log with dates; this data is a customer table.",
                "回测需要带日期的行为明细；当前数据是客户表。",
            )
            .into(),
        SimulateError::NoHoldout => lang
            .pick(
                "The calibration date leaves no whole month after it to compare with: choose an earlier date.",
                "校准日期之后没有完整的月份可供比较：请选择更早的日期。",
            )
            .into(),
    }
}

pub fn optimise_error(error: &OptimiseError, lang: Lang) -> String {
    match error {
        OptimiseError::Simulate { error } => simulate_error(error, lang),
        OptimiseError::Range(RangeError { field, .. }) => {
            let name = if field.starts_with(OptimiserSettings::THRESHOLD_SCALE.field) {
                T::OptThresholdScales.get(lang)
            } else if field.starts_with(OptimiserSettings::BENEFIT_SCALE.field) {
                T::OptBenefitScales.get(lang)
            } else {
                field.as_str()
            };
            factor_list_problem(name, lang)
        }
    }
}

/// What a search list must hold (the engine's rule: 1-12 factors within 0-5, thresholds above 0).
pub fn factor_list_problem(name: &str, lang: Lang) -> String {
    match lang {
        Lang::En => {
            format!("{name}: enter 1 to 12 numbers between 0 and 5, separated by commas (threshold factors above 0).")
        }
        Lang::Zh => format!("{name}：请输入 1 到 12 个 0 到 5 之间的数字，用逗号分隔（门槛倍数需大于 0）。"),
    }
}

pub fn plan_error(error: &PlanError, lang: Lang) -> String {
    match error {
        PlanError::Range(RangeError { field, min, max, .. }) => {
            let name = match field.as_str() {
                "significance" => T::Significance.get(lang),
                "power" => T::Power.get(lang),
                other => other,
            };
            let (min, max) = (format::plain(min * 100.0), format::plain(max * 100.0));
            match lang {
                Lang::En => format!("{name} must be between {min} % and {max} %."),
                Lang::Zh => format!("{name}必须在 {min} % 到 {max} % 之间。"),
            }
        }
    }
}

// ---- differences between two scenarios -----------------------------------------------------------

/// The name of a changed setting (`benefits[3].discount_percent` -> "钻石 Diamond · Discount %").
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
        "benefits" => super::tier_count_label(scenario.benefits.len(), lang),
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

/// Under the KPI cards: what the numbers are.
pub fn kpi_intro(level: u32, months: usize, replications: u32, lang: Lang) -> String {
    match lang {
        Lang::En => format!(
            "Totals over {}: the mean of {replications} simulated futures, and below it the range the middle {level} % of them fall in.",
            months_text(months, lang)
        ),
        Lang::Zh => format!(
            "{}合计：{replications} 次模拟的平均值，下方为中间 {level} % 的模拟结果所在范围。",
            months_text(months, lang)
        ),
    }
}

/// "2,000 customers · 12 months from 2026-11 · 20 simulated futures · seed 42".
pub fn run_facts(customers: usize, first: &str, months: usize, replications: u32, seed: u64, lang: Lang) -> String {
    match lang {
        Lang::En => format!(
            "{} customers · {} from {first} · {replications} simulated futures · seed {seed}",
            format::count(customers),
            months_text(months, lang)
        ),
        Lang::Zh => format!(
            "{} 位客户 · 自 {first} 起 {} · {replications} 次模拟 · 随机种子 {seed}",
            format::count(customers),
            months_text(months, lang)
        ),
    }
}

/// "With every assumption as set: B − A margin +12,300."
pub fn sensitivity_base(base: f64, lang: Lang) -> String {
    let value = format::signed(base, |v| format::fixed(v, 0));
    match lang {
        Lang::En => format!("With every assumption as set, B − A margin is {value}; the bars show where it goes when one assumption moves."),
        Lang::Zh => format!("所有假设按当前设置时，B − A 毛利为 {value}；条形表示单个假设变化时它的去向。"),
    }
}

/// Next to the button: how much work it is.
pub fn sensitivity_cost(replications: u32, lang: Lang) -> String {
    match lang {
        Lang::En => format!("17 runs × {replications} simulated futures"),
        Lang::Zh => format!("17 次运行 × {replications} 次模拟"),
    }
}

/// "thresholds ×1.25 · benefits ×0.5"
pub fn candidate_label(threshold: f64, benefit: f64, lang: Lang) -> String {
    match lang {
        Lang::En => format!("thresholds ×{} · benefits ×{}", format::plain(threshold), format::plain(benefit)),
        Lang::Zh => format!("门槛 ×{} · 权益 ×{}", format::plain(threshold), format::plain(benefit)),
    }
}

pub fn optimiser_best(candidate: &str, margin: f64, cost: f64, lang: Lang) -> String {
    let margin = format::signed(margin, |v| format::fixed(v, 0));
    let cost = format::fixed(cost, 0);
    match lang {
        Lang::En => format!(
            "Best within the constraints: {candidate} — incremental margin {margin} for a benefit cost of {cost}."
        ),
        Lang::Zh => format!("满足约束的最佳方案：{candidate}——增量毛利 {margin}，权益成本 {cost}。"),
    }
}

pub fn optimiser_of(letter: &str, lang: Lang) -> String {
    match lang {
        Lang::En => format!("Searched around scheme {letter}."),
        Lang::Zh => format!("围绕方案 {letter} 搜索。"),
    }
}

pub fn optimiser_cost(candidates: usize, replications: u32, lang: Lang) -> String {
    match lang {
        Lang::En => format!("{candidates} candidates × {replications} simulated futures"),
        Lang::Zh => format!("{candidates} 个候选 × {replications} 次模拟"),
    }
}

/// Why a shared link could not be opened.
pub fn link_error(error: &crate::web::share_link::LinkError, lang: Lang) -> String {
    use crate::web::share_link::LinkError;
    match error {
        LinkError::Damaged => lang
            .pick(
                "The link is incomplete or damaged (perhaps cut off when it was pasted). Ask for it again.",
                "链接不完整或已损坏（可能在粘贴时被截断）。请重新获取链接。",
            )
            .into(),
        LinkError::NotAPair => {
            lang.pick("The link does not carry a pair of TierLab scenarios.", "该链接不包含一对 TierLab 方案。").into()
        }
        LinkError::Scenario { which, error } => match lang {
            Lang::En => format!("Scenario {which} in the link: {}", super::scenario_error(error, lang)),
            Lang::Zh => format!("链接中的方案 {which}：{}", super::scenario_error(error, lang)),
        },
    }
}

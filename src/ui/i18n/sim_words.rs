//! The simulator's names: KPIs, assumptions (with units, meanings and sources), groups, fairness
//! and warnings, and the baseline it rests on.

use crate::engine::simulate::baseline::{BaselineSource, FallbackReason};
use crate::engine::simulate::groups::Dimension;
use crate::engine::simulate::kpi::Kpi;
use crate::ui::format;

use super::lab_errors::clv_error;
use super::lang::Lang;
use super::names::{purchase_model_name, segment_label};

pub fn kpi_name(kpi: Kpi, lang: Lang) -> &'static str {
    match kpi {
        Kpi::Revenue => lang.pick("Revenue", "销售额"),
        Kpi::Orders => lang.pick("Orders", "订单数"),
        Kpi::DiscountCost => lang.pick("Discount cost", "折扣成本"),
        Kpi::ShippingCost => lang.pick("Shipping cost", "运费成本"),
        Kpi::GiftCost => lang.pick("Gift cost", "礼品成本"),
        Kpi::CouponCost => super::qualification::coupon_cost_name(lang),
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
pub fn baseline_text(source: BaselineSource, reason: Option<&FallbackReason>, lang: Lang) -> String {
    match source {
        BaselineSource::BgNbd => {
            let text = lang.pick(
                "Baseline: each customer's buying, order value and chance of dropping out, fitted to their history (BG/NBD + Gamma-Gamma).",
                "基线：按每位客户的历史拟合其购买频率、客单价和流失概率（BG/NBD + Gamma-Gamma 模型）。",
            );
            // The model asked for did not fit: say which and why, after the sentence.
            match (reason, lang) {
                (Some(r @ FallbackReason::ModelFailed { .. }), Lang::En) => format!("{text} {}.", upper_first(&baseline_reason(r, lang))),
                (Some(r @ FallbackReason::ModelFailed { .. }), Lang::Zh) => format!("{text}{}。", baseline_reason(r, lang)),
                _ => text.into(),
            }
        }
        BaselineSource::ParetoNbd => lang
            .pick(
                "Baseline: each customer's buying, order value and lifetime (they may drop out at any time), fitted to their history (Pareto/NBD + Gamma-Gamma).",
                "基线：按每位客户的历史拟合其购买频率、客单价和生命周期（任何时刻都可能流失）（Pareto/NBD + Gamma-Gamma 模型）。",
            )
            .into(),
        BaselineSource::MbgNbd => lang
            .pick(
                "Baseline: each customer's buying, order value and chance of dropping out after each purchase, the first one included, fitted to their history (MBG/NBD + Gamma-Gamma).",
                "基线：按每位客户的历史拟合其购买频率、客单价和每次购买（含首次）后的流失概率（MBG/NBD + Gamma-Gamma 模型）。",
            )
            .into(),
        BaselineSource::Empirical => {
            let reason = reason.map(|r| baseline_reason(r, lang));
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

/// The engine's reason for the simple baseline, in the reader's language.
fn upper_first(text: &str) -> String {
    let mut chars = text.chars();
    chars.next().map_or_else(String::new, |first| first.to_uppercase().chain(chars).collect())
}

fn baseline_reason(reason: &FallbackReason, lang: Lang) -> String {
    match (reason, lang) {
        (FallbackReason::NoPurchaseDates, Lang::Zh) => "客户表没有购买日期，无法拟合 BG/NBD 模型".into(),
        (FallbackReason::NoPurchaseDates, Lang::En) => "a customer table has no purchase dates to fit BG/NBD to".into(),
        (FallbackReason::FitFailed { error }, Lang::Zh) => {
            format!("购买模型无法拟合（{}）", clv_error(error, lang).trim_end_matches('。'))
        }
        (FallbackReason::FitFailed { error }, Lang::En) => {
            format!("the purchase model could not be fitted ({})", clv_error(error, lang).trim_end_matches('.'))
        }
        (FallbackReason::ModelFailed { model, error }, Lang::Zh) => format!(
            "{} 无法拟合（{}），因此使用 BG/NBD",
            purchase_model_name(*model),
            clv_error(error, lang).trim_end_matches('。')
        ),
        (FallbackReason::ModelFailed { model, error }, Lang::En) => format!(
            "{} could not be fitted ({}), so BG/NBD is used",
            purchase_model_name(*model),
            clv_error(error, lang).trim_end_matches('.')
        ),
    }
}

//! The words of decision support on the Simulator tab: the optimiser over the whole scheme (its
//! form, the best scheme's changes, the frontier, the fresh-seed check), the next-best benefit of
//! every segment and category affinity. The engine's typed values (changes, violations,
//! recommendations, field paths) become sentences here.

use crate::engine::limits::RangeError;
use crate::engine::optimise::recommend::{BenefitChange, Recommendation};
use crate::engine::optimise::segments::{SegmentChoice, SegmentsError};
use crate::engine::optimise::{OptimiseError, Parameter, RangesError, SchemeChange, Violation};
use crate::engine::scenario::Scenario;
use crate::engine::scoring::rfm::RfmSegment;
use crate::ui::format;

use super::lang::Lang;
use super::names::rfm_segment_name;
use super::operations::segment_default_name;
use super::sim_sentences::simulate_error;
use super::texts::texts;

texts! {
    TO;
    Title => "Scheme optimiser", "方案优化器";
    Intro => "Searches tier bounds, discounts, points multipliers, free shipping and welcome points within the ranges you set, for the highest incremental margin over running no program, under your constraints. Every candidate is simulated on the same futures (common random numbers).",
        "在你设定的范围内搜索等级门槛、折扣、积分倍率、包邮和欢迎积分，在满足约束的前提下使相对不做会员计划的增量毛利最高。所有候选方案都在相同的模拟未来上比较（共同随机数）。";
    SearchAround => "Search around", "围绕方案";
    RangesTitle => "What may change", "可调整的设置";
    Search => "Search", "搜索";
    From => "from", "最小";
    To => "to", "最大";
    Tier => "Tier", "等级";
    TierBound => "Tier bound", "等级门槛";
    TargetShare => "Share of customers (%)", "客户占比（%）";
    Quantile => "Score quantile", "分数分位";
    Discount => "Discount (%)", "折扣（%）";
    Multiplier => "Points multiplier", "积分倍率";
    FreeShippingFrom => "Free shipping from tier (0 = every tier, tier count = none)", "包邮起始等级（0 = 所有等级，等于等级数 = 不包邮）";
    WelcomePoints => "Welcome points", "欢迎积分";
    ConstraintsTitle => "Constraints", "约束条件";
    Budget => "Benefit budget over the horizon (empty = none)", "期内权益预算（留空 = 不限）";
    TopShare => "Top tier at most (% of active members)", "最高等级占比上限（占活跃会员 %）";
    Fairness => "Fairness ratio at least (0-1)", "公平比率下限（0-1）";
    MinMargin => "Margin after benefits at least (empty = none)", "扣除权益后毛利下限（留空 = 不限）";
    ObjectiveTitle => "Objective", "优化目标";
    ObjectiveMean => "Mean incremental margin", "增量毛利均值";
    ObjectiveCautious => "Cautious: a low percentile of the incremental margin", "稳健：增量毛利的较低分位数";
    Percentile => "Percentile (1-50)", "分位数（1-50）";
    PercentileHelp => "5 maximises what the worst twentieth of simulated futures still earns.", "取 5 表示让最差的 5% 模拟未来也尽量赚得多。";
    EffortTitle => "Effort", "搜索强度";
    Futures => "Futures per candidate at first", "每个候选的初始模拟次数";
    Sweeps => "Passes over the settings", "搜索轮数";
    ConfirmFutures => "Fresh futures for the check", "复核用的新模拟次数";
    Months => "Months simulated", "模拟月数";
    Seed => "Seed (same seed, same search)", "随机种子（相同种子，相同结果）";
    Run => "Optimise", "开始优化";
    ResetRanges => "Reset the ranges", "重置范围";
    RangesForOtherScheme => "The ranges were set for a scheme with other tiers: reset them for this one.", "这些范围是按其他等级结构设置的：请为当前方案重置。";
    SharesNote => "Shares of the top tier are of the members still active at the end of the horizon, everywhere on this page.", "本页所有最高等级占比，均以期末仍活跃的会员为分母。";
    BestTitle => "The best scheme found", "找到的最佳方案";
    NoChange => "No change: the current scheme is the best found within the ranges.", "无需调整：在设定范围内，当前方案就是最佳。";
    ChangesTitle => "What changes", "调整内容";
    SureTitle => "How sure the win is", "收益有多确定";
    SureNote => "Re-simulated on futures the search never saw, so the search's luck is not counted as gain.", "在搜索从未用过的模拟未来上重新模拟，避免把搜索的运气算作收益。";
    Current => "Current", "当前方案";
    Best => "Best", "最佳方案";
    IncrementalMargin => "Incremental margin", "增量毛利";
    BenefitCost => "Benefit cost", "权益成本";
    TopTierShare => "Top-tier share", "最高等级占比";
    FairnessRatio => "Fairness ratio", "公平比率";
    MeetsConstraints => "Meets the constraints", "满足约束";
    FairnessNote => "The fairness ratio is the lowest group's (by gender, age band or city) against the rest; the fairness limit counts a group only when its shortfall is clear rather than chance, as the simulator's fairness flags do.",
        "公平比率取最低的人群（按性别、年龄段或城市）与其余人群之比；只有当该人群的差距明确而非偶然时（与模拟器的公平提示相同），才计入公平约束。";
    FrontierTitle => "Cost against margin", "成本与毛利的权衡";
    FrontierDesc => "The candidates no cheaper candidate beats (every constraint met except the budget), with the 90 % interval of their incremental margin.",
        "没有更便宜的候选能超过的方案（除预算外满足所有约束），以及其增量毛利的 90% 区间。";
    FrontierCost => "Benefit cost", "权益成本";
    FrontierMargin => "Incremental margin", "增量毛利";
    LoadAsScheme => "Load as a new scheme", "载入为新方案";
    Loaded => "Added to the scheme list.", "已添加到方案列表。";
    ListFull => "The scheme list is full (six schemes): remove one to add this.", "方案列表已满（六个方案）：请先删除一个。";
    Cancelled => "Cancelled: the best found so far.", "已取消：以下为目前找到的最佳方案。";
    AdviceTitle => "Next-best benefit per segment", "各客群的下一最佳权益";
    AdviceIntro => "For each segment, what each candidate change to the scheme would earn per customer of the segment (margin after benefits, change minus current), simulated on the same futures. The recommendation is the best change that pays for itself.",
        "对每个客群，模拟每项候选权益调整为该客群每位客户带来的毛利变化（扣除权益后，调整后减当前），所有调整在相同的模拟未来上比较。推荐为能自负盈亏的最佳调整。";
    Segments => "Segments", "客群";
    SegmentsRfm => "RFM segments", "RFM 客群";
    SegmentsKmeans => "k-means segments (recency, frequency, spend)", "k-means 客群（最近购买、频次、金额）";
    SegmentsColumn => "A text column", "某个文本列";
    Column => "Column", "列";
    ChooseColumn => "Choose a column", "请选择列";
    AdviceScheme => "Against scheme", "对照方案";
    AdviceRun => "Recommend", "生成推荐";
    Segment => "Segment", "客群";
    Customers => "Customers", "客户数";
    Candidate => "Candidate", "候选调整";
    PerCustomer => "Margin per customer (90 % interval)", "每位客户毛利变化（90% 区间）";
    ChanceBest => "Chance best", "最优概率";
    Recommendation => "Recommendation", "推荐";
    AffinityTitle => "Category affinity", "品类偏好";
    AffinityIntro => "Lift: the segment's share of its purchases in a category divided by everyone's (1 = as the population, 2 = twice as often); purchases in brackets.",
        "提升度：该客群在某品类的购买占比除以全体客户的占比（1 = 与总体相同，2 = 两倍）；括号内为购买次数。";
    Lift => "Lift", "提升度";
    Category => "Category", "品类";
    MemberColumn => "Add the next-best benefit of each customer's segment (first scheme, segments as chosen under Next-best benefit)", "添加每位客户所在客群的下一最佳权益（第一个方案，客群按“下一最佳权益”中的选择）";
}

/// The name a loaded best scheme gets.
pub fn optimised_name(base: &str, lang: Lang) -> String {
    match lang {
        Lang::En => format!("{base} (optimised)"),
        Lang::Zh => format!("{base}（优化）"),
    }
}

fn tier_name(scheme: &Scenario, tier: usize, lang: Lang) -> String {
    scheme.tiers.names.get(tier).cloned().unwrap_or_else(|| match lang {
        Lang::En => format!("tier {}", tier + 1),
        Lang::Zh => format!("第 {} 级", tier + 1),
    })
}

/// "free shipping from Gold up" / "no free shipping".
fn free_shipping_from(scheme: &Scenario, from: f64, lang: Lang) -> String {
    let from = from.round().max(0.0) as usize;
    if from >= scheme.tier_count() {
        lang.pick("no tier", "所有等级都不").to_string()
    } else if from == 0 {
        lang.pick("every tier", "所有等级").to_string()
    } else {
        match lang {
            Lang::En => format!("{} and above", tier_name(scheme, from, lang)),
            Lang::Zh => format!("{}及以上", tier_name(scheme, from, lang)),
        }
    }
}

/// One change of the best scheme in plain words, e.g. "Raise Gold's discount from 3 % to 5 %".
pub fn scheme_change(change: &SchemeChange, scheme: &Scenario, lang: Lang) -> String {
    let up = change.to > change.from;
    let (from, to) = (format::plain(change.from), format::plain(change.to));
    let verb = match (up, lang) {
        (true, Lang::En) => "Raise",
        (false, Lang::En) => "Lower",
        (true, Lang::Zh) => "提高",
        (false, Lang::Zh) => "降低",
    };
    match (change.parameter, lang) {
        (Parameter::Threshold { tier }, Lang::En) => {
            format!("{verb} the bound of {} from {from} to {to}", tier_name(scheme, tier, lang))
        }
        (Parameter::Threshold { tier }, Lang::Zh) => {
            format!("{verb}{}的门槛：{from} → {to}", tier_name(scheme, tier, lang))
        }
        (Parameter::DiscountPercent { tier }, Lang::En) => {
            format!("{verb} the discount of {} from {from} % to {to} %", tier_name(scheme, tier, lang))
        }
        (Parameter::DiscountPercent { tier }, Lang::Zh) => {
            format!("{verb}{}的折扣：{from} % → {to} %", tier_name(scheme, tier, lang))
        }
        (Parameter::PointsMultiplier { tier }, Lang::En) => {
            format!("{verb} the points multiplier of {} from ×{from} to ×{to}", tier_name(scheme, tier, lang))
        }
        (Parameter::PointsMultiplier { tier }, Lang::Zh) => {
            format!("{verb}{}的积分倍率：×{from} → ×{to}", tier_name(scheme, tier, lang))
        }
        (Parameter::FreeShippingFrom, Lang::En) => format!(
            "Free shipping for {} instead of {}",
            free_shipping_from(scheme, change.to, lang),
            free_shipping_from(scheme, change.from, lang)
        ),
        (Parameter::FreeShippingFrom, Lang::Zh) => format!(
            "包邮范围改为{}（原为{}）",
            free_shipping_from(scheme, change.to, lang),
            free_shipping_from(scheme, change.from, lang)
        ),
        (Parameter::WelcomePoints, Lang::En) => format!("{verb} the welcome points from {from} to {to}"),
        (Parameter::WelcomePoints, Lang::Zh) => format!("{verb}欢迎积分：{from} → {to}"),
    }
}

/// A constraint a scheme misses, with the numbers.
pub fn violation(v: &Violation, lang: Lang) -> String {
    match (v, lang) {
        (Violation::Budget { benefit_cost, max }, Lang::En) => {
            format!("over the budget ({} > {})", format::fixed(*benefit_cost, 0), format::fixed(*max, 0))
        }
        (Violation::Budget { benefit_cost, max }, Lang::Zh) => {
            format!("超出预算（{} > {}）", format::fixed(*benefit_cost, 0), format::fixed(*max, 0))
        }
        (Violation::TopTierShare { share, max }, Lang::En) => {
            format!("top tier too large ({} > {})", format::share(*share), format::share(*max))
        }
        (Violation::TopTierShare { share, max }, Lang::Zh) => {
            format!("最高等级占比过高（{} > {}）", format::share(*share), format::share(*max))
        }
        (Violation::Fairness { ratio, min }, Lang::En) => {
            format!("a group clearly served worse (ratio {} < {})", format::fixed(*ratio, 2), format::fixed(*min, 2))
        }
        (Violation::Fairness { ratio, min }, Lang::Zh) => {
            format!("某群体明显被照顾不足（比率 {} < {}）", format::fixed(*ratio, 2), format::fixed(*min, 2))
        }
        (Violation::Margin { margin, min }, Lang::En) => {
            format!("margin below the floor ({} < {})", format::fixed(*margin, 0), format::fixed(*min, 0))
        }
        (Violation::Margin { margin, min }, Lang::Zh) => {
            format!("毛利低于下限（{} < {}）", format::fixed(*margin, 0), format::fixed(*min, 0))
        }
    }
}

/// "Searched 13 settings with 212 candidate simulations; objective: the 5th percentile."
pub fn search_summary(settings: usize, evaluations: usize, percentile: Option<u32>, lang: Lang) -> String {
    match (lang, percentile) {
        (Lang::En, None) => format!(
            "Searched {settings} settings with {evaluations} candidate simulations, for the highest mean incremental margin."
        ),
        (Lang::En, Some(p)) => format!(
            "Searched {settings} settings with {evaluations} candidate simulations, for the highest {p}th percentile of the incremental margin."
        ),
        (Lang::Zh, None) => format!("共搜索 {settings} 项设置、模拟 {evaluations} 个候选，目标为增量毛利均值最高。"),
        (Lang::Zh, Some(p)) => {
            format!("共搜索 {settings} 项设置、模拟 {evaluations} 个候选，目标为增量毛利第 {p} 百分位数最高。")
        }
    }
}

/// The fresh-seed check in one sentence.
pub fn sure_summary(gain: f64, low: f64, high: f64, chance: f64, futures: u32, lang: Lang) -> String {
    let signed = |v: f64| format::signed(v, |x| format::fixed(x, 0));
    let (gain, low, high, chance) = (signed(gain), signed(low), signed(high), format::share(chance));
    match lang {
        Lang::En => format!(
            "On {futures} fresh futures the best scheme earns {gain} more than the current one (90 % interval {low} to {high}) and earns more in {chance} of them."
        ),
        Lang::Zh => format!(
            "在 {futures} 次新的模拟中，最佳方案比当前方案多赚 {gain}（90% 区间 {low} 至 {high}），其中 {chance} 的模拟里更优。"
        ),
    }
}

/// A candidate change of the next-best-benefit table.
pub fn benefit_change(change: &BenefitChange, lang: Lang) -> String {
    let plain = format::plain;
    match (change, lang) {
        (BenefitChange::MoreDiscount { points }, Lang::En) => format!("Discount +{} points", plain(*points)),
        (BenefitChange::MoreDiscount { points }, Lang::Zh) => format!("折扣提高 {} 个百分点", plain(*points)),
        (BenefitChange::FreeShipping, Lang::En) => "Free shipping".into(),
        (BenefitChange::FreeShipping, Lang::Zh) => "包邮".into(),
        (BenefitChange::HigherPointsMultiplier { by }, Lang::En) => format!("Points multiplier +{}", plain(*by)),
        (BenefitChange::HigherPointsMultiplier { by }, Lang::Zh) => format!("积分倍率 +{}", plain(*by)),
        (BenefitChange::WelcomePoints { points, progress_percent }, Lang::En) => {
            format!("{} welcome points and {} % of the way to the next tier", plain(*points), plain(*progress_percent))
        }
        (BenefitChange::WelcomePoints { points, progress_percent }, Lang::Zh) => {
            format!("欢迎积分 {}，并预赠 {} % 升级进度", plain(*points), plain(*progress_percent))
        }
        (BenefitChange::BiggerGift { factor }, Lang::En) => format!("Gifts ×{}", plain(*factor)),
        (BenefitChange::BiggerGift { factor }, Lang::Zh) => format!("礼品预算 ×{}", plain(*factor)),
    }
}

pub fn recommendation(r: &Recommendation, lang: Lang) -> String {
    match r {
        Recommendation::Change { change } => benefit_change(change, lang),
        Recommendation::LeaveAsIs => lang.pick("Leave as is", "维持现状").into(),
    }
}

/// A segment's name: RFM segments by their names in the page's language, others as they are.
pub fn segment_name(name: &str, segments: &SegmentChoice, lang: Lang) -> String {
    match segments {
        SegmentChoice::Rfm => RfmSegment::ALL
            .iter()
            .find(|s| s.key() == name)
            .map_or_else(|| name.to_string(), |s| rfm_segment_name(*s, lang).to_string()),
        // k-means names are the engine's suggestions (top, mid_1, ...).
        SegmentChoice::Kmeans { .. } => segment_default_name(name, lang),
        SegmentChoice::Column { .. } => name.to_string(),
    }
}

/// The label of an optimiser field path (`discount_percent[2].max`, `objective.percentile`).
pub fn optimiser_field_label(field: &str, scheme: &Scenario, lang: Lang) -> String {
    let (head, rest) = field.split_once('.').unwrap_or((field, ""));
    let (name, index) = match head.split_once('[') {
        Some((name, index)) => (name, index.trim_end_matches(']').parse::<usize>().ok()),
        None => (head, None),
    };
    let label = match name {
        "thresholds" => TO::TierBound.get(lang),
        "discount_percent" => TO::Discount.get(lang),
        "points_multiplier" => TO::Multiplier.get(lang),
        "free_shipping_from" => TO::FreeShippingFrom.get(lang),
        "welcome_points" => TO::WelcomePoints.get(lang),
        "objective" => TO::Percentile.get(lang),
        "constraints" => match rest {
            "max_benefit_cost" => TO::Budget.get(lang),
            "max_top_tier_share" => TO::TopShare.get(lang),
            "min_fairness_ratio" => TO::Fairness.get(lang),
            _ => TO::MinMargin.get(lang),
        },
        "search" => match rest {
            "replications" => TO::Futures.get(lang),
            "sweeps" => TO::Sweeps.get(lang),
            "confirm_replications" => TO::ConfirmFutures.get(lang),
            "months" => TO::Months.get(lang),
            _ => "seed",
        },
        other => other,
    };
    // Thresholds are listed from the second tier up.
    let tier = index.map(|i| if name == "thresholds" { i + 1 } else { i });
    let end = match rest {
        "min" => Some(TO::From.get(lang)),
        "max" => Some(TO::To.get(lang)),
        _ => None,
    };
    let mut text = label.to_string();
    if let Some(tier) = tier {
        text = format!("{text} · {}", tier_name(scheme, tier, lang));
    }
    if let Some(end) = end {
        text = format!("{text} ({end})");
    }
    text
}

fn range_problem(error: &RangeError, scheme: &Scenario, lang: Lang) -> String {
    let label = optimiser_field_label(&error.field, scheme, lang);
    let (min, max) = (format::plain(error.min), format::plain(error.max));
    match (lang, error.whole) {
        (Lang::En, true) => format!("{label} must be a whole number from {min} to {max}."),
        (Lang::En, false) => format!("{label} must be a number from {min} to {max}."),
        (Lang::Zh, true) => format!("{label}必须是 {min} 到 {max} 之间的整数。"),
        (Lang::Zh, false) => format!("{label}必须是 {min} 到 {max} 之间的数字。"),
    }
}

/// What is wrong with the ranges, for `scheme`'s tiers.
pub fn ranges_problem(error: &RangesError, scheme: &Scenario, lang: Lang) -> String {
    match error {
        RangesError::Range(range) => range_problem(range, scheme, lang),
        RangesError::Count { .. } => TO::RangesForOtherScheme.get(lang).into(),
        RangesError::Shape { message } => message.clone(),
    }
}

pub fn optimise_error(error: &OptimiseError, lang: Lang) -> String {
    match error {
        OptimiseError::Ranges(error) => ranges_problem(error, &Scenario::template(), lang),
        OptimiseError::NothingToSearch => {
            lang.pick("Tick at least one setting to search.", "请至少勾选一项要搜索的设置。").into()
        }
        OptimiseError::NoValidStart => lang
            .pick(
                "No scheme within the ranges is valid (tier bounds out of order, or target shares over 100 %): narrow the ranges.",
                "范围内没有有效的方案（等级门槛顺序错误或目标占比超过 100%）：请缩小范围。",
            )
            .into(),
        OptimiseError::Simulate { error } => simulate_error(error, lang),
    }
}

pub fn segments_error(error: &SegmentsError, lang: Lang) -> String {
    match (error, lang) {
        (SegmentsError::NoSuchColumn { name }, Lang::En) => {
            format!("There is no text column named “{name}” to segment by.")
        }
        (SegmentsError::NoSuchColumn { name }, Lang::Zh) => format!("没有名为“{name}”的文本列可用于分群。"),
        (SegmentsError::Unavailable { what, message }, Lang::En) => {
            format!("The data lacks what {what} segments need: {message}")
        }
        (SegmentsError::Unavailable { what, message }, Lang::Zh) => {
            format!("数据缺少 {what} 分群所需的内容：{message}")
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::optimise::SearchEffort;

    #[test]
    fn changes_are_said_in_plain_words_in_both_languages() {
        let scheme = Scenario::template();
        let gold = scheme.tiers.names[2].clone();
        let discount = SchemeChange { parameter: Parameter::DiscountPercent { tier: 2 }, from: 5.0, to: 7.5 };
        assert_eq!(
            scheme_change(&discount, &scheme, Lang::En),
            format!("Raise the discount of {gold} from 5 % to 7.5 %")
        );
        assert_eq!(scheme_change(&discount, &scheme, Lang::Zh), format!("提高{gold}的折扣：5 % → 7.5 %"));
        let shipping = SchemeChange { parameter: Parameter::FreeShippingFrom, from: 4.0, to: 2.0 };
        assert_eq!(
            scheme_change(&shipping, &scheme, Lang::En),
            format!("Free shipping for {gold} and above instead of no tier")
        );
        let bound = SchemeChange { parameter: Parameter::Threshold { tier: 3 }, from: 5.0, to: 4.0 };
        assert!(scheme_change(&bound, &scheme, Lang::En).starts_with("Lower the bound of"));
        assert_eq!(recommendation(&Recommendation::LeaveAsIs, Lang::Zh), "维持现状");
        let change = Recommendation::Change { change: BenefitChange::MoreDiscount { points: 2.0 } };
        assert_eq!(recommendation(&change, Lang::En), "Discount +2 points");
        assert_eq!(segment_name("champions", &SegmentChoice::Rfm, Lang::Zh), "重要价值客户");
        assert_eq!(segment_name("North", &SegmentChoice::Column { name: "region".into() }, Lang::Zh), "North");
    }

    #[test]
    fn a_wrong_field_is_named_in_the_readers_words() {
        let scheme = Scenario::template();
        let tier1 = &scheme.tiers.names[1];
        let error = RangesError::Range(
            crate::engine::scenario::limits::DISCOUNT_PERCENT.error_at("discount_percent[1].max", 120.0),
        );
        assert_eq!(
            ranges_problem(&error, &scheme, Lang::En),
            format!("Discount (%) · {tier1} (to) must be a number from 0 to 100.")
        );
        // Thresholds are listed from the second tier: index 0 is the second tier's bound.
        assert!(optimiser_field_label("thresholds[0].min", &scheme, Lang::En).contains(tier1.as_str()));
        let percentile = RangesError::Range(crate::engine::optimise::Objective::PERCENTILE.error(60.0));
        assert_eq!(ranges_problem(&percentile, &scheme, Lang::Zh), "分位数（1-50）必须是 1 到 50 之间的整数。");
        let sweeps = RangesError::Range(SearchEffort::SWEEPS.error(0.0));
        assert_eq!(
            ranges_problem(&sweeps, &scheme, Lang::En),
            "Passes over the settings must be a whole number from 1 to 10."
        );
    }
}

//! The sentences that carry the simulator's verdicts, its settings and its errors.

use crate::engine::limits::RangeError;
use crate::engine::simulate::planner::PlanError;
use crate::engine::simulate::SimulateError;
use crate::ui::format;

use super::lang::Lang;
use super::messages::evaluate_error;
use super::texts::T;

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

/// How much the pre-period adjustment saves at the recommended length.
pub fn field_test_cuped_note(pre_period_months: u32, reduction: f64, per_arm: f64, lang: Lang) -> String {
    let (share, per_arm) = (format::share(reduction), format::fixed(per_arm, 0));
    match lang {
        Lang::En => format!(
            "Analysed with each customer's spend in the {} before the test as a covariate (CUPED, as experimentation platforms do), the test's variance falls by {share}: {per_arm} customers per arm suffice.",
            months_text(pre_period_months as usize, lang)
        ),
        Lang::Zh => format!(
            "以每位客户测试前 {} 的消费作为协变量进行分析（CUPED，实验平台的常用做法），方差降低 {share}：每组 {per_arm} 位客户即可。",
            months_text(pre_period_months as usize, lang)
        ),
    }
}

/// The sample-ratio check the team runs before reading any result.
pub fn field_test_sample_ratio_note(per_arm: f64, range: (f64, f64), lang: Lang) -> String {
    let (per_arm, low, high) = (format::fixed(per_arm, 0), format::fixed(range.0, 0), format::fixed(range.1, 0));
    match lang {
        Lang::En => format!(
            "Before reading any result, check the split: with {per_arm} customers meant for each arm, an arm below {low} or above {high} is a sample-ratio mismatch (p < 0.001 under a fair split): the assignment is broken, so stop and fix it."
        ),
        Lang::Zh => format!(
            "查看任何结果之前先检查分组：每组计划 {per_arm} 位客户，若某组少于 {low} 或多于 {high}，即为样本比例失衡（公平分组下 p < 0.001）：分组机制有问题，应先停下修复。"
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
/// `letters`: the challenger's, then the reference's.
pub fn sensitivity_base(base: f64, [challenger, reference]: [char; 2], lang: Lang) -> String {
    let value = format::signed(base, |v| format::fixed(v, 0));
    match lang {
        Lang::En => format!("With every assumption as set, {challenger} − {reference} margin is {value}; the bars show where it goes when one assumption moves."),
        Lang::Zh => format!("所有假设按当前设置时，{challenger} − {reference} 毛利为 {value}；条形表示单个假设变化时它的去向。"),
    }
}

/// The field-test table's effect column (`letters`: the scheme tested, the reference).
pub fn effect_per_customer([tested, reference]: [char; 2], lang: Lang) -> String {
    match lang {
        Lang::En => format!("{tested} − {reference} margin per customer"),
        Lang::Zh => format!("人均 {tested} − {reference} 毛利"),
    }
}

/// The tornado's title: whose margin difference it shows (`letters`: challenger, reference).
pub fn tornado_title([challenger, reference]: [char; 2], lang: Lang) -> String {
    match lang {
        Lang::En => format!("{challenger} − {reference} margin with each assumption at its low and high value"),
        Lang::Zh => format!("各假设取下限与上限时的 {challenger} − {reference} 毛利"),
    }
}

/// The tornado's axis, with the side of the zero line where the reference earns more.
pub fn tornado_axis([challenger, reference]: [char; 2], lang: Lang) -> String {
    match lang {
        Lang::En => format!("{challenger} − {reference} margin (left of the red line: {reference} earns more)"),
        Lang::Zh => format!("{challenger} − {reference} 毛利（红线左侧：{reference} 赚得更多）"),
    }
}

/// Next to the button: how much work it is.
pub fn sensitivity_cost(replications: u32, lang: Lang) -> String {
    match lang {
        Lang::En => format!("17 runs × {replications} simulated futures"),
        Lang::Zh => format!("17 次运行 × {replications} 次模拟"),
    }
}

/// Why a shared link could not be opened.
pub fn link_error(error: &crate::ui::share_link::LinkError, lang: Lang) -> String {
    use crate::ui::share_link::LinkError;
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
            Lang::En => format!("Scenario {which} in the link: {}", super::messages::scenario_error(error, lang)),
            Lang::Zh => format!("链接中的方案 {which}：{}", super::messages::scenario_error(error, lang)),
        },
    }
}

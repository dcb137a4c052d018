//! The words of running several schemes together: adding, duplicating and removing schemes, the
//! reference, the ranking with the chance each is best, differences against the reference, run
//! until sure, the back-test's counting basis, and the Model lab's purchase models compared by
//! holdout with per-customer intervals. Kept in one table so they stay together.

use crate::engine::models::clv::ClvModel;
use crate::engine::scenario::Scenario;
use crate::engine::simulate::backtest::CountBasis;
use crate::engine::simulate::baseline_model::BaselineModel;
use crate::ui::format;

use super::lang::Lang;
use super::names::purchase_model_name;
use super::scenario_changes::changes_list;
use super::texts::texts;
use crate::ui::scenario_diff::Change;

texts! {
    TS;
    SchemesDesc => "Two to six schemes, simulated together on the same customers and the same random draws. The reference is the scheme every other one is compared with.",
        "可同时模拟 2 到 6 个方案，使用相同的客户和相同的随机抽样。参照方案是其他方案进行对比的基准。";
    AddScheme => "Add a scheme", "添加方案";
    Duplicate => "Duplicate", "复制";
    Remove => "Remove", "删除";
    Reference => "Reference", "参照";
    MakeReference => "Compare the others with this scheme", "以此方案为参照对比其他方案";
    AtMostSix => "At most six schemes run together.", "最多可同时运行六个方案。";
    LoadAs => "Load as", "载入为";
    RankingTitle => "Ranking by incremental margin", "按增量毛利排名";
    RankingDesc => "Each scheme's margin after benefits beyond what running no program would earn, best first, with the share of simulated futures in which it comes out best.",
        "各方案扣除权益后的毛利减去不做会员计划时的毛利，从高到低排列，并给出在多少比例的模拟未来中该方案最优。";
    RankColumn => "Rank", "排名";
    SchemeColumn => "Scheme", "方案";
    ChanceBest => "Chance best", "最优概率";
    AgainstReferenceTitle => "Each scheme against the reference", "各方案与参照方案对比";
    AgainstReferenceDesc => "Scheme minus reference, paired on the same simulated futures (the interval is the spread over those futures).",
        "方案减去参照方案，在相同的模拟未来上配对比较（区间为这些未来之间的分布）。";
    ChanceBetter => "Chance of a higher margin", "毛利更高的概率";
    PerSchemeTitle => "Tiers, costs and fairness per scheme", "各方案的等级、成本与公平性";
    PerSchemeDesc => "Share of customers in each tier at the end, what the benefits cost, and the groups a scheme serves clearly worse than others.",
        "期末各等级的客户占比、权益成本，以及方案明显照顾不足的客户群体。";
    FairnessFlags => "Fairness flags", "公平性提示";
    NoFlags => "none", "无";
    BaselineModelLabel => "Baseline purchase model", "基线购买模型";
    BaselineBgNbd => "BG/NBD", "BG/NBD";
    BaselineParetoNbd => "Pareto/NBD", "Pareto/NBD";
    BaselineMbgNbd => "MBG/NBD", "MBG/NBD";
    BaselineBest => "Best by holdout", "按留出期择优";
    BaselineModelHelp => "The model each customer's future buying and dropout are drawn from when no program runs. BG/NBD: a customer may drop out after each repeat purchase; Pareto/NBD: at any time; MBG/NBD: also right after the first purchase. Best by holdout takes the Model lab's choice once it has compared the models, and otherwise compares them on this data first (slower).",
        "无会员计划时，每位客户未来的购买与流失从该模型中抽取。BG/NBD：每次复购后都可能流失；Pareto/NBD：任何时刻都可能流失；MBG/NBD：首次购买后也可能立即流失。“按留出期择优”在模型实验室比较过模型后采用其选择，否则先在当前数据上比较（较慢）。";
    UntilSure => "Run until sure", "运行至足够确定";
    UntilSureTarget => "Target precision (%)", "目标精度（%）";
    UntilSureHelp => "Adds batches of simulated futures (as many as the first run) until the Monte Carlo error of the key difference is at most this share of its size, or 500 futures have run. The same seed gives the same result.",
        "分批增加模拟未来（每批与首批数量相同），直到关键差异的蒙特卡洛误差不超过其大小的该比例，或已运行 500 个未来。相同的随机种子给出相同的结果。";
    ModelsTitle => "Purchase models compared on the holdout", "购买模型在验证期的比较";
    ModelsDesc => "BG/NBD, Pareto/NBD and MBG/NBD fitted on the same calibration summary; the one whose expected holdout purchases come closest to what happened gives the predictions.",
        "BG/NBD、Pareto/NBD 与 MBG/NBD 在相同的校准期汇总数据上拟合；验证期预期购买次数最接近实际的模型用于预测。";
    ModelColumn => "Model", "模型";
    ExpectedHoldout => "Expected in holdout", "验证期预期";
    ActualHoldout => "Actual in holdout", "验证期实际";
    TotalError => "Total error", "总量误差";
    BucketError => "Error by purchase count", "按购买次数分组误差";
    Chosen => "chosen", "已选用";
    FitFailed => "could not be fitted", "无法拟合";
    NoHoldoutChoice => "Without a holdout period there is no out-of-sample evidence, so BG/NBD gives the predictions.",
        "没有验证期就没有样本外证据，因此使用 BG/NBD 进行预测。";
    ReplayTitle => "Every scheme on your history", "所有方案在历史数据上的回放";
    ReplayDesc => "Each scheme replayed over your real history beside the reference: members per tier at the end, what the benefits cost, the margin left and who moves. Edit C and later schemes on the Simulator tab.",
        "每个方案都在你的真实历史数据上回放，并与参照方案对比：期末各等级人数、权益成本、剩余毛利以及客户的升降。C 及之后的方案请在模拟器页编辑。";
    MarginVsReference => "Margin vs reference", "毛利与参照之差";
    MovedUpDown => "Up / down vs reference", "相对参照升 / 降";
    TierCounts => "Members per tier at the end", "期末各等级人数";
}

/// "Scheme C".
pub fn scheme_label(letter: char, lang: Lang) -> String {
    match lang {
        Lang::En => format!("Scheme {letter}"),
        Lang::Zh => format!("方案 {letter}"),
    }
}

/// The column of the `index`-th tier (0 = lowest) in a table of schemes whose tiers may differ.
pub fn tier_column(index: usize, lang: Lang) -> String {
    match lang {
        Lang::En => format!("Tier {} at the end", index + 1),
        Lang::Zh => format!("期末第 {} 级", index + 1),
    }
}

/// "Replay all 3 schemes".
pub fn replay_button(schemes: usize, lang: Lang) -> String {
    match lang {
        Lang::En => format!("Replay all {schemes} schemes"),
        Lang::Zh => format!("回放全部 {schemes} 个方案"),
    }
}

/// "C − A": a scheme against the reference.
pub fn against(letter: char, reference: char) -> String {
    format!("{letter} − {reference}")
}

/// What a scheme changes compared with the reference ("C against A: Discount % 8 % → 12 %").
pub fn changes_against_reference(
    changes: &[Change],
    reference: (&Scenario, char),
    scheme: (&Scenario, char),
    lang: Lang,
) -> String {
    let (from, to) = (reference.1, scheme.1);
    match (changes.is_empty(), lang) {
        (true, Lang::En) => format!("{to} is identical to the reference {from}."),
        (true, Lang::Zh) => format!("{to} 与参照方案 {from} 完全相同。"),
        (false, Lang::En) => format!("{to} against {from}: {}", changes_list(changes, reference.0, scheme.0, lang)),
        (false, Lang::Zh) => format!("{to} 相对 {from}：{}", changes_list(changes, reference.0, scheme.0, lang)),
    }
}

/// How many simulated futures a run took, and for "run until sure" whether it got to the target.
pub fn futures_needed(replications: u32, target_met: Option<bool>, target_percent: Option<f64>, lang: Lang) -> String {
    let target = target_percent.map(|p| format!("{} %", format::plain(p))).unwrap_or_default();
    match (target_met, lang) {
        (None, Lang::En) => format!("A fixed run of {replications} simulated futures."),
        (None, Lang::Zh) => format!("固定运行 {replications} 个模拟未来。"),
        (Some(true), Lang::En) => {
            format!("Run until sure: {replications} simulated futures were needed to know the key difference within {target}.")
        }
        (Some(true), Lang::Zh) => format!("运行至足够确定：需要 {replications} 个模拟未来，关键差异的误差才降到 {target} 以内。"),
        (Some(false), Lang::En) => format!(
            "Run until sure stopped at the cap of {replications} simulated futures before the key difference was known within {target}: the schemes are very close."
        ),
        (Some(false), Lang::Zh) => {
            format!("运行至足够确定在上限 {replications} 个模拟未来时停止，关键差异的误差仍未降到 {target} 以内：方案之间非常接近。")
        }
    }
}

/// The key difference's Monte Carlo error, said with what it is the error of.
pub fn key_difference_error(letter: char, reference: Option<char>, standard_error: f64, lang: Lang) -> String {
    let error = format::fixed(standard_error, 0);
    match (reference, lang) {
        (Some(r), Lang::En) => format!("Monte Carlo error of {} in incremental margin: ±{error}.", against(letter, r)),
        (Some(r), Lang::Zh) => format!("{} 增量毛利的蒙特卡洛误差：±{error}。", against(letter, r)),
        (None, Lang::En) => format!("Monte Carlo error of {letter}'s incremental margin: ±{error}."),
        (None, Lang::Zh) => format!("{letter} 增量毛利的蒙特卡洛误差：±{error}。"),
    }
}

/// What the back-test counts as an order.
pub fn count_basis(basis: CountBasis, lang: Lang) -> &'static str {
    match basis {
        CountBasis::PurchaseDays => lang.pick(
            "Orders are counted as purchase days (several purchases by one customer on one day count once), the basis BG/NBD models.",
            "订单按购买日计数（同一客户同一天的多次购买只计一次），这是 BG/NBD 模型的计数口径。",
        ),
        CountBasis::OrderLines => lang.pick(
            "Orders are counted as order lines (every purchase row), the basis of the simple baseline.",
            "订单按订单行计数（每一条购买记录），这是简单基线模型的计数口径。",
        ),
    }
}

/// The row naming BG/NBD's closed-form expectation in the back-test.
pub fn closed_form(lang: Lang) -> &'static str {
    lang.pick("BG/NBD closed form (expected)", "BG/NBD 解析解（期望值）")
}

/// The row naming every purchase row, beside purchase days.
pub fn order_lines(lang: Lang) -> &'static str {
    lang.pick("Order lines (every purchase row)", "订单行（每条购买记录）")
}

/// Where the per-customer intervals come from.
pub fn intervals_from_draws(draws: u32, lang: Lang) -> String {
    match lang {
        Lang::En => format!(
            "Intervals (5th to 95th percentile) come from {draws} draws of the fitted parameters from their sampling distribution: how sure the fit is, not how much a customer varies."
        ),
        Lang::Zh => format!("区间（第 5 到第 95 百分位）来自拟合参数在其抽样分布上的 {draws} 次抽样：反映的是拟合的确定程度，而不是客户自身的波动。"),
    }
}

/// The Model lab's word on the simulator's baseline: with a holdout comparison, the simulator's "best
/// by holdout" setting follows the model chosen here.
pub fn baseline_model_note(chosen: ClvModel, compared: bool, lang: Lang) -> String {
    let chosen = purchase_model_name(chosen);
    match (compared, lang) {
        (true, Lang::En) => format!(
            "The simulator's no-program baseline can draw from {chosen} too: its “Best by holdout” setting follows the model chosen here."
        ),
        (true, Lang::Zh) => {
            format!("模拟器的无会员计划基线也可以使用 {chosen}：其“按留出期择优”设置会采用此处选定的模型。")
        }
        (false, Lang::En) => "The simulator's no-program baseline model is picked on the simulator (BG/NBD, Pareto/NBD, MBG/NBD or best by holdout).".into(),
        (false, Lang::Zh) => "模拟器的无会员计划基线模型在模拟器中选择（BG/NBD、Pareto/NBD、MBG/NBD 或按留出期择优）。".into(),
    }
}

/// The simulator's baseline setting in words: the model, and for "best by holdout" the Model lab's
/// choice when it has made one.
pub fn baseline_setting(model: BaselineModel, lab_choice: Option<ClvModel>, lang: Lang) -> String {
    match (model, lab_choice) {
        (BaselineModel::BestByHoldout, Some(chosen)) => {
            let chosen = purchase_model_name(chosen);
            match lang {
                Lang::En => format!("Best by holdout: the Model lab chose {chosen}."),
                Lang::Zh => format!("按留出期择优：模型实验室选定了 {chosen}。"),
            }
        }
        (BaselineModel::BestByHoldout, None) => lang
            .pick(
                "Best by holdout: the Model lab has not compared the models, so they are compared on this data before the run.",
                "按留出期择优：模型实验室尚未比较模型，运行前将先在当前数据上比较。",
            )
            .into(),
        (named, _) => {
            let name = named.named().map_or("", purchase_model_name);
            match lang {
                Lang::En => format!("The baseline draws from {name}."),
                Lang::Zh => format!("基线从 {name} 中抽取。"),
            }
        }
    }
}

/// The option's label in the baseline model list.
pub fn baseline_option(model: BaselineModel) -> TS {
    match model {
        BaselineModel::BgNbd => TS::BaselineBgNbd,
        BaselineModel::ParetoNbd => TS::BaselineParetoNbd,
        BaselineModel::MbgNbd => TS::BaselineMbgNbd,
        BaselineModel::BestByHoldout => TS::BaselineBest,
    }
}

/// The population's expected purchases over the horizon, as an interval over the parameter draws.
pub fn total_purchases_interval(interval: &str, lang: Lang) -> String {
    match lang {
        Lang::En => format!("All customers' expected purchases over the horizon: {interval} (90 % of the draws)."),
        Lang::Zh => format!("全部客户在预测期内的预期购买次数：{interval}（90% 的抽样落在此区间）。"),
    }
}

/// The population's CLV, as an interval over the parameter draws.
pub fn total_clv_interval(interval: &str, lang: Lang) -> String {
    match lang {
        Lang::En => format!("All customers' CLV: {interval} (90 % of the draws)."),
        Lang::Zh => format!("全部客户的 CLV：{interval}（90% 的抽样落在此区间）。"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn futures_needed_says_how_the_run_ended() {
        assert_eq!(futures_needed(20, None, None, Lang::En), "A fixed run of 20 simulated futures.");
        assert!(futures_needed(140, Some(true), Some(5.0), Lang::En).contains("140 simulated futures were needed"));
        assert!(futures_needed(140, Some(true), Some(5.0), Lang::En).contains("within 5 %"));
        assert!(futures_needed(500, Some(false), Some(2.5), Lang::Zh).contains("上限 500"));
        assert_eq!(against('C', 'A'), "C − A");
        assert_eq!(scheme_label('D', Lang::Zh), "方案 D");
        assert_eq!(TS::AddScheme.get(Lang::Zh), "添加方案");
    }

    #[test]
    fn the_baseline_setting_names_the_lab_choice_when_there_is_one() {
        let best = BaselineModel::BestByHoldout;
        assert_eq!(
            baseline_setting(best, Some(ClvModel::ParetoNbd), Lang::En),
            "Best by holdout: the Model lab chose Pareto/NBD."
        );
        assert_eq!(
            baseline_setting(best, Some(ClvModel::MbgNbd), Lang::Zh),
            "按留出期择优：模型实验室选定了 MBG/NBD。"
        );
        assert!(baseline_setting(best, None, Lang::En).contains("compared on this data"));
        assert_eq!(
            baseline_setting(BaselineModel::MbgNbd, Some(ClvModel::ParetoNbd), Lang::En),
            "The baseline draws from MBG/NBD."
        );
        assert_eq!(baseline_option(BaselineModel::ParetoNbd).get(Lang::Zh), "Pareto/NBD");
        assert_eq!(baseline_option(best).get(Lang::Zh), "按留出期择优");
        assert!(baseline_model_note(ClvModel::ParetoNbd, true, Lang::En).contains("Pareto/NBD"));
    }
}

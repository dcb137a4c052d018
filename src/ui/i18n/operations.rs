//! The words of what a marketer does with a decision: the member list download, the flagged
//! customers and the exclude-flagged option, workbooks with several sheets, forgetting the data kept
//! in this browser, and the page embedded in another site. Kept together so the feature's texts read
//! as one table.

use super::lang::Lang;
use super::texts::texts;
use crate::engine::members::{labels, Language};
use crate::engine::risk::{Flag, FlagDetail, FlagKind, RuleState};
use crate::ui::format;

texts! {
    Ops;
    // Member list
    MembersTitle => "Member list", "会员名单";
    MembersIntro => "One row per customer: score, tier under each scheme and the change, distance to the next tier, points, months in tier, risk flags. Built in the background; the page stays usable.",
        "每位客户一行：分数、各方案下的等级及变化、距下一级的差距、积分、在级月数、风控标记。在后台生成，页面可照常使用。";
    MembersCsv => "Download CSV (UTF-8, opens in Excel)", "下载 CSV（UTF-8，可用 Excel 打开）";
    MembersXlsx => "Download Excel (.xlsx)", "下载 Excel（.xlsx）";
    MembersBuilding => "Building the member list…", "正在生成会员名单…";
    MembersReady => "Downloaded", "已下载";
    // Risk control
    RiskTitle => "Flagged customers", "风控标记客户";
    RiskIntro => "Customers whose behaviour looks like abuse of the program or is far from everyone else's, each with the figure behind the flag and the threshold it crossed.",
        "行为疑似滥用会员权益或远离总体水平的客户，每条标记都附有依据数值及所超过的阈值。";
    RiskRun => "Check for risk flags", "检查风控标记";
    RiskJudgedUnder => "Judged under", "按此方案判断";
    RiskStale => "The data or the scheme changed since this check: run it again.", "数据或方案在检查后已变更，请重新检查。";
    RiskNone => "No customer is flagged.", "没有客户被标记。";
    RiskRules => "Rules", "规则";
    RiskRuleHeading => "Flag", "标记";
    RiskFlaggedHeading => "Flagged", "被标记人数";
    RiskStateHeading => "Status", "状态";
    RiskCustomerHeading => "Customer", "客户";
    RiskReasonHeading => "Reason", "原因";
    RiskFigureHeading => "Figure", "依据数值";
    RiskThresholdHeading => "Threshold", "阈值";
    RiskShowMore => "Show more", "显示更多";
    RiskFilterAll => "All flags", "全部标记";
    RiskFilterLabel => "Show", "显示";
    // The scenario option
    RiskSection => "Risk control", "风险控制";
    RiskExclude => "Keep flagged customers out of tiering (held in the lowest tier)", "不让被标记客户参与分级（留在最低等级）";
    RiskExcludeHelp => "They stay in the data: their purchases, revenue and base-tier points count; they are never upgraded and do not move share-based bounds. Outliers are excluded only when ticked below.",
        "他们仍在数据中：购买、销售额和基础等级积分照常计算；但不会升级，也不影响按比例设定的门槛。离群值仅在下方勾选时才排除。";
    RiskExcludeKinds => "Flags that exclude", "导致排除的标记";
    RiskOff => "off", "关闭";
    // What excluding changes (the comparison)
    ExclusionTitle => "What keeping flagged customers out changes", "排除被标记客户带来的变化";
    ExclusionWith => "with exclusion", "排除后";
    ExclusionWithout => "without", "不排除";
    ExclusionChange => "change", "变化";
    ExclusionTierRow => "Customers in", "客户数：";
    ExclusionCosts => "Benefit cost", "权益成本";
    ExclusionMargin => "Margin after benefits", "扣除权益后毛利";
    ExclusionLiability => "Points liability", "积分负债";
    // Workbooks
    SheetLabel => "Sheet", "工作表";
    SheetHelp => "This workbook has several sheets: choose the one with the data.", "该工作簿有多个工作表：请选择包含数据的那个。";
    // Forget my data
    ForgetTitle => "Data kept in this browser", "保存在本浏览器中的数据";
    ForgetWhatIsKept => "Nothing is uploaded. This browser keeps your last file (IndexedDB) and your scenarios, library, language and settings (localStorage) so a reload continues where you were; nothing else is kept anywhere.",
        "数据不会上传。本浏览器保存你上次的文件（IndexedDB）以及方案、方案库、语言和各项设置（localStorage），以便刷新后接着使用；除此之外任何地方都不保存。";
    ForgetButton => "Forget my data", "清除我的数据";
    ForgetConfirm => "Remove the stored file, scenarios and settings from this browser? What is on screen stays until you reload.",
        "要从本浏览器删除已保存的文件、方案和设置吗？当前页面上的内容在刷新前仍会保留。";
    ForgetDone => "The stored file, scenarios and settings were removed from this browser. Nothing is saved until you change something.",
        "已从本浏览器删除保存的文件、方案和设置。在你做出修改之前不会再保存任何内容。";
    // Embedding
    NoStorage => "This page cannot keep anything in this browser here (it is embedded without storage): it works, but your file and scenarios are gone when you close it.",
        "此页面在这里无法在浏览器中保存任何内容（以无存储方式嵌入）：功能正常，但关闭后文件和方案不会保留。";
    EngineFailedSandboxed => "The calculation engine could not start: this page runs in a sandboxed iframe without allow-same-origin, so the host must send Access-Control-Allow-Origin: * with TierLab's files (or the iframe's sandbox attribute must add allow-same-origin).",
        "计算引擎无法启动：此页面运行在未设置 allow-same-origin 的沙盒 iframe 中，托管方需要在 TierLab 的文件上返回 Access-Control-Allow-Origin: * 响应头（或在 iframe 的 sandbox 属性中加入 allow-same-origin）。";
}

/// The language files (the member list) are written in for a reader of the page.
pub fn file_language(lang: Lang) -> Language {
    match lang {
        Lang::En => Language::En,
        Lang::Zh => Language::Zh,
    }
}

/// One flag's reason in words, with the figure behind it (the member list's wording).
pub fn flag_reason(flag: &Flag, lang: Lang) -> String {
    labels::flag(flag, file_language(lang))
}

/// A flag's figure or threshold in its unit: shares in percent, z-scores and counts as numbers.
pub fn flag_figure(flag: &Flag, value: f64) -> String {
    match flag.detail {
        FlagDetail::Refunds { .. } | FlagDetail::StepBunching { .. } => format::share(value),
        FlagDetail::ThresholdGaming { .. } => format::percent(value),
        _ => format::plain(value),
    }
}

/// How many customers a check looked at and how many it flagged.
pub fn risk_summary(customers: usize, flagged: usize, lang: Lang) -> String {
    let customers = format::large(customers as f64, lang, |v| format::count(v as usize));
    match lang {
        Lang::En => format!("{customers} customers, {} flagged", format::count(flagged)),
        Lang::Zh => format!("共 {customers} 位客户，其中 {} 位被标记", format::count(flagged)),
    }
}

/// Flagged customers of a scheme that excludes them, and those it holds in the lowest tier.
pub fn flagged_held(flagged: usize, held: usize, lang: Lang) -> String {
    match lang {
        Lang::En => format!("{} flagged, {} held in the lowest tier", format::count(flagged), format::count(held)),
        Lang::Zh => format!("{} 位被标记，{} 位留在最低等级", format::count(flagged), format::count(held)),
    }
}

/// The name of a flag kind.
pub fn flag_kind_name(kind: FlagKind, lang: Lang) -> &'static str {
    let (en, zh) = match kind {
        FlagKind::RefundAbuse => ("Refund abuse", "退款滥用"),
        FlagKind::Velocity => ("Implausible velocity", "异常购买频次"),
        FlagKind::StepBunching => ("Points farming", "刷积分"),
        FlagKind::SplitOrders => ("Split orders", "拆单"),
        FlagKind::ThresholdGaming => ("Threshold gaming", "卡门槛升级"),
        FlagKind::SpendOutlier => ("Spend outlier", "消费额离群"),
        FlagKind::FrequencyOutlier => ("Frequency outlier", "购买次数离群"),
        FlagKind::OrderValueOutlier => ("Order value outlier", "客单价离群"),
    };
    lang.pick(en, zh)
}

/// Whether a rule ran on this data, and if not what it needs.
pub fn rule_state_text(state: RuleState, lang: Lang) -> &'static str {
    match state {
        RuleState::Applied => lang.pick("applied", "已执行"),
        RuleState::NeedsEventLog => lang.pick("needs an event log (individual orders)", "需要行为明细（逐笔订单）"),
        RuleState::NeedsScenario => {
            lang.pick("needs a scheme (its window and tier bounds)", "需要方案（资格窗口与等级门槛）")
        }
        RuleState::WindowNeverEnds => {
            lang.pick("the scheme's qualifying window never ends", "该方案的资格窗口不会结束")
        }
    }
}

/// The default name of a k-means segment (the engine's suggestion, a snake-case key ranked by value)
/// in the reader's language; a name that is not a suggestion (the user's own) is kept as it is.
pub fn segment_default_name(key: &str, lang: Lang) -> String {
    if lang == Lang::En {
        return key.to_string();
    }
    let fixed = match key {
        "all" => Some("全体客户"),
        "high_value" => Some("高价值客户"),
        "medium_value" => Some("中价值客户"),
        "low_value" => Some("低价值客户"),
        "top" => Some("头部客户"),
        "high" => Some("高价值客户"),
        "mid" => Some("中价值客户"),
        "low" => Some("低价值客户"),
        "dormant" => Some("沉睡客户"),
        _ => None,
    };
    match (fixed, key.strip_prefix("mid_").and_then(|n| n.parse::<u32>().ok())) {
        (Some(name), _) => name.to_string(),
        (None, Some(n)) => format!("中价值客户{n}"),
        (None, None) => key.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn default_segment_names_in_chinese() {
        use crate::engine::models::segments::suggested_names;
        for k in 1..=10 {
            let names: Vec<String> = suggested_names(k).iter().map(|n| segment_default_name(n, Lang::Zh)).collect();
            let distinct: std::collections::BTreeSet<_> = names.iter().collect();
            assert_eq!(distinct.len(), k, "{names:?}");
            assert!(names.iter().all(|n| n.contains("客户")), "{names:?}");
        }
        assert_eq!(segment_default_name("mid_2", Lang::Zh), "中价值客户2");
        assert_eq!(segment_default_name("VIP", Lang::Zh), "VIP");
        assert_eq!(segment_default_name("top", Lang::En), "top");
    }

    #[test]
    fn every_flag_kind_has_a_distinct_name_in_both_languages() {
        for lang in [Lang::En, Lang::Zh] {
            let names: std::collections::BTreeSet<_> = FlagKind::ALL.iter().map(|k| flag_kind_name(*k, lang)).collect();
            assert_eq!(names.len(), FlagKind::ALL.len(), "{lang:?}");
        }
        assert_eq!(flag_kind_name(FlagKind::SplitOrders, Lang::Zh), "拆单");
        assert_eq!(Ops::ForgetButton.get(Lang::Zh), "清除我的数据");
        assert_eq!(risk_summary(20_000, 92, Lang::Zh), "共 2万 位客户，其中 92 位被标记");
        assert_eq!(risk_summary(20_000, 92, Lang::En), "20,000 customers, 92 flagged");
        assert_eq!(flagged_held(92, 7, Lang::Zh), "92 位被标记，7 位留在最低等级");
        let refunds = Flag {
            kind: FlagKind::RefundAbuse,
            figure: 0.5,
            threshold: 0.3,
            detail: FlagDetail::Refunds {
                basis: crate::engine::risk::RefundBasis::Orders,
                refunds: 4,
                purchases: 8,
                population_share: 0.05,
            },
        };
        assert_eq!(flag_figure(&refunds, refunds.figure), "50.0 %");
        assert_eq!(
            flag_reason(&refunds, Lang::En),
            "refund abuse: 50.0% of orders refunded (threshold 30.0%, population 5.0%)"
        );
        assert!(flag_reason(&refunds, Lang::Zh).starts_with("退款滥用：50.0% 的订单退款"));
    }
}

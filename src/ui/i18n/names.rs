//! Names of the engine's enums (column roles, encodings, stages, ...) in both languages.

use crate::engine::features::catalog::{Feature, FeatureKey};
use crate::engine::ingest::{
    Delimiter, DuplicatePolicy, IssueAction, IssueKind, MissingPolicy, TextEncoding, ValueType,
};
use crate::engine::models::clv::ClvModel;
use crate::engine::progress::Stage;
use crate::engine::roles::{ColumnRole, DatasetShape, EventKind};
use crate::engine::scenario::{DowngradeStep, Evaluation, FunnelStage, QualifyingWindow};
use crate::engine::scoring::rfm::RfmSegment;
use crate::ui::choices::{
    ExpiryKind, ModelKind, PriorKind, RedemptionKind, RetainKind, ThresholdKind, UpgradeKind, WindowKind,
};
use crate::ui::feature_info::FeatureGroup;

use super::lang::Lang;
use super::texts::T;

pub fn encoding_name(encoding: TextEncoding, lang: Lang) -> &'static str {
    match encoding {
        TextEncoding::Utf8 => "UTF-8",
        TextEncoding::Utf8WithBom => lang.pick("UTF-8 (with BOM)", "UTF-8（带 BOM）"),
        TextEncoding::Gb18030 => "GBK / GB18030",
        TextEncoding::Utf16Le => "UTF-16 LE",
        TextEncoding::Utf16Be => "UTF-16 BE",
    }
}

pub fn delimiter_name(delimiter: Delimiter, lang: Lang) -> &'static str {
    match delimiter {
        Delimiter::Comma => lang.pick("Comma ,", "逗号 ,"),
        Delimiter::Tab => lang.pick("Tab", "制表符"),
        Delimiter::Semicolon => lang.pick("Semicolon ;", "分号 ;"),
        Delimiter::Pipe => lang.pick("Pipe |", "竖线 |"),
        Delimiter::Whitespace => lang.pick("Spaces", "空格"),
    }
}

pub fn value_type_name(value_type: ValueType, lang: Lang) -> &'static str {
    match value_type {
        ValueType::Empty => T::TypeEmpty.get(lang),
        ValueType::Integer => T::TypeInteger.get(lang),
        ValueType::Decimal => T::TypeDecimal.get(lang),
        ValueType::Date => T::TypeDate.get(lang),
        ValueType::DateTime => T::TypeDateTime.get(lang),
        ValueType::Text => T::TypeText.get(lang),
    }
}

pub fn shape_name(shape: DatasetShape, lang: Lang) -> &'static str {
    match shape {
        DatasetShape::EventLog => lang.pick("An event or order (event log)", "一个事件或订单（行为明细）"),
        DatasetShape::CustomerTable => lang.pick("A customer (customer table)", "一位客户（客户表）"),
    }
}

pub fn role_name(role: ColumnRole, lang: Lang) -> &'static str {
    use ColumnRole::*;
    match role {
        CustomerId => lang.pick("Customer ID", "客户 ID"),
        Timestamp => lang.pick("Date / time", "日期时间"),
        OrderId => lang.pick("Order ID", "订单号"),
        EventType => lang.pick("Event type", "行为类型"),
        Amount => lang.pick("Amount", "金额"),
        Quantity => lang.pick("Quantity", "数量"),
        Category => lang.pick("Category", "品类"),
        Channel => lang.pick("Channel", "渠道"),
        Rating => lang.pick("Rating", "评分"),
        Comment => lang.pick("Review text", "评价内容"),
        BrowseMinutes => lang.pick("Browse minutes", "浏览时长（分钟）"),
        Gender => lang.pick("Gender", "性别"),
        Age => lang.pick("Age", "年龄"),
        City => lang.pick("City", "城市"),
        OrderCount => lang.pick("Number of orders", "订单数"),
        TotalSpend => lang.pick("Total spend", "累计消费"),
        AverageOrderValue => lang.pick("Average order value", "客单价"),
        VisitCount => lang.pick("Number of visits", "访问次数"),
        Points => lang.pick("Points balance", "积分"),
        ExistingTier => lang.pick("Current tier", "现有等级"),
        CustomerValue => lang.pick("Customer value", "客户价值"),
        LastPurchaseDate => lang.pick("Last purchase date", "最近购买日期"),
        FirstPurchaseDate => lang.pick("First purchase date", "首次购买日期"),
        Other => lang.pick("Other (keep)", "其他（保留）"),
        Ignore => lang.pick("Ignore", "忽略"),
    }
}

pub fn missing_policy_name(policy: MissingPolicy, lang: Lang) -> &'static str {
    match policy {
        MissingPolicy::DropRow => lang.pick("Drop the row", "删除该行"),
        MissingPolicy::FillMean => lang.pick("Fill with the mean", "用均值填补"),
        MissingPolicy::FillMedian => lang.pick("Fill with the median", "用中位数填补"),
        MissingPolicy::FillMode => lang.pick("Fill with the most common value", "用众数填补"),
        MissingPolicy::FillZero => lang.pick("Fill with zero", "用 0 填补"),
    }
}

pub fn duplicate_policy_name(policy: DuplicatePolicy, lang: Lang) -> &'static str {
    match policy {
        DuplicatePolicy::Keep => lang.pick("Keep them", "保留"),
        DuplicatePolicy::Drop => lang.pick("Drop exact duplicates", "删除完全相同的行"),
    }
}

pub fn issue_name(kind: IssueKind, lang: Lang) -> &'static str {
    use IssueKind::*;
    match kind {
        UnparseableNumber => lang.pick("Not a number in a number column", "数值列中出现非数字"),
        BadDate => lang.pick("Not a date in a date column", "日期列中出现无法识别的日期"),
        NegativeAmount => lang.pick("Negative amount (treated as a refund)", "负金额（按退款处理）"),
        MissingId => lang.pick("Customer ID is empty", "客户 ID 为空"),
        MissingValue => lang.pick("Required value is empty", "必填值为空"),
        DuplicateRow => lang.pick("Row repeats an earlier row", "与之前的行完全重复"),
        WrongFieldCount => lang.pick("Wrong number of fields in the row", "该行字段数与表头不一致"),
        UnterminatedQuote => lang.pick("Quote opened and never closed", "引号未闭合"),
        BlankLine => lang.pick("Blank line", "空行"),
        UnknownEventType => lang.pick("Unknown event type (kept as “other”)", "无法识别的行为类型（按“其他”保留）"),
        DuplicateId => lang
            .pick("Customer ID repeats an earlier row (the first row is kept)", "客户 ID 与之前的行重复（保留第一行）"),
        PreambleLine => {
            lang.pick("Line above the header (report title, export date)", "表头上方的说明行（报表标题、导出日期）")
        }
    }
}

pub fn issue_action_name(action: IssueAction, lang: Lang) -> &'static str {
    match action {
        IssueAction::RowDropped => lang.pick("row dropped", "已删除该行"),
        IssueAction::ValueFilled => lang.pick("value filled", "已填补"),
        IssueAction::ValueLeftMissing => lang.pick("left empty", "保留为空"),
        IssueAction::Kept => lang.pick("kept", "已保留"),
        IssueAction::Skipped => lang.pick("skipped", "已跳过"),
    }
}

pub fn stage_name(stage: Stage, lang: Lang) -> &'static str {
    match stage {
        Stage::Decoding => lang.pick("Reading the file", "读取文件"),
        Stage::Parsing => lang.pick("Parsing rows", "解析数据行"),
        Stage::Building => lang.pick("Building customer records", "整理客户数据"),
        Stage::Generating => lang.pick("Generating sample customers", "生成示例客户"),
        Stage::Scoring => lang.pick("Scoring customers", "为客户评分"),
        Stage::Pricing => lang.pick("Pricing benefits", "测算权益成本"),
        Stage::Comparing => lang.pick("Comparing scenarios", "对比方案"),
        Stage::Training => lang.pick("Training model", "训练模型"),
        Stage::Simulating => lang.pick("Simulating", "模拟"),
        Stage::Exporting => lang.pick("Writing the file", "写入文件"),
    }
}

pub fn feature_name(key: &FeatureKey, lang: Lang) -> String {
    match key {
        FeatureKey::Column(name) => name.clone(),
        FeatureKey::Builtin(feature) => builtin_feature_name(*feature, lang).to_string(),
    }
}

fn builtin_feature_name(feature: Feature, lang: Lang) -> &'static str {
    use Feature::*;
    let (en, zh) = match feature {
        RecencyDays => ("Days since last purchase", "距上次购买天数"),
        Frequency => ("Purchases", "购买次数"),
        RepeatPurchases => ("Repeat purchases", "复购次数"),
        Monetary => ("Net spend", "净消费金额"),
        AverageOrderValue => ("Average order value", "客单价"),
        TenureDays => ("Days since first visit", "距首次访问天数"),
        Views => ("Product views", "浏览次数"),
        Carts => ("Add-to-carts", "加购次数"),
        Orders => ("Orders placed", "下单次数"),
        Payments => ("Payments", "支付次数"),
        ViewToCart => ("View → cart rate", "浏览→加购转化率"),
        CartToOrder => ("Cart → order rate", "加购→下单转化率"),
        OrderToPay => ("Order → payment rate", "下单→支付转化率"),
        Conversion => ("View → purchase rate", "浏览→购买转化率"),
        BrowseMinutes => ("Browse minutes", "浏览时长（分钟）"),
        ActiveDays => ("Active days", "活跃天数"),
        Interactions => ("Interactions", "互动次数"),
        Reviews => ("Reviews", "评价次数"),
        AverageRating => ("Average rating (0–5)", "平均评分（0–5）"),
        PositiveFeedback => ("Positive comments", "正面评价数"),
        NegativeFeedback => ("Negative comments", "负面评价数"),
        ChannelsUsed => ("Channels used", "使用渠道数"),
        CategoryDiversity => ("Categories bought", "购买品类数"),
        Refunds => ("Refunds", "退款次数"),
        RefundRate => ("Refunds per purchase", "退款率"),
    };
    lang.pick(en, zh)
}

/// A feature as the engine names it in messages (`monetary`, `column:clv`, or a bare name).
pub fn feature_text(key: &str, lang: Lang) -> String {
    FeatureKey::try_from(key.to_string()).map(|k| feature_name(&k, lang)).unwrap_or_else(|_| key.to_string())
}

/// A feature as a picker option: column features say they come from a column of the data.
pub fn feature_option(key: &FeatureKey, lang: Lang) -> String {
    match key {
        FeatureKey::Column(name) => match lang {
            Lang::En => format!("{name} (column)"),
            Lang::Zh => format!("{name}（数据列）"),
        },
        FeatureKey::Builtin(_) => feature_name(key, lang),
    }
}

pub fn feature_group_name(group: FeatureGroup, lang: Lang) -> &'static str {
    match group {
        FeatureGroup::Purchases => lang.pick("Purchases", "购买"),
        FeatureGroup::Funnel => lang.pick("Funnel", "转化漏斗"),
        FeatureGroup::Engagement => lang.pick("Engagement", "互动"),
        FeatureGroup::Columns => lang.pick("Columns of your data", "数据中的列"),
    }
}

/// A term of a score explanation: a feature key, or a model term (`intercept`, `r`, `f`, `m`, ...).
pub fn contribution_label(label: &str, lang: Lang) -> String {
    match label {
        "intercept" => lang.pick("Intercept b₀", "截距 b₀").into(),
        "r" => lang.pick("R (recency, 1–5)", "R（最近购买，1–5）").into(),
        "f" => lang.pick("F (frequency, 1–5)", "F（购买频次，1–5）").into(),
        "m" => lang.pick("M (monetary, 1–5)", "M（消费金额，1–5）").into(),
        "qualifying_points" => lang.pick("Qualifying points", "定级积分").into(),
        crate::engine::scoring::growth_value::LEVEL_CONSTANT => super::qualification::level_constant_name(lang).into(),
        other => match FeatureKey::try_from(other.to_string()) {
            Ok(key) => feature_name(&key, lang),
            Err(_) => other.to_string(),
        },
    }
}

pub fn model_name(model: ModelKind, lang: Lang) -> &'static str {
    match model {
        ModelKind::GrowthValue => lang.pick("Growth value (成长值)", "成长值"),
        ModelKind::LevelGrowth => super::qualification::level_growth_name(lang),
        ModelKind::WeightedScore => lang.pick("Weighted behaviour score", "加权行为评分"),
        ModelKind::LinearPoints => lang.pick("Points by a linear formula", "线性公式积分"),
        ModelKind::FunnelConversion => lang.pick("Funnel conversion", "漏斗转化率"),
        ModelKind::Rating => lang.pick("Ratings and reviews", "评分与评价"),
        ModelKind::Rfm => lang.pick("RFM quintile codes", "RFM 五分位评分"),
        ModelKind::Metric => lang.pick("Single metric", "单一指标"),
        ModelKind::QualifyingPoints => lang.pick("Qualifying points", "定级积分"),
    }
}

pub fn funnel_stage_name(stage: FunnelStage, lang: Lang) -> &'static str {
    match stage {
        FunnelStage::ViewToCart => lang.pick("View → cart", "浏览 → 加购"),
        FunnelStage::CartToOrder => lang.pick("Cart → order", "加购 → 下单"),
        FunnelStage::OrderToPay => lang.pick("Order → payment", "下单 → 支付"),
        FunnelStage::Overall => lang.pick("View → purchase (overall)", "浏览 → 购买（整体）"),
    }
}

pub fn prior_kind_name(kind: PriorKind, lang: Lang) -> &'static str {
    match kind {
        PriorKind::Population => lang.pick("Toward the population's rate", "向全体平均转化率收缩"),
        PriorKind::Fixed => lang.pick("Fixed a and b", "固定 a 与 b"),
    }
}

pub fn threshold_kind_name(kind: ThresholdKind, lang: Lang) -> &'static str {
    match kind {
        ThresholdKind::Absolute => lang.pick("Score lower bounds", "分数下限"),
        ThresholdKind::TargetShares => lang.pick("Target shares (%)", "目标人数占比 (%)"),
        ThresholdKind::Quantiles => lang.pick("Score quantiles (0–1)", "分数分位点 (0–1)"),
    }
}

pub fn retain_kind_name(kind: RetainKind, lang: Lang) -> &'static str {
    match kind {
        RetainKind::SameAsEntry => lang.pick("Same as the entry bound", "与准入门槛相同"),
        RetainKind::Absolute => lang.pick("Own score bounds", "单独设定保级分数"),
        RetainKind::FractionOfEntry => lang.pick("A fraction of the entry bound", "准入门槛的一定比例"),
    }
}

pub fn window_kind_name(kind: WindowKind, lang: Lang) -> &'static str {
    match kind {
        WindowKind::Lifetime => lang.pick("Lifetime (all history)", "累计（全部历史）"),
        WindowKind::RollingMonths => lang.pick("Rolling months", "滚动月份"),
        WindowKind::CalendarYear => lang.pick("Calendar year", "自然年"),
        WindowKind::Anniversary => lang.pick("Membership year (from the anniversary)", "会员年度（按入会周年）"),
    }
}

/// The window in a summary line: "rolling 12 months".
pub fn window_short(window: &QualifyingWindow, lang: Lang) -> String {
    match window {
        QualifyingWindow::RollingMonths { months } => match lang {
            Lang::En => format!("rolling {months} months"),
            Lang::Zh => format!("滚动 {months} 个月"),
        },
        QualifyingWindow::Lifetime => lang.pick("lifetime", "累计").into(),
        QualifyingWindow::CalendarYear => lang.pick("calendar year", "自然年").into(),
        QualifyingWindow::Anniversary => lang.pick("membership year", "会员年度").into(),
    }
}

pub fn upgrade_kind_name(kind: UpgradeKind, lang: Lang) -> &'static str {
    match kind {
        UpgradeKind::Immediate => lang.pick("At once (end of the month)", "立即（当月月底）"),
        UpgradeKind::ConsecutiveMonths => lang.pick("After N months in a row", "连续 N 个月达标后"),
    }
}

pub fn evaluation_name(evaluation: Evaluation, lang: Lang) -> &'static str {
    match evaluation {
        Evaluation::Never => lang.pick("Never (tiers only go up)", "从不降级（只升不降）"),
        Evaluation::Monthly => lang.pick("Every month", "每月"),
        Evaluation::Quarterly => lang.pick("Every quarter", "每季度"),
        Evaluation::Yearly => lang.pick("Every year (December)", "每年（12 月）"),
        Evaluation::Anniversary => lang.pick("At each membership anniversary", "每个会员周年"),
    }
}

pub fn downgrade_step_name(step: DowngradeStep, lang: Lang) -> &'static str {
    match step {
        DowngradeStep::OneTier => lang.pick("One tier at a time", "每次降一级"),
        DowngradeStep::Recompute => lang.pick("Straight to the tier the score supports", "直接降到分数对应的等级"),
    }
}

pub fn expiry_kind_name(kind: ExpiryKind, lang: Lang) -> &'static str {
    match kind {
        ExpiryKind::Never => lang.pick("Never", "永不过期"),
        ExpiryKind::MonthsAfterEarning => lang.pick("N months after earning", "获得后 N 个月"),
        ExpiryKind::EndOfYear => lang.pick("At a year-end", "在年底"),
    }
}

pub fn redemption_kind_name(kind: RedemptionKind, lang: Lang) -> &'static str {
    match kind {
        RedemptionKind::None => lang.pick("Nobody redeems", "不兑换"),
        RedemptionKind::InBlocks => lang.pick("In whole blocks at a purchase", "购物时按整块兑换"),
        RedemptionKind::MonthlyShare => lang.pick("A share of the balance each month", "每月兑换余额的一定比例"),
    }
}

pub fn event_kind_name(kind: EventKind, lang: Lang) -> &'static str {
    match kind {
        EventKind::View => lang.pick("View", "浏览"),
        EventKind::Cart => lang.pick("Add to cart", "加购"),
        EventKind::Favorite => lang.pick("Favourite", "收藏"),
        EventKind::Order => lang.pick("Order", "下单"),
        EventKind::Pay => lang.pick("Payment", "支付"),
        EventKind::Refund => lang.pick("Refund", "退款"),
        EventKind::Review => lang.pick("Review", "评价"),
        EventKind::Other => lang.pick("Other", "其他"),
    }
}

pub fn rfm_segment_name(segment: RfmSegment, lang: Lang) -> &'static str {
    match segment {
        RfmSegment::Champions => lang.pick("Champions", "重要价值客户"),
        RfmSegment::LoyalCustomers => lang.pick("Loyal customers", "忠诚客户"),
        RfmSegment::PotentialLoyalists => lang.pick("Potential loyalists", "潜力忠诚客户"),
        RfmSegment::NewCustomers => lang.pick("New customers", "新客户"),
        RfmSegment::Promising => lang.pick("Promising", "有潜力客户"),
        RfmSegment::NeedAttention => lang.pick("Need attention", "需要关注"),
        RfmSegment::AboutToSleep => lang.pick("About to sleep", "即将沉睡"),
        RfmSegment::AtRisk => lang.pick("At risk", "流失风险客户"),
        RfmSegment::CantLoseThem => lang.pick("Can't lose them", "不能失去的客户"),
        RfmSegment::Hibernating => lang.pick("Hibernating", "沉睡客户"),
        RfmSegment::NoPurchase => lang.pick("No purchase yet", "尚未购买"),
    }
}

/// A segment name as the engine reports it: RFM keys are translated, column values shown as
/// they are in the data (an empty value means the customer has none).
pub fn segment_label(segment: &str, lang: Lang) -> String {
    if segment.is_empty() {
        return lang.pick("(no value)", "（无值）").into();
    }
    RfmSegment::ALL
        .iter()
        .find(|s| s.key() == segment)
        .map(|s| rfm_segment_name(*s, lang).to_string())
        .unwrap_or_else(|| segment.to_string())
}

/// When year-end expiry happens, as a noun phrase: "the end of the following year" / "次年年底".
pub fn year_end_name(years_after: u32, lang: Lang) -> String {
    match (years_after, lang) {
        (0, _) => lang.pick("the end of the year earned", "当年年底").to_string(),
        (1, _) => lang.pick("the end of the following year", "次年年底").to_string(),
        (n, Lang::En) => format!("the end of the year {n} years after earning"),
        (n, Lang::Zh) => format!("获得 {n} 年后的年底"),
    }
}

/// A model's short name, the same in both languages (names of published methods).
pub fn purchase_model_name(model: ClvModel) -> &'static str {
    match model {
        ClvModel::BgNbd => "BG/NBD",
        ClvModel::ParetoNbd => "Pareto/NBD",
        ClvModel::MbgNbd => "MBG/NBD",
        ClvModel::GammaGamma => "Gamma-Gamma",
    }
}

//! Every word the page shows, in English and 简体中文. Fixed labels live in one table (`T`); messages
//! that carry values (errors, warnings, validation problems) are functions below it, so the engine's
//! codes turn into sentences a marketer reads — never a Rust `Debug` string.

use crate::engine::features::activity::ActivityError;
use crate::engine::ingest::{
    Delimiter, DuplicatePolicy, IngestError, IssueAction, IssueKind, MissingPolicy, TextEncoding, ValueType,
};
use crate::engine::pricing::Warning;
use crate::engine::progress::Stage;
use crate::engine::roles::{ColumnRole, DatasetShape};
use crate::engine::scenario::{Problem, ProblemKind, ScenarioError};
use crate::protocol::UserError;

use super::format;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Lang {
    En,
    Zh,
}

impl Lang {
    /// The BCP 47 tag for `<html lang>` and the stored preference.
    pub fn tag(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::Zh => "zh-CN",
        }
    }

    pub fn from_tag(tag: &str) -> Option<Lang> {
        match tag {
            "en" => Some(Lang::En),
            "zh-CN" | "zh" => Some(Lang::Zh),
            _ => None,
        }
    }

    pub fn other(self) -> Lang {
        match self {
            Lang::En => Lang::Zh,
            Lang::Zh => Lang::En,
        }
    }

    /// Picks one of two texts; for messages built with `format!`.
    pub fn pick<'a>(self, en: &'a str, zh: &'a str) -> &'a str {
        match self {
            Lang::En => en,
            Lang::Zh => zh,
        }
    }
}

macro_rules! texts {
    ($($key:ident => $en:literal, $zh:literal;)*) => {
        /// A fixed piece of UI text.
        #[derive(Clone, Copy, Debug, PartialEq, Eq)]
        pub enum T { $($key),* }

        impl T {
            pub fn get(self, lang: Lang) -> &'static str {
                match (self, lang) {
                    $((T::$key, Lang::En) => $en, (T::$key, Lang::Zh) => $zh,)*
                }
            }
        }
    };
}

texts! {
    Brand => "TierLab", "TierLab";
    DocumentTitle => "TierLab · membership tiers & benefits", "TierLab · 会员等级与权益方案";
    Tagline => "Membership tiers & benefits, tested on your own data", "会员等级与权益方案，用你自己的数据来检验";
    PrivacyNote => "Your data stays in this browser.", "数据只在本浏览器中处理，不会上传。";
    SwitchLanguage => "中文", "English";
    SwitchLanguageTitle => "切换到中文", "Switch to English";
    TabData => "Data", "数据";
    TabCompare => "Compare", "方案对比";
    // Data page
    DataTitle => "Customer data", "客户数据";
    DataIntro => "Load the built-in sample or your own CSV export (event log or one row per customer).",
        "加载内置示例数据，或上传你自己的 CSV 导出文件（行为明细或每位客户一行）。";
    LoadSample => "Load sample data", "加载示例数据";
    DownloadSampleCsv => "Download sample CSV", "下载示例 CSV";
    ChooseFile => "Choose a file", "选择文件";
    DropHere => "Drop a CSV / TSV / TXT file here, or", "将 CSV / TSV / TXT 文件拖放到此处，或";
    DropRelease => "Release to load this file", "松开鼠标即可加载该文件";
    FileHint => "UTF-8, GBK or UTF-16 · comma, tab, semicolon, pipe or spaces · up to a few hundred MB",
        "支持 UTF-8、GBK、UTF-16 编码 · 逗号、制表符、分号、竖线或空格分隔 · 可达数百 MB";
    SourceTitle => "Source", "数据来源";
    SourceName => "File", "文件";
    SourceSize => "Size", "大小";
    SourceEncoding => "Encoding", "编码";
    SourceDelimiter => "Delimiter", "分隔符";
    SourceHeader => "Header row", "表头行";
    SourceRows => "Rows", "行数";
    SourceCustomers => "Customers", "客户数";
    SourcePeriod => "Period", "时间范围";
    SourceShape => "Layout", "数据形态";
    SourceRevenue => "Revenue", "销售额";
    SourceEvents => "Events", "行为记录";
    SourcePurchases => "Purchases", "购买次数";
    Yes => "yes", "有";
    No => "no", "无";
    Detect => "Detect", "自动识别";
    LoadedBadge => "Loaded", "已加载";
    NotLoadedBadge => "Not loaded yet", "尚未加载";
    PreviewTitle => "Preview", "数据预览";
    PreviewNote => "First rows of the file, as read.", "文件的前几行（按识别结果读取）。";
    MappingTitle => "Columns and rules", "列映射与处理规则";
    MappingIntro => "Check what each column means. Changing the delimiter or header re-reads the file.",
        "请确认每一列的含义。修改分隔符或表头设置会重新读取文件。";
    ColumnHeading => "Column", "列";
    RoleHeading => "Meaning", "含义";
    TypeHeading => "Detected type", "识别类型";
    ExamplesHeading => "Examples", "示例值";
    ShapeLabel => "Each row is", "每一行是";
    MissingLabel => "Missing values", "缺失值处理";
    DuplicatesLabel => "Duplicate rows", "重复行处理";
    ApplyLoad => "Apply & load", "应用并加载";
    SampleFixedFormat => "The sample's format is fixed; choose a file to change how it is read.",
        "示例数据的格式是固定的；如需更改读取方式，请选择文件。";
    ReportTitle => "Validation report", "校验报告";
    ReportRead => "Records read", "读取记录";
    ReportKept => "Kept", "保留";
    ReportDropped => "Dropped", "丢弃";
    ReportBlank => "Blank lines skipped", "跳过空行";
    ReportNoIssues => "No problems found in the file.", "文件中未发现问题。";
    ReportProblem => "Problem", "问题";
    ReportCount => "Count", "数量";
    ReportAction => "What was done", "处理方式";
    ReportExamples => "First examples", "示例";
    ReportLine => "line", "第";
    ReportLineSuffix => "", "行";
    ReportFilled => "Values filled", "已填补的值";
    ReportRescaled => "Rating scales converted to 0–5", "评分已换算为 0–5 分制";
    NoDataYet => "No data loaded yet.", "尚未加载数据。";
    // Value types
    TypeEmpty => "empty", "空";
    TypeInteger => "integer", "整数";
    TypeDecimal => "decimal", "小数";
    TypeDate => "date", "日期";
    TypeDateTime => "date & time", "日期时间";
    TypeText => "text", "文本";
    // Compare page
    CompareTitle => "Scenarios", "方案设置";
    CompareIntro => "Edit two schemes side by side; results update as you type.", "并排编辑两套方案，修改后结果会自动更新。";
    ScenarioA => "Scenario A", "方案 A";
    ScenarioB => "Scenario B", "方案 B";
    ScenarioName => "Name", "名称";
    CopyAToB => "Copy A → B", "复制 A → B";
    ResetTemplate => "Reset to template", "恢复模板";
    ExportJson => "Export JSON", "导出 JSON";
    ImportJson => "Import JSON", "导入 JSON";
    RunCompare => "Compare", "开始对比";
    ScoringTitle => "Scoring: growth value", "评分：成长值";
    ScoringHelp => "score = amount × w₁ + orders × w₂ + interactions × w₃, over the whole history",
        "成长值 = 消费金额 × w₁ + 订单数 × w₂ + 互动次数 × w₃（累计全部历史）";
    WeightAmount => "Per currency unit spent", "每消费 1 元";
    WeightOrders => "Per order", "每笔订单";
    WeightInteractions => "Per interaction", "每次互动";
    TiersTitle => "Tiers", "等级";
    ThresholdMode => "Thresholds", "门槛方式";
    ThresholdAbsolute => "Score lower bounds", "成长值下限";
    ThresholdShares => "Target shares (%)", "目标人数占比 (%)";
    TierName => "Tier", "等级";
    LowerBound => "From score", "成长值起点";
    TargetShare => "Share %", "占比 %";
    AddTier => "Add tier", "添加等级";
    RemoveTier => "Remove", "删除";
    EffectiveBound => "Score where this tier starts in the last comparison", "上次对比中该等级的成长值起点";
    LowestTierBound => "everyone", "所有人";
    SharesSum => "Sum", "合计";
    BenefitsTitle => "Benefits per tier", "各等级权益";
    Discount => "Discount %", "折扣 %";
    Multiplier => "Points ×", "积分倍数";
    FreeShipping => "Free shipping", "包邮";
    GiftCost => "Gifts / year", "礼品 / 年";
    EconomicsTitle => "Economics", "经营假设";
    PointsPerUnit => "Points per currency unit", "每消费 1 元积分";
    PointCost => "Cost of one point", "单个积分成本";
    Breakage => "Breakage %", "积分沉淀率 %";
    ShippingCost => "Shipping cost per order", "每单运费成本";
    GrossMargin => "Gross margin %", "毛利率 %";
    EnterNumber => "Enter a number", "请输入数字";
    FixToRun => "Fix the marked fields to run the comparison.", "请先修正标记的字段，才能进行对比。";
    NeedData => "Load data on the Data tab first.", "请先在“数据”页加载数据。";
    ImportFailed => "Import failed", "导入失败";
    ImportedWithProblems => "Imported — some fields need fixing", "已导入，但部分字段需要修正";
    // Results
    ResultsTitle => "Results", "对比结果";
    ResultsPending => "Results appear here once data is loaded and both scenarios are valid.",
        "加载数据且两套方案都有效后，结果会显示在这里。";
    ResultsStale => "Updating…", "更新中…";
    Difference => "B − A", "B − A";
    KpiRevenue => "Revenue", "销售额";
    KpiDiscount => "Discount cost", "折扣成本";
    KpiPoints => "Points cost", "积分成本";
    KpiShipping => "Shipping cost", "运费成本";
    KpiGifts => "Gift cost", "礼品成本";
    KpiTotalCost => "Total benefit cost", "权益总成本";
    KpiPointsIssued => "Points issued", "发放积分";
    KpiMargin => "Margin after benefits", "扣除权益后毛利";
    KpiCostShare => "Cost as % of revenue", "成本占销售额";
    KpiMetric => "Metric", "指标";
    TierDistribution => "Customers per tier", "各等级人数";
    TierDistributionDesc => "Number of customers in each tier under A and B, with their share.",
        "方案 A 与 B 下每个等级的客户人数及占比。";
    Transitions => "Who moves where", "客户等级迁移";
    TransitionsDesc => "Rows: tier under A. Columns: tier under B. Each cell counts customers.",
        "行：方案 A 的等级；列：方案 B 的等级。格中数字为客户人数。";
    TierUnderA => "Tier under A", "方案 A 等级";
    TierUnderB => "Tier under B", "方案 B 等级";
    CostBreakdown => "Benefit cost by type", "权益成本构成";
    CostBreakdownDesc => "Discount, points, shipping and gift cost of each scheme.", "两套方案的折扣、积分、运费与礼品成本。";
    RevenueShare => "Revenue share per tier", "各等级销售额占比";
    Customers => "Customers", "客户数";
    CustomersLoaded => "customers", "位客户";
    ShareOfCustomers => "Share of customers", "人数占比";
    ShareOfRevenue => "Share of revenue", "销售额占比";
    Warnings => "Things to check", "需要注意";
    NoWarnings => "No warnings.", "没有警告。";
    MovedUp => "moved up", "升级";
    MovedDown => "moved down", "降级";
    Stayed => "stayed", "不变";
    Movement => "Tier moves from A to B", "从 A 到 B 的等级变化";
    CostDiscount => "Discount", "折扣";
    CostPoints => "Points", "积分";
    CostShipping => "Shipping", "运费";
    CostGifts => "Gifts", "礼品";
    Tier => "Tier", "等级";
    // Jobs, errors, notices
    Working => "Working…", "处理中…";
    Cancel => "Cancel", "取消";
    Dismiss => "Dismiss", "关闭";
    ErrorTitle => "Something needs your attention", "需要你处理";
    EngineStarting => "Starting the calculation engine…", "正在启动计算引擎…";
    EngineFailed => "The calculation engine could not start. Reload the page; if it keeps happening, use a current Chrome, Edge, Firefox or Safari.",
        "计算引擎无法启动。请刷新页面；如果问题持续，请使用最新版的 Chrome、Edge、Firefox 或 Safari。";
    EngineRestarted => "The calculation engine stopped unexpectedly and was restarted; your data was reloaded.",
        "计算引擎意外停止，已自动重启并重新加载你的数据。";
    StorageCorrupt => "Saved scenarios could not be read and were ignored; the template is used instead.",
        "已保存的方案无法读取，已忽略并改用模板。";
    FileRestored => "Your last file was restored from this browser.", "已从本浏览器恢复你上次使用的文件。";
    FileRestoreFailed => "Your last file could not be restored; the sample data is loaded instead.",
        "无法恢复上次的文件，已改为加载示例数据。";
    Cancelled => "Cancelled.", "已取消。";
}

pub fn encoding_name(encoding: TextEncoding, lang: Lang) -> &'static str {
    match encoding {
        TextEncoding::Utf8 => "UTF-8",
        TextEncoding::Utf8WithBom => lang.pick("UTF-8 (with BOM)", "UTF-8（带 BOM）"),
        TextEncoding::Gb18030 => "GBK / GB18030",
        TextEncoding::Utf16Le => "UTF-16 LE",
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
        Stage::Scoring => lang.pick("Scoring customers", "计算成长值"),
        Stage::Pricing => lang.pick("Pricing benefits", "测算权益成本"),
        Stage::Comparing => lang.pick("Comparing scenarios", "对比方案"),
        Stage::Training => lang.pick("Training model", "训练模型"),
        Stage::Simulating => lang.pick("Simulating", "模拟"),
    }
}

pub fn ingest_error(error: &IngestError, lang: Lang) -> String {
    match error {
        IngestError::EmptyFile => lang.pick("The file is empty.", "文件是空的。").into(),
        IngestError::ExcelWorkbook => lang
            .pick(
                "This is an Excel workbook. In Excel choose “Save as → CSV UTF-8” (or CSV) and load that file.",
                "这是 Excel 工作簿。请在 Excel 中“另存为 → CSV UTF-8”（或 CSV），再加载该文件。",
            )
            .into(),
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
    }
}

/// `tiers.thresholds.lower_bounds[2]` -> "Silver: from score" etc., in words.
pub fn field_name(field: &str, tier_names: &[String], lang: Lang) -> String {
    let index = field.split('[').nth(1).and_then(|rest| rest.split(']').next()).and_then(|i| i.parse::<usize>().ok());
    let tier = |i: usize| tier_names.get(i).cloned().unwrap_or_else(|| format!("#{}", i + 1));
    let base = field.split('[').next().unwrap_or(field);
    let tail = field.rsplit('.').next().unwrap_or(field);
    let label = match (base, tail) {
        ("name", _) => T::ScenarioName.get(lang).to_string(),
        ("tiers.names", _) => T::TierName.get(lang).to_string(),
        ("scoring", _) => T::ScoringTitle.get(lang).to_string(),
        ("scoring.amount", _) => T::WeightAmount.get(lang).to_string(),
        ("scoring.orders", _) => T::WeightOrders.get(lang).to_string(),
        ("scoring.interactions", _) => T::WeightInteractions.get(lang).to_string(),
        ("tiers.thresholds.lower_bounds", _) => T::LowerBound.get(lang).to_string(),
        ("tiers.thresholds.percent", _) => T::TargetShare.get(lang).to_string(),
        (_, "discount_percent") => T::Discount.get(lang).to_string(),
        (_, "points_multiplier") => T::Multiplier.get(lang).to_string(),
        (_, "gift_cost_per_year") => T::GiftCost.get(lang).to_string(),
        (_, "points_per_currency_unit") => T::PointsPerUnit.get(lang).to_string(),
        (_, "point_cost") => T::PointCost.get(lang).to_string(),
        (_, "breakage_percent") => T::Breakage.get(lang).to_string(),
        (_, "shipping_cost_per_order") => T::ShippingCost.get(lang).to_string(),
        (_, "gross_margin_percent") => T::GrossMargin.get(lang).to_string(),
        ("benefits", _) => T::BenefitsTitle.get(lang).to_string(),
        _ => field.to_string(),
    };
    match (index, base) {
        // A lower bound `i` belongs to tier `i + 1` (the first tier has no bound).
        (Some(i), "tiers.thresholds.lower_bounds") => format!("{} · {label}", tier(i + 1)),
        (Some(i), _) if field.starts_with("benefits[") || base == "tiers.names" || base.ends_with("percent") => {
            format!("{} · {label}", tier(i))
        }
        _ => label,
    }
}

/// What is wrong with a field, without naming the field (shown right next to it).
pub fn problem_text(kind: &ProblemKind, lang: Lang) -> String {
    match kind {
        ProblemKind::Empty => lang.pick("Must not be empty.", "不能为空。").into(),
        ProblemKind::Duplicate => lang.pick("Same name as another tier.", "与其他等级重名。").into(),
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
    }
}

/// A problem with its field named, for lists away from the field (imports, error banner).
pub fn problem_with_field(problem: &Problem, tier_names: &[String], lang: Lang) -> String {
    format!("{}: {}", field_name(&problem.field, tier_names, lang), problem_text(&problem.kind, lang))
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

pub fn user_error(error: &UserError, lang: Lang) -> String {
    match error {
        UserError::Ingest { error } => ingest_error(error, lang),
        UserError::Scenario { which, error } => match lang {
            Lang::En => format!("Scenario {which}: {}", scenario_error(error, lang)),
            Lang::Zh => format!("方案 {which}：{}", scenario_error(error, lang)),
        },
        UserError::Data { error } => activity_error(error, lang),
        UserError::BadRequest { message } => match lang {
            Lang::En => format!("The request was not possible: {message}"),
            Lang::Zh => format!("无法执行该请求：{message}"),
        },
        UserError::NoData => T::NeedData.get(lang).into(),
        UserError::NoFile => {
            lang.pick("Choose a file first (or load the sample data).", "请先选择文件（或加载示例数据）。").into()
        }
        UserError::Internal { message } => match lang {
            Lang::En => format!("TierLab hit an internal error (a bug, not your data): {message}"),
            Lang::Zh => format!("TierLab 出现内部错误（程序缺陷，与你的数据无关）：{message}"),
        },
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
                Lang::Zh => format!("无法计算客户成长值：请在“数据”页将以下至少一列设好含义：{}。", names.join("、")),
            }
        }
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
                format::percent(*target),
                format::share(*actual)
            ),
            Lang::Zh => format!(
                "“{tier}”的目标占比为 {}，实际为 {}：很多客户成长值完全相同，只能划入同一等级。",
                format::percent(*target),
                format::share(*actual)
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

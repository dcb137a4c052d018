//! Every fixed piece of text on the page, in English and 简体中文: pure data, one table.

use super::lang::Lang;

/// A table of fixed texts as an enum with `get(lang)`: `texts! { T; Key => "en", "zh"; ... }` makes
/// `T`; other tables (one per subject) use it too.
macro_rules! texts {
    ($name:ident; $($key:ident => $en:literal, $zh:literal;)*) => {
        /// A fixed piece of UI text.
        #[derive(Clone, Copy, Debug, PartialEq, Eq)]
        pub enum $name { $($key),* }

        impl $name {
            pub fn get(self, lang: Lang) -> &'static str {
                match (self, lang) {
                    $(($name::$key, Lang::En) => $en, ($name::$key, Lang::Zh) => $zh,)*
                }
            }
        }
    };
}
pub(crate) use texts;

texts! {
    T;
    Brand => "TierLab", "TierLab";
    DocumentTitle => "TierLab · membership tiers & benefits", "TierLab · 会员等级与权益方案";
    Tagline => "Membership tiers & benefits, tested on your own data", "会员等级与权益方案，用你自己的数据来检验";
    PrivacyNote => "Your data stays in this browser.", "数据只在本浏览器中处理，不会上传。";
    SwitchLanguage => "中文", "English";
    SwitchLanguageTitle => "切换到中文", "Switch to English";
    TabData => "Data", "数据";
    TabScoring => "Scoring", "评分与等级";
    TabLab => "Model lab", "模型实验室";
    TabCompare => "Compare", "方案对比";
    // Data page
    DataTitle => "Customer data", "客户数据";
    DataIntro => "Load the built-in sample or your own CSV or Excel export (event log or one row per customer).",
        "加载内置示例数据，或上传你自己的 CSV 或 Excel 导出文件（行为明细或每位客户一行）。";
    LoadSample => "Load sample data", "加载示例数据";
    DownloadSampleCsv => "Download sample CSV", "下载示例 CSV";
    ChooseFile => "Choose a file", "选择文件";
    DropHere => "Drop a CSV / TSV / TXT or Excel (.xlsx) file here, or", "将 CSV / TSV / TXT 或 Excel（.xlsx）文件拖放到此处，或";
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
    Yes => "yes", "是";
    No => "no", "否";
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
    ScenarioName => "Name", "名称";
    CopyAToB => "Copy A → B", "复制 A → B";
    ResetTemplate => "Reset to template", "恢复模板";
    ExportJson => "Export JSON", "导出 JSON";
    ImportJson => "Import JSON", "导入 JSON";
    RunCompare => "Compare", "开始对比";
    HeadToHead => "Head to head", "一对一对比";
    Versus => "vs", "对";
    WeightAmount => "Per currency unit spent", "每消费 1 元";
    WeightOrders => "Per order", "每笔订单";
    WeightInteractions => "Per interaction", "每次互动";
    TiersTitle => "Tiers", "等级";
    ThresholdMode => "Tiers are drawn by", "等级门槛方式";
    TierName => "Tier", "等级";
    LowerBound => "From score", "分数起点";
    TargetShare => "Share %", "占比 %";
    AddTier => "Add tier", "添加等级";
    RemoveTier => "Remove", "删除";
    EffectiveBound => "Score where this tier starts in the latest result", "最新结果中该等级的分数起点";
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
    Transitions => "Who moves where", "客户等级迁移";
    CostBreakdown => "Benefit cost by type", "权益成本构成";
    CostBreakdownDesc => "Discount, points, shipping, gift and coupon cost of each scheme.", "两套方案的折扣、积分、运费、礼品与优惠券成本。";
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
    CostDiscount => "Discount", "折扣";
    CostPoints => "Points", "积分";
    CostShipping => "Shipping", "运费";
    CostGifts => "Gifts", "礼品";
    CostCoupons => "Coupons", "优惠券";
    Tier => "Tier", "等级";
    // Scenario editor sections
    ScoringSection => "Scoring", "评分模型";
    MovementSection => "Movement over time", "升降级规则";
    SegmentsSection => "Segments", "客群门槛";
    PointsSection => "Points", "积分";
    ScoringModel => "Model", "模型";
    Weight => "Weight", "权重";
    Feature => "Feature", "指标";
    AddTerm => "Add a feature", "添加指标";
    RemoveTerm => "Remove", "删除";
    CapPercentile => "Cap at percentile", "封顶百分位";
    CapPercentileHelp => "Each feature is scaled to 0–10; values above this percentile count as 10, so one extreme customer does not squash everyone else.",
        "每个指标换算为 0–10 分；高于该百分位的值按 10 分计，避免个别极端客户把其他人压到低分。";
    Intercept => "Intercept b₀", "截距 b₀";
    PositiveWeight => "Per positive comment", "每条正面评价";
    NegativeWeight => "Per negative comment", "每条负面评价";
    FunnelStage => "Funnel stage", "漏斗环节";
    Smoothing => "Smoothing", "平滑方式";
    SmoothingHelp => "Rates are smoothed: k successes out of n tries get a prior of a successes and b failures added. A customer with few events is pulled toward the prior; with many events their own rate dominates.",
        "转化率经过平滑：n 次尝试中的 k 次成功，再加上先验的 a 次成功和 b 次失败。行为少的客户会被拉向先验值；行为多的客户以自身转化率为主。";
    PriorStrength => "Prior strength a + b", "先验强度 a + b";
    RfmHelp => "R, F and M are each scored 1–5 by quintile among customers who bought (recent, frequent and big spenders score 5); customers who never bought score 0.",
        "R、F、M 分别按购买客户中的五分位打 1–5 分（最近购买、购买频繁、消费高的得 5 分）；从未购买的客户得 0 分。";
    QualifyingHelp => "The score is the base points a customer earned in the qualifying window, before tier multipliers — set how points are earned in the Points section.",
        "分数为客户在定级周期内获得的基础积分（不含等级倍数）——积分获取规则在“积分”部分设置。";
    FormulaGrowth => "score = w₁ × net spend + w₂ × purchases + w₃ × interactions, over the qualifying window",
        "分数 = w₁ × 净消费 + w₂ × 购买次数 + w₃ × 互动次数（定级周期内累计）";
    FormulaWeighted => "score = Σ wᵢ × bᵢ, where bᵢ is feature i scaled to 0–10 over all customers (lower-is-better features reversed)",
        "分数 = Σ wᵢ × bᵢ，bᵢ 为指标 i 在全体客户中换算成的 0–10 分（越低越好的指标反向计分）";
    FormulaLinear => "points = b₀ + Σ bᵢ × xᵢ, on the raw feature values", "积分 = b₀ + Σ bᵢ × xᵢ（使用指标原始值）";
    FormulaFunnel => "score = the customer's smoothed conversion rate of one funnel stage, in percent",
        "分数 = 客户在某一漏斗环节的平滑转化率（百分比）";
    FormulaRating => "score = mean rating (0–5) + w⁺ × positive comments − w⁻ × negative comments, kept within 0–5",
        "分数 = 平均评分（0–5）+ w⁺ × 正面评价数 − w⁻ × 负面评价数，限制在 0–5 之间";
    FormulaRfm => "score = R + F + M (3–15)", "分数 = R + F + M（3–15）";
    FormulaMetric => "score = one feature as it is", "分数 = 单个指标的原始值";
    FormulaQualifying => "score = qualifying points earned in the window", "分数 = 定级周期内获得的定级积分";
    ScaleChangesBounds => "Changing the model changes the score scale: check the absolute tier bounds.",
        "更换模型会改变分数尺度：请检查各等级的分数下限。";
    Quantile => "Quantile (0–1)", "分位点 (0–1)";
    AbsoluteHelp => "A customer enters a tier when their score reaches its bound.", "客户分数达到某等级的下限即进入该等级。";
    SharesHelp => "Bounds are placed so each tier holds about this share of customers at the end of the history, then held fixed.",
        "按历史末期的客户分数划定门槛，使各等级人数接近目标占比，之后门槛保持不变。";
    QuantilesHelp => "A tier starts at this quantile of the scores: 0.95 means the top 5 % of scores.",
        "等级从分数的该分位点开始：0.95 表示分数最高的 5 %。";
    QualifyingWindow => "Activity that counts", "计入分数的时间范围";
    WindowLabel => "Window", "时间范围";
    UpgradeWhen => "When", "升级时机";
    RetainRuleLabel => "Rule", "保级规则";
    ExpiryLabel => "Points expire", "积分过期方式";
    RedemptionLabel => "How customers redeem", "兑换方式";
    SegmentMultipliers => "Points multipliers by segment (from the imported file)", "按客群的积分倍数（来自导入的文件）";
    WindowMonths => "Months in the window", "滚动月数";
    WindowHelp => "Each month end, scores are computed over this window; with rolling or yearly windows old activity stops counting.",
        "每个月底按该时间范围计算分数；滚动或按年的范围会让早期行为不再计入。";
    UpgradeTitle => "Moving up", "升级";
    UpgradeMonths => "Months in a row", "连续月数";
    DowngradeTitle => "Moving down", "降级";
    DowngradeEvaluation => "Checked", "评估时间";
    GraceEvaluations => "Grace (evaluations)", "宽限（评估次数）";
    DowngradeStep => "How far down", "降级幅度";
    GraceHelp => "A member below the bound to keep their tier is moved down only after this many evaluations in a row below it.",
        "会员分数低于保级线时，需连续这么多次评估都未达标才会降级。";
    RetainTitle => "Keeping a tier", "保级条件";
    RetainBound => "Score to keep", "保级分数";
    RetainFraction => "Fraction of the entry bound (0–1)", "占准入门槛的比例 (0–1)";
    RetainHelp => "At each downgrade check, members whose score is below the bound to keep their tier move down.",
        "每次降级评估时，分数低于保级线的会员会被降级。";
    RetainUnused => "Bounds to keep a tier only matter when tiers can go down (see “Moving down”).",
        "只有允许降级时保级条件才起作用（见“降级”）。";
    SegmentsEnable => "Different entry bounds for some customer segments", "为部分客群设置不同的准入门槛";
    SegmentsHelp => "Customers of a listed segment need these scores to enter each tier; everyone else uses the tier bounds above.",
        "列出的客群需达到这里的分数才能进入各等级；其他客户使用上方的等级门槛。";
    SegmentSource => "Segments from", "客群来源";
    Segment => "Segment", "客群";
    RfmSegments => "RFM segments", "RFM 客群";
    AddSegment => "Add a segment", "添加客群";
    EarningTitle => "Earning", "获取";
    PendingDays => "Pending days", "待生效天数";
    PointsPerEvent => "Points per event", "每次行为积分";
    AddEventPoints => "Points for another event", "为其他行为设置积分";
    ExpiryTitle => "Expiry", "过期";
    ExpiryMonths => "Months after earning", "获得后月数";
    ExpiryYears => "Years after the year earned", "获得当年之后的年数";
    RedemptionTitle => "Redemption", "兑换";
    RedemptionBlock => "Block size (points)", "每块积分数";
    RedemptionPercent => "Share redeemed per month", "每月兑换比例";
    PointValueTitle => "Value", "价值";
    BreakageHelp => "Breakage: the share of points expected never to be redeemed (retail: 20–35 %). Liability is valued net of it.",
        "沉淀率：预计永远不会被兑换的积分比例（零售业 20–35 %）。积分负债按扣除沉淀后的金额估算。";
    LevelBonusTitle => "Yearly bonus per tier", "等级年度奖励积分";
    LevelBonusEnable => "Give members yearly bonus points by tier", "按等级每年赠送奖励积分";
    BonusBase => "Base", "基础值 base";
    BonusTop => "Top", "上限值 top";
    BonusK => "k", "k";
    BonusPoints => "Bonus points", "奖励积分";
    // Scoring tab
    ScoringPageTitle => "Scoring and tiers", "评分与等级";
    ScoringPageIntro => "Choose how customers are scored and see where they land, month by month, while you edit.",
        "选择客户的评分方式，编辑时即可看到客户的等级分布及逐月变化。";
    WorkingOn => "Working on", "当前方案";
    FixToRunScoring => "Fix the marked fields to see results.", "请先修正标记的字段，才能查看结果。";
    TierDistributionLive => "Customers per tier", "各等级人数";
    TierDistributionLiveDesc => "At the end of the history, with the score each tier starts at.", "历史末期各等级的人数，以及各等级的分数起点。";
    YearsOfHistory => "years of history", "年历史数据";
    Computing => "Computing…", "计算中…";
    TierTimeline => "Tiers over time", "等级随时间变化";
    TierTimelineDesc => "The tier rules replayed month by month over the real history: who held which tier, and who moved up or down.",
        "按真实历史逐月回放等级规则：每月各等级有多少会员，多少人升级或降级。";
    MembersAxis => "Members", "会员数";
    MembersUnit => "members", "位会员";
    MonthAxis => "Month", "月份";
    CustomersAxis => "Customers", "客户数";
    MembersTitle => "Members per tier at each month end", "每月月底各等级会员数";
    MovesTitle => "Moved up and down per month", "每月升降级人数";
    MovedUpSeries => "Moved up", "升级";
    MovedDownSeries => "Moved down", "降级";
    LookupTitle => "Look up a customer", "查询客户";
    LookupIntro => "Why is a customer in their tier? Their score term by term, the distance to the next tier and their history.",
        "客户为什么在这个等级？查看分数的各项构成、距离下一等级的差距以及历史变化。";
    CustomerId => "Customer ID", "客户 ID";
    LookUp => "Look up", "查询";
    TryIds => "Try:", "试试：";
    Score => "Score", "分数";
    TopTierReached => "Already in the top tier.", "已在最高等级。";
    Contributions => "What makes up the score", "分数构成";
    NoContributions => "This model has no separate terms.", "该模型没有可拆分的分项。";
    TierByMonth => "Tier month by month", "逐月等级";
    NotYetCustomer => "not yet a customer", "尚未成为客户";
    NeedsEventLogHistory => "A history needs an event log with dates; a customer table has one point in time.",
        "逐月历史需要带日期的行为明细；客户表只有一个时间点。";
    FeaturesTitle => "Features in the qualifying window", "定级周期内的指标";
    PointsTitle => "Points", "积分";
    PointsBalance => "Balance", "可用余额";
    PointsPending => "Pending", "待生效";
    PointsEarnedToDate => "Earned to date", "累计获得";
    FeaturesTableTitle => "Features of this data", "数据中的指标";
    FeaturesTableIntro => "What every scoring model can use, over the whole history.", "所有评分模型可使用的指标（基于全部历史）。";
    WithValue => "Customers with a value", "有值客户数";
    Missing => "Missing", "缺失";
    Mean => "Mean", "均值";
    Median => "Median", "中位数";
    Max => "Max", "最大值";
    // Compare: points
    PointsPanelTitle => "Points program", "积分计划";
    PointsPanelDesc => "Points owed at the end of the history, and what was earned (up) and redeemed, expired or taken back by refunds (down) each month.",
        "历史末期尚未兑付的积分，以及每月获得（向上）与兑换、过期、退款扣回（向下）的积分。";
    PointsOutstanding => "Points outstanding", "未兑付积分";
    Liability => "Points liability", "积分负债";
    ExpectedLiability => "Liability after expected breakage", "扣除预计沉淀后的负债";
    PointsAxis => "Points", "积分";
    PointsEarned => "Earned", "获得";
    PointsRedeemed => "Redeemed", "兑换";
    PointsExpired => "Expired", "过期";
    PointsReversed => "Taken back", "退款扣回";
    // Simulator tab
    TabSimulator => "Simulator", "模拟器";
    SimPageTitle => "Simulator", "方案模拟";
    SimPageIntro => "Simulate your schemes month by month on your customers, next to running no program at all, and see which earns most — and how sure that is.",
        "在你的客户数据上逐月模拟各个方案，并与“不做会员计划”对比：看哪个方案赚得最多，以及有多大把握。";
    SimIntervalLabel => "Intervals", "区间";
    SimIntervalHelp => "An interval is the range the middle 90 % (or 95 %) of the simulated futures fall in: the narrower it is, the surer the figure.",
        "区间是中间 90 %（或 95 %）的模拟结果所在的范围：区间越窄，数字越可靠。";
    SimScenariosTitle => "Scenarios", "方案";
    SimShowEditors => "Edit the schemes", "编辑各方案";
    SimHideEditors => "Hide the editors", "收起编辑器";
    SimSaveToLibrary => "Save to library", "保存到方案库";
    SimBChanges => "B changes:", "B 的改动：";
    SimNoDifferences => "A and B are identical: change B (or load another scenario) to compare something.",
        "A 与 B 完全相同：请修改 B（或载入其他方案）再进行比较。";
    SimShowDifferences => "Every difference", "全部差异";
    SimSetting => "Setting", "设置项";
    SimLibraryTitle => "Scenario library", "方案库";
    SimLibraryEmpty => "No saved scenarios yet. Save a scheme to keep it and load it again later into any of the schemes.",
        "还没有保存的方案。保存某个方案后，可随时再载入到任一方案中。";
    SimDelete => "Delete", "删除";
    SimInUse => "in use", "使用中";
    SimBeforeSharedLink => "before shared link", "打开分享链接前";
    SimSharedLoaded => "The schemes were loaded from the shared link.", "已从分享链接载入各方案。";
    SimSharedKept => "The scenarios you had before are kept in the scenario library (“before shared link”).",
        "你之前的方案已保存在方案库中（“打开分享链接前”）。";
    SimSharedProblems => "Fields to fix in scenario", "需要修正的字段，方案";
    SimSharedUnreadable => "The shared link could not be opened; your scenarios are unchanged.", "无法打开分享链接；你的方案保持不变。";
    SimAssumptionsTitle => "How customers respond", "客户反应假设";
    SimAssumptionsDesc => "The behavioural assumptions behind the simulation, each with its default, plausible range and source.",
        "模拟所依据的行为假设，每项都列出默认值、合理范围和来源。";
    SimAssumptionsDefault => "All at their research-based defaults.", "全部为基于研究的默认值。";
    SimShowAssumptions => "Show and edit", "查看与编辑";
    SimHide => "Hide", "收起";
    SimSameForBoth => "Same for every scheme (they describe customers, not schemes)", "所有方案使用相同假设（假设描述的是客户，而非方案）";
    SimResetDefaults => "Reset to defaults", "恢复默认值";
    SimAssumptionsDiffer => "The schemes hold different values; a value entered here is set for all of them.", "各方案的假设值不同；在此输入的值将用于所有方案。";
    SimMakeBLikeA => "Give B the values of A", "让 B 使用 A 的值";
    SimAssumption => "Assumption", "假设";
    SimValue => "Value (every scheme)", "取值（所有方案）";
    SimDefault => "Default", "默认值";
    SimRange => "Plausible range", "合理范围";
    SimSource => "Source", "来源";
    SimRunTitle => "Run the simulation", "运行模拟";
    SimRunDesc => "Each simulated future draws every customer's buying anew; every scheme and no program see the same draws, so their differences are sharp.",
        "每次模拟都会重新抽取每位客户的购买行为；所有方案和“无会员计划”使用相同的随机抽样，因此差异更清晰。";
    SimMonths => "Months to simulate", "模拟月数";
    SimReplications => "Simulated futures", "模拟次数";
    SimSeed => "Seed", "随机种子";
    SimSeedHelp => "The same seed gives exactly the same results, here and in the command-line tool.", "相同的随机种子会得到完全相同的结果（网页与命令行工具一致）。";
    SimRunButton => "Run simulation", "开始模拟";
    SimRunning => "Simulating…", "模拟中…";
    SimStale => "The scenarios or settings changed since these results: run again to update them.", "方案或设置在这些结果之后有改动：请重新运行以更新结果。";
    SimFixScenarios => "Fix the marked fields of the scenarios first.", "请先修正方案中标记的字段。";
    SimFixSettings => "Fix the marked settings first.", "请先修正标记的设置。";
    SimNoResults => "Run the simulation to see which scheme earns more.", "运行模拟，看看哪个方案赚得更多。";
    SimVerdictTitle => "Verdict", "结论";
    SimIncrementalMargin => "Incremental margin", "增量毛利";
    SimIncrementalHelp => "Margin after benefits minus the margin with no program.", "扣除权益后的毛利减去无会员计划时的毛利。";
    SimRoi => "ROI", "投资回报率";
    SimRoiHelp => "Incremental margin per unit of benefit cost.", "每单位权益成本带来的增量毛利。";
    SimKpisTitle => "Key figures", "关键指标";
    SimMoney => "Money", "金额";
    SimCustomersGroup => "Customers", "客户";
    SimPointsGroup => "Points", "积分";
    SimNoProgram => "No program", "无会员计划";
    SimMoneyAxis => "Amount", "金额";
    SimOrdersAxis => "Orders", "订单数";
    SimRevenueTitle => "Revenue per month", "每月销售额";
    SimRevenueDesc => "Lines are the mean of the simulated futures, shaded bands their interval; the dashed line is the same customers with no program.",
        "实线为模拟结果的平均值，阴影为区间；虚线为同一批客户在无会员计划时的情况。";
    SimMarginTitle => "Margin after benefits per month", "每月扣除权益后毛利";
    SimMarginDesc => "Revenue × gross margin − benefit cost; with no program there is no benefit cost.", "销售额 × 毛利率 − 权益成本；无会员计划时没有权益成本。";
    SimMarginDescNoBase => "Revenue × gross margin − benefit cost. The schemes assume different gross margins, so no single no-program line is drawn.",
        "销售额 × 毛利率 − 权益成本。各方案的毛利率假设不同，因此不绘制单一的无会员计划曲线。";
    SimCostTitle => "Benefit cost per month", "每月权益成本";
    SimCostDesc => "Discounts, points, free shipping and gifts together; no program costs nothing.", "折扣、积分、包邮和礼品的合计；无会员计划时成本为零。";
    SimOrdersTitle => "Orders per month", "每月订单数";
    SimOrdersDesc => "Completed purchases per month under each scheme and no program.", "各方案和无会员计划下每月完成的购买次数。";
    SimTierShares => "Tier shares over time", "各等级占比变化";
    SimTierSharesDesc => "Share of customers in each tier at the end of every simulated month (mean over the simulated futures).",
        "每个模拟月末各等级的客户占比（所有模拟结果的平均值）。";
    SimShareAxis => "Share of customers", "客户占比";
    SimTopTierAtEnd => "Top tier at the end", "期末最高等级";
    SimMigrationTitle => "Tier migration", "等级迁移";
    SimMigrationDesc => "Rows: tier at the start of the simulation. Columns: tier at the end. Cells: customers (mean over the simulated futures).",
        "行：模拟开始时的等级；列：模拟结束时的等级。格中为客户数（所有模拟结果的平均值）。";
    SimTierAtStart => "Tier at the start", "期初等级";
    SimTierAtEnd => "Tier at the end", "期末等级";
    SimLiabilityTitle => "Points liability", "积分负债";
    SimDowngradeChecked => "Downgrades checked", "降级评估时间";
    SimDowngradeStep => "Downgrade step", "降级幅度";
    SimDowngradeGrace => "Downgrade grace (evaluations)", "降级宽限（评估次数）";
    SimOutstandingTitle => "Points outstanding at each month end", "每月末未兑付积分";
    SimLiabilityDesc => "What the points still owed at the end would cost to honour, after expected breakage; and the points outstanding month by month.",
        "期末尚未兑付的积分在扣除预计沉淀后的兑付成本，以及每月的未兑付积分。";
    SimGroupsTitle => "Segments and groups", "客群与人群";
    SimGroupsDesc => "Per customer, by RFM segment at the start and by gender, age and city where the data has them.",
        "按期初 RFM 客群，以及数据中已有的性别、年龄和城市，计算人均指标。";
    SimShowing => "Showing scheme", "当前显示方案";
    SimSegmentNote => "behavioural segments are meant to differ; not checked for fairness", "行为客群本应有差异，不做公平性检查";
    SimRevenuePerCustomer => "Revenue / customer", "人均销售额";
    SimIncrementalPerCustomer => "Extra revenue / customer vs no program", "相比无会员计划的人均增量销售额";
    SimBenefitPerCustomer => "Benefit / customer", "人均权益";
    SimTopTierShare => "In the top tier", "最高等级占比";
    SimTopTierRatio => "Top tier vs best group", "最高等级占比 / 最佳人群";
    SimBenefitRatio => "Benefit vs best group", "人均权益 / 最佳人群";
    SimBelow08 => "below 0.8", "低于 0.8";
    DateOrderLabel => "Dates written as", "日期写法";
    DecimalMarkLabel => "Decimal mark", "小数点";
    DecimalMarkHelp => "How the file writes 1234.5: 1,234.50 (point) or 1.234,50 (comma, most of Europe). Detected from the file.",
        "文件中 1234.5 的写法：1,234.50（小数点）或 1.234,50（小数逗号，欧洲多用）。已从文件中自动判断。";
    DecimalPoint => "point: 1,234.50", "点：1,234.50";
    DecimalComma => "comma: 1.234,50", "逗号：1.234,50";
    DateOrderHelp => "Dates with the year last can be month first (US: 3/15/2026) or day first (Europe: 15/3/2026). Detected from the file; change it if the dates read wrong.",
        "年份在后的日期可能是“月/日/年”（美国：3/15/2026）或“日/月/年”（欧洲：15/3/2026）。已从文件中自动判断；如果日期读错了，请在此更改。";
    DateOrderMonthFirst => "month/day/year", "月/日/年";
    DateOrderDayFirst => "day/month/year", "日/月/年";
    SimBelow08ByChance => "could be chance", "可能是偶然";
    SimBelow08ByChanceTitle => "Below 0.8, but the groups are too small to tell this gap from chance (95 %).",
        "低于 0.8，但人群太小，无法把这一差距与偶然区分开（95 %）。";
    SimFairnessTitle => "Fairness", "公平性";
    SimFairnessHelp => "Each demographic group is compared with the best-served group of its kind; a ratio below 0.8 (the four-fifths rule) is flagged when the gap is also statistically clear (95 %), so a small group's lucky share raises no alarm.",
        "每个人群与同类中获益最多的人群比较；比值低于 0.8（五分之四规则）且差距在统计上明确（95 %）时标记，小人群的偶然高低不会误报。";
    SimFairnessOk => "No group falls clearly below 0.8 of the best-served group.", "没有人群明确低于获益最多人群的 0.8。";
    SimNoDemographics => "The data has no gender, age or city column, so fairness cannot be checked.", "数据中没有性别、年龄或城市列，无法检查公平性。";
    SimSensitivityTitle => "Sensitivity", "敏感性分析";
    SimSensitivityDesc => "Could the assumptions change the decision? Each one is moved to the ends of its plausible range.",
        "假设会不会改变结论？把每个假设分别调到其合理范围的两端再模拟。";
    SimRunSensitivity => "Run sensitivity", "运行敏感性分析";
    SimAtLow => "Assumption at its low value", "假设取下限";
    SimAtHigh => "Assumption at its high value", "假设取上限";
    SimFlips => "flips", "会反转";
    SimFieldTestTitle => "Field-test planner", "实地测试规划";
    SimFieldTestDesc => "Before rolling B out, confirm it in a live test: how many customers each arm needs, and for how long.",
        "全面推行 B 之前，先做实地测试确认：每组需要多少客户、测试多长时间。";
    Significance => "Significance", "显著性水平";
    Power => "Power", "检验功效";
    SimFieldTestHelp => "Significance: the risk of declaring a difference that is not there (5 % is usual). Power: the chance of detecting a real difference (80 % is usual).",
        "显著性水平：误判存在差异的风险（通常取 5 %）。检验功效：真实差异被检测出来的概率（通常取 80 %）。";
    SimRunFirst => "Run the simulation first: the plan is sized from its result.", "请先运行模拟：测试规模根据模拟结果计算。";
    SimTestLength => "Test length", "测试时长";
    SimPerArm => "Customers per arm", "每组客户数";
    SimFits => "Enough customers", "客户数是否足够";
    SimPerArmAdjusted => "Per arm, adjusted for pre-period spend (CUPED)", "按前期消费调整后每组客户数（CUPED）";
    SimSampleRatioRange => "Arm size that should alarm", "应报警的分组人数";
    SimRecommended => "recommended", "推荐";
    SimNoEffect => "A and B give the same simulated margin per customer: a live test cannot tell them apart.",
        "A 与 B 的模拟人均毛利相同：实地测试无法区分两者。";
    SimBacktestTitle => "Back-test", "回测";
    SimBacktestDesc => "Does the no-program simulation reproduce what actually happened? Fit it on the history up to a date, simulate the months after, and compare.",
        "无会员计划的模拟能否重现真实情况？用某日期之前的历史拟合模型，模拟之后的月份，再与实际对比。";
    SimCalibrationEnd => "Use the history up to", "使用截至该日期的历史";
    SimRunBacktest => "Run back-test", "运行回测";
    SimBacktestHelp => "The months after the date are held out: the simulation does not see them. It uses the run's simulated futures, seed and baseline purchase model.",
        "该日期之后的月份不参与拟合，模拟看不到它们。回测使用与模拟相同的模拟次数、随机种子和基线购买模型。";
    SimBacktestNeedsEvents => "A back-test needs an event log with dates; this data is a customer table.", "回测需要带日期的行为明细；当前数据是客户表。";
    SimBadDate => "Choose a date.", "请选择日期。";
    SimBacktestOrders => "Orders per month: simulated vs actual", "每月订单：模拟与实际";
    SimBacktestRevenue => "Revenue per month: simulated vs actual", "每月销售额：模拟与实际";
    SimActual => "What actually happened", "实际情况";
    SimSimulatedNoProgram => "Simulated (no program)", "模拟（无会员计划）";
    SimError => "Difference", "偏差";
    SimFrontierTitle => "What the optimiser explored", "优化器搜索过的方案";
    SimFrontierCost => "Benefit cost", "权益成本";
    SimFrontierMargin => "Incremental margin", "增量毛利";
    SimFeasible => "Within the limits", "满足限制";
    SimInfeasible => "Breaks a limit", "超出限制";
    SimBest => "Best", "最佳";
    SimExportTitle => "Export and share", "导出与分享";
    SimExportDesc => "Take the results and the schemes with you. The link carries the schemes only — never your data.",
        "导出结果和方案。分享链接只包含方案，绝不包含你的数据。";
    SimExportResultsJson => "Results (JSON)", "结果（JSON）";
    SimExportResultsCsv => "Results (CSV)", "结果（CSV）";
    SimExportScenarios => "All schemes (JSON)", "全部方案（JSON）";
    SimShareLink => "Copy shareable link", "复制分享链接";
    SimShareHelp => "Whoever opens the link gets all your schemes and the reference, and runs them on their own data.",
        "打开链接的人会得到你的全部方案和参照方案，并在他们自己的数据上运行。";
    SimLinkCopied => "Copied to the clipboard.", "已复制到剪贴板。";
    SimLinkCopyYourself => "Copy the link above (the browser did not allow copying it automatically).", "请手动复制上面的链接（浏览器不允许自动复制）。";
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
    FewerWorkers => "One of the extra calculation workers did not start; TierLab continues with fewer (the same results, a little slower).",
        "有一个额外的计算线程未能启动；TierLab 将以较少的线程继续（结果相同，速度稍慢）。";
}

//! The Model lab's fixed texts, in English and 简体中文: pure data, one table (the page's other texts
//! are in texts.rs).

use super::lang::Lang;
use super::texts::texts;

texts! {
    TL;
    // Model lab
    LabTitle => "Model lab", "模型实验室";
    LabIntro => "Learn from your data: what each customer is worth, what they will spend, which tier or segment they belong to — then use the result as a tier basis or in segment rules.",
        "从数据中学习：每位客户值多少、未来会消费多少、属于哪个等级或客群——再把结果用作定级依据或客群规则。";
    LabSettingsCorrupt => "Saved model lab settings could not be read and were ignored; the defaults are used.",
        "已保存的模型实验室设置无法读取，已忽略并改用默认设置。";
    LabFailed => "The model could not be computed", "模型无法计算";
    LabFixFields => "Fix the marked fields first.", "请先修正标记的字段。";
    LabFeatures => "Features", "特征";
    LabChosen => "chosen", "个已选";
    LabRecommended => "Recommended", "推荐组合";
    LabNone => "None", "全不选";
    LabModel => "Model", "模型";
    LabEvaluation => "Evaluation", "评估方式";
    LabEvaluationHelp => "A share of customers is held out and never seen in training: every score below is measured on them. Cross-validation repeats this on several splits to show how much the score varies.",
        "部分客户被留作测试集，训练时完全看不到：下面的评分都在这些客户上计算。交叉验证在多种划分上重复这一过程，显示评分的波动幅度。";
    LabMetric => "Metric", "指标";
    LabHowGood => "How good is the model?", "模型效果如何？";
    LabMetricsHelp => "Measured on the test customers. A useful model beats the naive baselines clearly: lower errors, higher R².",
        "在测试客户上计算。有用的模型应明显优于朴素基准：误差更低、R² 更高。";
    LabClassMetricsHelp => "Measured on the test customers. Accuracy: share predicted right. Precision / recall / F1 are averaged over the classes, so small tiers count as much as big ones.",
        "在测试客户上计算。准确率：预测正确的比例。精确率 / 召回率 / F1 为各类别的平均值，小等级与大等级同等重要。";
    LabTrainVsTest => "Training vs test", "训练集与测试集";
    LabTraining => "training", "训练集";
    LabTest => "test", "测试集";
    LabOverfit => "The model scores much better on the customers it learned from than on new ones: it is memorising rather than learning (over-fitting). Try a smaller depth, more customers per leaf, or fewer features.",
        "模型在训练客户上的表现远好于新客户：它在死记而非学习规律（过拟合）。请尝试降低树深度、增加每个叶节点的最少客户数，或减少特征。";
    LabNoOverfit => "Training and test scores are close: the model does about as well on customers it has not seen.",
        "训练集与测试集评分接近：模型对没见过的客户同样有效。";
    LabCrossValidation => "Cross-validation", "交叉验证";
    LabNoCv => "Not run (switch it on under Evaluation).", "未运行（可在“评估方式”中开启）。";
    LabPredictedVsActual => "Predicted vs actual", "预测值与实际值";
    LabActual => "Actual", "实际值";
    LabPredicted => "Predicted", "预测值";
    LabPerfect => "Perfect prediction", "完美预测线";
    LabImportance => "What the model relies on", "模型依赖哪些特征";
    LabImportanceDescValue => "How much R² drops when one feature's values are shuffled among the test customers (± one standard deviation over the shuffles). Near zero: the model does not need it.",
        "将某个特征的值在测试客户间随机打乱后 R² 下降多少（± 一个标准差）。接近 0 表示模型几乎不依赖它。";
    LabImportanceDescTier => "How much accuracy drops when one feature's values are shuffled among the test customers (± one standard deviation over the shuffles).",
        "将某个特征的值在测试客户间随机打乱后准确率下降多少（± 一个标准差）。";
    LabImportanceAxisR2 => "Drop in R²", "R² 下降";
    LabImportanceAxisAccuracy => "Drop in accuracy", "准确率下降";
    LabNoImportance => "Not computed (0 shuffles per feature).", "未计算（每个特征打乱 0 次）。";
    LabCoefficients => "The formula", "回归公式";
    LabCoefficientsIntro => "prediction = intercept + Σ weight × feature, in the features' own units: one more unit of a feature changes the prediction by its weight.",
        "预测值 = 截距 + Σ 权重 × 特征（特征取原始单位）：某特征每增加 1 个单位，预测值变化其权重那么多。";
    LabWeight => "Weight", "权重";
    LabTrainingSet => "What the model learned from", "训练数据说明";
    LabPartialMonth => "The data ends inside the last holdout month, so that month is only partly observed: actual values there are lower than a full month's.",
        "数据在验证期最后一个月的月中结束，该月只观察到一部分：该月的实际值会低于完整月份。";
    LabStandardised => "Features were standardised (z-scores from the training customers).", "特征已标准化（使用训练客户的均值与标准差）。";
    LabPerClass => "Per class", "各类别表现";
    LabClass => "Class", "类别";
    LabSupport => "Test customers", "测试客户数";
    LabConfusion => "Confusion matrix", "混淆矩阵";
    LabConfusionDesc => "Test customers by actual class (rows) and predicted class (columns). The outlined diagonal is right; shading shows the share of each actual class.",
        "测试客户按实际类别（行）和预测类别（列）统计。带框的对角线为预测正确；颜色深浅表示占该实际类别的比例。";
    LabActualClass => "Actual", "实际";
    LabPredictedClass => "Predicted", "预测";
    LabRoc => "ROC curves", "ROC 曲线";
    LabRocDesc => "One curve per class against the rest: how many of the class the model catches (up) for how many others it wrongly flags (right). AUC 0.5 is guessing, 1.0 is perfect.",
        "每个类别对其余类别一条曲线：模型找到多少该类客户（纵轴）与错误标记多少其他客户（横轴）。AUC 0.5 相当于随机猜测，1.0 为完美。";
    LabFalsePositiveRate => "Other customers flagged (false positive rate)", "误报率（其他客户被标记的比例）";
    LabTruePositiveRate => "Class members found (true positive rate)", "命中率（该类客户被找到的比例）";
    LabRocUnavailable => "This model gives no class probabilities, so no ROC curve can be drawn.", "该模型不提供类别概率，无法绘制 ROC 曲线。";
    LabRocNoCurves => "No class has both members and non-members among the test customers.", "测试客户中没有同时包含该类与非该类客户的类别。";
    LabRocMissingClasses => "Classes without test customers (or with only them) have no curve.", "测试集中没有客户（或全部是该类）的类别没有曲线。";
    LabColumnName => "Column name", "列名";
    LabPublish => "Use as a column", "用作数据列";
    LabOpenSegmentRules => "Open the segment rules", "打开客群门槛设置";
    // Model lab: customer value
    ClvTitle => "Customer value (BG/NBD + Gamma-Gamma)", "客户价值（BG/NBD + Gamma-Gamma）";
    ClvIntro => "Fits how often customers buy and stop buying (BG/NBD) and how much they spend per order (Gamma-Gamma) on the calibration period, checks the model on the holdout period after it, and gives each customer a probability of still being active, expected purchases and a discounted lifetime value (CLV).",
        "在校准期拟合客户的购买与流失规律（BG/NBD）以及每单消费（Gamma-Gamma），用其后的验证期检验模型，并为每位客户给出仍活跃概率、预期购买次数和折现后的客户终身价值（CLV）。";
    ClvNeedsEventLog => "Customer value needs an event log with dates (this data is a customer table).", "客户价值模型需要带日期的行为明细（当前数据是客户表）。";
    ClvCalibrationEnd => "Calibration ends on", "校准期截止日";
    ClvHoldoutOn => "Check against a holdout period", "用验证期检验模型";
    ClvHoldoutEnd => "Holdout ends on", "验证期截止日";
    ClvTimeUnit => "Time unit", "时间单位";
    ClvHorizon => "Horizon (months)", "预测期（月）";
    ClvDiscount => "Discount rate per month", "月折现率";
    ClvMargin => "Margin", "利润率";
    ClvParameterDraws => "Parameter draws (intervals)", "参数抽样次数（区间）";
    ClvPenalizer => "Penalizer (advanced)", "惩罚系数（高级）";
    ClvSettingsHelp => "Purchases up to the calibration end train the model; the holdout after it checks it. CLV = expected margin over the horizon, discounted monthly. A small penalizer (0.001–0.1) helps when the fit does not converge.",
        "校准期截止日之前的购买用于训练模型，之后的验证期用于检验。CLV = 预测期内的预期利润，按月折现。拟合无法收敛时，可设置较小的惩罚系数（0.001–0.1）。";
    ClvFit => "Fit the model", "拟合模型";
    ClvPublishIntro => "Put P(active), expected purchases and CLV into the data as columns, to tier customers by them or use them as features.",
        "将仍活跃概率、预期购买次数和 CLV 作为列加入数据，用于定级或作为特征。";
    ClvPublish => "Use as columns", "用作数据列";
    ClvTierBy => "Tier by CLV", "按 CLV 定级";
    ClvCustomers => "Customers in the model", "参与建模的客户";
    ClvRepeatBuyers => "Bought again in calibration", "校准期内复购客户";
    ClvTotal => "Total CLV", "CLV 合计";
    ClvWithValue => "Customers with a CLV", "有 CLV 的客户";
    ClvParametersTitle => "What the model learned about your customers", "模型从客户中学到了什么";
    ClvParametersIntro => "Population parameters with their standard errors.", "总体参数及其标准误。";
    ClvParameter => "Parameter", "参数";
    ClvEstimate => "Estimate", "估计值";
    ClvStandardError => "Standard error", "标准误";
    ClvMeaning => "What it means", "含义";
    ClvPurchaseModel => "Purchases and dropout (BG/NBD)", "购买与流失（BG/NBD）";
    ClvSpendModel => "Spend per order (Gamma-Gamma)", "每单消费（Gamma-Gamma）";
    ClvLogLikelihood => "log-likelihood", "对数似然";
    ClvNoSe => "not available", "无法计算";
    ClvLogLikelihoodHelp => "Log-likelihood: how probable the data are under the fitted model; higher is better, but only fits of the same data compare.",
        "对数似然：在拟合的模型下观察到这些数据的可能性；越高越好，但只能在同一份数据的拟合之间比较。";
    ClvStandardErrorHelp => "Standard error: the uncertainty of an estimate. The true value lies within ± 2 standard errors with about 95 % probability.",
        "标准误：估计值的不确定性。真实值约有 95 % 的概率落在估计值 ± 2 个标准误之内。";
    ClvExclusionsTitle => "Who is not in the model, and why", "哪些客户未参与建模，原因是什么";
    ClvNoHoldout => "No holdout period: the model cannot be checked against what customers actually did. Switch on the holdout to see the check.",
        "未设置验证期：无法将模型与客户的实际行为对照检验。开启验证期即可查看。";
    ClvHoldoutTitle => "Calibration vs holdout: does the model predict what happened?", "校准期与验证期对比：模型能否预测实际发生的情况？";
    ClvActual => "Actual", "实际";
    ClvExpected => "Expected by the model", "模型预期";
    ClvBucketsTitle => "Holdout purchases by calibration repeat purchases", "按校准期复购次数分组的验证期购买";
    ClvBucketsDesc => "Customers grouped by how many times they bought again during calibration; bars show their average purchases in the holdout. Bars of equal height mean the model sorts customers well.",
        "按校准期内复购次数对客户分组；柱子为各组在验证期的平均购买次数。两根柱子高度接近，说明模型对客户的区分是准确的。";
    ClvBucketsAxis => "Repeat purchases in the calibration period", "校准期复购次数";
    ClvHoldoutPurchasesAxis => "Purchases per customer", "人均购买次数";
    ClvTrackingTitle => "Repeat purchases over time", "累计复购次数";
    ClvTrackingDesc => "All repeat purchases added up, actual against the model's expectation; left of the line the model was fitted, right of it it predicts.",
        "全部复购次数的累计值，实际与模型预期对比；竖线左侧为拟合区间，右侧为预测区间。";
    ClvCalibrationEndMark => "Calibration end", "校准期截止";
    ClvDateAxis => "Date", "日期";
    ClvCumulativeAxis => "Repeat purchases (cumulative)", "累计复购次数";
    ClvTrackingTooLong => "The history is too long to draw day by day; switch the time unit to weeks to see the curve.",
        "历史太长，无法按天绘制；将时间单位改为周即可查看曲线。";
    ClvTopTitle => "Most valuable customers", "最有价值的客户";
    ClvPAlive => "P(active)", "仍活跃概率";
    ClvExpectedPurchases => "Expected purchases", "预期购买次数";
    ClvOrderValue => "Expected order value", "预期客单价";
    ClvPAliveTitle => "How many customers are still active?", "还有多少客户仍然活跃？";
    ClvPAliveDesc => "Customers by the model's probability that they will still buy. Those on the left have probably left for good; win-back offers matter most in the middle.",
        "按模型估计的“仍会购买”概率分布的客户数。左侧的客户很可能已永久流失；中间段的客户最值得挽回。";
    ClvPAliveAxis => "P(active), %", "仍活跃概率（%）";
    // Model lab: prediction
    PredictTitle => "Predict value or classify tiers", "预测价值或等级";
    PredictIntro => "Train a model that predicts each customer's future spend (or another number), or which tier or group they belong to, and see how much better it is than naive guesses.",
        "训练模型来预测每位客户未来的消费（或其他数值），或其所属的等级或群组，并与朴素猜测对比效果。";
    PredictTarget => "What to predict", "预测目标";
    PredictCalibrationMonth => "Features up to (calibration month)", "特征截至（校准月）";
    PredictHoldoutMonths => "Months to predict", "预测月数";
    PredictHoldoutHelp => "Features come from the months up to and including the calibration month; the target is what each customer did in the months after. Customers who arrived later are left out, so nothing from the future leaks in — the recommended set-up for an event log.",
        "特征取自校准月及之前的月份；目标是每位客户在之后几个月的表现。之后才出现的客户会被排除，避免“用未来预测未来”——这是行为明细数据的推荐做法。";
    PredictTargetColumn => "Column or feature", "列或指标";
    PredictClassColumn => "Text column", "文本列";
    PredictTiersHelp => "The tiers the scenario gives at the end of the history (as on the Scoring tab).", "方案在历史末期给出的等级（与“评分与等级”页相同）。";
    PredictTrain => "Train the model", "训练模型";
    PredictColumnLeak => "Columns of the data hold one value per customer, not a history: they cannot be cut at the calibration month and may already reflect the months being predicted (model columns such as clv certainly do). The scores below would then look better than they are.",
        "数据列每位客户只有一个值，没有历史：无法截止到校准月，可能已包含要预测的那几个月的信息（clv 等模型列必然如此）。这会让下面的评分看起来比实际更好。";
    PredictPublishValueIntro => "Add the predictions for every customer (from their features as of today) to the data as a column: a tier basis or a feature.",
        "将每位客户的预测值（基于其当前特征）作为一列加入数据：可用作定级依据或特征。";
    PredictPublishTierIntro => "Add each customer's predicted class to the data as a text column, e.g. as a segment source for tier rules.",
        "将每位客户的预测类别作为文本列加入数据，例如用作等级规则中的客群来源。";
    PredictTierBy => "Tier by this prediction", "按此预测值定级";
    ModelLinear => "Linear regression", "线性回归";
    ModelTree => "Decision tree", "决策树";
    ModelForest => "Random forest", "随机森林";
    ModelLogistic => "Logistic regression", "逻辑回归";
    ModelLinearHelp => "A weighted sum of the features: fast, readable (the formula is shown), but straight lines only.",
        "特征的加权和：速度快、易解读（会显示公式），但只能刻画线性关系。";
    ModelTreeHelp => "Yes/no questions on the features, as deep as the depth allows: catches thresholds and interactions, over-fits when too deep.",
        "基于特征的一连串是/否判断：能捕捉门槛与交互效应，但过深会过拟合。";
    ModelForestHelp => "Many trees on resampled customers, averaged: usually the most accurate, and the slowest (it may take a while on large data; the page stays usable).",
        "对重抽样客户训练多棵树并取平均：通常最准确，也最慢（大数据上可能需要一段时间，页面仍可正常使用）。";
    ModelLogisticHelp => "Probabilities of each class from a weighted sum of the (standardised) features; alpha penalises large weights.",
        "根据（标准化后）特征的加权和计算各类别的概率；alpha 用于惩罚过大的权重。";
    ParamMaxDepth => "Tree depth", "树深度";
    ParamMinLeaf => "Min. customers per leaf", "叶节点最少客户数";
    ParamMinSplit => "Min. customers to split", "分裂所需最少客户数";
    ParamTrees => "Number of trees", "树的数量";
    ParamFeaturesAuto => "Features per split: a third (automatic)", "每次分裂的候选特征：三分之一（自动）";
    ParamFeaturesPerSplit => "Features per split", "每次分裂的候选特征数";
    ParamAlpha => "Regularisation (alpha)", "正则化强度（alpha）";
    ParamTestShare => "Test share", "测试集比例";
    ParamSeed => "Seed", "随机种子";
    ParamImportanceRepeats => "Shuffles per feature (importance)", "每个特征的打乱次数（重要性）";
    ParamCrossValidate => "Cross-validate", "交叉验证";
    ParamFolds => "Folds", "折数";
    ParamStandardise => "Standardise features", "标准化特征";
    ParamPlotPoints => "Points in the plot", "图中点数";
    ParamK => "Number of segments", "客群数量";
    ParamMinK => "Fewest segments", "最少客群数";
    ParamMaxK => "Most segments", "最多客群数";
    ParamMaxIter => "k-means iterations", "K 均值迭代次数";
    ParamRestarts => "Restarts", "重启次数";
    ParamSilhouetteSample => "Silhouette sample", "轮廓系数样本量";
    // Model lab: segments
    SegTitle => "Segments (k-means)", "客户分群（K 均值）";
    SegIntro => "Groups customers who look alike on the chosen features, ranks the groups by value and names them; the names can become a column that tier rules use.",
        "按所选特征把相似的客户分为若干群，并按价值排序和命名；群名可以作为一列数据，用于等级规则。";
    SegCount => "How many segments", "客群数量";
    SegBestK => "Best (silhouette)", "按轮廓系数自动选择";
    SegFixedK => "A fixed number", "固定数量";
    SegSettingsHelp => "Features are put on one scale (z-scores) first, so spend in yuan does not outweigh a count of visits. Several restarts keep k-means from settling on a poor grouping.",
        "特征会先统一尺度（z 分数），避免以元计的消费压过访问次数。多次重启可避免 K 均值停在较差的分组上。";
    SegRun => "Find segments", "开始分群";
    SegChoiceTitle => "How many segments?", "分成几群？";
    SegSilhouette => "Silhouette", "轮廓系数";
    SegSilhouetteDesc => "How clearly customers belong to their own segment rather than the nearest other one (−1 to 1; higher is better).",
        "客户属于本群而非最近的其他群的清晰程度（−1 到 1，越高越好）。";
    SegInertia => "Inertia", "簇内平方和";
    SegInertiaDesc => "How far customers are from their segment's centre, in z-score units; it always falls with more segments — look for the bend.",
        "客户到所在群中心的距离总和（z 分数单位）；群越多必然越小——关注曲线的拐点。";
    SegKAxis => "Number of segments (k)", "客群数量（k）";
    SegProfilesTitle => "Segment profiles", "客群画像";
    SegName => "Name", "名称";
    SegMeanSpend => "Mean spend", "人均消费";
    SegPublishIntro => "Rename the segments if you like, then add them to the data as a text column: the scenario editor's segment rules can then give each segment its own tier bounds.",
        "可以先修改客群名称，再作为文本列加入数据：方案编辑器的客群门槛即可为每个客群设置单独的等级门槛。";
}

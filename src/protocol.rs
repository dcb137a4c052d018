//! Messages between the page and the compute worker. Pure data (serde JSON), so the same types are
//! used by the worker shell, the page and native tests of the session logic.
//!
//! File bytes travel beside the JSON (as a transferred `ArrayBuffer` / `File`), never inside it.

use std::ops::Range;

use serde::{Deserialize, Serialize};

use crate::engine::compare::Comparison;
use crate::engine::evaluate::EvaluateError;
use crate::engine::explain::{Explanation, FeatureStats};
use crate::engine::features::catalog::FeatureKey;
use crate::engine::ingest::{IngestError, Inspection, LoadSettings, ReadOptions, ValidationReport};
use crate::engine::members::{MemberError, MemberFormat, MemberOptions};
use crate::engine::models::clv::{ClvError, ClvOverview, ClvSettings};
use crate::engine::models::segments::{BestRun, SegmentError, SegmentParams, SegmentReport};
use crate::engine::models::supervised::{
    ClassificationModel, ClassificationReport, EvaluationOptions, ForestParams, GrownTrees, ModelError,
    RegressionModel, RegressionReport, TrainingSetError, TrainingSpec,
};
use crate::engine::optimise::affinity::SegmentAffinity;
use crate::engine::optimise::recommend::SegmentAdvice;
use crate::engine::optimise::segments::{SegmentChoice as AdviceSegments, SegmentsError};
use crate::engine::optimise::{Estimate, KnownEstimates, OptimiseError, SchemeOptimum, SearchRanges};
use crate::engine::pricing::ScenarioOutcome;
use crate::engine::progress::Stage;
use crate::engine::risk::RiskReport;
use crate::engine::roles::DatasetShape;
use crate::engine::scenario::{Scenario, ScenarioError};
use crate::engine::simulate::backtest::BacktestResult;
use crate::engine::simulate::baseline::FallbackReason;
use crate::engine::simulate::baseline_model::BaselineModel;
use crate::engine::simulate::blocks::PlanTotals;
use crate::engine::simulate::planner::{FieldTestInputs, FieldTestPlan, PlanError};
use crate::engine::simulate::population::PopulationBaseline;
use crate::engine::simulate::sensitivity::{RunOutcome, SensitivityResult};
use crate::engine::simulate::{SimulateError, SimulationResult, SimulationSettings};

/// Identifies one request; every progress message and the final answer carry it.
pub type JobId = u32;

/// How many of the most valuable customers a CLV fit names (`Response::ClvFitted`).
pub const TOP_CUSTOMERS: usize = 50;

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Envelope<T> {
    pub job: JobId,
    pub body: T,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum Request {
    /// Generate the embedded sample population and load it (as if it had been uploaded).
    LoadSample { customers: usize, seed: u64 },
    /// Read the attached file's bytes and guess its format and column roles. Nothing is loaded yet.
    Inspect { file_name: String, options: ReadOptions },
    /// Load the inspected file with the user's roles and policies.
    Load { settings: LoadSettings },
    /// Score, tier, replay and price two scenarios on the loaded data.
    Compare { a: Box<Scenario>, b: Box<Scenario> },
    /// Replay 2-6 schemes on the history, each beside `schemes[reference]` (the Compare tab's view of
    /// every scheme). Answered with `SchemesCompared`.
    CompareSchemes { schemes: Vec<Scenario>, reference: usize },
    /// Score, tier, replay and price one scenario (the scoring page's live view).
    Evaluate { scenario: Box<Scenario> },
    /// Why one customer is where they are under a scenario.
    Explain { scenario: Box<Scenario>, customer_id: String },
    /// Distribution of every feature the loaded data provides.
    FeatureStats,
    /// Fit BG/NBD + Gamma-Gamma with a calibration / holdout split. With `publish`, P(active),
    /// expected purchases and CLV become columns (`p_alive`, `expected_purchases`, `clv`) usable as
    /// tier basis, feature or segment input.
    FitClv { settings: Box<ClvSettings>, publish: bool },
    /// Train and evaluate a value model; with `publish_as` its predictions become a numeric column.
    TrainValue {
        spec: Box<TrainingSpec>,
        model: RegressionModel,
        options: EvaluationOptions,
        publish_as: Option<String>,
    },
    /// Train and evaluate a tier classifier on a scenario's tiers (at the end of the history) or a
    /// text column; with `publish_as` the predicted tier becomes a text column.
    TrainTiers {
        features: Vec<FeatureKey>,
        target: TierTarget,
        model: ClassificationModel,
        options: EvaluationOptions,
        publish_as: Option<String>,
    },
    /// k-means segments; with `publish_as` the segment names become a text column. `names` (one per
    /// segment, most valuable first) replace the suggested names; empty keeps them.
    Segment {
        params: Box<SegmentParams>,
        publish_as: Option<String>,
        #[serde(default)]
        names: Vec<String>,
    },
    /// Simulate 1-6 schemes and the no-program counterfactual month by month, each compared with
    /// `schemes[reference]`.
    Simulate { schemes: Vec<Scenario>, reference: usize, settings: SimulationSettings },
    /// Vary each assumption and the economics over their ranges and re-simulate the schemes.
    Sensitivity { schemes: Vec<Scenario>, reference: usize, settings: SimulationSettings },
    /// One worker's share of a `Simulate` split over a pool of workers (`crate::session::pool`): the
    /// summed blocks of `replications` (answered with `SimulatedPart`).
    SimulatePart {
        schemes: Vec<Scenario>,
        reference: usize,
        settings: SimulationSettings,
        replications: Range<u32>,
        /// The first worker's baseline (`BaselineFitted`), sent to the helpers so they need not fit it.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        baseline: Option<Box<PopulationBaseline>>,
    },
    /// The pool's parts put together, replication after replication from 0: the `Simulated` answer.
    FinishSimulation {
        schemes: Vec<Scenario>,
        reference: usize,
        settings: SimulationSettings,
        sums: Vec<Vec<PlanTotals>>,
    },
    /// One worker's share of a `Sensitivity` request: the outcomes of the runs in `runs`.
    SensitivityPart {
        schemes: Vec<Scenario>,
        reference: usize,
        settings: SimulationSettings,
        runs: Range<usize>,
        /// As `SimulatePart`'s.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        baseline: Option<Box<PopulationBaseline>>,
    },
    /// The no-program baseline for `settings`, fitted if needed, in the form a helper of the pool
    /// rebuilds it from (answered with `BaselineFitted`): the pool asks the first worker before it
    /// sends a simulation's or sensitivity analysis's shares.
    FitBaseline { settings: SimulationSettings },
    /// Every run's outcome in run order: the `SensitivityDone` answer.
    FinishSensitivity {
        schemes: Vec<Scenario>,
        reference: usize,
        settings: SimulationSettings,
        outcomes: Vec<RunOutcome>,
    },
    /// One worker's share of a `Segment` request split over the pool: k-means runs `runs` (of
    /// `kmeans_runs`), each k's best kept (answered with `SegmentRuns`).
    SegmentPart { params: Box<SegmentParams>, runs: Range<usize> },
    /// Every k's best run over all shares: the `Segmented` answer of the `Segment` request.
    FinishSegment { params: Box<SegmentParams>, publish_as: Option<String>, names: Vec<String>, best: Vec<BestRun> },
    /// One worker's share of a random forest `TrainValue`: trees `trees` of every forest the
    /// training fits (answered with `TreesGrown`).
    TrainValuePart { spec: Box<TrainingSpec>, model: ForestParams, options: EvaluationOptions, trees: Range<usize> },
    /// Every tree grown by the shares: the `TrainedValue` answer of the `TrainValue` request.
    FinishTrainValue {
        spec: Box<TrainingSpec>,
        model: ForestParams,
        options: EvaluationOptions,
        publish_as: Option<String>,
        trees: Box<GrownTrees>,
    },
    /// Search the settings `ranges` opens around `base` (tier bounds or target shares, discounts,
    /// points multipliers, free-shipping tier, welcome points) for the best objective under the
    /// constraints, then re-simulate the best and `base` on fresh futures. Answered with
    /// `Optimised`.
    Optimise { base: Box<Scenario>, ranges: Box<SearchRanges> },
    /// An `Optimise` split over the pool, one round: the search replayed on `known` estimates,
    /// answered with `Optimised` or, at the first batch of candidates they lack, `OptimiseNeeds`.
    OptimiseRound { base: Box<Scenario>, ranges: Box<SearchRanges>, known: Box<KnownEstimates> },
    /// One worker's share of such a batch: these candidates on futures `0..replications` (answered
    /// with `CandidatesEstimated`, in the same order).
    EstimateCandidates { base: Box<Scenario>, ranges: Box<SearchRanges>, points: Vec<Vec<f64>>, replications: u32 },
    /// The next-best benefit of every segment against `scheme`. Answered with `Recommended`.
    Recommend { scheme: Box<Scenario>, segments: AdviceSegments, settings: SimulationSettings },
    /// Which categories each segment buys more or less than the population. Answered with
    /// `AffinityFound`.
    Affinity { segments: AdviceSegments },
    /// Simulate the months after a calibration date with no program, the baseline drawn from
    /// `baseline_model` (the Simulator's choice; BG/NBD in requests from before the choice), and
    /// compare with what happened.
    Backtest {
        calibration_end: i64,
        replications: u32,
        seed: u64,
        #[serde(default)]
        baseline_model: BaselineModel,
    },
    /// Customers per arm and test length for a live test of B against A.
    PlanFieldTest { inputs: Box<FieldTestInputs>, significance: f64, power: f64 },
    /// The sample population as CSV text, for download.
    SampleCsv { customers: usize, seed: u64 },
    /// The member list under 1-6 scenarios as a file (answered with `File`).
    MemberList {
        scenarios: Vec<Scenario>,
        format: MemberFormat,
        #[serde(default)]
        options: MemberOptions,
        /// Adds the `next_best_benefit` column: the first scheme's recommendation for each
        /// customer's segment (simulated with the default settings).
        #[serde(default)]
        recommend: Option<AdviceSegments>,
    },
    /// Risk flags of every customer; threshold gaming is judged only with a scenario (its window and
    /// bounds). Thresholds are the scenario's `risk.settings`, or the defaults without one.
    Risk {
        #[serde(default)]
        scenario: Option<Box<Scenario>>,
    },
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum Response {
    /// The worker has started and accepts requests.
    Ready,
    Progress {
        stage: Stage,
        done: u64,
        total: u64,
    },
    Inspected {
        inspection: Box<Inspection>,
        settings: Box<LoadSettings>,
    },
    Loaded {
        summary: Box<DataSummary>,
    },
    Compared {
        comparison: Box<Comparison>,
    },
    /// Every scheme but the reference against the reference, in scheme order.
    SchemesCompared {
        reference: usize,
        comparisons: Vec<SchemeComparison>,
    },
    Evaluated {
        outcome: Box<ScenarioOutcome>,
    },
    Explained {
        explanation: Box<Explanation>,
    },
    Features {
        stats: Vec<FeatureStats>,
    },
    /// What the page shows of the fit (at most `TOP_CUSTOMERS` customers named): the per-customer
    /// values stay in the worker, published as columns when asked.
    ClvFitted {
        overview: Box<ClvOverview>,
    },
    TrainedValue {
        report: Box<RegressionReport>,
    },
    TrainedTiers {
        report: Box<ClassificationReport>,
    },
    Segmented {
        report: Box<SegmentReport>,
    },
    Simulated {
        result: Box<SimulationResult>,
        /// Why the simple empirical baseline was used instead of BG/NBD, when it was.
        baseline_note: Option<FallbackReason>,
    },
    SensitivityDone {
        result: Box<SensitivityResult>,
    },
    /// `[replication][plan]` sums of a `SimulatePart` (plan 0 the counterfactual).
    SimulatedPart {
        sums: Vec<Vec<PlanTotals>>,
    },
    /// The answer to `FitBaseline`.
    BaselineFitted {
        baseline: Box<PopulationBaseline>,
    },
    /// The outcomes of a `SensitivityPart`, in run order.
    SensitivityPartDone {
        outcomes: Vec<RunOutcome>,
    },
    /// The best runs of a `SegmentPart`, k by k.
    SegmentRuns {
        best: Vec<BestRun>,
    },
    /// The trees of a `TrainValuePart`.
    TreesGrown {
        trees: Box<GrownTrees>,
    },
    Optimised {
        result: Box<SchemeOptimum>,
    },
    /// The candidates an `OptimiseRound` needs estimated before the search can go on.
    OptimiseNeeds {
        points: Vec<Vec<f64>>,
        replications: u32,
    },
    /// The estimates of an `EstimateCandidates`, in its order.
    CandidatesEstimated {
        estimates: Vec<Estimate>,
    },
    /// Every segment with customers, in the segmentation's order.
    Recommended {
        advice: Vec<SegmentAdvice>,
    },
    /// `None`: the data has no category column.
    AffinityFound {
        affinity: Option<Vec<SegmentAffinity>>,
    },
    Backtested {
        result: Box<BacktestResult>,
    },
    FieldTestPlanned {
        plan: Box<FieldTestPlan>,
    },
    Csv {
        file_name: String,
        text: String,
    },
    /// A file to download. The bytes travel beside the JSON (the worker transfers them as an
    /// `ArrayBuffer` next to the message), never inside it.
    File {
        file_name: String,
        media_type: String,
        size: usize,
        #[serde(skip)]
        bytes: Vec<u8>,
    },
    RiskAssessed {
        report: Box<RiskReport>,
    },
    Failed {
        error: UserError,
    },
}

/// One scheme replayed on the history beside the reference (`comparison.a` is the reference,
/// `comparison.b` this scheme).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct SchemeComparison {
    /// Index into the request's `schemes`.
    pub scheme: usize,
    pub comparison: Comparison,
}

/// Which tiers a tier classifier learns.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum TierTarget {
    /// The tiers a scenario gives at the end of the history.
    Scenario { scenario: Box<Scenario> },
    /// A text column of the data, e.g. an existing tier.
    Column { name: String },
}

/// What the page shows about the loaded data.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct DataSummary {
    pub source_name: String,
    pub byte_size: usize,
    pub inspection: Inspection,
    pub settings: LoadSettings,
    pub report: ValidationReport,
    pub shape: DatasetShape,
    pub customers: usize,
    pub events: usize,
    pub purchases: usize,
    pub revenue: f64,
    /// First and last timestamp of an event log (seconds since 1970).
    pub period: Option<(i64, i64)>,
}

/// Every failure the page can show, in terms it can translate.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, thiserror::Error)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum UserError {
    #[error("{error}")]
    Ingest { error: IngestError },
    #[error("scenario {which}: {error}")]
    Scenario { which: String, error: ScenarioError },
    /// The loaded data lacks what a scenario needs (a column, a segment).
    #[error("scenario {which}: {error}")]
    Evaluate { which: String, error: EvaluateError },
    #[error("{error}")]
    Clv { error: ClvError },
    #[error("{error}")]
    TrainingSet { error: TrainingSetError },
    #[error("{error}")]
    Model { error: ModelError },
    #[error("{error}")]
    Segments { error: SegmentError },
    #[error("{error}")]
    Members { error: MemberError },
    /// A published column name is empty or clashes with a column of the file.
    #[error("cannot use \"{name}\" as a column name: it is empty or belongs to the file")]
    ColumnName { name: String },
    #[error("{error}")]
    Simulate { error: SimulateError },
    #[error("{error}")]
    Optimise { error: OptimiseError },
    /// The segments a recommendation or affinity asked for cannot be made.
    #[error("{error}")]
    AdviceSegments { error: SegmentsError },
    #[error("{error}")]
    FieldTest { error: PlanError },
    /// No customer with this id in the loaded data.
    #[error("no customer with id {id}")]
    UnknownCustomer { id: String },
    /// A request with impossible parameters (e.g. a sample of zero customers).
    #[error("{message}")]
    BadRequest { message: String },
    /// A request that needs data came before any data was loaded.
    #[error("load data first")]
    NoData,
    /// A request that needs an inspected file came before one was attached.
    #[error("choose a file first")]
    NoFile,
    /// A bug: the message is for the developers, the page says so.
    #[error("internal error: {message}")]
    Internal { message: String },
}

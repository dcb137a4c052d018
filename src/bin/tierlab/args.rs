//! The command line, declared with clap: one subcommand per job, each with its typed options. clap
//! gives the help (`tierlab help`, `tierlab help clv`) and refuses wrong usage; values are read into
//! engine types here, so the commands never parse text.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};

use crate::arg_values::{
    baseline_model, date_order, day_end, decimal_comma, delimiter, encoding, feature_list, scheme_index,
    segment_choice, segment_count, FeatureList,
};
use tierlab::engine::ingest::{DateOrder, Delimiter, ReadOptions, TextEncoding};
use tierlab::engine::limits::Limit;
use tierlab::engine::models::clv::PurchaseModelChoice;
use tierlab::engine::models::segments::{SegmentCount, SegmentParams};
use tierlab::engine::models::supervised::{EvaluationOptions, ForestParams, TreeParams};
use tierlab::engine::optimise::segments::SegmentChoice;
use tierlab::engine::simulate::baseline_model::BaselineModel;
use tierlab::engine::simulate::{SimulationSettings, SCHEMES};

/// How many scenario files `compare` takes: two or more, as many as a simulation takes.
pub const COMPARED_SCENARIOS: Limit = Limit::whole("scenarios", 2.0, SCHEMES.max);

const NOTES: &str = "\
D is one of comma, tab, semicolon, pipe, whitespace; E is utf8, gb18030 (gbk), utf16 (little-endian)
or utf16be; O is month-first (3/15/2026) or day-first (15/3/2026) for dates written with the year
last (detected when not given); --decimal comma reads 1.234,50 as 1234.5 (detected when not given);
--sheet reads that sheet of a workbook (default: the first with data); --skip-lines N skips N lines
above the header (report titles, export dates; detected when not given).
L.json holds load settings (roles per column, missing-value and duplicate policies) as
exported by the page or printed by `inspect --json` under \"settings\".";

/// Design and compare membership tiers and benefit schemes on your own customer data: the engine
/// of the TierLab page, from the command line.
#[derive(Debug, Parser)]
#[command(name = "tierlab", after_help = NOTES, disable_version_flag = true)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// How TierLab reads FILE (CSV, TSV, TXT or a workbook: .xlsx, .xls, .ods): encoding or sheet,
    /// lines skipped above the header, delimiter, header, columns with types and roles, row count
    /// and the validation report.
    Inspect(InspectArgs),
    /// Score, tier and price one scenario on the data.
    Run(RunArgs),
    /// Scenarios side by side: tiers, transitions, costs and differences.
    Compare(CompareArgs),
    /// Why one customer is in their tier: features, score terms, distance to the next tier, tier
    /// month by month, points.
    Explain(ExplainArgs),
    /// Distribution of every feature the data provides.
    Features(FeaturesArgs),
    /// BG/NBD + Gamma-Gamma: parameters, standard errors, log-likelihood, holdout check,
    /// per-customer P(active), expected purchases, order value and CLV.
    Clv(ClvArgs),
    /// A value model (linear, tree, forest) or tier model (logistic, tree-classifier) against
    /// naive baselines.
    Train(TrainArgs),
    /// k-means segments on standardised features, named by value.
    Segments(SegmentsArgs),
    /// Month-by-month simulation of the scenarios and no program: KPIs with intervals, B - A,
    /// P(B better), field-test size.
    Simulate(SimulateArgs),
    /// Simulate the months after DATE with no program and compare with what happened.
    Backtest(BacktestArgs),
    /// Check a running field test's split for a sample-ratio mismatch (chi-square; alarm at
    /// p < 0.001): a broken assignment makes every result of the test meaningless.
    SampleRatio {
        /// Customers assigned to arm A.
        #[arg(long = "a", value_name = "N")]
        count_a: u64,
        /// Customers assigned to arm B.
        #[arg(long = "b", value_name = "N")]
        count_b: u64,
        /// The intended share of customers in arm A.
        #[arg(long, value_name = "SHARE", default_value_t = 0.5)]
        share_a: f64,
        #[arg(long)]
        json: bool,
    },
    /// The member list: one row per customer with score, tier and change under each scheme,
    /// distance to the next tier (score and spend), points and points expiring in 3 months, months
    /// in tier, P(active) and CLV when the data has them, segment, risk flags with reasons. CSV
    /// (UTF-8 with BOM) to stdout without --out.
    Members(MembersArgs),
    /// Search the scheme's settings within the ranges in R.json (thresholds, discounts, points
    /// multipliers, free-shipping tier, welcome points) for the highest incremental margin under
    /// the constraints; prints what changes, the cost-vs-margin frontier and the win re-simulated
    /// on fresh futures.
    Optimise(OptimiseArgs),
    /// Next-best benefit per segment: the simulated margin per customer of each candidate change
    /// to the scheme, its interval and chance of being best; and category affinity when the data
    /// has a category column.
    Recommend(RecommendArgs),
    /// Category affinity per segment: which categories each segment buys more or less than
    /// everyone (lift, with counts).
    Affinity(AffinityArgs),
    /// Flagged customers with the figure and threshold behind each flag; threshold gaming needs
    /// --scenario (its window and bounds), whose risk settings then apply.
    Risk(RiskArgs),
    /// Print a scenario file of any older version in the current format.
    ScenarioUpgrade {
        #[arg(value_name = "FILE")]
        file: PathBuf,
    },
    /// Write the embedded sample population as CSV (the page's sample by default).
    Sample(SampleArgs),
    /// Print the default scenario JSON to start from.
    ScenarioTemplate {
        /// The page's default B (points instead of discounts).
        #[arg(long)]
        b: bool,
    },
}

#[derive(Debug, Args)]
pub struct InspectArgs {
    #[arg(value_name = "FILE")]
    pub file: PathBuf,
    #[arg(long)]
    pub json: bool,
    /// Print every record as a JSON object keyed by column name (values as in the file after
    /// unquoting), one per line.
    #[arg(long)]
    pub records: bool,
    /// Only estimate, from the file's size and first megabyte, its rows and customers and the memory
    /// a browser tab would need to load, fit and simulate it (what the page checks before reading).
    #[arg(long, conflicts_with = "records")]
    pub estimate: bool,
    #[command(flatten)]
    pub read: ReadFlags,
}

/// How to read a file, where detection should not decide.
#[derive(Debug, Args)]
pub struct ReadFlags {
    #[arg(long, value_name = "D", value_parser = delimiter)]
    pub delimiter: Option<Delimiter>,
    /// The first line is a header.
    #[arg(long, conflicts_with = "no_header")]
    pub header: bool,
    /// The first line is data.
    #[arg(long)]
    pub no_header: bool,
    #[arg(long, value_name = "E", value_parser = encoding)]
    pub encoding: Option<TextEncoding>,
    #[arg(long, value_name = "O", value_parser = date_order)]
    pub date_order: Option<DateOrder>,
    #[arg(long, value_name = "point|comma", value_parser = decimal_comma)]
    pub decimal: Option<bool>,
    /// The sheet of a workbook to read (default: the first with data).
    #[arg(long, value_name = "NAME")]
    pub sheet: Option<String>,
    /// Lines above the header to skip (detected when not given).
    #[arg(long, value_name = "N")]
    pub skip_lines: Option<usize>,
}

impl ReadFlags {
    pub fn options(&self) -> ReadOptions {
        ReadOptions {
            encoding: self.encoding,
            delimiter: self.delimiter,
            has_header: (self.header || self.no_header).then_some(self.header),
            date_order: self.date_order,
            decimal_comma: self.decimal,
            sheet: self.sheet.clone(),
            skip_lines: self.skip_lines,
        }
    }
}

/// The data file, read the way the page reads it with untouched defaults or with saved settings.
#[derive(Debug, Args)]
pub struct DataArgs {
    #[arg(long, value_name = "FILE")]
    pub data: PathBuf,
    /// Load settings (L.json) instead of the detected defaults.
    #[arg(long, value_name = "L.json")]
    pub settings: Option<PathBuf>,
}

/// Where a model's results go: the report as text or JSON, the per-customer predictions as CSV.
#[derive(Debug, Args)]
pub struct PredictionOutput {
    /// Write each customer's prediction as CSV.
    #[arg(long, value_name = "PREDICTIONS.csv")]
    pub out: Option<PathBuf>,
    #[arg(long)]
    pub json: bool,
}

/// The schemes to set side by side and the one the others are compared with.
#[derive(Debug, Args)]
pub struct SchemeFiles {
    /// Scenario files, A first (up to 6; compare takes at least 2), each compared with the
    /// reference.
    #[arg(value_name = "SCENARIO.json", required = true)]
    pub scenarios: Vec<PathBuf>,
    /// The scheme the others are compared with (A, B, C ...).
    #[arg(long, value_name = "LETTER", value_parser = scheme_index, default_value = "A")]
    pub reference: usize,
}

/// The simulated futures: how many months ahead, how many of them, from which seed.
#[derive(Debug, Args)]
pub struct Futures {
    #[arg(long, value_name = "N", default_value_t = SimulationSettings::default().months)]
    pub months: u32,
    #[arg(long, value_name = "R", default_value_t = SimulationSettings::default().replications)]
    pub reps: u32,
    #[arg(long, value_name = "S", default_value_t = SimulationSettings::default().seed)]
    pub seed: u64,
}

#[derive(Debug, Args)]
pub struct RunArgs {
    #[command(flatten)]
    pub data: DataArgs,
    #[arg(long, value_name = "S.json")]
    pub scenario: PathBuf,
    #[arg(long)]
    pub json: bool,
}

#[derive(Debug, Args)]
pub struct CompareArgs {
    #[command(flatten)]
    pub data: DataArgs,
    #[command(flatten)]
    pub schemes: SchemeFiles,
    #[arg(long)]
    pub json: bool,
}

#[derive(Debug, Args)]
pub struct ExplainArgs {
    #[command(flatten)]
    pub data: DataArgs,
    #[arg(long, value_name = "S.json")]
    pub scenario: PathBuf,
    #[arg(long, value_name = "ID")]
    pub customer: String,
    #[arg(long)]
    pub json: bool,
}

#[derive(Debug, Args)]
pub struct FeaturesArgs {
    #[command(flatten)]
    pub data: DataArgs,
    #[arg(long)]
    pub json: bool,
}

#[derive(Debug, Args)]
pub struct ClvArgs {
    #[command(flatten)]
    pub data: DataArgs,
    /// Last day of the calibration period (the whole day counts).
    #[arg(long, value_name = "DATE", value_parser = day_end)]
    pub calibration_end: i64,
    /// Last day of the holdout period.
    #[arg(long, value_name = "DATE", value_parser = day_end)]
    pub holdout_end: Option<i64>,
    #[arg(long, value_enum, default_value_t = Unit::Days)]
    pub unit: Unit,
    #[arg(long, value_name = "N")]
    pub horizon_months: Option<u32>,
    #[arg(long, value_name = "R")]
    pub discount_rate: Option<f64>,
    #[arg(long, value_name = "P")]
    pub margin: Option<f64>,
    /// Which purchase model gives the per-customer values (by-holdout: the one closest to the
    /// holdout's total; without a holdout, BG/NBD).
    #[arg(long, value_enum, default_value_t = PurchaseModel::ByHoldout)]
    pub purchase_model: PurchaseModel,
    /// Parameter draws for the 5-95 % intervals (0: none).
    #[arg(long, value_name = "N")]
    pub draws: Option<u32>,
    #[command(flatten)]
    pub output: PredictionOutput,
}

#[derive(Clone, Copy, Debug, PartialEq, ValueEnum)]
pub enum PurchaseModel {
    ByHoldout,
    BgNbd,
    ParetoNbd,
    MbgNbd,
}

impl From<PurchaseModel> for PurchaseModelChoice {
    fn from(model: PurchaseModel) -> Self {
        match model {
            PurchaseModel::ByHoldout => PurchaseModelChoice::ByHoldout,
            PurchaseModel::BgNbd => PurchaseModelChoice::BgNbd,
            PurchaseModel::ParetoNbd => PurchaseModelChoice::ParetoNbd,
            PurchaseModel::MbgNbd => PurchaseModelChoice::MbgNbd,
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, ValueEnum)]
pub enum Unit {
    Days,
    Weeks,
}

#[derive(Debug, Args)]
pub struct TrainArgs {
    #[command(flatten)]
    pub data: DataArgs,
    /// A feature or column:NAME; holdout-spend:YYYY-MM:MONTHS; holdout-purchases:YYYY-MM:MONTHS;
    /// tiers (the tiers of --scenario at the end of the history); class:COLUMN.
    #[arg(long, value_name = "T")]
    pub target: String,
    #[arg(long, value_name = "F1,F2,...", value_parser = feature_list)]
    pub features: FeatureList,
    /// The model (default: logistic for tiers and classes, forest for values).
    #[arg(long, value_enum, value_name = "M")]
    pub model: Option<ModelChoice>,
    #[arg(long, value_name = "N", default_value_t = TreeParams::default().max_depth)]
    pub depth: u16,
    #[arg(long, value_name = "N", default_value_t = ForestParams::default().n_trees)]
    pub trees: usize,
    #[arg(long, value_name = "K")]
    pub folds: Option<usize>,
    #[arg(long, value_name = "S", default_value_t = EvaluationOptions::default().seed)]
    pub seed: u64,
    #[arg(long, value_name = "S.json")]
    pub scenario: Option<PathBuf>,
    #[command(flatten)]
    pub output: PredictionOutput,
}

#[derive(Clone, Copy, Debug, PartialEq, ValueEnum)]
pub enum ModelChoice {
    Linear,
    Tree,
    Forest,
    Logistic,
    TreeClassifier,
}

#[derive(Debug, Args)]
pub struct SegmentsArgs {
    #[command(flatten)]
    pub data: DataArgs,
    #[arg(long, value_name = "F1,F2,...", value_parser = feature_list)]
    pub features: FeatureList,
    /// A number of segments, or auto (the best silhouette).
    #[arg(long, value_name = "N|auto", value_parser = segment_count, default_value = "auto")]
    pub k: SegmentCount,
    #[arg(long, value_name = "S", default_value_t = SegmentParams::default().seed)]
    pub seed: u64,
    #[arg(long)]
    pub json: bool,
}

#[derive(Debug, Args)]
pub struct SimulateArgs {
    #[command(flatten)]
    pub data: DataArgs,
    #[command(flatten)]
    pub schemes: SchemeFiles,
    #[command(flatten)]
    pub futures: Futures,
    /// Add batches of --reps replications until the Monte Carlo standard error of the key
    /// difference is at most SHARE of its size (0.05: 5 %), or the cap.
    #[arg(long, value_name = "SHARE")]
    pub until_sure: Option<f64>,
    /// Threads to share the customers over (default: one per core; the numbers are the same).
    #[arg(long, value_name = "T")]
    pub threads: Option<u32>,
    /// Add the tornado: each assumption and economic parameter over its range.
    #[arg(long)]
    pub sensitivity: bool,
    /// The purchase model the no-program baseline draws from: bgnbd, pareto (Pareto/NBD), mbg
    /// (MBG/NBD) or best (the one closest to a holdout's total purchases, as the Model lab chooses).
    #[arg(long, value_name = "MODEL", value_parser = baseline_model, default_value = "bgnbd")]
    pub baseline_model: BaselineModel,
    #[arg(long)]
    pub json: bool,
}

#[derive(Debug, Args)]
pub struct BacktestArgs {
    #[command(flatten)]
    pub data: DataArgs,
    #[arg(long, value_name = "DATE", value_parser = day_end)]
    pub calibration_end: i64,
    /// The purchase model the baseline draws from (bgnbd, pareto, mbg, best; see `simulate`).
    #[arg(long, value_name = "MODEL", value_parser = baseline_model, default_value = "bgnbd")]
    pub baseline_model: BaselineModel,
    #[arg(long, value_name = "R", default_value_t = SimulationSettings::default().replications)]
    pub reps: u32,
    #[arg(long, value_name = "S", default_value_t = SimulationSettings::default().seed)]
    pub seed: u64,
    #[arg(long)]
    pub json: bool,
}

#[derive(Debug, Args)]
pub struct MembersArgs {
    #[command(flatten)]
    pub data: DataArgs,
    /// Scenario files (1 to 6), one tier column each.
    #[arg(value_name = "SCENARIO.json")]
    pub scenarios: Vec<PathBuf>,
    /// members.csv or members.xlsx (the extension chooses the format).
    #[arg(long, value_name = "FILE")]
    pub out: Option<PathBuf>,
    /// Turn on every scheme's risk option: flagged customers held in the lowest tier.
    #[arg(long)]
    pub exclude_flagged: bool,
    /// Language of the headers and flag reasons.
    #[arg(long, value_enum, default_value_t = MemberLanguage::En)]
    pub lang: MemberLanguage,
    /// Fill the next-best-benefit column: the first scheme's recommendation for each customer's
    /// segment (rfm, kmeans or column:NAME), simulated 12 months x 20 futures.
    #[arg(long, value_name = "SEGMENTS", value_parser = segment_choice)]
    pub recommend: Option<SegmentChoice>,
}

#[derive(Debug, Args)]
pub struct OptimiseArgs {
    #[command(flatten)]
    pub data: DataArgs,
    /// The current scheme: the search starts from it and the result is compared with it.
    #[arg(value_name = "SCENARIO.json")]
    pub scenario: PathBuf,
    /// What may change and within what, the constraints, the objective and the effort.
    #[arg(long, value_name = "R.json")]
    pub ranges: PathBuf,
    /// Maximise this percentile (1-50) of the incremental margin across futures instead of the
    /// ranges' objective (5: the scheme whose worst twentieth of futures is least bad).
    #[arg(long, value_name = "P")]
    pub percentile: Option<u32>,
    /// Write the best scheme here as a scenario file.
    #[arg(long, value_name = "FILE")]
    pub out: Option<PathBuf>,
    #[arg(long, value_name = "T")]
    pub threads: Option<u32>,
    #[arg(long)]
    pub json: bool,
}

#[derive(Debug, Args)]
pub struct RecommendArgs {
    #[command(flatten)]
    pub data: DataArgs,
    #[arg(value_name = "SCENARIO.json")]
    pub scenario: PathBuf,
    /// rfm (named RFM segments), kmeans (on recency, frequency, spend) or column:NAME.
    #[arg(long, value_name = "SEGMENTS", value_parser = segment_choice, default_value = "rfm")]
    pub segments: SegmentChoice,
    #[command(flatten)]
    pub futures: Futures,
    #[arg(long, value_name = "T")]
    pub threads: Option<u32>,
    #[arg(long)]
    pub json: bool,
}

#[derive(Debug, Args)]
pub struct AffinityArgs {
    #[command(flatten)]
    pub data: DataArgs,
    #[arg(long, value_name = "SEGMENTS", value_parser = segment_choice, default_value = "rfm")]
    pub segments: SegmentChoice,
    #[arg(long)]
    pub json: bool,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum MemberLanguage {
    En,
    Zh,
}

#[derive(Debug, Args)]
pub struct RiskArgs {
    #[command(flatten)]
    pub data: DataArgs,
    /// The scheme whose window, bounds and risk settings apply.
    #[arg(long, value_name = "S.json")]
    pub scenario: Option<PathBuf>,
    #[arg(long)]
    pub json: bool,
}

#[derive(Debug, Args)]
pub struct SampleArgs {
    /// Customers (default 20000, the page's sample).
    #[arg(long, value_name = "N")]
    pub customers: Option<usize>,
    /// Seed (default 42, the page's sample).
    #[arg(long, value_name = "S")]
    pub seed: Option<u64>,
    #[arg(long, value_name = "FILE")]
    pub out: Option<PathBuf>,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(line: &str) -> Result<Command, clap::Error> {
        Cli::try_parse_from(std::iter::once("tierlab").chain(line.split_whitespace())).map(|cli| cli.command)
    }

    #[test]
    fn compare_takes_options_and_files_in_any_order() {
        let Ok(Command::Compare(args)) = parse("compare a.json --json --data d.csv b.json") else { panic!() };
        assert_eq!(args.data.data, PathBuf::from("d.csv"));
        assert!(args.json && args.data.settings.is_none());
        assert_eq!(args.schemes.scenarios, [PathBuf::from("a.json"), PathBuf::from("b.json")]);
    }

    #[test]
    fn wrong_usage_is_refused() {
        for line in [
            "frobnicate",
            "run --data",
            "compare a.json b.json",
            "sample --customers many",
            "inspect f.csv --verbose",
            "inspect f.csv --header --no-header",
            "inspect f.csv --skip-lines two",
            "clv --data d.csv --calibration-end 2024-02-30",
            "segments --data d.csv --features frequency --k some",
            "train --data d.csv --target monetary --features frequency,bogus",
        ] {
            let error = parse(line).unwrap_err();
            assert_eq!(error.exit_code(), 2, "{line}");
        }
    }

    #[test]
    fn values_are_read_into_engine_types() {
        let Ok(Command::Inspect(args)) = parse("inspect --no-header --delimiter=tab f.txt --records --decimal comma")
        else {
            panic!()
        };
        assert_eq!(args.file, PathBuf::from("f.txt"));
        assert!(args.records && !args.json);
        let options = args.read.options();
        assert_eq!(
            options,
            ReadOptions {
                encoding: None,
                delimiter: Some(Delimiter::Tab),
                has_header: Some(false),
                date_order: None,
                decimal_comma: Some(true),
                sheet: None,
                skip_lines: None,
            }
        );
        let Ok(Command::Inspect(book)) = parse("inspect book.xlsx --sheet 订单 --skip-lines 2 --encoding utf16be")
        else {
            panic!()
        };
        let options = book.read.options();
        assert_eq!((options.sheet.as_deref(), options.skip_lines), (Some("订单"), Some(2)));
        assert_eq!(options.encoding, Some(TextEncoding::Utf16Be));
        let Ok(Command::Clv(clv)) =
            parse("clv --data d.csv --settings l.json --calibration-end 1997-09-30 --unit weeks")
        else {
            panic!()
        };
        // 1997-09-30 23:59:59 (days_from_civil 10134, times 86 400, plus the day's last second).
        assert_eq!((clv.calibration_end, clv.holdout_end, clv.unit), (875_663_999, None, Unit::Weeks));
        // Every data command reads saved load settings, not only the ones that replay scenarios.
        assert_eq!(clv.data.settings, Some(PathBuf::from("l.json")));
        let Ok(Command::Segments(segments)) = parse("segments --data d.csv --features frequency,,monetary --k 3")
        else {
            panic!()
        };
        assert_eq!(segments.k, SegmentCount::Fixed { k: 3 });
        assert_eq!(segments.features.0.len(), 2);
        let Ok(Command::Simulate(simulate)) = parse("simulate --data d.csv a.json b.json c.json --reps 5") else {
            panic!()
        };
        assert_eq!(
            (simulate.schemes.scenarios.len(), simulate.futures.months, simulate.futures.reps, simulate.futures.seed),
            (3, 12, 5, 42)
        );
        assert_eq!((simulate.schemes.reference, simulate.until_sure, simulate.threads), (0, None, None));
        let Ok(Command::Simulate(simulate)) =
            parse("simulate --data d.csv a.json b.json c.json --reference c --until-sure 0.05 --threads 2")
        else {
            panic!()
        };
        assert_eq!((simulate.schemes.reference, simulate.until_sure, simulate.threads), (2, Some(0.05), Some(2)));
        assert!(parse("compare --data d.csv a.json b.json --reference AB").is_err());
    }
}

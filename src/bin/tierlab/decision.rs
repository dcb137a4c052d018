//! `optimise`, `recommend` and `affinity`: decision support over the simulator.

use std::fmt::Write;

use tierlab::engine::evaluate::PreparedData;
use tierlab::engine::members::{Language, MemberList};
use tierlab::engine::optimise::affinity::{category_affinity, SegmentAffinity};
use tierlab::engine::optimise::recommend::{member_column, next_best_benefit, SegmentAdvice};
use tierlab::engine::optimise::segments::{SegmentChoice, SegmentLabels};
use tierlab::engine::optimise::{optimise_scheme, Estimate, Objective, SearchRanges, Violation};
use tierlab::engine::progress::Silent;
use tierlab::engine::scenario::Scenario;
use tierlab::engine::simulate::kpi::Spread;
use tierlab::engine::simulate::SimulationSettings;
use tierlab::session::fit_baseline;

use crate::args::{AffinityArgs, OptimiseArgs, RecommendArgs};
use crate::failure::Failure;
use crate::files::{in_file, print_json, read_scenario, write_file, write_stdout};
use crate::text_output::group;

/// 1st, 2nd, 3rd, 4th ... 11th, 12th, 13th ... 21st.
fn ordinal(n: u32) -> String {
    let suffix = match (n % 10, n % 100) {
        (_, 11..=13) => "th",
        (1, _) => "st",
        (2, _) => "nd",
        (3, _) => "rd",
        _ => "th",
    };
    format!("{n}{suffix}")
}

pub fn optimise(args: &OptimiseArgs) -> Result<(), Failure> {
    let current = read_scenario(&args.scenario)?;
    let text = std::fs::read_to_string(&args.ranges)
        .map_err(|e| Failure::input(format!("cannot read {}: {e}", args.ranges.display())))?;
    let mut ranges = SearchRanges::from_json(&text).map_err(|e| in_file(&args.ranges, e))?;
    if let Some(percentile) = args.percentile {
        ranges.objective = Objective::Cautious { percentile };
    }
    // Ranges are checked against the scheme before the data is read: a wrong range fails fast.
    ranges.check(&current).map_err(|e| in_file(&args.ranges, e))?;
    let data = args.data.load()?;
    let (baseline, _) = fit_baseline(&data, &mut Silent);
    let result = optimise_scheme(&current, &ranges, &data, &baseline, args.threads, &mut Silent)
        .map_err(|e| in_file(&args.data.data, e))?;
    if let Some(out) = &args.out {
        write_file(out, &result.best.to_json())?;
    }
    if args.json {
        return print_json(&result);
    }
    let mut text = String::new();
    let objective = match ranges.objective {
        Objective::Mean => "mean".to_string(),
        Objective::Cautious { percentile } => format!("{} percentile", ordinal(percentile)),
    };
    let _ = writeln!(
        text,
        "searched {} settings ({} candidate simulations), objective: {objective} of the incremental margin over no program",
        result.parameters.len(),
        result.evaluations
    );
    let _ = writeln!(text, "\nchanges from {}:", current.name);
    if result.changes.is_empty() {
        let _ = writeln!(text, "  none: the current scheme is the best found");
    }
    for change in &result.changes {
        let _ = writeln!(text, "  - {}", change.describe(&current));
    }
    let c = &result.confirmation;
    let _ = writeln!(
        text,
        "\nre-simulated on {} fresh futures (seed {}), the search's own estimate was {}:",
        c.replications,
        c.seed,
        group(result.search_estimate.incremental_margin.mean, 0)
    );
    let _ = writeln!(text, "  {:<10} {}", "current", estimate_line(&c.current));
    let _ = writeln!(text, "  {:<10} {}", "best", estimate_line(&c.best));
    let _ = writeln!(text, "  gain {} , P(best earns more) = {:.0} %", spread(&c.gain), c.chance_better * 100.0);
    let _ = writeln!(text, "  (top-tier shares are of the members active at the end)");
    let _ = writeln!(text, "\ncost-vs-margin frontier (benefit cost -> incremental margin, mean and 90 % interval):");
    for point in &result.frontier {
        let _ = writeln!(text, "  {:>14} -> {}", group(point.benefit_cost, 0), spread(&point.incremental_margin));
    }
    if result.cancelled {
        let _ = writeln!(text, "\ncancelled: the best found so far");
    }
    if let Some(out) = &args.out {
        let _ = writeln!(text, "\nbest scheme written to {}", out.display());
    }
    write_stdout(&text)
}

fn spread(s: &Spread) -> String {
    format!("{} [{}, {}]", group(s.mean, 0), group(s.low90, 0), group(s.high90, 0))
}

fn estimate_line(e: &Estimate) -> String {
    let mut line = format!(
        "incremental margin {}, benefit cost {}, top tier {:.1} %, fairness ratio {:.2}",
        spread(&e.incremental_margin),
        group(e.benefit_cost, 0),
        e.top_tier_share * 100.0,
        e.fairness_ratio
    );
    for v in &e.violations {
        let _ = write!(
            line,
            "; misses {}",
            match v {
                Violation::Budget { benefit_cost, max } =>
                    format!("the budget ({} > {})", group(*benefit_cost, 0), group(*max, 0)),
                Violation::TopTierShare { share, max } =>
                    format!("the top-tier share ({:.1} % > {:.1} %)", share * 100.0, max * 100.0),
                Violation::Fairness { ratio, min } => format!("fairness (ratio {ratio:.2} < {min:.2})"),
                Violation::Margin { margin, min } =>
                    format!("the margin floor ({} < {})", group(*margin, 0), group(*min, 0)),
            }
        );
    }
    line
}

fn segments_of(data: &PreparedData, choice: &SegmentChoice, path: &std::path::Path) -> Result<SegmentLabels, Failure> {
    SegmentLabels::of(data, choice, &mut Silent).map_err(|e| in_file(path, e))
}

/// The first scheme's next-best benefit per segment and the member-list column it fills.
pub fn advise(
    data: &PreparedData,
    scheme: &Scenario,
    choice: &SegmentChoice,
    settings: &SimulationSettings,
    path: &std::path::Path,
) -> Result<(SegmentLabels, Vec<SegmentAdvice>), Failure> {
    settings.check().map_err(|e| Failure::usage(e.to_string()))?;
    let labels = segments_of(data, choice, path)?;
    let (baseline, _) = fit_baseline(data, &mut Silent);
    let advice =
        next_best_benefit(scheme, &labels, data, &baseline, settings, &mut Silent).map_err(|e| in_file(path, e))?;
    Ok((labels, advice))
}

/// The member list with its next-best-benefit column filled.
pub fn with_recommendations(
    list: MemberList,
    data: &PreparedData,
    scheme: &Scenario,
    choice: &SegmentChoice,
    path: &std::path::Path,
    language: Language,
) -> Result<MemberList, Failure> {
    let (labels, advice) = advise(data, scheme, choice, &SimulationSettings::default(), path)?;
    let (words, codes) = member_column(&labels, &advice, language);
    Ok(list.with_next_best_benefit(words, codes))
}

pub fn recommend(args: &RecommendArgs) -> Result<(), Failure> {
    let scheme = read_scenario(&args.scenario)?;
    let data = args.data.load()?;
    let settings = SimulationSettings {
        months: args.futures.months,
        replications: args.futures.reps,
        seed: args.futures.seed,
        threads: args.threads,
        ..SimulationSettings::default()
    };
    let (labels, advice) = advise(&data, &scheme, &args.segments, &settings, &args.data.data)?;
    let affinity = category_affinity(&data.dataset, &labels);
    if args.json {
        return print_json(&serde_json::json!({ "segments": advice, "affinity": affinity }));
    }
    let mut text = format!(
        "next-best benefit against {} ({} months x {} futures); margin per customer of the segment, change minus current, mean and 90 % interval:\n",
        scheme.name, settings.months, settings.replications
    );
    for segment in &advice {
        let _ = writeln!(
            text,
            "\n{} ({} customers): {}",
            segment.segment,
            segment.customers,
            segment.recommendation.describe()
        );
        for option in &segment.options {
            let s = &option.margin_per_customer;
            let _ = writeln!(
                text,
                "  {:<38} {:>9} [{}, {}]  P(best) {:>3.0} %",
                option.change.describe(),
                group(s.mean, 2),
                group(s.low90, 2),
                group(s.high90, 2),
                option.chance_best * 100.0
            );
        }
    }
    if let Some(affinity) = &affinity {
        text.push_str(&affinity_text(affinity));
    }
    write_stdout(&text)
}

fn affinity_text(affinity: &[SegmentAffinity]) -> String {
    let mut text = "\ncategory affinity (lift = the segment's share of its purchases in the category / everyone's; purchases in brackets):\n".to_string();
    for segment in affinity {
        let _ = write!(text, "  {} ({} purchases):", segment.segment, segment.purchases);
        for c in &segment.categories {
            let _ = write!(text, " {} {:.2} ({})", c.category, c.lift, c.purchases);
        }
        text.push('\n');
    }
    text
}

pub fn affinity(args: &AffinityArgs) -> Result<(), Failure> {
    let data = args.data.load()?;
    let labels = segments_of(&data, &args.segments, &args.data.data)?;
    let affinity = category_affinity(&data.dataset, &labels).ok_or_else(|| {
        in_file(&args.data.data, "the data has no category column: affinity needs one category per purchase")
    })?;
    if args.json {
        return print_json(&affinity);
    }
    write_stdout(&affinity_text(&affinity))
}

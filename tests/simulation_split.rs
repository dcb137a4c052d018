// Native only: reads the CDNow fixture from disk.
#![cfg(not(target_arch = "wasm32"))]
//! The simulation split by customer: the CDNow master file cut into partitions (each loaded from
//! its own rows only, on the whole history's calendar), the baseline's population statistics
//! gathered from them and merged, then every partition simulated on its own customers and the block
//! sums merged. Checked against the one-machine baseline (every customer's distributions, by id) and
//! the one-machine `simulate` result (serialised, to the last bit), for several splits merged in
//! reverse order.

use tierlab::engine::evaluate::{evaluate, PreparedData};
use tierlab::engine::ingest::{self, LoadSettings, ReadOptions};
use tierlab::engine::progress::Silent;
use tierlab::engine::scenario::{Scenario, Thresholds};
use tierlab::engine::simulate::baseline::Baseline;
use tierlab::engine::simulate::baseline_model::BaselineModel;
use tierlab::engine::simulate::order::{customer_key, BLOCK_SIZE};
use tierlab::engine::simulate::population::{BaselinePartial, PopulationBaseline, ValueCounts};
use tierlab::engine::simulate::split::{merge_partitions, simulate_partition, BlockLayout, SegmentCounts};
use tierlab::engine::simulate::{SchemeRun, SimulationSettings};
use tierlab::engine::tiers::resolve_bounds;
use tierlab::session::fit_baseline_with;

const DATA: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/cdnow/CDNOW_master.txt");

/// The file as the CLI loads it, its settings, and its lines (header first).
fn whole() -> (PreparedData, LoadSettings, Vec<String>) {
    let bytes = std::fs::read(DATA).expect("CDNow fixture");
    let text = String::from_utf8(bytes.clone()).expect("text");
    let read = ReadOptions::default();
    let source = ingest::read_source(bytes, &read).unwrap();
    let settings = ingest::default_settings(&ingest::inspect(&source, &read).unwrap());
    let (dataset, _) = ingest::load(&source, &settings, &mut Silent).unwrap();
    (PreparedData::new(dataset), settings, text.lines().map(str::to_string).collect())
}

/// One partition: the header and the rows whose customer `belongs`, loaded on the whole history's span.
fn partition(
    lines: &[String],
    settings: &LoadSettings,
    span: Option<(i64, i64)>,
    belongs: impl Fn(&str) -> bool,
) -> PreparedData {
    let mut text = lines[0].clone() + "\n";
    for line in &lines[1..] {
        if line.split_whitespace().next().is_some_and(&belongs) {
            text += line;
            text.push('\n');
        }
    }
    let source = ingest::read_source(text.into_bytes(), &settings.read).unwrap();
    let (dataset, _) = ingest::load(&source, settings, &mut Silent).unwrap();
    PreparedData::over_span(dataset, span)
}

fn span(data: &PreparedData) -> Option<(i64, i64)> {
    data.dataset.events.as_ref().and_then(|log| log.time_span())
}

/// The population's baseline from the partitions' summaries, merged in reverse order, with the
/// second pass's heavy-buyer cut; and each partition's baseline.
fn split_baselines(parts: &[PreparedData], model: BaselineModel) -> (PopulationBaseline, Vec<Baseline>) {
    let mut total = BaselinePartial::default();
    for part in parts.iter().rev() {
        total.merge(&BaselinePartial::of(part)).unwrap();
    }
    let population = PopulationBaseline::fit(&total, model).unwrap();
    let mut rates = ValueCounts::default();
    for part in parts {
        rates.merge(&Baseline::of_partition(part, &population).unwrap().heavy_rate_counts());
    }
    let population = population.with_heavy_cut(&rates);
    let baselines = parts.iter().map(|p| Baseline::of_partition(p, &population).unwrap()).collect();
    (population, baselines)
}

/// Customer `c`'s baseline as text (shortest round-trip digits: equal text is equal bits).
fn customer(b: &Baseline, c: usize) -> String {
    format!(
        "{} {} {} {} {} {} {} {} {} {} {} {} {:?}",
        b.p_alive[c],
        b.rate_shape[c],
        b.rate_scale[c],
        b.drop_a[c],
        b.drop_b[c],
        b.lifetime_rate_shape[c],
        b.lifetime_rate_scale[c],
        b.nu_shape[c],
        b.nu_scale[c],
        b.fixed_theta[c],
        b.expected_order_value[c],
        b.heavy[c],
        b.engagement.get(c),
    )
}

#[test]
fn counts_by_value_sum_smallest_first_and_rank_like_a_sorted_list() {
    // Largest first, 1e16 + 1 rounds back to 1e16 (the spacing there is 2) and so does the second 1:
    // the counts must add smallest first, as the one-machine sum does, to get 1e16 + 2.
    assert_eq!(ValueCounts::of([1e16, 1.0, 1.0]).order_free_sum(), 10_000_000_000_000_002.0);
    assert_eq!((1e16f64 + 1.0) + 1.0, 1e16);
    let counts = ValueCounts::of([0.3, 0.1, 0.2, 0.1]);
    assert_eq!(counts.total(), 4);
    assert_eq!([0, 1, 2, 3, 4].map(|r| counts.at_rank(r)), [Some(0.1), Some(0.1), Some(0.2), Some(0.3), None]);
}

#[test]
fn partitions_give_every_customer_the_one_machine_baseline() {
    let (data, settings, lines) = whole();
    let index: std::collections::HashMap<&str, usize> =
        data.dataset.customers.ids.iter().enumerate().map(|(c, id)| (id, c)).collect();
    for (model, k) in [
        (BaselineModel::BgNbd, 1u64),
        (BaselineModel::BgNbd, 3),
        (BaselineModel::BgNbd, 7),
        (BaselineModel::ParetoNbd, 3),
    ] {
        let (single, note) = fit_baseline_with(&data, model, None, &mut Silent);
        assert_eq!(note, None);
        assert!(single.heavy.iter().any(|&h| h) && single.seasonality.iter().any(|&f| f != 1.0));
        let parts: Vec<PreparedData> =
            (0..k).map(|p| partition(&lines, &settings, span(&data), |id| customer_key(id) % k == p)).collect();
        let (population, baselines) = split_baselines(&parts, model);
        assert_eq!(population.customers as usize, single.customer_count());
        assert_eq!(population.fallback, None);
        let mut seen = 0;
        for (part, baseline) in parts.iter().zip(&baselines) {
            assert_eq!((baseline.source, baseline.order_shape), (single.source, single.order_shape));
            assert_eq!(baseline.seasonality.map(f64::to_bits), single.seasonality.map(f64::to_bits));
            for (c, id) in part.dataset.customers.ids.iter().enumerate() {
                assert_eq!(
                    customer(baseline, c),
                    customer(&single, index[id]),
                    "customer {id}, {model:?}, {k} partitions"
                );
                seen += 1;
            }
        }
        assert_eq!(seen, single.customer_count());
    }
}

/// The schemes with the whole data's bounds (the engine's rule on every partition's final scores)
/// written in, as each partition evaluates them.
fn with_whole_bounds(schemes: &[Scenario], parts: &[PreparedData]) -> Vec<Scenario> {
    schemes
        .iter()
        .map(|s| {
            let scores: Vec<f64> =
                parts.iter().flat_map(|p| evaluate(s, p, &mut Silent).unwrap().final_scores).collect();
            let lower_bounds = resolve_bounds(&s.tiers.thresholds, &scores);
            let mut s = s.clone();
            s.tiers.thresholds = Thresholds::Absolute { lower_bounds };
            s
        })
        .collect()
}

#[test]
fn partitions_of_whole_blocks_merge_into_exactly_the_one_machine_simulation() {
    let (data, settings, lines) = whole();
    let (single_baseline, _) = fit_baseline_with(&data, BaselineModel::BgNbd, None, &mut Silent);
    let schemes = vec![Scenario::template(), Scenario::template_b()];
    let run = SimulationSettings { months: 3, replications: 3, seed: 11, deterministic: false, ..Default::default() };
    let single = SchemeRun::new(&schemes, 0, &data, &single_baseline, &run).simulate(&mut Silent).unwrap();
    let expected = serde_json::to_string(&single).unwrap();
    let layout = BlockLayout::of(data.dataset.customers.ids.iter());
    assert_eq!(layout.starts.len(), data.dataset.customer_count().div_ceil(BLOCK_SIZE));
    assert!(layout.starts.len() >= 5, "CDNow spans several blocks");
    for k in [1usize, 2, 4] {
        let parts: Vec<PreparedData> =
            (0..k).map(|p| partition(&lines, &settings, span(&data), |id| layout.block_of(id) % k == p)).collect();
        let (_, baselines) = split_baselines(&parts, BaselineModel::BgNbd);
        let mut segments = SegmentCounts::default();
        for part in &parts {
            segments.merge(&SegmentCounts::of(part));
        }
        let bounded = with_whole_bounds(&schemes, &parts);
        let sums: Vec<_> = parts
            .iter()
            .zip(&baselines)
            .rev()
            .map(|(part, baseline)| simulate_partition(&bounded, 0, part, baseline, &run, &layout, &segments).unwrap())
            .collect();
        let merged = merge_partitions(&schemes, sums).unwrap();
        assert_eq!(serde_json::to_string(&merged).unwrap(), expected, "{k} partitions");
    }
}

#[test]
fn a_partition_that_splits_a_block_is_refused() {
    let (data, settings, lines) = whole();
    let layout = BlockLayout::of(data.dataset.customers.ids.iter());
    let part = partition(&lines, &settings, span(&data), |id| customer_key(id).is_multiple_of(2));
    let (population, baselines) = split_baselines(std::slice::from_ref(&part), BaselineModel::BgNbd);
    assert!(population.heavy_cut.is_some());
    let run = SimulationSettings { months: 2, replications: 1, ..Default::default() };
    let schemes = with_whole_bounds(&[Scenario::template()], std::slice::from_ref(&part));
    let error = simulate_partition(&schemes, 0, &part, &baselines[0], &run, &layout, &SegmentCounts::default());
    assert!(error.unwrap_err().to_string().contains("not whole blocks"));
}

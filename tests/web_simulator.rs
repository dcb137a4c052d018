//! The Simulator tab's results rendered from hand-built engine answers — the verdict, the KPI cards,
//! fairness and the tornado chart show the figures given, formatted the page's one way, with raw
//! values for tests alongside — and the pure parts behind the tab: the shareable link's encoding
//! (round trip, older scenario versions, damaged links), the A-vs-B difference summary and the CSV.
#![cfg(target_arch = "wasm32")]

use std::rc::Rc;

use tierlab::engine::scenario::{QualifyingWindow, Scenario, SCENARIO_VERSION};
use tierlab::engine::simulate::baseline::BaselineSource;
use tierlab::engine::simulate::groups::{Dimension, GroupStat};
use tierlab::engine::simulate::kpi::{Kpi, KpiStat, MonthlyKpi, MonthlyStat, Spread};
use tierlab::engine::simulate::optimise::OptimiseError;
use tierlab::engine::simulate::optimise::OptimiserSettings;
use tierlab::engine::simulate::planner::FieldTestInputs;
use tierlab::engine::simulate::planner::PlanError;
use tierlab::engine::simulate::sensitivity::{ParameterKind, SensitivityResult, SensitivityRow};
use tierlab::engine::simulate::until_sure::Precision;
use tierlab::engine::simulate::SimulateError;
use tierlab::engine::simulate::{
    Comparison, CounterfactualResult, IncrementalKpi, IncrementalStat, Rank, SchemeResult, SimulationResult,
    SimulationSettings,
};
use tierlab::protocol::UserError;
use tierlab::web::components::simulator::backtest::{default_calibration_end, end_of_day};
use tierlab::web::components::simulator::export::results_csv;
use tierlab::web::components::simulator::field_test::plan_inputs;
use tierlab::web::components::simulator::optimiser::{parse_factors, parse_limit, search_settings, Limit};
use tierlab::web::components::simulator::scenarios::summary;
use tierlab::web::components::simulator::sensitivity::{SensitivityView, ViewProps as SensitivityProps};
use tierlab::web::components::simulator::{SimulationView, ViewProps};
use tierlab::web::i18n::{user_error, Lang};
use tierlab::web::scenario_diff::differences;
use tierlab::web::share_link::{base64url_decode, base64url_encode, decode, encode, LinkError};
use tierlab::web::sim_state::{sensitivity_replications, IntervalLevel, OptimiserForm, RangeProblem, SimSettings};
use wasm_bindgen_futures::JsFuture;
use wasm_bindgen_test::*;
use web_sys::Element;

wasm_bindgen_test_configure!(run_in_browser);

const TIERS: [&str; 4] = ["普通 Regular", "银牌 Silver", "金牌 Gold", "钻石 Diamond"];
const MONTHS: usize = 12;

fn spread(mean: f64, low90: f64, high90: f64, low95: f64, high95: f64) -> Spread {
    Spread { mean, low90, high90, low95, high95 }
}

/// A quantity known exactly (every replication the same).
fn exact(value: f64) -> Spread {
    spread(value, value, value, value, value)
}

/// Totals of one scheme: the figures the tests read are set apart, everything else a plain 100.
fn totals(revenue: Spread, margin: Spread, retention: Spread) -> Vec<KpiStat> {
    Kpi::ALL
        .iter()
        .map(|&kpi| KpiStat {
            kpi,
            spread: match kpi {
                Kpi::Revenue => revenue.clone(),
                Kpi::Margin => margin.clone(),
                Kpi::RetentionRate => retention.clone(),
                _ => exact(100.0),
            },
        })
        .collect()
}

fn monthly() -> Vec<MonthlyStat> {
    MonthlyKpi::ALL
        .iter()
        .map(|&kpi| MonthlyStat { kpi, months: (0..MONTHS).map(|m| exact(1000.0 + m as f64)).collect() })
        .collect()
}

fn gender(group: &str, top_tier_share: f64, top_tier_ratio: f64, flagged: bool) -> GroupStat {
    group_stat(Dimension::Gender, group, top_tier_share, top_tier_ratio, flagged)
}

fn group_stat(dimension: Dimension, group: &str, top_tier_share: f64, top_tier_ratio: f64, flagged: bool) -> GroupStat {
    GroupStat {
        dimension,
        group: group.into(),
        customers: 500.0,
        revenue_per_customer: 80.0,
        incremental_revenue_per_customer: 2.5,
        benefit_per_customer: 5.0,
        top_tier_share,
        conversion_rate: 0.3,
        top_tier_ratio,
        benefit_ratio: 1.0,
        top_tier_flagged: flagged,
        benefit_flagged: false,
        flagged,
    }
}

fn scheme(
    name: &str,
    totals: Vec<KpiStat>,
    incremental_margin: Spread,
    roi: Spread,
    top_tier_share: f64,
) -> SchemeResult {
    SchemeResult {
        name: name.into(),
        totals,
        incremental: vec![
            IncrementalStat { kpi: IncrementalKpi::Revenue, spread: exact(0.0) },
            IncrementalStat { kpi: IncrementalKpi::Orders, spread: exact(0.0) },
            IncrementalStat { kpi: IncrementalKpi::Margin, spread: incremental_margin },
            IncrementalStat { kpi: IncrementalKpi::Roi, spread: roi },
        ],
        monthly: monthly(),
        tier_names: TIERS.map(String::from).to_vec(),
        tier_shares: vec![vec![0.6, 0.25, 0.1, 0.05]; MONTHS],
        migration: vec![vec![250.0, 0.0, 0.0, 0.0]; 4],
        // Women reach the top tier 3.6 % of the time, men 5.0 %: 0.036 / 0.05 = 0.72, below 0.8.
        groups: vec![
            gender("女", 0.036, 0.72, true),
            gender("男", 0.05, 1.0, false),
            // Below 0.8 but not clearly (a small best group): shown, not flagged.
            group_stat(Dimension::City, "北京", 0.05, 1.0, false),
            group_stat(Dimension::City, "上海", 0.0375, 0.75, false),
        ],
        frozen_scores: false,
        top_tier_share,
    }
}

/// B earns 12,300 more margin than A over 12 months (90 %: 8,100 to 16,400; 95 %: 7,000 to
/// 17,500) and beats A in 19 of 20 replications. A adds 3,200 margin over no program (ROI 0.45), B
/// adds 15,500 = 3,200 + 12,300. B ends with 18 % of customers in the top tier (dilution warning).
fn result() -> SimulationResult {
    let a = scheme(
        "Current",
        totals(spread(150_000.0, 142_000.0, 158_000.0, 140_000.0, 160_000.0), exact(40_000.0), exact(0.873)),
        spread(3_200.0, 1_000.0, 5_000.0, 500.0, 5_600.0),
        spread(0.45, 0.2, 0.7, 0.1, 0.8),
        0.07,
    );
    let b = scheme(
        "Richer Diamond",
        totals(exact(152_500.0), exact(52_300.0), exact(0.885)),
        spread(15_500.0, 11_000.0, 20_000.0, 10_000.0, 21_000.0),
        exact(0.9),
        0.18,
    );
    let difference = Kpi::ALL
        .iter()
        .map(|&kpi| KpiStat {
            kpi,
            spread: match kpi {
                Kpi::Margin => spread(12_300.0, 8_100.0, 16_400.0, 7_000.0, 17_500.0),
                Kpi::Revenue => spread(2_500.0, 1_000.0, 4_000.0, 800.0, 4_200.0),
                // 0.885 - 0.873 = 0.012 -> +1.2 percentage points.
                Kpi::RetentionRate => exact(0.012),
                _ => exact(0.0),
            },
        })
        .collect();
    let months: Vec<String> = (1..=MONTHS).map(|m| format!("2026-{m:02}")).collect();
    SimulationResult {
        settings: SimulationSettings { months: MONTHS as u32, replications: 20, seed: 42, deterministic: false, ..SimulationSettings::default() },
        customers: 1000,
        baseline: BaselineSource::BgNbd,
        month_labels: months,
        counterfactual: CounterfactualResult {
            revenue: exact(140_000.0),
            orders: exact(2_000.0),
            retention_rate: exact(0.85),
            conversion_rate: exact(0.4),
            monthly_revenue: vec![exact(11_000.0); MONTHS],
            monthly_orders: vec![exact(160.0); MONTHS],
        },
        schemes: vec![a, b],
        reference: 0,
        comparisons: vec![Comparison {
            scheme: 1,
            difference,
            incremental_margin: spread(12_300.0, 8_100.0, 16_400.0, 7_000.0, 17_500.0),
            chance_better_on_margin: 0.95,
            field_test: FieldTestInputs::default(),
        }],
        ranking: vec![
            Rank { scheme: 1, incremental_margin: spread(15_500.0, 11_000.0, 20_000.0, 10_000.0, 21_000.0), chance_best: 0.95 },
            Rank { scheme: 0, incremental_margin: spread(3_200.0, 1_000.0, 5_000.0, 500.0, 5_600.0), chance_best: 0.05 },
        ],
        precision: Precision { scheme: 1, mean: 12_300.0, standard_error: 600.0, replications: 20, target_met: None },
    }
}

async fn tick() {
    // Yew renders on its scheduler; one macrotask later the DOM is there.
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        web_sys::window().unwrap().set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, 20).unwrap();
    });
    JsFuture::from(promise).await.unwrap();
}

fn new_root() -> Element {
    let document = web_sys::window().unwrap().document().unwrap();
    let root = document.create_element("div").unwrap();
    document.body().unwrap().append_child(&root).unwrap();
    root
}

async fn render(level: IntervalLevel, lang: Lang) -> Element {
    let root = new_root();
    let props =
        ViewProps { result: Rc::new(result()), job: 7, level, lang, no_program_margin: Some(0.3), stale: false };
    yew::Renderer::<SimulationView>::with_root_and_props(root.clone(), props).render();
    tick().await;
    root
}

fn by_testid(root: &Element, id: &str) -> Element {
    root.query_selector(&format!("[data-testid=\"{id}\"]"))
        .unwrap()
        .unwrap_or_else(|| panic!("no element with data-testid={id}"))
}

fn text(root: &Element, id: &str) -> String {
    by_testid(root, id).text_content().unwrap_or_default().trim().to_string()
}

fn attr(root: &Element, id: &str, name: &str) -> String {
    by_testid(root, id).get_attribute(name).unwrap_or_default()
}

#[wasm_bindgen_test]
async fn verdict_and_kpi_cards_show_the_simulated_figures() {
    let root = render(IntervalLevel::P90, Lang::En).await;
    assert_eq!(attr(&root, "sim-results", "data-job"), "7");
    assert_eq!(
        text(&root, "sim-verdict"),
        "B earns 12,300 more margin than A over 12 months (90 % interval 8,100 to 16,400); \
         B is better in 19 of 20 simulated futures."
    );
    for (name, value) in [
        ("data-value", "12300"),
        ("data-low90", "8100"),
        ("data-high90", "16400"),
        ("data-low95", "7000"),
        ("data-high95", "17500"),
        ("data-p-better", "0.95"),
        ("data-winner", "b"),
    ] {
        assert_eq!(attr(&root, "sim-verdict", name), value, "{name}");
    }
    let page = root.text_content().unwrap_or_default();
    assert!(page.contains("The 90 % interval does not include zero: the difference is clear."), "{page}");
    // What each scheme adds over no program, with its return on the benefit cost.
    assert_eq!(attr(&root, "sim-incremental-a", "data-value"), "3200");
    assert_eq!(attr(&root, "sim-incremental-a", "data-roi"), "0.45");
    assert!(page.contains(
        "Compared with no program, A adds 3,200 margin (90 % interval +1,000 to +5,000); ROI 0.45: \
         each 1 spent on benefits brings back 0.45 of extra margin."
    ));

    // Cards: A, B and B − A with the mean over the interval; raw values alongside.
    assert_eq!(text(&root, "sim-kpi-a-revenue"), "150,000142,000 – 158,000");
    assert_eq!(attr(&root, "sim-kpi-a-revenue", "data-value"), "150000");
    assert_eq!(attr(&root, "sim-kpi-a-revenue", "data-low95"), "140000");
    assert_eq!(text(&root, "sim-kpi-diff-revenue"), "+2,500+1,000 – +4,000");
    assert_eq!(attr(&root, "sim-kpi-diff-margin", "data-high90"), "16400");
    assert_eq!(text(&root, "sim-kpi-a-retention-rate"), "87.3 %87.3 % – 87.3 %");
    assert_eq!(text(&root, "sim-kpi-diff-retention-rate"), "+1.2 pp+1.2 pp – +1.2 pp");
    assert!(by_testid(&root, "sim-kpi-diff-retention-rate").class_name().contains("tone-good"));
    // Incremental margin: B − A is the difference of the means, 15,500 − 3,200 (no interval known).
    assert_eq!(text(&root, "sim-kpi-diff-incremental-margin"), "+12,300");
    assert_eq!(attr(&root, "sim-kpi-b-incremental-margin", "data-value"), "15500");
    assert_eq!(text(&root, "sim-kpi-a-roi"), "0.450.20 – 0.70");
    // Every KPI of the engine has its card.
    assert_eq!(root.query_selector_all(".sim-kpi").unwrap().length() as usize, Kpi::ALL.len() + 2);

    // Series, tier shares, migration, liability, groups.
    assert_eq!(attr(&root, "sim-series-revenue", "data-series"), "3", "A, B and no program");
    assert_eq!(attr(&root, "sim-series-revenue", "data-months"), "12");
    assert_eq!(attr(&root, "sim-tier-shares-b", "data-last-top-share"), "0.05");
    assert_eq!(attr(&root, "sim-migration-a-2-2", "data-value"), "0");
    assert_eq!(attr(&root, "sim-migration-a-3-0", "data-value"), "250");
    assert_eq!(attr(&root, "sim-liability-a", "data-value"), "100");
    assert!(text(&root, "sim-dilution-b").starts_with("In B, 18.0 % of customers end in the top tier “钻石 Diamond”."));
    assert!(root.query_selector("[data-testid=\"sim-dilution-a\"]").unwrap().is_none(), "A's 7 % is fine");

    // Fairness: the flagged group in a sentence, the ratio flagged in the table.
    assert_eq!(attr(&root, "sim-fairness-a", "data-flags"), "1");
    assert!(text(&root, "sim-fairness-a").contains("Women reach the top tier 0.72× as often as men."));
    assert_eq!(attr(&root, "sim-group-gender-0", "data-flagged"), "true");
    assert!(text(&root, "sim-group-gender-0").contains("0.72×below 0.8"));
    assert_eq!(attr(&root, "sim-group-city-1", "data-flagged"), "false");
    assert!(text(&root, "sim-group-city-1").contains("0.75×could be chance"));
    root.remove();
}

#[wasm_bindgen_test]
async fn the_95_percent_interval_and_chinese() {
    let root = render(IntervalLevel::P95, Lang::Zh).await;
    assert_eq!(
        text(&root, "sim-verdict"),
        "B 比 A 多赚 12,300 毛利（12 个月，95 % 区间 7,000 至 17,500）；在 20 次模拟中，B 有 19 次更好。"
    );
    assert_eq!(text(&root, "sim-kpi-a-revenue"), "150,000140,000 – 160,000");
    let page = root.text_content().unwrap_or_default();
    for expected in
        ["关键指标", "增量毛利", "每月销售额", "等级迁移", "积分负债", "女性进入最高等级的比例是男性的 0.72 倍。"]
    {
        assert!(page.contains(expected), "missing {expected:?}");
    }
    root.remove();
}

#[wasm_bindgen_test]
async fn the_tornado_shows_each_assumption_and_whether_it_flips_the_decision() {
    // B (scheme 1) earns 12,300 more than A; a weak goal gradient puts A first.
    let row = |assumption: &str, low: f64, high: f64, at_low: f64, at_high: f64| SensitivityRow {
        assumption: assumption.into(),
        kind: ParameterKind::Behaviour,
        low,
        high,
        difference_at_low: at_low,
        difference_at_high: at_high,
        best_at_low: if at_low > 0.0 { 1 } else { 0 },
        best_at_high: if at_high > 0.0 { 1 } else { 0 },
        incremental_margin_at_low: vec![3_200.0, 3_200.0 + at_low],
        incremental_margin_at_high: vec![3_200.0, 3_200.0 + at_high],
        flips: at_low <= 0.0 || at_high <= 0.0,
    };
    let result = SensitivityResult {
        reference: 0,
        challenger: 1,
        base_difference: 12_300.0,
        base_best: 1,
        base_incremental_margin: vec![3_200.0, 15_500.0],
        rows: vec![
            row("goal_gradient", 0.10, 0.25, -2_000.0, 15_000.0),
            row("discount_elasticity", 1.8, 3.0, 4_000.0, 18_000.0),
        ],
        decision_flips: true,
        replications: 5,
    };
    let root = new_root();
    yew::Renderer::<SensitivityView>::with_root_and_props(
        root.clone(),
        SensitivityProps { result: Rc::new(result), lang: Lang::En },
    )
    .render();
    tick().await;
    assert_eq!(
        text(&root, "sensitivity-statement"),
        "Careful: Goal gradient can flip the decision within its plausible range — check it before trusting the verdict."
    );
    assert_eq!(attr(&root, "tornado", "data-base"), "12300");
    assert_eq!(attr(&root, "tornado", "data-rows"), "2");
    assert_eq!(attr(&root, "tornado-row-goal_gradient", "data-low"), "-2000");
    assert_eq!(attr(&root, "tornado-row-goal_gradient", "data-high"), "15000");
    assert_eq!(attr(&root, "tornado-row-goal_gradient", "data-flips"), "true");
    assert_eq!(attr(&root, "tornado-row-discount_elasticity", "data-flips"), "false");
    let row = text(&root, "tornado-row-goal_gradient");
    assert!(row.contains("Goal gradient") && row.contains("+10 % … +25 %") && row.contains("flips"), "{row}");
    assert!(text(&root, "tornado-row-discount_elasticity").contains("1.8 … 3"));
    // Geometry, by hand: values from −2,000 to 18,000 give ticks every 5,000 from −5,000 to 20,000,
    // over x = 210 … 650 (17.6 px per 1,000). Zero sits at 210 + 5 x 17.6 = 298; the low bar of the
    // goal gradient runs from −2,000 (x = 262.8) to the base 12,300 (x = 514.48).
    let zero = root.query_selector(".tornado__zero").unwrap().unwrap();
    let zero_x: f64 = zero.get_attribute("x1").unwrap().parse().unwrap();
    assert!((zero_x - 298.0).abs() < 1e-9, "{zero_x}");
    let low_bar = by_testid(&root, "tornado-row-goal_gradient").query_selector("rect").unwrap().unwrap();
    let x: f64 = low_bar.get_attribute("x").unwrap().parse().unwrap();
    let width: f64 = low_bar.get_attribute("width").unwrap().parse().unwrap();
    assert!((x - 262.8).abs() < 1e-9 && (width - 251.68).abs() < 1e-9, "x {x}, width {width}");
    assert!(text(&root, "sensitivity-result").contains("5 simulated futures each"));
    root.remove();
}

/// Scenario B of the examples: Diamond discount 8 % -> 12 %, and a rolling 12-month window.
fn changed_b() -> Scenario {
    let mut b = Scenario::template();
    b.name = "Richer Diamond".into();
    b.benefits[3].discount_percent = 12.0;
    b.tiers.window = QualifyingWindow::RollingMonths { months: 12 };
    b
}

#[wasm_bindgen_test]
fn the_share_link_carries_both_scenarios_and_reads_back_the_same() {
    let (a, b) = (Scenario::template(), changed_b());
    let fragment = encode(&a, &b);
    assert!(fragment.starts_with("s="));
    // URL-safe: nothing a browser or chat app would escape or cut at.
    assert!(fragment[2..].chars().all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_'), "{fragment}");
    let decoded = decode(&format!("#{fragment}")).unwrap().expect("a fragment with scenarios");
    assert_eq!(decoded.scenarios, [a, b]);
    // Other fragment parts are ignored; no scenarios is not an error.
    assert!(decode(&format!("#x=1&{fragment}")).unwrap().is_some());
    assert_eq!(decode("#results"), Ok(None));
    assert_eq!(decode(""), Ok(None));
    // A link cut short in the middle of a symbol group, or mangled, is refused with a reason.
    assert!(decode(&fragment[..fragment.len() - 5]).is_err());
    assert_eq!(decode("s=%%%"), Err(LinkError::Damaged));
    assert_eq!(decode(&format!("s={}", base64url_encode(b"[1, 2]"))), Err(LinkError::NotAPair));
}

#[wasm_bindgen_test]
fn a_link_made_by_an_older_tierlab_opens_upgraded_with_its_problems() {
    // Scenario version 1 (points settings inside `economics`); B mid-edit with breakage 130 %.
    let v1 = |name: &str, breakage: f64| {
        serde_json::json!({
            "schema": "tierlab.scenario", "version": 1, "name": name,
            "scoring": {"model": "growth_value", "amount": 0.7, "orders": 0.2, "interactions": 0.1},
            "tiers": {"names": ["Regular", "Gold"], "thresholds": {"kind": "absolute", "lower_bounds": [500]}},
            "benefits": [
                {"discount_percent": 0, "points_multiplier": 1, "free_shipping": false, "gift_cost_per_year": 0},
                {"discount_percent": 10, "points_multiplier": 2, "free_shipping": true, "gift_cost_per_year": 50}
            ],
            "economics": {"points_per_currency_unit": 2, "point_cost": 0.005, "breakage_percent": breakage,
                          "shipping_cost_per_order": 6, "gross_margin_percent": 40}
        })
    };
    let payload = serde_json::json!({ "a": v1("Old A", 30.0), "b": v1("Old B", 130.0) }).to_string();
    let decoded = decode(&format!("s={}", base64url_encode(payload.as_bytes()))).unwrap().unwrap();
    let [a, b] = decoded.scenarios;
    assert_eq!((a.version, b.version), (SCENARIO_VERSION, SCENARIO_VERSION));
    assert_eq!(a.points.per_currency_unit, 2.0);
    assert_eq!(a.points.breakage_percent, 30.0);
    assert!(a.validate().is_empty());
    assert_eq!(b.validate()[0].field, "points.breakage_percent");
    // A file that is not a scenario at all says so, naming the scenario.
    let bad = serde_json::json!({ "a": v1("Old A", 30.0), "b": {"schema": "other"} }).to_string();
    assert!(matches!(
        decode(&format!("s={}", base64url_encode(bad.as_bytes()))),
        Err(LinkError::Scenario { which: "B", .. })
    ));
}

#[wasm_bindgen_test]
fn base64url_matches_the_rfc_4648_vectors() {
    // RFC 4648 section 10, in the URL-safe alphabet without padding.
    for (plain, coded) in [
        ("", ""),
        ("f", "Zg"),
        ("fo", "Zm8"),
        ("foo", "Zm9v"),
        ("foob", "Zm9vYg"),
        ("fooba", "Zm9vYmE"),
        ("foobar", "Zm9vYmFy"),
    ] {
        assert_eq!(base64url_encode(plain.as_bytes()), coded);
        assert_eq!(base64url_decode(coded).as_deref(), Some(plain.as_bytes()));
    }
    // 0xfb 0xff: '+/' in standard base64, '-_' here; padding and the standard alphabet are accepted.
    assert_eq!(base64url_encode(&[0xfb, 0xff]), "-_8");
    assert_eq!(base64url_decode("+/8="), Some(vec![0xfb, 0xff]));
    assert_eq!(base64url_decode("Zm9vY"), None, "a single symbol cannot end a group");
    assert_eq!(base64url_decode("Zm9v!"), None);
}

#[wasm_bindgen_test]
fn what_b_changes_is_said_in_one_line() {
    let (a, b) = (Scenario::template(), changed_b());
    let changes = differences(&a, &b);
    let paths: Vec<&str> = changes.iter().map(|c| c.path.as_str()).collect();
    assert_eq!(paths, ["benefits[3].discount_percent", "tiers.window"], "the name is not a setting");
    assert_eq!(
        summary(&changes, &a, &b, Lang::En),
        "B changes: 钻石 Diamond · Discount % 8 % → 12 %, Activity that counts lifetime → rolling 12 months"
    );
    assert_eq!(
        summary(&changes, &a, &b, Lang::Zh),
        "B 的改动：钻石 Diamond · 折扣 % 8 % → 12 %，计入分数的时间范围 累计 → 滚动 12 个月"
    );
    assert!(differences(&a, &a).is_empty());
    // An assumption changed on B only.
    let mut c = a.clone();
    c.assumptions.discount_elasticity = 3.0;
    c.assumptions.goal_gradient = 0.1;
    assert_eq!(
        summary(&differences(&a, &c), &a, &c, Lang::En),
        "B changes: Discount elasticity 2.6 → 3, Goal gradient +20 % → +10 %"
    );
}

#[wasm_bindgen_test]
fn the_csv_export_holds_every_kpi_and_month() {
    let csv = results_csv(&result());
    let lines: Vec<&str> = csv.lines().collect();
    assert_eq!(lines[0], "table,month,scheme,kpi,mean,low90,high90,low95,high95");
    assert!(lines.contains(&"total,,A,revenue,150000,142000,158000,140000,160000"));
    assert!(lines.contains(&"total,,B-A,margin,12300,8100,16400,7000,17500"));
    assert!(lines.contains(&"incremental,,B,margin,15500,11000,20000,10000,21000"));
    assert!(lines.contains(&"monthly,2026-03,A,revenue,1002,1002,1002,1002,1002"));
    assert!(lines.contains(&"monthly,2026-12,no_program,orders,160,160,160,160,160"));
    // Header + totals (20 KPIs x A, B, B − A) + incremental (4 x 2) + 4 no-program totals
    // + 12 months x (12 series x 2 schemes + 2 no-program series).
    assert_eq!(lines.len(), 1 + 60 + 8 + 4 + 12 * 26);
}

#[wasm_bindgen_test]
fn form_inputs_become_the_engine_settings_or_say_what_is_wrong() {
    // The form starts at the engine's defaults, and reads them back unchanged.
    let mut form = SimSettings::default();
    assert_eq!(form.simulation(), Some(SimulationSettings::default()));
    assert_eq!(search_settings(&OptimiserForm::default()), Some(OptimiserSettings::default()));
    form.months = 0.0;
    assert_eq!(form.months_problem(), Some(RangeProblem { min: 1.0, max: 36.0 }));
    assert_eq!(form.simulation(), None);
    form.months = 36.0;
    form.replications = 2.5;
    assert_eq!(form.replications_problem(), Some(RangeProblem { min: 1.0, max: 500.0 }));
    form.replications = f64::NAN;
    assert!(form.simulation().is_none());
    assert_eq!(form.for_storage().replications, 20.0, "a half-typed value is not stored");
    // Sensitivity: a quarter of the replications, at least 3.
    assert_eq!([sensitivity_replications(20), sensitivity_replications(8), sensitivity_replications(2)], [5, 3, 3]);

    // Search lists as typed: commas (also full-width) or spaces; the engine's limits.
    assert_eq!(parse_factors("0.6, 0.8，1  1.25", true), Some(vec![0.6, 0.8, 1.0, 1.25]));
    assert_eq!(parse_factors("0, 1", true), None, "a threshold factor of 0 means no tiers at all");
    assert_eq!(parse_factors("0, 1", false), Some(vec![0.0, 1.0]));
    assert_eq!(parse_factors(&vec!["1"; 13].join(","), false), None, "at most 12 factors");
    assert_eq!(parse_factors("1, 6", false), None);
    assert_eq!(parse_factors("one", false), None);
    assert_eq!(parse_factors("", false), None);
    assert_eq!(parse_limit("15", true), Limit::At(0.15));
    assert_eq!(parse_limit(" ", true), Limit::None);
    assert_eq!(parse_limit("120", true), Limit::Wrong);
    assert_eq!(parse_limit("-1", false), Limit::Wrong);
    assert_eq!(parse_limit("50,000", false), Limit::At(50_000.0));

    // Field test: percent in, fractions out, inside the planner's ranges.
    assert_eq!(plan_inputs(5.0, 80.0), Some((0.05, 0.8)));
    assert_eq!(plan_inputs(25.0, 80.0), None);
    assert_eq!(plan_inputs(5.0, 99.5), None);

    // Back-test: data ending 2026-10-15 12:00 UTC (1792065600) calibrates through the end of April 2026,
    // six months earlier; 2026-04-30 is day 20573 since 1970, so its last second is 20574 x 86400 - 1.
    assert_eq!(default_calibration_end(1_792_065_600), "2026-04-30");
    assert_eq!(end_of_day("2026-04-30"), Some(1_777_593_599));
    assert_eq!(end_of_day("2026-02-30"), None);
    assert_eq!(end_of_day("30.04.2026"), None);
}

#[wasm_bindgen_test]
fn simulator_errors_are_said_in_both_languages() {
    let months = UserError::Simulate { error: SimulateError::Range(SimulationSettings::MONTHS.error(40.0)) };
    assert_eq!(user_error(&months, Lang::En), "Months to simulate must be between 1 and 36.");
    assert_eq!(user_error(&months, Lang::Zh), "模拟月数必须在 1 到 36 之间。");
    let holdout = UserError::Simulate { error: SimulateError::NoHoldout };
    assert!(user_error(&holdout, Lang::En).contains("choose an earlier date"));
    assert!(user_error(&holdout, Lang::Zh).contains("请选择更早的日期"));
    // Planner ranges are fractions in the engine and percentages on the page.
    let power = UserError::FieldTest { error: PlanError::Range(tierlab::engine::simulate::planner::POWER.error(0.3)) };
    assert_eq!(user_error(&power, Lang::En), "Power must be between 50 % and 99 %.");
    assert_eq!(user_error(&power, Lang::Zh), "检验功效必须在 50 % 到 99 % 之间。");
    let search = UserError::Optimise {
        error: OptimiseError::Range(OptimiserSettings::FACTOR_COUNT.error_at("benefit_scales", 0.0)),
    };
    assert!(user_error(&search, Lang::En).starts_with("Benefit factors: enter 1 to 12 numbers between 0 and 5"));
    let nested = UserError::Optimise { error: OptimiseError::Simulate { error: SimulateError::NoCustomers } };
    assert_eq!(user_error(&nested, Lang::Zh), "数据中没有可以模拟的客户。");
}

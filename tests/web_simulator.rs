//! The Simulator tab's results rendered from hand-built engine answers — the verdict, the KPI cards,
//! fairness and the tornado chart show the figures given, formatted the page's one way, with raw
//! values for tests alongside. The pure parts behind the tab (the shareable link, the A-vs-B
//! summary, the CSV, the form's checks) are tested natively in `crate::ui` and `ui_results.rs`.
#![cfg(target_arch = "wasm32")]

#[path = "common/dom.rs"]
mod dom;

#[path = "common/simulation_result.rs"]
mod simulation_result;

use std::rc::Rc;

use dom::{attr, by_testid, render, text};
use simulation_result::*;
use tierlab::engine::simulate::kpi::Kpi;
use tierlab::engine::simulate::sensitivity::{ParameterKind, SensitivityResult, SensitivityRow};
use tierlab::ui::i18n::Lang;
use tierlab::ui::state::IntervalLevel;
use tierlab::web::components::simulator::sensitivity::{SensitivityView, ViewProps as SensitivityProps};
use tierlab::web::components::simulator::{SimulationView, ViewProps};
use wasm_bindgen_test::*;
use web_sys::Element;

wasm_bindgen_test_configure!(run_in_browser);

async fn render_view(level: IntervalLevel, lang: Lang) -> Element {
    let props =
        ViewProps { result: Rc::new(result()), job: 7, level, lang, no_program_margin: Some(0.3), stale: false };
    render::<SimulationView>(props).await
}

#[wasm_bindgen_test]
async fn verdict_and_kpi_cards_show_the_simulated_figures() {
    let root = render_view(IntervalLevel::P90, Lang::En).await;
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

    // Cards: each scheme, then each against the reference (B − A), mean over the interval; raw values alongside.
    assert_eq!(text(&root, "sim-kpi-a-revenue"), "150,000142,000 – 158,000");
    assert_eq!(attr(&root, "sim-kpi-a-revenue", "data-value"), "150000");
    assert_eq!(attr(&root, "sim-kpi-a-revenue", "data-low95"), "140000");
    assert_eq!(text(&root, "sim-kpi-diff-b-revenue"), "+2,500+1,000 – +4,000");
    assert_eq!(attr(&root, "sim-kpi-diff-b-margin", "data-high90"), "16400");
    assert_eq!(text(&root, "sim-kpi-a-retention-rate"), "87.3 %87.3 % – 87.3 %");
    assert_eq!(text(&root, "sim-kpi-diff-b-retention-rate"), "+1.2 pp+1.2 pp – +1.2 pp");
    assert!(by_testid(&root, "sim-kpi-diff-b-retention-rate").class_name().contains("tone-good"));
    // Incremental margin: B − A paired by replication, with its interval.
    assert_eq!(text(&root, "sim-kpi-diff-b-incremental-margin"), "+12,300+8,100 – +16,400");
    assert_eq!(attr(&root, "sim-kpi-b-incremental-margin", "data-value"), "15500");
    assert_eq!(text(&root, "sim-kpi-a-roi"), "0.450.20 – 0.70");
    // Every KPI of the engine has its card.
    assert_eq!(root.query_selector_all(".sim-kpi").unwrap().length() as usize, Kpi::ALL.len() + 2);

    // The ranking: B first with its chance of being best; B against the reference A.
    assert_eq!(attr(&root, "sim-ranking", "data-schemes"), "2");
    assert_eq!(
        (attr(&root, "sim-rank-0", "data-scheme"), attr(&root, "sim-rank-0", "data-chance-best")),
        ("B".into(), "0.95".into())
    );
    assert_eq!(attr(&root, "sim-rank-1", "data-value"), "3200");
    assert_eq!(attr(&root, "sim-against-b", "data-p-better"), "0.95");
    assert_eq!(attr(&root, "sim-against-b-incremental-margin", "data-low90"), "8100");

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
    let root = render_view(IntervalLevel::P95, Lang::Zh).await;
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
    let root = render::<SensitivityView>(SensitivityProps { result: Rc::new(result.clone()), lang: Lang::En }).await;
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
    assert!(text(&root, "sensitivity-result").contains("B − A margin is +12,300"));
    root.remove();

    // Three schemes with B as the reference and C the best other: the sentences and the chart say C − B.
    let c_against_b = SensitivityResult { reference: 1, challenger: 2, ..result };
    let root = render::<SensitivityView>(SensitivityProps { result: Rc::new(c_against_b), lang: Lang::En }).await;
    let shown = text(&root, "sensitivity-result");
    assert!(shown.contains("C − B margin is +12,300"), "{shown}");
    assert!(shown.contains("C − B margin with each assumption at its low and high value"), "{shown}");
    assert!(shown.contains("left of the red line: B earns more"), "{shown}");
    assert!(!shown.contains("B − A"), "{shown}");
    root.remove();
}

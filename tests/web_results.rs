//! The results view rendered from a hand-made `Comparison`: the figures on screen are the figures
//! given, formatted the one way the page formats numbers, with raw values for tests alongside —
//! including the month-by-month replay (tiers over time) and the points ledger.
#![cfg(target_arch = "wasm32")]

#[path = "common/dom.rs"]
mod dom;

use std::rc::Rc;

use dom::by_testid;
use tierlab::engine::compare::{Comparison, Difference, Movement};
use tierlab::engine::ledger::{LedgerSummary, LedgerTotals};
use tierlab::engine::pricing::{CostBreakdown, ScenarioOutcome, TierOutcome, Warning};
use tierlab::engine::replay::TimelineSummary;
use tierlab::ui::i18n::Lang;
use tierlab::web::components::results::{Props, Results};
use wasm_bindgen_test::*;
use web_sys::Element;

wasm_bindgen_test_configure!(run_in_browser);

fn costs(discount: f64, points: f64, shipping: f64, gifts: f64, points_issued: f64) -> CostBreakdown {
    CostBreakdown {
        discount,
        points,
        shipping,
        gifts,
        coupons: 0.0,
        total: discount + points + shipping + gifts,
        points_issued,
    }
}

fn tier(name: &str, customers: usize, revenue: f64, orders: u64, costs: CostBreakdown) -> TierOutcome {
    // 10 customers, revenue 10,000 in total (see `outcome`).
    TierOutcome {
        name: name.to_string(),
        customers,
        share: customers as f64 / 10.0,
        revenue,
        revenue_share: revenue / 10_000.0,
        orders,
        costs,
        score_min: None,
        score_max: None,
    }
}

/// Three months of replay: members per tier at each month end, and the moves between them.
fn timeline(members: Vec<Vec<u32>>, upgrades: Vec<u32>, downgrades: Vec<u32>) -> TimelineSummary {
    TimelineSummary {
        labels: vec!["2025-01".into(), "2025-02".into(), "2025-03".into()],
        members,
        upgrades,
        downgrades,
    }
}

/// A points ledger over the same three months; totals worked out by hand next to each scenario.
fn ledger(earned: [f64; 3], redeemed: [f64; 3], expired: [f64; 3], totals: LedgerTotals) -> LedgerSummary {
    LedgerSummary {
        earned: earned.to_vec(),
        redeemed: redeemed.to_vec(),
        expired: expired.to_vec(),
        reversed: vec![0.0; 3],
        outstanding: vec![],
        net_earned_by_tier: vec![],
        totals,
    }
}

fn outcome(
    name: &str,
    tiers: Vec<TierOutcome>,
    warnings: Vec<Warning>,
    timeline: TimelineSummary,
    points: LedgerSummary,
) -> ScenarioOutcome {
    let mut totals = CostBreakdown::default();
    for t in &tiers {
        totals.discount += t.costs.discount;
        totals.points += t.costs.points;
        totals.shipping += t.costs.shipping;
        totals.gifts += t.costs.gifts;
        totals.total += t.costs.total;
        totals.points_issued += t.costs.points_issued;
    }
    let revenue: f64 = tiers.iter().map(|t| t.revenue).sum();
    // Gross margin 30 % of 10,000 = 3,000.
    let gross_margin = revenue * 0.3;
    ScenarioOutcome {
        name: name.to_string(),
        lower_bounds: vec![1000.0],
        orders: tiers.iter().map(|t| t.orders).sum(),
        margin_after_benefits: gross_margin - totals.total,
        cost_to_revenue: totals.total / revenue,
        totals,
        tiers,
        revenue,
        gross_margin,
        history_years: 1.0,
        timeline: Some(timeline),
        points: Some(points),
        warnings,
    }
}

/// A: Regular 7 customers / 4,000 revenue, Gold 3 / 6,000. B moves one Regular customer (spend
/// 1,500) up to Gold and gives Gold a bigger discount.
fn comparison() -> Comparison {
    let a = outcome(
        "Current",
        vec![
            // Regular: no discount; points 4,000 issued -> 4,000 x 0.75 x 0.01 = 30.00.
            tier("Regular", 7, 4000.0, 20, costs(0.0, 30.0, 0.0, 0.0, 4000.0)),
            // Gold: 5 % of 6,000 = 300; 9,000 points -> 67.50; 12 orders x 8 = 96; 3 x 20 = 60.
            tier("Gold", 3, 6000.0, 12, costs(300.0, 67.5, 96.0, 60.0, 9000.0)),
        ],
        vec![],
        // Everyone joins in January; one customer moves up in February, one more in March:
        // Gold 1 -> 2 -> 3 of 10 members. Upgrades 0 + 1 + 1 = 2.
        timeline(vec![vec![9, 1], vec![8, 2], vec![7, 3]], vec![0, 1, 1], vec![0, 0, 0]),
        // Earned 5,000 + 4,000 + 4,000 = 13,000; redeemed 0 + 2,000 + 1,000 = 3,000; nothing expires.
        // Outstanding 10,000; at 0.01 per point the liability is 100.00, after 25 % breakage 75.00.
        ledger(
            [5000.0, 4000.0, 4000.0],
            [0.0, 2000.0, 1000.0],
            [0.0; 3],
            LedgerTotals {
                earned: 13000.0,
                redeemed: 3000.0,
                outstanding: 10000.0,
                liability: 100.0,
                expected_liability: 75.0,
                ..LedgerTotals::default()
            },
        ),
    );
    let b = outcome(
        "Richer gold",
        vec![
            // Regular loses the 1,500 customer: 2,500 revenue, 2,500 points -> 18.75.
            tier("Regular", 6, 2500.0, 15, costs(0.0, 18.75, 0.0, 0.0, 2500.0)),
            // Gold: 8 % of 7,500 = 600; 15,000 points -> 112.50; 17 orders x 8 = 136; 4 x 20 = 80.
            tier("Gold", 4, 7500.0, 17, costs(600.0, 112.5, 136.0, 80.0, 15000.0)),
        ],
        vec![
            Warning::TopTierDilution { tier: "Gold".to_string(), share: 0.4 },
            Warning::OneFeatureDominates { feature: "monetary".to_string(), share: 0.95 },
        ],
        // B starts one customer higher in January (1 upgrade), moves one up in February (Gold 3),
        // and in March two up and one Gold member down: 3 + 2 - 1 = 4. Upgrades 1 + 1 + 2 = 4,
        // downgrades 1.
        timeline(vec![vec![8, 2], vec![7, 3], vec![6, 4]], vec![1, 1, 2], vec![0, 0, 1]),
        // Earned 6,000 + 5,500 + 5,500 = 17,000; redeemed 1,000 + 2,500 + 2,500 = 6,000; expired
        // 500 in March. Outstanding 17,000 - 6,000 - 500 = 10,500 -> liability 105.00, after
        // breakage 78.75.
        ledger(
            [6000.0, 5500.0, 5500.0],
            [1000.0, 2500.0, 2500.0],
            [0.0, 0.0, 500.0],
            LedgerTotals {
                earned: 17000.0,
                redeemed: 6000.0,
                expired: 500.0,
                outstanding: 10500.0,
                liability: 105.0,
                expected_liability: 78.75,
                ..LedgerTotals::default()
            },
        ),
    );
    // Totals: A = 0 + 300 | 30 + 67.5 | 96 | 60 -> 553.50; B = 600 | 131.25 | 136 | 80 -> 947.25.
    // B - A: discount +300, points +33.75, shipping +40, gifts +20, total +393.75, points +4,500.
    // Margin after benefits: A 3,000 - 553.50 = 2,446.50; B 3,000 - 947.25 = 2,052.75; B - A = -393.75.
    let difference = Difference {
        costs: CostBreakdown {
            discount: 300.0,
            points: 33.75,
            shipping: 40.0,
            gifts: 20.0,
            coupons: 0.0,
            total: 393.75,
            points_issued: 4500.0,
        },
        revenue: 0.0,
        margin_after_benefits: -393.75,
        cost_to_revenue: 947.25 / 10_000.0 - 553.5 / 10_000.0,
        customers_per_tier: Some(vec![-1, 1]),
    };
    Comparison {
        customers: 10,
        a,
        b,
        transitions: vec![vec![6, 1], vec![0, 3]],
        movement: Some(Movement { up: 1, down: 0, same: 9 }),
        difference,
        exclusion: vec![],
    }
}

async fn render(lang: Lang) -> Element {
    render_pair(lang, ['A', 'B']).await
}

async fn render_pair(lang: Lang, letters: [char; 2]) -> Element {
    let props = Props { comparison: Rc::new(comparison()), job: 42, lang, updating: false, letters };
    dom::render::<Results>(props).await
}

fn text_and_value(root: &Element, id: &str) -> (String, String) {
    let element = by_testid(root, id);
    (
        element.text_content().unwrap_or_default().trim().to_string(),
        element.get_attribute("data-value").unwrap_or_default(),
    )
}

#[wasm_bindgen_test]
async fn results_show_the_comparison_figures() {
    let root = render(Lang::En).await;
    assert_eq!(by_testid(&root, "results").get_attribute("data-job").as_deref(), Some("42"));

    assert_eq!(text_and_value(&root, "kpi-a-revenue"), ("10,000.00".into(), "10000".into()));
    assert_eq!(text_and_value(&root, "kpi-a-total-cost"), ("553.50".into(), "553.5".into()));
    assert_eq!(text_and_value(&root, "kpi-b-total-cost"), ("947.25".into(), "947.25".into()));
    assert_eq!(text_and_value(&root, "kpi-diff-total-cost"), ("+393.75".into(), "393.75".into()));
    assert_eq!(text_and_value(&root, "kpi-diff-margin"), ("−393.75".into(), "-393.75".into()));
    assert_eq!(text_and_value(&root, "kpi-b-margin"), ("2,052.75".into(), "2052.75".into()));
    assert_eq!(text_and_value(&root, "kpi-b-points-issued"), ("17,500".into(), "17500".into()));
    assert_eq!(text_and_value(&root, "kpi-diff-points-issued"), ("+4,500".into(), "4500".into()));
    assert_eq!(text_and_value(&root, "kpi-a-shipping").0, "96.00");

    // Tier counts with shares; the transition matrix cell by cell.
    let (gold_b, gold_b_value) = text_and_value(&root, "tier-count-b-1");
    assert_eq!(gold_b_value, "4");
    assert!(gold_b.contains("4 · 40.0 %"), "{gold_b}");
    assert_eq!(text_and_value(&root, "tier-count-a-0").1, "7");
    for (i, j, count) in [(0, 0, "6"), (0, 1, "1"), (1, 0, "0"), (1, 1, "3")] {
        assert_eq!(text_and_value(&root, &format!("transition-{i}-{j}")), (count.to_string(), count.to_string()));
    }
    assert_eq!(text_and_value(&root, "moved-up").1, "1");

    // Tiers over time: three months each, the last month's members, and the moves.
    for side in ["a", "b"] {
        let chart = by_testid(&root, &format!("tier-timeline-{side}"));
        assert_eq!(chart.get_attribute("data-months").as_deref(), Some("3"));
        assert_eq!(chart.get_attribute("data-last-total").as_deref(), Some("10"));
    }
    assert_eq!(text_and_value(&root, "upgrades-a"), ("▲ 2".into(), "2".into()));
    assert_eq!(text_and_value(&root, "upgrades-b").1, "4");
    assert_eq!(text_and_value(&root, "downgrades-b"), ("▼ 1".into(), "1".into()));
    // One stacked column per month and tier (3 x 2), each with its count in the tooltip.
    let columns = by_testid(&root, "tier-timeline-b").query_selector_all("rect[fill]").unwrap().length();
    assert!(columns >= 6, "{columns} rects in the B timeline");
    assert!(by_testid(&root, "tier-timeline-b").text_content().unwrap_or_default().contains("2025-03 · Gold: 4"));

    // Points: what is owed at the end, before and after breakage.
    assert_eq!(text_and_value(&root, "points-a-outstanding"), ("A10,000".into(), "10000".into()));
    assert_eq!(text_and_value(&root, "points-b-outstanding").1, "10500");
    assert_eq!(text_and_value(&root, "points-a-liability"), ("A100.00".into(), "100".into()));
    assert_eq!(text_and_value(&root, "points-b-expected-liability"), ("B78.75".into(), "78.75".into()));
    let points = by_testid(&root, "points-panel").text_content().unwrap_or_default();
    assert!(points.contains("B − A  +3.75"), "liability after breakage: 78.75 - 75.00 = +3.75 in {points}");
    assert!(points.contains("Earned 17,000 · Redeemed 6,000 · Expired 500"), "{points}");

    let text = root.text_content().unwrap_or_default();
    for expected in [
        "Regular",
        "Gold",
        "Richer gold",
        "60.0 %",
        "75.0 %",
        "The top tier “Gold” holds 40.0 % of customers",
        "“Net spend” makes up 95.0 % of the score",
        "Tiers over time",
        "Points liability",
    ] {
        assert!(text.contains(expected), "missing {expected:?} in {text}");
    }
    root.remove();
}

#[wasm_bindgen_test]
async fn results_speak_chinese() {
    let root = render(Lang::Zh).await;
    let text = root.text_content().unwrap_or_default();
    for expected in [
        "权益总成本",
        "扣除权益后毛利",
        "客户等级迁移",
        "最高等级“Gold”占客户的 40.0 %",
        "“净消费金额”占分数的 95.0 %",
        "等级随时间变化",
        "每月升降级人数",
        "积分负债",
        "扣除预计沉淀后的负债",
        "月份",
    ] {
        assert!(text.contains(expected), "missing {expected:?}");
    }
    root.remove();
}

#[wasm_bindgen_test]
async fn results_name_the_schemes_compared_by_their_letters() {
    // The Compare tab's head to head of C (left) against A (right): the same figures, lettered C and A.
    let root = render_pair(Lang::En, ['C', 'A']).await;
    let points = by_testid(&root, "points-panel").text_content().unwrap_or_default();
    assert!(points.contains("A − C  +3.75"), "{points}");
    let kpis = root.query_selector(".kpi-table").unwrap().expect("the KPI table").text_content().unwrap_or_default();
    assert!(kpis.contains("A − C"), "{kpis}");
    let text = root.text_content().unwrap_or_default();
    assert!(!text.contains("B − A"));
    for expected in ["Tier moves from C to A", "Tier under C ↓", "Tier under A →", "under C and A, with their share"]
    {
        assert!(text.contains(expected), "missing {expected:?}");
    }
    // Every side tag (KPI cards, tables, warnings) reads C or A, never B.
    let tags = root.query_selector_all(".kpi-card__tag").unwrap();
    assert!(tags.length() > 4);
    for i in 0..tags.length() {
        let tag = tags.item(i).unwrap().text_content().unwrap_or_default();
        assert!(tag == "C" || tag == "A", "a side tagged {tag:?}");
    }
    assert_eq!(text_and_value(&root, "points-b-expected-liability").1, "78.75");
    root.remove();
}

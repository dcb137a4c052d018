//! The explanation of one customer rendered from a hand-built `Explanation`: score, distance to the
//! next tier, each term's contribution (positive and negative), the tier month by month, points,
//! segment and features, in English and 中文.
#![cfg(target_arch = "wasm32")]

#[path = "common/dom.rs"]
mod dom;

use std::rc::Rc;

use dom::{attr_of, by_testid, text_of};
use tierlab::engine::explain::{Explanation, NextTier, PointsPosition};
use tierlab::engine::features::catalog::Feature;
use tierlab::ui::i18n::Lang;
use tierlab::web::charts::palette::{NEGATIVE, POSITIVE};
use tierlab::web::components::explanation_panel::{ExplanationPanel, Props};
use wasm_bindgen_test::*;
use web_sys::Element;

wasm_bindgen_test_configure!(run_in_browser);

const TIERS: [&str; 4] = ["普通 Regular", "银牌 Silver", "金牌 Gold", "钻石 Diamond"];

/// A linear-points customer: b₀ = 10, 0.7 per unit of net spend 800 = 560, −2.5 per refund x 5
/// refunds = −12.5, so the score is 10 + 560 − 12.5 = 557.5 -> Gold (from 500). Diamond starts at
/// 969.8: 969.8 − 557.5 = 412.3 to go. Member from March 2025 (Regular), Silver in April, Gold in May.
fn explanation() -> Explanation {
    Explanation {
        customer_id: "C000123".into(),
        score: 557.5,
        tier: 2,
        tier_name: TIERS[2].into(),
        features: vec![
            (Feature::Monetary.into(), 800.0),
            (Feature::Refunds.into(), 5.0),
            (Feature::ViewToCart.into(), 0.25),
        ],
        contributions: vec![("intercept".into(), 10.0), ("monetary".into(), 560.0), ("refunds".into(), -12.5)],
        next_tier: Some(NextTier { name: TIERS[3].into(), bound: 969.8, distance: 412.3, second: None }),
        timeline: Some(vec![None, None, Some(0), Some(1), Some(2)]),
        month_labels: ["2025-01", "2025-02", "2025-03", "2025-04", "2025-05"].map(String::from).to_vec(),
        points: Some(PointsPosition { balance: 390.5, pending: 60.0, earned_to_date: 1450.75 }),
        segment: Some("at_risk".into()),
    }
}

async fn render(lang: Lang) -> Element {
    let props = Props {
        explanation: Rc::new(explanation()),
        tier_names: TIERS.map(String::from).to_vec(),
        lang,
        job: 7,
        updating: false,
    };
    dom::render::<ExplanationPanel>(props).await
}

#[wasm_bindgen_test]
async fn explanation_shows_score_distance_terms_and_months() {
    let root = render(Lang::En).await;
    assert_eq!(attr_of(&by_testid(&root, "explanation"), "data-job"), "7");
    let score = by_testid(&root, "explanation-score");
    assert_eq!((text_of(&score), attr_of(&score, "data-value")), ("557.50".into(), "557.5".into()));
    assert_eq!(text_of(&by_testid(&root, "explanation-tier")), "金牌 Gold");
    let next = by_testid(&root, "next-tier");
    assert!(text_of(&next).starts_with("412.30 more to reach 钻石 Diamond"), "{}", text_of(&next));
    assert!(text_of(&next).contains("969.80"), "{}", text_of(&next));

    // Terms in order, with their signed values; the refund term points left, in the negative colour.
    for (i, label, value, shown) in
        [(0, "Intercept b₀", "10", "+10.00"), (1, "Net spend", "560", "+560.00"), (2, "Refunds", "-12.5", "−12.50")]
    {
        let term = by_testid(&root, &format!("contribution-{i}"));
        assert_eq!(attr_of(&term, "data-value"), value);
        assert!(text_of(&term).contains(label) && text_of(&term).contains(shown), "term {i}: {}", text_of(&term));
    }
    let bar = |i: usize| by_testid(&root, &format!("contribution-{i}")).query_selector("rect").unwrap().unwrap();
    assert_eq!(attr_of(&bar(1), "fill"), POSITIVE);
    assert_eq!(attr_of(&bar(2), "fill"), NEGATIVE);
    // The zero line sits where the positive bars start; the negative bar ends there.
    let x = |e: &Element, a: &str| attr_of(e, a).parse::<f64>().unwrap();
    assert!((x(&bar(2), "x") + x(&bar(2), "width") - x(&bar(1), "x")).abs() < 1e-9);
    // 560 is 56 times 10: bar widths are proportional.
    assert!((x(&bar(1), "width") / x(&bar(0), "width") - 56.0).abs() < 1e-9);

    // Month cells: two months before joining, then Regular, Silver, Gold.
    let cells = root.query_selector_all("[data-testid^=\"month-cell-\"]").unwrap();
    assert_eq!(cells.length(), 5);
    for (m, tier) in ["", "", "0", "1", "2"].iter().enumerate() {
        let cell = by_testid(&root, &format!("month-cell-{m}"));
        assert_eq!(&attr_of(&cell, "data-tier"), tier, "month {m}");
    }
    assert!(attr_of(&by_testid(&root, "month-cell-0"), "class").contains("tier-strip__cell--empty"));
    assert_eq!(attr_of(&by_testid(&root, "month-cell-4"), "title"), "2025-05: 金牌 Gold");
    assert_eq!(attr_of(&by_testid(&root, "month-cell-3"), "data-month"), "2025-04");

    assert_eq!(attr_of(&by_testid(&root, "points-balance"), "data-value"), "390.5");
    assert_eq!(text_of(&by_testid(&root, "points-earned")), "1,451");
    assert_eq!(text_of(&by_testid(&root, "explanation-segment")), "Segment At risk");
    // Features in their units: money with cents, a rate in percent.
    assert!(text_of(&by_testid(&root, "feature-monetary")).ends_with("800.00"));
    assert!(text_of(&by_testid(&root, "feature-view_to_cart")).ends_with("25.0 %"));
    root.remove();
}

#[wasm_bindgen_test]
async fn explanation_speaks_chinese() {
    let root = render(Lang::Zh).await;
    assert!(text_of(&by_testid(&root, "next-tier")).starts_with("距离 钻石 Diamond 还差 412.30"));
    let all = text_of(&root);
    for expected in
        ["分数构成", "逐月等级", "净消费金额", "退款次数", "截距 b₀", "流失风险客户", "尚未成为客户", "累计获得"]
    {
        assert!(all.contains(expected), "missing {expected:?} in {all}");
    }
    root.remove();
}

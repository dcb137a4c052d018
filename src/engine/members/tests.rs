//! The member list on a tiny log whose every figure is worked out by hand.

use std::io::Read;

use super::*;
use crate::engine::dataset::Measure;
use crate::engine::features::activity::tests::event_log;
use crate::engine::progress::Silent;
use crate::engine::roles::{ColumnRole, EventKind::Pay};
use crate::engine::scenario::{Expiry, Redemption, Thresholds};

/// Days from 1970-01-01: C0 pays 500 in January and 300 in February; C1 pays 100 in March.
fn data() -> PreparedData {
    let mut dataset = event_log(&[(0, 0, Pay, 500.0), (0, 40, Pay, 300.0), (1, 70, Pay, 100.0)]);
    let others = dataset.customers.ids.iter().skip(1).map(str::to_string).collect::<Vec<_>>();
    dataset.customers.ids = std::iter::once("张三, VIP".to_string()).chain(others).collect();
    dataset.customers.measures.push(Measure {
        name: P_ALIVE_COLUMN.into(),
        role: ColumnRole::Other,
        values: vec![0.9, f64::NAN],
    });
    PreparedData::new(dataset)
}

/// Growth value 0.7 x spend + 0.2 x purchases, lifetime; points never redeemed, expiring two
/// months after the month earned.
fn scheme(name: &str, bounds: [f64; 3]) -> Scenario {
    let mut s = Scenario::template();
    s.name = name.into();
    s.tiers.thresholds = Thresholds::Absolute { lower_bounds: bounds.to_vec() };
    s.points.redemption = Redemption::None;
    s.points.expiry = Expiry::MonthsAfterEarning { months: 2 };
    s
}

fn list() -> MemberList {
    let schemes = [scheme("A", [101.0, 501.0, 1001.0]), scheme("B", [50.0, 600.0, 1200.0])];
    member_list(&data(), &schemes, &MemberOptions::default(), &mut Silent).unwrap()
}

#[test]
fn every_figure_of_two_customers_under_two_schemes() {
    let list = list();
    let (a, b) = (&list.schemes[0], &list.schemes[1]);
    // C0: January 0.7 x 500 + 0.2 = 350.2 (Silver under A), February 0.7 x 800 + 0.4 = 560.4 (Gold),
    // 1001 - 560.4 = 440.6 short of Diamond, 440.6 / 0.7 = 629.43 in spend; Gold in February and March.
    assert!((a.score[0] - 560.4).abs() < 1e-9);
    assert_eq!(a.tier[0], 2);
    assert!((a.distance[0] - 440.6).abs() < 1e-9);
    assert_eq!(list.cell(Column::DistanceSpend(0), 0), Cell::Number(629.43));
    assert_eq!(a.spend_basis, SpendBasis::ScoreWeight { per_unit: 0.7 });
    assert_eq!(a.months_in_tier.as_ref().unwrap()[0], 2);
    // Points: January's 500 (lowest tier's x1 in the first month) expire at the end of March, the
    // last month; February's 300 x 1.2 (Silver during February) = 360 remain and expire at the end
    // of April, inside the next three months.
    assert!((a.points_balance.as_ref().unwrap()[0] - 360.0).abs() < 1e-9);
    assert!((a.points_expiring.as_ref().unwrap()[0] - 360.0).abs() < 1e-9);
    // C1: 0.7 x 100 + 0.2 = 70.2, 30.8 short of Silver (44 in spend); a member since March.
    assert!((a.distance[1] - 30.8).abs() < 1e-9);
    assert_eq!(list.cell(Column::DistanceSpend(0), 1), Cell::Number(44.0));
    assert_eq!(a.months_in_tier.as_ref().unwrap()[1], 1);
    // B: 560.4 is Silver (50..600), one tier lower than under A; C1's 70.2 is one tier higher.
    assert_eq!((b.tier[0], b.tier[1]), (1, 1));
    assert_eq!(list.cell(Column::Change(1), 0), Cell::Number(-1.0));
    assert_eq!(list.cell(Column::Change(1), 1), Cell::Number(1.0));
    assert_eq!(b.months_in_tier.as_ref().unwrap()[0], 3);
    // The published P(active) column, empty where the fit had no value.
    assert_eq!(list.cell(Column::PActive, 0), Cell::Number(0.9));
    assert_eq!(list.cell(Column::PActive, 1), Cell::Empty);
    assert!(list.clv.is_none());
    assert_eq!(list.cell(Column::NextBestBenefit, 0), Cell::Empty);
    assert!(list.header(Column::NextBestBenefit).contains("not computed"));
    // Filled by the recommender: each customer's segment's words, empty outside every segment.
    let filled = list.with_next_best_benefit(vec!["free shipping".into()], vec![0, u32::MAX]);
    assert_eq!(filled.cell(Column::NextBestBenefit, 0), Cell::Text("free shipping".into()));
    assert_eq!(filled.cell(Column::NextBestBenefit, 1), Cell::Empty);
    assert_eq!(filled.header(Column::NextBestBenefit), "next best benefit");
}

#[test]
fn csv_has_a_bom_rfc_4180_quoting_and_one_line_per_customer() {
    let list = list();
    let mut bytes = Vec::new();
    write_csv(&list, &mut bytes, &mut Silent).unwrap();
    assert_eq!(&bytes[..3], b"\xef\xbb\xbf");
    let text = String::from_utf8(bytes[3..].to_vec()).unwrap();
    let lines: Vec<&str> = text.split("\r\n").collect();
    assert_eq!(lines.len(), 4, "header, two customers, and the empty rest after the last CRLF");
    assert_eq!(lines[3], "");
    assert!(lines[0].starts_with("customer_id,score [A],tier [A],to next tier (score) [A]"), "{}", lines[0]);
    assert!(lines[1].starts_with("\"张三, VIP\",560.4,金牌 Gold,440.6,629.43,score weight on spend,360,360,2,"));
    assert_eq!(list.columns().len(), lines[0].split(',').count());
}

#[test]
fn xlsx_holds_the_same_cells_and_a_notes_sheet() {
    let mut options = MemberOptions::default();
    options.language = Language::Zh;
    let schemes = [scheme("A", [101.0, 501.0, 1001.0])];
    let list = member_list(&data(), &schemes, &options, &mut Silent).unwrap();
    let bytes = write_xlsx(&list, &mut Silent).unwrap();
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
    let mut sheet = String::new();
    archive.by_name("xl/worksheets/sheet1.xml").unwrap().read_to_string(&mut sheet).unwrap();
    assert!(sheet.contains(r#"<c r="A1" t="inlineStr" s="1"><is><t>客户ID</t></is></c>"#));
    assert!(sheet.contains(r#"<c r="A2" t="inlineStr"><is><t>张三, VIP</t></is></c><c r="B2"><v>560.4</v></c>"#));
    assert!(sheet.contains(r#"<autoFilter ref="#));
    let mut workbook = String::new();
    archive.by_name("xl/workbook.xml").unwrap().read_to_string(&mut workbook).unwrap();
    assert!(workbook
        .contains(r#"<sheet name="会员名单" sheetId="1" r:id="rId1"/><sheet name="说明" sheetId="2" r:id="rId2"/>"#));
}

#[test]
fn one_to_six_scenarios_and_a_known_segment_column() {
    let too_many: Vec<Scenario> = (0..7).map(|i| scheme(&format!("S{i}"), [101.0, 501.0, 1001.0])).collect();
    let error = member_list(&data(), &too_many, &MemberOptions::default(), &mut Silent).unwrap_err();
    assert_eq!(error, MemberError::ScenarioCount { found: 7, min: 1, max: 6 });
    assert!(member_list(&data(), &[], &MemberOptions::default(), &mut Silent).is_err());
    let options = MemberOptions { segment: SegmentChoice::Column { name: "nope".into() }, ..MemberOptions::default() };
    let error = member_list(&data(), &too_many[..1], &options, &mut Silent).unwrap_err();
    assert_eq!(error, MemberError::UnknownSegmentColumn { name: "nope".into() });
}

#[test]
fn scores_without_a_spend_weight_estimate_spend_from_the_customers_own_ratio() {
    use crate::engine::scenario::Scoring;
    // RFM scores (3-15) have no weight on spend: spend to the next tier = distance x spend / score.
    let mut rfm = scheme("R", [101.0, 501.0, 1001.0]);
    rfm.scoring = Scoring::Rfm;
    rfm.tiers.thresholds = Thresholds::Absolute { lower_bounds: vec![6.0, 10.0, 14.0] };
    let list = member_list(&data(), &[rfm], &MemberOptions::default(), &mut Silent).unwrap();
    let s = &list.schemes[0];
    assert_eq!(s.spend_basis, SpendBasis::OwnScorePerSpend);
    for c in 0..2 {
        let spend = [800.0, 100.0][c];
        if s.distance[c].is_finite() && s.score[c] > 0.0 {
            assert!((s.spend_to_next[c] - s.distance[c] * spend / s.score[c]).abs() < 1e-9);
        }
    }
}

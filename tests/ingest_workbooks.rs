//! Workbooks and exports as the tools people use write them (tests/fixtures/make_workbooks.py:
//! openpyxl, XlsxWriter, Python's csv module and UTF-16 codec), with the expected values that script
//! computed: xlsx sheets with title lines and real date cells, a chosen sheet, a Shopify export whose
//! customer is its `Email` column, a phone-keyed UTF-16 export with a preamble.

use serde_json::Value;
use tierlab::engine::dataset::Dataset;
use tierlab::engine::ingest::{
    default_settings, inspect, load, read_source, ContactKind, IngestError, Inspection, IssueAction, IssueKind,
    ReadOptions, TextEncoding, ValidationReport,
};
use tierlab::engine::progress::Silent;
use tierlab::engine::roles::{ColumnRole as R, DatasetShape};

fn expected() -> Value {
    serde_json::from_str(include_str!("fixtures/workbooks_expected.json")).unwrap()
}

fn strings(value: &Value) -> Vec<String> {
    serde_json::from_value(value.clone()).unwrap()
}

fn numbers(value: &Value) -> Vec<f64> {
    serde_json::from_value(value.clone()).unwrap()
}

fn read(bytes: &[u8], options: &ReadOptions) -> (Inspection, Dataset, ValidationReport) {
    let source = read_source(bytes.to_vec(), options).unwrap();
    let inspection = inspect(&source, options).unwrap();
    let mut settings = default_settings(&inspection);
    settings.read = options.clone();
    let (data, report) = load(&source, &settings, &mut Silent).unwrap();
    assert_eq!(report.records_read, report.rows_kept + report.rows_dropped, "{report:#?}");
    (inspection, data, report)
}

fn assert_close(found: &[f64], wanted: &[f64]) {
    assert_eq!(found.len(), wanted.len(), "{found:?} vs {wanted:?}");
    for (f, w) in found.iter().zip(wanted) {
        assert!((f - w).abs() < 1e-9, "{found:?} vs {wanted:?}");
    }
}

fn amount_per_customer(data: &Dataset) -> Vec<f64> {
    let log = data.events.as_ref().unwrap();
    (0..data.customers.ids.len()).map(|c| log.amount[log.rows_of(c)].iter().sum()).collect()
}

const ORDERS: &[u8] = include_bytes!("fixtures/orders_openpyxl.xlsx");

/// The first sheet of an openpyxl workbook: title lines skipped, datetime cells read as times,
/// numbers as numbers, and the amount typed as text reported at its sheet row and column.
#[test]
fn openpyxl_workbook_first_sheet() {
    let want = &expected()["orders"];
    let (inspection, data, report) = read(ORDERS, &ReadOptions::default());
    assert_eq!(inspection.sheet.as_deref(), Some("订单"));
    assert_eq!(inspection.sheets, strings(&want["sheets"]));
    assert_eq!(inspection.skipped_lines as u64, want["skipped_lines"].as_u64().unwrap());
    let names: Vec<&str> = inspection.columns.iter().map(|c| c.name.as_str()).collect();
    assert_eq!(names, strings(&want["headers"]));
    let roles: Vec<R> = inspection.columns.iter().map(|c| c.role).collect();
    assert_eq!(roles, [R::CustomerId, R::Timestamp, R::Amount, R::Channel]);
    assert_eq!(inspection.shape, DatasetShape::EventLog);
    assert_eq!(inspection.record_count as u64, want["records"].as_u64().unwrap());

    assert_eq!(data.customers.ids, strings(&want["customer_ids"]));
    let log = data.events.as_ref().unwrap();
    let per_customer: Vec<u32> = serde_json::from_value(want["events_per_customer"].clone()).unwrap();
    assert_eq!(log.offsets.windows(2).map(|w| w[1] - w[0]).collect::<Vec<_>>(), per_customer);
    assert_close(&amount_per_customer(&data), &numbers(&want["amount_per_customer"]));
    let firsts: Vec<i64> = serde_json::from_value(want["first_time_per_customer"].clone()).unwrap();
    let found: Vec<i64> = (0..data.customers.ids.len()).map(|c| log.time[log.rows_of(c).start]).collect();
    assert_eq!(found, firsts);

    // The amount typed as text: one row dropped, named by its sheet row and column.
    let bad = &want["bad_amount"];
    let issue = report
        .issues
        .iter()
        .find(|i| i.action == IssueAction::RowDropped && i.examples.iter().any(|e| e.raw == bad["raw"]))
        .unwrap_or_else(|| panic!("no dropped row for the text amount: {report:#?}"));
    let example = issue.examples.iter().find(|e| e.raw == bad["raw"]).unwrap();
    assert_eq!(example.line as u64, bad["line"].as_u64().unwrap());
    assert_eq!(example.column.as_deref(), bad["column"].as_str());
    assert_eq!(report.rows_dropped, 1);
    // The title lines are in the report too, at their own rows.
    let preamble = report.issues.iter().find(|i| i.kind == IssueKind::PreambleLine).unwrap();
    assert_eq!((preamble.count, preamble.examples[0].line), (2, 1));
    assert!(preamble.examples[0].raw.contains("订单导出"), "{preamble:?}");
}

/// The sheet the user picks: a customer table whose registration dates are date cells.
#[test]
fn openpyxl_workbook_chosen_sheet() {
    let want = &expected()["orders"]["members"];
    let options = ReadOptions { sheet: Some("会员".into()), ..ReadOptions::default() };
    let (inspection, data, report) = read(ORDERS, &options);
    assert_eq!((inspection.sheet.as_deref(), inspection.skipped_lines), (Some("会员"), 0));
    assert_eq!(inspection.shape, DatasetShape::CustomerTable);
    assert_eq!(report.rows_dropped, 0);
    assert_eq!(data.customers.ids, strings(&want["customer_ids"]));
    assert_close(&data.measure(R::TotalSpend).unwrap().values, &numbers(&want["total_spend"]));
    let firsts: Vec<f64> = serde_json::from_value(want["first_purchase_seconds"].clone()).unwrap();
    assert_close(&data.measure(R::FirstPurchaseDate).unwrap().values, &firsts);
}

#[test]
fn a_missing_sheet_or_a_damaged_workbook_is_named() {
    let options = ReadOptions { sheet: Some("Sheet9".into()), ..ReadOptions::default() };
    assert_eq!(
        read_source(ORDERS.to_vec(), &options).err(),
        Some(IngestError::NoSuchSheet { sheet: "Sheet9".into(), sheets: vec!["订单".into(), "会员".into()] })
    );
    let truncated = ORDERS[..ORDERS.len() / 2].to_vec();
    let error = read_source(truncated, &ReadOptions::default()).err();
    assert!(matches!(error, Some(IngestError::UnreadableWorkbook { .. })), "{error:?}");
    assert!(error.unwrap().to_string().contains("save the sheet as CSV"));
}

/// A Shopify order export (as XlsxWriter writes it and as CSV): no id column, so `Email` is the
/// customer and the report says so; Shopify's `+0200` times are read.
#[test]
fn shopify_export_email_is_the_customer() {
    let want = &expected()["shopify"];
    let csv = include_bytes!("fixtures/shopify_orders.csv");
    let xlsx = include_bytes!("fixtures/shopify_orders_xlsxwriter.xlsx");
    for bytes in [&csv[..], &xlsx[..]] {
        let (inspection, data, report) = read(bytes, &ReadOptions::default());
        let customer = inspection.columns.iter().find(|c| c.role == R::CustomerId).unwrap();
        assert_eq!(customer.name, want["customer_column"].as_str().unwrap());
        let from = inspection.customer_id_from.as_ref().expect("inspection names the contact column");
        assert_eq!((from.column.as_str(), from.kind), ("Email", ContactKind::Email));
        assert_eq!(report.customer_id_from, inspection.customer_id_from);
        assert_eq!(inspection.shape, DatasetShape::EventLog);
        assert_eq!(report.records_read as u64, want["records"].as_u64().unwrap());
        // A second line item has no `Total`: its row is dropped and named (row, column).
        let missing = report.issues.iter().find(|i| i.kind == IssueKind::MissingValue).expect("reported");
        assert_eq!(missing.action, IssueAction::RowDropped);
        let lines: Vec<u64> = missing.examples.iter().map(|e| e.line as u64).collect();
        let wanted: Vec<u64> = serde_json::from_value(want["rows_without_total"].clone()).unwrap();
        assert_eq!(lines, wanted);
        assert!(missing.examples.iter().all(|e| e.column.as_deref() == Some("Total")));
        assert_eq!(report.rows_dropped, wanted.len(), "{report:#?}");
        assert_eq!(data.customers.ids, strings(&want["customer_ids"]));
        let log = data.events.as_ref().unwrap();
        let per_customer: Vec<u32> = serde_json::from_value(want["events_per_customer"].clone()).unwrap();
        assert_eq!(log.offsets.windows(2).map(|w| w[1] - w[0]).collect::<Vec<_>>(), per_customer);
        assert_close(&amount_per_customer(&data), &numbers(&want["amount_per_customer"]));
    }
}

/// Excel "Unicode text" keyed by mobile number, with a title, an export date and a blank line above
/// the header.
#[test]
fn utf16_export_with_preamble_keyed_by_phone() {
    let want = &expected()["phones"];
    let bytes = include_bytes!("fixtures/phones_utf16.txt");
    let source = read_source(bytes.to_vec(), &ReadOptions::default()).unwrap();
    assert_eq!(source.encoding, TextEncoding::Utf16Le);
    let (inspection, data, report) = read(bytes, &ReadOptions::default());
    assert_eq!(inspection.skipped_lines as u64, want["skipped_lines"].as_u64().unwrap());
    assert_eq!(inspection.preamble, strings(&want["preamble"]));
    let from = inspection.customer_id_from.as_ref().expect("the phone column stands in for the id");
    assert_eq!((from.column.as_str(), from.kind), (want["customer_column"].as_str().unwrap(), ContactKind::Phone));
    assert_eq!(report.rows_dropped, 0, "{report:#?}");
    assert_eq!(data.customers.ids, strings(&want["customer_ids"]));
    assert_close(&amount_per_customer(&data), &numbers(&want["amount_per_customer"]));
}

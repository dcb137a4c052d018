//! Whole-file ingest tests: messy exports with hand-computed outcomes, fixtures written by an
//! independent tool (tests/fixtures/make_fixtures.py), errors, and an ignored timing run.

use tierlab::engine::dataset::{Dataset, NO_CODE};
use tierlab::engine::date::{days_from_civil, format_date, SECONDS_PER_DAY};
use tierlab::engine::ingest::{
    decode, default_settings, for_each_record, header_names, inspect, load, DateOrder, Delimiter, DuplicatePolicy,
    IngestError, IssueAction, IssueKind, LoadSettings, MissingPolicy, ReadOptions, TextEncoding, ValidationReport,
    ValueType,
};
use tierlab::engine::progress::Silent;
use tierlab::engine::roles::{ColumnRole as R, DatasetShape, EventKind as K};

fn day(y: i32, m: u32, d: u32) -> i64 {
    days_from_civil(y, m, d) * SECONDS_PER_DAY
}

fn count(report: &ValidationReport, kind: IssueKind, action: IssueAction) -> usize {
    report.issues.iter().filter(|i| i.kind == kind && i.action == action).map(|i| i.count).sum()
}

fn lines_of(report: &ValidationReport, kind: IssueKind, action: IssueAction) -> Vec<usize> {
    report
        .issues
        .iter()
        .filter(|i| i.kind == kind && i.action == action)
        .flat_map(|i| i.examples.iter().map(|e| e.line))
        .collect()
}

/// The accounting invariant: every record kept or dropped, every dropped row in exactly one
/// RowDropped count.
fn assert_accounting(report: &ValidationReport) {
    assert_eq!(report.records_read, report.rows_kept + report.rows_dropped, "{report:#?}");
    let dropped: usize = report.issues.iter().filter(|i| i.action == IssueAction::RowDropped).map(|i| i.count).sum();
    assert_eq!(dropped, report.rows_dropped, "{report:#?}");
}

fn load_with(text_bytes: &[u8], adjust: impl FnOnce(&mut LoadSettings)) -> (Dataset, ValidationReport) {
    let source = decode(text_bytes, None).unwrap();
    let inspection = inspect(&source, &ReadOptions::default()).unwrap();
    let mut settings = default_settings(&inspection);
    adjust(&mut settings);
    load(&source, &settings, &mut Silent).unwrap()
}

/// Year-last dates: a US export (month first, told by `3/15`) and a European one (day first, told by
/// `15.03`) load as event logs with the same times; the order can also be forced.
#[test]
fn year_last_dates_in_us_and_european_files() {
    let us = "customer_id,order_date,amount\nc1,3/15/2026,100\nc2,12/1/2025 9:05,50\nc1,4/2/2026,20\n";
    let eu = "customer_id;order_date;amount\nc1;15.03.2026;100\nc2;01.12.2025 9:05;50\nc1;02.04.2026;20\n";
    // The same European file with decimal commas: 1.234,50 and 12,5.
    let eu_decimals =
        "customer_id;order_date;amount\nc1;15.03.2026;1.234,50\nc2;01.12.2025 9:05;12,5\nc1;02.04.2026;20\n";
    let expected_times = [day(2026, 3, 15), day(2026, 4, 2), day(2025, 12, 1) + 9 * 3600 + 5 * 60];
    for (text, order) in [(us, DateOrder::MonthFirst), (eu, DateOrder::DayFirst)] {
        let source = decode(text.as_bytes(), None).unwrap();
        let inspection = inspect(&source, &ReadOptions::default()).unwrap();
        assert_eq!(inspection.date_order, Some(order));
        assert_eq!(inspection.columns[1].value_type, ValueType::DateTime);
        assert_eq!(inspection.columns[1].role, R::Timestamp);
        let (data, report) = load_with(text.as_bytes(), |_| {});
        assert_eq!((report.rows_kept, report.rows_dropped), (3, 0), "{report:#?}");
        assert_eq!(data.customers.ids, ["c1", "c2"]);
        assert_eq!(data.events.as_ref().unwrap().time, expected_times);
    }
    let (data, report) = load_with(eu_decimals.as_bytes(), |_| {});
    assert_eq!((report.rows_kept, report.rows_dropped), (3, 0), "{report:#?}");
    assert_eq!(data.events.as_ref().unwrap().time, expected_times);
    assert_eq!(data.events.as_ref().unwrap().amount, [1234.5, 20.0, 12.5]);
    let source = decode(eu_decimals.as_bytes(), None).unwrap();
    assert!(inspect(&source, &ReadOptions::default()).unwrap().decimal_comma);
    assert!(!inspect(&decode(us.as_bytes(), None).unwrap(), &ReadOptions::default()).unwrap().decimal_comma);

    // Forced the other way, the US file's 3/15 is no date: that row is dropped and said.
    let forced = ReadOptions { date_order: Some(DateOrder::DayFirst), ..ReadOptions::default() };
    let source = decode(us.as_bytes(), None).unwrap();
    let inspection = inspect(&source, &forced).unwrap();
    assert_eq!(inspection.date_order, Some(DateOrder::DayFirst));
    let (_, report) = load(&source, &default_settings(&inspection), &mut Silent).unwrap();
    assert_eq!(lines_of(&report, IssueKind::BadDate, IssueAction::RowDropped), [2]);
    // A file with only year-first dates has no order to choose.
    let iso = "customer_id,order_date,amount\nc1,2026-03-15,100\n";
    assert_eq!(inspect(&decode(iso.as_bytes(), None).unwrap(), &ReadOptions::default()).unwrap().date_order, None);
}

/// A messy Excel-style export: BOM, CRLF, quoted commas and line breaks, thousands separators,
/// currency signs, mixed date formats, blank lines, a duplicate row, negative amounts, a missing id.
/// What each line should produce (with DropRow and duplicates dropped):
const MESSY: &str = concat!(
    "\u{feff}用户ID,下单时间,金额,数量,备注\r\n",    //          line 1: header
    "u1,2024/3/5 14:03,\"1,234.50\",1,first\r\n",    //          line 2: kept, 1234.50 at 2024-03-05 14:03
    "u2,2024-03-06,¥88,2,\"comma, inside\"\r\n",     //           line 3: kept, 88
    "\r\n",                                          //                                                line 4: blank
    "u1,20240307,\"¥1,000\",1,\"two\r\nlines\"\r\n", //       line 5 (+6): kept, 1000 on 2024-03-07
    "u3,2024年3月8日,-3.00,1,refund\r\n",            //                  line 7: kept, negative -> refund (noted)
    "u2,2024-03-06,¥88,2,\"comma, inside\"\r\n",     //           line 8: same fields as line 3 -> duplicate
    ",2024-03-09,5,1,no id\r\n",                     //                           line 9: missing id -> dropped
    "u4,not a date,5,1,bad date\r\n",                //                      line 10: bad date -> dropped
    "u4,2024-03-10,abc,1,bad amount\r\n",            //                  line 11: unparseable amount -> dropped
    "u4,2024-03-11,,1,missing amount\r\n",           //                 line 12: missing amount -> dropped
    "u5,2024-03-12T09:30:00,12.5元,3\r\n",           //                 line 13: 4 fields, header has 5 -> dropped
    "u5,2024.03.13,$12,1,ok\r\n",                    //                          line 14: kept, 12
    "\r\n",                                          //                                                line 15: blank
    "u1,2024-03-01,(3.00),1,accounting\r\n",         //               line 16: kept, (3.00) = -3 -> refund, first of u1
    "u6,2024-03-14,\"12,34\",1,bad grouping",        //              line 17: `12,34` is not a number -> dropped
);

#[test]
fn messy_file_is_inspected_as_expected() {
    let source = decode(MESSY.as_bytes(), None).unwrap();
    assert_eq!(source.encoding, TextEncoding::Utf8WithBom);
    let inspection = inspect(&source, &ReadOptions::default()).unwrap();
    assert_eq!((inspection.delimiter, inspection.has_header, inspection.record_count), (Delimiter::Comma, true, 13));
    let names: Vec<&str> = inspection.columns.iter().map(|c| c.name.as_str()).collect();
    assert_eq!(names, ["用户ID", "下单时间", "金额", "数量", "备注"]);
    let roles: Vec<R> = inspection.columns.iter().map(|c| c.role).collect();
    assert_eq!(roles, [R::CustomerId, R::Timestamp, R::Amount, R::Quantity, R::Comment]);
    // 下单时间: 13 non-empty cells, 12 dates (one "not a date"), 2 with a time -> DateTime, 12/13.
    assert_eq!(inspection.columns[1].value_type, ValueType::DateTime);
    assert!((inspection.columns[1].type_confidence - 12.0 / 13.0).abs() < 1e-12);
    // 金额: 12 non-empty, 10 numbers (`abc` and `12,34` are not) -> Decimal, 10/12.
    assert_eq!(inspection.columns[2].value_type, ValueType::Decimal);
    assert!((inspection.columns[2].type_confidence - 10.0 / 12.0).abs() < 1e-12);
    assert_eq!(inspection.shape, DatasetShape::EventLog);
    assert_eq!(inspection.preview[3], ["u3", "2024年3月8日", "-3.00", "1", "refund"]);
    // No order id: identical rows may be real repeat purchases, so they are kept by default.
    let settings = default_settings(&inspection);
    assert_eq!((settings.missing, settings.duplicates), (MissingPolicy::DropRow, DuplicatePolicy::Keep));
}

#[test]
fn messy_file_drop_rows_and_duplicates() {
    let (data, report) = load_with(MESSY.as_bytes(), |s| s.duplicates = DuplicatePolicy::Drop);
    assert_accounting(&report);
    // 13 records: kept lines 2, 3, 5, 7, 14, 16; dropped 8 (duplicate), 9 (id), 10 (date), 11 and 17
    // (unparseable amount), 12 (missing amount), 13 (field count).
    assert_eq!((report.records_read, report.rows_kept, report.rows_dropped, report.blank_lines), (13, 6, 7, 2));
    assert_eq!(lines_of(&report, IssueKind::DuplicateRow, IssueAction::RowDropped), [8]);
    assert_eq!(lines_of(&report, IssueKind::MissingId, IssueAction::RowDropped), [9]);
    assert_eq!(lines_of(&report, IssueKind::BadDate, IssueAction::RowDropped), [10]);
    assert_eq!(lines_of(&report, IssueKind::UnparseableNumber, IssueAction::RowDropped), [11, 17]);
    assert_eq!(lines_of(&report, IssueKind::MissingValue, IssueAction::RowDropped), [12]);
    assert_eq!(lines_of(&report, IssueKind::WrongFieldCount, IssueAction::RowDropped), [13]);
    assert_eq!(lines_of(&report, IssueKind::NegativeAmount, IssueAction::Kept), [7, 16]);
    assert_eq!(lines_of(&report, IssueKind::BlankLine, IssueAction::Skipped), [4, 15]);
    let bad_date = report.issues.iter().find(|i| i.kind == IssueKind::BadDate).unwrap();
    assert_eq!(bad_date.examples[0].column.as_deref(), Some("下单时间"));
    assert_eq!(bad_date.examples[0].raw, "not a date");
    assert!(report.filled.is_empty());

    // Customers in order of first appearance among kept rows; u4 and u6 lost all their rows.
    assert_eq!(data.customers.ids, ["u1", "u2", "u3", "u5"]);
    let log = data.events.as_ref().unwrap();
    // u1 has lines 16 (03-01), 2 (03-05 14:03), 5 (03-07) after sorting by time; u2 line 3; u3 line 7; u5 line 14.
    assert_eq!(log.offsets, [0, 3, 4, 5, 6]);
    assert_eq!(
        log.time,
        [
            day(2024, 3, 1),
            day(2024, 3, 5) + 14 * 3600 + 3 * 60,
            day(2024, 3, 7),
            day(2024, 3, 6),
            day(2024, 3, 8),
            day(2024, 3, 13)
        ]
    );
    assert_eq!(log.amount, [-3.0, 1234.5, 1000.0, 88.0, -3.0, 12.0]);
    assert_eq!(log.kind, [K::Refund, K::Order, K::Order, K::Order, K::Refund, K::Order]);
    assert_eq!(log.quantity, [1.0, 1.0, 1.0, 2.0, 1.0, 1.0]);
    // Comment dictionary in order of first appearance among kept rows (file order).
    assert_eq!(log.comments, ["first", "comma, inside", "two\r\nlines", "refund", "ok", "accounting"]);
    assert_eq!(log.comment, [5, 0, 2, 1, 3, 4]);
    assert_eq!(log.present, [R::Amount, R::Quantity, R::Comment]);
    assert!(log.rating.iter().all(|r| r.is_nan()));
    assert_eq!(log.category, [NO_CODE; 6]);
}

#[test]
fn messy_file_keeping_duplicates() {
    let (data, report) = load_with(MESSY.as_bytes(), |_| {});
    assert_accounting(&report);
    // As above, but line 8 is kept (and noted): 7 kept, 6 dropped.
    assert_eq!((report.rows_kept, report.rows_dropped), (7, 6));
    assert_eq!(lines_of(&report, IssueKind::DuplicateRow, IssueAction::Kept), [8]);
    assert_eq!(count(&report, IssueKind::DuplicateRow, IssueAction::RowDropped), 0);
    let log = data.events.unwrap();
    assert_eq!(log.offsets, [0, 3, 5, 6, 7]);
    assert_eq!(log.amount[3..5], [88.0, 88.0]);
}

#[test]
fn messy_file_filling_with_the_mean() {
    let (data, report) = load_with(MESSY.as_bytes(), |s| {
        s.missing = MissingPolicy::FillMean;
        s.duplicates = DuplicatePolicy::Drop;
    });
    assert_accounting(&report);
    // Lines 11 (`abc`), 12 (empty) and 17 (`12,34`) are now kept with a filled amount: 9 kept,
    // 4 dropped (8 duplicate, 9 id, 10 date, 13 field count).
    assert_eq!((report.rows_kept, report.rows_dropped), (9, 4));
    assert_eq!(report.filled, [("金额".to_string(), 3)]);
    assert_eq!(lines_of(&report, IssueKind::UnparseableNumber, IssueAction::ValueFilled), [11, 17]);
    assert_eq!(lines_of(&report, IssueKind::MissingValue, IssueAction::ValueFilled), [12]);
    // Mean of the purchases' amounts (refunds excluded): (1234.50 + 88 + 1000 + 12) / 4 = 583.625.
    assert_eq!(data.customers.ids, ["u1", "u2", "u3", "u4", "u5", "u6"]);
    let log = data.events.unwrap();
    // u4's rows are customer 3: lines 11 (03-10) and 12 (03-11); u6 (line 17) is the last customer.
    let u4 = log.rows_of(3);
    assert_eq!(log.amount[u4], [583.625, 583.625]);
    assert_eq!(log.amount[log.rows_of(5)], [583.625]);
}

#[test]
fn event_types_ratings_and_demographics() {
    let text = concat!(
        "user_id,time,behavior_type,amount,rating,gender,age,city\n",
        "7,2024-01-02 10:00:00,1,,,F,,Beijing\n",   //     view: no amount needed
        "7,2024-01-02 10:05:00,3,,,,31,Shanghai\n", //   cart; first age 31; city stays Beijing
        "7,2024-01-02 10:06:00,4,99.5,,,32,\n",     //       pay
        "8,2024-01-03,review,,8,M,45,\n",           //             review with 8/10 -> 4/5
        "8,2024-01-04,share,,,,,\n",                //                  unknown event type -> Other, kept
        "8,2024-01-05,退款,30,,,,\n",               //                  refund stored negative
        "8,2024-01-06,buy,-5,,,,\n",                //                  negative payment -> refund
        "9,2024-01-07,pay,,6,,,\n",                 //                   pay without amount -> dropped (DropRow)
    );
    let source = decode(text.as_bytes(), None).unwrap();
    let inspection = inspect(&source, &ReadOptions::default()).unwrap();
    let roles: Vec<R> = inspection.columns.iter().map(|c| c.role).collect();
    assert_eq!(roles, [R::CustomerId, R::Timestamp, R::EventType, R::Amount, R::Rating, R::Gender, R::Age, R::City]);
    assert_eq!(inspection.shape, DatasetShape::EventLog);
    let (data, report) = load(&source, &default_settings(&inspection), &mut Silent).unwrap();
    assert_accounting(&report);
    assert_eq!((report.rows_kept, report.rows_dropped), (7, 1));
    assert_eq!(lines_of(&report, IssueKind::MissingValue, IssueAction::RowDropped), [9]);
    assert_eq!(lines_of(&report, IssueKind::UnknownEventType, IssueAction::Kept), [6]);
    assert_eq!(lines_of(&report, IssueKind::NegativeAmount, IssueAction::Kept), [8]);
    // Ratings up to 8 (> 5, <= 10): a 10-point scale, halved.
    assert_eq!(report.rescaled, [("rating".to_string(), 0.5)]);
    assert_eq!(data.customers.ids, ["7", "8"]);
    let log = data.events.as_ref().unwrap();
    assert_eq!(log.kind, [K::View, K::Cart, K::Pay, K::Review, K::Other, K::Refund, K::Refund]);
    assert_eq!(log.amount[2], 99.5);
    assert_eq!(log.amount[5..], [-30.0, -5.0]);
    assert!(log.amount[0].is_nan() && log.amount[3].is_nan());
    assert_eq!(log.rating[3], 4.0);
    assert_eq!(log.present, [R::EventType, R::Amount, R::Rating]);
    assert_eq!(log.purchase_kind(), K::Pay);
    // Demographics: first non-empty value per customer.
    let gender = data.attribute(R::Gender).unwrap();
    assert_eq!(gender.dictionary, ["F", "M"]);
    assert_eq!(gender.codes, [0, 1]);
    let city = data.attribute(R::City).unwrap();
    assert_eq!(city.dictionary[city.codes[0] as usize], "Beijing");
    assert_eq!(city.codes[1], NO_CODE);
    assert_eq!(data.measure(R::Age).unwrap().values, [31.0, 45.0]);
}

#[test]
fn customer_table_duplicates_and_fills() {
    let text = concat!(
        "会员ID,消费总额,购买次数,年龄,备注\n",
        "A,100,2,30,x\n",
        "B,,4,,y\n",       // spend missing
        "A,999,9,31,z\n",  // same id again: dropped, first row kept
        "C,300,n/a,25,\n", // order count unparseable
        "D,500,6,40,w\n",
    );
    let source = decode(text.as_bytes(), None).unwrap();
    let inspection = inspect(&source, &ReadOptions::default()).unwrap();
    assert_eq!(inspection.shape, DatasetShape::CustomerTable);
    let roles: Vec<R> = inspection.columns.iter().map(|c| c.role).collect();
    assert_eq!(roles, [R::CustomerId, R::TotalSpend, R::OrderCount, R::Age, R::Comment]);
    let settings = default_settings(&inspection);
    assert_eq!(settings.duplicates, DuplicatePolicy::Drop);

    // DropRow: B (missing spend) and C (bad count) dropped, the second A dropped as a duplicate id.
    let (data, report) = load(&source, &settings, &mut Silent).unwrap();
    assert_accounting(&report);
    assert_eq!((report.rows_kept, report.rows_dropped), (2, 3));
    assert_eq!(lines_of(&report, IssueKind::DuplicateId, IssueAction::RowDropped), [4]);
    assert_eq!(data.customers.ids, ["A", "D"]);
    assert_eq!(data.measure(R::TotalSpend).unwrap().values, [100.0, 500.0]);

    // Median fill: spend present for A 100, C 300, D 500 -> median 300 for B; order count present
    // for A 2, B 4, D 6 -> median 4 for C. Age is never filled (B stays missing).
    let mut median = settings.clone();
    median.missing = MissingPolicy::FillMedian;
    let (data, report) = load(&source, &median, &mut Silent).unwrap();
    assert_accounting(&report);
    assert_eq!((report.rows_kept, report.rows_dropped), (4, 1));
    assert_eq!(data.customers.ids, ["A", "B", "C", "D"]);
    assert_eq!(data.measure(R::TotalSpend).unwrap().values, [100.0, 300.0, 300.0, 500.0]);
    assert_eq!(data.measure(R::OrderCount).unwrap().values, [2.0, 4.0, 4.0, 6.0]);
    let age = &data.measure(R::Age).unwrap().values;
    assert_eq!((age[0], age[2], age[3]), (30.0, 25.0, 40.0));
    assert!(age[1].is_nan());
    assert_eq!(report.filled, [("消费总额".to_string(), 1), ("购买次数".to_string(), 1)]);

    // Zero fill: 0 for B's spend and C's order count.
    let mut zero = settings.clone();
    zero.missing = MissingPolicy::FillZero;
    let (data, _) = load(&source, &zero, &mut Silent).unwrap();
    assert_eq!(data.measure(R::TotalSpend).unwrap().values, [100.0, 0.0, 300.0, 500.0]);
    assert_eq!(data.measure(R::OrderCount).unwrap().values, [2.0, 4.0, 0.0, 6.0]);
    let comments = data.attribute(R::Comment).unwrap();
    assert_eq!(comments.dictionary, ["x", "y", "w"]);
    assert_eq!(comments.codes, [0, 1, NO_CODE, 2]);
}

#[test]
fn mode_fill_picks_the_most_frequent_value() {
    // Spend present: 5, 7, 7, 9 -> mode 7 for the empty cell of E.
    let text = "id,total spend\nA,5\nB,7\nC,7\nD,9\nE,\n";
    let (data, report) = load_with(text.as_bytes(), |s| s.missing = MissingPolicy::FillMode);
    assert_eq!(data.measure(R::TotalSpend).unwrap().values, [5.0, 7.0, 7.0, 9.0, 7.0]);
    assert_eq!(report.filled, [("total spend".to_string(), 1)]);
}

#[test]
fn gbk_fixture_from_python() {
    let bytes = include_bytes!("fixtures/gbk_customers.csv");
    let expected: serde_json::Value =
        serde_json::from_str(include_str!("fixtures/gbk_customers_expected.json")).unwrap();
    let source = decode(bytes, None).unwrap();
    assert_eq!(source.encoding, TextEncoding::Gb18030);
    let inspection = inspect(&source, &ReadOptions::default()).unwrap();
    let names: Vec<String> = inspection.columns.iter().map(|c| c.name.clone()).collect();
    let expected_names: Vec<String> = serde_json::from_value(expected["headers"].clone()).unwrap();
    assert_eq!(names, expected_names);
    assert_eq!(names[0], "用户ID");
    let roles: Vec<R> = inspection.columns.iter().map(|c| c.role).collect();
    assert_eq!(
        roles,
        [
            R::CustomerId,
            R::Gender,
            R::Age,
            R::City,
            R::OrderCount,
            R::TotalSpend,
            R::ExistingTier,
            R::FirstPurchaseDate
        ]
    );
    assert_eq!(inspection.shape, DatasetShape::CustomerTable);

    let (data, report) = load(&source, &default_settings(&inspection), &mut Silent).unwrap();
    assert_accounting(&report);
    assert_eq!((report.records_read, report.rows_kept), (5, 5));
    let ids: Vec<String> = serde_json::from_value(expected["ids"].clone()).unwrap();
    assert_eq!(data.customers.ids, ids);
    let spend: Vec<f64> = serde_json::from_value(expected["total_spend"].clone()).unwrap();
    assert_eq!(data.measure(R::TotalSpend).unwrap().values, spend);
    let orders: Vec<f64> = serde_json::from_value(expected["order_count"].clone()).unwrap();
    assert_eq!(data.measure(R::OrderCount).unwrap().values, orders);
    let registered: Vec<f64> = serde_json::from_value(expected["first_purchase_seconds"].clone()).unwrap();
    assert_eq!(data.measure(R::FirstPurchaseDate).unwrap().values, registered);
    let cities: Vec<String> = serde_json::from_value(expected["cities"].clone()).unwrap();
    let city = data.attribute(R::City).unwrap();
    let loaded: Vec<&str> = city.codes.iter().map(|&c| city.dictionary[c as usize].as_str()).collect();
    assert_eq!(loaded, cities);
    let ages: Vec<Option<f64>> = serde_json::from_value(expected["ages"].clone()).unwrap();
    let loaded_ages: Vec<Option<f64>> =
        data.measure(R::Age).unwrap().values.iter().map(|v| (!v.is_nan()).then_some(*v)).collect();
    assert_eq!(loaded_ages, ages);
}

#[test]
fn cdnow_fixture_from_python() {
    let text = include_bytes!("fixtures/cdnow_sample.txt");
    let expected: serde_json::Value =
        serde_json::from_str(include_str!("fixtures/cdnow_sample_expected.json")).unwrap();
    let source = decode(text, None).unwrap();
    let inspection = inspect(&source, &ReadOptions::default()).unwrap();
    assert_eq!((inspection.delimiter, inspection.has_header), (Delimiter::Whitespace, false));
    let names: Vec<&str> = inspection.columns.iter().map(|c| c.name.as_str()).collect();
    assert_eq!(names, ["column_1", "column_2", "column_3", "column_4"]);
    let types: Vec<ValueType> = inspection.columns.iter().map(|c| c.value_type).collect();
    assert_eq!(types, [ValueType::Integer, ValueType::Date, ValueType::Integer, ValueType::Decimal]);
    let roles: Vec<R> = inspection.columns.iter().map(|c| c.role).collect();
    assert_eq!(roles, [R::CustomerId, R::Timestamp, R::Quantity, R::Amount]);
    assert_eq!(inspection.shape, DatasetShape::EventLog);
    assert_eq!(inspection.record_count as u64, expected["records"].as_u64().unwrap());

    let (data, report) = load(&source, &default_settings(&inspection), &mut Silent).unwrap();
    assert_accounting(&report);
    assert_eq!(report.rows_dropped, 0);
    let ids: Vec<String> = serde_json::from_value(expected["customer_ids"].clone()).unwrap();
    assert_eq!(data.customers.ids, ids);
    let log = data.events.as_ref().unwrap();
    let per_customer: Vec<u32> = serde_json::from_value(expected["events_per_customer"].clone()).unwrap();
    assert_eq!(log.offsets.windows(2).map(|w| w[1] - w[0]).collect::<Vec<_>>(), per_customer);
    let amounts: Vec<f64> = serde_json::from_value(expected["amount_per_customer"].clone()).unwrap();
    let firsts: Vec<String> = serde_json::from_value(expected["first_day_per_customer"].clone()).unwrap();
    for c in 0..ids.len() {
        let rows = log.rows_of(c);
        let total: f64 = log.amount[rows.clone()].iter().sum();
        assert!((total - amounts[c]).abs() < 1e-6, "customer {c}: {total} vs {}", amounts[c]);
        assert_eq!(format_date(log.time[rows.start]), firsts[c]);
        assert!(log.time[rows.clone()].windows(2).all(|w| w[0] <= w[1]));
    }
    let quantity: f32 = log.quantity.iter().sum();
    assert_eq!(quantity as u64, expected["quantity_total"].as_u64().unwrap());
    assert!(log.kind.iter().all(|&k| k == K::Order));
}

#[test]
fn records_and_header_names_for_the_cli() {
    let source = decode(MESSY.as_bytes(), None).unwrap();
    let mut seen = Vec::new();
    let read = ReadOptions { delimiter: Some(Delimiter::Comma), has_header: Some(true), ..ReadOptions::default() };
    for_each_record(&source, &read, &mut |line, fields| seen.push((line, fields.len()))).unwrap();
    assert_eq!(seen.len(), 13);
    assert_eq!(seen[..4], [(2, 5), (3, 5), (5, 5), (7, 5)]);
    assert_eq!(seen[9], (13, 4));
    assert_eq!(header_names(&source, Delimiter::Comma, true), ["用户ID", "下单时间", "金额", "数量", "备注"]);
    assert_eq!(
        header_names(&source, Delimiter::Comma, false),
        ["column_1", "column_2", "column_3", "column_4", "column_5"]
    );
    let repeated = decode(b"a,,a\n1,2,3\n", None).unwrap();
    assert_eq!(header_names(&repeated, Delimiter::Comma, true), ["a", "column_2", "a_2"]);
}

#[test]
fn unterminated_quote_is_reported_not_fatal() {
    let text = "id,date,amount,note\n1,2024-01-01,5,ok\n2,2024-01-02,6,\"never closed\n3,2024-01-03,7,x\n";
    let (data, report) = load_with(text.as_bytes(), |_| {});
    assert_accounting(&report);
    // The quote on line 3 swallows line 4 into its last field; two records in all.
    assert_eq!(report.records_read, 2);
    assert_eq!(lines_of(&report, IssueKind::UnterminatedQuote, IssueAction::Kept), [3]);
    assert_eq!(data.customers.ids, ["1", "2"]);
}

#[test]
fn refusals_and_setting_errors() {
    let err = |bytes: &[u8]| decode(bytes, None).err();
    assert_eq!(err(b""), Some(IngestError::EmptyFile));
    assert!(matches!(err(b"PK\x03\x04\x14\x00\x06\x00"), Some(IngestError::UnreadableWorkbook { .. })));
    assert_eq!(err(b"\x00\x01\x02\x03binary\x00\x00"), Some(IngestError::NotText));

    let header_only = decode(b"id,amount\n", None).unwrap();
    assert_eq!(inspect(&header_only, &ReadOptions::default()).err(), Some(IngestError::NoDataRows));
    let blank = decode(b"\n\n\r\n", None).unwrap();
    assert_eq!(inspect(&blank, &ReadOptions::default()).err(), Some(IngestError::NoDataRows));

    let source = decode(b"id,date,amount\n1,2024-01-01,5\n1,2024-01-02,6\n", None).unwrap();
    let inspection = inspect(&source, &ReadOptions::default()).unwrap();
    let settings = default_settings(&inspection);
    let with = |change: &dyn Fn(&mut LoadSettings)| {
        let mut s = settings.clone();
        change(&mut s);
        load(&source, &s, &mut Silent).err()
    };
    assert_eq!(
        with(&|s: &mut LoadSettings| {
            s.roles.pop();
        }),
        Some(IngestError::RoleCountMismatch { expected: 3, found: 2 })
    );
    assert_eq!(
        with(&|s| s.roles[2] = R::Timestamp),
        Some(IngestError::DuplicateRole { role: R::Timestamp, columns: vec!["date".into(), "amount".into()] })
    );
    assert_eq!(with(&|s| s.roles[0] = R::Other), Some(IngestError::NoCustomerId));
    assert_eq!(with(&|s| s.roles[1] = R::Ignore), Some(IngestError::NoTimestamp));
    assert_eq!(
        with(&|s| {
            s.shape = DatasetShape::CustomerTable;
            s.roles[2] = R::Other;
        }),
        Some(IngestError::NoMeasures)
    );
    let all_bad = decode(b"id,date,amount\n,2024-01-01,5\n1,never,6\n", None).unwrap();
    let inspection = inspect(&all_bad, &ReadOptions { has_header: Some(true), ..Default::default() }).unwrap();
    let mut s = default_settings(&inspection);
    s.shape = DatasetShape::EventLog;
    s.roles = vec![R::CustomerId, R::Timestamp, R::Amount];
    assert_eq!(load(&all_bad, &s, &mut Silent).err(), Some(IngestError::AllRowsDropped));
}

/// Timing on a 1M-row event log (about 60 MB). Run with
/// `cargo test --release --test ingest_files -- --ignored --nocapture`.
#[test]
#[ignore]
fn million_row_event_log_timing() {
    let mut text = String::from("user_id,order_time,amount,quantity,channel,category\n");
    let mut state: u64 = 42;
    let mut next = |n: u64| {
        state = state.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
        (state >> 33) % n
    };
    for _ in 0..1_000_000 {
        let (m, d, h, mi) = (1 + next(12), 1 + next(28), next(24), next(60));
        text.push_str(&format!(
            "U{:06},2024-{m:02}-{d:02} {h:02}:{mi:02}:00,\"{},{:03}.{:02}\",{},{},cat{}\n",
            next(200_000),
            1 + next(9),
            next(1000),
            next(100),
            1 + next(5),
            ["app", "web", "store"][next(3) as usize],
            next(50)
        ));
    }
    let bytes = text.into_bytes();
    let started = std::time::Instant::now();
    let source = decode(&bytes, None).unwrap();
    let decoded = started.elapsed();
    let inspection = inspect(&source, &ReadOptions::default()).unwrap();
    let inspected = started.elapsed();
    let (data, report) = load(&source, &default_settings(&inspection), &mut Silent).unwrap();
    let loaded = started.elapsed();
    assert_eq!(report.records_read, 1_000_000);
    assert_eq!(report.rows_kept, 1_000_000);
    assert_eq!(data.events.as_ref().unwrap().len(), 1_000_000);
    println!(
        "{:.1} MB: decode {:?}, inspect {:?}, load {:?} (total {:?}); {} customers",
        bytes.len() as f64 / 1e6,
        decoded,
        inspected - decoded,
        loaded - inspected,
        loaded,
        data.customer_count()
    );
}

/// The app's own sample log goes through ingest untouched: every role guessed from the header, no
/// row dropped, and counts equal to ones taken from the CSV text by plain string splitting.
#[test]
fn generated_sample_loads_completely() {
    use tierlab::engine::sample::{generate_csv, SampleConfig};
    let csv = generate_csv(&SampleConfig { customers: 300, ..SampleConfig::default() }, &mut Silent);
    let source = decode(csv.as_bytes(), None).unwrap();
    let inspection = inspect(&source, &ReadOptions::default()).unwrap();
    let roles: Vec<R> = inspection.columns.iter().map(|c| c.role).collect();
    assert_eq!(
        roles,
        [
            R::CustomerId,
            R::Timestamp,
            R::EventType,
            R::Amount,
            R::Quantity,
            R::Category,
            R::Channel,
            R::Rating,
            R::Comment,
            R::BrowseMinutes,
            R::Gender,
            R::Age,
            R::City
        ]
    );
    assert_eq!(inspection.shape, DatasetShape::EventLog);
    let (data, report) = load(&source, &default_settings(&inspection), &mut Silent).unwrap();
    assert_accounting(&report);
    assert_eq!(report.rows_dropped, 0, "{report:#?}");
    assert!(report.rescaled.is_empty());

    // Independent counts: the first three fields (id, time, event type) never need quotes.
    let lines: Vec<&str> = csv.lines().skip(1).collect();
    assert_eq!(report.records_read, lines.len());
    let mut ids: Vec<&str> = lines.iter().map(|l| l.split(',').next().unwrap()).collect();
    ids.sort_unstable();
    ids.dedup();
    assert_eq!(data.customer_count(), ids.len());
    let log = data.events.as_ref().unwrap();
    for (word, kind) in [
        ("view", K::View),
        ("cart", K::Cart),
        ("order", K::Order),
        ("pay", K::Pay),
        ("refund", K::Refund),
        ("review", K::Review),
    ] {
        let in_text = lines.iter().filter(|l| l.split(',').nth(2) == Some(word)).count();
        let loaded = log.kind.iter().filter(|&&k| k == kind).count();
        assert_eq!(loaded, in_text, "{word}");
    }
    let paid_in_text: f64 = lines
        .iter()
        .filter(|l| l.split(',').nth(2) == Some("pay"))
        .map(|l| l.split(',').nth(3).unwrap().parse::<f64>().unwrap())
        .sum();
    let paid_loaded: f64 = log.kind.iter().zip(&log.amount).filter(|(k, _)| **k == K::Pay).map(|(_, a)| a).sum();
    assert!((paid_in_text - paid_loaded).abs() < 1e-6 * paid_in_text.max(1.0), "{paid_in_text} vs {paid_loaded}");
    assert!(log.amount.iter().zip(&log.kind).all(|(a, k)| *k != K::Refund || *a < 0.0));
}

/// Excel's "Unicode text": UTF-16LE with BOM, tab-separated, CRLF.
#[test]
fn excel_unicode_text_export() {
    let text = "会员ID\t城市\t累计消费\r\nM1\t北京\t1,200.00\r\nM2\t上海\t88\r\n";
    let mut bytes = vec![0xFF, 0xFE];
    for unit in text.encode_utf16() {
        bytes.extend_from_slice(&unit.to_le_bytes());
    }
    let source = decode(&bytes, None).unwrap();
    assert_eq!(source.encoding, TextEncoding::Utf16Le);
    let inspection = inspect(&source, &ReadOptions::default()).unwrap();
    assert_eq!(
        (inspection.delimiter, inspection.has_header, inspection.byte_size),
        (Delimiter::Tab, true, bytes.len())
    );
    let (data, _) = load(&source, &default_settings(&inspection), &mut Silent).unwrap();
    assert_eq!(data.customers.ids, ["M1", "M2"]);
    // Tab-separated, so the thousands separator needs no quotes.
    assert_eq!(data.measure(R::TotalSpend).unwrap().values, [1200.0, 88.0]);
}

#[test]
fn progress_reaches_the_end_of_each_stage() {
    use tierlab::engine::progress::Stage;
    let source = decode(MESSY.as_bytes(), None).unwrap();
    let settings = default_settings(&inspect(&source, &ReadOptions::default()).unwrap());
    let mut calls: Vec<(Stage, u64, u64)> = Vec::new();
    let mut record = |stage: Stage, done: u64, total: u64| calls.push((stage, done, total));
    load(&source, &settings, &mut record).unwrap();
    let last = |stage: Stage| calls.iter().rev().find(|c| c.0 == stage).copied();
    // Parsing counts bytes of text, building counts customers (u1, u2, u3, u5 when duplicates are kept).
    assert_eq!(last(Stage::Parsing), Some((Stage::Parsing, source.text.len() as u64, source.text.len() as u64)));
    assert_eq!(last(Stage::Building), Some((Stage::Building, 4, 4)));
    assert!(calls.iter().all(|c| c.1 <= c.2));
}

#![cfg(not(target_arch = "wasm32"))]
//! Property tests of ingest: the record reader reads back what the RFC 4180 writer wrote, numbers
//! and dates read back what was formatted, and no input makes ingest panic.

use proptest::prelude::*;

use tierlab::engine::date::{days_from_civil, days_in_month, SECONDS_PER_DAY};
use tierlab::engine::ingest::reader::{Record, RecordReader};
use tierlab::engine::ingest::values::{parse_date, parse_number};
use tierlab::engine::ingest::write::write_record;
use tierlab::engine::ingest::{decode, default_settings, inspect, load, Delimiter, IssueAction, ReadOptions};
use tierlab::engine::progress::Silent;

/// Field text drawn from the characters that make CSV hard: every delimiter, quotes, each kind of
/// line break, spaces, Chinese, emoji, currency signs.
fn field() -> impl Strategy<Value = String> {
    let pieces = prop::sample::select(vec![
        "a", "Z", "0", "9", ".", "-", ",", ";", "|", "\t", " ", "\"", "\"\"", "\n", "\r\n", "\r", "用户", "金额", "¥",
        "￥", "€", "é", "😀", "'", "=",
    ]);
    prop::collection::vec(pieces, 0..8).prop_map(|p| p.concat())
}

/// A record with at least one visible character: a row of nothing but empty or blank fields is a
/// blank line by design (spreadsheets write `,,,` for empty rows) and is skipped, not returned.
fn row() -> impl Strategy<Value = Vec<String>> {
    prop::collection::vec(field(), 1..6)
        .prop_filter("row must have visible content", |r| r.iter().any(|f| f.chars().any(|c| c != ' ' && c != '\t')))
}

/// Line breaks before `end`: `\n`, `\r\n` and a lone `\r` each end one physical line.
fn line_breaks(text: &str) -> usize {
    let b = text.as_bytes();
    (0..b.len()).filter(|&i| b[i] == b'\n' || (b[i] == b'\r' && b.get(i + 1) != Some(&b'\n'))).count()
}

fn round_trip(rows: &[Vec<String>], delimiter: Delimiter, separator: char) -> Result<(), TestCaseError> {
    let mut text = String::new();
    let mut expected_lines = Vec::new();
    for row in rows {
        expected_lines.push(1 + line_breaks(&text));
        write_record(&mut text, row, separator);
    }
    let mut reader = RecordReader::new(&text, delimiter);
    let mut record = Record::default();
    let mut read = Vec::new();
    let mut lines = Vec::new();
    while reader.next_record(&mut record) {
        prop_assert!(!record.unterminated_quote);
        read.push(record.to_strings());
        lines.push(record.line);
    }
    prop_assert_eq!(&read, rows, "text: {:?}", text);
    prop_assert_eq!(lines, expected_lines);
    prop_assert_eq!(reader.blank_lines, 0);
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 200, ..ProptestConfig::default() })]

    #[test]
    fn comma_tables_read_back(rows in prop::collection::vec(row(), 1..12)) {
        round_trip(&rows, Delimiter::Comma, ',')?;
    }

    #[test]
    fn tab_tables_read_back(rows in prop::collection::vec(row(), 1..12)) {
        round_trip(&rows, Delimiter::Tab, '\t')?;
    }

    #[test]
    fn semicolon_tables_read_back(rows in prop::collection::vec(row(), 1..12)) {
        round_trip(&rows, Delimiter::Semicolon, ';')?;
    }

    #[test]
    fn pipe_tables_read_back(rows in prop::collection::vec(row(), 1..12)) {
        round_trip(&rows, Delimiter::Pipe, '|')?;
    }

    /// Integers and cents written with thousands separators, currency marks and signs read back.
    #[test]
    fn formatted_numbers_read_back(units in 0u64..10_000_000_000, cents in 0u32..100, negative: bool, style in 0usize..6) {
        let digits = units.to_string();
        let mut grouped = String::new();
        for (i, c) in digits.chars().enumerate() {
            if i > 0 && (digits.len() - i) % 3 == 0 {
                grouped.push(',');
            }
            grouped.push(c);
        }
        let body = format!("{grouped}.{cents:02}");
        let text = match (style, negative) {
            (0, false) => body.clone(),
            (0, true) => format!("-{body}"),
            (1, n) => format!("{}¥{body}", if n { "-" } else { "" }),
            (2, n) => format!("{}${body}", if n { "-" } else { "" }),
            (3, n) => format!("{}{body}元", if n { "-" } else { "" }),
            (4, true) => format!("({body})"),
            (4, false) => format!("￥{body}"),
            (_, n) => format!("{}{}.{cents:02}", if n { "-" } else { "" }, units),
        };
        let expected = (units as f64 + f64::from(cents) / 100.0) * if negative { -1.0 } else { 1.0 };
        let parsed = parse_number(&text).map(|n| n.value);
        prop_assert!(parsed.is_some(), "{text:?}");
        let parsed = parsed.unwrap_or(f64::NAN);
        prop_assert!((parsed - expected).abs() <= 1e-9 * expected.abs().max(1.0), "{text:?} -> {parsed} vs {expected}");
    }

    /// Valid dates and times in every supported layout read back to the same second.
    #[test]
    fn formatted_dates_read_back(y in 1900i32..=2200, m in 1u32..=12, d in 1u32..=31, h in 0u32..24, mi in 0u32..60, s in 0u32..60, layout in 0usize..8) {
        let d = d.min(days_in_month(y, m));
        let date = days_from_civil(y, m, d) * SECONDS_PER_DAY;
        let with_time = date + i64::from(h * 3600 + mi * 60 + s);
        let (text, expected) = match layout {
            0 => (format!("{y:04}{m:02}{d:02}"), date),
            1 => (format!("{y:04}-{m:02}-{d:02}"), date),
            2 => (format!("{y}/{m}/{d}"), date),
            3 => (format!("{y}/{m}/{d} {h}:{mi:02}"), date + i64::from(h * 3600 + mi * 60)),
            4 => (format!("{y:04}-{m:02}-{d:02} {h:02}:{mi:02}:{s:02}"), with_time),
            5 => (format!("{y:04}-{m:02}-{d:02}T{h:02}:{mi:02}:{s:02}Z"), with_time),
            6 => (format!("{y}年{m}月{d}日"), date),
            _ => (format!("{y:04}.{m:02}.{d:02}"), date),
        };
        prop_assert_eq!(parse_date(&text).map(|p| p.seconds), Some(expected), "{:?}", text);
    }

    /// Arbitrary bytes never panic ingest; whatever loads keeps the row accounting.
    #[test]
    fn arbitrary_input_never_panics(bytes in prop::collection::vec(prop::sample::select(vec![
        b'a', b'1', b'2', b'.', b',', b';', b'\t', b' ', b'"', b'\n', b'\r', b'-', b'/', 0xE4, 0xB8, 0xAD, 0xFF, b'u', b'd',
    ]), 0..300)) {
        let Ok(source) = decode(&bytes, None) else { return Ok(()) };
        let Ok(inspection) = inspect(&source, &ReadOptions::default()) else { return Ok(()) };
        let settings = default_settings(&inspection);
        if let Ok((_, report)) = load(&source, &settings, &mut Silent) {
            prop_assert_eq!(report.records_read, report.rows_kept + report.rows_dropped);
            let dropped: usize = report.issues.iter().filter(|i| i.action == IssueAction::RowDropped).map(|i| i.count).sum();
            prop_assert_eq!(dropped, report.rows_dropped);
        }
    }

    /// Generated event logs with random damage keep the accounting invariant under every policy.
    #[test]
    fn damaged_event_logs_keep_the_accounting(
        rows in prop::collection::vec((0u8..6, 0u8..8, 0u8..6, any::<bool>()), 1..60),
        fill in 0usize..5,
        drop_duplicates: bool,
    ) {
        let mut text = String::from("customer_id,date,amount\n");
        for (customer, date, amount, blank_after) in &rows {
            let id = if *customer == 0 { String::new() } else { format!("c{customer}") };
            let date = match date { 0 => "", 1 => "bad", 2 => "20240105", 3 => "2024/1/6 10:00", _ => "2024-01-07" };
            let amount = match amount { 0 => "", 1 => "x", 2 => "-3", 3 => "\"1,200.50\"", _ => "¥15" };
            text.push_str(&format!("{id},{date},{amount}\n"));
            if *blank_after {
                text.push('\n');
            }
        }
        // A row with all three cells empty (`,,`) is a blank line by design.
        let empty_rows = rows.iter().filter(|r| r.0 == 0 && r.1 == 0 && r.2 == 0).count();
        let records = rows.len() - empty_rows;
        let source = decode(text.as_bytes(), None).map_err(|e| TestCaseError::fail(format!("{e}")))?;
        let inspection = match inspect(&source, &ReadOptions { has_header: Some(true), ..ReadOptions::default() }) {
            Ok(inspection) => inspection,
            Err(e) => {
                prop_assert_eq!((e, records), (tierlab::engine::ingest::IngestError::NoDataRows, 0));
                return Ok(());
            }
        };
        let mut settings = default_settings(&inspection);
        settings.shape = tierlab::engine::roles::DatasetShape::EventLog;
        use tierlab::engine::roles::ColumnRole as R;
        settings.roles = vec![R::CustomerId, R::Timestamp, R::Amount];
        settings.missing = [
            tierlab::engine::ingest::MissingPolicy::DropRow,
            tierlab::engine::ingest::MissingPolicy::FillMean,
            tierlab::engine::ingest::MissingPolicy::FillMedian,
            tierlab::engine::ingest::MissingPolicy::FillMode,
            tierlab::engine::ingest::MissingPolicy::FillZero,
        ][fill];
        settings.duplicates = if drop_duplicates {
            tierlab::engine::ingest::DuplicatePolicy::Drop
        } else {
            tierlab::engine::ingest::DuplicatePolicy::Keep
        };
        match load(&source, &settings, &mut Silent) {
            Ok((data, report)) => {
                prop_assert_eq!(report.records_read, records);
                prop_assert_eq!(report.blank_lines, rows.iter().filter(|r| r.3).count() + empty_rows);
                prop_assert_eq!(report.records_read, report.rows_kept + report.rows_dropped);
                let dropped: usize = report.issues.iter().filter(|i| i.action == IssueAction::RowDropped).map(|i| i.count).sum();
                prop_assert_eq!(dropped, report.rows_dropped);
                let log = data.events.as_ref().ok_or_else(|| TestCaseError::fail("no events"))?;
                prop_assert_eq!(log.len(), report.rows_kept);
                prop_assert_eq!(*log.offsets.last().unwrap_or(&0) as usize, log.len());
                for c in 0..log.customer_count() {
                    let times = &log.time[log.rows_of(c)];
                    prop_assert!(times.windows(2).all(|w| w[0] <= w[1]));
                }
            }
            Err(e) => prop_assert_eq!(e, tierlab::engine::ingest::IngestError::AllRowsDropped),
        }
    }

    /// Repeated rows of an event log whose repeats are kept are found after the build; the report
    /// must say exactly what a plain scan says: every valid row whose fields (as read, so `"c1"` is
    /// `c1`) appeared on an earlier valid row, counted, with the first five lines and raw rows. Rows
    /// differ at times only in a column that is not loaded, and share times with other rows.
    #[test]
    fn kept_repeats_are_the_rows_seen_before(
        rows in prop::collection::vec((1u8..4, 0u8..4, 0u8..3, 0u8..3, any::<bool>()), 1..80),
    ) {
        let mut text = String::from("customer_id,date,amount,note\n");
        let mut expected_lines = Vec::new();
        let mut seen: Vec<[String; 4]> = Vec::new();
        let mut count = 0usize;
        // Dropping repeats happens before any other check, so there bad rows count too.
        let (mut seen_any, mut repeats_of_any): (Vec<[String; 4]>, usize) = (Vec::new(), 0);
        for (i, (customer, date, amount, note, quoted)) in rows.iter().enumerate() {
            let id = format!("c{customer}");
            let date = ["2024-01-05", "2024-01-05 10:00", "2024-01-06", "bad"][*date as usize];
            let amount = ["12.5", "7", "-3"][*amount as usize];
            let note = ["", "x", "y"][*note as usize];
            let written_id = if *quoted { format!("\"{id}\"") } else { id.clone() };
            text.push_str(&format!("{written_id},{date},{amount},{note}\n"));
            let fields = [id, date.to_string(), amount.to_string(), note.to_string()];
            if seen_any.contains(&fields) {
                repeats_of_any += 1;
            } else {
                seen_any.push(fields.clone());
            }
            // Rows with a bad date are dropped (and then never reported as repeats).
            if date != "bad" {
                if seen.contains(&fields) {
                    count += 1;
                    if expected_lines.len() < 5 {
                        expected_lines.push((i + 2, fields.join(",")));
                    }
                } else {
                    seen.push(fields);
                }
            }
        }
        let source = decode(text.as_bytes(), None).map_err(|e| TestCaseError::fail(format!("{e}")))?;
        let inspection = inspect(&source, &ReadOptions { has_header: Some(true), ..ReadOptions::default() })
            .map_err(|e| TestCaseError::fail(format!("{e}")))?;
        let mut settings = default_settings(&inspection);
        use tierlab::engine::roles::ColumnRole as R;
        settings.shape = tierlab::engine::roles::DatasetShape::EventLog;
        settings.roles = vec![R::CustomerId, R::Timestamp, R::Amount, R::Ignore];
        settings.duplicates = tierlab::engine::ingest::DuplicatePolicy::Keep;
        let (_, report) = match load(&source, &settings, &mut Silent) {
            Ok(loaded) => loaded,
            Err(e) => {
                prop_assert_eq!((seen.len(), e), (0, tierlab::engine::ingest::IngestError::AllRowsDropped));
                return Ok(());
            }
        };
        let repeats: Vec<_> = report
            .issues
            .iter()
            .filter(|i| i.kind == tierlab::engine::ingest::IssueKind::DuplicateRow)
            .collect();
        if count == 0 {
            prop_assert!(repeats.is_empty(), "{:?}", repeats);
        } else {
            prop_assert_eq!(repeats.len(), 1);
            prop_assert_eq!(repeats[0].action, IssueAction::Kept);
            prop_assert_eq!(repeats[0].count, count);
            let lines: Vec<(usize, String)> = repeats[0].examples.iter().map(|e| (e.line, e.raw.clone())).collect();
            prop_assert_eq!(lines, expected_lines);
        }
        // Under "drop repeats" they are found while reading, among all rows.
        settings.duplicates = tierlab::engine::ingest::DuplicatePolicy::Drop;
        let (_, dropped) = load(&source, &settings, &mut Silent).map_err(|e| TestCaseError::fail(format!("{e}")))?;
        let dropped_repeats: usize = dropped
            .issues
            .iter()
            .filter(|i| i.kind == tierlab::engine::ingest::IssueKind::DuplicateRow)
            .map(|i| i.count)
            .sum();
        prop_assert_eq!(dropped_repeats, repeats_of_any);
    }
}

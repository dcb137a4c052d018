//! Generated events as CSV text.

use std::fmt::Write as _;

use super::model::{CustomerProfile, Event, NO_COMMENT};
use super::vocabulary::{comment_text, CATEGORIES, CHANNELS, CITIES, GENDERS};
use crate::engine::date::format_date;
use crate::engine::ingest::write::write_record;
use crate::engine::roles::EventKind;

/// English names the ingest role guesser maps to customer id, timestamp, event type, and so on.
pub const HEADER: [&str; 13] = [
    "customer_id",
    "event_time",
    "event_type",
    "amount",
    "quantity",
    "category",
    "channel",
    "rating",
    "comment",
    "browse_minutes",
    "gender",
    "age",
    "city",
];

/// `C000123` for the customer with index 122 (ids start at 1, as exports number them).
pub fn customer_id(index: u32) -> String {
    format!("C{:06}", u64::from(index) + 1)
}

/// Appends the header and one line per event (events must be sorted by time).
pub fn write_rows(out: &mut String, events: &[Event], profiles: &[CustomerProfile], start_day: i64) {
    write_record(out, &HEADER, ',');
    let mut fields: [String; 13] = Default::default();
    // Rows are in time order, so the date text changes rarely: format it once per day.
    let mut current_day = u32::MAX;
    let mut date = String::new();
    for event in events {
        for field in fields.iter_mut() {
            field.clear();
        }
        let profile = profiles.get(event.customer as usize).copied();
        let day = event.time / 86_400;
        if day != current_day {
            current_day = day;
            date = format_date((start_day + i64::from(day)) * 86_400);
        }
        let seconds = event.time % 86_400;
        // Writing to a String cannot fail.
        let _ = write!(fields[0], "C{:06}", u64::from(event.customer) + 1);
        let _ = write!(fields[1], "{date} {:02}:{:02}:{:02}", seconds / 3600, seconds % 3600 / 60, seconds % 60);
        fields[2].push_str(event.kind.key());
        if matches!(event.kind, EventKind::Order | EventKind::Pay | EventKind::Refund) {
            write_cents(&mut fields[3], event.amount_cents);
        }
        if event.quantity > 0 {
            let _ = write!(fields[4], "{}", event.quantity);
        }
        fields[5].push_str(CATEGORIES.get(usize::from(event.category)).copied().unwrap_or(""));
        fields[6].push_str(CHANNELS.get(usize::from(event.channel)).copied().unwrap_or(""));
        if event.rating > 0 {
            let _ = write!(fields[7], "{}", event.rating);
        }
        if event.comment != NO_COMMENT {
            fields[8].push_str(comment_text(event.comment));
        }
        if event.kind == EventKind::View {
            let _ = write!(fields[9], "{}.{}", event.browse_tenths / 10, event.browse_tenths % 10);
        }
        if let Some(profile) = profile {
            fields[10].push_str(GENDERS.get(usize::from(profile.gender)).copied().unwrap_or(""));
            let _ = write!(fields[11], "{}", profile.age);
            fields[12].push_str(CITIES.get(usize::from(profile.city)).map_or("", |c| c.0));
        }
        write_record(out, &fields, ',');
    }
}

/// `-123.40` from -12340 cents.
fn write_cents(out: &mut String, cents: i32) {
    let sign = if cents < 0 { "-" } else { "" };
    let magnitude = cents.unsigned_abs();
    let _ = write!(out, "{sign}{}.{:02}", magnitude / 100, magnitude % 100);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cents_and_ids() {
        let mut s = String::new();
        write_cents(&mut s, -12340);
        s.push(' ');
        write_cents(&mut s, 5);
        s.push(' ');
        write_cents(&mut s, 100_000);
        assert_eq!(s, "-123.40 0.05 1000.00");
        assert_eq!(customer_id(122), "C000123");
        assert_eq!(customer_id(999_999), "C1000000");
    }
}

//! Reading the command line's values into engine types: each parser says what it expected, so
//! clap's message names the option and the accepted forms.

use tierlab::engine::date::end_of_day;
use tierlab::engine::features::catalog::FeatureKey;
use tierlab::engine::ingest::{DateOrder, Delimiter, TextEncoding};
use tierlab::engine::models::segments::{SegmentCount, SegmentParams};
use tierlab::engine::optimise::segments::SegmentChoice;
use tierlab::engine::simulate::baseline_model::BaselineModel;

/// `rfm`, `kmeans` or `column:NAME`.
pub fn segment_choice(text: &str) -> Result<SegmentChoice, String> {
    match text {
        "rfm" => Ok(SegmentChoice::Rfm),
        "kmeans" => Ok(SegmentChoice::Kmeans { seed: SegmentParams::default().seed }),
        _ => match text.strip_prefix("column:") {
            Some(name) if !name.trim().is_empty() => Ok(SegmentChoice::Column { name: name.trim().to_string() }),
            _ => Err("expected rfm, kmeans or column:NAME".to_string()),
        },
    }
}

/// A comma-separated list of features (`frequency,monetary,column:age`).
#[derive(Clone, Debug, PartialEq)]
pub struct FeatureList(pub Vec<FeatureKey>);

pub fn feature_list(text: &str) -> Result<FeatureList, String> {
    let keys = text.split(',').map(str::trim).filter(|s| !s.is_empty()).map(|f| FeatureKey::try_from(f.to_string()));
    keys.collect::<Result<_, _>>().map(FeatureList)
}

pub fn segment_count(text: &str) -> Result<SegmentCount, String> {
    match text {
        "auto" => Ok(SegmentParams::default().k),
        _ => text.parse().map(|k| SegmentCount::Fixed { k }).map_err(|_| "expected a number or auto".to_string()),
    }
}

/// A scheme's letter (A, B, C ...; either case) as its index.
pub fn scheme_index(text: &str) -> Result<usize, String> {
    match text.as_bytes() {
        [letter] if letter.is_ascii_alphabetic() => Ok(usize::from(letter.to_ascii_uppercase() - b'A')),
        _ => Err("expected a scheme letter: A, B, C ...".to_string()),
    }
}

pub fn baseline_model(text: &str) -> Result<BaselineModel, String> {
    BaselineModel::from_key(text).ok_or_else(|| "expected bgnbd, pareto, mbg or best".to_string())
}

/// `YYYY-MM-DD` as the last second of that day (everything on the day counts as before it).
pub fn day_end(text: &str) -> Result<i64, String> {
    end_of_day(text).ok_or_else(|| "expected a date like 2024-06-30".to_string())
}

pub fn delimiter(text: &str) -> Result<Delimiter, String> {
    match text {
        "comma" | "," => Ok(Delimiter::Comma),
        "tab" | "\\t" => Ok(Delimiter::Tab),
        "semicolon" | ";" => Ok(Delimiter::Semicolon),
        "pipe" | "|" => Ok(Delimiter::Pipe),
        "whitespace" | "space" => Ok(Delimiter::Whitespace),
        other => Err(format!("unknown delimiter `{other}`")),
    }
}

pub fn encoding(text: &str) -> Result<TextEncoding, String> {
    match text.to_ascii_lowercase().as_str() {
        "utf8" | "utf-8" => Ok(TextEncoding::Utf8),
        "gbk" | "gb18030" | "gb2312" => Ok(TextEncoding::Gb18030),
        "utf16" | "utf-16" | "utf-16le" | "utf16le" => Ok(TextEncoding::Utf16Le),
        "utf16be" | "utf-16be" => Ok(TextEncoding::Utf16Be),
        other => Err(format!("unknown encoding `{other}`")),
    }
}

pub fn date_order(text: &str) -> Result<DateOrder, String> {
    match text.to_ascii_lowercase().as_str() {
        "month-first" | "mdy" => Ok(DateOrder::MonthFirst),
        "day-first" | "dmy" => Ok(DateOrder::DayFirst),
        other => Err(format!("unknown date order `{other}` (month-first or day-first)")),
    }
}

/// Whether numbers are written with a decimal comma.
pub fn decimal_comma(text: &str) -> Result<bool, String> {
    match text.to_ascii_lowercase().as_str() {
        "comma" | "," => Ok(true),
        "point" | "." => Ok(false),
        other => Err(format!("unknown decimal mark `{other}` (point or comma)")),
    }
}

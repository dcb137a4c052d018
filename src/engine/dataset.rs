//! The loaded data, column-oriented (struct of arrays) so a million events stay compact and every
//! model walks plain vectors. Customers are numbered 0..n; that number indexes every per-customer
//! vector in the engine.

use serde::{Deserialize, Serialize};

use super::roles::{ColumnRole, DatasetShape, EventKind};

/// Code used in dictionary-encoded columns for "no value".
pub const NO_CODE: u32 = u32::MAX;

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Dataset {
    pub shape: Option<DatasetShape>,
    pub customers: Customers,
    /// Present for event logs; customer tables carry their aggregates in `customers.measures`.
    pub events: Option<EventLog>,
}

/// One row per customer.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Customers {
    /// The customer id exactly as in the file (trimmed), customer `c`'s at `ids[c]`.
    pub ids: TextList,
    /// Text columns per customer (gender, city, existing tier, other text columns).
    pub attributes: Vec<Attribute>,
    /// Numeric columns per customer (age, aggregates of a customer table, other numeric columns).
    /// Dates are stored as seconds since 1970 (exact in f64).
    pub measures: Vec<Measure>,
}

/// A list of texts in one buffer (customer ids, dictionary values): a million ids cost their bytes
/// plus one offset each, not a heap string each. Read like a list of `&str`: `list[i]`,
/// `list.get(i)`, `list.iter()`, `list.len()`; built with `push` or `collect()`.
#[derive(Clone, Default, PartialEq, Eq)]
pub struct TextList {
    text: String,
    /// Where each id ends in `text` (the next one starts there).
    ends: Vec<usize>,
}

impl TextList {
    pub fn new() -> Self {
        TextList::default()
    }

    /// Room for `texts` texts of `bytes` bytes together.
    pub fn with_capacity(texts: usize, bytes: usize) -> Self {
        TextList { text: String::with_capacity(bytes), ends: Vec::with_capacity(texts) }
    }

    pub fn len(&self) -> usize {
        self.ends.len()
    }

    pub fn is_empty(&self) -> bool {
        self.ends.is_empty()
    }

    /// Appends a text; returns its index.
    pub fn push(&mut self, id: impl AsRef<str>) -> usize {
        self.text.push_str(id.as_ref());
        self.ends.push(self.text.len());
        self.ends.len() - 1
    }

    pub fn get(&self, index: usize) -> Option<&str> {
        let end = *self.ends.get(index)?;
        let start = if index == 0 { 0 } else { self.ends[index - 1] };
        Some(&self.text[start..end])
    }

    pub fn iter(&self) -> impl ExactSizeIterator<Item = &str> + DoubleEndedIterator + '_ {
        (0..self.len()).map(move |c| &self[c])
    }

    /// Bytes held (texts and offsets), for memory accounting.
    pub fn heap_bytes(&self) -> usize {
        self.text.capacity() + self.ends.capacity() * std::mem::size_of::<usize>()
    }

    /// Releases spare capacity left by growth.
    pub fn shrink_to_fit(&mut self) {
        self.text.shrink_to_fit();
        self.ends.shrink_to_fit();
    }
}

impl std::ops::Index<usize> for TextList {
    type Output = str;

    fn index(&self, index: usize) -> &str {
        match self.get(index) {
            Some(text) => text,
            None => panic!("text {index} out of range (there are {})", self.len()),
        }
    }
}

impl<'a> IntoIterator for &'a TextList {
    type Item = &'a str;
    type IntoIter = Box<dyn Iterator<Item = &'a str> + 'a>;

    fn into_iter(self) -> Self::IntoIter {
        Box::new(self.iter())
    }
}

impl<S: AsRef<str>> FromIterator<S> for TextList {
    fn from_iter<I: IntoIterator<Item = S>>(iter: I) -> Self {
        let mut list = TextList::new();
        for text in iter {
            list.push(text);
        }
        list
    }
}

impl std::fmt::Debug for TextList {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_list().entries(self.iter()).finish()
    }
}

impl<S: AsRef<str>> PartialEq<[S]> for TextList {
    fn eq(&self, other: &[S]) -> bool {
        self.len() == other.len() && self.iter().zip(other).all(|(a, b)| a == b.as_ref())
    }
}

impl<S: AsRef<str>, const N: usize> PartialEq<[S; N]> for TextList {
    fn eq(&self, other: &[S; N]) -> bool {
        *self == other[..]
    }
}

impl<S: AsRef<str>> PartialEq<Vec<S>> for TextList {
    fn eq(&self, other: &Vec<S>) -> bool {
        *self == other[..]
    }
}

/// Serialized as a plain list of strings, as before interning.
impl Serialize for TextList {
    fn serialize<Ser: serde::Serializer>(&self, serializer: Ser) -> Result<Ser::Ok, Ser::Error> {
        serializer.collect_seq(self.iter())
    }
}

impl<'de> Deserialize<'de> for TextList {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        Ok(Vec::<String>::deserialize(deserializer)?.into_iter().collect())
    }
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Attribute {
    pub name: String,
    pub role: ColumnRole,
    pub dictionary: Vec<String>,
    /// Index into `dictionary` per customer, `NO_CODE` when missing.
    pub codes: Vec<u32>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Measure {
    pub name: String,
    pub role: ColumnRole,
    /// One value per customer, NaN when missing (after the missing-value policy was applied).
    pub values: Vec<f64>,
}

/// Events grouped by customer and sorted by time within each customer.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct EventLog {
    /// Events of customer `c` are the rows `offsets[c] .. offsets[c + 1]`.
    pub offsets: Vec<u32>,
    /// Seconds since 1970-01-01 (wall-clock time of the file).
    pub time: Vec<i64>,
    pub kind: Vec<EventKind>,
    /// Money amount of the row (negative for refunds), NaN when the row has none.
    pub amount: Vec<f64>,
    /// NaN when absent.
    pub quantity: Vec<f32>,
    /// Codes into `categories`, `NO_CODE` when absent.
    pub category: Vec<u32>,
    pub channel: Vec<u32>,
    /// Rating on a 0-5 scale (10-point scales are halved at load), NaN when absent.
    pub rating: Vec<f32>,
    /// Codes into `comments`, `NO_CODE` when absent.
    pub comment: Vec<u32>,
    /// NaN when absent.
    pub browse_minutes: Vec<f32>,
    pub categories: TextList,
    pub channels: TextList,
    pub comments: TextList,
    /// Which optional roles the file carried, so models can say what is missing.
    pub present: Vec<ColumnRole>,
}

impl Dataset {
    pub fn customer_count(&self) -> usize {
        self.customers.ids.len()
    }

    pub fn measure(&self, role: ColumnRole) -> Option<&Measure> {
        self.customers.measures.iter().find(|m| m.role == role)
    }

    pub fn attribute(&self, role: ColumnRole) -> Option<&Attribute> {
        self.customers.attributes.iter().find(|a| a.role == role)
    }
}

impl EventLog {
    pub fn len(&self) -> usize {
        self.time.len()
    }

    pub fn is_empty(&self) -> bool {
        self.time.is_empty()
    }

    pub fn customer_count(&self) -> usize {
        self.offsets.len().saturating_sub(1)
    }

    /// Row range of one customer's events.
    pub fn rows_of(&self, customer: usize) -> std::ops::Range<usize> {
        self.offsets[customer] as usize..self.offsets[customer + 1] as usize
    }

    pub fn has(&self, role: ColumnRole) -> bool {
        self.present.contains(&role)
    }

    /// The event kind that counts as a completed purchase: payments when the log records them
    /// (orders without payment were abandoned), otherwise orders.
    pub fn purchase_kind(&self) -> EventKind {
        if self.kind.contains(&EventKind::Pay) {
            EventKind::Pay
        } else {
            EventKind::Order
        }
    }

    /// First and last timestamp in the log.
    pub fn time_span(&self) -> Option<(i64, i64)> {
        let min = self.time.iter().copied().min()?;
        let max = self.time.iter().copied().max()?;
        Some((min, max))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_text_list_reads_like_a_list_of_strings() {
        let mut ids = TextList::new();
        assert_eq!((ids.push("C1"), ids.push(""), ids.push("用户7")), (0, 1, 2));
        assert_eq!((ids.len(), &ids[0], &ids[1], &ids[2]), (3, "C1", "", "用户7"));
        assert_eq!(ids.get(3), None);
        assert_eq!(ids.iter().collect::<Vec<_>>(), ["C1", "", "用户7"]);
        assert_eq!(ids, ["C1", "", "用户7"]);
        assert_eq!(ids, vec!["C1".to_string(), String::new(), "用户7".to_string()]);
        let json = serde_json::to_string(&ids).unwrap();
        assert_eq!(json, r#"["C1","","用户7"]"#);
        assert_eq!(serde_json::from_str::<TextList>(&json).unwrap(), ids);
        assert_eq!(format!("{ids:?}"), r#"["C1", "", "用户7"]"#);
        let collected: TextList = ["a", "b"].into_iter().collect();
        assert_eq!(collected.iter().rev().collect::<Vec<_>>(), ["b", "a"]);
    }
}

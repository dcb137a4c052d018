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

/// The value a column holds where it has none: NaN for numbers, `NO_CODE` for dictionary codes.
pub trait MissingValue: Copy + PartialEq + std::fmt::Debug + 'static {
    fn missing() -> &'static Self;
    fn is_missing(&self) -> bool;
}

impl MissingValue for f32 {
    fn missing() -> &'static f32 {
        &f32::NAN
    }
    fn is_missing(&self) -> bool {
        self.is_nan()
    }
}

impl MissingValue for u32 {
    fn missing() -> &'static u32 {
        &NO_CODE
    }
    fn is_missing(&self) -> bool {
        *self == NO_CODE
    }
}

/// A per-event column many files do not have (rating, comment, browse minutes, category, channel).
/// Used like a `Vec` (`column[row]`, `push`, `insert`, `len`, `iter`), but while every value is
/// missing it stores none: a seven-million-row log without ratings costs nothing for them.
#[derive(Clone, Default)]
pub struct OptionalColumn<T> {
    /// Empty while every value is missing; then `len` values.
    values: Vec<T>,
    len: usize,
}

impl<T: MissingValue> OptionalColumn<T> {
    /// `len` missing values.
    pub fn absent(len: usize) -> Self {
        OptionalColumn { values: Vec::new(), len }
    }

    pub fn len(&self) -> usize {
        self.len
    }

    pub fn is_empty(&self) -> bool {
        self.len == 0
    }

    /// Whether some value is present (the column is stored).
    pub fn is_stored(&self) -> bool {
        !self.values.is_empty()
    }

    pub fn push(&mut self, value: T) {
        if self.values.is_empty() && value.is_missing() {
            self.len += 1;
            return;
        }
        self.store();
        self.values.push(value);
        self.len += 1;
    }

    pub fn insert(&mut self, index: usize, value: T) {
        assert!(index <= self.len, "insert at {index} past the end ({})", self.len);
        if self.values.is_empty() && value.is_missing() {
            self.len += 1;
            return;
        }
        self.store();
        self.values.insert(index, value);
        self.len += 1;
    }

    pub fn iter(&self) -> impl ExactSizeIterator<Item = T> + '_ {
        (0..self.len).map(move |i| self[i])
    }

    /// Bytes held, for memory accounting.
    pub fn heap_bytes(&self) -> usize {
        self.values.capacity() * std::mem::size_of::<T>()
    }

    /// Writes out the missing values so far, before a present one is added.
    fn store(&mut self) {
        if self.values.is_empty() && self.len > 0 {
            self.values = vec![*T::missing(); self.len];
        }
    }
}

impl<T: MissingValue> std::ops::Index<usize> for OptionalColumn<T> {
    type Output = T;

    #[inline]
    fn index(&self, row: usize) -> &T {
        if self.values.is_empty() {
            assert!(row < self.len, "row {row} out of range (there are {})", self.len);
            T::missing()
        } else {
            &self.values[row]
        }
    }
}

impl<T: MissingValue> From<Vec<T>> for OptionalColumn<T> {
    fn from(values: Vec<T>) -> Self {
        let len = values.len();
        if values.iter().all(MissingValue::is_missing) {
            OptionalColumn::absent(len)
        } else {
            OptionalColumn { values, len }
        }
    }
}

impl<T: MissingValue> std::fmt::Debug for OptionalColumn<T> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        if self.is_stored() {
            f.debug_list().entries(&self.values).finish()
        } else {
            write!(f, "[{:?}; {}]", T::missing(), self.len)
        }
    }
}

/// Equal when the values are (so, as for a `Vec<f32>`, NaN is not equal to NaN).
impl<T: MissingValue> PartialEq for OptionalColumn<T> {
    fn eq(&self, other: &Self) -> bool {
        self.len == other.len && self.iter().zip(other.iter()).all(|(a, b)| a == b)
    }
}

impl<T: MissingValue, const N: usize> PartialEq<[T; N]> for OptionalColumn<T> {
    fn eq(&self, other: &[T; N]) -> bool {
        self.len == N && self.iter().zip(other).all(|(a, b)| a == *b)
    }
}

/// Serialized as the full list of values, as a `Vec` is.
impl<T: MissingValue + Serialize> Serialize for OptionalColumn<T> {
    fn serialize<Ser: serde::Serializer>(&self, serializer: Ser) -> Result<Ser::Ok, Ser::Error> {
        serializer.collect_seq(self.iter())
    }
}

impl<'de, T: MissingValue + Deserialize<'de>> Deserialize<'de> for OptionalColumn<T> {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        Ok(Vec::<T>::deserialize(deserializer)?.into())
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
    pub category: OptionalColumn<u32>,
    pub channel: OptionalColumn<u32>,
    /// Rating on a 0-5 scale (10-point scales are halved at load), NaN when absent.
    pub rating: OptionalColumn<f32>,
    /// Codes into `comments`, `NO_CODE` when absent.
    pub comment: OptionalColumn<u32>,
    /// NaN when absent.
    pub browse_minutes: OptionalColumn<f32>,
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

    /// The text column with this name.
    pub fn attribute_named(&self, name: &str) -> Option<&Attribute> {
        self.customers.attributes.iter().find(|a| a.name == name)
    }
}

impl EventLog {
    /// Appends row `row` of `other` (whose text lists this log shares).
    pub fn push_row_of(&mut self, other: &EventLog, row: usize) {
        self.time.push(other.time[row]);
        self.kind.push(other.kind[row]);
        self.amount.push(other.amount[row]);
        self.quantity.push(other.quantity[row]);
        self.category.push(other.category[row]);
        self.channel.push(other.channel[row]);
        self.rating.push(other.rating[row]);
        self.comment.push(other.comment[row]);
        self.browse_minutes.push(other.browse_minutes[row]);
    }

    /// Appends a row that has only a time, a kind and an amount.
    pub fn push_bare(&mut self, time: i64, kind: EventKind, amount: f64) {
        self.time.push(time);
        self.kind.push(kind);
        self.amount.push(amount);
        self.quantity.push(f32::NAN);
        self.category.push(NO_CODE);
        self.channel.push(NO_CODE);
        self.rating.push(f32::NAN);
        self.comment.push(NO_CODE);
        self.browse_minutes.push(f32::NAN);
    }

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

    #[test]
    fn an_optional_column_stores_nothing_until_a_value_comes() {
        let mut rating: OptionalColumn<f32> = OptionalColumn::default();
        rating.push(f32::NAN);
        rating.push(f32::NAN);
        assert_eq!((rating.len(), rating.is_stored(), rating.heap_bytes()), (2, false, 0));
        assert!(rating[1].is_nan());
        rating.push(4.0);
        rating.insert(0, 5.0);
        assert_eq!((rating.len(), rating.is_stored()), (4, true));
        assert_eq!((rating[0], rating[3]), (5.0, 4.0));
        assert!(rating[1].is_nan() && rating[2].is_nan());
        let mut codes = OptionalColumn::<u32>::absent(3);
        codes.insert(3, NO_CODE);
        assert_eq!((codes.len(), codes[3], codes.is_stored()), (4, NO_CODE, false));
        assert_eq!(OptionalColumn::from(vec![NO_CODE, 2]), [NO_CODE, 2]);
        assert!(!OptionalColumn::from(vec![NO_CODE; 5]).is_stored());
        assert_eq!(serde_json::to_string(&OptionalColumn::from(vec![1u32, NO_CODE])).unwrap(), "[1,4294967295]");
    }

    #[test]
    #[should_panic(expected = "out of range")]
    fn an_absent_column_still_checks_the_row() {
        let _ = OptionalColumn::<f32>::absent(2)[2];
    }
}

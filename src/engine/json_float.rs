//! JSON has no NaN: serde_json writes it as `null` and then refuses to read `null` back into an
//! `f64`, so one missing value would make a whole worker answer unreadable in the page. Fields that
//! can legitimately be "no value" use these helpers: NaN goes out as `null` and comes back as NaN.

use serde::{Deserialize, Deserializer, Serialize, Serializer};

pub mod nan_as_null {
    use super::*;

    pub fn serialize<S: Serializer>(value: &f64, serializer: S) -> Result<S::Ok, S::Error> {
        value.is_finite().then_some(*value).serialize(serializer)
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(deserializer: D) -> Result<f64, D::Error> {
        Ok(Option::<f64>::deserialize(deserializer)?.unwrap_or(f64::NAN))
    }
}

pub mod vec_nan_as_null {
    use super::*;

    pub fn serialize<S: Serializer>(values: &[f64], serializer: S) -> Result<S::Ok, S::Error> {
        values.iter().map(|v| v.is_finite().then_some(*v)).collect::<Vec<_>>().serialize(serializer)
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Vec<f64>, D::Error> {
        Ok(Vec::<Option<f64>>::deserialize(deserializer)?.into_iter().map(|v| v.unwrap_or(f64::NAN)).collect())
    }
}

#[cfg(test)]
mod tests {
    #[derive(serde::Serialize, serde::Deserialize, Debug)]
    struct Sample {
        #[serde(with = "super::nan_as_null")]
        one: f64,
        #[serde(with = "super::vec_nan_as_null")]
        many: Vec<f64>,
    }

    #[test]
    fn nan_round_trips_through_null() {
        let text = serde_json::to_string(&Sample { one: f64::NAN, many: vec![1.5, f64::NAN] }).unwrap();
        assert_eq!(text, r#"{"one":null,"many":[1.5,null]}"#);
        let back: Sample = serde_json::from_str(&text).unwrap();
        assert!(back.one.is_nan() && back.many[0] == 1.5 && back.many[1].is_nan());
    }
}

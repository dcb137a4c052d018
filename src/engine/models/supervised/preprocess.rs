//! Missing values and scaling, fitted on training rows only so nothing about the test rows leaks
//! into the model: medians fill missing values, and an optional z-score uses the training mean and
//! standard deviation (after imputation).

use serde::{Deserialize, Serialize};

use crate::engine::features::transform::{mean_and_sd, percentile};

/// What was done to one feature column.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ColumnPreparation {
    pub feature: String,
    /// Median of the training rows' values, used for every missing value.
    pub median: f64,
    /// z-score parameters (after imputation), when standardising.
    pub mean: Option<f64>,
    pub sd: Option<f64>,
}

/// Fitted imputation and scaling for every feature column.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Preprocessor {
    pub columns: Vec<ColumnPreparation>,
}

/// A feature column that has no value at all in the training rows: there is nothing to impute from.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct EmptyColumn {
    pub feature: String,
}

fn is_missing(v: f64) -> bool {
    !v.is_finite()
}

impl Preprocessor {
    /// Fits on `rows` of `columns` (raw values, NaN or infinite = missing).
    pub fn fit(
        columns: &[Vec<f64>],
        names: &[String],
        rows: &[usize],
        standardise: bool,
    ) -> Result<Preprocessor, EmptyColumn> {
        let prepared = columns
            .iter()
            .zip(names)
            .map(|(column, name)| {
                let values: Vec<f64> = rows.iter().map(|&r| column[r]).filter(|v| !is_missing(*v)).collect();
                if values.is_empty() {
                    return Err(EmptyColumn { feature: name.clone() });
                }
                let median = percentile(&values, 50.0);
                let (mean, sd) = if standardise {
                    let imputed: Vec<f64> =
                        rows.iter().map(|&r| if is_missing(column[r]) { median } else { column[r] }).collect();
                    let (mean, sd) = mean_and_sd(&imputed);
                    (Some(mean), Some(sd))
                } else {
                    (None, None)
                };
                Ok(ColumnPreparation { feature: name.clone(), median, mean, sd })
            })
            .collect::<Result<Vec<_>, _>>()?;
        Ok(Preprocessor { columns: prepared })
    }

    /// The prepared values of `rows` (all rows when `None`), column by column, and how many values
    /// of each column were imputed.
    pub fn apply(&self, columns: &[Vec<f64>], rows: Option<&[usize]>) -> (Vec<Vec<f64>>, Vec<usize>) {
        let mut imputed = vec![0; columns.len()];
        let prepared = columns
            .iter()
            .zip(&self.columns)
            .zip(imputed.iter_mut())
            .map(|((column, prep), imputed)| {
                let mut transform = |v: f64| {
                    let v = if is_missing(v) {
                        *imputed += 1;
                        prep.median
                    } else {
                        v
                    };
                    match (prep.mean, prep.sd) {
                        // A constant training column carries no information: it becomes 0 there,
                        // and other rows keep their distance from the training value.
                        (Some(mean), Some(sd)) if sd > 0.0 => (v - mean) / sd,
                        (Some(mean), Some(_)) => v - mean,
                        _ => v,
                    }
                };
                match rows {
                    Some(rows) => rows.iter().map(|&r| transform(column[r])).collect(),
                    None => column.iter().map(|&v| transform(v)).collect(),
                }
            })
            .collect();
        (prepared, imputed)
    }

    /// Linear-model weights learned on standardised columns, turned back into weights of the raw
    /// columns: `w_raw = w / sd`, `b_raw = b - sum(w * mean / sd)`.
    pub fn unstandardise(&self, intercept: f64, weights: &[f64]) -> (f64, Vec<f64>) {
        let mut b = intercept;
        let raw = weights
            .iter()
            .zip(&self.columns)
            .map(|(&w, prep)| match (prep.mean, prep.sd) {
                (Some(mean), Some(sd)) => {
                    let scale = if sd > 0.0 { sd } else { 1.0 };
                    b -= w * mean / scale;
                    w / scale
                }
                _ => w,
            })
            .collect();
        (b, raw)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(n: usize) -> Vec<String> {
        (0..n).map(|i| format!("f{i}")).collect()
    }

    #[test]
    fn medians_come_from_training_rows_only() {
        // Column [1, NaN, 3, 100, NaN]; training rows 0, 1, 2: median of {1, 3} = 2.
        // The test row 3's value 100 must not move the median.
        let columns = vec![vec![1.0, f64::NAN, 3.0, 100.0, f64::NAN]];
        let prep = Preprocessor::fit(&columns, &names(1), &[0, 1, 2], false).unwrap();
        assert_eq!(prep.columns[0].median, 2.0);
        let (train, imputed) = prep.apply(&columns, Some(&[0, 1, 2]));
        assert_eq!(train, vec![vec![1.0, 2.0, 3.0]]);
        assert_eq!(imputed, vec![1]);
        let (test, imputed) = prep.apply(&columns, Some(&[3, 4]));
        assert_eq!(test, vec![vec![100.0, 2.0]]);
        assert_eq!(imputed, vec![1]);
    }

    #[test]
    fn standardising_uses_training_mean_and_sd() {
        // Training values [2, 4, NaN -> median 3]: mean 3, population sd sqrt(2/3).
        let columns = vec![vec![2.0, 4.0, f64::NAN, 6.0], vec![5.0, 5.0, 5.0, 7.0]];
        let prep = Preprocessor::fit(&columns, &names(2), &[0, 1, 2], true).unwrap();
        let sd = (2.0f64 / 3.0).sqrt();
        let (all, _) = prep.apply(&columns, None);
        assert!((all[0][0] + 1.0 / sd).abs() < 1e-12);
        assert_eq!(all[0][2], 0.0);
        assert!((all[0][3] - 3.0 / sd).abs() < 1e-12);
        // The constant column: 0 on the training rows, the raw distance elsewhere.
        assert_eq!(all[1], vec![0.0, 0.0, 0.0, 2.0]);
    }

    #[test]
    fn unstandardised_weights_predict_the_same() {
        let columns = vec![vec![1.0, 2.0, 4.0], vec![10.0, 0.0, 5.0]];
        let prep = Preprocessor::fit(&columns, &names(2), &[0, 1, 2], true).unwrap();
        let (z, _) = prep.apply(&columns, None);
        let (b, w) = (1.5, [2.0, -0.5]);
        let (raw_b, raw_w) = prep.unstandardise(b, &w);
        for row in 0..3 {
            let on_z = b + w[0] * z[0][row] + w[1] * z[1][row];
            let on_raw = raw_b + raw_w[0] * columns[0][row] + raw_w[1] * columns[1][row];
            assert!((on_z - on_raw).abs() < 1e-12);
        }
    }

    #[test]
    fn a_column_without_training_values_is_named() {
        let columns = vec![vec![1.0, 2.0], vec![f64::NAN, 3.0]];
        let err = Preprocessor::fit(&columns, &names(2), &[0], false).unwrap_err();
        assert_eq!(err.feature, "f1");
    }
}

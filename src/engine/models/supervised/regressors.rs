//! The value models over smartcore: a CART tree, a random forest and ordinary least squares.
//!
//! The forest is grown one tree at a time (each a smartcore forest of one bootstrap tree with its
//! own seed, derived from (forest seed, tree index)), so trees can be grown on any thread or worker
//! in any order and progress is reported after every tree; predictions are the mean of the trees,
//! exactly what a forest predicts.

use std::ops::Range;

use smartcore::ensemble::random_forest_regressor::{RandomForestRegressor, RandomForestRegressorParameters};
use smartcore::linalg::basic::arrays::Array;
use smartcore::linalg::basic::matrix::DenseMatrix;
use smartcore::linear::linear_regression::{LinearRegression, LinearRegressionParameters, LinearRegressionSolverName};
use smartcore::tree::decision_tree_regressor::{DecisionTreeRegressor, DecisionTreeRegressorParameters};

use crate::engine::models::parallel::{default_threads, map_indexed};
use crate::engine::rng::Rng;

use super::error::ModelError;
use super::params::{smartcore_depth, ForestParams, RegressionModel};

type Matrix = DenseMatrix<f64>;

/// Feature columns (one vector per feature, equal lengths) as a column-major smartcore matrix: trees
/// read whole columns.
pub(crate) fn to_matrix(columns: &[Vec<f64>]) -> Result<Matrix, ModelError> {
    let rows = columns.first().map_or(0, Vec::len);
    let values: Vec<f64> = columns.iter().flatten().copied().collect();
    DenseMatrix::new(rows, columns.len(), values, true).map_err(ModelError::library)
}

pub(crate) enum FittedRegressor {
    Tree(Box<DecisionTreeRegressor<f64, f64, Matrix, Vec<f64>>>),
    Forest(Vec<ForestTree>),
    Linear(Box<LinearRegression<f64, f64, Matrix, Vec<f64>>>),
}

/// Work units of one fit (for progress): one per tree of a forest, else one.
pub(crate) fn fit_units(model: &RegressionModel) -> u64 {
    match model {
        RegressionModel::RandomForest(p) => p.n_trees as u64,
        _ => 1,
    }
}

/// The seed of tree `index`: from its own stream of the portable generator, so it does not depend on
/// which trees are grown where.
pub(crate) fn tree_seed(forest_seed: u64, index: usize) -> u64 {
    Rng::for_stream(forest_seed, index as u64).next_u64()
}

type ForestTree = RandomForestRegressor<f64, f64, Matrix, Vec<f64>>;

/// Where a forest's trees come from.
#[derive(Clone, Copy)]
pub(crate) enum TreeSource<'a> {
    Grow,
    /// Every tree of the forest in index order, as `grow_tree_share` wrote them.
    Given(&'a [String]),
}

/// Trees `indices` of the forest `p` on (x, y) with `features` columns, in index order, on `threads`
/// threads; `tick` after each.
fn grow_trees(
    p: &ForestParams,
    x: &Matrix,
    y: &Vec<f64>,
    features: usize,
    indices: Range<usize>,
    threads: usize,
    tick: &mut dyn FnMut(),
) -> Result<Vec<ForestTree>, ModelError> {
    let m = p.resolved_features_per_split(features);
    let first = indices.start;
    let trees = map_indexed(
        indices.len(),
        threads,
        |offset| {
            let params = RandomForestRegressorParameters {
                max_depth: Some(smartcore_depth(p.max_depth)),
                min_samples_leaf: p.min_samples_leaf,
                min_samples_split: p.min_samples_split,
                n_trees: 1,
                m: Some(m),
                keep_samples: false,
                seed: tree_seed(p.seed, first + offset),
            };
            RandomForestRegressor::fit(x, y, params).map_err(ModelError::library)
        },
        &mut |_| tick(),
    );
    trees.into_iter().collect()
}

/// Trees `indices` of the forest `p` on these columns, each written as text (exact: floats
/// round-trip), for a forest put together elsewhere (`TreeSource::Given`).
pub(crate) fn grow_tree_share(
    p: &ForestParams,
    columns: &[Vec<f64>],
    y: &[f64],
    indices: Range<usize>,
    tick: &mut dyn FnMut(),
) -> Result<Vec<String>, ModelError> {
    let x = to_matrix(columns)?;
    let trees = grow_trees(p, &x, &y.to_vec(), columns.len(), indices, default_threads(), tick)?;
    trees
        .iter()
        .map(|tree| serde_json::to_string(tree).map_err(|e| ModelError::Library { message: e.to_string() }))
        .collect()
}

impl FittedRegressor {
    /// Fits on finite feature columns; `tick` is called once per work unit.
    pub(crate) fn fit(
        model: &RegressionModel,
        columns: &[Vec<f64>],
        y: &[f64],
        tick: &mut dyn FnMut(),
    ) -> Result<FittedRegressor, ModelError> {
        FittedRegressor::fit_on(model, columns, y, default_threads(), tick)
    }

    /// `fit` with a forest's trees grown on `threads` threads (the same forest for any number).
    pub(crate) fn fit_on(
        model: &RegressionModel,
        columns: &[Vec<f64>],
        y: &[f64],
        threads: usize,
        tick: &mut dyn FnMut(),
    ) -> Result<FittedRegressor, ModelError> {
        FittedRegressor::fit_from(model, columns, y, TreeSource::Grow, threads, tick)
    }

    /// `fit_on`, a forest's trees grown here or `Given` (grown elsewhere, `grow_tree_share`).
    pub(crate) fn fit_from(
        model: &RegressionModel,
        columns: &[Vec<f64>],
        y: &[f64],
        source: TreeSource,
        threads: usize,
        tick: &mut dyn FnMut(),
    ) -> Result<FittedRegressor, ModelError> {
        let x = to_matrix(columns)?;
        let y = y.to_vec();
        let fitted = match model {
            RegressionModel::DecisionTree(p) => {
                let params = DecisionTreeRegressorParameters {
                    max_depth: Some(smartcore_depth(p.max_depth)),
                    min_samples_leaf: p.min_samples_leaf,
                    min_samples_split: p.min_samples_split,
                    seed: Some(p.seed),
                };
                let tree = DecisionTreeRegressor::fit(&x, &y, params).map_err(ModelError::library)?;
                tick();
                FittedRegressor::Tree(Box::new(tree))
            }
            RegressionModel::RandomForest(p) => {
                let trees = match source {
                    TreeSource::Grow => grow_trees(p, &x, &y, columns.len(), 0..p.n_trees, threads, tick)?,
                    TreeSource::Given(given) => given
                        .iter()
                        .map(|tree| {
                            tick();
                            serde_json::from_str(tree)
                                .map_err(|e| ModelError::Library { message: format!("a grown tree: {e}") })
                        })
                        .collect::<Result<Vec<_>, _>>()?,
                };
                FittedRegressor::Forest(trees)
            }
            RegressionModel::Linear => {
                let params = LinearRegressionParameters { solver: LinearRegressionSolverName::SVD };
                let linear = LinearRegression::fit(&x, &y, params).map_err(ModelError::library)?;
                tick();
                FittedRegressor::Linear(Box::new(linear))
            }
        };
        Ok(fitted)
    }

    pub(crate) fn predict(&self, columns: &[Vec<f64>]) -> Result<Vec<f64>, ModelError> {
        let x = to_matrix(columns)?;
        let predicted = match self {
            FittedRegressor::Tree(tree) => tree.predict(&x).map_err(ModelError::library)?,
            FittedRegressor::Forest(trees) => {
                let mut sum = vec![0.0; x.shape().0];
                for tree in trees {
                    for (s, p) in sum.iter_mut().zip(tree.predict(&x).map_err(ModelError::library)?) {
                        *s += p;
                    }
                }
                let n = trees.len().max(1) as f64;
                sum.into_iter().map(|s| s / n).collect()
            }
            FittedRegressor::Linear(linear) => linear.predict(&x).map_err(ModelError::library)?,
        };
        if predicted.iter().any(|v| !v.is_finite()) {
            return Err(ModelError::NonFinitePrediction);
        }
        Ok(predicted)
    }

    /// Intercept and weights of a linear model (on the columns it was fitted on).
    pub(crate) fn linear_coefficients(&self) -> Option<(f64, Vec<f64>)> {
        match self {
            FittedRegressor::Linear(linear) => {
                let weights = linear.coefficients();
                let (rows, _) = weights.shape();
                Some((*linear.intercept(), (0..rows).map(|i| *weights.get((i, 0))).collect()))
            }
            _ => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::params::{ForestParams, TreeParams};
    use super::*;

    #[test]
    fn least_squares_recovers_an_exact_plane() {
        // y = 3 + 2 x0 - x1 on a small grid: the residual is 0, so OLS returns these weights.
        let x0: Vec<f64> = (0..12).map(|i| f64::from(i % 4)).collect();
        let x1: Vec<f64> = (0..12).map(|i| f64::from(i / 4) * 1.5).collect();
        let y: Vec<f64> = x0.iter().zip(&x1).map(|(a, b)| 3.0 + 2.0 * a - b).collect();
        let fitted = FittedRegressor::fit(&RegressionModel::Linear, &[x0.clone(), x1.clone()], &y, &mut || {}).unwrap();
        let (b, w) = fitted.linear_coefficients().unwrap();
        assert!((b - 3.0).abs() < 1e-9 && (w[0] - 2.0).abs() < 1e-9 && (w[1] + 1.0).abs() < 1e-9, "{b} {w:?}");
        let predicted = fitted.predict(&[x0, x1]).unwrap();
        assert!(predicted.iter().zip(&y).all(|(p, t)| (p - t).abs() < 1e-9));
    }

    #[test]
    fn a_stump_predicts_the_mean_of_each_side() {
        // x = 0..8, y = 1 for x < 4 and 5 for x >= 4: one split at depth 1 separates them, so the
        // leaves predict exactly 1 and 5.
        let x: Vec<f64> = (0..8).map(f64::from).collect();
        let y: Vec<f64> = x.iter().map(|&v| if v < 4.0 { 1.0 } else { 5.0 }).collect();
        let model = RegressionModel::DecisionTree(TreeParams {
            max_depth: 1,
            min_samples_leaf: 1,
            min_samples_split: 2,
            seed: 1,
        });
        let fitted = FittedRegressor::fit(&model, std::slice::from_ref(&x), &y, &mut || {}).unwrap();
        assert_eq!(fitted.predict(&[vec![0.0, 3.0, 4.0, 7.0]]).unwrap(), vec![1.0, 1.0, 5.0, 5.0]);
    }

    #[test]
    fn a_forest_reports_every_tree_and_is_reproducible() {
        let x0: Vec<f64> = (0..60).map(|i| f64::from(i % 10)).collect();
        let x1: Vec<f64> = (0..60).map(|i| f64::from((i * 7) % 13)).collect();
        let y: Vec<f64> = x0.iter().zip(&x1).map(|(a, b)| a * 2.0 + (b > &6.0) as i32 as f64).collect();
        let model = RegressionModel::RandomForest(ForestParams { n_trees: 7, ..Default::default() });
        let mut ticks = 0;
        let a = FittedRegressor::fit(&model, &[x0.clone(), x1.clone()], &y, &mut || ticks += 1).unwrap();
        assert_eq!(ticks, 7);
        let b = FittedRegressor::fit(&model, &[x0.clone(), x1.clone()], &y, &mut || {}).unwrap();
        let (pa, pb) = (a.predict(&[x0.clone(), x1.clone()]).unwrap(), b.predict(&[x0.clone(), x1.clone()]).unwrap());
        assert_eq!(pa, pb);
        // Grown on 1 or several threads: the same trees, so the same predictions to the bit.
        for threads in [1, 3] {
            let mut ticks = 0;
            let c =
                FittedRegressor::fit_on(&model, &[x0.clone(), x1.clone()], &y, threads, &mut || ticks += 1).unwrap();
            assert_eq!(ticks, 7);
            assert_eq!(c.predict(&[x0.clone(), x1.clone()]).unwrap(), pa, "{threads} threads");
        }
        // Every prediction is a mean of leaf means, so it stays within the target's range.
        assert!(pa.iter().all(|&p| (0.0..=19.0).contains(&p)));
    }
}

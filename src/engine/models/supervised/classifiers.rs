//! The tier models over smartcore: multinomial logistic regression and a CART classification tree,
//! both with class probabilities for ROC curves.
//!
//! - Logistic regression: the project's own fit (`logistic.rs`): the same objective as scikit-learn,
//!   an order of magnitude faster than smartcore's solver; probabilities are the softmax (two
//!   classes: the sigmoid) of the linear scores.
//! - Tree: smartcore's `predict_proba` returns 1 for the predicted class and 0 elsewhere, which
//!   would make every ROC curve a single corner. A tree's probabilities are the class frequencies of
//!   the training rows in each leaf (as scikit-learn defines them); smartcore keeps the tree's nodes
//!   private but serialises them, so the tree is read through serde, the training rows are routed
//!   to their leaves with the same `value <= threshold` rule as smartcore's `predict`, and their
//!   classes counted. If the serialised form ever changes, the probabilities are reported as
//!   unavailable rather than guessed.

use serde::Deserialize;
use smartcore::linalg::basic::matrix::DenseMatrix;
use smartcore::tree::decision_tree_classifier::{
    DecisionTreeClassifier, DecisionTreeClassifierParameters, SplitCriterion,
};

use super::error::ModelError;
use super::logistic::{fit_logistic, most_probable, LogisticError, LogisticFit};
use super::params::{smartcore_depth, ClassificationModel};
use super::regressors::to_matrix;

type Matrix = DenseMatrix<f64>;

pub(crate) enum FittedClassifier {
    Logistic {
        model: Box<LogisticFit>,
        classes: usize,
    },
    Tree {
        model: Box<DecisionTreeClassifier<f64, u32, Matrix, Vec<u32>>>,
        /// Class probabilities, or why they could not be read.
        leaves: Result<LeafFrequencies, String>,
    },
}

/// Class probabilities per row: `probabilities[row][class]` over all classes of the training set.
pub(crate) type Probabilities = Vec<Vec<f64>>;

impl FittedClassifier {
    /// Fits on finite feature columns; labels are class numbers below `classes`, with at least two
    /// different classes among them.
    pub(crate) fn fit(
        model: &ClassificationModel,
        columns: &[Vec<f64>],
        labels: &[usize],
        classes: usize,
    ) -> Result<FittedClassifier, ModelError> {
        let present = {
            let mut seen = vec![false; classes];
            labels.iter().for_each(|&l| seen[l] = true);
            seen.iter().filter(|&&s| s).count()
        };
        if present < 2 {
            return Err(ModelError::TooFewClasses { classes_in_training: present });
        }
        let y: Vec<u32> = labels.iter().map(|&l| l as u32).collect();
        match model {
            ClassificationModel::Logistic(p) => {
                let model = fit_logistic(columns, labels, p.alpha).map_err(|e| match e {
                    LogisticError::TooFewClasses => ModelError::TooFewClasses { classes_in_training: present },
                    LogisticError::TooManyClasses => {
                        ModelError::Library { message: format!("{present} classes are more than logistic regression takes") }
                    }
                    LogisticError::NotConverged { iterations, gradient_norm } => ModelError::Library {
                        message: format!(
                            "logistic regression did not converge ({iterations} iterations, gradient {gradient_norm:.2e})"
                        ),
                    },
                })?;
                Ok(FittedClassifier::Logistic { model: Box::new(model), classes })
            }
            ClassificationModel::DecisionTree(p) => {
                let x = to_matrix(columns)?;
                let params = DecisionTreeClassifierParameters {
                    criterion: SplitCriterion::Gini,
                    max_depth: Some(smartcore_depth(p.max_depth)),
                    min_samples_leaf: p.min_samples_leaf,
                    min_samples_split: p.min_samples_split,
                    seed: Some(p.seed),
                };
                let model = DecisionTreeClassifier::fit(&x, &y, params).map_err(ModelError::library)?;
                let leaves = LeafFrequencies::of(&model, columns, labels, classes);
                Ok(FittedClassifier::Tree { model: Box::new(model), leaves })
            }
        }
    }

    /// Predicted class numbers.
    pub(crate) fn predict(&self, columns: &[Vec<f64>]) -> Result<Vec<usize>, ModelError> {
        match self {
            FittedClassifier::Logistic { model, classes } => Ok(model.predict(columns, *classes)),
            FittedClassifier::Tree { model, .. } => {
                let predicted = model.predict(&to_matrix(columns)?).map_err(ModelError::library)?;
                Ok(predicted.into_iter().map(|c| c as usize).collect())
            }
        }
    }

    /// Predicted classes and the probabilities, computed once for logistic regression (its prediction
    /// is the most probable class).
    pub(crate) fn predict_with_probabilities(
        &self,
        columns: &[Vec<f64>],
    ) -> Result<(Vec<usize>, Result<Probabilities, String>), ModelError> {
        match self {
            FittedClassifier::Logistic { model, classes } => {
                let probabilities = model.probabilities(columns, *classes);
                Ok((probabilities.iter().map(|p| most_probable(p)).collect(), Ok(probabilities)))
            }
            FittedClassifier::Tree { .. } => Ok((self.predict(columns)?, self.probabilities(columns))),
        }
    }

    /// Class probabilities, or why there are none.
    pub(crate) fn probabilities(&self, columns: &[Vec<f64>]) -> Result<Probabilities, String> {
        match self {
            FittedClassifier::Logistic { model, classes } => Ok(model.probabilities(columns, *classes)),
            FittedClassifier::Tree { leaves, .. } => {
                leaves.as_ref().map(|l| l.probabilities(columns)).map_err(Clone::clone)
            }
        }
    }
}

/// The parts of smartcore's serialised classification tree needed to route a row to its leaf.
#[derive(Deserialize)]
struct TreeShape {
    nodes: Vec<NodeShape>,
}

#[derive(Deserialize)]
struct NodeShape {
    split_feature: usize,
    split_value: Option<f64>,
    true_child: Option<usize>,
    false_child: Option<usize>,
}

/// Training class frequencies in every leaf of a fitted tree.
pub(crate) struct LeafFrequencies {
    nodes: Vec<NodeShape>,
    /// Per node (only leaves are filled): share of each class among the training rows there.
    shares: Vec<Vec<f64>>,
    classes: usize,
}

impl LeafFrequencies {
    fn of(
        tree: &DecisionTreeClassifier<f64, u32, Matrix, Vec<u32>>,
        columns: &[Vec<f64>],
        labels: &[usize],
        classes: usize,
    ) -> Result<LeafFrequencies, String> {
        let unreadable = |e: serde_json::Error| format!("the tree's structure could not be read ({e})");
        let shape: TreeShape = serde_json::to_value(tree).and_then(serde_json::from_value).map_err(unreadable)?;
        let mut leaves = LeafFrequencies { shares: vec![vec![]; shape.nodes.len()], nodes: shape.nodes, classes };
        let mut counts = vec![vec![0u64; classes]; leaves.nodes.len()];
        for (row, &label) in labels.iter().enumerate() {
            let leaf = leaves.leaf_of(columns, row).ok_or("the tree's structure is inconsistent")?;
            counts[leaf][label] += 1;
        }
        for (node, count) in counts.iter().enumerate() {
            let total: u64 = count.iter().sum();
            if total > 0 {
                leaves.shares[node] = count.iter().map(|&c| c as f64 / total as f64).collect();
            }
        }
        Ok(leaves)
    }

    /// The leaf a row falls into, following smartcore's rule: `value <= threshold` goes to the
    /// "true" child.
    fn leaf_of(&self, columns: &[Vec<f64>], row: usize) -> Option<usize> {
        let mut node = 0;
        // A path is never longer than the node count; the bound guards against a malformed tree.
        for _ in 0..=self.nodes.len() {
            let shape = self.nodes.get(node)?;
            let Some(true_child) = shape.true_child else { return Some(node) };
            let value = columns.get(shape.split_feature)?[row];
            node = if value <= shape.split_value.unwrap_or(f64::NAN) { true_child } else { shape.false_child? };
        }
        None
    }

    fn probabilities(&self, columns: &[Vec<f64>]) -> Probabilities {
        let rows = columns.first().map_or(0, Vec::len);
        // A leaf no training row reaches cannot happen with smartcore's own split rule; should it,
        // the row gets no probability for any class rather than an invented one.
        (0..rows)
            .map(|row| match self.leaf_of(columns, row).map(|leaf| &self.shares[leaf]) {
                Some(shares) if !shares.is_empty() => shares.clone(),
                _ => vec![0.0; self.classes],
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::super::params::{LogisticParams, TreeParams};
    use super::*;

    /// Three classes along x0 with some overlap; x1 is noise.
    fn three_classes() -> (Vec<Vec<f64>>, Vec<usize>) {
        let mut x0 = vec![];
        let mut x1 = vec![];
        let mut y = vec![];
        for i in 0..90 {
            let class = i % 3;
            x0.push(class as f64 * 2.0 + ((i * 7) % 10) as f64 / 4.0);
            x1.push(((i * 13) % 17) as f64);
            y.push(class);
        }
        (vec![x0, x1], y)
    }

    #[test]
    fn logistic_probabilities_agree_with_its_predictions() {
        let (x, y) = three_classes();
        let model = ClassificationModel::Logistic(LogisticParams { alpha: 0.1 });
        let fitted = FittedClassifier::fit(&model, &x, &y, 3).unwrap();
        let predicted = fitted.predict(&x).unwrap();
        let p = fitted.probabilities(&x).unwrap();
        for (row, probs) in p.iter().enumerate() {
            assert!((probs.iter().sum::<f64>() - 1.0).abs() < 1e-9);
            let argmax = (0..3).max_by(|&a, &b| probs[a].total_cmp(&probs[b])).unwrap();
            assert_eq!(argmax, predicted[row], "row {row}: {probs:?}");
        }
        let accuracy = predicted.iter().zip(&y).filter(|(p, t)| p == t).count() as f64 / 90.0;
        assert!(accuracy > 0.8, "{accuracy}");
    }

    #[test]
    fn binary_logistic_probabilities_use_the_sigmoid() {
        let x = vec![(0..40).map(|i| f64::from(i) / 4.0).collect::<Vec<_>>()];
        let y: Vec<usize> = (0..40).map(|i| usize::from(i >= 20 || i % 7 == 0)).collect();
        let fitted =
            FittedClassifier::fit(&ClassificationModel::Logistic(LogisticParams { alpha: 0.5 }), &x, &y, 2).unwrap();
        let predicted = fitted.predict(&x).unwrap();
        let p = fitted.probabilities(&x).unwrap();
        for (row, probs) in p.iter().enumerate() {
            assert_eq!(usize::from(probs[1] > 0.5), predicted[row]);
        }
        // Larger x, more likely class 1.
        assert!(p[39][1] > p[0][1]);
    }

    #[test]
    fn tree_probabilities_are_leaf_class_shares() {
        // x = 0..10; classes: 0 for x < 5 except x = 3 (class 1), 1 for x >= 5. With depth 1 the
        // split is at x <= 4.5 (a pure right side): the left leaf holds {0,0,0,1,0} -> (0.8, 0.2).
        let x = vec![(0..10).map(f64::from).collect::<Vec<_>>()];
        let y = vec![0, 0, 0, 1, 0, 1, 1, 1, 1, 1];
        let model = ClassificationModel::DecisionTree(TreeParams {
            max_depth: 1,
            min_samples_leaf: 1,
            min_samples_split: 2,
            seed: 3,
        });
        let fitted = FittedClassifier::fit(&model, &x, &y, 2).unwrap();
        let p = fitted.probabilities(&x).unwrap();
        assert_eq!(p[0], vec![0.8, 0.2]);
        assert_eq!(p[9], vec![0.0, 1.0]);
        assert_eq!(fitted.predict(&x).unwrap(), vec![0, 0, 0, 0, 0, 1, 1, 1, 1, 1]);
    }

    #[test]
    fn a_single_class_cannot_be_learned() {
        let x = vec![vec![1.0, 2.0, 3.0]];
        let model = ClassificationModel::Logistic(LogisticParams::default());
        assert!(matches!(
            FittedClassifier::fit(&model, &x, &[1, 1, 1], 3),
            Err(ModelError::TooFewClasses { classes_in_training: 1 })
        ));
    }
}

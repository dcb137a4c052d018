//! Classification metrics, defined as scikit-learn defines them: macro averages are plain means of
//! the per-class values over the classes that occur in the actual or the predicted labels; a
//! precision or recall with an empty denominator counts as 0 (`zero_division=0`); ROC curves are
//! one-vs-rest on class probabilities with a point per distinct score.

use serde::{Deserialize, Serialize};

/// Counts of (actual, predicted) pairs: `counts[actual][predicted]`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ConfusionMatrix {
    pub counts: Vec<Vec<u64>>,
}

impl ConfusionMatrix {
    /// Labels are class numbers below `classes`.
    pub fn of(actual: &[usize], predicted: &[usize], classes: usize) -> ConfusionMatrix {
        let mut counts = vec![vec![0u64; classes]; classes];
        for (&a, &p) in actual.iter().zip(predicted) {
            counts[a][p] += 1;
        }
        ConfusionMatrix { counts }
    }

    fn classes(&self) -> usize {
        self.counts.len()
    }

    fn total(&self) -> u64 {
        self.counts.iter().flatten().sum()
    }

    fn actual_count(&self, class: usize) -> u64 {
        self.counts[class].iter().sum()
    }

    fn predicted_count(&self, class: usize) -> u64 {
        self.counts.iter().map(|row| row[class]).sum()
    }
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ClassScores {
    pub precision: f64,
    pub recall: f64,
    pub f1: f64,
    /// Test rows whose actual class this is.
    pub support: u64,
}

#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub struct ClassificationMetrics {
    pub accuracy: f64,
    pub macro_precision: f64,
    pub macro_recall: f64,
    pub macro_f1: f64,
    /// Mean one-vs-rest ROC AUC over the classes that have both positives and negatives in the
    /// test set; `None` without class probabilities.
    pub macro_auc: Option<f64>,
}

fn ratio(numerator: u64, denominator: u64) -> f64 {
    if denominator == 0 {
        0.0
    } else {
        numerator as f64 / denominator as f64
    }
}

/// Precision, recall and F1 of every class.
pub fn class_scores(confusion: &ConfusionMatrix) -> Vec<ClassScores> {
    (0..confusion.classes())
        .map(|c| {
            let tp = confusion.counts[c][c];
            let precision = ratio(tp, confusion.predicted_count(c));
            let recall = ratio(tp, confusion.actual_count(c));
            let f1 = if precision + recall > 0.0 { 2.0 * precision * recall / (precision + recall) } else { 0.0 };
            ClassScores { precision, recall, f1, support: confusion.actual_count(c) }
        })
        .collect()
}

/// Accuracy and macro averages; `macro_auc` is filled in by the caller when probabilities exist.
pub fn classification_metrics(confusion: &ConfusionMatrix) -> ClassificationMetrics {
    let scores = class_scores(confusion);
    let present: Vec<usize> = (0..confusion.classes())
        .filter(|&c| confusion.actual_count(c) > 0 || confusion.predicted_count(c) > 0)
        .collect();
    let mean = |f: fn(&ClassScores) -> f64| {
        if present.is_empty() {
            0.0
        } else {
            present.iter().map(|&c| f(&scores[c])).sum::<f64>() / present.len() as f64
        }
    };
    let correct: u64 = (0..confusion.classes()).map(|c| confusion.counts[c][c]).sum();
    ClassificationMetrics {
        accuracy: ratio(correct, confusion.total()),
        macro_precision: mean(|s| s.precision),
        macro_recall: mean(|s| s.recall),
        macro_f1: mean(|s| s.f1),
        macro_auc: None,
    }
}

/// A ROC curve: false and true positive rates from the highest threshold down, starting at (0, 0)
/// and ending at (1, 1).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct RocCurve {
    pub fpr: Vec<f64>,
    pub tpr: Vec<f64>,
    pub auc: f64,
}

/// The ROC curve of `scores` for the rows marked positive; `None` when there are no positives or
/// no negatives (the rates are undefined).
pub fn roc_curve(positive: &[bool], scores: &[f64]) -> Option<RocCurve> {
    let positives = positive.iter().filter(|&&p| p).count();
    let negatives = positive.len() - positives;
    if positives == 0 || negatives == 0 {
        return None;
    }
    let mut order: Vec<usize> = (0..scores.len()).collect();
    order.sort_by(|&a, &b| scores[b].total_cmp(&scores[a]));
    let (mut tp, mut fp) = (0usize, 0usize);
    let mut fpr = vec![0.0];
    let mut tpr = vec![0.0];
    for (rank, &row) in order.iter().enumerate() {
        if positive[row] {
            tp += 1;
        } else {
            fp += 1;
        }
        // Tied scores share one threshold: emit a point only after the last of them.
        let last_of_tie = order.get(rank + 1).is_none_or(|&next| scores[next] != scores[row]);
        if last_of_tie {
            fpr.push(fp as f64 / negatives as f64);
            tpr.push(tp as f64 / positives as f64);
        }
    }
    let auc = trapezoid_area(&fpr, &tpr);
    Some(RocCurve { fpr, tpr, auc })
}

/// Area under a curve given by points sorted by x.
pub fn trapezoid_area(x: &[f64], y: &[f64]) -> f64 {
    x.windows(2).zip(y.windows(2)).map(|(x, y)| (x[1] - x[0]) * (y[0] + y[1]) / 2.0).sum()
}

/// The curve with at most `limit` points (first and last kept, the rest evenly spaced), for
/// plotting; the AUC stays the one of the full curve.
pub fn thin_curve(curve: &RocCurve, limit: usize) -> RocCurve {
    let n = curve.fpr.len();
    if n <= limit || limit < 2 {
        return curve.clone();
    }
    let keep: Vec<usize> = (0..limit).map(|i| (i * (n - 1) + (limit - 1) / 2) / (limit - 1)).collect();
    let mut keep = keep;
    keep.dedup();
    RocCurve {
        fpr: keep.iter().map(|&i| curve.fpr[i]).collect(),
        tpr: keep.iter().map(|&i| curve.tpr[i]).collect(),
        auc: curve.auc,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hand_computed_scores() {
        // actual    [0, 0, 1, 1, 1, 2]
        // predicted [0, 1, 1, 1, 2, 2]
        // confusion rows = actual: [1 1 0], [0 2 1], [0 0 1]
        // class 0: tp 1, predicted 1, actual 2 -> P 1, R 0.5, F1 2*0.5/1.5 = 2/3
        // class 1: tp 2, predicted 3, actual 3 -> P 2/3, R 2/3, F1 2/3
        // class 2: tp 1, predicted 2, actual 1 -> P 0.5, R 1, F1 2*0.5/1.5 = 2/3
        // accuracy 4/6; macro P = (1 + 2/3 + 1/2)/3 = 13/18; macro R = (1/2 + 2/3 + 1)/3 = 13/18;
        // macro F1 = 2/3.
        let confusion = ConfusionMatrix::of(&[0, 0, 1, 1, 1, 2], &[0, 1, 1, 1, 2, 2], 3);
        assert_eq!(confusion.counts, vec![vec![1, 1, 0], vec![0, 2, 1], vec![0, 0, 1]]);
        let m = classification_metrics(&confusion);
        let close = |a: f64, b: f64| assert!((a - b).abs() < 1e-12, "{a} != {b}");
        close(m.accuracy, 4.0 / 6.0);
        close(m.macro_precision, 13.0 / 18.0);
        close(m.macro_recall, 13.0 / 18.0);
        close(m.macro_f1, 2.0 / 3.0);
        let per_class = class_scores(&confusion);
        close(per_class[0].recall, 0.5);
        close(per_class[2].precision, 0.5);
        assert_eq!(per_class[1].support, 3);
    }

    #[test]
    fn absent_classes_are_left_out_of_macro_averages_and_empty_denominators_count_zero() {
        // Classes 0..4 but only 0 and 1 occur. actual [0, 0, 1], predicted [0, 0, 0]:
        // class 0: P 2/3, R 1, F1 0.8; class 1: never predicted -> P 0 (zero division), R 0, F1 0.
        // macro over {0, 1}: P 1/3, R 0.5, F1 0.4.
        let m = classification_metrics(&ConfusionMatrix::of(&[0, 0, 1], &[0, 0, 0], 4));
        assert!((m.macro_precision - 1.0 / 3.0).abs() < 1e-12);
        assert!((m.macro_recall - 0.5).abs() < 1e-12);
        assert!((m.macro_f1 - 0.4).abs() < 1e-12);
    }

    #[test]
    fn roc_curve_and_auc_by_hand() {
        // scikit-learn's roc_curve example: y = [0, 0, 1, 1], scores [0.1, 0.4, 0.35, 0.8].
        // Descending: 0.8 (pos) -> (0, 0.5); 0.4 (neg) -> (0.5, 0.5); 0.35 (pos) -> (0.5, 1);
        // 0.1 (neg) -> (1, 1). AUC = 0.5 * 0.5 (second step) + 0.5 * 1 (last step) = 0.75.
        let curve = roc_curve(&[false, false, true, true], &[0.1, 0.4, 0.35, 0.8]).unwrap();
        assert_eq!(curve.fpr, vec![0.0, 0.0, 0.5, 0.5, 1.0]);
        assert_eq!(curve.tpr, vec![0.0, 0.5, 0.5, 1.0, 1.0]);
        assert!((curve.auc - 0.75).abs() < 1e-12);
    }

    #[test]
    fn tied_scores_form_one_diagonal_step() {
        // One positive and one negative with the same score: a single point (1, 1) after (0, 0),
        // AUC 0.5 (the tie counts half, as in the Mann-Whitney statistic).
        let curve = roc_curve(&[true, false], &[0.3, 0.3]).unwrap();
        assert_eq!(curve.fpr, vec![0.0, 1.0]);
        assert!((curve.auc - 0.5).abs() < 1e-12);
        assert!(roc_curve(&[true, true], &[0.1, 0.2]).is_none());
    }

    #[test]
    fn thinning_keeps_the_ends() {
        let positive: Vec<bool> = (0..500).map(|i| i % 3 == 0).collect();
        let scores: Vec<f64> =
            (0..500).map(|i| ((i * 37) % 101) as f64 + if i % 3 == 0 { 30.0 } else { 0.0 }).collect();
        let curve = roc_curve(&positive, &scores).unwrap();
        let thin = thin_curve(&curve, 50);
        assert!(thin.fpr.len() <= 50);
        assert_eq!((thin.fpr[0], thin.tpr[0]), (0.0, 0.0));
        assert_eq!((*thin.fpr.last().unwrap(), *thin.tpr.last().unwrap()), (1.0, 1.0));
        assert_eq!(thin.auc, curve.auc);
    }
}

"""scikit-learn on TierLab's exported feature matrix: the reference for tests/ml_agreement.rs.

Reads tests/agreement/sklearn_features.csv (features up to the calibration month, holdout spend,
last-period spend, template-scenario tier, and the train/test split TierLab made), trains
scikit-learn's models with the settings TierLab's agreement test uses, and writes
tests/agreement/sklearn_output.json.

Everything here is computed independently of TierLab: medians, standardisation, models, metrics.

    python3 -m venv /tmp/skl && /tmp/skl/bin/pip install -r tests/agreement/requirements-sklearn.txt
    /tmp/skl/bin/python tests/agreement/sklearn_models.py
"""

import csv
import json
import os
import sys

import numpy as np
import sklearn
from sklearn.cluster import KMeans
from sklearn.ensemble import RandomForestRegressor
from sklearn.linear_model import LinearRegression, LogisticRegression
from sklearn.metrics import (
    accuracy_score,
    confusion_matrix,
    f1_score,
    mean_absolute_error,
    precision_score,
    r2_score,
    recall_score,
    roc_auc_score,
    roc_curve,
    root_mean_squared_error,
    silhouette_score,
)
from sklearn.preprocessing import StandardScaler
from sklearn.tree import DecisionTreeClassifier, DecisionTreeRegressor

HERE = os.path.dirname(os.path.abspath(__file__))
FEATURES_CSV = os.path.join(HERE, "sklearn_features.csv")
OUTPUT_JSON = os.path.join(HERE, "sklearn_output.json")
TIERS = 4


def read_matrix(path):
    with open(path, newline="", encoding="utf-8") as f:
        rows = list(csv.reader(f))
    header, body = rows[0], rows[1:]
    feature_names = header[2:-3]
    x = np.array([[float(v) if v != "" else np.nan for v in r[2:-3]] for r in body])
    is_test = np.array([r[1] == "test" for r in body])
    target = np.array([float(r[-3]) for r in body])
    last_period = np.array([float(r[-2]) for r in body])
    tier = np.array([int(r[-1]) for r in body])
    return feature_names, x, is_test, target, last_period, tier


def impute_with_train_median(x, train):
    medians = np.nanmedian(x[train], axis=0)
    filled = np.where(np.isnan(x), medians, x)
    return filled


def regression_metrics(actual, predicted):
    return {
        "mae": mean_absolute_error(actual, predicted),
        "rmse": root_mean_squared_error(actual, predicted),
        "r2": r2_score(actual, predicted),
    }


def classification_summary(actual, predicted, probabilities):
    return {
        "accuracy": accuracy_score(actual, predicted),
        "macro_precision": precision_score(actual, predicted, average="macro", zero_division=0),
        "macro_recall": recall_score(actual, predicted, average="macro", zero_division=0),
        "macro_f1": f1_score(actual, predicted, average="macro", zero_division=0),
        "macro_auc": roc_auc_score(actual, probabilities, multi_class="ovr", average="macro"),
    }


def main():
    names, x_raw, is_test, target, last_period, tier = read_matrix(FEATURES_CSV)
    train, test = ~is_test, is_test
    x = impute_with_train_median(x_raw, train)
    out = {
        "versions": {"python": sys.version.split()[0], "numpy": np.__version__, "sklearn": sklearn.__version__},
        "rows": {"train": int(train.sum()), "test": int(test.sum())},
        "features": names,
    }

    # Value: holdout spend.
    y_train, y_test = target[train], target[test]
    linear = LinearRegression().fit(x[train], y_train)
    out["linear_regression"] = {
        "intercept": float(linear.intercept_),
        "coefficients": [float(c) for c in linear.coef_],
        **regression_metrics(y_test, linear.predict(x[test])),
    }
    mean = y_train.mean()
    out["baselines"] = {
        "training_mean_rmse": root_mean_squared_error(y_test, np.full_like(y_test, mean)),
        "last_period_rmse": root_mean_squared_error(y_test, last_period[test]),
    }
    tree = DecisionTreeRegressor(max_depth=6, min_samples_leaf=5, min_samples_split=10, random_state=0)
    tree.fit(x[train], y_train)
    tree_predictions = tree.predict(x[test])
    out["decision_tree_regressor"] = regression_metrics(y_test, tree_predictions)
    forest = RandomForestRegressor(
        n_estimators=100, max_depth=8, min_samples_leaf=5, min_samples_split=10, max_features=3, random_state=0
    )
    forest.fit(x[train], y_train)
    out["random_forest_regressor"] = regression_metrics(y_test, forest.predict(x[test]))

    # Tier: the template scenario's final tier.
    t_train, t_test = tier[train], tier[test]
    majority = np.bincount(t_train, minlength=TIERS).argmax()
    out["majority_class"] = {"accuracy": accuracy_score(t_test, np.full_like(t_test, majority))}
    scaler = StandardScaler().fit(x[train])
    z_train, z_test = scaler.transform(x[train]), scaler.transform(x[test])
    # TierLab's alpha = 1 penalty is alpha/2 |w|^2 + NLL; scikit-learn's C = 1 / alpha.
    logistic = LogisticRegression(C=1.0, max_iter=10000, tol=1e-10).fit(z_train, t_train)
    logistic_probabilities = logistic.predict_proba(z_test)
    logistic_predictions = logistic.predict(z_test)
    out["logistic_regression"] = classification_summary(t_test, logistic_predictions, logistic_probabilities)
    tree_classifier = DecisionTreeClassifier(max_depth=6, min_samples_leaf=5, min_samples_split=10, random_state=0)
    tree_classifier.fit(x[train], t_train)
    out["decision_tree_classifier"] = classification_summary(
        t_test, tree_classifier.predict(x[test]), tree_classifier.predict_proba(x[test])
    )

    # Segments: all rows, medians of all rows, z-scores, best of 10 k-means++ starts per k.
    x_all = np.where(np.isnan(x_raw), np.nanmedian(x_raw, axis=0), x_raw)
    z_all = StandardScaler().fit_transform(x_all)
    curve = []
    for k in range(2, 9):
        km = KMeans(n_clusters=k, n_init=10, max_iter=300, random_state=0).fit(z_all)
        curve.append(
            {
                "k": k,
                "inertia": float(km.inertia_),
                "silhouette": float(silhouette_score(z_all, km.labels_, sample_size=2000, random_state=0)),
            }
        )
    out["kmeans"] = {"curve": curve}

    # Metric definitions: scikit-learn's metric values on scikit-learn's own predictions, for
    # TierLab's metric code to reproduce exactly.
    fpr, tpr, _ = roc_curve(t_test == 3, logistic_probabilities[:, 3], drop_intermediate=False)
    out["metric_check"] = {
        "tree_regressor_predictions": [float(p) for p in tree_predictions],
        **regression_metrics(y_test, tree_predictions),
        "logistic_predictions": [int(p) for p in logistic_predictions],
        "logistic_probabilities": [[float(p) for p in row] for row in logistic_probabilities],
        "confusion": confusion_matrix(t_test, logistic_predictions, labels=list(range(TIERS))).tolist(),
        "per_class_f1": [float(v) for v in f1_score(t_test, logistic_predictions, average=None, zero_division=0)],
        "per_class_auc": [float(roc_auc_score(t_test == c, logistic_probabilities[:, c])) for c in range(TIERS)],
        **{
            k: v
            for k, v in classification_summary(t_test, logistic_predictions, logistic_probabilities).items()
        },
        "roc_class_3": {"fpr": [float(v) for v in fpr], "tpr": [float(v) for v in tpr]},
    }

    def plain(value):
        if isinstance(value, dict):
            return {k: plain(v) for k, v in value.items()}
        if isinstance(value, list):
            return [plain(v) for v in value]
        if isinstance(value, (np.floating, np.integer)):
            return value.item()
        return value

    with open(OUTPUT_JSON, "w", encoding="utf-8") as f:
        json.dump(plain(out), f, indent=1)
        f.write("\n")
    summary = {k: v for k, v in out.items() if k not in ("metric_check", "features")}
    print(json.dumps(plain(summary), indent=1))


if __name__ == "__main__":
    main()

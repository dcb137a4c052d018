"""scikit-learn timings on the feature matrix written by `cargo run --release --example bench_models`.

    /tmp/skl/bin/python tests/agreement/bench_sklearn.py /tmp/tierlab_bench_matrix.csv

Each model is timed as TierLab's pipeline runs it: impute with training medians (and standardise for
logistic regression), fit on the training rows, predict the test rows and the training rows, and
predict every row (TierLab scores every customer). One thread (n_jobs=1, BLAS limited to 1 thread),
as in a browser worker.
"""

import sys
import time

import numpy as np
from threadpoolctl import threadpool_limits
from sklearn.cluster import KMeans
from sklearn.ensemble import RandomForestRegressor
from sklearn.linear_model import LinearRegression, LogisticRegression
from sklearn.metrics import accuracy_score, r2_score, roc_auc_score, silhouette_score
from sklearn.preprocessing import StandardScaler
from sklearn.tree import DecisionTreeClassifier, DecisionTreeRegressor

from sklearn_models import read_matrix


def timed(label, f):
    start = time.perf_counter()
    result = f()
    print(f"{label:<58} {time.perf_counter() - start:>9.3f} s", flush=True)
    return result


def main():
    path = sys.argv[1] if len(sys.argv) > 1 else "/tmp/tierlab_bench_matrix.csv"
    names, x_raw, is_test, target, last_period, tier = timed("read matrix (csv module)", lambda: read_matrix(path))
    train, test = ~is_test, is_test
    print(f"rows {len(target)}, features {len(names)}")

    def prepare(standardise):
        medians = np.nanmedian(x_raw[train], axis=0)
        x = np.where(np.isnan(x_raw), medians, x_raw)
        if standardise:
            x = StandardScaler().fit(x[train]).transform(x)
        return x

    def regression(model):
        x = prepare(False)
        model.fit(x[train], target[train])
        r2 = r2_score(target[test], model.predict(x[test]))
        model.predict(x[train])
        model.predict(x)
        return r2

    def classification(model, standardise):
        x = prepare(standardise)
        model.fit(x[train], tier[train])
        probabilities = model.predict_proba(x[test])
        accuracy = accuracy_score(tier[test], probabilities.argmax(axis=1))
        auc = roc_auc_score(tier[test], probabilities, multi_class="ovr", average="macro")
        model.predict(x[train])
        model.predict(x)
        return accuracy, auc

    with threadpool_limits(limits=1):
        r2 = timed("linear regression", lambda: regression(LinearRegression()))
        print(f"    test R^2 {r2:.4f}")
        r2 = timed(
            "decision tree regressor (depth 6)",
            lambda: regression(DecisionTreeRegressor(max_depth=6, min_samples_leaf=5, min_samples_split=10, random_state=0)),
        )
        print(f"    test R^2 {r2:.4f}")
        forest = RandomForestRegressor(
            n_estimators=50, max_depth=8, min_samples_leaf=5, min_samples_split=10, max_features=3, random_state=0, n_jobs=1
        )
        r2 = timed("random forest regressor (50 trees, depth 8, 3 features/split)", lambda: regression(forest))
        print(f"    test R^2 {r2:.4f}")
        accuracy, auc = timed(
            "logistic regression (4 tiers, standardised)",
            lambda: classification(LogisticRegression(C=1.0, max_iter=1000), True),
        )
        print(f"    test accuracy {accuracy:.4f}  macro AUC {auc:.4f}")
        accuracy, auc = timed(
            "decision tree classifier (depth 6)",
            lambda: classification(
                DecisionTreeClassifier(max_depth=6, min_samples_leaf=5, min_samples_split=10, random_state=0), False
            ),
        )
        print(f"    test accuracy {accuracy:.4f}  macro AUC {auc:.4f}")

        z = StandardScaler().fit_transform(np.where(np.isnan(x_raw), np.nanmedian(x_raw, axis=0), x_raw))

        def kmeans(k, starts):
            km = KMeans(n_clusters=k, n_init=starts, max_iter=300, random_state=0).fit(z)
            return km.inertia_, silhouette_score(z, km.labels_, sample_size=2000, random_state=0)

        inertia, silhouette = timed("k-means k=4, 1 start (+ silhouette on 2000)", lambda: kmeans(4, 1))
        print(f"    inertia {inertia:.1f}  silhouette {silhouette:.4f}")

        def search():
            scores = [(kmeans(k, 3)[1], k) for k in range(2, 9)]
            return max(scores)[1]

        k = timed("k-means k=2..=8 by silhouette, 3 starts each", search)
        print(f"    chosen k {k}")


if __name__ == "__main__":
    main()

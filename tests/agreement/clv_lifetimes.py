"""Reference numbers for TierLab's BG/NBD + Gamma-Gamma implementation, computed by an independent
implementation (the Python package `lifetimes` 0.11.3) on real transaction data (CDNow, as shipped inside
lifetimes).

Re-run (from the repository root):
    python3 -m venv /tmp/clv_venv
    /tmp/clv_venv/bin/pip install -r tests/agreement/requirements.txt
    /tmp/clv_venv/bin/python tests/agreement/clv_lifetimes.py

Writes
    tests/fixtures/cdnow/CDNOW_master.txt      the input transactions (copied verbatim from lifetimes)
    tests/agreement/clv_lifetimes_output.json  settings, fitted parameters, log-likelihoods, standard errors,
                                               per-customer predictions and the holdout summaries
which tests/clv_agreement.rs compares against the Rust engine.
"""

import json
import os
import shutil
import sys

import numpy as np
import pandas as pd
import lifetimes
from lifetimes import BetaGeoFitter, GammaGammaFitter
from lifetimes.utils import calibration_and_holdout_data, expected_cumulative_transactions

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(os.path.dirname(HERE))
FIXTURE = os.path.join(REPO, "tests", "fixtures", "cdnow", "CDNOW_master.txt")
OUTPUT = os.path.join(HERE, "clv_lifetimes_output.json")

CALIBRATION_END = "1997-09-30"
OBSERVATION_END = "1998-06-30"
FREQ = "D"
HORIZON_MONTHS = 12
MONTHLY_DISCOUNT_RATE = 0.01
# lifetimes counts a month as 30 days when freq="D" (see lifetimes.utils._customer_lifetime_value).
DAYS_PER_MONTH = 30
BUCKETS = 7  # calibration frequencies 0..=6 and "7+"


def round_sig(values, digits=10):
    return [float(f"{v:.{digits}g}") for v in np.asarray(values, dtype=float)]


def weekly_reference(transactions):
    """The same pipeline with freq="W" (Monday-to-Sunday weeks; lifetimes counts 4.345 weeks a month)."""
    summary = calibration_and_holdout_data(
        transactions,
        "customer_id",
        "date",
        calibration_period_end=CALIBRATION_END,
        observation_period_end=OBSERVATION_END,
        freq="W",
        monetary_value_col="amount",
    ).sort_index()
    x = summary["frequency_cal"].values
    t_x = summary["recency_cal"].values
    T = summary["T_cal"].values
    m = summary["monetary_value_cal"].values
    bgf = BetaGeoFitter(penalizer_coef=0.0).fit(x, t_x, T)
    r, alpha, a, b = (float(bgf.params_[k]) for k in ["r", "alpha", "a", "b"])
    ll = -float(
        BetaGeoFitter._negative_log_likelihood(
            np.log([r, alpha, a, b]), x.astype(int), t_x, T, np.ones_like(T), 0.0
        )
    ) * len(T)
    repeat = (x > 0) & (m > 0)
    ggf = GammaGammaFitter(penalizer_coef=0.0).fit(x[repeat], m[repeat])
    clv = ggf.customer_lifetime_value(
        bgf,
        summary["frequency_cal"],
        summary["recency_cal"],
        summary["T_cal"],
        summary["monetary_value_cal"],
        time=HORIZON_MONTHS,
        discount_rate=MONTHLY_DISCOUNT_RATE,
        freq="W",
    )
    return {
        "params": {"r": r, "alpha": alpha, "a": a, "b": b},
        "log_likelihood_weeks": ll,
        "gamma_gamma": {k: float(ggf.params_[k]) for k in ["p", "q", "v"]},
        "duration_holdout": float(summary["duration_holdout"].iloc[0]),
        "per_customer": {
            "frequency": [int(vv) for vv in x],
            "recency": round_sig(t_x),
            "T": round_sig(T),
            "frequency_holdout": [int(vv) for vv in summary["frequency_holdout"].values],
            "p_alive": round_sig(bgf.conditional_probability_alive(x, t_x, T)),
            "expected_purchases_horizon": round_sig(
                bgf.conditional_expected_number_of_purchases_up_to_time(HORIZON_MONTHS * 4.345, x, t_x, T)
            ),
            "clv": round_sig(clv.values),
        },
    }


def read_transactions():
    """The CDNow fixture. It has a header line; columns are whitespace separated: id date(YYYYMMDD)
    number_of_cds dollar_value."""
    transactions = pd.read_csv(
        FIXTURE,
        sep=r"\s+",
        skiprows=1,
        header=None,
        names=["customer_id", "date", "quantity", "amount"],
        dtype={"customer_id": str, "date": str},
    )
    transactions["date"] = pd.to_datetime(transactions["date"], format="%Y%m%d")
    return transactions


def main():
    source = os.path.join(os.path.dirname(lifetimes.__file__), "datasets", "CDNOW_master.txt")
    os.makedirs(os.path.dirname(FIXTURE), exist_ok=True)
    shutil.copyfile(source, FIXTURE)

    transactions = read_transactions()

    summary = calibration_and_holdout_data(
        transactions,
        "customer_id",
        "date",
        calibration_period_end=CALIBRATION_END,
        observation_period_end=OBSERVATION_END,
        freq=FREQ,
        monetary_value_col="amount",
    )
    summary = summary.sort_index()
    x = summary["frequency_cal"].values
    t_x = summary["recency_cal"].values
    T = summary["T_cal"].values
    m = summary["monetary_value_cal"].values
    duration_holdout = float(summary["duration_holdout"].iloc[0])

    bgf = BetaGeoFitter(penalizer_coef=0.0)
    bgf.fit(x, t_x, T)
    r, alpha, a, b = (float(bgf.params_[k]) for k in ["r", "alpha", "a", "b"])
    # lifetimes minimises the MEAN negative log-likelihood in rescaled time (max T = 1). The total
    # log-likelihood in days is recomputed here with lifetimes' own formula on the unscaled data.
    bg_total_ll = -float(
        BetaGeoFitter._negative_log_likelihood(
            np.log([r, alpha, a, b]), x.astype(int), t_x, T, np.ones_like(T), 0.0
        )
    ) * len(T)

    repeat = (x > 0) & (m > 0)
    ggf = GammaGammaFitter(penalizer_coef=0.0)
    ggf.fit(x[repeat], m[repeat])
    p, q, v = (float(ggf.params_[k]) for k in ["p", "q", "v"])
    gg_total_ll = -float(ggf._negative_log_likelihood_) * int(repeat.sum())

    horizon = HORIZON_MONTHS * DAYS_PER_MONTH
    p_alive = bgf.conditional_probability_alive(x, t_x, T)
    expected_horizon = bgf.conditional_expected_number_of_purchases_up_to_time(horizon, x, t_x, T)
    expected_holdout = bgf.conditional_expected_number_of_purchases_up_to_time(duration_holdout, x, t_x, T)
    expected_value = ggf.conditional_expected_average_profit(summary["frequency_cal"], summary["monetary_value_cal"])
    clv = ggf.customer_lifetime_value(
        bgf,
        summary["frequency_cal"],
        summary["recency_cal"],
        summary["T_cal"],
        summary["monetary_value_cal"],
        time=HORIZON_MONTHS,
        discount_rate=MONTHLY_DISCOUNT_RATE,
        freq=FREQ,
    )

    # Calibration vs holdout, per calibration frequency (as lifetimes' plot_calibration_purchases_vs_holdout_purchases).
    bucket = np.minimum(x, BUCKETS).astype(int)
    by_frequency = []
    for k in range(BUCKETS + 1):
        sel = bucket == k
        by_frequency.append(
            {
                "bucket": k,
                "customers": int(sel.sum()),
                "actual_mean": float(summary["frequency_holdout"].values[sel].mean()),
                "expected_mean": float(np.asarray(expected_holdout)[sel].mean()),
            }
        )

    # Cumulative repeat purchases of the whole population, daily from the first purchase date.
    first_day = transactions["date"].min()
    days = int((pd.Timestamp(OBSERVATION_END) - first_day).days) + 1
    cumulative = expected_cumulative_transactions(
        bgf, transactions, "date", "customer_id", t=days, freq=FREQ
    )

    weekly = weekly_reference(transactions)

    output = {
        "generator": "tests/agreement/clv_lifetimes.py",
        "versions": {
            "python": sys.version.split()[0],
            "lifetimes": lifetimes.__version__,
            "numpy": np.__version__,
            "pandas": pd.__version__,
        },
        "settings": {
            "data": "tests/fixtures/cdnow/CDNOW_master.txt",
            "calibration_end": CALIBRATION_END,
            "observation_end": OBSERVATION_END,
            "freq": FREQ,
            "horizon_months": HORIZON_MONTHS,
            "horizon_days": horizon,
            "monthly_discount_rate": MONTHLY_DISCOUNT_RATE,
            "penalizer": 0.0,
        },
        "bgnbd": {
            "params": {"r": r, "alpha": alpha, "a": a, "b": b},
            "standard_errors": {k: float(vv) for k, vv in bgf.standard_errors_.items()},
            "lifetimes_mean_negative_ll_scaled_time": float(bgf._negative_log_likelihood_),
            "log_likelihood_days": bg_total_ll,
            "customers": int(len(T)),
        },
        "gamma_gamma": {
            "params": {"p": p, "q": q, "v": v},
            "standard_errors": {k: float(vv) for k, vv in ggf.standard_errors_.items()},
            "lifetimes_mean_negative_ll": float(ggf._negative_log_likelihood_),
            "log_likelihood": gg_total_ll,
            "customers": int(repeat.sum()),
        },
        "duration_holdout": duration_holdout,
        "per_customer": {
            "customer_id": [str(i) for i in summary.index],
            "frequency": [int(vv) for vv in x],
            "recency": round_sig(t_x),
            "T": round_sig(T),
            "monetary_value": round_sig(m),
            "frequency_holdout": [int(vv) for vv in summary["frequency_holdout"].values],
            "p_alive": round_sig(p_alive),
            "expected_purchases_horizon": round_sig(expected_horizon),
            "expected_purchases_holdout": round_sig(expected_holdout),
            "expected_order_value": round_sig(expected_value),
            "clv": round_sig(clv.values),
        },
        "holdout_by_frequency": by_frequency,
        "weekly": weekly,
        "cumulative": {
            "first_day": str(first_day.date()),
            "actual": [int(vv) for vv in cumulative["actual"].values],
            "expected": round_sig(cumulative["predicted"].values),
        },
    }
    with open(OUTPUT, "w") as f:
        json.dump(output, f, separators=(",", ":"))
        f.write("\n")
    print(f"wrote {OUTPUT}")
    print("BG/NBD", output["bgnbd"]["params"], "LL", bg_total_ll)
    print("Gamma-Gamma", output["gamma_gamma"]["params"], "LL", gg_total_ll)


if __name__ == "__main__":
    main()

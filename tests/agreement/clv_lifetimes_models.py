"""Reference numbers for TierLab's Pareto/NBD and MBG/NBD purchase models, computed by an independent
implementation (lifetimes 0.11.3: ParetoNBDFitter and ModifiedBetaGeoFitter) on the CDNow master file
with the same calibration and holdout as clv_lifetimes.py (days; calibration to 1997-09-30, holdout to
1998-06-30).

Re-run (from the repository root):
    python3 -m venv .tools/agreement
    .tools/agreement/bin/pip install -r tests/agreement/requirements.txt
    .tools/agreement/bin/python tests/agreement/clv_lifetimes.py          # writes the CDNow fixture
    .tools/agreement/bin/python tests/agreement/clv_lifetimes_models.py

Writes tests/agreement/clv_lifetimes_models_output.json, which tests/clv_models_agreement.rs compares
against the Rust engine.

ParetoNBDFitter minimises with Nelder-Mead at tol 1e-4 by default, which stops short of the optimum
(its log-likelihood is below the one at TierLab's parameters). The script records that default fit and
a second one from lifetimes' own answer with tol 1e-10: that one is the maximum-likelihood estimate
both implementations should reach. ModifiedBetaGeoFitter uses gradients (autograd) and converges.
"""

import json
import os
import sys

import numpy as np
import pandas as pd
import lifetimes
from lifetimes import GammaGammaFitter, ModifiedBetaGeoFitter, ParetoNBDFitter
from lifetimes.utils import calibration_and_holdout_data

from clv_lifetimes import read_transactions

HERE = os.path.dirname(os.path.abspath(__file__))
OUTPUT = os.path.join(HERE, "clv_lifetimes_models_output.json")

CALIBRATION_END = "1997-09-30"
OBSERVATION_END = "1998-06-30"
HORIZON_DAYS = 360  # 12 months of 30 days, as lifetimes counts them with freq="D"
MONTHLY_DISCOUNT_RATE = 0.01


def round_sig(values, digits=10):
    return [float(f"{v:.{digits}g}") for v in np.asarray(values, dtype=float)]


def customer_lifetime_value(model, x, t_x, T, order_value):
    """lifetimes.utils._customer_lifetime_value (what GammaGammaFitter.customer_lifetime_value runs), on
    numpy arrays: its pandas version fails inside ParetoNBDFitter with 'mixed DataFrame and Series'."""
    clv = np.zeros(len(T))
    for i in np.arange(1, 13) * 30:
        expected = model.predict(i, x, t_x, T) - model.predict(i - 30, x, t_x, T)
        clv += order_value * expected / (1 + MONTHLY_DISCOUNT_RATE) ** (i / 30)
    return clv


def per_customer(model, x, t_x, T, duration_holdout, order_value):
    return {
        "p_alive": round_sig(model.conditional_probability_alive(x, t_x, T)),
        "expected_purchases_horizon": round_sig(
            model.conditional_expected_number_of_purchases_up_to_time(HORIZON_DAYS, x, t_x, T)
        ),
        "expected_purchases_holdout": round_sig(
            model.conditional_expected_number_of_purchases_up_to_time(duration_holdout, x, t_x, T)
        ),
        "clv": round_sig(customer_lifetime_value(model, x, t_x, T, order_value)),
    }


def main():
    transactions = read_transactions()
    summary = calibration_and_holdout_data(
        transactions,
        "customer_id",
        "date",
        calibration_period_end=CALIBRATION_END,
        observation_period_end=OBSERVATION_END,
        freq="D",
        monetary_value_col="amount",
    ).sort_index()
    x = summary["frequency_cal"].values
    t_x = summary["recency_cal"].values
    T = summary["T_cal"].values
    m = summary["monetary_value_cal"].values
    n = len(T)
    duration_holdout = float(summary["duration_holdout"].iloc[0])
    repeat = (x > 0) & (m > 0)
    ggf = GammaGammaFitter(penalizer_coef=0.0).fit(x[repeat], m[repeat])
    order_value = np.asarray(ggf.conditional_expected_average_profit(summary["frequency_cal"], summary["monetary_value_cal"]))

    def pareto_ll(params):
        return float(
            np.sum(ParetoNBDFitter._conditional_log_likelihood(list(params), x.astype(int), t_x, T))
        )

    default = ParetoNBDFitter(penalizer_coef=0.0).fit(x, t_x, T)
    default_params = [float(default.params_[k]) for k in ["r", "alpha", "s", "beta"]]
    # Restart lifetimes' own optimiser from its answer (natural parameters in its rescaled time: this
    # fitter does not work on logs) at a tight tolerance.
    scale = 1.0 / T.max()
    start = np.array([default_params[0], default_params[1] * scale, default_params[2], default_params[3] * scale])
    pareto = ParetoNBDFitter(penalizer_coef=0.0).fit(x, t_x, T, initial_params=start, tol=1e-10, maxiter=20000)
    pareto_params = {k: float(pareto.params_[k]) for k in ["r", "alpha", "s", "beta"]}

    mbg = ModifiedBetaGeoFitter(penalizer_coef=0.0).fit(x, t_x, T)
    mbg_params = {k: float(mbg.params_[k]) for k in ["r", "alpha", "a", "b"]}
    mbg_ll = -float(
        ModifiedBetaGeoFitter._negative_log_likelihood(
            np.log([mbg_params[k] for k in ["r", "alpha", "a", "b"]]), x.astype(int), t_x, T, np.ones_like(T), 0.0
        )
    ) * n

    holdout = summary["frequency_holdout"].values
    output = {
        "generator": "tests/agreement/clv_lifetimes_models.py",
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
            "freq": "D",
            "horizon_days": HORIZON_DAYS,
            "monthly_discount_rate": MONTHLY_DISCOUNT_RATE,
            "penalizer": 0.0,
        },
        "customers": n,
        "duration_holdout": duration_holdout,
        "actual_holdout_total": int(holdout.sum()),
        "pareto_nbd": {
            "default_fit": {"params": dict(zip(["r", "alpha", "s", "beta"], default_params)), "log_likelihood_days": pareto_ll(default_params)},
            "params": pareto_params,
            "log_likelihood_days": pareto_ll([pareto_params[k] for k in ["r", "alpha", "s", "beta"]]),
            "per_customer": per_customer(pareto, x, t_x, T, duration_holdout, order_value),
        },
        "mbg_nbd": {
            "params": mbg_params,
            "standard_errors": {k: float(v) for k, v in mbg.standard_errors_.items()},
            "log_likelihood_days": mbg_ll,
            "per_customer": per_customer(mbg, x, t_x, T, duration_holdout, order_value),
        },
    }
    with open(OUTPUT, "w") as f:
        json.dump(output, f, separators=(",", ":"))
        f.write("\n")
    print(f"wrote {OUTPUT}")
    print("Pareto/NBD default", output["pareto_nbd"]["default_fit"])
    print("Pareto/NBD tight", pareto_params, "LL", output["pareto_nbd"]["log_likelihood_days"])
    print("MBG/NBD", mbg_params, "LL", mbg_ll)


if __name__ == "__main__":
    main()

"""The engine's results (the JSON ``tierlab --json`` prints, kept whole in ``.raw``) as pandas frames.

Only reshaping happens here: every number is the engine's, unrounded.
"""

from __future__ import annotations

from typing import Any, Optional

import pandas as pd


def frame(records: list[dict[str, Any]], **columns: Any) -> pd.DataFrame:
    """Records as a frame; nested dicts become ``parent_child`` columns."""
    table = pd.json_normalize(records, sep="_") if records else pd.DataFrame()
    for name, value in columns.items():
        table.insert(0, name, value)
    return table


def tier_frame(outcome: dict[str, Any]) -> pd.DataFrame:
    """One row per tier: members, shares, revenue, orders, each benefit's cost, score range."""
    rows = []
    for tier in outcome["tiers"]:
        row = {k: v for k, v in tier.items() if k != "costs"}
        row.update({f"cost_{k}": v for k, v in tier["costs"].items()})
        rows.append(row)
    return pd.DataFrame(rows)


def totals(outcome: dict[str, Any]) -> dict[str, Any]:
    """The scenario's scalar results: revenue, orders, margins, cost totals, bounds."""
    keys = ("name", "revenue", "orders", "gross_margin", "margin_after_benefits", "cost_to_revenue", "history_years")
    result = {k: outcome[k] for k in keys}
    result.update({f"cost_{k}": v for k, v in outcome["totals"].items()})
    result["lower_bounds"] = outcome["lower_bounds"]
    return result


def timeline_frame(outcome: dict[str, Any]) -> Optional[pd.DataFrame]:
    """Members per tier, upgrades and downgrades at the end of each month (event logs only)."""
    timeline = outcome.get("timeline")
    if not timeline:
        return None
    names = [t["name"] for t in outcome["tiers"]]
    table = pd.DataFrame(timeline["members"], columns=names)
    table.insert(0, "month", timeline["labels"])
    table["upgrades"] = timeline["upgrades"]
    table["downgrades"] = timeline["downgrades"]
    return table


def points_frame(outcome: dict[str, Any]) -> Optional[pd.DataFrame]:
    """Points earned, redeemed, expired, reversed and outstanding per month (event logs only)."""
    points = outcome.get("points")
    timeline = outcome.get("timeline")
    if not points:
        return None
    flows = {k: points[k] for k in ("earned", "redeemed", "expired", "reversed", "outstanding")}
    table = pd.DataFrame(flows)
    if timeline:
        table.insert(0, "month", timeline["labels"])
    return table


class Evaluation:
    """One scenario on the history. ``tiers``, ``timeline``, ``points`` are frames; ``totals`` a dict."""

    def __init__(self, outcome: dict[str, Any]):
        self.raw = outcome
        self.tiers = tier_frame(outcome)
        self.totals = totals(outcome)
        self.timeline = timeline_frame(outcome)
        self.points = points_frame(outcome)
        self.ledger = (outcome.get("points") or {}).get("totals")
        self.warnings = outcome["warnings"]

    def __repr__(self) -> str:
        return f"<tierlab.Evaluation {self.raw['name']!r}>\n{self.tiers[['name', 'customers', 'revenue']]}"


class Comparison:
    """A against B. ``tiers`` (one row per scheme and tier), ``transitions`` (A's tier x B's tier),
    ``totals`` (one row per scheme); ``difference`` and ``movement`` are dicts."""

    def __init__(self, comparison: dict[str, Any]):
        self.raw = comparison
        outcomes = [comparison["a"], comparison["b"]]
        self.schemes = [Evaluation(o) for o in outcomes]
        self.tiers = pd.concat(
            [tier_frame(o).assign(scheme=o["name"]) for o in outcomes], ignore_index=True
        ).set_index(["scheme", "name"])
        self.totals = pd.DataFrame([totals(o) for o in outcomes]).set_index("name")
        names_a = [t["name"] for t in comparison["a"]["tiers"]]
        names_b = [t["name"] for t in comparison["b"]["tiers"]]
        self.transitions = pd.DataFrame(comparison["transitions"], index=names_a, columns=names_b)
        self.transitions.index.name = "a"
        self.transitions.columns.name = "b"
        self.movement = comparison["movement"]
        self.difference = comparison["difference"]


class ClvFit:
    """BG/NBD + Gamma-Gamma. ``parameters`` (model, parameter, value, standard error), ``customers``
    (the columns of ``tierlab clv --out``), ``holdout`` (by calibration frequency), ``summary``."""

    CUSTOMER_COLUMNS = (
        "frequency",
        "recency",
        "age",
        "monetary",
        "p_alive",
        "expected_purchases_horizon",
        "expected_order_value",
        "clv",
    )

    def __init__(self, report: dict[str, Any], customer_ids: Optional[list[str]]):
        self.raw = report
        rows = []
        for params in [report["bgnbd"]] + ([report["gamma_gamma"]] if report.get("gamma_gamma") else []):
            for i, name in enumerate(params["names"]):
                rows.append(
                    {
                        "model": params["model"],
                        "parameter": name,
                        "value": params["values"][i],
                        "standard_error": params["standard_errors"][i],
                        "log_likelihood": params["log_likelihood"],
                    }
                )
        self.parameters = pd.DataFrame(rows)
        self.customers = clv_customers(report["per_customer"], customer_ids)
        holdout = report.get("holdout")
        self.holdout = pd.DataFrame(holdout["by_frequency"]) if holdout else None
        self.summary = {
            k: report[k]
            for k in ("customers", "repeat_buyers", "calibration_end", "holdout_end", "horizon_months", "time_unit")
            if k in report
        }


# The interval columns of ``tierlab clv --out``, from the engine's per-customer intervals.
CLV_INTERVAL_COLUMNS = (
    "p_alive_low",
    "p_alive_high",
    "expected_purchases_low",
    "expected_purchases_high",
    "clv_low",
    "clv_high",
)


def clv_customers(values: dict[str, Any], customer_ids: Optional[list[str]]) -> pd.DataFrame:
    """The engine's per-customer CLV values as the columns of ``tierlab clv --out`` (missing values
    as NaN; intervals when the fit drew them)."""
    table = pd.DataFrame({k: values[k] for k in ClvFit.CUSTOMER_COLUMNS if k in values})
    table = table.rename(columns={"expected_purchases_horizon": "expected_purchases"})
    intervals = values.get("intervals")
    for column in CLV_INTERVAL_COLUMNS if intervals else ():
        table[column] = pd.to_numeric(pd.Series(intervals[column], dtype=object), errors="coerce").astype(float)
    if customer_ids is not None:
        table.insert(0, "customer_id", [customer_ids[c] for c in values["customer"]])
    return table


def spread_rows(stats: list[dict[str, Any]], **columns: Any) -> list[dict[str, Any]]:
    return [{**columns, "kpi": s["kpi"], **s["spread"]} for s in stats]


class Simulation:
    """The simulated months. ``kpis``: one row per scheme (and the no-program counterfactual) and KPI
    with mean and 90 % / 95 % intervals; ``difference`` the same for B - A; ``monthly`` per month;
    ``summary`` the scalars (P(B better), customers, baseline); ``field_test`` the plan."""

    def __init__(self, result: dict[str, Any], baseline_note: Optional[str], field_test: Optional[dict[str, Any]]):
        self.raw = result
        rows = []
        for scheme in result["schemes"]:
            rows += spread_rows(scheme["totals"], scheme=scheme["name"])
        self.kpis = pd.DataFrame(rows)
        incremental = []
        for scheme in result["schemes"]:
            incremental += spread_rows(scheme["incremental"], scheme=scheme["name"])
        self.incremental = pd.DataFrame(incremental)
        # B against A: the comparison of scheme 1 with the reference (scheme 0).
        comparison = next((c for c in result.get("comparisons", []) if c["scheme"] == 1), None)
        self.difference = pd.DataFrame(spread_rows(comparison["difference"] if comparison else []))
        monthly = []
        for scheme in result["schemes"]:
            for stat in scheme["monthly"]:
                for m, spread in enumerate(stat["months"]):
                    monthly.append({"scheme": scheme["name"], "kpi": stat["kpi"], "month": result["month_labels"][m], **spread})
        self.monthly = pd.DataFrame(monthly)
        self.summary = {
            "customers": result["customers"],
            "baseline": result["baseline"],
            "baseline_note": baseline_note,
            "months": result["month_labels"],
            "b_better_on_margin": comparison["chance_better_on_margin"] if comparison else None,
            "settings": result["settings"],
        }
        self.field_test = field_test

"""Work split by customer gives the one-machine results: the sample in 1, 4 and 7 partitions merged
against the CLI, and the sketch's stated bound on the tier bounds."""

from __future__ import annotations

import json

import numpy as np
import pandas as pd
import pytest

import tierlab
from tierlab import partitions as P

from agreement import counts_only, differences


def shares_scenario(percent):
    s = tierlab.template()
    s["name"] = "S"
    s["tiers"]["thresholds"] = {"kind": "target_shares", "percent": percent}
    return s


@pytest.fixture(scope="module")
def sample_parts(sample_file):
    info = tierlab.inspect(sample_file)
    settings = P.partition_settings(info["settings"], info["inspection"])
    table = pd.read_csv(sample_file, dtype=str, keep_default_na=False)
    return settings, table


def run_partitioned(settings, table, scenarios, parts):
    pieces = P.split(table, "customer_id", parts)
    span = P.merge_spans(P.partition_span(p, settings) for p in pieces)
    bounds = [
        P.exact_bounds(s, [P.partition_scores(p, settings, span, s) for p in pieces]) if P.needs_bounds(s) else None
        for s in scenarios
    ]
    results = [P.partition_evaluate(p, settings, span, scenarios, bounds) for p in pieces if len(p)]
    members = pd.concat([r[1] for r in results], ignore_index=True)
    return P.merge_comparison(scenarios, bounds, [r[0] for r in results]), members


@pytest.mark.parametrize("parts", [1, 4, 7])
def test_partitions_merge_to_the_cli_comparison(cli, sample_file, sample_parts, scenario_files, tmp_path, parts):
    settings, table = sample_parts
    _, b = scenario_files
    shares = tmp_path / "shares.json"
    shares.write_text(json.dumps(shares_scenario([50, 30, 15, 5])))
    scenarios = [str(shares), str(b)]
    merged, members = run_partitioned(settings, table, scenarios, parts)
    theirs = cli.json("compare", "--data", sample_file, shares, b)
    if parts == 1:
        # One partition adds in the one-machine order: equal to the last bit, money included.
        assert merged == theirs
    assert differences(merged, theirs) == []
    # Tier counts, transitions, movement, orders and bounds are equal to the last digit.
    assert counts_only(merged) == counts_only(theirs)
    assert merged["a"]["lower_bounds"] == theirs["a"]["lower_bounds"]
    assert len(members) == theirs["customers"] == members["customer_id"].nunique()
    per_tier = members["A_tier"].value_counts().sort_index().tolist()
    assert per_tier == [t["customers"] for t in theirs["a"]["tiers"] if t["customers"]]


def test_member_rows_are_the_customers_own(cli, sample_file, sample_parts, scenario_files):
    """A customer's score, tier and points from a partition are what `tierlab explain` says."""
    settings, table = sample_parts
    a, b = scenario_files
    _, members = run_partitioned(settings, table, [str(a), str(b)], 4)
    for row in members.sample(5, random_state=1).itertuples():
        theirs = cli.json("explain", "--data", sample_file, "--scenario", a, "--customer", row.customer_id)
        assert (row.A_score, row.A_tier) == (theirs["score"], theirs["tier"])
        if theirs.get("points"):
            assert row.A_points == theirs["points"]["balance"]


def test_sketch_bounds_keep_their_stated_error(sample_parts):
    """Every cut lands at most 3 x (sum of the partitions' k) customers further from its target
    than the exact rule's cut."""
    settings, table = sample_parts
    scenario = shares_scenario([60, 25, 10, 5])
    pieces = P.split(table, "customer_id", 5)
    span = P.merge_spans(P.partition_span(p, settings) for p in pieces)
    scores = [P.partition_scores(p, settings, span, scenario) for p in pieces]
    everyone = np.concatenate(scores)
    n = len(everyone)
    exact = P.exact_bounds(scenario, scores)
    for epsilon in (0.01, 0.05):
        slack = sum(max(1, int(epsilon * len(s))) for s in scores)
        approx = P.sketch_bounds([60, 25, 10, 5], [P.score_sketch(s, epsilon) for s in scores])
        cumulative = np.cumsum([60, 25, 10])[:3] / 100 * n
        for target, e, a in zip(cumulative, exact, approx):
            exact_miss = abs((everyone < e).sum() - target)
            sketch_miss = abs((everyone < a).sum() - target)
            assert sketch_miss <= exact_miss + 3 * slack, (epsilon, target, e, a)
    # With every score kept (epsilon so small that k = 1) the sketch is exact.
    assert P.sketch_bounds([60, 25, 10, 5], [P.score_sketch(s, 1e-9) for s in scores]) == exact


def rfm_scored():
    s = tierlab.template()
    s["scoring"] = {"model": "rfm"}
    s["tiers"]["thresholds"] = {"kind": "absolute", "lower_bounds": [6, 9, 12]}
    return s


def flagged_held_at_base():
    s = tierlab.template()
    s["risk"] = {"exclude_flagged": True}
    return s


@pytest.mark.parametrize(
    "scenario, reason",
    [(rfm_scored, "cannot be split by customer"), (flagged_held_at_base, "judges every customer against the whole")],
)
def test_population_relative_scenarios_are_refused(sample_parts, scenario, reason):
    """RFM ranks and risk flags compare a customer with everybody: a partition cannot compute them."""
    settings, table = sample_parts
    piece = P.split(table, "customer_id", 2)[0]
    span = P.partition_span(piece, settings)
    with pytest.raises(tierlab.ScenarioError, match=reason):
        P.partition_evaluate(piece, settings, span, [scenario()], [None])

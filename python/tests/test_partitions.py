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


# ---- CLV and simulation split by customer ------------------------------------------------------------

SCRIPTS = __import__("pathlib").Path(__file__).resolve().parents[1] / "scripts"
CLV_DRAWS = 40


@pytest.fixture(scope="module")
def cdnow_csv(tmp_path_factory):
    """CDNOW as a comma-separated event log (what a partition holds as text cells)."""
    import sys

    sys.path.insert(0, str(SCRIPTS))
    import cdnow_times

    path = tmp_path_factory.mktemp("cdnow") / "cdnow.csv"
    cdnow_times.write(1, path)
    return path


def read_clv_csv(path) -> pd.DataFrame:
    # round_trip: pandas 2's default float parser can miss the last bit of a shortest-digits number.
    return pd.read_csv(path, dtype={"customer_id": str}, float_precision="round_trip")


@pytest.fixture(scope="module")
def cli_clv(cli, cdnow_csv, tmp_path_factory):
    out = tmp_path_factory.mktemp("clv") / "pred.csv"
    report = cli.json("clv", "--data", cdnow_csv, "--calibration-end", "1997-09-30", "--draws", str(CLV_DRAWS), "--out", out)
    return report, read_clv_csv(out)


def same_rows(ours: pd.DataFrame, theirs: pd.DataFrame) -> None:
    """Row for row (by customer id), every column equal to the last bit (missing = missing)."""
    ours = ours.sort_values("customer_id").reset_index(drop=True)
    theirs = theirs.sort_values("customer_id").reset_index(drop=True)
    assert list(ours["customer_id"]) == list(theirs["customer_id"])
    for column in theirs.columns[1:]:
        a, b = ours[column].to_numpy(dtype=float), theirs[column].to_numpy(dtype=float)
        assert np.array_equal(a, b, equal_nan=True), column


@pytest.mark.parametrize("parts", [1, 4, 7])
def test_clv_partitions_merge_to_the_cli_fit(cdnow_csv, cli_clv, parts):
    """History counts per partition, merged (in reverse order) and fitted once: `tierlab clv`'s
    report to the last bit, and every customer's row of its --out file."""
    theirs, their_rows = cli_clv
    info = tierlab.inspect(cdnow_csv)
    settings = P.partition_settings(info["settings"], info["inspection"])
    table = pd.read_csv(cdnow_csv, dtype=str, keep_default_na=False)
    clv = tierlab.clv_settings("1997-09-30", uncertainty_draws=CLV_DRAWS)
    pieces = [p for p in P.split(table, "customer_id", parts) if len(p)]
    partials = [P.partition_clv(p, settings, clv) for p in pieces]
    report, model = P.merge_clv(clv, reversed(partials))
    assert {**report, "per_customer": None} == {**theirs, "per_customer": None}
    assert report["uncertainty"] is not None and report["gamma_gamma"] is not None
    rows = pd.concat([P.partition_clv_values(p, settings, clv, model) for p in pieces], ignore_index=True)
    assert len(rows) == theirs["customers"] == 23_570
    same_rows(rows, their_rows)


def test_clv_split_by_customer_takes_no_holdout(cdnow_csv):
    clv = tierlab.clv_settings("1997-09-30", holdout_end="1998-06-30")
    with pytest.raises(tierlab.ModelError, match="no holdout"):
        P.merge_clv(clv, [])


@pytest.fixture(scope="module")
def sample_10k(cli, tmp_path_factory):
    """10,000 customers: three of the simulator's blocks of 4,096."""
    path = tmp_path_factory.mktemp("sample10k") / "sample.csv"
    cli.run("sample", "--customers", "10000", "--seed", "3", "--out", path)
    return path


SIMULATION = {"months": 3, "replications": 4, "seed": 5, "deterministic": False}


@pytest.fixture(scope="module")
def cli_simulation(cli, sample_10k, scenario_files):
    a, b = scenario_files
    return cli.json("simulate", "--data", sample_10k, a, b, "--months", "3", "--reps", "4", "--seed", "5")


@pytest.fixture(scope="module")
def simulators(sample_10k, scenario_files):
    """Two copies of the file, each loaded with its own baseline fit, as two Spark tasks hold them."""
    a, b = scenario_files
    return [P.simulator(sample_10k.read_bytes(), [a, b], SIMULATION) for _ in range(2)]


def test_simulation_blocks_merge_to_the_cli_result(simulators, cli_simulation):
    """Ranges of the simulator's blocks, simulated by separately loaded copies and merged in any
    order: `tierlab simulate`'s result to the last bit, for 1, 2 and 3 ranges."""
    driver, other = simulators
    assert driver.block_count() == 3
    for tasks in (1, 2, 3):
        ranges = P.block_ranges(driver.block_count(), tasks)
        assert len(ranges) == tasks and ranges[0][0] == 0 and ranges[-1][1] == 3
        partials = [(other if i % 2 else driver).simulate_blocks(*r) for i, r in enumerate(ranges)]
        assert P.merge_simulation(driver, reversed(partials)) == cli_simulation["simulation"], tasks


def test_simulation_blocks_must_all_be_there(simulators, sample_10k, scenario_files):
    a, b = scenario_files
    sim = simulators[0]
    with pytest.raises(tierlab.SimulationError, match="every block exactly once"):
        P.merge_simulation(sim, [sim.simulate_blocks(0, 2)])
    until_sure = {"relative_error": 0.1, "batch": 2, "cap": 8}
    with pytest.raises(tierlab.SimulationError, match="fixed number of replications"):
        P.simulator(sample_10k.read_bytes(), [a, b], {**SIMULATION, "until_sure": until_sure})


# ---- the simulation split by data ------------------------------------------------------------------


def run_split_simulation(table, settings, scenarios, parts, simulation):
    """Passes 1 and 2 over hash partitions, pass 3 over partitions of whole blocks; each partition
    loaded from its own rows only."""
    pieces = [p for p in P.split(table, "customer_id", parts) if len(p)]
    span = P.merge_spans(P.partition_span(p, settings) for p in pieces)
    bounds = [
        P.exact_bounds(s, [P.partition_scores(p, settings, span, s) for p in pieces]) if P.needs_bounds(s) else None
        for s in scenarios
    ]
    fitted = P.merge_baseline(simulation, [P.partition_baseline_partial(p, settings, span) for p in pieces])
    population, note = P.with_heavy_cut(fitted, [P.partition_heavy_rates(p, settings, span, fitted) for p in pieces])
    assert note is None
    layout = P.block_layout(table["customer_id"])
    block = P.block_of(layout[0], table["customer_id"])
    by_block = [table[block % parts == k] for k in range(parts)]
    sums = [P.partition_simulate(p, settings, span, population, layout, scenarios, bounds, simulation) for p in by_block if len(p)]
    return P.merge_split_simulation(scenarios, reversed(sums))


@pytest.fixture(scope="module")
def cli_cdnow_simulation(cli, cdnow_csv, scenario_files):
    a, b = scenario_files
    return cli.json("simulate", "--data", cdnow_csv, a, b, "--months", "3", "--reps", "4", "--seed", "5")["simulation"]


@pytest.mark.parametrize("parts", [1, 3])
def test_simulation_split_by_data_equals_the_cli(cdnow_csv, cli_cdnow_simulation, scenario_files, parts):
    """CDNOW (23,570 customers, 6 blocks) with every partition holding only its own customers' rows:
    the baseline's population statistics merged, each partition's blocks simulated, the block sums
    merged in reverse order: `tierlab simulate`'s result to the last bit."""
    info = tierlab.inspect(cdnow_csv)
    settings = P.partition_settings(info["settings"], info["inspection"])
    table = pd.read_csv(cdnow_csv, dtype=str, keep_default_na=False)
    a, b = scenario_files
    merged = run_split_simulation(table, settings, [str(a), str(b)], parts, SIMULATION)
    assert merged["customers"] == 23_570
    assert merged == cli_cdnow_simulation


def test_a_partition_cutting_a_block_is_refused(cdnow_csv, scenario_files):
    info = tierlab.inspect(cdnow_csv)
    settings = P.partition_settings(info["settings"], info["inspection"])
    table = pd.read_csv(cdnow_csv, dtype=str, keep_default_na=False)
    a, _ = scenario_files
    piece = P.split(table, "customer_id", 2)[0]
    span = P.partition_span(table, settings)
    fitted = P.merge_baseline(SIMULATION, [P.partition_baseline_partial(piece, settings, span)])
    population, _ = P.with_heavy_cut(fitted, [P.partition_heavy_rates(piece, settings, span, fitted)])
    layout = P.block_layout(table["customer_id"])
    bounds = [P.exact_bounds(str(a), [P.partition_scores(piece, settings, span, str(a))])]
    with pytest.raises(tierlab.SimulationError, match="not whole blocks"):
        P.partition_simulate(piece, settings, span, population, layout, [str(a)], bounds, SIMULATION)
    with pytest.raises(tierlab.SimulationError, match="named purchase model"):
        P.merge_baseline({**SIMULATION, "baseline_model": "best_by_holdout"}, [])

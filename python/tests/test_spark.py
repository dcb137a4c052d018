"""The Spark job in local mode on CDNOW x 10 (235,700 customers, built by scripts/cdnow_times.py)
against the one-machine engine on the same file.

The one-machine reference for evaluate and compare is the package's own `compare` on the whole file:
test_cli_equality.py checks it equal to `tierlab compare` to the last bit (on CDNOW and the sample),
and it runs in a sixth of the time of the debug CLI scripts/test.sh builds (about 20 s against 90 s
here). So is the simulation (`Dataset.simulate`); CLV is checked against the CLI itself (`tierlab clv`)."""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path

import pandas as pd
import pytest

from agreement import counts_only, differences

pytestmark = pytest.mark.spark

SCRIPTS = Path(__file__).resolve().parents[1] / "scripts"


@pytest.fixture(scope="module")
def spark():
    os.environ["PYSPARK_PYTHON"] = sys.executable
    os.environ["PYSPARK_DRIVER_PYTHON"] = sys.executable
    from pyspark.sql import SparkSession

    session = (
        SparkSession.builder.master("local[2]")
        .appName("tierlab-test")
        .config("spark.ui.enabled", "false")
        .config("spark.sql.shuffle.partitions", "4")
        .config("spark.driver.memory", "2g")
        .config("spark.sql.execution.arrow.maxRecordsPerBatch", "20000")
        .getOrCreate()
    )
    yield session
    session.stop()


@pytest.fixture(scope="module")
def cdnow10(tmp_path_factory) -> Path:
    sys.path.insert(0, str(SCRIPTS))
    import cdnow_times

    path = tmp_path_factory.mktemp("cdnow10") / "cdnow10.csv"
    cdnow_times.write(10, path)
    return path


@pytest.fixture(scope="module")
def shares_b(scenario_files, tmp_path_factory) -> Path:
    """B with tiers from target shares, so the job must draw the whole data's bounds."""
    _, b = scenario_files
    scenario = json.loads(b.read_text())
    scenario["tiers"]["thresholds"] = {"kind": "target_shares", "percent": [55, 25, 15, 5]}
    path = tmp_path_factory.mktemp("shares") / "b_shares.json"
    path.write_text(json.dumps(scenario))
    return path


def test_spark_job_equals_one_machine(spark, cdnow10, scenario_files, shares_b, tmp_path):
    import tierlab
    import tierlab_spark

    a, _ = scenario_files
    out = tmp_path / "out"
    result = tierlab_spark.run(spark, str(cdnow10), [str(a), str(shares_b)], str(out), partitions=4)
    theirs = tierlab.load(cdnow10).compare(a, shares_b).raw
    assert result.customers == theirs["customers"] == 235_700
    assert differences(result.comparison, theirs) == []
    assert counts_only(result.comparison) == counts_only(theirs)
    assert result.comparison["b"]["lower_bounds"] == theirs["b"]["lower_bounds"]
    for ours, scheme in zip(result.evaluations, (theirs["a"], theirs["b"])):
        assert differences(ours, scheme) == []

    # The written member list: one row per customer, tiers adding up to the CLI's tier counts.
    members = pd.read_parquet(out / "members")
    assert len(members) == members["customer_id"].nunique() == theirs["customers"]
    assert members["B_tier"].value_counts().sort_index().tolist() == [t["customers"] for t in theirs["b"]["tiers"]]
    written = json.loads((out / "comparison.json").read_text())
    assert written == result.comparison


CLV_DRAWS = 40


@pytest.fixture(scope="module")
def cli_clv10(cli, cdnow10, tmp_path_factory):
    out = tmp_path_factory.mktemp("clv10") / "pred.csv"
    report = cli.json("clv", "--data", cdnow10, "--calibration-end", "1997-09-30", "--draws", str(CLV_DRAWS), "--out", out)
    return report, pd.read_csv(out, dtype={"customer_id": str}, float_precision="round_trip")


@pytest.mark.parametrize("partitions", [3, 8])
def test_spark_clv_equals_the_cli(spark, cdnow10, cli_clv10, tmp_path, partitions):
    import numpy as np

    import tierlab
    import tierlab_spark

    theirs, their_rows = cli_clv10
    clv = tierlab.clv_settings("1997-09-30", uncertainty_draws=CLV_DRAWS)
    out = tmp_path / "out"
    result = tierlab_spark.run_clv(spark, str(cdnow10), clv, str(out), partitions=partitions)
    assert {**result.report, "per_customer": None} == {**theirs, "per_customer": None}
    assert result.report["customers"] == 235_700
    assert json.loads((out / "clv.json").read_text()) == result.report
    ours = pd.read_parquet(out / "clv").sort_values("customer_id").reset_index(drop=True)
    their_rows = their_rows.sort_values("customer_id").reset_index(drop=True)
    assert list(ours["customer_id"]) == list(their_rows["customer_id"])
    for column in their_rows.columns[1:]:
        a, b = ours[column].to_numpy(dtype=float), their_rows[column].to_numpy(dtype=float)
        assert np.array_equal(a, b, equal_nan=True), column


SIMULATION = {"months": 3, "replications": 4, "seed": 9, "deterministic": False}


@pytest.fixture(scope="module")
def one_machine_simulation10(cdnow10, scenario_files):
    """The package's one-machine simulation of the whole file: test_cli_equality.py checks it equal to
    `tierlab simulate` to the last bit, and test_partitions.py checks block ranges merged equal to the
    CLI's result; the debug CLI would take minutes here (its engine is not optimised)."""
    import tierlab

    a, b = scenario_files
    return tierlab.load(cdnow10).simulate(a, b, months=3, reps=4, seed=9).raw


@pytest.mark.parametrize("tasks", [3, 7])
def test_spark_simulation_equals_one_machine(spark, cdnow10, scenario_files, one_machine_simulation10, tmp_path, tasks):
    """The simulation split by data: every task holds only its partition's rows (hash partitions for
    the baseline's population statistics and the heavy-buyer cut, then whole blocks of the id order),
    and the merged result equals the one-machine simulation to the last bit."""
    import tierlab_spark

    a, b = scenario_files
    out = tmp_path / "out"
    result = tierlab_spark.run_simulation(spark, str(cdnow10), [a, b], SIMULATION, str(out), tasks=tasks)
    assert result == one_machine_simulation10
    assert result["customers"] == 235_700
    assert json.loads((out / "simulation.json").read_text()) == result

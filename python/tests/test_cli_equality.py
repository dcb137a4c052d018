"""The package and the CLI on the same files give the same numbers, to the last bit: every result
is compared as the full JSON both produce (floats parsed back exactly), and the CLV predictions
against the CSV `tierlab clv --out` writes."""

from __future__ import annotations

import json

import pandas as pd
import pyarrow as pa
import pytest

import tierlab


@pytest.fixture(scope="module", params=["cdnow", "sample"])
def data_file(request, cdnow, sample_file):
    return cdnow if request.param == "cdnow" else sample_file


def test_inspect_matches(cli, data_file):
    assert tierlab.inspect(data_file) == cli.json("inspect", data_file)


def test_evaluate_matches_run(cli, data_file, scenario_files):
    a, _ = scenario_files
    ours = tierlab.load(data_file).evaluate(a)
    assert ours.raw == cli.json("run", "--data", data_file, "--scenario", a)
    assert ours.tiers["customers"].sum() == tierlab.load(data_file).customers


def test_compare_matches(cli, data_file, scenario_files):
    a, b = scenario_files
    ours = tierlab.load(data_file).compare(a, b)
    theirs = cli.json("compare", "--data", data_file, a, b)
    assert ours.raw == theirs
    # The frames hold the same numbers as the JSON.
    assert ours.transitions.to_numpy().tolist() == theirs["transitions"]
    assert list(ours.tiers.loc["B", "revenue"]) == [t["revenue"] for t in theirs["b"]["tiers"]]


def test_features_match(cli, data_file):
    assert json.loads(tierlab.load(data_file).features().to_json(orient="records")) is not None
    theirs = cli.json("features", "--data", data_file)
    ours = tierlab.load(data_file)._ask({"type": "feature_stats"})["stats"]
    assert ours == theirs


def test_clv_matches_report_and_predictions(cli, cdnow, tmp_path):
    out = tmp_path / "pred.csv"
    theirs = cli.json(
        "clv", "--data", cdnow, "--calibration-end", "1997-09-30", "--holdout-end", "1998-06-30", "--unit", "weeks", "--out", out
    )
    fit = tierlab.load(cdnow).fit_clv("1997-09-30", holdout_end="1998-06-30", unit="weeks")
    assert fit.raw == theirs
    # round_trip: pandas 2's default float parser can miss the last bit of a shortest-digits number.
    written = pd.read_csv(out, dtype={"customer_id": str}, float_precision="round_trip")
    assert list(written["customer_id"]) == list(fit.customers["customer_id"])
    for column in ("frequency", "recency", "age", "p_alive", "expected_purchases"):
        assert written[column].tolist() == pd.to_numeric(fit.customers[column]).tolist(), column


def test_simulation_matches(cli, sample_file, scenario_files):
    a, b = scenario_files
    theirs = cli.json("simulate", "--data", sample_file, a, b, "--months", "6", "--reps", "8", "--seed", "11")
    sim = tierlab.load(sample_file).simulate(a, b, months=6, reps=8, seed=11)
    assert sim.raw == theirs["simulation"]
    assert sim.field_test == theirs["field_test"]
    assert sim.summary["baseline_note"] == theirs["baseline_note"]
    revenue = sim.kpis.set_index(["scheme", "kpi"]).loc[("B", "revenue"), "mean"]
    assert revenue == next(k for k in theirs["simulation"]["schemes"][1]["totals"] if k["kpi"] == "revenue")["spread"]["mean"]


def _as_strings(path) -> pd.DataFrame:
    """The file as a table of text cells (what a notebook or a Spark partition holds)."""
    sep = r"\s+" if str(path).endswith(".txt") else ","
    return pd.read_csv(path, sep=sep, dtype=str, keep_default_na=False)


@pytest.mark.parametrize("kind", ["pandas", "arrow"])
def test_tables_load_like_the_file(cli, data_file, scenario_files, kind):
    a, b = scenario_files
    table = _as_strings(data_file)
    source = table if kind == "pandas" else pa.Table.from_pandas(table, preserve_index=False)
    from_table = tierlab.load(source)
    assert from_table.customers == tierlab.load(data_file).customers
    assert from_table.compare(a, b).raw == cli.json("compare", "--data", data_file, a, b)


def test_sample_is_the_cli_sample(cli, tmp_path):
    out = tmp_path / "s.csv"
    cli.run("sample", "--customers", "500", "--seed", "3", "--out", out)
    assert tierlab.sample_csv(500, 3) == out.read_text()
    assert tierlab.template() == json.loads(cli.run("scenario-template").stdout)


def _cli_message(done) -> str:
    """The reason after the CLI's `tierlab: FILE: ` prefix."""
    return done.stderr.strip().split(": ", 2)[-1]


def test_errors_carry_the_engine_message(cli, tmp_path, sample_file, scenario_files):
    book = tmp_path / "book.xlsx"
    book.write_bytes(b"PK\x03\x04 not really a workbook")
    with pytest.raises(tierlab.DataError) as caught:
        tierlab.load(book)
    assert str(caught.value) == _cli_message(cli.run("inspect", book, check=False))
    assert json.loads(caught.value.detail)["kind"] == "ingest"

    bad = tierlab.template()
    bad["tiers"]["thresholds"] = {"kind": "absolute", "lower_bounds": [5.0, 1.0, 9.0]}
    with pytest.raises(tierlab.ScenarioError, match=r"tiers\.thresholds\.lower_bounds\[1\]"):
        tierlab.scenario(bad)

    data = tierlab.load(sample_file)
    a, b = scenario_files
    with pytest.raises(tierlab.SimulationError) as caught:
        data.simulate(a, b, months=0)
    done = cli.run("simulate", "--data", sample_file, a, b, "--months", "0", check=False)
    assert done.returncode != 0 and str(caught.value) in done.stderr
    with pytest.raises(tierlab.ModelError):
        data.fit_clv("1990-01-01")
    assert issubclass(tierlab.ModelError, tierlab.TierLabError)


@pytest.mark.parametrize("flags", [[], ["--exclude-flagged", "--lang", "zh"]])
def test_member_list_matches(cli, sample_file, scenario_files, flags, tmp_path):
    a, b = scenario_files
    out = tmp_path / "members.csv"
    cli.run("members", "--data", sample_file, a, b, *flags, "--out", out)
    theirs = out.read_bytes()
    data = tierlab.load(sample_file)
    ours = data.member_file(a, b, language="zh" if flags else "en", exclude_flagged=bool(flags))
    assert ours == theirs
    table = data.members(a, b)
    assert len(table) == data.customers == table.iloc[:, 0].nunique()

"""The TierLab Spark job: the engine on a dataset split by customer.

    spark-submit -m tierlab_spark --data orders.csv --scenario a.json --scenario b.json --out results/
    # or, from Python:  tierlab_spark.run(spark, "orders.csv", ["a.json", "b.json"], "results/")

How it works (merge rules and bounds: docs/model-notes/scale.md):

- The driver reads the file's first lines and lets the engine detect the format and the columns'
  roles (``tierlab.inspect``); those settings, pinned, are used for every partition.
- Spark reads the file as text cells and hash-partitions the rows by customer id, so all of a
  customer's rows are in one partition. Each stage is a ``mapInPandas`` over those partitions that
  runs the engine on its partition and returns a small summary; the driver merges the summaries.
- Stage 1: the history's first and last event time (every partition then counts months and "as of"
  on the whole history). Stage 2 (only for tiers from target shares or quantiles): every customer's
  final score, for the whole data's bounds (exact), or an equi-depth sketch (``--sketch EPS``,
  bounded error). Stage 3: each scenario on each partition with the whole data's bounds: the member
  list (customer, score, tier and points per scenario) and the partition's mergeable summary.
- Outputs in ``--out``: ``members/`` (Parquet, one row per customer), ``comparison.json`` (as
  ``tierlab compare --json``), ``evaluations.json`` (one ``tierlab run --json`` per scenario).

CLV (``--clv-calibration-end``, or :func:`run_clv`): every partition counts its customers by
distinct history; the driver merges the counts and fits BG/NBD and Gamma-Gamma once (exactly the
one-machine fit); every partition then gives its customers' values under that fit. Outputs
``clv.json`` (``tierlab clv --json`` without the per-customer rows) and ``clv/`` (Parquet, the
columns of ``tierlab clv --out``).

Simulation (``--simulate``, or :func:`run_simulation`): every task holds only its partition's rows.
Pass 1 gathers what the no-program baseline takes from the whole population (empirical prior,
CLV history counts, seasonal counts, RFM quintile counts); the driver merges them and fits the
baseline's models once; pass 2 counts expected purchase rates for the heavy-buyer cut; pass 3
re-partitions the rows by block of the simulator's id order (Spark sorts the distinct ids) and
each task simulates its own whole blocks; the driver adds the block sums in block order: exactly
``tierlab simulate`` (the draws are keyed by customer id and replication). Output
``simulation.json``.
"""

from __future__ import annotations

import argparse
import json
import os
from dataclasses import dataclass, field
from typing import Any, Iterator, Optional, Sequence

import pandas as pd

import tierlab
from tierlab import partitions as P
from tierlab.scenarios import scenario_text

DELIMITERS = {"comma": ",", "tab": "\t", "semicolon": ";", "pipe": "|"}
# Enough lines for the engine's type and role detection (it samples the start of a file too).
INSPECT_LINES = 20_000


@dataclass
class JobResult:
    """What the job computed; the same is written to the output folder."""

    customers: int
    span: tuple[int, int]
    bounds: list[Optional[list[float]]]
    evaluations: list[dict[str, Any]]
    comparison: Optional[dict[str, Any]]
    members: Any = field(repr=False)  # the Spark DataFrame of the member list
    extra: dict[str, Any] = field(default_factory=dict)


def detect(spark, path: str) -> tuple[dict[str, Any], dict[str, Any], str, str]:
    """The engine's reading of the file's first lines: (pinned settings, inspection, delimiter, id column)."""
    head = "\n".join(r.value for r in spark.read.text(path).limit(INSPECT_LINES).collect()) + "\n"
    info = tierlab.inspect(head.encode("utf-8"), name=os.path.basename(path))
    inspection, settings = info["inspection"], info["settings"]
    if inspection["shape"] != "event_log":
        raise tierlab.DataError("the Spark job needs an event log (one row per purchase or event)")
    delimiter = DELIMITERS.get(inspection["delimiter"])
    if delimiter is None or not inspection["has_header"]:
        raise tierlab.DataError("the Spark job reads delimited files with a header row (comma, tab, semicolon, pipe)")
    columns = [c["name"] for c in inspection["columns"]]
    id_column = columns[settings["roles"].index("customer_id")]
    return P.partition_settings(settings, inspection), inspection, delimiter, id_column


def partitioned_rows(spark, data: str, partitions: int):
    """The file's pinned load settings and its rows as text cells, hash-partitioned by customer."""
    settings, rows, _ = _partitioned_rows_and_ids(spark, data, partitions)
    return settings, rows


def _partitioned_rows_and_ids(spark, data: str, partitions: int):
    """`partitioned_rows`, and the name of the customer-id column."""
    from pyspark.sql import functions as F

    settings, _, delimiter, id_column = detect(spark, data)
    rows = spark.read.option("header", True).option("sep", delimiter).option("inferSchema", False).csv(data)
    return settings, rows.repartition(partitions, F.col(f"`{id_column}`")), id_column


def _whole(batches: Iterator[pd.DataFrame]) -> pd.DataFrame:
    """A partition's rows in one table (Spark hands them over in batches)."""
    frames = list(batches)
    return pd.concat(frames, ignore_index=True) if frames else pd.DataFrame()


def history_span(rows, settings: dict[str, Any]) -> tuple[int, int]:
    """Stage 1: the history's first and last event time (every partition then counts months and
    "as of" on the whole history)."""
    from pyspark.sql import types as T

    def spans(batches):
        table = _whole(batches)
        span = P.partition_span(table, settings) if len(table) else None
        yield pd.DataFrame({"first": [span[0] if span else None], "last": [span[1] if span else None]})

    span_schema = T.StructType([T.StructField("first", T.LongType()), T.StructField("last", T.LongType())])
    found = [(r["first"], r["last"]) for r in rows.mapInPandas(spans, span_schema).collect() if r["first"] is not None]
    return P.merge_spans(found)


def whole_bounds(rows, settings, span, texts: Sequence[str], sketch: Optional[float] = None) -> list[Optional[list[float]]]:
    """Stage 2: the whole data's bounds of every scenario with tiers from target shares or quantiles
    (None for absolute bounds): exact from every final score, or by sketch (``sketch`` = EPS)."""
    from pyspark.sql import types as T

    bounds: list[Optional[list[float]]] = []
    for text in texts:
        if not P.needs_bounds(text):
            bounds.append(None)
            continue
        kind = json.loads(tierlab._native.upgrade_scenario(text))["tiers"]["thresholds"]
        if sketch is not None and kind["kind"] == "target_shares":

            def sketched(batches, text=text):
                values, weights = P.score_sketch(P.partition_scores(_whole(batches), settings, span, text), sketch)
                yield pd.DataFrame({"value": values, "weight": weights})

            schema = T.StructType([T.StructField("value", T.DoubleType()), T.StructField("weight", T.DoubleType())])
            collected = rows.mapInPandas(sketched, schema).toPandas()
            bounds.append(P.sketch_bounds(kind["percent"], [(collected["value"].to_numpy(), collected["weight"].to_numpy())]))
        else:

            def scores(batches, text=text):
                yield pd.DataFrame({"score": P.partition_scores(_whole(batches), settings, span, text)})

            schema = T.StructType([T.StructField("score", T.DoubleType())])
            collected = rows.mapInPandas(scores, schema).toPandas()
            bounds.append(P.exact_bounds(text, [collected["score"].to_numpy()]))
    return bounds


def run(
    spark,
    data: str,
    scenarios: Sequence[Any],
    out: Optional[str] = None,
    *,
    partitions: int = 8,
    sketch: Optional[float] = None,
) -> JobResult:
    """Runs the job; ``scenarios`` are paths, JSON texts or dicts (A, B, ...)."""
    from pyspark.sql import functions as F
    from pyspark.sql import types as T

    texts = [scenario_text(s) for s in scenarios]
    names = [chr(ord("A") + i) for i in range(len(texts))]
    settings, rows = partitioned_rows(spark, data, partitions)

    span = history_span(rows, settings)
    bounds = whole_bounds(rows, settings, span, texts, sketch)

    # Stage 3: every scenario on every partition: member rows and one summary row per partition.
    member_fields = [T.StructField("customer_id", T.StringType())]
    for name in names:
        member_fields += [
            T.StructField(f"{name}_score", T.DoubleType()),
            T.StructField(f"{name}_tier", T.ShortType()),
            T.StructField(f"{name}_points", T.DoubleType()),
        ]
    schema = T.StructType([T.StructField("summary", T.BinaryType())] + member_fields)

    def evaluated(batches):
        table = _whole(batches)
        if not len(table):
            return
        summary, members = P.partition_evaluate(table, settings, span, texts, bounds, names)
        members.insert(0, "summary", None)
        yield pd.concat([pd.DataFrame({"summary": [summary]}), members], ignore_index=True)

    stage = rows.mapInPandas(evaluated, schema).persist()
    summaries = [bytes(r["summary"]) for r in stage.where(F.col("summary").isNotNull()).select("summary").collect()]
    members = stage.where(F.col("summary").isNull()).drop("summary")
    evaluations = P.merge_evaluations(texts, bounds, summaries)
    comparison = P.merge_comparison(texts[:2], bounds[:2], summaries) if len(texts) >= 2 else None
    customers = sum(t["customers"] for t in evaluations[0]["tiers"])
    result = JobResult(customers, span, bounds, evaluations, comparison, members)
    if out is not None:
        write(result, out)
    return result


@dataclass
class ClvResult:
    """The merged CLV report (``tierlab clv --json`` without ``per_customer``) and the Spark
    DataFrame of every customer's values (the columns of ``tierlab clv --out``)."""

    report: dict[str, Any]
    customers: Any = field(repr=False)


CLV_FLOAT_COLUMNS = ["recency", "age", "monetary", "p_alive", "expected_purchases", "expected_order_value", "clv"]


def run_clv(spark, data: str, clv: dict[str, Any], out: Optional[str] = None, *, partitions: int = 8) -> ClvResult:
    """CLV on the partitioned file; ``clv`` as :func:`tierlab.clv_settings` builds it (no holdout)."""
    from pyspark.sql import types as T

    from tierlab.results import CLV_INTERVAL_COLUMNS

    settings, rows = partitioned_rows(spark, data, partitions)

    def counts(batches):
        table = _whole(batches)
        if len(table):
            yield pd.DataFrame({"partial": [P.partition_clv(table, settings, clv)]})

    partial_schema = T.StructType([T.StructField("partial", T.BinaryType())])
    partials = [bytes(r["partial"]) for r in rows.mapInPandas(counts, partial_schema).collect()]
    report, model = P.merge_clv(clv, partials)
    shared = spark.sparkContext.broadcast(model)
    floats = CLV_FLOAT_COLUMNS + (list(CLV_INTERVAL_COLUMNS) if report.get("uncertainty") else [])
    schema = T.StructType(
        [T.StructField("customer_id", T.StringType()), T.StructField("frequency", T.LongType())]
        + [T.StructField(name, T.DoubleType()) for name in floats]
    )

    def values(batches):
        table = _whole(batches)
        if len(table):
            frame = P.partition_clv_values(table, settings, clv, shared.value)
            yield frame[[f.name for f in schema.fields]].astype({name: float for name in floats})

    result = ClvResult(report, rows.mapInPandas(values, schema))
    if out is not None:
        result.customers.write.mode("overwrite").parquet(os.path.join(out, "clv"))
        _write_json(out, {"clv.json": report})
    return result


def _bytes_stage(rows, work) -> list[bytes]:
    """One summary (bytes) per non-empty partition: ``work(table)`` on each partition's rows."""
    from pyspark.sql import types as T

    def summarise(batches):
        table = _whole(batches)
        if len(table):
            yield pd.DataFrame({"summary": [work(table)]})

    schema = T.StructType([T.StructField("summary", T.BinaryType())])
    return [bytes(r["summary"]) for r in rows.mapInPandas(summarise, schema).collect()]


def block_layout(rows, id_column: str) -> tuple[list[str], int]:
    """The first id of every block of the simulator's id order (UTF-8 byte order, BLOCK_SIZE
    customers each) and the number of customers: Spark sorts the distinct ids; only every
    BLOCK_SIZE-th comes back to the driver."""
    from pyspark.sql import functions as F

    ids = rows.select(F.col(f"`{id_column}`").alias("id")).rdd.map(lambda r: P.engine_id(r["id"])).distinct()
    ranked = ids.sortBy(lambda i: i.encode("utf-8")).zipWithIndex()
    starts = ranked.filter(lambda pair: pair[1] % P.BLOCK_SIZE == 0).collect()
    return [i for i, _ in sorted(starts, key=lambda pair: pair[1])], ids.count()


def run_simulation(
    spark, data: str, scenarios: Sequence[Any], settings: dict[str, Any], out: Optional[str] = None, *, tasks: int = 8
) -> dict[str, Any]:
    """The simulation of the schemes (A is the reference) with ``settings`` (``months``,
    ``replications``, ``seed``, ...): ``tierlab simulate --json``'s ``simulation``. Every task holds
    only its partition's rows (docs/model-notes/scale.md, "The simulation split by data")."""
    from pyspark.sql import functions as F
    from pyspark.sql import types as T

    texts = [scenario_text(s) for s in scenarios]
    load_settings, rows, id_column = _partitioned_rows_and_ids(spark, data, tasks)
    span = history_span(rows, load_settings)
    bounds = whole_bounds(rows, load_settings, span, texts)
    # Pass 1: the population's baseline statistics, merged and fitted on the driver.
    partials = _bytes_stage(rows, lambda table: P.partition_baseline_partial(table, load_settings, span))
    fitted = spark.sparkContext.broadcast(P.merge_baseline(settings, partials))
    # Pass 2: the heavy-buyer cut.
    rates = _bytes_stage(rows, lambda table: P.partition_heavy_rates(table, load_settings, span, fitted.value))
    population, _ = P.with_heavy_cut(fitted.value, rates)
    shared = spark.sparkContext.broadcast(population)
    # Pass 3: partitions of whole blocks of the id order, each simulating its own customers.
    layout = block_layout(rows, id_column)
    starts = spark.sparkContext.broadcast(layout[0])

    def with_block(batches):
        for frame in batches:
            yield frame.assign(__block=P.block_of(starts.value, frame[id_column]))

    schema = T.StructType(rows.schema.fields + [T.StructField("__block", T.LongType())])
    by_block = rows.mapInPandas(with_block, schema).repartition(tasks, F.col("__block")).drop("__block")

    def simulate(table):
        return P.partition_simulate(table, load_settings, span, shared.value, layout, texts, bounds, settings)

    result = P.merge_split_simulation(texts, _bytes_stage(by_block, simulate))
    if out is not None:
        _write_json(out, {"simulation.json": result})
    return result


def _write_json(out: str, outputs: dict[str, Any]) -> None:
    os.makedirs(out, exist_ok=True)
    for name, value in outputs.items():
        if value is not None:
            with open(os.path.join(out, name), "w", encoding="utf-8") as file:
                json.dump(value, file, indent=2, allow_nan=False)


def write(result: JobResult, out: str) -> None:
    """The member list as Parquet and the merged results as JSON files in ``out``."""
    result.members.write.mode("overwrite").parquet(os.path.join(out, "members"))
    _write_json(out, {"evaluations.json": result.evaluations, "comparison.json": result.comparison, **result.extra})


def main(argv: Optional[Sequence[str]] = None) -> None:
    parser = argparse.ArgumentParser(prog="tierlab_spark", description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", required=True, help="event log (CSV with a header; any path Spark reads)")
    parser.add_argument("--scenario", action="append", required=True, help="scenario JSON file (A, then B, ...)")
    parser.add_argument("--out", required=True, help="output folder")
    parser.add_argument("--partitions", type=int, default=8)
    parser.add_argument("--sketch", type=float, help="bounds from target shares by sketch with this epsilon")
    parser.add_argument("--clv-calibration-end", metavar="DATE", help="also fit CLV (as tierlab clv) to this day")
    parser.add_argument("--clv-unit", choices=["days", "weeks"], default="days")
    parser.add_argument("--simulate", action="store_true", help="also simulate the schemes (as tierlab simulate)")
    parser.add_argument("--months", type=int, default=12)
    parser.add_argument("--reps", type=int, default=20)
    parser.add_argument("--seed", type=int, default=42)
    args = parser.parse_args(argv)
    from pyspark.sql import SparkSession

    spark = SparkSession.builder.appName("tierlab").getOrCreate()
    result = run(spark, args.data, args.scenario, args.out, partitions=args.partitions, sketch=args.sketch)
    print(f"{result.customers} customers; results in {args.out}")
    if args.clv_calibration_end:
        clv = tierlab.clv_settings(args.clv_calibration_end, unit=args.clv_unit)
        fitted = run_clv(spark, args.data, clv, args.out, partitions=args.partitions)
        print(f"CLV: {fitted.report['customers']} customers; clv.json and clv/ in {args.out}")
    if args.simulate:
        settings = {"months": args.months, "replications": args.reps, "seed": args.seed, "deterministic": False}
        run_simulation(spark, args.data, args.scenario, settings, args.out, tasks=args.partitions)
        print(f"simulation: simulation.json in {args.out}")

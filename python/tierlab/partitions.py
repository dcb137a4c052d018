"""Work split by customer and merged: the building blocks of the Spark job, usable without Spark.

Every customer's rows go to one partition (:func:`customer_key` hashes the id, as the simulator keys
its random draws). A run makes three passes over the partitions, each a plain function of one
partition's table, and merges on the driver:

1. :func:`partition_span` - the history's first and last event time (merged: min / max).
2. :func:`partition_scores` or :func:`partition_score_sketch` - final scores for tier bounds drawn
   from target shares or quantiles: gathered exactly, or as a sketch with a stated error
   (:func:`sketch_bounds`).
3. :func:`partition_evaluate` - the mergeable summary of the scenarios on the partition plus each
   customer's score, tier and points (the member list); :func:`merge_comparison` /
   :func:`merge_evaluations` give the whole data's results.

Merge rules and bounds: docs/model-notes/scale.md.
"""

from __future__ import annotations

import json
from typing import Any, Iterable, Optional, Sequence

import numpy as np
import pandas as pd

from . import _native
from .scenarios import ScenarioLike, scenario_text

FNV_OFFSET = 0xCBF29CE484222325
FNV_PRIME = 0x100000001B3
MASK = (1 << 64) - 1


def customer_key(customer_id: str) -> int:
    """64-bit FNV-1a of the id's UTF-8 bytes: the simulator's stream key, and the partition hash."""
    h = FNV_OFFSET
    for byte in str(customer_id).encode("utf-8"):
        h = ((h ^ byte) * FNV_PRIME) & MASK
    return h


def split(table: pd.DataFrame, id_column: str, parts: int) -> list[pd.DataFrame]:
    """The table's rows in `parts` partitions by customer (rows keep their order within each)."""
    bucket = table[id_column].map(lambda c: customer_key(c) % parts)
    return [table[bucket == p] for p in range(parts)]


def partition_settings(settings: dict[str, Any], inspection: dict[str, Any]) -> dict[str, Any]:
    """The whole file's load settings, pinned for partitions written as comma-separated text: what
    the whole file's reading detected (date order, decimal mark) is fixed, so no partition can
    detect it differently. Policies that fill missing values from the whole population cannot be
    split and are refused."""
    pinned = json.loads(json.dumps(settings))
    pinned["read"] = {
        "encoding": "utf8",
        "delimiter": "comma",
        "has_header": True,
        "date_order": inspection.get("date_order"),
        "decimal_comma": False,
    }
    if pinned.get("missing") not in ("drop_row", "fill_zero"):
        raise _native.DataError(
            f"missing-value policy {pinned.get('missing')!r} fills from the whole population; "
            "partitioned runs take drop_row or fill_zero"
        )
    return pinned


def _csv(table: pd.DataFrame) -> bytes:
    return table.to_csv(index=False).encode("utf-8")


def load(table: pd.DataFrame, settings: dict[str, Any], span: Optional[tuple[int, int]] = None) -> _native.Partition:
    """One partition (a table of text cells with the file's columns) in the engine."""
    return _native.load_partition(_csv(table), json.dumps(settings), span)


def partition_span(table: pd.DataFrame, settings: dict[str, Any]) -> Optional[tuple[int, int]]:
    return load(table, settings).time_span() if len(table) else None


def merge_spans(spans: Iterable[Optional[tuple[int, int]]]) -> tuple[int, int]:
    spans = [s for s in spans if s is not None]
    if not spans:
        raise _native.DataError("no partition has any event")
    return min(s[0] for s in spans), max(s[1] for s in spans)


def needs_bounds(scenario: ScenarioLike) -> bool:
    """Whether the scenario's tier bounds come from the population (target shares or quantiles)."""
    from .scenarios import scenario as parsed

    return parsed(scenario)["tiers"]["thresholds"]["kind"] != "absolute"


def partition_scores(table: pd.DataFrame, settings: dict, span: tuple[int, int], scenario: ScenarioLike) -> np.ndarray:
    """Every customer's final score in this partition (exact bounds gather these)."""
    if not len(table):
        return np.empty(0)
    return np.asarray(load(table, settings, span).final_scores(scenario_text(scenario)), dtype=float)


def exact_bounds(scenario: ScenarioLike, scores: Iterable[np.ndarray]) -> list[float]:
    """The engine's bounds on every customer's final score: exactly the one-machine bounds."""
    return _native.resolve_tier_bounds(scenario_text(scenario), np.concatenate(list(scores)).tolist())


def score_sketch(scores: np.ndarray, epsilon: float) -> tuple[np.ndarray, np.ndarray]:
    """An equi-depth summary of one partition's finite scores: every k-th smallest value (k = the
    larger of 1 and floor(epsilon x n)), each standing for the k scores up to it. Counting the
    samples below any value misses fewer than k of the partition's scores below it."""
    finite = np.sort(scores[np.isfinite(scores)])
    k = max(1, int(epsilon * len(finite)))
    picks = np.arange(k - 1, len(finite), k)
    values = finite[picks]
    weights = np.full(len(values), float(k))
    covered = len(values) * k
    if covered < len(finite):  # the top values past the last full step
        values = np.append(values, finite[-1])
        weights = np.append(weights, float(len(finite) - covered))
    return values, weights


def sketch_bounds(
    percent: Sequence[float], sketches: Iterable[tuple[np.ndarray, np.ndarray]]
) -> list[float]:
    """Bounds for target shares from merged sketches, by the engine's rule (cuts only between
    distinct scores, each at the achievable position nearest its target, the higher one on a tie)
    applied to estimated positions. Each cut lands at most 3 x (sum of the partitions' k) customers
    further from its target than the exact rule's cut (docs/model-notes/scale.md)."""
    values = np.concatenate([s[0] for s in sketches])
    weights = np.concatenate([s[1] for s in sketches])
    order = np.argsort(values, kind="stable")
    values, weights = values[order], weights[order]
    n = weights.sum()
    if n == 0:
        return [float(k) for k in range(1, len(percent))]
    distinct, first = np.unique(values, return_index=True)
    below = np.concatenate([[0.0], np.cumsum(weights)])[first]  # estimated count below each distinct value
    candidates = list(zip(below.tolist(), distinct.tolist())) + [(float(n), float(np.nextafter(values[-1], np.inf)))]
    bounds, cumulative, previous = [], 0.0, 0.0
    for share in percent[:-1]:
        cumulative += share / 100.0
        target = cumulative * n
        eligible = [c for c in candidates if c[0] >= previous]
        position, value = min(eligible, key=lambda c: (abs(c[0] - target), -c[0]))
        previous = position
        bounds.append(value)
    return bounds


def partition_evaluate(
    table: pd.DataFrame,
    settings: dict,
    span: tuple[int, int],
    scenarios: Sequence[ScenarioLike],
    bounds: Sequence[Optional[list[float]]],
    names: Optional[Sequence[str]] = None,
) -> tuple[bytes, pd.DataFrame]:
    """The partition's mergeable summary of the scenarios and its member rows: customer id, then per
    scenario (named by `names`, default A, B, ...) the final score, tier (0 = lowest) and points."""
    names = list(names or [chr(ord("A") + i) for i in range(len(scenarios))])
    partition = load(table, settings, span)
    summary, per_scheme = partition.evaluate([scenario_text(s) for s in scenarios], list(bounds))
    members = pd.DataFrame({"customer_id": partition.customer_ids()})
    for name, (scores, tiers, points) in zip(names, per_scheme):
        members[f"{name}_score"] = scores
        tiers = np.frombuffer(tiers, np.uint8) if isinstance(tiers, (bytes, bytearray)) else np.asarray(tiers)
        members[f"{name}_tier"] = tiers.astype(np.int16)
        members[f"{name}_points"] = points
    return summary, members


def merge_comparison(
    scenarios: Sequence[ScenarioLike], bounds: Sequence[Optional[list[float]]], summaries: Iterable[bytes]
) -> dict[str, Any]:
    """The whole data's comparison of A and B (as ``tierlab compare --json``)."""
    texts = [scenario_text(s) for s in scenarios]
    return json.loads(_native.merge_comparison(texts, list(bounds), list(summaries)))


def merge_evaluations(
    scenarios: Sequence[ScenarioLike], bounds: Sequence[Optional[list[float]]], summaries: Iterable[bytes]
) -> list[dict[str, Any]]:
    """The whole data's outcome of each scenario (as ``tierlab run --json``)."""
    texts = [scenario_text(s) for s in scenarios]
    return [json.loads(o) for o in _native.merge_evaluations(texts, list(bounds), list(summaries))]


# ---- CLV -----------------------------------------------------------------------------------------
# Each partition counts its customers by distinct history (x, t_x, T, mean value); the counts merge
# by integer sums and the driver fits once on them, so parameters, population totals and every
# customer's values equal ``tierlab clv`` on the whole file to the last bit. No holdout (its check
# adds customers in file order).


def partition_clv(table: pd.DataFrame, settings: dict[str, Any], clv: dict[str, Any]) -> bytes:
    """One partition's CLV history counts (``clv``: :func:`tierlab.clv_settings`)."""
    return load(table, settings).clv_partial(json.dumps(clv))


def merge_clv(clv: dict[str, Any], partials: Iterable[bytes]) -> tuple[dict[str, Any], bytes]:
    """The whole data's CLV report (``tierlab clv --json`` without ``per_customer``) and the fitted
    model for :func:`partition_clv_values`."""
    report, model = _native.merge_clv(json.dumps(clv), list(partials))
    return json.loads(report), model


def partition_clv_values(
    table: pd.DataFrame, settings: dict[str, Any], clv: dict[str, Any], model: bytes
) -> pd.DataFrame:
    """The partition's customers' rows of ``tierlab clv --out`` under the merged fit."""
    from .results import clv_customers

    partition = load(table, settings)
    values = json.loads(partition.clv_values(json.dumps(clv), model))
    return clv_customers(values, partition.customer_ids())


# ---- simulation ------------------------------------------------------------------------------------
# The simulator sums over fixed blocks of customers in id order and merges blocks in block order;
# tasks each simulate a range of the blocks (every task loads the whole file and fits the same
# baseline) and the driver merges: exactly ``tierlab simulate``.


def simulator(
    data: bytes, schemes: Sequence[ScenarioLike], settings: dict[str, Any], reference: int = 0
) -> _native.BlockSimulator:
    """The file (bytes, loaded as the CLI loads it) with its baseline and the schemes."""
    texts = [scenario_text(s) for s in schemes]
    return _native.BlockSimulator(data, texts, json.dumps(settings), reference)


def block_ranges(blocks: int, parts: int) -> list[tuple[int, int]]:
    """``blocks`` split into at most ``parts`` contiguous ranges of nearly equal size."""
    parts = max(1, min(parts, blocks))
    cuts = [round(i * blocks / parts) for i in range(parts + 1)]
    return [(cuts[i], cuts[i + 1]) for i in range(parts) if cuts[i] < cuts[i + 1]]


def merge_simulation(sim: _native.BlockSimulator, partials: Iterable[bytes]) -> dict[str, Any]:
    """The result of ``tierlab simulate --json`` (its ``simulation``) from every block's sums."""
    return json.loads(sim.merge(list(partials)))


# ---- simulation split by data ----------------------------------------------------------------------
# Every partition holds only its own customers' rows. Pass 1 (any customer partitions): what the
# no-program baseline takes from the whole population, merged and fitted once on the driver. Pass 2:
# the heavy-buyer cut (the 80th percentile of expected purchase rates, counted by value). Pass 3:
# partitions of whole blocks of the simulator's id order each simulate their own customers; the
# driver adds the block sums in block order: exactly ``tierlab simulate``.

BLOCK_SIZE = 4096


def engine_id(cell: Any) -> str:
    """A customer id cell as the engine reads it (surrounding blanks trimmed)."""
    return str(cell).strip().strip("\ufeff").strip()


def partition_baseline_partial(table: pd.DataFrame, settings: dict, span: tuple[int, int]) -> bytes:
    """Pass 1: one partition's part of the population's baseline statistics."""
    return _native.baseline_partial(load(table, settings, span))


def merge_baseline(simulation: dict[str, Any], partials: Iterable[bytes]) -> bytes:
    """The population's baseline statistics, merged and fitted (``simulation``: the run's settings)."""
    return _native.merge_baseline(json.dumps(simulation), list(partials))


def partition_heavy_rates(table: pd.DataFrame, settings: dict, span: tuple[int, int], population: bytes) -> bytes:
    """Pass 2: one partition's expected purchase rates counted by value."""
    return _native.heavy_rates(load(table, settings, span), population)


def with_heavy_cut(population: bytes, rates: Iterable[bytes]) -> tuple[bytes, Optional[dict]]:
    """The population with its heavy-buyer cut, and the baseline's note (None: the model asked for fitted)."""
    population, note = _native.with_heavy_cut(population, list(rates))
    return population, json.loads(note)


def block_layout(ids: Iterable[str]) -> tuple[list[str], int]:
    """The first id (UTF-8 byte order) of every block of the simulator's id order, and the customers."""
    ordered = sorted({engine_id(i) for i in ids}, key=lambda s: s.encode("utf-8"))
    return ordered[::BLOCK_SIZE], len(ordered)


def block_of(starts: Sequence[str], ids: pd.Series) -> np.ndarray:
    """The block of each id (engine ids) given the blocks' first ids."""
    import bisect

    keys = [s.encode("utf-8") for s in starts]
    return np.array([max(bisect.bisect_right(keys, engine_id(i).encode("utf-8")) - 1, 0) for i in ids], dtype=np.int64)


def partition_simulate(
    table: pd.DataFrame,
    settings: dict,
    span: tuple[int, int],
    population: bytes,
    layout: tuple[list[str], int],
    scenarios: Sequence[ScenarioLike],
    bounds: Sequence[Optional[list[float]]],
    simulation: dict[str, Any],
    reference: int = 0,
) -> bytes:
    """Pass 3: one partition of whole blocks simulated on its own customers (its block sums)."""
    texts = [scenario_text(s) for s in scenarios]
    starts, customers = layout
    return _native.simulate_partition_sums(
        load(table, settings, span), population, list(starts), customers, texts, list(bounds), json.dumps(simulation), reference
    )


def merge_split_simulation(scenarios: Sequence[ScenarioLike], sums: Iterable[bytes]) -> dict[str, Any]:
    """The whole data's simulation (``tierlab simulate --json``'s ``simulation``) from every partition's sums."""
    return json.loads(_native.merge_split_simulation([scenario_text(s) for s in scenarios], list(sums)))

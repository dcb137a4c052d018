"""Loading data into the engine and running its jobs on it, as the page's worker and the CLI do."""

from __future__ import annotations

import json
import os
from typing import Any, Optional, Union

from . import _native
from .results import Comparison, ClvFit, Evaluation, Simulation, frame
from .scenarios import ScenarioLike, scenario_text

Source = Union[str, os.PathLike, bytes, "pandas.DataFrame", "pyarrow.Table"]  # noqa: F821


def _file_bytes(source: Source, name: Optional[str]) -> tuple[str, bytes]:
    """The bytes the engine reads and a file name for its messages. Tables are written as CSV (the
    engine then reads them exactly as it reads a file: the same types, roles and checks)."""
    if isinstance(source, (str, os.PathLike)):
        with open(source, "rb") as file:
            return name or os.path.basename(os.fspath(source)), file.read()
    if isinstance(source, (bytes, bytearray, memoryview)):
        return name or "data.csv", bytes(source)
    try:
        import pyarrow as pa

        if isinstance(source, (pa.Table, pa.RecordBatch)):
            source = source.to_pandas()
    except ImportError:  # pyarrow is optional for plain pandas or file users
        pass
    if hasattr(source, "to_csv"):
        return name or "dataframe.csv", source.to_csv(index=False).encode("utf-8")
    raise TypeError(f"cannot load a {type(source).__name__}: give a path, bytes, a pandas DataFrame or a pyarrow Table")


def _request(session: _native.Session, body: dict[str, Any], attachment: Optional[bytes] = None) -> dict[str, Any]:
    return json.loads(session.request(json.dumps(body, allow_nan=False), attachment))


def inspect(source: Source, *, name: Optional[str] = None, read: Optional[dict] = None) -> dict[str, Any]:
    """How the engine reads a file or table: ``{"inspection", "settings", "report"}`` as
    ``tierlab inspect --json`` prints it. ``read`` overrides detection (keys of the engine's read
    options: ``encoding``, ``delimiter``, ``has_header``, ``date_order``, ``decimal_comma``)."""
    session = _native.Session()
    file_name, data = _file_bytes(source, name)
    inspected = _request(session, {"type": "inspect", "file_name": file_name, "options": read or {}}, data)
    loaded = _request(session, {"type": "load", "settings": inspected["settings"]})
    return {
        "inspection": inspected["inspection"],
        "settings": inspected["settings"],
        "report": loaded["summary"]["report"],
    }


def load(
    source: Source, *, settings: Optional[dict] = None, name: Optional[str] = None, read: Optional[dict] = None
) -> "Dataset":
    """Reads a CSV / xlsx file (path or bytes), a pandas DataFrame or a pyarrow Table the way the
    CLI does: formats, roles and policies detected, or ``settings`` (the ``"settings"`` of
    :func:`inspect`, edited) applied. Raises :class:`tierlab.DataError` on a file it cannot read."""
    session = _native.Session()
    file_name, data = _file_bytes(source, name)
    inspected = _request(session, {"type": "inspect", "file_name": file_name, "options": read or {}}, data)
    loaded = _request(session, {"type": "load", "settings": settings or inspected["settings"]})
    return Dataset(session, loaded["summary"])


def sample_csv(customers: Optional[int] = None, seed: Optional[int] = None) -> str:
    """The embedded sample population as CSV text (``tierlab sample``: 20,000 customers, seed 42)."""
    return _native.sample_csv(customers, seed)


def sample(customers: Optional[int] = None, seed: Optional[int] = None) -> "Dataset":
    """The sample population, loaded as if its CSV had been read from a file."""
    return load(sample_csv(customers, seed).encode("utf-8"), name="tierlab-sample.csv")


class Dataset:
    """Loaded data and the engine's memory of it (one worker session). Build it with :func:`load`."""

    def __init__(self, session: _native.Session, summary: dict[str, Any]):
        self._session = session
        self.summary = summary
        """What was loaded: ``customers``, ``events``, ``purchases``, ``revenue``, ``period``, the
        validation ``report`` and the ``settings`` used."""

    def __repr__(self) -> str:
        s = self.summary
        return f"<tierlab.Dataset {s['source_name']!r}: {s['customers']} customers, {s['events']} events>"

    @property
    def customers(self) -> int:
        return self.summary["customers"]

    def _ask(self, body: dict[str, Any]) -> dict[str, Any]:
        return _request(self._session, body)

    def features(self) -> "pandas.DataFrame":  # noqa: F821
        """Distribution of every feature the data provides (``tierlab features``), one row each."""
        return frame(self._ask({"type": "feature_stats"})["stats"])

    def evaluate(self, scenario_: ScenarioLike) -> Evaluation:
        """One scenario on the history (``tierlab run``): tiers, replay, points ledger, costs."""
        outcome = json.loads(self._session.evaluate(scenario_text(scenario_)))["outcome"]
        return Evaluation(outcome)

    def compare(self, *scenarios: ScenarioLike) -> Comparison:
        """Schemes side by side on the same customers (``tierlab compare``): tiers, transitions,
        costs and differences. Give A and B."""
        if len(scenarios) != 2:
            raise _native.ScenarioError(f"compare takes two scenarios (A and B), got {len(scenarios)}")
        a, b = (scenario_text(s) for s in scenarios)
        return Comparison(json.loads(self._session.compare(a, b))["comparison"])

    def explain(self, scenario_: ScenarioLike, customer_id: str) -> dict[str, Any]:
        """Why one customer is in their tier (``tierlab explain``)."""
        answer = self._session.explain(scenario_text(scenario_), str(customer_id))
        return json.loads(answer)["explanation"]

    def member_file(
        self, *scenarios: ScenarioLike, format: str = "csv", language: str = "en", exclude_flagged: bool = False
    ) -> bytes:
        """The member list as the file ``tierlab members`` writes (``format`` "csv" or "xlsx";
        ``language`` "en" or "zh"): one row per customer, their place under each of 1 to 6 schemes.
        ``exclude_flagged`` holds flagged customers in the lowest tier under every scheme."""
        texts = [scenario_text(s) for s in scenarios]
        options = json.dumps({"language": language})
        return self._session.member_list(texts, format, options, exclude_flagged)

    def members(
        self, *scenarios: ScenarioLike, language: str = "en", exclude_flagged: bool = False
    ) -> "pandas.DataFrame":  # noqa: F821
        """The member list (``tierlab members``) as a table; column names as in the file, empty cells
        (a value the data cannot give) as missing."""
        import io

        import pandas as pd

        data = self.member_file(*scenarios, format="csv", language=language, exclude_flagged=exclude_flagged)
        id_column = pd.read_csv(io.BytesIO(data), nrows=0).columns[0]
        return pd.read_csv(io.BytesIO(data), dtype={id_column: str}, float_precision="round_trip")

    def fit_clv(self, calibration_end: Union[str, int], *, publish: bool = False, **options: Any) -> ClvFit:
        """BG/NBD + Gamma-Gamma (``tierlab clv``). ``options`` are those of :func:`clv_settings`
        (``holdout_end``, ``unit``, ``horizon_months``, ``discount_rate``, ``margin`` and fields of the
        engine's CLV settings). With ``publish`` the predictions become columns (``p_alive``,
        ``expected_purchases``, ``clv``) that scenarios can tier by."""
        body = clv_settings(calibration_end, **options)
        report = json.loads(self._session.fit_clv(json.dumps(body, allow_nan=False), publish))
        return ClvFit(report, self._session.customer_ids())

    def simulate(
        self,
        *scenarios: ScenarioLike,
        months: int = 12,
        reps: int = 20,
        seed: int = 42,
        deterministic: bool = False,
        field_test: bool = True,
        **settings: Any,
    ) -> Simulation:
        """Month-by-month simulation of the schemes and no program (``tierlab simulate``), with the
        CLI's defaults. Also plans a field test (5 % significance, 80 % power) like the CLI."""
        if len(scenarios) != 2:
            raise _native.ScenarioError(f"simulate takes two scenarios (A and B), got {len(scenarios)}")
        a, b = (scenario_text(s) for s in scenarios)
        run = {"months": months, "replications": reps, "seed": seed, "deterministic": deterministic, **settings}
        answer, plan = self._session.simulate(a, b, json.dumps(run), (0.05, 0.8) if field_test else None)
        response = json.loads(answer)
        return Simulation(response["result"], response.get("baseline_note"), plan and json.loads(plan))


def clv_settings(
    calibration_end: Union[str, int],
    *,
    holdout_end: Union[str, int, None] = None,
    unit: str = "days",
    horizon_months: Optional[int] = None,
    discount_rate: Optional[float] = None,
    margin: Optional[float] = None,
    **settings: Any,
) -> dict[str, Any]:
    """The engine's CLV settings as ``tierlab clv`` builds them from its options (dates as
    ``YYYY-MM-DD``, the end of that day, or seconds since 1970; other keyword arguments are fields
    of the engine's settings, e.g. ``uncertainty_draws``, ``purchase_model``)."""
    body: dict[str, Any] = {"calibration_end": _timestamp(calibration_end), "time_unit": unit, **settings}
    if holdout_end is not None:
        body["holdout_end"] = _timestamp(holdout_end)
    for key, value in (
        ("horizon_months", horizon_months),
        ("monthly_discount_rate", discount_rate),
        ("margin_percent", margin),
    ):
        if value is not None:
            body[key] = value
    return body


def _timestamp(value: Union[str, int]) -> int:
    return int(value) if isinstance(value, int) else _native.end_of_day(value)


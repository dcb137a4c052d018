"""TierLab's engine for Python: the same membership-tier, benefit, CLV and simulation numbers as the
``tierlab`` command line, returned as pandas DataFrames.

>>> import tierlab
>>> data = tierlab.load("orders.csv")               # or a pandas DataFrame, a pyarrow Table
>>> data.compare(tierlab.template(), tierlab.template(b=True)).tiers
>>> data.simulate(tierlab.template(), tierlab.template(b=True), months=12, reps=20, seed=1).kpis

Failures raise :class:`TierLabError` (subclasses ``DataError``, ``ScenarioError``, ``ModelError``,
``SimulationError``, ``InternalError``) with the engine's own message.
"""

from ._native import (
    DataError,
    InternalError,
    ModelError,
    ScenarioError,
    SimulationError,
    TierLabError,
    __version__,
)
from .dataset import Dataset, clv_settings, inspect, load, sample, sample_csv
from .scenarios import scenario, template

__all__ = [
    "clv_settings",
    "Dataset",
    "DataError",
    "InternalError",
    "ModelError",
    "ScenarioError",
    "SimulationError",
    "TierLabError",
    "__version__",
    "inspect",
    "load",
    "sample",
    "sample_csv",
    "scenario",
    "template",
]

"""Scenario documents: JSON text, a dict or a file path in; the engine's current format (a dict) out."""

from __future__ import annotations

import json
import os
from typing import Any, Union

from . import _native

ScenarioLike = Union[str, os.PathLike, dict]


def scenario_text(value: ScenarioLike) -> str:
    """The scenario's JSON text as the engine will read it: a file's or a string's text unchanged
    (so its numbers are read exactly as the CLI reads that file), a dict written as JSON."""
    if isinstance(value, dict):
        return json.dumps(value, allow_nan=False)
    if isinstance(value, os.PathLike) or (isinstance(value, str) and not value.lstrip().startswith("{")):
        with open(value, encoding="utf-8") as file:
            return file.read()
    if isinstance(value, str):
        return value
    raise TypeError(f"a scenario is JSON text, a dict or a file path, not a {type(value).__name__}")


def scenario(value: ScenarioLike) -> dict[str, Any]:
    """A scenario as the engine reads it: any older version upgraded, every field checked.

    ``value`` is JSON text, a dict (as ``json.load`` gives) or the path of a ``.json`` file.
    Raises :class:`tierlab.ScenarioError` with the engine's message when it is not a scenario.
    """
    return json.loads(_native.upgrade_scenario(scenario_text(value)))


def template(b: bool = False) -> dict[str, Any]:
    """The page's default scenario A (or, with ``b=True``, its default B), as ``tierlab scenario-template``."""
    return json.loads(_native.scenario_template(b))

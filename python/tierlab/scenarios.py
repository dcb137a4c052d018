"""Scenario documents: JSON text, a dict or a file path in; the engine's current format (a dict) out."""

from __future__ import annotations

import json
import os
from typing import Any, Union

from . import _native

ScenarioLike = Union[str, os.PathLike, dict]


def scenario(value: ScenarioLike) -> dict[str, Any]:
    """A scenario as the engine reads it: any older version upgraded, every field checked.

    ``value`` is JSON text, a dict (as ``json.load`` gives) or the path of a ``.json`` file.
    Raises :class:`tierlab.ScenarioError` with the engine's message when it is not a scenario.
    """
    if isinstance(value, dict):
        text = json.dumps(value)
    elif isinstance(value, os.PathLike) or (isinstance(value, str) and not value.lstrip().startswith("{")):
        with open(value, encoding="utf-8") as file:
            text = file.read()
    else:
        text = value
    return json.loads(_native.upgrade_scenario(text))


def template(b: bool = False) -> dict[str, Any]:
    """The page's default scenario A (or, with ``b=True``, its default B), as ``tierlab scenario-template``."""
    return json.loads(_native.scenario_template(b))

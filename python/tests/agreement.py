"""Comparing merged results with one-machine results: counts must be equal; money sums may differ
only by floating-point summation order, within the bound of docs/model-notes/scale.md."""

from __future__ import annotations

# Each money figure is a sum of at most a few million terms of one sign per partition and tier; the
# worst-case rounding of any summation order is (n - 1) x 2^-53 of the sum of magnitudes, 2e-10 for
# n = 1e6. 1e-9 leaves headroom for differences of two such sums (B - A).
RELATIVE = 1e-9
# Figures that should be zero can come out as 1e-9-ish crumbs in either order.
ABSOLUTE = 1e-6


def differences(ours, theirs, path="") -> list[str]:
    """Every place where two JSON results disagree: integers and text exactly, floats by the bound."""
    if isinstance(ours, dict) and isinstance(theirs, dict):
        out = []
        for key in sorted(set(ours) | set(theirs)):
            out += differences(ours.get(key), theirs.get(key), f"{path}.{key}")
        return out
    if isinstance(ours, list) and isinstance(theirs, list):
        if len(ours) != len(theirs):
            return [f"{path}: {len(ours)} items vs {len(theirs)}"]
        out = []
        for i, (x, y) in enumerate(zip(ours, theirs)):
            out += differences(x, y, f"{path}[{i}]")
        return out
    if isinstance(ours, float) and isinstance(theirs, float):
        if abs(ours - theirs) <= RELATIVE * (abs(ours) + abs(theirs)) + ABSOLUTE:
            return []
        return [f"{path}: {ours!r} vs {theirs!r}"]
    return [] if ours == theirs and type(ours) is type(theirs) else [f"{path}: {ours!r} vs {theirs!r}"]


def counts_only(result):
    """The integer and text parts of a result (what must be equal to the last digit)."""
    if isinstance(result, dict):
        return {k: counts_only(v) for k, v in result.items()}
    if isinstance(result, list):
        return [counts_only(v) for v in result]
    return None if isinstance(result, float) else result

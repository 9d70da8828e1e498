"""Check: each report's figures against each other (the `checks` table).

The checks themselves are data (``data/checks.yaml``): reported rates against the
rate computed from their own counts, parts against totals, concluded + pending
against received. A check is ``n/a`` when a figure it needs is missing, truncated
or stated with more than one value.
"""

from __future__ import annotations

from collections.abc import Iterable
from importlib import resources
from typing import Any

import yaml

from .catalog import CATALOG
from .exceptions import CatalogError


def load_checks() -> dict[str, Any]:
    text = resources.files("lawgov").joinpath("data", "checks.yaml").read_text(encoding="utf-8")
    spec = yaml.safe_load(text)
    for c in spec["checks"]:
        ids = [c.get(k) for k in ("rate", "numerator", "denominator", "total") if c.get(k)]
        ids += c.get("parts", [])
        unknown = [i for i in ids if i not in CATALOG.indicators]
        if unknown or c.get("type") not in ("ratio", "parts", "sum"):
            raise CatalogError(f"checks.yaml: check {c.get('name')!r}: bad type or ids {unknown}")
    return spec


SPEC = load_checks()


def _values(figures: Iterable[dict]) -> dict[str, list[float]]:
    values: dict[str, list[float]] = {}
    for f in figures:
        if f["qualifier"] != "truncated":
            values.setdefault(f["indicator"], []).append(float(f["value"]))
    return values


def _single(values: dict[str, list[float]], ids: list[str]) -> list[float] | str:
    missing = [i for i in ids if i not in values]
    if missing:
        return "not reported: " + ", ".join(missing)
    several = [i for i in ids if len(values[i]) > 1]
    if several:
        return "several values: " + ", ".join(several)
    return [values[i][0] for i in ids]


def _ratio(c: dict, values: dict) -> tuple[str, float | None, float | None, str]:
    got = _single(values, [c["rate"], c["numerator"], c["denominator"]])
    if isinstance(got, str):
        return "n/a", None, None, got
    rate, num, den = got
    if den == 0:
        return "n/a", None, rate, "denominator is zero"
    expected = round(num / den * 100, 2)
    gap = abs(expected - rate)
    status = "ok" if gap <= SPEC["tolerance"] else "warn" if gap <= SPEC["warn_within"] else "fail"
    return status, expected, rate, f"{num:g} / {den:g}; gap {gap:.2f} points"


def _parts(c: dict, values: dict) -> tuple[str, float | None, float | None, str]:
    present = [p for p in c["parts"] if p in values]
    total = _single(values, [c["total"]])
    if isinstance(total, str) or not present:
        return "n/a", None, None, total if isinstance(total, str) else "no parts reported"
    parts = _single(values, present)
    if isinstance(parts, str):
        return "n/a", None, None, parts
    observed, expected = sum(parts), total[0]
    detail = " + ".join(f"{p.split('.')[-1]} {v:g}" for p, v in zip(present, parts, strict=True))
    if c["type"] == "sum":
        if len(present) < len(c["parts"]):
            return "n/a", expected, observed, "not every part is reported"
        return ("ok" if abs(observed - expected) < 1e-9 else "fail"), expected, observed, detail
    return ("ok" if observed <= expected + 1e-9 else "fail"), expected, observed, detail


def check_report(report_id: str, figures: list[dict]) -> list[dict]:
    """One row per check for one report."""
    values = _values(figures)
    rows = []
    for c in SPEC["checks"]:
        status, expected, observed, detail = (_ratio if c["type"] == "ratio" else _parts)(c, values)
        rows.append(dict(report_id=report_id, check=c["name"], status=status,
                         expected=expected, observed=observed, detail=detail))
    return rows

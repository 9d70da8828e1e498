"""Frames: the tidy tables of INTERFACE.md, typed and validated against a schema."""

from __future__ import annotations

import warnings

import pandas as pd

with warnings.catch_warnings():
    warnings.simplefilter("ignore")
    import pandera.pandas as pa

from .catalog import CATALOG, UNITS
from .exceptions import SchemaError

QUALIFIERS = ["exact", "approx", "at_least", "at_most", "truncated"]
LEVELS = ["province", "prefecture", "county"]
STATUSES = ["ok", "warn", "fail", "n/a"]


def _cat(values: list[str]) -> pd.CategoricalDtype:
    return pd.CategoricalDtype(values)


INDICATOR_IDS = list(CATALOG.indicators)
DOMAINS = list(dict.fromkeys(i.domain for i in CATALOG.indicators.values()))

# column -> dtype, in table order
COLUMNS: dict[str, dict[str, object]] = {
    "reports": {
        "report_id": "string", "file": "string", "path": "string", "sha256": "string",
        "format": "string", "encoding": "string", "n_replaced": "Int64", "n_converted": "Int64",
        "duplicate_of": "string", "jurisdiction": "string", "adcode": "string",
        "level": _cat(LEVELS), "division_type": "string", "province": "string",
        "prefecture": "string", "year": "Int64", "published": "string", "genre": "string",
        "url": "string",
        "retrieved": "string", "n_chars": "Int64", "duplicated_body": "boolean",
        "repeated_share": "Float64", "n_redactions": "Int64", "n_censored": "Int64",
        "n_junk_chars": "Int64", "n_runon_chars": "Int64", "n_sections": "Int64",
        "n_figures": "Int64",
        "n_truncated": "Int64",
    },
    "figures": {
        "report_id": "string", "file": "string", "domain": _cat(DOMAINS),
        "indicator": _cat(INDICATOR_IDS), "value": "Float64", "unit": _cat(sorted(UNITS)),
        "qualifier": _cat(QUALIFIERS), "start": "Int64", "end": "Int64", "quote": "string",
        "section": "string", "theme": "string", "rule": "string", "cue": "string",
    },
    "checks": {
        "report_id": "string", "check": "string", "status": _cat(STATUSES),
        "expected": "Float64", "observed": "Float64", "detail": "string",
    },
    "sections": {
        "report_id": "string", "level": "Int64", "number": "string", "title": "string",
        "theme": "string", "start": "Int64", "end": "Int64", "parent": "Int64",
    },
    "errors": {"file": "string", "stage": "string", "reason": "string"},
}

_KEYS = {"reports": ["report_id"], "figures": ["report_id", "indicator", "value"]}
_REQUIRED = {
    "reports": ["report_id", "file", "sha256", "n_chars"],
    "figures": ["report_id", "indicator", "value", "unit", "qualifier", "start", "end", "quote"],
    "checks": ["report_id", "check", "status"],
    "sections": ["report_id", "level", "title", "start", "end"],
    "errors": ["file", "stage", "reason"],
}


def _schema(name: str) -> pa.DataFrameSchema:
    required = _REQUIRED[name]
    columns = {
        col: pa.Column(dtype, nullable=col not in required, coerce=False)
        for col, dtype in COLUMNS[name].items()
    }
    checks = []
    if name == "figures":
        checks.append(pa.Check(lambda df: df["start"] < df["end"], error="start < end"))
    return pa.DataFrameSchema(columns, checks=checks, unique=_KEYS.get(name), strict=True)


SCHEMAS = {name: _schema(name) for name in COLUMNS}


def typed(name: str, rows: list[dict]) -> pd.DataFrame:
    """A typed table from row dicts (missing columns become nulls), not yet validated."""
    columns = COLUMNS[name]
    frame = pd.DataFrame(rows, columns=list(columns))
    for col, dtype in columns.items():
        if isinstance(dtype, pd.CategoricalDtype):
            unknown = set(frame[col].dropna()) - set(dtype.categories)
            if unknown:
                raise SchemaError(f"table {name!r}: column {col!r} has values outside "
                                  f"{list(dtype.categories)}: {sorted(map(str, unknown))}")
        frame[col] = frame[col].astype(dtype) if len(frame) else pd.Series([], dtype=dtype)
    return frame


def build(name: str, rows: list[dict]) -> pd.DataFrame:
    """A typed, validated table from row dicts (missing columns become nulls)."""
    return validate(name, typed(name, rows))


def validate(name: str, frame: pd.DataFrame) -> pd.DataFrame:
    try:
        return SCHEMAS[name].validate(frame)
    except (pa.errors.SchemaError, pa.errors.SchemaErrors) as exc:
        raise SchemaError(f"table {name!r} does not match its schema: {exc}") from exc

"""Frames: declared dtypes, required columns and keys are enforced."""

from __future__ import annotations

import pandas as pd
import pytest

from lawgov.exceptions import SchemaError
from lawgov.frames import COLUMNS, build, validate

FIGURE = dict(report_id="abc", file="a.txt", domain="reconsideration",
              indicator="reconsideration.received", value=25.0, unit="case", qualifier="exact",
              start=10, end=20, quote="受理行政复议案件25件")


def test_build_gives_declared_dtypes() -> None:
    frame = build("figures", [FIGURE])
    assert list(frame.columns) == list(COLUMNS["figures"])
    for col, dtype in COLUMNS["figures"].items():
        assert frame[col].dtype == pd.api.types.pandas_dtype(dtype), col
    assert isinstance(frame["indicator"].dtype, pd.CategoricalDtype)
    assert frame["section"].isna().all()


@pytest.mark.parametrize("name", list(COLUMNS))
def test_empty_tables_build(name: str) -> None:
    assert list(build(name, []).columns) == list(COLUMNS[name])


def test_wrong_dtype_is_rejected() -> None:
    frame = build("figures", [FIGURE])
    frame["start"] = frame["start"].astype("float64")
    with pytest.raises(SchemaError):
        validate("figures", frame)


def test_duplicate_key_is_rejected() -> None:
    with pytest.raises(SchemaError):
        build("figures", [FIGURE, FIGURE])
    with pytest.raises(SchemaError):
        build("reports", [dict(report_id="abc", file="a.txt", sha256="0" * 64, n_chars=3)] * 2)


@pytest.mark.parametrize(
    "change",
    [{"indicator": "reconsideration.imaginary"}, {"qualifier": "roughly"}, {"unit": "furlong"},
     {"end": 5}, {"quote": None}],
)
def test_bad_values_are_rejected(change: dict) -> None:
    with pytest.raises(SchemaError):
        build("figures", [{**FIGURE, **change}])


def test_unknown_column_is_rejected() -> None:
    frame = build("errors", [dict(file="x", stage="read", reason="empty")])
    frame["extra"] = "x"
    with pytest.raises(SchemaError):
        validate("errors", frame)

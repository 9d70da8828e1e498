"""The figures of the five bundled reports against the seed gold (tests/gold/seeds.jsonl)."""

from __future__ import annotations

import json

import pytest

from lawgov.evaluate import Evaluation

from .paths import GOLD, RAW
from .scoring import describe, score

F1_MIN = 0.90


@pytest.fixture(scope="module")
def result() -> Evaluation:
    return score(RAW, GOLD / "seeds.jsonl")


def test_gold_files_are_the_bundled_reports() -> None:
    lines = (GOLD / "seeds.jsonl").read_text(encoding="utf-8").splitlines()
    files = {json.loads(line)["file"] for line in lines if line.strip()}
    assert files == {p.name for p in RAW.glob("*.txt")}


def test_seed_f1(result: Evaluation) -> None:
    assert result.f1 >= F1_MIN, describe(result)


def test_every_figure_points_at_its_quote(result: Evaluation) -> None:
    assert result.n_pred > 0
    assert result.evidence_ok == result.n_pred

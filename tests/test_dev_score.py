"""The development set (tests/gold/dev, government-published excerpts; see gold/README.md)."""

from __future__ import annotations

import json

import pytest

from lawgov.evaluate import Evaluation

from .paths import DEV, GOLD, RAW
from .scoring import describe, score

F1_MIN = 0.85
RECALL_MIN = 0.80
RECALL_DOMAINS = ["reconsideration", "litigation", "mediation", "service"]


@pytest.fixture(scope="module")
def dev() -> Evaluation:
    return score(DEV / "raw", DEV / "gold.jsonl")


@pytest.fixture(scope="module")
def pooled(dev: Evaluation) -> Evaluation:
    seed = score(RAW, GOLD / "seeds.jsonl")
    return Evaluation(
        matched=seed.matched + dev.matched, misses=seed.misses + dev.misses,
        false_positives=seed.false_positives + dev.false_positives,
        evidence_ok=seed.evidence_ok + dev.evidence_ok, n_pred=seed.n_pred + dev.n_pred,
    )


def test_dev_gold_names_only_bundled_excerpts() -> None:
    lines = (DEV / "gold.jsonl").read_text(encoding="utf-8").splitlines()
    files = {json.loads(line)["file"] for line in lines if line.strip()}
    assert files <= {p.name for p in (DEV / "raw").glob("*.txt")}


def test_dev_f1(dev: Evaluation) -> None:
    assert dev.f1 >= F1_MIN, describe(dev)


def test_dev_evidence(dev: Evaluation) -> None:
    assert dev.evidence_ok == dev.n_pred


@pytest.mark.parametrize("domain", RECALL_DOMAINS)
def test_pooled_recall(pooled: Evaluation, domain: str) -> None:
    recall = pooled.recall_of({domain})
    assert recall >= RECALL_MIN, f"{domain} recall {recall:.3f}\n" + describe(pooled)

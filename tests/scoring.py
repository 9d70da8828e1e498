"""Score the project's figures on a folder of reports against a gold file."""

from __future__ import annotations

from pathlib import Path

from lawgov.cli import figure_records
from lawgov.evaluate import Evaluation, evaluate, load_gold
from lawgov.read import read_source


def score(raw: Path, gold: Path) -> Evaluation:
    """What `lawgov evaluate RAW --gold GOLD` computes, as an Evaluation."""
    figures, errors = figure_records([str(raw)])
    assert errors == [], errors
    texts = {p.name: read_source(p).text for p in sorted(raw.glob("*.txt"))}
    return evaluate(load_gold(gold), figures, texts)


def describe(result: Evaluation, n: int = 15) -> str:
    """The score table and the first misses and false positives, for a failure message."""
    lines = [result.table("domain").to_string(index=False)]
    lines += [f"miss: {g['file']} {g['indicator']}={g['value']} «{g.get('quote', '')}»"
              for g in result.misses[:n]]
    lines += [f"false positive: {p['file']} {p['indicator']}={p['value']} «{p['quote']}»"
              for p in result.false_positives[:n]]
    return "\n".join(lines)

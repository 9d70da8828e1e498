"""Evaluate: precision, recall and F1 of extracted figures against hand-made gold.

The matching rule is that of the project's scoring tool: a prediction matches a gold
figure when file and indicator are equal and the values agree (rates within 0.01
points, everything else within 1e-6 relative); each gold figure is matched at most
once. Every parsed file counts as labelled: a file without gold figures is a
negative, and whatever is found there is a false positive.
"""

from __future__ import annotations

import json
import re
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path, PurePath

import pandas as pd

from .exceptions import LawgovError


@dataclass
class Evaluation:
    matched: list[tuple[dict, dict]] = field(default_factory=list)
    misses: list[dict] = field(default_factory=list)
    false_positives: list[dict] = field(default_factory=list)
    evidence_ok: int = 0
    n_pred: int = 0

    def table(self, by: str = "domain") -> pd.DataFrame:
        """Gold, predicted, true positives, P, R, F1 per group and overall (`by`: domain,
        indicator or rule)."""
        counts: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0])

        def key(row: dict) -> str:
            if by == "domain":
                return row["indicator"].split(".")[0]
            return str(row.get(by, "(gold)"))

        for g in self.misses:
            counts[key(g)][0] += 1
        for g, p in self.matched:
            counts[key(g) if by != "rule" else key(p)][0] += 1
            counts[key(g) if by != "rule" else key(p)][2] += 1
        for p in [p for _, p in self.matched] + self.false_positives:
            counts[key(p)][1] += 1
        rows = [dict(group=k, gold=v[0], pred=v[1], tp=v[2]) for k, v in sorted(counts.items())]
        rows.append(dict(group="ALL", gold=sum(v[0] for v in counts.values()),
                         pred=self.n_pred, tp=len(self.matched)))
        frame = pd.DataFrame(rows)
        frame["precision"] = (frame.tp / frame.pred.where(frame.pred > 0)).fillna(0.0).round(3)
        frame["recall"] = (frame.tp / frame.gold.where(frame.gold > 0)).fillna(0.0).round(3)
        pr = frame.precision + frame.recall
        frame["f1"] = (2 * frame.precision * frame.recall / pr.where(pr > 0)).fillna(0.0).round(3)
        return frame.rename(columns={"group": by})

    @property
    def f1(self) -> float:
        return float(self.table().iloc[-1]["f1"])

    def recall_of(self, domains: set[str]) -> float:
        t = self.table()
        t = t[t["domain"].isin(domains)]
        return float(t.tp.sum() / t.gold.sum()) if t.gold.sum() else 0.0


def load_gold(path: str | Path) -> list[dict]:
    """Gold figures, one JSON object per line with file, indicator, value."""
    rows = []
    for n, line in enumerate(Path(path).read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        try:
            row = json.loads(line)
        except json.JSONDecodeError as exc:
            raise LawgovError(f"{path}:{n}: not JSON: {exc}") from exc
        missing = [k for k in ("file", "indicator", "value") if k not in row]
        if missing:
            raise LawgovError(f"{path}:{n}: missing {', '.join(missing)}")
        row["file"] = PurePath(str(row["file"])).name
        rows.append(row)
    return rows


def same_value(indicator: str, a: object, b: object) -> bool:
    try:
        x, y = float(a), float(b)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return False
    if indicator.endswith("_rate"):
        return abs(x - y) <= 0.01
    return abs(x - y) <= 1e-6 * max(1.0, abs(x), abs(y))


def _forms(value: float) -> set[str]:
    forms = {f"{value:g}", f"{value:.2f}", f"{value:.1f}"}
    if float(value).is_integer():
        forms |= {str(int(value)), f"{value / 1e4:g}", f"{value / 1e8:g}"}
    return forms


def evidence_valid(pred: dict, text: str) -> bool:
    """The offsets point at the quote, and the quote writes the figure's number."""
    start, end = pred.get("start"), pred.get("end")
    if not (isinstance(start, int) and isinstance(end, int) and 0 <= start < end <= len(text)):
        return False
    span = text[start:end]
    if pred.get("quote") is not None and span != pred["quote"]:
        return False
    span = re.sub(r"(?<=\d)[,，](?=\d{3})", "", span)
    if re.search(r"\d", span):
        return any(form in span for form in _forms(float(pred["value"])))
    return bool(re.search(r"[零〇一二两三四五六七八九十百千万亿]", span))


def evaluate(gold: list[dict], pred: list[dict], texts: dict[str, str]) -> Evaluation:
    """Score predictions (rows with file, indicator, value, start, end, quote)."""
    files = {g["file"] for g in gold} | set(texts)
    pred = [p for p in pred if p["file"] in files]
    by_key: dict[tuple, list[dict]] = defaultdict(list)
    for g in gold:
        by_key[(g["file"], g["indicator"])].append(g)
    used: set[int] = set()
    result = Evaluation(n_pred=len(pred))
    for p in pred:
        hit = next((g for g in by_key.get((p["file"], p["indicator"]), [])
                    if id(g) not in used and same_value(p["indicator"], g["value"], p["value"])),
                   None)
        if hit is None:
            result.false_positives.append(p)
        else:
            used.add(id(hit))
            result.matched.append((hit, p))
    result.misses = [g for g in gold if id(g) not in used]
    result.evidence_ok = sum(evidence_valid(p, texts.get(p["file"], "")) for p in pred)
    return result


def evaluate_corpus(corpus, gold: list[dict], labelled: set[str] | None = None) -> Evaluation:
    """Score a parsed corpus (``lawgov.load_corpus``) against gold figures.

    ``labelled`` names the files that were labelled; by default every file of the corpus
    (those that failed to parse too) counts as labelled, so a file without gold figures
    is a negative. Pass the gold's own files when only a sample was labelled.
    """
    files = dict(zip(corpus.reports["report_id"], corpus.reports["file"], strict=True))
    texts = {file: corpus.texts.get(rid, "") for rid, file in files.items()}
    texts.update({Path(f).name: "" for f in corpus.errors["file"]})
    if labelled is not None:
        texts = {f: t for f, t in texts.items() if f in labelled}
    pred = [
        dict(file=files[row.report_id], indicator=str(row.indicator), value=float(row.value),
             start=int(row.start), end=int(row.end), quote=str(row.quote), rule=str(row.rule),
             cue=str(row.cue))
        for row in corpus.figures.itertuples()
        if files[row.report_id] in texts
    ]
    return evaluate(gold, pred, texts)

"""Duplicates: the same report arriving as several files.

Mirror sites and re-saves turn one report into several files: another encoding,
another script, another site's navigation around the same body, a copy cut off
half-way. Two reports are the same when most sentences of the shorter one appear,
word for word once white space is ignored, in the other (the cleaned text is
compared, so full-width forms and traditional script do not matter).

Of each group one report is kept: the one with the most figures, then the fewest
damaged bytes, then one not converted from traditional script, then the first
file path. The others name it in ``duplicate_of``; their figures and checks are
dropped so that nothing is counted twice. Byte-identical copies share a report
id, so they cannot have rows of their own: each becomes an ``errors`` row
(stage ``duplicate``) naming the file that was read.
"""

from __future__ import annotations

import hashlib
import re
from collections import Counter
from dataclasses import replace
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .pipeline import Parsed

MIN_SENTENCE = 12
MIN_SENTENCES = 5
SAME_SHARE = 0.8
# A sentence found in more reports than this is a stock phrase, no evidence of copying.
MAX_POSTINGS = 50
_SPLIT = re.compile(r"[。!?;]")
_WHITE = re.compile(r"\s+")


def fingerprint(cleaned_text: str) -> tuple[int, ...]:
    """Stable hashes of the text's sentences (white space removed), sorted, unique."""
    body = _WHITE.sub("", cleaned_text)
    hashes = {
        int.from_bytes(hashlib.blake2b(s.encode("utf-8", "replace"), digest_size=8).digest(),
                       "big")
        for s in _SPLIT.split(body) if len(s) >= MIN_SENTENCE
    }
    return tuple(sorted(hashes))


def preference(row: dict) -> tuple:
    """Sort key of report rows: the copy to keep first."""
    return (-(row.get("n_figures") or 0), row.get("n_replaced") or 0,
            (row.get("n_converted") or 0) > 0, str(row.get("path") or row.get("file")))


def find_near_duplicates(reports: list[dict], prints: dict[str, tuple[int, ...]]
                         ) -> dict[str, str]:
    """report_id -> report_id of the kept copy, for every report that is a copy."""
    index: dict[int, list[str]] = {}
    sizes: dict[str, int] = {}
    copies: dict[str, str] = {}
    for row in sorted(reports, key=preference):
        rid, sentences = row["report_id"], prints.get(row["report_id"], ())
        if len(sentences) < MIN_SENTENCES:
            continue
        shared = Counter(kept for h in sentences for kept in index.get(h, ())
                         if len(index[h]) <= MAX_POSTINGS)
        best = next(((k, n) for k, n in shared.most_common(1)), None)
        if best and best[1] >= SAME_SHARE * min(len(sentences), sizes[best[0]]):
            copies[rid] = best[0]
            continue
        sizes[rid] = len(sentences)
        for h in sentences:
            index.setdefault(h, []).append(rid)
    return copies


def deduplicate(parsed: Parsed) -> Parsed:
    """The rows with copies marked (``duplicate_of``) and their figures and checks dropped."""
    first: dict[str, dict] = {}
    errors = list(parsed.errors)
    for row in sorted(parsed.reports, key=preference):
        kept = first.setdefault(row["report_id"], row)
        if kept is not row:
            errors.append(dict(file=row["path"], stage="duplicate",
                               reason=f"the same bytes as {kept['path']}; read once"))
    reports = [r for r in parsed.reports if first[r["report_id"]] is r]
    copies = find_near_duplicates(reports, parsed.fingerprints)
    reports = [{**r, "duplicate_of": copies.get(r["report_id"])} for r in reports]
    figures = [f for f in parsed.figures
               if f["report_id"] not in copies and f["file"] == first[f["report_id"]]["file"]]
    checks = [c for c in parsed.checks if c["report_id"] not in copies]
    sections = parsed.sections
    if len(errors) > len(parsed.errors):
        figures, checks, sections = _once(figures), _once(checks), _once(sections)
    return replace(parsed, reports=reports, figures=figures, checks=checks, sections=sections,
                   errors=errors)


def _once(rows: list[dict]) -> list[dict]:
    """Rows in order with exact repeats (a byte-identical copy's rows) left out."""
    seen: set[tuple] = set()
    out = []
    for row in rows:
        key = tuple(sorted(row.items()))
        if key not in seen:
            seen.add(key)
            out.append(row)
    return out

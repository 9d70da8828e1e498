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

import pandas as pd

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
    return (-(_int(row.get("n_figures"))), _int(row.get("n_replaced")),
            _int(row.get("n_converted")) > 0, str(row.get("path") or row.get("file")))


def _int(value: object) -> int:
    return 0 if value is None or pd.isna(value) else int(value)


def find_near_duplicates(reports: list[dict], prints: dict[str, tuple[int, ...]]
                         ) -> dict[str, str]:
    """report_id -> report_id of the kept copy, for every report that is a copy."""
    index: dict[int, list[str]] = {}
    stock: set[int] = set()
    sizes: dict[str, int] = {}
    copies: dict[str, str] = {}
    for row in sorted(reports, key=preference):
        rid, sentences = row["report_id"], prints.get(row["report_id"], ())
        if len(sentences) < MIN_SENTENCES:
            continue
        shared = Counter(kept for h in sentences for kept in index.get(h, ())
                         if h not in stock)
        best = next(((k, n) for k, n in shared.most_common(1)), None)
        if best and best[1] >= SAME_SHARE * min(len(sentences), sizes[best[0]]):
            copies[rid] = best[0]
            continue
        sizes[rid] = len(sentences)
        for h in sentences:
            if h in stock:
                continue
            posting = index.setdefault(h, [])
            posting.append(rid)
            if len(posting) > MAX_POSTINGS:  # a stock phrase: stop indexing it
                stock.add(h)
                del index[h]
    return copies


def deduplicate(tables: dict[str, pd.DataFrame], prints: dict[str, tuple[int, ...]]
                ) -> dict[str, pd.DataFrame]:
    """The typed tables with copies marked (``duplicate_of``), their figures and checks
    dropped, and byte-identical copies turned into ``errors`` rows."""
    reports = tables["reports"]
    rows = sorted(reports.to_dict("records"), key=preference)
    first: dict[str, dict] = {}
    extra_errors = []
    for row in rows:
        kept = first.setdefault(row["report_id"], row)
        if kept is not row:
            extra_errors.append(dict(file=row["path"], stage="duplicate",
                                     reason=f"the same bytes as {kept['path']}; read once"))
    copies = find_near_duplicates(list(first.values()), prints)
    keep_file = {rid: row["file"] for rid, row in first.items()}
    keep_path = {rid: row["path"] for rid, row in first.items()}
    out = dict(tables)
    reports = reports[reports["path"] == reports["report_id"].map(keep_path)]
    out["reports"] = reports.assign(duplicate_of=reports["report_id"].map(copies).astype("string"))
    figures = tables["figures"]
    out["figures"] = figures[~figures["report_id"].isin(copies)
                             & (figures["file"] == figures["report_id"].map(keep_file))]
    out["checks"] = tables["checks"][~tables["checks"]["report_id"].isin(copies)]
    if extra_errors:
        out["figures"] = out["figures"].drop_duplicates()
        out["checks"] = out["checks"].drop_duplicates()
        out["sections"] = tables["sections"].drop_duplicates()
        out["errors"] = pd.concat([tables["errors"], pd.DataFrame(extra_errors)],
                                  ignore_index=True).astype(tables["errors"].dtypes.to_dict())
    return {name: frame.reset_index(drop=True) for name, frame in out.items()}

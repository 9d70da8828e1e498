"""Batch: parse many report files in parallel, through the cache, into the tables.

Files are parsed by ``pipeline.parse_report`` in worker processes (``jobs`` > 1) and
come back in file order, so the tables do not depend on the number of jobs. Rows are
typed into table chunks as they arrive; at the end the chunks are joined, copies of
one report marked, and the tables validated once.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from . import frames
from .filecache import Cache, file_key
from .pipeline import TABLES, Corpus, Parsed, discover, finish, parse_report, read_meta

CHUNK_REPORTS = 500
# Files handed to a worker at a time: large enough to amortise the pickling,
# small enough that the workers finish together.
WORKER_CHUNK = 16


@dataclass(frozen=True)
class Job:
    """One file to parse, with its meta.csv override and its cache key (if cacheable)."""

    path: Path
    override: dict | None
    key: str | None


def plan(paths: Iterable[str | Path], keyed: bool) -> list[Job]:
    """The files under the paths, in order, with their cache keys when ``keyed``."""
    paths = list(paths)
    overrides = read_meta(paths)
    jobs = []
    for path in discover(paths):
        override = overrides.get(path.name)
        jobs.append(Job(path, override, file_key(path, override) if keyed else None))
    return jobs


def digest(jobs: list[Job], stamp: str) -> str | None:
    """Identity of a whole run (None when some file cannot be keyed)."""
    if any(j.key is None for j in jobs):
        return None
    h = hashlib.sha256(stamp.encode())
    for j in jobs:
        h.update(j.key.encode())
    return h.hexdigest()


def _as_tables(parsed: Parsed) -> dict[str, list[dict]]:
    """A file's rows, texts and sentence fingerprints, as JSON-ready data for the cache."""
    return {**{name: getattr(parsed, name) for name in TABLES},
            "texts": parsed.texts, "fingerprints": parsed.fingerprints}


def _as_parsed(tables: dict) -> Parsed:
    prints = {rid: tuple(p) for rid, p in tables.get("fingerprints", {}).items()}
    return Parsed(**{name: tables[name] for name in TABLES}, texts=tables.get("texts", {}),
                  fingerprints=prints)


def _parse(job: Job) -> dict[str, list[dict]]:
    return _as_tables(parse_report(job.path, job.override))


def _fresh(todo: list[Job], jobs: int) -> Iterator[dict[str, list[dict]]]:
    if jobs <= 1 or len(todo) < 2:
        yield from map(_parse, todo)
        return
    chunk = max(1, min(WORKER_CHUNK, len(todo) // (jobs * 4)))
    with ProcessPoolExecutor(max_workers=jobs) as pool:
        yield from pool.map(_parse, todo, chunksize=chunk)


def parse_jobs(
    jobs_list: list[Job], jobs: int = 1, cache: Cache | None = None
) -> Iterator[dict[str, list[dict]]]:
    """Each file's rows per table, in file order; cached files are not parsed again."""
    cached = cache.keys() if cache is not None else set()
    todo = [j for j in jobs_list if j.key is None or j.key not in cached]
    fresh = _fresh(todo, jobs)
    for job in jobs_list:
        if job.key is not None and job.key in cached:
            yield cache.get(job.key)
            continue
        tables = next(fresh)
        if cache is not None and job.key is not None:
            cache.put(job.key, tables)
        yield tables
    if cache is not None:
        cache.keep_only(j.key for j in jobs_list if j.key is not None)
        cache.commit()


def collect(parts: Iterable[dict]) -> Corpus:
    """The validated tables from each file's rows. Rows are typed into table chunks as
    they arrive rather than kept as dicts, which keeps a national corpus in memory."""
    chunks: dict[str, list[pd.DataFrame]] = {name: [] for name in TABLES}
    pending = Parsed()
    prints: dict[str, tuple[int, ...]] = {}
    texts: dict[str, str] = {}
    for i, tables in enumerate(parts, 1):
        pending.extend(_as_parsed(tables))
        if i % CHUNK_REPORTS == 0:
            _flush(pending, chunks, prints, texts)
            pending = Parsed()
    _flush(pending, chunks, prints, texts)
    joined = {name: pd.concat(c, ignore_index=True) if len(c) > 1 else c[0]
              for name, c in chunks.items()}
    return finish(joined, prints, texts)


def _flush(parsed: Parsed, chunks: dict[str, list[pd.DataFrame]],
           prints: dict[str, tuple[int, ...]], texts: dict[str, str]) -> None:
    for name in TABLES:
        if getattr(parsed, name) or not chunks[name]:
            chunks[name].append(frames.typed(name, getattr(parsed, name)))
    prints.update(parsed.fingerprints)
    texts.update(parsed.texts)


def parse_corpus(
    paths: Iterable[str | Path],
    jobs: int = 1,
    cache: Cache | None = None,
    progress: Callable[[Iterator, int], Iterator] | None = None,
) -> Corpus:
    """The tidy tables of the report files under the paths, parsed with ``jobs`` processes."""
    todo = plan(paths, keyed=cache is not None)
    parts = parse_jobs(todo, jobs, cache)
    return collect(progress(parts, len(todo)) if progress else parts)


def default_jobs() -> int:
    """One job per available core."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:
        return os.cpu_count() or 1

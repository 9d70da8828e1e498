"""Batch: parse many report files in parallel, through the cache, into the tables.

Files are parsed by ``pipeline.parse_report`` in worker processes (``jobs`` > 1) and
come back in file order, so the tables do not depend on the number of jobs. The rows
are joined, copies of one report marked, and the tables typed and validated once at
the end.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from .filecache import Cache, file_key
from .pipeline import TABLES, Corpus, Parsed, discover, parse_report, read_meta, to_corpus

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


def collect(parts: Iterable[dict[str, list[dict]]]) -> Corpus:
    """The validated tables from each file's rows (copies of one report counted once)."""
    merged = Parsed()
    for tables in parts:
        merged.extend(_as_parsed(tables))
    return to_corpus(merged)


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

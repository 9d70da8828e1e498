"""File cache: each file's parsed rows, keyed by the file's content hash.

The cache is one SQLite file, by default ``.lawgov-cache-OUT/parse.sqlite`` beside the
output folder OUT (not inside it: the store swaps the whole output folder for a new
one). Every entry is valid for one *fingerprint* (``cache.code_fingerprint``: the
package version and its code and data files: catalog, rules, themes, checks, division
table). When the fingerprint changes, the cache is emptied: a new cue word in
``catalog.yaml`` re-parses everything.
"""

from __future__ import annotations

import hashlib
import json
import sqlite3
from collections.abc import Iterable
from pathlib import Path

from .cache import code_fingerprint
from .read import MAX_BYTES


def default_dir(out: Path) -> Path:
    """The cache folder of an output folder: a hidden sibling of it."""
    return out.parent / f".lawgov-cache-{out.name}"
DB_FILE = "parse.sqlite"
_SCHEMA = (
    "CREATE TABLE IF NOT EXISTS meta (name TEXT PRIMARY KEY, value TEXT NOT NULL)",
    "CREATE TABLE IF NOT EXISTS entries (key TEXT PRIMARY KEY, rows BLOB NOT NULL)",
)


def file_key(path: Path, override: dict | None) -> str | None:
    """Key of a report file: its path, content hash and meta.csv override.

    None for anything that is not a readable regular file within the size limit:
    such files are parsed (into an ``errors`` row) every time.
    """
    try:
        if not path.is_file() or path.stat().st_size > max(MAX_BYTES.values()):
            return None
        content = hashlib.sha256(path.read_bytes()).hexdigest()
    except OSError:
        return None
    # The rows name the file and its path, and meta.csv changes them: all three are key.
    extra = json.dumps([str(path), override or {}], ensure_ascii=False, sort_keys=True)
    return hashlib.sha256(f"{content}\n{extra}".encode()).hexdigest()


class Cache:
    """Parsed rows per file key, valid for one fingerprint."""

    def __init__(self, folder: str | Path, stamp: str | None = None) -> None:
        self.folder = Path(folder)
        self.folder.mkdir(parents=True, exist_ok=True)
        self.stamp = stamp or code_fingerprint()
        self._db = sqlite3.connect(self.folder / DB_FILE)
        for statement in _SCHEMA:
            self._db.execute(statement)
        if self._meta("fingerprint") != self.stamp:
            self._db.execute("DELETE FROM entries")
            self._db.execute("DELETE FROM meta")
            self._set_meta("fingerprint", self.stamp)
        self._db.commit()

    def _meta(self, name: str) -> str | None:
        row = self._db.execute("SELECT value FROM meta WHERE name = ?", (name,)).fetchone()
        return row[0] if row else None

    def _set_meta(self, name: str, value: str) -> None:
        self._db.execute("INSERT OR REPLACE INTO meta VALUES (?, ?)", (name, value))

    def keys(self) -> set[str]:
        return {k for (k,) in self._db.execute("SELECT key FROM entries")}

    def get(self, key: str) -> dict[str, list[dict]] | None:
        row = self._db.execute("SELECT rows FROM entries WHERE key = ?", (key,)).fetchone()
        return json.loads(row[0]) if row else None

    def put(self, key: str, tables: dict[str, list[dict]]) -> None:
        blob = json.dumps(tables, ensure_ascii=False, separators=(",", ":"))
        self._db.execute("INSERT OR REPLACE INTO entries VALUES (?, ?)", (key, blob))

    def keep_only(self, keys: Iterable[str]) -> None:
        """Drop the entries of files that are gone, so the cache does not grow forever."""
        keep = set(keys)
        stale = [(k,) for k in self.keys() - keep]
        self._db.executemany("DELETE FROM entries WHERE key = ?", stale)

    def output_digest(self) -> str | None:
        """Digest of the run that wrote the current output set (see ``record_output``)."""
        return self._meta("output")

    def record_output(self, digest: str, summary: str) -> None:
        self._set_meta("output", digest)
        self._set_meta("summary", summary)

    def summary(self) -> str | None:
        return self._meta("summary")

    def forget_output(self) -> None:
        self._db.execute("DELETE FROM meta WHERE name IN ('output', 'summary')")

    def commit(self) -> None:
        self._db.commit()

    def close(self) -> None:
        self._db.commit()
        self._db.close()

"""Cache: a parsed corpus kept in memory and on disk, keyed on what it was made from.

The key hashes the bytes of every input file (with its relative path) and the
package's own code and data files, so editing a report, a rule or the parser
invalidates it; nothing keys on modification times. Notebooks call
``load_corpus`` in every run: this makes the second run quick.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import tempfile
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

from . import __version__

ENV_DIR = "LAWGOV_CACHE_DIR"
PACKAGE = Path(__file__).parent
# Only what can change a parse; the font and caches do not.
_CODE_GLOBS = ("*.py", "data/*")
_MEMORY: dict[str, Any] = {}


def cache_dir() -> Path:
    """``$LAWGOV_CACHE_DIR``, else ``$XDG_CACHE_HOME/lawgov``, else ``~/.cache/lawgov``."""
    if os.environ.get(ENV_DIR):
        return Path(os.environ[ENV_DIR])
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(base) / "lawgov"


def _digest_files(h: hashlib._Hash, files: Iterable[tuple[str, Path]]) -> None:
    for name, path in sorted(files):
        h.update(name.encode("utf-8") + b"\0")
        try:
            h.update(hashlib.sha256(path.read_bytes()).digest())
        except OSError as exc:
            # An unreadable file is part of the result (an errors row): key on the failure.
            h.update(type(exc).__name__.encode())


def code_fingerprint(root: Path = PACKAGE) -> str:
    """A hash of the package version and of its code and data files (under root)."""
    h = hashlib.sha256(__version__.encode())
    files = {p for g in _CODE_GLOBS for p in root.glob(g) if p.is_file()}
    _digest_files(h, ((str(p.relative_to(root)), p) for p in files))
    return h.hexdigest()


def input_fingerprint(files: Iterable[Path], roots: Iterable[str | Path]) -> str:
    """A hash of the input files' names (relative to their root) and bytes."""
    h = hashlib.sha256()
    roots = [Path(r) for r in roots]
    named = []
    for f in files:
        root = next((r for r in roots if r.is_dir() and f.is_relative_to(r)), f.parent)
        named.append((str(f.relative_to(root)), f))
    _digest_files(h, named)
    return h.hexdigest()


def cached(key: str, build: Callable[[], Any], on_disk: bool = True) -> Any:
    """The value stored under ``key``, built (and stored) when missing."""
    if key in _MEMORY:
        return _MEMORY[key]
    path = cache_dir() / f"corpus-{key[:32]}.pickle"
    value = _read(path) if on_disk else None
    if value is None:
        value = build()
        if on_disk:
            _write(path, value)
    _MEMORY[key] = value
    return value


def _read(path: Path) -> Any:
    try:
        with path.open("rb") as f:
            return pickle.load(f)
    except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ImportError):
        return None


def _write(path: Path, value: Any) -> None:
    # Written beside and renamed, so a concurrent reader never sees half a file.
    # A cache that cannot be written is only slower, never an error.
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".corpus-")
        with os.fdopen(fd, "wb") as f:
            pickle.dump(value, f, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(tmp, path)
    except OSError:
        return

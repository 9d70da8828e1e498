"""Store: write the table set atomically, as Parquet and as CSV (UTF-8 with BOM).

The set is written to a fresh sibling folder and swapped into place with renames,
so a reader (or a run killed half-way) sees either the previous set or the new one,
never a mix.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path

import pandas as pd

from .exceptions import OutputError


def write_tables(tables: dict[str, pd.DataFrame], out_dir: str | Path) -> Path:
    out = Path(out_dir)
    try:
        out.parent.mkdir(parents=True, exist_ok=True)
        staging = Path(tempfile.mkdtemp(prefix=f".{out.name}.new-", dir=out.parent))
        for name, frame in tables.items():
            frame.to_parquet(staging / f"{name}.parquet", index=False)
            frame.to_csv(staging / f"{name}.csv", index=False, encoding="utf-8-sig")
        _swap(staging, out)
    except OSError as exc:
        raise OutputError(f"cannot write the tables to {out}: {exc}") from exc
    return out


def _swap(staging: Path, out: Path) -> None:
    if not out.exists():
        os.replace(staging, out)
        return
    old = Path(tempfile.mkdtemp(prefix=f".{out.name}.old-", dir=out.parent))
    os.rmdir(old)
    # Two renames: the window between them has no output folder, never a half-written one.
    os.replace(out, old)
    os.replace(staging, out)
    keep = [p for p in old.iterdir() if p.name.startswith(".")]
    for p in keep:
        os.replace(p, out / p.name)
    shutil.rmtree(old, ignore_errors=True)

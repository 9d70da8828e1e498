"""Store: write the table set atomically, as Parquet and as CSV (UTF-8 with BOM).

The set is written to a fresh sibling folder and swapped into place, so a reader
(or a run killed half-way) sees either the previous set or the new one, never a
mix. On Linux the swap is one atomic exchange (renameat2); elsewhere it is two
renames, and a run killed between them leaves the previous set in a hidden
sibling folder, which the next run puts back before anything else. Beside the
tables, ``texts.parquet`` holds each report's source text (``report_id``, ``text``),
the text that figure offsets point into: for HTML and Word files the extracted text.
"""

from __future__ import annotations

import ctypes
import os
import shutil
import tempfile
from pathlib import Path

import pandas as pd
import pyarrow as pa
import pyarrow.csv as pacsv
import pyarrow.parquet as pq

from .exceptions import OutputError

TEXTS_FILE = "texts.parquet"
TEXTS_PER_GROUP = 500
_AT_FDCWD = -100
_RENAME_EXCHANGE = 2


def write_tables(tables: dict[str, pd.DataFrame], out_dir: str | Path,
                 texts: dict[str, str] | None = None) -> Path:
    """Write the tables (and source texts) to out_dir, replacing its previous set whole."""
    out = Path(out_dir)
    staging = None
    try:
        out.parent.mkdir(parents=True, exist_ok=True)
        recover(out)
        staging = Path(tempfile.mkdtemp(prefix=f".{out.name}.new-", dir=out.parent))
        staging.chmod(0o755)  # mkdtemp makes it private; the tables are for every reader
        for name, frame in tables.items():
            frame.to_parquet(staging / f"{name}.parquet", index=False)
            write_csv(frame, staging / f"{name}.csv")
        if texts:
            write_texts(texts, staging / TEXTS_FILE)
        _swap(staging, out)
        staging = None
    except OSError as exc:
        raise OutputError(f"cannot write the tables to {out}: {exc}") from exc
    finally:
        if staging is not None:
            shutil.rmtree(staging, ignore_errors=True)
    return out


def write_texts(texts: dict[str, str], path: Path) -> None:
    """The source texts as one Parquet table (report_id, text), written in row groups
    straight from Arrow so a national corpus is never copied whole."""
    ids = sorted(texts)
    schema = pa.schema([("report_id", pa.string()), ("text", pa.large_string())])
    with pq.ParquetWriter(path, schema) as writer:
        for i in range(0, len(ids), TEXTS_PER_GROUP):
            chunk = ids[i:i + TEXTS_PER_GROUP]
            writer.write_table(pa.table([pa.array(chunk), pa.array([texts[r] for r in chunk],
                                                                    pa.large_string())],
                                        schema=schema))


def write_csv(frame: pd.DataFrame, path: Path) -> None:
    """CSV in UTF-8 with a BOM (so spreadsheet programs show the Chinese), written by
    Arrow: several times faster than pandas for a national corpus."""
    table = pa.Table.from_pandas(frame, preserve_index=False)
    plain = pa.schema([pa.field(f.name, pa.string()) if pa.types.is_dictionary(f.type) else f
                       for f in table.schema])
    with path.open("wb") as f:
        f.write(b"\xef\xbb\xbf")
        pacsv.write_csv(table.cast(plain), f, pacsv.WriteOptions(quoting_style="needed"))


def recover(out: Path) -> None:
    """Put back a previous set left aside by a run killed in the middle of its swap."""
    if out.exists():
        return
    olds = sorted(out.parent.glob(f".{out.name}.old-*"), key=lambda p: p.stat().st_mtime)
    if olds:
        os.replace(olds[-1], out)


def _exchange(a: Path, b: Path) -> bool:
    """Swap two paths atomically (Linux renameat2); False where that is not available."""
    try:
        renameat2 = ctypes.CDLL(None, use_errno=True).renameat2
    except (AttributeError, OSError):
        return False
    done = renameat2(_AT_FDCWD, os.fsencode(a), _AT_FDCWD, os.fsencode(b), _RENAME_EXCHANGE)
    return done == 0


def _swap(staging: Path, out: Path) -> None:
    if not out.exists():
        os.replace(staging, out)
        return
    _keep_hidden(out, staging)
    if _exchange(staging, out):
        shutil.rmtree(staging, ignore_errors=True)
        return
    old = Path(tempfile.mkdtemp(prefix=f".{out.name}.old-", dir=out.parent))
    os.rmdir(old)
    # Two renames: the window between them has no output folder, never a half-written one.
    os.replace(out, old)
    os.replace(staging, out)
    shutil.rmtree(old, ignore_errors=True)


def _keep_hidden(out: Path, staging: Path) -> None:
    """Hidden files of the output folder (.gitkeep) carry over to the new set."""
    for p in out.iterdir():
        if p.name.startswith(".") and p.is_file():
            shutil.copy2(p, staging / p.name)

"""The command line as INTERFACE.md states it."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest

from lawgov.cli import main
from lawgov.pipeline import TABLES
from lawgov.read import read_source

from .paths import RAW

KEYS = {"file", "report_id", "indicator", "value", "unit", "qualifier", "start", "end", "quote"}
QUALIFIERS = {"exact", "approx", "at_least", "at_most", "truncated"}
UNREADABLE = {
    "binary": b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 16,
    "empty": b"",
}


def _jsonl(capsys, *args: str) -> list[dict]:
    assert main(["figures", *args, "--format", "jsonl"]) == 0
    return [json.loads(line) for line in capsys.readouterr().out.splitlines()]


def test_figures_jsonl_keys_and_evidence(capsys) -> None:
    rows = _jsonl(capsys, str(RAW))
    assert rows
    texts = {p.name: read_source(p).text for p in RAW.glob("*.txt")}
    assert {r["file"] for r in rows} == set(texts)
    for r in rows:
        assert set(r) >= KEYS
        assert r["qualifier"] in QUALIFIERS
        assert isinstance(r["value"], int | float)
        assert texts[r["file"]][r["start"]:r["end"]] == r["quote"]
        assert r["report_id"] == read_source(RAW / r["file"]).report_id


def test_figures_of_one_file(capsys) -> None:
    one = sorted(RAW.glob("*.txt"))[0]
    rows = _jsonl(capsys, str(one))
    assert rows and {r["file"] for r in rows} == {one.name}


def test_figures_csv_and_table(capsys) -> None:
    one = str(sorted(RAW.glob("*.txt"))[0])
    assert main(["figures", one, "--format", "csv"]) == 0
    out = capsys.readouterr().out
    assert out.splitlines()[0].split(",")[:4] == ["file", "report_id", "domain", "indicator"]
    assert main(["figures", one]) == 0
    assert "indicator" in capsys.readouterr().out


def test_parse_writes_parquet_and_bom_csv(tmp_path: Path) -> None:
    out = tmp_path / "processed"
    assert main(["parse", str(RAW), "-o", str(out)]) == 0
    for name in TABLES:
        parquet = pd.read_parquet(out / f"{name}.parquet")
        assert (out / f"{name}.csv").read_bytes().startswith(b"\xef\xbb\xbf"), name
        csv = pd.read_csv(out / f"{name}.csv", encoding="utf-8-sig")
        assert list(csv.columns) == list(parquet.columns), name
        assert len(csv) == len(parquet), name
    reports = pd.read_parquet(out / "reports.parquet")
    assert len(reports) == len(list(RAW.glob("*.txt")))
    assert len(pd.read_parquet(out / "errors.parquet")) == 0


def test_parse_replaces_the_previous_set(tmp_path: Path) -> None:
    out = tmp_path / "processed"
    out.mkdir()
    (out / "stale.csv").write_text("old", encoding="utf-8")
    assert main(["parse", str(RAW), "-o", str(out)]) == 0
    assert not (out / "stale.csv").exists()
    assert (out / "figures.parquet").exists()


@pytest.mark.parametrize("kind", list(UNREADABLE))
def test_parse_with_one_unreadable_file(tmp_path: Path, kind: str) -> None:
    raw = tmp_path / "raw"
    shutil.copytree(RAW, raw)
    (raw / "broken.txt").write_bytes(UNREADABLE[kind])
    out = tmp_path / "out"
    assert main(["parse", str(raw), "-o", str(out)]) == 0
    errors = pd.read_parquet(out / "errors.parquet")
    assert len(errors) == 1
    assert errors.iloc[0]["file"].endswith("broken.txt")
    assert errors.iloc[0]["stage"] == "read"
    assert errors.iloc[0]["reason"]
    figures = pd.read_parquet(out / "figures.parquet")
    reference = main(["parse", str(RAW), "-o", str(tmp_path / "ref")])
    assert reference == 0
    expected = pd.read_parquet(tmp_path / "ref" / "figures.parquet")
    assert set(figures["file"]) == {p.name for p in RAW.glob("*.txt")}
    assert len(figures) == len(expected)


def test_parse_with_nothing_readable_fails(tmp_path: Path) -> None:
    raw = tmp_path / "raw"
    raw.mkdir()
    (raw / "broken.txt").write_bytes(UNREADABLE["binary"])
    assert main(["parse", str(raw), "-o", str(tmp_path / "out")]) != 0


def test_hidden_files_are_skipped(tmp_path: Path, capsys) -> None:
    one = sorted(RAW.glob("*.txt"))[0]
    shutil.copyfile(one, tmp_path / one.name)
    (tmp_path / ".hidden.txt").write_bytes(UNREADABLE["binary"])
    rows = _jsonl(capsys, str(tmp_path))
    assert {r["file"] for r in rows} == {one.name}
    assert "skipped" not in capsys.readouterr().err


def test_figures_of_a_nonexistent_path_exits_2(tmp_path: Path) -> None:
    assert main(["figures", str(tmp_path / "nowhere")]) == 2


def test_parse_of_a_nonexistent_path_exits_2_and_keeps_the_previous_output(
    tmp_path: Path,
) -> None:
    out = tmp_path / "out"
    assert main(["parse", str(RAW), "-o", str(out)]) == 0
    before = pd.read_parquet(out / "reports.parquet")
    assert main(["parse", str(tmp_path / "nowhere"), "-o", str(out)]) == 2
    pd.testing.assert_frame_equal(pd.read_parquet(out / "reports.parquet"), before)


def test_module_entry_point(tmp_path: Path) -> None:
    done = subprocess.run([sys.executable, "-m", "lawgov", "figures", str(tmp_path / "nowhere")],
                          capture_output=True, text=True, check=False)
    assert done.returncode == 2
    assert "nowhere" in done.stderr

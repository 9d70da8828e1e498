"""Parallel parsing and the parse cache give the same tables as a plain serial parse."""

from __future__ import annotations

import shutil
from pathlib import Path

import pandas as pd
import pytest

from lawgov import batch
from lawgov.batch import parse_corpus
from lawgov.cache import PACKAGE as PACKAGE_ROOT
from lawgov.cache import code_fingerprint as fingerprint
from lawgov.cli import main
from lawgov.filecache import Cache, file_key
from lawgov.pipeline import TABLES, parse_paths, to_corpus

RAW = Path(__file__).resolve().parents[1] / "data" / "raw"


@pytest.fixture
def corpus_dir(tmp_path: Path) -> Path:
    """The sample reports plus two files that fail, so errors rows are ordered too."""
    folder = tmp_path / "raw"
    shutil.copytree(RAW, folder)
    (folder / "empty.txt").write_bytes(b"")
    (folder / "binary.txt").write_bytes(b"\x00" + b"\xff\xfe\x81\x82\x83\x84" * 50)
    return folder


@pytest.fixture
def calls(monkeypatch: pytest.MonkeyPatch) -> list[Path]:
    """The files parsed afresh (in this process, so with jobs=1)."""
    seen: list[Path] = []
    real = batch.parse_report

    def counting(path, override=None):
        seen.append(Path(path))
        return real(path, override)

    monkeypatch.setattr(batch, "parse_report", counting)
    return seen


def assert_same(a, b) -> None:
    for name in TABLES:
        pd.testing.assert_frame_equal(getattr(a, name), getattr(b, name))


def test_two_jobs_give_the_tables_of_one(corpus_dir: Path) -> None:
    serial = to_corpus(parse_paths([corpus_dir]))
    assert len(serial.reports) == 5 and len(serial.errors) == 2
    assert_same(parse_corpus([corpus_dir], jobs=1), serial)
    assert_same(parse_corpus([corpus_dir], jobs=2), serial)


def test_batch_collection_equals_one_build(corpus_dir: Path) -> None:
    assert_same(parse_corpus([corpus_dir]), to_corpus(parse_paths([corpus_dir])))


def test_cache_returns_the_same_tables_without_parsing(corpus_dir, tmp_path, calls) -> None:
    plain = parse_corpus([corpus_dir])
    calls.clear()
    cold = parse_corpus([corpus_dir], cache=Cache(tmp_path / "cache"))
    assert len(calls) == 7
    calls.clear()
    warm = parse_corpus([corpus_dir], cache=Cache(tmp_path / "cache"))
    assert calls == []
    assert_same(cold, plain)
    assert_same(warm, plain)


def test_a_changed_file_is_parsed_again(corpus_dir, tmp_path, calls) -> None:
    (corpus_dir / "empty.txt").unlink()
    (corpus_dir / "binary.txt").unlink()
    parse_corpus([corpus_dir], cache=Cache(tmp_path / "cache"))
    target = sorted(corpus_dir.glob("*.txt"))[1]
    target.write_text(target.read_text(encoding="utf-8").replace("2", "3"), encoding="utf-8")
    calls.clear()
    warm = parse_corpus([corpus_dir], cache=Cache(tmp_path / "cache"))
    assert calls == [target]
    assert_same(warm, parse_corpus([corpus_dir]))


def test_meta_override_is_part_of_the_key(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_text("某县2022年法治政府建设年度报告", encoding="utf-8")
    assert file_key(path, None) != file_key(path, {"year": "2021"})
    assert file_key(path, None) == file_key(path, {})
    assert file_key(tmp_path, None) is None


def test_fingerprint_follows_the_catalog(tmp_path: Path) -> None:
    package = tmp_path / "lawgov"
    shutil.copytree(PACKAGE_ROOT, package, ignore=shutil.ignore_patterns("__pycache__"))
    before = fingerprint(package)
    assert fingerprint(package) == before
    catalog = package / "data" / "catalog.yaml"
    text = catalog.read_text(encoding="utf-8")
    catalog.write_text(text.replace("cues: [受理,", "cues: [新收案件, 受理,", 1), encoding="utf-8")
    assert catalog.read_text(encoding="utf-8") != text
    assert fingerprint(package) != before


def test_cache_is_emptied_when_the_catalog_changes(corpus_dir, tmp_path, calls) -> None:
    package = tmp_path / "lawgov"
    shutil.copytree(PACKAGE_ROOT, package, ignore=shutil.ignore_patterns("__pycache__"))
    parse_corpus([corpus_dir], cache=Cache(tmp_path / "cache", fingerprint(package)))
    catalog = package / "data" / "catalog.yaml"
    catalog.write_text(catalog.read_text(encoding="utf-8") + "\n# 新词\n", encoding="utf-8")
    calls.clear()
    parse_corpus([corpus_dir], cache=Cache(tmp_path / "cache", fingerprint(package)))
    assert len(calls) == 7


def test_cli_skips_an_unchanged_output_set(corpus_dir, tmp_path, capsys) -> None:
    out = tmp_path / "out"
    assert main(["parse", str(corpus_dir), "-o", str(out), "--jobs", "2"]) == 0
    stamp = (out / "figures.parquet").stat().st_mtime_ns
    assert main(["parse", str(corpus_dir), "-o", str(out), "--jobs", "2"]) == 0
    assert "up to date" in capsys.readouterr().err
    assert (out / "figures.parquet").stat().st_mtime_ns == stamp
    assert (tmp_path / ".lawgov-cache-out").is_dir()
    plain = tmp_path / "plain"
    assert main(["parse", str(corpus_dir), "-o", str(plain), "--no-cache", "--jobs", "1"]) == 0
    assert not (tmp_path / ".lawgov-cache-plain").exists()
    for name in TABLES:
        pd.testing.assert_frame_equal(pd.read_parquet(out / f"{name}.parquet"),
                                      pd.read_parquet(plain / f"{name}.parquet"))


def test_cli_rewrites_when_a_report_changes(corpus_dir, tmp_path, capsys) -> None:
    out = tmp_path / "out"
    assert main(["parse", str(corpus_dir), "-o", str(out)]) == 0
    text = (corpus_dir / "000_35b64da8c6f520f4.txt").read_text(encoding="utf-8")
    (corpus_dir / "copy.txt").write_text(text + "\n附:修订稿", encoding="utf-8")
    assert main(["parse", str(corpus_dir), "-o", str(out)]) == 0
    assert "wrote" in capsys.readouterr().err.splitlines()[-1]
    assert len(pd.read_parquet(out / "reports.parquet")) == 6

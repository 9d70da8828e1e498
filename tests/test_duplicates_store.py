"""Copies of one report, atomic output, repeatable runs, raw data untouched."""

from __future__ import annotations

import hashlib
import html
import shutil
from pathlib import Path

import opencc
import pandas as pd
import pytest

from lawgov.pipeline import TABLES, parse_paths, to_corpus
from lawgov.store import recover, write_tables

RAW = Path(__file__).resolve().parent.parent / "data" / "raw"
SAMPLE = RAW / "000_35b64da8c6f520f4.txt"
TEXT = SAMPLE.read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def copies(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("copies")
    for p in RAW.glob("*.txt"):
        shutil.copy(p, root / p.name)
    (root / "mirror").mkdir()
    shutil.copy(SAMPLE, root / "mirror" / SAMPLE.name)  # byte-identical
    (root / "gb.txt").write_bytes(TEXT.encode("gb18030"))
    (root / "trad.txt").write_text(opencc.OpenCC("s2t").convert(TEXT), encoding="utf-8")
    body = "".join(f"<p>{html.escape(x)}</p>" for x in TEXT.splitlines())
    (root / "mirror.html").write_text(
        f"<nav>首页</nav><div>转载自某某网 2023-01-05 阅读次数 18</div><div>{body}</div>"
        "<div>上一篇:某县通知 下一篇:某县公告</div>", encoding="utf-8")
    half = TEXT[: len(TEXT) * 2 // 3]
    (root / "cut.txt").write_text(half, encoding="utf-8")  # cut off half-way
    return root


def test_copies_name_the_kept_report(copies):
    corpus = to_corpus(parse_paths([copies]))
    reports = corpus.reports.set_index("file")
    kept = reports.loc[SAMPLE.name, "report_id"]
    assert pd.isna(reports.loc[SAMPLE.name, "duplicate_of"])
    for name in ("gb.txt", "trad.txt", "mirror.html", "cut.txt"):
        assert reports.loc[name, "duplicate_of"] == kept
    others = [p.name for p in RAW.glob("*.txt") if p != SAMPLE]
    assert reports.loc[others, "duplicate_of"].isna().all()


def test_byte_identical_copy_is_one_duplicate_error(copies):
    corpus = to_corpus(parse_paths([copies]))
    assert corpus.errors[["stage"]].to_dict("records") == [{"stage": "duplicate"}]
    assert corpus.reports["report_id"].is_unique


def test_figures_are_counted_once(copies):
    alone = to_corpus(parse_paths([RAW]))
    corpus = to_corpus(parse_paths([copies]))
    cols = ["report_id", "indicator", "value", "start", "end", "quote"]
    pd.testing.assert_frame_equal(
        corpus.figures[cols].sort_values(cols).reset_index(drop=True),
        alone.figures[cols].sort_values(cols).reset_index(drop=True))
    assert set(corpus.checks["report_id"]) == set(alone.checks["report_id"])


def _snapshot(root: Path) -> dict[str, tuple]:
    return {str(p): (p.stat().st_mtime_ns, hashlib.sha256(p.read_bytes()).hexdigest())
            for p in sorted(root.rglob("*")) if p.is_file()}


def test_runs_are_identical_and_raw_is_untouched(tmp_path):
    raw = tmp_path / "raw"
    shutil.copytree(RAW, raw)
    before = _snapshot(raw)
    outs = []
    for i in range(2):
        corpus = to_corpus(parse_paths([raw]))
        outs.append(write_tables(corpus.tables(), tmp_path / f"out{i}", corpus.texts))
    assert _snapshot(raw) == before
    files = sorted(p.relative_to(outs[0]) for p in outs[0].rglob("*") if p.is_file())
    assert files == sorted(p.relative_to(outs[1]) for p in outs[1].rglob("*") if p.is_file())
    for rel in files:
        if rel.suffix != ".parquet":
            assert (outs[0] / rel).read_bytes() == (outs[1] / rel).read_bytes(), rel
    for name in TABLES:
        pd.testing.assert_frame_equal(pd.read_parquet(outs[0] / f"{name}.parquet"),
                                      pd.read_parquet(outs[1] / f"{name}.parquet"))


def test_offsets_point_into_the_kept_texts(tmp_path, copies):
    corpus = to_corpus(parse_paths([copies]))
    out = write_tables(corpus.tables(), tmp_path / "out", corpus.texts)
    texts = pd.read_parquet(out / "texts.parquet").set_index("report_id")["text"]
    assert set(texts.index) == set(corpus.reports["report_id"])
    for f in corpus.figures.itertuples():
        assert texts[f.report_id][f.start:f.end] == f.quote


class Killed(BaseException):
    """Stands for the process being killed in the middle of a write."""


def test_interrupted_write_leaves_the_previous_set_whole(tmp_path, monkeypatch):
    out = tmp_path / "out"
    old = to_corpus(parse_paths([SAMPLE]))
    write_tables(old.tables(), out, old.texts)
    new = to_corpus(parse_paths([RAW]))
    real = pd.DataFrame.to_parquet
    calls = []

    def dies_on_third(self, *args, **kwargs):
        calls.append(1)
        if len(calls) == 3:
            raise Killed
        return real(self, *args, **kwargs)

    monkeypatch.setattr(pd.DataFrame, "to_parquet", dies_on_third)
    with pytest.raises(Killed):
        write_tables(new.tables(), out, new.texts)
    monkeypatch.undo()
    for name in TABLES:
        pd.testing.assert_frame_equal(pd.read_parquet(out / f"{name}.parquet"),
                                      getattr(old, name), check_dtype=False)
    assert [p.name for p in tmp_path.iterdir()] == ["out"]


def test_set_left_aside_by_a_killed_swap_is_put_back(tmp_path):
    out = tmp_path / "out"
    corpus = to_corpus(parse_paths([SAMPLE]))
    write_tables(corpus.tables(), out, corpus.texts)
    out.rename(tmp_path / ".out.old-abc")  # killed between the two renames
    recover(out)
    assert pd.read_parquet(out / "figures.parquet").shape == corpus.figures.shape

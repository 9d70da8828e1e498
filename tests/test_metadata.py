"""Metadata of the five seed reports against the hand-made tests/gold/seeds_meta.csv."""

from __future__ import annotations

import csv
import shutil
from pathlib import Path

import pandas as pd
import pytest

import lawgov
from lawgov.clean import clean
from lawgov.metadata import extract_metadata
from lawgov.read import read_source

from .paths import GOLD, RAW

with (GOLD / "seeds_meta.csv").open(encoding="utf-8", newline="") as _f:
    SEEDS_META = list(csv.DictReader(_f))
FIELDS = ["jurisdiction", "province", "prefecture", "level", "division_type"]


def _meta(path: Path):
    return extract_metadata(clean(read_source(path).text).masked)


def test_gold_names_every_bundled_report() -> None:
    assert sorted(r["file"] for r in SEEDS_META) == sorted(p.name for p in RAW.glob("*.txt"))


@pytest.mark.parametrize("gold", SEEDS_META, ids=[r["file"] for r in SEEDS_META])
def test_seed_metadata(gold: dict) -> None:
    meta = _meta(RAW / gold["file"])
    for field in FIELDS:
        assert getattr(meta, field) == gold[field], field
    assert meta.year == int(gold["report_year"])
    assert meta.published == (gold["published"] or None)
    assert meta.adcode is not None and len(meta.adcode) == 6 and meta.adcode.isdigit()


@pytest.mark.parametrize("gold", SEEDS_META, ids=[r["file"] for r in SEEDS_META])
def test_seed_metadata_in_the_reports_table(seed_corpus: lawgov.Corpus, gold: dict) -> None:
    row = seed_corpus.reports.set_index("file").loc[gold["file"]]
    for field in FIELDS:
        assert row[field] == gold[field], field
    assert row["year"] == int(gold["report_year"])


def test_misleading_file_name_is_never_used(tmp_path: Path) -> None:
    """A report saved under another jurisdiction's name and year keeps its own metadata."""
    gold = SEEDS_META[0]
    liar = tmp_path / "北京市海淀区2019年法治政府建设年度报告.txt"
    shutil.copyfile(RAW / gold["file"], liar)
    meta = _meta(liar)
    assert meta.jurisdiction == gold["jurisdiction"]
    assert meta.year == int(gold["report_year"])
    row = lawgov.load_corpus(tmp_path).reports.iloc[0]
    assert row["jurisdiction"] == gold["jurisdiction"]
    assert row["province"] == gold["province"]
    assert row["year"] == int(gold["report_year"])


def test_text_without_a_place_gives_no_jurisdiction() -> None:
    meta = extract_metadata("年度工作报告\n一、总体情况\n今年我们做了很多工作。\n")
    assert meta.jurisdiction is None
    assert meta.adcode is None


def test_meta_csv_overrides_the_text(tmp_path: Path) -> None:
    overridden, untouched = SEEDS_META[0], SEEDS_META[1]
    for gold in (overridden, untouched):
        shutil.copyfile(RAW / gold["file"], tmp_path / gold["file"])
    (tmp_path / "meta.csv").write_text(
        "file,year,published,url\n"
        f"{overridden['file']},2021,2022-03-01,https://example.gov.cn/report.html\n",
        encoding="utf-8-sig",
    )
    reports = lawgov.load_corpus(tmp_path).reports.set_index("file")
    assert len(reports) == 2
    row = reports.loc[overridden["file"]]
    assert row["year"] == 2021
    assert row["published"] == "2022-03-01"
    assert row["url"] == "https://example.gov.cn/report.html"
    assert row["jurisdiction"] == overridden["jurisdiction"]
    other = reports.loc[untouched["file"]]
    assert other["year"] == int(untouched["report_year"])
    assert pd.isna(other["url"])


def test_the_genre_comes_from_the_opening() -> None:
    from lawgov.metadata import find_genre

    assert find_genre("合江县2022年政府信息公开工作年度报告\n本报告根据…") == "disclosure_report"
    assert find_genre("赵县人民政府\n2022年度法治政府建设情况报告\n…") is None


def test_a_span_start_is_not_the_report_year() -> None:
    from lawgov.metadata import find_year

    text = "2017年以来,某县先后出台三份文件。2018年度,该县调解组织共受理纠纷。2018年全年……"
    assert find_year(text) == 2018
    assert find_year("2020年来,在市委、市政府的坚强领导下……") == 2020

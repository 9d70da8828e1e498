"""The indicator catalog: the bundled file loads; a broken entry names itself."""

from __future__ import annotations

import copy
import re
from importlib import resources

import pytest
import yaml

from lawgov import CATALOG, CatalogError
from lawgov.catalog import KINDS, UNITS, parse_catalog

RAW = yaml.safe_load(
    resources.files("lawgov").joinpath("data", "catalog.yaml").read_text(encoding="utf-8")
)
DOMAINS = {"reconsideration", "litigation", "mediation", "service", "hotline", "transparency"}


def test_bundled_catalog_loads() -> None:
    assert len(CATALOG.indicators) == len(RAW["indicators"])
    assert {i.domain for i in CATALOG.indicators.values()} >= DOMAINS
    for ind in CATALOG.indicators.values():
        assert ind.id.startswith(ind.domain + ".")
        assert ind.kind in KINDS and ind.unit in UNITS
        assert ind.label_zh and ind.label_en
    assert "reconsideration.received" in CATALOG.indicators
    assert {c.indicator for c in CATALOG.cues} == set(CATALOG.indicators)


def test_rates_are_percent() -> None:
    for ind in CATALOG.indicators.values():
        if ind.kind == "rate":
            assert ind.unit == "percent", ind.id
            assert ind.units == {"%": "percent"}, ind.id


def test_catalog_frame_is_the_data_dictionary() -> None:
    frame = CATALOG.frame()
    assert list(frame["id"]) == list(CATALOG.indicators)
    assert {"id", "domain", "label_zh", "label_en", "unit", "kind", "cues"} <= set(frame.columns)


def _broken(index: int, change) -> dict:
    raw = copy.deepcopy(RAW)
    change(raw["indicators"][index])
    return raw


def test_unchanged_copy_parses() -> None:
    assert parse_catalog(copy.deepcopy(RAW)).indicators.keys() == CATALOG.indicators.keys()


@pytest.mark.parametrize("field", ["label_en", "unit", "kind", "units", "domain"])
def test_missing_field_names_the_entry(field: str) -> None:
    entry_id = RAW["indicators"][3]["id"]
    with pytest.raises(CatalogError, match=rf"{re.escape(entry_id)}.*{field}"):
        parse_catalog(_broken(3, lambda e: e.pop(field)))


def test_missing_id_is_an_error() -> None:
    with pytest.raises(CatalogError, match="'id'"):
        parse_catalog(_broken(2, lambda e: e.pop("id")))


def test_bad_unit_names_the_entry() -> None:
    entry_id = RAW["indicators"][5]["id"]
    with pytest.raises(CatalogError, match=rf"{re.escape(entry_id)}.*unit"):
        parse_catalog(_broken(5, lambda e: e.update(unit="furlongs")))


def test_bad_printed_unit_mapping_names_the_entry() -> None:
    entry_id = RAW["indicators"][5]["id"]
    with pytest.raises(CatalogError, match=rf"{re.escape(entry_id)}.*furlongs"):
        parse_catalog(_broken(5, lambda e: e.update(units={"件": "furlongs"})))


def test_bad_kind_names_the_entry() -> None:
    entry_id = RAW["indicators"][1]["id"]
    with pytest.raises(CatalogError, match=rf"{re.escape(entry_id)}.*kind"):
        parse_catalog(_broken(1, lambda e: e.update(kind="vibe")))


def test_bad_regex_names_the_entry() -> None:
    entry_id = RAW["indicators"][4]["id"]
    with pytest.raises(CatalogError, match=rf"{re.escape(entry_id)}.*bad cue"):
        parse_catalog(_broken(4, lambda e: e.update(cues=["受理(案件"])))


def test_duplicate_id_names_the_entry() -> None:
    raw = copy.deepcopy(RAW)
    raw["indicators"].append(copy.deepcopy(raw["indicators"][0]))
    with pytest.raises(CatalogError, match=rf"{re.escape(raw['indicators'][0]['id'])}.*duplicate"):
        parse_catalog(raw)


def test_domain_must_match_the_id() -> None:
    entry_id = RAW["indicators"][0]["id"]
    with pytest.raises(CatalogError, match=rf"{re.escape(entry_id)}.*domain"):
        parse_catalog(_broken(0, lambda e: e.update(domain="mediation")))


def test_entry_without_cues_names_the_entry() -> None:
    entry_id = RAW["indicators"][0]["id"]

    def strip(e: dict) -> None:
        for key in ("cues", "fallback", "weak", "topic_cues"):
            e.pop(key, None)

    with pytest.raises(CatalogError, match=rf"{re.escape(entry_id)}.*cue"):
        parse_catalog(_broken(0, strip))


def test_unknown_topic_names_the_entry() -> None:
    entry_id = RAW["indicators"][0]["id"]
    with pytest.raises(CatalogError, match=rf"{re.escape(entry_id)}.*topic"):
        parse_catalog(_broken(0, lambda e: e.update(topic="astrology")))


@pytest.mark.parametrize("raw", [None, {}, {"indicators": "none"}, {"indicators": [42]}])
def test_malformed_file_is_an_error(raw: object) -> None:
    with pytest.raises(CatalogError):
        parse_catalog(raw)  # type: ignore[arg-type]

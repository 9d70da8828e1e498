"""The indicator catalog (``data/catalog.yaml``), loaded and validated at import."""

from __future__ import annotations

import re
from dataclasses import dataclass
from importlib import resources
from typing import Any

import pandas as pd
import yaml

from .exceptions import CatalogError
from .rules import RULES

CATALOG_FILE = "catalog.yaml"
KINDS = {"count", "rate", "amount", "duration"}
UNITS = {"case", "item", "org", "person", "times", "percent", "yuan", "day", "workday", "hour",
         "piece"}
_REGEX_CHARS = re.compile(r"[.^$*+?{}\[\]|()\\]")
REQUIRED = ("id", "domain", "label_zh", "label_en", "unit", "kind", "units")


@dataclass(frozen=True)
class Cue:
    """One way a report can name an indicator next to a number."""

    indicator: str
    text: str
    pattern: re.Pattern
    topic: str | None
    priority: int
    fallback: bool
    not_after: re.Pattern | None
    literal: str | None  # the text when it is a plain word: a substring test rules it out


@dataclass(frozen=True)
class Indicator:
    id: str
    domain: str
    label_zh: str
    label_en: str
    unit: str
    kind: str
    units: dict[str, str]
    part: bool
    not_between: re.Pattern | None = None
    single: bool = False


@dataclass(frozen=True)
class Catalog:
    indicators: dict[str, Indicator]
    cues: tuple[Cue, ...]

    def frame(self) -> pd.DataFrame:
        """The catalog as a table (the data dictionary of indicators)."""
        rows = [
            {**{k: v for k, v in vars(ind).items() if k != "not_between"},
             "units": ", ".join(f"{k}→{v}" for k, v in ind.units.items()),
             "cues": " / ".join(c.text for c in self.cues if c.indicator == ind.id)}
            for ind in self.indicators.values()
        ]
        return pd.DataFrame(rows)


def _fail(entry: Any, message: str) -> CatalogError:
    name = entry.get("id", "?") if isinstance(entry, dict) else repr(entry)
    return CatalogError(f"{CATALOG_FILE}: indicator {name!r}: {message}")


def _check_entry(entry: Any, seen: set[str]) -> None:
    if not isinstance(entry, dict):
        raise _fail(entry, "an entry must be a mapping")
    for key in REQUIRED:
        if key not in entry:
            raise _fail(entry, f"missing {key!r}")
    if entry["id"] in seen:
        raise _fail(entry, "duplicate id")
    if entry["id"].split(".")[0] != entry["domain"]:
        raise _fail(entry, "the domain must be the id's prefix")
    if entry["kind"] not in KINDS:
        raise _fail(entry, f"kind must be one of {sorted(KINDS)}")
    if entry["unit"] not in UNITS:
        raise _fail(entry, f"unit must be one of {sorted(UNITS)}")
    bad = {v for v in entry["units"].values() if v not in UNITS}
    if bad:
        raise _fail(entry, f"unknown canonical units {sorted(bad)}")
    unknown = set(entry.get("topic_cues", {})) | {entry.get("topic")} - {None}
    if unknown - set(RULES.topics):
        raise _fail(entry, f"unknown topics {sorted(unknown - set(RULES.topics))}")
    if not any(entry.get(k) for k in ("cues", "fallback", "weak", "topic_cues")):
        raise _fail(entry, "no cue words")


def _compile(entry: dict, text: Any) -> re.Pattern:
    try:
        return re.compile(str(text))
    except re.error as exc:
        raise _fail(entry, f"bad cue {text!r}: {exc}") from exc


def _cues(entry: dict) -> list[Cue]:
    not_after = _compile(entry, f"(?:{entry['not_after']})$") if entry.get("not_after") else None
    topic = entry.get("topic")
    groups = [(topic, 1, False, entry.get("cues", [])),
              (topic, 1, True, entry.get("fallback", [])),
              (topic, 0, False, entry.get("weak", []))]
    groups += [(t, 1, False, words) for t, words in entry.get("topic_cues", {}).items()]
    return [
        Cue(entry["id"], str(w), _compile(entry, w), t, priority, fallback, not_after,
            None if _REGEX_CHARS.search(str(w)) else str(w))
        for t, priority, fallback, words in groups
        for w in words
    ]


def parse_catalog(raw: dict[str, Any]) -> Catalog:
    """Validate the parsed YAML of a catalog file and build the catalog."""
    if not isinstance(raw, dict) or not isinstance(raw.get("indicators"), list):
        raise CatalogError(f"{CATALOG_FILE}: needs a list under 'indicators'")
    indicators: dict[str, Indicator] = {}
    cues: list[Cue] = []
    for entry in raw["indicators"]:
        _check_entry(entry, set(indicators))
        indicators[entry["id"]] = Indicator(
            entry["id"], entry["domain"], entry["label_zh"], entry["label_en"], entry["unit"],
            entry["kind"], {str(k): v for k, v in entry["units"].items()},
            bool(entry.get("part", False)),
            _compile(entry, entry["not_between"]) if entry.get("not_between") else None,
            bool(entry.get("single", False)),
        )
        cues.extend(_cues(entry))
    return Catalog(indicators, tuple(cues))


def load_catalog() -> Catalog:
    text = resources.files("lawgov").joinpath("data", CATALOG_FILE).read_text(encoding="utf-8")
    try:
        raw = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        raise CatalogError(f"{CATALOG_FILE} is not valid YAML: {exc}") from exc
    return parse_catalog(raw)


CATALOG = load_catalog()

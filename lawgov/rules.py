"""The extraction lexicon (``data/rules.yaml``): topics, blockers, qualifiers, units, junk."""

from __future__ import annotations

import re
from dataclasses import dataclass
from importlib import resources
from typing import Any

import yaml

from .exceptions import CatalogError

RULES_FILE = "rules.yaml"


@dataclass(frozen=True)
class Genre:
    """A kind of document, told by its opening, and the domains not counted in it."""

    id: str
    opening: re.Pattern
    exclude_domains: frozenset[str]


@dataclass(frozen=True)
class Rules:
    topics: dict[str, re.Pattern]
    topic_any: re.Pattern
    blockers: dict[str, re.Pattern]
    after_blockers: dict[str, re.Pattern]
    between_blockers: re.Pattern
    other_scope: dict[str, re.Pattern]
    qualifiers: dict[str, re.Pattern]
    units: tuple[str, ...]
    redaction: re.Pattern
    part_marker: re.Pattern
    subset_markers: frozenset[str]
    joint: re.Pattern
    junk_lines: tuple[re.Pattern, ...]
    genres: tuple[Genre, ...]


def _compile(where: str, pattern: Any) -> re.Pattern:
    if not isinstance(pattern, str) or not pattern:
        raise CatalogError(f"{RULES_FILE}: {where} must be a non-empty pattern, got {pattern!r}")
    try:
        return re.compile(pattern)
    except re.error as exc:
        raise CatalogError(f"{RULES_FILE}: {where}: bad pattern {pattern!r}: {exc}") from exc


def _alternation(words: list[str]) -> str:
    return "|".join(sorted((str(w) for w in words), key=len, reverse=True))


def parse_rules(raw: dict[str, Any]) -> Rules:
    """Validate and compile the parsed YAML of a rules file."""
    try:
        topics = {
            name: _compile(f"topics.{name}", _alternation(words))
            for name, words in raw["topics"].items()
        }
        group = "|".join(f"(?P<{name}>{p.pattern})" for name, p in topics.items())
        return Rules(
            topics=topics,
            topic_any=re.compile(group),
            blockers={k: _compile(f"blockers.{k}", v) for k, v in raw["blockers"].items()},
            after_blockers={
                k: _compile(f"after_blockers.{k}", v) for k, v in raw["after_blockers"].items()
            },
            between_blockers=_compile("between_blockers", raw["between_blockers"]),
            other_scope={
                k: _compile(f"other_scope_levels.{k}", v)
                for k, v in raw["other_scope_levels"].items()
            },
            qualifiers={k: _compile(f"qualifiers.{k}", v) for k, v in raw["qualifiers"].items()},
            units=tuple(sorted((str(u) for u in raw["units"]), key=len, reverse=True)),
            redaction=_compile("redaction", raw["redaction"]),
            part_marker=_compile("part_marker", raw["part_marker"]),
            subset_markers=frozenset(str(w) for w in raw["subset_markers"]),
            joint=_compile("joint", raw["joint"]),
            junk_lines=tuple(
                _compile(f"junk_lines[{i}]", p) for i, p in enumerate(raw["junk_lines"])
            ),
            genres=tuple(
                Genre(str(g["id"]), _compile(f"genres.{g['id']}.opening", g["opening"]),
                      frozenset(g.get("exclude_domains", [])))
                for g in raw["genres"]
            ),
        )
    except KeyError as exc:
        raise CatalogError(f"{RULES_FILE}: missing section {exc}") from exc


def load_rules() -> Rules:
    text = resources.files("lawgov").joinpath("data", RULES_FILE).read_text(encoding="utf-8")
    try:
        raw = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        raise CatalogError(f"{RULES_FILE} is not valid YAML: {exc}") from exc
    return parse_rules(raw)


RULES = load_rules()

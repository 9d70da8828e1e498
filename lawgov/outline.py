"""Outline: the heading hierarchy of a report, each section mapped to a theme.

Headings are recognised by their numbering (一、 / (一) / 1. / 一是), at the start
of a line or, for 一是…, of a sentence. A section runs to the next heading of the
same or a higher level.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from importlib import resources

import yaml

from .exceptions import CatalogError

_CN = "一二三四五六七八九十"
# (level, pattern): the pattern matches a heading's number at a line or sentence start.
LEVELS = (
    (1, re.compile(rf"(?m)^[ \t]*(?P<num>[{_CN}]{{1,3}})[、.]")),
    (2, re.compile(rf"(?m)^[ \t]*(?P<num>\([{_CN}]{{1,3}}\))")),
    (3, re.compile(r"(?m)^[ \t]*(?P<num>\d{1,2})[.、](?!\d)")),
    (4, re.compile(rf"(?:(?<=^)|(?<=[\n。]))[ \t]*(?P<num>[{_CN}]{{1,3}}是)", re.M)),
)
TITLE_END = re.compile(r"[。\n;:]")
MAX_TITLE = 60


@dataclass(frozen=True)
class Theme:
    id: str
    label_zh: str
    pattern: re.Pattern


@dataclass(frozen=True)
class Section:
    level: int
    number: str
    title: str
    theme: str
    start: int
    end: int
    parent: int | None


def load_themes() -> tuple[Theme, ...]:
    text = resources.files("lawgov").joinpath("data", "themes.yaml").read_text(encoding="utf-8")
    themes = []
    for i, entry in enumerate(yaml.safe_load(text)["themes"]):
        try:
            themes.append(Theme(entry["id"], entry["label_zh"], re.compile(entry["pattern"])))
        except (KeyError, TypeError, re.error) as exc:
            raise CatalogError(f"themes.yaml: theme #{i + 1}: {exc}") from exc
    return tuple(themes)


THEMES = load_themes()


def theme_of(title: str) -> str | None:
    return next((t.id for t in THEMES if t.pattern.search(title)), None)


def _headings(text: str) -> list[tuple[int, int, str, str]]:
    found = {}
    for level, pattern in LEVELS:
        for m in pattern.finditer(text):
            start = m.start("num")
            if start in found:
                continue
            stop = TITLE_END.search(text, m.end(), m.end() + MAX_TITLE)
            title = text[m.end():stop.start() if stop else m.end() + MAX_TITLE].strip()
            if title:
                found[start] = (start, level, m.group("num"), title)
    return sorted(found.values())


def outline(text: str) -> list[Section]:
    """The sections of a (cleaned, masked) report text, in reading order."""
    heads = _headings(text)
    sections: list[Section] = []
    stack: list[int] = []
    for i, (start, level, number, title) in enumerate(heads):
        end = next((h[0] for h in heads[i + 1:] if h[1] <= level), len(text))
        while stack and sections[stack[-1]].level >= level:
            stack.pop()
        parent = stack[-1] if stack else None
        theme = theme_of(title) or (sections[parent].theme if parent is not None else "other")
        sections.append(Section(level, number, title, theme, start, end, parent))
        stack.append(len(sections) - 1)
    return sections


def section_at(sections: list[Section], pos: int) -> int | None:
    """Index of the deepest section containing pos."""
    best = None
    for i, s in enumerate(sections):
        if s.start <= pos < s.end and (best is None or s.level > sections[best].level):
            best = i
    return best


def ancestry(sections: list[Section], index: int | None) -> list[Section]:
    """The section and its parents, innermost first."""
    chain = []
    while index is not None:
        chain.append(sections[index])
        index = sections[index].parent
    return chain

"""Extract: tie numbers to indicators through cue words, clause by clause.

A number becomes a figure when a catalog cue stands before it in its clause (since
the previous figure of that clause) or right after its unit, the cue's topic (if it
has one) is the topic in force at the number, the printed unit is one the indicator
accepts, and no blocker of ``rules.yaml`` (targets, changes, earlier periods, other
jurisdictions, multi-year totals) stands in the way. Every figure keeps the span
from its cue to its number.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .catalog import CATALOG, Catalog, Cue
from .numbers import Mention, find_mentions
from .outline import Section, ancestry, section_at
from .rules import RULES

SENTENCE = re.compile(r"[^。!?\n]+")
CLAUSE_BREAK = re.compile(r"[,;:]")
_YEAR = re.compile(r"(20\d\d)\s*年")
FOLLOW_GAP = re.compile(r"(?:的|各类|个)?")
NOT_AFTER_REACH = 8


@dataclass(frozen=True)
class Figure:
    indicator: str
    value: float
    unit: str
    qualifier: str
    start: int
    end: int
    rule: str
    cue: str
    section: int | None


@dataclass(frozen=True)
class Context:
    """What extraction needs to know about the report as a whole."""

    year: int | None = None
    level: str | None = None


def _topics(text: str, start: int, end: int) -> list[tuple[int, str]]:
    return [(m.end(), m.lastgroup) for m in RULES.topic_any.finditer(text, start, end)]


def _topic_at(events: list[tuple[int, str]], pos: int) -> str | None:
    found = [topic for end, topic in events if end <= pos]
    return found[-1] if found else None


def _section_topic(sections: list[Section], index: int | None) -> str | None:
    for section in ancestry(sections, index):
        events = _topics(section.title, 0, len(section.title))
        if events:
            return events[-1][1]
    return None


def _other_year(window: str, year: int | None) -> bool:
    return year is not None and any(int(y) != year for y in _YEAR.findall(window))


def _plural_years(sentence: str, year: int | None) -> int | None:
    """Position of a multi-year span marker (自2019年以来 in a 2022 report), if any."""
    for m in RULES.blockers["plural_years"].finditer(sentence):
        years = [int(y) for y in re.findall(r"20\d\d", m.group())]
        if years and year is not None and all(y == year for y in years):
            continue
        return m.start()
    return None


def blocked(window: str, after: str, ctx: Context) -> str | None:
    """Name of the rule that rules this number out, or None."""
    b = RULES.blockers
    for name in ("target", "previous_period"):
        if b[name].search(window):
            return name
    if b["change"].search(window.rstrip()):
        return "change"
    scope = RULES.other_scope.get(ctx.level or "")
    if scope is not None and scope.search(window):
        return "other_scope"
    if _other_year(window, ctx.year):
        return "other_year"
    for name, pattern in RULES.after_blockers.items():
        if pattern.search(after):
            return name
    return None


class Extractor:
    """Matches numbers to indicators with a catalog (the default: the bundled one)."""

    def __init__(self, catalog: Catalog = CATALOG) -> None:
        self.catalog = catalog

    def _fits(self, cue: Cue, mention: Mention, topic: str | None) -> bool:
        if cue.topic is not None and cue.topic != topic:
            return False
        units = self.catalog.indicators[cue.indicator].units
        return mention.unit is None or mention.unit in units

    def _not_after(self, cue: Cue, text: str, start: int) -> bool:
        if cue.not_after is None:
            return False
        return bool(cue.not_after.search(text, max(0, start - NOT_AFTER_REACH), start))

    def _candidates(self, text: str, start: int, end: int, mention: Mention, topic: str | None):
        for cue in self.catalog.cues:
            for m in cue.pattern.finditer(text, start, end):
                if self._fits(cue, mention, topic) and not self._not_after(cue, text, m.start()):
                    yield cue, m

    def _cue_before(self, text, start, mention, topic):
        best = max(
            self._candidates(text, start, mention.start, mention, topic),
            key=lambda c: (c[0].priority, c[1].end(), c[1].end() - c[1].start()),
            default=None,
        )
        return best

    def _cue_after(self, text, mention, limit, topic):
        gap = FOLLOW_GAP.match(text, mention.end, limit)
        at = gap.end() if gap else mention.end
        found = [
            (cue, m) for cue, m in self._candidates(text, at, limit, mention, topic)
            if m.start() == at
        ]
        return max(found, key=lambda c: (c[0].priority, c[1].end()), default=None)

    def figures(self, text: str, sections: list[Section], ctx: Context) -> list[Figure]:
        """All candidate figures of a cleaned, masked report text, in text order."""
        out: list[Figure] = []
        for sentence in SENTENCE.finditer(text):
            out.extend(self._sentence(text, sentence.start(), sentence.end(), sections, ctx))
        return out

    def _sentence(self, text, s_start, s_end, sections, ctx):
        mentions = find_mentions(text, s_start, s_end)
        if not mentions:
            return []
        index = section_at(sections, s_start)
        if any(s.theme == "plans" for s in ancestry(sections, index)):
            return []
        events = _topics(text, s_start, s_end)
        section_topic = _section_topic(sections, index)
        multi_year = _plural_years(text[s_start:s_end], ctx.year)
        figures, last_end = [], s_start
        for i, mention in enumerate(mentions):
            if multi_year is not None and mention.start >= s_start + multi_year:
                break
            clause = max((m.end() for m in CLAUSE_BREAK.finditer(text, s_start, mention.start)),
                         default=s_start)
            start = max(clause, last_end)
            limit = mentions[i + 1].start if i + 1 < len(mentions) else s_end
            figure = self._figure(text, start, limit, mention, events, section_topic, index, ctx)
            if figure is not None:
                figures.append(figure)
                last_end = mention.end
        return figures

    def _figure(self, text, start, limit, mention, events, section_topic, index, ctx):
        window = text[start:mention.start]
        if blocked(window, text[mention.end:mention.end + 6], ctx):
            return None
        topic = _topic_at(events, mention.start) or section_topic
        rule = "cue_before"
        found = self._cue_before(text, start, mention, topic)
        if found is None:
            found, rule = self._cue_after(text, mention, limit, topic), "cue_after"
        if found is None:
            return None
        cue, m = found
        indicator = self.catalog.indicators[cue.indicator]
        if RULES.part_marker.search(window) and not indicator.part:
            return None
        if cue.topic is not None and _topic_at(events, m.start()) is None:
            rule = "section_topic" if _topic_at(events, mention.start) is None else "topic_carry"
        elif cue.topic is not None and _topic_at(events, m.start()) != cue.topic:
            rule = "topic_carry"
        qualifier = mention.qualifier
        if RULES.redaction.search(text, m.end(), mention.start):
            qualifier = "truncated"
        unit = indicator.units.get(mention.unit or "", indicator.unit)
        if cue.fallback:
            rule += "+fallback"
        return Figure(cue.indicator, mention.value, unit, qualifier, min(m.start(), mention.start),
                      max(m.end(), mention.end), rule, cue.text, index)


def resolve(figures: list[Figure]) -> list[Figure]:
    """One figure per (indicator, value), first mention first; fallback cues give way."""
    strong = {f.indicator for f in figures if not f.rule.endswith("+fallback")}
    seen: set[tuple[str, float]] = set()
    out = []
    for f in figures:
        key = (f.indicator, round(f.value, 6))
        if key in seen or (f.rule.endswith("+fallback") and f.indicator in strong):
            continue
        seen.add(key)
        out.append(f)
    return out

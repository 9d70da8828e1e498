"""Extract: tie numbers to indicators through cue words, clause by clause.

A number becomes a figure when a catalog cue stands before it in its clause (since
the previous figure of that clause) or just after its unit, the cue's topic (if it
has one) is the topic in force there, the printed unit is one the indicator accepts,
and no blocker of ``rules.yaml`` (targets, changes, earlier periods, other
jurisdictions, multi-year totals) stands in the way. Every figure keeps the span
from its cue to its number.

The topic in force at a cue is the topic word between the cue and its number (the
verb's object: 受理[行政复议]案件), else the last topic word before the cue in the
sentence, else the last one earlier in the paragraph, else the nearest section
heading's.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Iterator
from dataclasses import dataclass

from .catalog import CATALOG, Catalog, Cue
from .numbers import Mention, find_mentions
from .outline import Section, ancestry, section_at
from .rules import RULES

PARAGRAPH = re.compile(r"[^\n]+")
SENTENCE = re.compile(r"[^。!?]+")
CLAUSE_BREAK = re.compile(r"[,;:]")
RESPECTIVELY = re.compile(r"分别")
LIST_JOINT = re.compile(r"、|和(?!解)|及|与")
SHARE_WORD = re.compile(r"\s*(?:的|事项)?(?:比例|占比|比重|占)")
# What may stand between a unit and a cue after it: a few words (149个事项即来即办), or
# a short subject and 实现 (50项高频事项实现“秒批秒办”).
FOLLOW_GAP = re.compile(r"[^\d,;:。!?()、占共]{0,6}?实现[“\"‘]?|[^\d,;:。!?()、占共]{0,4}")
_YEAR = re.compile(r"(20\d\d)\s*年")
NOT_AFTER_REACH = 8
CUE_REACH = 16


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
    genre: str | None = None

    @property
    def excluded_domains(self) -> frozenset[str]:
        return next((g.exclude_domains for g in RULES.genres if g.id == self.genre),
                    frozenset())


@dataclass(frozen=True)
class _Sentence:
    start: int
    end: int
    events: list[tuple[int, int, str]]  # topic words: (start, end, topic)
    carried: str | None  # topic carried from earlier sentences of the paragraph
    section_topic: str | None
    section: int | None
    matches: tuple[tuple[Cue, re.Match], ...] = ()  # every cue occurrence in the sentence
    starts: tuple[int, ...] = ()  # where each of those matches starts, in order
    excluded: frozenset[str] = frozenset()  # domains not counted in this kind of document


def _between(s: _Sentence, start: int, end: int) -> tuple[tuple[Cue, re.Match], ...]:
    """The sentence's cue matches that start in [start, end)."""
    return s.matches[bisect_left(s.starts, start):bisect_left(s.starts, end)]


def _topics(text: str, start: int, end: int) -> list[tuple[int, int, str]]:
    return [(m.start(), m.end(), m.lastgroup) for m in RULES.topic_any.finditer(text, start, end)]


def _section_topic(sections: list[Section], index: int | None) -> str | None:
    for section in ancestry(sections, index):
        events = _topics(section.title, 0, len(section.title))
        if events:
            return events[0][2]
    return None


def _last_year(text: str, start: int, end: int) -> int | None:
    years = _YEAR.findall(text, start, end)
    return int(years[-1]) if years else None


def _multi_year_at(text: str, s: _Sentence, year: int | None) -> int | None:
    """Start of a multi-year span marker (自2019年以来 in a 2022 report), if any."""
    for m in RULES.blockers["plural_years"].finditer(text, s.start, s.end):
        years = [int(y) for y in re.findall(r"20\d\d", m.group())]
        if years and (year is None or all(y == year for y in years)):
            continue
        return m.start()
    return None


def blocked(window: str, after: str, ctx: Context) -> str | None:
    """Name of the rule that rules this number out, or None."""
    b = RULES.blockers
    for name in ("target", "previous_period", "from_value", "breakdown"):
        if b[name].search(window):
            return name
    if b["change"].search(window.rstrip()):
        return "change"
    scope = RULES.other_scope.get(ctx.level or "")
    if scope is not None and scope.search(window):
        return "other_scope"
    for name, pattern in RULES.after_blockers.items():
        if pattern.search(after):
            return name
    return None


def _ruled_out(text: str, start: int, mention: Mention, ctx: Context) -> bool:
    """A blocker in the text since the previous number, or a year other than the report's."""
    if blocked(text[start:mention.start], text[mention.end:mention.end + 6], ctx):
        return True
    year = _last_year(text, start, mention.start)
    return ctx.year is not None and year is not None and year != ctx.year


def _crosses_parenthesis(text: str, start: int, end: int) -> bool:
    """Cue and number sit on two sides of a parenthesis: one closes that opened before
    the cue (a cue inside a list in brackets), or one opens that is not closed before
    the number (a sub-count in brackets)."""
    depth = 0
    for ch in text[start:end]:
        depth += {"(": 1, ")": -1}.get(ch, 0)
        if depth < 0:
            return True
    return depth > 0


class _Positions:
    """Items keyed by (start, end) spans, sorted, to take those within a range quickly."""

    def __init__(self, items: list[tuple[tuple[int, int], object]]) -> None:
        self.starts = [span[0] for span, _ in items]
        self.items = items

    def within(self, start: int, end: int) -> list:
        lo = bisect_left(self.starts, start)
        hi = bisect_left(self.starts, end, lo)
        return [item for (_, stop), item in self.items[lo:hi] if stop <= end]


class Extractor:
    """Matches numbers to indicators with a catalog (the default: the bundled one)."""

    def __init__(self, catalog: Catalog = CATALOG) -> None:
        self.catalog = catalog

    def figures(self, text: str, sections: list[Section], ctx: Context) -> list[Figure]:
        """All candidate figures of a cleaned, masked report text, in text order."""
        # Cues and topic words are found in one pass over the whole text each; every
        # sentence then takes its share by position.
        cues = _Positions(sorted(
            (((m.start(), m.end()), (c, m)) for c in self.catalog.cues
             for m in c.pattern.finditer(text)), key=lambda item: item[0]))
        topics = _Positions([((a, b), (a, b, t)) for a, b, t in _topics(text, 0, len(text))])
        out: list[Figure] = []
        section_topics: dict[int | None, str | None] = {}
        for paragraph in PARAGRAPH.finditer(text):
            carried, earlier = None, []
            for m in SENTENCE.finditer(text, paragraph.start(), paragraph.end()):
                index = section_at(sections, m.start())
                if index not in section_topics:
                    section_topics[index] = _section_topic(sections, index)
                events = topics.within(m.start(), m.end())
                matches = tuple(cues.within(m.start(), m.end()))
                sentence = _Sentence(m.start(), m.end(), events, carried,
                                     section_topics[index], index, matches=matches,
                                     starts=tuple(match.start() for _, match in matches),
                                     excluded=ctx.excluded_domains)
                if sentence.matches and not any(
                        s.theme == "plans" for s in ancestry(sections, index)):
                    out.extend(self._sentence(text, sentence, ctx, earlier))
                carried = events[-1][2] if events else carried
        return out

    def _sentence(self, text: str, s: _Sentence, ctx: Context,
                  earlier: list[Figure]) -> Iterator[Figure]:
        """The figures of one sentence; ``earlier`` holds the paragraph's figures so far."""
        mentions = find_mentions(text, s.start, s.end)
        if not mentions:
            return
        stop = _multi_year_at(text, s, ctx.year)
        paired = self._respectively(text, s, mentions)
        accepted_end, previous_end = s.start, s.start
        breaks = [s.start, *(m.end() for m in CLAUSE_BREAK.finditer(text, s.start, s.end))]
        for i, mention in enumerate(mentions):
            if stop is not None and mention.start >= stop:
                return
            clause = breaks[bisect_right(breaks, mention.start) - 1]
            limit = mentions[i + 1].start if i + 1 < len(mentions) else s.end
            if i in paired:
                ruled_out = _ruled_out(text, max(clause, previous_end), mention, ctx)
                figure = None if ruled_out or paired[i] is None else self._make(
                    text, *paired[i], mention, "respectively", s)
            else:
                figure = self._figure(text, s, ctx, mention, clause, max(clause, accepted_end),
                                      max(clause, previous_end), limit)
            previous_end = mention.end
            if figure is not None and not self._total_in_parts(text, s, figure, earlier):
                accepted_end = figure.end  # a cue after the number is used up too
                earlier.append(figure)
                yield figure

    def _respectively(self, text: str, s: _Sentence, mentions: list[Mention]) -> dict:
        """Numbers after 分别 paired in order with the items listed before it
        (办结率、满意率分别为98%、97%): mention index -> (cue, match), or None for an item
        that names no indicator. Empty when the counts of items and numbers differ."""
        paired: dict[int, tuple[Cue, re.Match] | None] = {}
        for marker in RESPECTIVELY.finditer(text, s.start, s.end):
            clause = max((m.end() for m in CLAUSE_BREAK.finditer(text, s.start, marker.start())),
                         default=s.start)
            after = CLAUSE_BREAK.search(text, marker.end(), s.end)
            stop = after.start() if after else s.end
            group = [i for i, m in enumerate(mentions) if marker.end() <= m.start < stop]
            edges = [clause, *(m.end() for m in LIST_JOINT.finditer(text, clause, marker.start()))]
            items = list(zip(edges, [*(e - 1 for e in edges[1:]), marker.start()], strict=True))
            if len(group) < 2 or len(items) != len(group):
                continue
            for i, (lo, hi) in zip(group, items, strict=True):
                found = self._best((c, m, how) for c, m in s.matches
                                   if lo <= m.start() and m.end() <= hi
                                   and (how := self._fits(text, c, m, mentions[i], s)) is not None)
                paired[i] = found[:2] if found else None
        return paired

    def _total_in_parts(self, text: str, s: _Sentence, figure: Figure,
                        earlier: list[Figure]) -> bool:
        """A total-type count after 其中 (up to a ;) is a part of the figure before it, and
        left out; except the accepted count after the applications it is part of
        (收到申请3921件,其中受理2005件), which is the catalog's figure."""
        indicator = self.catalog.indicators[figure.indicator]
        if indicator.kind != "count" or indicator.part:
            return False
        scope = max(s.start, text.rfind(";", s.start, figure.start) + 1)
        markers = set(RULES.part_marker.findall(text, scope, figure.start))
        if not markers:
            return False
        after_applications = markers <= RULES.subset_markers and any(
            f.indicator == figure.indicator and f.rule.endswith("+fallback") for f in earlier)
        return figure.rule.endswith("+fallback") or not after_applications

    def _figure(self, text, s, ctx, mention, clause, cue_from, block_from, limit):
        if _ruled_out(text, block_from, mention, ctx):
            return None
        candidates = list(self._before(text, s, cue_from, mention))
        rule, found = "cue_before", self._best(candidates)
        if found is not None and self._overtaken(s, found[1], mention, candidates):
            return None
        if found is None and SHARE_WORD.match(text, clause, mention.start):
            back = max((m.end() for m in CLAUSE_BREAK.finditer(text, s.start, clause - 1)),
                       default=s.start)
            rule = "share_of_previous_clause"
            found = self._best(c for c in self._before(text, s, back, mention)
                               if self.catalog.indicators[c[0].indicator].kind == "rate")
        if found is None:
            rule, found = "cue_after", self._best(self._after(text, s, mention, limit))
        if found is None:
            return None
        cue, m, topic_rule = found
        return self._make(text, cue, m, mention, rule + topic_rule, s)

    @staticmethod
    def _overtaken(s: _Sentence, chosen: re.Match, mention: Mention, candidates) -> bool:
        """A cue word stands between the chosen cue and the number but fits none of its
        indicators (发生案件已审结407件: lawsuits concluded have no id): the nearest cue word
        decides what a number counts, so the number is left out."""
        fitting = [m.span() for _, m, _ in candidates]
        return any(m.end() <= mention.start
                   and cue.priority > 0 and not cue.fallback  # a verb, not a generic word
                   and not any(a < m.end() and m.start() < b for a, b in fitting)
                   for cue, m in _between(s, chosen.end(), mention.start))

    def _make(self, text, cue, m, mention, rule, s) -> Figure:
        indicator = self.catalog.indicators[cue.indicator]
        qualifier = mention.qualifier
        if RULES.redaction.search(text, m.end(), mention.start):
            qualifier = "truncated"
        unit = indicator.units.get(mention.unit or "", indicator.unit)
        if cue.fallback:
            rule += "+fallback"
        return Figure(cue.indicator, mention.value, unit, qualifier, min(m.start(), mention.start),
                      max(m.end(), mention.end), rule, cue.text, s.section)

    def _topic(self, s: _Sentence, cue: Cue, cue_start: int, cue_end: int, number: int):
        """The topic in force for a cue, and how it was found."""
        inside = [t for a, b, t in s.events if a < cue_end and b > cue_start]
        # A cue that contains its own topic word names its topic (撤回起诉); a weak cue
        # is a topic word, whatever it names.
        if inside and (cue.topic in inside or cue.priority == 0):
            return (cue.topic if cue.topic in inside else inside[-1]), ""
        between = [t for a, b, t in s.events if a >= cue_end and b <= number]
        if between:
            return between[0], ""
        before = [t for a, b, t in s.events if b <= cue_start]
        if before:
            return before[-1], ""
        if s.carried:
            return s.carried, "+topic_carry"
        return s.section_topic, "+section_topic"

    def _fits(self, text: str, cue: Cue, m: re.Match, mention: Mention, s: _Sentence):
        """None when the cue cannot name this number, else how its topic was found."""
        indicator = self.catalog.indicators[cue.indicator]
        if mention.unit is not None and mention.unit not in indicator.units:
            return None
        if indicator.domain in s.excluded:
            return None
        if cue.not_after is not None and cue.not_after.search(
                text, max(0, m.start() - NOT_AFTER_REACH), m.start()):
            return None
        lo, hi = (m.end(), mention.start) if m.end() <= mention.start else (mention.end, m.start())
        if indicator.not_between is not None and indicator.not_between.search(text, lo, hi):
            return None
        if RULES.between_blockers.search(text, lo, hi):
            return None
        if cue.topic is None:
            return ""
        topic, how = self._topic(s, cue, m.start(), m.end(), mention.start)
        return how if topic == cue.topic else None

    def _before(self, text, s, start, mention):
        lo = max(start, mention.start - CUE_REACH - 12)
        for cue, m in _between(s, lo, mention.start):
            if m.start() < lo or m.end() > mention.start or mention.start - m.end() > CUE_REACH:
                continue
            if _crosses_parenthesis(text, m.end(), mention.start):
                continue
            how = self._fits(text, cue, m, mention, s)
            if how is not None:
                yield cue, m, how

    def _after(self, text, s, mention, limit):
        """Cues just after the unit (808项政务服务事项), or, for a share written as
        "95%以上的…事项可实现在线申请", a rate cue later in the same clause."""
        gap = FOLLOW_GAP.match(text, mention.end, limit)
        reach = gap.end() if gap else mention.end
        share = mention.unit == "%" and text.startswith("的", mention.end)
        if share:
            clause_end = CLAUSE_BREAK.search(text, mention.end, limit)
            reach = clause_end.start() if clause_end else limit
        for cue, m in _between(s, mention.end, reach + 1):
            if m.end() > limit:
                continue
            if share and self.catalog.indicators[cue.indicator].kind != "rate":
                continue
            how = self._fits(text, cue, m, mention, s)
            if how is not None:
                yield cue, m, how

    def _best(self, candidates) -> tuple[Cue, re.Match, str] | None:
        """The cue nearest the number; of overlapping cues, the one that starts first.
        None when two cues of one domain are joined by a conjunction (a joint count)."""
        ranked = sorted(candidates, key=lambda c: (c[0].priority, not c[0].fallback, c[1].end()))
        if not ranked:
            return None
        top = ranked[-1]
        rank = (top[0].priority, not top[0].fallback)
        overlapping = [c for c in ranked if (c[0].priority, not c[0].fallback) == rank
                       and c[1].end() > top[1].start()]
        best = min(overlapping, key=lambda c: (c[1].start(), -c[1].end()))
        return None if self._joint(best, ranked) else best

    def _joint(self, best, ranked) -> bool:
        domain = self.catalog.indicators[best[0].indicator].domain
        text, start = best[1].string, best[1].start()
        return any(
            c[0].indicator != best[0].indicator
            and self.catalog.indicators[c[0].indicator].domain == domain
            and RULES.joint.fullmatch(text, c[1].end(), start)
            for c in ranked
        )


def resolve(figures: list[Figure], catalog: Catalog = CATALOG) -> list[Figure]:
    """One figure per (indicator, value), first mention first; fallback cues give way;
    a `single` indicator keeps one figure, from its earliest-listed cue."""
    strong = {f.indicator for f in figures if not f.rule.endswith("+fallback")}
    order = {(c.indicator, c.text): i for i, c in enumerate(catalog.cues)}
    chosen: dict[str, Figure] = {}
    for f in figures:
        if catalog.indicators[f.indicator].single:
            held = chosen.get(f.indicator)
            if held is None or order[(f.indicator, f.cue)] < order[(held.indicator, held.cue)]:
                chosen[f.indicator] = f
    seen: set[tuple[str, float]] = set()
    out = []
    for f in figures:
        key = (f.indicator, round(f.value, 6))
        if key in seen or (f.rule.endswith("+fallback") and f.indicator in strong):
            continue
        if f.indicator in chosen and chosen[f.indicator] is not f:
            continue
        seen.add(key)
        out.append(f)
    return out

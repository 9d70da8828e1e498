"""Metadata: jurisdiction, division code, level, province, prefecture, year, date.

Everything comes from the report text and the bundled division table
(``data/divisions.csv``); the file name is never read. ``meta.csv`` overrides are
applied by the pipeline.
"""

from __future__ import annotations

import csv
import re
from collections import Counter
from dataclasses import asdict, dataclass
from datetime import date
from functools import cache
from importlib import resources

from .rules import RULES

HEAD = 400
GENRE_OPENING = 300
TAIL = 300
_QUAN = re.compile(r"全(县|区|市|旗|州|盟|省)")
_YEAR = re.compile(r"(20\d\d)\s*年(?!\s*\d{1,2}\s*月)")
_YEAR_OPENING = re.compile(r"(20\d\d)\s*年(?:度|,|来|全|上半年)")
_DATE = re.compile(r"(20\d\d)\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日")
# Suffixes of division names, longest first; the name's suffix is its kind.
_KINDS = ("特别行政区", "自治区", "自治州", "自治县", "自治旗", "林区", "特区", "地区", "省", "市",
          "县", "区", "旗", "盟")


@dataclass(frozen=True)
class Division:
    adcode: str
    name: str

    @property
    def level(self) -> str:
        if self.adcode.endswith("0000"):
            return "province"
        return "prefecture" if self.adcode.endswith("00") else "county"

    @property
    def division_type(self) -> str:
        kind = next((k for k in _KINDS if self.name.endswith(k)), "")
        if kind == "市" and self.level == "county":
            return "县级市"
        return kind

    @property
    def province(self) -> str | None:
        d = _table().by_code.get(self.adcode[:2] + "0000")
        return d.name if d else None

    @property
    def prefecture(self) -> str | None:
        if self.level == "province":
            return None
        d = _table().by_code.get(self.adcode[:4] + "00")
        return d.name if d else self.province  # districts of a municipality

    def contains(self, other: Division) -> bool:
        keep = {"province": 2, "prefecture": 4, "county": 6}[self.level]
        return other.adcode[:keep] == self.adcode[:keep] and other != self


@dataclass(frozen=True)
class _Table:
    by_code: dict[str, Division]
    by_name: dict[str, list[Division]]
    names: frozenset[str]
    lengths: tuple[int, ...]
    last_chars: re.Pattern

    def find(self, text: str) -> list[str]:
        """The division names in the text, leftmost first, the longest at each position.

        The same as scanning with the alternation of all names sorted longest first,
        but a regex alternation of three thousand names tries every name at every
        character (a third of the parse time); here only the few characters a name
        can end with are looked at, and the names ending there looked up in a set.
        """
        spans = []
        for m in self.last_chars.finditer(text):
            end = m.end()
            spans += [(end - n, end) for n in self.lengths
                      if end >= n and text[end - n:end] in self.names]
        spans.sort(key=lambda span: (span[0], -span[1]))
        found, last = [], 0
        for start, end in spans:
            if start >= last:
                found.append(text[start:end])
                last = end
        return found


@cache
def _table() -> _Table:
    text = resources.files("lawgov").joinpath("data", "divisions.csv").read_text(encoding="utf-8")
    rows = csv.DictReader(line for line in text.splitlines() if not line.startswith("#"))
    divisions = [Division(r["adcode"], r["name"]) for r in rows]
    by_name: dict[str, list[Division]] = {}
    for d in divisions:
        by_name.setdefault(d.name, []).append(d)
    # Two-character district names (城区, 郊区, 矿区) are ordinary words too: left out.
    names = frozenset(n for n in by_name if len(n) > 2 or not n.endswith("区"))
    last_chars = re.compile("[" + re.escape("".join(sorted({n[-1] for n in names}))) + "]")
    lengths = tuple(sorted({len(n) for n in names}))
    return _Table({d.adcode: d for d in divisions}, by_name, names, lengths, last_chars)


@dataclass(frozen=True)
class Metadata:
    jurisdiction: str | None = None
    adcode: str | None = None
    level: str | None = None
    division_type: str | None = None
    province: str | None = None
    prefecture: str | None = None
    year: int | None = None
    published: str | None = None
    genre: str | None = None

    def as_dict(self) -> dict:
        return asdict(self)


def _resolve(name: str, context: list[Division]) -> Division:
    """The division of that name whose province or prefecture the text also names."""
    options = _table().by_name[name]
    for d in options:
        if any(c.contains(d) for c in context):
            return d
    return options[0]


def find_jurisdiction(text: str) -> Division | None:
    """The reporting jurisdiction: named in the opening, matching the text's 全X usage."""
    table = _table()
    head = text[:HEAD]
    found = table.find(head)
    if not found:
        return None
    context = [table.by_name[n][0] for n in found if table.by_name[n][0].level != "county"]
    candidates = [_resolve(n, context) for n in dict.fromkeys(found)]
    counts = Counter(table.find(text))
    quan = Counter(_QUAN.findall(text))
    dominant = quan.most_common(1)[0][0] if quan else None

    def score(d: Division) -> tuple:
        kind_fits = dominant is not None and d.name.endswith(dominant)
        specific = sum(d.contains(o) for o in candidates) == 0
        return (kind_fits, specific, counts[d.name], -found.index(d.name))

    return max(candidates, key=score)


def find_year(text: str) -> int | None:
    """The report year: the year an opening states as the period ("2022年,", "2022年度"),
    else the year the text names most often (first named on a tie); dates excluded."""
    this_year = date.today().year
    for m in _YEAR_OPENING.finditer(text[:HEAD]):
        if 2000 <= int(m.group(1)) <= this_year:
            return int(m.group(1))
    counts = Counter(int(y) for y in _YEAR.findall(text) if 2000 <= int(y) <= this_year)
    if not counts:
        return None
    top = max(counts.values())
    return min((y for y, n in counts.items() if n == top), key=lambda y: text.find(str(y)))


def find_published(text: str) -> str | None:
    """The date printed as a line of its own at the end (the signature date)."""
    for line in reversed(text[-TAIL:].splitlines()):
        m = _DATE.fullmatch(line.strip())
        if m:
            y, mo, d = (int(g) for g in m.groups())
            try:
                return date(y, mo, d).isoformat()
            except ValueError:
                return None
    return None


def extract_metadata(text: str) -> Metadata:
    division = find_jurisdiction(text)
    fields = {}
    if division is not None:
        fields = dict(jurisdiction=division.name, adcode=division.adcode, level=division.level,
                      division_type=division.division_type, province=division.province,
                      prefecture=division.prefecture)
    return Metadata(**fields, year=find_year(text), published=find_published(text),
                    genre=find_genre(text))


def find_genre(text: str) -> str | None:
    """The kind of document (rules.yaml ``genres``) its opening names, if any."""
    return next((g.id for g in RULES.genres if g.opening.search(text, 0, GENRE_OPENING)), None)

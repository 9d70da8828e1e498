"""Numbers: find number + unit mentions and read their value and qualifier.

Arabic numbers (separators, decimals), Chinese numerals (through cn2an, applied only
to the span this module isolated), 万/亿 multipliers, percentages, and the hedges of
INDICATORS.md. A number only counts as a mention when a unit follows it (or a
redaction marker cuts it off): bare numbers are years, codes and phone numbers.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

import cn2an

from .rules import RULES

MAX_DIGITS = 15
_CN_DIGITS = "零〇一二两三四五六七八九十百千万亿"
_UNIT = "|".join(re.escape(u) for u in RULES.units)
NUMBER = re.compile(
    r"(?<![\dA-Za-z.第])(?<!\d,)(?P<ar>\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)(?![\d])"
    rf"|(?<![{_CN_DIGITS}第])(?P<cn>[零〇一二两三四五六七八九十][{_CN_DIGITS}]*?)"
    rf"(?=[余多]?(?:{_UNIT}))"
)
_INSIDE = RULES.qualifiers["at_least_inside"].pattern
_TAIL = re.compile(
    rf"(?P<inside>{_INSIDE})?(?P<mult>万|亿)?(?P<inside2>{_INSIDE})?\s*"
    rf"(?:(?P<unit>{_UNIT})|(?P<cut>{RULES.redaction.pattern}))"
)
_MULT = {"万": 10_000, "亿": 100_000_000}
_AFTER = ("approx_after", "at_least_after", "at_most_after")
# "两三个" is a range, not 23: two digit characters with no 十/百/千 between them. A
# lone 一 is an article more often than a count (一件事, 一个窗口).
_CN_RANGE = re.compile(r"[一二两三四五六七八九]{2}")
# A rate of nothing is often printed without its sign: 败诉率为0, 纠错率为零.
_ZERO_RATE = re.compile(r"(?:(?<=率)|(?<=率为)|(?<=率是)|(?<=均为)|(?<=仍为)|(?<=保持)|(?<=持为))"
                        r"(?:0|零)(?=[,;。!?、)\s]|$)")
_DATE_UNIT = re.compile(r"(?:\d|[零〇一二三四五六七八九十])月$")


@dataclass(frozen=True)
class Mention:
    """A number with its unit, as printed."""

    start: int
    end: int
    value: float
    unit: str | None
    qualifier: str
    number_start: int

    @property
    def truncated(self) -> bool:
        return self.qualifier == "truncated"


def parse_number(text: str) -> float | None:
    """The value of an isolated Arabic or Chinese number, or None when it is not one."""
    text = text.replace(",", "")
    if re.fullmatch(r"\d+(?:\.\d+)?", text):
        if len(text.split(".")[0]) > MAX_DIGITS:
            return None
        return float(text)
    if _CN_RANGE.search(text) or text == "一":
        return None
    try:
        value = cn2an.cn2an(text, "smart")
    except (ValueError, KeyError, IndexError, TypeError):
        return None
    return float(value)


def _qualifier(text: str, start: int, tail: re.Match, end: int) -> str:
    if tail.group("cut"):
        return "truncated"
    before = text[max(0, start - 3):start]
    after = text[end:end + 3]
    q = RULES.qualifiers
    if q["at_most_before"].search(before):
        return "at_most"
    if q["at_most_after"].match(after):
        return "at_most"
    if tail.group("inside") or tail.group("inside2") or q["at_least_after"].match(after):
        return "at_least"
    if q["at_least_before"].search(before):
        return "at_least"
    if q["approx_before"].search(before[-2:]) or q["approx_after"].match(after):
        return "approx"
    return "exact"


def _suffix_length(text: str, end: int) -> int:
    """Length of the hedge printed after the unit (以上, 左右, 之内), part of the mention."""
    after = text[end:end + 3]
    ends = [m.end() for name in _AFTER if (m := RULES.qualifiers[name].match(after))]
    return max(ends, default=0)


def find_mentions(text: str, start: int = 0, end: int | None = None) -> list[Mention]:
    """Every number + unit mention in text[start:end], left to right."""
    end = len(text) if end is None else end
    mentions = []
    for m in NUMBER.finditer(text, start, end):
        tail = _TAIL.match(text, m.end(), end)
        if tail is None:
            continue
        unit = tail.group("unit")
        if unit in ("日", "天") and _DATE_UNIT.search(text, max(0, m.start() - 3), m.start()):
            continue
        value = parse_number(m.group())
        if value is None:
            continue
        # Decimal arithmetic: 5.06万 is 50600, not 50599.999…
        value = float(Decimal(repr(value)) * _MULT.get(tail.group("mult"), 1))
        stop = tail.end() if unit else m.end()
        qualifier = _qualifier(text, m.start(), tail, stop)
        stop += _suffix_length(text, stop) if qualifier != "truncated" else 0
        mentions.append(Mention(m.start(), stop, value, unit, qualifier, m.start()))
    zeros = [Mention(m.start(), m.end(), 0.0, "%", "exact", m.start())
             for m in _ZERO_RATE.finditer(text, start, end)]
    return sorted(mentions + zeros, key=lambda x: x.start) if zeros else mentions

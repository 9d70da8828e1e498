"""Clean: fold full-width forms and traditional script, mask web junk, repeated
bodies and run-on text, find redactions.

Cleaning never moves a character: the cleaned text has the length of the decoded
source, so an offset into one is an offset into the other. Text that should not be
read (junk lines, a second copy of the body, runs too long to be a sentence) is
masked with spaces, keeping line breaks, rather than removed.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field

from .rules import RULES
from .script import n_converted, simplify

# Full-width ASCII forms and the ideographic space fold to ASCII one for one.
_FOLD = {cp: unicodedata.normalize("NFKC", chr(cp)) for cp in range(0xFF01, 0xFF5F)}
_FOLD.update({0x3000: " ", 0x00A0: " ", 0x2002: " ", 0x2003: " ", 0x200B: " ", 0xFEFF: " "})
_FOLD = {cp: s for cp, s in _FOLD.items() if len(s) == 1}
_SENTENCE = re.compile(r"[^。!?;\n]+[。!?;]?")
# Extraction reads sentence by sentence; a stretch this long without a full stop or
# line break is not prose (a page that lost its line breaks, a dump of digits), and
# reading it would cost time growing with its square.
_RUN = re.compile(r"[^。!?\n]+")
MAX_RUN = 1000
MIN_REPEAT = 20
DUPLICATED_SHARE = 0.25


@dataclass
class Cleaned:
    """The cleaned text (same length as the source) and what cleaning found."""

    text: str
    masked: str
    junk: list[tuple[int, int]] = field(default_factory=list)
    repeated: list[tuple[int, int]] = field(default_factory=list)
    redactions: list[tuple[int, int]] = field(default_factory=list)
    runon: list[tuple[int, int]] = field(default_factory=list)
    n_converted: int = 0

    @property
    def n_redactions(self) -> int:
        return sum(1 for s, e in self.redactions if "略" in self.text[s:e])

    @property
    def n_censored(self) -> int:
        return sum(self.text[s:e].count("*") for s, e in self.redactions)

    @property
    def repeated_share(self) -> float:
        return sum(e - s for s, e in self.repeated) / max(1, len(self.text))

    @property
    def duplicated_body(self) -> bool:
        return self.repeated_share >= DUPLICATED_SHARE


def fold(text: str) -> str:
    """Full-width digits, letters and punctuation to ASCII, one character for one."""
    return text.translate(_FOLD)


def junk_spans(text: str) -> list[tuple[int, int]]:
    """Lines of page furniture at the start and the end of the text."""
    lines = _lines(text)
    spans: list[tuple[int, int]] = []
    for ordered in (lines, lines[::-1]):
        for start, end in ordered:
            line = text[start:end].strip()
            if not any(p.match(line) for p in RULES.junk_lines):
                break
            if line:
                spans.append((start, end))
    return sorted(spans)


def repeated_spans(text: str, skip: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Sentences that repeat an earlier one word for word (a body scraped twice)."""
    seen: set[str] = set()
    spans = []
    for m in _SENTENCE.finditer(text):
        key = m.group().strip()
        if len(key) < MIN_REPEAT or _inside(m.start(), skip):
            continue
        if key in seen:
            spans.append(m.span())
        else:
            seen.add(key)
    return _merge(spans)


def runon_spans(text: str) -> list[tuple[int, int]]:
    """Stretches longer than MAX_RUN characters without a full stop or line break."""
    return [m.span() for m in _RUN.finditer(text) if m.end() - m.start() > MAX_RUN]


def clean(source_text: str) -> Cleaned:
    folded = fold(source_text)
    text = simplify(folded)
    junk = junk_spans(text)
    repeated = repeated_spans(text, junk)
    runon = runon_spans(text)
    redactions = [m.span() for m in RULES.redaction.finditer(text)]
    return Cleaned(text, _mask(text, junk + repeated + runon), junk, repeated, redactions,
                   runon, n_converted(folded, text))


def _lines(text: str) -> list[tuple[int, int]]:
    spans, start = [], 0
    for m in re.finditer(r"\r\n|\n|\r", text):
        spans.append((start, m.start()))
        start = m.end()
    spans.append((start, len(text)))
    return spans


def _mask(text: str, spans: list[tuple[int, int]]) -> str:
    chars = list(text)
    for start, end in spans:
        for i in range(start, end):
            if chars[i] not in "\r\n":
                chars[i] = " "
    return "".join(chars)


def _merge(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    merged: list[tuple[int, int]] = []
    for start, end in sorted(spans):
        if merged and start <= merged[-1][1] + 1:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged


def _inside(pos: int, spans: list[tuple[int, int]]) -> bool:
    return any(s <= pos < e for s, e in spans)

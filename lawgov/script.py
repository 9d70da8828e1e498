"""Script: traditional Chinese characters to simplified ones, one for one.

The catalog's cues are written in simplified characters; a report served in
traditional script (繁體) is read through OpenCC's t2s conversion so that it gives
the same figures. The conversion keeps the text's length, character for character,
so offsets into the converted text are offsets into the source: the rare phrase
that OpenCC would convert to a different length is converted character by
character instead, and a character that still would not map one to one is kept.
"""

from __future__ import annotations

from functools import cache

import opencc


@cache
def _converter() -> opencc.OpenCC:
    return opencc.OpenCC("t2s")


def _convert(text: str) -> str:
    return _converter().convert(text)


def simplify(text: str) -> str:
    """The text in simplified characters, with exactly the length of the input."""
    out = _convert(text)
    if len(out) == len(text):
        return out
    return "".join(_same_length(line) for line in text.splitlines(keepends=True))


def _same_length(chunk: str) -> str:
    out = _convert(chunk)
    if len(out) == len(chunk):
        return out
    chars = (_convert(ch) for ch in chunk)
    return "".join(new if len(new) == 1 else old for old, new in zip(chunk, chars, strict=True))


def n_converted(source: str, simplified: str) -> int:
    """How many characters the conversion changed."""
    if source == simplified:  # the common case, simplified input: one C-level comparison
        return 0
    return sum(a != b for a, b in zip(source, simplified, strict=True))

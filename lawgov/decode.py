"""Decode: the bytes of a text file to text, in whatever encoding it came in.

Chinese reports arrive as UTF-8 (with or without BOM), GB18030/GBK, Big5 and
UTF-16. A few damaged bytes inside otherwise good text are replaced with U+FFFD
(and counted) rather than costing the whole file; bytes that are not text at all
are refused with a plain reason.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from charset_normalizer import from_bytes

from .exceptions import ReadError

_BOMS = (
    (b"\xef\xbb\xbf", "utf-8"),
    (b"\xff\xfe", "utf-16-le"),
    (b"\xfe\xff", "utf-16-be"),
)
# Chinese government pages come in these; the detector chooses among them first.
_PREFERRED = ("utf_8", "gb18030", "big5", "utf_16")
# A file whose bytes are damaged beyond this share is refused rather than guessed at.
MAX_DAMAGED_SHARE = 0.01
# Control characters (other than tab, line breaks, form feed) beyond this share: binary.
MAX_CONTROL_SHARE = 0.05
_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f\x7f]")
_SAMPLE = 65536


@dataclass(frozen=True)
class Decoded:
    text: str
    encoding: str
    n_replaced: int = 0


def decode(data: bytes) -> Decoded:
    """Decode bytes to text (a BOM removed). Raises ReadError when they are not text."""
    if not data:
        raise ReadError("the file is empty")
    decoded = _decode(data)
    _check_text(decoded.text)
    return decoded


def _decode(data: bytes) -> Decoded:
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return _lenient(data[len(bom):], encoding)
    utf16 = _utf16_without_bom(data)
    if utf16 is not None:
        return _lenient(data, utf16)
    try:
        return Decoded(data.decode("utf-8"), "utf-8")
    except UnicodeDecodeError:
        pass
    damaged = _lenient(data, "utf-8")
    if damaged.n_replaced <= MAX_DAMAGED_SHARE * len(data):
        return damaged
    best = from_bytes(data, cp_isolation=list(_PREFERRED)).best()
    if best is not None:
        return Decoded(str(best), best.encoding)
    # Detection refuses text with a few bad bytes: take the preferred encoding that
    # needs the fewest replacements, if it needs few.
    fewest = min((_lenient(data, enc) for enc in ("gb18030", "big5")), key=lambda d: d.n_replaced)
    if fewest.n_replaced <= MAX_DAMAGED_SHARE * len(data):
        return fewest
    raise ReadError("the bytes fit no text encoding (UTF-8, GB18030, Big5, UTF-16); "
                    "it is probably not a text file")


def _lenient(data: bytes, encoding: str) -> Decoded:
    text = data.decode(encoding, errors="replace")
    n_replaced = text.count("\ufffd") - data.decode(encoding, errors="ignore").count("\ufffd")
    return Decoded(text, encoding, n_replaced)


def _utf16_without_bom(data: bytes) -> str | None:
    """UTF-16 text shows NUL in every other byte (ASCII and line breaks are common)."""
    sample = data[:_SAMPLE - _SAMPLE % 2]
    if len(sample) < 4:
        return None
    even, odd = sample[0::2].count(0), sample[1::2].count(0)
    enough = max(4, len(sample) // 200)
    # Binary data has NULs at both parities; text in UTF-16 at one (一 is U+4E00).
    if odd >= enough and even * 4 < odd:
        return "utf-16-le"
    if even >= enough and odd * 4 < even:
        return "utf-16-be"
    return None


def _check_text(text: str) -> None:
    if not text.strip():
        raise ReadError("the file has no text (only white space)")
    sample = text[:_SAMPLE]
    if len(_CONTROL.findall(sample)) > MAX_CONTROL_SHARE * len(sample):
        raise ReadError("the file is binary (full of control bytes such as NUL), "
                        "not a text report")

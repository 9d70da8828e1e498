"""Read: report bytes to decoded text.

Offsets everywhere point into the text returned here: the file's bytes decoded,
a BOM removed, line breaks kept exactly as they are.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path

from charset_normalizer import from_bytes

from .exceptions import ReadError

MAX_BYTES = 50 * 1024 * 1024
SUFFIXES = (".txt",)
_BOMS = (
    (b"\xef\xbb\xbf", "utf-8"),
    (b"\xff\xfe", "utf-16-le"),
    (b"\xfe\xff", "utf-16-be"),
)
# Chinese government pages come in these; the detector chooses among them first.
_PREFERRED = ("utf_8", "gb18030", "utf_16", "big5")


@dataclass(frozen=True)
class Source:
    """A report file as decoded text."""

    path: Path
    text: str
    encoding: str
    sha256: str
    n_bytes: int

    @property
    def report_id(self) -> str:
        return self.sha256[:16]


def decode(data: bytes) -> tuple[str, str]:
    """Decode bytes to text; return (text, encoding name). BOMs are removed."""
    if not data.strip():
        raise ReadError("the file is empty")
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return data[len(bom):].decode(encoding, errors="replace"), encoding
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    if b"\x00" in data[:4096] and not _looks_utf16(data):
        raise ReadError("the file is binary (it contains NUL bytes), not a text report")
    best = from_bytes(data, cp_isolation=list(_PREFERRED)).best() or from_bytes(data).best()
    if best is None:
        raise ReadError("no text encoding fits the file's bytes; it is probably not a text report")
    return str(best), best.encoding


def _looks_utf16(data: bytes) -> bool:
    sample = data[:4096]
    return sample[1::2].count(0) > len(sample) // 4 or sample[0::2].count(0) > len(sample) // 4


def read_source(path: str | Path) -> Source:
    """Read one report file. Raises ReadError with a plain reason."""
    path = Path(path)
    if path.is_dir():
        raise ReadError("this is a folder, not a report file")
    if not path.exists():
        raise ReadError("the file does not exist (a dangling link?)")
    size = path.stat().st_size
    if size > MAX_BYTES:
        limit = MAX_BYTES // 2**20
        raise ReadError(f"the file is {size / 2**20:.0f} MB, over the {limit} MB limit")
    data = path.read_bytes()
    text, encoding = decode(data)
    return Source(path, text, encoding, hashlib.sha256(data).hexdigest(), len(data))

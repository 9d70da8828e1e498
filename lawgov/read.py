"""Read: a report file to its source text.

Offsets everywhere point into the text returned here. For a ``.txt`` file it is
the file's bytes decoded, a BOM removed, line breaks kept exactly as they are; for
``.html``/``.htm`` and ``.docx`` it is the extracted main text (see formats.py).
Anything that is not a readable report of a supported kind raises ReadError with
a reason a person understands.
"""

from __future__ import annotations

import hashlib
import stat
from dataclasses import dataclass
from pathlib import Path

from .decode import Decoded, decode
from .exceptions import ReadError
from .formats import docx_to_text, html_to_text

FORMATS = {".txt": "text", ".html": "html", ".htm": "html", ".docx": "docx"}
SUFFIXES = tuple(FORMATS)
MIB = 2**20
# Larger files are refused before reading: a report's text is 10-200 KB; Word
# documents carry pictures, so they get more room.
MAX_BYTES = {"text": 16 * MIB, "html": 16 * MIB, "docx": 64 * MIB}
# Longer texts are refused after decoding: 20 times the longest report seen.
MAX_CHARS = 2_000_000


@dataclass(frozen=True)
class Source:
    """A report file as source text."""

    path: Path
    text: str
    encoding: str
    sha256: str
    n_bytes: int
    format: str = "text"
    n_replaced: int = 0

    @property
    def report_id(self) -> str:
        return self.sha256[:16]


def file_format(path: Path) -> str:
    """The format of a path by its suffix; ReadError for kinds lawgov does not read."""
    kind = FORMATS.get(path.suffix.lower())
    if kind is None:
        what = f"'{path.suffix}' files" if path.suffix else "files without a suffix"
        raise ReadError(f"{what} are not read; lawgov reads {', '.join(SUFFIXES)}")
    return kind


def _check_file(path: Path, kind: str) -> int:
    try:
        info = path.stat()
    except FileNotFoundError as exc:
        raise ReadError("the file does not exist (a dangling link?)") from exc
    except OSError as exc:
        raise ReadError(f"the file cannot be opened: {exc.strerror or exc}") from exc
    if stat.S_ISDIR(info.st_mode):
        raise ReadError("this is a folder, not a report file")
    if not stat.S_ISREG(info.st_mode):
        raise ReadError("this is not a regular file (a device, pipe or socket)")
    limit = MAX_BYTES[kind]
    if info.st_size > limit:
        raise ReadError(f"the file is {info.st_size / MIB:.1f} MiB, over the "
                        f"{limit // MIB} MiB limit for {kind} files")
    return info.st_size


def _to_text(data: bytes, kind: str) -> Decoded:
    if kind == "html":
        decoded = html_to_text(data)
    elif kind == "docx":
        decoded = Decoded(docx_to_text(data), "docx")
    else:
        return decode(data)
    if not decoded.text.strip():
        raise ReadError(f"the {kind} file has no text")
    return decoded


def read_source(path: str | Path) -> Source:
    """Read one report file. Raises ReadError with a plain reason."""
    path = Path(path)
    kind = file_format(path)
    _check_file(path, kind)
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise ReadError(f"the file cannot be read: {exc.strerror or exc}") from exc
    decoded = _to_text(data, kind)
    if len(decoded.text) > MAX_CHARS:
        raise ReadError(f"the text is {len(decoded.text):,} characters, over the "
                        f"{MAX_CHARS:,} limit (a report is rarely over 100,000)")
    return Source(path, decoded.text, decoded.encoding, hashlib.sha256(data).hexdigest(),
                  len(data), kind, decoded.n_replaced)

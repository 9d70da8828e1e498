"""Formats: the main text of an HTML page or a Word (.docx) document.

For these formats the extracted text *is* the report's source text: offsets point
into it, and the pipeline keeps it beside the tables. HTML is parsed with lxml;
scripts, styles, navigation, headers, footers and forms are dropped, and every
block element ends a line. Word documents are read with python-docx, paragraphs
and table rows in document order, one line each.
"""

from __future__ import annotations

import io
import re
import zipfile

import docx
import lxml.etree
import lxml.html
from docx.opc.exceptions import PackageNotFoundError
from docx.table import Table

from .decode import Decoded, decode
from .exceptions import ReadError

# Page furniture and non-text elements: dropped with everything inside them.
DROP_TAGS = ("script", "style", "noscript", "template", "head", "nav", "header", "footer",
             "aside", "form", "iframe", "svg", "canvas", "button", "select", "object")
DROP_ROLES = ("navigation", "banner", "contentinfo", "search", "menu")
BLOCK_TAGS = frozenset((
    "address", "article", "blockquote", "body", "br", "caption", "center", "dd", "div", "dl",
    "dt", "fieldset", "figcaption", "figure", "h1", "h2", "h3", "h4", "h5", "h6", "hr", "li",
    "main", "ol", "p", "pre", "section", "table", "tbody", "td", "tfoot", "th", "thead", "tr",
    "ul",
))
CELL_TAGS = frozenset(("td", "th"))
MAIN_XPATH = "//main | //article | //*[@role='main']"
_CHARSET = re.compile(rb"""<meta[^>]{0,200}?charset\s*=\s*["']?\s*([\w-]{1,40})""", re.I)
# Web pages label GBK text "gb2312" and Big5 text "big5"; the supersets read both.
_SUPERSETS = {"gb2312": "gb18030", "gbk": "gb18030", "x-gbk": "gb18030", "big5": "big5hkscs"}
_SPACE = re.compile(r"[ \t\r\n\f\v\u00a0]+")
_CJK = "\u3000-\u9fff\uff00-\uffef"
_CJK_BREAK = re.compile(rf"(?<=[{_CJK}])[ \t]*[\r\n]\s*(?=[{_CJK}])")


def html_to_text(data: bytes) -> Decoded:
    """The main text of an HTML page, one block per line."""
    decoded = _decode_html(data)
    try:
        root = lxml.html.document_fromstring(decoded.text)
    except (lxml.etree.ParserError, ValueError) as exc:
        raise ReadError(f"the HTML page cannot be parsed: {exc}") from exc
    _drop_furniture(root)
    mains = root.xpath(MAIN_XPATH)
    if mains:
        root = max(mains, key=lambda el: len(el.text_content()))
    lines: list[str] = []
    _walk(root, [""], lines)
    text = "\n".join(line for line in (_tidy(x) for x in lines) if line)
    return Decoded(text, decoded.encoding, decoded.n_replaced)


def _decode_html(data: bytes) -> Decoded:
    declared = _CHARSET.search(data[:4096])
    if declared and not data.startswith((b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff")):
        name = declared.group(1).decode("ascii").lower()
        try:
            return Decoded(data.decode(_SUPERSETS.get(name, name)), name)
        except (LookupError, UnicodeDecodeError):
            pass  # a wrong or unknown label: detect as for plain text
    return decode(data)


def _drop_furniture(root: lxml.html.HtmlElement) -> None:
    for el in root.iter(lxml.etree.Comment, lxml.etree.ProcessingInstruction):
        el.drop_tree()
    roles = " or ".join(f"@role='{r}'" for r in DROP_ROLES)
    for el in root.xpath(f"//*[{roles}]") + list(root.iter(*DROP_TAGS)):
        if el.getparent() is not None:
            el.drop_tree()


def _walk(el: lxml.html.HtmlElement, current: list[str], lines: list[str]) -> None:
    """Append el's text to current[0], closing a line at each block boundary."""
    tag = el.tag if isinstance(el.tag, str) else ""
    block = tag in BLOCK_TAGS and tag not in CELL_TAGS
    if block:
        _close(current, lines)
    current[0] += el.text or ""
    for child in el:
        _walk(child, current, lines)
        current[0] += child.tail or ""
    if block:
        _close(current, lines)
    elif tag in CELL_TAGS:
        current[0] += "\t"


def _close(current: list[str], lines: list[str]) -> None:
    lines.append(current[0])
    current[0] = ""


def _tidy(line: str) -> str:
    # A line break in the markup between two Chinese characters is not a space
    # (CSS segment-break rules); other white space runs collapse to one space.
    line = _CJK_BREAK.sub("", line.strip(" \t\r\n\f\v"))
    return _SPACE.sub(" ", line).strip()


def docx_to_text(data: bytes) -> str:
    """Paragraphs and table rows of a Word document, in order, one per line."""
    try:
        document = docx.Document(io.BytesIO(data))
    except (zipfile.BadZipFile, PackageNotFoundError, KeyError, ValueError,
            lxml.etree.XMLSyntaxError) as exc:
        raise ReadError("the file is not a readable Word (.docx) document "
                        f"({type(exc).__name__})") from exc
    lines = []
    for block in document.iter_inner_content():
        if isinstance(block, Table):
            lines.extend(_row_text(row) for row in block.rows)
        else:
            lines.append(block.text)
    return "\n".join(lines)


def _row_text(row) -> str:
    cells: list[str] = []
    for cell in row.cells:
        # Merged cells repeat the same cell object once per grid column.
        if not cells or cell.text != cells[-1]:
            cells.append(cell.text)
    return "\t".join(cells).replace("\n", " ")

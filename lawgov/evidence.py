"""Evidence pages: a report's cleaned text with every extracted figure highlighted.

Each figure's clause is marked and labelled with its indicator, and has an anchor
(``anchor()``) that the notebooks' tables link to, so a reader can check any number
against the sentence it came from. Every piece of source text is HTML-escaped: a
report that contains markup shows it as text.
"""

from __future__ import annotations

import html
from collections.abc import Iterable
from itertools import pairwise
from pathlib import Path

import pandas as pd

from .catalog import CATALOG
from .clean import clean
from .read import read_source

STYLE = """
body { font-family: "Noto Sans SC", "Source Han Sans SC", "Microsoft YaHei", sans-serif;
       max-width: 60rem; margin: 2rem auto; padding: 0 1rem; color: #222; line-height: 1.7; }
.text { white-space: pre-wrap; word-break: break-all; }
mark { background: #fff2a8; border-bottom: 2px solid #e0a800; }
mark.truncated { background: #f6d3d3; border-bottom-color: #c0392b; }
.label { font-size: 0.72em; color: #6b4f00; background: #fdf6d8; border-radius: 3px;
         padding: 0 0.3em; margin: 0 0.15em; white-space: nowrap; }
.masked { color: #aaa; }
:target { outline: 2px solid #1e88e5; }
table { border-collapse: collapse; font-size: 0.9em; }
td, th { border: 1px solid #ddd; padding: 0.2em 0.5em; text-align: left; }
"""


def anchor(indicator: str, start: int, end: int) -> str:
    """The id of a figure's mark on its evidence page."""
    return f"{indicator}-{int(start)}-{int(end)}"


def href(report_id: str, indicator: str, start: int, end: int) -> str:
    """A link from a page in the reports folder to a figure's evidence."""
    return f"evidence/{report_id}.html#{anchor(indicator, start, end)}"


def _value(v: float) -> str:
    return f"{v:g}" if abs(v) < 1e15 else str(v)


def _label(f: pd.Series) -> str:
    qualifier = "" if f["qualifier"] == "exact" else f" ({f['qualifier']})"
    return f"{f['indicator']} = {_value(f['value'])} {f['unit']}{qualifier}"


def _boundaries(n: int, spans: Iterable[tuple[int, int]]) -> list[int]:
    points = {0, n}
    for s, e in spans:
        points.update((max(0, min(s, n)), max(0, min(e, n))))
    return sorted(points)


def highlight(text: str, figures: pd.DataFrame, masked: list[tuple[int, int]] = ()) -> str:
    """The text as escaped HTML, figure spans marked and labelled, masked spans greyed.

    Figure spans may overlap (two figures in one clause): the text is cut at every
    span boundary and each piece is marked when any figure covers it.
    """
    rows = [f for _, f in figures.sort_values(["start", "end"]).iterrows()]
    spans = [(int(f["start"]), int(f["end"])) for f in rows]
    out = []
    points = _boundaries(len(text), [*spans, *masked])
    for a, b in pairwise(points):
        for f in rows:
            if int(f["start"]) == a:
                out.append(f'<span id="{html.escape(anchor(f["indicator"], a, f["end"]))}">'
                           "</span>")
        covering = [f for f in rows if int(f["start"]) <= a and b <= int(f["end"])]
        piece = html.escape(text[a:b])
        if covering:
            cls = "truncated" if any(f["qualifier"] == "truncated" for f in covering) else ""
            title = html.escape("; ".join(_label(f) for f in covering))
            piece = f'<mark class="{cls}" title="{title}">{piece}</mark>'
        elif any(s <= a and b <= e for s, e in masked):
            piece = f'<span class="masked">{piece}</span>'
        out.append(piece)
        for f in rows:
            if int(f["end"]) == b:
                out.append(f'<span class="label">{html.escape(_label(f))}</span>')
    return "".join(out)


def _figure_table(report_id: str, figures: pd.DataFrame) -> str:
    rows = []
    for _, f in figures.sort_values(["start", "end"]).iterrows():
        ind = CATALOG.indicators.get(f["indicator"])
        name = f"{ind.label_zh} {ind.label_en}" if ind else ""
        link = html.escape(f"#{anchor(f['indicator'], f['start'], f['end'])}")
        rows.append(
            f'<tr><td><a href="{link}">{html.escape(str(f["indicator"]))}</a></td>'
            f"<td>{html.escape(name)}</td><td>{html.escape(_value(f['value']))}</td>"
            f"<td>{html.escape(str(f['unit']))}</td><td>{html.escape(str(f['qualifier']))}</td>"
            f"<td>{html.escape(str(f['quote']))}</td></tr>"
        )
    head = ("<tr><th>indicator</th><th>指标 Indicator</th><th>value</th><th>unit</th>"
            "<th>qualifier</th><th>原文 Quote</th></tr>")
    return f"<table>{head}{''.join(rows)}</table>"


def page(report: pd.Series, text: str, figures: pd.DataFrame,
         masked: list[tuple[int, int]] = ()) -> str:
    """The full evidence page of one report."""
    name = " ".join(str(report[k]) for k in ("jurisdiction", "year") if pd.notna(report[k]))
    title = html.escape(f"证据 Evidence — {name or report['file']}")
    facts = html.escape(f"{report['file']} · sha256 {report['sha256']} · {len(figures)} figures")
    return (
        "<!DOCTYPE html>\n<html lang=\"zh-CN\"><head><meta charset=\"utf-8\">"
        f"<title>{title}</title><style>{STYLE}</style></head><body>"
        f"<h1>{title}</h1><p>{facts}</p><p><a href=\"../index.html\">← 报告目录 Index</a></p>"
        f"<h2>提取的数字 Extracted figures</h2>{_figure_table(report['report_id'], figures)}"
        "<h2>清洗后的原文 Cleaned text</h2>"
        "<p>Highlighted: the clause each figure came from, labelled with its indicator. "
        "Grey: page furniture and repeated text that the parser skips.</p>"
        f"<div class=\"text\">{highlight(text, figures, masked)}</div></body></html>\n"
    )


def write_pages(reports: pd.DataFrame, figures: pd.DataFrame, out_dir: str | Path) -> list[Path]:
    """One evidence page per report, ``out_dir/<report_id>.html``."""
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    written = []
    for _, report in reports.iterrows():
        cleaned = clean(read_source(report["path"]).text)
        mine = figures[figures["report_id"] == report["report_id"]]
        path = out / f"{report['report_id']}.html"
        path.write_text(page(report, cleaned.text, mine, cleaned.junk + cleaned.repeated),
                        encoding="utf-8")
        written.append(path)
    return written

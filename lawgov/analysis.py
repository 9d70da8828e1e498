"""Analysis helpers shared by the notebooks: selection, headline values, evidence tables.

Notebooks stay short and read like a paper; the table shaping they all need lives
here, where it is tested once.
"""

from __future__ import annotations

import html
from collections.abc import Iterable, Sequence

import pandas as pd

from .catalog import CATALOG
from .clean import clean
from .evidence import href
from .pipeline import TABLES, Corpus
from .read import read_source

NOT_REPORTED = "未报告 not reported"


def _as_list(value: object) -> list | None:
    if value is None or value == [] or value == "":
        return None
    return list(value) if isinstance(value, list | tuple | set) else [value]


def select(corpus: Corpus, jurisdictions: Sequence[str] | str | None = None,
           years: Sequence[int] | int | None = None) -> Corpus:
    """The corpus restricted to some jurisdictions and years (None or [] keeps all)."""
    reports = corpus.reports
    wanted = _as_list(jurisdictions)
    if wanted is not None:
        reports = reports[reports["jurisdiction"].isin([str(j) for j in wanted])]
    wanted_years = _as_list(years)
    if wanted_years is not None:
        reports = reports[reports["year"].isin([int(y) for y in wanted_years])]
    ids = set(reports["report_id"])
    tables = {
        name: (getattr(corpus, name) if name == "errors"
               else getattr(corpus, name)[lambda t: t["report_id"].isin(ids)])
        for name in TABLES
    }
    tables["reports"] = reports
    kept = set(tables["reports"]["report_id"])
    return Corpus(**{k: v.reset_index(drop=True) for k, v in tables.items()},
                  texts={rid: t for rid, t in corpus.texts.items() if rid in kept})


def report_labels(reports: pd.DataFrame) -> pd.Series:
    """A short name per report id: jurisdiction and year (the file name when unknown)."""
    def one(r: pd.Series) -> str:
        name = r["jurisdiction"] if pd.notna(r["jurisdiction"]) else r["file"]
        return f"{name} {r['year']}" if pd.notna(r["year"]) else str(name)

    return pd.Series([one(r) for _, r in reports.iterrows()], index=reports["report_id"],
                     dtype="string")


def indicator_name(indicator: str, sep: str = " ") -> str:
    """Chinese label with the English gloss, e.g. '纠错率 Correction rate'."""
    ind = CATALOG.indicators[indicator]
    return f"{ind.label_zh}{sep}{ind.label_en}"


def usable(figures: pd.DataFrame) -> pd.DataFrame:
    """Figures that may enter a chart: everything except the ``truncated`` ones."""
    return figures[figures["qualifier"] != "truncated"]


def headline(corpus: Corpus, indicators: Iterable[str]) -> pd.DataFrame:
    """One value per report and indicator: the first usable mention in the report.

    A report may state an indicator more than once (a total, then a breakdown);
    the first mention is the one a reader meets first and usually the total.
    ``n_values`` says how many usable values the report gave.
    """
    wanted = list(indicators)
    figs = usable(corpus.figures)
    figs = figs[figs["indicator"].isin(wanted)].sort_values(["report_id", "start"])
    counts = figs.groupby(["report_id", "indicator"], observed=True).size().rename("n_values")
    first = figs.drop_duplicates(["report_id", "indicator"]).copy()
    first = first.join(counts, on=["report_id", "indicator"])
    first["report"] = first["report_id"].map(report_labels(corpus.reports))
    first["indicator"] = first["indicator"].astype("string")
    first["name"] = first["indicator"].map(indicator_name)
    first["evidence"] = [href(r, i, s, e) for r, i, s, e in
                         zip(first["report_id"], first["indicator"], first["start"], first["end"],
                             strict=True)]
    cols = ["report", "report_id", "indicator", "name", "value", "unit", "qualifier", "n_values",
            "quote", "evidence", "start", "end"]
    return first[cols].reset_index(drop=True)


def wide(values: pd.DataFrame, indicators: Sequence[str]) -> pd.DataFrame:
    """Headline values as report × indicator, in the given indicator order."""
    table = values.pivot_table(index="report", columns="indicator", values="value",
                               aggfunc="first", observed=True)
    return table.reindex(columns=[i for i in indicators if i in table.columns])


def coverage(corpus: Corpus, indicators: Iterable[str] | None = None) -> pd.DataFrame:
    """Indicator × report: how many usable values each report states (0 = not reported)."""
    wanted = list(indicators or CATALOG.indicators)
    labels = report_labels(corpus.reports)
    figs = usable(corpus.figures)
    figs = figs[figs["indicator"].isin(wanted)]
    counts = pd.crosstab(figs["indicator"].astype("string"), figs["report_id"])
    counts = counts.reindex(index=wanted, columns=list(labels.index), fill_value=0)
    counts.columns = list(labels)
    counts.index = [indicator_name(i) for i in wanted]
    return counts


def evidence_table(values: pd.DataFrame, columns: Sequence[str] = ("report", "name", "value",
                                                                     "unit", "qualifier",
                                                                     "quote")) -> str:
    """An HTML table of values with their quotes and a link to each one's evidence.

    Every cell is escaped here (quotes are source text); only the link is markup.
    """
    head = "".join(f"<th>{html.escape(c)}</th>" for c in [*columns, "evidence"])
    rows = []
    for _, r in values.iterrows():
        cells = "".join(f"<td>{html.escape(_cell(r[c]))}</td>" for c in columns)
        link = f'<a href="{html.escape(r["evidence"])}">原文 source</a>'
        rows.append(f"<tr>{cells}<td>{link}</td></tr>")
    return f'<table class="dataframe evidence">{head and f"<tr>{head}</tr>"}{"".join(rows)}</table>'


def _cell(v: object) -> str:
    if v is None or v is pd.NA or (isinstance(v, float) and v != v):
        return "—"
    if isinstance(v, float):
        return f"{v:g}"
    return str(v)


def sources(reports: pd.DataFrame) -> str:
    """An HTML line naming the reports a chart draws on, each linked to its evidence page."""
    labels = report_labels(reports)
    items = [f'<a href="evidence/{html.escape(rid)}.html">{html.escape(label)}</a> '
             f'({html.escape(str(f))})'
             for (rid, label), f in zip(labels.items(), reports["file"], strict=True)]
    return "<p><small>来源 Sources: " + ("; ".join(items) or "—") + "</small></p>"


def key_numbers(frame: pd.DataFrame) -> str:
    """A canonical text table: sorted rows, plain number formatting, no index.

    The notebooks print their key numbers with this, and nbval compares the text,
    so a change in parsing that changes a number fails the notebook tests.
    """
    if frame.empty:
        return "(none)"
    out = frame.copy()
    for col in out.columns:
        out[col] = [_cell(v) for v in out[col]]
    out = out.sort_values(list(out.columns), kind="stable")
    return out.to_string(index=False)


def texts(reports: pd.DataFrame) -> dict[str, str]:
    """The cleaned, masked text of each report (junk and repeated bodies blanked)."""
    return {r["report_id"]: clean(read_source(r["path"]).text).masked
            for _, r in reports.iterrows()}


def theme_space(corpus: Corpus) -> pd.DataFrame:
    """Characters each report gives to each outline theme, counting a section's own text
    (its span minus its subsections'), so nested sections are not counted twice."""
    rows = []
    for rid, secs in corpus.sections.groupby("report_id", observed=True):
        secs = secs.reset_index(drop=True)
        length = (secs["end"] - secs["start"]).astype("Int64")
        children = length.groupby(secs["parent"]).sum()
        own = length - pd.Series(secs.index, index=secs.index).map(children).fillna(0)
        rows.append(pd.DataFrame({"report_id": rid, "theme": secs["theme"],
                                  "chars": own.clip(lower=0)}))
    if not rows:
        return pd.DataFrame(columns=["report", "theme", "chars", "share"])
    space = pd.concat(rows).groupby(["report_id", "theme"], as_index=False)["chars"].sum()
    space["share"] = (100 * space["chars"]
                      / space.groupby("report_id")["chars"].transform("sum")).round(1)
    space["report"] = space["report_id"].map(report_labels(corpus.reports))
    return space[["report", "report_id", "theme", "chars", "share"]]

"""Pipeline: read → clean → outline → extract → check for each file, then the frames.

``parse_report`` handles one file and never raises for a bad input: the failure
becomes an ``errors`` row naming the stage. ``load_corpus`` runs a folder and
returns the tidy tables, copies of one report marked (duplicates.py).
"""

from __future__ import annotations

import csv
import hashlib
import os
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from . import frames
from .cache import cached, code_fingerprint, input_fingerprint
from .catalog import CATALOG
from .check import check_report
from .clean import clean
from .duplicates import deduplicate, fingerprint
from .exceptions import ReadError
from .extract import Context, Extractor, resolve
from .metadata import extract_metadata
from .outline import outline
from .read import SUFFIXES, read_source

META_FILE = "meta.csv"
TABLES = ("reports", "figures", "checks", "sections", "errors")
_EXTRACTOR = Extractor()


@dataclass
class Parsed:
    """The rows one file contributes to each table."""

    reports: list[dict] = field(default_factory=list)
    figures: list[dict] = field(default_factory=list)
    checks: list[dict] = field(default_factory=list)
    sections: list[dict] = field(default_factory=list)
    errors: list[dict] = field(default_factory=list)
    # report_id -> the source text that offsets point into (extracted text for HTML/Word)
    texts: dict[str, str] = field(default_factory=dict)
    # report_id -> sentence hashes of the cleaned text, to find copies of one report
    fingerprints: dict[str, tuple[int, ...]] = field(default_factory=dict)

    def extend(self, other: Parsed) -> None:
        for name in TABLES:
            getattr(self, name).extend(getattr(other, name))
        self.texts.update(other.texts)
        self.fingerprints.update(other.fingerprints)


@dataclass(frozen=True)
class Corpus:
    """The tidy tables of a folder of reports."""

    reports: pd.DataFrame
    figures: pd.DataFrame
    checks: pd.DataFrame
    sections: pd.DataFrame
    errors: pd.DataFrame
    texts: dict[str, str] = field(default_factory=dict, repr=False)

    def tables(self) -> dict[str, pd.DataFrame]:
        return {name: getattr(self, name) for name in TABLES}


def discover(paths: Iterable[str | Path]) -> list[Path]:
    """Report files under the given files and folders, recursively, hidden ones skipped."""
    found: list[Path] = []
    for root in map(Path, paths):
        if root.is_dir():
            for p in sorted(root.rglob("*")):
                rel = p.relative_to(root).parts
                if any(part.startswith(".") for part in rel) or p.name == META_FILE:
                    continue
                if p.is_file() or p.is_symlink() or p.suffix.lower() in SUFFIXES:
                    found.append(p)
        else:
            found.append(root)
    return found


def read_meta(paths: Iterable[str | Path]) -> dict[str, dict]:
    """Overrides from meta.csv files beside the reports, keyed by file name."""
    overrides: dict[str, dict] = {}
    for root in map(Path, paths):
        meta = root / META_FILE if root.is_dir() else root.parent / META_FILE
        if meta.is_file():
            with meta.open(encoding="utf-8-sig", newline="") as f:
                for row in csv.DictReader(f):
                    name = (row.pop("file", "") or "").strip()
                    if name:
                        given = {k: v for k, v in row.items() if v not in ("", None)}
                        overrides[Path(name).name] = given
    return overrides


def _report_row(source, cleaned, meta, sections, figures, override) -> dict:
    row = dict(
        report_id=source.report_id, file=source.path.name, path=str(source.path),
        sha256=source.sha256, format=source.format, encoding=source.encoding,
        n_replaced=source.n_replaced, n_converted=cleaned.n_converted, **meta.as_dict(),
        n_chars=len(source.text), duplicated_body=cleaned.duplicated_body,
        repeated_share=round(cleaned.repeated_share, 4), n_redactions=cleaned.n_redactions,
        n_censored=cleaned.n_censored, n_junk_chars=sum(e - s for s, e in cleaned.junk),
        n_runon_chars=sum(e - s for s, e in cleaned.runon),
        n_sections=len(sections), n_figures=len(figures),
        n_truncated=sum(f.qualifier == "truncated" for f in figures),
    )
    row.update({k: v for k, v in override.items() if k in frames.COLUMNS["reports"]})
    return row


def check_override(override: dict) -> tuple[dict, list[str]]:
    """The usable meta.csv values for one file, and a reason for each value left out."""
    override = dict(override)
    if "report_year" in override and "year" not in override:
        override["year"] = override.pop("report_year")
    problems = []
    if "level" in override and override["level"] not in frames.LEVELS:
        problems.append(f"meta.csv: level {override.pop('level')!r} is not one of "
                        f"{', '.join(frames.LEVELS)}; the text's value is kept")
    if "year" in override:
        try:
            override["year"] = int(str(override["year"]).strip())
        except ValueError:
            problems.append(f"meta.csv: year {override.pop('year')!r} is not a year; "
                            "the text's value is kept")
    return override, problems


def _figure_row(source, f, sections) -> dict:
    section = sections[f.section] if f.section is not None else None
    return dict(
        report_id=source.report_id, file=source.path.name,
        domain=CATALOG.indicators[f.indicator].domain, indicator=f.indicator, value=f.value,
        unit=f.unit, qualifier=f.qualifier, start=f.start, end=f.end,
        quote=source.text[f.start:f.end], section=section.title if section else None,
        theme=section.theme if section else None, rule=f.rule, cue=f.cue,
    )


def _section_row(source, s) -> dict:
    return dict(report_id=source.report_id, level=s.level, number=s.number, title=s.title,
                theme=s.theme, start=s.start, end=s.end, parent=s.parent)


def parse_report(path: str | Path, override: dict | None = None) -> Parsed:
    """Parse one file into table rows; a failure becomes one ``errors`` row."""
    path = Path(path)
    override, problems = check_override(override or {})
    notes = [dict(file=str(path), stage="metadata", reason=p) for p in problems]
    stage = "read"
    try:
        source = read_source(path)
        stage = "clean"
        cleaned = clean(source.text)
        stage = "metadata"
        meta = extract_metadata(cleaned.masked)
        year = override.get("year") or meta.year
        level = override.get("level") or meta.level
        stage = "outline"
        sections = outline(cleaned.masked)
        stage = "extract"
        context = Context(year, level, meta.genre)
        found = resolve(_EXTRACTOR.figures(cleaned.masked, sections, context))
        stage = "check"
        figure_rows = [_figure_row(source, f, sections) for f in found]
        return Parsed(
            reports=[_report_row(source, cleaned, meta, sections, found, override)],
            figures=figure_rows,
            checks=check_report(source.report_id, figure_rows),
            sections=[_section_row(source, s) for s in sections],
            errors=notes,
            texts={source.report_id: source.text},
            fingerprints={source.report_id: fingerprint(cleaned.masked)},
        )
    except ReadError as exc:
        return Parsed(errors=[dict(file=str(path), stage=stage, reason=str(exc))])
    except Exception as exc:  # one file must never stop a batch: report it and go on
        reason = f"unexpected {type(exc).__name__} (please report this file): {exc}"
        return Parsed(errors=[dict(file=str(path), stage=stage, reason=reason)])


def parse_paths(
    paths: Iterable[str | Path], progress: Callable[[Iterable], Iterator] | None = None
) -> Parsed:
    """Parse every report under the paths into one set of rows."""
    paths = list(paths)
    files = discover(paths)
    overrides = read_meta(paths)
    merged = Parsed()
    for path in progress(files) if progress else files:
        merged.extend(parse_report(path, overrides.get(path.name)))
    return merged


def to_corpus(parsed: Parsed) -> Corpus:
    tables = {name: frames.typed(name, getattr(parsed, name)) for name in TABLES}
    return finish(tables, parsed.fingerprints, parsed.texts)


def finish(tables: dict[str, pd.DataFrame], prints: dict[str, tuple[int, ...]],
           texts: dict[str, str]) -> Corpus:
    """The corpus from typed tables: copies of one report counted once, then validated."""
    tables = deduplicate(tables, prints)
    kept = set(tables["reports"]["report_id"])
    return Corpus(**{name: frames.validate(name, tables[name]) for name in TABLES},
                  texts={rid: t for rid, t in texts.items() if rid in kept})


def input_files(paths: Iterable[str | Path]) -> list[Path]:
    """Every file a parse of the paths reads: the reports and the meta.csv overrides."""
    paths = list(paths)
    metas = [(Path(p) if Path(p).is_dir() else Path(p).parent) / META_FILE for p in paths]
    return discover(paths) + [m for m in metas if m.is_file()]


def load_corpus(*paths: str | Path, cache: bool = True) -> Corpus:
    """The tidy tables for report files or folders (default ``data/raw``).

    With ``cache`` the result is kept in memory and under ``cache_dir()``, keyed on
    the bytes of the inputs and of the parser, so a repeated call is quick.
    """
    paths = paths or ("data/raw",)
    if not cache:
        return to_corpus(parse_paths(paths))
    # The paths as given and the working directory are part of the key because the
    # ``path`` column keeps the paths as given, relative to the working directory.
    where = "\0".join([os.getcwd(), *map(str, paths)])
    key = hashlib.sha256(
        (where + code_fingerprint() + input_fingerprint(input_files(paths), paths)).encode()
    ).hexdigest()
    return cached(key, lambda: to_corpus(parse_paths(paths)))

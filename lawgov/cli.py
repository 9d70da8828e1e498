"""The ``lawgov`` command line: a thin layer over the Python API."""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Iterable, Iterator
from pathlib import Path

import pandas as pd
from tqdm import tqdm

from . import __version__
from .evaluate import evaluate_corpus, load_gold
from .exceptions import LawgovError
from .pipeline import TABLES, parse_paths, to_corpus

PROGRESS_FROM = 20
FIGURE_KEYS = ["file", "report_id", "domain", "indicator", "value", "unit", "qualifier", "start",
               "end", "quote", "section", "rule", "cue"]


def _progress(items: Iterable) -> Iterator:
    items = list(items)
    if len(items) < PROGRESS_FROM:
        return iter(items)
    return iter(tqdm(items, desc="parsing", unit="file", disable=None, file=sys.stderr))


def _json_value(v: object) -> object:
    if v is None or v is pd.NA or (isinstance(v, float) and v != v):
        return None
    if isinstance(v, float) and v.is_integer():
        return int(v)
    return v


def figure_records(paths: list[str]) -> tuple[list[dict], list[dict]]:
    """Figure rows (plain Python values) and error rows for the paths."""
    parsed = parse_paths(paths, progress=_progress)
    figures = [{k: _json_value(f.get(k)) for k in FIGURE_KEYS} for f in parsed.figures]
    return figures, parsed.errors


def _report_errors(errors: list[dict]) -> None:
    for e in errors:
        print(f"lawgov: skipped {e['file']} ({e['stage']}): {e['reason']}", file=sys.stderr)


def cmd_figures(args: argparse.Namespace) -> int:
    figures, errors = figure_records(args.paths)
    _report_errors(errors)
    if args.format == "jsonl":
        for f in figures:
            print(json.dumps(f, ensure_ascii=False))
    else:
        frame = pd.DataFrame(figures, columns=FIGURE_KEYS)
        if args.format == "csv":
            frame.to_csv(sys.stdout, index=False)
        else:
            cols = ["file", "indicator", "value", "unit", "qualifier", "quote"]
            print(frame[cols].to_string(index=False) if len(frame) else "no figures found")
    return 0 if figures or not errors else 1


def _progress_total(items: Iterator, total: int) -> Iterator:
    if total < PROGRESS_FROM:
        return items
    return iter(tqdm(items, total=total, desc="parsing", unit="file", disable=None,
                     file=sys.stderr))


def cmd_parse(args: argparse.Namespace) -> int:
    from .batch import collect, default_jobs, digest, parse_jobs, plan
    from .filecache import Cache, default_dir
    from .store import write_tables

    out = Path(args.out)
    cache = None if args.no_cache else Cache(args.cache_dir or default_dir(out))
    todo = plan([args.raw_dir], keyed=cache is not None)
    run = digest(todo, f"{cache.stamp}\n{out.resolve()}") if cache is not None else None
    if run is not None and run == cache.output_digest() and _complete(out):
        print(f"lawgov: {out}/ is up to date ({cache.summary()})", file=sys.stderr)
        cache.close()
        return 0
    parts = parse_jobs(todo, args.jobs or default_jobs(), cache)
    corpus = collect(_progress_total(parts, len(todo)))
    _report_errors(corpus.errors.to_dict("records"))
    written = write_tables(corpus.tables(), out, corpus.texts)
    sizes = ", ".join(f"{len(getattr(corpus, t))} {t}" for t in TABLES)
    if cache is not None:
        # Only a set with reports may be skipped next time: a failed run is always retried.
        if run is not None and len(corpus.reports):
            cache.record_output(run, sizes)
        else:
            cache.forget_output()
        cache.close()
    print(f"lawgov: wrote {written}/ ({sizes})", file=sys.stderr)
    return 0 if len(corpus.reports) else 1


def _complete(out: Path) -> bool:
    return all((out / f"{t}.{ext}").is_file() for t in TABLES for ext in ("parquet", "csv"))


def cmd_evaluate(args: argparse.Namespace) -> int:
    gold = load_gold(args.gold)
    parsed = parse_paths(args.paths, progress=_progress)
    _report_errors(parsed.errors)
    result = evaluate_corpus(to_corpus(parsed), gold)
    if args.format == "json":
        print(json.dumps(_evaluation_json(result), ensure_ascii=False, indent=1))
        return 0
    _print_evaluation(result, args.errors)
    return 0


def cmd_report(args: argparse.Namespace) -> int:
    from . import report

    if args.update_notebooks:
        if args.params or args.params_file:
            print("lawgov: --update-notebooks runs the notebooks' own defaults; "
                  "drop -p/-f", file=sys.stderr)
            return 2
        outcomes = report.update_notebooks(args.notebooks, args.out, args.only)
    else:
        params = report.read_parameters(args.params_file, args.params or [])
        outcomes = report.publish(args.notebooks, args.out, params, args.only)
        print(f"lawgov: wrote {Path(args.out) / 'index.html'}", file=sys.stderr)
    return report.report_failures(outcomes)


def _evaluation_json(result) -> dict:
    return {
        "by_domain": result.table("domain").to_dict("records"),
        "by_indicator": result.table("indicator").to_dict("records"),
        "by_rule": result.table("rule").to_dict("records"),
        "evidence_valid": result.evidence_ok, "n_pred": result.n_pred,
        "misses": result.misses, "false_positives": result.false_positives,
    }


def _print_evaluation(result, n_errors: int) -> None:
    for by in ("domain", "indicator", "rule"):
        print(result.table(by).to_string(index=False), end="\n\n")
    print(f"evidence offsets valid: {result.evidence_ok}/{result.n_pred}")
    for g in result.misses[:n_errors]:
        print(f"  miss: {g['file']} {g['indicator']}={g['value']}  « {g.get('quote', '')} »")
    for p in result.false_positives[:n_errors]:
        print(f"  false positive: {p['file']} {p['indicator']}={p['value']:g} [{p.get('rule')}]"
              f"  « {p.get('quote', '')} »")
    print(f"F1 {result.f1:.3f}")


def catalog_markdown() -> str:
    """The indicator catalog as a Markdown data dictionary."""
    from .catalog import CATALOG

    lines = ["# Indicator catalog", "",
             "Generated by `lawgov catalog` from `lawgov/data/catalog.yaml`; do not edit.", "",
             "| id | label_zh | label_en | kind | unit | cues |", "|---|---|---|---|---|---|"]
    for row in CATALOG.frame().itertuples():
        cues = row.cues.replace("|", "\\|")
        lines.append(f"| `{row.id}` | {row.label_zh} | {row.label_en} | {row.kind} | {row.unit} "
                     f"| {cues} |")
    return "\n".join(lines) + "\n"


def cmd_catalog(args: argparse.Namespace) -> int:
    print(catalog_markdown(), end="")
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="lawgov", description=__doc__)
    parser.add_argument("--version", action="version", version=f"lawgov {__version__}")
    sub = parser.add_subparsers(dest="command", required=True)

    p = sub.add_parser("figures", help="print every reported figure found")
    p.add_argument("paths", nargs="+", metavar="PATH")
    p.add_argument("--format", choices=["jsonl", "csv", "table"], default="table")
    p.set_defaults(func=cmd_figures)

    p = sub.add_parser("parse", help="write the tidy tables as Parquet and CSV")
    p.add_argument("raw_dir", nargs="?", default="data/raw", metavar="RAW_DIR")
    p.add_argument("-o", "--out", default="data/processed", metavar="OUT_DIR")
    p.add_argument("-j", "--jobs", type=int, default=1, metavar="N",
                   help="worker processes (0: one per core; default 1)")
    p.add_argument("--cache-dir", metavar="DIR",
                   help="where parsed files are cached (default .lawgov-cache-OUT beside OUT_DIR)")
    p.add_argument("--no-cache", action="store_true", help="parse every file afresh")
    p.set_defaults(func=cmd_parse)

    p = sub.add_parser("catalog", help="print the indicator catalog as a Markdown table")
    p.set_defaults(func=cmd_catalog)

    p = sub.add_parser("evaluate", help="score the figures found against gold labels")
    p.add_argument("paths", nargs="+", metavar="PATH")
    p.add_argument("--gold", required=True, metavar="GOLD.jsonl")
    p.add_argument("--format", choices=["text", "json"], default="text")
    p.add_argument("--errors", type=int, default=50, help="misses and false positives to list")
    p.set_defaults(func=cmd_evaluate)

    p = sub.add_parser("report", help="execute the notebooks and publish them as HTML")
    p.add_argument("--only", metavar="NAME", help="run one notebook (name or number)")
    p.add_argument("-p", "--param", dest="params", nargs=2, action="append",
                   metavar=("KEY", "VALUE"), help="a notebook parameter, VALUE read as YAML")
    p.add_argument("-f", "--params-file", metavar="PARAMS.yaml", help="parameters in YAML")
    p.add_argument("--notebooks", default="notebooks", metavar="DIR")
    p.add_argument("-o", "--out", default="reports", metavar="OUT_DIR")
    p.add_argument("--update-notebooks", action="store_true",
                   help="re-execute the notebooks with their defaults and save the outputs "
                        "in place (the committed nbval references)")
    p.set_defaults(func=cmd_report)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    for path in [*getattr(args, "paths", []), getattr(args, "raw_dir", ".")]:
        if not Path(path).exists():
            print(f"lawgov: {path}: no such file or folder", file=sys.stderr)
            return 2
    try:
        return args.func(args)
    except LawgovError as exc:
        print(f"lawgov: {exc}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        # The reader went away (`lawgov figures … | head`): stop quietly, like other tools.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0

"""Report: execute the notebooks with papermill and publish them as offline HTML.

``publish`` runs every numbered notebook in ``notebooks/`` into ``reports/<name>.ipynb``,
converts each to ``reports/<name>.html`` without code, writes one evidence page per
report and ``reports/index.html``. A failing notebook keeps its executed copy (which
shows the failing cell), is named on stderr, and the others still run.
``update_notebooks`` re-executes the notebooks in place with their default parameters
and strips volatile metadata: those are the outputs committed for the nbval tests.
"""

from __future__ import annotations

import datetime as dt
import html
import json
import os
import re
import sys
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

import nbformat
import yaml

from . import __version__
from .analysis import report_labels, select
from .cache import input_fingerprint
from .evidence import write_pages
from .exceptions import LawgovError
from .pipeline import input_files, load_corpus

NOTEBOOK_GLOB = "[0-9][0-9]_*.ipynb"
KERNEL = "python3"
# Parameters that name folders: resolved against the caller's working directory,
# because the kernel runs in the notebooks' folder.
PATH_PARAMS = ("raw_dir", "processed_dir", "figures_dir")
DEFAULTS = {"raw_dir": "data/raw", "processed_dir": "data/processed"}
_REMOTE = re.compile(
    r"""<script[^>]*\ssrc=["']?(?:https?:)?//|<link[^>]*\shref=["']?(?:https?:)?//"""
    r"""|<img[^>]*\ssrc=["']?(?:https?:)?//|url\(\s*["']?(?:https?:)?//"""
    r"""|import\s*\(\s*["'](?:https?:)?//|@import\s+["'](?:https?:)?//""",
    re.IGNORECASE,
)
_SCRIPT = re.compile(r"<script\b[^>]*>.*?</script>", re.IGNORECASE | re.DOTALL)


class ParameterError(LawgovError):
    """A parameter given on the command line or in a file cannot be read."""


@dataclass
class Outcome:
    """What happened to one notebook."""

    name: str
    error: str | None = None

    @property
    def ok(self) -> bool:
        return self.error is None


def find_notebooks(folder: str | Path, only: str | None = None) -> list[Path]:
    """The numbered notebooks in reading order; ``only`` picks one by name or number."""
    found = sorted(Path(folder).glob(NOTEBOOK_GLOB))
    if only:
        found = [p for p in found if only in (p.stem, p.name, p.stem.split("_", 1)[0])
                 or p.stem.split("_", 1)[-1] == only]
        if not found:
            raise ParameterError(f"no notebook named {only!r} in {folder}")
    return found


def read_parameters(file: str | Path | None, pairs: Iterable[tuple[str, str]]) -> dict:
    """Parameters from a YAML file, then ``-p KEY VALUE`` pairs (values read as YAML)."""
    params: dict = {}
    try:
        if file:
            loaded = yaml.safe_load(Path(file).read_text(encoding="utf-8")) or {}
            if not isinstance(loaded, dict):
                raise ParameterError(f"{file}: a parameters file must be a YAML mapping")
            params.update(loaded)
        for key, value in pairs:
            params[key] = yaml.safe_load(value)
    except (OSError, yaml.YAMLError) as exc:
        raise ParameterError(f"cannot read the parameters: {exc}") from exc
    return params


def strip_volatile(nb: nbformat.NotebookNode) -> nbformat.NotebookNode:
    """Remove run timings and paths that change on every run, so committed diffs stay small."""
    nb.metadata.pop("papermill", None)
    for cell in nb.cells:
        cell.metadata.pop("papermill", None)
        cell.metadata.pop("execution", None)
    return nb


def execute(source: Path, target: Path, parameters: dict) -> str | None:
    """Run one notebook into ``target``; the failure as one line, or None."""
    import papermill
    from papermill.exceptions import PapermillExecutionError

    try:
        papermill.execute_notebook(
            str(source), str(target), parameters=parameters, kernel_name=KERNEL,
            cwd=str(source.parent), progress_bar=False, log_output=False,
            request_save_on_cell_execute=False, shutdown_kernel="immediate",
            # The kernel's own start-up log (a transport notice) is not the report's business.
            extra_arguments=["--IPKernelApp.log_level=ERROR"],
        )
    except PapermillExecutionError as exc:
        return (f"cell {exc.cell_index} (In [{exc.exec_count}]) raised "
                f"{exc.ename}: {exc.evalue}")
    except Exception as exc:  # a kernel that dies or cannot start: report it, run the rest
        return f"{type(exc).__name__}: {exc}"
    return None


def offline(page: str) -> str:
    """The page without any script (the reports need none) and checked to fetch nothing."""
    page = _SCRIPT.sub("", page)
    remote = _REMOTE.findall(page)
    if remote:
        raise LawgovError(f"the HTML still loads remote resources: {remote[:3]}")
    return page


def remote_references(page: str) -> list[str]:
    """Markup in the page that would fetch something from the network."""
    return _REMOTE.findall(page)


def _title(nb: nbformat.NotebookNode, default: str) -> str:
    for cell in nb.cells:
        if cell.cell_type == "markdown":
            for line in cell.source.splitlines():
                if line.startswith("# "):
                    return line[2:].strip()
    return default


def to_html(executed: Path, target: Path) -> None:
    """The executed notebook as an HTML page without code cells, fully offline."""
    from nbconvert import HTMLExporter

    nb = nbformat.read(executed, as_version=4)
    exporter = HTMLExporter(template_name="lab", exclude_input=True, exclude_input_prompt=True,
                            exclude_output_prompt=True)
    body, _ = exporter.from_notebook_node(nb, resources={"metadata": {
        "name": _title(nb, executed.stem)}})
    target.write_text(offline(body), encoding="utf-8")


def _resolve(params: dict, out: Path, name: str) -> dict:
    merged = {**DEFAULTS, **params}
    merged.setdefault("figures_dir", str(out / "figures" / name))
    for key in PATH_PARAMS:
        merged[key] = str(Path(merged[key]).resolve())
    return merged


def publish(notebooks_dir: str | Path = "notebooks", out_dir: str | Path = "reports",
            params: dict | None = None, only: str | None = None) -> list[Outcome]:
    """Execute and publish the notebooks; returns one outcome per notebook."""
    # ipykernel only selects the inline backend when MPLBACKEND is unset; Agg would
    # leave the executed notebooks without charts.
    os.environ.pop("MPLBACKEND", None)
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    params = dict(params or {})
    outcomes = []
    for source in find_notebooks(notebooks_dir, only):
        executed = out / source.name
        error = execute(source, executed, _resolve(params, out, source.stem))
        if executed.exists():
            to_html(executed, out / f"{source.stem}.html")
        outcomes.append(Outcome(source.stem, error))
    resolved = _resolve(params, out, "")
    corpus = select(load_corpus(resolved["raw_dir"]), params.get("jurisdictions"),
                    params.get("years"))
    write_pages(corpus.reports, corpus.figures, out / "evidence")
    write_index(out / "index.html", outcomes, corpus.reports, resolved["raw_dir"], params)
    return outcomes


def update_notebooks(notebooks_dir: str | Path = "notebooks", scratch: str | Path = "reports",
                     only: str | None = None) -> list[Outcome]:
    """Re-execute the notebooks with their defaults and save the outputs in place."""
    os.environ.pop("MPLBACKEND", None)
    Path(scratch).mkdir(parents=True, exist_ok=True)
    outcomes = []
    for source in find_notebooks(notebooks_dir, only):
        executed = Path(scratch) / source.name
        error = execute(source, executed, {})
        if error is None:
            nb = strip_volatile(nbformat.read(executed, as_version=4))
            nbformat.write(nb, source)
        outcomes.append(Outcome(source.stem, error))
    return outcomes


def write_index(path: Path, outcomes: list[Outcome], reports, raw_dir: str, params: dict) -> None:
    """The table of contents: every page, the run's date, version and input fingerprint."""
    fingerprint = input_fingerprint(input_files([raw_dir]), [raw_dir])
    when = dt.datetime.now(dt.UTC).strftime("%Y-%m-%d %H:%M UTC")
    rows = "".join(
        f"<tr><td><a href=\"{html.escape(o.name)}.html\">{html.escape(o.name)}</a></td>"
        f"<td>{'ok' if o.ok else 'FAILED: ' + html.escape(o.error or '')}</td>"
        f"<td><a href=\"{html.escape(o.name)}.ipynb\">notebook</a></td></tr>"
        for o in outcomes
    )
    labels = report_labels(reports)
    evidence = "".join(
        f"<li><a href=\"evidence/{html.escape(rid)}.html\">{html.escape(label)}</a></li>"
        for rid, label in labels.items()
    )
    shown = html.escape(json.dumps(params, ensure_ascii=False, default=str))
    path.write_text(
        "<!DOCTYPE html>\n<html lang=\"zh-CN\"><head><meta charset=\"utf-8\">"
        "<title>法治政府建设年度报告 · lawgov reports</title>"
        "<style>body{font-family:sans-serif;max-width:50rem;margin:2rem auto;padding:0 1rem}"
        "td,th{border:1px solid #ddd;padding:.2em .6em}table{border-collapse:collapse}</style>"
        "</head><body><h1>法治政府建设年度报告 Law-based government reports</h1>"
        f"<p>Run {when} · lawgov {html.escape(__version__)} · "
        f"{len(reports)} reports · inputs sha256 <code>{fingerprint}</code> · "
        f"parameters <code>{shown}</code></p>"
        f"<h2>分析 Analyses</h2><table><tr><th>page</th><th>status</th><th>executed</th></tr>"
        f"{rows}</table><h2>证据 Evidence pages</h2><ul>{evidence}</ul></body></html>\n",
        encoding="utf-8",
    )


def report_failures(outcomes: list[Outcome]) -> int:
    """Name each failed notebook and cell on stderr; the exit status."""
    for o in outcomes:
        if not o.ok:
            print(f"lawgov: notebook {o.name} failed: {o.error}", file=sys.stderr)
    return 0 if all(o.ok for o in outcomes) else 1

"""Benchmark: `lawgov parse` on a large synthetic corpus, against one jieba pass.

    python -m lawgov.bench --reports 10000      # ~127 MB, about 8 minutes on 2 cores
    python -m lawgov.bench                      # 1,000 reports, about a minute

The corpus is made from the sample reports (``data/raw``) with small variations in
every copy (another jurisdiction name, shifted years, changed figures), so no two
files share content and nothing can be answered from a cache by content. Each parse
runs as its own ``lawgov parse`` process, timed end to end (start-up, reading,
parsing, building and writing the tables); its peak memory is the largest sum of the
resident memory of the process and its workers, sampled every 50 ms (an upper bound:
pages the workers share with the parent count twice). MB are 10^6 bytes of report
files. Results are printed and written to ``bench/results.md`` (the latest run) and
appended to ``bench/results.csv`` (every run, to compare versions).
"""

from __future__ import annotations

import argparse
import contextlib
import csv
import hashlib
import logging
import os
import platform
import random
import re
import resource
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from datetime import UTC, datetime
from importlib import resources
from pathlib import Path

import pandas as pd
import psutil

from . import __version__
from .batch import default_jobs
from .clean import clean
from .metadata import find_jurisdiction
from .pipeline import TABLES

AVERAGE_REPORT_BYTES = 12_700
FILES_PER_FOLDER = 1000
SAMPLE_SECONDS = 0.05
_YEAR = re.compile(r"20\d\d(?=\s*年)")
_NUMBER = re.compile(r"(?<![\d.])\d+(?:\.\d+)?(?!\d|\s*年)")
# Targets of the issue "Speed at national scale" (on 2 cores, 10,000 reports).
TARGETS = {"jieba_ratio": 10.0, "jobs_speedup": 1.6, "peak_mb": 1000.0, "rerun_speedup": 5.0,
           "report_s": 30.0}


@dataclass
class Run:
    """One timed command: wall seconds, CPU seconds and peak memory (MB) of its process tree."""

    seconds: float
    cpu_seconds: float
    peak_mb: float
    returncode: int


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def _division_names() -> dict[str, list[str]]:
    """Division names by their last character (县, 区, 市, …): a county becomes a county."""
    text = resources.files("lawgov").joinpath("data", "divisions.csv").read_text(encoding="utf-8")
    rows = csv.DictReader(line for line in text.splitlines() if not line.startswith("#"))
    names: dict[str, list[str]] = {}
    for row in rows:
        names.setdefault(row["name"][-1], []).append(row["name"])
    return names


def _vary(text: str, jurisdiction: str | None, names: dict[str, list[str]],
          rng: random.Random) -> str:
    if jurisdiction:
        text = text.replace(jurisdiction, rng.choice(names.get(jurisdiction[-1], [jurisdiction])))
    shift = rng.randint(-3, 0)
    text = _YEAR.sub(lambda m: str(int(m.group()) + shift), text)

    def jitter(m: re.Match) -> str:
        digits = m.group()
        if rng.random() < 0.5:
            return digits
        return digits[:-1] + str(rng.randint(0, 9))

    return _NUMBER.sub(jitter, text)


def make_corpus(dest: Path, source: Path, n_reports: int, seed: int = 0) -> int:
    """Write n_reports varied copies of the source reports under dest; return their bytes."""
    rng = random.Random(seed)
    names = _division_names()
    originals = []
    for path in sorted(source.glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        division = find_jurisdiction(clean(text).masked)
        originals.append((path.stem, text, division.name if division else None))
    if not originals:
        raise SystemExit(f"bench: no .txt reports in {source}")
    seen: set[str] = set()
    total = 0
    for i in range(n_reports):
        stem, text, jurisdiction = originals[i % len(originals)]
        data = _vary(text, jurisdiction, names, rng).encode("utf-8")
        while hashlib.sha256(data).hexdigest() in seen:
            data = _vary(text, jurisdiction, names, rng).encode("utf-8")
        seen.add(hashlib.sha256(data).hexdigest())
        folder = dest / f"part{i // FILES_PER_FOLDER:03d}"
        folder.mkdir(parents=True, exist_ok=True)
        (folder / f"{i:06d}_{stem}.txt").write_bytes(data)
        total += len(data)
    return total


def _tree_rss(proc: psutil.Process) -> int:
    total = 0
    for p in [proc, *proc.children(recursive=True)]:
        try:
            total += p.memory_info().rss
        except psutil.Error:
            continue
    return total


def timed(cmd: list[str], cwd: Path | None = None) -> Run:
    """Run a command, sampling the memory of its process tree until it ends."""
    start, cpu = time.perf_counter(), _children_cpu()
    # stderr goes to a file: a pipe nobody reads would stall a chatty command.
    with tempfile.TemporaryFile() as log:
        proc = psutil.Popen(cmd, cwd=cwd, stdout=subprocess.DEVNULL, stderr=log)
        peak = 0
        while proc.poll() is None:
            with contextlib.suppress(psutil.Error):
                peak = max(peak, _tree_rss(proc))
            time.sleep(SAMPLE_SECONDS)
        seconds = time.perf_counter() - start
        log.seek(0)
        err = log.read().decode("utf-8", "replace")
    if proc.returncode != 0:
        print(f"bench: {' '.join(cmd)} exited {proc.returncode}:\n{err[-2000:]}", file=sys.stderr)
    # CPU time counts the workers too (their parent waits for them): with other
    # programs busy on the machine it shows what the wall time cannot.
    return Run(seconds, _children_cpu() - cpu, peak / 1e6, proc.returncode)


def parse_cmd(corpus: Path, out: Path, jobs: int, cache: bool) -> list[str]:
    cmd = [sys.executable, "-m", "lawgov", "parse", str(corpus), "-o", str(out),
           "--jobs", str(jobs)]
    return cmd if cache else [*cmd, "--no-cache"]


def same_tables(a: Path, b: Path) -> bool:
    for name in TABLES:
        left, right = pd.read_parquet(a / f"{name}.parquet"), pd.read_parquet(b / f"{name}.parquet")
        if not left.equals(right):
            return False
    return True


def jieba_seconds(corpus: Path) -> float:
    """Seconds of one jieba.lcut pass over every report text (dictionary loaded first)."""
    import jieba

    jieba.setLogLevel(logging.WARNING)
    jieba.initialize()
    texts = [p.read_text(encoding="utf-8") for p in sorted(corpus.rglob("*.txt"))]
    start = time.perf_counter()
    for text in texts:
        jieba.lcut(text)
    return time.perf_counter() - start


def has_report_command() -> bool:
    probe = subprocess.run([sys.executable, "-m", "lawgov", "report", "--help"],
                           capture_output=True, check=False)
    return probe.returncode == 0


def _commit() -> str:
    probe = subprocess.run(["git", "rev-parse", "--short", "HEAD"], capture_output=True,
                           text=True, check=False)
    return probe.stdout.strip() if probe.returncode == 0 else ""


def measure(args: argparse.Namespace, work: Path) -> dict:
    corpus, n_jobs = work / "corpus", args.jobs or default_jobs()
    n_reports = args.reports or max(1, round(args.mb * 1e6 / AVERAGE_REPORT_BYTES))
    print(f"bench: writing {n_reports} reports to {corpus} …", file=sys.stderr)
    n_bytes = make_corpus(corpus, Path(args.source), n_reports, args.seed)
    mb = n_bytes / 1e6
    r = {"date": datetime.now(UTC).strftime("%Y-%m-%d %H:%M"), "version": __version__,
         "commit": _commit(), "python": platform.python_version(), "cores": default_jobs(),
         "load": round(os.getloadavg()[0], 2), "reports": n_reports, "mb": round(mb, 1),
         "jobs": n_jobs}

    def step(label: str, cmd: list[str], cwd: Path | None = None) -> Run:
        print(f"bench: {label} …", file=sys.stderr)
        run = timed(cmd, cwd)
        print(f"bench: {label}: {run.seconds:.1f} s ({run.cpu_seconds:.1f} s CPU), "
              f"peak {run.peak_mb:.0f} MB", file=sys.stderr)
        return run

    one = step("parse --jobs 1", parse_cmd(corpus, work / "one", 1, cache=False))
    many = step(f"parse --jobs {n_jobs}", parse_cmd(corpus, work / "many", n_jobs, cache=False))
    cold = step("parse with cache (cold)", parse_cmd(corpus, work / "cached", n_jobs, cache=True))
    rerun = step("re-run, unchanged", parse_cmd(corpus, work / "cached", n_jobs, cache=True))
    identical = all(same_tables(work / "one", work / other) for other in ("many", "cached"))
    touched = next(corpus.rglob("*.txt"))
    touched.write_text(touched.read_text(encoding="utf-8") + "\n(修订)", encoding="utf-8")
    changed = step("re-run, 1 file changed",
                   parse_cmd(corpus, work / "cached", n_jobs, cache=True))
    print("bench: one jieba.lcut pass …", file=sys.stderr)
    jieba_s = jieba_seconds(corpus)
    r.update(
        parse1_s=round(one.seconds, 2), parse1_mb_s=round(mb / one.seconds, 2),
        parse1_reports_s=round(n_reports / one.seconds, 1), parse1_peak_mb=round(one.peak_mb),
        parse1_cpu_s=round(one.cpu_seconds, 1), parseN_cpu_s=round(many.cpu_seconds, 1),
        parseN_s=round(many.seconds, 2), parseN_mb_s=round(mb / many.seconds, 2),
        parseN_reports_s=round(n_reports / many.seconds, 1), parseN_peak_mb=round(many.peak_mb),
        jobs_speedup=round(one.seconds / many.seconds, 2),
        identical=identical,
        cold_cache_s=round(cold.seconds, 2), rerun_s=round(rerun.seconds, 2),
        rerun_speedup=round(cold.seconds / rerun.seconds, 1),
        changed_s=round(changed.seconds, 2), jieba_s=round(jieba_s, 2),
        jieba_mb_s=round(mb / jieba_s, 2), jieba_ratio=round(jieba_s / one.seconds, 2),
        ok=all(x.returncode == 0 for x in (one, many, cold, rerun, changed)),
    )
    r["identical"] = r["identical"] if r["ok"] else False
    r["report_s"] = None
    if args.report and has_report_command():
        r["report_s"] = round(step("make report", ["make", "report"], Path.cwd()).seconds, 1)
    return r


def table(r: dict) -> str:
    """The results as a Markdown table, with the issue's targets."""
    t = TARGETS

    def met(ok: bool) -> str:
        return "yes" if ok else "**no**"

    rows = [
        ("corpus", f"{r['reports']} reports, {r['mb']} MB", "", ""),
        ("parse, 1 job", f"{r['parse1_s']} s: {r['parse1_mb_s']} MB/s, "
         f"{r['parse1_reports_s']} reports/s ({r['parse1_cpu_s']} s CPU)", "", ""),
        (f"parse, {r['jobs']} jobs", f"{r['parseN_s']} s: {r['parseN_mb_s']} MB/s, "
         f"{r['parseN_reports_s']} reports/s ({r['parseN_cpu_s']} s CPU)", "", ""),
        ("one jieba.lcut pass", f"{r['jieba_s']} s: {r['jieba_mb_s']} MB/s", "", ""),
        ("parse (1 job) speed / jieba speed", f"{r['jieba_ratio']}×", f"≥ {t['jieba_ratio']}×",
         met(r["jieba_ratio"] >= t["jieba_ratio"])),
        (f"{r['jobs']} jobs vs 1", f"{r['jobs_speedup']}×", f"≥ {t['jobs_speedup']}× (2 cores)",
         met(r["jobs_speedup"] >= t["jobs_speedup"])),
        ("identical tables (1 job, N jobs, cached)", "yes" if r["identical"] else "no", "yes",
         met(r["identical"])),
        ("peak memory, 1 job / N jobs", f"{r['parse1_peak_mb']} / {r['parseN_peak_mb']} MB",
         f"< {t['peak_mb']:.0f} MB", met(max(r["parse1_peak_mb"], r["parseN_peak_mb"])
                                         < t["peak_mb"])),
        ("first run with cache (N jobs)", f"{r['cold_cache_s']} s", "", ""),
        ("re-run, unchanged corpus", f"{r['rerun_s']} s ({r['rerun_speedup']}× faster)",
         f"≥ {t['rerun_speedup']}×", met(r["rerun_speedup"] >= t["rerun_speedup"])),
        ("re-run, 1 file changed", f"{r['changed_s']} s", "", ""),
    ]
    if r.get("report_s") is not None:
        rows.append(("make report (sample corpus)", f"{r['report_s']} s",
                     f"< {t['report_s']:.0f} s", met(r["report_s"] < t["report_s"])))
    lines = ["| measure | result | target | met |", "|---|---|---|---|"]
    lines += [f"| {a} | {b} | {c} | {d} |" for a, b, c, d in rows]
    return "\n".join(lines)


def write_results(r: dict, folder: Path) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    head = (f"lawgov {r['version']} ({r['commit'] or 'no git'}), {r['date']} UTC, "
            f"Python {r['python']}, {r['cores']} cores, load average {r['load']} at the start")
    (folder / "results.md").write_text(
        f"# Benchmark: latest run\n\n{head}. Made by `make bench` (`python -m lawgov.bench`); "
        "every run is also a row of results.csv.\n\n" + table(r) + "\n", encoding="utf-8")
    path = folder / "results.csv"
    rows = []
    if path.exists():
        with path.open(encoding="utf-8", newline="") as f:
            rows = list(csv.DictReader(f))
    # Columns added by a later version widen the file; older rows keep blanks there.
    columns = list(dict.fromkeys([*(k for row in rows for k in row), *r]))
    with path.open("w", encoding="utf-8", newline="") as f:
        writer = csv.DictWriter(f, fieldnames=columns)
        writer.writeheader()
        writer.writerows([*rows, r])


def build_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="python -m lawgov.bench", description=__doc__,
                                formatter_class=argparse.RawDescriptionHelpFormatter)
    size = p.add_mutually_exclusive_group()
    size.add_argument("--reports", type=int, help="number of reports (default 1000)")
    size.add_argument("--mb", type=float, help="corpus size in MB instead")
    p.add_argument("--jobs", type=int, default=0, help="jobs of the parallel run (0: cores)")
    p.add_argument("--source", default="data/raw", help="the reports to vary")
    p.add_argument("--seed", type=int, default=0)
    p.add_argument("--results", default="bench", help="folder of results.md and results.csv")
    p.add_argument("--work", help="keep the corpus and outputs in this new folder")
    p.add_argument("--no-report", dest="report", action="store_false",
                   help="do not time `make report`")
    return p


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    if args.reports is None and args.mb is None:
        args.reports = 1000
    if args.work:
        work = Path(args.work)
        if work.exists() and any(work.iterdir()):
            raise SystemExit(f"bench: {work} is not empty; the runs need a fresh folder")
        result = measure(args, work)
    else:
        with tempfile.TemporaryDirectory(prefix="lawgov-bench-") as tmp:
            result = measure(args, Path(tmp))
    print(table(result))
    write_results(result, Path(args.results))
    return 0 if result["ok"] else 1


if __name__ == "__main__":
    sys.exit(main())

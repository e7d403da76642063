#!/usr/bin/env python3
"""Whole-process benchmark of ``claimlint check`` side by side with its peers.

Usage::

    pip install -r benchmarks/requirements.txt   # typos, codespell, proselint (optional peers)
    apt-get install -y ripgrep                    # optional peer
    python benchmarks/bench.py [--runs 5] [--quick] [--out benchmarks/RESULTS.md]

It unpacks /work/shared/bench/corpus-md.tar.gz, builds the dense variant with
make_dense.py (a ketamine-marketing paragraph planted in every file) and a 10x
copy, then times every tool as a whole process: one warm-up, then ``--runs``
rounds in which the tools run one after another (so background load is spread
evenly), and reports the median. Peak RSS is the largest process's
``ru_maxrss`` as GNU time reports it. Peers that are not installed are skipped and
listed as such. Results go to stdout and to ``--out`` as Markdown.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tarfile
import tempfile
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

SHARED = Path(os.environ.get("CLAIMLINT_BENCH_SHARED", "/work/shared/bench"))
HERE = Path(__file__).resolve().parent
EXTS = {".md", ".markdown", ".mdx", ".html", ".htm", ".txt"}


@dataclass
class Corpus:
    """A folder of files to lint, with its size for MB/s and files/s."""

    name: str
    path: Path
    files: int
    bytes: int

    @classmethod
    def scan(cls, name: str, path: Path) -> Corpus:
        sizes = [p.stat().st_size for p in path.rglob("*") if p.is_file() and p.suffix in EXTS]
        return cls(name, path, len(sizes), sum(sizes))


@dataclass
class Job:
    """One command to time, and what it is compared against."""

    key: str
    label: str
    argv: list[str]
    corpus: Corpus
    group: str
    baseline: str = ""
    scale: float = 1.0
    note: str = ""
    env: dict[str, str] = field(default_factory=dict)
    times: list[float] = field(default_factory=list)
    rss_kb: list[int] = field(default_factory=list)
    exit_codes: set[int] = field(default_factory=set)

    @property
    def median(self) -> float:
        return statistics.median(self.times) * self.scale

    @property
    def peak_mb(self) -> float:
        return max(self.rss_kb) / 1024


GNU_TIME = "/usr/bin/time"
NO_RESULT_CACHE = "CLAIMLINT_NO_RESULT_CACHE"
#: For the rows that show a repeated run: the result cache on (the warm-up and the sanity run fill it).
RESULT_CACHE_ON = {NO_RESULT_CACHE: "0"}


def timed(argv: Sequence[str], cwd: Path | None = None, env: dict[str, str] | None = None) -> tuple[float, int, int]:
    """Wall seconds, peak RSS (KB) and exit code of one whole-process run; output drained.

    Peak RSS comes from GNU time when present: ``ru_maxrss`` of a child forked
    straight from this (large) Python process would report this process's own
    high-water mark.
    """
    with tempfile.NamedTemporaryFile("r", suffix=".rss") as rss:
        wrapped = [GNU_TIME, "-f", "%M", "-o", rss.name, *argv] if os.path.exists(GNU_TIME) else list(argv)
        start = time.perf_counter()
        environ = {**os.environ, **env} if env else None
        proc = subprocess.Popen(wrapped, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, cwd=cwd, env=environ)
        assert proc.stdout is not None
        while proc.stdout.read(1 << 16):
            pass
        _pid, status, usage = os.wait4(proc.pid, 0)
        elapsed = time.perf_counter() - start
        text = rss.read().strip().splitlines()
    code = os.waitstatus_to_exitcode(status)
    kb = int(text[-1]) if text and text[-1].isdigit() else usage.ru_maxrss
    return elapsed, kb, code


def claimlint_argv() -> list[str]:
    """The console script next to this interpreter (not a pyenv shim), else ``-m``."""
    script = Path(sys.executable).parent / "claimlint"
    return [str(script)] if script.exists() else [sys.executable, "-m", "claimlint"]


def prepare(work: Path, quick: bool) -> dict[str, Corpus]:
    """Unpack the corpus and build the dense, 10x and 10% variants under ``work``."""
    base = work / "corpus-md"
    if not base.exists():
        with tarfile.open(SHARED / "corpus-md.tar.gz") as tar:
            tar.extractall(work, filter="data")
    dense = work / "corpus-dense"
    if not dense.exists():
        make = [sys.executable, str(SHARED / "make_dense.py"), str(base), str(dense)]
        subprocess.run(make, check=True, stdout=subprocess.DEVNULL)
    out = {"md": Corpus.scan("corpus as-is", base), "dense": Corpus.scan("dense corpus", dense)}
    out["sample"] = Corpus.scan("10% sample", _sample(base, work / "corpus-sample"))
    if not quick:
        out["x10"] = Corpus.scan("10x corpus", _tenfold(base, work / "corpus-x10"))
    return out


def _files(root: Path) -> list[Path]:
    return sorted(p for p in root.rglob("*") if p.is_file() and p.suffix in EXTS)


def _sample(src: Path, dst: Path) -> Path:
    if not dst.exists():
        for i, f in enumerate(_files(src)):
            if i % 10 == 0:
                target = dst / f.relative_to(src)
                target.parent.mkdir(parents=True, exist_ok=True)
                shutil.copyfile(f, target)
    return dst


def _tenfold(src: Path, dst: Path) -> Path:
    if not dst.exists():
        for n in range(10):
            shutil.copytree(src, dst / f"copy{n}")
    return dst


def phrase_pack(phrases_file: Path, out: Path) -> Path:
    """A rules file with one phrase rule per line of ``phrases_file``."""
    lines = [ln.strip() for ln in phrases_file.read_text(encoding="utf-8").splitlines() if ln.strip()]
    rules = []
    for i, phrase in enumerate(lines):
        rules.append(
            f"  - {{id: P{i:05d}, name: phrase-{i}, category: bench, severity: warning, type: phrase,"
            f" phrases: [{json.dumps(phrase)}], message: {json.dumps('phrase ' + phrase)}}}"
        )
    out.write_text("version: 1\nname: bench\nrules:\n" + "\n".join(rules) + "\n", encoding="utf-8")
    return out


def small_page(corpus: Path) -> Path:
    """The median-sized file of the corpus: a typical page a pre-commit hook sees."""
    files = sorted(_files(corpus), key=lambda p: (p.stat().st_size, str(p)))
    return files[len(files) // 2]


def build_jobs(corpora: dict[str, Corpus], packs: dict[str, Path], page: Path, quick: bool) -> list[Job]:
    """Every command of the run, grouped by the question it answers."""
    cl = claimlint_argv()
    md, dense = corpora["md"], corpora["dense"]
    jobs = [
        Job("cl", "claimlint check (default pack)", [*cl, "check", str(md.path)], md, "corpus"),
        Job("cl-j1", "claimlint check --jobs 1", [*cl, "check", "--jobs", "1", str(md.path)], md, "corpus", "cl"),
        Job(
            "cl-warm",
            "claimlint check, warm result cache (a repeated CI run)",
            [*cl, "check", str(md.path)],
            md,
            "corpus",
            "cl",
            env=RESULT_CACHE_ON,
        ),
        Job("cl-dense", "claimlint check (default pack)", [*cl, "check", str(dense.path)], dense, "dense"),
        Job(
            "cl-dense-j1",
            "claimlint check --jobs 1",
            [*cl, "check", "--jobs", "1", str(dense.path)],
            dense,
            "dense",
            "cl-dense",
        ),
        Job(
            "cl-60",
            "claimlint, 60 phrase rules",
            [*cl, "check", "--rules", str(packs["60"]), str(md.path)],
            md,
            "rules",
        ),
        Job(
            "cl-5k",
            "claimlint, 5,000 phrase rules",
            [*cl, "check", "--rules", str(packs["5k"]), str(md.path)],
            md,
            "rules",
            "cl-60",
        ),
        Job(
            "cl-page",
            "claimlint check one page",
            [*cl, "check", str(page)],
            Corpus("one page", page, 1, page.stat().st_size),
            "page",
        ),
        Job(
            "cl-page-cold",
            "claimlint check one page --no-cache",
            [*cl, "check", "--no-cache", str(page)],
            Corpus("one page", page, 1, page.stat().st_size),
            "page",
            "cl-page",
        ),
        Job(
            "cl-page-warm",
            "claimlint check one page, warm result cache",
            [*cl, "check", str(page)],
            Corpus("one page", page, 1, page.stat().st_size),
            "page",
            "cl-page",
            env=RESULT_CACHE_ON,
        ),
        Job(
            "py",
            "python -c pass (interpreter floor)",
            [sys.executable, "-c", "pass"],
            Corpus("one page", page, 1, page.stat().st_size),
            "page",
            "cl-page",
        ),
    ]
    if "x10" in corpora:
        x10 = corpora["x10"]
        jobs.append(Job("cl-x10", "claimlint check (default pack)", [*cl, "check", str(x10.path)], x10, "x10", "cl"))
    jobs += _peer_jobs(corpora, quick)
    return jobs


def _peer_jobs(corpora: dict[str, Corpus], quick: bool) -> list[Job]:
    md, sample = corpora["md"], corpora["sample"]
    peers: list[Job] = []
    rg = shutil.which("rg")
    if rg:
        for n, name in (("60", "phrases-60.txt"), ("5k", "phrases-5k.txt")):
            argv = [rg, "-F", "-i", "-w", "-f", str(SHARED / name), str(md.path)]
            peers.append(Job(f"rg-{n}", f"ripgrep -F -i -w, {n} phrases", argv, md, "corpus", "cl"))
    for tool, argv in (("typos", ["typos", str(md.path)]), ("codespell", ["codespell", str(md.path)])):
        exe = shutil.which(tool) or _in_venv(tool)
        if exe:
            peers.append(Job(tool, f"{tool} (own dictionary)", [exe, *argv[1:]], md, "corpus", "cl"))
    proselint = shutil.which("proselint") or _in_venv("proselint")
    if proselint and not quick:
        peers.append(
            Job(
                "proselint",
                "proselint, 10% sample x10 (projected)",
                [proselint, "check", str(sample.path)],
                sample,
                "corpus",
                "cl",
                scale=10.0,
                note="timed on every 10th file, scaled by 10",
            )
        )
    return peers


def _in_venv(tool: str) -> str | None:
    path = Path(sys.executable).parent / tool
    return str(path) if path.exists() else None


def run_all(jobs: list[Job], runs: int, only_once: set[str]) -> None:
    """A warm-up of everything, then ``runs`` interleaved rounds."""
    for job in jobs:
        timed(job.argv, env=job.env)
    for r in range(runs):
        for job in jobs:
            if r and job.key in only_once:
                continue
            elapsed, rss, code = timed(job.argv, env=job.env)
            job.times.append(elapsed)
            job.rss_kb.append(rss)
            job.exit_codes.add(code)
        print(f"round {r + 1}/{runs} done", file=sys.stderr)


def checked_files(argv: list[str], env: dict[str, str] | None = None) -> tuple[int, int]:
    """Files and findings claimlint reports for one command (a sanity check on every timing)."""
    environ = {**os.environ, **env} if env else None
    proc = subprocess.run(
        [*argv, "--format", "json", "--fail-on", "never"], capture_output=True, text=True, env=environ
    )
    try:
        summary = json.loads(proc.stdout)["summary"]
    except (json.JSONDecodeError, KeyError):
        return -1, -1
    return int(summary["files"]), int(summary["findings"])


def fresh_environment(work: Path) -> None:
    """Byte-compile claimlint (as ``pip install`` does), give it an empty cache, and turn the result cache off.

    With ``PYTHONDONTWRITEBYTECODE`` set, an editable install would otherwise
    recompile every module on every run, which no installed copy does. The
    targets judge the engine, so every row lints every file except the
    "warm result cache" rows, which turn the result cache back on.
    """
    import claimlint

    package = Path(claimlint.__file__).parent
    subprocess.run([sys.executable, "-m", "compileall", "-q", str(package)], check=False, stdout=subprocess.DEVNULL)
    cache = work / "rule-cache"
    shutil.rmtree(cache, ignore_errors=True)
    os.environ["CLAIMLINT_CACHE_DIR"] = str(cache)
    os.environ[NO_RESULT_CACHE] = "1"


def machine() -> str:
    """One line describing where the numbers were taken."""
    cpu = platform.processor() or ""
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    try:
        mem_kb = int(Path("/proc/meminfo").read_text().split()[1])
        mem = f"{mem_kb / 1024 / 1024:.0f} GB RAM"
    except (OSError, ValueError, IndexError):
        mem = "RAM unknown"
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    return (
        f"{platform.system()} {platform.release()}, {cpu}, {os.cpu_count()} cores, {mem}, "
        f"Python {platform.python_version()}, load average {load:.2f} at start"
    )


def table(jobs: list[Job], group: str) -> list[str]:
    """Markdown rows for one group, with the ratio of claimlint to each."""
    by_key = {j.key: j for j in jobs}
    rows = [
        "| tool | corpus | wall s (median) | min s | MB/s | files/s | peak RSS MB | ratio |",
        "|---|---|---|---|---|---|---|---|",
    ]
    for job in (j for j in jobs if j.group == group):
        wall = job.median
        mbs = job.corpus.bytes / 1e6 / wall
        ratio = ""
        if job.baseline in by_key:
            base = by_key[job.baseline]
            if job.key.startswith("cl"):
                ratio = f"{job.median / base.median:.2f}x {base.key}"
            else:
                ratio = f"{base.key} / {job.key} = {base.median / job.median:.2f}"
        note = f" ({job.note})" if job.note else ""
        fps = job.corpus.files / wall
        rows.append(
            f"| {job.label}{note} | {job.corpus.name} ({job.corpus.files} files) | {wall:.3f} | "
            f"{min(job.times) * job.scale:.3f} | {mbs:.1f} | {fps:,.0f} | {job.peak_mb:.1f} | {ratio} |"
        )
    return rows


def verdicts(jobs: list[Job]) -> list[str]:
    """The issue's targets, each checked against this run."""
    j = {job.key: job for job in jobs}
    out = []

    def check(name: str, ok: bool, detail: str) -> None:
        out.append(f"- {'PASS' if ok else 'MISS'}: {name} ({detail})")

    cl = j["cl"].median
    if "typos" in j:
        check("corpus no slower than typos", cl <= j["typos"].median, f"{cl:.3f} s vs {j['typos'].median:.3f} s")
    if "rg-5k" in j:
        check("corpus at most 3x ripgrep 5,000 phrases", cl <= 3 * j["rg-5k"].median, f"{cl / j['rg-5k'].median:.2f}x")
    check("dense corpus at most 4 s", j["cl-dense"].median <= 4.0, f"{j['cl-dense'].median:.3f} s")
    if "cl-x10" in j:
        ratio = j["cl-x10"].median / cl
        check("10x corpus at most 11x the 1x time", ratio <= 11, f"{ratio:.2f}x")
        grow = j["cl-x10"].peak_mb / j["cl"].peak_mb
        check(
            "peak memory not growing with corpus size",
            grow <= 1.25,
            f"10x: {j['cl-x10'].peak_mb:.1f} MB vs 1x: {j['cl'].peak_mb:.1f} MB",
        )
    scale = j["cl-5k"].median / j["cl-60"].median
    check("5,000-phrase pack at most 1.3x the 60-phrase pack", scale <= 1.3, f"{scale:.2f}x")
    check(
        "one page as pre-commit runs it at most 150 ms",
        j["cl-page"].median <= 0.150,
        f"{j['cl-page'].median * 1000:.0f} ms",
    )
    peak = max(job.peak_mb for job in jobs if job.key.startswith("cl"))
    check("peak memory at most 100 MB", peak <= 100, f"largest claimlint process {peak:.1f} MB")
    return out


def report(jobs: list[Job], skipped: list[str], sanity: dict[str, tuple[int, int]], argv: list[str]) -> str:
    """The whole RESULTS.md text."""
    lines = [
        "# Benchmark results",
        "",
        f"Machine: {machine()}.",
        "",
        f"Command: `python {' '.join(argv)}` on {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}. "
        "Whole-process wall time; median of the timed rounds after one warm-up; tools interleaved per round. "
        "Peak RSS is the largest single process (GNU time `%M`); with `--jobs` each worker is a "
        "separate process. claimlint is byte-compiled first and its rule cache starts empty (the warm-up "
        "fills it, as a first pre-commit run would); `--no-cache` shows the cold start. The per-file result "
        "cache is off (`CLAIMLINT_NO_RESULT_CACHE=1`) so that every row lints every file, except the rows "
        'marked "warm result cache", which show what a repeated run over unchanged files costs.',
        "",
    ]
    titles = {
        "corpus": "Corpus as-is (PowerShell-Docs, mostly no health copy): claimlint vs peers",
        "dense": "Dense corpus (a ketamine paragraph in every file: every file parsed and checked)",
        "x10": "10x corpus (the corpus copied ten times)",
        "rules": "Rule-count scaling (phrase rules generated from phrases-60.txt and phrases-5k.txt)",
        "page": "One page, as a pre-commit hook runs it",
    }
    for group, title in titles.items():
        if any(j.group == group for j in jobs):
            lines += [f"## {title}", "", *table(jobs, group), ""]
    lines += ["## Targets", "", *verdicts(jobs), ""]
    lines += [
        "## What claimlint reported (sanity check on every timed command)",
        "",
        "| command | files checked | findings |",
        "|---|---|---|",
    ]
    lines += [f"| {key} | {files} | {found} |" for key, (files, found) in sanity.items()]
    lines += ["", "## Peers skipped", ""]
    lines += [f"- {s}" for s in skipped] or ["- none"]
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--runs", type=int, default=5, help="timed rounds after the warm-up (default 5)")
    parser.add_argument("--quick", action="store_true", help="skip the 10x corpus and proselint")
    parser.add_argument("--work", type=Path, help="scratch folder (default: a temp dir, kept between runs)")
    parser.add_argument("--out", type=Path, default=HERE / "RESULTS.md")
    args = parser.parse_args(argv)
    work = args.work or Path(tempfile.gettempdir()) / "claimlint-bench"
    work.mkdir(parents=True, exist_ok=True)
    fresh_environment(work)
    corpora = prepare(work, args.quick)
    packs = {n: phrase_pack(SHARED / f"phrases-{n}.txt", work / f"pack-{n}.yaml") for n in ("60", "5k")}
    page = small_page(corpora["md"].path)
    jobs = build_jobs(corpora, packs, page, args.quick)
    skipped = _skipped(jobs, args.quick)
    sanity = {j.key: checked_files(j.argv, j.env) for j in jobs if j.key.startswith("cl")}
    run_all(jobs, args.runs, only_once={"proselint"})
    text = report(jobs, skipped, sanity, sys.argv if argv is None else ["benchmarks/bench.py", *argv])
    args.out.write_text(text, encoding="utf-8")
    print(text)
    return 0


def _skipped(jobs: list[Job], quick: bool) -> list[str]:
    have = {j.key for j in jobs}
    out = []
    for key, how in (
        ("rg-60", "ripgrep: `apt-get install -y ripgrep`"),
        ("typos", "typos: `pip install typos`"),
        ("codespell", "codespell: `pip install codespell`"),
    ):
        if key not in have:
            out.append(f"{how} (not installed)")
    if "proselint" not in have:
        out.append("proselint: " + ("skipped by --quick" if quick else "`pip install proselint` (not installed)"))
    out.append("textlint+prh, write-good, alex (Node) and Vale: not installable here; see /work/shared/bench/README.md")
    return out


if __name__ == "__main__":
    raise SystemExit(main())

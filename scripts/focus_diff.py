#!/usr/bin/env python3
"""Differential check: focused parsing must give byte-identical JSON to the full parse.

Runs ``claimlint check PATH... --format json`` twice as whole processes, once
with ``CLAIMLINT_FOCUS=0`` (every Markdown file parsed whole) and once with
focused parsing on, then compares the outputs and prints each run's CPU time.
Exit status 1 when they differ (the first differing findings are shown).

Usage: python scripts/focus_diff.py [--rules F] [--jobs N] PATH...
Default paths: the benchmark corpora under /tmp/claimlint-bench (made by
``python benchmarks/bench.py --quick``).
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
from pathlib import Path

DEFAULT_PATHS = ("/tmp/claimlint-bench/corpus-md", "/tmp/claimlint-bench/corpus-dense")


def run(paths: list[str], focus: bool, extra: list[str], out: Path) -> float:
    """One whole-process run; returns its user+system CPU seconds."""
    env = dict(os.environ, CLAIMLINT_FOCUS="1" if focus else "0")
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    cmd = [sys.executable, "-m", "claimlint", "check", *paths, "--format", "json", "--fail-on", "never"]
    subprocess.run([*cmd, "--output", str(out), *extra], env=env, check=True)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def first_difference(full: dict[str, object], focused: dict[str, object]) -> str:
    """A short description of where two JSON reports part."""
    a = full.get("findings") or []
    b = focused.get("findings") or []
    assert isinstance(a, list)
    assert isinstance(b, list)
    for x, y in zip(a, b, strict=False):
        if x != y:
            return f"full: {json.dumps(x)[:300]}\nfocused: {json.dumps(y)[:300]}"
    return f"{len(a)} findings (full) vs {len(b)} (focused); other keys differ: {full.keys() ^ focused.keys()}"


def main() -> int:
    """Run both ways, compare, report."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("paths", nargs="*", default=list(DEFAULT_PATHS))
    parser.add_argument("--rules", help="rules file (default: the project's)")
    parser.add_argument("--jobs", default="1", help="claimlint --jobs (default 1, for comparable CPU time)")
    args = parser.parse_args()
    missing = [p for p in args.paths if not Path(p).exists()]
    if missing:
        print(f"missing: {', '.join(missing)} (run: python benchmarks/bench.py --quick)", file=sys.stderr)
        return 2
    extra = ["--jobs", args.jobs, *(["--rules", args.rules] if args.rules else [])]
    with tempfile.TemporaryDirectory() as tmp:
        full_out, focus_out = Path(tmp, "full.json"), Path(tmp, "focus.json")
        full_cpu = run(args.paths, False, extra, full_out)
        focus_cpu = run(args.paths, True, extra, focus_out)
        full_text, focus_text = full_out.read_text(encoding="utf-8"), focus_out.read_text(encoding="utf-8")
    summary = json.loads(full_text)["summary"]
    print(f"files {summary['files']}, findings {summary['findings']}")
    print(f"full parse: {full_cpu:.2f} s CPU; focused: {focus_cpu:.2f} s CPU")
    if full_text == focus_text:
        print("identical JSON")
        return 0
    print("DIFFERENT JSON")
    print(first_difference(json.loads(full_text), json.loads(focus_text)))
    return 1


if __name__ == "__main__":
    raise SystemExit(main())

"""Stress the real CLI with huge and hostile inputs; print peak memory and time per case.

Each case is generated in a temporary folder and linted by ``claimlint
check`` in a child process under ``/usr/bin/time`` (peak RSS and wall time
from the kernel, not from inside Python), with the default rule pack. A case
passes when the run finishes within the time limit with exit code 0, 1 or 2
and no traceback: a refusal with a clear one-line message counts as
handled.

    python scripts/stress.py              # all cases, a Markdown table on stdout
    python scripts/stress.py --only deep  # the cases whose name contains "deep"
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
from collections.abc import Callable
from dataclasses import dataclass

MB = 1024 * 1024
RISKY = "Ketamine is safe and natural, works within minutes and is a game changer. "
NEUTRAL = "Infusions are given in a clinic over about forty minutes with monitoring. "


@dataclass(frozen=True)
class Case:
    """One generated input: file name and a writer that fills it."""

    name: str
    filename: str
    write: Callable[[str], None]


def _big_markdown(path: str, size: int = 100 * MB) -> None:
    """A page-like mix: one risky sentence per ~5 KB, the rest neutral prose, lists and code."""
    neutral = f"## Section\n\n{NEUTRAL * 6}\n\n- {NEUTRAL}\n- {NEUTRAL}\n\n```\ncode {RISKY}\n```\n\n"
    block = neutral * 6 + f"{NEUTRAL}{RISKY}\n\n"
    chunk = (block * max(1, (1 * MB) // len(block))).encode()
    with open(path, "wb") as fh:
        for _ in range(size // len(chunk)):
            fh.write(chunk)


def _long_line(path: str, size: int = 5 * MB) -> None:
    text = (NEUTRAL * 20 + RISKY) * (size // (len(NEUTRAL) * 20 + len(RISKY)))
    with open(path, "w", encoding="utf-8") as fh:
        fh.write(text + "\n")


def _long_word(path: str, size: int = 5 * MB) -> None:
    with open(path, "w", encoding="utf-8") as fh:
        fh.write("a" * size + "\n")


def _deep_html(path: str, depth: int = 10_000) -> None:
    with open(path, "w", encoding="utf-8") as fh:
        fh.write("<html><body>" + "<div>" * depth + RISKY + "</div>" * depth + "</body></html>\n")


def _deep_list(path: str, depth: int = 10_000) -> None:
    with open(path, "w", encoding="utf-8") as fh:
        fh.write("- " * depth + RISKY + "\n")


def _deep_quote(path: str, depth: int = 10_000) -> None:
    with open(path, "w", encoding="utf-8") as fh:
        fh.write("> " * depth + RISKY + "\n")


def _indented_list(path: str, depth: int = 2_000) -> None:
    with open(path, "w", encoding="utf-8") as fh:
        for i in range(depth):
            fh.write("  " * i + f"- item {i}: {RISKY}\n")


def _malformed_html(path: str) -> None:
    soup = "<div <p><<b>" + RISKY + "</i></div></span><!-- never closed <script>var a = '" + RISKY
    with open(path, "w", encoding="utf-8") as fh:
        fh.write("<p>" + RISKY + "\n" + soup * 20_000 + "\n<script>" + "x<" * 100_000 + "\n")


def _malformed_markdown(path: str) -> None:
    parts = ["[" * 100_000, "*" * 100_000, "`" * 50_000, "<" * 50_000, "](" * 50_000, "_a" * 50_000]
    with open(path, "w", encoding="utf-8") as fh:
        fh.write(RISKY + "\n\n" + "\n\n".join(p + " " + RISKY for p in parts) + "\n\n```\nunclosed fence\n")


def _many_findings(path: str, size: int = 5 * MB) -> None:
    with open(path, "w", encoding="utf-8") as fh:
        fh.write((RISKY + "\n") * (size // (len(RISKY) + 1)))


CASES = (
    Case("markdown-100MB", "big.md", _big_markdown),
    Case("markdown-30MB", "big30.md", lambda p: _big_markdown(p, 30 * MB)),
    Case("markdown-10MB", "big10.md", lambda p: _big_markdown(p, 10 * MB)),
    Case("single-line-5MB", "line.md", _long_line),
    Case("single-word-5MB", "word.txt", _long_word),
    Case("findings-5MB", "many.txt", _many_findings),
    Case("deep-html-10000", "deep.html", _deep_html),
    Case("deep-list-10000", "deeplist.md", _deep_list),
    Case("deep-quote-10000", "deepquote.md", _deep_quote),
    Case("indented-list-2000", "indented.md", _indented_list),
    Case("malformed-html", "soup.html", _malformed_html),
    Case("malformed-markdown", "broken.md", _malformed_markdown),
)


def measure(path: str, timeout: float, extra: list[str]) -> tuple[float, int, int, str]:
    """(wall seconds, peak RSS in KiB, exit code, last stderr line) of one CLI run."""
    with tempfile.NamedTemporaryFile("r", suffix=".time") as stats:
        cmd = ["/usr/bin/time", "-o", stats.name, "-f", "%e %M", sys.executable, "-m", "claimlint"]
        cmd += ["check", "--format", "json", "--output", os.devnull, *extra, path]
        try:
            proc = subprocess.run(cmd, capture_output=True, text=True, timeout=timeout, check=False)
        except subprocess.TimeoutExpired:
            return timeout, 0, -1, f"killed after {timeout:.0f} s"
        wall, rss = stats.read().split()[-2:]
    lines = [line for line in proc.stderr.splitlines() if line.strip()]
    note = lines[-1] if lines else ""
    if "Traceback" in proc.stderr:
        note = "TRACEBACK: " + note
    return float(wall), int(rss), proc.returncode, note


def main(argv: list[str] | None = None) -> int:
    """Generate each case, run it, print the table; exit 1 if any case was not handled."""
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--only", default="", help="run only cases whose name contains this")
    parser.add_argument("--timeout", type=float, default=300.0, help="seconds before a case counts as hung")
    parser.add_argument("--rules", action="append", default=[], help="rule file instead of the default pack")
    args = parser.parse_args(argv)
    extra = [x for r in args.rules for x in ("--rules", r)]
    print("| case | input size | wall time (s) | peak RSS (MiB) | exit | note |")
    print("|---|---:|---:|---:|---:|---|")
    failed = False
    with tempfile.TemporaryDirectory(prefix="claimlint-stress-") as tmp:
        for case in CASES:
            if args.only not in case.name:
                continue
            path = os.path.join(tmp, case.filename)
            case.write(path)
            size = os.path.getsize(path)
            wall, rss, code, note = measure(path, args.timeout, extra)
            failed |= code not in (0, 1, 2) or note.startswith("TRACEBACK")
            print(f"| {case.name} | {size / MB:.1f} MiB | {wall:.1f} | {rss / 1024:.0f} | {code} | {note[:90]} |")
            sys.stdout.flush()
            os.unlink(path)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())

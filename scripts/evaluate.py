#!/usr/bin/env python3
"""Score claimlint's rule pack against the labelled corpus and the guide's seed labels.

The rule author needs numbers that do not move when the rules are tuned to a handful of
examples, so this script measures the pack on text it was not written against
(``corpus/labels.yaml``) and on the guide's section D (``corpus/seed-labels.yaml``). It runs the
real command line (``python -m claimlint check --format json``) so that what is scored is exactly
what users get, then prints line-level precision/recall/F1, per-category recall, false findings
per neutral document, page-level check accuracy, and the lists of false positives and misses
with ``file:line`` and text. Run ``python scripts/evaluate.py --help``; see corpus/README.md.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import subprocess
import sys
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

REPO = Path(__file__).resolve().parent.parent
CORPUS_LABELS = REPO / "corpus" / "labels.yaml"
SEED_LABELS = REPO / "corpus" / "seed-labels.yaml"
FALLBACK_SEEDS = Path("/work/shared/seeds")

GUIDE_SEVERITY: dict[str, str] = {
    "natural-claim": "H",
    "absolute-safety": "H",
    "risk-minimization": "M",
    "addiction-risk-denial": "H",
    "comparative-safety": "H",
    "cure-guarantee": "H",
    "miracle-hype": "L",
    "speed-of-relief": "H",
    "durability-overclaim": "M",
    "efficacy-overstatement": "M",
    "broad-indication": "M",
    "mechanism-overclaim": "M",
    "testimonial-endorsement": "H",
    "unsupported-evidence": "M",
    "study-misrepresentation": "H",
    "citation-mismatch": "L",
    "protocol-cited-as-results": "H",
    "comparative-superiority": "M",
    "cost-claim": "M",
    "fda-status-misstatement": "H",
    "at-home-compounded": "H",
    "missing-offlabel-disclosure": "H",
    "missing-risk-info": "H",
    "missing-screening-advice": "M",
}
"""The guide's 24 categories (section B) with the lowest severity it gives each."""

CATEGORIES = tuple(GUIDE_SEVERITY)
DOC_CHECKS = ("missing-offlabel-disclosure", "missing-risk-info", "missing-screening-advice")
KINDS = ("marketing", "neutral")
SEVERITIES = ("H", "M", "L")
KETAMINE_TOPICS = frozenset({"ketamine", "esketamine"})
SENTENCE_BREAK = re.compile(r"(?<=[.!?])\s+(?=[A-Z“\"\[])")
"""The guide's section-D sentence split, used to find a do-not-flag sentence's extent."""


@dataclass(frozen=True)
class LineLabel:
    """The expected categories of one line and the severity of its worst claim."""

    sev: str
    cats: tuple[str, ...]


@dataclass
class Document:
    """One labelled file: what a reviewer expects claimlint to say about it."""

    name: str
    path: Path
    kind: str
    topic: str
    doc: tuple[str, ...]
    lines: dict[int, LineLabel]
    do_not_flag: dict[int, tuple[str, ...]] = field(default_factory=dict)
    text: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class Finding:
    """The parts of a claimlint JSON finding that scoring needs."""

    line: int
    column: int
    end_line: int
    end_column: int
    category: str
    rule: str
    scope: str

    def lines(self) -> range:
        """Every line the finding starts on or spans."""
        return range(self.line, max(self.end_line, self.line) + 1)


def parse_line_label(value: Any) -> LineLabel:
    """Accept ``{sev, cat}`` or a bare category list (severity from the guide)."""
    if isinstance(value, dict):
        return LineLabel(str(value["sev"]), tuple(value["cat"]))
    cats = tuple(value)
    order = {s: i for i, s in enumerate(SEVERITIES)}
    sev = min((GUIDE_SEVERITY.get(c, "L") for c in cats), key=order.__getitem__, default="L")
    return LineLabel(sev, cats)


def load_documents(labels_file: Path, root: Path) -> list[Document]:
    """Read a labels file; ``root`` is the folder its document names are relative to."""
    data = yaml.safe_load(labels_file.read_text(encoding="utf-8"))
    docs = []
    for name, entry in data["documents"].items():
        path = root / name
        docs.append(
            Document(
                name=name,
                path=path,
                kind=entry["kind"],
                topic=entry.get("topic", ""),
                doc=tuple(entry.get("doc") or ()),
                lines={int(k): parse_line_label(v) for k, v in (entry.get("lines") or {}).items()},
                do_not_flag={int(k): tuple(v) for k, v in (entry.get("do_not_flag") or {}).items()},
                text=path.read_text(encoding="utf-8").split("\n") if path.is_file() else [],
            )
        )
    return docs


def seeds_root(labels_file: Path, override: str | None) -> Path | None:
    """Where the seed files are: ``--seeds-dir``, the file's ``root:``, then /work/shared/seeds."""
    if override:
        return Path(override)
    data = yaml.safe_load(labels_file.read_text(encoding="utf-8"))
    for candidate in (REPO / data.get("root", ""), FALLBACK_SEEDS):
        if candidate.is_dir():
            return candidate.resolve()
    return None


def run_claimlint(paths: Sequence[Path], rules: str | None, enable: Sequence[str] = ()) -> dict[str, list[Finding]]:
    """Run the CLI over ``paths`` and group its findings by resolved file path."""
    cmd = [sys.executable, "-m", "claimlint", "check", "--format", "json", "--fail-on", "never"]
    if rules:
        cmd += ["--rules", rules]
    cmd += [f"--enable={rule_id}" for rule_id in enable]
    proc = subprocess.run([*cmd, *map(str, paths)], capture_output=True, text=True, check=False, cwd=REPO)
    if proc.returncode not in (0, 1):
        raise SystemExit(f"claimlint exited {proc.returncode}:\n{proc.stderr.strip()}")
    if proc.stderr.strip():
        print(proc.stderr.strip(), file=sys.stderr)
    by_path: dict[str, list[Finding]] = defaultdict(list)
    for f in json.loads(proc.stdout)["findings"]:
        finding = Finding(
            line=f["line"],
            column=f["column"],
            end_line=f.get("end_line") or f["line"],
            end_column=f.get("end_column") or f["column"],
            category=f.get("category") or f.get("name") or "",
            rule=f.get("rule", ""),
            scope=f.get("scope", "line"),
        )
        by_path[os.path.realpath(f["path"])].append(finding)
    return by_path


def ratio(num: int, den: int) -> float | None:
    """``num/den``, or None when there is nothing to divide."""
    return num / den if den else None


def f1(precision: float | None, recall: float | None) -> float | None:
    """Harmonic mean of precision and recall."""
    if precision is None or recall is None or precision + recall == 0:
        return None
    return 2 * precision * recall / (precision + recall)


def touched_lines(findings: Iterable[Finding]) -> dict[int, set[str]]:
    """Line -> categories of the line-scope findings that start on or span it."""
    touched: dict[int, set[str]] = defaultdict(set)
    for f in findings:
        if f.scope == "line":
            for ln in f.lines():
                touched[ln].add(f.category)
    return touched


def shown(path: Path) -> str:
    """A path as listings print it: relative to the repository when inside it."""
    resolved = path.resolve()
    return str(resolved.relative_to(REPO)) if resolved.is_relative_to(REPO) else str(resolved)


def line_text(doc: Document, line: int, width: int = 110) -> str:
    """The line's text, whitespace folded and shortened for a listing."""
    raw = doc.text[line - 1] if 0 < line <= len(doc.text) else ""
    folded = " ".join(raw.split())
    return folded if len(folded) <= width else folded[: width - 1] + "…"


def sentence_span(text: str, quote: str) -> tuple[int, int] | None:
    """0-based ``[start, end)`` of the sentence of ``text`` that opens with ``quote``."""
    start = norm_quotes(text).find(norm_quotes(quote))
    if start < 0:
        return None
    brk = SENTENCE_BREAK.search(text, start + len(quote))
    return start, brk.start() if brk else len(text)


def norm_quotes(text: str) -> str:
    """Straighten curly quotes without changing string length, so offsets stay valid."""
    return text.translate(str.maketrans("‘’“”", "''\"\""))


def overlaps(f: Finding, line: int, span: tuple[int, int]) -> bool:
    """Whether a finding covers any character of ``span`` (0-based columns) on ``line``."""
    if line not in f.lines():
        return False
    first = f.column - 1 if f.line == line else 0
    last = f.end_column - 1 if f.end_line == line else sys.maxsize
    return first < span[1] and last > span[0]


@dataclass
class Tally:
    """Counts accumulated over a set of documents, turned into rates by ``summary``."""

    predicted: int = 0
    true_pos: int = 0
    labelled: int = 0
    recalled: int = 0
    recalled_same_cat: int = 0
    hm_labelled: int = 0
    hm_recalled: int = 0
    cat_total: Counter[str] = field(default_factory=Counter)
    cat_touched: Counter[str] = field(default_factory=Counter)
    cat_same: Counter[str] = field(default_factory=Counter)
    neutral_docs: int = 0
    neutral_findings: int = 0
    doc_cells: list[dict[str, Any]] = field(default_factory=list)
    false_pos: list[dict[str, Any]] = field(default_factory=list)
    misses: list[dict[str, Any]] = field(default_factory=list)
    wrong_cat: list[dict[str, Any]] = field(default_factory=list)
    dnf_violations: list[dict[str, Any]] = field(default_factory=list)


def score_lines(doc: Document, findings: list[Finding], t: Tally) -> None:
    """Add one document's line-level precision/recall counts and listings to ``t``."""
    touched = touched_lines(findings)
    for ln in sorted(touched):
        t.predicted += 1
        if ln in doc.lines:
            t.true_pos += 1
        else:
            t.false_pos.append(entry(doc, ln, sorted(touched[ln])))
    for ln, label in sorted(doc.lines.items()):
        got = touched.get(ln, set())
        t.labelled += 1
        t.recalled += bool(got)
        t.recalled_same_cat += bool(got & set(label.cats))
        if label.sev in ("H", "M"):
            t.hm_labelled += 1
            t.hm_recalled += bool(got)
        for cat in label.cats:
            t.cat_total[cat] += 1
            t.cat_touched[cat] += bool(got)
            t.cat_same[cat] += cat in got
        if not got:
            t.misses.append(entry(doc, ln, list(label.cats), label.sev))
        elif not got & set(label.cats):
            t.wrong_cat.append(entry(doc, ln, list(label.cats), label.sev, sorted(got)))


def entry(doc: Document, line: int, cats: list[str], sev: str = "", found: list[str] | None = None) -> dict[str, Any]:
    """One row of a false-positive or miss listing."""
    row: dict[str, Any] = {"where": f"{shown(doc.path)}:{line}", "categories": cats, "text": line_text(doc, line)}
    if sev:
        row["severity"] = sev
    if found is not None:
        row["found"] = found
    return row


def score_doc_checks(doc: Document, findings: list[Finding], t: Tally) -> None:
    """Record, per page-level check, whether it was expected and whether it fired."""
    fired = {f.category for f in findings if f.scope != "line"}
    for check in DOC_CHECKS:
        t.doc_cells.append(
            {
                "doc": doc.name,
                "group": "ketamine" if doc.topic in KETAMINE_TOPICS else "other",
                "check": check,
                "expected": check in doc.doc,
                "fired": check in fired,
            }
        )


def score_do_not_flag(doc: Document, findings: list[Finding], t: Tally) -> None:
    """List findings that touch a sentence the guide says must not be flagged."""
    for ln, quotes in doc.do_not_flag.items():
        for quote in quotes:
            span = sentence_span(doc.text[ln - 1] if ln <= len(doc.text) else "", quote)
            hits = [f for f in findings if span and f.scope == "line" and overlaps(f, ln, span)]
            if hits:
                t.dnf_violations.append(
                    {"where": f"{shown(doc.path)}:{ln}", "sentence": quote, "found": sorted({f.category for f in hits})}
                )


def score(docs: Sequence[Document], by_path: dict[str, list[Finding]]) -> Tally:
    """Score every document against the findings claimlint produced for it."""
    t = Tally()
    for doc in docs:
        findings = by_path.get(os.path.realpath(doc.path), [])
        score_lines(doc, findings, t)
        score_doc_checks(doc, findings, t)
        score_do_not_flag(doc, findings, t)
        if doc.kind == "neutral":
            t.neutral_docs += 1
            t.neutral_findings += len(findings)
    return t


def doc_check_summary(cells: list[dict[str, Any]]) -> dict[str, dict[str, Any]]:
    """Accuracy, false positives and misses per (check, topic group)."""
    out: dict[str, dict[str, Any]] = {}
    for check in DOC_CHECKS:
        for group in ("ketamine", "other", "all"):
            rows = [c for c in cells if c["check"] == check and group in ("all", c["group"])]
            correct = sum(c["expected"] == c["fired"] for c in rows)
            out[f"{check}/{group}"] = {
                "docs": len(rows),
                "accuracy": ratio(correct, len(rows)),
                "expected": sum(c["expected"] for c in rows),
                "false_pos": sorted(c["doc"] for c in rows if c["fired"] and not c["expected"]),
                "misses": sorted(c["doc"] for c in rows if c["expected"] and not c["fired"]),
            }
    return out


def summary(t: Tally) -> dict[str, Any]:
    """The tally as rates and listings (the ``--json`` shape)."""
    precision = ratio(t.true_pos, t.predicted)
    recall = ratio(t.recalled, t.labelled)
    return {
        "lines": {
            "predicted": t.predicted,
            "true_positive": t.true_pos,
            "labelled": t.labelled,
            "precision": precision,
            "recall": recall,
            "f1": f1(precision, recall),
            "recall_same_category": ratio(t.recalled_same_cat, t.labelled),
            "recall_high_medium": ratio(t.hm_recalled, t.hm_labelled),
            "high_medium_labelled": t.hm_labelled,
        },
        "categories": {
            c: {
                "labelled": t.cat_total[c],
                "line_touched": ratio(t.cat_touched[c], t.cat_total[c]),
                "same_category": ratio(t.cat_same[c], t.cat_total[c]),
            }
            for c in CATEGORIES
            if t.cat_total[c]
        },
        "neutral": {
            "docs": t.neutral_docs,
            "findings": t.neutral_findings,
            "per_doc": ratio(t.neutral_findings, t.neutral_docs),
        },
        "doc_checks": doc_check_summary(t.doc_cells),
        "false_positives": t.false_pos,
        "misses": t.misses,
        "wrong_category": t.wrong_cat,
        "do_not_flag_violations": t.dnf_violations,
    }


def pct(value: float | None) -> str:
    """A rate as a percentage, or a dash when undefined."""
    return "—" if value is None else f"{100 * value:5.1f}%"


def render(title: str, s: dict[str, Any], max_list: int) -> list[str]:
    """Readable tables for one scored set."""
    ln = s["lines"]
    out = [f"== {title} ==", ""]
    out += table(
        ["metric", "value"],
        [
            ["lines touched by findings", str(ln["predicted"])],
            ["labelled lines", f"{ln['labelled']} ({ln['high_medium_labelled']} H+M)"],
            ["precision", pct(ln["precision"])],
            ["recall (any finding)", pct(ln["recall"])],
            ["recall H+M", pct(ln["recall_high_medium"])],
            ["recall (same category)", pct(ln["recall_same_category"])],
            ["F1", pct(ln["f1"])],
            ["false findings per neutral doc", neutral_cell(s["neutral"])],
        ],
    )
    out += ["", *render_categories(s["categories"]), "", *render_doc_checks(s["doc_checks"])]
    out += render_list("False positives", s["false_positives"], max_list)
    out += render_list("Misses", s["misses"], max_list)
    out += render_list("Touched, but no finding of a labelled category", s["wrong_category"], max_list)
    out += render_list("Do-not-flag sentences that were flagged", s["do_not_flag_violations"], max_list)
    out += render_doc_errors(s["doc_checks"], max_list)
    return out


def render_doc_errors(checks: dict[str, dict[str, Any]], max_list: int) -> list[str]:
    """Which documents each page-level check wrongly flagged or missed."""
    rows = []
    for check in DOC_CHECKS:
        v = checks[f"{check}/all"]
        rows += [f"{check}: false positive on {', '.join(v['false_pos'])}"] if v["false_pos"] else []
        rows += [f"{check}: missed on {', '.join(v['misses'])}"] if v["misses"] else []
    if not rows or max_list == 0:
        return []
    return ["", f"-- Page-level errors ({len(rows)}) --", *rows]


def neutral_cell(n: dict[str, Any]) -> str:
    """``findings / docs`` for the neutral documents."""
    if not n["docs"]:
        return "— (no neutral docs)"
    return f"{n['per_doc']:.2f} ({n['findings']} in {n['docs']} docs)"


def render_categories(cats: dict[str, dict[str, Any]]) -> list[str]:
    """Per-category recall table."""
    rows = [[c, str(v["labelled"]), pct(v["line_touched"]), pct(v["same_category"])] for c, v in cats.items()]
    return table(["category", "labelled", "line touched", "same category"], rows)


def render_doc_checks(checks: dict[str, dict[str, Any]]) -> list[str]:
    """Page-level check accuracy table."""
    rows = []
    for key, v in checks.items():
        if not v["docs"]:
            continue
        rows.append(
            [
                key,
                str(v["docs"]),
                str(v["expected"]),
                pct(v["accuracy"]),
                str(len(v["false_pos"])),
                str(len(v["misses"])),
            ]
        )
    return table(["page-level check / topic", "docs", "expected", "accuracy", "false pos", "misses"], rows)


def render_list(title: str, rows: list[dict[str, Any]], max_list: int) -> list[str]:
    """A capped listing of rows with location, categories and text."""
    if not rows or max_list == 0:
        return []
    out = ["", f"-- {title} ({len(rows)}) --"]
    for row in rows[:max_list]:
        cats = ", ".join(row.get("found") or row.get("categories") or [])
        if "found" in row and "categories" in row:
            cats = f"expected {', '.join(row['categories'])}; found {cats}"
        sev = f" [{row['severity']}]" if row.get("severity") else ""
        out.append(f"{row['where']}{sev} {cats}")
        out.append(f"    {row.get('text') or row.get('sentence', '')}")
    if len(rows) > max_list:
        out.append(f"    … {len(rows) - max_list} more (use --max-list)")
    return out


def table(header: list[str], rows: list[list[str]]) -> list[str]:
    """Left-aligned text table with a rule under the header."""
    widths = [max(len(r[i]) for r in [header, *rows]) for i in range(len(header))]
    fmt = "  ".join(f"{{:<{w}}}" for w in widths)
    return [fmt.format(*header), fmt.format(*("-" * w for w in widths)), *(fmt.format(*r) for r in rows)]


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    """Command-line options."""
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--rules", help="rule file to score instead of the default pack")
    p.add_argument("--enable", action="append", default=[], metavar="ID", help="also run this rule shipped disabled")
    p.add_argument(
        "--labels",
        default=str(CORPUS_LABELS),
        help="labels file; documents are found beside it, e.g. heldout/labels.yaml (default: %(default)s)",
    )
    p.add_argument("--seed-labels", default=str(SEED_LABELS), help="seed labels file (default: %(default)s)")
    p.add_argument("--seeds-dir", help="folder holding the seed files (default: ../shared/seeds, /work/shared/seeds)")
    p.add_argument("--no-seeds", action="store_true", help="score the corpus only")
    p.add_argument("--json", action="store_true", help="print the numbers and listings as JSON")
    p.add_argument("--max-list", type=int, default=40, help="rows per false-positive/miss listing (default: 40)")
    return p.parse_args(argv)


def collect(args: argparse.Namespace) -> dict[str, list[Document]]:
    """The labelled document sets to score, by name."""
    labels = Path(args.labels)
    sets = {labels.parent.name: load_documents(labels, labels.parent)}
    if not args.no_seeds:
        root = seeds_root(Path(args.seed_labels), args.seeds_dir)
        if root is None:
            print("seed files not found; scoring the corpus only (use --seeds-dir)", file=sys.stderr)
        else:
            sets["seeds"] = load_documents(Path(args.seed_labels), root)
    for docs in sets.values():
        missing = [str(d.path) for d in docs if not d.text]
        if missing:
            raise SystemExit("labelled files not found: " + ", ".join(missing))
    return sets


def main(argv: Sequence[str] | None = None) -> int:
    """Run claimlint once over every labelled file and report each set."""
    args = parse_args(argv)
    sets = collect(args)
    by_path = run_claimlint([d.path for docs in sets.values() for d in docs], args.rules, args.enable)
    results = {name: summary(score(docs, by_path)) for name, docs in sets.items()}
    if args.json:
        json.dump(results, sys.stdout, indent=2, ensure_ascii=False)
        sys.stdout.write("\n")
        return 0
    blocks = [render(f"{name} ({len(sets[name])} documents)", s, args.max_list) for name, s in results.items()]
    print("\n\n".join("\n".join(b) for b in blocks))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

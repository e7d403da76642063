"""The default pack against the claims guide's section D (the reviewer's fixture).

Section D lists, per seed, the sentences a reviewer flags (``L<line>.<n>``),
the document-level findings, and sentences that must not be flagged. It is
encoded in tests/fixtures/seeds/section_d.yaml. Each seed runs as ``.txt``
and, when the markdown source is installed, as ``.md``.

Targets (the guide's, asserted exactly where exactness is required):
every H sentence flagged; at least 90% of all listed sentences flagged;
every listed document-level finding produced; no do-not-flag sentence flagged.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest
import yaml

from claimlint.config import Settings
from claimlint.model import Finding
from claimlint.plugins import get_registry
from claimlint.runner import RunRequest, run

SEEDS = Path(__file__).parent / "fixtures" / "seeds"
SECTION_D = yaml.safe_load((SEEDS / "section_d.yaml").read_text(encoding="utf-8"))["seeds"]
GUIDE_SPLIT = re.compile(r"(?<=[.!?])\s+(?=[A-Z“\"\[])")
AT = re.compile(r"^L(\d+)\.(\d+)$")


def _extensions() -> list[str]:
    formats = get_registry().extensions()
    return [ext for ext in (".txt", ".md") if ext in formats]


@dataclass
class SeedResult:
    """What the pack did to one seed file, sentence by sentence."""

    name: str
    text: str
    findings: list[Finding]
    line_starts: list[int] = field(default_factory=list)

    def __post_init__(self) -> None:
        self.line_starts = [0] + [m.end() for m in re.finditer(r"\n", self.text)]

    def sentence(self, at: str) -> tuple[int, int, str]:
        """Original-text span and text of ``L<line>.<n>`` (the guide's split)."""
        m = AT.match(at)
        assert m, f"bad fixture position {at!r}"
        line, n = int(m.group(1)), int(m.group(2))
        start = self.line_starts[line - 1]
        end = self.line_starts[line] - 1 if line < len(self.line_starts) else len(self.text)
        body = self.text[start:end]
        pos = 0
        spans = []
        for cut in GUIDE_SPLIT.finditer(body):
            spans.append((pos, cut.start()))
            pos = cut.end()
        spans.append((pos, len(body)))
        assert n <= len(spans), f"{self.name} {at}: line has only {len(spans)} sentences"
        lo, hi = spans[n - 1]
        return start + lo, start + hi, body[lo:hi]

    def categories_at(self, at: str, scopes: tuple[str, ...] = ("line",)) -> set[str]:
        """Categories of findings (of the given scopes) overlapping a sentence."""
        lo, hi, _ = self.sentence(at)
        return {f.rule.category for f in self.findings if f.scope in scopes and f.start < hi and f.end > lo}

    def doc_categories(self) -> set[str]:
        """Categories of document-level findings."""
        return {f.rule.category for f in self.findings if f.scope == "document"}


def _lint(path: Path) -> SeedResult:
    report = run(RunRequest([str(path)], Settings()), get_registry())
    assert not report.problems, report.problems
    return SeedResult(path.name, path.read_text(encoding="utf-8"), list(report.findings))


@pytest.fixture(scope="module", params=_extensions())
def results(request: pytest.FixtureRequest) -> dict[str, SeedResult]:
    """Every seed linted with the default pack, for one file extension."""
    out = {}
    for name in SECTION_D:
        out[name] = _lint(SEEDS / name.replace(".txt", request.param))
    return out


def _flags(severity: str | None = None) -> Iterator[tuple[str, dict[str, str]]]:
    for name, spec in SECTION_D.items():
        for entry in spec["flag"]:
            if severity is None or entry["severity"] == severity:
                yield name, entry


def _summary(results: dict[str, SeedResult], entries: list[tuple[str, dict[str, str]]]) -> str:
    rows = []
    for name, entry in entries:
        got = results[name].categories_at(entry["at"])
        mark = "ok  " if got else "MISS"
        where = f"{name[:3]} {entry['at']:<6} [{entry['severity']}]"
        rows.append(f"{mark} {where} want {entry['categories']} got {sorted(got)}")
    return "\n".join(rows)


def test_fixture_quotes_match_the_seed_sentences(results: dict[str, SeedResult]) -> None:
    """Guards the fixture itself: each position holds the quoted words."""
    for name, spec in SECTION_D.items():
        for entry in [*spec["flag"], *spec["do_not_flag"]]:
            _, _, sentence = results[name].sentence(entry["at"])
            assert sentence.startswith(entry["quote"]), f"{name} {entry['at']}: {sentence[:60]!r}"


def test_every_high_severity_sentence_is_flagged(results: dict[str, SeedResult]) -> None:
    entries = list(_flags("H"))
    missed = [(n, e) for n, e in entries if not results[n].categories_at(e["at"])]
    assert not missed, "\n" + _summary(results, entries)


def test_at_least_90_percent_of_section_d_sentences_are_flagged(results: dict[str, SeedResult]) -> None:
    entries = list(_flags())
    hit = sum(1 for n, e in entries if results[n].categories_at(e["at"]))
    assert hit / len(entries) >= 0.90, f"{hit}/{len(entries)} flagged\n" + _summary(results, entries)


def test_every_document_level_finding_is_produced(results: dict[str, SeedResult]) -> None:
    for name, spec in SECTION_D.items():
        missing = set(spec["doc"]) - results[name].doc_categories()
        assert not missing, f"{name}: missing document findings {sorted(missing)}"


def test_no_do_not_flag_sentence_is_flagged(results: dict[str, SeedResult]) -> None:
    for name, spec in SECTION_D.items():
        for entry in spec["do_not_flag"]:
            got = results[name].categories_at(entry["at"], ("line", "document"))
            assert not got, f"{name} {entry['at']} {entry['quote']!r} flagged as {sorted(got)}"


def test_the_reviewers_category_is_among_those_matched_for_most_sentences(results: dict[str, SeedResult]) -> None:
    """Flagging for the right reason: a listed category matches for at least 80% of sentences."""
    entries = list(_flags())
    right = sum(1 for n, e in entries if results[n].categories_at(e["at"]) & set(e["categories"]))
    assert right / len(entries) >= 0.80, f"{right}/{len(entries)} with a listed category\n" + _summary(results, entries)

"""Frozen data shared by every layer: severities, rules, segments, findings.

This module imports nothing from claimlint, so every other module may import it.
"""

from __future__ import annotations

import enum
from bisect import bisect_right
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any


class Severity(enum.IntEnum):
    """Ordered so that ``>=`` answers "at least this bad" for ``--fail-on``."""

    INFO = 1
    WARNING = 2
    ERROR = 3

    def __str__(self) -> str:
        return self.name.lower()

    @classmethod
    def parse(cls, value: str) -> Severity:
        """Map ``error|warning|info`` to a member; raises ``KeyError`` otherwise."""
        return cls[value.upper()]


SEVERITY_NAMES = ("error", "warning", "info")


@dataclass(frozen=True, slots=True)
class Location:
    """Where something was written: a rules file line, kept for error messages."""

    path: str
    line: int = 0
    column: int = 0

    def __str__(self) -> str:
        if self.line:
            return f"{self.path}:{self.line}:{self.column or 1}"
        return self.path

    def __reduce__(self) -> tuple[type[Location], tuple[str, int, int]]:
        """Pickle as a constructor call, which unpickles several times faster.

        A cached rule set holds a Location per rule and per example; the
        ``__setstate__`` dataclasses give frozen slotted classes loops over
        ``fields()`` for each one.
        """
        return (Location, (self.path, self.line, self.column))


@dataclass(frozen=True, slots=True)
class Evidence:
    """One entry of a pack's ``evidence:`` registry."""

    id: str
    citation: str
    url: str
    finding: str = ""

    def __reduce__(self) -> tuple[type[Evidence], tuple[str, str, str, str]]:
        """Pickle as a constructor call (see :meth:`Location.__reduce__`)."""
        return (Evidence, (self.id, self.citation, self.url, self.finding))


@dataclass(frozen=True)
class Rule:
    """A validated rule from YAML. ``params`` holds the keys only its type reads."""

    id: str
    name: str
    category: str
    severity: Severity
    type: str
    message: str
    suggestion: str = ""
    evidence: tuple[Evidence, ...] = ()
    bad_examples: tuple[str, ...] = ()
    good_examples: tuple[str, ...] = ()
    params: Mapping[str, Any] = field(default_factory=dict)
    replace: str | None = None
    origin: Location = Location("<rules>")
    pack: str = ""
    help_uri: str = ""
    example_origins: Mapping[str, Location] = field(default_factory=dict)

    def with_severity(self, severity: Severity) -> Rule:
        """Return a copy re-levelled by configuration."""
        from dataclasses import replace

        return replace(self, severity=severity)


@dataclass(frozen=True, slots=True)
class Segment:
    """A run of lintable text cut out of a source, with the map back to the file.

    ``text`` is what rules see: markup removed and every run of whitespace
    folded to one space. The map is a list of pieces: piece ``k`` covers
    ``text[seg_starts[k]:seg_starts[k] + seg_lens[k]]`` and came from
    ``source[orig_starts[k]:orig_starts[k] + orig_lens[k]]``. Pieces with equal
    lengths map character by character; others (a folded whitespace run, a
    decoded entity) map as a whole. Sources build this once, so a match is
    never searched for again in the original text.
    """

    text: str
    kind: str
    seg_starts: Sequence[int]
    seg_lens: Sequence[int]
    orig_starts: Sequence[int]
    orig_lens: Sequence[int]
    #: Offsets in ``text`` where a line starts a new unit of copy (an ad headline, a bullet):
    #: sentence boundaries the punctuation does not show (see ``textutil.unit_breaks``).
    breaks: tuple[int, ...] = ()

    @property
    def start(self) -> int:
        """Offset in the original text where this segment begins."""
        return self.orig_starts[0] if self.orig_starts else 0

    @property
    def end(self) -> int:
        """Offset in the original text just past this segment."""
        if not self.orig_starts:
            return 0
        return self.orig_starts[-1] + self.orig_lens[-1]

    def to_original(self, start: int, end: int) -> tuple[int, int]:
        """Map a ``[start, end)`` span of ``text`` to a span of the original."""
        return self._map_start(start), self._map_end(end)

    def _map_start(self, pos: int) -> int:
        k = max(bisect_right(self.seg_starts, pos) - 1, 0)
        off = pos - self.seg_starts[k]
        if self.seg_lens[k] == self.orig_lens[k]:
            return self.orig_starts[k] + min(off, self.orig_lens[k])
        return self.orig_starts[k]

    def _map_end(self, pos: int) -> int:
        k = max(bisect_right(self.seg_starts, max(pos - 1, 0)) - 1, 0)
        off = pos - self.seg_starts[k]
        if self.seg_lens[k] == self.orig_lens[k]:
            return self.orig_starts[k] + min(off, self.orig_lens[k])
        return self.orig_starts[k] + self.orig_lens[k]


@dataclass(frozen=True, slots=True)
class Directive:
    """An inline suppression comment, as a source found it."""

    action: str
    rules: tuple[str, ...]
    reason: str
    line: int
    column: int
    end_line: int = 0


@dataclass(frozen=True, slots=True)
class ParsedSource:
    """What a source format hands the engine for one file."""

    segments: Sequence[Segment]
    directives: Sequence[Directive] = ()


@dataclass(frozen=True, slots=True)
class Hit:
    """One rule firing, in original-text offsets, before it becomes a Finding."""

    rule: Rule
    start: int
    end: int
    scope: str = "line"
    sentence: str = ""
    note: str = ""


@dataclass(frozen=True, slots=True)
class Finding:
    """A located, reportable result.

    Lines and columns are 1-based and count characters; the end points just
    past the last character, as in SARIF.
    """

    path: str
    line: int
    column: int
    end_line: int
    end_column: int
    rule: Rule
    match: str
    scope: str = "line"
    sentence: str = ""
    note: str = ""
    start: int = 0
    end: int = 0

    @property
    def severity(self) -> Severity:
        """The rule's effective severity."""
        return self.rule.severity

    def sort_key(self) -> tuple[str, int, int, str]:
        """Deterministic report order: path, position, rule id."""
        return (self.path, self.line, self.column, self.rule.id)


@dataclass(frozen=True, slots=True)
class FileProblem:
    """A file that could not be linted; reported as ``path: message``."""

    path: str
    message: str
    line: int = 0
    column: int = 0

    def __str__(self) -> str:
        if self.line:
            return f"{self.path}:{self.line}:{self.column or 1}: {self.message}"
        return f"{self.path}: {self.message}"


@dataclass(frozen=True)
class Report:
    """Everything a reporter needs: findings, problems and the rule set used."""

    findings: Sequence[Finding]
    problems: Sequence[FileProblem]
    files: int
    rules: Sequence[Rule]
    sources: Mapping[str, str] = field(default_factory=dict)

    def by_severity(self) -> dict[str, int]:
        """Counts per severity name, every level present even when zero."""
        counts = {name: 0 for name in ("error", "warning", "info")}
        for finding in self.findings:
            counts[str(finding.severity)] += 1
        return counts

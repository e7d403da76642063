"""The public types a plugin needs, importable from one place.

A plugin returns instances of these from its ``claimlint_*`` hooks (see
:mod:`claimlint.hookspecs`). Built-in rule types, formats and reporters use
exactly the same classes.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import IO, Any, Protocol

from claimlint.model import (
    Directive,
    Evidence,
    FileProblem,
    Finding,
    Hit,
    Location,
    ParsedSource,
    Report,
    Rule,
    Segment,
    Severity,
)
from claimlint.textutil import LineIndex, build_segment, sentence_bounds

__all__ = [
    "Directive",
    "DocView",
    "Evidence",
    "FileProblem",
    "Finding",
    "Hit",
    "Key",
    "LineIndex",
    "Location",
    "Matcher",
    "ParsedSource",
    "Report",
    "Reporter",
    "Rule",
    "RulePack",
    "RuleType",
    "Segment",
    "Severity",
    "SourceFormat",
    "build_segment",
    "sentence_bounds",
]


@dataclass(frozen=True)
class Key:
    """A YAML key a rule type reads.

    ``kind`` is one of ``str``, ``int``, ``bool``, ``text-list`` (list of
    strings) or ``regex-list`` (list of regexes, compiled at load time so a
    bad one fails before linting).
    """

    kind: str
    required: bool = False
    doc: str = ""


class DocView:
    """What a matcher sees of one file: its text and its lintable segments."""

    def __init__(self, path: str, text: str, segments: Sequence[Segment]) -> None:
        self.path = path
        self.text = text
        self.segments = segments

    def sentence(self, segment: Segment, start: int, end: int) -> tuple[int, int]:
        """Bounds in ``segment.text`` of the sentence that holds a span."""
        return sentence_bounds(segment.text, start, end)


class Matcher(Protocol):
    """A compiled form of one or more rules of one type."""

    @property
    def rules(self) -> Sequence[Rule]:
        """The rules this matcher reports for."""
        ...

    def literals(self) -> Sequence[Collection[str]] | None:
        """Word sets that gate this matcher on a file's raw text.

        The matcher can only fire if, for every set in the list, one of its
        lower-case words occurs in the file (case-insensitively). ``None``
        means unknown: the file is always checked. Being wrong here loses
        findings, so return ``None`` when unsure.
        """
        ...

    def run(self, doc: DocView) -> Iterable[Hit]:
        """Yield every hit in ``doc``, positions in original-text offsets."""
        ...


@dataclass(frozen=True)
class RuleType:
    """A kind of rule usable from YAML as ``type: <name>``.

    ``keys`` declares the YAML keys of this type beyond the common ones, so
    the loader can reject unknown keys and wrong types with ``file:line:col``.
    ``compile`` receives every rule of this type at once, so it may build
    one combined matcher for all of them.
    """

    name: str
    keys: Mapping[str, Key]
    compile: Callable[[Sequence[Rule]], Sequence[Matcher]]
    scope: str = "line"
    doc: str = ""


@dataclass(frozen=True)
class SourceFormat:
    """A file format: which extensions it claims and how to cut it into segments.

    ``parse`` must return segments whose offset maps point into the exact
    text it was given; that is how positions stay right.
    """

    name: str
    extensions: tuple[str, ...]
    parse: Callable[[str], ParsedSource]
    doc: str = ""
    searchable: Callable[[str], str] | None = None


class Reporter(Protocol):
    """Renders a finished run. ``stream`` is stdout or the ``--output`` file."""

    def render(self, report: Report, stream: IO[str]) -> None:
        """Write the whole report."""
        ...


@dataclass(frozen=True)
class ReporterSpec:
    """A ``--format`` value and the factory for its reporter.

    ``machine`` marks formats meant for tools (JSON, SARIF): progress output
    and colour stay off for them.
    """

    name: str
    factory: Callable[[Mapping[str, Any]], Reporter]
    doc: str = ""
    machine: bool = False


@dataclass(frozen=True)
class RulePack:
    """A named YAML rule pack shipped inside a package, for ``extends:``."""

    name: str
    load_text: Callable[[], str]
    origin: str = ""
    doc: str = ""
    meta: Mapping[str, Any] = field(default_factory=dict)

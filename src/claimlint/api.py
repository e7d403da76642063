"""The public types a plugin needs, importable from one place.

A plugin returns instances of these from its ``claimlint_*`` hooks (see
:mod:`claimlint.hookspecs`). Built-in rule types, formats and reporters use
exactly the same classes.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import IO, Any, Protocol

from claimlint.errors import ConfigError
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
    "AnchorFinder",
    "ConfigError",
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
    "segment_from_pieces",
    "sentence_bounds",
]


@dataclass(frozen=True)
class Key:
    """A YAML key a rule type reads.

    ``kind`` is one of ``str``, ``int``, ``number`` (int or float), ``bool``,
    ``text-list`` (list of strings), ``regex-list`` (list of regexes, compiled
    at load time so a bad one fails before linting) or ``file`` (a path
    relative to the rules file, whose content the rule cache's fingerprint
    includes, so editing the file invalidates cached rules and results).
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
        return sentence_bounds(segment.text, start, end, segment.breaks)


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

    # Optional, not part of the protocol (the engine asks with ``getattr``):
    #
    # ``anchors() -> frozenset[str] | None``: every lower-case word (letters
    # and digits only) such that the matcher reads nothing but the segments
    # holding one of them, case-insensitively. Its hits *and* its
    # document-level verdicts must be the same when every other segment is
    # left out. Then a format with ``focus`` parses only the blocks around
    # those words. ``None`` (the default, when absent) means "I need the whole
    # document"; return it when unsure, since a missing word loses findings.


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


#: ``find(s)``: offsets in ``s`` where one of the live matchers' anchor words may start.
AnchorFinder = Callable[[str], Iterable[int]]


@dataclass(frozen=True)
class SourceFormat:
    """A file format: which extensions it claims and how to cut it into segments.

    ``parse`` must return segments whose offset maps point into the exact
    text it was given; that is how positions stay right.

    ``focus(text, find)`` is an optional cheaper parse for when every live
    matcher declares ``anchors()``: ``find(s)`` gives offsets in ``s`` where
    an anchor word may occur. It must return, in document order, exactly the
    segments ``parse`` returns for every block that holds an anchor word (and
    may return others), or ``None`` to ask for the full parse whenever it is
    unsure. The engine skips it when the text may hold suppression
    directives.
    """

    name: str
    extensions: tuple[str, ...]
    parse: Callable[[str], ParsedSource]
    doc: str = ""
    searchable: Callable[[str], str] | None = None
    focus: Callable[[str, AnchorFinder], ParsedSource | None] | None = None


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


def segment_from_pieces(pieces: Iterable[tuple[str, int, int]], kind: str) -> Segment | None:
    r"""Build a Segment from decoded text whose characters came from known spans.

    For formats whose visible text is *encoded* (JSON or YAML escapes, XML
    entities), where :func:`build_segment`'s ranges cannot say which output
    character came from where. Each piece is ``(text, orig_start, orig_len)``:
    a piece whose text is as long as its span maps character by character
    (plain text); any other (``\u00e9`` → ``é``) maps as a whole. Whitespace
    is folded and stripped exactly as :func:`build_segment` does, so rules see
    the same text whatever the format.
    """
    units: list[tuple[str, int, int]] = []
    for text, start, length in pieces:
        if len(text) == length:
            units.extend((ch, start + i, 1) for i, ch in enumerate(text))
        elif text:
            units.append((text, start, length))
    builder = _PieceBuilder()
    space: tuple[int, int] | None = None
    for text, start, length in units:
        if text.isspace():
            space = (space[0] if space else start, start + length)
            continue
        if space is not None and builder.pos:
            builder.add(" ", space[0], space[1] - space[0])
        space = None
        builder.add(text, start, length)
    return builder.segment(kind)


class _PieceBuilder:
    """Accumulates a piece map, merging adjacent one-to-one pieces."""

    def __init__(self) -> None:
        self.parts: list[str] = []
        self.seg_starts: list[int] = []
        self.seg_lens: list[int] = []
        self.orig_starts: list[int] = []
        self.orig_lens: list[int] = []
        self.pos = 0

    def add(self, text: str, start: int, length: int) -> None:
        one_to_one = len(text) == length and text != " "
        if one_to_one and self.parts and self._last_extends(start):
            self.seg_lens[-1] += length
            self.orig_lens[-1] += length
        else:
            self.seg_starts.append(self.pos)
            self.seg_lens.append(len(text))
            self.orig_starts.append(start)
            self.orig_lens.append(length)
        self.parts.append(text)
        self.pos += len(text)

    def _last_extends(self, start: int) -> bool:
        equal = self.seg_lens[-1] == self.orig_lens[-1] and self.parts[-1] != " "
        return equal and self.orig_starts[-1] + self.orig_lens[-1] == start

    def segment(self, kind: str) -> Segment | None:
        if not self.parts:
            return None
        return Segment("".join(self.parts), kind, self.seg_starts, self.seg_lens, self.orig_starts, self.orig_lens)


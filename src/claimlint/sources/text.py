"""Plain text: each paragraph (lines up to a blank line) is one segment.

A line that starts a new unit of copy (an ad headline, a bullet) also starts a
sentence (:func:`claimlint.textutil.unit_breaks`).

Lines starting with ``claimlint:`` are suppression directives, not copy.
"""

from __future__ import annotations

import re

from claimlint.api import ParsedSource, SourceFormat
from claimlint.model import Segment
from claimlint.sources.directives import parse_directive
from claimlint.textutil import LineIndex, build_segment

_PARA = re.compile(r"(?:[^\S\r\n]*\S[^\r\n]*(?:\r\n|\r|\n|$))+")
_DIRECTIVE_LINE = re.compile(r"(?:^|(?<=[\r\n]))[^\S\r\n]*(claimlint:[^\r\n]*)")


def parse(text: str) -> ParsedSource:
    """Cut ``text`` into paragraph segments and collect directive lines."""
    directives = []
    skip: list[tuple[int, int]] = []
    index: LineIndex | None = None
    for m in _DIRECTIVE_LINE.finditer(text):
        body = m.group(1).rstrip()[len("claimlint:") :]
        index = index or LineIndex(text)
        line, column = index.position(m.start(1))
        found = parse_directive(body, line, column)
        if found is not None:
            directives.append(found)
            skip.append(m.span())
    segments: list[Segment] = []
    for m in _PARA.finditer(text):
        ranges = _minus(m.start(), m.end(), skip)
        seg = build_segment(text, ranges, "paragraph", units=True) if ranges else None
        if seg is not None:
            segments.append(seg)
    return ParsedSource(segments, directives)


def _minus(a: int, b: int, holes: list[tuple[int, int]]) -> list[tuple[int, int]]:
    out = []
    cur = a
    for h_start, h_end in holes:
        if h_end <= cur or h_start >= b:
            continue
        if h_start > cur:
            out.append((cur, h_start))
        cur = max(cur, h_end)
    if cur < b:
        out.append((cur, b))
    return out


FORMAT = SourceFormat(
    name="text",
    extensions=(".txt", ".text"),
    parse=parse,
    doc="Plain text; paragraphs are separated by blank lines.",
)

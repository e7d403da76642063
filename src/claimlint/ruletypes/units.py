r"""Line anchors per unit of copy: ``^`` and ``$`` also hold at a table cell's or an ad line's edges.

A rule writes ``^`` for "where a line of copy starts" (a headline, a bullet,
a list of conditions standing alone). Sources join what a reader sees as
separate lines into one segment: a table row's cells with ``" | "``, an ad
batch's lines with a space, each joint recorded in ``Segment.breaks``. So a
regex anchored with ``^`` saw only the first cell of a row and ``$`` only
the last. A regex that uses a line anchor therefore also runs, in
multi-line mode, over a copy of the text of the same length where every
joint is a line break (a cell separator ``" | "`` becomes ``"\n|\n"``): the
anchors then meet each unit's edges while lookaheads still see the rest of
the row (``| Low back pain | 34% |`` stays a statistic). Its matches over
the text as written are kept too, so a pattern written for a whole row
(``^risk \| ...``) matches as before.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterator
from functools import lru_cache
from typing import TYPE_CHECKING

from claimlint.model import Rule, Segment
from claimlint.ruletypes.base import finditer
from claimlint.textutil import CELL_SEP

if TYPE_CHECKING:
    import regex


@lru_cache(maxsize=4096)
def uses_line_anchor(source: str) -> bool:
    """Whether the regex ``source`` has a ``^`` or ``$`` outside a character class (escapes skipped)."""
    depth = 0
    k = 0
    while k < len(source):
        ch = source[k]
        if ch == "\\":
            k += 2
            continue
        if ch == "[" and not depth:
            depth = 1
            k += 2 if source[k + 1 : k + 2] in ("^", "]") else 1
            continue
        if ch == "]" and depth:
            depth = 0
        elif ch in "^$" and not depth:
            return True
        k += 1
    return False


def unit_lines(text: str, breaks: tuple[int, ...]) -> str:
    """``text`` with the joint before every unit break turned into line breaks (same length, same offsets)."""
    chars = list(text)
    for brk in breaks:
        if text.startswith(CELL_SEP, brk - len(CELL_SEP)):
            chars[brk - 3] = chars[brk - 1] = "\n"
        elif brk and text[brk - 1] == " ":
            chars[brk - 1] = "\n"
    return "".join(chars)


@lru_cache(maxsize=1024)
def _multiline(source: str, flags: int) -> regex.Pattern[str]:
    import regex

    return regex.compile(source, flags | regex.MULTILINE)


def spans(pattern: regex.Pattern[str], seg: Segment, rule: Rule) -> Iterator[tuple[int, int]]:
    """Every match span of ``pattern`` in ``seg``: as written, then per unit if it uses a line anchor.

    A span may come twice (a match in the first unit); callers drop repeats.
    """
    for m in finditer(pattern, seg.text, rule):
        yield m.span()
    if seg.breaks and uses_line_anchor(pattern.pattern):
        lines = unit_lines(seg.text, seg.breaks)
        for m in finditer(_multiline(pattern.pattern, pattern.flags), lines, rule):
            yield _trimmed(seg, *m.span())


def _trimmed(seg: Segment, start: int, end: int) -> tuple[int, int]:
    """The span without a cell separator at its edges (a non-word run next to an anchor may take one)."""
    sep = _separator(seg, start)
    if sep is not None and start >= sep[0]:
        start = min(sep[1], end)
    sep = _separator(seg, end - 1)
    if sep is not None and end > sep[0]:
        end = max(sep[0], start)
    return start, end


def _separator(seg: Segment, pos: int) -> tuple[int, int] | None:
    """The ``[start, end)`` of the cell separator holding offset ``pos``, or None."""
    k = bisect_right(seg.breaks, pos)
    if k == len(seg.breaks):
        return None
    lo = seg.breaks[k] - len(CELL_SEP)
    if lo <= pos and seg.text.startswith(CELL_SEP, lo):
        return lo, seg.breaks[k]
    return None

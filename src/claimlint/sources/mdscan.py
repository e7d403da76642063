"""Where a Markdown body can be cut into groups of lines that parse on their own.

A *restart line* is a non-blank line at indent 0 right after a blank line
(or the first line), outside a top-level fenced code block. CommonMark
leaves nothing open across such a line: paragraphs, tables, setext headings
and reference definitions end at the blank line; block quotes, list items
and indented code cannot continue at indent 0 without an open paragraph.
Only top-level fences and HTML blocks of types 1 to 5 span blank lines, so
fences are tracked here and any line that may open an HTML block makes the
scan give up. Parsing from one restart line to the next therefore gives the
same blocks as parsing the whole file.

The scan is a handful of C-level regex passes; whenever a line could mean
more than one thing, it answers ``None`` and the caller parses everything.
A fence or HTML opener holding a pipe is one: markdown-it tries tables first,
so with a delimiter row below it the line heads a table instead.
"""

from __future__ import annotations

import re
import sys
from bisect import bisect_right
from collections.abc import Iterable

from markdown_it.rules_block.html_block import HTML_SEQUENCES

#: Lines that may open or close a fence or an HTML block: indent 0-3, then a fence or ``<``.
_EVENT = re.compile(r"^( {0,3})(?:(`{3,}|~{3,})([^\n]*)$|<)", re.MULTILINE)
#: A line start that follows a blank line and is not blank or indented itself.
_RESTART = re.compile(r"^[ \t]*\r?\n(?=[^ \t\r\n])", re.MULTILINE)
_BLANK = re.compile(r"^[ \t]*\r?$", re.MULTILINE)
_LONE_CR = re.compile(r"\r(?!\n)")
#: markdown-it's own start and end patterns of HTML blocks 1-5, the ones that span blank lines.
_SPANNING_HTML = [(start, end) for start, end, _ in HTML_SEQUENCES[:5]]


def restart_lines(body: str) -> list[int] | None:
    """0-based restart lines of ``body``, always starting with 0; None when unsure."""
    found = scan(body)
    return None if found is None else found[0]


def scan(body: str) -> tuple[list[int], list[tuple[int, int]]] | None:
    """Restart lines, and the line ranges ``[first, stop)`` of fenced code; None when unsure.

    Fenced code gives no segment, so a word inside it needs no parse.
    Lone CR line breaks are not handled (``^`` only knows LF).
    """
    if "\r" in body and _LONE_CR.search(body):
        return None
    spans = closed_spans(body)
    if spans is None:
        return None
    starts = [m.end() for m in _RESTART.finditer(body)]
    if spans:
        starts = [pos for pos in starts if not _inside(spans, pos)]
    lines = [0]
    count = prev = 0
    for pos in starts:
        count += body.count("\n", prev, pos)
        prev = pos
        lines.append(count)
    return lines, _code_lines(body, spans)


def _code_lines(body: str, spans: list[tuple[int, int, bool]]) -> list[tuple[int, int]]:
    """Line ranges of the fences' content and closer lines."""
    out = []
    count = prev = 0
    for start, end, fence in spans:
        if fence:
            count += body.count("\n", prev, start)
            first = count + 1
            count += body.count("\n", start, end)
            prev = end
            out.append((first, count + 1))
    return out


def closed_spans(body: str) -> list[tuple[int, int, bool]] | None:
    """Offsets ``(end of first line, end of last line, is a fence)`` of top-level fences and HTML blocks 1-5.

    No restart line lies inside one. None when a line could open one, or
    close one, depending on context the scan does not track (an indented
    fence that may belong to a list item, an HTML block inside a paragraph).
    """
    spans: list[tuple[int, int, bool]] = []
    opener: re.Match[str] | None = None
    resume = 0
    for m in _EVENT.finditer(body):
        if m.start() < resume:
            continue
        if opener is not None:
            if m.group(2) and _closes(opener, m):
                if not _fence_agrees(body, opener, m):
                    return None
                spans.append((opener.end(), m.end(), True))
                opener = None
        elif body.find("|", m.start(), _line_end(body, m.start())) >= 0:
            return None
        elif m.group(2):
            if m.group(2)[0] == "~" or "`" not in m.group(3):
                opener = m
        else:
            end = _html(body, m, spans)
            if end is None:
                return None
            resume = end
    if opener is not None:
        if opener.group(1):
            return None
        spans.append((opener.end(), len(body), True))
    return spans


def _fence_agrees(body: str, opener: re.Match[str], closer: re.Match[str]) -> bool:
    """Whether an indented fence means the same at top level and inside a list item.

    It does when no line up to its closer is indented less than its opener:
    a list item holding the opener then holds the whole fence.
    """
    indent = len(opener.group(1))
    if not indent:
        return True
    if len(closer.group(1)) < indent:
        return False
    shallower = re.compile(rf"^ {{0,{indent - 1}}}(?=[^ \t\r\n])", re.MULTILINE)
    return shallower.search(body, opener.end(), closer.start()) is None


def _html(body: str, m: re.Match[str], spans: list[tuple[int, int, bool]]) -> int | None:
    """Where scanning resumes after a ``<`` line; records a multi-line HTML block 1-5 in ``spans``.

    Any other ``<`` line (HTML block 6 or 7, or paragraph text) ends by the
    next blank line, so only a fence or a spanning HTML block starting
    before it could change the fence tracking: then the scan gives up.
    """
    indent = len(m.group(1))
    line_end = _line_end(body, m.start())
    end = _spanning_end(body, m.start() + indent, line_end)
    if end is not None:
        if end > line_end:
            if indent:
                return None
            spans.append((line_end, end, False))
        return end
    blank = _BLANK.search(body, min(line_end + 1, len(body)))
    stop = blank.start() if blank else len(body)
    for inner in _EVENT.finditer(body, line_end, stop):
        if inner.group(2):
            return None
        inner_end = _line_end(body, inner.start())
        if _spanning_end(body, inner.end() - 1, inner_end) not in (None, inner_end):
            return None
    return stop


def _spanning_end(body: str, pos: int, line_end: int) -> int | None:
    """End of the line that closes the HTML block 1-5 starting at ``pos``, or None if none starts there."""
    text = body[pos:line_end]
    for start, end in _SPANNING_HTML:
        if start.search(text):
            found = end.search(body, pos)
            return _line_end(body, found.end()) if found else len(body)
    return None


def _line_end(body: str, pos: int) -> int:
    """Offset of the LF ending the line at ``pos`` (or the end of ``body``)."""
    end = body.find("\n", pos)
    return len(body) if end < 0 else end


def _closes(opener: re.Match[str], line: re.Match[str]) -> bool:
    """Whether a fence-like line closes ``opener``: same character, at least as long, nothing after."""
    mark, fence = line.group(2), opener.group(2)
    return mark[0] == fence[0] and len(mark) >= len(fence) and not line.group(3).strip(" \t\r")


def _inside(spans: list[tuple[int, int, bool]], pos: int) -> bool:
    """Whether ``pos`` lies within a fence's content or closer (the opener line may restart)."""
    k = bisect_right(spans, (pos, sys.maxsize, True)) - 1
    return k >= 0 and spans[k][0] <= pos <= spans[k][1]


def groups(restarts: list[int], wanted: Iterable[int], line_count: int) -> list[tuple[int, int]]:
    """Line ranges ``[first, stop)`` of the groups holding a ``wanted`` line, neighbours merged."""
    chosen = sorted({bisect_right(restarts, line) - 1 for line in wanted if 0 <= line < line_count})
    out: list[tuple[int, int]] = []
    for k in chosen:
        first = restarts[k]
        stop = restarts[k + 1] if k + 1 < len(restarts) else line_count
        if out and out[-1][1] == first:
            out[-1] = (out[-1][0], stop)
        else:
            out.append((first, stop))
    return out


def outside(ranges: list[tuple[int, int]], lines: list[int]) -> list[int]:
    """The sorted ``lines`` that fall in none of the sorted, disjoint ``ranges``."""
    if not ranges:
        return lines
    out = []
    k = 0
    for line in lines:
        while k < len(ranges) and ranges[k][1] <= line:
            k += 1
        if k == len(ranges) or line < ranges[k][0]:
            out.append(line)
    return out

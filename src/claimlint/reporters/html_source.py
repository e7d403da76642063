"""One file's copy as numbered lines, with every flagged span turned into a highlight link.

Highlights are cut per line (a claim that wraps onto the next line becomes
one highlight per line) and where findings overlap the line is cut at every
boundary, so tags never cross and each piece lists all findings covering it.
Line numbers come from a CSS counter: copying text from the report copies the
copy, not the numbers, and plain lines cost a few bytes of markup each.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Collection, Iterable, Sequence
from html import escape
from itertools import pairwise

from claimlint.model import Finding, Severity
from claimlint.textutil import LineIndex

_BREAK = re.compile(r"\r\n|\r|\n")

Span = tuple[int, int, int]


def finding_span(finding: Finding, index: LineIndex) -> tuple[int, int]:
    """Original offsets of a finding; falls back to line/column for plugins that omit them."""
    if finding.end > finding.start:
        return finding.start, finding.end
    start = index.offset(finding.line, finding.column)
    return start, max(index.offset(finding.end_line, finding.end_column), start)


def split_lines(text: str) -> list[str]:
    """Lines as an editor numbers them, without the empty one after a final line break.

    Breaks are CRLF, CR or LF, exactly as :class:`~claimlint.textutil.LineIndex` counts them.
    """
    lines = _BREAK.split(text)
    if len(lines) > 1 and not lines[-1]:
        lines.pop()
    return lines


def line_pieces(start: int, end: int, spans: Sequence[Span]) -> list[tuple[int, int, tuple[int, ...]]]:
    """Cut one line ``[start, end)`` where any span begins or ends.

    Each piece lists the finding numbers covering all of it, so overlapping
    findings become adjacent pieces (never crossed tags) and a merged passage
    keeps every rule that flagged it.
    """
    cuts = {start, end}
    for s, e, _ in spans:
        cuts.add(min(max(s, start), end))
        cuts.add(min(max(e, start), end))
    pieces: list[tuple[int, int, tuple[int, ...]]] = []
    for a, b in pairwise(sorted(cuts)):
        cover = tuple(n for s, e, n in spans if s <= a and e >= b)
        if pieces and pieces[-1][2] == cover:
            pieces[-1] = (pieces[-1][0], b, cover)
        else:
            pieces.append((a, b, cover))
    return pieces


def worst(severities: Iterable[str]) -> str:
    """The most severe of some severity names ("" when there are none)."""
    known = [s for s in severities if s]
    return max(known, key=Severity.parse) if known else ""


def spans_by_line(starts: Sequence[int], spans: Iterable[Span]) -> dict[int, list[Span]]:
    """0-based line → the spans touching it; empty spans are dropped."""
    out: dict[int, list[Span]] = {}
    for s, e, n in spans:
        if e <= s:
            continue
        for line in range(bisect_right(starts, s) - 1, bisect_right(starts, e - 1)):
            out.setdefault(line, []).append((s, e, n))
    return out


class SourceRenderer:
    """Renders a file's text; ``findings`` are ``(number, finding)`` pairs to highlight."""

    def __init__(self, text: str, file_number: int, findings: Sequence[tuple[int, Finding]]) -> None:
        self.text = text
        self.file_number = file_number
        self.index = LineIndex(text)
        self.severity = {n: str(f.severity) for n, f in findings}
        self.by_line = spans_by_line(self.index.starts, [(*finding_span(f, self.index), n) for n, f in findings])

    def render(self, label: str, anchor_lines: Collection[int] = ()) -> str:
        """The whole ``<div class="source">``; lines in ``anchor_lines`` (1-based) get ids."""
        rows = []
        for i, body in enumerate(split_lines(self.text)):
            spans = self.by_line.get(i)
            if spans:
                rows.append(self._flagged(i, body, spans))
            elif i + 1 in anchor_lines:
                rows.append(f'<div class="line" id="{self._anchor(i)}">{escape(body)}</div>')
            else:
                rows.append(f'<div class="line">{escape(body)}</div>')
        return f'<div class="source" role="region" aria-label="{escape(label)}">{"".join(rows)}</div>'

    def _anchor(self, i: int) -> str:
        return f"f{self.file_number}-L{i + 1}"

    def _flagged(self, i: int, body: str, spans: list[Span]) -> str:
        start = self.index.starts[i]
        parts: list[str] = []
        flagged: set[int] = set()
        for a, b, cover in line_pieces(start, start + len(body), spans):
            chunk = escape(self.text[a:b])
            if cover:
                continuation = all(s < a for s, _, n in spans if n in cover)
                chunk = self._highlight(chunk, cover, continuation)
                flagged.update(cover)
            parts.append(chunk)
        sev = worst(self.severity[n] for n in flagged)
        if not sev:
            return f'<div class="line" id="{self._anchor(i)}">{"".join(parts)}</div>'
        return f'<div class="line" id="{self._anchor(i)}" data-sev="{sev}">{"".join(parts)}</div>'

    def _highlight(self, chunk: str, cover: tuple[int, ...], continuation: bool) -> str:
        ordered = sorted(cover, key=lambda n: (-Severity.parse(self.severity[n]), n))
        described = " ".join(f"fs-{n} fm-{n}" for n in ordered)
        href = f"#fd-{ordered[0]}"
        multi = " multi" if len(cover) > 1 else ""
        tab = ' tabindex="-1"' if continuation else ""
        return (
            f'<a class="hl{multi}" href="{href}" data-href="{href}" data-ids="{" ".join(map(str, ordered))}" '
            f'data-sev="{self.severity[ordered[0]]}" aria-describedby="{described}" data-described="{described}" '
            f'aria-controls="pop" aria-expanded="false"{tab}>{chunk}</a>'
        )

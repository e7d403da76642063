"""A document's reference list and the citation markers that point into it.

Not a rule type itself: the reference-aware types (``cited``) share it. It
works on segments only, so it serves every source format. An entry starts
at the beginning of an original line, optionally after a list bullet or
markup: ``[3] ...`` is reference 3; ``3. ...`` is reference 3 when it looks
like a citation; an unnumbered citation-like line (``- Chitneni A (2021).
Title ...``) is numbered by its order among such lines, which is how
copy that cites ``[1]`` against an unnumbered list is meant to be read.
Markers are ``[2]``, ``[1, 3]``, ``[1-3]`` and ``(Surname et al., 2021)``.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cached_property

import regex

from claimlint.api import DocView
from claimlint.model import Segment


class _Patterns:
    """The reference-list regexes, compiled on first use: most pages never reach a ``cited`` rule."""

    @cached_property
    def candidate(self) -> regex.Pattern[str]:
        return regex.compile(r"(?:^|(?<=\s))(?:\[(\d{1,3})\]|(\d{1,3})[.)]|[-*•–])(?=\s)")

    @cached_property
    def prefix(self) -> regex.Pattern[str]:
        return regex.compile(r"(?:\s|<[^>\n]*>|[-*+•>#|]|\[?(\d{1,3})[.)\]])*")

    @cached_property
    def bullet(self) -> regex.Pattern[str]:
        return regex.compile(r"[-*+•]")

    @cached_property
    def year(self) -> regex.Pattern[str]:
        return regex.compile(r"\b(?:19|20)\d{2}[a-z]?\b")

    @cached_property
    def citation_like(self) -> regex.Pattern[str]:
        return regex.compile(
            r"\bdoi\b|https?://|\bet al\b|\bnewsroom\b|\bpress release\b|\b[A-Z][\w'’-]+,\s+[A-Z]\."
            r"|\(\s*(?:19|20)\d{2}|\b\d+\s*\(\d+\)|\bjournal\b|\bPMID\b",
            regex.IGNORECASE,
        )

    @cached_property
    def title(self) -> regex.Pattern[str]:
        return regex.compile(r"\((?:19|20)\d{2}[^)]{0,40}\)\.?\s+(.+?[.?!])(?=\s|$)")

    @cached_property
    def marker(self) -> regex.Pattern[str]:
        return regex.compile(r"\[(\d{1,3}(?:\s*[,;–-]\s*\d{1,3})*)\]")

    @cached_property
    def author_year(self) -> regex.Pattern[str]:
        return regex.compile(
            r"\(([A-Z][\w'’-]+)(?:\s+et\s+al\.?|\s+(?:and|&)\s+[A-Z][\w'’-]+)?,?\s+((?:19|20)\d{2})[a-z]?\)"
        )


_RX = _Patterns()
MAX_ENTRY = 1000


@dataclass(frozen=True)
class Reference:
    """One reference-list entry; spans are in ``segment.text``."""

    number: int
    numbered: bool
    segment: Segment
    start: int
    end: int
    title: tuple[int, int]

    @property
    def text(self) -> str:
        """The entry's text, marker included."""
        return self.segment.text[self.start : self.end]


@dataclass(frozen=True)
class Citation:
    """A marker in the copy and the references it resolves to."""

    segment: Segment
    start: int
    end: int
    references: tuple[Reference, ...]


def references(doc: DocView) -> list[Reference]:
    """The reference list of ``doc`` (computed once per document)."""
    cache = doc.__dict__.setdefault("_references", None)
    if cache is None:
        cache = _parse_references(doc)
        doc.__dict__["_references"] = cache
    return list(cache)


def citations(doc: DocView) -> list[Citation]:
    """Every marker outside the reference list that resolves to an entry."""
    refs = references(doc)
    if not refs:
        return []
    numbered = {r.number: r for r in refs if r.numbered}
    ordered = numbered or {r.number: r for r in refs}
    inside = {(id(r.segment), r.start, r.end) for r in refs}
    out: list[Citation] = []
    for seg in doc.segments:
        spans = [(a, b) for sid, a, b in inside if sid == id(seg)]
        for m in _RX.marker.finditer(seg.text):
            if any(a <= m.start() < b for a, b in spans):
                continue
            found = tuple(ordered[n] for n in _numbers(m.group(1)) if n in ordered)
            if found:
                out.append(Citation(seg, m.start(), m.end(), found))
        for m in _RX.author_year.finditer(seg.text):
            if any(a <= m.start() < b for a, b in spans):
                continue
            found = tuple(r for r in refs if _is_by(r, m.group(1), m.group(2)))
            if found:
                out.append(Citation(seg, m.start(), m.end(), found))
    return out


def _numbers(group: str) -> list[int]:
    out: list[int] = []
    for part in regex.split(r"\s*[,;]\s*", group):
        bounds = regex.split(r"\s*[–-]\s*", part)
        if len(bounds) == 2 and bounds[0].isdigit() and bounds[1].isdigit():
            low, high = int(bounds[0]), int(bounds[1])
            out.extend(range(low, min(high, low + 50) + 1))
        elif part.isdigit():
            out.append(int(part))
    return out


def _is_by(ref: Reference, surname: str, year: str) -> bool:
    head = regex.sub(r"^\s*(?:\[\d+\]|\d+[.)]|[-*•–])?\s*", "", ref.text)[:80].lower()
    return head.startswith(surname.lower()) and year in ref.text


def _parse_references(doc: DocView) -> tuple[Reference, ...]:
    entries: list[tuple[int | None, Segment, int, int]] = []
    for seg in doc.segments:
        entries.extend(_entries_in(doc.text, seg))
    out: list[Reference] = []
    order = 0
    for number, seg, start, end in entries:
        if number is None:
            order += 1
        title = _title(seg, start, end)
        out.append(Reference(number or order, number is not None, seg, start, end, title))
    return tuple(out)


def _entries_in(source: str, seg: Segment) -> list[tuple[int | None, Segment, int, int]]:
    """Line-start entries of one segment: ``(number or None, segment, start, end)``."""
    starts = _line_starts(source, seg)
    out: list[tuple[int | None, Segment, int, int]] = []
    for i, (pos, number, bracketed, bulleted) in enumerate(starts):
        end = starts[i + 1][0] if i + 1 < len(starts) else len(seg.text)
        if len(starts) > 1 or end > MAX_ENTRY:
            end = min(end, _line_end(source, seg, pos))
        end = min(end, pos + MAX_ENTRY)
        body = seg.text[pos:end]
        if bracketed or ((number is not None or bulleted) and _looks_cited(body)):
            out.append((number, seg, pos, end))
    return out


def _line_starts(source: str, seg: Segment) -> list[tuple[int, int | None, bool, bool]]:
    """Positions in ``seg.text`` that begin an original line: (pos, number, bracketed, bulleted)."""
    found: list[tuple[int, int | None, bool, bool]] = []
    positions = [0] + [m.start() for m in _RX.candidate.finditer(seg.text) if m.start() > 0]
    for pos in positions:
        orig = seg.to_original(pos, pos + 1)[0]
        line_start = source.rfind("\n", 0, orig) + 1
        prefix = _RX.prefix.fullmatch(source, line_start, orig)
        if prefix is None:
            continue
        marker = _RX.candidate.match(seg.text, pos)
        if marker and (marker.group(1) or marker.group(2)):
            found.append((pos, int(marker.group(1) or marker.group(2)), bool(marker.group(1)), False))
        elif prefix.group(1):
            found.append((pos, int(prefix.group(1)), "]" in prefix.group(0), False))
        else:
            bulleted = bool(marker) or bool(_RX.bullet.search(prefix.group(0)))
            found.append((pos, None, False, bulleted))
    return found


def _looks_cited(body: str) -> bool:
    return bool(_RX.year.search(body)) and bool(_RX.citation_like.search(body))


def _line_end(source: str, seg: Segment, pos: int) -> int:
    orig = seg.to_original(pos, pos + 1)[0]
    newline = source.find("\n", orig)
    if newline < 0:
        return len(seg.text)
    return _seg_pos(seg, newline)


def _seg_pos(seg: Segment, orig: int) -> int:
    """The position in ``seg.text`` of original offset ``orig`` (inverse map)."""
    k = max(bisect_right(list(seg.orig_starts), orig) - 1, 0)
    off = orig - seg.orig_starts[k]
    if off >= seg.orig_lens[k]:
        return seg.seg_starts[k] + seg.seg_lens[k]
    if seg.seg_lens[k] == seg.orig_lens[k]:
        return seg.seg_starts[k] + off
    return seg.seg_starts[k]


def _title(seg: Segment, start: int, end: int) -> tuple[int, int]:
    m = _RX.title.search(seg.text, start, end)
    if m:
        return m.span(1)
    body = _RX.candidate.match(seg.text, start)
    lo = body.end() if body else start
    while lo < end and seg.text[lo].isspace():
        lo += 1
    return lo, end


def citing_sentence(doc: DocView, citation: Citation) -> tuple[int, int]:
    """The sentence a marker belongs to: its own, or the previous one when it opens a sentence."""
    seg = citation.segment
    lo, hi = doc.sentence(seg, citation.start, citation.end)
    if not seg.text[lo : citation.start].strip() and lo > 1:
        prev_lo, _ = doc.sentence(seg, lo - 2, lo - 1)
        return prev_lo, hi
    return lo, hi


def entries_matching(refs: Sequence[Reference], patterns: Sequence[regex.Pattern[str]]) -> list[Reference]:
    """References whose text matches one of ``patterns``."""
    return [r for r in refs if any(p.search(r.text) for p in patterns)]

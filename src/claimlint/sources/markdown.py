"""Markdown (CommonMark + GFM tables): prose blocks as segments, code and URLs skipped.

markdown-it-py supplies only the block structure (token types and line
maps); its inline parser, which would cost more than everything else, is
disabled. Each block's lines are located in the original text, inline
markup is masked by :mod:`claimlint.sources.inline`, and the visible ranges
go to :func:`build_segment`, so every segment maps back to exact offsets.
HTML blocks reuse the HTML source's extraction; front matter contributes
only its ``title`` and ``description``. Fenced code, ATX headings and plain
paragraphs standing alone between blank lines are read without markdown-it
(see :meth:`_Document.body`).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from itertools import accumulate, pairwise, repeat
from operator import add

from markdown_it import MarkdownIt
from markdown_it.token import Token

from claimlint.api import AnchorFinder, ParsedSource, SourceFormat
from claimlint.model import Directive, Segment
from claimlint.sources import frontmatter, inline, mdscan
from claimlint.sources.directives import parse_directive
from claimlint.sources.html import LazyIndex, extract_html
from claimlint.textutil import build_segment, join_cells

_LINE_BREAK = re.compile(r"\r\n|\r|\n")
_LONE_CR = re.compile(r"\r(?!\n)")
_CONTAINER = re.compile(r"[ \t]*(?:>[ \t]?)*[ \t]*(?:(?:[-+*]|\d{1,9}[.)])[ \t]+)?")
_PIPE = re.compile(r"(?<!\\)\|")
_NON_SPACE = re.compile(r"\S")
_NOT_BREAK = re.compile(r"[^\r\n]+")
_CONTAINERS = {
    "blockquote_open": "blockquote",
    "bullet_list_open": "list",
    "ordered_list_open": "list",
}
_CLOSERS = frozenset({"blockquote_close", "bullet_list_close", "ordered_list_close"})
_DEEP_OPENERS = frozenset({*_CONTAINERS, "list_item_open"})
#: Tokens that change nothing for the walk (closers of leaf blocks, code, rules).
_PASSIVE = frozenset(
    {
        *("paragraph_close", "heading_close", "list_item_close", "td_close", "th_close"),
        *("thead_open", "thead_close", "tbody_open", "tbody_close", "table_open", "table_close"),
        *("fence", "code_block", "hr"),
    }
)
#: A line that can only open or continue a paragraph: after spaces and tabs, a letter, a digit
#: that starts no ordered-list marker, punctuation that opens no block (no ``#>+=|:<``), one or
#: two backticks or tildes (three open a fence), ``*`` or ``_`` runs followed by text (not a list
#: item or rule), or dashes followed by a letter or digit (not a list item, rule, setext underline
#: or table delimiter row). ``[`` may open a reference definition: :meth:`_Document._fast_group` checks.
_PLAIN_LINES = re.compile(
    r"(?:[ \t]*(?:[^\W\d_]|[0-9](?![0-9]{0,8}[.)](?:[ \t]|\r?\n|\r?\Z))|[!\"$%&'(),./;?@\\^\[]"
    r"|`{1,2}(?!`)|~{1,2}(?!~)|\*+(?=[^\s*])|_+(?=[^\s_])|-+(?=[^\W_]))[^\n]*(?:\n|\Z))*"
)
#: Lines of only spaces and tabs, up to the end of the searched range.
_BLANK_LINES = re.compile(r"(?:[ \t]*\r?(?:\n|\Z))*")
_ATX = re.compile(r"#{1,6}(?=[ \t]|$)")
_DEEP_PREFIX = re.compile(r"[ \t]*(?:(?:>[ \t]?|(?:[-+*]|\d{1,9}[.)])[ \t]+)[ \t]*)*")


def _parser() -> MarkdownIt:
    md = MarkdownIt("commonmark").enable("table")
    md.disable(["inline", "text_join"])
    return md


_MD = _parser()
#: markdown-it drops everything nested deeper than this; such blocks are linted line by line.
_DEEPEST = int(_MD.options["maxNesting"]) - 1


class _Document:
    """One file being cut into segments."""

    def __init__(self, text: str, mdx: bool) -> None:
        self.text = text
        self.mdx = mdx
        self.segments: list[Segment] = []
        self.directives: list[Directive] = []
        self.index = LazyIndex(text)
        self.starts = _line_starts(text)

    def line_end(self, i: int) -> int:
        """Offset just before line ``i``'s break (0-based line)."""
        text, starts = self.text, self.starts
        if i + 1 >= len(starts):
            return len(text)
        end = starts[i + 1]
        if text[end - 1] == "\n":
            end -= 1
        if end > starts[i] and text[end - 1] == "\r":
            end -= 1
        return end

    def run(self, source: str, first_line: int) -> None:
        """Walk the block tokens of ``source``, whose line 0 is ``first_line``."""
        stack: list[str] = []
        kind = "paragraph"
        table_cells = -1
        deep_until = -1
        for tok in _MD.parse(source):
            t = tok.type
            if t == "inline":
                if tok.map and table_cells < 0:
                    self.block(tok, first_line, kind, "blockquote" in stack)
                continue
            if t in _PASSIVE:
                continue
            if t in _DEEP_OPENERS and tok.level >= _DEEPEST and tok.map and tok.map[0] >= deep_until:
                deep_until = tok.map[1]
                self.too_deep(tok.map[0] + first_line, tok.map[1] + first_line)
            if t in _CONTAINERS:
                stack.append(_CONTAINERS[t])
            elif t in _CLOSERS:
                stack.pop()
            elif t == "heading_open":
                kind = "heading"
            elif t == "paragraph_open":
                kind = stack[-1] if stack else "paragraph"
            elif t == "html_block" and tok.map:
                self.html_block(tok, first_line, stack[-1] if stack else "paragraph")
            elif t == "tr_open":
                table_cells = 0
                row = tok.map[0] + first_line if tok.map else -1
            elif t in ("th_open", "td_open"):
                table_cells += 1
            elif t == "tr_close":
                self.table_row(row, table_cells, bool(stack))
                table_cells = -1

    def body(self, body: str, first: int) -> None:
        """Parse ``body`` (file line ``first`` on), leaving markdown-it the groups only it can read.

        The body is cut at restart lines (:mod:`claimlint.sources.mdscan`),
        where CommonMark leaves nothing open, so each group of lines parses
        on its own as it does within the file. A group that is only a fenced
        code block gives nothing; one that is only an ATX heading and plain
        paragraph lines (each line opening with a character no other block
        starts with) is read here. Each run of the other groups goes to
        markdown-it in one call. On dense docs pages that spares markdown-it
        about 90% of the lines.
        """
        plan = mdscan.scan(body) if "\0" not in body else None
        count = len(self.starts) - first
        if plan is None:
            self.run(body, first)
            return
        restarts, code = plan
        fences = {start - 1: stop for start, stop in code}
        base = self.starts[first]
        slow = -1
        for a, b in pairwise([*restarts, count]):
            fence = fences.get(a)
            found = self._fast_group(first + a, first + b, None if fence is None else first + fence)
            if found is None:
                slow = a if slow < 0 else slow
                continue
            if slow >= 0:
                self.run(body[self.starts[first + slow] - base : self.starts[first + a] - base], first + slow)
                slow = -1
            for ranges, kind in found:
                self.inline(ranges, kind)
        if slow >= 0:
            self.run(body[self.starts[first + slow] - base :], first + slow)

    def _fast_group(self, a: int, b: int, fence_stop: int | None) -> list[tuple[list[tuple[int, int]], str]] | None:
        """The blocks of file lines ``[a, b)`` when they need no markdown-it, else None.

        ``fence_stop`` is the line after the fenced code block that opens the
        group, if one does. Line ``a`` follows a blank line (or opens the body).
        """
        text, starts = self.text, self.starts
        stop = starts[b] if b < len(starts) else len(text)
        if fence_stop is not None:
            return [] if self._blank(fence_stop, stop) else None
        start = starts[a]
        if start >= len(text) or text[start] in " \t\r\n":
            return None
        found = []
        k = a
        if text[start] == "#":
            heading = _ATX.match(text, start, self.line_end(a))
            if heading is None:
                return None
            span = self._heading(a, heading.end())
            if span is not None:
                found.append(([span], "heading"))
            k += 1
            if k == b:
                return found
            if text.startswith((" ", "\t"), starts[k]) and not self._blank(k, self.line_end(k)):
                return None
        para = starts[k]
        plain = _PLAIN_LINES.match(text, para, stop)
        after = plain.end() if plain else para
        if after > para:
            end = after
            while text[end - 1].isspace():
                end -= 1
            if text[para] == "[" and text.find("]:", para, end) >= 0:
                return None
            found.append(([(para, end)], "paragraph"))
        return found if _BLANK_LINES.fullmatch(text, after, stop) else None

    def _heading(self, i: int, pos: int) -> tuple[int, int] | None:
        """Where an ATX heading's text sits (``pos`` is past its ``#`` run), as markdown-it and :meth:`block` see it."""
        text = self.text
        end = self.line_end(i)
        while end > pos and text[end - 1] in " \t":
            end -= 1
        tail = end
        while tail > pos and text[tail - 1] == "#":
            tail -= 1
        if tail > pos and text[tail - 1] in " \t":
            end = tail
        wanted = text[pos:end].strip()
        return self._locate(i, wanted) if wanted else None

    def _blank(self, a: int, stop: int) -> bool:
        """Whether the text from file line ``a`` to offset ``stop`` is lines of only spaces and tabs."""
        return a >= len(self.starts) or _BLANK_LINES.fullmatch(self.text, self.starts[a], stop) is not None

    def too_deep(self, first: int, stop: int) -> None:
        """Lines whose nesting markdown-it gave up on: container markers stripped, one segment per item.

        Without this, text inside 20 or more nested lists or quotes would
        silently go unlinted.
        """
        group: list[tuple[int, int]] = []
        for i in range(first, stop):
            end = self.line_end(i)
            start = _DEEP_PREFIX.match(self.text, self.starts[i], end).end()  # type: ignore[union-attr]
            while end > start and self.text[end - 1].isspace():
                end -= 1
            marker = not _is_blank(self.text, self.starts[i], start)
            if group and (end <= start or marker):
                self.inline(group, "list")
                group = []
            if end > start:
                group.append((start, end))
        if group:
            self.inline(group, "list")

    def block(self, tok: Token, first_line: int, kind: str, quoted: bool) -> None:
        """A paragraph or heading: locate its content lines, then mask inline markup.

        Outside blockquotes only whitespace separates a block's lines, so the
        first and last line are enough to give one contiguous range.
        """
        line = (tok.map[0] if tok.map else 0) + first_line
        content = tok.content
        if not quoted and "\n" in content:
            head, _, rest = content.partition("\n")
            body_start = self._locate(line, head.strip())
            body_end = self._locate(line + content.count("\n"), rest.rpartition("\n")[2].strip())
            if body_start is not None and body_end is not None:
                self.inline([(body_start[0], body_end[1])], kind)
                return
        pieces = []
        for k, part in enumerate(content.split("\n")):
            wanted = part.strip()
            if wanted:
                span = self._locate(line + k, wanted)
                if span is not None:
                    pieces.append(span)
        if pieces:
            self.inline(pieces, kind)

    def _locate(self, i: int, wanted: str) -> tuple[int, int] | None:
        """Where a line's content ``wanted`` sits; it ends the line unless a heading closes it."""
        text = self.text
        start = self.starts[i]
        end = self.line_end(i)
        while end > start and text[end - 1].isspace():
            end -= 1
        a = end - len(wanted)
        if a >= start and text.startswith(wanted, a):
            return a, end
        found = text.rfind(wanted, start, end)
        if found >= 0:
            return found, found + len(wanted)
        if "\ufffd" in wanted and a >= start and text[a:end].replace("\0", "\ufffd") == wanted:
            return a, end
        return None

    def inline(self, pieces: list[tuple[int, int]], kind: str) -> None:
        """Mask inline markup over ``pieces`` (one per line) and emit the segments.

        Lines separated only by whitespace are scanned in place; otherwise
        (blockquote markers between lines) a copy with the markers blanked is.
        """
        text = self.text
        lo, hi = pieces[0][0], pieces[-1][1]
        if len(pieces) == 1 or all(_is_blank(text, b, a) for (_, b), (a, _) in pairwise(pieces)):
            source, base = text, 0
        else:
            source, base = _blank_gaps(text, pieces), lo
        masked = inline.scan(source, lo - base, hi - base, self.mdx)
        if not masked.hidden:
            self.emit(pieces if len(pieces) == 1 else _merge(text, pieces), kind)
            return
        hidden = [(a + base, b + base) for a, b in masked.hidden] if base else masked.hidden
        visible = _merge(text, _visible(pieces, hidden))
        for group in _split(visible, [p + base for p in masked.breaks]):
            self.emit(group, kind)
        for a, b in masked.alts:
            sub = inline.scan(source, a, b, self.mdx).hidden
            self.emit(_visible(_clip(pieces, a + base, b + base), [(x + base, y + base) for x, y in sub]), "alt")
        for a, b, body in masked.comments:
            self.directive(body, a + base, b + base)
        for a, b in masked.attributed:
            fed = source[a:b] if base else None
            self.segments.extend(extract_html(text, a + base, b + base, masked=fed, index=self.index)[0])

    def emit(self, ranges: list[tuple[int, int]], kind: str) -> None:
        """Build one segment from visible ranges (nothing if they hold no text); lines may start sentences."""
        if ranges:
            text = self.text
            decode = inline.decode if text.find("&", ranges[0][0], ranges[-1][1]) >= 0 else None
            seg = build_segment(text, ranges, kind, decode, units=True)
            if seg is not None:
                self.segments.append(seg)

    def directive(self, body: str, a: int, b: int) -> None:
        """Record a suppression comment found at ``text[a:b]``."""
        if "claimlint-" not in body:
            return
        line, col = self.index.position(a)
        found = parse_directive(body, line, col, self.index.position(b - 1)[0])
        if found is not None:
            self.directives.append(found)

    def html_block(self, tok: Token, first_line: int, kind: str) -> None:
        """Lint an HTML block's text like the HTML source, container prefixes blanked."""
        if tok.map is None:
            return
        text = self.text
        first = tok.map[0] + first_line
        parts = []
        for k, content in enumerate(tok.content.split("\n")[: tok.map[1] - tok.map[0]]):
            start, end = self.starts[first + k], self.line_end(first + k)
            body = len(content.lstrip())
            parts.append(" " * (end - body - start) + text[end - body : end])
            nxt = self.starts[first + k + 1] if first + k + 1 < len(self.starts) else len(text)
            parts.append(text[end:nxt])
        last = first + tok.map[1] - tok.map[0] - 1
        stop = self.line_end(last)
        masked = "".join(parts)[: stop - self.starts[first]]
        segments, directives = extract_html(text, self.starts[first], stop, masked=masked, kind=kind, index=self.index)
        self.segments.extend(segments)
        self.directives.extend(directives)

    def table_row(self, i: int, cells: int, nested: bool) -> None:
        """A table row (the header row too) is one segment, each cell a unit of it (:func:`join_cells`).

        A claim in a table is a row: "Pain score | 9/10 | 2/10" says nothing
        cell by cell. Alt text and attribute segments of the cells stay apart.
        """
        if i < 0:
            return
        text = self.text
        start, end = self.starts[i], self.line_end(i)
        if nested:
            start = _CONTAINER.match(text, start, end).end()  # type: ignore[union-attr]
        while end > start and text[end - 1].isspace():
            end -= 1
        bounds = [start - 1, *(m.start() for m in _PIPE.finditer(text, start, end)), end]
        columns = list(pairwise(bounds))
        if len(columns) > 1 and not text[start : columns[0][1]].strip():
            columns.pop(0)
        if len(columns) > 1 and columns[-1][1] - columns[-1][0] == 1 and text[end - 1] == "|":
            columns.pop()
        row: list[list[Segment]] = []
        others: list[Segment] = []
        for a, b in columns[:cells]:
            mark = len(self.segments)
            self.inline([(a + 1, b)], "table")
            row.append([seg for seg in self.segments[mark:] if seg.kind == "table"])
            others.extend(seg for seg in self.segments[mark:] if seg.kind != "table")
            del self.segments[mark:]
        joined = join_cells(row)
        if joined is not None:
            self.segments.append(joined)
        self.segments.extend(others)


def _line_starts(text: str) -> list[int]:
    r"""Offsets where each line begins; ``\r\n``, ``\r`` and ``\n`` all break lines."""
    if "\r" in text:
        return [0, *(m.end() for m in _LINE_BREAK.finditer(text))]
    return list(accumulate(map(add, map(len, text.split("\n")), repeat(1)), initial=0))[:-1]


def _is_blank(text: str, a: int, b: int) -> bool:
    return a >= b or _NON_SPACE.search(text, a, b) is None


def _blank_gaps(text: str, pieces: list[tuple[int, int]]) -> str:
    """``text`` over the pieces' span, with container markup between them blanked."""
    out = []
    for (a, b), nxt in zip(pieces, [*pieces[1:], None], strict=False):
        out.append(text[a:b])
        if nxt is not None:
            out.append(_NON_SPACE.sub(" ", text[b : nxt[0]]))
    return "".join(out)


def _visible(pieces: list[tuple[int, int]], hidden: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """``pieces`` minus the ``hidden`` spans (both sorted)."""
    out = []
    h = 0
    n = len(hidden)
    for a, b in pieces:
        while h < n and hidden[h][1] <= a:
            h += 1
        cur = a
        j = h
        while j < n and hidden[j][0] < b:
            hs, he = hidden[j]
            if hs > cur:
                out.append((cur, hs))
            cur = max(cur, he)
            j += 1
        if cur < b:
            out.append((cur, b))
    return out


def _split(ranges: list[tuple[int, int]], breaks: list[int]) -> list[list[tuple[int, int]]]:
    """Group sorted ``ranges`` so that none crosses an offset in ``breaks``."""
    if not breaks:
        return [ranges]
    groups: list[list[tuple[int, int]]] = [[]]
    k = 0
    for a, b in ranges:
        while k < len(breaks) and breaks[k] < b:
            if breaks[k] > a:
                groups[-1].append((a, breaks[k]))
                a = breaks[k]
            groups.append([])
            k += 1
        groups[-1].append((a, b))
    return [g for g in groups if g]


def _clip(pieces: list[tuple[int, int]], a: int, b: int) -> list[tuple[int, int]]:
    return [(max(pa, a), min(pb, b)) for pa, pb in pieces if pa < b and pb > a]


def _merge(text: str, ranges: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Join ranges separated only by whitespace; build_segment folds it the same way."""
    if not ranges:
        return ranges
    out = [ranges[0]]
    for a, b in ranges[1:]:
        pa, pb = out[-1]
        if _is_blank(text, pb, a):
            out[-1] = (pa, b)
        else:
            out.append((a, b))
    return out


#: An ESM block starts a top-level block (file start or after a blank line) and runs to the next blank line.
_MDX_ESM = re.compile(
    r"(?:\A|(?<=\n\n)|(?<=\r\r)|(?<=\n\r\n))(?:import|export)\b[^\r\n]*"
    r"(?:(?:\r\n|\r|\n)(?![ \t]*(?:\r\n|\r|\n|$))[^\r\n]*)*"
)


def parse_text(text: str, mdx: bool = False, *, fast: bool = True) -> ParsedSource:
    """Segments and directives of a Markdown (or MDX) document.

    ``fast=False`` hands every block to markdown-it (see :meth:`_Document.body`):
    the reference the fast path is tested against.
    """
    doc = _Document(text, mdx)
    front = frontmatter.find(text)
    offset = 0
    if front is not None:
        for ranges in front.values:
            doc.emit(ranges, "front-matter")
        offset = front.end
    body = text[offset:]
    if mdx:
        body = _MDX_ESM.sub(_blank_lines, body)
    if mdx or not fast:
        doc.run(body, front.lines if front else 0)
    else:
        doc.body(body, front.lines if front else 0)
    return ParsedSource(doc.segments, doc.directives)


def _blank_lines(m: re.Match[str]) -> str:
    return _NOT_BREAK.sub("", m.group())


def focus_text(text: str, find: AnchorFinder, mdx: bool = False) -> ParsedSource | None:
    """Parse only the line groups (see :mod:`claimlint.sources.mdscan`) that hold an anchor word.

    Each group parses on its own exactly as within the whole file, so the
    blocks kept give the same segments in the same order. None (parse it
    all) whenever the scan or the line mapping is unsure.
    """
    if "\r" in text and _LONE_CR.search(text):
        return None
    front = frontmatter.find(text)
    offset, first = (front.end, front.lines) if front else (0, 0)
    body = text[offset:]
    if mdx:
        body = _MDX_ESM.sub(_blank_lines, body)
    plan = mdscan.scan(body)
    lines = _anchor_lines(text, find, mdx) if plan is not None else None
    if plan is None or lines is None:
        return None
    restarts, code = plan
    doc = _Document(text, mdx)
    if front is not None:
        for ranges in front.values:
            doc.emit(ranges, "front-matter")
    starts = _line_starts(body)
    wanted = mdscan.outside(code, sorted(line - first for line in lines))
    for a, b in mdscan.groups(restarts, wanted, len(starts)):
        doc.run(body[starts[a] : starts[b] if b < len(starts) else len(body)], first + a)
    return ParsedSource(doc.segments, doc.directives)


def _anchor_lines(text: str, find: AnchorFinder, mdx: bool) -> set[int] | None:
    """0-based lines of ``text`` where an anchor word occurs in the text or one of its line copies.

    A copy whose line breaks differ from the text's (an entity decoding to
    one) cannot say which line a word came from: None. When no markup or
    entity can join a word (:func:`inline.may_join`), the text alone is
    searched: the copies hold nothing it lacks.
    """
    breaks = (text.count("\n"), text.count("\r"))
    lines: set[int] = set()
    for copy in inline.line_copies(text, mdx) if inline.may_join(text) else (text,):
        if (copy.count("\n"), copy.count("\r")) != breaks:
            return None
        lines.update(_line_numbers(copy, find(copy)))
    lines.update(_line_numbers(text, inline.marked_up_alts(text)))
    return lines


def _line_numbers(text: str, offsets: Iterable[int]) -> list[int]:
    """The 0-based line of each offset (lines end at LF; callers rule out a lone CR)."""
    out = []
    line = prev = 0
    for pos in sorted(offsets):
        line += text.count("\n", prev, pos)
        prev = pos
        out.append(line)
    return out


def parse(text: str) -> ParsedSource:
    """Parse a CommonMark document."""
    return parse_text(text)


def focus(text: str, find: AnchorFinder) -> ParsedSource | None:
    """See :func:`focus_text`."""
    return focus_text(text, find)


def searchable(text: str) -> str:
    """See :func:`claimlint.sources.inline.searchable`."""
    return inline.searchable(text)


FORMAT = SourceFormat(
    name="markdown",
    extensions=(".md", ".markdown"),
    parse=parse,
    focus=focus,
    doc="Markdown: headings, paragraphs, lists, table rows, alt text, front matter title/description.",
    searchable=searchable,
)

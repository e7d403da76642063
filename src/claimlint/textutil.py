"""Text helpers every layer shares: line index, sentence bounds, segment building."""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import replace
from itertools import accumulate, chain, repeat

from claimlint.lazyre import lazy
from claimlint.model import Segment

_LINE_BREAK = lazy(r"\r\n|\r|\n")
_NEEDS_FOLD = lazy(r"\s{2,}|[^\S ]")
_ANY_SPACE = lazy(r"\s")
#: What joins the cells of a table row in the row's segment (:func:`join_cells`).
CELL_SEP = " | "
#: A title before a name ("Dr. Okafor", "Prof. Lee") ends no sentence.
SENTENCE_END = lazy(
    r"""(?<=[.!?])(?<!\bDr\.)(?<!\bDrs\.)(?<!\bMr\.)(?<!\bMs\.)(?<!\bMrs\.)(?<!\bProf\.)["'”’)\]]*\s+(?=[A-Z“"'‘\[(0-9])"""
)


class LineIndex:
    r"""Offset → (line, column) for one text; built once per file.

    Lines break at ``\\r\\n``, ``\\r`` or ``\\n``, as editors count them, so CRLF
    files report the same lines as LF files.
    """

    def __init__(self, text: str) -> None:
        starts = [0]
        starts.extend(m.end() for m in _LINE_BREAK.finditer(text))
        self.starts = starts
        self.text = text

    def position(self, offset: int) -> tuple[int, int]:
        """1-based line and column of ``offset`` (columns count characters)."""
        line = bisect_right(self.starts, offset) - 1
        return line + 1, offset - self.starts[line] + 1

    def line_text(self, line: int) -> str:
        """The text of 1-based ``line`` without its line break."""
        start = self.starts[line - 1]
        end = self.starts[line] if line < len(self.starts) else len(self.text)
        return self.text[start:end].rstrip("\r\n")

    def offset(self, line: int, column: int) -> int:
        """Inverse of :meth:`position`."""
        return self.starts[line - 1] + column - 1


def sentence_bounds(text: str, start: int, end: int, breaks: Sequence[int] = ()) -> tuple[int, int]:
    """The sentence of ``text`` that holds ``[start, end)``.

    Splits like the claims guide: after ``.``, ``!`` or ``?`` followed by space
    and a capital, digit, quote or bracket. Only the neighbourhood of the span
    is scanned, so this stays cheap on long paragraphs. ``breaks`` (a
    segment's :attr:`~claimlint.model.Segment.breaks`) are further sentence
    starts: lines that open a new unit of copy.
    """
    lo = _sentence_start(text, start)
    after = SENTENCE_END.search(text, end)
    hi = after.start() if after else len(text)
    if breaks:
        k = bisect_right(breaks, start)
        if k and breaks[k - 1] > lo:
            lo = breaks[k - 1]
        k = bisect_left(breaks, max(end, start + 1))
        if k < len(breaks) and breaks[k] <= hi:
            hi = max(end, _unit_end(text, breaks[k]))
    return lo, hi


def _unit_end(text: str, brk: int) -> int:
    """Where the unit before break ``brk`` ends: before the space or table cell separator."""
    if text.startswith(CELL_SEP, brk - len(CELL_SEP)):
        return brk - len(CELL_SEP)
    return brk - 1 if text[brk - 1] == " " else brk


def _sentence_start(text: str, start: int) -> int:
    """End of the last sentence break before ``start``, searching back in growing windows.

    Scanning from 0 for every finding made a multi-megabyte paragraph
    quadratic (minutes for 5 MB). A break cannot begin inside another
    (it needs ``.!?`` just before it), so the last break found in a window
    is the last break overall; with none, the window grows.
    """
    window = 1024
    while True:
        pos = max(0, start - window)
        lo = -1
        # endpos start + 1 lets the lookahead see a sentence that begins exactly at ``start``.
        for m in SENTENCE_END.finditer(text, pos, start + 1):
            lo = m.end()
        if lo >= 0:
            return lo
        if pos == 0:
            return 0
        window *= 4


def split_sentences(text: str, breaks: Sequence[int] = ()) -> Iterator[str]:
    """Every sentence of ``text``, split as :func:`sentence_bounds` splits."""
    if breaks:
        start = 0
        for cut in breaks:
            yield from split_sentences(text[start : _unit_end(text, cut)])
            start = cut
        yield from split_sentences(text[start:])
        return
    start = 0
    for m in SENTENCE_END.finditer(text):
        yield text[start : m.start()]
        start = m.end()
    yield text[start:]


#: A line that opens a new unit of copy: a bullet, a number, an ad label ("H4", "D1",
#: "Headline:", "Primary text:"), a speaker's turn in a transcript or thread ("[10:09] Visitor:",
#: "↳ Reply from Dev (Fremont):", "CALLER (Ana):", a chat export's "[Visitor] "), a video chapter
#: ("4:10 "), or an emoji.
#: Leading Markdown emphasis and quote marks are skipped.
_LINE_LABEL = lazy(
    r"[ \t]*(?:[*_~>#]+[ \t]*)*(?:"
    r"[-*+•·▪►◦‣✓✔➤→][ \t]"
    r"|\d{1,2}[.)][ \t]"
    r"|[A-Z]{1,3}\d{1,2}[ \t]+(?=[^\sa-z])"
    # a Q&A section's question or answer by someone ("Q · Marcy T.:", "A · Owner:")
    r"|(?:Q|A|Question|Answer)[ \t]*[·•|][ \t]*[A-Z][^:\n]{0,40}:[ \t]+(?=\S)"
    # an exam's or quiz's item ("Q5.", "Question 3)") and its answer options ("A) ", "(b) ")
    r"|(?:Q|Question|Item|Problem|Exercise)[ \t]?\d{1,3}[.):][ \t]"
    r"|\(?[A-Ea-e][.)][ \t]+(?=\S)"
    r"|[A-Z][A-Za-z0-9 /&'’-]{0,30}:[ \t]+(?=\S)"
    r"|(?:[\[(]?\d{1,2}:\d{2}(?::\d{2})?[\])]?[ \t]+)?(?:↳[ \t]*)?"
    r"[A-Z][\w .&'’-]{0,30}(?:\([^()\n]{1,30}\))?[*_]*:[*_]*[ \t]+(?=\S)"
    r"|\d{1,2}:\d{2}(?::\d{2})?[ \t]+(?=\S)"
    r"|\[[A-Za-z][^\[\]\n]{0,30}\][ \t]+(?=\S)"
    r"|[\u2600-\u27bf\U0001f300-\U0001faff]"
    r")"
)
#: A line that hands the turn to another speaker of a chat or transcript, whatever the line before ends on: a
#: bracketed role or time ("[Bot] ", "[19:06] "), or a side's label ("Bot:", "Assistant:", "Visitor:", "You:").
#: A visitor types "how fast does it kick in" with no stop, and the bot's answer is not its sentence's end.
_TURN_MARK = lazy(
    r"[ \t]*(?:[*_>]+[ \t]*)*(?:\[(?:[A-Za-z][^\[\]\n]{0,30}|\d{1,2}:\d{2}(?::\d{2})?(?:\s?[AaPp][Mm])?)\][ \t]+(?=\S)"
    r"|(?:Bot|Chatbot|Assistant|Agent|Visitor|User|You|Customer|Caller)"
    r"(?:[ \t]?\([^()\n]{1,30}\))?[*_]*:[*_]*[ \t]+(?=\S))"
)
#: A line may start a new sentence: a capital, a digit, a quote, a bracket or a price.
_STARTS_UNIT = lazy(r"[ \t]*(?:[*_~>#]+[ \t]*)*[A-Z0-9\"“'‘(\[$£€]")
#: Characters that end a line without ending its sentence, or end one already.
_ENDS = frozenset(".!?…")
_CONTINUES = frozenset(",;:([{/&+=-–—") | _ENDS
_EDGE_MARKUP = " \t*_~`\\"
#: Function words a headline does not end on: the sentence goes on in the next line.
_OPEN_WORDS = frozenset(
    {
        *("a", "an", "the", "and", "or", "but", "nor", "of", "to", "in", "on", "at", "by", "for", "from", "with"),
        *("without", "into", "than", "that", "which", "who", "as", "is", "are", "was", "were", "be", "been"),
        *("your", "our", "their", "his", "her", "its", "my", "this", "these", "those"),
    }
)
#: A line break that may end a unit: the next line starts like a sentence, a bullet or an emoji.
_UNIT_CANDIDATE = lazy(
    r"(?:\r\n|\r|\n)[ \t]*(?=(?:[*_~>#]+[ \t]*)*[A-Z0-9\"“'‘(\[$£€*+•·▪►◦‣✓✔➤→↳\u2600-\u27bf\U0001f300-\U0001faff-])"
)
#: A line this short (visible characters) is not a wrapped line of prose.
SHORT_LINE = 48


def unit_breaks(source: str, ranges: Iterable[tuple[int, int]]) -> list[int]:
    """Offsets of ``source`` (line breaks inside ``ranges``) where a new unit of copy starts.

    Ad batches, email and SMS copy and caption lists put one headline or
    description per line, usually without end punctuation, so consecutive
    lines would read as one sentence: a claim rule would pair a subject in
    one line with a predicate in the next, and a guard in one line would
    excuse a claim in another. A break ends the unit when the next line opens
    with a bullet, number, ad label ("H4", "Headline:") or emoji, or when the
    line before is short (a headline, not a wrapped line of prose), ends on
    no open word and no comma or other joining mark, and the next line starts
    like a sentence. A short line that ends a sentence ("Results may vary."
    over "Your relief won't.") is a line of an ad set or billboard: its unit
    ends there too, so a fragment is that line, not the whole block.
    Hard-wrapped prose ("the verdict" / "was clear") stays joined.
    The segment still holds the whole paragraph, so a phrase broken across a
    soft line break still matches; only sentence bounds change.
    """
    spans = ranges if isinstance(ranges, list) else list(ranges)
    if not spans:
        return []
    lo, hi = spans[0][0], spans[-1][1]
    if source.find("\n", lo, hi) < 0 and source.find("\r", lo, hi) < 0:
        return []
    cuts = []
    longest = -1
    for m in _UNIT_CANDIDATE.finditer(source, lo, hi):
        brk = m.start()
        start = max(source.rfind("\n", lo, brk), source.rfind("\r", lo, brk)) + 1 or lo
        end = _LINE_BREAK.search(source, m.end(), hi)
        prev = _strip_markup(source, max(start, lo), brk)
        nxt = (m.end(), end.start() if end else hi)
        if prev[0] >= prev[1] or source[prev[0] : prev[1]].isspace() or source[nxt[0] : nxt[1]].isspace():
            continue
        if longest < 0:
            longest = max(map(len, source[lo:hi].splitlines()))
        if _ends_unit(source, prev, nxt, longest):
            cuts.append(brk)
    return cuts


def _segment_breaks(orig_starts: list[int], seg_starts: list[int], cuts: list[int]) -> tuple[int, ...]:
    """Segment offsets of the first piece after each cut (a cut sits in folded whitespace)."""
    out: list[int] = []
    for cut in cuts:
        k = bisect_right(orig_starts, cut)
        if 0 < k < len(seg_starts) and (not out or seg_starts[k] > out[-1]):
            out.append(seg_starts[k])
    return tuple(out)


def _strip_markup(source: str, a: int, b: int) -> tuple[int, int]:
    """``source[a:b]`` without edge whitespace and emphasis marks."""
    while a < b and source[a] in _EDGE_MARKUP:
        a += 1
    while b > a and source[b - 1] in _EDGE_MARKUP:
        b -= 1
    return a, b


def _ends_unit(source: str, prev: tuple[int, int], nxt: tuple[int, int], longest: int) -> bool:
    """Whether the break between two lines ends a unit of copy (see :func:`unit_breaks`).

    ``prev`` is the line before, edge markup stripped; ``nxt`` the next line as written.
    """
    if _TURN_MARK.match(source, nxt[0], nxt[1]):
        return True
    word = source[max(prev[0], prev[1] - 12) : prev[1]].rsplit(None, 1)[-1].lower()
    if word in _OPEN_WORDS:
        return False
    width = prev[1] - prev[0]
    short = width <= SHORT_LINE or width <= longest * 0.6
    last = source[prev[1] - 1]
    label = _LINE_LABEL.match(source, nxt[0], nxt[1])
    if label:
        # A "Word:" label after a long line ending in a word is wrapped prose ("in the PowerShell" / "Cert: drive").
        return short or not last.isalpha() or not label.group().rstrip().endswith(":")
    start = _STARTS_UNIT.match(source, nxt[0], nxt[1])
    if start is None or (last in _CONTINUES and not (short and last in _ENDS)):
        return False
    if last.islower() and not source[start.end() - 1].isupper():
        # "see" / "[the link]", "at weeks" / "2, 4 and 12": a wrapped line, not a new headline.
        return False
    return short


def build_segment(
    source: str,
    ranges: Iterable[tuple[int, int]],
    kind: str,
    decode: Callable[[str], str] | None = None,
    units: bool = False,
) -> Segment | None:
    """Join visible ``ranges`` of ``source`` into one Segment with its offset map.

    Each whitespace run becomes one space. Two ranges are joined with a space
    only when the original has whitespace between them, so ``nat**ural**``
    stays one word. ``decode`` (entities, escapes) is applied per token; a
    token it changes is mapped as a whole. With ``units``, lines that start a
    new unit of copy are recorded as the segment's ``breaks`` (:func:`unit_breaks`).
    """
    if units:
        ranges = list(ranges)
    parts: list[str] = []
    seg_starts: list[int] = []
    seg_lens: list[int] = []
    orig_starts: list[int] = []
    orig_lens: list[int] = []
    pos = 0
    last_end = -1

    def add(text: str, orig: int, orig_len: int) -> None:
        nonlocal pos
        parts.append(text)
        seg_starts.append(pos)
        seg_lens.append(len(text))
        orig_starts.append(orig)
        orig_lens.append(orig_len)
        pos += len(text)

    for a, b in ranges:
        a, b = _strip_range(source, a, b)
        if a >= b:
            continue
        if last_end >= 0:
            gap = source[last_end:a]
            if _ANY_SPACE.search(gap):
                add(" ", last_end, len(gap))
        if decode is None:
            pos = _add_plain(source, a, b, pos, (parts, seg_starts, seg_lens, orig_starts, orig_lens))
            last_end = b
            continue
        for run_start, run_end in _runs(source, a, b):
            if run_start < 0:
                add(" ", -run_start - 1, run_end)
                continue
            chunk = source[run_start:run_end]
            if decode is not None:
                _add_decoded(chunk, run_start, decode, add)
            else:
                add(chunk, run_start, len(chunk))
        last_end = b
    if not parts:
        return None
    breaks = _segment_breaks(orig_starts, seg_starts, unit_breaks(source, ranges)) if units else ()
    return Segment("".join(parts), kind, seg_starts, seg_lens, orig_starts, orig_lens, breaks)


_FOLD_SPLIT = lazy(r"(\s{2,}|[^\S ])")


def _add_plain(
    source: str, a: int, b: int, pos: int, out: tuple[list[str], list[int], list[int], list[int], list[int]]
) -> int:
    """The pieces :func:`_runs` would give for undecoded text, built with C-level helpers.

    Markdown paragraphs fold a line break per line, so this loop is hot;
    splitting once and accumulating lengths avoids a Python call per piece.
    Returns the new segment length.
    """
    parts, seg_starts, seg_lens, orig_starts, orig_lens = out
    chunk = source[a:b]
    pieces = _FOLD_SPLIT.split(chunk)
    if len(pieces) == 1:
        parts.append(chunk)
        seg_starts.append(pos)
        seg_lens.append(len(chunk))
        orig_starts.append(a)
        orig_lens.append(len(chunk))
        return pos + len(chunk)
    lens = list(map(len, pieces))
    folded = lens.copy()
    folds = len(pieces) // 2
    folded[1::2] = [1] * folds
    pieces[1::2] = [" "] * folds
    parts.extend(pieces)
    seg_starts.extend(accumulate(folded[:-1], initial=pos))
    seg_lens.extend(folded)
    orig_starts.extend(accumulate(lens[:-1], initial=a))
    orig_lens.extend(lens)
    return pos + sum(folded)


def _strip_range(source: str, a: int, b: int) -> tuple[int, int]:
    while a < b and source[a].isspace():
        a += 1
    while b > a and source[b - 1].isspace():
        b -= 1
    return a, b


def _runs(source: str, a: int, b: int) -> Iterable[tuple[int, int]]:
    """Yield text runs ``(start, end)`` and folded whitespace as ``(-start-1, len)``."""
    cur = a
    for m in _NEEDS_FOLD.finditer(source, a, b):
        if m.start() > cur:
            yield cur, m.start()
        yield -m.start() - 1, m.end() - m.start()
        cur = m.end()
    if cur < b:
        yield cur, b


_TOKEN = lazy(r"\S+|\s")


def _add_decoded(
    chunk: str, base: int, decode: Callable[[str], str], add: Callable[[str, int, int], None]
) -> None:
    decoded = decode(chunk)
    if decoded == chunk:
        add(chunk, base, len(chunk))
        return
    for m in _TOKEN.finditer(chunk):
        tok = m.group()
        out = decode(tok)
        add(out, base + m.start(), len(tok))


def whole_text_segment(source: str, kind: str = "text") -> Segment | None:
    """A single segment over all of ``source``; handy for rule examples and tests."""
    return build_segment(source, [(0, len(source))], kind)


def join_cells(cells: Sequence[Sequence[Segment]], kind: str = "table") -> Segment | None:
    r"""One segment for a table row: its cells' segments joined, each cell a unit of its own.

    A row reads as one claim ("Pain score | 9/10 | 2/10"): a row header
    alone or a value alone says nothing. Cells are joined with
    :data:`CELL_SEP`, which rules can match (``\|``), and pieces within a cell
    (split by a ``<br>``) with a space; every joint is a break, so a sentence
    never runs from one cell into the next. A joint maps to the original text
    between its neighbours (pipes, tags), so cell positions stay exact.
    """
    parts = [(sep, seg) for cell in cells for sep, seg in zip(chain([CELL_SEP], repeat(" ")), cell, strict=False)]
    if not parts:
        return None
    if len(parts) == 1:
        return replace(parts[0][1], kind=kind)
    text: list[str] = []
    seg_starts: list[int] = []
    seg_lens: list[int] = []
    orig_starts: list[int] = []
    orig_lens: list[int] = []
    breaks: list[int] = []
    pos = 0
    for k, (sep, seg) in enumerate(parts):
        if k:
            prev_end = parts[k - 1][1].end
            text.append(sep)
            seg_starts.append(pos)
            seg_lens.append(len(sep))
            orig_starts.append(prev_end)
            orig_lens.append(max(seg.start - prev_end, 0))
            pos += len(sep)
            breaks.append(pos)
        text.append(seg.text)
        seg_starts.extend(s + pos for s in seg.seg_starts)
        seg_lens.extend(seg.seg_lens)
        orig_starts.extend(seg.orig_starts)
        orig_lens.extend(seg.orig_lens)
        breaks.extend(b + pos for b in seg.breaks)
        pos += len(seg.text)
    return Segment("".join(text), kind, seg_starts, seg_lens, orig_starts, orig_lens, tuple(breaks))

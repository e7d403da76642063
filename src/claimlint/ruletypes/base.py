"""Shared machinery for line rules: sentence guards, document gates, timeouts.

Every line-scope rule type yields raw candidates ``(rule, segment, start,
end)``; :func:`guarded_hits` applies the common YAML keys (``scopes``,
``when``, ``context``, ``unless``) and maps spans to the original text once.
"""

from __future__ import annotations

import re
from abc import ABC, abstractmethod
from bisect import bisect_right
from collections.abc import Collection, Iterable, Iterator, Sequence
from functools import lru_cache
from itertools import accumulate
from typing import TYPE_CHECKING, Any

from claimlint.api import DocView
from claimlint.errors import ConfigError
from claimlint.literals import bounded_literals, core
from claimlint.model import Hit, Rule, Segment
from claimlint.multisearch import (
    HAVE_RE2,
    MultiSearch,
    Vocabulary,
    bytes_searchable,
    compile_re2,
    first_end,
    first_span,
    set_bits,
)
from claimlint.re2filter import single_line, to_re2_any, utf8_bytes, without_gaps
from claimlint.rulefile import compile_regex, compiled_regex
from claimlint.ruletypes.mention import mentioned_quote
from claimlint.ruletypes.notcopy import not_copy
from claimlint.ruletypes.staff import staff_words
from claimlint.ruletypes.voice import segment_voice
from claimlint.wordindex import edge_safe, index_bytes, index_words, marked, set_pattern

if TYPE_CHECKING:
    import regex

MATCH_TIMEOUT = 2.0
#: Extra seconds per million characters searched: the limit is there to stop
#: catastrophic backtracking, not a linear scan of a 5 MB paragraph on a busy machine.
TIMEOUT_PER_MILLION_CHARS = 4.0
#: Below this many segments, filtering costs more than it saves (an RE2 compile per rule).
SMALL_DOC = 8
#: Documents narrowed by required words before a rule's RE2 filter is compiled (see :func:`segments_matching`).
WORDS_FIRST = 1
_ASKED: dict[tuple[str, ...], int] = {}
#: Every required word of the run's rule regexes (registered as rules compile; see :func:`segments_matching`).
_VOCAB = Vocabulary()
_PENDING: list[list[Rule]] = []
_DOCS_SEEN = [0]


class RuleTimeout(Exception):
    """A rule's regex exceeded :data:`MATCH_TIMEOUT` on one file."""

    def __init__(self, rule: Rule) -> None:
        self.rule = rule
        super().__init__(rule.id)


def compile_all(patterns: Iterable[str]) -> tuple[regex.Pattern[str], ...]:
    """Compile a list of rule regexes."""
    return tuple(compile_regex(p) for p in patterns)


def time_limit(text: str) -> float:
    """Seconds one regex may spend on ``text``."""
    return MATCH_TIMEOUT + TIMEOUT_PER_MILLION_CHARS * len(text) / 1_000_000


def search_any(patterns: Sequence[regex.Pattern[str]], text: str, rule: Rule) -> bool:
    """True if one of ``patterns`` matches ``text``; bounded by the timeout."""
    try:
        return any(p.search(text, timeout=time_limit(text)) for p in patterns)
    except TimeoutError:
        raise RuleTimeout(rule) from None


def finditer(pattern: regex.Pattern[str], text: str, rule: Rule) -> Iterator[regex.Match[str]]:
    """``pattern.finditer`` with the per-match time limit applied."""
    try:
        yield from pattern.finditer(text, timeout=time_limit(text))
    except TimeoutError:
        raise RuleTimeout(rule) from None


def regex_for(doc: DocView, source: str, text: str) -> regex.Pattern[str] | None:
    """Rule regex ``source`` compiled, or None when it cannot match ``text``.

    Compiling a regex costs a millisecond or more, checking a short text with
    RE2 microseconds. So a regex this process has not compiled yet is first
    tried as its RE2 over-approximation (:mod:`claimlint.re2filter`); if that
    misses, so would the regex, and it is not compiled. A one-page run thus
    compiles only regexes that can match. After the first :data:`WORDS_FIRST`
    documents the rule filters narrow segments (see :func:`segments_matching`)
    and only the cheap required-word check remains, so a long run keeps no
    RE2 program per regex. The word check also runs for compiled regexes:
    a segment that one of a rule's regexes can match rarely suits the others,
    and a ``finditer`` call costs more than the check (dense corpus: 6% CPU).
    """
    if is_exhaustive(doc):
        return compile_regex(source)
    needles = _needles(source)
    if needles is not None and not _holds_any(text, needles):
        return None
    return _compiled_for(doc, source, text)


def _compiled_for(doc: DocView, source: str, text: str) -> regex.Pattern[str] | None:
    """:func:`regex_for` once ``text`` is known to hold one of the regex's required words."""
    compiled = compiled_regex(source)
    if compiled is not None:
        return compiled
    if not _early(doc):
        return compile_regex(source)
    flt = _early_filter(doc, source)
    if flt is not None and flt.search(text.encode("utf-8", "surrogatepass")) is None:
        return None
    return compile_regex(source)


def _early_filter(doc: DocView, source: str) -> Any:
    """The RE2 filter of one regex, kept with ``doc`` rather than in :func:`re2_filter`'s cache.

    Only the first documents ask, for hundreds of regexes each (one page:
    every regex a segment holds a word of); kept for the whole run, their
    programs and DFA states held about 10 MB that no later document used.
    """
    filters: dict[str, Any] = doc.__dict__.setdefault("_early_filters", {})
    if source not in filters:
        filters[source] = filter_for((source,))
    return filters[source]


def _early(doc: DocView) -> bool:
    """Whether ``doc`` is one of the first :data:`WORDS_FIRST` documents this process lints."""
    early = doc.__dict__.get("_early")
    if early is None:
        _DOCS_SEEN[0] += 1
        early = doc.__dict__["_early"] = _DOCS_SEEN[0] <= WORDS_FIRST
    return bool(early)


def _holds_any(text: str, needles: Iterable[bytes]) -> bool:
    """Whether ``text`` may hold one of the words ``needles`` stand for (never a false no; see :func:`_needles`)."""
    data = _index_bytes(text)
    return any(needle in data for needle in needles)


@lru_cache(maxsize=64)
def _index_bytes(text: str) -> bytes:
    return index_bytes(text)


def _needles(source: str) -> tuple[bytes, ...] | None:
    """The required words of the regex ``source`` as the word index spells them, or None if it has none.

    A sentence is checked with ``in`` on its :func:`claimlint.wordindex.index_bytes`,
    the same test the index's Set makes, so ``<ads>`` is not found in "loads".
    """
    words = bounded_literals(source)
    return None if words is None else _spelled(words, edge_safe(source))


@lru_cache(maxsize=8192)
def _spelled(words: frozenset[str], safe: bool) -> tuple[bytes, ...]:
    return tuple(set_pattern(w).encode("ascii") for w in marked(words, safe))


def earlier_hits(doc: DocView) -> Sequence[Hit]:
    """The hits every other matcher found in ``doc`` (set by the engine before a ``runs_last`` matcher)."""
    found: Sequence[Hit] = doc.__dict__.get("earlier_hits", ())
    return found


def search_sources(doc: DocView, sources: Iterable[str], text: str, rule: Rule) -> bool:
    """Whether one of the rule regexes ``sources`` matches ``text``; see :func:`regex_for`."""
    for source in sources:
        compiled = regex_for(doc, source, text)
        if compiled is not None and search_any((compiled,), text, rule):
            return True
    return False


def document_matches(doc: DocView, patterns: tuple[str, ...], rule: Rule) -> bool:
    """Whether any segment of ``doc`` matches one of ``patterns`` (cached per doc)."""
    cache: dict[tuple[str, ...], bool] = doc.__dict__.setdefault("_when_cache", {})
    if patterns not in cache:
        cache[patterns] = any(search_any(found, seg.text, rule) for seg, found in regexes_by_segment(doc, patterns))
    return cache[patterns]


class SegmentIndex:
    """Which segments of one document hold which words, found in one pass.

    Running every rule's regexes over every segment costs a call per
    segment per pattern, and most segments hold none of a rule's required
    words. The segment texts are joined once; an RE2 Set tells which of a
    matcher's words occur at all, and only those are located.
    """

    def __init__(self, segments: Sequence[Segment]) -> None:
        self.segments = segments
        self.joined = "\n".join(seg.text for seg in segments)
        starts = []
        pos = 0
        for seg in segments:
            starts.append(pos)
            pos += len(seg.text) + 1
        self.starts = starts
        self._words: dict[str, frozenset[int]] = {}
        self._filtered: dict[tuple[str, ...], list[Segment]] = {}
        self._bytes: bytes | None = None
        self._by_word: dict[int, int] = {}
        self._vocab_size = -1
        self._positions: dict[int, int] | None = None
        self._held: dict[frozenset[int], list[int]] = {}
        self._masks: dict[frozenset[int], int] = {}

    def position(self, segment: Segment) -> int:
        """Index of ``segment`` (one of :attr:`segments`)."""
        if self._positions is None:
            self._positions = {id(seg): k for k, seg in enumerate(self.segments)}
        return self._positions[id(segment)]

    def segment_of(self, offset: int) -> int:
        """Index of the segment holding ``offset`` of :attr:`joined`."""
        return bisect_right(self.starts, offset) - 1

    def containing(self, search: MultiSearch) -> list[Segment]:
        """Segments, in document order, holding one of ``search``'s words."""
        hit: set[int] = set()
        for word in search.found(self.joined):
            hit |= self._where(word)
        return [self.segments[i] for i in sorted(hit)]

    def matching(self, patterns: tuple[str, ...], flt: Any, within: list[int] | None = None) -> list[Segment]:
        """Segments, in document order, where the RE2 over-approximation ``flt`` matches.

        A match may run across the newline joining two segments; every
        segment it touches is kept, so no segment holding a real match is
        lost even when RE2 reports an overlapping, longer match instead.
        ``within`` (sorted segment indices) limits the search to those
        segments: RE2 then scans only their text, joined the same way.
        """
        if patterns not in self._filtered:
            if within is None or len(within) == len(self.segments):
                hit = self._hits(flt, self.joined, self.starts, self._ascii_bytes())
                self._filtered[patterns] = [self.segments[i] for i in sorted(hit)]
            else:
                texts = [self.segments[k].text for k in within]
                starts = list(accumulate((len(t) + 1 for t in texts[:-1]), initial=0))
                joined = "\n".join(texts)
                data = joined.encode("ascii") if joined.isascii() else None
                hit = self._hits(flt, joined, starts, data)
                self._filtered[patterns] = [self.segments[within[i]] for i in sorted(hit)]
        return self._filtered[patterns]

    def _ascii_bytes(self) -> bytes | None:
        if self._bytes is None and self.joined.isascii():
            self._bytes = self.joined.encode("ascii")
        return self._bytes

    @staticmethod
    def _hits(flt: Any, joined: str, starts: list[int], data: bytes | None) -> set[int]:
        """Indices (into ``starts``) of the joined texts that a match of ``flt`` touches.

        After a match the search resumes at the next text's start: a real
        match inside a text that the skipped stretch reached is still found,
        since the leftmost match from an earlier position starts no later
        than it and so touches its text. ASCII bytes go straight to RE2's
        ``Match`` (:func:`claimlint.multisearch.first_span`): the wrapper's
        ``finditer`` builds a match object per hit.
        """
        if isinstance(flt, LineFilter):
            lines = flt.lines(joined, starts, data)
            if lines is not None:
                return lines
            flt = flt.spans()
        hit: set[int] = set()
        if data is None:
            for m in flt.finditer(joined):
                start, end = m.span()
                hit.update(range(bisect_right(starts, start) - 1, bisect_right(starts, max(end - 1, start))))
            return hit
        pos = 0
        while (span := first_span(flt, data, pos)) is not None:
            start, end = span
            last = bisect_right(starts, max(end - 1, start))
            hit.update(range(bisect_right(starts, start) - 1, last))
            if last == len(starts):
                break
            pos = starts[last]
        return hit

    def holding(self, ids: frozenset[int]) -> list[int]:
        """Indices, in order, of the segments holding one of the :data:`_VOCAB` words ``ids`` (with their marked edges).

        Kept per word set: every rule of a pack asks once per regex and
        once per rule, about 400 times a dense page. Do not change the list
        returned.
        """
        held = self._held.get(ids)
        if held is None or _PENDING or self._vocab_size != _VOCAB.size:
            held = self._held[ids] = set_bits(self.holding_mask(ids))
        return held

    def holding_mask(self, ids: frozenset[int]) -> int:
        """:meth:`holding` as a bit mask (bit ``k`` for segment ``k``), kept per word set.

        Each word's segments are one integer, so a rule's union of words is
        a few ``|`` and a segment's test one shift, where sets of indices
        cost a Python step per segment per word.
        """
        if _PENDING:
            _register_pending()
        if self._vocab_size != _VOCAB.size:
            self._index_words()
        mask = self._masks.get(ids)
        if mask is None:
            found = self._by_word
            mask = 0
            for i in found.keys() & ids:
                mask |= found[i]
            self._masks[ids] = mask
        return mask

    def _index_words(self) -> None:
        """Find which :data:`_VOCAB` words each segment holds (again after the vocabulary grew)."""
        self._vocab_size = _VOCAB.size
        by_word: dict[int, int] = {}
        for k, seg in enumerate(self.segments):
            bit = 1 << k
            for i in _VOCAB.present(seg.text):
                by_word[i] = by_word.get(i, 0) | bit
        self._by_word = by_word
        self._held.clear()
        self._masks.clear()

    def _where(self, word: str) -> frozenset[int]:
        if word not in self._words:
            found = _word_regex(core(word)).finditer(self.joined)
            self._words[word] = frozenset(self.segment_of(m.start()) for m in found)
        return self._words[word]


@lru_cache(maxsize=8192)
def _word_regex(word: str) -> re.Pattern[str]:
    return re.compile(re.escape(word), re.IGNORECASE)


@lru_cache(maxsize=4096)
def word_search(words: frozenset[str]) -> MultiSearch:
    """One shared MultiSearch per word set."""
    return MultiSearch(words)


def segment_index(doc: DocView) -> SegmentIndex:
    """The document's SegmentIndex, built on first use."""
    index: SegmentIndex | None = doc.__dict__.get("_segment_index")
    if index is None or index.segments is not doc.segments:
        index = SegmentIndex(doc.segments)
        doc.__dict__["_segment_index"] = index
    return index


_NEWLINE = re.compile(b"\n")


class LineFilter:
    """A rule filter that never matches across a newline, so its matches are told by their ends.

    Searched over a document's segments joined by newlines, RE2 must report
    where each match starts, which takes a reversed copy of the program and
    a second DFA cache per filter; those held about a third of the filters'
    memory on a dense corpus. The single-line translation
    (:func:`claimlint.re2filter.single_line`) lies in one segment, the one
    holding its last character, so the anchored forward search suffices.
    It is searched over UTF-8 bytes in RE2's Latin-1 mode
    (:func:`claimlint.re2filter.utf8_bytes`), where RE2's automaton is
    smaller and faster; text where that could miss a match (a character
    that folds to an ASCII letter) gets the UTF-8 program, compiled then.
    """

    def __init__(self, line: str, source: str, on_bytes: Any, on_text: Any = None) -> None:
        self.line = line
        self.source = source
        self.on_bytes = on_bytes
        self._on_text: Any = on_text
        self._spans: Any = None

    def spans(self) -> Any:
        """The plain filter, for text the single-line search cannot take (compiled on first need)."""
        if self._spans is None:
            self._spans = compile_re2(self.source)
        return self._spans

    def _for(self, data: bytes) -> Any:
        """The compiled single-line filter that may search ``data``, or None."""
        if self.on_bytes is not None and bytes_searchable(data):
            return self.on_bytes
        if self._on_text is None:
            self._on_text = _line_program(compile_re2(self.line))
        return self._on_text or None

    def lines(self, joined: str, starts: list[int], data: bytes | None) -> set[int] | None:
        """Indices (into ``starts``) of the texts holding a match; None if a text holds a newline.

        After a match the search resumes at the next text's start, as in
        :meth:`SegmentIndex._hits`.
        """
        if joined.count("\n") != len(starts) - 1:
            return None
        if data is None:
            try:
                data = joined.encode("utf-8")
            except UnicodeEncodeError:
                return None
            starts = [0, *(m.end() for m in _NEWLINE.finditer(data))]
        compiled = self._for(data)
        if compiled is None:
            return None
        hit: set[int] = set()
        pos = 0
        while (end := first_end(compiled, data, pos)) is not None:
            k = bisect_right(starts, end - 1) - 1
            hit.add(k)
            if k + 1 == len(starts):
                break
            pos = starts[k + 1]
        return hit


def _line_program(compiled: Any) -> Any:
    """``compiled`` if it is a usable single-line filter (it cannot match the empty string), else False."""
    return compiled if compiled is not None and first_end(compiled, b"", 0) is None else False


@lru_cache(maxsize=4096)
def re2_filter(patterns: tuple[str, ...]) -> Any:
    """The RE2 over-approximation of ``patterns`` for joined segments, or None (kept for the run).

    A :class:`LineFilter` where the single-line translation exists and
    cannot match the empty string (an empty match has no last character to
    place it by), else the plain compiled filter. The single-line filter
    keeps only the most literal part of each phrase with a gap
    (:func:`claimlint.re2filter.without_gaps`): those gaps held most of the
    filters' memory.
    """
    source = to_re2_any(patterns)
    if source is None:
        return None
    line = single_line(without_gaps(source))
    if line is None:
        return compile_re2(source)
    as_bytes = utf8_bytes(line)
    on_bytes = _line_program(compile_re2(as_bytes, latin1=True)) if as_bytes is not None else False
    on_text = None if on_bytes else _line_program(compile_re2(line))
    if not on_bytes and not on_text:
        return compile_re2(source)
    return LineFilter(line, source, on_bytes or None, on_text)


def filter_for(patterns: tuple[str, ...]) -> Any:
    """The compiled RE2 over-approximation of ``patterns``, or None (compiled anew)."""
    source = to_re2_any(patterns)
    return compile_re2(source) if source is not None else None


def mark_exhaustive(doc: DocView) -> None:
    """Make the segment filters below return every segment of ``doc``."""
    doc.__dict__["_exhaustive"] = True


def is_exhaustive(doc: DocView) -> bool:
    """Whether filters are off for ``doc`` (``--no-prefilter``)."""
    return bool(doc.__dict__.get("_exhaustive"))


def segments_matching(doc: DocView, patterns: Sequence[str]) -> Sequence[Segment]:
    """The segments where one of ``patterns`` can match: a superset, never missing one.

    One RE2 pass over the whole document when the patterns translate (see
    :mod:`claimlint.re2filter`), else the segments holding a required word.
    Compiling that RE2 filter costs about a millisecond per rule, more than
    linting one page gains from it, so the first :data:`WORDS_FIRST`
    documents that ask are narrowed by the rules' required words instead
    (each regex is then checked on its own by :func:`regex_for`). Either
    way the result is a superset, so findings do not depend on the order.
    """
    if is_exhaustive(doc) or len(doc.segments) < SMALL_DOC:
        return doc.segments
    key = tuple(patterns)
    words = any_of_literals(key)
    if words and _ASKED.get(key, 0) < WORDS_FIRST:
        _ASKED[key] = _ASKED.get(key, 0) + 1
        return segments_with(doc, words)
    flt = re2_filter(key)
    ids = _pattern_ids(key) if words else None
    if ids is not None and HAVE_RE2:
        index = segment_index(doc)
        within = index.holding(ids)
        return [index.segments[k] for k in within] if flt is None else index.matching(key, flt, within)
    if flt is None:
        return segments_with(doc, any_of_literals(key))
    return segment_index(doc).matching(key, flt)


@lru_cache(maxsize=4096)
def _word_ids(words: frozenset[str]) -> frozenset[int]:
    """The :data:`_VOCAB` ids of ``words`` as given (edge marks, if any, kept)."""
    return _VOCAB.add(list(words))


@lru_cache(maxsize=4096)
def _marked_ids(words: frozenset[str], safe: bool) -> frozenset[int]:
    """The ids of one regex's required ``words`` as :func:`claimlint.wordindex.marked` gives them.

    Kept by the literal table's own word sets, so no marked copy of them is
    held: cached marked copies added about a megabyte on a dense run.
    """
    return _VOCAB.add(marked(words, safe))


@lru_cache(maxsize=8192)
def _source_ids(source: str) -> frozenset[int] | None:
    """:func:`_marked_ids` of the regex ``source``'s required words, or None if it has none.

    Kept per regex: a dense page asks for about 320 regexes' segments, and
    the literal table, the edge check and the id look-up cost three calls each.
    """
    words = bounded_literals(source)
    return None if words is None else _marked_ids(words, edge_safe(source))


@lru_cache(maxsize=4096)
def _pattern_ids(patterns: tuple[str, ...]) -> frozenset[int] | None:
    """The ids of the words one of which a match of one of ``patterns`` holds; None if one has none.

    Each word keeps its edge marks where :func:`claimlint.wordindex.edge_safe`
    allows, so a segment holding "hour" is not taken for one holding ``<our>``.
    """
    words: list[str] = []
    for pattern in patterns:
        found = bounded_literals(pattern)
        if found is None:
            return None
        words.extend(index_words(pattern, found))
    return _VOCAB.add(words)


def regexes_by_segment(doc: DocView, sources: Sequence[str]) -> Iterator[tuple[Segment, list[regex.Pattern[str]]]]:
    """Each segment where one of the rule regexes ``sources`` can match, with those that can (in order).

    The same filters as :func:`segments_matching` then :func:`regex_for` on
    each segment and regex, but after the first documents the required-word
    check comes from the document's word index (one RE2 Set pass per
    segment for every rule) instead of a Python check per segment per regex.
    """
    segments = segments_matching(doc, sources)
    if not segments:
        return
    if is_exhaustive(doc) or not HAVE_RE2 or _early(doc):
        for seg in segments:
            found = [p for p in (regex_for(doc, source, seg.text) for source in sources) if p is not None]
            if found:
                yield seg, found
        return
    index = segment_index(doc)
    holding = [(source, _holding_mask(index, source)) for source in sources]
    for seg in segments:
        k = index.position(seg)
        found = []
        for source, where in holding:
            if where is None or where >> k & 1:
                pattern = _compiled_for(doc, source, seg.text)
                if pattern is not None:
                    found.append(pattern)
        if found:
            yield seg, found


def _holding_mask(index: SegmentIndex, source: str) -> int | None:
    """The segments where ``source`` can match, as a bit mask (:meth:`SegmentIndex.holding_mask`); None: all.

    Those holding one of its required words, or, for a regex without any
    (quote marks, capitals, punctuation), those its own RE2 filter hits in
    one pass over the document: running the regex itself on every segment
    cost far more.
    """
    ids = _source_ids(source)
    if ids is not None:
        return index.holding_mask(ids)
    key = (source,)
    flt = re2_filter(key)
    return None if flt is None else sum(1 << index.position(seg) for seg in index.matching(key, flt))


def segments_with(doc: DocView, words: Collection[str] | None) -> Sequence[Segment]:
    """The segments that can hold a match needing one of ``words`` (all if None)."""
    if not words or len(doc.segments) < SMALL_DOC or is_exhaustive(doc):
        return doc.segments
    return segment_index(doc).containing(word_search(frozenset(words)))


def any_of_literals(patterns: Iterable[str]) -> frozenset[str] | None:
    """Words one of which any text matching one of ``patterns`` contains."""
    return _any_of_literals(tuple(patterns))


@lru_cache(maxsize=4096)
def _any_of_literals(patterns: tuple[str, ...]) -> frozenset[str] | None:
    """Cached: matchers ask again for every document (``when``)."""
    out: set[str] = set()
    unknown = False
    for pattern in patterns:
        found = bounded_literals(pattern)
        if found is None:
            unknown = True
        else:
            _VOCAB.add(index_words(pattern, found))
            out |= found
    return None if unknown else frozenset(out)


def register_words(rules: Iterable[Rule]) -> None:
    """Queue the required words of every regex in ``rules`` for the word index's vocabulary.

    Called when rules compile, so the index's RE2 Set is built once; a word
    first met while linting would rebuild it (about 10 ms each). The words
    are looked up only when the index is first used (from the second
    document on), so a one-page run never pays for them.
    """
    _PENDING.append(list(rules))


def _register_pending() -> None:
    """Add the queued rules' regex words to :data:`_VOCAB` (phrase lists are not regexes)."""
    while _PENDING:
        for rule in _PENDING.pop():
            for key, value in rule.params.items():
                if key == "phrases" or not isinstance(value, (list, tuple)):
                    continue
                for item in value:
                    found = bounded_literals(item) if isinstance(item, str) else None
                    if found:
                        _VOCAB.add(index_words(item, found))


def max_gap(rule: Rule) -> int | None:
    """The rule's ``max_gap`` (most words between its two parts), checked; None when it sets none."""
    value = rule.params.get("max_gap")
    if value is None:
        return None
    if int(value) < 0:
        raise ConfigError(
            rule.origin.path,
            f"rule {rule.id}: max_gap must be 0 or more, not {value}",
            rule.origin.line,
            rule.origin.column,
        )
    return int(value)


def gate_literals(own: frozenset[str] | None, rules: Sequence[Rule]) -> list[frozenset[str]] | None:
    """CNF gate for a matcher: its own words, plus the shared ``when`` and ``context`` words.

    Each part is sound on its own: ``when`` must match somewhere in the
    document and ``context`` in the sentence of every hit, so their words must
    occur in the file even when the rule's own regexes yield no literal.
    """
    gates = [own] if own else []
    for key in ("when", "also_when", "context"):
        shared = {tuple(r.params.get(key) or ()) for r in rules}
        if len(shared) == 1:
            (patterns,) = shared
            words = any_of_literals(patterns) if patterns else None
            if words:
                gates.append(words)
    return gates or None


def guarded_hits(doc: DocView, candidates: Iterable[tuple[Rule, Segment, int, int]]) -> Iterator[Hit]:
    """Apply the common guards to raw candidates and map them to the original."""
    for rule, seg, start, end in candidates:
        params = rule.params
        scopes = params.get("scopes")
        if scopes and seg.kind not in scopes:
            continue
        if not document_gates(doc, rule):
            continue
        if params.get("skip_references") and in_reference(doc, seg, start):
            continue
        s_lo, s_hi = doc.sentence(seg, start, end)
        sentence = seg.text[s_lo:s_hi]
        said = staff_words(doc, seg.text, s_lo, s_hi)
        context = params.get("context")
        if context and not search_sources(doc, context, said, rule) and not _page_topic(doc, seg, (s_lo, s_hi), rule):
            continue
        unless = params.get("unless")
        if unless and search_sources(doc, unless, said, rule):
            continue
        if answered_no(seg.text, s_hi, sentence) or answered_below(doc, seg, s_hi, sentence):
            continue
        if questioned_quote(seg.text, (s_lo, start, end, s_hi)) or mentioned_quote(doc, seg, (s_lo, start, end)):
            continue
        if segment_voice(doc, seg, (s_lo, start, end, s_hi)):
            continue
        o_start, o_end = seg.to_original(start, end)
        if not_copy(doc.text, o_start, sentence):
            continue
        yield Hit(rule, o_start, o_end, "line", sentence)


def _page_topic(doc: DocView, seg: Segment, bounds: tuple[int, int], rule: Rule) -> bool:
    """Whether a fragment's failed ``context`` gate is met by its page (``page_topic``; see ``subject``)."""
    if not rule.params.get("page_topic"):
        return False
    from claimlint.ruletypes.subject import inherits

    return inherits(doc, seg, bounds, rule.params["context"], rule)


def document_gates(doc: DocView, rule: Rule) -> bool:
    """Whether ``rule``'s document conditions hold: one ``when`` and one ``also_when`` pattern each match somewhere.

    ``also_when`` lets a rule add a condition of its own while keeping the
    pack's topic gate (a rule's ``when`` replaces ``defaults.when``).
    """
    for key in ("when", "also_when"):
        patterns = rule.params.get(key)
        if patterns and not document_matches(doc, tuple(patterns), rule):
            return False
    return True


_ANSWER_NO = re.compile(
    r"""\s*[\"'”’)]*\s*(?:No(?:pe)?\s*[.,!;:—–-]|Not (?:really|at all|necessarily|quite|in the way)\b"""
    r"""|(?:Probably|Likely|Almost certainly) not\b|Unlikely\b"""
    r"""|(?:It|That|They|This) (?:probably |likely |almost certainly |usually |often )?"""
    r"""(?:won[’']t|will not|doesn[’']t|does not|didn[’']t|did not)\s*[.!;—–-])"""
)


def answered_no(text: str, end: int, sentence: str) -> bool:
    """Whether ``sentence`` is a question that the text answers "No" at once.

    "Is that a miracle? No." names the claim in order to deny it: a patient's
    honest report, an FAQ or a fact-check asks the reader's question and
    rebuts it, which is a mention, not a claim. A sales question answered
    with more hype ("Tired of pain? No problem") is not an answer "No". A
    bare denial ("It probably won't.", "Unlikely.") answers "No" too.
    """
    return sentence.rstrip().endswith("?") and _ANSWER_NO.match(text, end) is not None


def answered_below(doc: DocView, seg: Segment, end: int, sentence: str) -> bool:
    """Whether ``sentence`` closes its segment (a question heading) and the next segment answers "No".

    An FAQ or explainer asks the reader's question as a heading ("Is it a
    miracle for arthritis?") and answers it in the paragraph below ("No. Be
    wary of ..."): the same mention as an inline answer, split by markup.
    """
    if seg.text[end:].strip() or not sentence.rstrip().endswith("?"):
        return False
    index = segment_index(doc)
    following = index.position(seg) + 1
    return following < len(index.segments) and _ANSWER_NO.match(index.segments[following].text) is not None


_QUOTE_OPEN = re.compile(r"""["“]""")
_QUOTE_CLOSE = re.compile(r"""[.!?]["”]""")
_JUDGED = r"true|hold(?:s)? up|right|accurate|fair|make of|supported|backed|evidence|proof|source|honest|legal|allowed"
_JUDGING_QUESTION = re.compile(rf"""\s*(?=[^.!?]{{0,60}}\?)(?=[^.!?]*\b(?:that|this)\b)(?=[^.!?]*\b(?:{_JUDGED})\b)""")


def questioned_quote(text: str, span: tuple[int, int, int, int]) -> bool:
    """Whether the match lies in a quoted claim that the very next words put in question.

    ``span`` is (sentence start, match start, match end, sentence end). A
    transcript, a news story or a consumer guide reads a claim out in
    quotation marks and asks at once whether it holds ("... cure for chronic
    pain." What do you make of that?), which examines the claim rather than
    makes it. The question must point back with "that" or "this" and ask
    about truth or support, so a sales follow-up ("Can it change yours?") is
    not one, and the quotation must close on a full stop, so a quoted phrase
    inside the seller's own sentence is not one either.
    """
    s_lo, start, end, s_hi = span
    if _QUOTE_OPEN.search(text, s_lo, start + 1) is None:
        return False
    close = _QUOTE_CLOSE.search(text, end, min(len(text), s_hi + 1))
    return close is not None and _JUDGING_QUESTION.match(text, close.end()) is not None


def in_reference(doc: DocView, seg: Segment, start: int) -> bool:
    """Whether ``start`` of ``seg`` lies in a reference-list entry: a cited title names, it does not claim.

    The reference reader is imported here, on the first hit of a rule that asks.
    """
    from claimlint.ruletypes.references import references

    return any(ref.segment is seg and ref.start <= start < ref.end for ref in references(doc))


class LineMatcher(ABC):
    """Base for line-scope matchers: subclasses implement :meth:`candidates`."""

    def __init__(self, rules: Sequence[Rule]) -> None:
        self.rules = list(rules)

    def literals(self) -> list[frozenset[str]] | None:
        """Unknown by default, so files are always checked."""
        return None

    def anchors(self) -> frozenset[str] | None:
        """Unknown by default, so the whole document is parsed."""
        return None

    @abstractmethod
    def candidates(self, doc: DocView) -> Iterable[tuple[Rule, Segment, int, int]]:
        """Raw spans before the common guards."""

    def run(self, doc: DocView) -> Iterator[Hit]:
        """Yield guarded, mapped hits."""
        return guarded_hits(doc, self.candidates(doc))

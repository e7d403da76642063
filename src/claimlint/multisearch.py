"""Search for many literal words at once: RE2 when installed, ``re`` otherwise.

Used twice: by the raw-text prefilter (which words occur in a file at all)
and by the phrase matcher (where phrases may start). Both are hot paths, so
the text is searched once as UTF-8 bytes with a single combined automaton.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from functools import lru_cache
from typing import Any

from claimlint.casefold import dotless_bytes
from claimlint.wordindex import index_bytes, set_pattern

try:
    import re2

    _re2: Any = re2
except ImportError:  # pragma: no cover - exercised only without google-re2
    _re2 = None

HAVE_RE2 = _re2 is not None
_UNANCHORED: Any = None if _re2 is None else _re2._re2.RE2.Anchor.UNANCHORED
_ANCHOR_START: Any = None if _re2 is None else _re2._re2.RE2.Anchor.ANCHOR_START


#: Bytes the file prefilter searches before it compiles the exact Set (the compile costs about a bare pass over this).
EXACT_AFTER = 1 << 18
#: ASCII bytes a search answers from the text's own words before it compiles its bare Set (a page never does).
SPLIT_BEFORE = 1 << 16
#: Most substrings of runs of letters and digits such a search collects before it compiles the Set after all.
_PIECES = 1 << 16
_RUN = re.compile(rb"[0-9a-z]+")
#: Up to this many words a short text is searched word by word with ``in`` (cheaper than its pieces).
_DIRECT = 256
_last: tuple[str, bytes] = ("", b"")


def utf8(text: str) -> bytes:
    """``text`` as UTF-8 bytes (RE2 searches bytes); the last text's bytes are kept.

    The prefilter's steps (the source's join check, then the word search)
    search the same text one after the other, and the runner hands in the
    bytes it read, so a file that is skipped is never encoded at all.
    """
    global _last
    if _last[0] is not text:
        _last = (text, text.encode("utf-8", "surrogatepass"))
    return _last[1]


def remember_utf8(text: str, data: bytes) -> None:
    """Record that ``data`` is exactly ``text`` encoded as UTF-8 (as read from a file)."""
    global _last
    _last = (text, data)


def _alternation(words: Iterable[str]) -> str:
    return "|".join(re.escape(w) for w in sorted(set(words), key=lambda w: (-len(w), w)))


class MultiSearch:
    """A case-insensitive search for any of ``words``.

    Words may carry edge marks (``<fda>``, see :mod:`claimlint.literals`).
    :meth:`presence` answers for every word, edges included, in one pass.
    """

    def __init__(self, words: Iterable[str], word_start: bool = False, exact_after: int | None = None) -> None:
        self.words = sorted({w.lower() for w in words if w})
        self.exact_after = exact_after
        self._seen = 0
        self.word_start = word_start
        self._re2: Any = None
        self._re: re.Pattern[str] | None = None
        self._exact: Any = None
        self._bare: Any = None
        self.cores = sorted({core(w) for w in self.words})
        self._bits = {w: 1 << i for i, w in enumerate(self.words)}
        self._ascii = all(w.isascii() for w in self.words)
        self._by_core: list[int] = []
        self._compiled = False

    def _compile(self) -> None:
        """Build the alternation on first use: the prefilter never needs it."""
        self._compiled = True
        if not self.words:
            return
        pattern = _alternation(self.words)
        if _re2 is not None:
            self._re2 = _re2.compile(pattern.encode("utf-8"), _options())
        else:
            self._re = re.compile(pattern, re.IGNORECASE)

    def found(self, text: str) -> set[str]:
        """The distinct words that occur anywhere in ``text``, overlapping ones included.

        One pass of an ``RE2::Set`` (each word its own pattern), which reports
        every word that occurs; an alternation would report only one of two
        words sharing a start ("pain" inside "painless").
        """
        if not self.words:
            return set()
        presence = self.presence(text)
        return {w for w in self.words if presence.has(w)}

    def bit(self, word: str) -> int:
        """The bit that stands for ``word`` (as given to the constructor) in :attr:`Presence.mask`."""
        return self._bits.get(word, 0)

    def presence(self, text: str | bytes) -> Presence:
        """Which words occur in ``text``.

        ASCII text (most files) gets one exact pass: each word is its own
        pattern in an ``RE2::Set`` run in Latin-1 mode, where an edge is a
        single byte class, so edges cost nothing extra. (In UTF-8 mode the
        same classes made RE2 build far more DFA states: seconds on a docs
        corpus.) So does other UTF-8 text when the words are ASCII and the
        text holds no character RE2 folds to an ASCII letter (KELVIN SIGN,
        LONG S) nor a lone surrogate: there an ASCII word matches only ASCII
        bytes, and every byte of a non-ASCII character lies outside
        ``[0-9a-z]``, as the character does in UTF-8 mode (the test
        :meth:`Presence._edges` makes with ``find``). Other text is searched
        for the bare words only, and edges are checked later, word by word,
        when a gate asks (:meth:`Presence.has`).
        The exact Set costs more to compile and its DFA more memory, so it is
        built only once ``exact_after`` bytes have been searched (never when
        None): a pre-commit run over one page never pays for it, nor do the
        rule types' small searches over parsed segments. The bare Set that
        searched the text before is then dropped (0.8 MB of program and DFA
        states after 310 dense pages), and built again only if a text that
        does not fold like ASCII comes. İ and ı are read as
        ``i`` first (:func:`claimlint.casefold.dotless_bytes`): the ``regex``
        module matches them with ``i`` and ``I`` ignoring case, RE2 does not.
        """
        if _re2 is None or not self.words:
            if isinstance(text, bytes):
                text = text.decode("utf-8", "surrogatepass")
            return Presence(self._fallback_mask(text), self, b"", exact=True)
        data = dotless_bytes(text if isinstance(text, bytes) else utf8(text))
        self._seen += len(data)
        if self._exact is None and (self.exact_after is None or self._seen <= self.exact_after):
            return self._bare_presence(data)
        if self._ascii and _folds_like_ascii(data):
            if self._exact is None:
                self._exact = _word_set(self.words, latin1=True)
                self._bare = None
            return Presence(_mask(self._exact.Match(b"\n" + data + b"\n") or ()), self, data, exact=True)
        return self._bare_presence(data)

    def _bare_presence(self, data: bytes) -> Presence:
        if not self._by_core:
            by_core = dict.fromkeys(self.cores, 0)
            for w in self.words:
                by_core[core(w)] |= self._bits[w]
            self._by_core = list(by_core.values())
        if self._bare is None and self._seen <= SPLIT_BEFORE and self._ascii and _folds_like_ascii(data):
            mask = _split_mask(self.cores, self._by_core, data.lower())
            if mask is not None:
                return Presence(mask, self, data, exact=False)
        if self._bare is None:
            self._bare = _word_set(self.cores)
        mask = 0
        for i in self._bare.Match(data) or ():
            mask |= self._by_core[i]
        return Presence(mask, self, data, exact=False)

    def _fallback_mask(self, text: str) -> int:
        return _mask(i for i, w in enumerate(self.words) if _fallback(w).search(text))

    def starts(self, text: str) -> Iterator[int]:
        """Offsets (in characters) where one of the words starts at a word start."""
        if not self._compiled:
            self._compile()
        if self._re2 is not None and text.isascii():
            spans: Iterable[tuple[int, int]] = (m.span() for m in self._re2.finditer(text.encode("ascii")))
        elif self._re2 is not None:
            spans = (m.span() for m in self._re2.finditer(text))
        elif self._re is not None:
            spans = (m.span() for m in self._re.finditer(text))
        else:
            return
        for start, _end in spans:
            if not self.word_start or start == 0 or not _is_word(text[start - 1]):
                yield start


_ALNUM = frozenset(b"0123456789abcdefghijklmnopqrstuvwxyz")


def _split_mask(cores: list[str], bits: list[int], lowered: bytes) -> int | None:
    """The bare Set's answer for lowered text that folds like ASCII, without compiling the Set (None: too many pieces).

    (ASCII words in UTF-8 text without the characters RE2 folds to ASCII
    letters: :func:`_folds_like_ascii`. There a non-ASCII character's bytes
    are never ASCII, so they never join a run or a match.)

    A word of ASCII letters and digits can only occur inside one run of
    letters and digits, so it occurs exactly when it is one of the
    substrings of the text's runs no longer than the longest such word.
    Collecting those costs a page a few milliseconds; compiling the Set of
    the default pack's 1,500 words costs several times more. Other words
    are looked for with ``in``. So are all the words of a short list: a word of
    letters and digits occurs in the text exactly when it occurs in one of its
    runs, and a few ``in`` scans cost less than collecting every piece (the
    rule types' word searches, each over the same page, collected them again
    for every search: 0.2-0.4 s of a run over a docs corpus's 20 pages of copy).
    """
    if len(cores) <= _DIRECT:
        mask = 0
        for word, bit in zip(cores, bits, strict=True):
            if word.encode("ascii") in lowered:
                mask |= bit
        return mask
    plain = [c.isalnum() for c in cores]
    longest = max((len(c) for c, ok in zip(cores, plain, strict=True) if ok), default=0)
    pieces: set[bytes] = set()
    for run in set(_RUN.findall(lowered)):
        n = len(run)
        for i in range(n):
            pieces.update(run[i:j] for j in range(i + 1, min(n, i + longest) + 1))
        if len(pieces) > _PIECES:
            return None
    mask = 0
    for word, ok, bit in zip(cores, plain, bits, strict=True):
        needle = word.encode("ascii")
        if (needle in pieces) if ok else (needle in lowered):
            mask |= bit
    return mask


def _mask(indices: Iterable[int]) -> int:
    """Set bits from the indices a Set reports: cheaper to test than a set of strings."""
    mask = 0
    for i in indices:
        mask |= 1 << i
    return mask


class Presence:
    """The outcome of one prefilter pass over a text: a bitmask over the search's words.

    When not ``exact``, a set bit of an edge-marked word only means its bare
    form occurs; :meth:`has` checks the edges (once per word) on request.
    """

    def __init__(self, mask: int, search: MultiSearch, data: bytes, exact: bool) -> None:
        self.mask = mask
        self.search = search
        self.data = data
        self.exact = exact
        self._checked: dict[str, bool] = {}
        self._lower: bytes | None = None

    def has(self, word: str) -> bool:
        """Whether ``word`` (one of the search's words, edge marks included) occurs."""
        if not self.mask & self.search.bit(word):
            return False
        if self.exact or core(word) == word:
            return True
        if word not in self._checked:
            self._checked[word] = self._edges(word, core(word))
        return self._checked[word]

    def _edges(self, word: str, bare: str) -> bool:
        """Whether ``bare`` occurs with the word edges ``word`` asks for.

        The text is lowered once and scanned with ``find`` (compiling a
        regex per word would cost more on a page, and the programs stayed in
        memory). That agrees with RE2's case folding and its edge class for
        an ASCII word in any UTF-8 text without the two characters that fold
        to ASCII letters (KELVIN SIGN, LONG S) or a 0xED lead byte
        (where a lone surrogate may hide): a non-ASCII character is never
        a letter or digit there, and its bytes are never ASCII. Anything
        else goes to RE2, whose case folding matches the Set's.
        """
        if self._lower is None:
            self._lower = self.data.lower() if _folds_like_ascii(self.data) else b""
        if not self._lower or not bare.isascii():
            return _bounded(word).search(self.data) is not None
        text, needle = self._lower, bare.encode("ascii")
        left, right = word.startswith("<"), word.endswith(">")
        pos = text.find(needle)
        while pos >= 0:
            end = pos + len(needle)
            if (not left or pos == 0 or text[pos - 1] not in _ALNUM) and (
                not right or end == len(text) or text[end] not in _ALNUM
            ):
                return True
            pos = text.find(needle, pos + 1)
        return False


#: UTF-8 of the non-ASCII characters RE2 folds to ASCII letters (KELVIN SIGN, LONG S), and the
#: lead byte of an encoded lone surrogate (invalid UTF-8 to RE2).
_FOLD_TO_ASCII = (b"\xe2\x84\xaa", b"\xc5\xbf", b"\xed")


def _folds_like_ascii(data: bytes) -> bool:
    """Whether lowering ASCII bytes finds exactly the ASCII words RE2's case folding finds in ``data``."""
    return data.isascii() or not any(seq in data for seq in _FOLD_TO_ASCII)


class Vocabulary:
    """A growing table of literal words, searched for all at once in many short texts.

    The line rule types check, segment by segment, whether a regex's
    required words occur before running it; a Python check per segment per
    regex cost more than the regexes themselves on dense pages. Here every
    word gets a small integer id and one ``RE2::Set`` pass over a segment
    tells which ids occur in it. Words are registered when rules compile, so
    the Set is normally built once per run; a word added later rebuilds it.
    """

    def __init__(self) -> None:
        self.ids: dict[str, int] = {}
        self._set: Any = None
        self._size = 0
        self.add(_SEEDS)
        _VOCABULARIES.append(self)

    def add(self, words: Iterable[str]) -> frozenset[int]:
        """The ids of ``words`` (lower-case, bare or edge-marked: ``<us>``), registering new ones."""
        ids = self.ids
        for word in words:
            if word not in ids:
                ids[word] = len(ids)
        return frozenset(ids[w] for w in words)

    @property
    def size(self) -> int:
        """How many words the table holds (a search made at this size knows all of them)."""
        return len(self.ids)

    def present(self, text: str) -> list[int]:
        """Ids of the words that occur in ``text``, each with the word edges it is marked with.

        Looked up in :func:`claimlint.wordindex.fold` of ``text``; a word
        without marks is a plain substring there (see :mod:`claimlint.wordindex`).
        """
        if self._set is None or self._size != len(self.ids):
            self._size = len(self.ids)
            self._set = _literal_set(self.ids) if self.ids else None
        if self._set is None:
            return []
        return self._set.Match(index_bytes(text)) or []


#: Words earlier runs' vocabularies held (from the rule cache), and every vocabulary made here.
_SEEDS: list[str] = []
_VOCABULARIES: list[Vocabulary] = []


def seed_vocabulary(words: Iterable[str]) -> None:
    """Register ``words`` in every :class:`Vocabulary`, now and to come, before any is searched.

    Words met while linting rebuild the Set (eight times over a docs
    corpus) and make every document searched since search its segments
    again; words an earlier run registered are registered up front
    instead. Extra words cost nothing: a search answers only for the ids
    it is asked about.
    """
    words = list(words)
    _SEEDS.extend(words)
    for vocabulary in _VOCABULARIES:
        vocabulary.add(words)


def vocabulary_size() -> int:
    """How many words the vocabularies hold together (grows when one registers a word)."""
    return sum(len(vocabulary.ids) for vocabulary in _VOCABULARIES)


def vocabulary_words() -> list[str]:
    """Every word any :class:`Vocabulary` registered (for the rule cache to seed the next run with)."""
    return sorted({w for vocabulary in _VOCABULARIES for w in vocabulary.ids})


def _literal_set(words: Iterable[str]) -> Any:
    """A case-sensitive Set of literal words over :func:`claimlint.wordindex.index_bytes`, run in Latin-1 mode.

    Each byte is one character to a Latin-1 automaton, and an edge mark is
    a space (which every byte but ``[0-9a-z]`` became); a literal,
    case-sensitive Set over single bytes keeps RE2's DFA small.
    """
    patterns = [set_pattern(word).encode("ascii") for word in words]
    try:
        found = _compiled_set(patterns, VOCABULARY_MEM)
    except _re2.error:  # the budget cannot hold the automaton's first states
        found = None
    if found is None or (patterns and not _answers(found, patterns)):
        found = _compiled_set(patterns, SET_MEM)
    return found


#: Memory budget of the word index's Set (:class:`Vocabulary`), which one pass per segment of
#: every parsed page searches. With :data:`SET_MEM` its automaton kept every state it built: 3.3 MB
#: after 310 dense pages, 4.5 MB after the dense corpus (``mallinfo2`` before and after dropping
#: it). Past this budget RE2 empties a Set's state cache and goes on; a Set never gives up mid-search
#: (RE2 falls back to its NFA only for single regexes), so its matches are the same. Too small a
#: budget fails when the Set is built instead (RE2 runs a first search then), and it is then built
#: with :data:`SET_MEM`.
VOCABULARY_MEM = 2 << 20
#: The budget of the other Sets, and of a word index Set that :data:`VOCABULARY_MEM` cannot hold.
SET_MEM = 512 << 20


def _compiled_set(patterns: list[bytes], max_mem: int, latin1: bool = True, case_sensitive: bool = True) -> Any:
    options = _re2.Options()
    if latin1:
        options.encoding = _re2.Options.Encoding.LATIN1
    options.case_sensitive = case_sensitive
    options.max_mem = max_mem
    options.log_errors = False
    found = _re2.Set.SearchSet(options)
    for pattern in patterns:
        found.Add(pattern)
    found.Compile()
    return found


def _answers(found: Any, patterns: list[bytes]) -> bool:
    """Whether the Set ``found`` finds its longest pattern in that pattern's own bytes.

    A Set whose automaton cannot work within its budget already fails to
    compile; this one search checks the built Set once more, since a
    failing Set would report every text as holding no word.
    """
    longest = max(range(len(patterns)), key=lambda k: len(patterns[k]))
    return longest in (found.Match(patterns[longest]) or [])


#: Memory budget of one :func:`compile_re2` regex. Its DFA caches states up to about a third of
#: it as it searches, and these caches are what a run's memory grows by after its first pages; the
#: rule filters' big alternations, with the Sets' 512 MB, held over 100 MB after a dense corpus.
#: Past the budget RE2 flushes the cache or falls back to its NFA: the same matches, a little slower
#: (and silently: RE2 would log the fallback to stderr). 2 MB (RE2's default is 8 MB) since the
#: filters lost their gaps: dense corpus ``--jobs 1`` -2.6 MB peak RSS for about 2% more CPU. The
#: Sets have their own budgets (:data:`VOCABULARY_MEM`, :data:`SET_MEM`).
REGEX_MEM = 2 << 20


def compile_re2(pattern: str, latin1: bool = False, max_mem: int = REGEX_MEM, case_sensitive: bool = False) -> Any:
    """A case-insensitive RE2 regex (unless ``case_sensitive``), or None without google-re2 or if RE2 rejects it.

    ``latin1``: the pattern is written for RE2's Latin-1 mode, where each
    byte of the searched data is one character (see
    :func:`claimlint.re2filter.utf8_bytes`). ``max_mem``: see :data:`REGEX_MEM`.
    """
    if _re2 is None:
        return None
    options = _options()
    options.max_mem = max_mem
    options.case_sensitive = case_sensitive
    options.log_errors = False
    if latin1:
        options.encoding = _re2.Options.Encoding.LATIN1
    try:
        return _re2.compile(pattern.encode("latin-1" if latin1 else "utf-8"), options)
    except (_re2.error, UnicodeEncodeError):
        return None


#: UTF-8 of the characters that ``regex`` or RE2 matches with an ASCII letter when ignoring case
#: (KELVIN SIGN, LONG S, CAPITAL I WITH DOT ABOVE, DOTLESS I): a filter over bytes would miss them.
_FOLDS_TO_LETTER = (b"\xe2\x84\xaa", b"\xc5\xbf", b"\xc4\xb0", b"\xc4\xb1")


def bytes_searchable(data: bytes) -> bool:
    """Whether a filter written for UTF-8 bytes (Latin-1 mode) may search the UTF-8 ``data``."""
    return data.isascii() or not any(seq in data for seq in _FOLDS_TO_LETTER)


def first_span(compiled: Any, data: bytes, pos: int) -> tuple[int, int] | None:
    """The span of the leftmost match of a :func:`compile_re2` regex in ``data[pos:]``, or None.

    Called straight on RE2's ``Match``: the wrapper's ``search`` and
    ``finditer`` run a Python generator and build a match object per call,
    which cost more than the search itself over the short texts of a page.
    """
    raw = getattr(compiled, "_regexp", None)
    if raw is None:
        found = compiled.search(data, pos)
        return None if found is None else found.span()
    start, end = raw.Match(_UNANCHORED, data, pos, len(data))[0]
    return None if start < 0 else (start, end)


def first_end(compiled: Any, data: bytes, pos: int) -> int | None:
    """Where the match of a :func:`compile_re2` regex anchored at ``pos`` ends, or None.

    For a pattern that begins with its own lazy any-character prefix (see
    :func:`claimlint.re2filter.single_line`) this is the end of the leftmost
    match from ``pos``. An anchored match has a known start, so RE2 finds it
    with its forward automaton alone: an unanchored one needs a second,
    reversed program (and its DFA cache) to find where the match began.
    """
    start, end = compiled._regexp.Match(_ANCHOR_START, data, pos, len(data))[0]
    return None if start < 0 else int(end)


def _options() -> Any:
    opts = _re2.Options()
    opts.case_sensitive = False
    opts.max_mem = 512 << 20
    return opts


#: Outside a word: anything but an ASCII letter or digit (wider than ``\b``, never narrower).
_EDGE_BEFORE = "(?:^|[^0-9a-z])"
_EDGE_AFTER = "(?:[^0-9a-z]|$)"


def word_pattern(word: str) -> str:
    """The search pattern of one literal; ``<`` / ``>`` marks (see ``literals``) require a word edge."""
    left, right = word.startswith("<"), word.endswith(">")
    body = re.escape(word[1 if left else 0 : -1 if right else None])
    return (_EDGE_BEFORE if left else "") + body + (_EDGE_AFTER if right else "")


def core(word: str) -> str:
    """A word without its edge marks."""
    return word.strip("<>")


#: Memory budget of a :class:`MultiSearch` Set (the file prefilter's exact and bare Sets, the
#: witness Set, the rule types' word searches). With :data:`SET_MEM` the prefilter's two Sets
#: kept every state they built: 3.8 and 2.0 MB after 310 dense pages (``mallinfo2`` before and
#: after dropping them), more after the dense corpus, which they search page by page. Past the
#: budget a Set empties its state cache and goes on with the same matches (see
#: :data:`VOCABULARY_MEM`); a Set the budget cannot hold is built with :data:`SET_MEM`.
#: 2 MB since session 11 (was 4 MB): the dense corpus's `--jobs 1` peak fell 100.3 -> 98.3 MiB
#: (findings byte-identical) for no CPU change there and about 0.03 s more on the as-is corpus.
WORD_SET_MEM = 2 << 20


def _word_set(words: list[str], latin1: bool = False) -> Any:
    """A case-insensitive RE2 Set of ``words`` within :data:`WORD_SET_MEM`; indices are positions in ``words``.

    With ``latin1`` each word is its :func:`_latin1_pattern`, else the bare
    word. The built Set must find its longest word between spaces, since a
    failing Set would report every text as holding no word (:func:`_answers`).
    """
    pattern = _latin1_pattern if latin1 else re.escape
    encoded = [pattern(w).encode("latin-1" if latin1 else "utf-8") for w in words]
    probe = max(range(len(words)), key=lambda k: len(words[k])) if words else -1
    sample = f" {core(words[probe])} ".encode("latin-1" if latin1 else "utf-8") if words else b""
    try:
        found = _compiled_set(encoded, WORD_SET_MEM, latin1, case_sensitive=False)
    except _re2.error:  # the budget cannot hold the automaton's first states
        found = None
    if found is None or (words and probe not in (found.Match(sample) or [])):
        found = _compiled_set(encoded, SET_MEM, latin1, case_sensitive=False)
    return found


def _latin1_pattern(word: str) -> str:
    """:func:`word_pattern` for text padded with a newline at both ends (no ``^``/``$`` needed)."""
    left, right = word.startswith("<"), word.endswith(">")
    body = re.escape(word[1 if left else 0 : -1 if right else None])
    return ("[^0-9a-z]" if left else "") + body + ("[^0-9a-z]" if right else "")


@lru_cache(maxsize=8192)
def _bounded(word: str) -> Any:
    return _re2.compile(word_pattern(word).encode("utf-8"), _options())


@lru_cache(maxsize=8192)
def _fallback(word: str) -> re.Pattern[str]:
    return re.compile(word_pattern(word), re.IGNORECASE)


def _is_word(ch: str) -> bool:
    return ch.isalnum() or ch == "_"


def set_bits(mask: int) -> list[int]:
    """The positions of the set bits of ``mask``, lowest first (word-set masks are Python ints)."""
    out = []
    while mask:
        low = mask & -mask
        out.append(low.bit_length() - 1)
        mask ^= low
    return out

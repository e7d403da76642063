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

_re2: Any
try:
    import re2 as _re2
except ImportError:  # pragma: no cover - exercised only without google-re2
    _re2 = None

HAVE_RE2 = _re2 is not None


def _alternation(words: Iterable[str]) -> str:
    return "|".join(re.escape(w) for w in sorted(set(words), key=lambda w: (-len(w), w)))


class MultiSearch:
    """A case-insensitive search for any of ``words``."""

    def __init__(self, words: Iterable[str], word_start: bool = False) -> None:
        self.words = sorted({w.lower() for w in words if w})
        self.word_start = word_start
        self._re2: Any = None
        self._re: re.Pattern[str] | None = None
        self._set: Any = None
        self._cores: list[str] = []
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

        With RE2 this is one pass of an ``RE2::Set`` over the bare words
        (each its own pattern), which reports every word that occurs; an
        alternation would report only one of two words sharing a start
        ("pain" inside "painless"). Word-edge marks are then checked only
        for the words found: in the Set they would slow every file down.
        """
        if not self.words:
            return set()
        presence = self.presence(text)
        return {w for w in self.words if presence.has(w)}

    def presence(self, text: str) -> Presence:
        """Which bare words occur in ``text``; edge marks are checked lazily, word by word."""
        if _re2 is None or not self.words:
            return Presence({c for c in {core(w) for w in self.words} if _fallback(c).search(text)}, b"")
        if self._set is None:
            self._cores = sorted({core(w) for w in self.words})
            self._set = _word_set(self._cores)
        data = text.encode("utf-8", "surrogatepass")
        return Presence({self._cores[i] for i in self._set.Match(data) or ()}, data)

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


class Presence:
    """The outcome of one prefilter pass over a text.

    Checking a word's edges costs a search of its own, so it is done only
    when a gate asks about that word, and at most once per word.
    """

    def __init__(self, cores: set[str], data: bytes) -> None:
        self.cores = cores
        self.data = data
        self._checked: dict[str, bool] = {}
        self._lower: bytes | None = None

    def has(self, word: str) -> bool:
        """Whether ``word`` (edge marks included) occurs."""
        bare = core(word)
        if bare not in self.cores:
            return False
        if bare == word or not self.data:
            return True
        if word not in self._checked:
            self._checked[word] = self._edges(word, bare)
        return self._checked[word]

    def _edges(self, word: str, bare: str) -> bool:
        """Whether ``bare`` occurs with the word edges ``word`` asks for.

        ASCII text (most files) is lowered once and scanned with ``find``;
        anything else goes to RE2, whose case folding matches the Set's.
        """
        if self._lower is None:
            self._lower = self.data.lower() if self.data.isascii() else b""
        if not self._lower:
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

    def any_of(self, words: frozenset[str]) -> bool:
        """Whether one of ``words`` occurs; bare words are tried before marked ones."""
        by_core = _by_core(words)
        marked = []
        for bare in self.cores if len(self.cores) < len(by_core) else by_core:
            for word in by_core.get(bare, ()) if bare in self.cores else ():
                if word == bare:
                    return True
                marked.append(word)
        return any(self.has(w) for w in marked)


@lru_cache(maxsize=4096)
def _by_core(words: frozenset[str]) -> dict[str, tuple[str, ...]]:
    """``words`` grouped by their bare form (gate sets are few and reused for every file)."""
    out: dict[str, list[str]] = {}
    for word in sorted(words):
        out.setdefault(core(word), []).append(word)
    return {bare: tuple(group) for bare, group in out.items()}


def compile_re2(pattern: str) -> Any:
    """A case-insensitive RE2 regex, or None without google-re2 or if RE2 rejects it."""
    if _re2 is None:
        return None
    try:
        return _re2.compile(pattern.encode("utf-8"), _options())
    except _re2.error:
        return None


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


def _word_set(words: list[str]) -> Any:
    """An RE2 Set of bare words whose match indices are positions in ``words``."""
    word_set = _re2.Set.SearchSet(_options())
    for word in words:
        word_set.Add(re.escape(word).encode("utf-8"))
    word_set.Compile()
    return word_set


@lru_cache(maxsize=8192)
def _bounded(word: str) -> Any:
    return _re2.compile(word_pattern(word).encode("utf-8"), _options())


@lru_cache(maxsize=8192)
def _fallback(word: str) -> re.Pattern[str]:
    return re.compile(word_pattern(word), re.IGNORECASE)


def _is_word(ch: str) -> bool:
    return ch.isalnum() or ch == "_"

"""Search for many literal words at once: RE2 when installed, ``re`` otherwise.

Used twice: by the raw-text prefilter (which words occur in a file at all)
and by the phrase matcher (where phrases may start). Both are hot paths, so
the text is searched once as UTF-8 bytes with a single combined automaton.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator

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
        self._re2 = None
        self._re = None
        if not self.words:
            return
        pattern = _alternation(self.words)
        if _re2 is not None:
            opts = _re2.Options()
            opts.case_sensitive = False
            opts.max_mem = 512 << 20
            self._re2 = _re2.compile(pattern.encode("utf-8"), opts)
        else:
            self._re = re.compile(pattern, re.IGNORECASE)

    def found(self, text: str) -> set[str]:
        """The distinct words that occur anywhere in ``text`` (overlaps included)."""
        out: set[str] = set()
        if self._re2 is not None:
            data = text.encode("utf-8", "surrogatepass")
            pos = 0
            search = self._re2.search
            while True:
                m = search(data, pos)
                if m is None:
                    return out
                out.add(m.group().decode("utf-8", "replace").lower())
                pos = m.start() + 1
        if self._re is not None:
            pos = 0
            while True:
                m2 = self._re.search(text, pos)
                if m2 is None:
                    return out
                out.add(m2.group().lower())
                pos = m2.start() + 1
        return out

    def starts(self, text: str) -> Iterator[int]:
        """Offsets (in characters) where one of the words starts at a word start."""
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


def _is_word(ch: str) -> bool:
    return ch.isalnum() or ch == "_"

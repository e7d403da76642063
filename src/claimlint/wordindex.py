r"""Whole words for the segment word index: the text fold and when a regex's word edges can be trusted.

A rule regex runs on a segment only if the segment holds one of its required
words (:func:`claimlint.literals.bounded_literals`). Tested as substrings,
short words pass almost everywhere ("us" in "because", "our" in "hour"), and
the ``regex`` module then confirms thousands of segments that cannot match.
The literals already say where a word is whole (``<us>``: no letter or digit
on that side in any match), so the index looks for ``us`` with a character
other than ``[0-9a-z]`` on each marked side, in a fold of the text.

Why that never drops a match of a pattern that :func:`edge_safe` accepts
(``tests/unit/test_wordindex.py`` checks each step over every code point):

- In a match, each character of the word matched an ASCII letter or digit
  of the pattern ignoring case: that letter itself in either case, or one of
  KELVIN SIGN, LONG S, CAPITAL I WITH DOT ABOVE and SMALL DOTLESS I, which
  ``regex`` matches with ``k``, ``s``, ``i`` and ``I``. :func:`fold` maps each
  of those to its ASCII letter, so the word occurs in the fold.
- A marked side holds, in the text, either no character (the text's edge),
  a character that is not a word character where ``\b`` stood, or one that
  matched a pattern character that is not a letter or digit. Neither kind
  folds to anything holding ``[0-9a-z]``, so the fold shows an edge there.
- That reading of the marks holds only for what ``re``'s parser sees as the
  ``regex`` module's literals under simple case folding with Unicode ``\w``.
  A pattern with one of the four characters above (whose lower case does not
  give the ASCII letter they match), an escape that may write any character,
  or an inline flag that changes case folding or ``\w`` (``a``, ``L``,
  ``f``, ``V``, ``w``) keeps its words as bare substrings.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache

from claimlint.casefold import dotless

#: A pattern the edge marks cannot be trusted for (see the module docstring).
_UNSAFE = re.compile(r"[\u0130\u0131\u017f\u212a]|\\[0-9NUux]|\(\?[-a-zA-Z0-9]*[aLfVw]")
#: Longest word whose edge marks the index keeps (see :func:`index_words`).
MARKED = 4
#: Byte table: ASCII letters and digits stay (capitals lowered), every other byte is an edge (a space).
_EDGES = bytes(b if 48 <= b <= 57 or 97 <= b <= 122 else b | 0x20 if 65 <= b <= 90 else 32 for b in range(256))


def fold(text: str) -> str:
    """``text`` case-folded, with both Turkish i's folded to ``i`` (``regex`` matches ``i`` or ``I`` with them).

    ``str.casefold`` already maps KELVIN SIGN to ``k`` and LONG S to ``s``;
    it maps CAPITAL I WITH DOT ABOVE to ``i`` plus a combining dot, which
    would split a word it sits in, and leaves SMALL DOTLESS I alone.
    """
    if text.isascii():
        return text.lower()
    return dotless(text).casefold()


def index_bytes(text: str) -> bytes:
    """What the word index searches for ``text``: its :func:`fold` as UTF-8, every byte but ``[0-9a-z]`` a space.

    A space then stands for any edge, and one more at each end for the
    text's own, so the index's Set holds plain literals (``" us "`` for
    ``<us>``) and a sentence can be checked with ``in`` (one table pass
    also lowers ASCII text, which needs no case folding).
    """
    data = text.encode("ascii") if text.isascii() else fold(text).encode("utf-8", "surrogatepass")
    return b" " + data.translate(_EDGES) + b" "


@lru_cache(maxsize=8192)
def edge_safe(pattern: str) -> bool:
    """Whether ``pattern``'s word edge marks hold for the index (see the module docstring)."""
    return _UNSAFE.search(pattern) is None


def index_words(pattern: str, words: Iterable[str]) -> frozenset[str]:
    """``pattern``'s required ``words`` as the index looks them up (see :func:`marked`)."""
    return marked(frozenset(words), edge_safe(pattern))


def marked(words: frozenset[str], safe: bool) -> frozenset[str]:
    """``words`` with edge marks kept on those of up to :data:`MARKED` characters if ``safe``, else bare.

    Short words hide inside other words ("our" in "hour", "ads" in "loads"),
    a longer one seldom does, and every marked word is one more pattern for
    the index's Set (all marks kept: 3,531 words against 2,521, 2.4 MB more
    DFA on a dense run).
    """
    return frozenset(w if safe and len(w.strip("<>")) <= MARKED else w.strip("<>") for w in words)


def set_pattern(word: str) -> str:
    """The RE2 pattern (Latin-1 mode, over :func:`index_bytes`) that finds ``word`` with its marked edges.

    The word's own bytes go through the same table as the text's, so a word
    that is not all ``[0-9a-z]`` still matches wherever it occurs (it then
    matches more), and the pattern holds nothing RE2 reads as syntax.
    """
    left, right = word.startswith("<"), word.endswith(">")
    bare = word[1 if left else 0 : -1 if right else None].encode("utf-8", "surrogatepass").translate(_EDGES)
    return ((b" " if left else b"") + bare + (b" " if right else b"")).decode("ascii")

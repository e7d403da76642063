"""Anchors: the strings a matcher's reads are pinned to (see ``Matcher`` in :mod:`claimlint.api`).

The prefilter's literals (:mod:`claimlint.literals`) must be selective, so
a regex without a word of three letters gives none. Anchors only need to be
*complete*: every match holds one of them. So this walks the regex's syntax
tree once more and also accepts short words and single punctuation or
non-ASCII characters (``$``, ``—``, ``“``), keeping for each sequence the
rarest choice. Whitespace is never an anchor: segments fold it.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from typing import Any

from claimlint.casefold import caseless, dotless
from claimlint.literals import LEFT, RIGHT, TreeWalk, parse_tree, sre_c
from claimlint.model import Rule
from claimlint.multisearch import compile_re2

Atoms = frozenset[str]
#: A character class with more members than this is no anchor.
MAX_CLASS = 8
#: POSIX classes (``[[:alpha:]]``) and other ``regex``-only syntax that ``re`` would misread.
_FOREIGN = re.compile(r"\[:\^?[A-Za-z]+:\]|\(\?V1\)|\\[pPXmMG]")
_COMMON_PUNCT = frozenset("\"'[]()-,.:;/!?*_#>|")
#: Words too common to narrow anything down (an anchor only needs to be complete, not rare).
_FUNCTION_WORDS = frozenset(
    (
        "a", "an", "and", "are", "as", "at", "be", "but", "by", "can", "do", "for", "from", "has", "have", "i", "in",
        "is", "it", "my", "me", "no", "not", "of", "on", "one", "or", "so", "than", "that", "the", "this", "to", "us",
        "was", "we", "will", "with", "you", "your"
    )
)


def anchor_words(*pattern_lists: Iterable[str]) -> frozenset[str] | None:
    """Strings one of which every match of every pattern holds; None if one pattern has none.

    The union over several keys (``triggers``, ``must``, ``when``...) is what
    a document-level matcher reads: a segment holding none of these strings
    cannot change its verdict, so a source may leave it unparsed.
    """
    out: set[str] = set()
    for patterns in pattern_lists:
        for pattern in patterns:
            atoms = pattern_atoms(pattern)
            if atoms is None:
                return None
            out |= atoms
    return frozenset(out)


def line_anchors(own: frozenset[str] | None, rules: Sequence[Rule]) -> frozenset[str] | None:
    """A line matcher's anchors: strings its own matches hold, plus its ``when`` and ``also_when`` guards'.

    Those are the only guards read at document level; ``context`` and
    ``unless`` read the hit's own sentence, inside a segment already kept.
    A ``page_topic`` rule reads the whole page (its subject and whether it
    sells) for a fragment's verdict, so it has no anchors.
    """
    if any(r.params.get("page_topic") for r in rules):
        return None
    when = anchor_words(*(r.params.get(key) or () for r in rules for key in ("when", "also_when")))
    return None if own is None or when is None else own | when


_KNOWN: dict[str, Atoms | None] = {}


def remember(table: dict[str, Atoms | None]) -> None:
    """Seed the results (from the on-disk rule cache): parsing regexes is slow at start-up."""
    _KNOWN.update(table)


def pattern_atoms(pattern: str) -> Atoms | None:
    """Lower-case strings one of which any match of ``pattern`` (case-insensitive) holds, or None.

    A word may carry edge marks as in :func:`claimlint.literals.bounded_literals`
    (``<in>``: no ASCII letter or digit on either side).
    """
    if pattern not in _KNOWN:
        _KNOWN[pattern] = _atoms(pattern)
    return _KNOWN[pattern]


def _atoms(pattern: str) -> Atoms | None:
    if _FOREIGN.search(pattern):
        return None
    try:
        return _WALK.seq(list(parse_tree(pattern)))
    except (re.error, OverflowError, RecursionError, ValueError):
        return None


def _score(atoms: Atoms) -> float:
    """How rare the least rare member is likely to be in prose and markup."""
    return min(_rarity(a) for a in atoms)


def _rarity(atom: str) -> float:
    bare = atom.strip(LEFT + RIGHT)
    if bare in _FUNCTION_WORDS or atom == ",":
        return 0.25
    if bare.isalnum() and bare.isascii():
        return len(bare) + 0.5 * (len(atom) - len(bare))
    if len(atom) == 1 and atom in _COMMON_PUNCT:
        return 0.5
    return 2.5


def _best(options: list[Atoms]) -> Atoms | None:
    good = [o for o in options if o]
    if not good:
        return None
    return max(good, key=lambda o: (_score(o), -len(o)))


def _run_atoms(run: str, left: bool, right: bool) -> list[Atoms]:
    """Each ASCII word (edge-marked) and each other non-space character of a run, as an option."""
    out: list[Atoms] = []
    text = caseless(dotless(run))
    for m in re.finditer(r"[0-9a-z]+|\S", text):
        piece = m.group()
        if piece.isalnum() and piece.isascii():
            if m.start() > 0 or left:
                piece = LEFT + piece
            if m.end() < len(text) or right:
                piece += RIGHT
        elif piece.isalnum():
            continue
        out.append(frozenset([piece]))
    return out


class _AnchorWalk(TreeWalk):
    """:class:`TreeWalk` that also takes short words, punctuation, small classes and lookaheads."""

    def run_options(self, run: str, left: bool, right: bool) -> list[Atoms]:
        return _run_atoms(run, left, right)

    def best(self, options: list[Atoms]) -> Atoms | None:
        return _best(options)

    def leaf(self, op: Any, av: Any) -> Atoms | None:
        if op is sre_c.ASSERT:
            return self.seq(list(av[1]))
        if op is sre_c.IN:
            return _class(av)
        return None


_WALK = _AnchorWalk()


def _class(members: list[tuple[Any, Any]]) -> Atoms | None:
    """A small class of literal, non-space characters (``[“"]``, ``[—–]``) as alternatives."""
    if len(members) > MAX_CLASS or any(op is not sre_c.LITERAL for op, _ in members):
        return None
    chars = {caseless(dotless(chr(c))) for _, c in members}
    if any(ch.isspace() or (ch.isalnum() and not ch.isascii()) for ch in chars):
        return None
    return frozenset(chars)


class AnchorSearch:
    """Where anchors occur in a text: one RE2 pass, one offset per line that holds any.

    Each match runs to the end of its line, so a line full of anchors costs
    one match; the offset reported is that line's end, inside the line.
    Edge marks are checked without crossing a line break.
    """

    def __init__(self, anchors: Iterable[str]) -> None:
        alternatives = sorted({_anchor_pattern(a) for a in anchors}, key=lambda p: (-len(p), p))
        pattern = "(?:" + "|".join(alternatives) + ")[^\n]*" if alternatives else ""
        self._re2 = compile_re2("(?m)" + pattern) if pattern else None
        self._re = re.compile(pattern, re.IGNORECASE | re.MULTILINE) if pattern and self._re2 is None else None

    def __call__(self, text: str) -> list[int]:
        """Offsets (characters) of the ends of the lines of ``text`` that hold an anchor (İ and ı read as i)."""
        text = dotless(text)
        if self._re2 is not None:
            if text.isascii():
                return [m.end() for m in self._re2.finditer(text.encode("ascii"))]
            return [m.end() for m in self._re2.finditer(text)]
        if self._re is not None:
            return [m.end() for m in self._re.finditer(text)]
        return []


def is_strong(anchor: str) -> bool:
    """Whether an anchor is a word of three letters or digits or more, not a function word.

    Such words are rare enough to search for all matchers at once, and are
    searched without their edge marks (RE2 is much faster on bare words).
    """
    bare = anchor.strip(LEFT + RIGHT)
    return len(bare) >= 3 and bare.isalnum() and bare.isascii() and bare not in _FUNCTION_WORDS


def _anchor_pattern(anchor: str) -> str:
    if is_strong(anchor):
        return re.escape(anchor.strip(LEFT + RIGHT))
    left, right = anchor.startswith(LEFT), anchor.endswith(RIGHT) and len(anchor) > 1
    bare = anchor[1 if left else 0 : -1 if right else None] if len(anchor) > 1 else anchor
    return (r"(?:^|[^0-9a-z\n])" if left else "") + re.escape(bare) + (r"(?:[^0-9a-z\n]|$)" if right else "")

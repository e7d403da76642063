"""Required-literal extraction: which words must occur for a regex to match.

The engine prefilters files on raw text with one combined search, so every
rule needs a set of lower-case words, at least one of which appears in any
text the rule can match. We read the regex's syntax tree (``re``'s parser)
and pick the most selective such set. Only runs of letters and digits are
used, because markup or line breaks in the raw file may split anything
longer. ``None`` means "no safe set": the rule always runs.
"""

from __future__ import annotations

import importlib
import re
import sys
import warnings
from functools import lru_cache
from typing import Any

from claimlint.casefold import caseless, dotless


def _sre_modules() -> tuple[Any, Any]:
    """``re``'s own parser and constants (private, but stable since 3.11)."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DeprecationWarning)
        try:
            return importlib.import_module("re._parser"), importlib.import_module("re._constants")
        except ImportError:  # pragma: no cover - Python 3.10
            return importlib.import_module("sre_parse"), importlib.import_module("sre_constants")


sre_parse, sre_c = _sre_modules()
Lits = frozenset[str]
WORD = re.compile(r"[0-9a-z]+")
MIN_LEN = 3


_KNOWN: dict[str, Lits | None] = {}
#: Marks a word that a match holds as a whole word on that side (see :func:`bounded_literals`).
LEFT, RIGHT = "<", ">"


def remember(table: dict[str, Lits | None]) -> None:
    """Seed the results (from the on-disk rule cache): parsing regexes is slow at start-up."""
    _KNOWN.update(table)


def known() -> dict[str, Lits | None]:
    """Every pattern's words found so far, by pattern (the live table, for the rule cache to store)."""
    return _KNOWN


def core(word: str) -> str:
    """A literal without its boundary marks."""
    return word.strip(LEFT + RIGHT)


def required_literals(pattern: str) -> Lits | None:
    """A set of lower-case words, one of which any match must contain."""
    found = bounded_literals(pattern)
    return None if found is None else frozenset(core(w) for w in found)


def bounded_literals(pattern: str) -> Lits | None:
    r"""Like :func:`required_literals`, with each word marked where it is a whole word.

    ``<fda>`` means: any match holds "fda" with no letter or digit right
    before or after it (the pattern has ``\b``, a space or punctuation
    there). A prefilter can then skip "pdfdata" or a GUID holding "cbd".
    In the raw file, markup next to the word is punctuation too, so the
    boundary holds there as well.
    """
    if pattern not in _KNOWN:
        _KNOWN[pattern] = _required(pattern)
    return _KNOWN[pattern]


@lru_cache(maxsize=2048)
def parse_tree(pattern: str) -> Any:
    """``re``'s syntax tree of ``pattern`` (case-insensitive), shared with :mod:`claimlint.re2filter`.

    Both read the same tree; parsing is most of what either costs. Raises
    what ``re``'s parser raises (``re.error`` and friends).
    """
    if sys.version_info < (3, 11):  # pragma: no cover - Python 3.10
        pattern = without_atomic(pattern)
    return sre_parse.parse(pattern, re.IGNORECASE)


def without_atomic(pattern: str) -> str:
    """``pattern`` with atomic groups and possessive quantifiers made ordinary.

    Python 3.10's parser rejects both (the ``regex`` module, which runs the
    rules, accepts them). The ordinary form matches every text the atomic one
    does, so words it requires and RE2 filters built from it stay sound.
    """
    out: list[str] = []
    i, opened = 0, -1
    while i < len(pattern):
        ch = pattern[i]
        if ch == "\\":
            out.append(pattern[i : i + 2])
            i += 2
            continue
        if opened >= 0:
            first = "".join(out[opened:]) in ("[", "[^")
            opened = opened if ch != "]" or first else -1
        elif ch == "[":
            opened = len(out)
        elif pattern.startswith("(?>", i):
            out.append("(?:")
            i += 3
            continue
        elif ch in "*+?}" and pattern[i + 1 : i + 2] == "+" and not (ch == "?" and out and out[-1].endswith("(")):
            out.append(ch)
            i += 2
            continue
        out.append(ch)
        i += 1
    return "".join(out)


def _required(pattern: str) -> Lits | None:
    """The plain walk's words; failing that, the words of the positive lookaround bodies (see :class:`AheadWalk`)."""
    bare = without_keep(pattern)
    found = _walked(_WALK, bare)
    if found is None and ("(?=" in bare or "(?<=" in bare):
        return _walked(_AHEAD, bare)
    return found


def _walked(walk: TreeWalk, pattern: str) -> Lits | None:
    try:
        parsed = parse_tree(pattern)
    except (re.error, OverflowError, RecursionError, ValueError):
        return None
    try:
        result = walk.seq(list(parsed))
    except RecursionError:
        return None
    if not result or any(len(core(w)) < MIN_LEN for w in result):
        return None
    return result


def without_keep(pattern: str) -> str:
    r"""``pattern`` with each ``\K`` outside a character class removed.

    ``\K`` only moves where the reported match starts; the text a match
    consumes, and so the words it needs and the texts where it can match,
    are the same without it. ``re``'s parser rejects it, which left a ``\K``
    regex with neither required words nor an RE2 filter.
    """
    if "\\K" not in pattern:
        return pattern
    out: list[str] = []
    i, klass = 0, -1
    while i < len(pattern):
        char = pattern[i]
        if char == "\\":
            if pattern[i : i + 2] != "\\K" or klass >= 0:
                out.append(pattern[i : i + 2])
            i += 2
            continue
        if klass < 0 and char == "[":
            klass = i + 2 if pattern[i + 1 : i + 2] == "^" else i + 1
        elif klass >= 0 and char == "]" and i > klass:
            klass = -1
        out.append(char)
        i += 1
    return "".join(out)


def _best(options: list[Lits]) -> Lits | None:
    good = [o for o in options if o and all(len(core(w)) >= MIN_LEN for w in o)]
    if not good:
        return None
    return max(good, key=lambda o: (min(len(core(w)) for w in o), -len(o)))


def _separates(op: Any, av: Any) -> bool:
    r"""Whether this item always puts a non-alphanumeric character (or a ``\b``) here."""
    if op is sre_c.AT:
        return av is sre_c.AT_BOUNDARY
    if op is sre_c.LITERAL:
        return not chr(av).isalnum()
    if op is sre_c.IN:
        return all(
            (o is sre_c.LITERAL and not chr(a).isalnum()) or (o is sre_c.CATEGORY and a is sre_c.CATEGORY_SPACE)
            for o, a in av
        )
    if op in (sre_c.MAX_REPEAT, sre_c.MIN_REPEAT, getattr(sre_c, "POSSESSIVE_REPEAT", None)):
        low, _high, body = av
        return low >= 1 and len(body) == 1 and _separates(*body[0])
    return False


class TreeWalk:
    """One walk over ``re``'s syntax tree that picks, for each sequence, the best set of strings.

    Both the prefilter's literals and the focused parse's anchors (see
    :mod:`claimlint.ruletypes.anchors`) need "a set of strings one of which
    every match holds"; they differ only in what a run of literal characters
    offers, which option is best, and which other nodes they can read.
    Subclasses override :meth:`run_options`, :meth:`best` and :meth:`leaf`.
    """

    def run_options(self, run: str, left: bool, right: bool) -> list[Lits]:
        """Each edge-marked word of a literal run, as an option (İ, ı and ſ read as the ASCII letters they match)."""
        text = caseless(dotless(run))
        options = []
        for m in WORD.finditer(text):
            word = m.group()
            if m.start() > 0 or left:
                word = LEFT + word
            if m.end() < len(text) or right:
                word += RIGHT
            options.append(frozenset([word]))
        return options

    def best(self, options: list[Lits]) -> Lits | None:
        """The most selective option: its shortest word longest, then the fewest words."""
        return _best(options)

    def leaf(self, op: Any, av: Any) -> Lits | None:
        """A node the walk does not descend into: nothing to require."""
        return None

    def seq(self, items: list[tuple[Any, Any]], left: bool = False, right: bool = False) -> Lits | None:
        """The best option of a sequence; ``left``/``right``: a separator surely sits beyond its ends."""
        options: list[Lits] = []
        run: list[str] = []
        run_left = left
        for i, (op, av) in enumerate(items):
            if op is sre_c.LITERAL:
                if not run:
                    run_left = left if i == 0 else _separates(*items[i - 1])
                run.append(chr(av))
                continue
            if op is sre_c.AT and av is not sre_c.AT_BOUNDARY:
                continue
            if run:
                options.extend(self.run_options("".join(run), run_left, _separates(op, av)))
                run.clear()
            before = left if i == 0 else _separates(*items[i - 1])
            after = right if i == len(items) - 1 else _separates(*items[i + 1])
            sub = self.item(op, av, before, after)
            if sub is not None:
                options.append(sub)
        if run:
            options.extend(self.run_options("".join(run), run_left, right))
        return self.best(options)

    def item(self, op: Any, av: Any, left: bool, right: bool) -> Lits | None:
        """What one node requires: groups and repeats descend, branches need one per branch."""
        if op is sre_c.SUBPATTERN:
            return self.seq(list(av[-1]), left, right)
        if op is sre_c.BRANCH:
            parts = [self.seq(list(branch), left, right) for branch in av[1]]
            if any(p is None for p in parts):
                return None
            return frozenset().union(*parts)  # type: ignore[arg-type]
        if op in (sre_c.MAX_REPEAT, sre_c.MIN_REPEAT, getattr(sre_c, "POSSESSIVE_REPEAT", None)):
            low, high, body = av
            if low < 1:
                return None
            once = high == 1
            return self.seq(list(body), left and once, right and once)
        if op is getattr(sre_c, "ATOMIC_GROUP", None):
            return self.seq(list(av), left, right)
        return self.leaf(op, av)


_WALK = TreeWalk()


class AheadWalk(TreeWalk):
    """The literal walk, also reading positive lookarounds (a body's ends get no edge mark).

    A regex that consumes only punctuation-free text and states its words
    in lookaheads (CL119's roll call) has no required word in the plain
    walk, yet every match needs one of those words in the searched text.
    """

    def leaf(self, op: Any, av: Any) -> Lits | None:
        """A positive lookahead or lookbehind requires what its body requires."""
        return self.seq(list(av[1])) if op is sre_c.ASSERT else None


_AHEAD = AheadWalk()

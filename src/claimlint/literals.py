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
import warnings
from typing import Any


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


def remember(table: dict[str, Lits | None]) -> None:
    """Seed the results (from the on-disk rule cache): parsing regexes is slow at start-up."""
    _KNOWN.update(table)


def required_literals(pattern: str) -> Lits | None:
    """A set of lower-case words, one of which any match must contain."""
    if pattern not in _KNOWN:
        _KNOWN[pattern] = _required(pattern)
    return _KNOWN[pattern]


def _required(pattern: str) -> Lits | None:
    try:
        parsed = sre_parse.parse(pattern, re.IGNORECASE)
    except (re.error, OverflowError, RecursionError, ValueError):
        return None
    try:
        result = _seq(list(parsed))
    except RecursionError:
        return None
    if not result or any(len(w) < MIN_LEN for w in result):
        return None
    return result


def _best(options: list[Lits]) -> Lits | None:
    good = [o for o in options if o and all(len(w) >= MIN_LEN for w in o)]
    if not good:
        return None
    return max(good, key=lambda o: (min(len(w) for w in o), -len(o)))


def _seq(items: list[tuple[Any, Any]]) -> Lits | None:
    options: list[Lits] = []
    run: list[str] = []

    def flush() -> None:
        if run:
            options.extend(frozenset([w]) for w in WORD.findall("".join(run).lower()))
            run.clear()

    for op, av in items:
        if op is sre_c.LITERAL:
            run.append(chr(av))
            continue
        if op is sre_c.AT:
            continue
        flush()
        sub = _item(op, av)
        if sub is not None:
            options.append(sub)
    flush()
    return _best(options)


def _item(op: Any, av: Any) -> Lits | None:
    if op is sre_c.SUBPATTERN:
        return _seq(list(av[-1]))
    if op is sre_c.BRANCH:
        parts = [_seq(list(branch)) for branch in av[1]]
        if any(p is None for p in parts):
            return None
        return frozenset().union(*parts)  # type: ignore[arg-type]
    if op in (sre_c.MAX_REPEAT, sre_c.MIN_REPEAT, getattr(sre_c, "POSSESSIVE_REPEAT", None)):
        low, _high, body = av
        return _seq(list(body)) if low >= 1 else None
    if op is getattr(sre_c, "ATOMIC_GROUP", None):
        return _seq(list(av))
    return None

"""Shared machinery for line rules: sentence guards, document gates, timeouts.

Every line-scope rule type yields raw candidates ``(rule, segment, start,
end)``; :func:`guarded_hits` applies the common YAML keys (``scopes``,
``when``, ``context``, ``unless``) and maps spans to the original text once.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Iterable, Iterator, Sequence
from functools import lru_cache

import regex

from claimlint.api import DocView
from claimlint.literals import required_literals
from claimlint.model import Hit, Rule, Segment
from claimlint.rulefile import REGEX_FLAGS

MATCH_TIMEOUT = 2.0


class RuleTimeout(Exception):
    """A rule's regex exceeded :data:`MATCH_TIMEOUT` on one file."""

    def __init__(self, rule: Rule) -> None:
        self.rule = rule
        super().__init__(rule.id)


@lru_cache(maxsize=4096)
def compile_regex(pattern: str) -> regex.Pattern[str]:
    """Compile a rule regex once per process (case-insensitive by default)."""
    return regex.compile(pattern, REGEX_FLAGS)


def compile_all(patterns: Iterable[str]) -> tuple[regex.Pattern[str], ...]:
    """Compile a list of rule regexes."""
    return tuple(compile_regex(p) for p in patterns)


def search_any(patterns: Sequence[regex.Pattern[str]], text: str, rule: Rule) -> bool:
    """True if one of ``patterns`` matches ``text``; bounded by the timeout."""
    try:
        return any(p.search(text, timeout=MATCH_TIMEOUT) for p in patterns)
    except TimeoutError:
        raise RuleTimeout(rule) from None


def finditer(pattern: regex.Pattern[str], text: str, rule: Rule) -> Iterator[regex.Match[str]]:
    """``pattern.finditer`` with the per-match time limit applied."""
    try:
        yield from pattern.finditer(text, timeout=MATCH_TIMEOUT)
    except TimeoutError:
        raise RuleTimeout(rule) from None


def document_matches(doc: DocView, patterns: tuple[str, ...], rule: Rule) -> bool:
    """Whether any segment of ``doc`` matches one of ``patterns`` (cached per doc)."""
    cache: dict[tuple[str, ...], bool] = doc.__dict__.setdefault("_when_cache", {})
    if patterns not in cache:
        compiled = compile_all(patterns)
        cache[patterns] = any(search_any(compiled, seg.text, rule) for seg in doc.segments)
    return cache[patterns]


def any_of_literals(patterns: Iterable[str]) -> frozenset[str] | None:
    """Words one of which any text matching one of ``patterns`` contains."""
    out: set[str] = set()
    for pattern in patterns:
        found = required_literals(pattern)
        if found is None:
            return None
        out |= found
    return frozenset(out)


def gate_literals(own: frozenset[str] | None, rules: Sequence[Rule]) -> list[frozenset[str]] | None:
    """CNF gate for a matcher: its own words, plus the shared ``when`` words."""
    if not own:
        return None
    gates = [own]
    whens = {tuple(r.params.get("when") or ()) for r in rules}
    if len(whens) == 1:
        (when,) = whens
        when_lits = any_of_literals(when) if when else None
        if when_lits:
            gates.append(when_lits)
    return gates


def guarded_hits(
    doc: DocView, candidates: Iterable[tuple[Rule, Segment, int, int]]
) -> Iterator[Hit]:
    """Apply the common guards to raw candidates and map them to the original."""
    for rule, seg, start, end in candidates:
        params = rule.params
        scopes = params.get("scopes")
        if scopes and seg.kind not in scopes:
            continue
        when = params.get("when")
        if when and not document_matches(doc, tuple(when), rule):
            continue
        s_lo, s_hi = doc.sentence(seg, start, end)
        sentence = seg.text[s_lo:s_hi]
        context = params.get("context")
        if context and not search_any(compile_all(context), sentence, rule):
            continue
        unless = params.get("unless")
        if unless and search_any(compile_all(unless), sentence, rule):
            continue
        o_start, o_end = seg.to_original(start, end)
        yield Hit(rule, o_start, o_end, "line", sentence)


class LineMatcher(ABC):
    """Base for line-scope matchers: subclasses implement :meth:`candidates`."""

    def __init__(self, rules: Sequence[Rule]) -> None:
        self.rules = list(rules)

    def literals(self) -> list[frozenset[str]] | None:
        """Unknown by default, so files are always checked."""
        return None

    @abstractmethod
    def candidates(self, doc: DocView) -> Iterable[tuple[Rule, Segment, int, int]]:
        """Raw spans before the common guards."""

    def run(self, doc: DocView) -> Iterator[Hit]:
        """Yield guarded, mapped hits."""
        return guarded_hits(doc, self.candidates(doc))

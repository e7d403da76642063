"""``type: denial``: a denial operator over a risk concept, a few words apart.

Copywriters deny a risk in words no phrase list anticipates: "the chance of
anyone getting hooked is essentially nil", "without any of the dependency
baggage", "Zero dependency". What these share is structure, not wording: an
operator that says *none* ("zero", "no", "without", "free of", "essentially
nil", "don't worry about") placed over a concept a reader fears (addiction,
dependence, cravings, side effects, downtime). This type pairs the two.

Operators come in two lists because their direction matters: "without",
"free of" and "no" deny what follows them ("without withdrawal"), while
"is essentially nil", "none" and "-free" deny what precedes them
("withdrawal: none"). An operator on the wrong side is not a denial ("report
side effects without delay"). ``max_gap`` bounds the words between operator
and concept, so an operator in an unrelated clause does not pair. The match
reported spans operator and concept, the words a rewrite must change.
Everything sentence-wide (questions, risk statements, reported speech) is
left to the common ``unless``/``context`` keys and the shared guards.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from functools import cache
from typing import TYPE_CHECKING

from claimlint.api import DocView, Key, RuleType
from claimlint.errors import ConfigError
from claimlint.model import Hit, Rule, Segment
from claimlint.ruletypes.anchors import anchor_words, line_anchors
from claimlint.ruletypes.base import (
    LineMatcher,
    RuleTimeout,
    any_of_literals,
    earlier_hits,
    finditer,
    gate_literals,
    max_gap,
    regex_for,
    regexes_by_segment,
    time_limit,
)

if TYPE_CHECKING:
    import regex

Span = tuple[int, int]

#: Words allowed between operator and concept when a rule sets no ``max_gap``.
DEFAULT_GAP = 3


@cache
def _word() -> regex.Pattern[str]:
    """Compiled on first use, so a page no denial rule wakes never imports ``regex``."""
    import regex

    return regex.compile(r"\w+")


class DenialMatcher(LineMatcher):
    """One ``denial`` rule.

    It says in other words what a lexicon rule may already have said ("no
    side effects" is CL023's and CL036's, "not addictive" CL041's and
    CL044's): a hit that overlaps another rule's line hit is left out, as the
    classifier leaves out flagged sentences, so a reviewer reads one finding
    per claim and the lexicon rule's more specific category. It therefore
    runs after the lexicon rules (``runs_last``), and before the classifier
    and the disclosure rules, which read its hits.
    """

    runs_last = 0.5

    def __init__(self, rule: Rule) -> None:
        super().__init__([rule])
        self.rule = rule
        self.concept: Sequence[str] = rule.params["concept"]
        self.before: Sequence[str] = rule.params.get("before") or ()
        self.after: Sequence[str] = rule.params.get("after") or ()
        gap = max_gap(rule)
        self.max_gap = DEFAULT_GAP if gap is None else gap
        self._literals = _denial_literals(rule)
        self._anchors = line_anchors(anchor_words(self.concept), [rule])

    def literals(self) -> list[frozenset[str]] | None:
        """CNF: a concept word, an operator word, and the shared ``when``/``context`` words."""
        return self._literals

    def anchors(self) -> frozenset[str] | None:
        """Every hit holds a concept match, and its sentence (operator included) lies in that segment."""
        return self._anchors

    def run(self, doc: DocView) -> Iterator[Hit]:
        """The guarded hits that no other rule's line hit overlaps."""
        taken = [(h.start, h.end) for h in earlier_hits(doc) if h.scope == "line"]
        for hit in super().run(doc):
            if not any(start < hit.end and hit.start < end for start, end in taken):
                yield hit

    def candidates(self, doc: DocView) -> Iterator[tuple[Rule, Segment, int, int]]:
        """The first denied concept of each sentence, reported from operator to concept."""
        for seg, patterns in regexes_by_segment(doc, self.concept):
            done: set[int] = set()
            for start, end in _spans(patterns, seg.text, self.rule):
                lo, hi = doc.sentence(seg, start, end)
                if lo in done:
                    continue
                span = self._denied(doc, seg.text, (lo, hi), (start, end))
                if span is not None:
                    done.add(lo)
                    yield self.rule, seg, span[0], span[1]

    def _denied(self, doc: DocView, text: str, bounds: Span, concept: Span) -> Span | None:
        """The operator-and-concept span when an operator on its side is within ``max_gap`` words."""
        lo, hi = bounds
        for source in self.before:
            op = self._nearest(doc, source, text, (lo, concept[0]), last=True)
            if op is not None and self._gap(text, op[1], concept[0]):
                return op[0], concept[1]
        for source in self.after:
            op = self._nearest(doc, source, text, (concept[1], hi), last=False)
            if op is not None and self._gap(text, concept[1], op[0]):
                return concept[0], op[1]
        return None

    def _nearest(self, doc: DocView, source: str, text: str, window: Span, last: bool) -> Span | None:
        """The operator match in ``text[window]`` closest to the concept, or None.

        Searched in place, not on a slice, so lookbehinds see the concept ("withdrawal-free").
        """
        pattern = regex_for(doc, source, text[window[0] : window[1]])
        if pattern is None:
            return None
        try:
            found = pattern.finditer(text, window[0], window[1], timeout=time_limit(text))
            spans = [m.span() for m in found if m.end() > m.start()]
        except TimeoutError:
            raise RuleTimeout(self.rule) from None
        if not spans:
            return None
        return spans[-1] if last else spans[0]

    def _gap(self, text: str, lo: int, hi: int) -> bool:
        """Whether at most ``max_gap`` words lie between ``lo`` and ``hi``."""
        return len(_word().findall(text, lo, hi)) <= self.max_gap


def _spans(patterns: Sequence[regex.Pattern[str]], text: str, rule: Rule) -> list[Span]:
    """Non-empty concept spans of every pattern, in text order."""
    spans = {m.span() for p in patterns for m in finditer(p, text, rule) if m.end() > m.start()}
    return sorted(spans)


def _denial_literals(rule: Rule) -> list[frozenset[str]] | None:
    """A hit needs a concept word and an operator word in the file; either part may be unknown."""
    gates = gate_literals(any_of_literals(rule.params["concept"]), [rule]) or []
    operators = [*(rule.params.get("before") or ()), *(rule.params.get("after") or ())]
    words = any_of_literals(operators)
    if words:
        gates.append(words)
    return gates or None


def _compile(rules: Sequence[Rule]) -> Sequence[DenialMatcher]:
    for rule in rules:
        if not (rule.params.get("before") or rule.params.get("after")):
            raise ConfigError(
                rule.origin.path,
                f"rule {rule.id}: a denial rule needs operators (before: or after:)",
                rule.origin.line,
                rule.origin.column,
            )
    return [DenialMatcher(r) for r in rules]


RULE_TYPE = RuleType(
    name="denial",
    keys={
        "concept": Key("regex-list", True, "the risk a reader fears (addiction, side effects)"),
        "before": Key("regex-list", doc="operators that deny the concept after them (no, zero, without)"),
        "after": Key("regex-list", doc="operators that deny the concept before them (is nil, none, -free)"),
        "max_gap": Key("int", doc=f"most words allowed between operator and concept (default {DEFAULT_GAP})"),
    },
    compile=_compile,
    doc="Sentence-level: a denial operator over a risk concept, in the operator's direction.",
)

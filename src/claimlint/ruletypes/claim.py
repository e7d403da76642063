"""``type: claim``: a subject and a benefit predicate asserted in one sentence.

Phrase lists miss claims written in fresh words ("ketamine opens the
window", "the program gets you moving again"). A reviewer recognises them
by their structure: a treatment, product or clinic (``subject``) paired with
a benefit or outcome (``predicate``) in the same sentence, in either order.
This type fires once per such sentence and reports the predicate, because
the predicate is the part a rewrite must change.

``max_gap`` bounds how many words may separate the two, which keeps a
subject in one clause from pairing with a benefit in an unrelated clause of
a long sentence. A predicate directly negated ("does not reset", "no lasting
relief") is skipped unless ``negation: false``. Everything sentence-wide
(hedges, questions, reported speech, citations) is expressed with the
common ``unless``/``context`` keys and applied by the shared guards.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from functools import cache
from typing import TYPE_CHECKING

from claimlint.api import DocView, Key, RuleType
from claimlint.model import Rule, Segment
from claimlint.ruletypes.anchors import anchor_words, line_anchors
from claimlint.ruletypes.base import (
    LineMatcher,
    any_of_literals,
    finditer,
    gate_literals,
    max_gap,
    regex_for,
    regexes_by_segment,
)

if TYPE_CHECKING:
    import regex

#: A negator within the three words before a predicate, in the same clause, cancels it
#: ("not a cure", "won't reset"); "No pills. Ketamine resets" is not a negation.
NEGATED = r"(?:\b(?:not|no|never|nor|without|cannot|neither)|n[’']t)[^\w.!?;:]+(?:\w+[^\w.!?;:]+){0,2}$"


@cache
def _compiled(pattern: str) -> regex.Pattern[str]:
    """Compiled on first use, so a page no claim rule wakes never imports ``regex``."""
    import regex

    return regex.compile(pattern, regex.IGNORECASE)


Span = tuple[int, int]


class ClaimMatcher(LineMatcher):
    """One ``claim`` rule."""

    def __init__(self, rule: Rule) -> None:
        super().__init__([rule])
        self.rule = rule
        self.subject: Sequence[str] = rule.params["subject"]
        self.predicate: Sequence[str] = rule.params["predicate"]
        self.max_gap = max_gap(rule)
        self.negation = bool(rule.params.get("negation", True))
        self._literals = _claim_literals(rule)
        self._anchors = line_anchors(anchor_words(rule.params["predicate"]), [rule])

    def literals(self) -> list[frozenset[str]] | None:
        """CNF: a subject word, a predicate word, and the shared ``when``/``context`` words."""
        return self._literals

    def anchors(self) -> frozenset[str] | None:
        """Every hit is a predicate match, and its sentence (subject included) lies in that segment."""
        return self._anchors

    def candidates(self, doc: DocView) -> Iterator[tuple[Rule, Segment, int, int]]:
        """The first qualifying predicate of each sentence that also holds a subject."""
        for seg, patterns in regexes_by_segment(doc, self.predicate):
            done: set[int] = set()
            for start, end in self._predicates(patterns, seg.text):
                lo, hi = doc.sentence(seg, start, end)
                if lo in done:
                    continue
                if self._has_subject(doc, seg.text, lo, hi, (start, end)) or self._inherited(doc, seg, (lo, hi)):
                    done.add(lo)
                    yield self.rule, seg, start, end

    def _predicates(self, patterns: Sequence[regex.Pattern[str]], text: str) -> list[Span]:
        """Non-empty, non-negated spans of the predicate regexes that can match ``text``, in text order."""
        spans: set[Span] = set()
        for pattern in patterns:
            for m in finditer(pattern, text, self.rule):
                if m.end() > m.start() and not (self.negation and _negated(text, m.start())):
                    spans.add(m.span())
        return sorted(spans)

    def _inherited(self, doc: DocView, seg: Segment, bounds: Span) -> bool:
        """Whether a fragment with no subject of its own takes the page's (``page_topic``; see ``subject``)."""
        if not self.rule.params.get("page_topic"):
            return False
        from claimlint.ruletypes.subject import inherits

        return inherits(doc, seg, bounds, self.subject, self.rule)

    def _has_subject(self, doc: DocView, text: str, lo: int, hi: int, pred: Span) -> bool:
        """Whether a subject, apart from the predicate and within ``max_gap`` words, is in ``text[lo:hi]``."""
        sentence = text[lo:hi]
        p_lo, p_hi = pred[0] - lo, pred[1] - lo
        for source in self.subject:
            pattern = regex_for(doc, source, sentence)
            if pattern is None:
                continue
            for m in finditer(pattern, sentence, self.rule):
                s_lo, s_hi = m.span()
                if s_hi <= s_lo or (s_lo < p_hi and p_lo < s_hi):
                    continue
                if self.max_gap is None or _gap(sentence, (s_lo, s_hi), (p_lo, p_hi)) <= self.max_gap:
                    return True
        return False


def _negated(text: str, start: int) -> bool:
    """Whether a negator sits within the three words before ``start``."""
    return _compiled(NEGATED).search(text, max(0, start - 40), start) is not None


def _gap(text: str, a: Span, b: Span) -> int:
    """Words strictly between two non-overlapping spans."""
    first, second = sorted((a, b))
    return len(_compiled(r"\w+").findall(text, first[1], second[0]))


def _claim_literals(rule: Rule) -> list[frozenset[str]] | None:
    """A hit needs a subject word and a predicate word in the file; either part may be unknown."""
    gates = gate_literals(any_of_literals(rule.params["subject"]), [rule]) or []
    predicate = any_of_literals(rule.params["predicate"])
    if predicate:
        gates.append(predicate)
    return gates or None


def _compile(rules: Sequence[Rule]) -> Sequence[ClaimMatcher]:
    return [ClaimMatcher(r) for r in rules]


RULE_TYPE = RuleType(
    name="claim",
    keys={
        "subject": Key("regex-list", True, "the treatment, product or clinic the claim is about"),
        "predicate": Key("regex-list", True, "the benefit or outcome asserted; its match is reported"),
        "max_gap": Key("int", doc="most words allowed between subject and predicate (default: any, same sentence)"),
        "negation": Key("bool", doc="skip a predicate with a negator in the three words before it (default true)"),
    },
    compile=_compile,
    doc="Sentence-level: a subject and a benefit predicate in one sentence, either order.",
)

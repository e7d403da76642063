"""``type: pattern``: regular expressions compiled with the ``regex`` module.

Patterns are case-insensitive (write ``(?-i:...)`` to opt out) and run on
segment text, where markup is gone and whitespace runs are single spaces.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from claimlint.api import DocView, Key, RuleType
from claimlint.model import Rule, Segment
from claimlint.ruletypes.anchors import anchor_words, line_anchors
from claimlint.ruletypes.base import (
    LineMatcher,
    any_of_literals,
    gate_literals,
    regexes_by_segment,
)
from claimlint.ruletypes.units import spans as unit_spans


class PatternMatcher(LineMatcher):
    """One rule's regexes."""

    def __init__(self, rule: Rule) -> None:
        super().__init__([rule])
        self.rule = rule
        self._literals = gate_literals(any_of_literals(rule.params["patterns"]), [rule])
        self._anchors = line_anchors(anchor_words(rule.params["patterns"]), [rule])

    def literals(self) -> list[frozenset[str]] | None:
        """Words from the regex syntax trees (and ``when``), or None."""
        return self._literals

    def anchors(self) -> frozenset[str] | None:
        """Every match holds one of the regexes' required words; ``when`` adds its own."""
        return self._anchors

    def candidates(self, doc: DocView) -> Iterator[tuple[Rule, Segment, int, int]]:
        """Each regex match, non-overlapping per pattern, zero-width ones skipped.

        Only segments where the regexes can match (one RE2 pass) are searched,
        and a regex is compiled only once it can match one (:func:`regex_for`).
        """
        for seg, patterns in regexes_by_segment(doc, self.rule.params["patterns"]):
            seen: set[tuple[int, int]] = set()
            for pattern in patterns:
                for span in unit_spans(pattern, seg, self.rule):
                    if span[1] > span[0] and span not in seen:
                        seen.add(span)
                        yield self.rule, seg, span[0], span[1]


def _compile(rules: Sequence[Rule]) -> Sequence[PatternMatcher]:
    return [PatternMatcher(r) for r in rules]


RULE_TYPE = RuleType(
    name="pattern",
    keys={"patterns": Key("regex-list", True, "regexes (regex module syntax), case-insensitive")},
    compile=_compile,
    doc="Regular expressions over segment text.",
)

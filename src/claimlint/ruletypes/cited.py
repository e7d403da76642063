"""``type: cited``: a claim judged by the reference it cites.

Copy often borrows authority from a source that cannot carry it: a press
release cited as if it were the paper, a study protocol cited for results
that were never published, a systematic review of 14 studies described as
"one study". None of that is visible in the sentence alone. This type reads
the document's reference list (:mod:`claimlint.ruletypes.references`) and
fires when a sentence cites an entry matching one of ``reference`` and the
sentence matches one of ``patterns`` (any citing sentence when ``patterns``
is omitted). ``report`` places the finding on the claim (the ``patterns``
match, or the marker), on the cited entry's title, or on both.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from functools import cached_property
from typing import TYPE_CHECKING

from claimlint.api import DocView, Key, RuleType
from claimlint.errors import ConfigError
from claimlint.model import Rule, Segment
from claimlint.ruletypes.anchors import line_anchors
from claimlint.ruletypes.base import LineMatcher, any_of_literals, compile_all, gate_literals

if TYPE_CHECKING:
    import regex

    from claimlint.ruletypes.references import Citation

REPORT_PLACES = ("claim", "reference", "both")
#: Every reference entry and citation marker holds one of these (brackets or a year's first digits).
REFERENCE_ANCHORS = frozenset({"[", "]", "19", "20"})


class CitedMatcher(LineMatcher):
    """One ``cited`` rule."""

    def __init__(self, rule: Rule) -> None:
        super().__init__([rule])
        self.rule = rule
        self.report = str(rule.params.get("report", "claim"))
        if self.report not in REPORT_PLACES:
            raise ConfigError(
                rule.origin.path,
                f"rule {rule.id}: report must be one of {', '.join(REPORT_PLACES)}, not {self.report!r}",
                rule.origin.line,
                rule.origin.column,
            )
        self._literals = gate_literals(any_of_literals(rule.params["reference"]), [rule])

    def literals(self) -> list[frozenset[str]] | None:
        """A cited entry must contain one of the ``reference`` words."""
        return self._literals

    def anchors(self) -> frozenset[str] | None:
        """What the reference list and its markers need, plus the ``when`` guard's words.

        Reference entries, numbering included, come only from blocks holding
        a bracket (``[3]``, ``3]``) or a year (19xx, 20xx), and markers hold a
        bracket or a year too (see :mod:`claimlint.ruletypes.references`), so
        keeping every such block keeps the whole list and every citation.
        """
        return line_anchors(REFERENCE_ANCHORS, self.rules)

    @cached_property
    def patterns(self) -> tuple[regex.Pattern[str], ...]:
        """Compiled on first use: on most pages the prefilter never wakes this rule."""
        return compile_all(self.rule.params.get("patterns") or ())

    @cached_property
    def reference(self) -> tuple[regex.Pattern[str], ...]:
        """Compiled on first use, like :attr:`patterns`."""
        return compile_all(self.rule.params["reference"])

    def candidates(self, doc: DocView) -> Iterator[tuple[Rule, Segment, int, int]]:
        """Claim spans and/or entry titles for each qualifying citation.

        The reference-list reader is imported here: most pages never wake a ``cited`` rule.
        """
        from claimlint.ruletypes.references import citations

        for citation in citations(doc):
            cited = [r for r in citation.references if any(p.search(r.text) for p in self.reference)]
            if not cited:
                continue
            claim = self._claim(doc, citation)
            if claim is None:
                continue
            if self.report in ("claim", "both"):
                yield self.rule, citation.segment, claim[0], claim[1]
            if self.report in ("reference", "both"):
                for ref in cited:
                    yield self.rule, ref.segment, ref.title[0], ref.title[1]

    def _claim(self, doc: DocView, citation: Citation) -> tuple[int, int] | None:
        """The claim's span in the citing sentence, or None if it makes no matching claim."""
        if not self.rule.params.get("patterns"):
            return citation.start, citation.end
        from claimlint.ruletypes.references import citing_sentence

        lo, hi = citing_sentence(doc, citation)
        return _first_match(self.patterns, citation.segment.text, lo, hi)


def _first_match(patterns: Sequence[regex.Pattern[str]], text: str, lo: int, hi: int) -> tuple[int, int] | None:
    best: tuple[int, int] | None = None
    for pattern in patterns:
        m = pattern.search(text, lo, hi)
        if m and m.end() > m.start() and (best is None or m.start() < best[0]):
            best = m.span()
    return best


def _compile(rules: Sequence[Rule]) -> Sequence[CitedMatcher]:
    return [CitedMatcher(r) for r in rules]


RULE_TYPE = RuleType(
    name="cited",
    keys={
        "reference": Key("regex-list", True, "the cited reference-list entry must match one"),
        "patterns": Key("regex-list", doc="the citing sentence must match one (default: any citing sentence)"),
        "report": Key("str", doc="where to report: claim (default), reference (the entry's title) or both"),
    },
    compile=_compile,
    doc="Reference-aware: a sentence citing a reference-list entry of the wrong kind.",
)

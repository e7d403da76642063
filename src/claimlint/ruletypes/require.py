"""``type: require``: a document-level check for something that must be there.

When one of ``when`` matches somewhere in the document and fewer than ``min``
(default 1) of the ``must`` patterns match anywhere, one finding is reported,
anchored at the first ``when`` match. Sentences matching ``unless`` do not
count towards ``must`` (a contraindication list is not a risk statement).
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from claimlint.api import DocView, Key, RuleType
from claimlint.model import Hit, Rule
from claimlint.ruletypes.anchors import anchor_words
from claimlint.ruletypes.base import (
    any_of_literals,
    document_matches,
    finditer,
    regex_for,
    search_sources,
    segments_matching,
)
from claimlint.textutil import split_sentences


class RequireMatcher:
    """One require rule."""

    def __init__(self, rule: Rule) -> None:
        self.rules = [rule]
        self.rule = rule
        self.min = int(rule.params.get("min", 1))
        gates = [any_of_literals(rule.params.get(key) or ()) for key in ("when", "also_when")]
        self._literals = [g for g in gates if g] or None

    def literals(self) -> list[frozenset[str]] | None:
        """The document must contain a ``when`` word for this rule to fire."""
        return self._literals

    def anchors(self) -> frozenset[str] | None:
        """The verdict reads only segments where a ``when`` or ``must`` pattern can match."""
        params = self.rule.params
        return anchor_words(params["when"], params["must"], params.get("also_when") or ())

    def run(self, doc: DocView) -> Iterator[Hit]:
        """Report once per document when ``must`` is not satisfied."""
        also = tuple(self.rule.params.get("also_when") or ())
        if also and not document_matches(doc, also, self.rule):
            return
        anchor = self._first_when(doc)
        if anchor is None:
            return
        if self._must_count(doc) >= self.min:
            return
        yield Hit(self.rule, anchor[0], anchor[1], "document")

    def _first_when(self, doc: DocView) -> tuple[int, int] | None:
        scopes = self.rule.params.get("scopes")
        for seg in segments_matching(doc, self.rule.params["when"]):
            if scopes and seg.kind not in scopes:
                continue
            best: tuple[int, int] | None = None
            for source in self.rule.params["when"]:
                pattern = regex_for(doc, source, seg.text)
                if pattern is None:
                    continue
                for m in finditer(pattern, seg.text, self.rule):
                    if m.end() > m.start() and (best is None or m.start() < best[0]):
                        best = m.span()
                    break
            if best is not None:
                return seg.to_original(*best)
        return None

    def _must_count(self, doc: DocView) -> int:
        found: set[int] = set()
        must = self.rule.params["must"]
        unless = tuple(self.rule.params.get("unless") or ())
        for seg in segments_matching(doc, must):
            for sentence in split_sentences(seg.text, seg.breaks):
                if unless and search_sources(doc, unless, sentence, self.rule):
                    continue
                for i, pattern in enumerate(must):
                    if i not in found and search_sources(doc, (pattern,), sentence, self.rule):
                        found.add(i)
                if len(found) >= self.min:
                    return len(found)
        return len(found)


def _compile(rules: Sequence[Rule]) -> Sequence[RequireMatcher]:
    return [RequireMatcher(r) for r in rules]


RULE_TYPE = RuleType(
    name="require",
    keys={
        "when": Key("regex-list", True, "the document is checked when one matches"),
        "must": Key("regex-list", True, "patterns that must be present"),
        "min": Key("int", doc="how many distinct must patterns are needed (default 1)"),
    },
    compile=_compile,
    scope="document",
    doc="Document-level: when X is present, Y must be too.",
)

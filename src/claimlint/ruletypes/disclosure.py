"""``type: disclosure``: a page that promotes must carry the disclosure that qualifies it.

Disclosure duties (fair balance, off-label status, screening advice) attach to
promotion, not to every text that names a drug: a study abstract or a news
report about ketamine owes the reader no "talk to your doctor". So a page is
only checked when *every* one of ``triggers`` matches somewhere in it (for
example: the product is named, a benefit is claimed, and the reader is
addressed), none of ``exempt`` matches, and the common ``when`` gate passes.
It is then reported once, at the first match of the first trigger, when fewer
than ``min`` (default 1) of the ``must`` patterns match in sentences that do
not match ``unless``. ``require`` is the simpler one-trigger form.

A disclosure must be clear and conspicuous (FTC): one that only a screen
reader or a crawler sees, in image alt text, a ``title`` attribute or a meta
description, is not one the reader gets. ``not_in`` names such segment kinds,
where a ``must`` match does not count.

``claims`` asks for a claim too (the guide's risk check applies to pages with
"benefit claims"): the page is only checked where one of these patterns
matches or a sentence-level rule of the pack found a claim. A seller's page
states its claims in words no pattern list foresees ("Five visits. One very
different baseline."), while a news story or a support group's newsletter
that names a clinic makes none; so such a matcher runs after the others
(``runs_last``) and reads their hits.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from claimlint.api import DocView, Key, RuleType
from claimlint.model import Hit, Rule, Segment
from claimlint.ruletypes.anchors import anchor_words
from claimlint.ruletypes.base import (
    any_of_literals,
    document_gates,
    document_matches,
    earlier_hits,
    finditer,
    regexes_by_segment,
    search_any,
    search_sources,
)
from claimlint.ruletypes.voice import spoken_somewhere
from claimlint.textutil import split_sentences


class DisclosureMatcher:
    """One ``disclosure`` rule."""

    def __init__(self, rule: Rule) -> None:
        self.rules = [rule]
        self.rule = rule
        self.trigger_sources = tuple(rule.params["triggers"])
        self.exempt = tuple(rule.params.get("exempt") or ())
        self.when = tuple(rule.params.get("when") or ())
        self.also_when = tuple(rule.params.get("also_when") or ())
        self.min = int(rule.params.get("min", 1))
        self.not_in = frozenset(rule.params.get("not_in") or ())
        self.claims = tuple(rule.params.get("claims") or ())
        self.runs_last = bool(self.claims)
        gates = [any_of_literals([p]) for p in self.trigger_sources]
        gates += [any_of_literals(patterns) for patterns in (self.when, self.also_when) if patterns]
        self._literals = [g for g in gates if g] or None

    def literals(self) -> list[frozenset[str]] | None:
        """Every trigger (and the ``when`` gate) must occur: one word set each."""
        return self._literals

    def anchors(self) -> frozenset[str] | None:
        """The verdict reads only segments where a trigger, ``must``, ``exempt`` or ``when`` pattern can match.

        ``unless`` is read only in sentences that already hold a ``must`` match.
        """
        params = self.rule.params
        return anchor_words(params["triggers"], params["must"], self.exempt, self.when, self.also_when)

    def run(self, doc: DocView) -> Iterator[Hit]:
        """Report once per promoting document that lacks the disclosure."""
        if not document_gates(doc, self.rule):
            return
        if self.exempt and document_matches(doc, self.exempt, self.rule):
            return
        anchor = _first(doc, self.trigger_sources[0], self.rule)
        if anchor is None:
            return
        if not all(document_matches(doc, (p,), self.rule) for p in self.trigger_sources[1:]):
            return
        if self.claims and not (_claim_found(doc) or document_matches(doc, self.claims, self.rule)):
            return
        if self._must_count(doc) >= self.min:
            return
        if not all(_spoken(doc, p, self.rule) for p in self.trigger_sources):
            return
        yield Hit(self.rule, anchor[0], anchor[1], "document")

    def _must_count(self, doc: DocView) -> int:
        """Distinct ``must`` patterns found in sentences that ``unless`` does not exclude.

        A pattern absent from every segment cannot count, so whole segments are
        searched first and sentences are split only where a candidate occurs.
        """
        must = self.rule.params["must"]
        unless = tuple(self.rule.params.get("unless") or ())
        present = {
            i: [
                seg
                for seg, found in regexes_by_segment(doc, (p,))
                if seg.kind not in self.not_in and search_any(found, seg.text, self.rule)
            ]
            for i, p in enumerate(must)
        }
        present = {i: segs for i, segs in present.items() if segs}
        if len(present) < self.min or not unless:
            return len(present)
        found: set[int] = set()
        for i, segments in present.items():
            if any(_counts(doc, must[i], unless, seg, self.rule) for seg in segments):
                found.add(i)
                if len(found) >= self.min:
                    break
        return len(found)


def _claim_found(doc: DocView) -> bool:
    """Whether a sentence-level rule reported a claim on the page (:func:`earlier_hits`)."""
    return any(hit.scope == "line" for hit in earlier_hits(doc))


def _spoken(doc: DocView, source: str, rule: Rule) -> bool:
    """:func:`spoken_somewhere`, kept per document and trigger.

    The pack's disclosure rules share their reader and seller triggers, and
    each search runs a long regex over every segment and guards its matches:
    on dense pages the same answer cost four times over (about 7% of CPU).
    The answer does not depend on the rule (it only names who timed out).
    """
    cache: dict[str, bool] = doc.__dict__.setdefault("_spoken", {})
    if source not in cache:
        cache[source] = spoken_somewhere(doc, source, rule)
    return cache[source]


def _first(doc: DocView, source: str, rule: Rule) -> tuple[int, int] | None:
    scopes = rule.params.get("scopes")
    for seg, (pattern,) in regexes_by_segment(doc, (source,)):
        if scopes and seg.kind not in scopes:
            continue
        for m in finditer(pattern, seg.text, rule):
            if m.end() > m.start():
                return seg.to_original(*m.span())
    return None


def _counts(doc: DocView, pattern: str, unless: Sequence[str], seg: Segment, rule: Rule) -> bool:
    """Whether ``pattern`` matches a sentence of ``seg`` that no ``unless`` pattern matches.

    Sentences split as line rules split them, at the segment's unit breaks
    too (ad lines, table cells), so an ``unless`` on one line does not
    cancel a disclosure on the next.
    """
    return any(
        search_sources(doc, (pattern,), sentence, rule) and not search_sources(doc, unless, sentence, rule)
        for sentence in split_sentences(seg.text, seg.breaks)
    )


def _compile(rules: Sequence[Rule]) -> Sequence[DisclosureMatcher]:
    return [DisclosureMatcher(r) for r in rules]


RULE_TYPE = RuleType(
    name="disclosure",
    keys={
        "triggers": Key("regex-list", True, "the page is checked only when every one matches somewhere in it"),
        "must": Key("regex-list", True, "disclosure patterns; fewer than min matching is a finding"),
        "min": Key("int", doc="how many distinct must patterns are needed (default 1)"),
        "exempt": Key("regex-list", doc="pages where one matches anywhere are not checked"),
        "claims": Key("regex-list", doc="check only pages where one matches or a sentence-level rule found a claim"),
        "not_in": Key("text-list", doc="segment kinds where a must match does not count, e.g. [alt, attribute, meta]"),
    },
    compile=_compile,
    scope="document",
    doc="Document-level: a promoting page (all triggers present) must carry a disclosure.",
)

"""Page conditions at run time: whether a document is a page of a named kind.

A pack's ``pages:`` entries (:class:`claimlint.rulefile.PageCondition`) name
kinds of page, such as one that describes claims rather than makes them (a
study abstract, a news report on ads, an advertising-rules digest). A rule
that lists one under ``skip_pages`` does not fire on such a page: the same
sentence is a claim in an ad and a quotation in a digest, and only the page
tells which. The verdict is the same for every rule, so it is reached once
per document, cached on the :class:`~claimlint.api.DocView`, and only for
documents where a rule that asks has a hit: most pages never pay for it.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from claimlint.api import DocView
from claimlint.model import Hit, Rule
from claimlint.rulefile import PageCondition
from claimlint.ruletypes.anchors import anchor_words
from claimlint.ruletypes.base import document_matches


def conditions(rule: Rule) -> tuple[PageCondition, ...]:
    """The page conditions ``rule`` skips (resolved by the loader from ``skip_pages``)."""
    return tuple(rule.params.get("skip_pages") or ())


def holds(doc: DocView, condition: PageCondition, rule: Rule) -> bool:
    """Whether ``doc`` is a page of kind ``condition`` (cached per document).

    ``rule`` is only the one charged if a pattern times out.
    """
    cache: dict[PageCondition, bool] = doc.__dict__.setdefault("_pages", {})
    if condition not in cache:
        cache[condition] = _decide(doc, condition, rule)
    return cache[condition]


def _decide(doc: DocView, condition: PageCondition, rule: Rule) -> bool:
    """Enough segments, no ``unless`` match anywhere, and ``min`` distinct ``any`` patterns somewhere.

    ``unless`` goes first: most pages with findings promote, and one search
    settles those.
    """
    if len(doc.segments) < condition.min_segments:
        return False
    if condition.unless and document_matches(doc, condition.unless, rule):
        return False
    found = 0
    for pattern in condition.any:
        if document_matches(doc, (pattern,), rule):
            found += 1
            if found >= condition.min:
                return True
    return False


def kept(doc: DocView, hits: Iterable[Hit]) -> list[Hit]:
    """``hits`` without those whose rule skips a page condition that ``doc`` holds."""
    return [hit for hit in hits if not any(holds(doc, c, hit.rule) for c in conditions(hit.rule))]


def page_anchors(rules: Sequence[Rule]) -> frozenset[str] | None:
    """Strings every match of the rules' page conditions holds (see :mod:`claimlint.ruletypes.anchors`).

    A focused parse must keep every segment a verdict can read; None when a
    pattern has no such string, so the whole document is parsed.
    """
    found = {c for rule in rules for c in conditions(rule)}
    return anchor_words(*(c.any for c in found), *(c.unless for c in found))

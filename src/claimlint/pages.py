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
from claimlint.ruletypes.base import document_matches, finditer, regexes_by_segment
from claimlint.ruletypes.turns import not_own_voice

PHRASE_WORDS = 6
"""The longest quotation read as a named phrase rather than a quoted sentence."""


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
    """Enough segments, no ``unless`` match and ``min`` distinct ``any`` patterns, all outside quoted phrases.

    ``unless`` goes first: most pages with findings promote, and one search
    settles those. Both sides skip quoted phrases (see :func:`quoted`): a
    phrase in quotation marks is the page naming wording, not using it.
    """
    if len(doc.segments) < condition.min_segments:
        return False
    if condition.unless and _unquoted_match(doc, condition.unless, rule, None):
        return False
    found = 0
    for pattern in condition.any:
        if _unquoted_match(doc, (pattern,), rule):
            found += 1
            if found >= condition.min:
                return True
    return False


def _unquoted_match(doc: DocView, patterns: tuple[str, ...], rule: Rule, words: int | None = PHRASE_WORDS) -> bool:
    """Whether one of ``patterns`` matches somewhere outside a quotation of at most ``words`` words (None: any).

    A checklist of banned phrases or a consumer guide quotes the offer it
    warns against ("only 5 spots left"), and an ad script quotes "FDA
    approved" to forbid it: the quoted phrase is a mention, not the page's
    own voice, and tells nothing about its genre. A seller's voice (``unless``)
    counts only outside every quotation, however long: a worksheet that
    quotes a whole ad ('"... Our drips are 100% safe. Call today!"') quotes
    the seller, and a seller's own page speaks in its own voice somewhere.
    Nor does it count in another side's turn or in a question a speaker puts
    (:func:`claimlint.ruletypes.turns.not_own_voice`).
    """
    if not document_matches(doc, patterns, rule):
        return False
    for seg, found in regexes_by_segment(doc, patterns):
        for pattern in found:
            for m in finditer(pattern, seg.text, rule):
                if quoted(seg.text, m.start(), m.end(), words):
                    continue
                if words is None and not_own_voice(doc, seg, m.start(), m.end()):
                    continue
                return True
    return False


def quoted(text: str, start: int, end: int, words: int | None = PHRASE_WORDS) -> bool:
    """Whether ``text[start:end]`` lies inside a quoted phrase of at most ``words`` words (None: any length).

    Only a phrase is a mention: a quoted sentence is speech (a testimonial,
    a line of an ad script) and still speaks for the page. Straight quotes
    pair up in order, curly ones by direction; single quotes are not read,
    since they double as apostrophes.
    """
    span = _quote_span(text, start, end)
    return span is not None and (words is None or len(text[span[0] : span[1]].split()) <= words)


def _quote_span(text: str, start: int, end: int) -> tuple[int, int] | None:
    """The inside of the double quotation marks around ``text[start:end]``, or None."""
    before, after = text[:start], text[end:]
    if before.count('"') % 2 == 1 and '"' in after:
        return before.rindex('"') + 1, end + after.index('"')
    opening, closing = before.rfind("\u201c"), before.rfind("\u201d")
    if opening > closing and "\u201d" in after:
        return opening + 1, end + after.index("\u201d")
    return None


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

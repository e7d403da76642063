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

import re
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
    span = quote_span(text, start, end)
    return span is not None and (words is None or len(text[span[0] : span[1]].split()) <= words)


def kept(doc: DocView, hits: Iterable[Hit]) -> list[Hit]:
    """``hits`` without those whose rule skips a page condition ``doc`` holds, nor mentions (:func:`unsold_mention`)."""
    return [
        hit
        for hit in hits
        if not any(holds(doc, c, hit.rule) for c in conditions(hit.rule)) and not unsold_mention(doc, hit)
    ]


def page_anchors(rules: Sequence[Rule]) -> frozenset[str] | None:
    """Strings every match of the rules' page conditions holds (see :mod:`claimlint.ruletypes.anchors`).

    A focused parse must keep every segment a verdict can read; None when a
    pattern has no such string, so the whole document is parsed.
    """
    found = {c for rule in rules for c in conditions(rule)}
    return anchor_words(*(c.any for c in found), *(c.unless for c in found))


#: How far before an opening quotation mark, in characters, its frame may begin (about one clause).
FRAME_REACH = 90

#: Frames that name ad copy or an editorial or prohibiting act: the quotation is someone's wording under review.
_FRAME = re.compile(
    r"\b(?:reads|advertis\w+|market(?:s|ed|ing) (?:\w+ )?as"
    r"|(?:describ|bill|brand|label|pitch)(?:e|es|ed|ing|s)? (?:\w+ ){0,3}as|words|wording|phrases?"
    r"|ads?|advert(?:isement)?s?|commercials?|billboards?"
    r"|please add|add(?:ed)?|removed?|deleted?|edited|rewr(?:ote|itten)|flagged"
    r"|don[’']t|do not|never|avoid|ban(?:s|ned)?|forbid\w*|prohibit\w*|reject\w*|re:)(?=\W)",
    re.IGNORECASE,
)
#: Plain reporting verbs: they make a quotation a mention only when a business or its copy is the speaker
#: (:data:`_SPEAKER`); "Dr. Hale says ketamine "works when nothing else has"" on a clinic's own show notes
#: is the clinic's claim in its doctor's voice.
_SAYS = re.compile(
    r"\b(?:says?|said|saying|call(?:s|ed|ing)?"
    r"|told (?:us|me|him|her|them|reporters|viewers|patients|listeners)"
    r"|claim(?:s|ed|ing)?|promis(?:e|es|ed|ing)(?: of)?|tout(?:s|ed|ing))(?=\W)",
    re.IGNORECASE,
)
_SPEAKER = re.compile(
    r"\b(?:clinics?|ads?|adverts?|advertisements?|advertisers?|sellers?|marketers?|compan(?:y|ies)|websites?"
    r"|listings?|brochures?|billboards?|commercials?|signs?|flyers?|posts?|influencers?|med ?spas?)\b",
    re.IGNORECASE,
)
_QUOTES = '"\u201c\u201d'
_REPORTED = re.compile(
    r"\b(?:clinics?|ads?|adverts?|advertisements?|advertisers?|sellers?|marketers?|compan(?:y|ies)|websites?"
    r"|listings?|brochures?|billboards?|commercials?|line|influencers?|med ?spas?)\b[^.!?;:\"“]{0,50}?"
    r"\b(?:call(?:s|ed|ing)|say(?:s|ing)?|said|told (?:me|us|him|her|them|patients|people|customers)"
    r"|claim(?:s|ed|ing)?|promis(?:e|es|ed|ing)|advertis(?:e|es|ed|ing)|tout(?:s|ed|ing)|describ(?:e|es|ed|ing)"
    r"|talk(?:s|ed|ing)? about)\b",
    re.IGNORECASE,
)
_CLAUSE_END = re.compile(r"[.!?](?:[\"”’)]*)\s+(?=[A-Z“\"]|$)|[;:—–]|\b(?:but|while|whereas|yet)\b")
_OWN = re.compile(r"\b(?:we|our|ours)\b", re.IGNORECASE)
_SENTENCE_END = re.compile(r"[.!?](?:[\"”’)]*)\s+(?=[A-Z“\"]|$)")
_BARE_VERDICT = re.compile(
    r"\s*(?:No|Nope|False|Wrong|Myth|Not true|Not so|Nothing (?:shows|supports|backs) (?:that|this|it))"
    r"\s*[.!:;,—–-]",
)


def unsold_mention(doc: DocView, hit: Hit) -> bool:
    """Whether a line ``hit`` names a claim rather than makes it, on a page that does not sell.

    The convention is "claims, not mentions". A page whose author sells nothing
    (a news segment, a public comment, a nursing scenario, a directory's
    listing policy, a talk page) names advertised wording to report, forbid or
    question it, and the page conditions catch it only when a genre marker says
    what it is; a genre nobody foresaw has none. What such pages share is no
    seller evidence (:func:`sells`). There, a claim wholly inside quotation
    marks that the clause before attributes, reports or bans
    (:func:`quote_framed`: "This clinic's sign reads "..."", "Do not tell the
    patient it is "harmless""), or that a seller's indirect speech introduces
    (:func:`reported`: "A clinic in her town was calling ketamine a wonder
    drug"), is a mention; a frame in the speaker's own plural voice ("our
    headline: "..."") and an HTML attribute's value are not. A seller's page
    keeps every finding: a testimonial it quotes is its claim, whatever frame
    introduces it. On any page, a quotation answered at once with a bare
    verdict (""It's harmless." No.", :func:`rebutted`) is a myth being
    rebutted.

    A question is no such mention: a sales page asks its claims ("Is ketamine
    the answer to chronic pain?"). Cheap text tests come first; the seller
    evidence is read only for a hit that one of them calls a mention, once
    per page. Only rules that skip page conditions (``skip_pages``) are
    judged: the others check every page.
    """
    if hit.scope != "line" or not hit.rule.params.get("skip_pages"):
        return False
    text = doc.text
    lo = text.rfind("\n", 0, hit.start) + 1
    hi = text.find("\n", hit.end)
    line = text[lo : hi if hi >= 0 else len(text)]
    start, end = hit.start - lo, hit.end - lo
    while end - start > 1 and line[start] in _QUOTES:
        start += 1
    while end - start > 1 and line[end - 1] in _QUOTES:
        end -= 1
    span = quote_span(line, start, end)
    if span is not None and rebutted(line, span[1] + 1):
        return True
    if span is None:
        if not reported(line, start):
            return False
    elif line[: span[0] - 1].rstrip()[-1:] == "=" or not quote_framed(line, span[0] - 1):
        return False
    return not sells(doc, hit.rule)


def quote_span(text: str, start: int, end: int) -> tuple[int, int] | None:
    """The inside of the double quotation marks around ``text[start:end]`` on one line, or None.

    Straight quotes pair up in order, curly ones by direction; single quotes
    double as apostrophes and are not read.
    """
    before, after = text[:start], text[end:]
    if before.count('"') % 2 == 1 and '"' in after:
        return before.rindex('"') + 1, end + after.index('"')
    opening, closing = before.rfind("\u201c"), before.rfind("\u201d")
    if opening > closing and "\u201d" in after:
        return opening + 1, end + after.index("\u201d")
    return None


def quote_framed(line: str, opening: int) -> bool:
    """Whether the clause before the quotation mark at ``opening`` attributes, reports or bans the quotation.

    The frame must lie in the same sentence, within :data:`FRAME_REACH`
    characters: "The clinic's sign reads", "Ads call ketamine", "Do not tell
    the patient it is", "Please add:". A plain reporting verb ("says",
    "calls", "told us") counts only with a business or its copy as speaker:
    a clinic's own podcast notes quote its doctor ("Hale says ketamine "works
    when nothing else has"") with no "we" and no call to action, and that
    quotation is the clinic's claim.
    """
    lead = line[max(0, opening - FRAME_REACH) : opening]
    ends = list(_SENTENCE_END.finditer(lead))
    if ends:
        lead = lead[ends[-1].end() :]
    if _OWN.search(lead) is not None:
        return False
    return _FRAME.search(lead) is not None or (_SAYS.search(lead) is not None and _SPEAKER.search(lead) is not None)


def reported(line: str, start: int) -> bool:
    """Whether the clause before offset ``start`` reports what a seller or its copy says, without quotation marks.

    "A clinic in her town was calling ketamine a wonder drug", "A clinic told
    me a big study showed it was safe", "Removed an unsourced line saying it
    is not habit-forming": indirect speech whose speaker is a business or its
    copy (a clinic, an ad, a listing, a line), within the same clause. Doctors,
    experts and patients are no such speaker ("Doctors are calling it a
    breakthrough" is the bandwagon claim itself), nor is the speaker's own
    plural voice ("our clinic says").
    """
    lead = line[max(0, start - FRAME_REACH) : start]
    ends = list(_CLAUSE_END.finditer(lead))
    if ends:
        lead = lead[ends[-1].end() :]
    return _REPORTED.search(lead) is not None and _OWN.search(lead) is None


def rebutted(line: str, after: int) -> bool:
    """Whether the words right after a closing quotation mark (offset ``after``) are a bare verdict ("No.", "Myth.")."""
    return _BARE_VERDICT.match(line, after) is not None


def sells(doc: DocView, rule: Rule) -> bool:
    """Whether ``doc`` shows seller evidence: an ``unless`` pattern of one of ``rule``'s page conditions matches.

    The page conditions' ``unless`` lists are the pack's seller's voice, calls
    to action, promotional language and offers; they count outside quotation
    marks and outside other speakers' turns (:func:`_unquoted_match`).
    A page shorter than the conditions' ``min_segments``, in segments and in
    lines (a lone sentence or paragraph, a rule's example; a plain-text
    transcript with no blank line is one segment of many lines), has no genre
    to read and counts as selling.
    Cached per page and set of conditions.
    """
    found = conditions(rule)
    cache: dict[tuple[object, ...], bool] = doc.__dict__.setdefault("_sells_by_conditions", {})
    key = tuple(found)
    if key not in cache:
        patterns = tuple(dict.fromkeys(p for c in found for p in c.unless))
        least = max((c.min_segments for c in found), default=1)
        short = len(doc.segments) < least and sum(1 for row in doc.text.splitlines() if row.strip()) < least
        cache[key] = short or not patterns or _unquoted_match(doc, patterns, rule, None)
    return cache[key]

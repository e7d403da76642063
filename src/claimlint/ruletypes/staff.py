"""The seller's staff speak for the seller: a quotation of them is the seller's own claim.

Guards against reported speech (a quotation followed by "said ...") keep a
journalist's or a patient's words from counting as the page's claims. In
the seller's own publication the same form carries the seller's claims: a
press release quotes its medical director, a founder's post quotes "our
medical director", a clinic page quotes its owner. :func:`staff_words`
gives the guards the sentence as the seller says it, so they judge the
claim and not the quotation marks around it.
"""

from __future__ import annotations

import re

from claimlint.api import DocView
from claimlint.lazyre import lazy

#: A member of the seller's staff, named by role.
_ROLE = (
    r"(?:(?:medical|clinical|nursing|executive|managing) director|director|co-?founder|founder|owner|president"
    r"|ceo|chief (?:executive|medical|clinical) officer|chief executive|cmo|lead (?:physician|nurse|clinician)"
    r"|(?:staff |attending )?(?:physician|anesthesiologist|nurse practitioner|nurse|doctor|clinician|provider))"
)
_NAMED = r"(?:(?:Dr|Mr|Mrs|Ms|Prof)\.?\s+)?(?-i:[A-Z][\w'’-]+)(?:\s(?-i:[A-Z][\w'’.-]*)){0,2}"
_OWNER = (
    r"(?:our|its|the (?:clinic|center|centre|practice|company)[’']s"
    r"|(?-i:[A-Z][\w&'-]*)(?:\s(?-i:[A-Z][\w&'-]*)){0,3}[’']s)"
)
_SPOKE = r"(?:said|says|explained|explains|added|adds|noted|notes|wrote|writes|told (?:me|us|reporters|\w+)|shared)"
#: After a closing quotation mark: "," said medical director Dr. Reyes' / ', said Carla Webb, Lakeshore's founder'.
_STAFF_AFTER = lazy(
    rf"""\s*,?\s*(?:{_SPOKE}\s+(?:{_OWNER}\s+)?(?:[\w-]+\s+){{0,2}}?{_ROLE}\b(?:,?\s+{_NAMED})?"""
    rf"""|{_SPOKE}\s+{_NAMED},?\s+(?:{_OWNER}\s+|the\s+|a\s+)?(?:[\w-]+\s+){{0,2}}?{_ROLE}\b"""
    rf"""|{_OWNER}\s+(?:[\w-]+\s+){{0,2}}?{_ROLE}(?:,?\s+{_NAMED})?,?\s+{_SPOKE})""",
    re.IGNORECASE,
)
#: Before an opening quotation mark: 'Our medical director, Dr. Reyes, says: "'.
_STAFF_BEFORE = lazy(
    rf"""(?:{_OWNER}\s+(?:[\w-]+\s+){{0,2}}?{_ROLE}|{_NAMED},\s+(?:{_OWNER}\s+)?(?:[\w-]+\s+){{0,2}}?{_ROLE},?)"""
    rf"""(?:,?\s+{_NAMED},?)?\s+{_SPOKE}\s*[:,]?\s*$""",
    re.IGNORECASE,
)
_QUOTE = lazy(r"""["“]([^"“”]{2,400})["”]""")
#: The page speaks as a seller, or is the seller's press release.
_OWN_PAGE = lazy(
    r"\bour (?:clinics?|centers?|centres?|practice|team|infusions?|patients|clients|staff|doctors?|physicians"
    r"|nurses|providers?|services|treatments?|locations?|protocols?|programs?|suites?|lounges?)\b"
    r"|\bwe (?:offer|provide|treat|specialize|accept|deliver|help|opened|are proud)\b"
    r"|\b(?:book|schedule|request) (?:your|a) (?:free )?(?:consult\w*|appointment|visit|infusion)\b|\bcall us\b"
    r"|\b(?:today announced|for immediate release|media contact|press contact)\b",
    re.IGNORECASE,
)
#: An attribution that names the writer's own staff: "our medical director".
_OURS = lazy(r"\bour\b", re.IGNORECASE)


def staff_words(doc: DocView, text: str, lo: int, hi: int) -> str:
    """The sentence ``text[lo:hi]`` as the seller says it: a quotation of its own staff unquoted.

    A clinic's press release quotes its medical director ('"We treat CRPS
    and fibromyalgia," said medical director Dr. Reyes'), a founder's post
    quotes "our medical director": those are the seller's claims, though
    the sentence reads like reported speech. On a page that speaks as a
    seller, the quotation marks and the attribution are blanked (same
    length), so guards against reported speech do not excuse it; the words
    of anyone else quoted, and every other page, keep their quotation. The
    page speaks as a seller when it names "our clinic", says "we offer",
    asks the reader to book or call, or is a press release; an attribution
    to "our medical director" speaks for the page by itself.
    """
    sentence = text[lo:hi]
    if '"' not in sentence and "“" not in sentence:
        return sentence
    for quote in _QUOTE.finditer(text, max(0, lo - 400), hi):
        if quote.end() <= lo:
            continue
        after = _STAFF_AFTER.match(text, quote.end(), min(len(text), hi + 200))
        before = _STAFF_BEFORE.search(text, max(lo, quote.start() - 120), quote.start())
        found = after or before
        if found is not None and (_OURS.search(found.group()) is not None or _own_page(doc)):
            cut = found.span()
            out = list(sentence)
            for pos in (quote.start(), quote.end() - 1, *range(*cut)):
                if lo <= pos < hi:
                    out[pos - lo] = " "
            return "".join(out)
    return sentence


def _own_page(doc: DocView) -> bool:
    """Whether some segment of ``doc`` speaks as a seller outside quotation marks (cached)."""
    return says_unquoted(doc, "_own_page", _OWN_PAGE, _QUOTE)


def says_unquoted(doc: DocView, key: str, pattern: re.Pattern[str], quotes: re.Pattern[str]) -> bool:
    """Whether some segment of ``doc`` matches ``pattern`` outside what ``quotes`` matches; kept on the page as ``key``.

    A page speaks as a seller in its own words: a quoted line is someone
    else's. Asked once per page, whichever rule asks first.
    """
    found = doc.__dict__.get(key)
    if found is None:
        found = doc.__dict__[key] = any(pattern.search(quotes.sub(" ", seg.text)) is not None for seg in doc.segments)
    return bool(found)

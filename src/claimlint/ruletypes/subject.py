"""Short copy inherits the page's subject: a headline is read as the page it heads.

A seller's headline, page title, alt text, chart caption, list item, table
cell, banner, button or ad line rarely names the treatment: "Thicker hair,
from your own blood." heads a PRP page, "Visible regrowth in as little as 6
weeks" is a bullet under it, and alt="arthritis pain a thing of the past"
pictures a gift card for infusions. A reader takes the subject from the page,
so a rule gate that asks for a treatment or topic word in the same sentence
(a ``claim`` rule's ``subject``, a ``context`` gate) never opens on them,
while the same words in a full sentence are flagged.

A rule opts in with ``page_topic: true``: where its sentence gate fails, a
*fragment* on a *seller's page* meets it when the gate matches elsewhere on
the page. Both tests are structural:

* a **fragment** is a short unit of copy: a segment of a short-copy kind
  (heading, title, alt text, attribute, meta description, list item, table
  cell) or any unit (a paragraph, or a line that opens a new unit of copy,
  see ``Segment.breaks``) of at most :data:`SHORT_UNIT` words;
* a **seller's page** speaks in a seller's voice, asks the reader to act or
  makes an offer, outside quotation marks. An ad platform's export is a seller
  by its genre: its labels ("Responsive search ad", "Final URL", "Sitelinks")
  name an ad, whose lines never say "we". A news story's captions, a
  textbook's list items and a neutral page's headings have no seller, so they
  inherit nothing; pages that only describe claims are skipped before this by
  the pack's ``neutral``/``unsold`` page conditions.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from claimlint.api import DocView
from claimlint.lazyre import lazy
from claimlint.model import Rule, Segment
from claimlint.ruletypes.base import document_matches
from claimlint.ruletypes.staff import says_unquoted

#: Segment kinds that are short copy by their markup, whatever their length up to :data:`LONG_UNIT`.
FRAGMENT_KINDS = frozenset({"heading", "title", "alt", "attribute", "meta", "list", "table"})
#: A unit of any kind this short (words) is short copy: a caption, a button, a banner, an ad line.
SHORT_UNIT = 20
#: A unit longer than this (words) is prose even in a list item or cell.
LONG_UNIT = 40

_WORD = lazy(r"\w+")
_QUOTED = lazy(r"""["“][^"“”]{0,400}["”]""")
#: A seller's voice, a call to action or an offer: the page sells what its fragments are about.
_SELLS = lazy(
    r"\bour (?:clinics?|centers?|centres?|practice|team|infusions?|patients|clients|guests|members|staff|doctors?"
    r"|physicians|nurses|providers?|specialists?|services|treatments?|therap(?:y|ies)|locations?|protocols?"
    r"|programs?|products?|formula|device|panel|suites?|lounges?|chambers?|sessions?|packages?)\b"
    r"|\bwe (?:offer|provide|treat|specialize|accept|deliver|help|draw|use|tailor)\b"
    r"|\b(?:book|schedule|reserve) (?:your|a|an) (?:free |first |next )?[\w-]+"
    r"|\b(?:request|claim|start) (?:your|a) (?:free |first )?"
    r"(?:consult\w*|appointment|visit|evaluation|assessment|analysis|infusions?|sessions?|series|treatments?)\b"
    r"|\b(?:apply|sign up|register) for (?:a|your) free\b"
    r"|\b(?:call|text|contact|email|visit) us\b|\b(?:call|text) (?:now|today)\b"
    r"|\b(?:add to cart|shop now|order now|buy now|get yours)\b"
    r"|\b(?:free (?:shipping|consult\w*)|risk[- ]free trial|money[- ]back|promo code|use code|gift cards?)\b"
    r"|\blimited time\b"
    r"|\b(?:responsive search ad|ad group|final URL|display URL|sitelinks?)\b"
    r"|\b\d+% off\b|\$\d[\d,]*(?:\.\d\d)? off\b|\bnew[- ]patient (?:special|offer|discount)\b",
    re.IGNORECASE,
)


def inherits(doc: DocView, seg: Segment, bounds: tuple[int, int], patterns: Sequence[str], rule: Rule) -> bool:
    """Whether the sentence ``seg.text[lo:hi]``, which ``patterns`` missed, takes them from its page.

    True only for a rule with ``page_topic: true``, a fragment (see the
    module doc) on a seller's page, and a page where one of ``patterns``
    matches somewhere.
    """
    if not rule.params.get("page_topic"):
        return False
    if not is_fragment(seg, *bounds) or not sells(doc):
        return False
    return document_matches(doc, tuple(patterns), rule)


def is_fragment(seg: Segment, lo: int, hi: int) -> bool:
    """Whether ``seg.text[lo:hi]`` lies in a short unit of copy (see the module doc)."""
    u_lo, u_hi = unit_bounds(seg, lo, hi)
    words = len(_WORD.findall(seg.text, u_lo, u_hi))
    if seg.kind in FRAGMENT_KINDS:
        return words <= LONG_UNIT
    return words <= SHORT_UNIT


def unit_bounds(seg: Segment, lo: int, hi: int) -> tuple[int, int]:
    """The unit of copy holding ``[lo, hi)``: the segment, cut at its breaks."""
    start, end = 0, len(seg.text)
    for brk in seg.breaks:
        if brk <= lo:
            start = brk
        elif brk >= hi:
            end = brk
            break
    return start, end


def sells(doc: DocView) -> bool:
    """Whether some segment of ``doc`` speaks as a seller outside quotation marks (cached per page)."""
    return says_unquoted(doc, "_sells", _SELLS, _QUOTED)

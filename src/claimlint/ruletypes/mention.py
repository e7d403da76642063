"""Use versus mention: a claim quoted in order to be judged is not made.

An ad network's disapproval notice, an agency's banned-phrase table or a
veterans' office list of "claims to question" quotes the very wording the
sentence rules flag, each quotation set apart in its own table cell or list
item and judged next to it. The page itself may read like any other (so no
page condition catches it); the structure says the quotation is an object of
discussion. A seller quotes too (testimonials, slogans), but never judges its
own quotation false, so a verdict, or a table whose header names the quoted
column as wording to avoid, is required.
"""

from __future__ import annotations

import re

from claimlint.api import DocView
from claimlint.model import Segment
from claimlint.textutil import CELL_SEP

#: Longest quotation, in words, treated as a quoted claim (a slogan, a headline, an ad's text).
MAX_WORDS = 8
#: How far after a quotation, in characters, its verdict must begin (the next sentence or so).
VERDICT_REACH = 100
_QUOTE = re.compile(r"""["“]([^"“”]{1,200})["”]""")
_LEAD = " \t-*•–—·"
_VERDICT = re.compile(
    r"\b(?:misleading|false|untrue|incorrect|inaccurate|unproven|unsupported"
    r"|not (?:correct|true|accurate|allowed|permitted)"
    r"|avoid|banned|prohibited|disapproved|reject(?:s|ed)?|instead,? (?:say|write|use)|never (?:say|write|use)"
    r"|we do not write|no \w+ product is|(?:a|an) (?:cure|false|misleading|unproven) claim)\b",
    re.IGNORECASE,
)
_HEADER_VERDICT = re.compile(
    r"\b(?:never|avoid|banned|don[’']t|do not|instead|disapproved|rejected|prohibited|myths?|reasons?)\b", re.IGNORECASE
)


def mentioned_quote(doc: DocView, seg: Segment, span: tuple[int, int, int]) -> bool:
    """Whether the match lies in a table row or a sentence that quotes a short claim in order to judge it.

    ``span`` is (sentence start, match start, match end). A table row counts
    when quotations fill its first cell and a later cell gives a verdict, or
    the table's header row labels the column as wording to avoid ("Never
    write | Why"); then the whole row, reason included, discusses the claim.
    Elsewhere the match must lie in a quotation that opens its sentence, with
    a verdict right after it ("... ," said about infusions. That is not
    correct."). A testimonial table (``| Jane, 54 | "I'm pain-free!" |``) or a
    patient's quoted words in a list carry no verdict and still count as copy.
    """
    s_lo, start, end = span
    if seg.kind == "table":
        return _judged_row(doc, seg)
    text = seg.text
    quote = _enclosing_quote(text, start, end)
    if quote is None or text[s_lo : quote[0]].strip(_LEAD):
        return False
    return _VERDICT.search(text, quote[1], quote[1] + VERDICT_REACH) is not None


def _enclosing_quote(text: str, start: int, end: int) -> tuple[int, int] | None:
    """Span of the short quotation holding ``start:end``, marks included, or None."""
    for m in _QUOTE.finditer(text):
        if m.start() > start:
            return None
        if m.end() >= end:
            return (m.start(), m.end()) if len(m.group(1).split()) <= MAX_WORDS else None
    return None


def _judged_row(doc: DocView, seg: Segment) -> bool:
    """Whether the row's first cell is nothing but short quotations and the row or its table judges them."""
    text = seg.text
    cell_end = text.find(CELL_SEP)
    if cell_end < 0:
        return False
    quotes = _QUOTE.findall(text, 0, cell_end)
    if not quotes or any(len(q.split()) > MAX_WORDS for q in quotes):
        return False
    if _QUOTE.sub("", text[:cell_end]).strip(" ,;/") not in ("", "or", "and"):
        return False
    return _VERDICT.search(text, cell_end) is not None or _header_judges(doc, seg)


def _header_judges(doc: DocView, seg: Segment) -> bool:
    """Whether the header of ``seg``'s table (first of its run of table rows) labels a column as wording to avoid."""
    from claimlint.ruletypes.base import segment_index

    index = segment_index(doc)
    pos = index.position(seg)
    while pos > 0 and index.segments[pos - 1].kind == "table":
        pos -= 1
    header = index.segments[pos]
    return header is not seg and _HEADER_VERDICT.search(header.text) is not None

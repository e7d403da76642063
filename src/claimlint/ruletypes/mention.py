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
from collections.abc import Sequence

from claimlint.api import DocView
from claimlint.lazyre import lazy
from claimlint.model import Segment
from claimlint.textutil import CELL_SEP

#: Longest quotation, in words, treated as a quoted claim (a slogan, a headline, an ad's text).
MAX_WORDS = 8
#: How far after a quotation, in characters, its verdict must begin (the next sentence or so).
VERDICT_REACH = 100
_QUOTE = lazy(r"""["“]([^"“”]{1,200})["”]""")
_OPENING_QUOTE = lazy(r"""[ \t*•·–—-]*["“]([^"“”]{1,200})["”]""")
_VERDICT = lazy(
    r"\b(?:misleading|false|untrue|incorrect|inaccurate|unproven|unsupported"
    r"|not (?:correct|true|accurate|allowed|permitted)"
    r"|avoid|banned|prohibited|disapproved|reject(?:s|ed)?|instead,? (?:say|write|use)|never (?:say|write|use)"
    r"|we do not write|no \w+ product is|(?:a|an) (?:cure|false|misleading|unproven) claim"
    # a bare denial of the quotation: '"Ketamine cures pain." It does not; no source says so.'
    r"|(?:it|this|that|they) (?:does|do|did|is|are|was|were|will|can)(?: not|n[’']t)(?=\s*[.;,!—–])"
    r"|no (?:source|study|trial|review|evidence|data) (?:says|shows|supports|backs)(?: (?:this|that|it|so))?)\b",
    re.IGNORECASE,
)
_HEADER_VERDICT = lazy(
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
    quote = _OPENING_QUOTE.match(text, s_lo)
    if quote is None or quote.start(1) > start or quote.end() < end or len(quote.group(1).split()) > MAX_WORDS:
        return False
    return _VERDICT.search(text, quote.end(), quote.end() + VERDICT_REACH) is not None


def _judged_row(doc: DocView, seg: Segment) -> bool:
    """Whether the row's first cell is nothing but short quotations and the row or its table judges them.

    Cached per row: a long row with many matches is read once.
    """
    judged: dict[int, bool] = doc.__dict__.setdefault("_judged_rows", {})
    if id(seg) not in judged:
        judged[id(seg)] = _quoted_first_cell(seg.text) and (
            _VERDICT.search(seg.text, seg.text.find(CELL_SEP)) is not None or _header_judges(doc, seg)
        )
    return judged[id(seg)]


def _quoted_first_cell(text: str) -> bool:
    """Whether the first cell of a row (of several) holds only quotations of at most :data:`MAX_WORDS` words."""
    cell_end = text.find(CELL_SEP)
    if cell_end < 0:
        return False
    quotes = _QUOTE.findall(text, 0, cell_end)
    if not quotes or any(len(q.split()) > MAX_WORDS for q in quotes):
        return False
    return _QUOTE.sub("", text[:cell_end]).strip(" ,;/") in ("", "or", "and")


def _header_judges(doc: DocView, seg: Segment) -> bool:
    """Whether the header of ``seg``'s table (first of its run of table rows) labels a column as wording to avoid."""
    from claimlint.ruletypes.base import segment_index

    index = segment_index(doc)
    pos = index.position(seg)
    header = index.segments[_table_heads(doc, index.segments)[pos]]
    return header is not seg and _HEADER_VERDICT.search(header.text) is not None


def _table_heads(doc: DocView, segments: Sequence[Segment]) -> list[int]:
    """For each segment, the index of the first row of its run of table rows; one pass per document."""
    heads: list[int] | None = doc.__dict__.get("_table_heads")
    if heads is None:
        heads = []
        for k, seg in enumerate(segments):
            joins = k and seg.kind == "table" and segments[k - 1].kind == "table"
            heads.append(heads[k - 1] if joins else k)
        doc.__dict__["_table_heads"] = heads
    return heads

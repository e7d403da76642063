"""Shared by the turn-attribution tests: a parsed page as the engine sees it, and whose turn a phrase is in."""

from __future__ import annotations

from claimlint.api import DocView
from claimlint.ruletypes.turns import others_turn


def doc_view(source: str, parse: object, path: str = "page.txt") -> DocView:
    """``source`` parsed by the source format module ``parse`` (markdown, html, text) into a DocView."""
    parsed = parse.parse(source)  # type: ignore[attr-defined]
    return DocView(path, source, parsed.segments)


def others_at(doc: DocView, words: str) -> bool:
    """Whether the first occurrence of ``words`` lies in another side's turn (a customer's, a caller's)."""
    for seg in doc.segments:
        start = seg.text.find(words)
        if start >= 0:
            return others_turn(doc, seg, start, start + len(words))
    raise AssertionError(words)

"""Helpers shared by the source-format tests."""

from __future__ import annotations

import re

from claimlint.model import ParsedSource
from claimlint.textutil import LineIndex

WORD = re.compile(r"[0-9a-z]+")


def locate(parsed: ParsedSource, text: str, needle: str) -> tuple[tuple[int, int, int, int], str] | None:
    """Earliest occurrence of ``needle`` in any segment, as 1-based positions and the segment kind."""
    best: tuple[int, int, str] | None = None
    for seg in parsed.segments:
        at = seg.text.find(needle)
        if at >= 0:
            start, end = seg.to_original(at, at + len(needle))
            if best is None or start < best[0]:
                best = (start, end, seg.kind)
    if best is None:
        return None
    index = LineIndex(text)
    return (*index.position(best[0]), *index.position(best[1])), best[2]

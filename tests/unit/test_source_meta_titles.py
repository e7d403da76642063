"""Link-preview titles are titles: og:title and twitter:title reach the rules like <title> (sources.html)."""

from __future__ import annotations

import pytest

from claimlint.sources import html

PAGE = (
    '<html><head><title>Clinic</title><meta property="og:title" content="Pain gone in one visit">'
    '<meta name="twitter:title" content="A miracle cure"><meta property="og:image" content="x.png">'
    '<meta name="viewport" content="width=device-width"></head><body><p>Hello.</p></body></html>'
)


@pytest.mark.parametrize("text", ["Pain gone in one visit", "A miracle cure"])
def test_preview_titles_are_meta_segments_with_exact_positions(text: str) -> None:
    seg = next(s for s in html.parse(PAGE).segments if s.text == text)
    assert seg.kind == "meta"
    assert PAGE[seg.start : seg.end] == text


def test_other_meta_tags_are_not_text() -> None:
    texts = [s.text for s in html.parse(PAGE).segments]
    assert "x.png" not in texts
    assert "width=device-width" not in texts

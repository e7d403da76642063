"""Plain-text source: paragraphs, directive lines and positions."""

from __future__ import annotations

import pytest

from claimlint.sources import text
from claimlint.textutil import LineIndex


def test_paragraphs_split_on_blank_lines() -> None:
    parsed = text.parse("One line\nwraps here.\n\n\nSecond.\r\n\r\nThird")
    assert [(s.kind, s.text) for s in parsed.segments] == [
        ("paragraph", "One line wraps here."),
        ("paragraph", "Second."),
        ("paragraph", "Third"),
    ]


@pytest.mark.parametrize(
    ("source", "needle", "expected"),
    [
        ("a natural cure", "natural cure", (1, 3, 1, 15)),
        ("x\r\n\r\nIt is natural\r\ncure.", "natural cure", (3, 7, 4, 5)),
        ("Café\tnatural cure", "natural cure", (1, 6, 1, 18)),
        ("😀 natural  cure", "natural cure", (1, 3, 1, 16)),
    ],
)
def test_positions(source: str, needle: str, expected: tuple[int, int, int, int]) -> None:
    (seg,) = [s for s in text.parse(source).segments if needle in s.text]
    at = seg.text.index(needle)
    start, end = seg.to_original(at, at + len(needle))
    index = LineIndex(source)
    assert (*index.position(start), *index.position(end)) == expected


def test_directive_lines_are_not_copy() -> None:
    source = "Intro.\r\nclaimlint: claimlint-disable-next-line CL011,CL021 -- legal ok\r\nA natural cure."
    parsed = text.parse(source)
    (d,) = parsed.directives
    assert (d.action, d.rules, d.reason) == ("disable-next-line", ("CL011", "CL021"), "legal ok")
    assert (d.line, d.column) == (2, 1)
    assert all("claimlint" not in s.text for s in parsed.segments)
    assert [s.text for s in parsed.segments] == ["Intro. A natural cure."]


def test_unknown_directive_text_stays_copy() -> None:
    parsed = text.parse("claimlint: is a tool name")
    assert parsed.directives == []
    assert [s.text for s in parsed.segments] == ["claimlint: is a tool name"]


def test_empty_text() -> None:
    parsed = text.parse("")
    assert list(parsed.segments) == []
    assert list(parsed.directives) == []


@pytest.mark.parametrize("newline", ["\n", "\r\n", "\r"])
def test_directive_lines_with_any_line_ending(newline: str) -> None:
    from claimlint.sources.text import parse

    text = newline.join(["Intro.", "  claimlint: claimlint-disable-next-line CL011 -- approved", "Copy."])
    parsed = parse(text)
    (directive,) = parsed.directives
    assert (directive.line, directive.column, directive.rules, directive.reason) == (2, 3, ("CL011",), "approved")
    assert [s.text for s in parsed.segments] == ["Intro. Copy."]


def test_ad_lines_start_sentences_and_prose_wraps() -> None:
    source = (
        "HEADLINES\nH1  Ketamine in Your Living Room\nH2  Relief Without Pills or Surgery\n\n"
        "In 2025 a clinic published results from more than a thousand patients, and the verdict\nwas clear.\n"
    )
    ads, prose = text.parse(source).segments
    assert ads.text == "HEADLINES H1 Ketamine in Your Living Room H2 Relief Without Pills or Surgery"
    assert [ads.text[b : b + 2] for b in ads.breaks] == ["H1", "H2"]
    assert prose.breaks == ()
    start, _ = ads.to_original(ads.breaks[1], ads.breaks[1] + 2)
    assert LineIndex(source).position(start) == (3, 1)

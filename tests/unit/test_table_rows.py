"""Table rows read as units: one segment per row, a break per cell, exact cell positions."""

from __future__ import annotations

from collections.abc import Sequence

import pytest

from claimlint.model import Segment
from claimlint.sources import html, markdown
from claimlint.textutil import CELL_SEP, LineIndex, join_cells, sentence_bounds, split_sentences, whole_text_segment

OUTCOME_MD = "# Case\n\n| Measure | Before | After |\n|---|---|---|\n| Pain score | 9/10 | 2/10 |\n"
OUTCOME_HTML = (
    "<table>\n<tr><th>Measure</th><th>Before</th><th>After</th></tr>\n"
    "<tr><td>Mobility</td><td>Wheelchair</td><td>5-mile <b>hikes</b></td></tr>\n</table>\n"
)


def _rows(segments: Sequence[Segment]) -> list[str]:
    return [s.text for s in segments if s.kind == "table"]


def _where(text: str, seg: Segment, needle: str) -> tuple[int, int, int, int]:
    """Line and column of both ends of ``needle`` in ``seg``, mapped to ``text``."""
    start = seg.text.index(needle)
    a, b = seg.to_original(start, start + len(needle))
    index = LineIndex(text)
    return (*index.position(a), *index.position(b - 1))


def test_markdown_header_and_body_rows_are_segments() -> None:
    rows = _rows(markdown.parse(OUTCOME_MD).segments)
    assert rows == ["Measure | Before | After", "Pain score | 9/10 | 2/10"]


def test_markdown_cell_positions_stay_exact() -> None:
    seg = markdown.parse(OUTCOME_MD).segments[-1]
    assert _where(OUTCOME_MD, seg, "2/10") == (5, 23, 5, 26)
    assert _where(OUTCOME_MD, seg, "Pain score | 9/10") == (5, 3, 5, 19)


def test_markdown_breaks_start_each_cell() -> None:
    seg = markdown.parse(OUTCOME_MD).segments[-1]
    assert [seg.text[b:] for b in seg.breaks] == ["9/10 | 2/10", "2/10"]


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ("| a \\| b | c |\n|---|---|\n| x | y |", ["a | b | c", "x | y"]),
        ("- item\n\n  | a | b |\n  |---|---|\n  | x | y |", ["a | b", "x | y"]),
        ("> | a | b |\n> |---|---|\n> | x | y |", ["a | b", "x | y"]),
        ("| | Us | Other clinics |\n|---|---|---|\n| Risk | Low | High |", ["Us | Other clinics", "Risk | Low | High"]),
        ("|a|b|\n|-|-|\n|`code` *x*|[link](u.html)|", ["a | b", "x | link"]),
        ("| Series | ~~$3,300~~ $2,400 |\n|---|---|", ["Series | $3,300 $2,400"]),
    ],
    ids=["escaped-pipe", "in-list", "in-blockquote", "empty-cell", "inline-markup", "struck-price"],
)
def test_markdown_rows(source: str, expected: list[str]) -> None:
    assert _rows(markdown.parse(source).segments) == expected


def test_markdown_row_in_blockquote_maps_to_its_line() -> None:
    source = "> | a | b |\n> |---|---|\n> | x | natural |"
    seg = markdown.parse(source).segments[-1]
    assert _where(source, seg, "natural") == (3, 9, 3, 15)


def test_markdown_alt_text_in_a_cell_stays_its_own_segment() -> None:
    parsed = markdown.parse("| a | ![natural](x.png) b |\n|---|---|")
    assert [(s.kind, s.text) for s in parsed.segments] == [("table", "a | b"), ("alt", "natural")]


def test_html_rows_are_segments_with_positions() -> None:
    segments = html.parse(OUTCOME_HTML).segments
    assert _rows(segments) == ["Measure | Before | After", "Mobility | Wheelchair | 5-mile hikes"]
    assert _where(OUTCOME_HTML, segments[-1], "5-mile hikes") == (3, 45, 3, 59)


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ("<table><tr><th></th><th>Us</th><th>Them</th></tr></table>", ["Us | Them"]),
        ('<table><tr><td colspan="2">Price</td><td><s>$3,300</s> $2,400</td></tr></table>', ["Price | $3,300 $2,400"]),
        ("<table><tr><td>a<td>b<tr><td>c</table>", ["a | b", "c"]),
        ("<table><tr><td>a<table><tr><td>x</td><td>y</td></tr></table>b</td><td>c</td></tr></table>", None),
        ("<table><thead><tr><th>a</th></tr></thead><tbody><tr><td>b</td></tr></tbody></table>", ["a", "b"]),
        ("<table><tr><td>a &amp; b</td><td>c<br>d</td></tr></table>", ["a & b | c d"]),
        ("<tr><td>open", ["open"]),
    ],
    ids=["th-empty", "colspan-struck", "unclosed", "nested", "thead-tbody", "entity-br", "never-closed"],
)
def test_html_rows(source: str, expected: list[str] | None) -> None:
    rows = _rows(html.parse(source).segments)
    assert rows == (expected if expected is not None else ["x | y", "a b | c"])


def test_html_row_break_inside_a_cell() -> None:
    (seg,) = html.parse("<table><tr><td>a</td><td>c<br>d</td></tr></table>").segments
    assert (seg.text, seg.breaks) == ("a | c d", (4, 6))


def test_join_cells_maps_the_separator_to_the_gap() -> None:
    source = "ab || cd"
    cells = [[whole(source, 0, 2)], [whole(source, 6, 8)]]
    seg = join_cells(cells)
    assert seg is not None
    assert seg.text == "ab" + CELL_SEP + "cd"
    assert seg.to_original(2, 5) == (2, 6)
    assert seg.to_original(5, 7) == (6, 8)


def test_join_cells_of_nothing_is_nothing() -> None:
    assert join_cells([[], []]) is None


def whole(source: str, a: int, b: int) -> Segment:
    seg = whole_text_segment(source[a:b])
    assert seg is not None
    return Segment(seg.text, "table", seg.seg_starts, seg.seg_lens, [s + a for s in seg.orig_starts], seg.orig_lens)


def test_sentence_stops_at_a_cell_without_its_separator() -> None:
    seg = markdown.parse("| Is it safe? | Yes, totally |\n|---|---|").segments[0]
    start = seg.text.index("safe")
    lo, hi = sentence_bounds(seg.text, start, start + 4, seg.breaks)
    assert seg.text[lo:hi] == "Is it safe?"
    assert list(split_sentences(seg.text, seg.breaks)) == ["Is it safe?", "Yes, totally"]


def test_match_across_cells_spans_their_sentences() -> None:
    seg = markdown.parse(OUTCOME_MD).segments[-1]
    start = seg.text.index("score")
    lo, hi = sentence_bounds(seg.text, start, start + 12, seg.breaks)
    assert seg.text[lo:hi] == "Pain score | 9/10"

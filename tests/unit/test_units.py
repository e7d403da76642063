"""``^`` and ``$`` hold at every unit of copy: table cells and ad lines (ruletypes.units)."""

from __future__ import annotations

import pytest

from claimlint.model import Rule, Segment, Severity
from claimlint.rulefile import compile_regex
from claimlint.ruletypes.units import spans, unit_lines, uses_line_anchor
from claimlint.sources import markdown, text

RULE = Rule(id="T001", name="t", category="c", severity=Severity.INFO, type="pattern", message="m")


@pytest.mark.parametrize(
    ("source", "anchored"),
    [
        (r"^\W*finally\b", True),
        (r"\bpain\b(?=\s*$)", True),
        (r"[^|]{0,40} \| ", False),
        (r"\$\d+", False),
        (r"[$£]\d+", False),
        (r"(?<=\| )finally", False),
    ],
)
def test_uses_line_anchor(source: str, anchored: bool) -> None:
    assert uses_line_anchor(source) is anchored


def _row(source: str) -> Segment:
    return next(seg for seg in markdown.parse(source).segments if seg.kind == "table" and "|" in seg.text)


TABLE = "| Option | What you get |\n|---|---|\n| Our program | Finally, a real treatment |\n| Fibromyalgia | 15% |\n"


def test_a_cell_start_is_a_line_start() -> None:
    seg = next(s for s in markdown.parse(TABLE).segments if "Finally" in s.text)
    found = {seg.text[a:b] for a, b in spans(compile_regex(r"^\W*finally, a real treatment\b"), seg, RULE)}
    assert found == {"Finally, a real treatment"}


def test_a_cell_end_is_a_line_end() -> None:
    seg = next(s for s in markdown.parse(TABLE).segments if "Finally" in s.text)
    found = {seg.text[a:b] for a, b in spans(compile_regex(r"\bour program$"), seg, RULE)}
    assert found == {"Our program"}


def test_a_row_pattern_still_sees_the_following_cells() -> None:
    seg = next(s for s in markdown.parse(TABLE).segments if "Fibromyalgia" in s.text)
    statistic = r"^fibromyalgia\b(?![^|]{0,40}(?:\|\s*[\d,.]+\s?%?\s*)+$)"
    assert list(spans(compile_regex(statistic), seg, RULE)) == []
    assert [seg.text[a:b] for a, b in spans(compile_regex(r"^fibromyalgia \| 15%$"), seg, RULE)] == [
        "Fibromyalgia | 15%"
    ]


def test_an_ad_line_is_a_line() -> None:
    seg = text.parse("Headline: Relief for every ache\nFinally, a real treatment\n").segments[0]
    assert seg.breaks
    found = [seg.text[a:b] for a, b in spans(compile_regex(r"^finally, a real treatment$"), seg, RULE)]
    assert found == ["Finally, a real treatment"]


def test_unit_lines_keep_length_and_offsets() -> None:
    seg = _row(TABLE)
    lines = unit_lines(seg.text, seg.breaks)
    assert len(lines) == len(seg.text)
    assert lines.replace("\n", " ") == seg.text


def test_a_segment_without_breaks_is_searched_once() -> None:
    seg = text.parse("Finally, a real treatment.\n").segments[0]
    assert list(spans(compile_regex(r"^finally"), seg, RULE)) == [(0, 7)]


def test_a_match_ending_at_a_cell_end_stops_before_the_separator() -> None:
    seg = next(s for s in markdown.parse(TABLE).segments if "Finally" in s.text)
    found = [seg.text[a:b] for a, b in spans(compile_regex(r"\bour program\W*$"), seg, RULE)]
    assert found == ["Our program"]

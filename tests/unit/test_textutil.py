"""LineIndex, build_segment's piece maps and sentence bounds."""

from __future__ import annotations

from itertools import pairwise

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from claimlint.textutil import LineIndex, build_segment, sentence_bounds, whole_text_segment


@pytest.mark.parametrize(
    ("text", "offset", "expected"),
    [
        ("abc", 0, (1, 1)),
        ("abc", 3, (1, 4)),
        ("a\nb", 2, (2, 1)),
        ("a\r\nb", 3, (2, 1)),
        ("a\r\nb", 1, (1, 2)),
        ("a\rb", 2, (2, 1)),
        ("a\r\n\rb\nc", 5, (3, 2)),
        ("a\r\n\rb\nc", 6, (4, 1)),
        ("\n\n", 2, (3, 1)),
        ("é😀x", 2, (1, 3)),
    ],
)
def test_line_index_position(text: str, offset: int, expected: tuple[int, int]) -> None:
    index = LineIndex(text)
    assert index.position(offset) == expected
    assert index.offset(*expected) == offset


@pytest.mark.parametrize(
    ("text", "line", "expected"),
    [("a\r\nb\r\n", 1, "a"), ("a\r\nb\r\n", 2, "b"), ("a\rb", 2, "b"), ("a\n\nc", 2, ""), ("a\nlast", 2, "last")],
)
def test_line_text(text: str, line: int, expected: str) -> None:
    assert LineIndex(text).line_text(line) == expected


def test_ranges_join_with_space_only_across_whitespace() -> None:
    source = "nat**ural** cure"
    seg = build_segment(source, [(0, 3), (5, 9), (11, 16)], "paragraph")
    assert seg is not None
    assert seg.text == "natural cure"
    assert seg.to_original(0, 7) == (0, 9)
    assert seg.to_original(8, 12) == (12, 16)


def test_whitespace_runs_fold_and_map_as_a_whole() -> None:
    source = "natural \r\n\t cure"
    seg = build_segment(source, [(0, len(source))], "paragraph")
    assert seg is not None
    assert seg.text == "natural cure"
    assert seg.to_original(0, 12) == (0, len(source))
    assert seg.to_original(7, 8) == (7, 12)
    assert seg.to_original(8, 12) == (12, 16)


def test_edges_are_stripped() -> None:
    seg = build_segment("  a b  ", [(0, 7)], "x")
    assert seg is not None
    assert (seg.text, seg.start, seg.end) == ("a b", 2, 5)


def test_empty_or_blank_ranges_give_none() -> None:
    assert build_segment("   ", [(0, 3)], "x") is None
    assert build_segment("abc", [], "x") is None
    assert build_segment("abc", [(2, 2)], "x") is None


def test_decode_maps_changed_tokens_whole() -> None:
    source = "say don&#8217;t now"
    seg = build_segment(source, [(0, len(source))], "p", lambda s: s.replace("&#8217;", "’"))
    assert seg is not None
    assert seg.text == "say don’t now"
    assert seg.to_original(4, 9) == (4, 15)
    assert seg.to_original(10, 13) == (16, 19)
    assert seg.to_original(0, 3) == (0, 3)


def test_piece_map_is_consistent() -> None:
    source = "a  b\n\nc &amp; d"
    seg = build_segment(source, [(0, 4), (6, len(source))], "p", lambda s: s.replace("&amp;", "&"))
    assert seg is not None
    assert seg.text == "a b c & d"
    ends = [s + n for s, n in zip(seg.seg_starts, seg.seg_lens, strict=True)]
    assert seg.seg_starts[0] == 0
    assert all(ends[k] == seg.seg_starts[k + 1] for k in range(len(ends) - 1))
    assert ends[-1] == len(seg.text)
    for start, length, orig, orig_len in zip(seg.seg_starts, seg.seg_lens, seg.orig_starts, seg.orig_lens, strict=True):
        if length == orig_len:
            assert seg.text[start : start + length] == source[orig : orig + orig_len]


def test_whole_text_segment() -> None:
    seg = whole_text_segment("  hello\nworld ")
    assert seg is not None
    assert (seg.text, seg.kind, seg.start, seg.end) == ("hello world", "text", 2, 13)


@pytest.mark.parametrize(
    ("text", "span", "expected"),
    [
        ("One. Two three. Four.", (5, 8), "Two three."),
        ("One. Two three! four. Five", (5, 8), "Two three! four."),
        ("Is it? Yes. Then", (7, 10), "Yes."),
        ("Not approved. Ketamine helps.", (14, 22), "Ketamine helps."),
        ("No end here", (3, 6), "No end here"),
        ("Dose 5 mg. 3 times daily.", (11, 12), "3 times daily."),
        # A title before a name ends no sentence.
        ("Meet Dr. Okafor, our pain expert. Book now.", (9, 15), "Meet Dr. Okafor, our pain expert."),
        ("Ask Prof. Lee or Ms. Diaz. Book now.", (17, 21), "Ask Prof. Lee or Ms. Diaz."),
    ],
)
def test_sentence_bounds(text: str, span: tuple[int, int], expected: str) -> None:
    lo, hi = sentence_bounds(text, *span)
    assert text[lo:hi] == expected


@settings(max_examples=300, derandomize=True, deadline=None)
@given(
    st.text(alphabet="ab \n\r\t\u00a0\u2028x", max_size=40),
    st.lists(st.integers(min_value=0, max_value=40), max_size=6),
)
def test_plain_fast_path_matches_decoding_path(source: str, cuts: list[int]) -> None:
    """Without ``decode`` a faster builder runs; it must give exactly the same pieces."""
    points = sorted(min(c, len(source)) for c in cuts)
    ranges = list(zip(points[::2], points[1::2], strict=False)) or [(0, len(source))]
    assert build_segment(source, ranges, "k") == build_segment(source, ranges, "k", lambda s: s)


def test_split_sentences_agrees_with_sentence_bounds() -> None:
    from claimlint.textutil import sentence_bounds, split_sentences

    text = 'It helps. "Really?" Yes! 3 studies say so. (Not all.) end'
    parts = list(split_sentences(text))
    assert parts == ["It helps.", '"Really?', "Yes!", "3 studies say so.", "(Not all.) end"]
    for part in parts:
        start = text.index(part)
        lo, hi = sentence_bounds(text, start, start + 1)
        assert text[lo:hi] == part


def _units(source: str) -> list[str]:
    """The segment's text cut at its unit breaks."""
    seg = build_segment(source, [(0, len(source))], "k", units=True)
    assert seg is not None
    cuts = [0, *seg.breaks, len(seg.text)]
    return [seg.text[a:b].strip() for a, b in pairwise(cuts)]


HEADLINE = "In 2025, Cleveland Clinic published results from more than a thousand patients, and the verdict"


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        # Ad labels, bullets, numbers and emoji open a new unit whatever the line before ends with.
        ("H1  Ketamine at Home\nH2  Relief Without Pills", ["H1 Ketamine at Home", "H2 Relief Without Pills"]),
        ("Headline: Feel Better\nPrimary text: It helps", ["Headline: Feel Better", "Primary text: It helps"]),
        ("You get:\n- Six ($2,400 value)\n- A visit", ["You get:", "- Six ($2,400 value)", "- A visit"]),
        ("Captions\n1) Oxygen is medicine\n2) Book now", ["Captions", "1) Oxygen is medicine", "2) Book now"]),
        ("Spring offer\n✅ Same-day visits", ["Spring offer", "✅ Same-day visits"]),
        # A short unpunctuated line followed by a capital is a headline.
        ("Real People. Real Comebacks\nMeet Dana, who runs", ["Real People. Real Comebacks", "Meet Dana, who runs"]),
        # Hard-wrapped prose stays one unit: a long line, a lower-case start, an open word, a comma.
        (HEADLINE + "\nwas clear.", [HEADLINE + " was clear."]),
        (
            "The review pooled seven randomized trials of ketamine infusions for chronic pain from\nEurope and Asia.",
            ["The review pooled seven randomized trials of ketamine infusions for chronic pain from Europe and Asia."],
        ),
        ("A short line\nthat wraps", ["A short line that wraps"]),
        ("Read this,\nThen that", ["Read this, Then that"]),
        # A short line that ends a sentence is a line of copy (an ad set, a billboard); a long one is prose.
        ("One sentence.\nAnother one.", ["One sentence.", "Another one."]),
        (HEADLINE + ".\nAnother one.", [HEADLINE + ". Another one."]),
        ("Relief for the\nWhole Family", ["Relief for the Whole Family"]),
        ("B12 shots\nand more", ["B12 shots and more"]),
        (
            "For more information, see\n[the label](https://example.org/label)",
            ["For more information, see [the label](https://example.org/label)"],
        ),
        ("pain scores at weeks\n2, 4 and 12", ["pain scores at weeks 2, 4 and 12"]),
        (HEADLINE + " in the\nClinic: wing", [HEADLINE + " in the Clinic: wing"]),
        (HEADLINE + " at Oak\nClinic: West wing", [HEADLINE + " at Oak Clinic: West wing"]),
        # A line of only non-breaking space (a Markdown paragraph line, not a blank one) ends nothing.
        ("Ketamine\n\u00a0\nKetamine", ["Ketamine Ketamine"]),
    ],
)
def test_unit_breaks(source: str, expected: list[str]) -> None:
    assert _units(source) == expected


def test_unit_breaks_across_hidden_ranges_and_in_sentence_bounds() -> None:
    from claimlint.textutil import split_sentences, unit_breaks

    source = "H1 Pain Gone **Today**\nH2 Call Us"
    ranges = [(0, 13), (15, 20), (22, len(source))]
    assert unit_breaks(source, ranges) == [22]
    seg = build_segment(source, ranges, "k", units=True)
    assert seg is not None
    assert seg.text == "H1 Pain Gone Today H2 Call Us"
    assert seg.breaks == (19,)
    at = seg.text.index("Call")
    lo, hi = sentence_bounds(seg.text, at, at + 4, seg.breaks)
    assert seg.text[lo:hi] == "H2 Call Us"
    lo, hi = sentence_bounds(seg.text, 3, 7, seg.breaks)
    assert seg.text[lo:hi] == "H1 Pain Gone Today"
    # A span across the break keeps both units, so a phrase broken by a soft line break still has its sentence.
    assert sentence_bounds(seg.text, 13, 22, seg.breaks) == (0, len(seg.text))
    assert list(split_sentences(seg.text, seg.breaks)) == ["H1 Pain Gone Today", "H2 Call Us"]
    assert unit_breaks("no break here", [(0, 13)]) == []
    assert build_segment("a\nB", [(0, 3)], "k").breaks == ()  # type: ignore[union-attr]

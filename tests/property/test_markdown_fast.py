"""Property test: the Markdown source's fast path gives exactly the segments of a full markdown-it parse.

The fast path (:meth:`claimlint.sources.markdown._Document.body`) reads
fenced code, ATX headings and plain paragraphs without markdown-it and hands
the remaining line groups to it. Documents mix those with every construct
that could make a plain-looking line mean something else: setext underlines,
table delimiter rows, list markers (``1.``, ``1)``, ``2024.``), lazy and
indented continuation lines, headings with closing sequences, fences
that do not close, CRLF and NUL, so any misread block shows as a
different segment list.
"""

from __future__ import annotations

import os

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from claimlint.model import Segment
from claimlint.sources import markdown

EXAMPLES = int(os.environ.get("CLAIMLINT_FUZZ_EXAMPLES", "300"))
SETTINGS = settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=[HealthCheck.too_slow])

WORDS = st.sampled_from(
    ["Ketamine", "relief", "12.5%", "1.", "2)", "#", "##", "*a*", "`x`", "&amp;", "a|b", "[x](y)", "é", "\u00a0", "\t"]
)
INDENTS = ("", " ", "   ", "    ", "\t", "\u00a0")
MARKERS = ("1. ", "1) ", "12.5 ", "2024. ", "1234567890. ", "- ", "* ", "+ ", "> ", "| ", ": ")
OPENERS = ("=== ", "--- ", "[a]: /u ", "<div> ", "```", "~~~", "# ", "#", "####### ", "#x ", "!", "(", '"', "[a] ")
EMPHASIS = ("`x` ", "``", "~~x ", "**b** ", "*", "_i_ ", "__", "-x ", "-1 ", "--", "|a| ", "|---|", "[a]:", "[a\n]: /u")
LINE_STARTS = st.sampled_from(INDENTS + MARKERS + OPENERS + EMPHASIS)


@st.composite
def line(draw: st.DrawFn) -> str:
    words = " ".join(draw(st.lists(WORDS, min_size=1, max_size=4)))
    return draw(LINE_STARTS) + words + draw(st.sampled_from(["", " ", " #", " ##  ", "\t", " \\#"]))


@st.composite
def block(draw: st.DrawFn) -> str:
    lines = draw(st.lists(line(), min_size=1, max_size=4))
    shape = draw(st.sampled_from(["lines", "heading", "fence", "table", "setext", "open-fence"]))
    body = "\n".join(lines)
    if shape == "heading":
        return f"{draw(st.sampled_from(['#', '##', '######']))} {lines[0]}\n" + "\n".join(lines[1:])
    if shape == "fence":
        return f"```\n{body}\n```" + draw(st.sampled_from(["", "\ntail", "\n\n    more"]))
    if shape == "table":
        return f"{lines[0]} | b\n--- | ---\n" + "\n".join(lines[1:])
    if shape == "setext":
        return f"{body}\n" + draw(st.sampled_from(["===", "---", "  ==="]))
    if shape == "open-fence":
        return f"~~~\n{body}"
    return body


@st.composite
def documents(draw: st.DrawFn) -> str:
    blocks = draw(st.lists(block(), min_size=1, max_size=8))
    seps = [draw(st.sampled_from(["\n", "\n\n", "\n\n\n", "\n  \n", "\r\n\r\n", "\n\0\n\n"])) for _ in blocks]
    front = draw(st.sampled_from(["", "---\ntitle: x\n---\n", " lead\n"]))
    return front + "".join(b + s for b, s in zip(blocks, seps, strict=True))


def _key(seg: Segment) -> tuple[object, ...]:
    return (seg.text, seg.kind, seg.breaks, tuple(seg.seg_starts), tuple(seg.orig_starts), tuple(seg.orig_lens))


@SETTINGS
@given(documents())
def test_fast_path_matches_full_parse(text: str) -> None:
    fast = markdown.parse_text(text)
    full = markdown.parse_text(text, fast=False)
    assert [_key(s) for s in fast.segments] == [_key(s) for s in full.segments], text
    assert fast.directives == full.directives, text


def test_fast_path_examples() -> None:
    """Hand-picked cases where a plain-looking line is not a paragraph line."""
    cases = [
        "Intro\n\n# Title #\n\nText here\nmore text  \n\n```\ncode\n```\n\nAfter\n",
        "# Head\nPara line\n    indented lazy\n\n## Two ##\n   \n",
        "A\n\n1. item\n\nB\n\n12.5 percent\n\n2024) year\n",
        "Header | x\n--- | ---\ncell | y\n\nText\n===\n",
        "# \n\n#\n\n####### seven\n\n#tag\n\n# # #\n",
        "```\nopen fence\n\nText\n",
        "Para\r\nline\r\n\r\n# H\r\n",
        "- a\n\nPara\n\n- b\n",
        "```Ketamine | b\n--- | ---\n\n",
        "```a | b\n--- | ---\n```\nfoo\n\nbar\n```\n",
        "<!-- a | b\n--- | ---\n\n~~~\n-->\n\npara\n\n~~~\n",
    ]
    for text in cases:
        fast = markdown.parse_text(text)
        full = markdown.parse_text(text, fast=False)
        assert [_key(s) for s in fast.segments] == [_key(s) for s in full.segments], text

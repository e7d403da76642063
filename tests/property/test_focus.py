"""Property tests: a focused Markdown (and MDX) parse keeps every block an anchor word is in, exactly as the full parse.

Documents are built from the constructs that can span lines or hide other
lines (fences of both kinds and lengths, indented fences in list items,
quotes, lists, HTML blocks that end at a blank line or at a closer, tables,
indented code, front matter, entities, blank-line runs) with anchor words
planted anywhere. Two oracles: the focused segments are a subsequence of the
full parse's segments, and every full segment holding an anchor word is among
them; and the engine gives identical findings either way, doc-level ones
included.
"""

from __future__ import annotations

import os

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from claimlint.engine import CompiledRules, check_text, compile_rules
from claimlint.model import Segment
from claimlint.plugins import get_registry
from claimlint.rulefile import load_pack_text
from claimlint.ruletypes.anchors import AnchorSearch
from claimlint.sources import markdown

ANCHORS = ("ketamine", "miracle", "cure")
RULES = """\
version: 1
rules:
  - id: F1
    name: miracle
    category: hype
    severity: error
    type: phrase
    phrases: ["miracle cure"]
    when: ['\\bketamine\\b']
    message: m
  - id: F2
    name: risk
    category: missing-risk
    severity: warning
    type: require
    when: ['\\bketamine\\b']
    must: ['\\bside effects?\\b']
    message: m
  - id: F3
    name: quoted
    category: testimonial
    severity: info
    type: pattern
    patterns: ['[“"][^”"]{0,40}[”"]\\s*[—–]']
    message: m
"""
EXAMPLES = int(os.environ.get("CLAIMLINT_FUZZ_EXAMPLES", "200"))
SETTINGS = settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=[HealthCheck.too_slow])
REGISTRY = get_registry(False)
COMPILED: CompiledRules = compile_rules(load_pack_text("f.yaml", RULES, REGISTRY.rule_types).rules, REGISTRY.rule_types)
FIND = AnchorSearch(ANCHORS)

WORDS = st.sampled_from(
    ["ketamine", "Ketamine", "miracle cure", "cure", "side effects", "pain", "the", "clinic", '"great" —', "&amp;"]
)


@st.composite
def prose(draw: st.DrawFn) -> str:
    return " ".join(draw(st.lists(WORDS, min_size=1, max_size=5)))


@st.composite
def block(draw: st.DrawFn) -> str:
    p = draw(prose())
    fence = draw(st.sampled_from(["```", "~~~", "````", "```js", "```x`y"]))
    closer = draw(st.sampled_from(["```", "~~~", "````", "  ```", ""]))
    indent = draw(st.sampled_from(["", " ", "  ", "   ", "    "]))
    options = [
        p,
        f"# {p}",
        f"{p}\n{p}",
        f"- {p}\n- {p}",
        f"1. {p}\n\n   {p}",
        f"> {p}\n{p}",
        f"> {p}\n>\n> {p}",
        f"{fence}\n{p}\n\n{p}\n{closer}",
        f"- {p}\n\n{indent}{fence}\n{indent}{p}\n\n{p}\n{indent}{closer}",
        f"<div>\n{p}\n</div>",
        f"<!-- {p}\n\n{p} -->",
        f"<!-- {p} -->",
        f"{indent}<pre>\n{p}\n\n{p}\n</pre>",
        f"<span>{p}</span>\n{fence}\n{p}",
        f"| a | b |\n|---|---|\n| {p} | x |",
        f"    {p}\n\n    {p}",
        f"{p}\n===",
        f"{indent}{p}",
        f"[ref]: http://example.com\n{p}",
        f"{p} &#10; {p}",
        f"{p}\r\n{p}",
        f"{p}\r{p}",
        "<!-- claimlint-disable-next-line F1 -- ok -->",
        f"import x from 'y'\nexport const a = '{p}'",
        f"{{props.{draw(st.sampled_from(['a', 'cure']))}}} {p}",
        f"<Note>\n{p}\n</Note>",
    ]
    return draw(st.sampled_from(options))


@st.composite
def documents(draw: st.DrawFn) -> str:
    front = draw(st.sampled_from(["", "---\ntitle: ketamine miracle cure\n---\n", "+++\ntitle = 'x'\n+++\n"]))
    blocks = draw(st.lists(block(), min_size=1, max_size=8))
    seps = [draw(st.sampled_from(["\n", "\n\n", "\n\n\n", "\n  \n"])) for _ in blocks]
    return front + "".join(b + s for b, s in zip(blocks, seps, strict=True))


def _key(seg: Segment) -> tuple[object, ...]:
    return (seg.text, seg.kind, tuple(seg.seg_starts), tuple(seg.orig_starts), tuple(seg.orig_lens))


def _is_subsequence(part: list[tuple[object, ...]], whole: list[tuple[object, ...]]) -> bool:
    rest = iter(whole)
    return all(any(item == other for other in rest) for item in part)


@SETTINGS
@given(documents(), st.booleans())
def test_focused_segments_are_the_anchored_full_segments(text: str, mdx: bool) -> None:
    focused = markdown.focus_text(text, FIND, mdx)
    if focused is None:
        return
    full_parse = markdown.parse_text(text, mdx).segments
    full = [_key(s) for s in full_parse]
    kept = [_key(s) for s in focused.segments]
    assert _is_subsequence(kept, full), text
    for seg in full_parse:
        if any(word in seg.text.lower() for word in ANCHORS):
            assert _key(seg) in kept, (seg.text, text)


@SETTINGS
@given(documents(), st.sampled_from(["markdown", "mdx"]))
def test_findings_identical_with_focus(text: str, name: str) -> None:
    fmt = REGISTRY.formats[name]
    os.environ["CLAIMLINT_FOCUS"] = "0"
    full = check_text("doc.md", text, fmt, COMPILED)
    os.environ["CLAIMLINT_FOCUS"] = "1"
    try:
        focused = check_text("doc.md", text, fmt, COMPILED)
    finally:
        del os.environ["CLAIMLINT_FOCUS"]
    assert focused.findings == full.findings, (name, text)
    assert focused.problems == full.problems, text

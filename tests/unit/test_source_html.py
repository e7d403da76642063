"""HTML source: text nodes, title, meta, attributes, skipping and exact positions."""

from __future__ import annotations

import json
import re
import time
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sourcecheck import WORD, locate

from claimlint.cli import main
from claimlint.sources import html, markdown, mdx
from claimlint.textutil import LineIndex

POSITIONS = [
    ("paragraph", "<p>A natural cure.</p>", "natural cure", (1, 6, 1, 18), "paragraph"),
    ("crlf", "<p>\r\nLine\r\nA natural cure</p>", "natural cure", (3, 3, 3, 15), "paragraph"),
    ("lone cr", "<p>\rLine\rA natural cure</p>", "natural cure", (3, 3, 3, 15), "paragraph"),
    ("tab", "<p>\tnatural\tcure</p>", "natural cure", (1, 5, 1, 17), "paragraph"),
    ("non-ascii before", "<p>Café — natural cure</p>", "natural cure", (1, 11, 1, 23), "paragraph"),
    ("soft break", "<p>natural\n   cure</p>", "natural cure", (1, 4, 2, 8), "paragraph"),
    ("inline tags join", "<p>nat<b>ural</b> <em>cure</em></p>", "natural cure", (1, 4, 1, 27), "paragraph"),
    ("span across", "<p><span>natural</span> <a href='x'>cure</a></p>", "natural cure", (1, 10, 1, 41), "paragraph"),
    ("heading", "<h2 class='x'>Natural cure</h2>", "Natural cure", (1, 15, 1, 27), "heading"),
    ("list item", "<ul>\n  <li>a natural cure</li>\n</ul>", "natural cure", (2, 9, 2, 21), "list"),
    ("paragraph in list", "<li><p>natural cure</p></li>", "natural cure", (1, 8, 1, 20), "list"),
    ("table cell", "<table><tr><td>x</td><td>natural cure</td></tr></table>", "natural cure", (1, 26, 1, 38), "table"),
    ("blockquote", "<blockquote><p>natural cure</p></blockquote>", "natural cure", (1, 16, 1, 28), "blockquote"),
    ("title", "<head><title>Natural cure</title></head>", "Natural cure", (1, 14, 1, 26), "title"),
    ("meta description", '<meta name="description" content="A natural cure">', "natural cure", (1, 37, 1, 49), "meta"),
    (
        "og description",
        "<meta property='og:description' content='natural cure'>",
        "natural cure",
        (1, 42, 1, 54),
        "meta",
    ),
    ("meta unquoted", "<meta name=description content=natural>", "natural", (1, 32, 1, 39), "meta"),
    ("alt", '<img src="x.png" alt="natural cure">', "natural cure", (1, 23, 1, 35), "alt"),
    ("title attribute", "<abbr title='natural cure'>NC</abbr>", "natural cure", (1, 14, 1, 26), "attribute"),
    ("aria-label", '<button aria-label="natural cure">x</button>', "natural cure", (1, 21, 1, 33), "attribute"),
    ("attribute on line 2", '<img\n  alt="natural cure">', "natural cure", (2, 8, 2, 20), "alt"),
    ("entity amp", "<p>safe &amp; natural cure</p>", "natural cure", (1, 15, 1, 27), "paragraph"),
    ("entity in match", "<p>natural&nbsp;cure</p>", "natural\xa0cure", (1, 4, 1, 21), "paragraph"),
    ("charref", "<p>don&#8217;t worry</p>", "don’t worry", (1, 4, 1, 21), "paragraph"),
    ("hex charref", "<p>don&#x2019;t worry</p>", "don’t worry", (1, 4, 1, 22), "paragraph"),
    ("entity in attribute", "<img alt='safe &amp; natural cure'>", "natural cure", (1, 22, 1, 34), "alt"),
    ("comment between", "<p>natural <!-- x --> cure</p>", "natural cure", (1, 4, 1, 27), "paragraph"),
    ("after script", "<script>if (a < b) {}</script><p>natural cure</p>", "natural cure", (1, 34, 1, 46), "paragraph"),
    ("unclosed p", "<p>one<p>natural cure", "natural cure", (1, 10, 1, 22), "paragraph"),
    ("unclosed tag at end", "<p>natural cure</p><div", "natural cure", (1, 4, 1, 16), "paragraph"),
    ("stray close", "</p></div>natural cure</b>", "natural cure", (1, 11, 1, 23), "paragraph"),
    ("bad charref", "<p>&#xZZ; natural cure</p>", "natural cure", (1, 11, 1, 23), "paragraph"),
    ("two bad charrefs", "<p>&#q; a</p><p>&#r; b</p><p>natural cure</p>", "natural cure", (1, 30, 1, 42), "paragraph"),
    ("doctype", "<!DOCTYPE html><html><body>natural cure</body></html>", "natural cure", (1, 28, 1, 40), "paragraph"),
]


@pytest.mark.parametrize(
    ("source", "needle", "expected", "kind"), [c[1:] for c in POSITIONS], ids=[c[0] for c in POSITIONS]
)
def test_positions(source: str, needle: str, expected: tuple[int, int, int, int], kind: str) -> None:
    assert locate(html.parse(source), source, needle) == (expected, kind)


SKIPPED = [
    ("script", "<script>var natural = 'natural cure';</script>"),
    ("style", "<style>.natural::after { content: 'natural cure' }</style>"),
    ("code", "<p>Use <code>natural cure</code></p>"),
    ("pre", "<pre>natural cure</pre>"),
    ("template", "<template><p>natural cure</p></template>"),
    ("noscript", "<noscript>natural cure</noscript>"),
    ("svg", "<svg><text>natural cure</text><title>natural</title></svg>"),
    ("comment", "<!-- natural cure -->"),
    ("other attributes", "<a href='natural-cure' class='natural' data-x='natural cure'>x</a>"),
    ("other meta", "<meta name='keywords' content='natural cure'>"),
    ("alt inside noscript", "<noscript><img alt='natural cure'></noscript>"),
]


@pytest.mark.parametrize("source", [c[1] for c in SKIPPED], ids=[c[0] for c in SKIPPED])
def test_skipped(source: str) -> None:
    texts = " | ".join(s.text for s in html.parse(source).segments)
    assert "natural" not in texts.lower()


@pytest.mark.parametrize(
    "source",
    [
        "<p>natural</p><p>cure</p>",
        "<div>natural<div>cure</div></div>",
        "<li>natural</li><li>cure</li>",
        "<td>natural</td><td>cure</td>",
        "natural<br>cure",
        "natural<hr>cure",
        "<h1>natural</h1>cure",
    ],
)
def test_block_elements_end_segments(source: str) -> None:
    assert all("natural cure" not in s.text for s in html.parse(source).segments)


@pytest.mark.parametrize(
    "tag", ["a", "b", "i", "em", "strong", "span", "sup", "sub", "small", "mark", "abbr", "cite", "q", "u", "s"]
)
def test_inline_elements_do_not(tag: str) -> None:
    source = f"<p>natural <{tag}>cure</{tag}></p>"
    assert [s.text for s in html.parse(source).segments] == ["natural cure"]


def test_skip_ends_at_matching_close() -> None:
    source = "<pre><pre>x</pre>still code</pre><p>prose</p>"
    assert [s.text for s in html.parse(source).segments] == ["prose"]


DIRECTIVES = [
    (
        "<!-- claimlint-disable-next-line CL011,CL021 -- legal ok -->\n<p>x</p>",
        ("disable-next-line", ("CL011", "CL021"), "legal ok", 1, 1, 1),
    ),
    ("<p>a</p>\r\n  <!-- claimlint-disable CL011 -- why\n more -->", ("disable", ("CL011",), "why\n more", 2, 3, 3)),
    ("<p>x <!-- claimlint-enable CL011 --></p>", ("enable", ("CL011",), "", 1, 6, 1)),
    ("<p>é<!-- claimlint-disable-file X -- r --></p>", ("disable-file", ("X",), "r", 1, 5, 1)),
]


@pytest.mark.parametrize(("source", "expected"), DIRECTIVES)
def test_directives(source: str, expected: tuple[object, ...]) -> None:
    (d,) = html.parse(source).directives
    assert (d.action, d.rules, d.reason, d.line, d.column, d.end_line) == expected


def test_comment_in_script_is_not_a_directive() -> None:
    assert html.parse("<script><!-- claimlint-disable-file X -- r --></script>").directives == []


MALFORMED = [
    "<div>" * 10000 + "natural cure",
    "<b>" * 10000 + "natural cure",
    "</div>" * 10000,
    "<p " * 30000,
    "<p " * 30000 + ">",
    "<p>" + "<b x='1'" * 5000 + "\n>",
    "<!--" * 3000,
    "&#" * 3000,
    "<a href='x>natural cure",
    "<![CDATA[ natural ]]> <![if x> <?xml version='1.0'?>",
    "<p>unterminated &amp",
    "<" * 10000,
    "<svg>" * 5000 + "x",
    "<table><tr><td>a<td>b<tr><td>c",
    "\x00<p>\x00natural</p>",
]


@pytest.mark.parametrize("source", MALFORMED, ids=range(len(MALFORMED)))
def test_malformed_never_raises(source: str) -> None:
    started = time.perf_counter()
    parsed = html.parse(source)
    assert time.perf_counter() - started < 5
    for seg in parsed.segments:
        assert 0 <= seg.start <= seg.end <= len(source)


def test_deep_nesting_keeps_text() -> None:
    source = "<div>" * 10000 + "natural cure"
    assert [s.text for s in html.parse(source).segments] == ["natural cure"]


SEARCHABLE = [
    "<p>nat<b>ural</b></p>",
    "<p>nat<!--x-->ural</p>",
    "<p>n&#97;tural caf&eacute; &amp</p>",
    "<img alt='n&#97;tural'>",
    "<meta name=description content='c&#117;re'>",
    "<p>nat<span>u</span>ral</p>",
    "<title>n&#x61;tural</title>",
    "<tr><td>ket</td><td>cure</td></tr><p>a<br>b<i>c</i></p>",
    "<p>nat<code>x</code>ural and <CODE>y</CODE>z</p>",
]


@pytest.mark.parametrize("source", SEARCHABLE)
def test_searchable_holds_every_segment_word(source: str) -> None:
    haystack = html.searchable(source).lower()
    for seg in html.parse(source).segments:
        for word in WORD.findall(seg.text.lower()):
            assert re.search(rf"(?<![0-9a-z]){word}(?![0-9a-z])", haystack), (word, seg.text)


_SOUP = [
    "nat", "ural", " ", "\n", "\n\n", "*", "**", "_", "~~", "`", "``", "<b>", "</b>", "<p>", "<span a='x y'>",
    "<!--", "-->", "[", "]", "(", ")", "](u)", "![", "&amp;", "&#97;", "&eacute", "\\", "http://x.co", "www.",
    "<", ">", "> ", "- ", "# ", "|", "---", "{", "}", "{/*", "*/}", "\t", "\r\n", "é", "<img alt='", "'>",
]  # fmt: skip


@settings(max_examples=400, derandomize=True, deadline=None, suppress_health_check=list(HealthCheck))
@given(st.lists(st.sampled_from(_SOUP), max_size=25))
def test_searchable_superset_property(tokens: list[str]) -> None:
    source = "".join(tokens)
    for fmt in (html, markdown, mdx):
        haystack = fmt.searchable(source).lower()
        for seg in fmt.parse(source).segments:
            for word in WORD.findall(seg.text.lower()):
                assert word in haystack, (fmt.FORMAT.name, source, seg.text, word)


RULES = """\
version: 1
rules:
  - id: T001
    name: natural-claim
    category: natural-claim
    severity: error
    type: phrase
    phrases: ["natural cure", "don't worry"]
    message: "Natural implies safe."
"""

DOCUMENT = (
    "<!DOCTYPE html>\r\n<html><head><title>A natural cure</title>\r\n"
    '<meta name="description" content="Caf&eacute; natural cure"></head>\r\n'
    "<body><h1>Café\tnat<b>ural</b>\r\n cure</h1>\r\n"
    "<script>var s = 'natural cure';</script>\r\n"
    "<p>Don&#8217;t worry. <img alt='natural cure'></p>\r\n"
    "<!-- claimlint-disable-next-line T001 -- approved -->\r\n"
    "<p>natural cure</p>\r\n"
    "</body></html>\r\n"
)


def test_through_engine(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    rules = tmp_path / "rules.yaml"
    rules.write_text(RULES, encoding="utf-8")
    doc = tmp_path / "page.html"
    doc.write_bytes(DOCUMENT.encode("utf-8"))
    code = main(["check", str(doc), "--rules", str(rules), "--format", "json", "--isolated"])
    out = json.loads(capsys.readouterr().out)
    assert code == 1
    got = [(f["line"], f["column"], f["end_line"], f["end_column"]) for f in out["findings"]]
    assert got == [(2, 22, 2, 34), (3, 47, 3, 59), (4, 16, 5, 6), (7, 4, 7, 21), (7, 33, 7, 45)]
    text = doc.read_bytes().decode("utf-8")
    index = LineIndex(text)
    for f in out["findings"]:
        start = index.offset(f["line"], f["column"])
        end = index.offset(f["end_line"], f["end_column"])
        assert f["match"] == text[start:end]

"""Markdown and MDX sources: what is linted, what is skipped, and exact positions."""

from __future__ import annotations

import json
import re
import time
from pathlib import Path

import pytest
from sourcecheck import WORD, locate

from claimlint.cli import main
from claimlint.sources import inline, markdown, mdx
from claimlint.textutil import LineIndex

POSITIONS = [
    ("plain paragraph", "Ketamine is a natural cure.\n", "natural cure", (1, 15, 1, 27), "paragraph"),
    ("crlf second line", "Line one.\r\nIt is a natural cure.\r\n", "natural cure", (2, 9, 2, 21), "paragraph"),
    ("lone cr endings", "Line one.\rIt is a natural cure.\r", "natural cure", (2, 9, 2, 21), "paragraph"),
    ("tab before", "a\tnatural cure", "natural cure", (1, 3, 1, 15), "paragraph"),
    ("non-ascii before", "Café — natural cure", "natural cure", (1, 8, 1, 20), "paragraph"),
    ("astral char before", "😀 natural cure", "natural cure", (1, 3, 1, 15), "paragraph"),
    ("soft break", "This is a natural\ncure for pain.", "natural cure", (1, 11, 2, 5), "paragraph"),
    ("soft break crlf", "natural\r\ncure", "natural cure", (1, 1, 2, 5), "paragraph"),
    ("emphasis inside word", "A nat**ural** cure", "natural cure", (1, 3, 1, 19), "paragraph"),
    ("underscore emphasis", "A __natural__ _cure_", "natural cure", (1, 5, 1, 20), "paragraph"),
    ("intraword underscore kept", "a snake_case word", "snake_case", (1, 3, 1, 13), "paragraph"),
    ("strikethrough", "~~natural~~ cure", "natural cure", (1, 3, 1, 17), "paragraph"),
    ("atx heading", "# Natural cure", "Natural cure", (1, 3, 1, 15), "heading"),
    ("atx closing hashes", "## Natural cure ##", "Natural cure", (1, 4, 1, 16), "heading"),
    ("setext heading", "Intro\nNatural cure\n===", "Natural cure", (2, 1, 2, 13), "heading"),
    ("list item", "- first\n- a natural cure", "natural cure", (2, 5, 2, 17), "list"),
    ("ordered list", "1. natural cure", "natural cure", (1, 4, 1, 16), "list"),
    ("nested list", "- top\n  - nested natural cure\n", "natural cure", (2, 12, 2, 24), "list"),
    ("list continuation", "- it is natural\n  cure", "natural cure", (1, 9, 2, 7), "list"),
    ("blockquote", "> natural cure", "natural cure", (1, 3, 1, 15), "blockquote"),
    ("lazy continuation", "> This is natural\ncure now", "natural cure", (1, 11, 2, 5), "blockquote"),
    ("nested quote", "> > natural\n> > cure", "natural cure", (1, 5, 2, 9), "blockquote"),
    ("list in quote", "> - natural\n>   cure", "natural cure", (1, 5, 2, 9), "list"),
    ("table cell", "| a | b |\n|---|---|\n| x | natural cure |", "natural cure", (3, 7, 3, 19), "table"),
    ("table header", "| natural cure | b |\n|---|---|\n| x | y |", "natural cure", (1, 3, 1, 15), "table"),
    ("table without pipes", "a | b\n--|--\nx | natural cure", "natural cure", (3, 5, 3, 17), "table"),
    ("table code in cell", "| a | b |\n|---|---|\n| `x` *natural* cure | y |", "natural cure", (3, 8, 3, 21), "table"),
    ("link text", "See [natural cure](https://x.com/natural-cure) now", "natural cure", (1, 6, 1, 18), "paragraph"),
    ("link with title", 'A [natural](u "t") cure', "natural cure", (1, 4, 1, 24), "paragraph"),
    ("reference link", "A [natural cure][ref]\n\n[ref]: http://x", "natural cure", (1, 4, 1, 16), "paragraph"),
    ("image alt", "![natural cure](x.png)", "natural cure", (1, 3, 1, 15), "alt"),
    ("front matter title", "---\ntitle: Natural cure\n---\nBody", "Natural cure", (2, 8, 2, 20), "front-matter"),
    ("front matter quoted", '---\ntitle: "Natural cure"\n---\n', "Natural cure", (2, 9, 2, 21), "front-matter"),
    (
        "front matter folded",
        "---\ndescription: >\n  natural\n  cure\n---\n",
        "natural cure",
        (3, 3, 4, 7),
        "front-matter",
    ),
    ("toml front matter", '+++\ntitle = "natural cure"\n+++\n', "natural cure", (2, 10, 2, 22), "front-matter"),
    ("body after front matter", "---\ntitle: x\n---\n\nA natural cure", "natural cure", (5, 3, 5, 15), "paragraph"),
    ("entity whole token", "natural&nbsp;cure", "natural\xa0cure", (1, 1, 1, 18), "paragraph"),
    ("numeric entity", "don&#8217;t worry", "don’t worry", (1, 1, 1, 18), "paragraph"),
    ("entity after match", "a natural cure &amp; more", "natural cure", (1, 3, 1, 15), "paragraph"),
    ("inline html", "a <b>natural</b> cure", "natural cure", (1, 6, 1, 22), "paragraph"),
    ("inline html attrs", 'a <span class="x">natural</span> cure', "natural cure", (1, 19, 1, 38), "paragraph"),
    ("html block", "<div>\n<p>natural cure</p>\n</div>", "natural cure", (2, 4, 2, 16), "paragraph"),
    ("html block in quote", "> <div>\n> natural cure\n> </div>", "natural cure", (2, 3, 2, 15), "blockquote"),
    ("html block alt", '<img alt="natural cure" src="x">', "natural cure", (1, 11, 1, 23), "alt"),
    ("inline img alt", 'See <img src="x.png" alt="natural cure"> here', "natural cure", (1, 27, 1, 39), "alt"),
    ("inline title attr", 'An <abbr title="natural cure">NC</abbr>', "natural cure", (1, 17, 1, 29), "attribute"),
    ("inline alt in quote", '> a\n> <img alt="natural cure">', "natural cure", (2, 13, 2, 25), "alt"),
    ("escaped marker", "\\# natural cure", "# natural cure", (1, 2, 1, 16), "paragraph"),
    ("code span between", "a `x` natural cure", "natural cure", (1, 7, 1, 19), "paragraph"),
    ("double backtick span", "``a ` b`` natural cure", "natural cure", (1, 11, 1, 23), "paragraph"),
    ("bare url before", "https://x.com/a natural cure", "natural cure", (1, 17, 1, 29), "paragraph"),
    ("hard break", "natural  \ncure", "natural cure", (1, 1, 2, 5), "paragraph"),
    ("comment inline", "natural <!-- x --> cure", "natural cure", (1, 1, 1, 24), "paragraph"),
]


@pytest.mark.parametrize(
    ("source", "needle", "expected", "kind"), [c[1:] for c in POSITIONS], ids=[c[0] for c in POSITIONS]
)
def test_positions(source: str, needle: str, expected: tuple[int, int, int, int], kind: str) -> None:
    assert locate(markdown.parse(source), source, needle) == (expected, kind)


SKIPPED = [
    ("inline code", "Use `natural cure` here"),
    ("fenced code", "```\nnatural cure\n```"),
    ("tilde fence", "~~~md\nnatural cure\n~~~"),
    ("indented code", "Para.\n\n    natural cure"),
    ("tab-indented code", "\tnatural cure"),
    ("link url", "[x](https://natural.cure/natural cure)"),
    ("reference definition", "[natural cure]: https://x.com"),
    ("autolink", "<https://x.com/natural-cure>"),
    ("email autolink", "<natural.cure@x.com>"),
    ("bare url", "see https://natural.cure/x/y"),
    ("comment", "<!-- natural cure -->"),
    ("inline comment", "a <!-- natural cure --> b"),
    ("front matter other key", "---\ntags: natural cure\n---\n"),
    ("front matter key name", "---\nnatural: 1\n---\n"),
    ("script in html block", "<script>\nnatural cure\n</script>"),
    ("image url", "![x](natural-cure.png)"),
]


@pytest.mark.parametrize("source", [c[1] for c in SKIPPED], ids=[c[0] for c in SKIPPED])
def test_skipped(source: str) -> None:
    texts = " | ".join(s.text for s in markdown.parse(source).segments)
    assert "natural" not in texts.lower()


def test_each_row_is_one_segment_with_a_break_per_cell() -> None:
    parsed = markdown.parse("| natural | cure |\n|---|---|\n| a | b |")
    assert [(s.text, s.breaks) for s in parsed.segments] == [("natural | cure", (10,)), ("a | b", (4,))]
    assert {s.kind for s in parsed.segments} == {"table"}


def test_alt_text_does_not_merge_into_sentence() -> None:
    parsed = markdown.parse("A ![natural](x.png) cure.")
    assert [(s.kind, s.text) for s in parsed.segments] == [("paragraph", "A cure."), ("alt", "natural")]


def test_emphasis_joins_word() -> None:
    assert [s.text for s in markdown.parse("nat**ural** *is* _fine_").segments] == ["natural is fine"]


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ("natural<br>cure", ["natural", "cure"]),
        ("x <hr> y natural <b>cure</b>", ["x", "y natural cure"]),
    ],
)
def test_line_break_tags_split_segments(source: str, expected: list[str]) -> None:
    assert [s.text for s in markdown.parse(source).segments] == expected


def test_line_break_tag_in_a_cell_is_a_break_in_its_row() -> None:
    (seg,) = markdown.parse("| a<br/>natural<BR>cure b |\n|--|\n").segments
    assert (seg.text, seg.breaks) == ("a natural cure b", (2, 10))


@pytest.mark.parametrize(
    ("source", "start"),
    [(">" * 10000 + " natural cure", 10001), ("- " * 10000 + "natural cure", 20000)],
    ids=["quotes", "lists"],
)
def test_text_nested_beyond_parser_limit_is_linted(source: str, start: int) -> None:
    assert [(s.text, s.start) for s in markdown.parse(source).segments] == [("natural cure", start)]


def test_table_extra_cells_ignored() -> None:
    parsed = markdown.parse("| a |\n|---|\n| b | natural |")
    assert [s.text for s in parsed.segments] == ["a", "b"]
    assert "natural" not in parsed.segments[1].text


DIRECTIVES = [
    (
        "<!-- claimlint-disable-next-line CL011,CL021 -- legal ok -->\nText",
        ("disable-next-line", ("CL011", "CL021"), "legal ok", 1, 1, 1),
    ),
    ("Intro\n\n<!-- claimlint-disable CL011 -- why -->", ("disable", ("CL011",), "why", 3, 1, 3)),
    ("Text <!-- claimlint-enable CL011 --> more", ("enable", ("CL011",), "", 1, 6, 1)),
    (
        "<!-- claimlint-disable-file natural-claim\n  -- reason over lines -->",
        ("disable-file", ("natural-claim",), "reason over lines", 1, 1, 2),
    ),
    ("- item <!-- claimlint-disable-line X -- r -->", ("disable-line", ("X",), "r", 1, 8, 1)),
    ("> <!-- claimlint-disable-next-line X -- r -->\n> quoted", ("disable-next-line", ("X",), "r", 1, 3, 1)),
    ("Line\r\n<!-- claimlint-disable-next-line X -- r -->", ("disable-next-line", ("X",), "r", 2, 1, 2)),
]


@pytest.mark.parametrize(("source", "expected"), DIRECTIVES)
def test_directives(source: str, expected: tuple[object, ...]) -> None:
    (d,) = markdown.parse(source).directives
    assert (d.action, d.rules, d.reason, d.line, d.column, d.end_line) == expected


@pytest.mark.parametrize(
    "source",
    [
        "```\n<!-- claimlint-disable-file X -- r -->\n```",
        "    <!-- claimlint-disable-file X -- r -->",
        "`<!-- claimlint-disable-file X -- r -->`",
        "<!-- ordinary comment -->",
    ],
)
def test_not_directives(source: str) -> None:
    assert markdown.parse(source).directives == []


MDX_CASES = [
    ("import", "import X from 'natural cure'\n\nA natural cure", (3, 3, 3, 15)),
    ("multi-line export", "export const meta = {\n  title: 'natural cure',\n}\n\nA natural cure", (5, 3, 5, 15)),
    ("jsx expression", "A {props.natural} natural {x} cure", (1, 19, 1, 35)),
    ("jsx component", "<Note>\nnatural cure\n</Note>", (2, 1, 2, 13)),
]


@pytest.mark.parametrize(("source", "expected"), [c[1:] for c in MDX_CASES], ids=[c[0] for c in MDX_CASES])
def test_mdx_positions(source: str, expected: tuple[int, int, int, int]) -> None:
    found = locate(mdx.parse(source), source, "natural cure")
    assert found is not None
    assert found[0] == expected


def test_mdx_skips_esm_and_expressions() -> None:
    parsed = mdx.parse("import Natural from './x'\nexport const y = 1\n\nText {natural}.")
    assert [s.text for s in parsed.segments] == ["Text ."]


def test_mdx_export_word_inside_paragraph_is_prose() -> None:
    parsed = mdx.parse("Para line\nexport controls apply.\r\n\r\nimport x from 'y'\r\nB\r\n\r\nC")
    assert [s.text for s in parsed.segments] == ["Para line export controls apply.", "C"]


def test_mdx_comment_directive() -> None:
    (d,) = mdx.parse("{/* claimlint-disable-next-line CL011 -- approved */}\nText").directives
    assert (d.action, d.rules, d.reason, d.line, d.column) == ("disable-next-line", ("CL011",), "approved", 1, 1)


def test_markdown_keeps_braces() -> None:
    assert [s.text for s in markdown.parse("Text {natural}.").segments] == ["Text {natural}."]


@pytest.mark.parametrize(
    "source",
    [
        ">" * 10000 + " natural cure",
        "- " * 10000 + "natural cure",
        "[" * 10000 + "natural" + "]" * 10000,
        "`" * 10000 + " natural",
        "*" * 10000 + "natural" + "_" * 10000,
        "<" * 10000 + "natural",
        "![" * 5000 + "x",
        "a `b\n" * 3000,
        "a <!-- b " * 20000,
        "{/* a " * 20000,
        " ".join("`" * i for i in range(1, 450)),
        '[a](u "' * 20000,
    ],
    ids=[
        *("quotes", "lists", "brackets", "backticks", "emphasis", "angles", "images", "unclosed-code"),
        *("unclosed-comments", "unclosed-jsx-comments", "tick-runs", "unclosed-titles"),
    ],
)
@pytest.mark.parametrize("fmt", [markdown, mdx], ids=["markdown", "mdx"])
def test_pathological_input_is_fast(source: str, fmt: object) -> None:
    started = time.perf_counter()
    fmt.parse(source)  # type: ignore[attr-defined]
    fmt.searchable(source)  # type: ignore[attr-defined]
    assert time.perf_counter() - started < 5


SEARCHABLE = [
    "nat**ural** cure",
    "nat<b>ural</b> cure",
    "nat<!--x-->ural",
    "nat`x`ural",
    "[nat](http://x)ural",
    "nat[ural](x)[ref]",
    "n&#97;tural and caf&eacute;",
    "![n&#97;tural](x.png)",
    "![safe](x)ural",
    "nat\\*ural",
    "a*https://x.com*b",
    "nat~~ural~~ly",
    "__init__ x_y",
    "---\ntitle: n&#97;tural\n---\n",
    "<div>nat<b>ural</b></div>",
    "| nat**ural** | c&#97;re |\n|---|---|\n",
    "> nat**ural**\n> > de*ep*er",
    "snake_case and a \\*b and x[nat ural](u)y",
    "nat<br>nat*ural and <td>ket</td><td>cure</td>",
    "<div>\n<td>ket</td><td>cure</td> a<em>b</em>c\n</div>",
    "see **https://x.com**now and www.x.com",
]


@pytest.mark.parametrize("source", SEARCHABLE)
@pytest.mark.parametrize("fmt", [markdown, mdx], ids=["markdown", "mdx"])
def test_searchable_holds_every_segment_word(source: str, fmt: object) -> None:
    parse = fmt.parse  # type: ignore[attr-defined]
    haystack = fmt.searchable(source).lower()  # type: ignore[attr-defined]
    for seg in parse(source).segments:
        for word in WORD.findall(seg.text.lower()):
            assert re.search(rf"(?<![0-9a-z]){word}(?![0-9a-z])", haystack), (word, seg.text)


def test_searchable_joins_emphasis() -> None:
    assert "natural" in inline.searchable("nat**ural**")


def _offset(text: str, line: int, column: int) -> int:
    return LineIndex(text).offset(line, column)


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
    "---\r\ntitle: A natural cure\r\ntags: natural cure\r\n---\r\n"
    "# Café\tnatural cure\r\n\r\n"
    "Our nat**ural**\r\ncure works. Don&#8217;t worry.\r\n\r\n"
    "```\r\nnatural cure\r\n```\r\n\r\n"
    "| a | natural cure |\r\n|---|---|\r\n\r\n"
    "> quoted natural\r\ncure\r\n"
)


def test_through_engine(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    rules = tmp_path / "rules.yaml"
    rules.write_text(RULES, encoding="utf-8")
    doc = tmp_path / "page.md"
    doc.write_bytes(DOCUMENT.encode("utf-8"))
    code = main(["check", str(doc), "--rules", str(rules), "--format", "json", "--isolated"])
    out = json.loads(capsys.readouterr().out)
    assert code == 1
    got = [(f["line"], f["column"], f["end_line"], f["end_column"]) for f in out["findings"]]
    assert got == [(2, 10, 2, 22), (5, 8, 5, 20), (7, 5, 8, 5), (8, 13, 8, 30), (14, 7, 14, 19), (17, 10, 18, 5)]
    text = doc.read_bytes().decode("utf-8")
    for f in out["findings"]:
        start = _offset(text, f["line"], f["column"])
        end = _offset(text, f["end_line"], f["end_column"])
        assert f["match"] == text[start:end]


RICH = (
    "---\ntitle: T\n---\n# H *e* ##\n\nPara `c` [l](u) ![a](i) <b>t</b> &amp; nat**ural**\r\nnext\tline\n\n"
    "> q\n> > r\nlazy\n\n- a\n  - b\n    c\n\n| x | y |\n|---|---|\n| `z` | w\\|v |\n\n<div>\n<p>h</p>\n</div>\n\n"
    "Setext\n---\n\n1. one\n2. two <br> three\n"
)


@pytest.mark.parametrize("fmt", [markdown, mdx], ids=["markdown", "mdx"])
def test_piece_maps_point_at_the_same_characters(fmt: object) -> None:
    """Every one-to-one piece shows exactly the characters it maps to.

    A space stands for a whitespace run, or for a gap between visible ranges
    that holds whitespace (and may hold hidden markup too).
    """
    for seg in fmt.parse(RICH).segments:  # type: ignore[attr-defined]
        for start, length, orig, orig_len in zip(
            seg.seg_starts, seg.seg_lens, seg.orig_starts, seg.orig_lens, strict=True
        ):
            shown = seg.text[start : start + length]
            source = RICH[orig : orig + orig_len]
            if shown == " ":
                assert any(c.isspace() for c in source)
            elif length == orig_len:
                assert shown == source


def test_ad_lines_in_a_paragraph_start_sentences() -> None:
    from claimlint.textutil import split_sentences

    source = "**Headline:** Try It Today\n**Primary text:** Our gummies help\nwith every ache.\n"
    (seg,) = markdown.parse(source).segments
    assert list(split_sentences(seg.text, seg.breaks)) == [
        "Headline: Try It Today",
        "Primary text: Our gummies help with every ache.",
    ]

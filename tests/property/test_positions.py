"""Property tests: every finding slices exactly its match out of the original file.

Documents are generated per source format (text, Markdown, MDX, HTML) from
neutral words with risky phrases planted at random places, some in prose
and some where no reader sees them (code, URLs, comments, scripts). The
oracle is independent of claimlint: line starts are recomputed here and
each finding's (line, column)-(end_line, end_column) is turned back into
offsets of the original text.
"""

from __future__ import annotations

import os
import re
import tempfile
from collections import Counter
from dataclasses import dataclass, field

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from claimlint.cli import main
from claimlint.engine import CompiledRules, check_text, compile_rules
from claimlint.files import ReadError, decode
from claimlint.model import Finding
from claimlint.plugins import get_registry
from claimlint.rulefile import load_pack_text
from claimlint.textutil import SENTENCE_END, sentence_bounds

RULES = """\
version: 1
rules:
  - id: P1
    name: natural
    category: natural-claim
    severity: error
    type: phrase
    phrases: ["safe and natural"]
    message: m
  - id: P2
    name: speed
    category: speed-of-relief
    severity: warning
    type: pattern
    patterns: ['\\bwithin\\s+minutes\\b']
    message: m
"""
PHRASES = (("safe", "and", "natural"), ("within", "minutes"))
WORDS = ("ketamine", "clinic", "patients", "infusion", "team", "monitoring", "pain", "the", "a", "of", "visit")
#: scripts/fuzz.py raises the example count through this variable for long runs.
EXAMPLES = int(os.environ.get("CLAIMLINT_FUZZ_EXAMPLES", "150"))
SETTINGS = settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=[HealthCheck.too_slow])
#: Inputs linted so far, by format (scripts/fuzz.py reports them).
LINTED: Counter[str] = Counter()
REGISTRY = get_registry(False)
COMPILED: CompiledRules = compile_rules(load_pack_text("p.yaml", RULES, REGISTRY.rule_types).rules, REGISTRY.rule_types)
_BREAK = re.compile(r"\r\n|\r|\n")


def _norm(s: str) -> str:
    return " ".join(s.lower().split())


PLANTED = {" ".join(words) for words in PHRASES}


@dataclass
class Doc:
    """Text under construction, remembering where phrases were planted and whether they are visible."""

    eol: str
    parts: list[str] = field(default_factory=list)
    visible: list[tuple[int, int]] = field(default_factory=list)
    hidden: list[tuple[int, int]] = field(default_factory=list)

    @property
    def size(self) -> int:
        return sum(map(len, self.parts))

    def add(self, s: str) -> None:
        self.parts.append(s.replace("\n", self.eol))

    def plant(self, phrase: str, shown: bool) -> None:
        start = self.size
        self.parts.append(phrase)
        (self.visible if shown else self.hidden).append((start, self.size))

    @property
    def text(self) -> str:
        return "".join(self.parts)


@st.composite
def phrases(draw: st.DrawFn, newline: bool = False) -> str:
    words = draw(st.sampled_from(PHRASES))
    seps = st.sampled_from([" ", "  ", "\t", "\n"] if newline else [" ", "  ", "\t"])
    cased = [draw(st.sampled_from([w, w.upper(), w.capitalize()])) for w in words]
    out = cased[0]
    for word in cased[1:]:
        out += draw(seps) + word
    return out


def words(draw: st.DrawFn, low: int = 1) -> str:
    return " ".join(draw(st.lists(st.sampled_from(WORDS), min_size=low, max_size=6)))


def _line_starts(text: str) -> list[int]:
    return [0, *(m.end() for m in _BREAK.finditer(text))]


def _span(text: str, f: Finding) -> tuple[int, int]:
    starts = _line_starts(text)
    return starts[f.line - 1] + f.column - 1, starts[f.end_line - 1] + f.end_column - 1


def _lint(text: str, fmt: str) -> list[Finding]:
    LINTED[fmt] += 1
    return check_text(f"doc.{fmt}", text, REGISTRY.formats[fmt], COMPILED).findings


def _check(doc: Doc, fmt: str, recall: bool = True) -> None:
    text = doc.text
    findings = _lint(text, fmt)
    spans = []
    for f in findings:
        a, b = _span(text, f)
        assert text[a:b] == f.match, (f, text[a:b])
        assert _norm(f.match) in PLANTED, f.match
        spans.append((a, b))
    for a, b in doc.hidden:
        assert not any(x < b and a < y for x, y in spans), (text[a:b], text)
    if recall:
        assert sorted(spans) == sorted(doc.visible), text


# --- Markdown and MDX ------------------------------------------------------------------------------


@st.composite
def markdown_docs(draw: st.DrawFn, mdx: bool = False) -> Doc:
    doc = Doc(draw(st.sampled_from(["\n", "\r\n"])))
    previous = ""
    for _ in range(draw(st.integers(1, 8))):
        kind = draw(
            st.sampled_from(
                ["para", "heading", "list", "quote", "fence", "indented", "inline-code", "link", "url", "comment"]
                + (["jsx"] if mdx else [])
            )
        )
        if kind == "indented" and previous == "list":
            kind = "fence"
        _markdown_block(draw, doc, kind)
        doc.add("\n\n")
        previous = kind
    return doc


def _markdown_block(draw: st.DrawFn, doc: Doc, kind: str) -> None:
    prefix = {"heading": "## ", "list": "- ", "quote": "> "}.get(kind, "")
    if kind in ("para", "heading", "list", "quote"):
        doc.add(prefix + words(draw) + " ")
        doc.plant(draw(phrases(newline=kind == "para")), True)
        doc.add(" " + words(draw) + ".")
    elif kind == "fence":
        doc.add("```\n" + words(draw) + " ")
        doc.plant(draw(phrases(newline=True)), False)
        doc.add("\n```")
    elif kind == "indented":
        doc.add("    " + words(draw) + " ")
        doc.plant(draw(phrases()), False)
    elif kind == "inline-code":
        doc.add(words(draw) + " `")
        doc.plant(draw(phrases()), False)
        doc.add("` " + words(draw))
    elif kind == "link":
        doc.add(words(draw) + " [" + words(draw) + "](https://example.org/")
        doc.plant("safe-and-natural", False)
        doc.add(") and <https://example.org/")
        doc.plant("within-minutes", False)
        doc.add("> " + words(draw))
    elif kind == "url":
        doc.add(words(draw) + " https://example.org/")
        doc.plant("safe-and-natural", False)
        doc.add(" " + words(draw))
    elif kind == "comment":
        doc.add(words(draw) + " <!-- ")
        doc.plant(draw(phrases()), False)
        doc.add(" --> " + words(draw))
    else:
        doc.add(words(draw) + ' {"')
        doc.plant(draw(phrases()), False)
        doc.add('"} ' + words(draw))


@SETTINGS
@given(markdown_docs())
def test_markdown_positions_and_hidden_contexts(doc: Doc) -> None:
    _check(doc, "markdown")


@SETTINGS
@given(markdown_docs(mdx=True))
def test_mdx_positions_and_hidden_contexts(doc: Doc) -> None:
    _check(doc, "mdx")


# --- HTML -------------------------------------------------------------------------------------------


@st.composite
def html_docs(draw: st.DrawFn) -> Doc:
    doc = Doc(draw(st.sampled_from(["\n", "\r\n"])))
    doc.add("<html><head><title>" + words(draw) + "</title></head><body>\n")
    for _ in range(draw(st.integers(1, 8))):
        tag = draw(st.sampled_from(["p", "h2", "li", "div", "script", "style", "code", "pre", "comment", "href"]))
        if tag in ("p", "h2", "li", "div"):
            doc.add(f"<{tag}>" + words(draw) + " ")
            doc.plant(draw(phrases(newline=True)), True)
            doc.add(" <b>" + words(draw) + f"</b></{tag}>\n")
        elif tag == "comment":
            doc.add("<!-- ")
            doc.plant(draw(phrases(newline=True)), False)
            doc.add(" -->\n")
        elif tag == "href":
            doc.add('<p><a href="https://example.org/')
            doc.plant("safe-and-natural", False)
            doc.add('">' + words(draw) + "</a></p>\n")
        else:
            doc.add(f"<{tag}>var x = '")
            doc.plant(draw(phrases(newline=True)), False)
            doc.add(f"';</{tag}>\n")
    doc.add("</body></html>\n")
    return doc


@SETTINGS
@given(html_docs())
def test_html_positions_and_hidden_contexts(doc: Doc) -> None:
    _check(doc, "html")


# --- plain text -------------------------------------------------------------------------------------


@st.composite
def text_docs(draw: st.DrawFn) -> Doc:
    doc = Doc(draw(st.sampled_from(["\n", "\r\n", "\r"])))
    for _ in range(draw(st.integers(1, 10))):
        doc.add(words(draw, 0) + " ")
        doc.plant(draw(phrases(newline=True)), True)
        doc.add(" " + words(draw, 0) + draw(st.sampled_from([".", "!", "", ",", "\n", "\n\n"])))
    return doc


@SETTINGS
@given(text_docs())
def test_text_positions(doc: Doc) -> None:
    _check(doc, "text")


# --- anything at all --------------------------------------------------------------------------------

FORMATS = ("text", "markdown", "mdx", "html")


@SETTINGS
@given(st.text(), st.sampled_from(FORMATS), st.integers(0, 10_000), st.sampled_from(sorted(PLANTED)))
def test_any_text_lints_and_positions_hold(noise: str, fmt: str, at: int, phrase: str) -> None:
    """Random Unicode (with a phrase inserted anywhere) never raises, and whatever is found slices exactly."""
    at = min(at, len(noise))
    text = noise[:at] + " " + phrase + " " + noise[at:]
    for f in _lint(text, fmt):
        a, b = _span(text, f)
        assert text[a:b] == f.match
        assert _norm(f.match) in PLANTED


MARKUP = st.sampled_from(
    [
        "<",
        ">",
        "</p>",
        "<p>",
        "<!--",
        "-->",
        "`",
        "```",
        "\n",
        "\r",
        "[",
        "](",
        ")",
        "*",
        "_",
        "#",
        "- ",
        "> ",
        "{",
        "}",
        "&amp;",
        "&#x",
        ";",
        "\\",
        "\t",
        "    ",
        "---",
        "|",
        "import x\n",
        "<script>",
        "\x00",
        "\ufeff",
    ]
)


@SETTINGS
@given(
    st.lists(st.one_of(MARKUP, st.sampled_from(WORDS), st.sampled_from(sorted(PLANTED)), st.text(max_size=5))),
    st.sampled_from(FORMATS),
)
def test_markup_soup_lints_and_positions_hold(pieces: list[str], fmt: str) -> None:
    text = " ".join(pieces)
    for f in _lint(text, fmt):
        a, b = _span(text, f)
        assert text[a:b] == f.match
        assert _norm(f.match) in PLANTED


@settings(max_examples=max(EXAMPLES // 4, 40), deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.binary(max_size=2000), st.sampled_from([".md", ".html", ".txt", ".mdx"]))
def test_random_bytes_through_the_cli(data: bytes, ext: str) -> None:
    """Whatever the bytes, the CLI exits 0, 1 or 2 (never 3, an internal error)."""
    LINTED["cli"] += 1
    with tempfile.TemporaryDirectory() as tmp:
        rules = os.path.join(tmp, "rules.yaml")
        with open(rules, "w", encoding="utf-8") as fh:
            fh.write(RULES)
        path = os.path.join(tmp, "doc" + ext)
        with open(path, "wb") as fh:
            fh.write(data)
        assert main(
            ["check", path, "--rules", rules, "--isolated", "--format", "json", "-o", os.path.join(tmp, "o")]
        ) in (0, 1, 2)


@SETTINGS
@given(
    st.lists(st.one_of(st.binary(max_size=8), st.sampled_from([b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff", b"\x00"]))),
    st.sampled_from(FORMATS),
    st.sampled_from([None, "latin-1", "cp1252", "utf-16"]),
)
def test_any_bytes_decode_or_are_refused_then_lint(chunks: list[bytes], fmt: str, encoding: str | None) -> None:
    """decode() either returns text or raises ReadError with a one-line reason; the text always lints."""
    data = b"".join(chunks)
    try:
        decoded = decode(data, encoding)
    except ReadError as exc:
        reason = str(exc)
        decoded = None
    if decoded is None:
        assert reason
        assert "\n" not in reason
        return
    assert decoded.bom + decoded.text.encode(decoded.encoding) == data or encoding == "utf-16"
    _lint(decoded.text, fmt)


def _naive_sentence_bounds(text: str, start: int, end: int) -> tuple[int, int]:
    lo = 0
    for m in SENTENCE_END.finditer(text, 0, start + 1):
        lo = m.end()
    after = SENTENCE_END.search(text, end)
    return lo, after.start() if after else len(text)


@SETTINGS
@given(
    st.lists(
        st.sampled_from(["Word", "word", ".", "!", "?", " ", "  ", "\n", '"', ")", "’", "(", "A", "9", "x" * 700])
    ),
    st.integers(0, 10_000),
    st.integers(0, 50),
)
def test_sentence_bounds_match_a_full_scan(pieces: list[str], at: int, width: int) -> None:
    """Regression: sentence_bounds scanned from 0 for every finding (quadratic); the windowed search must agree."""
    LINTED["sentence"] += 1
    text = "".join(pieces)
    start = min(at, len(text))
    end = min(start + width, len(text))
    assert sentence_bounds(text, start, end) == _naive_sentence_bounds(text, start, end)

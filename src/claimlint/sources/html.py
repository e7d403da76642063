"""HTML: text nodes, ``<title>``, meta descriptions and human-readable attributes.

Parsed with the standard library's tolerant ``html.parser`` so that
malformed pages never raise. ``convert_charrefs`` is off and every event's
span is taken from the parser's own ``updatepos`` bookkeeping, so segments
map back to exact offsets; entities are decoded per token by
:func:`build_segment`'s ``decode`` callback. Block-level tags end a segment,
inline tags do not (``nat<b>ural</b>`` reads "natural"). The Markdown source
reuses :func:`extract_html` for its HTML blocks.
"""

from __future__ import annotations

import html
import re
from html.parser import HTMLParser

from claimlint.api import ParsedSource, SourceFormat
from claimlint.model import Directive, Segment
from claimlint.sources.directives import parse_directive
from claimlint.textutil import LineIndex, build_segment, join_cells

_BLOCK_KIND = {
    **{f"h{n}": "heading" for n in range(1, 7)},
    **dict.fromkeys(("li", "dd", "dt", "dl", "ul", "ol"), "list"),
    **dict.fromkeys(("td", "th", "tr", "table", "thead", "tbody", "tfoot", "caption"), "table"),
    "blockquote": "blockquote",
    "title": "title",
}


def _names(spaced: str) -> frozenset[str]:
    return frozenset(spaced.split())


BLOCK = frozenset(_BLOCK_KIND) | _names(
    "p div section article header footer nav main aside figcaption figure br hr option select button label "
    "body html head form fieldset legend details summary address center iframe textarea menu dialog hgroup "
    "search object video audio canvas picture source track map area frameset frame noframes"
)
SKIP = _names("script style code pre template noscript svg math")
_TABLE_TAGS = _names("table thead tbody tfoot tr td th")
_VOID = _names("area base br col embed hr img input link meta param source track wbr")
_ATTR = re.compile(r"""([^\s/>"'=]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+)))?""")
_TAG_NAME = re.compile(r"<[^\s/>]*")
_ATTR_KIND = {"alt": "alt", "title": "attribute", "aria-label": "attribute"}
#: Meta tags whose content a reader sees as the page's description or title (search results, link previews).
_META_NAMES = frozenset({"description", "og:description", "twitter:description", "og:title", "twitter:title"})


# What a segment can join across: a comment, a skipped element or an inline
# tag holding no whitespace. Block tags stay, since segments end there.
_ENTITY_OR_TAG = re.compile(
    r"<!--\S*?-->"
    rf"|(?i:<({'|'.join(sorted(SKIP))})>[^\s<]*</\1>)"
    rf"|</?(?!(?i:{'|'.join(sorted(BLOCK))})[\s/>])[A-Za-z][^\s<>]*>"
    r"|&(?:#[0-9]+|#[xX][0-9a-fA-F]+|[A-Za-z][A-Za-z0-9]*);?"
)


def decode_entities(token: str) -> str:
    """HTML entity decoding, skipped cheaply for the common token without ``&``."""
    return html.unescape(token) if "&" in token else token


class LazyIndex:
    """A LineIndex built on first use: most files have no directives."""

    def __init__(self, text: str) -> None:
        self.text = text
        self._index: LineIndex | None = None

    def position(self, offset: int) -> tuple[int, int]:
        """1-based line and column of ``offset``."""
        if self._index is None:
            self._index = LineIndex(self.text)
        return self._index.position(offset)


class _Extractor(HTMLParser):
    """Collects text runs per block, attribute values and comment directives."""

    def __init__(self, source: str, fed: str, base: int, kind: str, index: LazyIndex) -> None:
        super().__init__(convert_charrefs=False)
        self.source = source
        self.fed = fed
        self.base = base
        self.index = index
        self.segments: list[Segment] = []
        self.directives: list[Directive] = []
        self._shift = 0
        self._pending: tuple[str, object] | None = None
        self._kinds: list[tuple[str, str]] = [("", kind)]
        self._open: dict[str, int] = {}
        self._skip: dict[str, int] = {}
        self._run: list[tuple[int, int]] = []
        self._run_kind = kind
        self._no_close: tuple[str, int] | None = None
        self._row: list[list[Segment]] | None = None
        self._outer_rows: list[list[list[Segment]] | None] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._pending = ("start", tag)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._pending = ("void", tag)

    def handle_endtag(self, tag: str) -> None:
        self._pending = ("end", tag)

    def handle_data(self, data: str) -> None:
        self._pending = ("text", None)

    def handle_entityref(self, name: str) -> None:
        self._pending = ("text", None)

    def handle_charref(self, name: str) -> None:
        self._pending = ("text", None)

    def handle_comment(self, data: str) -> None:
        self._pending = ("comment", data)

    def parse_comment(self, i: int, report: bool = True) -> int:
        """As html.parser's, but an unclosed ``<!--`` is searched past only once.

        html.parser rescans to the end of the text for ``-->`` at every
        ``<!--`` that has none, which is quadratic on malformed pages (4 MB
        took minutes); once one search failed, none after it can succeed.
        """
        raw = self.rawdata
        if self._no_close is not None and self._no_close[0] is raw and i >= self._no_close[1]:
            return -1
        j = int(super().parse_comment(i, report))
        if j < 0:
            self._no_close = (raw, i)
        return j

    def updatepos(self, i: int, j: int) -> int:
        """Every event ends here with its span; dispatch it now that it is known."""
        pending, self._pending = self._pending, None
        if pending is not None and j > i:
            a, b = self._shift + i, self._shift + j
            event, value = pending
            if event == "text":
                self._text(a, b)
            elif event == "comment":
                self._comment(str(value), a, b)
            else:
                self._tag(event, str(value), a, b)
        return j

    def run(self) -> None:
        """Feed everything; keep going after the parser's early ``break`` cases."""
        self.feed(self.fed)
        while self.rawdata:
            before = len(self.rawdata)
            self._shift = len(self.fed) - before
            self.goahead(False)
            if len(self.rawdata) == before:
                break
        self._shift = len(self.fed) - len(self.rawdata)
        self.close()
        self.finish()

    def _text(self, a: int, b: int) -> None:
        if self._skip:
            return
        if not self._run:
            self._run_kind = self._kinds[-1][1]
        if self._run and self._run[-1][1] == self.base + a:
            self._run[-1] = (self._run[-1][0], self.base + b)
        else:
            self._run.append((self.base + a, self.base + b))

    def _flush(self) -> None:
        if self._run:
            seg = build_segment(self.source, self._run, self._run_kind, decode_entities)
            self._run = []
            if seg is None:
                return
            if self._row is None:
                self.segments.append(seg)
            elif self._row:
                self._row[-1].append(seg)
            else:
                self._row.append([seg])

    def finish(self) -> None:
        """Emit the text still pending, open table rows included (a page may never close them)."""
        self._flush()
        self._end_row()
        while self._outer_rows:
            self._row = self._outer_rows.pop()
            self._end_row()

    def _table(self, event: str, tag: str) -> None:
        """Collect a ``<tr>``'s cells into one row segment (see :func:`join_cells`).

        A claim in a table is a row ("Mobility | Wheelchair | 5-mile hikes"),
        so a row is one segment whose cells are units. A table nested in a
        cell ends the row around it, which resumes after the inner table.
        """
        if tag in ("td", "th"):
            if event == "start" and self._row is not None:
                self._row.append([])
        elif tag == "table" and event == "start":
            self._outer_rows.append(self._row)
            self._row = None
        else:
            self._end_row()
            if tag == "tr" and event == "start":
                self._row = []
            elif tag == "table" and self._outer_rows:
                self._row = self._outer_rows.pop()

    def _end_row(self) -> None:
        row, self._row = self._row, None
        if row:
            seg = join_cells(row)
            if seg is not None:
                self.segments.append(seg)

    def _comment(self, body: str, a: int, b: int) -> None:
        if "claimlint-" not in body:
            return
        line, col = self.index.position(self.base + a)
        end_line = self.index.position(self.base + b - 1)[0]
        found = parse_directive(body, line, col, end_line)
        if found is not None:
            self.directives.append(found)

    def _tag(self, event: str, tag: str, a: int, b: int) -> None:
        if tag in SKIP:
            self._skip_tag(event, tag)
            return
        if self._skip:
            return
        if tag in BLOCK:
            self._flush()
            if tag in _TABLE_TAGS:
                self._table(event, tag)
        if event != "end":
            self._attributes(tag, a, b)
        if tag not in BLOCK or tag in _VOID:
            return
        if event == "start":
            self._kinds.append((tag, _BLOCK_KIND.get(tag) or self._kinds[-1][1]))
            self._open[tag] = self._open.get(tag, 0) + 1
        elif event == "end" and self._open.get(tag):
            while True:
                name, _kind = self._kinds.pop()
                self._open[name] -= 1
                if name == tag:
                    break

    def _skip_tag(self, event: str, tag: str) -> None:
        if event == "start" and tag not in _VOID:
            self._skip[tag] = self._skip.get(tag, 0) + 1
        elif event == "end" and tag in self._skip:
            self._skip[tag] -= 1
            if not self._skip[tag]:
                del self._skip[tag]

    def _attributes(self, tag: str, a: int, b: int) -> None:
        raw = self.fed[a:b]
        if "=" not in raw:
            return
        name_end = _TAG_NAME.match(raw)
        values: dict[str, tuple[int, int]] = {}
        for m in _ATTR.finditer(raw, name_end.end() if name_end else 1):
            group = next((g for g in (2, 3, 4) if m.group(g) is not None), 0)
            if group:
                values.setdefault(m.group(1).lower(), m.span(group))
        for name, (va, vb) in values.items():
            kind = _ATTR_KIND.get(name)
            if kind:
                self._attribute_segment(a + va, a + vb, kind)
        if tag == "meta" and "content" in values:
            label = raw[slice(*values.get("name", values.get("property", (0, 0))))].lower()
            if label in _META_NAMES:
                va, vb = values["content"]
                self._attribute_segment(a + va, a + vb, "meta")

    def _attribute_segment(self, a: int, b: int, kind: str) -> None:
        seg = build_segment(self.source, [(self.base + a, self.base + b)], kind, decode_entities)
        if seg is not None:
            self.segments.append(seg)


def extract_html(
    source: str,
    start: int = 0,
    end: int | None = None,
    *,
    masked: str | None = None,
    kind: str = "paragraph",
    index: LazyIndex | None = None,
) -> tuple[list[Segment], list[Directive]]:
    """Segments and directives of ``source[start:end]``.

    ``masked``, when given, is fed to the parser instead: the same text with
    container markup (a Markdown ``>`` prefix) blanked to spaces, so offsets
    still line up with ``source``. ``kind`` is the kind of loose text.
    """
    stop = len(source) if end is None else end
    fed = _defuse(masked if masked is not None else source[start:stop])
    parser = _Extractor(source, fed, start, kind, index or LazyIndex(source))
    try:
        parser.run()
    except (AssertionError, ValueError, IndexError, RecursionError):
        parser.finish()
    return parser.segments, parser.directives


def _defuse(fed: str) -> str:
    """Blank every ``<`` after the last ``>``: the parser would read them as text anyway.

    ``html.parser`` rescans to the end of input for each start tag that never
    closes, which is quadratic on junk such as ``<p <p <p ...``.
    """
    last = fed.rfind(">")
    if fed.find("<", last + 1) < 0:
        return fed
    return fed[: last + 1] + fed[last + 1 :].replace("<", "\ufffd")


def parse(text: str) -> ParsedSource:
    """Cut an HTML document into segments and collect its directives."""
    segments, directives = extract_html(text)
    return ParsedSource(segments, directives)


def searchable(text: str) -> str:
    """Raw text plus a copy with attribute-free inline tags dropped and entities decoded.

    Segments join text across an inline tag only when the tag holds no
    whitespace, so dropping exactly those tags yields every word a segment
    can contain, with the same word edges.
    """
    if "<" not in text and "&" not in text:
        return text
    return text + "\n" + _ENTITY_OR_TAG.sub(_clean, text)


def _clean(m: re.Match[str]) -> str:
    token = m.group()
    return html.unescape(token) if token[0] == "&" else ""


FORMAT = SourceFormat(
    name="html",
    extensions=(".html", ".htm", ".xhtml"),
    parse=parse,
    doc="HTML: text nodes, <title>, meta descriptions, alt/title/aria-label attributes.",
    searchable=searchable,
)

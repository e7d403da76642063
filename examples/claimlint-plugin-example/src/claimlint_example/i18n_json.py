"""``i18n-json``: the string values of JSON translation files.

CMSs and front-end frameworks keep their copy in nested JSON such as
``{"home": {"hero": "Boosts immunity fast"}}``. Only values are copy; keys
are identifiers and are never linted. Each string value becomes one segment
whose piece map points into the file, so a finding's line and column are
exact even after escapes (``\\"``, ``\\n``, ``\\u00e9``, surrogate pairs).

The scanner only looks for string tokens: in JSON nothing outside a string
contains a double quote, so string tokens found in order are exactly the
file's strings, and a string is a key when the next non-space character is a
colon. Malformed JSON is linted as far as its strings can be found; checking
JSON syntax is the job of a JSON tool.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from claimlint.api import ParsedSource, Segment, SourceFormat, segment_from_pieces

_STRING = re.compile(r'"(?:[^"\\]|\\.)*"', re.DOTALL)
_ESCAPE = re.compile(r"\\(?:u([0-9a-fA-F]{4})|(.))", re.DOTALL)
_PAIR = re.compile(r"\\u([dD][c-fC-F][0-9a-fA-F]{2})")
_SIMPLE = {'"': '"', "\\": "\\", "/": "/", "b": "\b", "f": "\f", "n": "\n", "r": "\r", "t": "\t"}
_SPACE = frozenset(" \t\r\n")


def parse(text: str) -> ParsedSource:
    """One ``string`` segment per non-empty string value."""
    segments: list[Segment] = []
    for start, end in string_values(text):
        seg = segment_from_pieces(pieces(text, start + 1, end - 1), "string")
        if seg is not None:
            segments.append(seg)
    return ParsedSource(segments)


def string_values(text: str) -> Iterator[tuple[int, int]]:
    """Spans (quotes included) of the string tokens that are values, not keys."""
    for m in _STRING.finditer(text):
        if not _is_key(text, m.end()):
            yield m.span()


def _is_key(text: str, pos: int) -> bool:
    while pos < len(text) and text[pos] in _SPACE:
        pos += 1
    return pos < len(text) and text[pos] == ":"


def pieces(text: str, start: int, end: int) -> Iterator[tuple[str, int, int]]:
    """``(decoded text, offset, length in the file)`` for ``text[start:end]``.

    Plain runs are their own text; each escape is one piece, so a finding that
    starts or ends on an escape covers the whole escape in the file.
    """
    pos = start
    while pos < end:
        m = _ESCAPE.search(text, pos, end)
        if m is None:
            yield text[pos:end], pos, end - pos
            return
        if m.start() > pos:
            yield text[pos : m.start()], pos, m.start() - pos
        decoded, length = _decode(text, m, end)
        yield decoded, m.start(), length
        pos = m.start() + length


def _decode(text: str, m: re.Match[str], end: int) -> tuple[str, int]:
    """One escape (or surrogate pair) and how many characters of the file it spans."""
    if m.group(1) is None:
        char = m.group(2)
        return _SIMPLE.get(char, m.group()), len(m.group())
    code = int(m.group(1), 16)
    if 0xD800 <= code <= 0xDBFF:
        low = _PAIR.match(text, m.end(), end)
        if low is not None:
            pair = 0x10000 + ((code - 0xD800) << 10) + (int(low.group(1), 16) - 0xDC00)
            return chr(pair), low.end() - m.start()
    if 0xD800 <= code <= 0xDFFF:
        return "\ufffd", len(m.group())
    return chr(code), len(m.group())


def searchable(text: str) -> str:
    """What the prefilter searches: the file itself unless escapes could hide a word."""
    if "\\" not in text:
        return text
    return "\n".join("".join(p[0] for p in pieces(text, a + 1, b - 1)) for a, b in string_values(text))


FORMAT = SourceFormat(
    name="i18n-json",
    extensions=(".i18n.json",),
    parse=parse,
    doc="String values of JSON translation files; keys are skipped.",
    searchable=searchable,
)

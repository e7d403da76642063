"""YAML (``---``) and TOML (``+++``) front matter at the top of a Markdown file.

Front matter is metadata, not copy, except ``title`` and ``description``,
which search engines and link previews show to readers; only their values
are linted. Values are located line by line (quoted, plain, or a YAML block
scalar), so each maps back to its exact characters.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

_OPEN = re.compile(r"(---|\+\+\+)[ \t]*(?:\r\n|\r|\n)")
_LINE = re.compile(r"[^\r\n]*(?:\r\n|\r|\n|$)")
_KEY = re.compile(r"""(?P<key>title|description|"title"|"description")[ \t]*[:=][ \t]*(?P<value>.*?)[ \t]*$""")
_CLOSERS = {"---": ("---", "..."), "+++": ("+++",)}
LINTED = ("title", "description")


@dataclass
class FrontMatter:
    """Where front matter ends and the value ranges of its linted keys."""

    end: int
    lines: int
    values: list[list[tuple[int, int]]] = field(default_factory=list)


def find(text: str) -> FrontMatter | None:
    """The front matter at the very start of ``text``, if it is closed."""
    m = _OPEN.match(text)
    if m is None:
        return None
    closers = _CLOSERS[m.group(1)]
    lines: list[tuple[int, int]] = []
    pos = m.end()
    while pos < len(text):
        line = _LINE.match(text, pos)
        if line is None or line.end() == pos:
            break
        body_end = line.start() + len(line.group().rstrip("\r\n"))
        if text[pos:body_end].rstrip() in closers:
            front = FrontMatter(line.end(), len(lines) + 2)
            front.values = _values(text, lines)
            return front
        lines.append((pos, body_end))
        pos = line.end()
    return None


def _values(text: str, lines: list[tuple[int, int]]) -> list[list[tuple[int, int]]]:
    out = []
    for i, (a, b) in enumerate(lines):
        m = _KEY.match(text, a, b)
        if m is None:
            continue
        ranges = _value_ranges(text, m.start("value"), m.end("value"), lines[i + 1 :])
        if ranges:
            out.append(ranges)
    return out


def _value_ranges(text: str, a: int, b: int, rest: list[tuple[int, int]]) -> list[tuple[int, int]]:
    value = text[a:b]
    if value[:1] in ("'", '"') and len(value) >= 2 and value[-1] == value[0]:
        return [(a + 1, b - 1)]
    if value[:1] in ("|", ">"):
        return _continuation(text, rest)
    cut = re.search(r"[ \t]#", value)
    first = [(a, a + cut.start())] if cut else [(a, b)] if value else []
    return first + _continuation(text, rest)


def _continuation(text: str, rest: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Indented lines that continue a value (YAML block or multi-line plain scalar)."""
    out = []
    for a, b in rest:
        line = text[a:b]
        if line.strip() and not line[:1].isspace():
            break
        if line.strip():
            out.append((a, b))
    return out

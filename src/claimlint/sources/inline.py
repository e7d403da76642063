"""Markdown inline masking with a handful of compiled regexes.

markdown-it-py's inline parser costs more than the whole block parse, and
rules only need to know which characters are prose. So one left-to-right
scan over a block's text finds what to hide: code spans, link URLs, autolinks,
bare URLs, inline tags and comments, emphasis markers and escape
backslashes. Link text stays; image alt text becomes its own segment.
Everything here works in offsets of the block's text; the caller maps them
back to the file.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass, field

_LINK_TEXT = r"(?:[^\[\]\\]|\\.|\[(?:[^\[\]\\]|\\.)*\])*"
_DEST = r"\s*(?:<[^<>\n]*>|(?:[^\s()\\]|\\.|\((?:[^\s()\\]|\\.)*\))*)"
_TITLE = r"""(?:\s+(?:"(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*'|\((?:[^()\\]|\\.)*\)))?\s*"""
_TAIL = rf"(?:\({_DEST}{_TITLE}\)|\[(?:[^\[\]\\]|\\.)*\])"
_URL = r"""(?<![\w/@.;])(?:(?:https?|ftp)://|www\.)[^\s<>\]]*[^\s<>\].,:;!?"'*_~)]"""
_ATTR = r"""(?:\s+[A-Za-z_:][\w.:-]*(?:\s*=\s*(?:[^\s"'=<>`{]+|'[^']*'|"[^"]*"|\{[^{}]*\}))?)"""
_COMMON = rf"""
 (?P<esc>\\(?:[!-/:-@\[-`{{-~]|(?=\n)|$))
|(?P<code>(?<!`)(?P<ticks>`+)(?!`)[\s\S]*?(?<!`)(?P=ticks)(?!`))
|(?P<comment><!--(?P<body>[\s\S]*?)-->)
|(?P<autolink><[A-Za-z][A-Za-z0-9+.\-]{{1,31}}:[^\s<>]*>|<[\w.!#$%&'*+/=?^`{{|}}~-]+@[A-Za-z0-9][\w.-]*>)
|(?P<tag><[A-Za-z][A-Za-z0-9-]*{_ATTR}*\s*/?>|</[A-Za-z][A-Za-z0-9-]*\s*>)
|(?P<image>!\[(?P<alt>{_LINK_TEXT})\]{_TAIL})
|(?P<open>\[(?={_LINK_TEXT}\]{_TAIL}))
|(?P<tail>\]{_TAIL})
|(?P<url>{_URL})
"""
_MDX = r"""
|(?P<jsxcomment>\{\s*/\*(?P<jsxbody>[\s\S]*?)\*/\s*\})
|(?P<jsx>\{(?:[^{}]|\{[^{}]*\})*\})
"""
_EMPHASIS = r"""
|(?P<emph>\*+|~~+|(?<![^\W_])_+|_+(?![^\W_]))
"""
# The leading lookahead gives the regex engine a first-character set, so it
# skips plain prose in C instead of trying every alternative at every offset.
INLINE = re.compile(r"(?=[\\`<!\[\]*_~hfw])(?:" + _COMMON + _EMPHASIS + ")", re.VERBOSE)
INLINE_MDX = re.compile(r"(?=[\\`<!\[\]*_~hfw{])(?:" + _COMMON + _MDX + _EMPHASIS + ")", re.VERBOSE)
_MARKUP = re.compile(r"[\\`<!\[\]*_~]|://|www\.")
_MARKUP_MDX = re.compile(r"[\\`<!\[\]*_~{]|://|www\.")
ENTITY = re.compile(r"&(?:\#[0-9]{1,7}|\#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});")


@dataclass
class Masked:
    """What one scan found, in offsets of the scanned text."""

    hidden: list[tuple[int, int]] = field(default_factory=list)
    alts: list[tuple[int, int]] = field(default_factory=list)
    comments: list[tuple[int, int, str]] = field(default_factory=list)
    breaks: list[int] = field(default_factory=list)
    attributed: list[tuple[int, int]] = field(default_factory=list)


_NOTHING = Masked()
_BREAK_TAG = re.compile(r"<[bh]r\b", re.IGNORECASE)
_READABLE_ATTR = re.compile(r"\s(?:alt|title|aria-label|content)\s*=", re.IGNORECASE)


def scan(text: str, start: int = 0, end: int | None = None, mdx: bool = False) -> Masked:
    """Find the spans of ``text[start:end]`` that are markup, not prose (treat the result as read-only).

    ``<br>`` and ``<hr>`` are line breaks in the rendered page, so their
    offsets are reported as ``breaks``: the text on either side must not
    merge into one word or sentence. Tags with readable attributes (``alt``,
    ``title``, ``aria-label``) are reported as ``attributed`` so the caller
    can lint those values.
    """
    stop = len(text) if end is None else end
    if (_MARKUP_MDX if mdx else _MARKUP).search(text, start, stop) is None:
        return _NOTHING
    out = Masked()
    hidden = out.hidden
    for m in (INLINE_MDX if mdx else INLINE).finditer(text, start, stop):
        kind = m.lastgroup
        if kind == "esc":
            hidden.append((m.start(), m.start() + 1))
        elif kind in ("open", "emph"):
            hidden.append(m.span())
        elif kind == "image":
            hidden.append(m.span())
            out.alts.append(m.span("alt"))
        elif kind == "comment":
            hidden.append(m.span())
            out.comments.append((m.start(), m.end(), m.group("body")))
        elif kind == "tag":
            hidden.append(m.span())
            if _BREAK_TAG.match(text, m.start()):
                out.breaks.append(m.start())
            if _READABLE_ATTR.search(text, m.start(), m.end()):
                out.attributed.append(m.span())
        elif kind == "jsxcomment":
            hidden.append(m.span())
            out.comments.append((m.start(), m.end(), m.group("jsxbody")))
        else:
            hidden.append(m.span())
    return out


def decode(token: str) -> str:
    """Decode HTML entities the way CommonMark does (the ``;`` is required)."""
    if "&" not in token:
        return token
    return ENTITY.sub(_unescape, token)


def _unescape(m: re.Match[str]) -> str:
    return html.unescape(m.group())


_SHORT_TAIL = r"(?:\((?:[^\s()]|\([^\s()]*\))*\)|\[[^\s\[\]]*\])"
_CLEAN_COMMON = rf"""
 (?<!`)(?P<ticks>`+)(?!`)\S*?(?<!`)(?P=ticks)(?!`)
|<!--\S*?-->
|<[A-Za-z][A-Za-z0-9+.\-]{{1,31}}:[^\s<>]*>|<[\w.!#$%&'*+/=?^`{{|}}~-]+@[A-Za-z0-9][\w.-]*>
|</?[A-Za-z][A-Za-z0-9-]*/?>
|!\[[^\s\[\]]*\]{_SHORT_TAIL}
|\]{_SHORT_TAIL}
|{_URL}
|[*_~\\\[!]+
"""
_CLEAN = re.compile(r"(?=[`<!\]hfw*_~\\\[])(?:" + _CLEAN_COMMON + ")", re.VERBOSE)
_CLEAN_MDX = re.compile(r"(?=[`<!\]hfw*_~\\\[{])(?:" + _CLEAN_COMMON + r"|\{[^\s{}]*\})", re.VERBOSE)
_IMAGE_ALT = re.compile(rf"!\[([^\s\[\]]*)\]{_SHORT_TAIL}")


def searchable(text: str, mdx: bool = False) -> str:
    """Raw text plus a copy in which every whitespace-free piece of markup is gone.

    A segment joins two pieces of prose without a space only when the markup
    between them holds no whitespace (``nat**ural**``, ``nat<b>ural</b>``).
    Dropping such markup brings every joined word together. Entities are
    decoded in that copy and in a third, markup-preserving one (HTML blocks
    keep Markdown punctuation as text), and whitespace-free image alt text
    (a segment of its own, dropped here with its image) is appended, so each
    word a segment can hold occurs in the result.
    """
    cleaned = (_CLEAN_MDX if mdx else _CLEAN).sub("", text)
    parts = [text, cleaned]
    if "&" in text:
        parts[1] = ENTITY.sub(_unescape, cleaned)
        parts.append(ENTITY.sub(_unescape, text))
    if "![" in text:
        parts.extend(decode(alt) for alt in _IMAGE_ALT.findall(text))
    return "\n".join(parts)

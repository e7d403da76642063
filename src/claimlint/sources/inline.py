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

import re
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from claimlint.lazyre import lazy
from claimlint.multisearch import compile_re2, utf8

_LINK_TEXT = r"(?:[^\[\]\\]|\\.|\[(?:[^\[\]\\]|\\.)*\])*"
_DEST = r"\s*(?:<[^<>\n]*>|(?:[^\s()\\]|\\.|\((?:[^\s()\\]|\\.)*\))*)"
_TITLE = r"""(?:\s+(?:"(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*'|\((?:[^()\\]|\\.)*\)))?\s*"""
_TAIL = rf"(?:\({_DEST}{_TITLE}\)|\[(?:[^\[\]\\]|\\.)*\])"
_URL = r"""(?<![\w/@.;])(?:(?:https?|ftp)://|www\.)[^\s<>\]]*[^\s<>\].,:;!?"'*_~)]"""
_ATTR = r"""(?:\s+[A-Za-z_:][\w.:-]*(?:\s*=\s*(?:[^\s"'=<>`{]+|'[^']*'|"[^"]*"|\{[^{}]*\}))?)"""
_COMMON = rf"""
 (?P<esc>\\(?:[!-/:-@\[-`{{-~]|(?=\n)|$))
|(?P<code>(?<!`)`+(?!`))
|(?P<comment><!--)
|(?P<autolink><[A-Za-z][A-Za-z0-9+.\-]{{1,31}}:[^\s<>]*>|<[\w.!#$%&'*+/=?^`{{|}}~-]+@[A-Za-z0-9][\w.-]*>)
|(?P<tag><[A-Za-z][A-Za-z0-9-]*{_ATTR}*\s*/?>|</[A-Za-z][A-Za-z0-9-]*\s*>)
|(?P<image>!\[(?P<alt>{_LINK_TEXT})\]{_TAIL})
|(?P<open>\[(?={_LINK_TEXT}\]{_TAIL}))
|(?P<tail>\]{_TAIL})
|(?P<url>{_URL})
"""
_MDX = r"""
|(?P<jsxcomment>\{\s*/\*)
|(?P<jsx>\{(?:[^{}]|\{[^{}]*\})*\})
"""
_EMPHASIS = r"""
|(?P<emph>\*+|~~+|(?<![^\W_])_+|_+(?![^\W_]))
"""
# The leading lookahead gives the regex engine a first-character set, so it
# skips plain prose in C instead of trying every alternative at every offset.
INLINE = lazy(r"(?=[\\`<!\[\]*_~hfw])(?:" + _COMMON + _EMPHASIS + ")", re.VERBOSE)
INLINE_MDX = lazy(r"(?=[\\`<!\[\]*_~hfw{])(?:" + _COMMON + _MDX + _EMPHASIS + ")", re.VERBOSE)
_MARKUP = lazy(r"[\\`<!\[\]*_~]|://|www\.")
_MARKUP_MDX = lazy(r"[\\`<!\[\]*_~{]|://|www\.")
ENTITY = lazy(r"&(?:\#[0-9]{1,7}|\#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});")


@dataclass
class Masked:
    """What one scan found, in offsets of the scanned text."""

    hidden: list[tuple[int, int]] = field(default_factory=list)
    alts: list[tuple[int, int]] = field(default_factory=list)
    comments: list[tuple[int, int, str]] = field(default_factory=list)
    breaks: list[int] = field(default_factory=list)
    attributed: list[tuple[int, int]] = field(default_factory=list)


_NOTHING = Masked()
_TICKS = lazy(r"`+")
_JSX_CLOSE = lazy(r"\*/\s*\}")
_BREAK_TAG = lazy(r"<[bh]r\b", re.IGNORECASE)
_READABLE_ATTR = lazy(r"\s(?:alt|title|aria-label|content)\s*=", re.IGNORECASE)


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
    _Scanner(text, stop, out, INLINE_MDX if mdx else INLINE).run(start)
    return out


class _Scanner:
    """One left-to-right pass; constructs with a far-off closer are closed with ``find``.

    Code spans, comments and JSX comments end wherever their closer is, so
    a regex would rescan to the end of the block at every opener that never
    closes (quadratic on junk). Here the closer is searched once per opener,
    and an opener whose closer is missing marks every later one of its kind
    as literal text.
    """

    def __init__(self, text: str, stop: int, out: Masked, regex: re.Pattern[str]) -> None:
        self.text = text
        self.stop = stop
        self.out = out
        self.regex = regex
        self.unclosed: set[object] = set()

    def run(self, pos: int) -> None:
        while pos < self.stop:
            for m in self.regex.finditer(self.text, pos, self.stop):
                resume = self.match(m)
                if resume is not None:
                    pos = resume
                    break
            else:
                return

    def match(self, m: re.Match[str]) -> int | None:
        """Record one match; return where to resume if it consumed past its own end."""
        kind = m.lastgroup
        out = self.out
        if kind == "esc":
            out.hidden.append((m.start(), m.start() + 1))
        elif kind == "code":
            return self.closed(m, len(m.group()), self.code_end(m))
        elif kind == "comment":
            close = -1 if "comment" in self.unclosed else self.text.find("-->", m.start() + 2, self.stop)
            return self.closed(m, "comment", close + 3 if close >= 0 else -1, m.end(), close)
        elif kind == "jsxcomment":
            found = None if "jsx" in self.unclosed else _JSX_CLOSE.search(self.text, m.end(), self.stop)
            end, body_end = (found.end(), found.start()) if found else (-1, -1)
            return self.closed(m, "jsx", end, m.end(), body_end)
        elif kind == "image":
            out.hidden.append(m.span())
            out.alts.append(m.span("alt"))
        elif kind == "tag":
            out.hidden.append(m.span())
            if _BREAK_TAG.match(self.text, m.start()):
                out.breaks.append(m.start())
            if _READABLE_ATTR.search(self.text, m.start(), m.end()):
                out.attributed.append(m.span())
        else:
            out.hidden.append(m.span())
        return None

    def code_end(self, m: re.Match[str]) -> int:
        """End of the backtick run as long as the opener that closes the code span, or -1."""
        size = len(m.group())
        if size in self.unclosed:
            return -1
        for run in _TICKS.finditer(self.text, m.end(), self.stop):
            if run.end() - run.start() == size:
                return run.end()
        return -1

    def closed(self, m: re.Match[str], key: object, end: int, body_start: int = 0, body_end: int = 0) -> int | None:
        """Hide ``m.start()..end`` (a comment also becomes a directive candidate), or mark ``key`` unclosed."""
        if end < 0:
            self.unclosed.add(key)
            return None
        self.out.hidden.append((m.start(), end))
        if body_end:
            self.out.comments.append((m.start(), end, self.text[body_start:body_end]))
        return end


def decode(token: str) -> str:
    """Decode HTML entities the way CommonMark does (the ``;`` is required)."""
    if "&" not in token:
        return token
    return ENTITY.sub(_unescape, token)


def _unescape(m: re.Match[str]) -> str:
    import html  # with its 2,000-entity table, only once a page holds an entity

    return html.unescape(m.group())


_SHORT_TAIL = r"(?:\((?:[^\s()]|\([^\s()]*\))*\)|\[[^\s\[\]]*\])"
# The same constructs as the scan, in the same order, but only where they hold
# no whitespace (only those can join words). <br>/<hr> stay, since segments
# break there. A plain "" replacement keeps the substitution in C.
_CLEAN_COMMON = rf"""
 \\(?=[!-/:-@\[-`{{-~])
|(?<!`)(?P<ticks>`+)(?!`)\S*?(?<!`)(?P=ticks)(?!`)
|<!--\S*?-->
|<[A-Za-z][A-Za-z0-9+.\-]{{1,31}}:[^\s<>]*>|<[\w.!#$%&'*+/=?^`{{|}}~-]+@[A-Za-z0-9][\w.-]*>
|</?(?![bBhH][rR]\b)[A-Za-z][A-Za-z0-9-]*/?>
|!\[[^\s\[\]]*\]{_SHORT_TAIL}
|\[(?={_LINK_TEXT}\]{_TAIL})
|\]{_SHORT_TAIL}
"""
_CLEAN_EMPHASIS = r"|\*+|~~+|(?<![^\W_])_+|_+(?![^\W_])"
_CLEAN_JSX = r"|\{[^\s{}]*\}"
_CLEAN_URL = "|" + _URL


@lru_cache(maxsize=4)
def _cleaner(mdx: bool, urls: bool) -> re.Pattern[str]:
    """The markup-dropping regex for MDX or not, with bare URLs or not; compiled on first use.

    A run usually needs one of the four, and compiling each costs start-up time.
    """
    first = ("hfw" if urls else "") + ("{" if mdx else "")
    extra = (_CLEAN_URL if urls else "") + (_CLEAN_JSX if mdx else "")
    return re.compile(rf"(?=[\\`<!\[\]*_~{first}])(?:" + _CLEAN_COMMON + extra + _CLEAN_EMPHASIS + ")", re.VERBOSE)


_IMAGE_ALT = lazy(rf"!\[([^\s\[\]]*)\]{_SHORT_TAIL}")
_GLUED_MARKUP = lazy(r"[\\`<!\[\]*_~{&]")


def marked_up_alts(text: str) -> list[int]:
    """Offsets of whitespace-free images whose alt text holds markup or an entity.

    :func:`line_copies` drops such an image whole, and its alt segment joins
    what the markup split, so neither copy need show the words it holds.
    """
    if "![" not in text:
        return []
    return [m.start() for m in _IMAGE_ALT.finditer(text) if _GLUED_MARKUP.search(m.group(1))]


@lru_cache(maxsize=1)
def line_copies(text: str, mdx: bool = False) -> tuple[str, ...]:
    """``text``, the copy without whitespace-free markup, and (with entities) the decoded text.

    Nothing removed holds whitespace, so each copy has the lines of ``text``
    unless an entity decodes to a line break; a word a segment holds sits on
    its block's line in one of them. Cached for one text: the prefilter and
    the focused parse both ask.
    """
    parts = [text, _cleaner(mdx, "://" in text or "www." in text).sub("", text)]
    if "&" in text:
        parts[1:] = [ENTITY.sub(_unescape, part) for part in parts[1:]]
        parts.append(ENTITY.sub(_unescape, text))
    return tuple(parts)


def searchable(text: str, mdx: bool = False) -> str:
    """Raw text plus a copy in which every whitespace-free piece of markup is gone.

    When no such markup sits between two letters or digits and no entity
    could be decoded, that copy holds no run of letters and digits that the
    raw text lacks (with the same edges), so the raw text itself is
    returned: most files pay one RE2 search instead of the copy (see
    :func:`may_join`).

    A segment joins two pieces of prose without a space only when the markup
    between them holds no whitespace (``nat**ural**``, ``nat<b>ural</b>``).
    Dropping such markup brings every joined word together. Entities are
    decoded in that copy and in a markup-preserving one, and whitespace-free
    image alt text (a segment of its own, dropped here with its image) is
    appended with its own markup dropped (``![ket*amine*](x)``), so each
    word a segment can hold occurs in the result. Known
    gap: a bare URL glued to a word by inline tags inside an HTML block
    (``<div>a<b>http://x</b></div>``) is text there but dropped here.
    """
    return full_searchable(text, mdx) if not _worth_checking(text) or may_join(text) else text


def full_searchable(text: str, mdx: bool = False) -> str:
    """:func:`searchable` without the shortcut: always builds the cleaned copies."""
    parts = list(line_copies(text, mdx))
    if "![" in text:
        parts.extend(copy for alt in _IMAGE_ALT.findall(text) for copy in line_copies(decode(alt), mdx))
    return "\n".join(parts)


# An over-approximation of each whitespace-free construct the cleaners drop,
# in RE2 syntax (no lookaround, no back-references): wider is always safe.
_DROPS = (
    r"`+\S*`+",
    r"<!--\S*-->",
    r"<[A-Za-z][A-Za-z0-9+.\-]{1,31}:[^\s<>]*>",
    r"<[\w.!#$%&'*+/=?^`{|}~-]+@[A-Za-z0-9][\w.-]*>",
    r"</?[A-Za-z][A-Za-z0-9-]*/?>",
    rf"!\[[^\s\[\]]*\]{_SHORT_TAIL}",
    rf"\]{_SHORT_TAIL}",
    r"\*+",
    r"~~+",
    r"\{[^\s{}]*\}",
    r"(?:(?:https?|ftp)://|www\.)[^\s<>\]]*",
)
_ANY_DROP = r"\\*(?:" + "|".join((*_DROPS, r"\[", "_+")) + ")"
_LAST_DROP = r"\\*(?:" + "|".join((*_DROPS, "__+")) + ")"
_ALNUM = r"[\pL\pN]"
_GLUE = "|".join(
    (
        # a run of drops between two letters or digits; a lone "_" inside a word stays
        rf"{_ALNUM}(?:(?:{_ANY_DROP})*{_LAST_DROP}|(?:(?:{_ANY_DROP})+\\*|\\+)_+){_ALNUM}",
        # a link's "[" dropped before its text (only when a link tail follows)
        rf"{_ALNUM}(?:{_ANY_DROP})*\\*\[{_ALNUM}{_LINK_TEXT}\]{_TAIL}",
        # an entity, or one a drop could complete ("&am**p;")
        ENTITY.pattern,
        rf"&[#0-9A-Za-z]*(?:{_ANY_DROP})+[#0-9A-Za-z;]",
    )
)


#: Text cleaned before the join check is compiled: compiling it costs about as much as cleaning this much.
GLUE_AFTER = 1 << 18
_cleaned = [0]


def _worth_checking(text: str) -> bool:
    """Whether to try the shortcut: only once this process has cleaned enough text to pay for its compile."""
    if _cleaned[0] > GLUE_AFTER:
        return True
    _cleaned[0] += len(text)
    return False


#: The join check's RE2 budget: it scans whole files, and in :data:`~claimlint.multisearch.REGEX_MEM`'s
#: 2 MB its DFA kept flushing (five times the CPU over a docs corpus); RE2's default 8 MB.
GLUE_MEM = 8 << 20


@lru_cache(maxsize=1)
def _glue() -> Any:
    return compile_re2(_GLUE, max_mem=GLUE_MEM)


def may_join(text: str) -> bool:
    r"""Whether dropping markup (or decoding entities) could make a word the raw text lacks.

    True when whitespace-free markup may sit between two letters or digits
    (``nat**ural**``, ``a\*b``, ``x[link](u)``) or an entity may be decoded.
    Errs towards True: without google-re2 it always is.
    """
    glue = _glue()
    return glue is None or glue.search(utf8(text)) is not None

r"""Translate a rule regex into an RE2 regex that matches at least as often.

Rule regexes run on the ``regex`` module, which backtracks and costs a call
per segment per pattern. RE2 scans a whole document in one linear pass. So
each rule regex gets an RE2 *over-approximation*: wherever the rule can
match, the translation matches too (it may match more). Running it once over
a document tells which segments can be skipped without changing a single
finding.

The translation drops what RE2 lacks and what could only forbid a match
(anchors, lookarounds, atomicity, case-sensitive islands, and any ``\b`` not
beside a plain ASCII word character: see :func:`_boundary`) and widens
Unicode classes where RE2's differ. A pattern it cannot widen safely
(backreferences, conditionals, ``regex``-only syntax such as ``\p{..}``,
fuzzy ``{e<=1}`` or POSIX ``[[:alpha:]]``, which ``re``'s parser would read
differently) gives ``None``: that rule simply runs everywhere, as before.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from typing import Any, NamedTuple

from claimlint import casefold
from claimlint.literals import parse_tree, sre_c, without_keep

#: Classes are widened to every non-ASCII character: the ``regex`` module's
#: Unicode ``\w``, ``\d`` and ``\s`` differ from RE2's, and one byte range keeps
#: RE2's automaton (and its memory) small, where ``\p{L}`` would multiply it.
#: Excluded sets (in ``[^...]``) keep only the ASCII members, which every
#: definition shares.
NON_ASCII = r"\x{80}-\x{10FFFF}"
WORD_WIDE = r"0-9A-Za-z_" + NON_ASCII
WORD_NARROW = r"0-9A-Za-z_"
DIGIT_WIDE = r"0-9" + NON_ASCII
DIGIT_NARROW = r"0-9"
SPACE_WIDE = r"\t\n\x0B\f\r \x1C-\x1F" + NON_ASCII
SPACE_NARROW = r"\t\n\x0B\f\r "


class _Unsupported(Exception):
    """The pattern uses something this translation cannot over-approximate."""


_KNOWN: dict[str, str | None] = {}
#: :func:`without_gaps` and :func:`utf8_bytes` results by their input: pure functions of the rule
#: patterns, yet rewriting a run's filters cost about 0.3 s of CPU, so the rule cache keeps them.
_GAPLESS: dict[str, str] = {}
_BYTES: dict[str, str | None] = {}


def remember(table: dict[str, str | None]) -> None:
    """Seed translations (from the on-disk rule cache): parsing regexes is slow at start-up."""
    _KNOWN.update(table)


def tables() -> dict[str, dict[str, Any]]:
    """The live tables of what this module derived, by name (for :mod:`claimlint.cache` to store)."""
    return {"translations": _KNOWN, "gapless": _GAPLESS, "bytes": _BYTES}


def remember_tables(stored: dict[str, dict[str, Any]]) -> None:
    """Seed :func:`tables` from a stored copy (checked by the caller, :mod:`claimlint.cache`)."""
    for name, table in tables().items():
        table.update(stored.get(name, {}))


def to_re2(pattern: str) -> str | None:
    """An RE2 pattern (compile it case-insensitively) matching wherever ``pattern`` can, or None."""
    if pattern not in _KNOWN:
        _KNOWN[pattern] = _translate(pattern)
    return _KNOWN[pattern]


def _translate(pattern: str) -> str | None:
    if "[:" in pattern:
        return None
    try:
        return _seq(list(parse_tree(without_keep(pattern))))
    except (_Unsupported, re.error, OverflowError, RecursionError, ValueError):
        return None


def to_re2_any(patterns: Iterable[str]) -> str | None:
    """One RE2 alternation over-approximating every pattern, or None if one cannot be."""
    parts = []
    for pattern in patterns:
        out = to_re2(pattern)
        if out is None:
            return None
        parts.append(f"(?:{out})")
    return "|".join(parts) if parts else None


def _seq(items: list[tuple[Any, Any]]) -> str:
    return "".join(_boundary(items, k) if _is_boundary(op, av) else _item(op, av) for k, (op, av) in enumerate(items))


#: A word boundary as a translation writes it: RE2's ASCII ``\b``, in UTF-8 and Latin-1 mode alike.
_BOUNDARY = r"\b"
#: A boundary only the Latin-1 rewrite keeps (as ``\b``): in UTF-8 mode it always holds.
_BYTES_BOUNDARY = r"(?:\b|\B)"
#: ASCII word characters that only ASCII text matches, ignoring case: not ``k``, ``s`` or ``i``,
#: which also match a non-ASCII letter (:data:`FOLDS_TO_ASCII`) that RE2's ``\b`` calls a non-word.
_PLAIN_WORD = frozenset(map(ord, "0123456789_abcdefghjlmnopqrtuvwxyzABCDEFGHJLMNOPQRTUVWXYZ"))
#: Every ASCII word character: the Latin-1 rewrite searches only text without those non-ASCII letters.
_ASCII_WORD = _PLAIN_WORD | frozenset(map(ord, "iksIKS"))
_ZERO_WIDTH = (sre_c.AT, sre_c.ASSERT, sre_c.ASSERT_NOT)


def _is_boundary(op: Any, av: Any) -> bool:
    return op is sre_c.AT and av is sre_c.AT_BOUNDARY


def _boundary(items: list[tuple[Any, Any]], k: int) -> str:
    r"""``\b`` kept where one side is a plain ASCII word character in every match, else dropped.

    RE2's ``\b`` knows only ASCII word characters (in Latin-1 mode a
    non-ASCII character's bytes are non-word too); the ``regex`` module's
    is Unicode. With one side an ASCII letter, digit or underscore (a word
    character to both), a boundary means the other side is not a word
    character to ``regex``, so not an ASCII one, so RE2 sees a boundary
    too: the filter stays an over-approximation. Kept, it stops ``\bus\b``
    passing every "because" and "hour".

    Beside ``k``, ``s`` or ``i`` it is written :data:`_BYTES_BOUNDARY`:
    the Latin-1 rewrite (:func:`rewrite_utf8_bytes`) makes it ``\b``, since
    that filter searches only text without KELVIN SIGN, LONG S and CAPITAL
    I WITH DOT ABOVE (:func:`claimlint.multisearch.bytes_searchable`), where
    those letters are ASCII too; in UTF-8 mode it always holds. Dropped
    there, ``\b(?:we|our|us)\b`` passed every "were", "ours" and "use".
    """
    before = [item for item in reversed(items[:k]) if item[0] not in _ZERO_WIDTH]
    after = [item for item in items[k + 1 :] if item[0] not in _ZERO_WIDTH]
    for chars, written in ((_PLAIN_WORD, _BOUNDARY), (_ASCII_WORD, _BYTES_BOUNDARY)):
        if (before and _edge_in(before[0], True, chars)) or (after and _edge_in(after[0], False, chars)):
            return written
    return ""


def _seq_edge(items: list[tuple[Any, Any]], last: bool, chars: frozenset[int]) -> bool:
    """Whether every match of the sequence ``items`` starts (``last``: ends) with one of ``chars``."""
    solid = [item for item in items if item[0] not in _ZERO_WIDTH]
    if not solid:
        return False
    return _edge_in(solid[-1] if last else solid[0], last, chars)


def _edge_in(item: tuple[Any, Any], last: bool, chars: frozenset[int]) -> bool:
    """Whether every match of one item starts (``last``: ends) with one of the ASCII word characters ``chars``."""
    op, av = item
    if op is sre_c.LITERAL:
        return bool(av in chars)
    if op is sre_c.SUBPATTERN:
        return _seq_edge(list(av[-1]), last, chars)
    if op is getattr(sre_c, "ATOMIC_GROUP", None):
        return _seq_edge(list(av), last, chars)
    if op is sre_c.BRANCH:
        return all(_seq_edge(list(b), last, chars) for b in av[1])
    if op in (sre_c.MAX_REPEAT, sre_c.MIN_REPEAT, getattr(sre_c, "POSSESSIVE_REPEAT", None)):
        return bool(av[0] >= 1) and _seq_edge(list(av[2]), last, chars)
    return False


def _char(code: int) -> str:
    ch = chr(code)
    return ch if ch.isascii() and ch.isalnum() else f"\\x{{{code:X}}}"


#: What a literal ``i``, ``I``, İ or ı matches ignoring case: the ``regex`` module pairs ``i`` with
#: İ (U+0130) and ``I`` with ı (U+0131), RE2 neither (see :mod:`claimlint.casefold`).
_DOTTED, _DOTLESS = r"(?:i|\x{130})", r"(?:I|\x{131})"
_TURKIC = {0x69: _DOTTED, 0x130: _DOTTED, 0x49: _DOTLESS, 0x131: _DOTLESS}


def _may_have_case(code: int) -> bool:
    """Whether a non-ASCII character may have a case partner RE2 does not know.

    The ``regex`` module's Unicode tables can be newer than RE2's (Garay
    U+10D50 pairs with U+10D70 in one and not the other): the pairs known
    now (``casefold.tables().newer``) and every character Python's
    tables do not know yet count.
    """
    return code in casefold.tables().newer or unicodedata.category(chr(code)) == "Cn"


def _literal_item(code: int) -> str:
    """A literal, widened where RE2's case folding knows fewer partners than the ``regex`` module's."""
    if code in _TURKIC:
        return _TURKIC[code]
    if code >= 0x80 and _may_have_case(code):
        partner = FOLDS_TO_ASCII.get(code)
        return f"(?:[{NON_ASCII}]|{partner})" if partner else f"[{NON_ASCII}]"
    return _char(code)


def _item(op: Any, av: Any) -> str:
    if op is sre_c.LITERAL:
        if av == ord("{"):
            raise _Unsupported("a brace: fuzzy matching in the regex module")
        return _literal_item(av)
    if op is sre_c.NOT_LITERAL:
        return f"[^{_char(av)}]"
    if op is sre_c.ANY:
        return "(?s:.)"
    if op is sre_c.IN:
        return _in(av)
    if op in (sre_c.AT, sre_c.ASSERT, sre_c.ASSERT_NOT):
        return ""
    if op is sre_c.SUBPATTERN:
        return f"(?:{_seq(list(av[-1]))})"
    if op is getattr(sre_c, "ATOMIC_GROUP", None):
        return f"(?:{_seq(list(av))})"
    if op is sre_c.BRANCH:
        return "(?:" + "|".join(_seq(list(b)) for b in av[1]) + ")"
    if op in (sre_c.MAX_REPEAT, sre_c.MIN_REPEAT, getattr(sre_c, "POSSESSIVE_REPEAT", None)):
        return _repeat(*av)
    raise _Unsupported(str(op))


def _repeat(low: int, high: int, body: Any) -> str:
    r"""A repetition, with any count above one widened to "one or more".

    RE2's DFA keeps a state per position reached inside a counted repeat, so
    ``[^.]{0,40}`` or ``(?:\w+ ){0,8}`` in a few hundred rule filters filled
    their caches with tens of megabytes on a dense corpus. ``*`` and ``+``
    need one state each and match a superset, which is all a filter promises.
    Every repeat is lazy: a filter is asked where a match starts, not how far
    it could reach, and a greedy ``*`` made RE2 scan on to the end of the text
    for a longer match after each one it found.
    """
    inner = f"(?:{_seq(list(body))})"
    if high <= 1:
        return f"{inner}{{{low},{high}}}?"
    return f"{inner}{{{min(low, 1)},}}?"


_POSITIVE = {"CATEGORY_DIGIT": DIGIT_WIDE, "CATEGORY_WORD": WORD_WIDE, "CATEGORY_SPACE": SPACE_WIDE}
_EXCLUDED = {"CATEGORY_DIGIT": DIGIT_NARROW, "CATEGORY_WORD": WORD_NARROW, "CATEGORY_SPACE": SPACE_NARROW}
_COMPLEMENT = {
    "CATEGORY_NOT_DIGIT": "CATEGORY_DIGIT",
    "CATEGORY_NOT_WORD": "CATEGORY_WORD",
    "CATEGORY_NOT_SPACE": "CATEGORY_SPACE",
}


def _in(items: list[tuple[Any, Any]]) -> str:
    """A character class: kept as one class, or widened into an alternation.

    A class holding ``i`` or ``I`` also takes İ and ı; one with a non-ASCII
    range, or a letter RE2 may fold differently, every non-ASCII character
    (see :func:`_literal_item`).
    """
    negate = bool(items) and items[0][0] is sre_c.NEGATE
    body = items[1:] if negate else items
    table = _EXCLUDED if negate else _POSITIVE
    simple: list[str] = []
    complements: list[str] = []
    wide = False
    turkic: set[str] = set()
    for op, av in body:
        if op is sre_c.LITERAL:
            simple.append(_char(av))
            wide = wide or (av >= 0x80 and _may_have_case(av))
            turkic.update(t for c, t in _TURKIC.items() if c == av)
        elif op is sre_c.RANGE:
            simple.append(f"{_char(av[0])}-{_char(av[1])}")
            wide = wide or av[1] >= 0x80
            turkic.update(t for c, t in _TURKIC.items() if av[0] <= c <= av[1])
        elif op is sre_c.CATEGORY and str(av) in table:
            simple.append(table[str(av)])
        elif op is sre_c.CATEGORY and str(av) in _COMPLEMENT and not negate:
            complements.append(f"[^{_EXCLUDED[_COMPLEMENT[str(av)]]}]")
        else:
            raise _Unsupported(str(op))
    if negate:
        return f"[^{''.join(simple)}]" if simple else "(?s:.)"
    if wide:
        simple.append(NON_ASCII)
    parts = ([f"[{''.join(simple)}]"] if simple else []) + complements + sorted(turkic)
    if not parts:
        raise _Unsupported("empty class")
    return parts[0] if len(parts) == 1 else "(?:" + "|".join(parts) + ")"


#: A literal or range start at code point 0-10 in a translation: it might match a newline.
_NEWLINE_PRONE = re.compile(r"\\x\{[0-9A]\}")


def single_line(source: str) -> str | None:
    r"""Translation ``source`` narrowed to matches without a newline, behind a lazy prefix; None if unsure.

    Segment texts hold no newline, so a filter searched over segments
    joined by newlines loses nothing real when no match may span one, and a
    match that cannot tells its segment by its end alone (see
    :func:`claimlint.multisearch.first_end`). A translation writes every
    literal as ``\x{..}`` or a letter or digit, so brackets and carets in it
    are syntax: each excluded set also excludes ``\n``, any character
    becomes ``[^\n]``, and the space classes drop their ``\n``. A translation
    with another way to reach a newline (a control character) gives None.
    The prefix, which may cross newlines, makes an anchored search find the
    leftmost match.
    """
    if _NEWLINE_PRONE.search(source):
        return None
    body = source.replace(r"\t\n", r"\t")
    if r"\n" in body:
        return None
    body = body.replace("[^", r"[^\n").replace("(?s:.)", r"[^\n]")
    return rf"(?s:.)*?(?:{body})"


#: One non-ASCII character as UTF-8 bytes read in Latin-1 mode: a run of bytes 0x80-0xFF
#: (widened to any run, which is all a filter needs).
_UTF8_CHAR = r"[\x{80}-\x{FF}]+"
#: Non-ASCII characters that the ``regex`` module or RE2 matches with an ASCII letter when
#: ignoring case (KELVIN SIGN, LONG S, CAPITAL I WITH DOT ABOVE, DOTLESS I), with that letter.
FOLDS_TO_ASCII = {0x212A: "k", 0x17F: "s", 0x130: "i", 0x131: "i"}
_CLASS_ESCAPES = {"t": 0x9, "n": 0xA, "f": 0xC, "r": 0xD}
_TOKEN = re.compile(r"\\x\{([0-9A-F]+)\}|\\x([0-9A-F]{2})|\\([tnfr])|(.)", re.S)
#: The rest of what this module writes: groups, alternation, lazy repeats, ASCII letters and digits.
_SYNTAX = re.compile(r"\(\?:|[)|]|[_0-9A-Za-z]+|\{\d+,\d*\}\?|\*\?")


def utf8_bytes(translation: str) -> str | None:
    """:func:`rewrite_utf8_bytes`, remembered per translation (and stored with the rule cache)."""
    if translation not in _BYTES:
        _BYTES[translation] = rewrite_utf8_bytes(translation)
    return _BYTES[translation]


def rewrite_utf8_bytes(translation: str) -> str | None:
    r"""``translation`` rewritten for UTF-8 bytes searched in RE2's Latin-1 mode, or None if unsure.

    Over text whose UTF-8 holds none of :data:`FOLDS_TO_ASCII`, it matches
    wherever the translation matches the text (each non-ASCII character
    becomes a run of high bytes, so it matches more). Latin-1 mode, where a
    character is one byte, keeps RE2's automaton far smaller than UTF-8 mode,
    whose multi-byte sequences and case folding (``k`` also matches KELVIN
    SIGN) multiply the states of every class. It reads only what this module
    writes: anything else gives None.
    """
    out: list[str] = []
    pos = 0
    try:
        while pos < len(translation):
            pos = _rewrite_at(translation, pos, out)
    except _Unsupported:
        return None
    return "".join(out)


def _rewrite_at(text: str, pos: int, out: list[str]) -> int:
    """Rewrite the token at ``pos`` into ``out``; the position after it.

    An ``i`` that also takes İ (an ``I`` that takes ı) is a plain letter
    here: text holding either is searched with the UTF-8 program
    (:func:`claimlint.multisearch.bytes_searchable`), and the alternation
    in every byte filter cost a dense run about 4 MB of peak memory.
    """
    for token in (_DOTTED, _DOTLESS):
        if text.startswith(token, pos):
            out.append(token[3])
            return pos + len(token)
    if text.startswith("(?s:.)*?", pos):
        out.append("(?s:.)*?")
        return pos + 8
    if text.startswith("(?s:.)", pos):
        out.append(_any_char(""))
        return pos + 6
    if text[pos] == "[":
        end = text.index("]", pos + 1)
        out.append(_class(text[pos + 1 : end]))
        return end + 1
    if text.startswith(_BOUNDARY, pos):
        out.append(_BOUNDARY)
        return pos + 2
    if text.startswith(_BYTES_BOUNDARY, pos):
        out.append(_BOUNDARY)
        return pos + len(_BYTES_BOUNDARY)
    if text[pos] == "\\":
        found = _TOKEN.match(text, pos)
        if found is None or found.group(1) is None:
            raise _Unsupported(text[pos : pos + 2])
        out.append(_literal(int(found.group(1), 16)))
        return found.end()
    syntax = _SYNTAX.match(text, pos)
    if syntax is None:
        raise _Unsupported(text[pos])
    out.append(syntax.group(0))
    return syntax.end()


def _literal(code: int) -> str:
    if code < 0x80:
        return f"\\x{{{code:X}}}"
    partner = FOLDS_TO_ASCII.get(code)
    return f"(?:{_UTF8_CHAR}|{partner})" if partner else f"(?:{_UTF8_CHAR})"


def _any_char(excluded: str) -> str:
    """Any one character but the ASCII ``excluded`` (class members), as bytes."""
    return rf"(?:[^{excluded}\x{{80}}-\x{{FF}}]|{_UTF8_CHAR})"


def _class(body: str) -> str:
    """A class of the translation (``body`` between its brackets) as bytes."""
    negate = body.startswith("^")
    ranges = _class_ranges(body[1:] if negate else body)
    ascii_part = "".join(_range(lo, min(hi, 0x7F)) for lo, hi in ranges if lo < 0x80)
    if negate:
        return _any_char(ascii_part)
    wide = any(hi >= 0x80 for _, hi in ranges)
    ascii_part += "".join(p for c, p in FOLDS_TO_ASCII.items() if any(lo <= c <= hi for lo, hi in ranges))
    parts = ([f"[{ascii_part}]"] if ascii_part else []) + ([_UTF8_CHAR] if wide else [])
    if not parts:
        raise _Unsupported("empty class")
    return f"(?:{'|'.join(parts)})"


def _class_ranges(body: str) -> list[tuple[int, int]]:
    """The code point ranges a class body (as this module writes it) lists."""
    codes: list[int | str] = []
    for found in _TOKEN.finditer(body):
        braced, short, escape, plain = found.groups()
        if braced or short:
            codes.append(int(braced or short, 16))
        elif escape:
            codes.append(_CLASS_ESCAPES[escape])
        elif plain == "-" and codes and isinstance(codes[-1], int):
            codes.append("-")
        elif plain.isascii() and (plain.isalnum() or plain in " _"):
            codes.append(ord(plain))
        else:
            raise _Unsupported(plain)
    ranges: list[tuple[int, int]] = []
    k = 0
    while k < len(codes):
        lo = codes[k]
        if k + 2 < len(codes) and codes[k + 1] == "-":
            hi = codes[k + 2]
            k += 3
        else:
            hi = lo
            k += 1
        if not isinstance(lo, int) or not isinstance(hi, int):
            raise _Unsupported("range")
        ranges.append((lo, hi))
    return ranges


def _range(lo: int, hi: int) -> str:
    return f"\\x{{{lo:X}}}" if lo == hi else f"\\x{{{lo:X}}}-\\x{{{hi:X}}}"


#: Fewest literal characters the part kept by :func:`without_gaps` must hold; a sequence whose
#: parts all hold fewer keeps its gaps (a short part would pass too many segments).
MIN_PART = 4
_REPEAT = re.compile(r"\{(\d+),(\d*)\}\?|\*\?")
_WORD_RUN = re.compile(r"[_0-9A-Za-z]+")


class _Part(NamedTuple):
    """A piece of a translation as :func:`without_gaps` rewrites it.

    ``cut``: narrowed inside, so it can no longer be joined to its
    neighbours; ``score``: literal characters every match holds; ``letter``
    and ``space``: whether it can match an ASCII letter, a space.
    """

    text: str
    cut: bool
    score: int
    letter: bool
    space: bool


def without_gaps(translation: str) -> str:
    """:func:`cut_gaps`, remembered per translation (and stored with the rule cache)."""
    found = _GAPLESS.get(translation)
    if found is None:
        found = _GAPLESS[translation] = cut_gaps(translation)
    return found


def cut_gaps(translation: str) -> str:
    r"""``translation`` with each gap-holding sequence narrowed to its most literal part.

    A *gap* is an unbounded repeat that can run over words (``[^.]*?``,
    ``(?:\w+ )*?``). Once RE2's automaton enters one it stays there to the
    end of the line, so a filter of many phrases holds a DFA state for each
    combination of open gaps it meets: most of the filters' memory. Any
    match of ``A gap B`` holds a match of ``A`` and one of ``B`` in the same
    segment, so keeping the part with the most literal characters still
    finds every segment a match lies in (the filter only says where a
    regex may match; the regex itself confirms). A part cut inside a group
    cannot be joined to its neighbours again, so it stands alone too.
    Anything this module does not write leaves the translation as it is.
    """
    try:
        part, pos = _alternation(translation, 0)
    except (_Unsupported, IndexError, ValueError):
        return translation
    return part.text if pos == len(translation) else translation


def _alternation(text: str, pos: int) -> tuple[_Part, int]:
    options = []
    part, pos = _sequence(text, pos)
    options.append(part)
    while pos < len(text) and text[pos] == "|":
        part, pos = _sequence(text, pos + 1)
        options.append(part)
    return (
        _Part(
            "|".join(p.text for p in options),
            any(p.cut for p in options),
            min(p.score for p in options),
            any(p.letter for p in options),
            any(p.space for p in options),
        ),
        pos,
    )


def _sequence(text: str, pos: int) -> tuple[_Part, int]:
    """A sequence up to ``|`` or ``)``: whole, or its best part between gaps and cut items."""
    start = pos
    runs: list[list[_Part]] = [[]]
    alone: list[_Part] = []
    items: list[_Part] = []
    while pos < len(text) and text[pos] not in "|)":
        item, pos, gap = _gap_item(text, pos)
        items.append(item)
        if gap or item.cut:
            runs.append([])
            if item.cut and item.score:
                alone.append(item)
        else:
            runs[-1].append(item)
    letter, space = any(p.letter for p in items), any(p.space for p in items)
    score = sum(p.score for p in items)
    if len(runs) == 1:
        return _Part("".join(p.text for p in items), False, score, letter, space), pos
    parts = alone + [
        _Part("".join(p.text for p in run), True, sum(p.score for p in run), letter, space) for run in runs
    ]
    best = max(parts, key=lambda p: p.score)
    if best.score < MIN_PART:
        return _Part(text[start:pos], False, score, letter, space), pos
    return best._replace(text=f"(?:{best.text})", cut=True), pos


def _gap_item(text: str, pos: int) -> tuple[_Part, int, bool]:
    """One atom with its repeat, the position after it, and whether it is a gap."""
    atom, pos = _gap_atom(text, pos)
    found = _REPEAT.match(text, pos)
    if found is None:
        return atom, pos, False
    low = int(found.group(1) or 0)
    unbounded = found.group(0) == "*?" or not found.group(2)
    gap = unbounded and atom.letter and atom.space
    if atom.cut:
        return atom._replace(score=atom.score if low else 0), found.end(), gap
    return atom._replace(text=atom.text + found.group(0), score=atom.score if low else 0), found.end(), gap


def _gap_atom(text: str, pos: int) -> tuple[_Part, int]:
    if text.startswith("(?s:.)", pos):
        return _Part("(?s:.)", False, 0, True, True), pos + 6
    if text.startswith(_BYTES_BOUNDARY, pos):
        return _Part(_BYTES_BOUNDARY, False, 0, False, False), pos + len(_BYTES_BOUNDARY)
    if text.startswith("(?:", pos):
        inner, end = _alternation(text, pos + 3)
        if text[end] != ")":
            raise _Unsupported("group")
        return inner._replace(text=f"(?:{inner.text})"), end + 1
    if text[pos] == "[":
        end = text.index("]", pos + 1)
        letter, space = _class_reaches(text[pos + 1 : end])
        return _Part(text[pos : end + 1], False, 0, letter, space), end + 1
    if text.startswith(_BOUNDARY, pos):
        return _Part(_BOUNDARY, False, 0, False, False), pos + 2
    if text[pos] == "\\":
        found = _TOKEN.match(text, pos)
        if found is None or found.group(1) is None:
            raise _Unsupported(text[pos : pos + 2])
        code = int(found.group(1), 16)
        return _Part(found.group(0), False, 1, chr(code).isascii() and chr(code).isalpha(), code == 0x20), found.end()
    run = _WORD_RUN.match(text, pos)
    if run is None:
        raise _Unsupported(text[pos])
    end = run.end()
    if end - pos > 1 and end < len(text) and text[end] in "{*":
        end -= 1
    word = text[pos:end]
    return _Part(word, False, end - pos, word.lower() != word.upper(), False), end


def _class_reaches(body: str) -> tuple[bool, bool]:
    """Whether a class (its body, as this module writes it) matches an ASCII letter, a space."""
    negate = body.startswith("^")
    ranges = _class_ranges(body[1:] if negate else body)

    def holds(low: int, high: int) -> bool:
        return any(lo <= high and low <= hi for lo, hi in ranges)

    letter = holds(0x41, 0x5A) or holds(0x61, 0x7A)
    space = holds(0x20, 0x20)
    if negate:
        return not (holds(0x41, 0x5A) and holds(0x61, 0x7A)), not space
    return letter, space

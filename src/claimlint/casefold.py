"""What "ignoring case" means, and the few letters where fast searches disagree with it.

Rule regexes run on the ``regex`` module with IGNORECASE: simple case
folding (one character for one; "ß" never matches "ss", "ﬁ" never "fi"),
plus a Turkic twist that is not symmetric: ``i`` matches İ (U+0130) and
``I`` matches ı (U+0131), while ``İ`` matches only i and ``ı`` only I.
For an ASCII letter, RE2's ``(?i)`` and ``str.casefold`` find every other
partner ``regex`` finds (KELVIN SIGN for ``k``, LONG S for ``s``;
``tests/unit/test_casefold.py`` checks every code point ``regex`` gives a
case), so the prefilters, which search for lower-case ASCII words, only have
to write İ and ı as ``i`` first: :func:`dotless`, :func:`dotless_bytes`.
``str.lower`` differs on more letters (ſ, µ, ς, ϑ, ...; and pairs from Unicode
versions newer than Python's), and İ lowers to two code points, which shifts
every offset after it: :func:`caseless` is ``str.lower`` corrected for them.
RE2 misses those newer pairs too: :mod:`claimlint.re2filter` widens a
non-ASCII letter of a rule regex to every non-ASCII character.
"""

from __future__ import annotations

#: İ and ı, both read as ``i``: a search for ASCII words then finds every word ``regex`` would
#: (it finds a little more: ``i`` never matches ı).
TURKIC_I = {0x130: "i", 0x131: "i"}
_UTF8_LEAD = b"\xc4"

#: Characters whose ``str.lower`` is not the lower case of the ``regex`` module's IGNORECASE class
#: they belong to, with that lower case (derived from ``regex`` over every code point; İ is read as i).
LOWER = {
    0x00B5: "\u03bc",  # micro sign -> mu
    0x0130: "i",  # capital I with dot above -> i (its lower case is two code points)
    0x017F: "s",  # long s
    0x0345: "\u03b9",  # combining ypogegrammeni -> iota
    0x03C2: "\u03c3",  # final sigma -> sigma
    0x03D0: "\u03b2",  # beta symbol
    0x03D1: "\u03b8",  # theta symbol
    0x03D5: "\u03c6",  # phi symbol
    0x03D6: "\u03c0",  # pi symbol
    0x03F0: "\u03ba",  # kappa symbol
    0x03F1: "\u03c1",  # rho symbol
    0x03F5: "\u03b5",  # lunate epsilon
    0x1C80: "\u0432",  # Cyrillic small rounded ve
    0x1C81: "\u0434",  # Cyrillic small long-legged de
    0x1C82: "\u043e",  # Cyrillic small narrow o
    0x1C83: "\u0441",  # Cyrillic small wide es
    0x1C84: "\u0442",  # Cyrillic small tall te
    0x1C85: "\u0442",  # Cyrillic small three-legged te
    0x1C86: "\u044a",  # Cyrillic small tall hard sign
    0x1C87: "\u0463",  # Cyrillic small tall yat
    0x1C88: "\ua64b",  # Cyrillic small unblended uk
    0x1E9B: "\u1e61",  # long s with dot above
    0x1FBE: "\u03b9",  # Greek prosgegrammeni -> iota
    0x1FD3: "\u0390",  # iota with dialytika and oxia -> with tonos
    0x1FE3: "\u03b0",  # upsilon with dialytika and oxia -> with tonos
    0xFB06: "\ufb05",  # ligature st -> ligature long s t
}
#: Pairs from Unicode 16 that ``regex`` knows and Python 3.11's ``str.lower`` (Unicode 14) does not,
#: capital first: Latin letters, Cyrillic TJE, and the Garay and Beria Erfe alphabets by range.
_NEWER = [(0xA7DC, 0x19B), (0xA7CB, 0x264), (0x1C89, 0x1C8A), (0xA7CC, 0xA7CD), (0xA7CE, 0xA7CF)]
_NEWER += [(0xA7D2, 0xA7D3), (0xA7D4, 0xA7D5), (0xA7DA, 0xA7DB)]
_NEWER += [(0x10D50 + k, 0x10D70 + k) for k in range(22)] + [(0x16EA0 + k, 0x16EBB + k) for k in range(25)]
LOWER.update((upper, chr(lower)) for upper, lower in _NEWER)
#: Characters whose case partners RE2 (and Python 3.11) do not know, while ``regex`` does.
NEWER = frozenset(code for pair in _NEWER for code in pair)


def dotless(text: str) -> str:
    """``text`` with İ and ı written as ``i`` (same length): RE2 and ``str.casefold`` miss them for ``i``."""
    if text.isascii() or ("\u0130" not in text and "\u0131" not in text):
        return text
    return text.translate(TURKIC_I)


def dotless_bytes(data: bytes) -> bytes:
    """:func:`dotless` for UTF-8 bytes (two bytes become one: only for searches that need no offsets)."""
    if data.isascii() or _UTF8_LEAD not in data:
        return data
    return data.replace(b"\xc4\xb0", b"i").replace(b"\xc4\xb1", b"i")


def caseless(text: str) -> str:
    """``text`` in the lower case of its ``regex`` IGNORECASE classes, one character for one.

    Two texts compare equal this way where the ``regex`` module, ignoring
    case, matches the first (written in lower case) against the second; the
    one exception is a dotless ı in the first, which also matches I there.
    """
    return text.lower() if text.isascii() else text.translate(LOWER).lower()

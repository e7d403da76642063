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

Which letters those are depends on the installed ``regex`` (each release may
bring a newer Unicode: 2026.9.29 gave ß a third partner) and on Python's
Unicode version, so the tables are not a frozen copy: :func:`tables` derives
them by probing ``regex`` itself, ships them for the tested pairs
(``casefold_tables.py``, written by ``scripts/gen_casefold.py``) and keeps
any other pair's in the cache folder.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Callable
from functools import cache
from pathlib import Path
from typing import Any, NamedTuple

#: İ and ı, both read as ``i``: a search for ASCII words then finds every word ``regex`` would
#: (it finds a little more: ``i`` never matches ı).
TURKIC_I = {0x130: "i", 0x131: "i"}
_UTF8_LEAD = b"\xc4"

#: Bump when the derived tables' layout or derivation changes.
FORMAT = 1


class Tables(NamedTuple):
    """What the installed ``regex`` module and Python disagree on, derived from both.

    ``lower``: characters whose ``str.lower`` is not the lower case of the
    ``regex`` IGNORECASE class they belong to, with that lower case (İ is
    read as i; its ``str.lower`` is two code points). ``newer``: characters
    with a case partner in ``regex`` that Python's case mappings do not
    relate to them (pairs from a Unicode version newer than Python's, such as
    Garay U+10D50/U+10D70, or Unicode 17's new partner of ß); RE2 misses
    them too, so :mod:`claimlint.re2filter` widens them.
    """

    lower: dict[int, str]
    newer: frozenset[int]


@cache
def regex_version() -> str:
    """The installed ``regex`` module's version, read from its source rather than imported.

    Importing ``regex`` costs more than linting a page that needs no rule
    regex, and a warm run compiles none until one can match.
    """
    from importlib.util import find_spec

    spec = find_spec("regex")
    for folder in (spec.submodule_search_locations or []) if spec else []:
        try:
            source = Path(folder, "_main.py").read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError):
            continue
        found = re.search(r'^__version__ = "([^"]+)"', source, re.MULTILINE)
        if found:
            return found.group(1)
    import regex

    return str(regex.__version__)


def table_key() -> str:
    """The versions the tables depend on: ``regex``'s case classes and Python's ``str.lower``."""
    return f"{regex_version()}|{unicodedata.unidata_version}"


def _derive_here(_key: str) -> Tables:
    return derive()


#: Where the tables of a pair not shipped come from: :func:`derive` in the process, unless
#: :mod:`claimlint.cache` (imported by every run) installs its store, which keeps them on disk.
provider: Callable[[str], Tables] = _derive_here


@cache
def tables() -> Tables:
    """The tables for the installed ``regex`` and Python, derived once per machine.

    They follow the installed ``regex`` rather than a frozen copy, so a user
    who upgrades ``regex`` past the Unicode version claimlint was tested with
    gets prefilters that still find every match ``regex`` makes. Shipped
    tables cover the versions claimlint was released with; any other pair is
    derived (a quarter to half a second of CPU) and kept in the cache folder.
    """
    key = table_key()
    return _shipped().get(key) or provider(key)


def decode(entry: object) -> Tables | None:
    """Tables from their JSON data, or None if ``entry`` is not such data."""
    if not isinstance(entry, dict):
        return None
    try:
        lower = {int(code): str(target) for code, target in entry["lower"].items()}
        return Tables(lower, frozenset(int(code) for code in entry["newer"]))
    except (KeyError, TypeError, ValueError, AttributeError):
        return None


def encode(found: Tables) -> dict[str, Any]:
    """``found`` as JSON data (how the cache stores it; the shipped module holds the same)."""
    return {"lower": {str(code): found.lower[code] for code in sorted(found.lower)}, "newer": sorted(found.newer)}


def _shipped() -> dict[str, Tables]:
    """The tables shipped for tested pairs: a Python module, so a warm start reads its bytecode."""
    from claimlint.casefold_tables import FORMAT as SHIPPED_FORMAT
    from claimlint.casefold_tables import TABLES

    if SHIPPED_FORMAT != FORMAT:
        return {}
    decoded = {key: decode(entry) for key, entry in TABLES.items()}
    return {key: found for key, found in decoded.items() if found is not None}


def derive() -> Tables:
    """Probe the ``regex`` module for every character it gives a case and the partners it matches.

    A character's class lower case is the one most of its partners lower to
    in Python (ties: the one ``regex`` calls lower case), so the tables agree
    with the hand-made ones of the ``regex`` releases they were written for.
    """
    import regex

    every = "".join(chr(code) for code in range(0x110000) if not 0xD800 <= code < 0xE000)
    cased = "".join(regex.findall(r"[\p{Cased}\p{Changes_When_Casefolded}\p{Changes_When_Casemapped}]", every))
    lowercase = frozenset(regex.findall(r"\p{Lowercase}", cased))
    lower: dict[int, str] = {}
    newer: set[int] = set()
    for ch in cased:
        partners = frozenset(regex.findall(regex.escape(ch), cased, flags=regex.IGNORECASE))
        target = _class_lower(ch, partners, lowercase)
        if ch.lower() != target:
            lower[ord(ch)] = target
        if ch not in "Iiİı":
            newer.update(ord(p) for p in partners if not _python_relates(ch, p))
    return Tables(lower, frozenset(newer))


def _class_lower(ch: str, partners: frozenset[str], lowercase: frozenset[str]) -> str:
    votes = Counter(p.lower() for p in partners if len(p.lower()) == 1 and p.lower() in partners)
    if not votes:
        return ch
    return min(votes, key=lambda v: (-votes[v], v not in lowercase, v))


def _python_relates(a: str, b: str) -> bool:
    """Whether Python's case mappings (and so, in practice, RE2's) make ``a`` and ``b`` one class."""
    return a == b or a.lower() == b.lower() or a.upper() == b.upper() or a.casefold() == b.casefold()


def __getattr__(name: str) -> Any:
    """``LOWER`` and ``NEWER``, the fields of :func:`tables`, read when first asked for."""
    if name == "LOWER":
        return tables().lower
    if name == "NEWER":
        return tables().newer
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


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
    return text.lower() if text.isascii() else text.translate(tables().lower).lower()

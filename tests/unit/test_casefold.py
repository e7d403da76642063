"""Case folding as the ``regex`` module does it, checked over every code point it gives a case.

Every fast layer reads case through :mod:`claimlint.casefold`; these tests
compare its helpers, RE2 and ``str.casefold`` with what the ``regex`` module
itself matches ignoring case, character by character.
"""

from __future__ import annotations

import json
import subprocess
import sys
import unicodedata
from functools import cache
from pathlib import Path

import pytest
import regex

from claimlint import cache as disk
from claimlint import casefold
from claimlint.casefold import LOWER, NEWER, caseless, dotless, dotless_bytes
from claimlint.multisearch import HAVE_RE2, compile_re2

_EVERY = "".join(chr(c) for c in range(0x110000) if not 0xD800 <= c < 0xE000)


@cache
def cased() -> str:
    """Every character ``regex`` gives a case: a character it matches with another, ignoring case, is one."""
    return "".join(regex.findall(r"[\p{Cased}\p{Changes_When_Casefolded}\p{Changes_When_Casemapped}]", _EVERY))


@cache
def partners() -> dict[str, frozenset[str]]:
    """For each cased character, the cased characters a ``regex`` literal of it matches ignoring case."""
    text = cased()
    return {ch: frozenset(regex.findall(regex.escape(ch), text, flags=regex.IGNORECASE)) for ch in text}


def test_the_cased_characters_hold_every_nontrivial_class() -> None:
    """The characters above are all that matter: a few uncased ones match only themselves."""
    assert len(cased()) > 4000
    for ch, expected in {"a": "Aa", "1": "1", "-": "-", "’": "’", "\u0307": "\u0307"}.items():
        assert "".join(sorted(regex.findall(regex.escape(ch), _EVERY, flags=regex.IGNORECASE))) == expected
    sharp_s = set(regex.findall("ß", _EVERY, flags=regex.IGNORECASE))
    assert {"ß", "ẞ"} <= sharp_s <= set(cased()), "regex 2026.9.29 and later give ß a third partner"


def test_ascii_letters_and_their_non_ascii_partners() -> None:
    """What the prefilters must find for an ASCII word: İ for i, ı for I, KELVIN SIGN for k, LONG S for s."""
    odd = {
        ch: sorted(p for p in found if not p.isascii())
        for ch, found in partners().items()
        if ch.isascii() and any(not p.isascii() for p in found)
    }
    kelvin, long_s = "\u212a", "\u017f"
    assert odd == {"I": ["\u0131"], "i": ["\u0130"], "K": [kelvin], "k": [kelvin], "S": [long_s], "s": [long_s]}


def test_dotless_casefold_finds_every_ascii_word_regex_finds() -> None:
    """The word index and the required-word check: ``dotless(text).casefold()`` holds the lower-case letter."""
    for ch, found in partners().items():
        if ch.isascii():
            for partner in found:
                assert dotless(partner).casefold() == ch.lower(), (ch, partner)


@pytest.mark.skipif(not HAVE_RE2, reason="google-re2 not installed")
def test_re2_ignoring_case_finds_every_ascii_letter_after_dotless() -> None:
    """The raw-text prefilter's Sets: RE2 ``(?i)`` over dotless UTF-8 bytes meets every partner of a letter."""
    for ch, found in partners().items():
        if ch.isascii():
            program = compile_re2(regex.escape(ch))
            for partner in found:
                data = dotless_bytes(partner.encode("utf-8"))
                assert program.search(data) is not None, (ch, partner)


def test_without_the_fix_re2_misses_the_dotted_i() -> None:
    """Why :func:`dotless` exists: RE2 and ``str.casefold`` do not give ``i`` for İ, ``regex`` does."""
    assert regex.fullmatch("side", "SİDE", flags=regex.IGNORECASE)
    assert "side" not in "SİDE".casefold()
    if HAVE_RE2:
        assert compile_re2("side").search("SİDE".encode()) is None


def test_caseless_is_the_regex_relation_for_a_lower_case_pattern() -> None:
    """Phrases: a lower-case character matches a text character exactly where their caseless forms agree.

    The one exception is documented: a dotless ı, which ``regex`` also
    matches with I.
    """
    found = partners()
    wrong = []
    for ch in cased():
        if ch != ch.lower() or ch == "ı":
            continue
        key = caseless(ch)
        same = {other for other in cased() if caseless(other) == key}
        if same != found[ch]:
            wrong.append((ch, sorted(same ^ found[ch])))
    assert wrong == []


def test_caseless_keeps_length_and_fixes_only_what_lower_gets_wrong() -> None:
    assert all(len(caseless(ch)) == 1 for ch in cased())
    assert caseless("MİRACLE ſure ς") == "miracle sure σ"
    assert caseless("Straße") == "straße"
    assert all(len(target) == 1 and target == target.lower() for target in LOWER.values())


def test_dotless_keeps_offsets_and_plain_text_as_is() -> None:
    text = "plain ascii"
    assert dotless(text) is text
    assert dotless("İyi ıslak") == "iyi islak"
    assert dotless_bytes("İyi ıslak".encode()) == b"iyi islak"
    data = "Älter".encode()
    assert dotless_bytes(data) is data


@pytest.mark.skipif(not HAVE_RE2, reason="google-re2 not installed")
def test_re2_knows_every_other_class() -> None:
    """Beside the Turkic i, RE2 ``(?i)`` matches what ``regex`` does but for the pairs in :data:`NEWER`.

    Those are what :mod:`claimlint.re2filter` widens to every non-ASCII character.
    """
    text = cased().encode("utf-8")
    wrong = []
    for ch, found in partners().items():
        if ch in "Iiİı" or ord(ch) in NEWER:
            continue
        program = compile_re2(regex.escape(ch))
        if program is None or {m.group().decode() for m in program.finditer(text)} != found:
            wrong.append(ch)
    assert wrong == []
    assert all(len(partners()[chr(code)]) >= 2 for code in NEWER)


def test_the_tables_in_use_are_what_the_installed_regex_says() -> None:
    """Shipped, cached or derived, the tables follow the installed ``regex``, not a frozen copy."""
    derived = casefold.derive()
    assert casefold.tables() == derived
    assert derived.lower == casefold.LOWER
    assert derived.newer == casefold.NEWER
    assert {0x130, 0x17F} <= derived.lower.keys()


def test_the_installed_pair_is_shipped() -> None:
    """``scripts/gen_casefold.py`` was run for the versions claimlint is tested with, so they never derive."""
    assert casefold.table_key() in casefold._shipped()


def test_an_unshipped_pair_is_derived_once_then_read_from_the_cache(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A ``regex`` release claimlint has no tables for: the first run derives them, later runs read them."""
    monkeypatch.setenv("CLAIMLINT_CACHE_DIR", str(tmp_path))
    monkeypatch.delenv("CLAIMLINT_NO_CACHE", raising=False)
    monkeypatch.setattr(casefold, "table_key", lambda: "0.0.0|99.0.0")
    calls: list[int] = []
    real = casefold.derive
    monkeypatch.setattr(casefold, "derive", lambda: calls.append(1) or real())
    assert casefold.provider is disk.casefold_tables
    casefold.tables.cache_clear()
    try:
        first = casefold.tables()
        casefold.tables.cache_clear()
        second = casefold.tables()
    finally:
        casefold.tables.cache_clear()
    assert calls == [1]
    assert first == second == real()
    assert [p.name.startswith("casefold-") for p in tmp_path.iterdir()] == [True]
    assert disk.clean(tmp_path) == 1


def test_a_damaged_entry_or_no_cache_means_deriving(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CLAIMLINT_CACHE_DIR", str(tmp_path))
    monkeypatch.delenv("CLAIMLINT_NO_CACHE", raising=False)
    fake = casefold.Tables({0x41: "b"}, frozenset())
    monkeypatch.setattr(casefold, "derive", lambda: fake)
    disk.casefold_tables("0.0.0|99.0.0")
    (entry,) = tmp_path.iterdir()
    entry.write_text('{"key": "0.0.0|99.0.0", "tables": {"lower": 1}}')
    assert disk.casefold_tables("0.0.0|99.0.0") == fake
    assert casefold.decode(json.loads(entry.read_text())["tables"]) == fake
    monkeypatch.setenv("CLAIMLINT_NO_CACHE", "1")
    entry.unlink()
    assert disk.casefold_tables("0.0.0|99.0.0") == fake
    assert list(tmp_path.iterdir()) == []


def test_regex_version_is_read_without_importing_regex() -> None:
    assert casefold.regex_version() == regex.__version__
    assert casefold.table_key().endswith(f"|{unicodedata.unidata_version}")


def test_reading_the_shipped_tables_imports_neither_regex_nor_json() -> None:
    """A warm start pays next to nothing for the tables: bytecode of one module, no parser, no ``regex``."""
    probe = (
        "import sys\n"
        "from claimlint import casefold\n"
        "found = casefold.tables()\n"
        "print(len(found.lower) > 50, 'regex' in sys.modules, 'json' in sys.modules)\n"
    )
    root = Path(__file__).resolve().parents[2]
    done = subprocess.run(
        [sys.executable, "-c", probe], env={"PYTHONPATH": str(root / "src")}, capture_output=True, text=True, check=True
    )
    assert done.stdout.split() == ["True", "False", "False"]

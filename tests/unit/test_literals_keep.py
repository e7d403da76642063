"""``\\K`` regexes get required words and RE2 filters from their ``\\K``-less form.

The filters only decide whether a segment can hold a match; ``\\K`` moves
where a reported match starts, never whether or where it ends, so the form
without it must find matches in exactly the same texts.
"""

from __future__ import annotations

import regex

from claimlint.literals import bounded_literals, without_keep
from claimlint.ruletypes.base import LineFilter, re2_filter

SENTENCE_START = r"(?:^|[.!?:]\s)\W{0,3}\K"
KEEP = SENTENCE_START + r"(?:sleep|walk|dance)\b[^.!?]{0,40}\bagain\b"


def test_keep_is_removed_outside_a_class() -> None:
    assert without_keep(r"a\Kb") == "ab"
    assert without_keep(KEEP) == KEEP.replace(r"\K", "")


def test_escaped_backslash_and_classes_are_kept() -> None:
    assert without_keep(r"a\\Kb") == r"a\\Kb"
    assert without_keep(r"[\K]x") == r"[\K]x"
    assert without_keep(r"[]\K]x\Ky") == r"[]\K]xy"
    assert without_keep(r"[^]\K]x") == r"[^]\K]x"
    assert without_keep("no keep here") == "no keep here"


def test_a_keep_regex_has_required_words() -> None:
    assert bounded_literals(KEEP) == frozenset({"<again>"})


def test_a_keep_regex_has_an_re2_filter() -> None:
    flt = re2_filter((KEEP,))
    assert isinstance(flt, LineFilter)
    assert flt.lines("Sleep well. Walk the dog again.", [0], None) == {0}
    assert flt.spans().search(b"Sleep well. Walk the dog again.") is not None


def test_the_keepless_form_matches_the_same_texts() -> None:
    with_keep = regex.compile(KEEP, regex.IGNORECASE)
    without = regex.compile(without_keep(KEEP), regex.IGNORECASE)
    texts = ["Sleep again.", "So. Walk with us again!", "You walk again", "Dance. Not again", ""]
    for text in texts:
        ends = [m.end() for m in with_keep.finditer(text)]
        assert ends == [m.end() for m in without.finditer(text)]
    assert [m.group() for m in with_keep.finditer("Done. Walk again.")] == ["Walk again"]


AHEAD = r"(?:^|[.:]\s)\K(?=(?:knee|hip)\b)(?=(?:[^.]*?\b(?:sciatica|gout)\b){2})[^.]{10,}"


def test_lookahead_bodies_give_required_words() -> None:
    assert bounded_literals(AHEAD) == frozenset({"<sciatica>", "<gout>"})
    assert bounded_literals(r"\d+(?=\s*(?:migraines|headaches))") == frozenset({"migraines", "headaches"})


def test_a_negative_lookahead_gives_no_word() -> None:
    assert bounded_literals(r"(?!\bsciatica\b)[^.]{10,}") is None


def test_every_match_holds_a_lookahead_word() -> None:
    compiled = regex.compile(AHEAD, regex.IGNORECASE)
    words = [w.strip("<>") for w in bounded_literals(AHEAD) or ()]
    texts = ["Knee pain, sciatica and gout, all treated", "Hip: gout, sciatica, gout", "Knee pain only here ok"]
    for text in texts:
        if compiled.search(text):
            assert any(w in text.casefold() for w in words)
    assert compiled.search(texts[0]) is not None

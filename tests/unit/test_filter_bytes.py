"""Rule filters over UTF-8 bytes in RE2's Latin-1 mode (``utf8_bytes``).

They must still match wherever the rule regex does, or a finding is lost.
"""

from __future__ import annotations

import random

import pytest
import regex

from claimlint.model import Segment
from claimlint.multisearch import HAVE_RE2, bytes_searchable, compile_re2, first_end
from claimlint.re2filter import single_line, to_re2, utf8_bytes
from claimlint.ruletypes.base import LineFilter, SegmentIndex, re2_filter

pytestmark = pytest.mark.skipif(not HAVE_RE2, reason="google-re2 not installed")

PATTERNS = [
    r"\bsafe,? and natural\b",
    r"\b\d{2,3}\s?% of (?:patients|people)\b",
    r"(?-i:FDA)[- ]approved",
    r"[a-z\d]+-free\b",
    r"[\W_]free",
    r"[\w.]+@[\w.]+",
    r"re.{0,5}lief",
    r"\bcost[^.]{0,40}\bcure",
    r"after (?:\w+ ){0,6}(?:went nowhere|got nowhere)",
    r"(?:miracle|wonder)[^.]*(?:drug|cure)s?",
    r"[“\"][^”\"]{1,80}[”\"],? says [A-Z][a-z]+",
    r"na[ïi]ve|caf[éÉ]",
    r"\u212a\w+",
    r"[\u0100-\u017f]afe",
]
TEXTS = [
    "It is safe and natural.",
    "Helped 85% of patients and 90 % of people.",
    "An FDA-approved drug, fda approved too.",
    "A drug-free, naïve-free option at the CAFÉ.",
    "mail info@clinic.example now",
    "re-\u00adlief, rexxxlief",
    "The cost is low and the cure is fast.",
    "After years of pills went nowhere, ketamine helped.",
    "A miracle of a drug; wonder cures.",
    "“It changed my life,” says Dana.",
    "Kelvin ketamine and ſafe",
]


def _pieces(text: str) -> list[str]:
    return [text[a:b] for a in range(len(text)) for b in range(a + 1, len(text) + 1)]


def _bytes_filter(pattern: str) -> object:
    source = utf8_bytes(single_line(to_re2(pattern) or "") or "")
    assert source is not None
    compiled = compile_re2(source, latin1=True)
    assert compiled is not None
    return compiled


@pytest.mark.parametrize("pattern", PATTERNS)
def test_the_bytes_filter_matches_wherever_the_rule_does(pattern: str) -> None:
    rule = regex.compile(pattern, regex.IGNORECASE)
    flt = _bytes_filter(pattern)
    for text in TEXTS:
        for piece in _pieces(text):
            data = piece.encode("utf-8")
            if rule.search(piece) and bytes_searchable(data):
                assert first_end(flt, data, 0) is not None, (pattern, piece)


def test_foreign_syntax_is_left_alone() -> None:
    assert utf8_bytes(r"a\pLb") is None
    assert utf8_bytes("a(?i:b)") is None


def test_non_ascii_characters_become_runs_of_high_bytes() -> None:
    assert utf8_bytes(r"caf\x{E9}") == r"caf(?:[\x{80}-\x{FF}]+)"
    assert utf8_bytes(r"[^\x{2E}\x{201D}]") == r"(?:[^\x{2E}\x{80}-\x{FF}]|[\x{80}-\x{FF}]+)"
    assert utf8_bytes(r"\x{212A}") == r"(?:[\x{80}-\x{FF}]+|k)"


def test_text_with_a_letter_folding_to_ascii_is_not_searched_as_bytes() -> None:
    assert bytes_searchable(b"plain ascii")
    assert bytes_searchable("caf\u00e9 \u201cquoted\u201d".encode())
    for odd in ("\u212aetamine", "\u017fafe", "\u0130nfusion"):
        assert not bytes_searchable(odd.encode())


def _segment(text: str) -> Segment:
    return Segment(text, "paragraph", [0], [len(text)], [0], [len(text)])


def test_a_kelvin_sign_segment_is_still_kept() -> None:
    flt = re2_filter((r"\bketamine cures\b",))
    assert isinstance(flt, LineFilter)
    texts = ["nothing here", "\u212aetamine cures", "ketamine cures"]
    index = SegmentIndex([_segment(t) for t in texts])
    kept = index.matching((r"\bketamine cures\b",), flt)
    assert [index.position(seg) for seg in kept] == [1, 2]


@pytest.mark.parametrize("seed", range(20))
def test_every_segment_where_the_rule_matches_is_kept(seed: int) -> None:
    rng = random.Random(seed)
    alphabet = "ab xy.\u201c\u00e9\u212a\u017fk"
    texts = ["".join(rng.choice(alphabet) for _ in range(rng.randint(1, 12))) for _ in range(rng.randint(1, 15))]
    for pattern in (r"ab[^.]*xy", r"k[^y]{0,3}y", r"(?:a\s)+x", r"\u201c\w", r"[\u00e9k]\w+ \w*b", r"abab[^.]*y"):
        flt = re2_filter((pattern,))
        index = SegmentIndex([_segment(t) for t in texts])
        kept = {index.position(seg) for seg in index.matching((pattern,), flt)}
        holding = {k for k, t in enumerate(texts) if regex.search(pattern, t, regex.IGNORECASE)}
        assert holding <= kept, (pattern, texts)

"""Rule filters keep a case-sensitive island (``(?-i:...)``) case-sensitive, in every form they take."""

from __future__ import annotations

from typing import Any

import pytest
import regex

from claimlint.multisearch import HAVE_RE2, bytes_searchable, compile_re2
from claimlint.re2filter import single_line, to_re2, utf8_bytes, without_gaps

pytestmark = pytest.mark.skipif(not HAVE_RE2, reason="google-re2 not installed")

#: CL135's script line, cut down: a speaker's name in capitals, then a colon.
SPEAKER = r"\b(?-i:(?!(?:VO|NOTE)\b)[A-Z]{2,}(?: [A-Z]{2,})?):\s+(?=[^:]{0,200}\bmy\b)"
ISLANDS = [
    SPEAKER,
    r"(?-i:\b[A-Z][a-z]+), (?:\d{2}|age \d{2})[,:]?\s*[“\"]",
    r"(?-i:[A-Z][a-z]+(?i: SAYS)) it",
    r"(?-i:FDA)[- ]approved|\bkelvin\b",
]
TEXTS = [
    "RAY: my back",
    "ray: my back",
    "Note: my back",
    "NOTE: my back",
    "Deb, 54: “Amazing”",
    'deb, age 54, "x"',
    "Ray says it, Ray SAYS it, ray says it",
    "An FDA-approved drug, fda approved too, \u212aelvin",
    "İSTANBUL: my ſide",
]


def _forms(pattern: str) -> list[tuple[Any, bool]]:
    """Every compiled form of ``pattern``'s filter, each with whether it searches UTF-8 bytes."""
    source = to_re2(pattern)
    assert source is not None
    forms: list[tuple[Any, bool]] = [(compile_re2(source), False)]
    line = single_line(without_gaps(source))
    assert line is not None
    forms.append((compile_re2(line), False))
    as_bytes = utf8_bytes(line)
    assert as_bytes is not None
    forms.append((compile_re2(as_bytes, latin1=True), True))
    assert all(form is not None for form, _ in forms)
    return forms


def _searches(form: Any, on_bytes: bool, text: str) -> bool | None:
    """Whether ``form`` matches ``text``; None where a byte form may not search it."""
    data = text.encode("utf-8")
    if on_bytes:
        return None if not bytes_searchable(data) else form.search(data) is not None
    return form.search(text) is not None


def test_an_island_keeps_its_case_in_every_filter_form() -> None:
    for form, on_bytes in _forms(SPEAKER):
        assert _searches(form, on_bytes, "RAY: my back")
        assert not _searches(form, on_bytes, "Note: my back")
        assert not _searches(form, on_bytes, "ray: my back")


@pytest.mark.parametrize("pattern", ISLANDS)
def test_a_filter_with_islands_matches_wherever_the_rule_does(pattern: str) -> None:
    rule = regex.compile(pattern, regex.IGNORECASE)
    for form, on_bytes in _forms(pattern):
        for text in TEXTS:
            for start in range(len(text)):
                for end in range(start + 1, len(text) + 1):
                    piece = text[start:end]
                    if rule.search(piece):
                        assert _searches(form, on_bytes, piece) in (True, None), (pattern, piece, on_bytes)

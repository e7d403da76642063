"""Property test: the classifier's page patterns find through RE2 exactly what ``re`` finds.

:func:`claimlint.ruletypes.classifier._found` searches ASCII pages with RE2
(the same pattern, ``\\s`` spelled out as ``re`` reads it on ASCII text).
Pages are drawn from the patterns' own words and their near misses, glued
to word characters or separated by every ASCII character ``re`` calls a space
(VT and 0x1C-0x1F among them, which RE2's ``\\s`` lacks), in mixed case, so
a difference in ``\\b``, ``\\s``, case folding or match order shows as a
different verdict. Non-ASCII pages take ``re`` itself and are drawn too.
"""

from __future__ import annotations

import os
import re

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from claimlint.multisearch import HAVE_RE2
from claimlint.ruletypes import classifier

EXAMPLES = int(os.environ.get("CLAIMLINT_FUZZ_EXAMPLES", "300"))
SETTINGS = settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=[HealthCheck.too_slow])

PIECES = st.sampled_from(
    [
        "we", "We're", "we've", "WE'LL", "we'd", "we’re", "our", "OURS", "us", "use", "bus", "_us", "us_", "ours9",
        "$", "$5", "£ 3", "€", "free consultation", "Free trial", "free", "discount", "promo", "Membership",
        "financing", "call us", "text us", "Book now", "book a", "schedule your", "Get started", "sign up", "signup",
        "et al", "ET AL", "doi", "pmid", "(Smith 2019)", "(Smith et al. 2020a)", "(smith 2019)", "(A 1999)", "(B",
        "2021)", "(C x)", "ſ", "K", "ı", "é", "x", "9", ".", "(", ")", "'",
    ]
)  # fmt: skip
GLUE = st.sampled_from([" ", "", "\n", "\t", "\x0b", "\x0c", "\r", "\x1c", "\x1f", "\x1d", "-", "_", "a", "1"])


@st.composite
def page(draw: st.DrawFn) -> str:
    pieces = draw(st.lists(st.tuples(PIECES, GLUE), max_size=12))
    text = "".join(p + g for p, g in pieces)
    return text.swapcase() if draw(st.booleans()) else text


PATTERNS = [("_SELLER", 1), ("_PAGE_CTA", 1), ("_PAGE_CITE", 1), ("_PAGE_CITE", 2)]


def _by_re(pattern: re.Pattern[str], text: str, times: int) -> bool:
    return len(pattern.findall(text)) >= times


@pytest.mark.skipif(not HAVE_RE2, reason="google-re2 is not installed")
@pytest.mark.parametrize(("name", "times"), PATTERNS)
@SETTINGS
@given(text=page())
def test_found_agrees_with_re(name: str, times: int, text: str) -> None:
    pattern = getattr(classifier, name)
    assert classifier._found(pattern, text, times) == _by_re(pattern, text, times)


@pytest.mark.parametrize(
    "text",
    ["we", "Our plan", "a\x0b$\x1c5", "$\x0b5", "(Smith 2019) and (Jones 2020)", "(Smith 2019)", "doi pmid", "ſign up"],
)
def test_found_examples(text: str) -> None:
    for name, times in PATTERNS:
        pattern = getattr(classifier, name)
        assert classifier._found(pattern, text, times) == _by_re(pattern, text, times), (name, times)

"""A denied or named "miracle" is no miracle claim (CL072); a miracle said of the treatment still is."""

from __future__ import annotations

import pytest
from test_notcopy import _default_lines

PAGE = "Book your ketamine infusion at our clinic today.\n\n{line}\n"


@pytest.mark.parametrize(
    "line",
    [
        "I'm not claiming a miracle. I'm offering a tool your doctor may not have mentioned.",
        "I am not a person who uses the word miracle, and I won't start now.",
        "We don't do miracles. We explain what the evidence shows.",
        'Please do not call it a "miracle": the term "miracle" has no place in medicine.',
    ],
)
def test_a_denied_or_named_miracle_is_silent(line: str) -> None:
    assert not _default_lines(PAGE.format(line=line), "text", "page.txt", "CL072")


@pytest.mark.parametrize(
    "line",
    [
        "Our patients call ketamine a miracle for nerve pain.",
        "Ketamine is a modern medical miracle for chronic pain.",
    ],
)
def test_a_miracle_said_of_the_treatment_fires(line: str) -> None:
    assert _default_lines(PAGE.format(line=line), "text", "page.txt", "CL072") == {3}

"""A short claim quoted in order to be judged is mentioned, not made (ruletypes.mention.mentioned_quote)."""

from __future__ import annotations

import pytest

from claimlint.api import DocView
from claimlint.ruletypes.mention import mentioned_quote
from claimlint.sources import html, markdown


def _mentioned(doc: DocView, word: str) -> bool:
    """Whether ``word`` (first occurrence in a segment) is judged a mention."""
    for seg in doc.segments:
        start = seg.text.find(word)
        if start >= 0:
            s_lo, _ = doc.sentence(seg, start, start + len(word))
            return mentioned_quote(doc, seg, (s_lo, start, start + len(word)))
    raise AssertionError(word)


def _md(text: str) -> DocView:
    return DocView("t.md", text, markdown.parse(text).segments)


def _html(text: str) -> DocView:
    return DocView("t.html", text, html.parse(text).segments)


BANNED_TABLE = (
    "| Never write | Why |\n|---|---|\n"
    '| "wonder drug", "miracle cure" | Ad platforms turn these down. |\n'
    '| "pain-free for good" | Nobody can promise this. |\n'
)
VERDICT_TABLE = (
    "| Ad text | Note |\n|---|---|\n"
    '| "Zero Side Effects" | Misleading: labeled risks include hallucinations. |\n'
    '| "Erase Nerve Pain Permanently" | Unproven cure claim. |\n'
)


@pytest.mark.parametrize("word", ["miracle", "pain-free", "Nobody"])
def test_a_row_of_a_table_headed_never_write_is_a_mention(word: str) -> None:
    assert _mentioned(_md(BANNED_TABLE), word)


@pytest.mark.parametrize("word", ["Zero Side", "Permanently", "cure claim"])
def test_a_quoted_first_cell_judged_in_the_next_cell_is_a_mention(word: str) -> None:
    assert _mentioned(_md(VERDICT_TABLE), word)


@pytest.mark.parametrize(
    ("text", "word"),
    [
        ('<ul><li>"FDA-approved for depression," said about infusions. That is not correct.</li></ul>', "FDA"),
        ('<ul><li>"Zero side effects." False: the label lists hallucinations.</li></ul>', "Zero"),
        ('<p>Red flags. "FDA-approved for pain." No ketamine product is.</p>', "FDA"),
    ],
)
def test_a_quote_that_opens_its_sentence_and_is_judged_at_once_is_a_mention(text: str, word: str) -> None:
    assert _mentioned(_html(text), word)


@pytest.mark.parametrize(
    ("doc", "word"),
    [
        (_md('| Patient | Says |\n|---|---|\n| Jane, 54 | "I\'m pain-free!" |\n'), "pain-free"),
        (_md('| Quote | Patient |\n|---|---|\n| "I\'m pain-free!" | Jane, 54, treated in 2024. |\n'), "pain-free"),
        (_md('| Plan | Us |\n|---|---|\n| "Pain gone in one visit" | Yes |\n'), "Pain gone"),
        (_html('<h1>"Pain Gone in One Visit."</h1>'), "Pain Gone"),
        (_html('<ul><li>"Back on the trails in a week" - Mark</li></ul>'), "trails"),
        (_html('<ul><li>"Zero side effects, just relief." - Priya</li></ul>'), "Zero"),
        (_html('<p>Our patients call it "a miracle cure." That is not false modesty.</p>'), "miracle"),
        (_html('<li>"It was a miracle cure for me and I have told every friend." False hope? No.</li>'), "miracle"),
    ],
)
def test_testimonials_slogans_and_claims_made_in_quotes_are_not_mentions(doc: DocView, word: str) -> None:
    assert not _mentioned(doc, word)

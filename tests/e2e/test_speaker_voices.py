"""Whose words are these, part 5: founders' posts, chatbot turns, owners' replies, and reports on neutral pages.

tests/fixtures/voices holds pages written for this test, in Markdown, HTML and plain text:

* **the seller speaks** (a): a founding physician's post about his own clinic, a founder's
  interview answers, a medical director's bylined column, an owner's anniversary post and a
  founder's bio page (each owes the page-level disclosures once the page ties the person to the
  clinic: "founder of Tidewell Ketamine Clinic", "Opened the doors at Cedar Ketamine"), a chatbot's
  turns in a Markdown script, in an HTML log ("Ava from Pinecrest:") and in a plain-text export
  whose visitor lines end with no stop ("how fast does it kick in" over "[Bot] ..."), and a
  clinic owner's replies under reviews, in text and in HTML. The seller's lines fire and the page owes the
  disclosures; the visitors' and reviewers' lines stay quiet;
* **nobody sells** (b): a patient's blog quoting a relative ("My mom said it was a miracle") and
  speaking of "my pain team", a patient group's numbered list of phrases clinics should stop
  using, a peer Discord log whose members name users in lower case after the time and quote
  what an old clinic kept saying, and a caregivers' forum where a moderator answers a quoted
  ad ("It isn't.") and a member says "Not a miracle", in each of the three formats, and a
  patients-only WhatsApp group's export, and a law course's quiz on quoted ad lines whose answer
  key names "Miracle hype". No finding of any scope, or none on the quoted lines.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from linecats import Categories, SpeakerPages, line_categories

VOICES = Path(__file__).resolve().parent.parent / "fixtures" / "voices"

#: Pages where nobody sells: no finding of any scope.
SILENT = {
    "b01-patient-blog-relative.md",
    "b03-discord-peer-log.txt",
    "b04-forum-moderator.txt",
    "b05-forum-thread.md",
    "b07-patient-blog-relative.html",
    "b08-discord-log.html",
    "b09-support-group-log.txt",
    "b10-ad-law-quiz-key.md",
}

#: Lines someone other than the seller says, or that the page quotes in order to retire them.
QUIET: dict[str, set[int]] = {
    "a01-founder-post.txt": {15},
    "a02-chatbot-script.md": {6, 8, 10},
    "a03-bot-named.html": {5, 7, 9},
    "a04-owner-replies.txt": {4, 8},
    "a05-bracket-chat-export.txt": {4, 6, 8},
    "a06-founder-interview.md": {7, 11},
    "a09-owner-replies.html": {6, 11},
    "b02-patient-group-phrases.html": {9, 10},
    "b06-patient-network-asks.md": {9, 10},
}

#: Lines the seller (its founder, its bot, its owner) says, with a category each must be flagged under.
FLAGGED: dict[str, dict[int, str]] = {
    "a01-founder-post.txt": {7: "absolute-safety", 8: "cure-guarantee", 11: "miracle-hype", 16: "cure-guarantee"},
    "a02-chatbot-script.md": {7: "speed-of-relief", 9: "absolute-safety"},
    "a03-bot-named.html": {6: "miracle-hype", 8: "addiction-risk-denial"},
    "a04-owner-replies.txt": {5: "addiction-risk-denial", 9: "efficacy-overstatement"},
    "a05-bracket-chat-export.txt": {5: "speed-of-relief", 7: "addiction-risk-denial"},
    "a06-founder-interview.md": {9: "cure-guarantee", 13: "absolute-safety"},
    "a07-medical-director-byline.md": {7: "addiction-risk-denial"},
    "a08-owner-anniversary-post.txt": {5: "absolute-safety", 7: "cure-guarantee"},
    "a09-owner-replies.html": {7: "addiction-risk-denial", 12: "efficacy-overstatement"},
    "a10-founder-bio.html": {5: "miracle-hype", 6: "absolute-safety"},
}

#: Pages where the seller's own turns carry the claims: they owe the off-label disclosure.
OWE_DISCLOSURES = {
    "a01-founder-post.txt",
    "a02-chatbot-script.md",
    "a03-bot-named.html",
    "a04-owner-replies.txt",
    "a05-bracket-chat-export.txt",
    "a06-founder-interview.md",
    "a07-medical-director-byline.md",
    "a08-owner-anniversary-post.txt",
    "a09-owner-replies.html",
    "a10-founder-bio.html",
}

PAGES = SpeakerPages(VOICES, SILENT, QUIET, FLAGGED, OWE_DISCLOSURES)


@pytest.fixture(scope="module")
def categories() -> Categories:
    """Finding categories (page-level included) per fixture and line, from one real CLI run."""
    return line_categories(PAGES.folder, documents=True)


def test_every_fixture_has_expectations() -> None:
    assert {p.name for p in PAGES.folder.iterdir()} == PAGES.names()


@pytest.mark.parametrize(("kind", "name"), PAGES.cases())
def test_each_speaker_is_read_as_expected(categories: Categories, kind: str, name: str) -> None:
    PAGES.check(categories, kind, name)

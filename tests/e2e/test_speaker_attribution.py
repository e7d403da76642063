"""Whose words are these: transcripts, Q&A answers, numbered threads and visitors' turns.

tests/fixtures/speakers holds pages written for this test, in plain text, Markdown and HTML:

* transcripts with upper-case speaker labels: a skeptical podcast (nobody sells: silent, page
  checks included), a clinic's webinar with attendees' questions and a clinic's call-in hour with
  an unnamed "Speaker 2" caller (the clinic's physician's turns fire, the others' stay quiet);
* Q&A answers: a clinic owner's answer ("I run a ketamine clinic"), a medical director's answer
  under a credential line on a forum (both fire), and a patient's own answer (silent);
* numbered threads: a clinic's thread with and without a call to action (every post fires, also
  the ones without a brand word), a clinic's Bluesky thread, a researcher's hedged thread (silent);
* others' turns: a chat export's "[Visitor]" lines, a review page's mixed customer reviews and one
  whose reviewers are bylined by their standing ("· 14 reviews", "Local Guide"; only the owner's
  responses fire), a neighbourhood feed's comments named by place ("Tara V. (Elm Park):") that the
  business answers, and a patient group's member posts (silent). A clinic's own testimonials
  labelled the same way ("Maria (Austin):") with no one answering them are its claims and fire;
* a patient's own post that disclaims any payment ("Not sponsored. Nobody paid me for this") is
  an unsold page (silent).
"""

from __future__ import annotations

from pathlib import Path

import pytest
from linecats import line_categories

SPEAKERS = Path(__file__).resolve().parent.parent / "fixtures" / "speakers"

#: Pages where nobody sells: no finding of any scope, page-level checks included.
SILENT = {
    "t01-skeptic-podcast.md",
    "q03-patient-answer.html",
    "th02-researcher-thread.md",
    "n01-chatbot-visitor.txt",
    "n03-facebook-group.md",
    "p01-patient-post-not-sponsored.txt",
}

#: Lines of a seller's page that another speaker says: no sentence-level finding may touch them.
QUIET: dict[str, set[int]] = {
    "t02-clinic-webinar.html": {6, 8},
    "t03-call-in-radio.txt": {4, 6},
    "n02-mixed-reviews.html": {4, 6, 8},
    "n04-review-counts.html": {4, 7},
    "n05-neighbourhood-feed.txt": {5, 7},
}

#: Lines the seller says, with a category each must be flagged under.
FLAGGED: dict[str, dict[int, str]] = {
    "t02-clinic-webinar.html": {7: "broad-indication", 9: "absolute-safety"},
    "t03-call-in-radio.txt": {5: "broad-indication", 7: "absolute-safety"},
    "q01-quora-owner-answer.md": {5: "broad-indication", 7: "absolute-safety"},
    "q02-forum-director-answer.txt": {8: "cure-guarantee", 10: "absolute-safety"},
    "th01-clinic-x-thread.txt": {5: "mechanism-overclaim", 7: "broad-indication", 9: "absolute-safety"},
    "th03-clinic-bluesky-thread.md": {5: "speed-of-relief", 7: "durability-overclaim", 9: "comparative-safety"},
    "th04-clinic-thread-no-cta.txt": {5: "mechanism-overclaim", 7: "speed-of-relief", 9: "absolute-safety"},
    "n02-mixed-reviews.html": {10: "absolute-safety"},
    "n04-review-counts.html": {5: "absolute-safety", 10: "durability-overclaim"},
    "n05-neighbourhood-feed.txt": {6: "absolute-safety", 8: "broad-indication"},
    "n06-clinic-testimonials-places.md": {5: "testimonial-endorsement", 7: "testimonial-endorsement"},
}


@pytest.fixture(scope="module")
def categories() -> dict[str, dict[int, set[str]]]:
    """Finding categories (page-level included) per fixture and line, from one real CLI run."""
    return line_categories(SPEAKERS, documents=True)


def test_every_fixture_has_expectations() -> None:
    assert {p.name for p in SPEAKERS.iterdir()} == SILENT | set(QUIET) | set(FLAGGED)


@pytest.mark.parametrize("name", sorted(SILENT))
def test_a_page_where_nobody_sells_is_silent(categories: dict[str, dict[int, set[str]]], name: str) -> None:
    assert {line: cats for line, cats in categories[name].items() if cats} == {}


@pytest.mark.parametrize("name", sorted(QUIET))
def test_other_speakers_turns_are_not_the_sellers_claims(categories: dict[str, dict[int, set[str]]], name: str) -> None:
    assert {line: categories[name][line] for line in QUIET[name] if categories[name][line]} == {}


@pytest.mark.parametrize("name", sorted(FLAGGED))
def test_the_sellers_own_words_are_flagged(categories: dict[str, dict[int, set[str]]], name: str) -> None:
    missing = {line: cat for line, cat in FLAGGED[name].items() if cat not in categories[name][line]}
    assert missing == {}


def test_a_seller_answering_on_a_qa_page_owes_the_page_checks(categories: dict[str, dict[int, set[str]]]) -> None:
    found = set().union(*categories["q01-quora-owner-answer.md"].values())
    assert {"missing-offlabel-disclosure", "missing-risk-info"} <= found

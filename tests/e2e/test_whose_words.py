"""Whose words are these, part 4: staff answers, group members, and claims quoted to be judged.

tests/fixtures/whose holds pages written for this test, in Markdown, HTML and plain text:

* **staff answers** (a): a nurse practitioner's AMA for her clinic, a patient care coordinator's
  Q&A answer under her credential line, a CRNA's forum reply that says where she works. Their
  claims fire and the page owes the page-level disclosures; the commenters' lines stay quiet. A
  patient's own AMA and a nurse's post about her own infusions sell nothing (silent);
* **group members** (b): a clinic's private Facebook group, Discord server and WhatsApp group,
  where the admin's or the clinic team's posts fire and members' comments ("Tanya R.:", "Kayla
  M.:") do not, nor do members named in full ("Kayla Morgan:") or on a line of their own over a
  "Like · Reply · 2d" footer, in Markdown or in a plain-text export whose lines run together. The
  clinic's own page republishing the same member quotes fires (testimonials), full names included;
* **quoted items and relayed questions** (c): a training quiz's answer options and a "True or
  false" item quoting a claim, a training module's exam items, a clinic podcast's host reading
  listeners' emails (quiet, while the clinic's doctor's answers fire). A clinic FAQ's own
  answers, a lone "A)" answer and a patient's letter it prints still fire.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from linecats import Categories, SpeakerPages, line_categories

WHOSE = Path(__file__).resolve().parent.parent / "fixtures" / "whose"

#: Pages where nobody sells or nothing is asserted: no finding of any scope.
SILENT = {
    "a04-patient-ama.md",
    "a05-nurse-patient-post.txt",
    "c01-compliance-quiz.md",
    "c03-training-module.html",
}

#: Lines of a seller's page that someone else says, or that the page poses to be judged.
QUIET: dict[str, set[int]] = {
    "a01-np-ama.md": {7, 11, 15},
    "a02-coordinator-answer.html": {13},
    "a03-crna-thread.txt": {4, 10},
    "b01-facebook-group.txt": {5, 7, 8},
    "b02-discord-server.md": {5, 7},
    "b03-whatsapp-group.html": {6, 8},
    "b05-facebook-group-footers.md": {11, 17},
    "b06-discord-full-names.txt": {3, 4},
    "b07-group-export-joined.txt": {4, 7},
    "c02-clinic-podcast-mailbag.txt": {3, 5},
}

#: Lines the seller (its staff, its admin) says, with a category each must be flagged under.
FLAGGED: dict[str, dict[int, str]] = {
    "a01-np-ama.md": {9: "efficacy-overstatement", 13: "absolute-safety"},
    "a02-coordinator-answer.html": {8: "cure-guarantee", 9: "absolute-safety"},
    "a03-crna-thread.txt": {7: "cure-guarantee"},
    "b01-facebook-group.txt": {4: "absolute-safety", 6: "efficacy-overstatement"},
    "b02-discord-server.md": {3: "mechanism-overclaim", 9: "absolute-safety"},
    "b03-whatsapp-group.html": {5: "absolute-safety", 7: "efficacy-overstatement"},
    "b04-clinic-testimonials.md": {5: "cure-guarantee", 7: "speed-of-relief"},
    "b05-facebook-group-footers.md": {5: "mechanism-overclaim", 23: "absolute-safety"},
    "b06-discord-full-names.txt": {2: "mechanism-overclaim", 5: "absolute-safety"},
    "b07-group-export-joined.txt": {2: "efficacy-overstatement", 9: "absolute-safety"},
    "b08-clinic-testimonials-full-names.md": {7: "cure-guarantee", 9: "speed-of-relief"},
    "c02-clinic-podcast-mailbag.txt": {4: "efficacy-overstatement", 6: "absolute-safety"},
    "c04-clinic-faq-letters.md": {8: "absolute-safety", 11: "speed-of-relief", 13: "testimonial-endorsement"},
}

#: Pages whose seller's turns carry the claims: they owe the off-label disclosure.
OWE_DISCLOSURES = {
    "a01-np-ama.md",
    "a02-coordinator-answer.html",
    "a03-crna-thread.txt",
    "b01-facebook-group.txt",
    "b03-whatsapp-group.html",
    "b07-group-export-joined.txt",
}

PAGES = SpeakerPages(WHOSE, SILENT, QUIET, FLAGGED, OWE_DISCLOSURES)


@pytest.fixture(scope="module")
def categories() -> Categories:
    """Finding categories (page-level included) per fixture and line, from one real CLI run."""
    return line_categories(PAGES.folder, documents=True)


def test_every_fixture_has_expectations() -> None:
    assert {p.name for p in PAGES.folder.iterdir()} == PAGES.names()


@pytest.mark.parametrize(("kind", "name"), PAGES.cases())
def test_each_speaker_is_read_as_expected(categories: Categories, kind: str, name: str) -> None:
    PAGES.check(categories, kind, name)

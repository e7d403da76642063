"""A quotation of the seller's own staff on the seller's own page is the seller's claim (ruletypes.staff)."""

from __future__ import annotations

import pytest

from claimlint.api import DocView
from claimlint.ruletypes.staff import staff_words
from claimlint.sources import text


def _doc(source: str) -> DocView:
    return DocView("page.txt", source, text.parse(source).segments)


SEEN = (
    '"Our infusions work for every type of chronic pain," said Dr. Reyes, our medical director.',
    '"Our infusions work for every type of chronic pain," said medical director Dr. Alan Reyes.',
    '"Most feel relief," said Carla Webb, Lakeshore\'s founder and chief executive.',
    'Our medical director, Dr. Reyes, says: "Most feel relief."',
)


@pytest.mark.parametrize("sentence", SEEN)
def test_a_quotation_of_the_sellers_staff_on_its_own_page_is_unquoted(sentence: str) -> None:
    doc = _doc("We treat chronic pain.\n\n" + sentence + "\n")
    seg = doc.segments[-1]
    said = staff_words(doc, seg.text, 0, len(seg.text))
    assert len(said) == len(seg.text)
    assert '"' not in said
    assert "said" not in said
    assert "says" not in said


def test_a_news_page_quoting_a_clinics_director_keeps_the_quotation() -> None:
    sentence = SEEN[1]
    doc = _doc("A reporter visited three clinics.\n\n" + sentence + "\n")
    seg = doc.segments[-1]
    assert staff_words(doc, seg.text, 0, len(seg.text)) == seg.text


def test_a_patients_quotation_on_the_sellers_page_keeps_its_attribution() -> None:
    sentence = '"It cured me," said one patient.'
    doc = _doc("We treat chronic pain.\n\n" + sentence + "\n")
    seg = doc.segments[-1]
    assert staff_words(doc, seg.text, 0, len(seg.text)) == seg.text


def test_a_press_release_speaks_for_the_seller_without_saying_we() -> None:
    sentence = '"Infusions work for every type of chronic pain," said medical director Dr. Alan Reyes.'
    doc = _doc("Lakeshore Ketamine Center today announced a second location.\n\n" + sentence + "\n")
    seg = doc.segments[-1]
    assert '"' not in staff_words(doc, seg.text, 0, len(seg.text))


def test_a_sentence_cut_after_a_title_still_reads_the_attribution_beyond_it() -> None:
    sentence = '"Our infusions work for every type of chronic pain," says Dr. Helen Park, our medical director.'
    doc = _doc("We treat chronic pain.\n\n" + sentence + "\n")
    seg = doc.segments[-1]
    cut = seg.text.index("Dr.") + 3
    said = staff_words(doc, seg.text, 0, cut)
    assert len(said) == cut
    assert '"' not in said


def test_a_reporters_we_is_not_a_sellers_voice() -> None:
    sentence = SEEN[1]
    doc = _doc("We asked three clinics about their prices.\n\n" + sentence + "\n")
    seg = doc.segments[-1]
    assert staff_words(doc, seg.text, 0, len(seg.text)) == seg.text


def test_our_medical_director_speaks_for_the_page_by_itself() -> None:
    sentence = SEEN[0]
    doc = _doc("We asked three clinics about their prices.\n\n" + sentence + "\n")
    seg = doc.segments[-1]
    assert '"' not in staff_words(doc, seg.text, 0, len(seg.text))

"""A clinic's employee answers for the clinic; a group's members do not (ruletypes.turns)."""

from __future__ import annotations

import re

import pytest

from claimlint.api import DocView
from claimlint.ruletypes.turns import OTHER, SELLER, STAFF_SELF, page_poster, turns
from claimlint.sources import markdown, text
from turnkit import doc_view, others_at

_STAFF_SELF = re.compile(STAFF_SELF, re.IGNORECASE)


@pytest.mark.parametrize(
    "line",
    [
        "I'm a nurse practitioner at Wrenfield Ketamine Clinic in Boise. AMA!",
        "I'm a nurse practitioner who has run more than 3,000 ketamine infusions for chronic pain at Halcyon Pain.",
        "Hi all! I'm Tessa, NP and clinical lead at Halcyon. Fire away.",
        "Jenna Ruiz, Patient Care Coordinator at Lakeshore Ketamine Clinic",
        "Full disclosure, I'm a CRNA and I work at Birchwood Infusion Center.",
        "I'm the front desk coordinator at Juniper Relief, ask me about booking.",
    ],
)
def test_an_employee_who_says_where_she_works_speaks_for_the_clinic(line: str) -> None:
    assert _STAFF_SELF.search(line) is not None


@pytest.mark.parametrize(
    "line",
    [
        "I'm a nurse, and I had my infusions at Harrow Ketamine Clinic last spring.",
        "I'm a patient at Halcyon and it helped me a lot.",
        "My doctor at Mayo said ketamine was worth a try.",
        "I work at Target, so I can only book Saturdays.",
        "The nurse at the front desk was lovely.",
    ],
)
def test_a_patient_who_mentions_staff_or_her_own_job_is_no_employee(line: str) -> None:
    assert _STAFF_SELF.search(line) is None


AMA = (
    "# r/fibromyalgia · AMA\n\n"
    "## I'm a nurse practitioner at Wrenfield Ketamine Clinic in Boise. AMA about infusions!\n\n"
    "**u/wren_np_dana** · 4h · Hi everyone, Dana here.\n\n"
    "**u/tired_of_flares**: Does it work for fibro?\n\n"
    "> **u/wren_np_dana**: It works for almost everyone with fibromyalgia.\n\n"
    "**u/bluejay_88**: It cured my fibro completely!\n"
)


def test_an_employees_ama_makes_her_the_seller_and_the_commenters_others() -> None:
    doc = doc_view(AMA, markdown, "ama.md")
    assert page_poster(doc.segments) == "u/wren_np_dana"
    assert not others_at(doc, "It works for almost everyone")
    assert others_at(doc, "It cured my fibro completely")


def test_a_patients_ama_has_no_poster_who_sells() -> None:
    doc = doc_view(AMA.replace("nurse practitioner at Wrenfield Ketamine Clinic", "patient of a clinic"), markdown)
    assert page_poster(doc.segments) is None


THREAD = (
    "Pain Support Forum > Treatments > CRPS and ketamine\n\n"
    "u/kat_sleeps_ok · 2d\nIs ketamine a scam or does it help?\n\n"
    "u/night_shift_q · 2d\nI'm a CRNA and I work at Birchwood Infusion Center. Ketamine cures CRPS.\n\n"
    "u/handsonfire · 1d\nIt cured mine completely.\n"
)


def test_a_commenter_who_says_she_works_at_a_clinic_answers_for_it() -> None:
    doc = doc_view(THREAD, text)
    assert not others_at(doc, "Ketamine cures CRPS")
    assert others_at(doc, "It cured mine completely")


def _side(doc: DocView, words: str) -> str:
    found = turns(doc)
    for k, seg in enumerate(doc.segments):
        start = seg.text.find(words)
        if start >= 0:
            return found.side(k, start, start + len(words))
    raise AssertionError(words)


@pytest.mark.parametrize(("flair", "side"), [("RN at Wrenfield Ketamine Clinic", SELLER), ("CRPS since 2019", OTHER)])
def test_a_flair_naming_the_clinic_marks_a_staff_handle(flair: str, side: str) -> None:
    page = AMA.replace("**u/bluejay_88**:", f"**u/rn_on_nights** ({flair}):")
    page = page.replace("nurse practitioner at Wrenfield Ketamine Clinic", "patient at Wrenfield Ketamine Clinic")
    assert _side(doc_view(page, markdown, "thread.md"), "It cured my fibro completely") == side


GROUP = (
    'Facebook group (private): "Larchmont Ketamine Patients". Exported posts.\n'
    "Larchmont Ketamine Clinic (admin): Ketamine infusions are completely safe.\n"
    "Tanya R.: It cured my migraines completely!\n"
    "Larchmont Ketamine Clinic (admin): Ketamine works for almost everyone.\n"
)


def test_a_groups_members_are_others_where_its_admin_posts_for_the_clinic() -> None:
    doc = doc_view(GROUP, text)
    assert others_at(doc, "It cured my migraines completely")
    assert not others_at(doc, "Ketamine works for almost everyone")


def test_member_names_on_a_page_that_is_no_group_stay_the_sellers_quotes() -> None:
    page = GROUP.replace('Facebook group (private): "Larchmont Ketamine Patients".', "Larchmont Ketamine.")
    assert not others_at(doc_view(page, text), "It cured my migraines completely")


def test_member_names_with_no_admin_posting_stay_the_sellers_quotes() -> None:
    page = GROUP.replace("Larchmont Ketamine Clinic (admin): ", "")
    assert not others_at(doc_view(page, text), "It cured my migraines completely")


QA = (
    "Juniper Ridge Infusion Studio · Google Business Profile\n\n"
    "— UPDATES —\nPOST · Oct 28\nChronic pain doesn't take weekends off, so neither do we.\n\n"
    "— QUESTIONS & ANSWERS —\n"
    "Q · Marcy T.: Is this covered by insurance?\n"
    "A · Owner: Plenty of our clients get part of it back through HSA benefits.\n"
    "Q · Ray S.: Has anyone here actually done it?\n"
    "A · Jenna W. (Local Guide): I did six sessions last spring and I sleep better.\n"
)


def test_a_qa_sections_askers_and_customers_answers_are_others_and_the_owners_answers_the_sellers() -> None:
    doc = doc_view(QA, text)
    assert others_at(doc, "Has anyone here actually done it")
    assert others_at(doc, "I did six sessions last spring")
    assert not others_at(doc, "Plenty of our clients")


def test_a_section_label_in_capitals_is_no_posters_byline() -> None:
    assert not others_at(doc_view(QA, text), "so neither do we")


def test_the_hosts_op_mark_in_brackets_makes_a_reply_hers() -> None:
    page = AMA.replace("> **u/wren_np_dana**: It works", "> **u/dana_replies** [OP]: It works")
    assert not others_at(doc_view(page, markdown, "ama.md"), "It works for almost everyone")


def test_a_member_named_in_full_is_a_member() -> None:
    doc = doc_view(GROUP.replace("Tanya R.:", "Tanya Reyes:"), text)
    assert others_at(doc, "It cured my migraines completely")


FOOTED = (
    'Facebook group (private): "Larchmont Ketamine Patients". Exported comments.\n'
    "Larchmont Ketamine Clinic (admin): Welcome! Ketamine infusions are completely safe for everyone who comes in.\n"
    "Tanya Reyes\n"
    "It cured my migraines completely!\n"
    "Like · Reply · 2d\n"
    "Greg Walsh\n"
    "Mine worked instantly.\n"
    "Like · Reply · 1d\n"
    "Ketamine works for almost everyone.\n"
)


def test_a_name_over_a_comment_with_a_feed_footer_opens_a_members_turn() -> None:
    doc = doc_view(FOOTED, text)
    assert others_at(doc, "It cured my migraines completely")
    assert others_at(doc, "Mine worked instantly")


def test_a_feed_footer_closes_the_members_comment() -> None:
    assert not others_at(doc_view(FOOTED, text), "Ketamine works for almost everyone")


def test_a_name_with_no_footer_below_opens_no_turn() -> None:
    page = FOOTED.replace("Like · Reply · 2d\n", "").replace("Like · Reply · 1d\n", "")
    assert not others_at(doc_view(page, text), "It cured my migraines completely")


def test_footed_names_on_a_page_that_is_no_group_stay_the_sellers_quotes() -> None:
    page = FOOTED.replace('Facebook group (private): "Larchmont Ketamine Patients".', "Larchmont Ketamine.")
    assert not others_at(doc_view(page, text), "It cured my migraines completely")

"""Words a line poses, labels a myth, names as a term or only announces are not claimed (ruletypes.framing)."""

from __future__ import annotations

import pytest

from claimlint.ruletypes.framing import announcement, denied_claim, myth_line, named_term, posed_statement
from claimlint.textutil import sentence_bounds


def _span(text: str, word: str) -> tuple[int, int, int, int]:
    start = text.index(word)
    end = start + len(word)
    s_lo, s_hi = sentence_bounds(text, start, end)
    return s_lo, start, end, s_hi


@pytest.mark.parametrize(
    ("text", "word"),
    [
        (
            "2. True or false: monitoring during an infusion makes ketamine risk-free. False. Side effects occur.",
            "risk-free",
        ),
        ("True or false? Ketamine cures fibromyalgia. False: no trial shows a cure.", "cures"),
        ("Fact or myth: infusions are never habit-forming. Myth. Ketamine is Schedule III.", "habit-forming"),
        ("A patient asks whether ketamine is FDA-approved for nerve pain. Correct answer: No.", "FDA-approved"),
        ("Many readers wonder if one infusion can end pain for good.", "end pain for good"),
        ("She wants to know whether the lozenges are as safe as an IV.", "as safe as"),
    ],
)
def test_a_statement_posed_to_be_judged_is_not_asserted(text: str, word: str) -> None:
    assert posed_statement(text, _span(text, word))


@pytest.mark.parametrize(
    ("text", "word"),
    [
        ("True or false: ketamine relieves pain fast. True! Book today.", "relieves pain fast"),
        ("Monitoring makes ketamine risk-free. False alarms are rare.", "risk-free"),
        ("Ask us about infusions: one visit can end pain for good.", "end pain for good"),
        ("If you qualify, one infusion can end pain for good.", "end pain for good"),
    ],
)
def test_an_asserted_claim_or_a_prompt_answered_true_stays_a_claim(text: str, word: str) -> None:
    assert not posed_statement(text, _span(text, word))


@pytest.mark.parametrize(
    "text",
    [
        'Myth: "Ketamine is addictive."',
        "Myth #3: It's only for people who've tried everything.",
        "- **Myth:** infusions are risk-free",
        "Common misconception: one infusion cures CRPS.",
    ],
)
def test_a_line_labelled_a_myth_is_a_mention(text: str) -> None:
    start = text.rindex(":") + 1
    assert myth_line(text, 0, start)


@pytest.mark.parametrize(
    "text",
    [
        "Fact: one series carries patients comfortably for months.",
        "Bust the myths: one series carries patients for months.",
        "No myth: one infusion cures CRPS.",
    ],
)
def test_a_fact_line_or_a_line_that_only_names_myths_stays_a_claim(text: str) -> None:
    assert not myth_line(text, 0, len(text) - 5)


@pytest.mark.parametrize(
    ("text", "word"),
    [
        ('Vocabulary note: "breakthrough pain" is a clinical term, not a claim.', "breakthrough"),
        ('A "breakthrough" treatment, on the other hand, is marketing language.', "breakthrough"),
        ('The phrase "risk-free" never appears in our copy.', "risk-free"),
        ("In this leaflet, 'relief' means a drop of two points or more.", "relief"),
        ('Words like "miracle" are hype.', "miracle"),
    ],
)
def test_a_quotation_named_as_a_term_is_a_mention(text: str, word: str) -> None:
    assert named_term(text, _span(text, word))


@pytest.mark.parametrize(
    ("text", "word"),
    [
        ('Patients call it "a breakthrough" and the results speak for themselves.', "breakthrough"),
        ("Our breakthrough treatment is the term of the year.", "breakthrough"),
        ('"I was pain-free after one infusion, and that is the honest truth of what happened," says Ana.', "pain-free"),
    ],
)
def test_a_quoted_testimonial_or_unquoted_hype_stays_a_claim(text: str, word: str) -> None:
    assert not named_term(text, _span(text, word))


@pytest.mark.parametrize(
    "text",
    [
        "WHAT MEMBERS SAY",
        "A member's story",
        "Preview: Dana's story, in her own words.",
        "Patient stories",
        "What our patients are saying",
        "Real patient reviews",
        "## What patients say after switching",
        "0:00 Rachel's story",
    ],
)
def test_a_label_that_only_announces_testimonials_is_not_a_claim(text: str) -> None:
    assert announcement(text, 0, len(text))


@pytest.mark.parametrize(
    "text",
    [
        "Real patients, real relief",
        "Dana's story: pain-free in one visit",
        "What members say about us: it works.",
        "Subject: I drove to my daughter's recital without a heating pad",
        "14:40 Rachel, six months later: still walking, still smiling",
    ],
)
def test_a_label_that_claims_stays_checked(text: str) -> None:
    assert not announcement(text, 0, len(text))


@pytest.mark.parametrize(
    ("text", "word", "denied"),
    [
        ("The Board found no evidence that a single infusion ends chronic pain.", "ends chronic pain", True),
        ("The review did not find that ketamine is safe for home use.", "safe for home use", True),
        ("The court found that the clinic's ads were false.", "false", False),
        ("There is no evidence that ketamine is addictive at our doses.", "addictive", False),
    ],
)
def test_a_claim_a_third_party_finds_unsupported_is_reported(text: str, word: str, denied: bool) -> None:
    assert denied_claim(text, _span(text, word)) is denied

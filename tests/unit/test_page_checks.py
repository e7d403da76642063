"""Golden pages for the default pack's page-level checks, by the claims guide's definitions.

Each page is a genre a seller publishes or a neutral text that mentions the
treatment. The expected categories follow the guide (section B, categories
22-24; section C) and the held-out sets' labelling conventions: a seller's
page promoting ketamine owes the off-label statement, three risk groups in
its body, and screening advice; a risk named only to deny it, a pointer to
risks elsewhere, a disclosure only in alt text or a meta description, and a
sales step ("medical evaluation required") do not count; clinical paperwork
that promotes nothing owes none of them, and a page that names a clinic but
makes no claim owes no risk or screening statement (the guide's risk check
applies to pages with "benefit claims").
"""

from __future__ import annotations

from functools import cache

import pytest

from claimlint.builtin import default_pack_path
from claimlint.engine import CompiledRules, check_text, compile_rules
from claimlint.plugins import get_registry
from claimlint.rulefile import load_pack_text

OFF = "missing-offlabel-disclosure"
RISK = "missing-risk-info"
SCREEN = "missing-screening-advice"

C1 = (
    "Ketamine is FDA-approved only as an anesthetic. Using ketamine infusions to treat chronic pain is "
    "off-label: the FDA has not reviewed or approved ketamine as safe or effective for this use."
)
C2_RISKS = (
    "Ketamine can cause dissociation, hallucinations, nausea and vomiting, and increases in blood pressure "
    "and heart rate. It is a controlled substance with potential for misuse and dependence."
)
C2_SCREEN = "It is not suitable for everyone. Talk with your doctor about whether ketamine is right for you."


@cache
def _compiled() -> CompiledRules:
    registry = get_registry(False)
    path = default_pack_path()
    with open(path, encoding="utf-8") as fh:
        rules = load_pack_text(path, fh.read(), registry.rule_types).rules
    return compile_rules(rules, registry.rule_types)


def page_checks(text: str, fmt: str) -> set[str]:
    """The guide's page-level categories the default pack reports for ``text`` read as ``fmt``."""
    registry = get_registry(False)
    path = {"markdown": "page.md", "html": "page.html", "text": "page.txt"}[fmt]
    result = check_text(path, text, registry.formats[fmt], _compiled())
    return {f.rule.category for f in result.findings if f.rule.category in (OFF, RISK, SCREEN)}


PRESS_RELEASE = """\
# Harbor Pain Centers Opens Ketamine Infusion Suite in Port Alden

PORT ALDEN, Mass. -- Harbor Pain Centers today opened its fifth location, bringing low-dose ketamine
infusions for chronic pain to the North Shore.

"Patients who have tried everything finally get relief," said Dr. Ana Ruiz, the centers' medical director.

The Port Alden center is open Monday through Saturday. Consultations are free, and patients can book
online at harborpain.example.

**Media contact:** press@harborpain.example
"""

SPONSORED = """\
<html><body>
<p>SPONSORED CONTENT. Paid for by Reliant Ketamine Partners.</p>
<h1>The nurse who got her weekends back</h1>
<p>After nine years of back pain, Maria tried ketamine infusions at Reliant. Four infusions later she
was gardening again.</p>
<p>Reliant accepts HSA and FSA cards and offers a free 15-minute phone consultation.</p>
</body></html>
"""

CAROUSEL = """\
[SLIDE 1] Low-dose ketamine infusions.
[SLIDE 2] Five visits. One very different baseline.
[SLIDE 3] Ketamine resets the pain signals in your brain.
[SLIDE 4] Book through the link in our bio. #ketamine #chronicpain
"""

SALES_STEP = """\
# Ketamine infusions at Quarry Hill

Our ketamine infusions help you take your life back from nerve pain.

Medical evaluation required. Book your consultation today.

{c1}

{risks}
"""

CANDIDATE_WILL_BE = """\
# Ketamine infusions at Quarry Hill

Our ketamine infusions help you take your life back from nerve pain. Not everyone will be a candidate.
Book your consultation today.

{c1}

{risks}
"""

APOSTROPHE_DOCTOR = """\
# Ketamine infusions at Quarry Hill

Our ketamine infusions help you take your life back from nerve pain. Talk with your partner's doctor too.
Book your consultation today.

{c1}

{risks}
"""

SURGERY_QUESTION = """\
# Ketamine infusions at Quarry Hill

Our ketamine infusions help you take your life back from nerve pain. Not a candidate for surgery?
You're exactly who we help. Book your consultation today.

{c1}

{risks}
"""

ALT_TEXT_RISKS = """\
<html><body>
<h1>Ketamine infusions at Quarry Hill</h1>
<p>Our ketamine infusions help you take your life back from nerve pain. Book your consultation today.</p>
<img src="risks.png" alt="{risks}">
<p>{c1} {screen}</p>
</body></html>
"""

META_OFFLABEL = """\
<html><head><meta name="description" content="{c1}"></head><body>
<h1>Ketamine infusions at Quarry Hill</h1>
<p>Our ketamine infusions help you take your life back from nerve pain. Book your consultation today.</p>
<p>{risks} {screen}</p>
</body></html>
"""

DENIED_RISKS = """\
# Ketamine infusions at Quarry Hill

Our ketamine infusions help you take your life back from nerve pain. Book your consultation today.

There is no risk of addiction with our protocol, and minimal side effects like nausea or a blood pressure
bump. Some people feel a brief dissociation.

{c1} {screen}
"""

DISCHARGE = """\
DISCHARGE INSTRUCTIONS - AFTER YOUR KETAMINE INFUSION
Day Treatment Unit, Pain Management Service

You received a low-dose ketamine infusion today. Please read these instructions with the adult who is
taking you home. Do not drive for the rest of today.

Some people notice less pain for a while and many notice no change. Call our unit if you feel unwell.

Nurse signature: ______________________
"""

NEWS_STORY = """\
<html><body>
<h1>Researchers test ketamine for nerve pain after spinal cord injury</h1>
<p>A team at the medical school is recruiting adults with spinal cord injury pain for a study of ketamine
infusions.</p>
<p>"We do not yet know whether the benefit lasts," said the lead researcher. "That is what we want to find
out."</p>
<p>Participants will receive either ketamine or a placebo. You can read about eligibility on the study
website.</p>
</body></html>
"""

NEWSLETTER = """\
PAIN SUPPORT NETWORK - Spring newsletter

This quarter our speaker was a nurse from the regional pain clinic, who talked about ketamine infusions
and other options for chronic pain.

She said that many people feel spaced out during the infusion and that results are very mixed. Several of
our members asked about cost.

Our next meeting is on the 14th. You are welcome to bring a friend.
"""

FULL_DISCLOSURE = """\
# Ketamine infusions at Quarry Hill

Our ketamine infusions may ease your nerve pain. Book your consultation today.

{c1}

{risks} {screen}
"""

ADDICTION_DENIED = """\
# Ketamine infusions at Quarry Hill

Our ketamine infusions help you take your life back from nerve pain. Book your consultation today.

Some people feel a brief dissociation, and your blood pressure may rise during the infusion. There is no
risk of addiction at our doses.

{c1} {screen}
"""

OTHER_DISCLAIMER = """\
# Ketamine infusions at Quarry Hill

Our ketamine infusions help you take your life back from nerve pain. Book your consultation today.

Ketamine at our clinic is not for recreational use and is given only for pain.

{risks} {screen}
"""

SUPPLEMENT_POINTER = """\
# Apex joint capsules

Our turmeric capsules ease your joint pain and help you move freely. Order today.

See risks. Not suitable for everyone: talk to your doctor before use.
"""

SUPPLEMENT_STATED = """\
# Apex joint capsules

Our turmeric capsules ease your joint pain and help you move freely. Order today.

Side effects can include stomach upset and, with blood thinners, bleeding. Not suitable for everyone:
talk to your doctor before use.
"""


def _fill(page: str) -> str:
    return page.format(c1=C1, risks=C2_RISKS, screen=C2_SCREEN)


@pytest.mark.parametrize(
    ("page", "fmt", "expected"),
    [
        pytest.param(PRESS_RELEASE, "markdown", {OFF, RISK, SCREEN}, id="press-release-third-person"),
        pytest.param(SPONSORED, "html", {OFF, RISK, SCREEN}, id="sponsored-article"),
        pytest.param(CAROUSEL, "text", {OFF, RISK, SCREEN}, id="carousel-without-benefit-words"),
        pytest.param(FULL_DISCLOSURE, "markdown", set(), id="c1-and-c2-present"),
    ],
)
def test_a_sellers_page_owes_each_disclosure_it_lacks(page: str, fmt: str, expected: set[str]) -> None:
    assert page_checks(_fill(page), fmt) == expected


@pytest.mark.parametrize(
    ("page", "fmt", "expected"),
    [
        pytest.param(SALES_STEP, "markdown", {SCREEN}, id="medical-evaluation-required-is-a-sales-step"),
        pytest.param(SURGERY_QUESTION, "markdown", {SCREEN}, id="candidate-for-surgery-question"),
        pytest.param(CANDIDATE_WILL_BE, "markdown", set(), id="not-everyone-will-be-a-candidate"),
        pytest.param(APOSTROPHE_DOCTOR, "markdown", set(), id="talk-with-your-partners-doctor"),
    ],
)
def test_screening_advice_is_the_guides_advice_not_a_sales_step(page: str, fmt: str, expected: set[str]) -> None:
    assert page_checks(_fill(page), fmt) == expected


@pytest.mark.parametrize(
    ("page", "fmt", "expected"),
    [
        pytest.param(ALT_TEXT_RISKS, "html", {RISK}, id="risks-only-in-alt-text"),
        pytest.param(META_OFFLABEL, "html", {OFF}, id="offlabel-only-in-meta-description"),
        pytest.param(DENIED_RISKS, "markdown", {RISK}, id="risks-named-to-deny-or-minimize"),
        pytest.param(ADDICTION_DENIED, "markdown", {RISK}, id="addiction-named-to-deny-it"),
        pytest.param(OTHER_DISCLAIMER, "markdown", {OFF}, id="a-statement-about-use-is-not-off-label"),
    ],
)
def test_a_disclosure_counts_only_when_the_reader_gets_it(page: str, fmt: str, expected: set[str]) -> None:
    assert page_checks(_fill(page), fmt) == expected


def test_clinical_paperwork_promotes_nothing_and_owes_nothing() -> None:
    assert page_checks(DISCHARGE, "text") == set()


@pytest.mark.parametrize(
    ("page", "fmt"),
    [
        pytest.param(NEWS_STORY, "html", id="news-story-quoting-a-researcher"),
        pytest.param(NEWSLETTER, "text", id="support-group-newsletter"),
    ],
)
def test_a_page_that_makes_no_claim_owes_no_risk_or_screening_statement(page: str, fmt: str) -> None:
    """The guide's risk check needs "benefit claims"; its off-label trigger does not, so CL221 may still ask."""
    assert page_checks(page, fmt) & {RISK, SCREEN} == set()


def test_a_pointer_to_risks_elsewhere_is_no_risk_statement() -> None:
    assert page_checks(SUPPLEMENT_POINTER, "markdown") == {RISK}
    assert page_checks(SUPPLEMENT_STATED, "markdown") == set()

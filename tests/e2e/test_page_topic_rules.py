"""Default-pack rules whose verdict depends on the page, not only the sentence.

A subscription page for at-home ketamine names the drug once and then sells convenience
("Take a 5-minute online quiz"): CL214 flags those steps only on a page whose topic is at-home
ketamine, so a clinic page offering online booking for in-clinic infusions, or a warning about
at-home use, stays clean. A narrated patient story is a testimonial on a seller's page (CL138)
and a case description elsewhere. A promotion without the full fee is a cost claim (CL196); a
page saying it offers no discounts is not.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

PAGES = {
    "at-home.md": (
        "# Ketamine lozenges for chronic pain, delivered to your door\n\n"
        "Take a 5-minute online quiz.\n\n"
        "Refills ship every month in plain packaging.\n\n"
        "Keep your lozenges in your nightstand for bad days.\n"
    ),
    "clinic-booking.md": (
        "# Ketamine infusions at Lakeside Pain Clinic\n\n"
        "Every infusion is given in our clinic with a nurse present.\n\n"
        "Take a 5-minute online quiz before your first visit.\n\n"
        "Book online in two minutes.\n"
    ),
    "at-home-warning.md": (
        "# Ketamine lozenges by mail: what the FDA says\n\n"
        "The FDA warns that ketamine used at home without monitoring adds risk.\n\n"
        "Refills that ship every month are not a substitute for monitoring, the agency warned.\n"
    ),
    "seller-story.md": (
        "# Ketamine infusions for nerve pain at our clinic\n\n"
        "Call us today to book a consultation.\n\n"
        "Ask Dana. After her third infusion she walked her daughter down the aisle.\n"
    ),
    "case-report.md": (
        "# Ketamine for complex regional pain syndrome: a case description\n\n"
        "A 52-year-old woman with CRPS received five low-dose ketamine infusions.\n\n"
        "After her third infusion she walked her daughter down the aisle.\n"
    ),
    "promo.md": (
        "# Ketamine infusions for chronic pain at our clinic\n\n"
        "Book your consultation this week and take 15% off your first series.\n\n"
        "We do not offer discounts or promo codes on the infusion series.\n"
    ),
}


@pytest.fixture(scope="module")
def lines(tmp_path_factory: pytest.TempPathFactory) -> dict[str, dict[int, set[str]]]:
    """Rule ids per line, per page, from one run of the CLI over all pages."""
    root = tmp_path_factory.mktemp("pages")
    for name, text in PAGES.items():
        (root / name).write_text(text, encoding="utf-8")
    cmd = [sys.executable, "-m", "claimlint", "check", "--isolated", "--format", "json", "--fail-on", "never"]
    proc = subprocess.run([*cmd, *(str(root / n) for n in PAGES)], capture_output=True, text=True, check=True)
    out: dict[str, dict[int, set[str]]] = {name: {} for name in PAGES}
    for finding in json.loads(proc.stdout)["findings"]:
        if finding.get("scope") != "document":
            out[Path(str(finding["path"])).name].setdefault(int(finding["line"]), set()).add(str(finding["rule"]))
    return out


def test_at_home_ketamine_steps_are_flagged_on_an_at_home_page(lines: dict[str, dict[int, set[str]]]) -> None:
    page = lines["at-home.md"]
    assert {3, 5, 7} <= {line for line, ids in page.items() if "CL214" in ids}


@pytest.mark.parametrize("name", ["clinic-booking.md", "at-home-warning.md"])
def test_at_home_steps_are_not_flagged_on_a_clinic_page_or_a_warning(
    lines: dict[str, dict[int, set[str]]], name: str
) -> None:
    assert not any("CL214" in ids for ids in lines[name].values())


def test_a_narrated_story_is_a_testimonial_on_a_sellers_page(lines: dict[str, dict[int, set[str]]]) -> None:
    assert "CL138" in lines["seller-story.md"].get(5, set())


def test_a_narrated_story_is_not_a_testimonial_in_a_case_description(lines: dict[str, dict[int, set[str]]]) -> None:
    assert not any("CL138" in ids for ids in lines["case-report.md"].values())


def test_a_discount_is_a_cost_claim_and_no_discount_is_not(lines: dict[str, dict[int, set[str]]]) -> None:
    assert "CL196" in lines["promo.md"].get(3, set())
    assert "CL196" not in lines["promo.md"].get(5, set())

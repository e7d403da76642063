"""A researcher's "our protocol" is a method, not a seller speaking of its own offer (``&page_reader``).

The marker reads "our protocol" as a seller naming its own product so that
a clinic's own-offer page owes the page-level disclosures. A methods page or
a trial registry writes "In our protocol, patients received..." or "Our
study protocol was approved...": the same words describe what was done to
participants, and alone they must not make a research page a seller's.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from claimlint.engine import check_text, compile_rules
from claimlint.plugins import get_registry
from claimlint.rulefile import load_pack_text

RULES = Path(__file__).resolve().parents[2] / "rules.yaml"

METHODS = (
    "# Low-dose ketamine infusion for refractory chronic pain: study methods\n\n"
    "## Methods\n\n"
    "In our protocol, patients received ketamine infusions of 0.5 mg/kg over 40 minutes on five consecutive days. "
    "Our study protocol was approved by the institutional review board and registered before enrolment. "
    "Pain scores were recorded at baseline and at 4 and 12 weeks.\n\n"
    "## Outcomes\n\nThe primary outcome was the change in average pain intensity at 4 weeks.\n"
)
SELLER = (
    "# Ketamine infusions for chronic pain\n\n"
    "Our protocol is designed for lasting relief from chronic pain with ketamine infusions.\n"
)
PAGE_LEVEL = {"missing-offlabel-disclosure", "missing-risk-info", "missing-screening-advice"}


@pytest.fixture(scope="module")
def lint() -> Callable[[str], set[str]]:
    """A function giving the page-level categories the default pack finds on a Markdown page."""
    registry = get_registry()
    ruleset = load_pack_text(str(RULES), RULES.read_text(encoding="utf-8"), registry.rule_types)
    compiled = compile_rules(ruleset.rules, registry.rule_types)

    def categories(text: str) -> set[str]:
        result = check_text("page.md", text, registry.formats["markdown"], compiled)
        return {f.rule.category for f in result.findings} & PAGE_LEVEL

    return categories


def test_a_methods_page_saying_our_protocol_owes_no_seller_disclosures(lint: Callable[[str], set[str]]) -> None:
    assert lint(METHODS) == set()


def test_a_seller_speaking_of_its_own_protocol_still_owes_them(lint: Callable[[str], set[str]]) -> None:
    assert lint(SELLER) == PAGE_LEVEL


def test_a_seller_saying_in_our_protocol_to_the_reader_still_owes_them(lint: Callable[[str], set[str]]) -> None:
    page = SELLER.replace("Our protocol is designed", "In our protocol, you get six infusions designed")
    assert lint(page) == PAGE_LEVEL

"""Structural checks on the default pack (rules.yaml) beyond schema validity.

The pack is the product: every rule must carry its examples, a reviewer-grade
explanation, a compliant suggestion and evidence from the claims guide's
reference list, with ids grouped by the guide's 24 categories and severities
that follow the guide's H/M/L ratings.
"""

from __future__ import annotations

import importlib.util
import re
from collections import Counter
from pathlib import Path

import pytest
import yaml

from claimlint.config import Settings, load_ruleset
from claimlint.model import Rule
from claimlint.plugins import get_registry
from claimlint.selftest import run_examples

ROOT = Path(__file__).resolve().parent.parent
PACK = ROOT / "rules.yaml"

# The guide's section B: number -> (category, severities its rules may use).
# H -> error, M -> warning, L -> info; ranges ("M-H", "L; H for wonder") allow both ends.
CATEGORIES: dict[int, tuple[str, frozenset[str]]] = {
    1: ("natural-claim", frozenset({"error"})),
    2: ("absolute-safety", frozenset({"error"})),
    3: ("risk-minimization", frozenset({"warning"})),
    4: ("addiction-risk-denial", frozenset({"error"})),
    5: ("comparative-safety", frozenset({"error"})),
    # H, and section D rates a line that only hints at a cure L (seed 001 L8.4, seed 003 L14.1).
    6: ("cure-guarantee", frozenset({"error", "info"})),
    7: ("miracle-hype", frozenset({"info", "error"})),
    8: ("speed-of-relief", frozenset({"error"})),
    9: ("durability-overclaim", frozenset({"warning"})),
    10: ("efficacy-overstatement", frozenset({"warning", "error"})),
    11: ("broad-indication", frozenset({"warning"})),
    12: ("mechanism-overclaim", frozenset({"warning", "error"})),
    13: ("testimonial-endorsement", frozenset({"error"})),
    # M-H, and the guide downgrades a cited appeal to research to "verify citation".
    14: ("unsupported-evidence", frozenset({"warning", "error", "info"})),
    15: ("study-misrepresentation", frozenset({"error"})),
    16: ("citation-mismatch", frozenset({"info", "warning"})),
    17: ("protocol-cited-as-results", frozenset({"error"})),
    18: ("comparative-superiority", frozenset({"warning"})),
    19: ("cost-claim", frozenset({"warning"})),
    20: ("fda-status-misstatement", frozenset({"error"})),
    21: ("at-home-compounded", frozenset({"error"})),
    # H for the page-level check; section D rates a mismatched disclaimer line M.
    22: ("missing-offlabel-disclosure", frozenset({"error", "warning"})),
    23: ("missing-risk-info", frozenset({"error"})),
    24: ("missing-screening-advice", frozenset({"warning"})),
}

# Sources in the guide's reference list [1]-[22] (DOIs and URLs, as written there;
# the Cochrane review [19] is given by PMID, so its PubMed address is derived from it).
GUIDE_SOURCES = frozenset(
    {
        "https://www.ftc.gov/business-guidance/resources/health-products-compliance-guidance",
        "https://www.federalregister.gov/documents/2023/07/26/2023-14795",
        "https://www.ftc.gov/system/files/ftc_gov/pdf/Sample-cover-letter-substantiaton.pdf",
        "https://www.ecfr.gov/current/title-21/part-202/section-202.1",
        "https://doi.org/10.1001/jamanetworkopen.2023.42210",
        "https://law.lis.virginia.gov/admincode/title18/agency85/chapter20/section30",
        "https://support.google.com/adspolicy/answer/15936857",
        "https://www.asa.org.uk/advice-online/healthcare-prescription-only-medicine.html",
        "https://legislation.gov.uk/eudr/2001/83/article/90",
        "https://drugcentral.org/label/dd8eff00-b92e-4f48-8b57-0464484d6ddf/view",
        "https://www.govinfo.gov/content/pkg/FR-1999-07-13/html/99-17803.htm",
        "https://www.fda.gov/drugs/human-drug-compounding/fda-alerts-health-care-professionals-potential-risks-associated-compounded-ketamine-nasal-spray",
        "https://doi.org/10.1136/rapm-2025-106907",
        "https://doi.org/10.1111/bcp.12094",
        "https://doi.org/10.7759/cureus.18910",
        "https://doi.org/10.1186/s13063-021-05814-4",
        "https://doi.org/10.1097/AAP.0000000000000808",
        "https://doi.org/10.1213/ANE.0000000000004185",
        "https://pubmed.ncbi.nlm.nih.gov/40819842/",
        "https://www.aetna.com/cpb/medical/data/900_999/0938.html",
        "https://www.consumerprotectionreview.com/2021/10/ftc-follows-through-on-prioritizing-investigations-into-false-advertising-in-healthcare-markets/",
    }
)
PRINCIPLE = re.compile(
    r"FTC|CFR|fair balance|Endorsement|Google|Dir\. 2001/83|EU |label|Schedule|FDA|18VAC85|guidelines?"
)
ID = re.compile(r"^CL(\d{2})(\d)$")


@pytest.fixture(scope="module")
def rules() -> list[Rule]:
    return load_ruleset(Settings(), get_registry()).rules


@pytest.fixture(scope="module")
def raw() -> dict:
    return yaml.safe_load(PACK.read_text(encoding="utf-8"))


def test_packaged_pack_is_the_repo_root_file() -> None:
    packaged = ROOT / "src" / "claimlint" / "rules.yaml"
    assert packaged.resolve() == PACK.resolve()


def test_rule_examples_pass() -> None:
    failures, checked = run_examples([str(PACK)], get_registry())
    assert not failures, "\n".join(failures)
    assert checked >= 6 * 24


def test_every_rule_has_three_bad_and_three_good_examples(rules: list[Rule]) -> None:
    thin = [r.id for r in rules if len(r.bad_examples) < 3 or len(r.good_examples) < 3]
    assert not thin


def test_ids_are_unique_sorted_and_grouped_by_guide_category(rules: list[Rule]) -> None:
    ids = [r.id for r in rules]
    assert len(ids) == len(set(ids))
    assert ids == sorted(ids)
    for rule in rules:
        m = ID.match(rule.id)
        assert m, f"{rule.id}: ids are CL<cc><n>"
        category, _ = CATEGORIES[int(m.group(1))]
        assert rule.category == category, f"{rule.id} is in category {rule.category!r}, expected {category!r}"
        assert m.group(2) != "0"


def test_all_24_categories_are_covered(rules: list[Rule]) -> None:
    assert {r.category for r in rules} == {name for name, _ in CATEGORIES.values()}


def test_severities_follow_the_guide(rules: list[Rule]) -> None:
    for rule in rules:
        _, allowed = CATEGORIES[int(rule.id[2:4])]
        assert str(rule.severity) in allowed, f"{rule.id}: {rule.severity} not in {sorted(allowed)}"


def test_document_level_checks_are_documents(rules: list[Rule]) -> None:
    by_category = Counter(r.category for r in rules if r.type == "disclosure")
    for category in ("missing-offlabel-disclosure", "missing-risk-info", "missing-screening-advice"):
        assert by_category[category] >= 1
    risk = next(r for r in rules if r.category == "missing-risk-info" and r.type == "disclosure")
    assert risk.params["min"] == 3
    assert risk.params.get("unless")


def test_reference_aware_checks_exist(rules: list[Rule]) -> None:
    cited = {r.category for r in rules if r.type == "cited"}
    assert cited == {"citation-mismatch", "protocol-cited-as-results"}


def test_every_rule_explains_itself(rules: list[Rule]) -> None:
    for rule in rules:
        assert rule.suggestion, rule.id
        assert rule.evidence, rule.id
        assert len(str(rule.params.get("description", ""))) > 80, rule.id
        assert PRINCIPLE.search(rule.message), f"{rule.id}: the message should name the principle"


def test_suggestions_never_paraphrase_figures_loosely(rules: list[Rule]) -> None:
    loose = re.compile(r"\b(?:nearly|almost|about|roughly) (?:half|\d+%)", re.IGNORECASE)
    for rule in rules:
        assert not loose.search(rule.suggestion), rule.id


def test_every_evidence_id_resolves_and_every_entry_is_used(raw: dict) -> None:
    registry = set(raw["evidence"])
    used = {eid for rule in raw["rules"] for eid in rule.get("evidence", [])}
    assert used <= registry, sorted(used - registry)
    assert registry <= used, f"unused evidence: {sorted(registry - used)}"


def test_evidence_comes_from_the_guides_reference_list(rules: list[Rule]) -> None:
    for rule in rules:
        for ev in rule.evidence:
            assert ev.url in GUIDE_SOURCES, f"{ev.id}: {ev.url} is not in the guide's reference list"
            assert ev.citation, ev.id
            assert ev.finding, ev.id


def test_mechanical_replacements_are_limited_to_pure_hype(rules: list[Rule]) -> None:
    for rule in rules:
        if rule.replace is not None:
            assert rule.category == "miracle-hype", rule.id


def test_generated_rule_reference_in_docs_is_in_sync() -> None:
    """docs/rules.md's generated part equals `claimlint rules --format markdown` for the default pack."""
    spec = importlib.util.spec_from_file_location("gen_rule_docs", ROOT / "scripts" / "gen_rule_docs.py")
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    current = (ROOT / "docs" / "rules.md").read_text(encoding="utf-8")
    assert current == module.spliced(current, module.generated()), "run: python scripts/gen_rule_docs.py"

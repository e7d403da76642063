"""Rule documentation for reviewers: ``explain``, the Markdown reference and JSON."""

from __future__ import annotations

import json

from claimlint import ruledocs
from claimlint.model import Evidence, Rule, Severity

DOI = "https://doi.org/10.1097/AAP.0000000000000808"
EV = Evidence("ev1", "Cohen SP, et al. Reg Anesth Pain Med 2018.", DOI, "A finding.")
LINE = Rule(
    id="X011",
    name="wonder-drug",
    category="miracle-hype",
    severity=Severity.ERROR,
    type="phrase",
    message="Calls it a wonder drug (FTC).",
    suggestion="Ketamine is an anesthetic.",
    evidence=(EV,),
    bad_examples=("this wonder drug",),
    good_examples=("not a wonder drug", "A\n\n[1] Ref."),
    params={"phrases": ["wonder drug"], "description": "Longer background."},
    replace="treatment option",
)
PAGE = Rule(
    id="X221",
    name="missing-offlabel",
    category="missing-offlabel-disclosure",
    severity=Severity.WARNING,
    type="disclosure",
    message="No off-label statement.",
    params={"must": ["off-label"]},
)


def test_explain_leads_with_the_risk_and_ends_with_evidence_and_origin() -> None:
    text = ruledocs.explain(LINE)
    assert text.startswith("X011  wonder-drug\n  Category: Miracle hype   Severity: error (likely deceptive, H)")
    order = ["What is risky and why", "Background", "Flagged, for example", "Not flagged, for example"]
    order += ["Suggested compliant wording", "Automatic fix", "Evidence", "Rule type 'phrase'"]
    positions = [text.index(head) for head in order]
    assert positions == sorted(positions)
    assert "[1] Cohen SP" in text
    assert "https://doi.org/10.1097/AAP.0000000000000808" in text
    assert "Finding: A finding." in text
    assert "ok A / [1] Ref." in text


def test_page_level_rules_say_they_check_the_page() -> None:
    assert "Checks: the whole page" in ruledocs.explain(PAGE)
    assert "Checks: each sentence" in ruledocs.explain(LINE)


def test_markdown_groups_by_category_and_links_each_rule() -> None:
    md = ruledocs.markdown([LINE, PAGE])
    assert "| [X011](#x011-wonder-drug) | wonder-drug | miracle-hype | error | sentence |" in md
    assert "| [X221](#x221-missing-offlabel) | missing-offlabel | missing-offlabel-disclosure | warning | page |" in md
    assert md.index("### Miracle hype (`miracle-hype`)") < md.index("#### X011 wonder-drug")
    assert "> Ketamine is an anesthetic." in md
    assert "<https://doi.org/10.1097/AAP.0000000000000808> — A finding." in md
    assert "`--fix` replaces the flagged phrase with `treatment option`" in md


def test_json_lists_scope_and_evidence_ids() -> None:
    rows = json.loads(ruledocs.render([LINE, PAGE], "json"))
    assert [(r["id"], r["scope"], r["evidence"]) for r in rows] == [("X011", "sentence", ["ev1"]), ("X221", "page", [])]

"""Short copy on a seller's page inherits the page's subject (ruletypes.subject)."""

from __future__ import annotations

import pytest

from claimlint.api import DocView
from claimlint.model import Rule, Segment
from claimlint.plugins import get_registry
from claimlint.rulefile import load_pack_text
from claimlint.ruletypes.subject import inherits, is_fragment, sells, unit_bounds
from claimlint.sources import html, markdown, text

SELLER_HTML = """<html><head><title>PRP Hair Restoration | Lumen Aesthetics</title></head><body>
<h1>Thicker hair, from your own blood.</h1>
<p>We draw a small tube of your blood, spin it and inject the platelet-rich plasma (PRP) into thinning areas.</p>
<ul><li>Visible regrowth in as little as 6 weeks</li></ul>
<p><a href="/book">Book your free consultation</a></p>
</body></html>
"""

NEWS_HTML = """<html><head><title>Clinics sell PRP for thinning hair</title></head><body>
<h1>Thicker hair, from your own blood?</h1>
<p>PRP injections are spreading through strip-mall clinics, our reporter found, and the evidence is thin.</p>
<ul><li>Visible regrowth in as little as 6 weeks, one ad promised</li></ul>
</body></html>
"""

RULES = """version: 1
rules:
  - id: T1
    name: t1
    category: c
    severity: error
    type: pattern
    message: m
    patterns: ['\\bregrowth\\b']
    context: ['\\bPRP\\b']
    page_topic: {flag}
"""


def _rule(flag: str = "true") -> Rule:
    return load_pack_text("t.yaml", RULES.format(flag=flag), get_registry(False).rule_types).rules[0]


def _html(source: str) -> DocView:
    return DocView("page.html", source, html.parse(source).segments)


def _find(doc: DocView, needle: str) -> tuple[Segment, int, int]:
    for seg in doc.segments:
        at = seg.text.find(needle)
        if at >= 0:
            return seg, *doc.sentence(seg, at, at + len(needle))
    raise AssertionError(needle)


def test_a_bullet_on_a_sellers_page_takes_the_pages_subject() -> None:
    doc = _html(SELLER_HTML)
    seg, lo, hi = _find(doc, "Visible regrowth")
    assert seg.kind == "list"
    assert inherits(doc, seg, (lo, hi), (r"\bPRP\b",), _rule())


def test_a_rule_without_page_topic_inherits_nothing() -> None:
    doc = _html(SELLER_HTML)
    seg, lo, hi = _find(doc, "Visible regrowth")
    assert not inherits(doc, seg, (lo, hi), (r"\bPRP\b",), _rule("false"))


def test_a_news_storys_list_item_has_no_seller_to_inherit_from() -> None:
    doc = _html(NEWS_HTML)
    seg, lo, hi = _find(doc, "Visible regrowth")
    assert not sells(doc)
    assert not inherits(doc, seg, (lo, hi), (r"\bPRP\b",), _rule())


def test_the_subject_must_be_on_the_page() -> None:
    doc = _html(SELLER_HTML)
    seg, lo, hi = _find(doc, "Visible regrowth")
    assert not inherits(doc, seg, (lo, hi), (r"\bhyperbaric\b",), _rule())


def test_a_seller_quoted_by_someone_else_does_not_make_the_page_sell() -> None:
    source = 'A reader wrote in.\n\nThe flyer said "Book your free consultation today" in red.\n'
    doc = DocView("page.txt", source, text.parse(source).segments)
    assert not sells(doc)


def _seg(source: str) -> Segment:
    return markdown.parse(source).segments[0]


@pytest.mark.parametrize(
    "source",
    [
        "# Breathe. Heal. Repeat.\n",
        "- Stiff, achy knees and hips\n",
        "![Grandfather lifting grandchild, arthritis pain a thing of the past](a.jpg)\n",
        "Line chart: 84% of responders report they are still better one year later.\n",
    ],
)
def test_headings_list_items_alt_text_and_captions_are_fragments(source: str) -> None:
    seg = _seg(source)
    assert is_fragment(seg, 0, len(seg.text))


def test_a_paragraph_of_prose_is_not_a_fragment() -> None:
    prose = (
        "Hyperbaric oxygen therapy puts you in a chamber at raised pressure while you breathe pure oxygen, "
        "and most people spend an hour inside, reading or resting, while the staff watch from outside."
    )
    seg = _seg(prose + "\n")
    assert not is_fragment(seg, 0, len(seg.text))


def test_a_long_list_item_is_prose() -> None:
    item = "- " + " ".join(["word"] * 45) + "\n"
    seg = _seg(item)
    assert seg.kind == "list"
    assert not is_fragment(seg, 0, len(seg.text))


def test_a_unit_break_bounds_the_unit() -> None:
    source = "Headline: Chronic pain, meet your match\nPrimary text: " + " ".join(["more"] * 30) + "\n"
    seg = text.parse(source).segments[0]
    assert seg.breaks
    first = unit_bounds(seg, 0, 5)
    assert first == (0, seg.breaks[0] - 1) or first == (0, seg.breaks[0])
    assert is_fragment(seg, 0, 5)
    assert not is_fragment(seg, seg.breaks[0], len(seg.text))


@pytest.mark.parametrize(
    "source",
    [
        "Google Ads · Responsive search ad · Ad group: nerve pain\nFinal URL: example.com/pain\n\n1. Pain Relief\n",
        "Low-dose ketamine for nerve pain. Free consult, call today.\n",
        "Veterans in pain: apply for a free infusion series.\n",
        "Skip the waitlist and start your first infusion this week.\n",
    ],
)
def test_an_ad_export_a_call_today_and_an_offer_of_the_treatment_sell(source: str) -> None:
    doc = DocView("page.txt", source, text.parse(source).segments)
    assert sells(doc)


@pytest.mark.parametrize(
    "source",
    [
        "The study's final results are due next year.\n\nAsk your doctor about pain today.\n",
        "She did not call back today.\n\nThe infusion series was free for trial participants.\n",
    ],
)
def test_everyday_words_near_those_markers_do_not_sell(source: str) -> None:
    doc = DocView("page.txt", source, text.parse(source).segments)
    assert not sells(doc)

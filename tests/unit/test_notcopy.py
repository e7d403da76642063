"""Production slugs and low-rated reviews are not a seller's copy; titles and headings are not condition rosters."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import pytest
from packcheck import fired

from claimlint.builtin import default_pack_path
from claimlint.engine import CompiledRules, check_text, compile_rules
from claimlint.plugins import get_registry
from claimlint.rulefile import load_pack_text
from claimlint.ruletypes.notcopy import (
    bare_fragment,
    link_text,
    low_rated,
    not_copy,
    production_slug,
    set_up,
    settings_line,
)

PACK = """
version: 1
rules:
  - id: T1
    name: t
    category: efficacy-overstatement
    severity: warning
    type: pattern
    patterns: ['\\bquiet the pain\\b', '\\bworks great\\b', '\\bback on your feet\\b']
    message: m
"""


@pytest.mark.parametrize(
    "line",
    [
        '# "Quiet the Pain" tri-fold brochure · Copperleaf Infusion Centers · print copy v3',
        'SOLACE KETAMINE & PAIN — :30 LOCAL TV SPOT — "MORNING" — STORYBOARD v3 (client approved)',
        'BRIGHTWATER KETAMINE CENTER - :60 RADIO SPOT ("BACK ON YOUR FEET")',
        'TIDEWATER KETAMINE CLINIC — "Marisol\'s Story" (2:48) — final edit, caption transcript',
        "QUIETWATER KETAMINE | OUT-OF-HOME COPY DECK v3",
    ],
)
def test_a_line_naming_the_asset_or_its_version_is_a_slug(line: str) -> None:
    assert production_slug(line)


@pytest.mark.parametrize(
    "line",
    [
        "# Quiet the pain that pills could not touch",
        "Back on your feet by 10:30 on Monday",
        "Stillwater Circle: membership for people who are done hurting",
        "Feel 30% better in 15 minutes",
    ],
)
def test_a_headline_without_asset_words_is_copy(line: str) -> None:
    assert not production_slug(line)


@pytest.mark.parametrize(
    "line",
    [
        '★★☆☆☆ "Didn\'t notice anything after 3 weeks. Capsules are huge." (verified purchase)',
        '<p>★★★☆☆ "Nice cooling feeling. Not sure it does more than menthol." — Dev S.</p>',
        '**Gloria T.** (2 stars): "Didn\'t work for me"',
        "- 1 star: the pain came back after a week",
    ],
)
def test_a_review_of_three_stars_or_fewer_is_low_rated(line: str) -> None:
    assert low_rated(line)


@pytest.mark.parametrize(
    "line",
    [
        '★★★★★ "Better than my old prescription and I can actually sleep."',
        '<p>★★★★☆ "Works great on my knees." — Dana</p>',
        "Five stars for the nurses. My fibro is so much better.",
        "Top 3 star athletes swear by it: it works great.",
        "Rated 4.9 stars by 2,318 customers",
    ],
)
def test_a_good_rating_or_a_number_of_star_athletes_is_not_low_rated(line: str) -> None:
    assert not low_rated(line)


def test_only_the_files_first_non_blank_line_can_be_a_slug() -> None:
    text = "\n\nRADIO SPOT :60 (Back on your feet)\nVO: Back on your feet, script v3 says so.\n"
    assert not_copy(text, text.index("Back on"))
    assert not not_copy(text, text.index("VO:") + 4)


def test_a_slug_line_is_silent_but_the_same_words_below_it_fire() -> None:
    text = '# "Quiet the Pain" tri-fold brochure · print copy v3\n\nQuiet the pain for good with our infusions.\n'
    hits = fired(PACK, text, "markdown", "brochure.md")
    assert hits == ["T1"]


def test_a_first_line_without_asset_words_is_copy() -> None:
    assert fired(PACK, "# Quiet the pain for good\n\nBook today.\n", "markdown", "page.md") == ["T1"]


def test_a_low_rated_review_is_silent_and_a_five_star_one_fires() -> None:
    text = '★★☆☆☆ "Works great, said nobody. Nothing changed."\n\n★★★★★ "Works great on my back!"\n'
    assert fired(PACK, text) == ["T1"]


@lru_cache(maxsize=1)
def _default_rules() -> CompiledRules:
    registry = get_registry(False)
    path = Path(default_pack_path())
    rules = load_pack_text(str(path), path.read_text(encoding="utf-8"), registry.rule_types).rules
    return compile_rules(rules, registry.rule_types)


def _default_lines(text: str, fmt: str, path: str, rule_id: str) -> set[int]:
    """Lines where the default pack's rule ``rule_id`` fires on ``text``."""
    registry = get_registry(False)
    result = check_text(path, text, registry.formats[fmt], _default_rules())
    return {f.line for f in result.findings if f.rule.id == rule_id}


SELLING_PAGE = (
    "<html><head><title>{title}</title></head><body><h1>{title}</h1>"
    "<p>Book your free consultation at our ketamine clinic today.</p>{body}</body></html>"
)


def test_a_title_or_heading_naming_one_condition_is_not_a_condition_roster() -> None:
    page = SELLING_PAGE.format(title="Fibromyalgia", body="<p>Call us to ask about infusions.</p>")
    assert not _default_lines(page, "html", "page.html", "CL114")


def test_the_same_condition_as_a_list_item_is_a_roster() -> None:
    page = SELLING_PAGE.format(title="Conditions", body="<ul><li>Fibromyalgia</li><li>Chronic migraine</li></ul>")
    assert _default_lines(page, "html", "page.html", "CL114")


def test_a_markdown_heading_naming_a_condition_is_not_a_roster() -> None:
    text = "# Fibromyalgia\n\nBook your free consultation at our ketamine clinic today.\n\n- Fibromyalgia\n"
    assert _default_lines(text, "markdown", "page.md", "CL114") == {5}


LISTING = (
    "<html><body><h1>Halcyon Ketamine Center</h1><h2>Services</h2><ul><li>{item}</li></ul>"
    '<a href="/book">Book your free consultation</a></body></html>'
)


def test_a_treatment_for_a_condition_in_a_listings_services_is_a_roster_item() -> None:
    page = LISTING.format(item="Ketamine infusions for migraine")
    assert _default_lines(page, "html", "page.html", "CL114")


def test_a_treatment_for_crps_is_excepted_like_the_bare_condition() -> None:
    page = LISTING.format(item="Ketamine infusions for CRPS")
    assert not _default_lines(page, "html", "page.html", "CL114")


def test_a_heading_naming_a_treatment_for_a_condition_is_the_pages_topic() -> None:
    page = SELLING_PAGE.format(title="Ketamine Infusions for Migraine", body="<p>Call us today.</p>")
    assert not _default_lines(page, "html", "page.html", "CL114")


@pytest.mark.parametrize(
    "sentence",
    [
        "Button: Call now",
        "Card 4 button: Read Dana's Story",
        "4.7 stars (312 ratings) | 1,200+ bought",
        "Fall hours are here 🍂 Mon–Sat, 8 to 6.",
        "[04/15/26, 8:20 AM] Solace Infusion Clinic: Heads-up: the clinic is closed Friday for Good Friday.",
        "4.9 ★ (212 Google reviews) · Open until 6 PM",
        "**Fog Lifter** (NAD+ 250 mg, glutathione) · $295",
        "Thrive Membership — $329 per month",
        "12:12 Day 5 and the six-month check-in",
        "Call (555) 123-4567 today",
    ],
)
def test_page_furniture_that_claims_nothing_is_a_bare_fragment(sentence: str) -> None:
    assert bare_fragment(sentence)


@pytest.mark.parametrize(
    "sentence",
    [
        "Button: Get pain-free today",
        "09:30 Day 3: her first pain-free morning",
        "06:55 The science: how ketamine rewires pain signals",
        "$450: one low-dose ketamine infusion (a $600 value)",
        "Infusions from $299",
        "Just $49 (reg. $89) and feel results twice as fast.",
        "Most patients feel relief in 2 to 4 hours.",
        "Back on your feet by 10:30 on Monday",
        "Pain gone by Monday",
        "Stillwater Circle: membership for people who are done hurting",
        "Most of our clients sleep through the night after the second visit.",
        "Anti-nausea medicine · $25",
        "<h2>The Ache Eraser · $229</h2>",
        "Single Infusion Card: $450 $600",
        "Infusions start at $395.",
        "★ Members report an average 4-point drop in pain scores by week two",
        "Today: 11 clinics, 38,000 infusions, and a 4.8-star average across 2,100 reviews.",
    ],
)
def test_a_fragment_that_promises_or_a_sentence_without_furniture_is_copy(sentence: str) -> None:
    assert not bare_fragment(sentence)


def test_a_link_or_button_text_is_furniture_in_itself() -> None:
    line = '<p><a href="/book">Book your consult</a> or read on.</p>'
    assert link_text(line, line.index("Book"))
    assert not link_text(line, line.index("read on"))
    assert bare_fragment("Book your consult", is_link=True)
    assert not bare_fragment("Book your consult")
    assert not bare_fragment("Start healing this week", is_link=True)
    assert not bare_fragment("Book My Comeback Session", is_link=True)


def test_a_rating_line_is_silent_but_a_claim_beside_it_fires() -> None:
    text = "4.9 stars (212 reviews)\n\nHonestly, it works great on my back.\n"
    pack = PACK.replace("'\\bback on your feet\\b'", "'\\b4\\.9 stars\\b'")
    assert "4\\.9 stars" in pack
    assert fired(pack, text) == ["T1"]


def test_a_price_anchored_on_another_cell_of_its_row_is_a_cost_claim() -> None:
    text = "<tr><td>Total cost</td><td>Years of copays</td><td>$40,000+</td><td>$2,400 per series</td></tr>\n"
    assert bare_fragment("Total cost | Years of copays | $40,000+")
    assert not not_copy(text, text.index("Total"), "Total cost | Years of copays | $40,000+")
    row = "<tr><td>Single infusion</td><td>$495</td></tr>\n"
    assert not_copy(row, row.index("Single"), "Single infusion | $495")


@pytest.mark.parametrize(
    "sentence",
    [
        "The holidays ask a lot of your body.",
        "Pain doesn't take a weekend off.",
        "Winter hits your joints first.",
        "Because you've tried the pills, the shots and the stretching videos.",
        "If you've been told to just live with it,",
        "Your result: moderate migraine pattern",
    ],
)
def test_a_set_up_that_promises_nothing_is_not_copy(sentence: str) -> None:
    assert set_up(sentence)


@pytest.mark.parametrize(
    "sentence",
    [
        "Your summer back.",
        "If pain usually steals the season, this year can be different.",
        "Pain doesn't have to define your winter.",
        "Because you've tried everything, try ketamine.",
        "Your result: you could be pain-free in a week",
        "Knee and hip arthritis",
        "Chronic pain shouldn't need a waiting room.",
        "You've tried the rest; our infusions work.",
    ],
)
def test_a_set_up_shape_with_a_promise_or_a_bare_condition_is_copy(sentence: str) -> None:
    assert not set_up(sentence)


def test_an_ad_exports_settings_line_is_not_copy() -> None:
    assert settings_line('Campaign: "Ease the Ache" | Geo: 10 mi radius | Audience: arthritis interest, 45-70')
    assert settings_line("Targeting: back pain sufferers · Budget: $40/day")
    assert not settings_line("Headline: Your back pain ends here.")
    assert not settings_line("Results: most of our patients feel relief.")


def test_a_set_up_is_silent_and_the_promise_after_it_fires() -> None:
    pack = PACK.replace("'\\bworks great\\b'", "'\\btake a weekend off\\b', '\\bworks great\\b'")
    assert "weekend off" in pack
    text = "Pain doesn't take a weekend off.\n\nOur infusion works great, and it can take a weekend off your pain.\n"
    assert set(_lines(pack, text)) == {3}


def test_a_settings_line_is_silent_but_the_ad_below_it_fires() -> None:
    text = 'Campaign: "Quiet the Pain" | Geo: 25 mi | Audience: chronic pain\n\nHeadline: Quiet the pain.\n'
    assert _lines(PACK, text) == [3]


def _lines(pack: str, text: str) -> list[int]:
    """Lines where ``pack`` fires on a plain-text ``text``."""
    registry = get_registry(False)
    rules = load_pack_text("t.yaml", pack, registry.rule_types).rules
    result = check_text("t.txt", text, registry.formats["text"], compile_rules(rules, registry.rule_types))
    return sorted(f.line for f in result.findings)

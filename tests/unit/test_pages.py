"""Page conditions: loaded and checked with the pack, decided once per page, skipped by rules."""

from __future__ import annotations

import pytest
from packcheck import fired

from claimlint import pages, ruledocs
from claimlint.errors import ConfigError, ConfigErrors
from claimlint.plugins import get_registry
from claimlint.rulefile import RuleSet, load_pack_text

PACK = """\
version: 1
defaults:
  skip_pages: [quoting]
pages:
  quoting:
    description: A page about wording rules.
    min: 2
    min_segments: 2
    any: ['\\bwording\\b', '\\bchecklist\\b']
    unless: ['\\bbuy now\\b']
rules:
  - id: R001
    name: cure
    category: c
    severity: error
    type: pattern
    patterns: ['\\bmiracle cure\\b']
    message: m
  - id: R002
    name: cure-everywhere
    category: c
    severity: error
    type: pattern
    patterns: ['\\bmiracle cure\\b']
    message: m
    skip_pages: []
"""

DIGEST = "Checklist for ads.\n\nPlatforms ban miracle cure wording."


def _load(text: str) -> RuleSet:
    return load_pack_text("r.yaml", text, get_registry(False).rule_types)


def _fired(text: str, pack: str = PACK) -> list[str]:
    return fired(pack, text)


def test_rules_inherit_the_page_condition_from_defaults_and_can_opt_out() -> None:
    rules = {r.id: r for r in _load(PACK).rules}
    assert [c.name for c in rules["R001"].params["skip_pages"]] == ["quoting"]
    assert rules["R002"].params["skip_pages"] == ()


def test_a_rule_does_not_fire_on_a_page_that_holds_its_condition() -> None:
    assert _fired(DIGEST) == ["R002"]


@pytest.mark.parametrize(
    "text",
    [
        "Platforms ban miracle cure wording.",
        "Checklist for ads.\n\nPlatforms ban miracle cure wording. Buy now.",
        "Checklist for ads.\n\nOur miracle cure works.",
    ],
    ids=["one-segment", "unless", "one-marker"],
)
def test_the_condition_fails_without_segments_with_an_unless_or_with_too_few_markers(text: str) -> None:
    assert _fired(text) == ["R001", "R002"]


def test_unknown_page_name_in_a_rule_is_a_located_error() -> None:
    text = PACK.replace("    skip_pages: []", "    skip_pages: [quotng]")
    with pytest.raises(ConfigError) as err:
        _load(text)
    assert "unknown page condition 'quotng'" in str(err.value)
    assert err.value.line == text.splitlines().index("    skip_pages: [quotng]") + 1


def test_unknown_page_name_in_defaults_is_a_located_error() -> None:
    with pytest.raises(ConfigError) as err:
        _load(PACK.replace("skip_pages: [quoting]", "skip_pages: [neutral]"))
    assert "unknown page condition 'neutral'" in str(err.value)
    assert err.value.line == 3


@pytest.mark.parametrize(
    ("old", "new", "message"),
    [
        ("    min: 2\n", "    mni: 2\n", "unknown key 'mni' in page condition 'quoting'"),
        ("['\\bwording\\b',", "['(unclosed',", "bad regex in 'any'"),
        ("    any: ['\\bwording\\b', '\\bchecklist\\b']\n", "", "missing required key 'any'"),
    ],
)
def test_a_bad_page_condition_is_a_located_error(old: str, new: str, message: str) -> None:
    with pytest.raises((ConfigError, ConfigErrors)) as err:
        _load(PACK.replace(old, new))
    located = [line for line in str(err.value).splitlines() if message in line]
    assert located
    assert located[0].startswith("r.yaml:")
    assert located[0].split(":")[1] != "0"


def test_explain_names_the_pages_a_rule_skips() -> None:
    rule = _load(PACK).rules[0]
    assert "Not checked on these pages" in ruledocs.explain(rule)
    assert "quoting: A page about wording rules." in ruledocs.explain(rule)
    assert "Not checked on these pages" not in ruledocs.explain(_load(PACK).rules[1])


def test_skip_references_drops_a_match_inside_a_reference_entry_only() -> None:
    pack = PACK.replace("    skip_pages: []\n", "    skip_pages: []\n    skip_references: true\n")
    cited = "Miracle cure talk [1].\n\n[1] Doe J, et al. The miracle cure myth. J Pain 2020."
    fired = _fired(cited, pack)
    assert fired.count("R002") == 1
    assert fired.count("R001") == 2


@pytest.mark.parametrize(
    ("text", "fired"),
    [
        ('Checklist for ads.\n\nPlatforms ban miracle cure wording such as "buy now".', ["R002"]),
        ("Checklist for ads.\n\nPlatforms ban miracle cure wording such as \u201cbuy now\u201d.", ["R002"]),
        (
            'Checklist for ads.\n\nMiracle cure wording. "Buy now and get your first session at half price," it says.',
            ["R002"],
        ),
        (
            "Checklist for ads.\n\nMiracle cure wording. Buy now and get your first session at half price.",
            ["R001", "R002"],
        ),
        ('A "checklist" for ads.\n\nPlatforms ban miracle cure wording.', ["R001", "R002"]),
    ],
    ids=["quoted-offer", "curly-quoted-offer", "quoted-sentence", "unquoted-sentence", "quoted-marker"],
)
def test_a_quoted_phrase_is_a_mention_on_either_side_of_the_verdict(text: str, fired: list[str]) -> None:
    assert _fired(text) == fired


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ('ban "only 5 spots left" here', True),
        ('"a" only "b"', False),
        ("the \u201conly 5 spots left\u201d line", True),
        ("\u201cdone\u201d only \u201cnext\u201d", False),
        ('"Book now and get one session free with only 5 spots left," she said', False),
        ("no quotes only here", False),
    ],
)
def test_quoted_reads_short_double_quoted_phrases_only(text: str, expected: bool) -> None:
    start = text.index("only")
    assert pages.quoted(text, start, start + 4) is expected

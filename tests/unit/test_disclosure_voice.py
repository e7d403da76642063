"""A page-level disclosure duty attaches to what the page says in its own voice (voice.spoken_somewhere)."""

from __future__ import annotations

import pytest
from packcheck import fired

PACK = """\
version: 1
rules:
  - id: D001
    name: screening
    category: c
    severity: warning
    type: disclosure
    triggers: ['\\bketamine\\b', '\\brelief\\b']
    must: ['\\btalk (?:to|with) your doctor\\b']
    message: m
"""

JUDGED_TABLE = (
    "# Ad review: ketamine clinic account\n\n"
    "| Ad text | Note |\n|---|---|\n"
    '| "Instant relief" | Misleading: no study shows it. |\n'
)


def _fired(text: str) -> list[str]:
    return fired(PACK, text, "markdown", "page.md")


@pytest.mark.parametrize(
    "text",
    [
        JUDGED_TABLE,
        "# Ketamine chat\n\nVisitor: will ketamine give me relief?\n",
        '# Ketamine\n\nA clinic that says "instant relief" is selling, not informing.\n',
    ],
)
def test_a_trigger_met_only_in_a_mention_does_not_oblige_the_page(text: str) -> None:
    assert _fired(text) == []


@pytest.mark.parametrize(
    "text",
    [
        JUDGED_TABLE + "\nOur ketamine infusions bring relief.\n",
        "# Ketamine chat\n\nKai: ketamine brings relief to most visitors.\n",
    ],
)
def test_the_same_trigger_in_the_pages_own_voice_still_obliges_it(text: str) -> None:
    assert _fired(text) == ["D001"]

"""Pages that describe claims are not linted as if they made them; pages that promote still are.

tests/fixtures/neutral holds short documents of the genres the default pack's ``neutral`` page
condition recognises (study abstract, label, regulator alert, news report, encyclopedia entry,
evidence summary, advertising-rules digest, insurer policy, trial registry, consumer guide, fact
sheet, structured study summary), written from the claims guide's facts; several quote or list the
very wording the sentence rules flag. tests/fixtures/promotional holds pages that cite studies or
borrow an abstract's headings but speak as a seller, so the condition must not spare them.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"
NEUTRAL = sorted((FIXTURES / "neutral").iterdir())
PROMOTIONAL = sorted((FIXTURES / "promotional").iterdir())


def _findings(paths: list[Path]) -> dict[str, list[dict[str, object]]]:
    cmd = [sys.executable, "-m", "claimlint", "check", "--isolated", "--format", "json", "--fail-on", "never"]
    proc = subprocess.run([*cmd, *map(str, paths)], capture_output=True, text=True, check=True)
    out: dict[str, list[dict[str, object]]] = {p.name: [] for p in paths}
    for finding in json.loads(proc.stdout)["findings"]:
        out[Path(str(finding["path"])).name].append(finding)
    return out


@pytest.fixture(scope="module")
def neutral() -> dict[str, list[dict[str, object]]]:
    return _findings(NEUTRAL)


@pytest.fixture(scope="module")
def promotional() -> dict[str, list[dict[str, object]]]:
    return _findings(PROMOTIONAL)


def test_there_are_enough_fixtures() -> None:
    assert len(NEUTRAL) >= 12
    assert len(PROMOTIONAL) >= 4


@pytest.mark.parametrize("name", [p.name for p in NEUTRAL])
def test_a_neutral_page_gets_no_finding(neutral: dict[str, list[dict[str, object]]], name: str) -> None:
    assert [(f["line"], f["rule"], f["match"]) for f in neutral[name]] == []


@pytest.mark.parametrize("name", [p.name for p in PROMOTIONAL])
def test_a_promoting_page_that_cites_studies_is_still_linted(
    promotional: dict[str, list[dict[str, object]]], name: str
) -> None:
    sentence_level = [f for f in promotional[name] if f.get("scope") != "document"]
    assert len(sentence_level) >= 3

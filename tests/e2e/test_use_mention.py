"""Posed, mythical, named and announced words are not flagged; the page's own claims around them are.

tests/fixtures/promotional/p17-myths-and-members.md is a clinic's myths-vs-facts page: its "Myth:"
headings and the heading that announces its testimonial must stay quiet, while its "Fact:" lines
and the testimonial itself are flagged. The neutral fixtures n43 (a pharmacy quiz), n44 (a hearing
transcript) and n45 (a support group's newsletter with a member's story) are checked for silence
by test_neutral_pages.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

PAGE = Path(__file__).resolve().parent.parent / "fixtures" / "promotional" / "p17-myths-and-members.md"
MENTIONS = {5, 8, 11}
CLAIMS = {6, 9, 12}


def _flagged_lines(path: Path) -> set[int]:
    cmd = [sys.executable, "-m", "claimlint", "check", "--isolated", "--format", "json", "--fail-on", "never"]
    proc = subprocess.run([*cmd, str(path)], capture_output=True, text=True, check=True)
    return {int(f["line"]) for f in json.loads(proc.stdout)["findings"] if f["scope"] != "document"}


def test_myth_headings_and_a_testimonial_heading_are_quiet_and_facts_and_stories_fire() -> None:
    flagged = _flagged_lines(PAGE)
    assert flagged & MENTIONS == set()
    assert flagged >= CLAIMS

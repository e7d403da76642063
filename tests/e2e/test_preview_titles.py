"""A link-preview title (og:title, twitter:title) is linted like the page title.

tests/fixtures/promotional/p16-preview-title.html puts claims only in its preview titles (lines 3
and 4); tests/fixtures/neutral/n36-preview-title.html (checked by test_neutral_pages) has neutral
ones.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

PAGE = Path(__file__).resolve().parent.parent / "fixtures" / "promotional" / "p16-preview-title.html"


def test_claims_in_preview_titles_are_reported_on_their_lines() -> None:
    cmd = [sys.executable, "-m", "claimlint", "check", "--isolated", "--format", "json", "--fail-on", "never"]
    proc = subprocess.run([*cmd, str(PAGE)], capture_output=True, text=True, check=True)
    lines = {int(f["line"]) for f in json.loads(proc.stdout)["findings"] if f["scope"] != "document"}
    assert {3, 4} <= lines

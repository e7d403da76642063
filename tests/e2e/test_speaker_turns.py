"""A seller's chat transcript: the visitors' questions are not flagged, the seller's answers are.

tests/fixtures/promotional/p12-chat-transcript.txt pairs each visitor question with a seller
answer that makes a claim; tests/fixtures/neutral/n32-listener-questions.md (checked by
test_neutral_pages) holds callers' questions, a quoted letter asking "Is that right?" and quotations
attributed to a clinic and an ad, none of which may be flagged.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

CHAT = Path(__file__).resolve().parent.parent / "fixtures" / "promotional" / "p12-chat-transcript.txt"
VISITOR_LINES = {2, 4, 6, 8}
SELLER_LINES = {3, 5, 7, 9}


def _flagged_lines(path: Path) -> set[int]:
    cmd = [sys.executable, "-m", "claimlint", "check", "--isolated", "--format", "json", "--fail-on", "never"]
    proc = subprocess.run([*cmd, str(path)], capture_output=True, text=True, check=True)
    return {int(f["line"]) for f in json.loads(proc.stdout)["findings"] if f["scope"] != "document"}


def test_visitor_questions_are_quiet_and_seller_answers_fire() -> None:
    flagged = _flagged_lines(CHAT)
    assert flagged & VISITOR_LINES == set()
    assert flagged >= SELLER_LINES

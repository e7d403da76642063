"""Claims made in table rows are found on the row's line; neutral tables stay quiet.

A before/after row ("| Pain score | 9/10 | 2/10 |") or a comparison row ("| Risk of addiction |
High | None |") is a claim only with its row header and its table's column headers, so these
run the real CLI over the Markdown and HTML fixtures built around such tables.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"
TABLE_RULES = ("CL052", "CL137", "CL185", "CL195")
EXPECTED = {
    "p07-case-study-outcome-table.md": {
        (8, 3, "CL137"),
        (9, 3, "CL137"),
        (10, 3, "CL137"),
        (11, 3, "CL137"),
        (17, 3, "CL052"),
        (18, 3, "CL185"),
    },
    "p08-comparison-grid.html": {
        (12, 13, "CL052"),
        (13, 13, "CL052"),
        (14, 13, "CL185"),
        (15, 13, "CL185"),
        (16, 13, "CL195"),
    },
    "p09-week-by-week-results.html": {
        (8, 9, "CL137"),
        (9, 9, "CL137"),
        (10, 9, "CL137"),
        (14, 9, "CL052"),
        (15, 9, "CL185"),
    },
}
NEUTRAL_TABLES = (
    "n18-evidence-tables-adverse-events.md",
    "n19-clinic-fee-schedule.html",
    "n20-ad-review-table-checklist.md",
    "n21-patient-guide-options-table.md",
    "n13-style-guide-phrase-table.md",
    "n14-ad-review-banned-phrases.html",
)


@pytest.fixture(scope="module")
def found() -> dict[str, set[tuple[int, int, str]]]:
    paths = [FIXTURES / "promotional" / name for name in EXPECTED]
    paths += [FIXTURES / "neutral" / name for name in NEUTRAL_TABLES]
    cmd = [sys.executable, "-m", "claimlint", "check", "--isolated", "--format", "json", "--fail-on", "never"]
    proc = subprocess.run(
        [*cmd, "--select", ",".join(TABLE_RULES), *map(str, paths)], capture_output=True, text=True, check=True
    )
    out: dict[str, set[tuple[int, int, str]]] = {p.name: set() for p in paths}
    for f in json.loads(proc.stdout)["findings"]:
        out[Path(str(f["path"])).name].add((int(f["line"]), int(f["column"]), str(f["rule"])))
    return out


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_every_claiming_row_is_flagged_at_its_first_cell(
    found: dict[str, set[tuple[int, int, str]]], name: str
) -> None:
    assert found[name] == EXPECTED[name]


@pytest.mark.parametrize("name", NEUTRAL_TABLES)
def test_neutral_tables_are_not_flagged(found: dict[str, set[tuple[int, int, str]]], name: str) -> None:
    assert found[name] == set()

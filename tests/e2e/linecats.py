"""Sentence-level finding categories per file and line, from one real CLI run over a fixture folder."""

from __future__ import annotations

import json
import subprocess
import sys
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path


def line_categories(folder: Path, documents: bool = False) -> dict[str, dict[int, set[str]]]:
    """Run ``claimlint check --isolated`` on every file of ``folder``; categories by file name and line.

    Document findings (page-level checks) are left out unless ``documents``.
    """
    cmd = [sys.executable, "-m", "claimlint", "check", "--isolated", "--format", "json", "--fail-on", "never"]
    proc = subprocess.run([*cmd, *map(str, sorted(folder.iterdir()))], capture_output=True, text=True, check=True)
    out: dict[str, dict[int, set[str]]] = defaultdict(lambda: defaultdict(set))
    for finding in json.loads(proc.stdout)["findings"]:
        if documents or finding["scope"] != "document":
            out[Path(finding["path"]).name][int(finding["line"])].add(finding["category"])
    return out


#: Page-level categories: a page's finding is anchored on a line, which says nothing about that line's speaker.
PAGE_LEVEL = frozenset({"missing-offlabel-disclosure", "missing-risk-info", "missing-screening-advice"})

Categories = dict[str, dict[int, set[str]]]


@dataclass(frozen=True)
class SpeakerPages:
    """What a folder of whose-words fixtures expects, checked the same way for every folder.

    ``silent`` pages get no finding at all; ``quiet`` lines (someone other than
    the seller speaks) get no line finding; each ``flagged`` line carries its
    category; ``owe_disclosures`` pages get the off-label page check.
    """

    folder: Path
    silent: set[str]
    quiet: dict[str, set[int]]
    flagged: dict[str, dict[int, str]]
    owe_disclosures: set[str]

    def names(self) -> set[str]:
        """Every fixture some expectation names."""
        return self.silent | set(self.quiet) | set(self.flagged)

    def cases(self) -> list[tuple[str, str]]:
        """(expectation, fixture name) pairs, one test case each."""
        kinds = (("silent", self.silent), ("quiet", self.quiet), ("flagged", self.flagged))
        return [(kind, name) for kind, names in (*kinds, ("owes", self.owe_disclosures)) for name in sorted(names)]

    def check(self, categories: Categories, kind: str, name: str) -> None:
        """Assert one expectation of one fixture against the run's categories."""
        found = categories[name]
        if kind == "silent":
            assert {line: cats for line, cats in found.items() if cats} == {}
        elif kind == "quiet":
            spoken = {line: found[line] - PAGE_LEVEL for line in self.quiet[name]}
            assert {line: cats for line, cats in spoken.items() if cats} == {}
        elif kind == "flagged":
            missing = {line: cat for line, cat in self.flagged[name].items() if cat not in found[line]}
            assert missing == {}
        elif kind == "owes":
            assert "missing-offlabel-disclosure" in set().union(*found.values())
        else:
            raise ValueError(f"unknown expectation {kind!r}")

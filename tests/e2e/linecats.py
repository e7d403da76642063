"""Sentence-level finding categories per file and line, from one real CLI run over a fixture folder."""

from __future__ import annotations

import json
import subprocess
import sys
from collections import defaultdict
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

"""Regenerate the rule reference in docs/rules.md from the default pack.

Usage: ``python scripts/gen_rule_docs.py`` rewrites the part of docs/rules.md
between the BEGIN/END GENERATED RULES markers with ``claimlint rules --format
markdown``; ``--check`` only reports (exit 1) when the file is out of date.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from claimlint import ruledocs
from claimlint.config import Settings, load_ruleset, select_rules
from claimlint.plugins import get_registry

ROOT = Path(__file__).resolve().parent.parent
DOC = ROOT / "docs" / "rules.md"
BEGIN = "<!-- BEGIN GENERATED RULES -->"
END = "<!-- END GENERATED RULES -->"


def generated() -> str:
    """The rule reference for the default pack, as Markdown."""
    settings = Settings()
    rules = select_rules(load_ruleset(settings, get_registry()).rules, settings)
    return ruledocs.markdown(rules)


def spliced(text: str, body: str) -> str:
    """``text`` with the generated section replaced by ``body``."""
    head, sep, rest = text.partition(BEGIN)
    _, sep2, tail = rest.partition(END)
    if not sep or not sep2:
        raise SystemExit(f"{DOC}: markers {BEGIN} / {END} not found")
    return f"{head}{BEGIN}\n\n{body.strip()}\n\n{END}{tail}"


def main(argv: list[str] | None = None) -> int:
    """Rewrite docs/rules.md, or with ``--check`` report whether it is current."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--check", action="store_true", help="exit 1 if docs/rules.md is out of date")
    args = parser.parse_args(argv)
    current = DOC.read_text(encoding="utf-8")
    wanted = spliced(current, generated())
    if args.check:
        if current != wanted:
            sys.stderr.write("docs/rules.md is out of date; run: python scripts/gen_rule_docs.py\n")
            return 1
        return 0
    if current != wanted:
        DOC.write_text(wanted, encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

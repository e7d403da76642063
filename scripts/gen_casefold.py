"""Add the installed ``regex`` and Python's case-folding tables to the shipped file.

Usage: ``python scripts/gen_casefold.py`` derives the tables
(:func:`claimlint.casefold.derive`) for the installed ``regex`` release and
Python Unicode version and adds them to ``src/claimlint/casefold_tables.json``,
so a fresh install of a tested pair never derives them. Run it in each
environment claimlint is tested in (any other pair is derived at run time
and cached). ``--check`` only reports (exit 1) when that pair is missing or
its shipped tables differ from what ``regex`` says now.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from claimlint import casefold

SHIPPED = Path(casefold.__file__).with_name("casefold_tables.json")


def main() -> int:
    """Derive, compare, and (without ``--check``) write."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="only report whether the shipped tables are current")
    args = parser.parse_args()
    try:
        data = json.loads(SHIPPED.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        data = {}
    if data.get("format") != casefold.FORMAT:
        data = {"format": casefold.FORMAT, "tables": {}}
    key, entry = casefold.table_key(), casefold.encode(casefold.derive())
    if data["tables"].get(key) == entry:
        print(f"{SHIPPED.name}: {key} is current")
        return 0
    if args.check:
        print(f"{SHIPPED.name}: {key} is missing or out of date; run scripts/gen_casefold.py", file=sys.stderr)
        return 1
    data["tables"][key] = entry
    data["tables"] = dict(sorted(data["tables"].items()))
    SHIPPED.write_text(json.dumps(data, indent=1, ensure_ascii=True) + "\n", encoding="utf-8")
    print(f"{SHIPPED.name}: wrote {key}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

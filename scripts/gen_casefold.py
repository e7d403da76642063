"""Add the installed ``regex`` and Python's case-folding tables to the shipped module.

Usage: ``python scripts/gen_casefold.py`` derives the tables
(:func:`claimlint.casefold.derive`) for the installed ``regex`` release and
Python Unicode version and adds them to ``src/claimlint/casefold_tables.py``,
so a fresh install of a tested pair never derives them. Run it in each
environment claimlint is tested in (any other pair is derived at run time
and cached). ``--check`` only reports (exit 1) when that pair is missing or
its shipped tables differ from what ``regex`` says now.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from claimlint import casefold

SHIPPED = Path(casefold.__file__).with_name("casefold_tables.py")
HEADER = '''"""Case-folding tables for the ``regex`` releases and Python Unicode versions claimlint is tested with.

Written by ``scripts/gen_casefold.py`` (do not edit): per ``"<regex version>|<unidata version>"``,
what :func:`claimlint.casefold.derive` found. Other pairs are derived at run time and cached.
"""

from __future__ import annotations

FORMAT = {format}
TABLES: dict[str, dict[str, dict[int, str] | list[int]]] = {{
'''


def _char(ch: str) -> str:
    """A Python string literal for ``ch`` in ASCII, double-quoted as the formatter writes it."""
    return '"' + ascii(ch)[1:-1] + '"'


def render(tables: dict[str, dict[str, Any]]) -> str:
    """The module's source: one line per entry, so a new pair is a readable diff."""
    out = [HEADER.format(format=casefold.FORMAT)]
    for key in sorted(tables):
        entry = tables[key]
        out.append(f'    "{key}": {{\n        "lower": {{\n')
        out.extend(f"            0x{code:04X}: {_char(target)},\n" for code, target in sorted(entry["lower"].items()))
        out.append('        },\n        "newer": [\n')
        out.extend(f"            0x{code:04X},\n" for code in sorted(entry["newer"]))
        out.append("        ],\n    },\n")
    out.append("}\n")
    return "".join(out)


def main() -> int:
    """Derive, compare, and (without ``--check``) write."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="only report whether the shipped tables are current")
    args = parser.parse_args()
    from claimlint import casefold_tables

    shipped = dict(casefold_tables.TABLES) if casefold_tables.FORMAT == casefold.FORMAT else {}
    key, found = casefold.table_key(), casefold.derive()
    entry = {"lower": found.lower, "newer": sorted(found.newer)}
    if key in shipped and casefold.decode(shipped[key]) == found:
        print(f"{SHIPPED.name}: {key} is current")
        return 0
    if args.check:
        print(f"{SHIPPED.name}: {key} is missing or out of date; run scripts/gen_casefold.py", file=sys.stderr)
        return 1
    shipped[key] = entry
    SHIPPED.write_text(render(shipped), encoding="utf-8")
    print(f"{SHIPPED.name}: wrote {key}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""Long fuzz run: the property tests of tests/property with many more examples.

The normal suite runs each property with ~150 generated inputs so it stays
fast; this script reruns the same properties (same generators, same
oracles) with ``--examples`` inputs each and reports how many documents
were linted per format and which property failed, with hypothesis's shrunk
falsifying example.

    python scripts/fuzz.py --examples 5000
    python scripts/fuzz.py --examples 20000 --only markdown
"""

from __future__ import annotations

import argparse
import os
import sys
import time
import traceback
from pathlib import Path

PROPERTY_DIR = Path(__file__).resolve().parents[1] / "tests" / "property"


def main(argv: list[str] | None = None) -> int:
    """Run each property with the requested example count; exit 1 if any failed."""
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--examples", type=int, default=5000, help="inputs per property (default 5000)")
    parser.add_argument("--only", default="", help="run only properties whose name contains this")
    args = parser.parse_args(argv)
    os.environ["CLAIMLINT_FUZZ_EXAMPLES"] = str(args.examples)
    sys.path.insert(0, str(PROPERTY_DIR))
    import test_positions as props

    failed = []
    started = time.perf_counter()
    for name in sorted(n for n in dir(props) if n.startswith("test_") and args.only in n):
        before = sum(props.LINTED.values())
        t0 = time.perf_counter()
        try:
            getattr(props, name)()
            status = "ok"
        except Exception:  # noqa: BLE001 - report every failing property, then go on
            status = "FAILED"
            failed.append(name)
            traceback.print_exc()
        ran = sum(props.LINTED.values()) - before
        print(f"{status:6} {name}: {ran} inputs linted in {time.perf_counter() - t0:.0f} s", flush=True)
    total = sum(props.LINTED.values())
    by_format = ", ".join(f"{fmt} {n}" for fmt, n in sorted(props.LINTED.items()))
    print(f"total: {total} inputs ({by_format}) in {time.perf_counter() - started:.0f} s; {len(failed)} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())

"""Out-of-domain negatives for the seller's-voice classifier: technical pages with a planted sales paragraph.

Why: every labelled set is health marketing, so a model trained only on them
learns "a blockquote or a plain sentence on a seller's page is a claim" from
structure alone, and on a technical page that carries one ketamine paragraph
(the bench's dense corpus) it flags release notes and command descriptions.
These pages show it the other side: the same seller's-page context (the
planted paragraph passes the topic gate and sets the page features) around
text that is never a claim.

The pages come from the shared bench corpus (``corpus-md.tar.gz``), read from
the archive without unpacking, so the trainer stays offline and deterministic.
Each gets the planted paragraph exactly as ``make_dense.py`` builds the dense
corpus (the seed paragraphs that mention ketamine, in rotation over the sorted
file list). The pages listed in ``ood-held-out.txt`` (the 310 pages of the
d300 check that measures the shipped model) are never sampled.
"""

from __future__ import annotations

import importlib.util
import os
import tarfile
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from types import ModuleType

SHARED = Path(os.environ.get("CLAIMLINT_BENCH_SHARED", "/work/shared/bench"))
HELD_OUT_LIST = Path(__file__).resolve().parent / "ood-held-out.txt"
#: The suffixes make_dense.py plants into: the rotation index counts these files.
SUFFIXES = frozenset({".md", ".markdown", ".mdx", ".html", ".htm", ".txt"})


@dataclass(frozen=True)
class Page:
    """One technical page with its planted paragraph; ``planted`` is the offset where the paragraph starts."""

    name: str
    text: str
    planted: int


def _make_dense() -> ModuleType:
    """The bench's own planting script, loaded by path so the paragraphs are exactly the dense corpus's."""
    spec = importlib.util.spec_from_file_location("claimlint_make_dense", SHARED / "make_dense.py")
    if spec is None or spec.loader is None:
        raise SystemExit(f"cannot load {SHARED / 'make_dense.py'}")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def held_out(path: Path = HELD_OUT_LIST) -> frozenset[str]:
    """The corpus-relative paths that must stay out of training (one per line)."""
    return frozenset(line.strip() for line in path.read_text(encoding="utf-8").splitlines() if line.strip())


def sample(count: int, excluded: frozenset[str], seeds: Path | None = None) -> list[Page]:
    """``count`` pages spread evenly over the sorted archive, none of ``excluded``, each with its paragraph."""
    dense = _make_dense()
    paras: list[str] = dense.paragraphs(seeds or SHARED.parent / "seeds")
    with tarfile.open(SHARED / "corpus-md.tar.gz") as tar:
        members = {PurePosixPath(*PurePosixPath(m.name).parts[1:]): m for m in tar.getmembers() if m.isfile()}
        order = sorted(p for p in members if p.suffix in SUFFIXES)
        rotation = {p: paras[i % len(paras)] for i, p in enumerate(order)}
        free = [p for p in order if str(p) not in excluded]
        step = max(1, len(free) // max(count, 1))
        chosen = free[::step][:count]
        return [_page(p, tar, members[p], rotation[p]) for p in chosen]


def _page(rel: PurePosixPath, tar: tarfile.TarFile, member: tarfile.TarInfo, paragraph: str) -> Page:
    handle = tar.extractfile(member)
    if handle is None:
        raise SystemExit(f"cannot read {member.name} from the bench archive")
    base = handle.read().decode("utf-8", errors="replace").rstrip("\n")
    return Page(str(rel), base + "\n\n" + paragraph + "\n", len(base) + 2)

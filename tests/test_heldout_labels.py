"""Keep the held-out sets' labels honest, as tests/test_corpus_labels.py does for corpus/.

Each heldout*/ set exists to give an out-of-sample number, which only means something if every
label points at the line it was written for: a document edit that shifts lines, a misspelled
category or kind, or a file added without labels would silently change what scripts/evaluate.py
scores. These tests turn that rot into a CI failure instead of a wrong measurement. Every check
runs on every set; ``SETS`` holds what differs (size and mix of each set).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from labelcheck import label_problems, load_evaluate

REPO = Path(__file__).resolve().parent.parent
FORMATS = {".md", ".html", ".txt"}
NOT_DOCUMENTS = {"README.md", "SOURCES.md", "RESULTS.md"}
STOCK_PHRASES = ("safe and natural", "wonder drug", "relief within minutes", "not addictive", "life-changing")


@dataclass(frozen=True)
class HeldOut:
    """What one held-out set promises about itself."""

    folder: str
    marketing: int
    neutral: int
    min_lines: int
    max_lines: int
    stock_phrases_at_most_once: bool = False
    no_long_line_from_corpus: bool = False


SETS = [
    HeldOut("heldout", 10, 10, 10, 50, no_long_line_from_corpus=True),
    HeldOut("heldout2", 10, 10, 12, 45),
    HeldOut("heldout3", 8, 8, 12, 40, stock_phrases_at_most_once=True),
    HeldOut("heldout4", 12, 12, 15, 45, stock_phrases_at_most_once=True),
    HeldOut("heldout5", 12, 12, 15, 45, stock_phrases_at_most_once=True),
    HeldOut("heldout6", 12, 12, 15, 45, stock_phrases_at_most_once=True),
    HeldOut("heldout7", 12, 12, 15, 45, stock_phrases_at_most_once=True),
    HeldOut("heldout8", 12, 12, 15, 45, stock_phrases_at_most_once=True),
    HeldOut("heldout9", 12, 12, 15, 45, stock_phrases_at_most_once=True),
    HeldOut("heldout10", 12, 12, 15, 45, stock_phrases_at_most_once=True),
    HeldOut("heldout11", 12, 12, 15, 45, stock_phrases_at_most_once=True),
    HeldOut("heldout12", 12, 12, 15, 45, stock_phrases_at_most_once=True),
    HeldOut("heldout14", 12, 12, 15, 45, stock_phrases_at_most_once=True),
    HeldOut("heldout13", 12, 12, 15, 45, stock_phrases_at_most_once=True),
    HeldOut("heldout15", 12, 12, 15, 45, stock_phrases_at_most_once=True),
    HeldOut("heldout16", 12, 12, 15, 45, stock_phrases_at_most_once=True),
    HeldOut("heldout17", 12, 12, 15, 45, stock_phrases_at_most_once=True),
    HeldOut("heldout20", 12, 12, 15, 45, stock_phrases_at_most_once=True),
    HeldOut("heldout18", 12, 12, 15, 45, stock_phrases_at_most_once=True),
    HeldOut("heldout19", 12, 12, 15, 45, stock_phrases_at_most_once=True),
    HeldOut("heldout22", 12, 12, 15, 45, stock_phrases_at_most_once=True),
    HeldOut("heldout21", 12, 12, 16, 41, stock_phrases_at_most_once=True),
    HeldOut("heldout23", 12, 12, 15, 45, stock_phrases_at_most_once=True),
    HeldOut("heldout24", 12, 12, 15, 45, stock_phrases_at_most_once=True),
    HeldOut("heldout25", 12, 12, 24, 35, stock_phrases_at_most_once=True),
    HeldOut("heldout27", 12, 12, 15, 45, stock_phrases_at_most_once=True),
    HeldOut("heldout26", 12, 12, 15, 36, stock_phrases_at_most_once=True),
    HeldOut("heldout28", 12, 12, 21, 45, stock_phrases_at_most_once=True),
    HeldOut("heldout31", 12, 12, 15, 45, stock_phrases_at_most_once=True),
    HeldOut("heldout29", 12, 12, 20, 33, stock_phrases_at_most_once=True),
    HeldOut("heldout32", 12, 12, 19, 38, stock_phrases_at_most_once=True),
    HeldOut("heldout30", 12, 12, 17, 39, stock_phrases_at_most_once=True),
    HeldOut("heldout33", 12, 12, 22, 39, stock_phrases_at_most_once=True),
    HeldOut("heldout34", 12, 12, 24, 35, stock_phrases_at_most_once=True),
    HeldOut("heldout35", 12, 12, 24, 35, stock_phrases_at_most_once=True),
    HeldOut("heldout36", 12, 12, 19, 33, stock_phrases_at_most_once=True),
    HeldOut("heldout37", 12, 12, 21, 33, stock_phrases_at_most_once=True),
    HeldOut("heldout38", 12, 12, 23, 36, stock_phrases_at_most_once=True),
]


ev = load_evaluate()


@pytest.fixture(params=SETS, ids=lambda s: s.folder)
def heldout(request: pytest.FixtureRequest) -> HeldOut:
    return request.param


def _docs(heldout: HeldOut) -> list[Any]:
    folder = REPO / heldout.folder
    return list(ev.load_documents(folder / "labels.yaml", folder))


def test_labels_point_at_real_lines_with_valid_names(heldout: HeldOut) -> None:
    assert [e for doc in _docs(heldout) for e in label_problems(doc, ev.DOC_CHECKS)] == []


def test_every_document_is_labelled_and_sized(heldout: HeldOut) -> None:
    folder = REPO / heldout.folder
    docs = {d.name: d for d in _docs(heldout)}
    on_disk = {p.name for p in folder.iterdir() if p.suffix in FORMATS and p.name not in NOT_DOCUMENTS}
    assert on_disk == set(docs)
    sizes = {n: len(d.text) - (d.text[-1] == "") for n, d in docs.items()}
    assert {n: s for n, s in sizes.items() if not heldout.min_lines <= s <= heldout.max_lines} == {}


def test_mix_of_kinds_and_formats(heldout: HeldOut) -> None:
    docs = _docs(heldout)
    assert {k: sum(d.kind == k for d in docs) for k in ev.KINDS} == {
        "marketing": heldout.marketing,
        "neutral": heldout.neutral,
    }
    assert {d.path.suffix for d in docs} == FORMATS


def test_neutral_documents_are_unlabelled_and_sourced(heldout: HeldOut) -> None:
    sources = (REPO / heldout.folder / "SOURCES.md").read_text(encoding="utf-8")
    neutral = [d for d in _docs(heldout) if d.kind == "neutral"]
    assert [d.name for d in neutral if d.lines or d.doc] == []
    assert [d.name for d in neutral if d.name not in sources] == []


def test_marketing_documents_carry_claims(heldout: HeldOut) -> None:
    marketing = [d for d in _docs(heldout) if d.kind == "marketing"]
    assert [d.name for d in marketing if not d.lines] == []
    assert [d.name for d in marketing if not d.doc] == []


def test_offlabel_disclosure_is_only_asked_of_ketamine_pages(heldout: HeldOut) -> None:
    docs = _docs(heldout)
    wrong = [d.name for d in docs if "missing-offlabel-disclosure" in d.doc and d.topic not in ev.KETAMINE_TOPICS]
    assert wrong == []


@pytest.mark.parametrize("heldout", [s for s in SETS if s.no_long_line_from_corpus], ids=lambda s: s.folder)
def test_no_document_is_copied_from_the_corpus(heldout: HeldOut) -> None:
    """Standard disclosures repeat across sets legitimately, so only sets that promise it are checked."""
    corpus = REPO / "corpus"
    corpus_lines = {
        line.strip()
        for path in corpus.iterdir()
        if path.suffix in FORMATS and path.name not in NOT_DOCUMENTS
        for line in path.read_text(encoding="utf-8").splitlines()
        if len(line.strip()) > 60
    }
    shared = [f"{d.name}: {t.strip()[:60]}" for d in _docs(heldout) for t in d.text if t.strip() in corpus_lines]
    assert shared == []


@pytest.mark.parametrize("heldout", [s for s in SETS if s.stock_phrases_at_most_once], ids=lambda s: s.folder)
def test_guide_example_phrases_are_not_reused(heldout: HeldOut) -> None:
    """A set meant to measure paraphrase may use each of the guide's stock phrases once at most."""
    text = " ".join(" ".join(d.text).lower() for d in _docs(heldout))
    assert {p: text.count(p) for p in STOCK_PHRASES if text.count(p) > 1} == {}

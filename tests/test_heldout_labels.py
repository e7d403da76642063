"""Keep the held-out set's labels honest, as tests/test_corpus_labels.py does for corpus/.

The held-out set only gives an out-of-sample number if its labels point at the lines they were
written for. A document edit that shifts lines, a misspelled category, or a file added without
labels would silently change what scripts/evaluate.py scores, so those mistakes must fail CI.
"""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType
from typing import Any

REPO = Path(__file__).resolve().parent.parent
HELDOUT = REPO / "heldout"
LABELS = HELDOUT / "labels.yaml"
FORMATS = {".md", ".html", ".txt"}
NOT_DOCUMENTS = {"README.md", "SOURCES.md", "RESULTS.md"}


def _load_evaluate() -> ModuleType:
    spec = importlib.util.spec_from_file_location("claimlint_evaluate_heldout", REPO / "scripts" / "evaluate.py")
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


ev = _load_evaluate()


def _docs() -> list[Any]:
    return ev.load_documents(LABELS, HELDOUT)


def _problems(doc: Any) -> list[str]:
    if not doc.path.is_file():
        return [f"{doc.name}: file not found"]
    errors = []
    if doc.kind not in ev.KINDS:
        errors.append(f"{doc.name}: kind {doc.kind!r}")
    if not doc.topic:
        errors.append(f"{doc.name}: no topic")
    errors += [f"{doc.name}: doc category {c!r}" for c in doc.doc if c not in ev.DOC_CHECKS]
    for line, label in doc.lines.items():
        where = f"{doc.name}:{line}"
        if not 1 <= line <= len(doc.text) or not doc.text[line - 1].strip():
            errors.append(f"{where}: out of range or blank")
        if label.sev not in ev.SEVERITIES:
            errors.append(f"{where}: severity {label.sev!r}")
        if not label.cats:
            errors.append(f"{where}: no category")
        errors += [f"{where}: category {c!r}" for c in label.cats if c not in ev.CATEGORIES]
    return errors


def test_labels_point_at_real_lines_with_valid_names() -> None:
    assert [e for doc in _docs() for e in _problems(doc)] == []


def test_every_document_is_labelled_and_sized() -> None:
    docs = {d.name: d for d in _docs()}
    on_disk = {p.name for p in HELDOUT.iterdir() if p.suffix in FORMATS and p.name not in NOT_DOCUMENTS}
    assert on_disk == set(docs)
    wrong_size = [n for n, d in docs.items() if not 10 <= len(d.text) - (d.text[-1] == "") <= 50]
    assert wrong_size == []


def test_mix_of_kinds_and_formats() -> None:
    docs = _docs()
    assert len(docs) == 20
    assert {k: sum(d.kind == k for d in docs) for k in ev.KINDS} == {"marketing": 10, "neutral": 10}
    assert {d.path.suffix for d in docs} == FORMATS


def test_neutral_documents_are_unlabelled_and_sourced() -> None:
    sources = (HELDOUT / "SOURCES.md").read_text(encoding="utf-8")
    neutral = [d for d in _docs() if d.kind == "neutral"]
    assert [d.name for d in neutral if d.lines or d.doc] == []
    assert [d.name for d in neutral if d.name not in sources] == []


def test_marketing_documents_carry_claims() -> None:
    marketing = [d for d in _docs() if d.kind == "marketing"]
    assert [d.name for d in marketing if not d.lines] == []
    assert [d.name for d in marketing if not d.doc] == []


def test_no_document_is_copied_from_the_corpus() -> None:
    corpus = REPO / "corpus"
    corpus_lines = {
        line.strip()
        for path in corpus.iterdir()
        if path.suffix in FORMATS and path.name not in NOT_DOCUMENTS
        for line in path.read_text(encoding="utf-8").splitlines()
        if len(line.strip()) > 60
    }
    shared = [f"{d.name}: {t.strip()[:60]}" for d in _docs() for t in d.text if t.strip() in corpus_lines]
    assert shared == []

"""Keep the third held-out set's labels honest, as tests/test_corpus_labels.py does for corpus/.

heldout3/ exists to give a final, out-of-sample number. That number only means something if every
label points at the line it was written for: a document edit that shifts lines, a misspelled
category or kind, or a file added without labels would silently change what scripts/evaluate.py
scores. These tests turn that rot into a CI failure instead of a wrong measurement.
"""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType
from typing import Any

REPO = Path(__file__).resolve().parent.parent
HELDOUT3 = REPO / "heldout3"
LABELS = HELDOUT3 / "labels.yaml"
FORMATS = {".md", ".html", ".txt"}
NOT_DOCUMENTS = {"README.md", "SOURCES.md", "RESULTS.md"}


def _load_evaluate() -> ModuleType:
    """Load scripts/evaluate.py by path: it is a script, not part of the installed package."""
    spec = importlib.util.spec_from_file_location("claimlint_evaluate_heldout3", REPO / "scripts" / "evaluate.py")
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


ev = _load_evaluate()


def _docs() -> list[Any]:
    return list(ev.load_documents(LABELS, HELDOUT3))


def _problems(doc: Any) -> list[str]:
    """Every reason a document's labels could score the wrong thing, as readable strings."""
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
    on_disk = {p.name for p in HELDOUT3.iterdir() if p.suffix in FORMATS and p.name not in NOT_DOCUMENTS}
    assert on_disk == set(docs)
    wrong_size = [n for n, d in docs.items() if not 12 <= len(d.text) - (d.text[-1] == "") <= 40]
    assert wrong_size == []


def test_mix_of_kinds_and_formats() -> None:
    docs = _docs()
    assert sum(d.kind == "marketing" for d in docs) == 8
    assert sum(d.kind == "neutral" for d in docs) == 8
    assert {d.path.suffix for d in docs} == FORMATS


def test_neutral_documents_carry_no_labels() -> None:
    assert [d.name for d in _docs() if d.kind == "neutral" and (d.lines or d.doc)] == []


def test_marketing_documents_carry_labels() -> None:
    assert [d.name for d in _docs() if d.kind == "marketing" and not d.lines] == []


def test_offlabel_disclosure_is_only_asked_of_ketamine_pages() -> None:
    wrong = [d.name for d in _docs() if "missing-offlabel-disclosure" in d.doc and d.topic not in ev.KETAMINE_TOPICS]
    assert wrong == []


def test_every_neutral_document_is_sourced() -> None:
    sources = (HELDOUT3 / "SOURCES.md").read_text(encoding="utf-8")
    assert [d.name for d in _docs() if d.kind == "neutral" and d.name not in sources] == []


def test_guide_example_phrases_are_not_reused() -> None:
    """The set must measure paraphrase, so each of the guide's stock phrases may appear once at most."""
    phrases = ("safe and natural", "wonder drug", "relief within minutes", "not addictive", "life-changing")
    text = " ".join(" ".join(d.text).lower() for d in _docs())
    assert {p: text.count(p) for p in phrases if text.count(p) > 1} == {}

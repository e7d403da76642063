"""Shared by the label tests: load scripts/evaluate.py and list what is wrong with a document's labels."""

from __future__ import annotations

import importlib.util
import sys
from collections.abc import Collection
from pathlib import Path
from types import ModuleType
from typing import Any

REPO = Path(__file__).resolve().parent.parent


def load_evaluate() -> ModuleType:
    """Load scripts/evaluate.py by path (once): it is a script, not part of the installed package."""
    return load_script("evaluate")


def load_script(stem: str) -> ModuleType:
    """Load ``scripts/<stem>.py`` by path, once per test session, as module ``claimlint_<stem>``."""
    name = f"claimlint_{stem}"
    if name in sys.modules:
        return sys.modules[name]
    spec = importlib.util.spec_from_file_location(name, REPO / "scripts" / f"{stem}.py")
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module


def label_problems(doc: Any, doc_categories: Collection[str]) -> list[str]:
    """Every reason a document's labels could score the wrong thing, as readable strings.

    ``doc_categories`` are the page-level categories the set allows: the held-out sets use only
    the three page checks, while the seeds' section D also lists page-level categories such as
    unsupported-evidence.
    """
    ev = load_evaluate()
    if not doc.path.is_file():
        return [f"{doc.name}: file not found at {doc.path}"]
    errors = []
    if doc.kind not in ev.KINDS:
        errors.append(f"{doc.name}: kind {doc.kind!r}")
    if not doc.topic:
        errors.append(f"{doc.name}: no topic")
    errors += [f"{doc.name}: doc category {c!r}" for c in doc.doc if c not in doc_categories]
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

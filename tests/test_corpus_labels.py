"""Keep the evaluation corpus honest: labels must point at real, non-blank lines with valid names.

The labels are data that nothing else type-checks; if a document is edited and its line numbers
shift, or a category is misspelled, scripts/evaluate.py would silently score against the wrong
lines. These tests make that rot fail CI instead.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

from labelcheck import label_problems, load_evaluate

REPO = Path(__file__).resolve().parent.parent
CORPUS = REPO / "corpus"
GUIDE_CANDIDATES = (REPO.parent / "shared" / "docs" / "claims-guide.md", Path("/work/shared/docs/claims-guide.md"))
FORMATS = {".md", ".html", ".txt"}
NOT_DOCUMENTS = {"README.md", "SOURCES.md"}


ev = load_evaluate()


def _corpus_docs():
    return ev.load_documents(CORPUS / "labels.yaml", CORPUS)


def _seed_docs():
    root = ev.seeds_root(CORPUS / "seed-labels.yaml", None)
    if root is None:
        pytest.skip("shared/seeds is not beside the repository")
    return ev.load_documents(CORPUS / "seed-labels.yaml", root)


def test_corpus_labels_are_valid():
    errors = [e for doc in _corpus_docs() for e in label_problems(doc, ev.CATEGORIES)]
    assert errors == []


def test_seed_labels_are_valid():
    errors = [e for doc in _seed_docs() for e in label_problems(doc, ev.CATEGORIES)]
    assert errors == []


def test_seed_do_not_flag_sentences_exist():
    missing = []
    for doc in _seed_docs():
        for line, quotes in doc.do_not_flag.items():
            text = doc.text[line - 1] if line <= len(doc.text) else ""
            missing += [f"{doc.name}:{line} {q!r}" for q in quotes if ev.sentence_span(text, q) is None]
    assert missing == []


def test_every_corpus_file_is_labelled_and_sized():
    docs = {d.name: d for d in _corpus_docs()}
    on_disk = {p.name for p in CORPUS.iterdir() if p.suffix in FORMATS and p.name not in NOT_DOCUMENTS}
    assert on_disk == set(docs)
    wrong_size = [n for n, d in docs.items() if not 10 <= len(d.text) - (d.text[-1] == "") <= 60]
    assert wrong_size == []


def test_corpus_mix():
    docs = _corpus_docs()
    assert len(docs) >= 30
    kinds = {k: sum(d.kind == k for d in docs) for k in ev.KINDS}
    assert min(kinds.values()) >= 12, kinds
    assert {d.path.suffix for d in docs} == FORMATS
    assert [d.name for d in docs if d.kind == "neutral" and d.lines] == []
    assert [d.name for d in docs if d.kind == "neutral" and d.doc] == []


def test_every_neutral_document_is_sourced():
    sources = (CORPUS / "SOURCES.md").read_text(encoding="utf-8")
    unsourced = [d.name for d in _corpus_docs() if d.kind == "neutral" and d.name not in sources]
    assert unsourced == []


def test_category_list_matches_the_guide():
    guide = next((p for p in GUIDE_CANDIDATES if p.is_file()), None)
    if guide is None:
        pytest.skip("claims-guide.md is not beside the repository")
    names = re.findall(r"^\*\*\d+\. ([a-z-]+) \[", guide.read_text(encoding="utf-8"), re.M)
    assert tuple(names) == ev.CATEGORIES


def test_bare_list_label_takes_the_highest_guide_severity():
    assert ev.parse_line_label(["miracle-hype", "cost-claim"]) == ev.LineLabel("M", ("miracle-hype", "cost-claim"))
    assert ev.parse_line_label({"sev": "L", "cat": ["cure-guarantee"]}).sev == "L"


def test_scoring_counts_touched_lines_and_do_not_flag(tmp_path):
    page = tmp_path / "page.txt"
    page.write_text("Safe and natural relief. It is not an opioid.\nplain line\nhype here\n", encoding="utf-8")
    labels = tmp_path / "labels.yaml"
    labels.write_text(
        yaml.safe_dump(
            {
                "documents": {
                    "page.txt": {
                        "kind": "marketing",
                        "doc": ["missing-risk-info"],
                        "lines": {1: ["natural-claim"], 3: ["miracle-hype"]},
                        "do_not_flag": {1: ["It is not an opioid."]},
                    }
                }
            }
        ),
        encoding="utf-8",
    )
    (doc,) = ev.load_documents(labels, tmp_path)
    findings = [
        ev.Finding(1, 1, 1, 17, "natural-claim", "X1", "line"),
        ev.Finding(1, 26, 2, 3, "cost-claim", "X2", "line"),
        ev.Finding(1, 1, 1, 1, "missing-risk-info", "X3", "document"),
    ]
    result = ev.summary(ev.score([doc], {str(page.resolve()): findings}))
    assert result["lines"]["predicted"] == 2
    assert result["lines"]["true_positive"] == 1
    assert result["lines"]["recall"] == 0.5
    assert [r["where"].rsplit(":", 1)[1] for r in result["false_positives"]] == ["2"]
    assert [v["found"] for v in result["do_not_flag_violations"]] == [["cost-claim"]]
    assert result["doc_checks"]["missing-risk-info/other"]["accuracy"] == 1.0
    assert result["doc_checks"]["missing-offlabel-disclosure/other"]["misses"] == []

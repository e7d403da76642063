"""``claimlint test-rules``: examples judged with and without the prefilter."""

from __future__ import annotations

from pathlib import Path

from claimlint.plugins import get_registry
from claimlint.selftest import run_examples

PACK = """\
version: 1
rules:
  - id: T1
    name: hype
    category: miracle-hype
    severity: info
    type: phrase
    phrases: ["wonder drug"]
    message: m
    examples:
      bad: ["this wonder drug", "nothing here"]
      good: ["a drug", "a wonder drug indeed"]
"""


def test_failures_name_the_example_line_and_what_matched(tmp_path: Path) -> None:
    path = tmp_path / "r.yaml"
    path.write_text(PACK, encoding="utf-8")
    failures, checked = run_examples([str(path)], get_registry(False))
    assert checked == 4
    assert failures == [
        f"{path}:11:33: T1 bad example not flagged: 'nothing here'",
        f"{path}:12:24: T1 good example flagged: 'a wonder drug indeed' (matched 'wonder drug')",
    ]


def test_default_pack_examples_pass_with_and_without_prefilter() -> None:
    failures, checked = run_examples([], get_registry(False))
    assert not failures
    assert checked > 300

"""Stable identities for findings, shared by SARIF output and baselines.

A finding must keep its identity when unrelated lines are added above it, so
the hash never includes line numbers or offsets. It is built from the rule id,
the matched text and the sentence around it (both case- and
whitespace-normalised), plus the index of this occurrence among identical
ones in the same file, so two copies of one sentence stay distinct.

Fingerprints are unique within one file only: pair them with the path when a
key must be unique across a whole run.
"""

from __future__ import annotations

from collections.abc import Sequence

from claimlint.digest import sha256
from claimlint.model import Finding

VERSION = "v1"


def normalize(text: str) -> str:
    """Case-fold and collapse whitespace, so reflowing a paragraph changes nothing."""
    return " ".join(text.casefold().split())


def identity(finding: Finding) -> tuple[str, str, str]:
    """Return what makes two findings "the same claim": rule id, match and sentence."""
    return (finding.rule.id, normalize(finding.match), normalize(finding.sentence))


def fingerprint(finding: Finding, occurrence: int = 0) -> str:
    """Hex digest of :func:`identity` and ``occurrence`` (0 for the first copy in its file)."""
    parts = (VERSION, *identity(finding), str(occurrence))
    return sha256("\x1f".join(parts).encode("utf-8")).hexdigest()[:32]


def fingerprints(findings: Sequence[Finding]) -> list[str]:
    """Fingerprint every finding, numbering identical ones per file in text order.

    The result is parallel to ``findings`` whatever order they come in.
    """
    order = sorted(range(len(findings)), key=lambda i: _position(findings[i]))
    seen: dict[tuple[str, tuple[str, str, str]], int] = {}
    out = [""] * len(findings)
    for i in order:
        key = (findings[i].path, identity(findings[i]))
        out[i] = fingerprint(findings[i], seen.get(key, 0))
        seen[key] = seen.get(key, 0) + 1
    return out


def _position(finding: Finding) -> tuple[str, int, int, int, int]:
    return (finding.path, finding.line, finding.column, finding.end_line, finding.end_column)

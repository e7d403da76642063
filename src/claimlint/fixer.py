"""Mechanical fixes: apply rules' ``replace:`` text to the spans they matched.

Only rules with a ``replace`` are fixable; rewriting a claim needs a person,
so every other suggestion stays a suggestion. Edits are made on the decoded
text at the finding's exact offsets, so line endings and everything else
outside a match are untouched; :func:`encode` puts the original BOM and
encoding back. The replacement follows the match's capitalisation, so a
sentence-initial "Wonder drug" becomes "Treatment option".
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable
from dataclasses import dataclass

from claimlint.files import Decoded
from claimlint.model import Finding

# A span with anything but words, spaces, apostrophes and hyphens crosses
# markup (``wonder **drug**``, ``wonder&nbsp;drug``); replacing it would
# break the markup, so such a match stays a suggestion.
_PLAIN_SPAN = re.compile(r"[\w\s'’-]+")


@dataclass(frozen=True)
class Edit:
    """Replace ``text[start:end]`` with ``new``."""

    start: int
    end: int
    new: str


def fixable(finding: Finding) -> bool:
    """Whether ``--fix`` can act on this finding."""
    return finding.rule.replace is not None and finding.rule.type != "meta" and finding.end > finding.start


def match_case(original: str, replacement: str) -> str:
    """``replacement`` written in the case pattern of ``original``.

    ALL CAPS stays all caps, Title Case Words stay title case, a capital
    first letter stays capital; lower-case matches keep the replacement as
    the rule wrote it (it may hold proper nouns).
    """
    letters = [c for c in original if c.isalpha()]
    if not letters or not replacement:
        return replacement
    if len(letters) > 1 and all(c.isupper() for c in letters):
        return replacement.upper()
    words = original.split()
    if len(words) > 1 and all(w[0].isupper() for w in words if w[0].isalpha()):
        return " ".join(w[:1].upper() + w[1:] for w in replacement.split(" "))
    if original[0].isupper():
        return replacement[0].upper() + replacement[1:]
    return replacement


def edits_for(text: str, findings: Iterable[Finding]) -> list[Edit]:
    """Non-overlapping edits for the fixable findings (the earliest wins an overlap).

    Matches whose original text crosses markup are skipped.
    """
    out: list[Edit] = []
    last_end = -1
    for finding in sorted(findings, key=lambda f: (f.start, f.end)):
        if not fixable(finding) or finding.start < last_end:
            continue
        original = text[finding.start : finding.end]
        new = match_case(original, finding.rule.replace or "")
        if new == original or not _PLAIN_SPAN.fullmatch(original):
            continue
        out.append(Edit(finding.start, finding.end, new))
        last_end = finding.end
    return out


def apply_edits(text: str, edits: Iterable[Edit]) -> str:
    """``text`` with non-overlapping ``edits`` applied."""
    parts: list[str] = []
    pos = 0
    for edit in sorted(edits, key=lambda e: e.start):
        parts.append(text[pos : edit.start])
        parts.append(edit.new)
        pos = edit.end
    parts.append(text[pos:])
    return "".join(parts)


def encode(decoded: Decoded, text: str) -> bytes:
    """Bytes for ``text`` in the file's original encoding, with its BOM."""
    return decoded.bom + text.encode(decoded.encoding)


def unified_diff(path: str, before: str, after: str) -> str:
    """A ``diff -u`` style patch from ``before`` to ``after`` (empty if equal)."""
    lines = difflib.unified_diff(
        before.splitlines(keepends=True), after.splitlines(keepends=True), f"a/{path}", f"b/{path}"
    )
    out = []
    for line in lines:
        out.append(line if line.endswith(("\n", "\r")) else line + "\n\\ No newline at end of file\n")
    return "".join(out)

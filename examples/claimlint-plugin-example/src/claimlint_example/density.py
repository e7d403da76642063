"""``type: density``: too many of the listed words in one paragraph or string.

One "best" is puffery; "the best, strongest, most powerful, #1 formula" is a
stack of superiority claims a reviewer will ask to substantiate one by one.
A phrase rule cannot count, so this type does: it fires once per segment
holding more than ``max`` occurrences of ``words``, anchored at the first
occurrence past the limit. Words match case-insensitively and whole-word;
a multi-word entry matches across any whitespace.

It reuses claimlint's ``LineMatcher``, so the keys every rule accepts
(``scopes``, ``when``, ``context``, ``unless``) work here too.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence

from claimlint.api import ConfigError, DocView, Key, Rule, RuleType, Segment
from claimlint.ruletypes.base import LineMatcher

DEFAULT_MAX = 2


class DensityMatcher(LineMatcher):
    """One density rule."""

    def __init__(self, rule: Rule) -> None:
        super().__init__([rule])
        self.rule = rule
        self.max = int(rule.params.get("max", DEFAULT_MAX))
        words = sorted(set(rule.params["words"]), key=len, reverse=True)
        alternation = "|".join(r"\s+".join(re.escape(w) for w in word.split()) for word in words)
        self.pattern = re.compile(rf"(?<!\w)(?:{alternation})(?!\w)", re.IGNORECASE)
        self._gate = _gate(words)

    def literals(self) -> list[frozenset[str]] | None:
        """The file must contain one of the words (their longest run of letters)."""
        return self._gate

    def candidates(self, doc: DocView) -> Iterator[tuple[Rule, Segment, int, int]]:
        """The first occurrence past ``max`` in each segment."""
        for seg in doc.segments:
            for count, m in enumerate(self.pattern.finditer(seg.text), start=1):
                if count > self.max:
                    yield self.rule, seg, m.start(), m.end()
                    break


def _gate(words: Sequence[str]) -> list[frozenset[str]] | None:
    longest = []
    for word in words:
        runs = re.findall(r"\w+", word.lower())
        if not runs:
            return None
        longest.append(max(runs, key=len))
    return [frozenset(longest)] if longest else None


def _compile(rules: Sequence[Rule]) -> Sequence[DensityMatcher]:
    for rule in rules:
        limit = rule.params.get("max", DEFAULT_MAX)
        if limit < 0 or not [w for w in rule.params["words"] if w.strip()]:
            where = rule.origin
            raise ConfigError(where.path, f"rule {rule.id}: density needs words and max >= 0", where.line, where.column)
    return [DensityMatcher(r) for r in rules]


RULE_TYPE = RuleType(
    name="density",
    keys={
        "words": Key("text-list", True, "words or phrases to count (case-insensitive, whole words)"),
        "max": Key("int", doc=f"how many may appear in one paragraph or string (default {DEFAULT_MAX})"),
    },
    compile=_compile,
    doc="Fires when a paragraph or string holds more than `max` of the listed words.",
)

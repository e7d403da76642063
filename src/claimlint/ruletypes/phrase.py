"""``type: phrase``: literal phrases, combined into one matcher for all rules.

Matching is case-insensitive and word-bounded. Case is ignored as the
``regex`` module ignores it for a ``pattern`` rule written in lower case
(:func:`claimlint.casefold.caseless`: "MİRACLE" holds "miracle", "ß" is not
"ss"; a phrase's dotless ı, read as ı, does not match I). Curly and straight quotes are
equal, hyphens equal spaces ("habit-forming" = "habit forming"), and segment
text already has each whitespace run folded to one space, so a phrase that
wraps over a soft line break still matches. One fast search (RE2 when
installed) finds candidate starts; each is then verified against the phrases
that share its first word, so overlapping phrases from different rules all
fire.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator, Sequence
from functools import cache

from claimlint.api import DocView, Key, RuleType
from claimlint.casefold import tables
from claimlint.literals import WORD
from claimlint.model import Rule, Segment
from claimlint.multisearch import MultiSearch
from claimlint.ruletypes.anchors import line_anchors
from claimlint.ruletypes.base import LineMatcher, gate_literals, is_exhaustive, segment_index

_PUNCTUATION = str.maketrans(
    {"’": "'", "‘": "'", "ʼ": "'", "“": '"', "”": '"', "-": " ", "‐": " ", "‑": " ", "\xa0": " "}
)


@cache
def _fold_table() -> dict[int, str | int | None]:
    """The quote, hyphen and case table, built when first used: the case part follows the installed ``regex``."""
    return {**_PUNCTUATION, **tables().lower}


def fold(text: str) -> str:
    """Quote and hyphen folding that keeps every character's offset.

    It also writes the letters whose ``str.lower`` is not their ``regex``
    lower case as that (:func:`claimlint.casefold.tables`), so ``.lower()``
    of the result is :func:`claimlint.casefold.caseless` and one character
    for one: İ would lower to two and shift every offset after it.
    """
    return text.translate(_fold_table())


def normalize_phrase(phrase: str) -> str:
    """The folded, lower-case, single-spaced form a phrase is matched in."""
    return " ".join(fold(phrase).lower().split())


def _is_word(ch: str) -> bool:
    return ch.isalnum() or ch == "_"


class PhraseMatcher(LineMatcher):
    """All phrase rules of a run in one matcher."""

    def __init__(self, rules: Sequence[Rule]) -> None:
        super().__init__(rules)
        self.by_first: dict[str, list[tuple[str, Rule]]] = defaultdict(list)
        firsts: set[str] = set()
        for rule in rules:
            for phrase in rule.params["phrases"]:
                norm = normalize_phrase(phrase)
                if norm:
                    first = norm.split(" ", 1)[0]
                    self.by_first[first].append((norm, rule))
                    firsts.add(first)
        for entries in self.by_first.values():
            entries.sort(key=lambda e: -len(e[0]))
        self.search = MultiSearch(sorted(firsts), word_start=True)
        self.first_lengths = sorted({len(w) for w in firsts})
        words = {_longest_word(norm) for entries in self.by_first.values() for norm, _ in entries}
        own = frozenset(words) if words and "" not in words else None
        self._literals = gate_literals(own, rules)
        self._anchors = line_anchors(frozenset(w.strip("<>") for w in own) if own else None, rules)

    def literals(self) -> list[frozenset[str]] | None:
        """The longest word of each phrase (and ``when``); None if a phrase has none."""
        return self._literals

    def anchors(self) -> frozenset[str] | None:
        """A match holds every word of its phrase, so each phrase's longest word (plus ``when``) covers it."""
        return self._anchors

    def all_of(self) -> list[frozenset[str]] | None:
        """Per phrase, every word it holds, each a whole word: the engine's sharper gate."""
        alternatives = []
        for entries in self.by_first.values():
            for norm, _rule in entries:
                words = WORD.findall(norm)
                if not words:
                    return None
                alternatives.append(frozenset(f"<{w}>" for w in words))
        return alternatives

    def candidates(self, doc: DocView) -> Iterator[tuple[Rule, Segment, int, int]]:
        """Verify every candidate start against the phrases sharing its first word.

        The search runs once over the document's joined segment texts. A
        phrase never holds the newline that joins them, so a match cannot
        span two segments, and the joint is a non-word character just like
        a segment's own ends.
        """
        if is_exhaustive(doc):
            yield from self._per_segment(doc.segments)
            return
        index = segment_index(doc)
        folded = fold(index.joined)
        low = folded.lower()
        if len(low) != len(folded):
            yield from self._per_segment(doc.segments)
            return
        for start in self.search.starts(low):
            for rule, end in self._verify(folded, low, start):
                k = index.segment_of(start)
                base = index.starts[k]
                yield rule, doc.segments[k], start - base, end - base

    def _per_segment(self, segments: Sequence[Segment]) -> Iterator[tuple[Rule, Segment, int, int]]:
        """The same search segment by segment, for text whose case folding changes its length."""
        for seg in segments:
            folded = fold(seg.text)
            low = folded.lower()
            lowered = low if len(low) == len(folded) else folded
            for start in self.search.starts(lowered):
                for rule, end in self._verify(folded, lowered, start):
                    yield rule, seg, start, end

    def _verify(self, folded: str, lowered: str, start: int) -> Iterator[tuple[Rule, int]]:
        for size in self.first_lengths:
            for norm, rule in self.by_first.get(lowered[start : start + size], ()):
                end = start + len(norm)
                if folded[start:end].lower() == norm and (end >= len(folded) or not _is_word(folded[end])):
                    yield rule, end


def _longest_word(norm: str) -> str:
    words = WORD.findall(norm)
    return f"<{max(words, key=len)}>" if words else ""


def _compile(rules: Sequence[Rule]) -> Sequence[PhraseMatcher]:
    return [PhraseMatcher(rules)] if rules else []


RULE_TYPE = RuleType(
    name="phrase",
    keys={"phrases": Key("text-list", True, "literal phrases; case, quotes, hyphens and spacing are folded")},
    compile=_compile,
    doc="Literal phrases, case-insensitive and word-bounded.",
)

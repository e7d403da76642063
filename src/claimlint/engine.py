"""Compile rules once, then lint texts: prefilter, parse, match, locate, sort.

Pure: no I/O, no printing. The CLI reads files and hands texts in; the
engine returns findings and per-file problems.

Speed comes from doing as little as possible per file. Every matcher
declares the words it needs (:meth:`Matcher.literals`); one combined search
over the raw text tells which matchers can fire at all, and a file where
none can is never parsed.
"""

from __future__ import annotations

import os
from collections.abc import Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass, field

from claimlint.api import AnchorFinder, DocView, Matcher, RuleType, SourceFormat
from claimlint.errors import ConfigError
from claimlint.gates import Gates
from claimlint.model import FileProblem, Finding, Hit, ParsedSource, Rule
from claimlint.multisearch import MultiSearch
from claimlint.pages import kept, page_anchors
from claimlint.ruletypes.anchors import AnchorSearch, is_strong
from claimlint.ruletypes.base import RuleTimeout, mark_exhaustive, register_words
from claimlint.suppress import apply_directives
from claimlint.textutil import LineIndex


@dataclass
class CompiledRules:
    """Matchers plus the combined prefilter built from their literals."""

    rules: list[Rule]
    matchers: list[Matcher]
    gates: list[list[frozenset[str]] | None]
    search: MultiSearch = field(init=False)
    known: Sequence[Rule] = ()

    def __post_init__(self) -> None:
        self.prefilter = Gates(self.gates, [_together(m) for m in self.matchers])
        self.search = self.prefilter.search

    def live(self, text: str | bytes) -> list[Matcher]:
        """The matchers that can possibly fire on ``text`` (see :mod:`claimlint.gates`)."""
        return [self.matchers[i] for i in self.prefilter.live(text)]


def _together(matcher: Matcher) -> list[frozenset[str]] | None:
    """A matcher's optional ``all_of()`` alternatives.

    ``all_of()`` (used by phrase rules) is a sharper gate than ``literals()``:
    the matcher can fire only if, for one of the returned word sets, every
    word occurs. A phrase needs all its words, not just its longest one.
    """
    method = getattr(matcher, "all_of", None)
    alternatives = method() if callable(method) else None
    if not alternatives or any(not alt for alt in alternatives):
        return None
    return [frozenset(alt) for alt in alternatives]


def compile_rules(rules: Sequence[Rule], rule_types: Mapping[str, RuleType]) -> CompiledRules:
    """Group rules by type and compile each group once."""
    by_type: dict[str, list[Rule]] = {}
    for rule in rules:
        if rule.type not in rule_types:
            raise ConfigError(str(rule.origin.path), f"unknown rule type {rule.type!r}", rule.origin.line)
        by_type.setdefault(rule.type, []).append(rule)
    register_words(rules)
    matchers: list[Matcher] = []
    for name in sorted(by_type):
        matchers.extend(rule_types[name].compile(by_type[name]))
    gates = [_normalize_gate(m.literals()) for m in matchers]
    return CompiledRules(list(rules), matchers, gates)


def _normalize_gate(gate: Sequence[Collection[str]] | None) -> list[frozenset[str]] | None:
    if not gate:
        return None
    sets = [frozenset(w.lower() for w in s) for s in gate]
    return None if any(not s for s in sets) else sets


@dataclass
class FileResult:
    """Findings and problems for one file."""

    findings: list[Finding]
    problems: list[FileProblem]


def check_text(
    path: str,
    text: str,
    fmt: SourceFormat,
    compiled: CompiledRules,
    prefilter: bool = True,
    require_reasons: bool = True,
) -> FileResult:
    """Lint one decoded text. ``path`` is only used for reporting."""
    live = _live(text, fmt, compiled, prefilter)
    if not live and not _may_have_directives(text):
        return FileResult([], [])
    parsed = _focused(text, fmt, compiled, live) if prefilter else None
    if parsed is None:
        parsed = fmt.parse(text)
    hits, problems = run_matchers(path, text, parsed, live, exhaustive=not prefilter)
    findings = []
    if hits:
        index = LineIndex(text)
        findings = [to_finding(path, text, index, hit) for hit in _dedupe(hits)]
    findings, extra = apply_directives(
        path, findings, parsed.directives, compiled.rules, require_reasons, compiled.known or None
    )
    findings.sort(key=Finding.sort_key)
    return FileResult(findings, problems + extra)


def _live(text: str, fmt: SourceFormat, compiled: CompiledRules, prefilter: bool) -> list[Matcher]:
    if not prefilter:
        return list(compiled.matchers)
    return compiled.live(fmt.searchable(text) if fmt.searchable else text)


def needs_parse(text: str, fmt: SourceFormat, compiled: CompiledRules, prefilter: bool = True) -> bool:
    """Whether :func:`check_text` gets past its prefilter; when not, it returns an empty result.

    The runner's workers ask, to hand the rare page of copy back to one
    process instead of building its rules' regexes again in each.
    """
    return bool(_live(text, fmt, compiled, prefilter)) or _may_have_directives(text)


def _may_have_directives(text: str) -> bool:
    return "claimlint-" in text


#: Set to ``1`` to turn focused parsing on (off by default: with the default pack it does not pay yet).
FOCUS_ENV = "CLAIMLINT_FOCUS"


def _focused(text: str, fmt: SourceFormat, compiled: CompiledRules, live: list[Matcher]) -> ParsedSource | None:
    """The format's focused parse around the live matchers' anchor words, or None for the full parse.

    Only when every live matcher declares its anchors can the blocks holding
    none of them be left unparsed; directives need every comment, so a text
    that may hold one is always parsed whole.
    """
    if fmt.focus is None or _may_have_directives(text) or os.environ.get(FOCUS_ENV) != "1":
        return None
    find = _anchor_finder(compiled, live)
    return None if find is None else fmt.focus(text, find)


def _anchor_finder(compiled: CompiledRules, live: list[Matcher]) -> AnchorFinder | None:
    """The search for the live matchers' anchors, or None when one of them needs the whole document.

    Words of three letters or more are searched for every matcher at once
    (one search per run; those of matchers that are not live only add lines
    to parse). Short words and punctuation would match nearly every line, so
    only the live matchers' ones are searched, once per combination.
    """
    state = compiled.__dict__
    if "_anchors" not in state:
        declared = {id(m): _declared(m) for m in compiled.matchers}
        words = {w for found in declared.values() if found is not None for w in found}
        state["_anchors"] = (declared, AnchorSearch(w for w in words if is_strong(w)), {})
    declared, strong, weak_searches = state["_anchors"]
    weak: set[str] = set()
    for matcher in live:
        found = declared.get(id(matcher))
        if found is None:
            return None
        weak.update(w for w in found if not is_strong(w))
    key = frozenset(weak)
    if key not in weak_searches:
        weak_searches[key] = _union(strong, AnchorSearch(key)) if key else strong
    return weak_searches[key]


def _union(first: AnchorFinder, second: AnchorFinder) -> AnchorFinder:
    return lambda text: [*first(text), *second(text)]


def _declared(matcher: Matcher) -> frozenset[str] | None:
    """The matcher's anchors plus its rules' page conditions' (whose verdicts read the whole page)."""
    method = getattr(matcher, "anchors", None)
    found = method() if callable(method) else None
    pages = page_anchors(matcher.rules)
    if found is None or pages is None:
        return None
    return frozenset(w.lower() for w in found | pages)


def run_matchers(
    path: str, text: str, parsed: ParsedSource, matchers: Iterable[Matcher], exhaustive: bool = False
) -> tuple[list[Hit], list[FileProblem]]:
    """Run matchers over one parsed document; a timed-out rule becomes a problem.

    ``exhaustive`` (``--no-prefilter``) also turns off the per-segment
    filters of the built-in rule types, so a run can prove they lose nothing.
    """
    doc = DocView(path, text, parsed.segments)
    if exhaustive:
        mark_exhaustive(doc)
    hits: list[Hit] = []
    problems: list[FileProblem] = []
    for matcher in sorted(matchers, key=_runs_last):
        if _runs_last(matcher):
            doc.__dict__["earlier_hits"] = tuple(hits)
        try:
            hits.extend(matcher.run(doc))
        except RuleTimeout as exc:
            problems.append(
                FileProblem(path, f"rule {exc.rule.id} ({exc.rule.name}) timed out on this file; rule skipped")
            )
    return _on_page(doc, hits, problems), problems


def _runs_last(matcher: Matcher) -> float:
    """How late ``matcher`` runs: a true ``runs_last`` means it reads the hits before it (``doc.earlier_hits``).

    A classifier fires only where no other rule did, so it must run after
    them; every other matcher keeps its order (the sort is stable). A number
    orders the readers among themselves: a denial rule (0.5) reads the
    lexicon rules' hits and runs before the classifier and the disclosure
    rules (``True``, 1), which read its hits in turn.
    """
    return float(getattr(matcher, "runs_last", 0))


def _on_page(doc: DocView, hits: list[Hit], problems: list[FileProblem]) -> list[Hit]:
    """Drop hits of rules that skip a kind of page ``doc`` is (``skip_pages``; see :mod:`claimlint.pages`)."""
    try:
        return kept(doc, hits)
    except RuleTimeout as exc:
        problems.append(FileProblem(doc.path, f"page conditions of rule {exc.rule.id} timed out on this file"))
        return hits


def _dedupe(hits: Iterable[Hit]) -> list[Hit]:
    """One finding per claim: drop a hit that overlaps an earlier hit of the same rule.

    Phrase and pattern alternatives often match nested spans of one claim
    ("relief within minutes" and "within minutes"); a reviewer should see it once.
    """
    kept: dict[str, list[Hit]] = {}
    spans: set[tuple[str, int, int]] = set()
    out = []
    for hit in sorted(hits, key=lambda h: (h.start, -h.end, h.rule.id)):
        same_rule = kept.setdefault(hit.rule.id, [])
        if any(hit.start < other.end and other.start < hit.end for other in same_rule[-4:]):
            continue
        span = (hit.rule.id, hit.start, hit.end)
        if span in spans:
            continue
        spans.add(span)
        same_rule.append(hit)
        out.append(hit)
    return out


def to_finding(path: str, text: str, index: LineIndex, hit: Hit) -> Finding:
    """Locate a hit: offsets to 1-based line/column, end exclusive."""
    line, col = index.position(hit.start)
    end_line, end_col = index.position(hit.end)
    return Finding(
        path=path,
        line=line,
        column=col,
        end_line=end_line,
        end_column=end_col,
        rule=hit.rule,
        match=text[hit.start : hit.end],
        scope=hit.scope,
        sentence=hit.sentence,
        note=hit.note,
        start=hit.start,
        end=hit.end,
    )


def render_suggestion(rule: Rule, match: str) -> str:
    """The rule's suggestion with ``{match}`` filled in (no other formatting)."""
    return rule.suggestion.replace("{match}", match)

"""Rule regexes are compiled when a rule first runs, never when it is loaded from the cache.

A warm ``claimlint check one.md`` must not pay for the hundreds of patterns of
rules the prefilter never wakes; but a bad pattern must still fail the load
with ``file:line:col``, before any copy is read.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from claimlint import cache, rulefile
from claimlint.api import DocView
from claimlint.config import Settings, load_ruleset
from claimlint.engine import check_text, compile_rules
from claimlint.errors import ConfigError
from claimlint.plugins import get_registry
from claimlint.rulefile import load_pack_text
from claimlint.ruletypes import base
from claimlint.textutil import whole_text_segment

RULES = """\
version: 1
rules:
  - {id: L1, name: speed, category: speed, severity: warning, type: pattern,
     patterns: ['\\bzorbify\\s+fast\\b', '\\bzorbify\\s+slow\\b'], unless: ['\\bnot zorbify\\b'],
     message: m}
  - {id: L2, name: risk, category: risk, severity: error, type: require,
     when: ['\\bquaxil\\b'], must: ['\\bquaxil risk\\b'], message: m}
  - {id: L3, name: disclose, category: risk, severity: error, type: disclosure,
     triggers: ['\\bflumbo\\b'], must: ['\\bflumbo warning\\b'], message: m}
  - {id: L4, name: cites, category: cites, severity: warning, type: cited,
     reference: ['\\bwibblepress\\b'], patterns: ['\\bproves\\b'], message: m}
  - {id: L5, name: claimy, category: cure, severity: warning, type: claim,
     subject: ['\\bvexaline\\b'], predicate: ['\\bcures? pain\\b', '\\bheals\\b'], message: m}
"""


def _record_calls(monkeypatch: pytest.MonkeyPatch, name: str) -> list[Any]:
    """Replace ``base.<name>`` by one that records each first argument, then calls it."""
    seen: list[Any] = []
    real = getattr(base, name)

    def spy(arg: Any, *args: Any, **kwargs: Any) -> Any:
        seen.append(arg)
        return real(arg, *args, **kwargs)

    monkeypatch.setattr(base, name, spy)
    return seen


@pytest.fixture
def compiled_patterns(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Every rule regex the rule types compile from now on, in order."""
    seen: list[str] = _record_calls(monkeypatch, "compile_regex")
    monkeypatch.setattr(rulefile, "_COMPILED", {})
    monkeypatch.setattr(base, "_DOCS_SEEN", [0])
    monkeypatch.setattr(base, "_ASKED", {})
    return seen


def _compiled():  # type: ignore[no-untyped-def]
    registry = get_registry(False)
    rules = load_pack_text("r.yaml", RULES, registry.rule_types).rules
    rulefile._COMPILED.clear()  # as when the rules come from the on-disk cache: validated, not compiled
    return compile_rules(rules, registry.rule_types), registry


def _lint(text: str) -> list[str]:
    compiled, registry = _compiled()
    return [f.rule.id for f in check_text("t.txt", text, registry.formats["text"], compiled).findings]


def test_compiling_the_rules_compiles_no_regex(compiled_patterns: list[str]) -> None:
    _compiled()
    assert compiled_patterns == []


def test_a_page_that_wakes_no_rule_compiles_no_regex(compiled_patterns: list[str]) -> None:
    assert _lint("Plain copy about nothing in particular.\n") == []
    assert compiled_patterns == []


def test_a_rule_compiles_only_the_regexes_that_can_match(compiled_patterns: list[str]) -> None:
    assert _lint("Zorbify fast today.\n") == ["L1"]
    assert compiled_patterns == [r"\bzorbify\s+fast\b"]


def test_unless_is_compiled_when_it_can_match(compiled_patterns: list[str]) -> None:
    assert _lint("We do not zorbify fast.\n") == []
    assert compiled_patterns == [r"\bzorbify\s+fast\b", r"\bnot zorbify\b"]


def test_a_compiled_regex_is_reused_and_later_documents_skip_the_re2_check(compiled_patterns: list[str]) -> None:
    """From the second document on, a regex whose words occur is compiled without asking RE2 first."""
    compiled, registry = _compiled()
    for name in ("a.txt", "b.txt", "c.txt"):
        result = check_text(name, "Zorbify fast today.\n", registry.formats["text"], compiled)
        assert [f.rule.id for f in result.findings] == ["L1"]
    assert sorted(compiled_patterns) == [r"\bnot zorbify\b", r"\bzorbify\s+fast\b", r"\bzorbify\s+slow\b"]


@pytest.mark.parametrize(
    ("text", "rule", "pattern"),
    [
        ("Try quaxil now.\n", "L2", r"\bquaxil\b"),
        ("Try flumbo now.\n", "L3", r"\bflumbo\b"),
    ],
)
def test_document_rules_still_fire(compiled_patterns: list[str], text: str, rule: str, pattern: str) -> None:
    assert _lint(text) == [rule]
    assert pattern in compiled_patterns


def test_cited_rule_compiles_on_a_citing_page(compiled_patterns: list[str]) -> None:
    text = "Ketamine proves it works [1].\n\n[1] Wibblepress newsroom (2021). Ketamine news release.\n"
    assert _lint(text) == ["L4"]
    assert r"\bwibblepress\b" in compiled_patterns


def test_claim_rule_compiles_the_parts_that_can_match(compiled_patterns: list[str]) -> None:
    assert _lint("Vexaline cures pain.\n") == ["L5"]
    assert compiled_patterns == [r"\bcures? pain\b", r"\bvexaline\b"]


def test_a_bad_regex_fails_the_load_with_its_position() -> None:
    registry = get_registry(False)
    bad = RULES.replace("quaxil risk", "quaxil (risk")
    with pytest.raises(ConfigError) as excinfo:
        load_pack_text("r.yaml", bad, registry.rule_types)
    assert str(excinfo.value).startswith("r.yaml:7:")
    assert "bad regex in 'must'" in str(excinfo.value)


def test_a_bad_regex_is_never_served_from_the_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CLAIMLINT_CACHE_DIR", str(tmp_path / "cache"))
    rules = tmp_path / "rules.yaml"
    rules.write_text(RULES, encoding="utf-8")
    settings = Settings(extends=[], rule_files=[str(rules)])
    registry = get_registry(False)
    cache.cached_ruleset(settings, registry, load_ruleset)
    rules.write_text(RULES.replace(r"\bflumbo warning\b", r"\bflumbo (warning\b"), encoding="utf-8")
    with pytest.raises(ConfigError, match=r"rules\.yaml:9:\d+: bad regex in 'must'"):
        cache.cached_ruleset(settings, registry, load_ruleset)


def test_first_document_is_narrowed_by_words_later_ones_by_the_rule_filter(monkeypatch: pytest.MonkeyPatch) -> None:
    """Both narrowings are supersets: the findings of a long document are the same either way."""
    monkeypatch.setattr(base, "_ASKED", {})
    monkeypatch.setattr(base, "_DOCS_SEEN", [0])
    filters: list[str] = _record_calls(monkeypatch, "compile_re2")
    base.re2_filter.cache_clear()
    compiled, registry = _compiled()
    prose = "".join(f"Paragraph {i} says nothing.\n\n" for i in range(10))
    text = prose + "Zorbify fast, they said.\n\nWe do not zorbify slowly.\n"
    found = []
    for _ in range(3):
        result = check_text("t.txt", text, registry.formats["text"], compiled)
        found.append([(f.rule.id, f.line) for f in result.findings])
        if len(found) == 1:
            assert not any("fast" in f and "slow" in f for f in filters), "the first document compiled the rule filter"
    assert found == [[("L1", 21)]] * 3
    assert any("fast" in f and "slow" in f for f in filters)


def test_a_regex_is_translated_only_when_its_words_occur(
    compiled_patterns: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    asked: list[tuple[str, ...]] = _record_calls(monkeypatch, "filter_for")
    doc = DocView("t.txt", "Zorbify fast.", [])
    assert base.regex_for(doc, r"\bquaxil\b", "Zorbify fast.") is None
    assert base.regex_for(doc, r"\bzorbify\s+slow\b", "Zorbify fast.") is None
    assert asked == [(r"\bzorbify\s+slow\b",)]
    assert compiled_patterns == []


def test_regexes_by_segment_finds_every_match_in_every_document(monkeypatch: pytest.MonkeyPatch) -> None:
    """The first document is narrowed per segment and regex, later ones by the word index: no match is lost."""
    monkeypatch.setattr(base, "_ASKED", {})
    monkeypatch.setattr(base, "_DOCS_SEEN", [0])
    sources = (r"\bzorbify\s+fast\b", r"\bzorbify\s+slow\b", r"\d+ ways", r"[\"”] ?- ?(?-i:[A-Z])")
    lines = [f"Paragraph {i} says nothing." for i in range(10)]
    lines += ["Zorbify fast, they said.", "ZORBIFY SLOW", "3 ways to zorbify fast", "zorbify quickly"]
    lines += ['"It works" - Maria', '"it works" - maria']
    segments = [seg for seg in map(whole_text_segment, lines) if seg is not None]
    every = {
        (k, m.span())
        for k, seg in enumerate(segments)
        for s in sources
        for m in rulefile.compile_regex(s).finditer(seg.text)
    }
    assert len(every) == 5
    for _ in range(3):
        doc = DocView("t.txt", "\n".join(lines), segments)
        index = {id(seg): k for k, seg in enumerate(segments)}
        found = {
            (index[id(seg)], m.span())
            for seg, patterns in base.regexes_by_segment(doc, sources)
            for p in patterns
            for m in p.finditer(seg.text)
        }
        assert found == every


def test_compiling_the_rules_registers_every_regex_word_so_the_word_index_is_built_once() -> None:
    _compiled()
    base._register_pending()
    for word in ("zorbify", "quaxil", "flumbo", "wibblepress", "vexaline", "heals"):
        assert word in base._VOCAB.ids


def test_the_first_documents_filters_are_not_kept_for_the_run(compiled_patterns: list[str]) -> None:
    """One filter per regex the first page asks about: kept, they held megabytes no later page used."""
    base.re2_filter.cache_clear()
    doc = DocView("t.txt", "Zorbify fast.", [])
    assert base.regex_for(doc, r"\bzorbify\s+slow\b", "Zorbify fast.") is None
    assert base.re2_filter.cache_info().currsize == 0
    assert list(doc.__dict__["_early_filters"]) == [r"\bzorbify\s+slow\b"]

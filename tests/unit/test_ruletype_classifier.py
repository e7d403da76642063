"""The ``classifier`` rule type: features, scoring, the engine's order, validation and caching."""

from __future__ import annotations

import dataclasses
import json
import math
import textwrap
from collections.abc import Callable
from pathlib import Path

import pytest

from claimlint import cache
from claimlint.config import Settings, load_ruleset
from claimlint.engine import check_text, compile_rules
from claimlint.model import Segment
from claimlint.plugins import get_registry
from claimlint.rulefile import enabled_rules
from claimlint.ruletypes.classifier import (
    FEATURE_GROUPS,
    ClassifierMatcher,
    Model,
    context_features,
    features,
    load_model,
    parse_model,
    sentence_spans,
    sigmoid,
    tokens,
    voice_features,
)
from claimlint.textutil import whole_text_segment
from rulekit import lint_markdown

ROOT = Path(__file__).resolve().parents[2]
SHIPPED = ROOT / "src" / "claimlint" / "seller-voice.json"

TINY = {
    "format": 1,
    "bias": -1.0,
    "weights": {"v:we": 2.0, "w:relief": 1.0, "v:hedge": -3.0, "k:heading": 0.5, "w:nothing": -3.0},
}

RULES = """
version: 1
rules:
  - id: X001
    name: voice
    category: efficacy-overstatement
    severity: warning
    type: classifier
    model: {model}
    threshold: {threshold}
    when: ['\\bpain\\b']
    message: "FTC: an objective claim needs evidence."
  - id: X002
    name: miracle
    category: miracle-hype
    severity: info
    type: phrase
    phrases: [miracle]
    message: "Hype."
"""


@pytest.fixture
def setup(tmp_path: Path) -> Callable[..., str]:
    """Write the tiny model and a rules file using it; return the rules path."""

    def make(model: object = TINY, threshold: object = 0.6, name: str = "m.json") -> str:
        (tmp_path / "m.json").write_text(json.dumps(model), encoding="utf-8")
        rules = tmp_path / "rules.yaml"
        rules.write_text(textwrap.dedent(RULES).format(model=name, threshold=threshold), encoding="utf-8")
        return str(rules)

    return make


def _lint(rules: str, text: str) -> list[tuple[str, int, str]]:
    return [(f.rule.id, f.line, f.match) for f in lint_markdown(rules, text)]


def test_tokens_fold_case_and_curly_apostrophes() -> None:
    assert tokens("We’re HERE, you're 100% free!") == ["we're", "here", "you're", "100", "free"]


def _voice(sentence: str, kind: str = "paragraph") -> set[str]:
    return voice_features(sentence, kind, tokens(sentence))


def test_voice_features_name_the_sellers_voice() -> None:
    feats = _voice("Call us today: our team gets you relief for $99!")
    assert {"v:we", "v:you", "v:cta", "v:cta-open", "v:offer", "v:outcome", "v:exclaim"} <= feats
    assert {"v:number", "v:unsourced-number", "k:paragraph", "x:v:we+v:you"} <= feats
    assert "v:hedge" not in feats


def test_a_citation_makes_a_number_sourced() -> None:
    feats = _voice("20% improved (Tankha et al., 2025).")
    assert {"v:cite", "v:percent", "v:number"} <= feats
    assert "v:unsourced-number" not in feats


def test_phrases_match_across_hyphens_and_word_stems() -> None:
    assert {"v:outcome", "v:safety", "v:speed"} <= _voice("Pain-free and risk-free, rapidly healing.")
    assert "v:offer" in _voice("Book a free consultation.")
    assert "v:offer" not in _voice("A free country.")
    assert {"v:greeting", "v:superlative"} <= _voice("Hi there, the greatest news.")


def test_hedges_questions_and_short_fragments_are_features() -> None:
    assert {"v:hedge", "v:question", "v:short", "k:heading"} <= _voice("May it help?", "heading")


def test_page_features_read_calls_to_action_prices_and_citations() -> None:
    assert context_features(False, "") == frozenset()
    assert context_features(True, "Book now: $99 a session.") == {"d:seller", "d:cta", "d:price"}
    cited = "Pain fell (Smith et al., 2020). Another trial (Jones 2019) found less."
    assert context_features(False, cited) == {"d:cites"}
    assert "d:cites" not in context_features(False, "One trial (Jones 2019) found less.")


def test_every_feature_group_names_features_the_code_produces() -> None:
    """A group the trainer drops must hold real feature names, or its ablation measures nothing."""
    produced = set(_voice("You'll feel it within days, she said.")) | context_features(
        True, "Book now: $99 (Smith et al., 2020). See also Lee et al."
    )
    for group, names in FEATURE_GROUPS.items():
        assert names <= produced, group


def test_the_removed_sentence_features_are_not_computed() -> None:
    """Shape, promise, comparison, time and speech features lost the ablation: no weight may depend on them."""
    feats = _voice("Headline 2: You'll Feel It Faster Than Pills, She Said, Within Days")
    assert not {f for f in feats if f.split("+")[-1] in {"v:title", "v:label", "v:promise", "v:compare", "v:time"}}


def test_features_hold_words_word_pairs_and_context() -> None:
    feats = features("Our relief lasts.", "list", frozenset({"d:seller"}))
    assert {"w:our", "w:relief", "b:our relief", "b:relief lasts", "k:list", "d:seller", "v:we"} <= feats


def test_score_of_a_fixed_sentence_from_a_tiny_model() -> None:
    model = parse_model(TINY)
    # bias -1, v:we +2, w:relief +1 (counted once though it occurs twice); nothing else weighs.
    assert model.score("We bring relief, real relief.", "paragraph") == pytest.approx(sigmoid(2.0))
    assert model.score("We bring relief, real relief.", "heading") == pytest.approx(sigmoid(2.5))
    assert model.score("We may bring relief.", "paragraph") == pytest.approx(sigmoid(-1.0))
    assert sigmoid(2.0) == pytest.approx(1 / (1 + math.exp(-2.0)))


def test_sentence_spans_split_as_the_guards_do() -> None:
    seg = whole_text_segment("First claim here. Second one follows! Third?")
    assert isinstance(seg, Segment)
    assert [seg.text[a:b] for a, b in sentence_spans(seg)] == ["First claim here.", "Second one follows!", "Third?"]


def test_fires_only_where_no_other_rule_did(setup: Callable[..., str]) -> None:
    rules = setup()
    text = "We bring relief from pain.\n\nWe bring a miracle for pain.\n\nWe may bring relief from pain.\n"
    assert _lint(rules, text) == [("X001", 1, "We bring relief from pain."), ("X002", 3, "miracle")]


def test_the_topic_gate_and_line_guards_apply(setup: Callable[..., str]) -> None:
    rules = setup()
    assert _lint(rules, "We bring relief to your garden.\n") == []
    assert _lint(rules, "Do we bring relief from pain? No. Results vary.\n") == []


def test_a_finding_carries_its_score(setup: Callable[..., str]) -> None:
    registry = get_registry(False)
    ruleset = load_ruleset(Settings(extends=[], rule_files=[setup()]), registry)
    compiled = compile_rules(ruleset.rules, registry.rule_types)
    result = check_text("a.md", "We bring relief from pain.\n", registry.formats["markdown"], compiled)
    assert [f.note for f in result.findings] == ["seller's-voice score 0.88 (threshold 0.60)"]


def test_the_threshold_comes_from_the_model_file_unless_the_rule_gives_one(setup: Callable[..., str]) -> None:
    text = "We bring relief from pain.\n"
    rules = setup({**TINY, "threshold": 0.95})
    no_key = Path(rules).read_text(encoding="utf-8").replace("    threshold: 0.6\n", "")
    Path(rules).write_text(no_key, encoding="utf-8")
    assert _lint(rules, text) == []
    setup({**TINY, "threshold": 0.6})
    Path(rules).write_text(no_key, encoding="utf-8")
    assert _lint(rules, text) == [("X001", 1, "We bring relief from pain.")]
    assert _lint(setup({**TINY, "threshold": 0.95}), text) == [("X001", 1, "We bring relief from pain.")]


def test_without_a_threshold_in_rule_or_model_the_rule_is_a_config_error(
    setup: Callable[..., str], run_cli: Callable[..., tuple[int, str, str]], tmp_path: Path
) -> None:
    rules = setup()
    Path(rules).write_text(Path(rules).read_text(encoding="utf-8").replace("    threshold: 0.6\n", ""), "utf-8")
    page = tmp_path / "page.md"
    page.write_text("We bring relief from pain.\n", encoding="utf-8")
    rc, _out, err = run_cli("check", str(page), "--rules", rules, "--no-cache")
    assert rc == 2
    assert "needs a threshold" in err
    setup({**TINY, "threshold": "high"})
    Path(rules).write_text(Path(rules).read_text(encoding="utf-8").replace("    threshold: 0.6\n", ""), "utf-8")
    rc, _out, err = run_cli("check", str(page), "--rules", rules, "--no-cache")
    assert rc == 2
    assert "'threshold' must be a number" in err


@pytest.mark.parametrize(
    ("model", "threshold", "name", "message"),
    [
        (TINY, 1.5, "m.json", "threshold must be a number between 0 and 1"),
        (TINY, "'high'", "m.json", "'threshold' must be a number"),
        (TINY, 0.5, "missing.json", "cannot read model file"),
        ({"format": 1, "bias": "x", "weights": {}}, 0.5, "m.json", "'bias' must be a number"),
        ({"weights": {}}, 0.5, "m.json", "not a claimlint classifier model"),
        (TINY, 0.5, "''", "'model' must be a file path"),
    ],
)
def test_bad_model_or_threshold_is_a_clear_config_error(
    setup: Callable[..., str],
    run_cli: Callable[..., tuple[int, str, str]],
    tmp_path: Path,
    model: object,
    threshold: object,
    name: str,
    message: str,
) -> None:
    rules = setup(model, threshold, name)
    page = tmp_path / "page.md"
    page.write_text("We bring relief from pain.\n", encoding="utf-8")
    rc, _out, err = run_cli("check", str(page), "--rules", rules, "--no-cache")
    assert rc == 2
    assert message in err
    assert "Traceback" not in err


def test_invalid_json_is_a_config_error(
    setup: Callable[..., str], run_cli: Callable[..., tuple[int, str, str]], tmp_path: Path
) -> None:
    rules = setup()
    (tmp_path / "m.json").write_text("{not json", encoding="utf-8")
    page = tmp_path / "page.md"
    page.write_text("We bring relief from pain.\n", encoding="utf-8")
    rc, _out, err = run_cli("check", str(page), "--rules", rules, "--no-cache")
    assert rc == 2
    assert "is not valid JSON" in err


def test_an_edited_model_changes_the_rule_set_fingerprint(setup: Callable[..., str], tmp_path: Path) -> None:
    rules = setup()
    registry = get_registry(False)
    settings = Settings(extends=[], rule_files=[rules])
    before = cache.fingerprint(settings, registry)
    (tmp_path / "m.json").write_text(json.dumps({**TINY, "bias": -50.0}), encoding="utf-8")
    after = cache.fingerprint(settings, registry)
    assert before is not None
    assert after is not None
    assert before != after
    (tmp_path / "m.json").unlink()
    assert cache.fingerprint(settings, registry) not in (before, after)


def test_a_model_named_by_many_rules_is_hashed_once(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The default pack's heads share one model: its digest is read once per fingerprint, not once per head."""
    (tmp_path / "m.json").write_text("{}", encoding="utf-8")
    (tmp_path / "n.json").write_text("[]", encoding="utf-8")
    text = b"".join(b"  - id: CL%d\n    model: %s\n" % (i, b"n.json" if i == 9 else b"m.json") for i in range(10))
    read: list[Path] = []
    real = cache._file_digest
    monkeypatch.setattr(cache, "_file_digest", lambda path: read.append(path) or real(path))
    digests = cache._named_files(text, tmp_path, ["model"])
    assert sorted(p.name for p in read) == ["m.json", "n.json"]
    assert len(digests) == 10 * len(real(tmp_path / "m.json"))


def test_an_edited_model_invalidates_cached_rules_and_results(
    setup: Callable[..., str],
    run_cli: Callable[..., tuple[int, str, str]],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.delenv("CLAIMLINT_NO_RESULT_CACHE", raising=False)
    monkeypatch.delenv("CLAIMLINT_NO_CACHE", raising=False)
    monkeypatch.setenv("CLAIMLINT_CACHE_DIR", str(tmp_path / "cache"))
    rules = setup()
    page = tmp_path / "page.md"
    page.write_text("We bring relief from pain.\n", encoding="utf-8")
    assert run_cli("check", str(page), "--rules", rules)[0] == 1
    assert run_cli("check", str(page), "--rules", rules)[0] == 1
    (tmp_path / "m.json").write_text(json.dumps({**TINY, "bias": -50.0}), encoding="utf-8")
    rc, out, _err = run_cli("check", str(page), "--rules", rules)
    assert rc == 0, out


def test_the_shipped_model_loads_and_its_rule_compiles() -> None:
    model = load_model(str(SHIPPED))
    assert isinstance(model, Model)
    assert len(model.weights) > 100
    registry = get_registry(False)
    rule = next(r for r in load_ruleset(Settings(), registry).rules if r.type == "classifier")
    (matcher,) = registry.rule_types["classifier"].compile([rule])
    assert isinstance(matcher, ClassifierMatcher)
    assert matcher.model.weights == model.weights


def test_the_model_keeps_every_weight_of_its_file() -> None:
    """Split by kind for scoring, the weights still read back as the file holds them (the trainer reads them)."""
    data = json.loads(SHIPPED.read_text(encoding="utf-8"))
    model = parse_model(data)
    assert model.weights == data["weights"]
    assert {name: head.weights for name, head in model.heads.items()} == {
        name: head["weights"] for name, head in data["heads"].items()
    }
    odd = {"b:three word pair": 1.0, "x:no-plus": 2.0, "v:we": 0.5, "w:relief": 0.25}
    assert Model(0.0, odd).weights == odd


def test_a_bool_weight_is_not_a_number() -> None:
    with pytest.raises(ValueError, match="'weights' must map feature names to numbers"):
        parse_model({**TINY, "weights": {"w:relief": True}})


def test_the_shipped_rules_examples_hold_when_it_is_enabled() -> None:
    """Every classifier rule's examples hold with the whole pack, even in a pack that ships it disabled."""
    registry = get_registry(False)
    rules = [
        dataclasses.replace(r, params={**r.params, "enabled": True}) if r.type == "classifier" else r
        for r in load_ruleset(Settings(), registry).rules
    ]
    compiled = compile_rules(enabled_rules(rules), registry.rule_types)
    heads = [r for r in rules if r.type == "classifier"]
    assert len(heads) >= 2
    for rule in heads:
        assert len(rule.bad_examples) >= 3
        assert len(rule.good_examples) >= 3
        for kind, examples in (("bad", rule.bad_examples), ("good", rule.good_examples)):
            for example in examples:
                found = check_text("<example>", example, registry.formats["text"], compiled, True, False).findings
                assert any(f.rule.id == rule.id for f in found) == (kind == "bad"), (rule.id, example)


HEADED = {
    **TINY,
    "format": 2,
    "heads": {
        "efficacy-overstatement": {"bias": 0.0, "weights": {"w:relief": 1.0}},
        "cost-claim": {"bias": -0.5, "weights": {"w:price": 2.0, "b:low price": 1.0}},
    },
}

HEAD_RULE = """
  - id: X003
    name: voice-cost
    category: cost-claim
    severity: warning
    type: classifier
    model: {model}
    threshold: {threshold}
    when: ['\\bpain\\b']
    message: "Fee advertising must include all costs."
"""


def _with_cost_head(tmp_path: Path, rules: str, model: object = HEADED, category: str = "cost-claim") -> str:
    (tmp_path / "m.json").write_text(json.dumps(model), encoding="utf-8")
    path = Path(rules)
    head = HEAD_RULE.replace("cost-claim", category).format(model="m.json", threshold=0.6)
    path.write_text(path.read_text(encoding="utf-8") + head, encoding="utf-8")
    return rules


def test_each_head_reports_the_sentences_its_category_wins(setup: Callable[..., str], tmp_path: Path) -> None:
    rules = _with_cost_head(tmp_path, setup())
    text = "We bring relief from pain.\n\nWe beat pain at a low price.\n"
    assert _lint(rules, text) == [
        ("X001", 1, "We bring relief from pain."),
        ("X003", 3, "We beat pain at a low price."),
    ]


def test_a_head_switched_off_drops_its_category_only(setup: Callable[..., str], tmp_path: Path) -> None:
    rules = _with_cost_head(tmp_path, setup())
    registry = get_registry(False)
    ruleset = load_ruleset(Settings(extends=[], rule_files=[rules]), registry)
    compiled = compile_rules([r for r in enabled_rules(ruleset.rules) if r.id != "X003"], registry.rule_types)
    text = "We bring relief from pain.\n\nWe beat pain at a low price.\n"
    result = check_text("doc.md", text, registry.formats["markdown"], compiled)
    assert [(f.rule.id, f.line) for f in result.findings] == [("X001", 1)]


def test_the_category_is_the_head_with_the_highest_logit() -> None:
    model = parse_model(HEADED)
    assert model.category("We beat pain at a low price.", "paragraph") == "cost-claim"
    assert model.category("Relief, fairly priced.", "paragraph") == "efficacy-overstatement"
    assert parse_model(TINY).category("Relief at a low price.", "paragraph") is None


def test_a_rule_needs_its_categorys_head(
    setup: Callable[..., str], run_cli: Callable[..., tuple[int, str, str]], tmp_path: Path
) -> None:
    rules = _with_cost_head(tmp_path, setup(), category="cure-guarantee")
    page = tmp_path / "page.md"
    page.write_text("We bring relief from pain.\n", encoding="utf-8")
    rc, _out, err = run_cli("check", str(page), "--rules", rules, "--no-cache")
    assert rc == 2
    assert "no head for category cure-guarantee" in err


def test_without_heads_the_first_rule_reports_every_sentence(setup: Callable[..., str], tmp_path: Path) -> None:
    rules = _with_cost_head(tmp_path, setup(), model=TINY)
    text = "We bring relief from pain.\n\nWe beat pain at a low price, with relief.\n"
    assert [rule for rule, _line, _match in _lint(rules, text)] == ["X001", "X001"]


@pytest.mark.parametrize(
    "sentence",
    [
        "We bring relief, real relief, from pain.",
        "Call us today: our team gets you relief for $99!",
        "Book now and you'll be pain-free in minutes, guaranteed.",
        "In a review of 1,034 patients, 20-46% improved (Tankha et al., 2025).",
        "I was told it might help; results vary.",
    ],
)
@pytest.mark.parametrize("kind", ["paragraph", "heading", "list"])
def test_scoring_equals_summing_the_weights_of_every_feature(sentence: str, kind: str) -> None:
    """The split look-ups of :meth:`Model.score` give the score of the feature strings the trainer sums."""
    model = load_model(str(SHIPPED))
    for context in (frozenset(), frozenset({"d:seller"})):
        logit = model.bias + sum(model.weights.get(f, 0.0) for f in features(sentence, kind, context))
        assert model.score(sentence, kind, context) == pytest.approx(sigmoid(logit), abs=1e-12)

"""The classifier's content guard: a sentence is reported only if what it says, not its shape, carries it.

Last session's blind errors were fragments of sales pages (a card's caption,
a button line, a visitor's "maybe later") that scored past the threshold on
their page and structure alone; the guard asks the content part of the logit
for a floor. These tests pin which features count as content, that the
runtime and the trainer compute the same content evidence, that the floor
in the model file reaches the rule, and the trainer's guard rule.
"""

from __future__ import annotations

import json
import textwrap
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from claimlint.ruletypes.classifier import (
    CONTENT_VOICE,
    VOICE_WORDS,
    features,
    is_content,
    load_model,
    parse_model,
    tokens,
    voice_names,
)
from labelcheck import load_script
from rulekit import lint_markdown

ROOT = Path(__file__).resolve().parents[2]
SHIPPED = ROOT / "src" / "claimlint" / "seller-voice.json"

tc = load_script("train_classifier")

#: "We" and a heading make a fragment score high; only "relief" is content.
MODEL = {
    "format": 2,
    "bias": -1.0,
    "weights": {"v:we": 2.0, "k:paragraph": 1.0, "w:relief": 1.5, "w:team": 0.2, "x:k:paragraph+v:we": 0.5},
    "heads": {},
    "threshold": 0.6,
}

RULES = """
version: 1
rules:
  - id: X001
    name: voice
    category: efficacy-overstatement
    severity: warning
    type: classifier
    model: m.json
    when: ['\\bpain\\b']
    message: "FTC: an objective claim needs evidence."
"""


@pytest.fixture
def lint(tmp_path: Path) -> Callable[[dict[str, Any], str], list[str]]:
    """Lint ``text`` (Markdown) with a rules file whose classifier reads ``model``; the matched sentences."""

    def run(model: dict[str, Any], text: str) -> list[str]:
        (tmp_path / "m.json").write_text(json.dumps(model), encoding="utf-8")
        rules = tmp_path / "rules.yaml"
        rules.write_text(textwrap.dedent(RULES), encoding="utf-8")
        return [f.match for f in lint_markdown(str(rules), text, "d.md")]

    return run


def test_content_is_words_and_the_voice_features_that_say_something() -> None:
    assert is_content("w:maybe")
    assert is_content("b:pain free")
    assert is_content("v:outcome")
    assert is_content("x:v:outcome+v:speed")
    for structure in ("k:list", "d:cta", "d:seller", "v:we", "v:you", "v:short", "v:cta-open", "v:exclaim"):
        assert not is_content(structure), structure
    assert not is_content("x:v:outcome+v:we")
    assert not is_content("x:k:heading+v:outcome")


def test_every_content_voice_feature_is_one_the_code_produces() -> None:
    """A misspelt name in CONTENT_VOICE would silently drop a feature from the guard."""
    produced = {f"v:{name}" for name in VOICE_WORDS} | {"v:number", "v:unsourced-number", "v:cite"}
    assert produced >= CONTENT_VOICE


@pytest.mark.parametrize(
    "sentence",
    [
        "Learn More",
        "maybe later",
        "Chronic pain is defined as pain lasting longer than three months.",
        "Most of our patients feel relief after the first infusion, 9 in 10 in minutes!",
        "In a review of 1,034 patients, 20-46% improved (Tankha et al., 2025).",
    ],
)
def test_the_runtime_content_equals_the_trainers_sum(sentence: str) -> None:
    """The CV guards with the trainer's sum; the shipped rule with :meth:`Model.content`: they must agree."""
    model = load_model(str(SHIPPED))
    for kind in ("paragraph", "list"):
        words = tokens(sentence)
        feats = frozenset(features(sentence, kind, {"d:seller", "d:cta"}))
        expected = tc.content_evidence(model, feats)
        assert model.content(words, voice_names(sentence, kind, words)) == pytest.approx(expected, abs=1e-9)


def test_content_leaves_out_structure_and_page() -> None:
    model = parse_model(MODEL)
    words = tokens("We help with pain")
    voice = voice_names("We help with pain", "paragraph", words)
    assert model.content(words, voice) == 0.0
    words = tokens("We bring relief for pain")
    assert model.content(words, voice_names("We bring relief for pain", "paragraph", words)) == 1.5


def test_a_fragment_without_content_is_not_reported_under_a_floor(
    lint: Callable[[dict[str, Any], str], list[str]],
) -> None:
    text = "Our team treats pain.\n\nWe bring relief from pain.\n"
    assert lint(MODEL, text) == ["Our team treats pain.", "We bring relief from pain."]
    assert lint({**MODEL, "content_floor": 1.0}, text) == ["We bring relief from pain."]
    assert lint({**MODEL, "content_floor": 2.0}, text) == []


def test_a_bad_content_floor_is_rejected() -> None:
    with pytest.raises(ValueError, match="'content_floor' must be a number"):
        parse_model({**MODEL, "content_floor": "high"})
    assert parse_model({**MODEL, "content_floor": 1}).content_floor == 1.0
    assert parse_model(MODEL).content_floor is None


def test_the_written_floor_reads_back(tmp_path: Path) -> None:
    model = parse_model(MODEL)
    path = tmp_path / "m.json"
    tc.write_model(model, path, {}, 0.7, 1.5)
    assert json.loads(path.read_text(encoding="utf-8"))["content_floor"] == 1.5
    assert load_model(str(path)).content_floor == 1.5
    tc.write_model(model, path, {}, 0.7)
    assert "content_floor" not in json.loads(path.read_text(encoding="utf-8"))


def test_guarding_out_of_fold_results_zeroes_the_sentences_below_the_floor() -> None:
    oof = tc.OutOfFold({0: 0.9, 1: 0.8, 2: 0.7}, {}, {}, {0: 3.0, 1: 0.5, 2: 1.0})
    assert oof.guarded(1.0).scores == {0: 0.9, 1: 0.0, 2: 0.7}
    assert oof.guarded(None) is oof
    assert tc.OutOfFold({0: 0.9}, {}, {}).guarded(1.0).scores == {0: 0.9}


def _result(floor: float | None, precision: float, f1: float) -> Any:
    return tc.Guarded(floor, 0.7, {"precision": precision, "f1": f1}, {}, 0.0)


@pytest.mark.parametrize(
    ("results", "expected"),
    [
        ([_result(None, 0.90, 0.85), _result(1.0, 0.92, 0.86), _result(2.0, 0.95, 0.87)], 2.0),
        ([_result(None, 0.90, 0.85), _result(1.0, 0.92, 0.86), _result(2.0, 0.95, 0.84)], 1.0),
        ([_result(None, 0.90, 0.85), _result(1.0, 0.90, 0.86), _result(2.0, 0.95, 0.80)], None),
        ([_result(None, 0.90, 0.85), _result(1.0, 0.91, 0.86), _result(2.0, 0.93, 0.86)], 1.0),
    ],
)
def test_the_guard_rule_keeps_a_floor_only_if_it_raises_precision_without_losing_f1(
    results: list[Any], expected: float | None
) -> None:
    assert tc.choose_floor(results) == expected


def test_a_given_floor_skips_the_guard_rule() -> None:
    corpus = tc.Corpus({}, {}, [], [])
    oof = tc.OutOfFold({}, {}, {}, {})
    assert tc.content_floor(corpus, oof, tc.parse_args(["--content-floor", "none"])) is None
    assert tc.content_floor(corpus, oof, tc.parse_args(["--content-floor", "1.5"])) == 1.5


def test_page_furniture_is_not_reported_whatever_its_score(
    lint: Callable[[dict[str, Any], str], list[str]],
) -> None:
    """The not-copy fragment test reaches the classifier too: its hits pass the common line guards."""
    text = "We treat pain. We are open Mon–Fri, 9am–5pm.\n\nWe bring relief, Mon–Fri 9am–5pm.\n"
    found = lint(MODEL, text)
    assert "We treat pain." in found
    assert "We are open Mon–Fri, 9am–5pm." not in found
    assert "We bring relief, Mon–Fri 9am–5pm." in found

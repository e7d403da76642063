"""Every config error in a rules file is reported as file:line:col with exit 2."""

from __future__ import annotations

import pytest

from claimlint.errors import ConfigError, ConfigErrors
from claimlint.plugins import get_registry
from claimlint.rulefile import load_pack_text
from claimlint.yamlload import load

GOOD_RULE = """\
version: 1
evidence:
  ev1: {citation: "C.", url: "https://example.org"}
rules:
  - id: R001
    name: n
    category: c
    severity: error
    type: phrase
    phrases: ["x y"]
    message: m
    evidence: [ev1]
"""


def _load(text: str) -> object:
    return load_pack_text("r.yaml", text, get_registry(False).rule_types)


def _errors(text: str) -> list[str]:
    try:
        _load(text)
    except ConfigErrors as exc:
        return [str(e) for e in exc.errors]
    except ConfigError as exc:
        return [str(exc)]
    return []


def test_good_rule_loads() -> None:
    ruleset = _load(GOOD_RULE)
    (rule,) = ruleset.rules  # type: ignore[attr-defined]
    assert rule.id == "R001"
    assert rule.params["phrases"] == ["x y"]
    assert rule.evidence[0].citation == "C."
    assert str(rule.origin) == "r.yaml:5:5"


@pytest.mark.parametrize(
    ("mutation", "expected"),
    [
        (("type: phrase", "type: phrasee"), "r.yaml:9:11: unknown rule type 'phrasee'"),
        (("    message: m\n", "    message: m\n    colour: red\n"), "r.yaml:12:5: unknown key 'colour' in rule 'R001'"),
        (("    message: m\n", ""), "r.yaml:5:5: missing required key 'message' in rule 'R001'"),
        (
            ("severity: error", "severity: fatal"),
            "r.yaml:8:15: severity must be one of error, warning, info, not 'fatal'",
        ),
        (("evidence: [ev1]", "evidence: [ev2]"), "r.yaml:12:16: unknown evidence id 'ev2'"),
        (("phrases: [\"x y\"]", "phrases: x"), "r.yaml:10:14: 'phrases' must be a list of strings"),
        (("version: 1", "version: 2"), "r.yaml:1:10: unsupported version 2"),
        (("id: R001", "id: 'bad id!'"), "r.yaml:5:9: rule id 'bad id!' must be a short code"),
        (("evidence:\n", "evidenze:\n"), "r.yaml:2:1: unknown key 'evidenze' in rules file (did you mean 'evidence'?)"),
    ],
)
def test_config_errors_point_at_the_key(mutation: tuple[str, str], expected: str) -> None:
    text = GOOD_RULE.replace(*mutation, 1)
    errors = _errors(text)
    assert any(e.startswith(expected) for e in errors), errors


def test_bad_regex_reports_its_item() -> None:
    text = GOOD_RULE.replace('type: phrase\n    phrases: ["x y"]', "type: pattern\n    patterns: ['ok', '(unclosed']")
    (error,) = _errors(text)
    assert error.startswith("r.yaml:10:22: bad regex in 'patterns'")


def test_duplicate_rule_id() -> None:
    rule = GOOD_RULE.split("rules:\n", 1)[1]
    errors = _errors(GOOD_RULE + rule)
    assert any("duplicate rule id 'R001' (first defined at r.yaml:5:5)" in e for e in errors), errors


def test_invalid_yaml_has_position() -> None:
    (error,) = _errors("version: 1\nrules: [\n  - id: x\n")
    assert error.startswith("r.yaml:")
    assert "invalid YAML" in error


def test_not_a_mapping() -> None:
    (error,) = _errors("- just\n- a list\n")
    assert error == "r.yaml:1:1: a rules file must be a mapping with 'version' and 'rules'"


def test_duplicate_yaml_key() -> None:
    with pytest.raises(ConfigError, match=r"r.yaml:2:1: duplicate key 'a'"):
        load("r.yaml", "a: 1\na: 2\n")


def test_yaml_bomb_is_refused() -> None:
    bomb = "a: &a [x, x, x, x, x, x, x, x, x, x]\n"
    prev = "a"
    for name in "bcdefghij":
        refs = ", ".join([f"*{prev}"] * 10)
        bomb += f"{name}: &{name} [{refs}]\n"
        prev = name
    with pytest.raises(ConfigError, match="too many YAML nodes"):
        load("bomb.yaml", bomb)


def test_yaml_tags_cannot_construct_objects() -> None:
    with pytest.raises(ConfigError):
        _load("version: 1\nrules: !!python/object/apply:os.system ['echo hi']\n")


def test_defaults_apply_to_rules() -> None:
    text = GOOD_RULE.replace("rules:\n", "defaults:\n  unless: ['\\bnot\\b']\nrules:\n", 1)
    (rule,) = _load(text).rules  # type: ignore[attr-defined]
    assert rule.params["unless"] == ["\\bnot\\b"]


def test_doi_becomes_url() -> None:
    text = GOOD_RULE.replace('url: "https://example.org"', 'doi: "10.1/abc"')
    (rule,) = _load(text).rules  # type: ignore[attr-defined]
    assert rule.evidence[0].url == "https://doi.org/10.1/abc"

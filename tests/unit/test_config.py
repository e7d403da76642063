"""Project config: parsing, positions in errors, discovery, merging and per-file helpers."""

from __future__ import annotations

import os
import textwrap
from pathlib import Path

import pytest

from claimlint.config import Overrides, SettingsResolver, describe, select_rules, settings_from
from claimlint.errors import ConfigError, ConfigErrors
from claimlint.model import Rule, Severity
from claimlint.projectconfig import ConfigFinder, load_config, parse_toml, parse_yaml, toml_positions

NATURAL = Rule("T001", "natural-claim", "natural-claim", Severity.ERROR, "phrase", "Natural.")
SPEED = Rule("T002", "speed", "speed-of-relief", Severity.WARNING, "pattern", "Speed.")


def _write(path: Path, text: str) -> str:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    return str(path)


def test_yaml_values_are_normalised() -> None:
    config = parse_yaml("c.yaml", "select: CL0\nper-file-ignores:\n  'legal/*': CL011\nrequire-reasons: false\n")
    assert config.values == {"select": ["CL0"], "per-file-ignores": {"legal/*": ["CL011"]}, "require-reasons": False}
    assert config.where("per-file-ignores") == "c.yaml:2"


def test_unknown_key_is_located_with_a_hint() -> None:
    with pytest.raises(ConfigError) as info:
        parse_yaml("c.yaml", "select: [CL0]\nfail_on: error\n")
    assert str(info.value) == "c.yaml:2:1: unknown key 'fail_on' (did you mean 'fail-on'?)"


def test_wrong_types_are_all_reported_together() -> None:
    text = "select: 3\nrequire-reasons: 'yes'\nseverity:\n  CL011: fatal\nencoding:\n  '*.txt': klingon\n"
    with pytest.raises(ConfigErrors) as info:
        parse_yaml("c.yaml", text)
    assert [str(e) for e in info.value.errors] == [
        "c.yaml:1:1: 'select' must be a string or a list of strings",
        "c.yaml:2:1: 'require-reasons' must be true or false",
        "c.yaml:4:3: severity.CL011: must be one of error, warning, info",
        "c.yaml:6:3: encoding.*.txt: unknown encoding 'klingon'",
    ]


def test_bad_fail_on_is_an_error() -> None:
    with pytest.raises(ConfigError, match=r"c.yaml:1:1: 'fail-on' must be one of"):
        parse_yaml("c.yaml", "fail-on: sometimes\n")


def test_toml_table_and_positions() -> None:
    text = textwrap.dedent(
        """\
        [project]
        name = "site"

        [tool.claimlint]
        select = ["CL0"]
        fail-on = "error"

        [tool.claimlint.severity]
        CL011 = "info"
        """
    )
    config = parse_toml("pyproject.toml", text)
    assert config is not None
    assert config.values["severity"] == {"CL011": "info"}
    assert config.where("fail-on") == "pyproject.toml:6"
    assert config.pos("severity", "CL011") == (9, 1)
    assert toml_positions(text)[("select",)] == (5, 1)


def test_toml_errors_point_at_the_key() -> None:
    with pytest.raises(ConfigError) as info:
        parse_toml("pyproject.toml", '[tool.claimlint]\nselect = ["CL0"]\n  colour = "red"\n')
    assert str(info.value) == "pyproject.toml:3:3: unknown key 'colour'"


def test_toml_syntax_error_is_located() -> None:
    with pytest.raises(ConfigError, match=r"^pyproject.toml:2:\d+: invalid TOML"):
        parse_toml("pyproject.toml", "[tool.claimlint]\nselect = [\n")


def test_pyproject_without_table_is_not_a_config() -> None:
    assert parse_toml("pyproject.toml", '[project]\nname = "x"\n') is None


def test_nearest_config_wins_and_is_cached(tmp_path: Path) -> None:
    _write(tmp_path / ".claimlint.yaml", "select: [CL0]\n")
    _write(tmp_path / "docs" / "pyproject.toml", '[tool.claimlint]\nignore = ["CL011"]\n')
    _write(tmp_path / "blog" / "pyproject.toml", '[project]\nname = "blog"\n')
    finder = ConfigFinder()
    docs = finder.for_path(str(tmp_path / "docs" / "deep" / "a.md"))
    blog = finder.for_path(str(tmp_path / "blog" / "a.md"))
    assert docs is not None
    assert docs.values == {"ignore": ["CL011"]}
    assert blog is not None
    assert blog.values == {"select": ["CL0"]}
    assert finder.for_dir(str(tmp_path / "blog")) is blog


def test_yaml_beats_pyproject_in_the_same_folder(tmp_path: Path) -> None:
    _write(tmp_path / ".claimlint.yaml", "select: [A]\n")
    _write(tmp_path / "pyproject.toml", '[tool.claimlint]\nselect = ["B"]\n')
    config = ConfigFinder().for_dir(str(tmp_path))
    assert config is not None
    assert config.values["select"] == ["A"]


def test_merge_order_and_origins(tmp_path: Path) -> None:
    text = "select: [CL0]\nfail-on: error\nrules: [extra.yaml]\nbaseline: b.yaml\n"
    path = _write(tmp_path / ".claimlint.yaml", text)
    config = load_config(path)
    settings = settings_from(config, Overrides(fail_on="info"))
    assert settings.select == ["CL0"]
    assert settings.fail_on == "info"
    assert os.path.abspath(settings.rule_files[0]) == str(tmp_path / "extra.yaml")
    assert os.path.abspath(settings.baseline or "") == str(tmp_path / "b.yaml")
    origins = {key: origin for key, _value, origin in describe(settings)}
    assert origins["select"] == f"{path}:1"
    assert origins["fail-on"] == "cli"
    assert origins["ignore"] == "default"


def test_cli_rules_replace_config_packs(tmp_path: Path) -> None:
    config = parse_yaml(str(tmp_path / "c.yaml"), "extends: [default]\n")
    settings = settings_from(config, Overrides(rule_files=["mine.yaml"]))
    assert settings.extends == []
    assert settings.rule_files == ["mine.yaml"]


def test_isolated_and_explicit_config(tmp_path: Path) -> None:
    _write(tmp_path / ".claimlint.yaml", "select: [A]\n")
    other = _write(tmp_path / "elsewhere.yaml", "select: [B]\n")
    target = str(tmp_path / "a.md")
    assert SettingsResolver(Overrides()).for_path(target).select == ["A"]
    assert SettingsResolver(Overrides(isolated=True)).for_path(target).select == []
    assert SettingsResolver(Overrides(config=other)).for_path(target).select == ["B"]


def test_explicit_pyproject_without_table_is_an_error(tmp_path: Path) -> None:
    path = _write(tmp_path / "pyproject.toml", '[project]\nname = "x"\n')
    with pytest.raises(ConfigError, match=r"no \[tool\.claimlint\] table"):
        SettingsResolver(Overrides(config=path))


def test_globs_are_relative_to_the_config_folder(tmp_path: Path) -> None:
    text = (
        "exclude: [drafts/]\ninclude: ['*.md']\nper-file-ignores:\n  'legal/*.md': [T001]\n"
        "encoding:\n  'old/*.txt': latin-1\nformats:\n  mdx: markdown\n"
    )
    settings = settings_from(parse_yaml(_write(tmp_path / ".claimlint.yaml", text), text), Overrides())
    assert settings.excluded(str(tmp_path / "drafts"), is_dir=True)
    assert not settings.excluded(str(tmp_path / "docs"), is_dir=True)
    assert settings.excluded(str(tmp_path / "notes.txt"))
    assert not settings.excluded(str(tmp_path / "a.md"))
    assert settings.ignored_for(str(tmp_path / "legal" / "terms.md")) == ("T001",)
    assert settings.ignored_for(str(tmp_path / "blog" / "legal" / "terms.md")) == ()
    assert settings.encoding_for(str(tmp_path / "old" / "a.txt")) == "latin-1"
    assert settings.format_for("page.MDX") == "markdown"


def test_extend_exclude_is_relative_to_the_working_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    settings = settings_from(None, Overrides(extend_exclude=["vendor/"]))
    assert settings.excluded("vendor", is_dir=True)
    assert not settings.excluded("src", is_dir=True)


def test_select_rules_with_per_file_ignores_and_severity() -> None:
    settings = settings_from(None, Overrides())
    settings.severity = {"T": "info", "T002": "error"}
    chosen = select_rules([NATURAL, SPEED], settings, extra_ignore=("natural-claim",))
    assert [(r.id, str(r.severity)) for r in chosen] == [("T002", "error")]


OPT_IN = Rule("T003", "opt-in", "miracle-hype", Severity.WARNING, "phrase", "Opt in.", params={"enabled": False})


def test_a_rule_shipped_disabled_runs_only_when_enable_names_its_id() -> None:
    assert [r.id for r in select_rules([NATURAL, OPT_IN], settings_from(None, Overrides()))] == ["T001"]
    narrowed = settings_from(None, Overrides(select=["T"]))
    assert [r.id for r in select_rules([NATURAL, OPT_IN], narrowed)] == ["T001"]
    enabled = settings_from(None, Overrides(enable=["T003"]))
    assert [r.id for r in select_rules([NATURAL, OPT_IN], enabled)] == ["T001", "T003"]
    only = settings_from(None, Overrides(enable=["T003"], select=["T003"]))
    assert [r.id for r in select_rules([NATURAL, OPT_IN], only)] == ["T003"]


def test_enable_in_a_config_file_and_in_the_rule_cache_key() -> None:
    config = parse_yaml("c.yaml", "enable: CL109\n")
    settings = settings_from(config, Overrides())
    assert settings.enable == ["CL109"]
    assert settings.rules_key() != settings_from(None, Overrides()).rules_key()


def test_rules_key_ignores_unrelated_settings() -> None:
    a = settings_from(None, Overrides(fail_on="error"))
    b = settings_from(None, Overrides(extend_exclude=["x"]))
    c = settings_from(None, Overrides(select=["CL0"]))
    assert a.rules_key() == b.rules_key() != c.rules_key()


def test_bad_mapping_value_points_at_its_own_key() -> None:
    text = '[tool.claimlint]\nextends = []\n\n[tool.claimlint.per-file-ignores]\n"legal/*" = ["CL0"]\n"blog/*" = 3\n'
    with pytest.raises(ConfigError) as info:
        parse_toml("pyproject.toml", text)
    assert str(info.value).startswith("pyproject.toml:6:1: 'per-file-ignores' must map globs")


def test_toml_positions_skip_other_tables_and_read_dotted_keys() -> None:
    text = '[tool.claimlint]\nselect = ["a"]\n[[tool.other]]\nfail-on = 1\n[tool]\nclaimlint.ignore = []\n'
    assert toml_positions(text) == {("select",): (2, 1), ("ignore",): (6, 1)}

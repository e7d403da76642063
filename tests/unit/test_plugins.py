"""The plugin registry: discovery, validation, attribution of failures, and the example plugin in-process."""

from __future__ import annotations

import json
import types
import xml.etree.ElementTree as ET
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from claimlint import hookimpl, plugins
from claimlint.api import (
    Key,
    ParsedSource,
    ReporterSpec,
    RulePack,
    RuleType,
    SourceFormat,
    build_segment,
    segment_from_pieces,
)
from claimlint.errors import ConfigError, PluginError
from claimlint.rulefile import load_pack_text

EXAMPLE_SRC = Path(__file__).resolve().parents[2] / "examples" / "claimlint-plugin-example" / "src"
EXAMPLE_PACK = EXAMPLE_SRC / "claimlint_example" / "packs" / "supplements.yaml"

Install = Callable[..., None]


def make_plugin(name: str = "fake", **hooks: Callable[..., Any]) -> types.ModuleType:
    """A module whose attributes are the given hook functions, marked with @hookimpl."""
    module = types.ModuleType(name)
    for hook_name, func in hooks.items():
        func.__name__ = hook_name
        setattr(module, hook_name, hookimpl(func))
    return module


@pytest.fixture
def install(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Install:
    """Pretend plugins are installed: ``install(("name", "dist", module), ...)``; fresh registry and cache."""
    monkeypatch.setattr(plugins, "_CACHE", {})
    monkeypatch.setenv("CLAIMLINT_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.chdir(tmp_path)

    def do(*entries: tuple[str, str, object]) -> None:
        monkeypatch.setattr(plugins, "_entry_point_plugins", lambda disk_cache=True: list(entries))

    return do


@pytest.fixture
def example(monkeypatch: pytest.MonkeyPatch, install: Install) -> types.ModuleType:
    """The example plugin from examples/, registered as if pip-installed."""
    monkeypatch.syspath_prepend(str(EXAMPLE_SRC))
    import claimlint_example.plugin as module

    install(("example", "claimlint-plugin-example", module))
    return module


def plugin_error(excinfo: pytest.ExceptionInfo[PluginError]) -> str:
    return str(excinfo.value)


# --- built-ins and discovery -------------------------------------------------


def test_builtins_register_through_the_same_hooks(install: Install) -> None:
    install()
    registry = plugins.get_registry()
    assert {"phrase", "pattern", "require"} <= set(registry.rule_types)
    assert "text" in registry.formats
    assert {"text", "json"} <= set(registry.reporters)
    assert "default" in registry.packs
    assert registry.owners[("formats", "text")] == "'claimlint.builtin' (from claimlint)"
    assert registry.plugins == []


def test_entry_points_are_read_from_the_claimlint_group(monkeypatch: pytest.MonkeyPatch, install: Install) -> None:
    seen: list[str] = []

    def entry_points(group: str) -> list[Any]:
        seen.append(group)
        return []

    monkeypatch.setattr("importlib.metadata.entry_points", entry_points)
    plugins.get_registry()
    assert seen == ["claimlint"]


def test_example_plugin_contributes_all_four_kinds(example: types.ModuleType) -> None:
    registry = plugins.get_registry()
    assert registry.rule_types["density"].keys["words"].required
    assert registry.formats["i18n-json"].extensions == (".i18n.json",)
    assert registry.reporters["checkstyle"].machine
    assert "supplements" in registry.packs
    assert registry.owners[("reporters", "checkstyle")] == "'example' (from claimlint-plugin-example)"
    assert registry.plugins == [("example", "claimlint-plugin-example", "?")]


def test_version_lists_plugins(example: types.ModuleType, run_cli: Callable[..., tuple[int, str, str]]) -> None:
    rc, out, _ = run_cli("--version")
    assert rc == 0
    assert "example (claimlint-plugin-example ?)" in out


# --- failures: each names the plugin and distribution, in one line -------------


class FakeEntryPoint:
    def __init__(self, name: str, value: str, dist: str) -> None:
        self.name = name
        self.value = value
        self.dist = types.SimpleNamespace(name=dist)

    def load(self) -> object:
        module, _, attr = self.value.partition(":")
        loaded = __import__(module)
        return getattr(loaded, attr) if attr else loaded


def test_import_error_is_reported_by_name_and_distribution(monkeypatch: pytest.MonkeyPatch, install: Install) -> None:
    ep = FakeEntryPoint("broken", "claimlint_no_such_module_xyz", "broken-dist")
    monkeypatch.setattr("importlib.metadata.entry_points", lambda group: [ep])
    with pytest.raises(PluginError) as excinfo:
        plugins.get_registry()
    assert plugin_error(excinfo) == (
        "plugin 'broken' (from broken-dist) failed: import of claimlint_no_such_module_xyz failed: "
        "ModuleNotFoundError: No module named 'claimlint_no_such_module_xyz'"
    )


@pytest.mark.parametrize("argv", [["--version"], ["check", "x.txt"], ["rules"], ["test-rules"], ["explain", "CL011"]])
def test_every_command_reports_a_broken_plugin_with_exit_3(
    install: Install, run_cli: Callable[..., tuple[int, str, str]], argv: list[str]
) -> None:
    def boom() -> list[RuleType]:
        raise RuntimeError("database not configured\nsecond line")

    install(("boomer", "boom-dist", make_plugin(claimlint_rule_types=boom)))
    Path("x.txt").write_text("hello\n", encoding="utf-8")
    rc, _, err = run_cli(*argv)
    assert rc == 3
    assert err.strip().splitlines()[-1] == (
        "claimlint: error: plugin 'boomer' (from boom-dist) failed: "
        "claimlint_rule_types() raised RuntimeError: database not configured"
    )
    assert "Traceback" not in err


def test_duplicate_name_names_both_plugins(install: Install) -> None:
    fmt = SourceFormat("dupfmt", (".dup",), lambda text: ParsedSource([]))
    first = make_plugin("a", claimlint_source_formats=lambda: [fmt])
    second = make_plugin("b", claimlint_source_formats=lambda: [fmt])
    install(("alpha", "alpha-dist", first), ("beta", "beta-dist", second))
    with pytest.raises(PluginError) as excinfo:
        plugins.get_registry()
    assert plugin_error(excinfo) == (
        "plugin 'beta' (from beta-dist) failed: "
        "source format 'dupfmt' is already provided by plugin 'alpha' (from alpha-dist)"
    )


def test_plugin_cannot_take_over_a_builtin_reporter(install: Install) -> None:
    spec = ReporterSpec("json", lambda options: None)  # type: ignore[arg-type,return-value]
    install(("thief", "thief-dist", make_plugin(claimlint_reporters=lambda: [spec])))
    with pytest.raises(PluginError, match=r"reporter 'json' is already provided by plugin 'claimlint.builtin'"):
        plugins.get_registry()


def test_two_formats_claiming_one_extension(install: Install) -> None:
    fmt = SourceFormat("mytext", (".TXT",), lambda text: ParsedSource([]))
    install(("txt", "txt-dist", make_plugin(claimlint_source_formats=lambda: [fmt])))
    with pytest.raises(PluginError, match=r"claims '.TXT', already claimed by 'text' of plugin 'claimlint.builtin'"):
        plugins.get_registry()


def test_extension_without_dot_is_rejected(install: Install) -> None:
    fmt = SourceFormat("nodot", ("json",), lambda text: ParsedSource([]))
    install(("nodot", "d", make_plugin(claimlint_source_formats=lambda: [fmt])))
    with pytest.raises(PluginError, match=r"has extension 'json'; write it like '.json'"):
        plugins.get_registry()


def test_hook_with_parameters_is_a_bad_signature(install: Install) -> None:
    def claimlint_rule_types(config: object) -> list[RuleType]:
        return []

    install(("sig", "sig-dist", make_plugin(claimlint_rule_types=claimlint_rule_types)))
    with pytest.raises(PluginError) as excinfo:
        plugins.get_registry()
    assert plugin_error(excinfo) == (
        "plugin 'sig' (from sig-dist) failed: claimlint_rule_types(config) has the wrong signature: "
        "claimlint hooks take no arguments"
    )


def test_unknown_hook_is_rejected_with_a_suggestion(install: Install) -> None:
    install(("typo", "typo-dist", make_plugin(claimlint_rule_type=lambda: [])))
    with pytest.raises(PluginError, match=r"unknown hook claimlint_rule_type \(did you mean claimlint_rule_types\?\)"):
        plugins.get_registry()


def test_unmarked_hook_function_is_an_error_not_silence(install: Install) -> None:
    module = types.ModuleType("unmarked")
    module.claimlint_reporters = lambda: []  # type: ignore[attr-defined]
    install(("unmarked", "u-dist", module))
    with pytest.raises(PluginError, match=r"claimlint_reporters is not marked with @claimlint.hookimpl"):
        plugins.get_registry()


def test_unknown_hooks_on_class_based_plugins(install: Install) -> None:
    class Plugin:
        @hookimpl
        def claimlint_formats(self) -> list[SourceFormat]:
            return []

    install(("cls", "cls-dist", Plugin()))
    with pytest.raises(PluginError, match=r"^plugin 'cls' \(from cls-dist\) failed: unknown hook claimlint_formats"):
        plugins.get_registry()


def test_check_pending_catches_marked_functions_without_the_prefix(install: Install) -> None:
    install(("noprefix", "np-dist", make_plugin(rule_types=lambda: [])))
    with pytest.raises(PluginError) as excinfo:
        plugins.get_registry()
    assert plugin_error(excinfo).startswith("plugin 'noprefix' (from np-dist) failed: unknown hook 'rule_types'")
    assert "\n" not in plugin_error(excinfo)


@pytest.mark.parametrize(
    ("result", "message"),
    [
        (None, "claimlint_rule_packs() must return a list of RulePack, not None (did it forget to return?)"),
        ("default", "claimlint_rule_packs() must return a list of RulePack, not a str"),
        (["default"], "claimlint_rule_packs() returned 'default', which is not a claimlint.api.RulePack"),
        ([RulePack("", str)], "claimlint_rule_packs() returned a RulePack without a name"),
    ],
)
def test_hook_results_are_type_checked(install: Install, result: object, message: str) -> None:
    install(("packs", "p-dist", make_plugin(claimlint_rule_packs=lambda: result)))
    with pytest.raises(PluginError) as excinfo:
        plugins.get_registry()
    assert plugin_error(excinfo) == f"plugin 'packs' (from p-dist) failed: {message}"


def test_same_entry_point_name_twice(install: Install) -> None:
    install(("same", "one-dist", make_plugin("x")), ("same", "two-dist", make_plugin("y")))
    with pytest.raises(PluginError, match=r"the entry-point name 'same' is already used by one-dist"):
        plugins.get_registry()


def test_one_module_under_two_names(install: Install) -> None:
    module = make_plugin("shared")
    install(("first", "d", module), ("second", "d", module))
    with pytest.raises(PluginError, match=r"plugin 'second' \(from d\) failed: could not register: .*'first'"):
        plugins.get_registry()


# --- run-time failures of contributed code are attributed too ------------------


def _raising_format() -> SourceFormat:
    def parse(text: str) -> ParsedSource:
        raise KeyError("bad token")

    return SourceFormat("crashy", (".crashy",), parse)


def test_parser_raising_at_run_time_names_the_plugin(
    install: Install, run_cli: Callable[..., tuple[int, str, str]]
) -> None:
    install(("crashy", "crashy-dist", make_plugin(claimlint_source_formats=lambda: [_raising_format()])))
    Path("page.crashy").write_text("safe and natural\n", encoding="utf-8")
    rc, _, err = run_cli("check", "page.crashy", "--no-prefilter")
    assert rc == 3
    assert err.strip() == (
        "claimlint: error: plugin 'crashy' (from crashy-dist) failed: "
        "source format 'crashy' parse() raised KeyError: 'bad token'"
    )


def test_reporter_raising_names_the_plugin(install: Install, run_cli: Callable[..., tuple[int, str, str]]) -> None:
    class Broken:
        def __init__(self, options: object) -> None:
            pass

        def render(self, report: object, stream: object) -> None:
            raise ValueError("no template")

    install(("rep", "rep-dist", make_plugin(claimlint_reporters=lambda: [ReporterSpec("broken", Broken)])))
    Path("a.txt").write_text("hello\n", encoding="utf-8")
    rc, _, err = run_cli("check", "a.txt", "--format", "broken")
    assert rc == 3
    assert "plugin 'rep' (from rep-dist) failed: reporter 'broken' render() raised ValueError: no template" in err


def test_matcher_raising_while_iterating_names_the_plugin(
    install: Install, rules_file: Callable[..., str], run_cli: Callable[..., tuple[int, str, str]]
) -> None:
    class Matcher:
        def __init__(self, rules: Any) -> None:
            self.rules = list(rules)

        def literals(self) -> None:
            return None

        def run(self, doc: Any) -> Iterator[Any]:
            yield from ()
            raise IndexError("off by one")

    rtype = RuleType("explode", {"x": Key("str")}, lambda rules: [Matcher(rules)])
    install(("ex", "ex-dist", make_plugin(claimlint_rule_types=lambda: [rtype])))
    path = rules_file(
        """
        version: 1
        rules:
          - {id: X001, name: x, category: x, severity: error, type: explode, x: y, message: m}
        """
    )
    Path("a.txt").write_text("hello\n", encoding="utf-8")
    rc, _, err = run_cli("check", "a.txt", "--rules", path)
    assert rc == 3
    assert "plugin 'ex' (from ex-dist) failed: rule type 'explode' run() on a.txt raised IndexError: off by one" in err


def test_config_errors_from_a_plugin_pass_through_as_config_errors(
    example: types.ModuleType, rules_file: Callable[..., str], run_cli: Callable[..., tuple[int, str, str]]
) -> None:
    path = rules_file(
        """
        version: 1
        rules:
          - {id: D001, name: d, category: d, severity: info, type: density, words: [best], max: -1, message: m}
        """
    )
    Path("a.txt").write_text("best\n", encoding="utf-8")
    rc, _, err = run_cli("check", "a.txt", "--rules", path)
    assert rc == 2
    assert err.startswith("claimlint: error: ")
    assert "rules.yaml:4:5: rule D001: density needs words and max >= 0" in err


# --- packs --------------------------------------------------------------------


def test_duplicate_rule_id_across_packs_names_both_packs(install: Install) -> None:
    clash = "version: 1\nname: clash\nrules:\n  - {id: CL011, name: n, category: c, severity: info, type: phrase,"
    clash += " phrases: [x], message: m}\n"
    install(("clash", "clash-dist", make_plugin(claimlint_rule_packs=lambda: [RulePack("clash", lambda: clash)])))
    registry = plugins.get_registry()
    with pytest.raises(ConfigError) as excinfo:
        load_pack_text("rules.yaml", "version: 1\nextends: [default, clash]\n", registry.rule_types, registry.packs)
    message = str(excinfo.value)
    assert "duplicate rule id 'CL011' in pack 'clash' (first defined in pack 'default' at " in message
    assert message.startswith("<pack clash>:4:")


def test_pack_extends_pulls_in_plugin_rules(example: types.ModuleType) -> None:
    registry = plugins.get_registry()
    ruleset = load_pack_text("rules.yaml", "version: 1\nextends: [supplements]\n", registry.rule_types, registry.packs)
    ids = [r.id for r in ruleset.rules]
    assert ids == ["SUP001", "SUP002", "SUP003", "SUP004", "SUP005", "SUP006"]
    assert {r.pack for r in ruleset.rules} == {"supplements"}
    assert all(r.evidence for r in ruleset.rules)


def test_pack_rules_can_be_ignored(
    example: types.ModuleType, rules_file: Callable[..., str], run_cli: Callable[..., tuple[int, str, str]]
) -> None:
    path = rules_file("version: 1\nextends: [supplements]\n")
    Path("a.txt").write_text("A detox tea that boosts immunity.\n", encoding="utf-8")
    rc, out, _ = run_cli("check", "a.txt", "--rules", path, "--format", "json")
    assert rc == 1
    assert '"rule": "SUP002"' in out
    assert '"rule": "SUP003"' in out
    rc, out, _ = run_cli("check", "a.txt", "--rules", path, "--format", "json", "--ignore", "SUP002")
    assert '"rule": "SUP002"' not in out
    assert '"rule": "SUP003"' in out


def test_pack_rules_can_be_relevelled(example: types.ModuleType) -> None:
    from claimlint.config import Settings, load_ruleset, select_rules

    settings = Settings()
    settings.extends = ["supplements"]
    settings.severity = {"SUP006": "error"}
    rules = select_rules(load_ruleset(settings, plugins.get_registry()).rules, settings)
    assert str(next(r for r in rules if r.id == "SUP006").severity) == "error"


def test_project_config_extends_ignores_and_relevels_pack_rules(
    example: types.ModuleType, run_cli: Callable[..., tuple[int, str, str]]
) -> None:
    Path(".claimlint.yaml").write_text(
        "extends: [default, supplements]\nignore: [SUP003]\nseverity:\n  SUP006: error\n", encoding="utf-8"
    )
    Path("a.txt").write_text("A detox tea that boosts immunity. The best, #1, strongest blend.\n", encoding="utf-8")
    rc, out, _ = run_cli("check", "a.txt", "--format", "json")
    assert rc == 1
    levels = {f["rule"]: f["severity"] for f in json.loads(out)["findings"]}
    assert levels == {"SUP002": "warning", "SUP006": "error"}


def test_version_prints_its_line_before_a_plugin_error(
    install: Install, run_cli: Callable[..., tuple[int, str, str]]
) -> None:
    install(("bad", "bad-dist", make_plugin(claimlint_reporters=lambda: None)))
    rc, out, err = run_cli("--version")
    assert rc == 3
    assert out.startswith("claimlint ")
    assert err.startswith("claimlint: error: plugin 'bad' (from bad-dist) failed: claimlint_reporters() must return")


def test_example_pack_examples_all_pass(
    example: types.ModuleType, run_cli: Callable[..., tuple[int, str, str]]
) -> None:
    rc, out, _ = run_cli("test-rules", str(EXAMPLE_PACK))
    assert rc == 0, out
    assert "18 examples checked, 0 failed" in out


# --- api.segment_from_pieces and the example's parts ----------------------------


def test_segment_from_pieces_folds_and_maps_like_build_segment() -> None:
    source = "  two   words  "
    plain = segment_from_pieces([(source, 0, len(source))], "x")
    built = build_segment(source, [(0, len(source))], "x")
    assert plain is not None
    assert built is not None
    assert plain.text == built.text == "two words"
    assert plain.to_original(4, 9) == built.to_original(4, 9) == (8, 13)


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="ab \t\n\xa0.", max_size=30))
def test_segment_from_pieces_agrees_with_build_segment_on_plain_text(source: str) -> None:
    mine = segment_from_pieces([(source, 0, len(source))], "x")
    theirs = build_segment(source, [(0, len(source))], "x")
    assert (mine is None) == (theirs is None)
    if mine is None or theirs is None:
        return
    assert mine.text == theirs.text
    n = len(mine.text)
    for start in range(n):
        for end in range(start + 1, n + 1):
            assert mine.to_original(start, end) == theirs.to_original(start, end)


def test_segment_from_pieces_maps_an_escape_as_a_whole() -> None:
    source = r"caf\u00e9 \n now"
    pieces = [("caf", 0, 3), ("é", 3, 6), (" ", 9, 1), ("\n", 10, 2), (" now", 12, 4)]
    seg = segment_from_pieces(pieces, "string")
    assert seg is not None
    assert seg.text == "café now"
    assert seg.to_original(0, 4) == (0, 9)
    assert source[slice(*seg.to_original(5, 8))] == "now"
    assert seg.to_original(4, 5) == (9, 13)
    assert segment_from_pieces([(" ", 0, 1), ("\t", 1, 2)], "string") is None


@pytest.fixture
def i18n(monkeypatch: pytest.MonkeyPatch) -> types.ModuleType:
    monkeypatch.syspath_prepend(str(EXAMPLE_SRC))
    import claimlint_example.i18n_json as module

    return module


def test_i18n_json_lints_values_not_keys(i18n: types.ModuleType) -> None:
    text = '{"boosts immunity": "Plain", "nested": {"list": ["One", "Two"], "n": 3, "empty": ""}}'
    parsed = i18n.parse(text)
    assert [s.text for s in parsed.segments] == ["Plain", "One", "Two"]
    assert [text[s.start : s.end] for s in parsed.segments] == ["Plain", "One", "Two"]


def test_i18n_json_escapes_map_back_exactly(i18n: types.ModuleType) -> None:
    text = '{"k": "A caf\\u00e9 \\"detox\\"\\nthat \\ud83d\\ude00 boosts\\/immunity"}'
    (seg,) = i18n.parse(text).segments
    assert seg.text == 'A café "detox" that \U0001f600 boosts/immunity'
    start = seg.text.index("detox")
    assert text[slice(*seg.to_original(start, start + 5))] == "detox"
    emoji = seg.text.index("\U0001f600")
    assert text[slice(*seg.to_original(emoji, emoji + 1))] == "\\ud83d\\ude00"
    assert text[slice(*seg.to_original(seg.text.index("boosts"), len(seg.text)))] == "boosts\\/immunity"


def test_i18n_searchable_decodes_escaped_words(i18n: types.ModuleType) -> None:
    assert "detox" in i18n.searchable('{"k": "de\\u0074ox"}')
    assert i18n.searchable('{"k": "plain"}') == '{"k": "plain"}'


def test_density_counts_per_segment_and_honours_unless(
    example: types.ModuleType, rules_file: Callable[..., str], run_cli: Callable[..., tuple[int, str, str]]
) -> None:
    path = rules_file(
        """
        version: 1
        rules:
          - id: D001
            name: stack
            category: superiority-claim
            severity: warning
            type: density
            words: [best, most powerful, "#1"]
            max: 2
            unless: ['\\bsurvey\\b']
            message: "Too many superlatives."
        """
    )
    Path("a.txt").write_text(
        "The best, #1 and most\npowerful blend.\n\nBest and #1.\n\nBest, #1, most powerful in our survey.\n",
        encoding="utf-8",
    )
    rc, out, _ = run_cli("check", "a.txt", "--rules", path, "--format", "json")
    assert rc == 1
    (finding,) = json.loads(out)["findings"]
    where = (finding["line"], finding["column"], finding["end_line"], finding["end_column"])
    assert where == (1, 18, 2, 9)
    assert finding["match"] == "most\npowerful"


def test_checkstyle_report_is_valid_xml(
    example: types.ModuleType, rules_file: Callable[..., str], run_cli: Callable[..., tuple[int, str, str]]
) -> None:
    path = rules_file()
    Path("a.txt").write_text("It offers a safe and natural treatment.\n", encoding="utf-8")
    rc, out, _ = run_cli("check", "a.txt", "missing.txt", "--rules", path, "--format", "checkstyle")
    assert rc == 2
    root = ET.fromstring(out)
    assert root.tag == "checkstyle"
    files = {f.get("name"): f for f in root}
    (error,) = files["a.txt"]
    assert error.attrib == {
        "line": "1",
        "column": "13",
        "severity": "error",
        "message": 'Natural implies safe. [natural-claim: "safe and natural"]',
        "source": "claimlint.T001",
    }
    assert files["missing.txt"][0].attrib["source"] == "claimlint.file-problem"

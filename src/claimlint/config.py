"""Settings for one run, and loading the rule set they name.

Defaults, the governing project config file and CLI flags meet here, in that
order (later wins, key by key); the result is a ``Settings`` value that also
records where each value came from, for ``claimlint config`` and for errors.
Nothing here reads copy: this all happens before the first file is opened.
"""

from __future__ import annotations

import dataclasses
import os
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from claimlint.errors import ConfigError
from claimlint.model import Rule, Severity
from claimlint.projectconfig import ConfigFinder, ProjectConfig, display_path, load_config
from claimlint.rulefile import RuleSet, enabled_rules, load_pack_text
from claimlint.suppress import META_RULES, matches

if TYPE_CHECKING:
    from claimlint.plugins import Registry

# Config key -> Settings attribute, in the order ``claimlint config`` shows them.
KEYS: dict[str, str] = {
    "extends": "extends",
    "rules": "rule_files",
    "select": "select",
    "enable": "enable",
    "ignore": "ignore",
    "severity": "severity",
    "per-file-ignores": "per_file_ignores",
    "include": "include",
    "exclude": "exclude",
    "extend-exclude": "extend_exclude",
    "fail-on": "fail_on",
    "formats": "formats",
    "encoding": "encoding",
    "baseline": "baseline",
    "require-reasons": "require_reasons",
}


@dataclass
class Settings:
    """Effective settings; ``origins`` says where each came from (for ``claimlint config``).

    Globs in ``exclude``, ``include``, ``per_file_ignores`` and ``encoding`` are
    relative to ``root`` (the config file's folder; "" means the working
    folder); ``extend_exclude`` comes from the CLI and is relative to the
    working folder. Paths in ``rule_files`` and ``baseline`` are ready to open.
    """

    extends: list[str] = field(default_factory=lambda: ["default"])
    rule_files: list[str] = field(default_factory=list)
    select: list[str] = field(default_factory=list)
    enable: list[str] = field(default_factory=list)
    ignore: list[str] = field(default_factory=list)
    severity: dict[str, str] = field(default_factory=dict)
    fail_on: str = "warning"
    require_reasons: bool = True
    origins: dict[str, str] = field(default_factory=dict)
    per_file_ignores: dict[str, list[str]] = field(default_factory=dict)
    include: list[str] = field(default_factory=list)
    exclude: list[str] = field(default_factory=list)
    extend_exclude: list[str] = field(default_factory=list)
    formats: dict[str, str] = field(default_factory=dict)
    encoding: dict[str, str] = field(default_factory=dict)
    baseline: str | None = None
    root: str = ""
    config: ProjectConfig | None = None

    def rules_key(self) -> tuple[Any, ...]:
        """Everything that decides the compiled rule set, for caching."""
        return (
            tuple(self.extends),
            tuple(self.rule_files),
            tuple(self.select),
            tuple(self.enable),
            tuple(self.ignore),
            tuple(sorted(self.severity.items())),
        )

    def relative(self, path: str) -> str:
        """``path`` relative to ``root`` with ``/`` separators, as globs see it."""
        base = self.root or os.getcwd()
        rel = os.path.relpath(os.path.abspath(path), base)
        if rel.startswith(".."):
            rel = display_path(path)
        return rel.replace(os.sep, "/")

    def excluded(self, path: str, is_dir: bool = False) -> bool:
        """Whether walking should skip ``path`` (explicitly named files never are)."""
        rel = self.relative(path) + ("/" if is_dir else "")
        if self.exclude and _spec(tuple(self.exclude)).match_file(rel):
            return True
        if self.extend_exclude:
            cwd_rel = display_path(path).replace(os.sep, "/") + ("/" if is_dir else "")
            if _spec(tuple(self.extend_exclude)).match_file(cwd_rel):
                return True
        return bool(self.include) and not is_dir and not _spec(tuple(self.include)).match_file(rel)

    def ignored_for(self, path: str) -> tuple[str, ...]:
        """Selectors that ``per-file-ignores`` switches off for ``path``."""
        if not self.per_file_ignores:
            return ()
        rel = self.relative(path)
        out: list[str] = []
        for glob, ids in self.per_file_ignores.items():
            if _spec((glob,)).match_file(rel):
                out.extend(i for i in ids if i not in out)
        return tuple(out)

    def encoding_for(self, path: str) -> str | None:
        """The codec the first matching ``encoding`` glob names, if any."""
        if not self.encoding:
            return None
        rel = self.relative(path)
        return next((codec for glob, codec in self.encoding.items() if _spec((glob,)).match_file(rel)), None)

    def format_for(self, path: str) -> str | None:
        """The format ``formats`` maps ``path``'s extension to (longest wins)."""
        lower = path.lower()
        best: tuple[str, str] | None = None
        for ext, fmt in self.formats.items():
            if lower.endswith(ext) and (best is None or len(ext) > len(best[0])):
                best = (ext, fmt)
        return best[1] if best else None

    def error(self, key: str, message: str, *sub: str) -> ConfigError:
        """A ConfigError at the place ``key`` was set (config file position or CLI)."""
        if self.config is not None and self.origins.get(key, "").startswith(self.config.path):
            return self.config.error(message, key, *sub)
        return ConfigError(self.origins.get(key, "<config>"), message)


@lru_cache(maxsize=256)
def _spec(patterns: tuple[str, ...]) -> Any:
    """A gitignore-style matcher for ``patterns`` (compiled once per pattern set)."""
    import pathspec

    return pathspec.GitIgnoreSpec.from_lines(patterns)


@dataclass
class Overrides:
    """What the command line says; each given flag replaces the config value."""

    select: list[str] = field(default_factory=list)
    enable: list[str] = field(default_factory=list)
    ignore: list[str] = field(default_factory=list)
    fail_on: str | None = None
    extend_exclude: list[str] = field(default_factory=list)
    rule_files: list[str] = field(default_factory=list)
    baseline: str | None = None
    config: str | None = None
    isolated: bool = False


def settings_from(config: ProjectConfig | None, overrides: Overrides) -> Settings:
    """Merge defaults, one project config and the CLI overrides into Settings."""
    settings = Settings(origins=dict.fromkeys(KEYS, "default"))
    if config is not None:
        _apply_config(settings, config)
    _apply_overrides(settings, overrides)
    return settings


def _apply_config(settings: Settings, config: ProjectConfig) -> None:
    settings.root = config.root
    settings.config = config
    for key, value in config.values.items():
        if key in ("rules", "baseline"):
            value = _config_paths(config, value)
        elif key == "formats":
            value = {("." + ext.lstrip(".")).lower(): fmt for ext, fmt in value.items()}
        setattr(settings, KEYS[key], value)
        settings.origins[key] = config.where(key)


def _config_paths(config: ProjectConfig, value: Any) -> Any:
    """Resolve paths written in a config file against its folder."""
    if isinstance(value, str):
        return display_path(os.path.join(config.root, value))
    return [display_path(os.path.join(config.root, v)) for v in value]


def _apply_overrides(settings: Settings, overrides: Overrides) -> None:
    given: dict[str, Any] = {
        "select": overrides.select,
        "enable": overrides.enable,
        "ignore": overrides.ignore,
        "fail-on": overrides.fail_on,
        "extend-exclude": overrides.extend_exclude,
        "baseline": overrides.baseline,
    }
    if overrides.rule_files:
        settings.extends = []
        settings.origins["extends"] = "cli"
        given["rules"] = list(overrides.rule_files)
    for key, value in given.items():
        if value:
            setattr(settings, KEYS[key], value)
            settings.origins[key] = "cli"


class SettingsResolver:
    """Settings for any path: the governing config (cached per folder) plus the CLI.

    ``--config FILE`` makes one file govern everything; ``--isolated`` ignores
    config files altogether.
    """

    def __init__(self, overrides: Overrides) -> None:
        self.overrides = overrides
        self._finder = None if overrides.isolated or overrides.config else ConfigFinder()
        self._fixed = self._explicit(overrides.config) if overrides.config and not overrides.isolated else None
        self._settings: dict[str, Settings] = {}

    @staticmethod
    def _explicit(path: str) -> ProjectConfig:
        config = load_config(path)
        if config is None:
            raise ConfigError(path, "no [tool.claimlint] table in this file")
        return config

    def config_for(self, path: str) -> ProjectConfig | None:
        """The config file that governs ``path`` (None: defaults and CLI only)."""
        if self._finder is None:
            return self._fixed
        return self._finder.for_path(path)

    def for_path(self, path: str) -> Settings:
        """Effective settings for file or folder ``path``."""
        config = self.config_for(path)
        key = config.path if config is not None else ""
        if key not in self._settings:
            self._settings[key] = settings_from(config, self.overrides)
        return self._settings[key]

    def for_run(self, paths: Sequence[str]) -> Settings:
        """Run-wide settings (fail-on, baseline): the working folder's, else the first path's."""
        if self.config_for(".") is None and paths and paths[0] != "-":
            return self.for_path(paths[0])
        return self.for_path(".")


def describe(settings: Settings) -> list[tuple[str, Any, str]]:
    """``(key, value, origin)`` for every setting, in documentation order."""
    return [(key, getattr(settings, attr), settings.origins.get(key, "default")) for key, attr in KEYS.items()]


def read_text_file(path: str) -> str:
    """Read a config or rules file, or raise a ConfigError naming it."""
    try:
        with open(path, encoding="utf-8") as fh:
            return fh.read()
    except FileNotFoundError:
        raise ConfigError(path, "file not found") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(path, f"cannot read: {exc}") from None


def load_ruleset(settings: Settings, registry: Registry) -> RuleSet:
    """The packs in ``extends`` plus ``rule_files``, validated."""
    result = RuleSet()
    for name in settings.extends:
        pack = registry.packs.get(name)
        if pack is None:
            known = ", ".join(sorted(registry.packs)) or "none"
            raise settings.error("extends", f"unknown pack {name!r} (installed: {known})")
        origin = pack.origin or f"<pack {name}>"
        result.extend(load_pack_text(origin, pack.load_text(), registry.rule_types, registry.packs, name), origin)
    for path in settings.rule_files:
        if not os.path.isfile(path) and settings.origins.get("rules") != "cli":
            raise settings.error("rules", f"rules file {path!r} not found")
        result.extend(load_pack_text(path, read_text_file(path), registry.rule_types, registry.packs), path)
    return result


def select_rules(rules: Sequence[Rule], settings: Settings, extra_ignore: Sequence[str] = ()) -> list[Rule]:
    """Apply enable/select/ignore (plus ``extra_ignore``) and severity overrides.

    A rule a pack ships with ``enabled: false`` runs only when ``enable`` names
    its exact id, like an opt-in rule in ruff or a rule switched on in a Vale
    style: ``select`` only narrows, so a prefix or category never wakes it.
    """
    ignore = (*settings.ignore, *extra_ignore)
    wanted = set(settings.enable)
    out = []
    on = {id(r) for r in enabled_rules(rules)}
    for rule in rules:
        if id(rule) not in on and rule.id not in wanted:
            continue
        if settings.select and not any(matches(s, rule) for s in settings.select):
            continue
        if any(matches(s, rule) for s in ignore):
            continue
        level = _override(rule, settings.severity)
        out.append(rule.with_severity(Severity.parse(level)) if level else rule)
    return out


def meta_rules(settings: Settings, extra_ignore: Sequence[str] = (), extra: Sequence[Rule] = ()) -> dict[str, Rule]:
    """The suppression (and ``extra``) meta rules kept, by id, re-levelled.

    ``select`` does not apply: narrowing the content rules must not silently
    switch off the checks that keep waivers and approvals honest. ``ignore``,
    ``per-file-ignores`` and ``severity`` do.
    """
    unselected = dataclasses.replace(settings, select=[])
    return {r.id: r for r in select_rules((*META_RULES, *extra), unselected, extra_ignore)}


def _override(rule: Rule, overrides: dict[str, str]) -> str | None:
    best: tuple[int, str] | None = None
    for selector, level in overrides.items():
        if matches(selector, rule) and (best is None or len(selector) > best[0]):
            best = (len(selector), level)
    return best[1] if best else None

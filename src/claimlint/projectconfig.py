"""Find and parse project config files: ``.claimlint.yaml`` or ``[tool.claimlint]``.

Discovery is ruff-style: the nearest config above a file governs it, with no
merging between levels, so a folder's config says everything about its files.
Results are cached per directory, and a ``pyproject.toml`` is only parsed when
its text mentions ``tool.claimlint``, so a run on one file stays cheap.

Every value is checked against :data:`SCHEMA` and every error carries the
``file:line:col`` of the offending key (for TOML, found by scanning the text,
since ``tomllib`` keeps no positions).
"""

from __future__ import annotations

import codecs
import os
import re
import sys
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

from claimlint.errors import ConfigError, ConfigErrors

YAML_NAME = ".claimlint.yaml"
PYPROJECT = "pyproject.toml"
FAIL_LEVELS = ("error", "warning", "info", "never")
SEVERITIES = ("error", "warning", "info")

# key -> (kind, help). Kinds: list (a string or list of strings), str, bool,
# map (string -> string), map-list (string -> string or list of strings).
SCHEMA: dict[str, tuple[str, str]] = {
    "extends": ("list", "rule packs to use (default: [default])"),
    "rules": ("list", "extra rule files, relative to this config file"),
    "select": ("list", "only rules matching these ids, id prefixes, names or categories"),
    "enable": ("list", "exact ids of rules a pack ships disabled (enabled: false) to turn on"),
    "ignore": ("list", "skip rules matching these ids, id prefixes, names or categories"),
    "severity": ("map", "selector -> error | warning | info"),
    "per-file-ignores": ("map-list", "glob -> selectors ignored in matching files"),
    "include": ("list", "globs a walked file must match to be linted"),
    "exclude": ("list", "globs of files and folders to skip when walking"),
    "fail-on": ("str", "lowest severity that fails the run: error | warning | info | never"),
    "formats": ("map", "file extension -> source format, e.g. {.mdx: markdown}"),
    "encoding": ("map", "glob -> codec used to decode matching files"),
    "baseline": ("str", "approved-claims baseline file, relative to this config file"),
    "require-reasons": ("bool", "suppression comments need a '-- reason' (default: true)"),
}

Pos = tuple[int, int]


@dataclass(frozen=True)
class ProjectConfig:
    """One parsed config: checked values plus where each key was written."""

    path: str
    values: Mapping[str, Any]
    positions: Mapping[tuple[str, ...], Pos] = field(default_factory=dict)

    @property
    def root(self) -> str:
        """The folder relative paths and globs in this config are resolved against."""
        return os.path.dirname(os.path.abspath(self.path))

    def pos(self, *keys: str) -> Pos:
        """Position of the deepest known key in ``keys`` (0, 0 if unknown)."""
        for n in range(len(keys), 0, -1):
            if keys[:n] in self.positions:
                return self.positions[keys[:n]]
        return (0, 0)

    def where(self, key: str) -> str:
        """``file:line`` of ``key``, as ``claimlint config`` shows it."""
        line = self.pos(key)[0]
        return f"{self.path}:{line}" if line else self.path

    def error(self, message: str, *keys: str) -> ConfigError:
        """A ConfigError located at ``keys``."""
        line, col = self.pos(*keys)
        return ConfigError(self.path, message, line, col)


def display_path(path: str) -> str:
    """``path`` relative to the working folder when it is inside it."""
    rel = os.path.relpath(os.path.abspath(path))
    return path if rel.startswith("..") else rel


def load_config(path: str) -> ProjectConfig | None:
    """Parse ``path`` (YAML or pyproject.toml); None if a pyproject has no table."""
    try:
        with open(path, encoding="utf-8") as fh:
            text = fh.read()
    except FileNotFoundError:
        raise ConfigError(path, "config file not found") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(path, f"cannot read config: {exc}") from None
    if os.path.basename(path) == PYPROJECT or path.endswith(".toml"):
        return parse_toml(path, text)
    return parse_yaml(path, text)


def parse_yaml(path: str, text: str) -> ProjectConfig:
    """Parse a ``.claimlint.yaml`` text."""
    from claimlint.yamlload import LList, LMap, load

    data = load(path, text)
    if data is None:
        return ProjectConfig(path, {}, {})
    if not isinstance(data, LMap):
        raise ConfigError(path, "a config file must be a mapping of keys to values", 1, 1)
    positions: dict[tuple[str, ...], Pos] = {}
    for key, value in data.items():
        positions[(key,)] = data.key_pos[key]
        if isinstance(value, LMap):
            positions.update({(key, k): value.key_pos[k] for k in value})
        elif isinstance(value, LList):
            positions.update({(key, str(i)): p for i, p in enumerate(value.item_pos)})
    return _checked(ProjectConfig(path, dict(data), positions))


def parse_toml(path: str, text: str) -> ProjectConfig | None:
    """Parse the ``[tool.claimlint]`` table of a pyproject.toml text."""
    if sys.version_info >= (3, 11):
        import tomllib
    else:  # pragma: no cover - exercised on Python 3.10 only
        import tomli as tomllib
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        message = str(exc)
        raise ConfigError(path, f"invalid TOML: {message.split(' (at ')[0]}", *_toml_error_pos(message, text)) from None
    tool = data.get("tool")
    table = tool.get("claimlint") if isinstance(tool, dict) else None
    if table is None:
        return None
    if not isinstance(table, dict):
        raise ConfigError(path, "[tool.claimlint] must be a table")
    return _checked(ProjectConfig(path, table, toml_positions(text)))


def _toml_error_pos(message: str, text: str) -> Pos:
    """Position from a TOMLDecodeError message: its line and column, or the end of the text."""
    m = re.search(r"\(at line (\d+), column (\d+)\)", message)
    if m:
        return int(m.group(1)), int(m.group(2))
    lines = text.splitlines() or [""]
    return len(lines), len(lines[-1]) + 1


# Patterns as strings: ``re`` compiles (and caches) them only when a TOML file is read.
_HEADER = r"^\s*\[\[?\s*([^\[\]]+?)\s*\]\]?\s*(?:#.*)?$"
_KEY = r"""^(\s*)((?:"[^"]*"|'[^']*'|[A-Za-z0-9_-]+)(?:\s*\.\s*(?:"[^"]*"|'[^']*'|[A-Za-z0-9_-]+))*)\s*="""
_PART = r"""\s*("[^"]*"|'[^']*'|[A-Za-z0-9_-]+)\s*"""


def _dotted(text: str) -> tuple[str, ...]:
    return tuple(p.strip("\"'") for p in re.findall(_PART, text))


def toml_positions(text: str) -> dict[tuple[str, ...], Pos]:
    """Map key paths under ``tool.claimlint`` to (line, col) by scanning ``text``."""
    out: dict[tuple[str, ...], Pos] = {}
    table: tuple[str, ...] | None = None
    for lineno, line in enumerate(text.splitlines(), 1):
        header = re.match(_HEADER, line)
        if header:
            table = _dotted(header.group(1))
            if table[:2] == ("tool", "claimlint") and len(table) > 2:
                out.setdefault(table[2:3], (lineno, line.index("[") + 1))
            continue
        key = re.match(_KEY, line)
        if key is None or table is None:
            continue
        full = (*table, *_dotted(key.group(2)))
        if full[:2] == ("tool", "claimlint") and len(full) > 2:
            out.setdefault(full[2:], (lineno, len(key.group(1)) + 1))
    return out


def _checked(config: ProjectConfig) -> ProjectConfig:
    """Validate every key; collect all errors and raise them together."""
    errors: list[ConfigError] = []
    values: dict[str, Any] = {}
    for key, raw in config.values.items():
        if key not in SCHEMA:
            errors.append(config.error(f"unknown key {key!r}{_close(key)}", key))
            continue
        value, problem = _coerce(SCHEMA[key][0], raw)
        if problem:
            errors.append(config.error(f"{key!r} {problem}", key, *_bad_entry(raw)))
            continue
        errors.extend(_value_problems(config, key, value))
        values[key] = value
    if len(errors) == 1:
        raise errors[0]
    if errors:
        raise ConfigErrors(errors)
    return ProjectConfig(config.path, values, config.positions)


def _close(key: str) -> str:
    import difflib

    match = difflib.get_close_matches(key, list(SCHEMA), n=1)
    return f" (did you mean {match[0]!r}?)" if match else ""


def _is_strs(value: Any) -> bool:
    return isinstance(value, list) and all(isinstance(v, str) for v in value)


def _bad_entry(raw: Any) -> tuple[str, ...]:
    """The first key of mapping ``raw`` whose value is not a string or list of strings."""
    if not isinstance(raw, dict):
        return ()
    for sub, value in raw.items():
        if not (isinstance(value, str) or _is_strs(value)):
            return (str(sub),)
    return ()


def _coerce(kind: str, raw: Any) -> tuple[Any, str]:
    """Normalise ``raw`` for ``kind``; the second item names the problem, if any."""
    if kind == "list":
        value = [raw] if isinstance(raw, str) else raw
        return (list(value), "") if _is_strs(value) else (None, "must be a string or a list of strings")
    if kind == "str":
        return (raw, "") if isinstance(raw, str) else (None, "must be a string")
    if kind == "bool":
        return (raw, "") if isinstance(raw, bool) else (None, "must be true or false")
    if not isinstance(raw, dict) or not all(isinstance(k, str) for k in raw):
        return None, "must be a mapping"
    if kind == "map":
        ok = all(isinstance(v, str) for v in raw.values())
        return (dict(raw), "") if ok else (None, "must map strings to strings")
    value = {k: [v] if isinstance(v, str) else v for k, v in raw.items()}
    ok = all(_is_strs(v) for v in value.values())
    return (value, "") if ok else (None, "must map globs to a string or a list of strings")


_CHECKS: dict[str, Callable[[str, str], str]] = {
    "severity": lambda _k, v: "" if v in SEVERITIES else f"must be one of {', '.join(SEVERITIES)}",
    "encoding": lambda _k, v: "" if _codec_ok(v) else f"unknown encoding {v!r}",
    "formats": lambda k, _v: "" if k.strip(".") else "extension must not be empty",
}


def _codec_ok(name: str) -> bool:
    """A codec that turns bytes into text (not rot13, base64, zlib and the like)."""
    try:
        info = codecs.lookup(name)
    except LookupError:
        return False
    return bool(getattr(info, "_is_text_encoding", True))


def _value_problems(config: ProjectConfig, key: str, value: Any) -> list[ConfigError]:
    if key == "fail-on" and value not in FAIL_LEVELS:
        return [config.error(f"'fail-on' must be one of {', '.join(FAIL_LEVELS)}", key)]
    check = _CHECKS.get(key)
    if check is None:
        return []
    out = []
    for sub, item in value.items():
        problem = check(sub, item)
        if problem:
            out.append(config.error(f"{key}.{sub}: {problem}", key, sub))
    return out


class ConfigFinder:
    """Nearest-config lookup with a per-directory cache."""

    def __init__(self) -> None:
        self._by_dir: dict[str, ProjectConfig | None] = {}

    def for_path(self, path: str) -> ProjectConfig | None:
        """The config governing file or folder ``path``."""
        full = os.path.abspath(path)
        start = full if os.path.isdir(full) else os.path.dirname(full)
        return self.for_dir(start)

    def for_dir(self, directory: str) -> ProjectConfig | None:
        """The nearest config in ``directory`` or above it."""
        seen: list[str] = []
        current = directory
        found: ProjectConfig | None = None
        while True:
            if current in self._by_dir:
                found = self._by_dir[current]
                break
            seen.append(current)
            found = _config_in(current)
            if found is not None:
                break
            parent = os.path.dirname(current)
            if parent == current:
                break
            current = parent
        for folder in seen:
            self._by_dir[folder] = found
        return found


def _config_in(directory: str) -> ProjectConfig | None:
    yaml_path = os.path.join(directory, YAML_NAME)
    if os.path.isfile(yaml_path):
        return load_config(display_path(yaml_path))
    toml_path = os.path.join(directory, PYPROJECT)
    if not os.path.isfile(toml_path):
        return None
    try:
        with open(toml_path, encoding="utf-8") as fh:
            text = fh.read()
    except (OSError, UnicodeDecodeError):
        return None
    if "claimlint" not in text:
        return None
    return parse_toml(display_path(toml_path), text)

"""Settings for one run, and loading the rule set they name.

CLI flags, project config and defaults meet here; the result is a
``Settings`` value and a validated rule list, produced before any copy is read.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from claimlint.errors import ConfigError
from claimlint.model import Rule, Severity
from claimlint.rulefile import RuleSet, enabled_rules, load_pack_text
from claimlint.suppress import matches

if TYPE_CHECKING:
    from claimlint.plugins import Registry


@dataclass
class Settings:
    """Effective settings; ``origins`` says where each came from (for ``claimlint config``)."""

    extends: list[str] = field(default_factory=lambda: ["default"])
    rule_files: list[str] = field(default_factory=list)
    select: list[str] = field(default_factory=list)
    ignore: list[str] = field(default_factory=list)
    severity: dict[str, str] = field(default_factory=dict)
    fail_on: str = "warning"
    require_reasons: bool = True
    origins: dict[str, str] = field(default_factory=dict)


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
            where = settings.origins.get("extends", "<config>")
            raise ConfigError(where, f"unknown pack {name!r} (installed: {known})")
        origin = pack.origin or f"<pack {name}>"
        result.extend(load_pack_text(origin, pack.load_text(), registry.rule_types, registry.packs, name), origin)
    for path in settings.rule_files:
        result.extend(load_pack_text(path, read_text_file(path), registry.rule_types, registry.packs), path)
    return result


def select_rules(rules: Sequence[Rule], settings: Settings) -> list[Rule]:
    """Apply enabled/select/ignore and severity overrides."""
    out = []
    for rule in enabled_rules(rules):
        if settings.select and not any(matches(s, rule) for s in settings.select):
            continue
        if any(matches(s, rule) for s in settings.ignore):
            continue
        level = _override(rule, settings.severity)
        out.append(rule.with_severity(Severity.parse(level)) if level else rule)
    return out


def _override(rule: Rule, overrides: dict[str, str]) -> str | None:
    best: tuple[int, str] | None = None
    for selector, level in overrides.items():
        if matches(selector, rule) and (best is None or len(selector) > best[0]):
            best = (len(selector), level)
    return best[1] if best else None

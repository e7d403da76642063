"""Built-in rule types; each module exposes ``RULE_TYPE``."""

from __future__ import annotations

from collections.abc import Iterator

from claimlint.api import RuleType

_MODULES = ("phrase", "pattern", "require", "cited", "disclosure", "claim", "denial", "classifier")


def RULE_TYPES() -> Iterator[RuleType]:  # noqa: N802 - a registry accessor
    """Import each built-in rule type module and yield its RULE_TYPE."""
    from importlib import import_module

    for name in _MODULES:
        yield import_module(f"claimlint.ruletypes.{name}").RULE_TYPE

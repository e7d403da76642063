"""The built-in plugin: claimlint's own rule types, formats, reporters and pack.

Registered through the same hooks as any third-party plugin. Imports happen
inside the hooks so that loading this module stays cheap.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from claimlint.api import ReporterSpec, RulePack, RuleType, SourceFormat
from claimlint.hookspecs import hookimpl


@hookimpl
def claimlint_rule_types() -> list[RuleType]:
    """phrase, pattern, require and the reference-aware types."""
    from claimlint.ruletypes import RULE_TYPES

    return list(RULE_TYPES())


@hookimpl
def claimlint_source_formats() -> list[SourceFormat]:
    """text, markdown and html."""
    from claimlint.sources import FORMATS

    return list(FORMATS())


@hookimpl
def claimlint_reporters() -> list[ReporterSpec]:
    """text, json, github, sarif and html."""
    from claimlint.reporters import REPORTERS

    return list(REPORTERS())


@hookimpl
def claimlint_rule_packs() -> list[RulePack]:
    """The default pack: ``rules.yaml`` shipped inside the package."""
    return [RulePack("default", _default_pack_text, origin=default_pack_path(), doc="Ketamine / chronic-pain claims")]


def default_pack_path() -> str:
    """Filesystem path of the bundled ``rules.yaml`` (for messages)."""
    return str(_pack_file())


def _default_pack_text() -> str:
    return _pack_file().read_text(encoding="utf-8")


def _pack_file() -> Any:
    """The bundled pack: a plain path next to this module when there is one.

    ``importlib.resources`` costs more to import than a one-page check spends
    linting, so it is only asked when the package is not a folder (a zip).
    """
    here = Path(__file__).with_name("rules.yaml")
    if here.is_file():
        return here
    from importlib.resources import files

    return files("claimlint") / "rules.yaml"

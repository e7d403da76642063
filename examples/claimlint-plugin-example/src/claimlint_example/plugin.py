"""The entry-point module: one ``@hookimpl`` function per kind of contribution.

Each hook takes no arguments and returns a list. Keep imports cheap here:
claimlint imports this module on every run, even ``claimlint --version``.
"""

from __future__ import annotations

from importlib.resources import files

from claimlint import hookimpl
from claimlint.api import ReporterSpec, RulePack, RuleType, SourceFormat


@hookimpl
def claimlint_source_formats() -> list[SourceFormat]:
    """Translation files: lint the strings users read, not the keys."""
    from claimlint_example import i18n_json

    return [i18n_json.FORMAT]


@hookimpl
def claimlint_reporters() -> list[ReporterSpec]:
    """``--format checkstyle``."""
    from claimlint_example import checkstyle

    return [checkstyle.REPORTER]


@hookimpl
def claimlint_rule_types() -> list[RuleType]:
    """``type: density``."""
    from claimlint_example import density

    return [density.RULE_TYPE]


@hookimpl
def claimlint_rule_packs() -> list[RulePack]:
    """``extends: [supplements]``: the YAML ships inside the wheel."""
    resource = files("claimlint_example") / "packs" / "supplements.yaml"
    return [
        RulePack(
            "supplements",
            lambda: resource.read_text(encoding="utf-8"),
            origin=str(resource),
            doc="Dietary-supplement claims (FTC substantiation, 21 CFR 101.93)",
        )
    ]

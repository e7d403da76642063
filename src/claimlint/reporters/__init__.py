"""Built-in reporters; each module exposes ``REPORTER`` (a ReporterSpec)."""

from __future__ import annotations

from collections.abc import Iterator

from claimlint.api import ReporterSpec

_MODULES = ("text", "json", "github", "sarif", "html")


def REPORTERS() -> Iterator[ReporterSpec]:  # noqa: N802 - a registry accessor
    """Yield each built-in reporter spec."""
    from importlib import import_module

    for name in _MODULES:
        yield import_module(f"claimlint.reporters.{name}").REPORTER

"""Built-in reporters; each module exposes ``REPORTER`` (a ReporterSpec).

A run renders one format, so the registry gets deferred specs: a reporter's
module (the HTML one carries its page assets) is imported only when its
factory is called. ``_MACHINE`` says which formats tools read, so colour and
progress can be decided without importing them, and ``_DOCS`` gives each its
one-line description; a unit test checks all three against the modules' own
``REPORTER`` specs.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from claimlint.api import Reporter, ReporterSpec

_MODULES = ("text", "json", "github", "sarif", "html")
_MACHINE = ("json", "sarif")
_DOCS = {
    "text": "Human-readable lines (default).",
    "json": "Versioned JSON for other tools.",
    "github": "GitHub Actions annotations and a job summary.",
    "sarif": "SARIF 2.1.0 for code scanning.",
    "html": "Self-contained HTML page for compliance reviewers.",
}


def REPORTERS() -> Iterator[ReporterSpec]:  # noqa: N802 - a registry accessor
    """Yield a deferred spec for each built-in reporter."""
    for name in _MODULES:
        yield ReporterSpec(name, _Deferred(name), _DOCS[name], machine=name in _MACHINE)


def loaded(name: str) -> ReporterSpec:
    """The spec module ``name`` itself declares (imports it)."""
    from importlib import import_module

    spec: ReporterSpec = import_module(f"claimlint.reporters.{name}").REPORTER
    return spec


class _Deferred:
    """A reporter factory that imports its module on the first call."""

    def __init__(self, name: str) -> None:
        self.name = name

    def __call__(self, options: Mapping[str, Any]) -> Reporter:
        return loaded(self.name).factory(options)

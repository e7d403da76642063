"""The hook specifications a claimlint plugin implements.

A plugin is a module (or object) registered under the ``claimlint``
entry-point group. It marks functions with ``claimlint.hookimpl`` whose names
match the specs below. Every hook takes no arguments and returns a list;
claimlint collects the lists from all plugins, built-ins included, and
rejects two contributions with the same name.

Example ``pyproject.toml`` of a plugin::

    [project.entry-points.claimlint]
    mypack = "mypack.plugin"

Types come from :mod:`claimlint.api`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import pluggy

if TYPE_CHECKING:
    from claimlint.api import ReporterSpec, RulePack, RuleType, SourceFormat

PROJECT = "claimlint"
hookspec = pluggy.HookspecMarker(PROJECT)
hookimpl = pluggy.HookimplMarker(PROJECT)


@hookspec
def claimlint_rule_types() -> list[RuleType]:  # type: ignore[empty-body]
    """Return new rule kinds, usable in YAML as ``type: <name>``.

    Each :class:`claimlint.api.RuleType` declares its YAML keys (so unknown or
    mistyped keys are config errors with a position) and a ``compile``
    function that turns all rules of that type into matchers. A matcher's
    ``run(doc)`` yields :class:`claimlint.api.Hit` objects in original-text
    offsets; use ``segment.to_original(start, end)`` to get them, never search
    the original text again.
    """


@hookspec
def claimlint_source_formats() -> list[SourceFormat]:  # type: ignore[empty-body]
    """Return new file formats.

    Each :class:`claimlint.api.SourceFormat` names the extensions it claims
    (with the dot, e.g. ``.json``) and a ``parse(text)`` that returns a
    :class:`claimlint.api.ParsedSource`: the lintable segments, each with its
    offset map, built with :func:`claimlint.api.build_segment`.
    """


@hookspec
def claimlint_reporters() -> list[ReporterSpec]:  # type: ignore[empty-body]
    """Return new ``--format`` values as :class:`claimlint.api.ReporterSpec`.

    The factory receives an options mapping (``color``, ``output``, ...) and
    returns an object with ``render(report, stream)``. Reporters are the only
    plugin code that writes output.
    """


@hookspec
def claimlint_rule_packs() -> list[RulePack]:  # type: ignore[empty-body]
    """Return named YAML rule packs that configs pull in with ``extends:``.

    A :class:`claimlint.api.RulePack` has a ``name`` and ``load_text()``
    returning the pack's YAML (read it with ``importlib.resources`` so it
    works from a wheel).
    """

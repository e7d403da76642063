"""The hook specifications a claimlint plugin implements.

A plugin is a module registered under the ``claimlint`` entry-point group::

    # pyproject.toml of the plugin's distribution
    [project.entry-points.claimlint]
    example = "claimlint_example.plugin"

claimlint imports that module on every run and calls each function in it
that is marked with ``@claimlint.hookimpl`` and named like a hook below
(``from claimlint import hookimpl``). Every hook takes **no arguments** and
returns a **list**; claimlint collects the lists of all plugins, its own
built-ins included (they use these same hooks), into one registry.

Rules of the game, all checked when the registry is built:

- A module-level function named like a hook but not marked is an error (it
  would be silently ignored); a marked function with any other
  ``claimlint_*`` name is an unknown hook; a hook with parameters, or a hook
  wrapper, is an error.
- A hook must return a list of the documented type from :mod:`claimlint.api`.
- Names are global: two plugins contributing the same rule type, format,
  reporter or pack name, or two formats claiming the same extension, is an
  error naming both plugins.
- Any of these, an import error, or an exception raised by a hook (or later
  by a parser, matcher, reporter or pack loader the plugin contributed) stops
  the run with exit code 3 and one line:
  ``claimlint: error: plugin 'example' (from claimlint-plugin-example) failed: <cause>``.

Keep the entry-point module cheap to import: ``claimlint --version`` loads
it too. Import heavy modules inside the hook functions.
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
    """Return new rule kinds, usable in a rules file as ``type: <name>``.

    Each :class:`claimlint.api.RuleType` declares the YAML keys its rules may
    carry beyond the common ones (``keys``: name → :class:`claimlint.api.Key`),
    so an unknown or mistyped key is reported with ``file:line:col`` before any
    copy is read. The loader puts those keys' values in ``Rule.params``.

    ``compile(rules)`` receives every enabled rule of the type at once and
    returns matchers (:class:`claimlint.api.Matcher`). A matcher's
    ``run(doc)`` yields :class:`claimlint.api.Hit` objects in *original-text*
    offsets: search ``segment.text`` and convert with
    ``segment.to_original(start, end)``; never search ``doc.text`` again.
    ``literals()`` lets the engine skip files that cannot match; return
    ``None`` when unsure. Raise :class:`claimlint.api.ConfigError` from
    ``compile`` for a rule whose values make no sense.

    Users may write ``scopes``, ``when``, ``context`` and ``unless`` on any
    rule. Subclass ``claimlint.ruletypes.base.LineMatcher`` and implement
    ``candidates(doc)`` (yielding ``(rule, segment, start, end)``) to get
    them applied exactly as the built-in types do.
    """


@hookspec
def claimlint_source_formats() -> list[SourceFormat]:  # type: ignore[empty-body]
    """Return new file formats.

    Each :class:`claimlint.api.SourceFormat` names the extensions it claims
    (lower case, with the dot; the longest matching extension wins, so
    ``.i18n.json`` can coexist with a plain ``.json`` format) and a
    ``parse(text)`` returning a :class:`claimlint.api.ParsedSource`: the
    lintable segments, plus any inline suppression directives.

    A segment's piece map is what makes positions right. When the visible
    text is a set of ranges of the file, build it with
    :func:`claimlint.api.build_segment`; when characters are encoded
    (escapes, entities), use :func:`claimlint.api.segment_from_pieces`.
    Give segments a ``kind`` (``paragraph``, ``heading``, ``string``...) so
    rules can target them with ``scopes``.

    ``searchable(text)``, optional, returns the text the prefilter searches
    for rule words; supply it when encoding could hide a word in the raw file.
    """


@hookspec
def claimlint_reporters() -> list[ReporterSpec]:  # type: ignore[empty-body]
    """Return new ``--format`` values as :class:`claimlint.api.ReporterSpec`.

    ``factory(options)`` receives a mapping (``color``, ``quiet``,
    ``output``...; ignore keys you do not know) and returns an object with
    ``render(report, stream)`` that writes the whole
    :class:`claimlint.api.Report` to ``stream``. Set ``machine=True`` for
    formats read by tools, so colour and progress output stay off.
    Reporters are the only plugin code that writes output.
    """


@hookspec
def claimlint_rule_packs() -> list[RulePack]:  # type: ignore[empty-body]
    """Return named YAML rule packs that configs pull in with ``extends:``.

    A :class:`claimlint.api.RulePack` has a ``name`` (what users write in
    ``extends: [default, <name>]``), ``load_text()`` returning the pack's YAML
    (schema version 1, the same as any rules file; read it with
    :mod:`importlib.resources` so it works from a wheel or a zip) and an
    ``origin`` shown in error messages. Rule ids must not clash with other
    packs a user may combine yours with; prefix them (``SUP001``).
    """

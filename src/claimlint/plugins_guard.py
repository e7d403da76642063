"""Run-time guards around a third-party plugin's contributions.

A plugin's parser, matcher, reporter or pack loader runs long after its hooks
were collected. If one raises, the user must still learn *which plugin* broke
(exit 3, one line), not read a traceback that blames claimlint. claimlint's own
errors (config errors, rule timeouts) pass through untouched, because the
engine and the CLI already handle them.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterator, Mapping, Sequence
from dataclasses import replace
from typing import IO, Any, TypeVar

from claimlint.api import DocView, Matcher, Reporter, ReporterSpec, RulePack, RuleType, SourceFormat
from claimlint.errors import ClaimlintError, PluginError
from claimlint.model import Hit, Report, Rule
from claimlint.ruletypes.base import RuleTimeout

_PASS_THROUGH = (ClaimlintError, RuleTimeout)
T = TypeVar("T")


class _Where:
    """Which plugin a contribution came from (a plain class: see :class:`claimlint.plugins.Registry`)."""

    __slots__ = ("dist", "plugin", "what")

    def __init__(self, plugin: str, dist: str, what: str) -> None:
        self.plugin = plugin
        self.dist = dist
        self.what = what

    def call(self, step: str, func: Callable[..., T], *args: Any) -> T:
        try:
            return func(*args)
        except _PASS_THROUGH:
            raise
        except Exception as exc:
            raise self.error(step, exc) from exc

    def error(self, step: str, exc: Exception) -> PluginError:
        return PluginError(self.plugin, self.dist, f"{self.what} {step} raised {type(exc).__name__}: {one_line(exc)}")


def one_line(exc: BaseException) -> str:
    """The first non-empty line of an exception's message (or its type name)."""
    for line in str(exc).splitlines():
        if line.strip():
            return line.strip()
    return type(exc).__name__


def guarded(item: Any, plugin: str, dist: str) -> Any:
    """``item`` with every callable wrapped so failures name ``plugin``."""
    if isinstance(item, RuleType):
        where = _Where(plugin, dist, f"rule type {item.name!r}")
        return replace(item, compile=_compile_guard(item.compile, where))
    if isinstance(item, SourceFormat):
        where = _Where(plugin, dist, f"source format {item.name!r}")
        searchable = _call_guard(item.searchable, where, "searchable()") if item.searchable else None
        return replace(item, parse=_call_guard(item.parse, where, "parse()"), searchable=searchable)
    if isinstance(item, ReporterSpec):
        where = _Where(plugin, dist, f"reporter {item.name!r}")
        return replace(item, factory=_factory_guard(item.factory, where))
    if isinstance(item, RulePack):
        where = _Where(plugin, dist, f"rule pack {item.name!r}")
        return replace(item, load_text=_call_guard(item.load_text, where, "load_text()"))
    return item


def _call_guard(func: Callable[..., T], where: _Where, step: str) -> Callable[..., T]:
    def call(*args: Any) -> T:
        return where.call(step, func, *args)

    return call


def _compile_guard(
    compile_: Callable[[Sequence[Rule]], Sequence[Matcher]], where: _Where
) -> Callable[[Sequence[Rule]], Sequence[Matcher]]:
    def call(rules: Sequence[Rule]) -> Sequence[Matcher]:
        matchers = where.call("compile()", compile_, rules)
        return [GuardedMatcher(m, where) for m in matchers]

    return call


def _factory_guard(factory: Callable[[Mapping[str, Any]], Reporter], where: _Where) -> Callable[..., Reporter]:
    def call(options: Mapping[str, Any]) -> Reporter:
        return GuardedReporter(where.call("factory()", factory, options), where)

    return call


class GuardedMatcher:
    """A plugin matcher whose failures name the plugin."""

    def __init__(self, inner: Matcher, where: _Where) -> None:
        self.inner = inner
        self.rules = inner.rules
        self.where = where

    def literals(self) -> Sequence[Collection[str]] | None:
        """The inner matcher's gate."""
        return self.where.call("literals()", self.inner.literals)

    def run(self, doc: DocView) -> Iterator[Hit]:
        """The inner matcher's hits; a failure while iterating is attributed too."""
        try:
            yield from self.inner.run(doc)
        except _PASS_THROUGH:
            raise
        except Exception as exc:
            raise self.where.error(f"run() on {doc.path}", exc) from exc


class GuardedReporter:
    """A plugin reporter whose failures name the plugin."""

    def __init__(self, inner: Reporter, where: _Where) -> None:
        self.inner = inner
        self.where = where

    def render(self, report: Report, stream: IO[str]) -> None:
        """Render with the inner reporter."""
        self.where.call("render()", self.inner.render, report, stream)

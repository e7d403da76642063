"""Build the registries of rule types, formats, reporters and packs.

Built-ins are registered through the same hooks as third-party plugins,
which are found through the ``claimlint`` entry-point group. Each plugin is
loaded, checked and called on its own, so any failure (an import error, a
hook with the wrong signature or name, a hook that raises or returns the
wrong thing, two plugins claiming one name) is a :class:`PluginError` that
names the plugin and its distribution in one line, never a bare traceback.

A plugin's contributions are also guarded at run time: if its parser,
matcher, reporter or pack loader raises, the error still names the plugin
(:mod:`claimlint.plugins_guard`).
"""

from __future__ import annotations

import inspect
from collections.abc import Callable
from typing import Any

from claimlint.api import ReporterSpec, RulePack, RuleType, SourceFormat
from claimlint.errors import PluginError
from claimlint.plugins_guard import guarded, one_line

GROUP = "claimlint"
BUILTIN = "claimlint.builtin"


class Registry:
    """Name → contribution maps, plus which plugin gave each one.

    A plain class (like :class:`_Hook`): every ``@dataclass`` compiles its
    generated methods at import, about a millisecond each, which a one-page
    run pays before it reads the page.
    """

    def __init__(self) -> None:
        self.rule_types: dict[str, RuleType] = {}
        self.formats: dict[str, SourceFormat] = {}
        self.reporters: dict[str, ReporterSpec] = {}
        self.packs: dict[str, RulePack] = {}
        self.owners: dict[tuple[str, str], str] = {}
        self.plugins: list[tuple[str, str, str]] = []

    def extensions(self) -> dict[str, str]:
        """Extension → format name, for discovery."""
        return {ext.lower(): fmt.name for fmt in self.formats.values() for ext in fmt.extensions}


class _Hook:
    __slots__ = ("attr", "cls", "name", "what")

    def __init__(self, name: str, attr: str, what: str, cls: type) -> None:
        self.name = name
        self.attr = attr
        self.what = what
        self.cls = cls


_HOOKS = (
    _Hook("claimlint_rule_types", "rule_types", "rule type", RuleType),
    _Hook("claimlint_source_formats", "formats", "source format", SourceFormat),
    _Hook("claimlint_reporters", "reporters", "reporter", ReporterSpec),
    _Hook("claimlint_rule_packs", "packs", "rule pack", RulePack),
)
HOOK_NAMES = tuple(h.name for h in _HOOKS)

_CACHE: dict[bool, Registry] = {}
_VERSIONS: dict[str, str] = {}


def get_registry(load_entry_points: bool = True, disk_cache: bool = True) -> Registry:
    """The registry for this process (built once).

    ``disk_cache=False`` (``--no-cache``) asks :mod:`importlib.metadata` for
    the entry points instead of trusting the cached scan.
    """
    if load_entry_points not in _CACHE:
        _CACHE[load_entry_points] = _build(load_entry_points, disk_cache)
    return _CACHE[load_entry_points]


def _build(load_entry_points: bool, disk_cache: bool = True) -> Registry:
    import pluggy

    from claimlint import builtin, hookspecs

    pm = pluggy.PluginManager(hookspecs.PROJECT)
    pm.add_hookspecs(hookspecs)
    pm.register(builtin, name=BUILTIN)
    registry = Registry()
    dists: dict[str, str] = {BUILTIN: "claimlint"}
    if load_entry_points:
        for name, dist, plugin in _entry_point_plugins(disk_cache):
            _register(pm, name, dist, plugin, dists)
            dists[name] = dist
            registry.plugins.append((name, dist, _version(dist)))
    _check_pending(pm, dists)
    for hook in _HOOKS:
        for impl in getattr(pm.hook, hook.name).get_hookimpls():
            _collect(registry, impl.plugin_name, dists.get(impl.plugin_name, ""), impl.function, hook)
    return registry


def _register(pm: Any, name: str, dist: str, plugin: object, known: dict[str, str]) -> None:
    import pluggy

    if name in known:
        raise PluginError(name, dist, f"the entry-point name {name!r} is already used by {known[name] or '?'}")
    _check_impls(pm, name, dist, plugin)
    try:
        pm.register(plugin, name=name)
    except (ValueError, pluggy.PluginValidationError) as exc:
        other = pm.get_name(plugin)
        cause = f"it is the same object as plugin {other!r}" if other else one_line(exc)
        raise PluginError(name, dist, f"could not register: {cause}") from exc


def _check_impls(pm: Any, name: str, dist: str, plugin: object) -> None:
    """Reject, before pluggy sees them, the mistakes pluggy would miss or word badly."""
    for attr in dir(plugin):
        if not attr.startswith("claimlint_"):
            continue
        obj = getattr(plugin, attr, None)
        opts = pm.parse_hookimpl_opts(plugin, attr)
        if opts is None:
            if attr in HOOK_NAMES and callable(obj):
                raise PluginError(name, dist, f"{attr} is not marked with @claimlint.hookimpl, so it would be ignored")
            continue
        if attr not in HOOK_NAMES:
            raise PluginError(name, dist, f"unknown hook {attr}{_close(attr)} (known: {', '.join(HOOK_NAMES)})")
        if opts.get("wrapper") or opts.get("hookwrapper"):
            raise PluginError(name, dist, f"{attr} is a hook wrapper; claimlint hooks only return lists")
        params = _required_params(obj)
        if params:
            raise PluginError(
                name, dist, f"{attr}({', '.join(params)}) has the wrong signature: claimlint hooks take no arguments"
            )


def _required_params(func: Any) -> list[str]:
    try:
        sig = inspect.signature(func)
    except (TypeError, ValueError):
        return []
    kinds = (inspect.Parameter.VAR_POSITIONAL, inspect.Parameter.VAR_KEYWORD)
    return [p.name for p in sig.parameters.values() if p.default is p.empty and p.kind not in kinds]


def _close(attr: str) -> str:
    import difflib

    match = difflib.get_close_matches(attr, HOOK_NAMES, n=1)
    return f" (did you mean {match[0]}?)" if match else ""


def _check_pending(pm: Any, dists: dict[str, str]) -> None:
    """Pluggy's own check for hook implementations that match no spec."""
    import pluggy

    try:
        pm.check_pending()
    except pluggy.PluginValidationError as exc:
        plugin_name = pm.get_name(exc.plugin) or "?"
        raise PluginError(plugin_name, dists.get(plugin_name, ""), one_line(exc)) from exc


def _collect(registry: Registry, plugin: str, dist: str, func: Callable[[], Any], hook: _Hook) -> None:
    try:
        items = func()
    except Exception as exc:
        raise PluginError(plugin, dist, f"{hook.name}() raised {type(exc).__name__}: {one_line(exc)}") from exc
    if not isinstance(items, (list, tuple)):
        got = "None (did it forget to return?)" if items is None else f"a {type(items).__name__}"
        raise PluginError(plugin, dist, f"{hook.name}() must return a list of {hook.cls.__name__}, not {got}")
    target: dict[str, Any] = getattr(registry, hook.attr)
    for item in items:
        _check_item(registry, plugin, dist, item, hook)
        if hook.attr == "formats":
            _check_extensions(registry, plugin, dist, item)
        if plugin != BUILTIN:
            item = guarded(item, plugin, dist)
        target[item.name] = item
        registry.owners[(hook.attr, item.name)] = _label(plugin, dist)


def _check_item(registry: Registry, plugin: str, dist: str, item: Any, hook: _Hook) -> None:
    name: Any = getattr(item, "name", None)
    if not isinstance(item, hook.cls):
        shown = repr(item)[:60]
        expected = f"claimlint.api.{hook.cls.__name__}"
        raise PluginError(plugin, dist, f"{hook.name}() returned {shown}, which is not a {expected}")
    if not isinstance(name, str) or not name.strip():
        raise PluginError(plugin, dist, f"{hook.name}() returned a {hook.cls.__name__} without a name")
    other = registry.owners.get((hook.attr, name))
    if other is not None:
        raise PluginError(plugin, dist, f"{hook.what} {name!r} is already provided by plugin {other}")


def _check_extensions(registry: Registry, plugin: str, dist: str, fmt: SourceFormat) -> None:
    claimed = registry.extensions()
    for ext in fmt.extensions:
        if not isinstance(ext, str) or not ext.startswith(".") or len(ext) < 2:
            raise PluginError(plugin, dist, f"source format {fmt.name!r} has extension {ext!r}; write it like '.json'")
        owner = claimed.get(ext.lower())
        if owner is not None:
            other = registry.owners[("formats", owner)]
            cause = f"source format {fmt.name!r} claims {ext!r}, already claimed by {owner!r} of plugin {other}"
            raise PluginError(plugin, dist, cause)


def _label(plugin: str, dist: str) -> str:
    return f"{plugin!r} (from {dist})" if dist else repr(plugin)


def _entry_point_plugins(disk_cache: bool = True) -> list[tuple[str, str, Any]]:
    from claimlint import entrypoints

    out = []
    for ep in entrypoints.discover(GROUP, disk_cache):
        try:
            plugin = ep.load()
        except (Exception, SystemExit) as exc:
            cause = f"import of {ep.value} failed: {type(exc).__name__}: {one_line(exc)}"
            raise PluginError(ep.name, ep.dist, cause) from exc
        if ep.version:
            _VERSIONS[ep.dist] = ep.version
        out.append((ep.name, ep.dist, plugin))
    return out


def _version(dist: str) -> str:
    if dist in _VERSIONS:
        return _VERSIONS[dist]
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version(dist)
    except PackageNotFoundError:
        return "?"

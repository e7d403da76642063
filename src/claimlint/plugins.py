"""Build the registries of rule types, formats, reporters and packs.

Built-ins are registered through the same hooks as third-party plugins,
which are found through the ``claimlint`` entry-point group. Each plugin is
loaded and each hook implementation is called on its own, so a failure is
reported with the plugin's name and distribution, never as a bare traceback.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from claimlint.api import ReporterSpec, RulePack, RuleType, SourceFormat
from claimlint.errors import PluginError

GROUP = "claimlint"
BUILTIN = "claimlint.builtin"


@dataclass
class Registry:
    """Name → contribution maps, plus which plugin gave each one."""

    rule_types: dict[str, RuleType] = field(default_factory=dict)
    formats: dict[str, SourceFormat] = field(default_factory=dict)
    reporters: dict[str, ReporterSpec] = field(default_factory=dict)
    packs: dict[str, RulePack] = field(default_factory=dict)
    owners: dict[tuple[str, str], str] = field(default_factory=dict)
    plugins: list[tuple[str, str, str]] = field(default_factory=list)

    def extensions(self) -> dict[str, str]:
        """Extension → format name, for discovery."""
        return {ext.lower(): fmt.name for fmt in self.formats.values() for ext in fmt.extensions}


_HOOKS = (
    ("claimlint_rule_types", "rule_types", "rule type"),
    ("claimlint_source_formats", "formats", "source format"),
    ("claimlint_reporters", "reporters", "reporter"),
    ("claimlint_rule_packs", "packs", "rule pack"),
)

_CACHE: dict[bool, Registry] = {}


def get_registry(load_entry_points: bool = True) -> Registry:
    """The registry for this process (built once)."""
    if load_entry_points not in _CACHE:
        _CACHE[load_entry_points] = _build(load_entry_points)
    return _CACHE[load_entry_points]


def _build(load_entry_points: bool) -> Registry:
    import pluggy

    from claimlint import builtin, hookspecs

    pm = pluggy.PluginManager(hookspecs.PROJECT)
    pm.add_hookspecs(hookspecs)
    pm.register(builtin, name=BUILTIN)
    registry = Registry()
    dists: dict[str, str] = {BUILTIN: "claimlint"}
    if load_entry_points:
        for name, dist, plugin in _entry_point_plugins():
            try:
                pm.register(plugin, name=name)
            except ValueError as exc:
                raise PluginError(name, dist, f"could not register: {exc}") from None
            dists[name] = dist
            registry.plugins.append((name, dist, _version(dist)))
    try:
        pm.check_pending()
    except pluggy.PluginValidationError as exc:
        plugin_name = pm.get_name(exc.plugin) or "?"
        raise PluginError(plugin_name, dists.get(plugin_name, ""), str(exc)) from None
    for hook_name, attr, what in _HOOKS:
        for impl in getattr(pm.hook, hook_name).get_hookimpls():
            _collect(registry, impl.plugin_name, dists.get(impl.plugin_name, ""), impl.function, attr, what)
    return registry


def _collect(registry: Registry, plugin: str, dist: str, func: Any, attr: str, what: str) -> None:
    try:
        items = func() or []
    except Exception as exc:  # noqa: BLE001 - any plugin failure must be attributed
        raise PluginError(plugin, dist, f"{func.__name__} raised {type(exc).__name__}: {exc}") from None
    target: dict[str, Any] = getattr(registry, attr)
    for item in items:
        name = getattr(item, "name", None)
        if not isinstance(name, str):
            raise PluginError(plugin, dist, f"{func.__name__} returned {item!r}, which has no name")
        if name in target:
            other = registry.owners[(attr, name)]
            raise PluginError(plugin, dist, f"{what} {name!r} is already provided by {other}")
        target[name] = item
        registry.owners[(attr, name)] = plugin


def _entry_point_plugins() -> list[tuple[str, str, Any]]:
    from importlib.metadata import entry_points

    out = []
    for ep in sorted(entry_points(group=GROUP), key=lambda e: e.name):
        dist = ep.dist.name if ep.dist is not None else ""
        try:
            plugin = ep.load()
        except Exception as exc:  # noqa: BLE001 - report any import failure by name
            raise PluginError(ep.name, dist, f"import failed: {type(exc).__name__}: {exc}") from None
        out.append((ep.name, dist, plugin))
    return out


def _version(dist: str) -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version(dist)
    except PackageNotFoundError:
        return "?"

"""The cached entry-point scan: served while nothing is installed, rescanned as soon as anything is."""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

import pytest

from claimlint import entrypoints, plugins

PLUGIN = """\
from claimlint import hookimpl
from claimlint.api import RulePack


class Holder:
    class Inner:
        value = 42


@hookimpl
def claimlint_rule_packs():
    return [RulePack("{pack}", lambda: "version: 1\\nrules: []\\n")]
"""

Site = Callable[..., Path]


@pytest.fixture
def site(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Site:
    """A folder on ``sys.path`` to 'install' distributions into: ``site(dist, version, {name: value})``."""
    folder = tmp_path / "site"
    folder.mkdir()
    monkeypatch.syspath_prepend(str(folder))
    monkeypatch.setenv("CLAIMLINT_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.delenv("CLAIMLINT_NO_CACHE", raising=False)

    def install(dist: str, version: str = "1.0", points: dict[str, str] | None = None) -> Path:
        module = dist.replace("-", "_")
        (folder / f"{module}.py").write_text(PLUGIN.format(pack=module), encoding="utf-8")
        meta = folder / f"{module}-{version}.dist-info"
        meta.mkdir()
        (meta / "METADATA").write_text(f"Metadata-Version: 2.1\nName: {dist}\nVersion: {version}\n", encoding="utf-8")
        lines = "".join(f"{name} = {value}\n" for name, value in (points or {module: module}).items())
        (meta / "entry_points.txt").write_text(f"[claimlint]\n{lines}", encoding="utf-8")
        return meta

    return install


@pytest.fixture
def scans(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """One item per real (slow) scan of the installed metadata."""
    calls: list[str] = []
    real = entrypoints.scan

    def counting(group: str) -> list[entrypoints.EntryPoint]:
        calls.append(group)
        return real(group)

    monkeypatch.setattr(entrypoints, "scan", counting)
    return calls


def _names() -> set[str]:
    return {ep.name for ep in entrypoints.discover("claimlint")}


def test_an_unchanged_installation_is_served_from_the_cache(site: Site, scans: list[str]) -> None:
    site("claimlint-alpha")
    first = entrypoints.discover("claimlint")
    assert entrypoints.discover("claimlint") == first
    assert len(scans) == 1
    (alpha,) = [ep for ep in first if ep.name == "claimlint_alpha"]
    assert (alpha.dist, alpha.version, alpha.value) == ("claimlint-alpha", "1.0", "claimlint_alpha")


def test_a_newly_installed_plugin_is_noticed(site: Site, scans: list[str]) -> None:
    assert "claimlint_beta" not in _names()
    site("claimlint-beta")
    assert "claimlint_beta" in _names()
    assert len(scans) == 2


def test_an_uninstalled_plugin_disappears(site: Site, scans: list[str]) -> None:
    meta = site("claimlint-gamma")
    assert "claimlint_gamma" in _names()
    for child in meta.iterdir():
        child.unlink()
    meta.rmdir()
    assert "claimlint_gamma" not in _names()
    assert len(scans) == 2


def test_an_upgrade_is_noticed(site: Site) -> None:
    def versions() -> set[str]:
        return {ep.version for ep in entrypoints.discover("claimlint") if ep.dist == "claimlint-delta"}

    old = site("claimlint-delta", "1.0")
    assert versions() == {"1.0"}
    for child in old.iterdir():
        child.unlink()
    old.rmdir()
    site("claimlint-delta", "2.0")
    assert versions() == {"2.0"}


def test_an_edited_entry_point_file_is_noticed(site: Site, scans: list[str]) -> None:
    meta = site("claimlint-epsilon")
    assert "renamed" not in _names()
    points = meta / "entry_points.txt"
    points.write_text("[claimlint]\nrenamed = claimlint_epsilon\n", encoding="utf-8")
    stamp = points.stat().st_mtime_ns + 1_000_000
    os.utime(points, ns=(stamp, stamp))
    assert "renamed" in _names()
    assert len(scans) == 2


def test_no_cache_always_scans(site: Site, scans: list[str]) -> None:
    site("claimlint-zeta")
    entrypoints.discover("claimlint", use_cache=False)
    entrypoints.discover("claimlint", use_cache=False)
    assert len(scans) == 2


def test_load_follows_module_and_attribute_path(site: Site) -> None:
    site("claimlint-eta")
    point = entrypoints.EntryPoint("x", "claimlint_eta : Holder.Inner", "claimlint-eta", "1.0")
    assert point.load().value == 42
    with pytest.raises(ValueError, match="malformed"):
        entrypoints.EntryPoint("x", "not a value!", "d", "1").load()


def test_registry_registers_a_plugin_from_the_cached_scan(site: Site, monkeypatch: pytest.MonkeyPatch) -> None:
    site("claimlint-theta", "3.1")
    for _ in range(2):
        monkeypatch.setattr(plugins, "_CACHE", {})
        registry = plugins.get_registry()
        assert ("claimlint_theta", "claimlint-theta", "3.1") in registry.plugins
        assert registry.packs["claimlint_theta"].load_text().startswith("version: 1")


def test_corrupt_cache_file_means_a_fresh_scan(site: Site, scans: list[str], tmp_path: Path) -> None:
    site("claimlint-iota")
    entrypoints.discover("claimlint")
    for path in (tmp_path / "cache").glob("entry-points-*.pickle"):
        path.write_bytes(b"not a pickle")
    assert "claimlint_iota" in _names()
    assert len(scans) == 2

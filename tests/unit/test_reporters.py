"""Built-in reporters are registered as deferred specs that agree with the modules' own."""

from __future__ import annotations

import io

import pytest

from claimlint import builtin, reporters
from claimlint.model import Report


@pytest.mark.parametrize("name", reporters._MODULES)
def test_deferred_spec_matches_the_module(name: str) -> None:
    deferred = {spec.name: spec for spec in reporters.REPORTERS()}[name]
    own = reporters.loaded(name)
    assert (deferred.name, deferred.doc, deferred.machine) == (own.name, own.doc, own.machine)


def test_machine_lists_only_known_formats() -> None:
    assert set(reporters._MACHINE) <= set(reporters._MODULES)


def test_deferred_factory_builds_the_real_reporter() -> None:
    spec = next(s for s in reporters.REPORTERS() if s.name == "json")
    stream = io.StringIO()
    spec.factory({}).render(Report([], [], 0, []), stream)
    assert '"findings": []' in stream.getvalue()


def test_default_pack_falls_back_to_package_resources(monkeypatch: pytest.MonkeyPatch) -> None:
    text = builtin._default_pack_text()
    monkeypatch.setattr(builtin, "__file__", "/nonexistent/claimlint/builtin.py")
    assert not str(builtin._pack_file()).startswith("/nonexistent")
    assert builtin._default_pack_text() == text

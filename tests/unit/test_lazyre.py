"""Deferred module-level patterns behave as compiled ones, and compile only when used."""

from __future__ import annotations

import pickle
import re
import subprocess
import sys
from pathlib import Path

import pytest

from claimlint.lazyre import lazy

ROOT = Path(__file__).resolve().parents[2]


def test_a_lazy_pattern_matches_as_the_compiled_one() -> None:
    source, flags = r"(?P<word>\bmiracle\b)\s+(\w+)", re.IGNORECASE
    compiled, deferred = re.compile(source, flags), lazy(source, flags)
    text = "A MIRACLE cure, a miracle drug"
    assert deferred.pattern == source
    assert [m.span() for m in deferred.finditer(text)] == [m.span() for m in compiled.finditer(text)]
    assert deferred.search(text, 5) is not None
    assert deferred.sub("x", text) == compiled.sub("x", text)
    assert deferred.findall(text) == compiled.findall(text)
    assert (deferred.groups, deferred.groupindex, deferred.flags) == (2, compiled.groupindex, compiled.flags)


def test_nothing_compiles_until_first_use(monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[str] = []
    real = re.compile
    monkeypatch.setattr(re, "compile", lambda p, f=0: calls.append(p) or real(p, f))
    deferred = lazy(r"\bour\b", re.IGNORECASE)
    assert deferred.pattern == r"\bour\b"
    assert calls == []
    assert deferred.search("Our clinic") is not None
    assert deferred.search("hour") is None
    assert calls == [r"\bour\b"]


def test_bytes_patterns_and_a_bad_pattern_fail_on_use() -> None:
    assert lazy(rb"ab+").fullmatch(b"abb") is not None
    broken = lazy("(unclosed")
    with pytest.raises(re.error):
        broken.search("text")


def test_a_copy_without_its_state_raises_attribute_error_not_recursion() -> None:
    deferred = lazy("a")
    clone = object.__new__(type(deferred))
    with pytest.raises(AttributeError):
        _ = clone.search
    assert pickle.loads(pickle.dumps(deferred)).search("cat") is not None


def test_importing_the_rule_types_and_sources_compiles_none_of_their_patterns() -> None:
    """What start-up saves: the modules a one-page run imports leave their patterns uncompiled."""
    probe = (
        "import re, sys\n"
        "made = []\n"
        "real = re.compile\n"
        "re.compile = lambda p, f=0: made.append(sys._getframe(1).f_globals.get('__name__')) or real(p, f)\n"
        "import claimlint.ruletypes.voice, claimlint.ruletypes.framing, claimlint.ruletypes.mention\n"
        "import claimlint.ruletypes.turns, claimlint.ruletypes.staff, claimlint.textutil, claimlint.sources.inline\n"
        "owned = ('voice', 'framing', 'mention', 'turns', 'staff', 'textutil', 'inline')\n"
        "print(sorted({m for m in made if m and m.rsplit('.', 1)[-1] in owned}))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", probe],
        env={"PYTHONPATH": str(ROOT / "src")},
        capture_output=True,
        text=True,
        check=True,
    )
    assert done.stdout.strip() == "[]"

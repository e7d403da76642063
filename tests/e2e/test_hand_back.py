"""Workers hand rare pages of copy back to the parent; findings stay those of a serial run."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pytest

from claimlint import parallel, runner
from claimlint.cli import main

COPY = "Ketamine infusions give relief within minutes. A miracle cure for chronic pain, 100% safe!\n"
DOCS = "# Get-Item\n\nGets the item at the specified location. Use the Path parameter to name it.\n"


@pytest.fixture
def site(tmp_path: Path) -> Path:
    """Mostly docs, with a page of copy now and then, enough files for a pool."""
    root = tmp_path / "site"
    root.mkdir()
    for i in range(parallel.MIN_ITEMS + 40):
        (root / f"page{i:03d}.md").write_text(COPY if i % 9 == 4 else DOCS, encoding="utf-8")
    return root


def _run(site: Path, *options: str) -> str:
    out = site.parent / "out.json"
    assert main(["check", str(site), "--format", "json", "--fail-on", "never", "--output", str(out), *options]) == 0
    return out.read_text(encoding="utf-8")


def _linted_where(site: Path, monkeypatch: pytest.MonkeyPatch, backlog: int) -> tuple[str, dict[str, int]]:
    """The JSON of a two-job run, and which process parsed each page of copy."""
    log = site.parent / f"parsed-{backlog}.log"
    real = runner.check_text

    def recording(path: str, *args: Any, **kwargs: Any) -> Any:
        with open(log, "a", encoding="utf-8") as fh:
            fh.write(f"{os.getpid()} {path}\n")
        return real(path, *args, **kwargs)

    monkeypatch.setattr(runner, "check_text", recording)
    monkeypatch.setattr(runner, "MAX_BACKLOG", backlog)
    out = _run(site, "--jobs", "2")
    where = {}
    for line in log.read_text(encoding="utf-8").splitlines():
        pid, path = line.split(" ", 1)
        where[path] = int(pid)
    return out, where


@pytest.fixture(autouse=True)
def _fresh(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CLAIMLINT_NO_RESULT_CACHE", "1")


def test_rare_copy_is_linted_by_the_parent(site: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    serial = _run(site, "--jobs", "1")
    out, where = _linted_where(site, monkeypatch, 10**9)
    assert out == serial
    copy = {str(site / f"page{i:03d}.md") for i in range(4, parallel.MIN_ITEMS + 40, 9)}
    assert copy <= set(where), "a page of copy was not parsed"
    assert set(where.values()) == {os.getpid()}, "a worker parsed a page"


def test_common_copy_is_linted_where_it_was_read(site: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    serial = _run(site, "--jobs", "1")
    out, where = _linted_where(site, monkeypatch, 0)
    assert out == serial
    assert set(where.values()) - {os.getpid()}, "workers handed every page of copy back"

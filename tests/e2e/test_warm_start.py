"""The parent lints the first files before forking, until what workers would each build again is built."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pytest

from claimlint import gates, parallel, runner
from claimlint.cli import main

COPY = "Ketamine infusions give relief within minutes. A miracle cure for chronic pain, 100% safe!\n"
DOCS = "# Get-Item\n\nGets the item at the specified location. Use the Path parameter to name it.\n"
FILES = parallel.MIN_ITEMS + 60


@pytest.fixture(autouse=True)
def _fresh(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CLAIMLINT_NO_RESULT_CACHE", "1")
    monkeypatch.setattr(runner, "MAX_BACKLOG", 0)  # workers keep every page they meet


def _site(root: Path, copy_every: int) -> Path:
    root.mkdir()
    for i in range(FILES):
        page = COPY if copy_every and i % copy_every == 0 else DOCS
        (root / f"page{i:03d}.md").write_text(page, encoding="utf-8")
    return root


def _run(site: Path, *options: str) -> str:
    out = site.parent / f"out{len(options)}.json"
    assert main(["check", str(site), "--format", "json", "--fail-on", "never", "--output", str(out), *options]) == 0
    return out.read_text(encoding="utf-8")


def _record(monkeypatch: pytest.MonkeyPatch, log: Path, name: str) -> None:
    """Log ``pid path`` for every call of ``runner.<name>`` (check_text) or ``runner._Run.<name>``."""
    owner: Any = runner if hasattr(runner, name) else runner._Run
    real = getattr(owner, name)

    def recording(*args: Any, **kwargs: Any) -> Any:
        target = args[1] if owner is runner._Run else args[0]
        path = getattr(target, "path", target)
        with open(log, "a", encoding="utf-8") as fh:
            fh.write(f"{os.getpid()} {path}\n")
        return real(*args, **kwargs)

    monkeypatch.setattr(owner, name, recording)


def _by_pid(log: Path) -> list[tuple[int, str]]:
    rows = [line.split(" ", 1) for line in log.read_text(encoding="utf-8").splitlines()]
    return [(int(pid), Path(path).name) for pid, path in rows]


def test_a_site_of_copy_forks_after_the_first_pages(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    site = _site(tmp_path / "site", copy_every=1)
    serial = _run(site, "--jobs", "1")
    log = tmp_path / "parsed.log"
    _record(monkeypatch, log, "check_text")
    assert _run(site, "--jobs", "2") == serial
    here = [name for pid, name in _by_pid(log) if pid == os.getpid()]
    assert here == [f"page{i:03d}.md" for i in range(runner.WARM_PAGES)]


def test_docs_are_linted_here_until_the_prefilter_settles(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    site = _site(tmp_path / "site", copy_every=0)
    serial = _run(site, "--jobs", "1")
    monkeypatch.setattr(runner, "WARM_FILES", 30)
    monkeypatch.setattr(gates.Gates, "settled", property(lambda _self: False))
    log = tmp_path / "linted.log"
    _record(monkeypatch, log, "_one")
    assert _run(site, "--jobs", "2") == serial
    rows = _by_pid(log)
    assert [pid for pid, _ in rows[:30]] == [os.getpid()] * 30
    assert os.getpid() not in {pid for pid, _ in rows[30:]}
    assert len(rows) == FILES


def test_a_settled_prefilter_ends_the_warm_up(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    site = _site(tmp_path / "site", copy_every=0)
    monkeypatch.setattr(gates.Gates, "settled", property(lambda _self: True))
    log = tmp_path / "linted.log"
    _record(monkeypatch, log, "_one")
    _run(site, "--jobs", "2")
    rows = _by_pid(log)
    assert rows[0][0] == os.getpid()
    assert os.getpid() not in {pid for pid, _ in rows[1:]}


def test_copy_among_docs_is_linted_once(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    site = _site(tmp_path / "site", copy_every=7)
    serial = _run(site, "--jobs", "1")
    log = tmp_path / "parsed.log"
    _record(monkeypatch, log, "check_text")
    assert _run(site, "--jobs", "2") == serial
    names = [name for _, name in _by_pid(log)]
    assert len(names) == len(set(names)), "a file was linted twice"
    assert {f"page{i:03d}.md" for i in range(0, FILES, 7)} <= set(names)


def test_a_warm_result_cache_forks_after_the_usual_few_files(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    site = _site(tmp_path / "site", copy_every=0)
    monkeypatch.delenv("CLAIMLINT_NO_RESULT_CACHE")
    monkeypatch.setenv("CLAIMLINT_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.setattr(gates.Gates, "settled", property(lambda _self: False))
    first = _run(site, "--jobs", "1")
    log = tmp_path / "linted.log"
    _record(monkeypatch, log, "_one")
    assert _run(site, "--jobs", "2") == first
    rows = _by_pid(log)
    assert [pid for pid, _ in rows[: parallel.WARM]] == [os.getpid()] * parallel.WARM
    assert os.getpid() not in {pid for pid, _ in rows[parallel.WARM :]}

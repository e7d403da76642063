"""The stderr progress bar: drawn only for people on a terminal, erased when done."""

from __future__ import annotations

import io
import sys
from pathlib import Path

import pytest

from claimlint.progress import ProgressBar, format_elapsed, wanted


class FakeTTY(io.StringIO):
    """A stream that claims to be a terminal."""

    def isatty(self) -> bool:
        return True


class Clock:
    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


def make_bar(stream: io.StringIO, clock: Clock, width: int = 60) -> ProgressBar:
    return ProgressBar(stream, delay=0.5, interval=0.1, clock=clock, width=lambda: width)


def test_wanted_only_for_people_on_a_terminal() -> None:
    assert wanted(FakeTTY(), "text", machine=False)
    assert wanted(FakeTTY(), "html", machine=False)
    assert not wanted(io.StringIO(), "text", machine=False)
    assert not wanted(FakeTTY(), "json", machine=True)
    assert not wanted(FakeTTY(), "sarif", machine=True)
    assert not wanted(FakeTTY(), "github", machine=False)
    assert not wanted(FakeTTY(), "text", machine=False, quiet=True)


def test_bar_shows_done_total_and_elapsed() -> None:
    stream, clock = FakeTTY(), Clock()
    bar = make_bar(stream, clock)
    clock.now += 65
    bar(120, 500)
    out = stream.getvalue()
    assert out.startswith("\r[")
    assert out.endswith("\x1b[K")
    assert " 120/500 files  24%  1:05" in out
    assert len(out.removeprefix("\r").removesuffix("\x1b[K")) <= 59


def test_bar_fills_proportionally() -> None:
    bar = make_bar(FakeTTY(), Clock(), width=60)
    empty, half, full = bar.line(0, 10, 0), bar.line(5, 10, 0), bar.line(10, 10, 0)
    assert empty.startswith("[>  ")
    assert half.count("=") == (len(half.split("]")[0]) - 1) // 2
    assert "]" in full
    assert " " not in full.split("]")[0]


def test_short_runs_stay_silent() -> None:
    stream, clock = FakeTTY(), Clock()
    bar = make_bar(stream, clock)
    clock.now += 0.2
    bar(1, 3)
    bar(3, 3)
    bar.close()
    assert stream.getvalue() == ""


def test_single_file_never_draws() -> None:
    stream, clock = FakeTTY(), Clock()
    bar = make_bar(stream, clock)
    clock.now += 5
    bar(1, 1)
    assert stream.getvalue() == ""


def test_redraws_are_throttled_but_the_last_file_draws() -> None:
    stream, clock = FakeTTY(), Clock()
    bar = make_bar(stream, clock)
    clock.now += 1
    bar(1, 100)
    bar(2, 100)
    clock.now += 0.05
    bar(3, 100)
    bar(100, 100)
    out = stream.getvalue()
    assert out.count("\r") == 2
    assert "  1/100" in out
    assert "100/100 files 100%" in out


def test_close_erases_the_line() -> None:
    stream, clock = FakeTTY(), Clock()
    bar = make_bar(stream, clock)
    clock.now += 1
    bar(1, 4)
    bar.close()
    assert stream.getvalue().endswith("\r\x1b[K")
    before = stream.getvalue()
    bar.close()
    assert stream.getvalue() == before


def test_narrow_terminal_drops_the_bar() -> None:
    bar = make_bar(FakeTTY(), Clock(), width=30)
    assert bar.line(3, 9, 0) == "3/9 files  33%  0:00"


@pytest.mark.parametrize(("seconds", "text"), [(0, "0:00"), (7.9, "0:07"), (754, "12:34"), (3723, "1:02:03")])
def test_format_elapsed(seconds: float, text: str) -> None:
    assert format_elapsed(seconds) == text


def _many_files(tmp_path: Path, n: int) -> str:
    folder = tmp_path / "site"
    folder.mkdir()
    for i in range(n):
        (folder / f"page{i:02d}.txt").write_text("It is safe and natural.\n", encoding="utf-8")
    return str(folder)


def test_cli_draws_bar_on_a_tty_and_erases_it(tmp_path: Path, rules_file, monkeypatch: pytest.MonkeyPatch) -> None:
    from claimlint import progress
    from claimlint.cli import main

    monkeypatch.setattr(progress, "DELAY_SECONDS", 0.0)
    monkeypatch.setattr(progress, "REDRAW_SECONDS", 0.0)
    err, out = FakeTTY(), io.StringIO()
    monkeypatch.setattr(sys, "stderr", err)
    monkeypatch.setattr(sys, "stdout", out)
    assert main(["check", _many_files(tmp_path, 12), "--rules", rules_file()]) == 1
    assert "12/12 files 100%" in err.getvalue()
    assert err.getvalue().endswith("\r\x1b[K")
    assert "\r" not in out.getvalue()


@pytest.mark.parametrize("fmt", ["json", "sarif", "github"])
def test_cli_machine_formats_stay_silent(tmp_path: Path, rules_file, monkeypatch: pytest.MonkeyPatch, fmt: str) -> None:
    from claimlint import progress
    from claimlint.cli import main

    monkeypatch.setattr(progress, "DELAY_SECONDS", 0.0)
    monkeypatch.setattr(progress, "REDRAW_SECONDS", 0.0)
    err = FakeTTY()
    monkeypatch.setattr(sys, "stderr", err)
    monkeypatch.setattr(sys, "stdout", io.StringIO())
    main(["check", _many_files(tmp_path, 5), "--rules", rules_file(), "--format", fmt])
    assert "files" not in err.getvalue()


def test_cli_without_tty_is_silent(tmp_path: Path, rules_file, monkeypatch: pytest.MonkeyPatch) -> None:
    from claimlint import progress
    from claimlint.cli import main

    monkeypatch.setattr(progress, "DELAY_SECONDS", 0.0)
    monkeypatch.setattr(progress, "REDRAW_SECONDS", 0.0)
    err = io.StringIO()
    monkeypatch.setattr(sys, "stderr", err)
    monkeypatch.setattr(sys, "stdout", io.StringIO())
    main(["check", _many_files(tmp_path, 5), "--rules", rules_file()])
    assert err.getvalue() == ""

"""atomic_write_bytes: the target is either untouched or fully replaced, and no temp file survives."""

from __future__ import annotations

import errno
import os
from pathlib import Path

import pytest

from claimlint import atomic
from claimlint.atomic import atomic_write_bytes, atomic_write_text

OLD = b"old content\r\n" * 100
NEW = b"new content\n" * 50


def _leftovers(folder: Path) -> list[str]:
    return [p.name for p in folder.iterdir() if p.name.startswith(atomic.TEMP_PREFIX)]


def test_replaces_and_keeps_mode(tmp_path: Path) -> None:
    path = tmp_path / "a.md"
    path.write_bytes(OLD)
    path.chmod(0o640)
    atomic_write_bytes(str(path), NEW)
    assert path.read_bytes() == NEW
    assert path.stat().st_mode & 0o777 == 0o640
    assert _leftovers(tmp_path) == []


def test_new_file_gets_umask_mode(tmp_path: Path) -> None:
    old = os.umask(0o027)
    try:
        atomic_write_text(str(tmp_path / "n.txt"), "é", encoding="latin-1")
    finally:
        os.umask(old)
    assert (tmp_path / "n.txt").read_bytes() == b"\xe9"
    assert (tmp_path / "n.txt").stat().st_mode & 0o777 == 0o640


def test_writes_through_a_symlink(tmp_path: Path) -> None:
    real = tmp_path / "real.md"
    real.write_bytes(OLD)
    link = tmp_path / "link.md"
    link.symlink_to(real)
    atomic_write_bytes(str(link), NEW)
    assert link.is_symlink()
    assert real.read_bytes() == NEW


def test_refuses_a_directory(tmp_path: Path) -> None:
    with pytest.raises(IsADirectoryError) as info:
        atomic_write_bytes(str(tmp_path), NEW)
    assert info.value.filename == str(tmp_path)
    assert _leftovers(tmp_path) == []


@pytest.mark.parametrize(
    ("target", "exc"),
    [
        ("write", OSError(errno.ENOSPC, "No space left on device")),
        ("fsync", OSError(errno.EIO, "Input/output error")),
        ("chmod", PermissionError(errno.EPERM, "Operation not permitted")),
        ("replace", PermissionError(errno.EACCES, "Permission denied")),
        ("fsync", KeyboardInterrupt()),
        ("replace", KeyboardInterrupt()),
    ],
)
def test_failure_leaves_original_and_no_temp(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, target: str, exc: BaseException
) -> None:
    path = tmp_path / "a.md"
    path.write_bytes(OLD)

    def fail(*_a: object, **_k: object) -> None:
        raise exc

    if target == "write":
        real_fdopen = os.fdopen

        class Full:
            def __init__(self, fd: int, mode: str) -> None:
                self.fh = real_fdopen(fd, mode)

            def __enter__(self) -> Full:
                return self

            def __exit__(self, *args: object) -> None:
                self.fh.close()

            def write(self, data: bytes) -> int:
                self.fh.write(data[: len(data) // 2])
                raise exc

        monkeypatch.setattr(atomic.os, "fdopen", Full)
    else:
        monkeypatch.setattr(atomic.os, target, fail)
    with pytest.raises(type(exc)):
        atomic_write_bytes(str(path), NEW)
    assert path.read_bytes() == OLD
    assert _leftovers(tmp_path) == []


def test_unwritable_folder_leaves_original(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "a.md"
    path.write_bytes(OLD)

    def denied(*_a: object, **_k: object) -> tuple[int, str]:
        raise PermissionError(errno.EACCES, "Permission denied", str(tmp_path))

    monkeypatch.setattr(atomic.tempfile, "mkstemp", denied)
    with pytest.raises(PermissionError):
        atomic_write_bytes(str(path), NEW)
    assert path.read_bytes() == OLD


def test_atomic_open_streams_and_replaces_on_success(tmp_path: Path) -> None:
    path = tmp_path / "report.json"
    path.write_bytes(OLD)
    with atomic.atomic_open(str(path)) as fh:
        fh.write("a\r\nb\né\n")
        assert path.read_bytes() == OLD
    assert path.read_bytes() == "a\r\nb\né\n".encode()
    assert _leftovers(tmp_path) == []


@pytest.mark.parametrize("exc", [RuntimeError("reporter failed"), KeyboardInterrupt()])
def test_atomic_open_keeps_the_original_when_the_block_fails(tmp_path: Path, exc: BaseException) -> None:
    path = tmp_path / "report.json"
    path.write_bytes(OLD)

    def write_then_fail() -> None:
        with atomic.atomic_open(str(path)) as fh:
            fh.write("partial")
            raise exc

    with pytest.raises(type(exc)):
        write_then_fail()
    assert path.read_bytes() == OLD
    assert _leftovers(tmp_path) == []

"""Atomic file writes: a temp file in the same folder, then ``os.replace``.

A crash, a full disk or Ctrl-C leaves the target either as it was or fully
written, never half-written, and the temp file is removed on any failure
(including KeyboardInterrupt). File mode is preserved, and a symlink is
written through to its target rather than replaced by a regular file, so
``--fix`` never silently breaks a link in a content repo.
"""

from __future__ import annotations

import contextlib
import errno
import os
import stat
import tempfile
from collections.abc import Iterator
from typing import IO

TEMP_PREFIX = ".claimlint-"
TEMP_SUFFIX = ".tmp"


def atomic_write_bytes(path: str, data: bytes) -> None:
    """Replace ``path`` with ``data`` atomically, keeping its permission bits.

    Raises OSError (with ``filename`` set to ``path``) when the target is a
    folder or cannot be written; the original file is then untouched.
    """
    with _replacing(path) as fd, os.fdopen(fd, "wb") as fh:
        fh.write(data)
        fh.flush()
        os.fsync(fh.fileno())


@contextlib.contextmanager
def atomic_open(path: str, encoding: str = "utf-8") -> Iterator[IO[str]]:
    """A text stream that replaces ``path`` atomically when the block ends without an exception.

    Reports are written through this rather than built in memory first: a
    report of a few hundred thousand findings is hundreds of megabytes.
    Newlines are written as given, exactly like :func:`atomic_write_text`.
    """
    with _replacing(path) as fd, os.fdopen(fd, "w", encoding=encoding, newline="") as fh:
        yield fh
        fh.flush()
        os.fsync(fh.fileno())


@contextlib.contextmanager
def _replacing(path: str) -> Iterator[int]:
    """A temp file next to ``path``'s real target; renamed over it on success, removed on any failure."""
    target = os.path.realpath(path)
    if os.path.isdir(target):
        raise IsADirectoryError(errno.EISDIR, "is a directory", path)
    mode = _mode_for(target)
    fd, tmp = tempfile.mkstemp(prefix=TEMP_PREFIX, suffix=TEMP_SUFFIX, dir=os.path.dirname(target))
    try:
        yield fd
        os.chmod(tmp, mode)
        os.replace(tmp, target)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise


def _mode_for(target: str) -> int:
    """The target's permission bits, or what a new file would get under the umask."""
    try:
        return stat.S_IMODE(os.stat(target).st_mode)
    except FileNotFoundError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask


def atomic_write_text(path: str, text: str, encoding: str = "utf-8") -> None:
    """Text variant of :func:`atomic_write_bytes`."""
    atomic_write_bytes(path, text.encode(encoding))

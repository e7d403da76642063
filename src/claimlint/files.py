"""Read a file's bytes and decode them without losing a character.

BOMs (UTF-8, UTF-16 LE/BE) are honoured and removed, so columns count from
the first visible character. Anything that is not valid UTF-8 is reported
with the offending byte and its offset in the file instead of being guessed
at, unless the caller names an encoding.

Only regular files are read: opening a FIFO or a device would block or never
end, which a pre-commit hook must not do. The file is opened non-blocking
and checked with ``fstat`` on the open descriptor, so a path swapped for a
FIFO between a check and the open cannot hang the run either.
"""

from __future__ import annotations

import codecs
import errno
import os
import stat
from dataclasses import dataclass

BOMS = (
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
#: Larger files are refused, not linted: no page of copy is this big, and linting
#: costs about 1 s and 22 MB of memory per MB of Markdown (scripts/stress.py).
MAX_FILE_BYTES = 32 * 1024 * 1024
#: Leading bytes of common binary formats that may hold no NUL early on.
MAGIC = (b"%PDF-", b"\x89PNG", b"\xff\xd8\xff", b"GIF8", b"PK\x03\x04", b"\x1f\x8b")
_SNIFF = 8192
_OPEN_FLAGS = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0)
_KINDS = (
    (stat.S_ISFIFO, "a FIFO"),
    (stat.S_ISSOCK, "a socket"),
    (stat.S_ISCHR, "a character device"),
    (stat.S_ISBLK, "a block device"),
)
_ERRNO_REASONS = {
    errno.EACCES: "permission denied",
    errno.EPERM: "permission denied",
    errno.ELOOP: "symlink loop",
    errno.EISDIR: "is a directory",
    errno.ENAMETOOLONG: "file name too long",
}


class ReadError(Exception):
    """A one-line reason a file could not be linted."""


class BinaryFile(ReadError):
    """The file looks binary (NUL bytes or a binary format's signature, no UTF-16 BOM)."""


@dataclass(frozen=True)
class Decoded:
    """Text plus what is needed to write it back byte-for-byte (``--fix``)."""

    text: str
    encoding: str
    bom: bytes


def read_bytes(path: str, limit: int = MAX_FILE_BYTES) -> bytes:
    """Read the regular file ``path`` (at most ``limit`` bytes), turning every failure into a ReadError."""
    try:
        fd = os.open(path, _OPEN_FLAGS)
    except OSError as exc:
        raise ReadError(_reason(path, exc)) from None
    try:
        with os.fdopen(fd, "rb") as fh:
            size = _check_kind(os.fstat(fh.fileno()), limit)
            data = fh.read(size + 1)
            if len(data) > size:
                data += fh.read(limit + 1 - len(data))
    except OSError as exc:
        raise ReadError(_reason(path, exc)) from None
    if len(data) > limit:
        raise ReadError(f"file is too large (over {limit} bytes)")
    return data


def _check_kind(st: os.stat_result, limit: int) -> int:
    """The file's size, after making sure it is a regular file within ``limit``.

    Reading exactly that much (plus one byte, to notice growth) matters: a
    read sized by ``limit`` allocates and frees 32 MB for every file.
    """
    mode = st.st_mode
    if stat.S_ISDIR(mode):
        raise ReadError("is a directory")
    for test, kind in _KINDS:
        if test(mode):
            raise ReadError(f"not a regular file ({kind})")
    if st.st_size > limit:
        raise ReadError(f"file is too large ({st.st_size} bytes; limit {limit})")
    return st.st_size


def _reason(path: str, exc: OSError) -> str:
    if exc.errno == errno.ENOENT:
        return "broken symlink" if os.path.islink(path) else "no such file"
    if exc.errno == errno.ENXIO:
        return _kind_of(path)
    reason = _ERRNO_REASONS.get(exc.errno or 0)
    if reason:
        return reason
    text = exc.strerror or str(exc)
    return text[:1].lower() + text[1:]


def _kind_of(path: str) -> str:
    """Why ``open`` said "no such device": a socket, or a device with no driver."""
    try:
        mode = os.stat(path).st_mode
    except OSError:
        mode = 0
    kind = next((kind for test, kind in _KINDS if test(mode)), "a special file")
    return f"not a regular file ({kind})"


def decode(data: bytes, encoding: str | None = None) -> Decoded:
    """Decode ``data``; raises ReadError/BinaryFile with a precise reason."""
    for bom, name in BOMS:
        if data.startswith(bom):
            return Decoded(_strict(data, name, len(bom)), name, bom)
    if encoding:
        return Decoded(_strict(data, encoding, 0, hint="check the encoding set in config"), encoding, b"")
    if b"\x00" in data[:_SNIFF]:
        raise BinaryFile("binary file (contains NUL bytes)")
    if data.startswith(MAGIC):
        raise BinaryFile("binary file (image, PDF or archive)")
    return Decoded(_strict(data, "utf-8", 0), "utf-8", b"")


def _strict(data: bytes, encoding: str, skip: int, hint: str = "set encoding in config") -> str:
    """Decode ``data[skip:]``; an error names the byte and its offset in the whole file."""
    try:
        return (data[skip:] if skip else data).decode(encoding)
    except UnicodeDecodeError as exc:
        offset = skip + exc.start
        byte = data[offset]
        raise ReadError(
            f"cannot decode as {_display(encoding)} (byte 0x{byte:02X} at offset {offset}); {hint}"
        ) from None
    except LookupError:
        raise ReadError(f"unknown text encoding {encoding!r}; {hint}") from None


def _display(encoding: str) -> str:
    try:
        name = codecs.lookup(encoding).name
    except LookupError:
        return encoding
    return {"utf-8": "UTF-8", "utf-16-le": "UTF-16-LE", "utf-16-be": "UTF-16-BE", "ascii": "ASCII"}.get(name, name)

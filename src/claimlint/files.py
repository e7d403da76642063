"""Read a file's bytes and decode them without losing a character.

BOMs (UTF-8, UTF-16 LE/BE) are honoured and removed, so columns count from
the first visible character. Anything that is not valid UTF-8 is reported
with the offending byte and offset instead of being guessed at, unless the
caller names an encoding.
"""

from __future__ import annotations

import codecs
import os
from dataclasses import dataclass

BOMS = (
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
MAX_FILE_BYTES = 256 * 1024 * 1024


class ReadError(Exception):
    """A one-line reason a file could not be linted."""


class BinaryFile(ReadError):
    """The file looks binary (it has NUL bytes and no UTF-16 BOM)."""


@dataclass(frozen=True)
class Decoded:
    """Text plus what is needed to write it back byte-for-byte (``--fix``)."""

    text: str
    encoding: str
    bom: bytes


def read_bytes(path: str) -> bytes:
    """Read ``path``, turning every OS failure into a ReadError."""
    try:
        if os.path.isdir(path):
            raise ReadError("is a directory")
        size = os.path.getsize(path)
        if size > MAX_FILE_BYTES:
            raise ReadError(f"file is too large ({size} bytes; limit {MAX_FILE_BYTES})")
        with open(path, "rb") as fh:
            return fh.read()
    except FileNotFoundError:
        kind = "broken symlink" if os.path.islink(path) else "no such file"
        raise ReadError(kind) from None
    except PermissionError:
        raise ReadError("permission denied") from None
    except OSError as exc:
        raise ReadError(exc.strerror or str(exc)) from None


def decode(data: bytes, encoding: str | None = None) -> Decoded:
    """Decode ``data``; raises ReadError/BinaryFile with a precise reason."""
    for bom, name in BOMS:
        if data.startswith(bom):
            return Decoded(_strict(data[len(bom) :], name), name, bom)
    if encoding:
        try:
            return Decoded(data.decode(encoding), encoding, b"")
        except (UnicodeDecodeError, LookupError) as exc:
            raise ReadError(f"cannot decode as {encoding}: {exc}") from None
    if b"\x00" in data[:8192]:
        raise BinaryFile("binary file (contains NUL bytes)")
    return Decoded(_strict(data, "utf-8"), "utf-8", b"")


def _strict(data: bytes, encoding: str) -> str:
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as exc:
        byte = data[exc.start]
        raise ReadError(
            f"cannot decode as {encoding.upper()} (byte 0x{byte:02X} at offset {exc.start}); "
            "set encoding in config"
        ) from None

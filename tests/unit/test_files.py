"""files.read_bytes / decode: every encoding decoded or refused with a precise one-line reason."""

from __future__ import annotations

import codecs
import errno
import os
import socket
from pathlib import Path

import pytest

from claimlint import files
from claimlint.files import BinaryFile, ReadError, decode, read_bytes

TEXT = "Ketamine: café — safe and natural\nline two\n"


@pytest.mark.parametrize(
    ("data", "encoding", "bom"),
    [
        (TEXT.encode("utf-8"), "utf-8", b""),
        (codecs.BOM_UTF8 + TEXT.encode("utf-8"), "utf-8", codecs.BOM_UTF8),
        (codecs.BOM_UTF16_LE + TEXT.encode("utf-16-le"), "utf-16-le", codecs.BOM_UTF16_LE),
        (codecs.BOM_UTF16_BE + TEXT.encode("utf-16-be"), "utf-16-be", codecs.BOM_UTF16_BE),
    ],
)
def test_boms_are_honoured_and_removed(data: bytes, encoding: str, bom: bytes) -> None:
    decoded = decode(data)
    assert (decoded.text, decoded.encoding, decoded.bom) == (TEXT, encoding, bom)


def test_latin1_is_refused_with_byte_and_offset() -> None:
    with pytest.raises(ReadError) as info:
        decode("café".encode("latin-1"))
    assert str(info.value) == "cannot decode as UTF-8 (byte 0xE9 at offset 3); set encoding in config"
    assert not isinstance(info.value, BinaryFile)


def test_offset_counts_the_bom() -> None:
    with pytest.raises(ReadError, match=r"byte 0xE9 at offset 6\)"):
        decode(codecs.BOM_UTF8 + b"caf\xe9")


def test_broken_utf16_is_refused_not_a_traceback() -> None:
    with pytest.raises(ReadError, match=r"cannot decode as UTF-16-LE \(byte 0x00 at offset 4\)"):
        decode(codecs.BOM_UTF16_LE + "ab".encode("utf-16-le")[:2] + b"\x00\xd8")


@pytest.mark.parametrize("encoding", ["latin-1", "cp1252"])
def test_named_encoding_decodes_single_byte_files(encoding: str) -> None:
    data = "“safe” café".encode("cp1252") if encoding == "cp1252" else "café".encode("latin-1")
    decoded = decode(data, encoding)
    assert decoded.text == data.decode(encoding)
    assert decoded.encoding == encoding


def test_named_encoding_that_does_not_fit_is_reported() -> None:
    with pytest.raises(ReadError) as info:
        decode("café".encode(), "ascii")
    assert str(info.value) == "cannot decode as ASCII (byte 0xC3 at offset 3); check the encoding set in config"


@pytest.mark.parametrize("codec", ["rot13", "base64", "zlib", "hex"])
def test_bytes_to_bytes_codecs_are_not_text_encodings(codec: str) -> None:
    """Regression: ``codecs.decode`` accepted these and raised odd errors (an internal error, exit 3)."""
    with pytest.raises(ReadError, match=f"unknown text encoding '{codec}'"):
        decode(b"abc", codec)


def test_unknown_encoding_is_reported() -> None:
    with pytest.raises(ReadError, match="unknown text encoding 'no-such-codec'"):
        decode(b"abc", "no-such-codec")


@pytest.mark.parametrize(
    "data",
    [
        b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR",
        b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n",
        b"GIF89a",
        b"text\x00more",
        b"\xff\xd8\xff\xe0",
    ],
)
def test_binary_files_are_recognised(data: bytes) -> None:
    with pytest.raises(BinaryFile):
        decode(data)


def test_empty_file_is_fine(tmp_path: Path) -> None:
    path = tmp_path / "empty.md"
    path.write_bytes(b"")
    assert decode(read_bytes(str(path))).text == ""


def test_fifo_is_refused_without_blocking(tmp_path: Path) -> None:
    path = tmp_path / "pipe.md"
    os.mkfifo(path)
    with pytest.raises(ReadError, match=r"^not a regular file \(a FIFO\)$"):
        read_bytes(str(path))


def test_socket_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "s.md"
    with socket.socket(socket.AF_UNIX) as sock:
        sock.bind(str(path))
        with pytest.raises(ReadError, match=r"not a regular file \(a socket\)"):
            read_bytes(str(path))


def test_character_device_is_refused() -> None:
    with pytest.raises(ReadError, match=r"not a regular file \(a character device\)"):
        read_bytes("/dev/zero")


@pytest.mark.parametrize(
    ("setup", "reason"),
    [
        (lambda p: p.mkdir(), "is a directory"),
        (lambda p: p.symlink_to(p.parent / "nowhere"), "broken symlink"),
        (lambda p: p.symlink_to(p), "symlink loop"),
        (lambda p: None, "no such file"),
    ],
)
def test_special_paths_have_one_line_reasons(tmp_path: Path, setup, reason: str) -> None:
    path = tmp_path / "x.md"
    setup(path)
    with pytest.raises(ReadError) as info:
        read_bytes(str(path))
    assert str(info.value) == reason


def test_permission_denied(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Root reads anything, so the kernel's EACCES is simulated at the os.open boundary."""
    path = tmp_path / "secret.md"
    path.write_text("x")

    def denied(*_a: object, **_k: object) -> int:
        raise PermissionError(errno.EACCES, "Permission denied", str(path))

    monkeypatch.setattr(files.os, "open", denied)
    with pytest.raises(ReadError, match=r"^permission denied$"):
        read_bytes(str(path))


def test_read_failure_after_open_is_reported(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "flaky.md"
    path.write_text("x")

    def eio(*_a: object, **_k: object) -> None:
        raise OSError(errno.EIO, "Input/output error")

    # Patch claimlint's own seam, not os.fstat: pytest itself calls os.fstat during a test.
    monkeypatch.setattr(files, "_check_kind", eio)
    with pytest.raises(ReadError, match=r"^input/output error$"):
        read_bytes(str(path))


def test_too_large_is_refused_by_size_and_by_read(tmp_path: Path) -> None:
    path = tmp_path / "big.md"
    path.write_bytes(b"a" * 100)
    with pytest.raises(ReadError, match=r"file is too large \(100 bytes; limit 10\)"):
        read_bytes(str(path), limit=10)
    assert read_bytes(str(path), limit=100) == b"a" * 100


def test_a_file_that_grew_after_fstat_is_read_whole_up_to_the_limit(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "growing.md"
    path.write_bytes(b"a" * 50)
    monkeypatch.setattr(files, "_check_kind", lambda _st, _limit: 10)
    assert read_bytes(str(path), limit=100) == b"a" * 50
    with pytest.raises(ReadError, match=r"file is too large \(over 20 bytes\)"):
        read_bytes(str(path), limit=20)

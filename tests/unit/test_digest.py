"""claimlint.digest: SHA-256 equal to hashlib's, without loading OpenSSL."""

from __future__ import annotations

import hashlib
import subprocess
import sys

import pytest

from claimlint import digest


@pytest.mark.parametrize("data", [b"", b"abc", "ketamine \u00e9".encode(), bytes(range(256)) * 40])
def test_same_digest_as_hashlib(data: bytes) -> None:
    assert digest.sha256(data).hexdigest() == hashlib.sha256(data).hexdigest()


def test_update_in_parts_matches_one_call() -> None:
    h = digest.sha256()
    h.update(b"claim")
    h.update(b"lint")
    assert h.digest() == hashlib.sha256(b"claimlint").digest()


def test_caching_modules_do_not_load_openssl() -> None:
    """The rule and result caches key on SHA-256; importing them must leave ``_hashlib`` (libcrypto) unloaded."""
    code = (
        "import sys\n"
        "import claimlint.cache, claimlint.regexcache, claimlint.resultcache, claimlint.fingerprint\n"
        "print('_hashlib' in sys.modules)\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"

"""SHA-256 without loading OpenSSL: the same digests as ``hashlib.sha256``, 3.5-4 MB less resident memory.

``import hashlib`` loads ``_hashlib`` and with it ``libcrypto``, whose
start-up alone leaves about 3.9 MB resident in every claimlint process (GNU
time, ``python -c 'import hashlib'`` against ``pass``: 17.2 vs 13.3 MB).
claimlint hashes only with SHA-256 (cache keys, result-cache entries,
finding fingerprints), and CPython ships it as a small built-in module of
its own: ``_sha256`` up to 3.11, ``_sha2`` from 3.12. Those compute the
same function, so every key and fingerprint stays what it was. A build
without them falls back to ``hashlib``.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from typing import Any

#: Built-in SHA-256 modules by Python version, newest first; ``hashlib`` is the fallback.
_MODULES = ("_sha2", "_sha256", "hashlib")


def _find() -> Callable[..., Any]:
    for name in _MODULES:
        try:
            found: Callable[..., Any] = importlib.import_module(name).sha256
        except (ImportError, AttributeError):
            continue
        return found
    raise ImportError("no SHA-256 implementation")  # pragma: no cover - hashlib always has one


#: ``sha256(data=b"")``: a hash object with ``update``, ``digest`` and ``hexdigest``, as ``hashlib.sha256``.
sha256 = _find()

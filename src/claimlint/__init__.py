"""claimlint: a pluggable linter for health-marketing claims.

``from claimlint import hookimpl`` is the marker plugins use; the types they
need live in :mod:`claimlint.api`.
"""

from __future__ import annotations

from typing import Any

__version__ = "0.1.0"
__all__ = ["__version__", "hookimpl"]


def __getattr__(name: str) -> Any:
    """Import pluggy only when a plugin asks for the marker (keeps start-up fast)."""
    if name == "hookimpl":
        from claimlint.hookspecs import hookimpl

        return hookimpl
    raise AttributeError(name)

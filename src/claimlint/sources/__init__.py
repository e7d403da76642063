"""Built-in source formats; each module exposes ``FORMAT``."""

from __future__ import annotations

from collections.abc import Iterator

from claimlint.api import SourceFormat

_MODULES = ("text", "markdown", "mdx", "html")


def FORMATS() -> Iterator[SourceFormat]:  # noqa: N802 - a registry accessor
    """Yield each built-in format (their parsers import lazily)."""
    from importlib import import_module

    for name in _MODULES:
        yield import_module(f"claimlint.sources.{name}").FORMAT

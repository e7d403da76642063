"""Compiled rule regexes on disk, so a run does not parse the same regex again every time.

``regex`` compiles a pattern in two steps: its Python parser turns the
pattern into a flat list of integer opcodes (plus group tables), then its C
extension builds the matcher from that list. The first step is nearly all
the cost: about a millisecond per rule regex, 0.15-0.2 s of CPU for the
~240 regexes a run over a docs corpus with a score of pages of copy
compiles, in every worker that meets them. A pattern object pickles only as
its source (and compiles again on load), so what is stored here is the
input of the second step, captured as ``regex`` hands it to its extension;
loading an entry calls the extension directly.

That input is private to ``regex``, so entries are keyed by the exact
``regex`` and Python versions (a new release never reads an old entry) and
by the pattern and flags, and the restored pattern must report the same
source and flags. Anything unexpected (a miss, a damaged entry, a ``regex``
that compiles differently) falls back to ``regex.compile``, which is what
:func:`claimlint.rulefile.compile_regex` does without this cache.

One small file per pattern (``regex-<key>.pickle`` in the cache folder):
a page reads only the entries it compiles, and workers write their own
misses without a shared index. The daily prune removes entries unused for a month.
"""

from __future__ import annotations

import pickle
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any

from claimlint import cache, rulefile
from claimlint.digest import sha256

if TYPE_CHECKING:
    import regex

#: Bump when the entry layout changes.
FORMAT = 1
PREFIX = "regex-"


def compile_cached(pattern: str, flags: int) -> regex.Pattern[str]:
    """``regex.compile(pattern, flags)``, served from the cache folder when it holds the pattern."""
    import regex

    path = cache.cache_dir() / f"{PREFIX}{_key(pattern, flags, regex.__version__)}.pickle"
    found = _load(path, pattern)
    if found is not None:
        cache.touch_if_old(path)
        return found
    compiled, args = _compile_recording(pattern, flags)
    data = _dumps(args)
    if data is not None:
        cache.write_atomically(path, data)
    return compiled


@contextmanager
def installed(enabled: bool = True) -> Iterator[None]:
    """Compile rule regexes through this cache for the duration (unless caching is off)."""
    if not enabled or not cache.enabled():
        yield
        return
    saved = rulefile.compiler
    rulefile.compiler = compile_cached
    try:
        yield
    finally:
        rulefile.compiler = saved


def _key(pattern: str, flags: int, version: str) -> str:
    parts = (FORMAT, version, sys.version_info[:3], sys.implementation.name, flags, pattern)
    return sha256(repr(parts).encode("utf-8", "surrogatepass")).hexdigest()[:32]


def _load(path: Any, pattern: str) -> regex.Pattern[str] | None:
    """The pattern rebuilt from its stored opcodes, or None (no entry, or not one for ``pattern``)."""
    try:
        with open(path, "rb") as fh:
            args = pickle.load(fh)
    except (OSError, EOFError, pickle.UnpicklingError, AttributeError, ImportError, TypeError, ValueError):
        return None
    if not isinstance(args, tuple) or not args or args[0] != pattern:
        return None
    from regex import _main

    try:  # the caller's ``pattern`` rather than the stored copy: the pattern object keeps its source for the run
        compiled: regex.Pattern[str] = _main._regex.compile(pattern, *args[1:])
    except Exception:  # noqa: BLE001 - a damaged entry is a miss, never an error
        return None
    return compiled if compiled.pattern == pattern else None


class _Recorder:
    """Stands in for ``regex``'s extension module during one compile and keeps what it was given."""

    def __init__(self, real: Any) -> None:
        self.real = real
        self.calls: list[tuple[Any, ...]] = []

    def __getattr__(self, name: str) -> Any:
        return getattr(self.real, name)

    def compile(self, *args: Any) -> Any:
        self.calls.append(args)
        return self.real.compile(*args)


def _compile_recording(pattern: str, flags: int) -> tuple[regex.Pattern[str], tuple[Any, ...] | None]:
    """Compile ``pattern`` and capture the extension's input (None if it was not one plain call)."""
    import regex
    from regex import _main

    real = getattr(_main, "_regex", None)
    if real is None or not hasattr(real, "compile"):
        return regex.compile(pattern, flags), None
    recorder = _Recorder(real)
    _main._regex = recorder
    try:
        compiled = regex.compile(pattern, flags, cache_pattern=False)
    finally:
        _main._regex = real
    calls = recorder.calls
    if len(calls) != 1 or not calls[0] or calls[0][0] != pattern:
        return compiled, None
    return compiled, calls[0]


def _dumps(args: tuple[Any, ...] | None) -> bytes | None:
    if args is None:
        return None
    try:
        return pickle.dumps(args, protocol=pickle.HIGHEST_PROTOCOL)
    except (pickle.PicklingError, TypeError, AttributeError):
        return None

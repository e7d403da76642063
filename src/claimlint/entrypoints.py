"""The installed ``claimlint`` entry points, remembered between runs.

Asking :mod:`importlib.metadata` costs more than linting a page: importing it
pulls in ``email``, ``csv`` and ``zipfile``, and the scan reads the metadata
of every installed distribution, all to learn (nearly always) that nothing
changed since the last run. So the scan's result is kept in the cache folder
(see :mod:`claimlint.cache`) next to a fingerprint of what it read: for every
``sys.path`` entry, the names of its ``*.dist-info``/``*.egg-info`` folders and
the size and mtime of each one's ``entry_points.txt``. Installing, removing or
upgrading a distribution adds, drops or renames such a folder, and editing an
``entry_points.txt`` changes its stat, so any of them triggers a fresh scan.
Only the scan is cached: every plugin module is still imported on each run.
"""

from __future__ import annotations

import os
import pickle
import re
import stat
import sys
import zlib
from functools import reduce
from importlib import import_module
from pathlib import Path
from typing import Any, NamedTuple

from claimlint import cache

FORMAT = 2
_METADATA = (".dist-info", ".egg-info")
#: The syntax of an entry point's value, as ``importlib.metadata.EntryPoint`` reads it.
_VALUE = re.compile(r"(?P<module>[\w.]+)\s*(:\s*(?P<attr>[\w.]+)\s*)?((?P<extras>\[.*\])\s*)?$")


class EntryPoint(NamedTuple):
    """One entry point of a group: enough to load it and to name it in messages.

    A NamedTuple rather than a dataclass: it is created at every start, and a
    dataclass compiles five generated methods where a NamedTuple compiles one.
    """

    name: str
    value: str
    dist: str
    version: str

    def load(self) -> Any:
        """Import the module and follow the attribute path, like ``importlib.metadata``."""
        match = _VALUE.match(self.value)
        if match is None:
            raise ValueError(f"malformed entry point value {self.value!r}")
        module = import_module(match.group("module"))
        return reduce(getattr, filter(None, (match.group("attr") or "").split(".")), module)


def discover(group: str, use_cache: bool = True) -> list[EntryPoint]:
    """The entry points of ``group``, sorted by name; from the cache while the fingerprint holds."""
    if not (use_cache and cache.enabled()):
        return scan(group)
    current = (FORMAT, group, fingerprint())
    path = cache.cache_dir() / f"entry-points-{zlib.crc32(repr((group, sys.path)).encode()):08x}.pickle"
    stored = _read(path)
    if stored is not None and stored[0] == current:
        return list(stored[1])
    found = scan(group)
    _write(path, (current, found))
    return found


def scan(group: str) -> list[EntryPoint]:
    """Ask :mod:`importlib.metadata` (slow: reads every distribution's metadata)."""
    from importlib.metadata import entry_points

    out = []
    for ep in sorted(entry_points(group=group), key=lambda e: e.name):
        dist = ep.dist
        name = dist.name if dist is not None else ""
        version = getattr(dist, "version", None) if dist is not None else None
        out.append(EntryPoint(ep.name, ep.value, name, version if isinstance(version, str) else ""))
    return out


def fingerprint() -> tuple[tuple[Any, ...], ...]:
    """What installing, removing, upgrading or editing a distribution's entry points changes."""
    parts: list[tuple[Any, ...]] = []
    for entry in sys.path:
        try:
            info = os.stat(entry or ".")
        except OSError:
            parts.append((entry,))
            continue
        if not stat.S_ISDIR(info.st_mode):
            parts.append((entry, info.st_size, info.st_mtime_ns))
            continue
        parts.append((entry, "dir"))
        parts.extend(_metadata_stats(entry or "."))
    return tuple(parts)


def _metadata_stats(folder: str) -> list[tuple[Any, ...]]:
    try:
        with os.scandir(folder) as found:
            names = sorted(d.name for d in found if d.name.endswith(_METADATA))
    except OSError:
        return [("unreadable",)]
    out: list[tuple[Any, ...]] = []
    for name in names:
        try:
            info = os.stat(os.path.join(folder, name, "entry_points.txt"))
        except OSError:
            out.append((name,))
            continue
        out.append((name, info.st_size, info.st_mtime_ns))
    return out


def _read(path: Path) -> tuple[Any, list[EntryPoint]] | None:
    try:
        with open(path, "rb") as fh:
            stored = pickle.load(fh)
    except (OSError, EOFError, pickle.UnpicklingError, AttributeError, ImportError, TypeError, ValueError):
        return None
    if not (isinstance(stored, tuple) and len(stored) == 2 and isinstance(stored[1], list)):
        return None
    return stored


def _write(path: Path, stored: tuple[Any, list[EntryPoint]]) -> None:
    cache.write_atomically(path, pickle.dumps(stored, protocol=pickle.HIGHEST_PROTOCOL))

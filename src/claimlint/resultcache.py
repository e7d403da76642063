"""Per-file lint results on disk, so a repeated CI or pre-commit run lints only what changed.

An entry holds what the engine produced for one file (its findings, before
any baseline filtering) and is named by a hash of everything that result
depends on: the file's path and bytes, the per-file settings, the loaded
rule set (the rule cache's own fingerprint: rules files, packs used, rule
types, plugins and their versions), claimlint's version plus a stat of its
own source files (an editable install changes code without changing its
version), and the run options that reach the engine. Inline directives are
part of the bytes, so they are covered too.

The file's bytes are always read and hashed: on the 3,096-file benchmark
corpus that costs about 50 ms of CPU, next to the engine's seconds, and
a stat key (size, mtime, inode) would have to distrust every file written
within the clock granule of the entry anyway. Content hashing cannot serve
a stale result.

Layout: one small file per entry under ``<cache dir>/results/``, named by
its key and written through a temporary file and ``os.replace``. Worker
processes read and write entries themselves, with no shared index to lock
or merge, and two runs writing one key write the same bytes. Measured on the
3,096-file corpus (CPU time, this machine): reading every entry costs about
40 ms against 5 ms for one packed file, and writing them 0.15-0.25 s against
4 ms. A pack is faster for a whole-corpus run, but a one-page run must read
all of it (1.5 MB for the dense corpus), every run must rewrite all of it,
and workers or concurrent pre-commit runs adding to it must merge under a
lock or lose entries; per-file entries were chosen for that. Entries are marshalled tuples of plain values,
with each finding's rule stored as its position in the run's rule list, so
a hit unpickles no ``Rule`` and reports the very objects a fresh lint would.

Reading is defensive: a missing, truncated or foreign entry is a miss.
Results that include a file problem (a rule timing out is one) are not
stored, since they need not repeat.
"""

from __future__ import annotations

import contextlib
import marshal
import os
import sys
import time
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from typing import Any

from claimlint import __version__
from claimlint.digest import sha256
from claimlint.model import Finding, Rule

#: Bump when the entry layout or what it stores changes.
FORMAT = 1
#: Set to anything but empty or ``0`` to lint every file afresh while still using the rule cache.
DISABLE_ENV = "CLAIMLINT_NO_RESULT_CACHE"
#: An entry used again is re-dated at most this often, so pruning sees it as used.
TOUCH_AFTER = 86400.0

Ref = int | str
Row = tuple[Ref, int, int, int, int, str, str, str, str, int, int]


def enabled() -> bool:
    """False when ``CLAIMLINT_NO_RESULT_CACHE`` is set to anything but empty or 0."""
    return os.environ.get(DISABLE_ENV, "") in ("", "0")


class Linker:
    """Turns a finding's rule into a small reference and back.

    Rules of the run are referred to by position in ``rules`` (a list fixed
    by the cache key), so a hit returns the same ``Rule`` objects a lint
    would. A rule not in the list (a suppression rule re-levelled for this
    file) is referred to by id and found again through ``by_id``.
    """

    def __init__(self, rules: Sequence[Rule], by_id: Callable[[], Mapping[str, Rule]]) -> None:
        self.rules = list(rules)
        self._index: dict[int, int] = {}
        for i, rule in enumerate(self.rules):
            self._index.setdefault(id(rule), i)
        self._by_id = by_id
        self._named: Mapping[str, Rule] | None = None

    def _named_rules(self) -> Mapping[str, Rule]:
        if self._named is None:
            self._named = self._by_id()
        return self._named

    def encode(self, rule: Rule) -> Ref | None:
        """The reference for ``rule``, or None when it could not be found again."""
        index = self._index.get(id(rule))
        if index is not None:
            return index
        return rule.id if self._named_rules().get(rule.id) == rule else None

    def decode(self, ref: Ref) -> Rule:
        """The rule ``ref`` names; raises LookupError or TypeError for a reference from elsewhere."""
        if isinstance(ref, int):
            return self.rules[ref]
        return self._named_rules()[ref]


class ResultCache:
    """Entries in one folder, all keyed with the same run-wide ``salt``."""

    def __init__(self, folder: Path, salt: str) -> None:
        self.folder = folder
        self.salt = salt.encode("utf-8")
        self._contexts: dict[int, tuple[Any, bytes | None]] = {}

    def key(self, path: str, data: bytes, context: bytes) -> str:
        """The entry name for ``data`` read from ``path`` and linted under ``context``."""
        h = sha256(self.salt)
        h.update(context)
        h.update(b"\0" + os.path.abspath(path).encode("utf-8", "surrogateescape") + b"\0")
        h.update(path.encode("utf-8", "surrogateescape") + b"\0")
        h.update(data)
        return h.hexdigest()[:40]

    def context(self, settings: Any, fingerprint: Callable[[Any], str | None]) -> bytes | None:
        """What the settings contribute to a key (memoised per settings object), or None if unusable."""
        memo = self._contexts.get(id(settings))
        if memo is not None and memo[0] is settings:
            return memo[1]
        rules = fingerprint(settings)
        value = None if rules is None else settings_digest(settings, rules)
        self._contexts[id(settings)] = (settings, value)
        return value

    def load(self, key: str, path: str, linker: Linker) -> list[Finding] | None:
        """The findings stored under ``key``, or None on any kind of miss."""
        entry = self.folder / key
        try:
            with open(entry, "rb") as fh:
                data = fh.read()
                mtime = os.fstat(fh.fileno()).st_mtime
            stored_format, rows = marshal.loads(data)
            if stored_format != FORMAT:
                return None
            findings = [_finding(path, row, linker) for row in rows]
        except (OSError, EOFError, ValueError, TypeError, LookupError):
            return None
        if time.time() - mtime > TOUCH_AFTER:
            with contextlib.suppress(OSError):
                os.utime(entry)
        return findings

    def store(self, key: str, findings: Sequence[Finding], linker: Linker) -> bool:
        """Write an entry for ``findings``; False (and nothing written) if a rule cannot be referred to."""
        rows = []
        for f in findings:
            ref = linker.encode(f.rule)
            if ref is None:
                return False
            rows.append(
                (ref, f.line, f.column, f.end_line, f.end_column, f.match, f.scope, f.sentence, f.note, f.start, f.end)
            )
        write_entry(self.folder / key, marshal.dumps((FORMAT, tuple(rows))))
        return True


def _finding(path: str, row: Row, linker: Linker) -> Finding:
    if len(row) != 11:
        raise ValueError("malformed entry")
    ref, line, column, end_line, end_column, match, scope, sentence, note, start, end = row
    return Finding(
        path, line, column, end_line, end_column, linker.decode(ref), match, scope, sentence, note, start, end
    )


def write_entry(path: Path, data: bytes) -> None:
    """Write one entry atomically into the (existing) results folder; on any failure, write nothing."""
    from claimlint import cache

    cache.write_atomically(path, data, make_folder=False)


def settings_digest(settings: Any, rules_fingerprint: str) -> bytes:
    """Every setting that can change a file's findings, plus the rule set's fingerprint.

    Settings that only choose which files are linted, or what fails the run
    (include/exclude, fail-on, baseline), are left out; all the others are in,
    including ``root``, which the per-file globs are relative to.
    """
    parts = (
        rules_fingerprint,
        settings.rules_key(),
        sorted((glob, tuple(ids)) for glob, ids in settings.per_file_ignores.items()),
        sorted(settings.formats.items()),
        sorted(settings.encoding.items()),
        settings.require_reasons,
        settings.root,
    )
    return sha256(repr(parts).encode("utf-8", "surrogateescape")).digest()


def file_context(settings_part: bytes, fmt: str, ignored: Sequence[str], encoding: str | None) -> bytes:
    """A file's resolved settings, joined to its settings' digest."""
    return settings_part + repr((fmt, tuple(ignored), encoding)).encode("utf-8", "surrogateescape")


def run_salt(plugins: Sequence[Any], prefilter: bool) -> str:
    """The run-wide part of every key: versions, claimlint's code, and engine options."""
    from claimlint.engine import FOCUS_ENV

    parts = (FORMAT, __version__, sys.version, code_stamp(), sorted(plugins), prefilter, os.environ.get(FOCUS_ENV))
    return sha256(repr(parts).encode("utf-8")).hexdigest()


_STAMP: list[str] = []


def code_stamp() -> str:
    """Size and mtime of every file in the claimlint package, hashed (once per process).

    An editable install, or a patched one, changes what the engine does
    without changing ``__version__``; cached results must not outlive that.
    """
    if not _STAMP:
        root = Path(__file__).parent
        h = sha256()
        for folder, dirs, files in os.walk(root):
            dirs[:] = sorted(d for d in dirs if d != "__pycache__")
            for name in sorted(f for f in files if f.endswith((".py", ".yaml"))):
                path = os.path.join(folder, name)
                st = os.stat(path)
                h.update(f"{os.path.relpath(path, root)}\0{st.st_size}\0{st.st_mtime_ns}\n".encode())
        _STAMP.append(h.hexdigest())
    return _STAMP[0]


def open_cache(plugins: Sequence[Any], prefilter: bool) -> ResultCache | None:
    """The result cache for a run, or None when caching is off or its folder cannot be made."""
    from claimlint import cache

    if not (cache.enabled() and enabled()):
        return None
    folder = cache.cache_dir() / cache.RESULTS
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError:
        return None
    return ResultCache(folder, run_salt(plugins, prefilter))

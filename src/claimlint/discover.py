"""Turn command-line paths into the files to lint, each with its format name.

Folders are walked in sorted order (so output is deterministic). ``.git``,
``node_modules`` and virtualenvs are skipped, as is whatever ``.gitignore``
files ignore (with pathspec's git-compatible matcher). Files named
explicitly are always linted.
"""

from __future__ import annotations

import os
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass

SKIP_DIRS = frozenset({".git", ".hg", ".svn", "node_modules", "__pycache__", ".venv", "venv", ".tox", ".nox"})


@dataclass(frozen=True)
class Target:
    """One file to lint. ``explicit`` is True when named on the command line."""

    path: str
    format: str
    explicit: bool
    stdin: bool = False


def format_for(path: str, extensions: Mapping[str, str]) -> str | None:
    """The format whose extension ends ``path`` (longest extension wins)."""
    lower = path.lower()
    best = None
    for ext, fmt in extensions.items():
        if lower.endswith(ext) and (best is None or len(ext) > len(best[0])):
            best = (ext, fmt)
    return best[1] if best else None


def iter_targets(
    paths: Sequence[str],
    extensions: Mapping[str, str],
    exclude: object | None = None,
) -> Iterator[Target | tuple[str, str]]:
    """Yield Targets, or ``(path, problem)`` for a path that does not exist or a folder that cannot be read.

    ``exclude`` is an optional callable ``(path, is_dir) -> bool`` from config.
    """
    excluded = exclude if callable(exclude) else (lambda _p, _d: False)
    for path in paths:
        if os.path.isdir(path):
            yield from _walk(path, extensions, excluded)
        elif os.path.lexists(path):
            yield Target(path, format_for(path, extensions) or "", True)
        else:
            yield (path, "no such file or directory")


def _walk(root: str, extensions: Mapping[str, str], excluded: object) -> Iterator[Target | tuple[str, str]]:
    ignores: list[tuple[str, object]] = []
    seen: set[tuple[int, int]] = set()
    errors: list[OSError] = []
    for dirpath, dirnames, filenames in os.walk(root, onerror=errors.append, followlinks=False):
        yield from _folder_problems(errors)
        try:
            st = os.stat(dirpath)
            key = (st.st_dev, st.st_ino)
        except OSError:
            continue
        if key in seen:
            dirnames[:] = []
            continue
        seen.add(key)
        spec = _gitignore(dirpath)
        if spec is not None:
            ignores.append((dirpath, spec))
        active = [(base, s) for base, s in ignores if _under(dirpath, base)]
        dirnames[:] = sorted(
            d for d in dirnames if _keep_dir(dirpath, d, active) and not excluded(_rel(os.path.join(dirpath, d)), True)  # type: ignore[operator]
        )
        for name in sorted(filenames):
            full = os.path.join(dirpath, name)
            fmt = format_for(name, extensions)
            if fmt is None or _ignored(full, active, False) or excluded(_rel(full), False):  # type: ignore[operator]
                continue
            yield Target(_rel(full), fmt, False)
    yield from _folder_problems(errors)


def _folder_problems(errors: list[OSError]) -> Iterator[tuple[str, str]]:
    """Folders os.walk could not list: reported, because their files would otherwise go unlinted silently."""
    while errors:
        exc = errors.pop(0)
        reason = (exc.strerror or str(exc)).lower()
        yield (_rel(str(exc.filename)), f"cannot read folder: {reason}")


def _rel(path: str) -> str:
    return path[2:] if path.startswith("./") else path


def _under(path: str, base: str) -> bool:
    return path == base or path.startswith(base.rstrip(os.sep) + os.sep)


def _keep_dir(dirpath: str, name: str, active: list[tuple[str, object]]) -> bool:
    if name in SKIP_DIRS:
        return False
    full = os.path.join(dirpath, name)
    if os.path.exists(os.path.join(full, "pyvenv.cfg")):
        return False
    return not _ignored(full, active, True)


def _ignored(full: str, active: list[tuple[str, object]], is_dir: bool) -> bool:
    for base, spec in active:
        rel = os.path.relpath(full, base).replace(os.sep, "/")
        if is_dir:
            rel += "/"
        if spec.match_file(rel):  # type: ignore[attr-defined]
            return True
    return False


def _gitignore(dirpath: str) -> object | None:
    path = os.path.join(dirpath, ".gitignore")
    if not os.path.isfile(path):
        return None
    import pathspec

    try:
        with open(path, encoding="utf-8", errors="replace") as fh:
            return pathspec.GitIgnoreSpec.from_lines(fh.read().splitlines())
    except OSError:
        return None

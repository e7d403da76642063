"""On-disk cache of validated rule sets, so a pre-commit run skips YAML and regex validation.

Loading the default pack means parsing its YAML with positions and compiling
every regex once to report a bad one at ``file:line:col``: about a fifth of a
second, which is most of what a one-file ``claimlint check`` costs. The
result depends only on the rule texts, the rule types that validate them
and the versions involved, so it is pickled under a hash of exactly those.
Each entry also records a hash of every file the load read, checked again
before the entry is used, so an edited rules file is never served stale.

The cache lives in ``$CLAIMLINT_CACHE_DIR``, else ``$XDG_CACHE_HOME/claimlint``,
else ``~/.cache/claimlint``. ``--no-cache`` or ``CLAIMLINT_NO_CACHE=1`` turn it
off; any failure to read or write it just means loading as usual.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import pickle
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

from claimlint import __version__, literals

FORMAT = 3


def cache_dir() -> Path:
    """Where cache files go (not created here)."""
    explicit = os.environ.get("CLAIMLINT_CACHE_DIR")
    if explicit:
        return Path(explicit)
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "claimlint"


def enabled() -> bool:
    """False when ``CLAIMLINT_NO_CACHE`` is set to anything but empty or 0."""
    return os.environ.get("CLAIMLINT_NO_CACHE", "") in ("", "0")


def cached_ruleset(settings: Any, registry: Any, load: Callable[[Any, Any], Any]) -> Any:
    """``load(settings, registry)``, served from the cache when nothing it read has changed."""
    key = _key(settings, registry)
    if key is None:
        return load(settings, registry)
    path = cache_dir() / f"rules-{key}.pickle"
    hit = _read(path)
    if hit is not None:
        ruleset, table = hit
        literals.remember(table)
        return ruleset
    ruleset = load(settings, registry)
    _write(path, (ruleset, _literal_table(ruleset)))
    return ruleset


def _literal_table(ruleset: Any) -> dict[str, Any]:
    """Required literals of every string list in the rules' params (regexes and phrases alike)."""
    table: dict[str, Any] = {}
    for rule in ruleset.rules:
        for value in rule.params.values():
            if isinstance(value, (list, tuple)):
                for item in value:
                    if isinstance(item, str) and item not in table:
                        table[item] = literals.bounded_literals(item)
    return table


def _digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _key(settings: Any, registry: Any) -> str | None:
    """A hash of everything a load depends on, or None if a rules file cannot be read.

    Packs count only when used: named in ``extends`` or mentioned in a rules
    file (which may extend them), so editing one pack keeps the others cached.
    """
    import regex

    h = hashlib.sha256()
    for part in (FORMAT, __version__, regex.__version__, sys.version, settings.extends, settings.rule_files):
        h.update(repr(part).encode("utf-8"))
    h.update(repr(sorted(registry.plugins)).encode("utf-8"))
    for name in sorted(registry.rule_types):
        keys = registry.rule_types[name].keys
        h.update(repr((name, sorted((k, v.kind, v.required) for k, v in keys.items()))).encode("utf-8"))
    texts = []
    for path in settings.rule_files:
        try:
            texts.append(Path(path).read_bytes())
        except OSError:
            return None
    for name in sorted(registry.packs):
        if name in settings.extends or any(name.encode("utf-8") in text for text in texts):
            h.update(name.encode("utf-8"))
            h.update(registry.packs[name].load_text().encode("utf-8", "surrogatepass"))
    for text in texts:
        h.update(text)
    return h.hexdigest()[:32]


def _read(path: Path) -> tuple[Any, dict[str, Any]] | None:
    try:
        with open(path, "rb") as fh:
            files, entry = pickle.load(fh)
    except (OSError, EOFError, pickle.UnpicklingError, AttributeError, ImportError, TypeError, ValueError):
        return None
    for name, digest in files:
        try:
            if _digest(Path(name).read_bytes()) != digest:
                return None
        except OSError:
            return None
    return entry


def _write(path: Path, entry: tuple[Any, dict[str, Any]]) -> None:
    files = []
    for name in entry[0].files:
        try:
            files.append((name, _digest(Path(name).read_bytes())))
        except OSError:
            continue
    import tempfile

    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".rules-", suffix=".tmp")
    except OSError:
        return
    try:
        with os.fdopen(fd, "wb") as fh:
            pickle.dump((files, entry), fh, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(tmp, path)
    except (OSError, pickle.PicklingError, TypeError, AttributeError):
        with contextlib.suppress(OSError):
            os.unlink(tmp)

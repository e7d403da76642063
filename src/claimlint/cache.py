"""On-disk cache of validated rule sets, so a pre-commit run skips YAML and regex validation.

Loading the default pack means parsing its YAML with positions and compiling
every regex once to report a bad one at ``file:line:col``: about a fifth of a
second, which is most of what a one-file ``claimlint check`` costs. The
result depends only on the rule texts, the rule types that validate them
and the versions involved, so it is pickled under a hash of exactly those.
Each entry also records a hash of every file the load read, checked again
before the entry is used, so an edited rules file is never served stale.

Compiled ``regex`` patterns cannot be stored (they pickle as their source and
recompile on load), so rules compile their regexes only when they first run.
What *can* be stored is what the prefilter derives from each regex by parsing
it: its required words, its RE2 over-approximation and its anchors. These
tables ride along, so a warm run parses no regex at all.

The cache lives in ``$CLAIMLINT_CACHE_DIR``, else ``$XDG_CACHE_HOME/claimlint``,
else ``~/.cache/claimlint``. ``--no-cache`` or ``CLAIMLINT_NO_CACHE=1`` turn it
off; any failure to read or write it just means loading as usual.

The folder also holds what runs derive from the patterns beyond that (the
rewritten rule filters, the engine's own regexes' words: :func:`open_derived`),
the plugin scan (:mod:`claimlint.entrypoints`), compiled
rule regexes (:mod:`claimlint.regexcache`), the case-folding tables of a
``regex`` release claimlint does not ship them for (:mod:`claimlint.casefold`) and the per-file
results (:mod:`claimlint.resultcache`). Entries are re-dated when
used (at most daily), and at most once a day a run deletes the ones unused
for ``MAX_AGE`` (other versions', edited rules', edited pages'), so the
folder does not grow forever; ``claimlint clean`` empties it.
"""

from __future__ import annotations

import contextlib
import os
import pickle
import re
import sys
import time
from collections.abc import Callable, Iterator, Mapping
from pathlib import Path
from types import MappingProxyType
from typing import Any

from claimlint import __version__, casefold, literals, multisearch, re2filter
from claimlint.digest import sha256
from claimlint.rulefile import COMMON_KEYS
from claimlint.ruletypes import anchors, classifier

FORMAT = 13
#: Cache files unused for this long are deleted by the daily prune.
MAX_AGE = 30 * 86400.0
#: Seconds between prunes, and the age after which a leftover temporary file is deleted.
PRUNE_EVERY = 86400.0
PRUNE_MARKER = ".last-prune"
RESULTS = "results"


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
    key = fingerprint(settings, registry)
    if key is None:
        return load(settings, registry)
    path = cache_dir() / f"rules-{key}.pickle"
    hit = _read(path)
    if hit is not None:
        touch_if_old(path)
        ruleset, words, derived = hit
        literals.remember(words)
        re2filter.remember({p: translation for p, (translation, _atoms) in derived.items()})
        anchors.remember({p: atoms for p, (_translation, atoms) in derived.items()})
    else:
        ruleset = load(settings, registry)
        pool = _rule_strings(ruleset)
        words, derived = pooled(_literal_table(ruleset), pool), pooled(_regex_table(ruleset, registry), pool)
        _write(path, (ruleset, words, derived))
    open_derived(key, {"literals": frozenset(words), "translations": frozenset(derived)})
    return ruleset


class _DerivedFile:
    """The run's store of what was derived from patterns, and the table sizes it was last in step with."""

    path: Path | None = None
    sizes: tuple[int, ...] = ()
    #: Patterns whose entries the rule set's own cache file holds, by table (not stored again).
    base: Mapping[str, frozenset[str]] = MappingProxyType({})


_DERIVED = _DerivedFile()
#: What each stored table may hold, by name: its values' types (keys are patterns or translations).
_DERIVED_TYPES: dict[str, tuple[type, ...]] = {
    "literals": (frozenset, type(None)),
    "translations": (str, type(None)),
    "gapless": (str,),
    "bytes": (str, type(None)),
    "vocabulary": (type(None),),
    "models": (tuple,),
}


def _derived_tables() -> dict[str, dict[str, Any]]:
    vocabulary = dict.fromkeys(multisearch.vocabulary_words())
    models = dict(classifier.checked_models())
    return {"literals": literals.known(), **re2filter.tables(), "vocabulary": vocabulary, "models": models}


def _derived_sizes() -> tuple[int, ...]:
    """How much each table holds, and which models were found valid (checked after every item a worker lints)."""
    sizes = [len(literals.known()), *(len(table) for table in re2filter.tables().values())]
    return (*sizes, multisearch.vocabulary_size(), hash(frozenset(classifier.checked_models().items())))


def open_derived(key: str, base: Mapping[str, frozenset[str]]) -> None:
    """Load what earlier runs derived from the patterns of rule set ``key`` (once per process and file).

    The rule cache stores each rule regex's words and translation, but the
    rule filters are rewritten from joined translations
    (:func:`claimlint.re2filter.without_gaps`, :func:`~claimlint.re2filter.utf8_bytes`)
    and the engine's own regexes (voice, mentions) are parsed for their
    words as they are first used: about 0.3 s of CPU per run and per worker
    on a docs corpus, all pure functions of the patterns. The word index's
    vocabulary is stored too, so its Set is built once
    (:func:`claimlint.multisearch.seed_vocabulary`), and so are the model
    files the classifier rules found valid, so a run whose pages never reach
    the classifier does not read its model
    (:func:`claimlint.ruletypes.classifier.model_info`). So those tables
    are kept in a ``derived-`` file beside the rule set's, keyed by the rule
    set's fingerprint and the code that derives them, and
    :func:`save_derived` adds what a run derived anew. ``base`` names the
    patterns whose entries the rule set's own file holds: not stored twice.
    """
    path = cache_dir() / f"derived-{_digest(f'{key}:{_deriver_stamp()}'.encode())[:32]}.pickle"
    if path == _DERIVED.path:
        return
    _DERIVED.base = base
    _DERIVED.path = path
    stored = _read_derived(path)
    if stored is not None:
        literals.remember(stored["literals"])
        re2filter.remember_tables(stored)
        multisearch.seed_vocabulary(stored["vocabulary"])
        classifier.remember_models(stored["models"])
    _DERIVED.sizes = _derived_sizes()


def save_derived() -> None:
    """Store the derived tables if this process added to them since they were loaded or stored.

    Merged with what the file holds now, since workers and concurrent runs
    write it too; the rename is atomic, and an entry lost to a race is
    derived again by a later run.
    """
    path = _DERIVED.path
    if path is None or _derived_sizes() == _DERIVED.sizes:
        return
    merged = {
        name: {k: v for k, v in table.items() if k not in _DERIVED.base.get(name, ())}
        for name, table in _derived_tables().items()
    }
    stored = _read_derived(path)
    for name, table in (stored or {}).items():
        merged[name] = {**table, **merged[name]}
    try:
        data = pickle.dumps(pooled(merged, {}), protocol=pickle.HIGHEST_PROTOCOL)
    except (pickle.PicklingError, TypeError, AttributeError, RecursionError):
        return
    write_atomically(path, data)
    _DERIVED.sizes = _derived_sizes()


def _read_derived(path: Path) -> dict[str, dict[str, Any]] | None:
    """The stored tables, or None if the file is missing, damaged or holds anything unexpected.

    Every entry is type-checked before any is used: a bad entry must cost a
    recomputation, never a wrong filter.
    """
    try:
        with open(path, "rb") as fh:
            stored = pickle.load(fh)
    except Exception:  # noqa: BLE001 - any unreadable or damaged file is a miss
        return None
    if not isinstance(stored, dict) or set(stored) != set(_DERIVED_TYPES):
        return None
    for name, allowed in _DERIVED_TYPES.items():
        table = stored[name]
        if not isinstance(table, dict) or not all(type(k) is str and isinstance(v, allowed) for k, v in table.items()):
            return None
    words = (w for v in stored["literals"].values() if v for w in v)
    if not all(type(w) is str for w in words):
        return None
    return stored if all(map(_model_entry, stored["models"].values())) else None


def _model_entry(value: object) -> bool:
    """Whether ``value`` is a checked model's ``(mtime_ns, size, head names, threshold or None)``."""
    if not isinstance(value, tuple) or len(value) != 4:
        return False
    mtime, size, heads, threshold = value
    if threshold is not None and type(threshold) is not float:
        return False
    return type(mtime) is int and type(size) is int and type(heads) is tuple and all(type(h) is str for h in heads)


def _deriver_stamp() -> str:
    """Size and mtime of the modules that derive the stored tables: an edited one must not read old entries."""
    parts = []
    for module in (literals, re2filter, classifier):
        try:
            st = os.stat(str(module.__file__))
        except (OSError, TypeError):
            return "unknown"
        parts.append(f"{st.st_size}:{st.st_mtime_ns}")
    return ",".join(parts)


def _rule_strings(ruleset: Any) -> dict[str, str]:
    """The string items of the rules' list params, each by itself: the tables' keys are these objects."""
    pool: dict[str, str] = {}
    for rule in ruleset.rules:
        for value in (*rule.params.values(), _page_patterns(rule)):
            if isinstance(value, (list, tuple)):
                for item in value:
                    if isinstance(item, str):
                        pool.setdefault(item, item)
    return pool


def pooled(value: Any, pool: dict[str, str]) -> Any:
    """``value`` (nested dicts, tuples and frozensets) holding one object for each distinct string.

    Pickle stores an object once however often it is referred to, and loads
    it once, so a table written this way comes back with its strings shared:
    the rules' regexes hold the same words and translation pieces many times
    over (9,226 word strings in the default pack's table, 5,099 distinct;
    about 0.5 MB less resident after loading the rule cache and its derived
    tables). The values are equal, so readers see no difference.
    """
    kind = type(value)
    if kind is str:
        return pool.setdefault(value, value)
    if kind is dict:
        return {pooled(k, pool): pooled(v, pool) for k, v in value.items()}
    if kind is tuple or kind is frozenset:
        return kind(pooled(v, pool) for v in value)
    return value


def _literal_table(ruleset: Any) -> dict[str, Any]:
    """Required literals of every string list in the rules' params (regexes and phrases alike)."""
    table: dict[str, Any] = {}
    for rule in ruleset.rules:
        for value in (*rule.params.values(), _page_patterns(rule)):
            if isinstance(value, (list, tuple)):
                for item in value:
                    if isinstance(item, str) and item not in table:
                        table[item] = literals.bounded_literals(item)
    return table


def _page_patterns(rule: Any) -> tuple[str, ...]:
    """The regexes of the page conditions ``rule`` skips.

    Every rule of the default pack asks whether a page is ``unsold``, even a
    two-paragraph page, so a warm run must find them derived like the rules' own.
    """
    return tuple(p for c in rule.params.get("skip_pages") or () for p in (*c.any, *c.unless))


def _regex_table(ruleset: Any, registry: Any) -> dict[str, tuple[str | None, Any]]:
    """Every rule regex's RE2 over-approximation and anchors, so a warm run parses none.

    Only keys a rule type declares as ``regex-list`` (plus the common
    ``when``/``context``/``unless``) hold regexes; phrases are left alone.
    """
    table: dict[str, tuple[str | None, Any]] = {}
    for rule in ruleset.rules:
        rule_type = registry.rule_types.get(rule.type)
        keys = dict(rule_type.keys) if rule_type is not None else {}
        for key, value in rule.params.items():
            spec = keys.get(key) or COMMON_KEYS.get(key)
            if spec is not None and spec.kind == "regex-list" and isinstance(value, (list, tuple)):
                for item in value:
                    if isinstance(item, str) and item not in table:
                        table[item] = (re2filter.to_re2(item), anchors.pattern_atoms(item))
        for item in _page_patterns(rule):
            if item not in table:
                table[item] = (re2filter.to_re2(item), anchors.pattern_atoms(item))
    return table


def _digest(data: bytes) -> str:
    return sha256(data).hexdigest()


def fingerprint(settings: Any, registry: Any) -> str | None:
    """A hash of everything a load depends on, or None if a rules file cannot be read.

    The result cache keys on it too: the same rule set gives the same findings.

    Packs count only when used: named in ``extends`` or mentioned in a rules
    file (which may extend them), so editing one pack keeps the others cached.
    """
    h = sha256()
    for part in (FORMAT, __version__, _regex_version(), sys.version, settings.extends, settings.rule_files):
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
    keys = _file_keys(registry)
    for name in sorted(registry.packs):
        if name in settings.extends or any(name.encode("utf-8") in text for text in texts):
            pack = registry.packs[name]
            data = pack.load_text().encode("utf-8", "surrogatepass")
            h.update(name.encode("utf-8"))
            h.update(data)
            h.update(_named_files(data, Path(pack.origin).parent, keys))
    for path, text in zip(settings.rule_files, texts, strict=True):
        h.update(text)
        h.update(_named_files(text, Path(path).parent, keys))
    return h.hexdigest()[:32]


def _file_keys(registry: Any) -> list[str]:
    """Names of the rule keys that hold a file path (``Key`` kind ``file``: a classifier's ``model``)."""
    return sorted({k for rt in registry.rule_types.values() for k, spec in rt.keys.items() if spec.kind == "file"})


def _named_files(text: bytes, base: Path, keys: list[str]) -> bytes:
    """Digests of the files a rules text names under a ``file`` key, so editing one changes the fingerprint.

    Found by searching for ``key:`` and matching only the lines that hold it,
    not with a YAML parse nor a regex over the whole text (over the default
    pack that cost 7 ms a run); a line that only looks like such a key adds
    a harmless digest. A missing file hashes as missing, so creating it
    changes the key. Each file is read and hashed once however many rules
    name it: the default pack's eight classifier heads share one model of
    about 1 MB, and hashing it eight times cost some 20 ms of every start-up.
    """
    out = []
    seen: dict[Path, bytes] = {}
    for key in keys:
        needle = key.encode("utf-8") + b":"
        line = re.compile(rb"[ \t-]*" + re.escape(needle) + rb"[ \t]*['\"]?([^'\"#\r\n]+?)['\"]?[ \t]*(?:#.*)?\r?")
        pos = text.find(needle)
        while pos >= 0:
            start = text.rfind(b"\n", 0, pos) + 1
            end = text.find(b"\n", pos)
            found = line.fullmatch(text, start, len(text) if end < 0 else end)
            if found:
                path = base / found.group(1).decode("utf-8", "replace")
                if path not in seen:
                    seen[path] = _file_digest(path)
                out.append(seen[path])
            pos = text.find(needle, pos + 1)
    return b"".join(out)


def _file_digest(path: Path) -> bytes:
    try:
        return _digest(path.read_bytes()).encode("ascii")
    except OSError:
        return b"missing:" + bytes(path)


def casefold_tables(key: str) -> casefold.Tables:
    """The case-folding tables of ``regex`` and Python versions ``key``, derived once per machine.

    Installed as :data:`claimlint.casefold.provider`: deriving them costs a
    quarter to half a second, so a ``regex`` release claimlint does not ship
    tables for pays it on its first run only.
    """
    import json

    if not enabled():
        return casefold.derive()
    digest = sha256(f"{casefold.FORMAT}|{key}".encode()).hexdigest()[:32]
    path = cache_dir() / f"casefold-{digest}.json"
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        data = None
    found = casefold.decode(data.get("tables")) if isinstance(data, dict) and data.get("key") == key else None
    if found is not None:
        touch_if_old(path)
        return found
    found = casefold.derive()
    text = json.dumps({"key": key, "tables": casefold.encode(found)}, ensure_ascii=True)
    write_atomically(path, text.encode("ascii"))
    return found


casefold.provider = casefold_tables


def _regex_version() -> str:
    """The installed ``regex`` module's version, read without importing it (:func:`casefold.regex_version`)."""
    return casefold.regex_version()


def _read(path: Path) -> tuple[Any, dict[str, Any], dict[str, tuple[str | None, Any]]] | None:
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


def _write(path: Path, entry: tuple[Any, dict[str, Any], dict[str, tuple[str | None, Any]]]) -> None:
    files = []
    for name in entry[0].files:
        try:
            files.append((name, _digest(Path(name).read_bytes())))
        except OSError:
            continue
    try:
        data = pickle.dumps((files, entry), protocol=pickle.HIGHEST_PROTOCOL)
    except (pickle.PicklingError, TypeError, AttributeError):
        return
    write_atomically(path, data)


def write_atomically(path: Path, data: bytes, make_folder: bool = True) -> None:
    """Write ``data`` to ``path`` through a temporary file and a rename; on any failure, write nothing.

    Concurrent runs (pre-commit spawns several) and workers may write the
    same entry; each temporary name is unique and each rename atomic, so a
    reader sees one whole entry or none. ``make_folder=False`` (result
    entries, written by the thousand into a folder made once per run) skips
    creating the parent.
    """
    import tempfile

    try:
        if make_folder:
            path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".cache-", suffix=".tmp")
    except OSError:
        return
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
        os.replace(tmp, path)
    except OSError:
        with contextlib.suppress(OSError):
            os.unlink(tmp)


def touch_if_old(path: Path, now: float | None = None) -> None:
    """Re-date a cache file that was just used, if its date is over a day old (pruning goes by it)."""
    now = time.time() if now is None else now
    with contextlib.suppress(OSError):
        if now - path.stat().st_mtime > PRUNE_EVERY:
            os.utime(path)


def maybe_prune(now: float | None = None) -> int:
    """Prune the cache folder if the last prune was over a day ago; the number of files deleted.

    The date of the last prune is a marker file's, so a run usually pays one
    ``stat``; the prune itself is one directory scan.
    """
    if not enabled():
        return 0
    now = time.time() if now is None else now
    folder = cache_dir()
    marker = folder / PRUNE_MARKER
    try:
        if now - marker.stat().st_mtime < PRUNE_EVERY:
            return 0
    except FileNotFoundError:
        if not folder.is_dir():
            return 0
    except OSError:
        return 0
    try:
        marker.touch()
    except OSError:
        return 0
    return prune(folder, now)


def prune(folder: Path, now: float) -> int:
    """Delete claimlint's cache files in ``folder`` unused for ``MAX_AGE`` (temporary files: a day)."""
    removed = 0
    for path, temporary in _cache_files(folder):
        try:
            age = now - path.stat().st_mtime
            if age > (PRUNE_EVERY if temporary else MAX_AGE):
                path.unlink()
                removed += 1
        except OSError:
            continue
    return removed


def clean(folder: Path | None = None) -> int:
    """Delete every claimlint cache file in ``folder`` (default: the cache folder); the number deleted.

    Only files claimlint writes are touched, since ``$CLAIMLINT_CACHE_DIR``
    may name a folder that holds other things; empty folders left are removed.
    """
    folder = cache_dir() if folder is None else folder
    removed = 0
    for path, _temporary in _cache_files(folder):
        with contextlib.suppress(OSError):
            path.unlink()
            removed += 1
    for empty in (folder / RESULTS, folder):
        with contextlib.suppress(OSError):
            (empty / PRUNE_MARKER).unlink(missing_ok=True)
            empty.rmdir()
    return removed


def _cache_files(folder: Path) -> Iterator[tuple[Path, bool]]:
    """``(path, is_temporary)`` for every file claimlint may have written in ``folder``."""
    for sub, ours in ((folder, _OURS), (folder / RESULTS, _ENTRY)):
        try:
            entries = list(os.scandir(sub))
        except OSError:
            continue
        for entry in entries:
            if ours.fullmatch(entry.name) and entry.is_file(follow_symlinks=False):
                yield Path(entry.path), entry.name.endswith(".tmp")


_OURS = re.compile(r"(?:rules|entry-points|regex|derived)-[0-9a-f]+\.pickle|casefold-[0-9a-f]+\.json|\.cache-.*\.tmp")
_ENTRY = re.compile(r"[0-9a-f]{40}|\.[0-9a-f]{40}\.[0-9]+\.tmp")

"""The approved-claims baseline: findings a reviewer has signed off, kept in a file.

An entry is keyed by the file (relative to the baseline's folder) and the
finding's :func:`~claimlint.fingerprint.fingerprint` (rule, normalised match
and sentence; never line numbers), so it survives edits elsewhere, moved lines
and other files' changes. ``count`` covers a claim repeated in one file: the
first ``count`` copies are approved, any further copy is new.

Entries carry review metadata (``approved_by``, ``reason``, ``evidence``,
``expires``). An expired entry stops suppressing and is reported (CL905); an
entry that matches nothing is stale (CL906) and ``--write-baseline`` prunes it
while keeping the metadata of every entry that still matches. The file is
sorted YAML (JSON if its name ends in ``.json``) so reviews diff cleanly.
"""

from __future__ import annotations

import datetime as dt
import json
import os
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from typing import Any

from claimlint.errors import ConfigError
from claimlint.fingerprint import fingerprint
from claimlint.model import Finding, Location, Rule, Severity

VERSION = 1
EXCERPT = 160
META_KEYS = ("approved_by", "reason", "evidence", "expires")
ENTRY_KEYS = ("path", "rule", "match", "sentence", "fingerprint", "count", *META_KEYS)
_ORIGIN = Location("<claimlint>")

EXPIRED = Rule(
    id="CL905",
    name="expired-approval",
    category="baseline",
    severity=Severity.WARNING,
    type="meta",
    message="Baseline approval has expired, so this claim is reported again; re-review it and renew 'expires'.",
    origin=_ORIGIN,
    pack="claimlint",
)
STALE = Rule(
    id="CL906",
    name="stale-baseline-entry",
    category="baseline",
    severity=Severity.INFO,
    type="meta",
    message="Baseline entry matches no finding any more; run --write-baseline to prune it.",
    origin=_ORIGIN,
    pack="claimlint",
)
BASELINE_RULES = (EXPIRED, STALE)


@dataclass
class Entry:
    """One approved claim; ``line`` is where it starts in the baseline file."""

    path: str
    rule: str
    fingerprint: str
    match: str = ""
    sentence: str = ""
    count: int = 1
    approved_by: str = ""
    reason: str = ""
    evidence: Any = ""
    expires: str = ""
    line: int = 0

    @property
    def key(self) -> tuple[str, str]:
        """What findings are matched on."""
        return (self.path, self.fingerprint)

    def expired(self, today: dt.date) -> bool:
        """True once ``expires`` is in the past (the expiry day itself still counts)."""
        return bool(self.expires) and dt.date.fromisoformat(self.expires) < today

    def to_dict(self) -> dict[str, Any]:
        """The entry as written: identity first, then metadata that is set."""
        out: dict[str, Any] = {"path": self.path, "rule": self.rule, "match": self.match}
        out["sentence"] = self.sentence
        out["fingerprint"] = self.fingerprint
        if self.count != 1:
            out["count"] = self.count
        out.update({k: getattr(self, k) for k in META_KEYS if getattr(self, k)})
        return out


@dataclass
class Baseline:
    """The entries of one baseline file."""

    path: str
    entries: dict[tuple[str, str], Entry] = field(default_factory=dict)

    @property
    def folder(self) -> str:
        """Entry paths are relative to this folder."""
        return os.path.dirname(os.path.abspath(self.path))

    def key_path(self, path: str) -> str:
        """A finding's path as entries spell it."""
        return os.path.relpath(os.path.abspath(path), self.folder).replace(os.sep, "/")

    def exists(self, entry: Entry) -> bool:
        """Whether the entry's file is still there."""
        return os.path.exists(os.path.join(self.folder, entry.path))


def load(path: str, missing_ok: bool = False) -> Baseline:
    """Read a baseline file; errors point at ``file:line:col``."""
    from claimlint.yamlload import LList, LMap
    from claimlint.yamlload import load as load_yaml

    try:
        with open(path, encoding="utf-8") as fh:
            text = fh.read()
    except FileNotFoundError:
        if missing_ok:
            return Baseline(path)
        raise ConfigError(path, "baseline file not found (create it with --write-baseline)") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(path, f"cannot read baseline: {exc}") from None
    data = load_yaml(path, text)
    if data is None:
        return Baseline(path)
    if not isinstance(data, LMap) or not isinstance(data.get("entries", LList()), LList):
        raise ConfigError(path, "a baseline must be a mapping with 'version' and an 'entries' list", 1, 1)
    if data.get("version", VERSION) != VERSION:
        raise ConfigError(path, f"unsupported baseline version; expected {VERSION}", *data.value_pos["version"])
    result = Baseline(path)
    entries = data.get("entries", LList())
    for i, raw in enumerate(entries):
        entry = _entry(path, raw, entries.item_pos[i])
        if entry.key in result.entries:
            result.entries[entry.key].count += entry.count
        else:
            result.entries[entry.key] = entry
    return result


def _entry(path: str, raw: Any, pos: tuple[int, int]) -> Entry:
    if not isinstance(raw, dict):
        raise ConfigError(path, "a baseline entry must be a mapping", *pos)
    key_pos = getattr(raw, "key_pos", {})
    for key in raw:
        if key not in ENTRY_KEYS:
            raise ConfigError(path, f"unknown key {key!r} in baseline entry", *key_pos.get(key, pos))
    for key in ("path", "rule", "fingerprint"):
        if not isinstance(raw.get(key), str) or not raw[key]:
            raise ConfigError(path, f"baseline entry needs a string {key!r}", *key_pos.get(key, pos))
    count = raw.get("count", 1)
    if not isinstance(count, int) or isinstance(count, bool) or count < 1:
        raise ConfigError(path, "'count' must be a positive integer", *key_pos.get("count", pos))
    expires = str(raw.get("expires") or "")
    try:
        if expires:
            dt.date.fromisoformat(expires)
    except ValueError:
        message = f"'expires' must be a date like 2026-12-31, not {expires!r}"
        raise ConfigError(path, message, *key_pos.get("expires", pos)) from None
    fields = {k: raw.get(k) or "" for k in ("match", "sentence", "approved_by", "reason", "evidence")}
    return Entry(raw["path"], raw["rule"], raw["fingerprint"], count=count, expires=expires, line=pos[0], **fields)


class BaselineFilter:
    """Drops approved findings file by file, remembering what each entry matched."""

    def __init__(self, baseline: Baseline, today: dt.date | None = None) -> None:
        self.baseline = baseline
        self.today = today or dt.date.today()
        self.matched: dict[tuple[str, str], int] = {}
        self.linted: set[str] = set()

    def filter(self, path: str, findings: Sequence[Finding]) -> list[Finding]:
        """``findings`` of one file minus those the baseline approves."""
        rel = self.baseline.key_path(path)
        if rel in self.linted:
            self.matched = {k: v for k, v in self.matched.items() if k[0] != rel}
        self.linted.add(rel)
        kept: list[Finding] = []
        for finding in sorted(findings, key=Finding.sort_key):
            entry = self.baseline.entries.get((rel, fingerprint(finding)))
            if entry is None or finding.rule.type == "meta":
                kept.append(finding)
                continue
            seen = self.matched.get(entry.key, 0)
            self.matched[entry.key] = seen + 1
            if seen >= entry.count or entry.expired(self.today):
                kept.append(finding)
        return kept

    def problems(self) -> list[Finding]:
        """CL905 for expired entries that still match, CL906 for stale ones."""
        out: list[Finding] = []
        for entry in self.baseline.entries.values():
            if self.matched.get(entry.key):
                if entry.expired(self.today):
                    out.append(self._meta(entry, EXPIRED, f"expired {entry.expires}"))
            elif entry.path in self.linted or not self.baseline.exists(entry):
                out.append(self._meta(entry, STALE, "matches nothing"))
        return out

    def _meta(self, entry: Entry, rule: Rule, note: str) -> Finding:
        line = entry.line or 1
        return Finding(
            path=display(self.baseline.path),
            line=line,
            column=3,
            end_line=line,
            end_column=4,
            rule=rule,
            match=f"{entry.path}: {entry.rule} {entry.match}",
            sentence=entry.sentence,
            note=note,
        )


def display(path: str) -> str:
    """``path`` relative to the working folder when inside it."""
    rel = os.path.relpath(os.path.abspath(path))
    return path if rel.startswith("..") else rel


def rebuild(old: Baseline, findings: Iterable[Finding], linted: Iterable[str]) -> tuple[Baseline, int]:
    """The baseline for ``findings``, keeping metadata; returns it and how many entries were pruned.

    Entries of files not linted in this run are kept as they are, so writing a
    baseline for one folder never forgets the rest of the project.
    """
    new = Baseline(old.path)
    for finding in sorted(findings, key=Finding.sort_key):
        if finding.rule.type == "meta":
            continue
        key = (new.key_path(finding.path), fingerprint(finding))
        if key in new.entries:
            new.entries[key].count += 1
            continue
        previous = old.entries.get(key)
        metadata = {k: getattr(previous, k) for k in META_KEYS} if previous else {}
        match, sentence = _excerpt(finding.match), _excerpt(finding.sentence)
        new.entries[key] = Entry(key[0], finding.rule.id, key[1], match, sentence, **metadata)
    linted_rel = {new.key_path(p) for p in linted}
    pruned = 0
    for key, entry in old.entries.items():
        if key in new.entries:
            continue
        if entry.path in linted_rel or not old.exists(entry):
            pruned += 1
        else:
            new.entries[key] = replace(entry)
    return new, pruned


def _excerpt(text: str) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= EXCERPT else flat[: EXCERPT - 1].rstrip() + "…"


def dumps(baseline: Baseline) -> str:
    """Serialise sorted by path, rule and fingerprint (YAML, or JSON for ``*.json``)."""
    ordered = sorted(baseline.entries.values(), key=lambda e: (e.path, e.rule, e.fingerprint))
    data = {"version": VERSION, "entries": [e.to_dict() for e in ordered]}
    if baseline.path.endswith(".json"):
        return json.dumps(data, indent=2, ensure_ascii=False) + "\n"
    import yaml

    header = "# claimlint approved-claims baseline. Regenerate: claimlint check --write-baseline FILE\n"
    return header + yaml.safe_dump(data, sort_keys=False, allow_unicode=True, width=1000, default_flow_style=False)

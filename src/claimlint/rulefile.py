"""Load rule packs (schema v1) into validated, frozen ``Rule`` objects.

The schema is data (``TOP_KEYS``, ``COMMON_KEYS`` and each rule type's
``keys``), in the style of pre-commit's cfgv: every check reports the exact
``file:line:col`` of the offending key or value. All errors of a file are
collected and raised together, before any copy is read.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from claimlint.api import Key, RulePack, RuleType
from claimlint.errors import ConfigError, ConfigErrors
from claimlint.model import SEVERITY_NAMES, Evidence, Location, Rule, Severity
from claimlint.yamlload import LList, LMap, load

if TYPE_CHECKING:
    import regex

#: ASCII only, so the standard ``re`` gives the same answers; ``regex`` is
#: imported only when a rule regex is compiled (a skipped page never does).
ID_RE = re.compile(r"^[A-Za-z][A-Za-z0-9_-]{0,31}$")
REGEX_FLAGS = re.IGNORECASE


_COMPILED: dict[str, regex.Pattern[str]] = {}
#: How a rule regex not compiled yet in this process is compiled; the runner swaps in
#: the on-disk cache (:mod:`claimlint.regexcache`) for a run. None: ``regex.compile``.
compiler: Callable[[str, int], regex.Pattern[str]] | None = None


def compile_regex(pattern: str) -> regex.Pattern[str]:
    """A rule regex, compiled once per process (case-insensitive by default).

    Validation and matching share these, so a run without the rule cache
    does not compile a live rule's regexes twice (the ``regex`` module's own
    cache holds 500 patterns; the default pack has more).
    """
    found = _COMPILED.get(pattern)
    if found is None:
        if compiler is not None:
            found = _COMPILED[pattern] = compiler(pattern, REGEX_FLAGS)
            return found
        import regex

        found = _COMPILED[pattern] = regex.compile(pattern, REGEX_FLAGS)
    return found


def compiled_regex(pattern: str) -> regex.Pattern[str] | None:
    """``pattern`` as :func:`compile_regex` returned it earlier in this process, else None."""
    return _COMPILED.get(pattern)


TOP_KEYS: dict[str, Key] = {
    "version": Key("int", True, "schema version; must be 1"),
    "name": Key("str", doc="pack name shown in reports"),
    "description": Key("str"),
    "extends": Key("text-list", doc="packs to include first, e.g. [default]"),
    "defaults": Key("map", doc="rule keys applied to every rule that does not set them"),
    "pages": Key("map", doc="named page conditions: name -> {any, min, unless, description}"),
    "evidence": Key("map", doc="id -> {citation, url or doi, finding}"),
    "rules": Key("list"),
}

COMMON_KEYS: dict[str, Key] = {
    "id": Key("str", True, "stable short code, e.g. CL011"),
    "name": Key("str", True, "kebab-case name"),
    "category": Key("str", True),
    "severity": Key("str", True, "error | warning | info"),
    "type": Key("str", True, "rule type name"),
    "message": Key("str", True, "what is risky and why"),
    "suggestion": Key("str", doc="compliant rewording; may use {match}"),
    "evidence": Key("text-list", doc="ids into the evidence registry"),
    "examples": Key("map", doc="{bad: [...], good: [...]}"),
    "unless": Key("regex-list", doc="skip when one matches the sentence of the match"),
    "context": Key("regex-list", doc="fire only when one matches the sentence of the match"),
    "when": Key("regex-list", doc="apply only to documents where one matches"),
    "also_when": Key("regex-list", doc="a second document gate: one of these must match somewhere too"),
    "scopes": Key("text-list", doc="segment kinds to check, e.g. [heading, paragraph]"),
    "replace": Key("str", doc="mechanical replacement used by --fix"),
    "help": Key("str", doc="URL with more help"),
    "description": Key("str", doc="longer explanation for `claimlint explain`"),
    "enabled": Key("bool"),
    "skip_pages": Key("text-list", doc="page conditions (the pack's pages) on which the rule does not fire"),
    "skip_references": Key("bool", doc="true: a match inside a reference-list entry is not reported"),
    "page_topic": Key(
        "bool", doc="true: short copy on a seller's page meets `context` (and a claim's `subject`) when the page does"
    ),
}

PAGE_KEYS: dict[str, Key] = {
    "any": Key("regex-list", True, "genre markers; the condition needs min of them somewhere in the page"),
    "min": Key("int", doc="how many distinct any patterns must match (default 1)"),
    "unless": Key("regex-list", doc="the condition never holds on a page where one matches"),
    "min_segments": Key("int", doc="nor on a page with fewer segments: one sentence or paragraph has no genre"),
    "description": Key("str", doc="what kind of page this is, for claimlint explain"),
}

EVIDENCE_KEYS = {"citation", "url", "doi", "finding"}


@dataclass(frozen=True)
class PageCondition:
    """A named kind of page (a pack's ``pages:`` entry), decided once per document.

    Whether a sentence makes a claim or reports one often depends on the page
    around it: "clinically proven" in an advertising-rules digest is quoted,
    in an ad it is claimed. A sentence rule cannot see that, so a pack names
    such pages once and rules opt out of them with ``skip_pages``. The page
    holds the condition when at least ``min`` distinct ``any`` patterns match
    somewhere in it and no ``unless`` pattern does, and it has at least
    ``min_segments`` segments: a lone sentence or paragraph (stdin, a rule's
    example, a short ad) has no genre to recognise and is always linted.
    """

    name: str
    any: tuple[str, ...]
    origin: Location
    min: int = 1
    unless: tuple[str, ...] = ()
    description: str = ""
    min_segments: int = 1


@dataclass
class RuleSet:
    """Validated rules plus the evidence registry they cite."""

    rules: list[Rule] = field(default_factory=list)
    evidence: dict[str, Evidence] = field(default_factory=dict)
    files: list[str] = field(default_factory=list)
    pages: dict[str, PageCondition] = field(default_factory=dict)

    def extend(self, other: RuleSet, path: str) -> None:
        """Add ``other``'s rules; a repeated rule id is a config error."""
        seen = {r.id: r for r in self.rules}
        for rule in other.rules:
            if rule.id in seen:
                first = seen[rule.id]
                raise ConfigError(
                    rule.origin.path,
                    f"duplicate rule id {rule.id!r}{_in_pack(rule)} (first defined{_in_pack(first)} at {first.origin})",
                    rule.origin.line,
                    rule.origin.column,
                )
            seen[rule.id] = rule
            self.rules.append(rule)
        self.evidence.update(other.evidence)
        self.pages.update(other.pages)
        self.files.extend(f for f in other.files if f not in self.files)
        del path


def _in_pack(rule: Rule) -> str:
    return f" in pack {rule.pack!r}" if rule.pack else ""


class _Errors:
    def __init__(self, path: str) -> None:
        self.path = path
        self.items: list[ConfigError] = []

    def add(self, message: str, pos: tuple[int, int] = (0, 0)) -> None:
        self.items.append(ConfigError(self.path, message, pos[0], pos[1]))

    def raise_if_any(self) -> None:
        if len(self.items) == 1:
            raise self.items[0]
        if self.items:
            raise ConfigErrors(self.items)


def load_pack_text(
    path: str,
    text: str,
    rule_types: Mapping[str, RuleType],
    packs: Mapping[str, RulePack] | None = None,
    pack_name: str = "",
    _seen: tuple[str, ...] = (),
) -> RuleSet:
    """Parse one rules file (and the packs it extends) into a RuleSet."""
    data = load(path, text)
    errors = _Errors(path)
    if not isinstance(data, LMap):
        raise ConfigError(path, "a rules file must be a mapping with 'version' and 'rules'", 1, 1)
    _check_keys(data, TOP_KEYS, errors, "rules file")
    if "version" in data and data["version"] != 1:
        errors.add(f"unsupported version {data['version']!r}; expected 1", data.value_pos["version"])
    result = RuleSet(files=[path])
    for name in data.get("extends") or []:
        result.extend(_load_extended(path, data, name, rule_types, packs or {}, _seen), path)
    evidence = _evidence(data.get("evidence"), errors)
    result.evidence.update(evidence)
    known = dict(result.evidence)
    result.pages.update(_pages(data.get("pages"), errors))
    pages = dict(result.pages)
    raw_defaults = data.get("defaults")
    defaults = raw_defaults if isinstance(raw_defaults, LMap) else LMap()
    if defaults:
        _check_keys(defaults, {k: v for k, v in COMMON_KEYS.items() if not v.required}, errors, "defaults")
        _check_page_names(defaults, pages, errors)
    rules = data.get("rules") or LList()
    own = RuleSet(files=[])
    seen: dict[str, Location] = {}
    for i, raw in enumerate(rules if isinstance(rules, list) else []):
        pos = rules.item_pos[i] if isinstance(rules, LList) else (0, 0)
        rule = _rule(raw, pos, defaults, (known, pages), rule_types, errors, pack_name or str(data.get("name") or ""))
        if rule is None:
            continue
        if rule.id in seen:
            errors.add(f"duplicate rule id {rule.id!r} (first defined at {seen[rule.id]})", pos)
            continue
        seen[rule.id] = rule.origin
        own.rules.append(rule)
    errors.raise_if_any()
    result.extend(own, path)
    return result


def _load_extended(
    path: str,
    data: LMap,
    name: str,
    rule_types: Mapping[str, RuleType],
    packs: Mapping[str, RulePack],
    seen: tuple[str, ...],
) -> RuleSet:
    pos = data.value_pos.get("extends", (0, 0))
    if name not in packs:
        known = ", ".join(sorted(packs)) or "none"
        raise ConfigError(path, f"unknown pack {name!r} in extends (installed packs: {known})", *pos)
    if name in seen:
        raise ConfigError(path, f"pack {name!r} extends itself", *pos)
    pack = packs[name]
    return load_pack_text(
        pack.origin or f"<pack {name}>", pack.load_text(), rule_types, packs, name, (*seen, name)
    )


def _check_keys(data: LMap, spec: Mapping[str, Key], errors: _Errors, what: str) -> None:
    for key in data:
        if key not in spec:
            hint = _close(key, spec)
            errors.add(f"unknown key {key!r} in {what}{hint}", data.key_pos[key])
            continue
        problem = _type_problem(data[key], spec[key].kind)
        if problem:
            errors.add(f"{key!r} {problem}", data.value_pos[key])
    for key, kspec in spec.items():
        if kspec.required and key not in data:
            errors.add(f"missing required key {key!r} in {what}", data.pos)


def _close(key: str, spec: Iterable[str]) -> str:
    import difflib

    match = difflib.get_close_matches(key, list(spec), n=1)
    return f" (did you mean {match[0]!r}?)" if match else ""


def _type_problem(value: Any, kind: str) -> str:
    checks: dict[str, Callable[[Any], bool]] = {
        "str": lambda v: isinstance(v, str),
        "int": lambda v: isinstance(v, int) and not isinstance(v, bool),
        "bool": lambda v: isinstance(v, bool),
        "map": lambda v: isinstance(v, dict),
        "list": lambda v: isinstance(v, list),
        "text-list": lambda v: isinstance(v, list) and all(isinstance(x, str) for x in v),
        "regex-list": lambda v: isinstance(v, list) and all(isinstance(x, str) for x in v),
        "file": lambda v: isinstance(v, str) and bool(v.strip()),
        "number": lambda v: isinstance(v, (int, float)) and not isinstance(v, bool),
    }
    names = {
        "text-list": "a list of strings",
        "regex-list": "a list of regex strings",
        "map": "a mapping",
        "file": "a file path (relative to the rules file)",
    }
    ok = checks.get(kind, lambda v: True)(value)
    return "" if ok else f"must be {names.get(kind, 'a ' + kind)}"


def _pages(raw: Any, errors: _Errors) -> dict[str, PageCondition]:
    """The pack's named page conditions, each checked like a rule (keys, types, regexes)."""
    out: dict[str, PageCondition] = {}
    if not isinstance(raw, LMap):
        return out
    for name, entry in raw.items():
        pos = raw.key_pos[name]
        if not ID_RE.match(name):
            errors.add(f"page condition name {name!r} must be a short name like 'neutral'", pos)
        if not isinstance(entry, LMap):
            errors.add(f"page condition {name!r} must be a mapping with 'any'", raw.value_pos[name])
            continue
        before = len(errors.items)
        _check_keys(entry, PAGE_KEYS, errors, f"page condition {name!r}")
        for key in ("any", "unless"):
            if isinstance(entry.get(key), list):
                _check_regexes(entry, key, entry[key], errors)
        if len(errors.items) == before:
            out[name] = PageCondition(
                name,
                tuple(entry["any"]),
                Location(errors.path, *pos),
                int(entry.get("min", 1)),
                tuple(entry.get("unless") or ()),
                " ".join(str(entry.get("description", "")).split()),
                int(entry.get("min_segments", 1)),
            )
    return out


def _check_page_names(data: LMap, pages: Mapping[str, PageCondition], errors: _Errors) -> None:
    """Every name in ``data``'s ``skip_pages`` must be a page condition of the pack (or one it extends)."""
    names = data.get("skip_pages")
    if not isinstance(names, list):
        return
    for i, name in enumerate(names):
        if isinstance(name, str) and name not in pages:
            item_pos = names.item_pos[i] if isinstance(names, LList) else data.value_pos["skip_pages"]
            known = ", ".join(sorted(pages)) or "none; define them under the top-level 'pages' key"
            errors.add(f"unknown page condition {name!r} in skip_pages (known: {known})", item_pos)


def _evidence(raw: Any, errors: _Errors) -> dict[str, Evidence]:
    out: dict[str, Evidence] = {}
    if not isinstance(raw, LMap):
        return out
    for eid, entry in raw.items():
        pos = raw.key_pos[eid]
        if not isinstance(entry, LMap):
            errors.add(f"evidence {eid!r} must be a mapping with citation and url", pos)
            continue
        for key in entry:
            if key not in EVIDENCE_KEYS:
                errors.add(f"unknown key {key!r} in evidence {eid!r}", entry.key_pos[key])
        if not isinstance(entry.get("citation"), str):
            errors.add(f"evidence {eid!r} needs a 'citation' string", entry.pos)
        url = entry.get("url") or (f"https://doi.org/{entry['doi']}" if entry.get("doi") else "")
        if not isinstance(url, str) or not url:
            errors.add(f"evidence {eid!r} needs a 'url' or 'doi'", entry.pos)
        out[eid] = Evidence(eid, str(entry.get("citation", "")), str(url), str(entry.get("finding", "")))
    return out


def _rule(
    raw: Any,
    pos: tuple[int, int],
    defaults: LMap,
    known: tuple[Mapping[str, Evidence], Mapping[str, PageCondition]],
    rule_types: Mapping[str, RuleType],
    errors: _Errors,
    pack: str,
) -> Rule | None:
    if not isinstance(raw, LMap):
        errors.add("each rule must be a mapping", pos)
        return None
    before = len(errors.items)
    rtype = rule_types.get(str(raw.get("type", "")))
    if "type" in raw and rtype is None:
        types = ", ".join(sorted(rule_types))
        errors.add(f"unknown rule type {raw['type']!r} (known: {types})", raw.value_pos["type"])
    spec = {**COMMON_KEYS, **(dict(rtype.keys) if rtype else {})}
    if rtype is None:
        spec = {**spec, **{k: Key("any") for k in raw if k not in spec}}
    _check_keys(raw, spec, errors, f"rule {raw.get('id', '?')!r}")
    evidence, pages = known
    merged = {**{k: v for k, v in defaults.items() if k in spec}, **raw}
    _check_values(raw, merged, spec, evidence, errors)
    _check_page_names(raw, pages, errors)
    if len(errors.items) > before:
        return None
    return _build_rule(raw, merged, spec, known, errors.path, pos, pack)


def _check_values(
    raw: LMap, merged: Mapping[str, Any], spec: Mapping[str, Key], evidence: Mapping[str, Evidence], errors: _Errors
) -> None:
    if isinstance(raw.get("id"), str) and not ID_RE.match(raw["id"]):
        errors.add(f"rule id {raw['id']!r} must be a short code like CL011", raw.value_pos["id"])
    sev = raw.get("severity")
    if isinstance(sev, str) and sev not in SEVERITY_NAMES:
        errors.add(f"severity must be one of {', '.join(SEVERITY_NAMES)}, not {sev!r}", raw.value_pos["severity"])
    for i, eid in enumerate(raw.get("evidence") or []):
        if isinstance(eid, str) and eid not in evidence:
            item_pos = raw["evidence"].item_pos[i] if isinstance(raw["evidence"], LList) else raw.value_pos["evidence"]
            errors.add(f"unknown evidence id {eid!r} (not in the evidence registry)", item_pos)
    for key, kspec in spec.items():
        if kspec.kind == "regex-list" and isinstance(merged.get(key), list):
            _check_regexes(raw, key, merged[key], errors)
    examples = raw.get("examples")
    if isinstance(examples, LMap):
        for key in examples:
            if key not in ("bad", "good"):
                errors.add(f"unknown key {key!r} in examples (use bad and good)", examples.key_pos[key])
            elif _type_problem(examples[key], "text-list"):
                errors.add(f"examples.{key} must be a list of strings", examples.value_pos[key])


def _check_regexes(raw: LMap, key: str, values: list[Any], errors: _Errors) -> None:
    import regex

    lst = raw.get(key)
    for i, pattern in enumerate(values):
        try:
            compile_regex(pattern)
        except regex.error as exc:
            if isinstance(lst, LList):
                line, col = lst.item_pos[i]
            else:
                line, col = raw.key_pos.get(key, (0, 0))
            errors.add(f"bad regex in {key!r}: {exc}", (line, col))


def _build_rule(
    raw: LMap,
    merged: Mapping[str, Any],
    spec: Mapping[str, Key],
    known: tuple[Mapping[str, Evidence], Mapping[str, PageCondition]],
    path: str,
    pos: tuple[int, int],
    pack: str,
) -> Rule:
    examples = raw.get("examples") or {}
    origins: dict[str, Location] = {}
    for kind in ("bad", "good"):
        items = examples.get(kind) if isinstance(examples, LMap) else None
        if isinstance(items, LList):
            for i, item_pos in enumerate(items.item_pos):
                origins[f"{kind}:{i}"] = Location(path, *item_pos)
    evidence, pages = known
    params = {k: merged[k] for k in spec if k in merged and k not in _RULE_FIELDS}
    if "skip_pages" in params:
        # an unknown name is already an error (the rule's, or the defaults' once for all rules)
        params["skip_pages"] = tuple(pages[name] for name in params["skip_pages"] if name in pages)
    return Rule(
        id=raw["id"],
        name=raw["name"],
        category=raw["category"],
        severity=Severity.parse(raw["severity"]),
        type=raw["type"],
        message=raw["message"].strip(),
        suggestion=str(raw.get("suggestion", "")).strip(),
        evidence=tuple(evidence[e] for e in raw.get("evidence") or []),
        bad_examples=tuple(examples.get("bad") or ()),
        good_examples=tuple(examples.get("good") or ()),
        params=params,
        replace=raw.get("replace"),
        origin=Location(path, *pos),
        pack=pack,
        help_uri=str(raw.get("help", "")),
        example_origins=origins,
    )


_RULE_FIELDS = frozenset(
    ("id", "name", "category", "severity", "type", "message", "suggestion", "evidence", "examples", "replace", "help")
)


def enabled_rules(rules: Sequence[Rule]) -> list[Rule]:
    """Drop rules whose YAML says ``enabled: false``."""
    return [r for r in rules if r.params.get("enabled", True) is not False]

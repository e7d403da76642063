"""Run a whole check: settings → files → engine → baseline → fixes → Report. Never prints.

Each file is linted with the settings of the config that governs it, so the
rule selection can differ per folder (and per ``per-file-ignores`` glob);
each distinct selection is loaded and compiled once and cached by its key.
"""

from __future__ import annotations

import gc
import os
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from itertools import chain, islice
from typing import TYPE_CHECKING, Any

from claimlint.api import SourceFormat
from claimlint.config import Settings, SettingsResolver, load_ruleset, meta_rules, select_rules
from claimlint.discover import Target, iter_targets
from claimlint.engine import CompiledRules, FileResult, check_text, compile_rules, needs_parse
from claimlint.files import BinaryFile, Decoded, ReadError, decode, read_bytes
from claimlint.model import FileProblem, Finding, Report, Rule
from claimlint.multisearch import remember_utf8
from claimlint.plugins import Registry
from claimlint.rulefile import RuleSet
from claimlint.suppress import META_RULES

if TYPE_CHECKING:
    import datetime as dt

    from claimlint.resultcache import Linker, ResultCache

MAX_FIX_PASSES = 10
#: A worker hands a page that needs parsing back while the parent has fewer than this
#: many such pages still to lint. On the as-is docs corpus the parent then lints about
#: half of its 20 pages of copy, taking about as long as the workers take to scan the
#: rest and lint the other half (with 2 it linted three quarters and the workers waited
#: for it); on a site of copy the parent lints its share and the workers the rest.
MAX_BACKLOG = 1
#: Before forking, the parent lints files until it has parsed this many pages of copy,
#: or until the prefilter has settled (:attr:`claimlint.gates.Gates.settled`), or this
#: many files (:data:`WARM_FILES`), whichever comes first. See :meth:`_Run._warmed`.
WARM_PAGES = 8
WARM_FILES = 256


@dataclass
class RunRequest:
    """What to lint and how.

    ``settings`` are the run-wide settings (fail-on, baseline); with a
    ``resolver`` each file gets the settings of its own config, without one
    every file uses ``settings``. ``fix`` writes mechanical fixes, ``diff``
    only computes them; ``write_baseline`` records the findings instead of
    filtering them. ``resume_gc``: the console entry point paused the
    cyclic garbage collector for start-up (see :func:`claimlint.cli.main`);
    once the rules are loaded and compiled, what start-up built is frozen
    (``gc.freeze``: no collection walks it again, and forked workers leave
    its pages shared) and collection resumes.
    """

    paths: Sequence[str]
    settings: Settings
    stdin_text: str | bytes | None = None
    stdin_name: str = "-"
    prefilter: bool = True
    keep_sources: bool = False
    resolver: SettingsResolver | None = None
    fix: bool = False
    diff: bool = False
    write_baseline: str | None = None
    today: dt.date | None = None
    jobs: int | None = None
    cache: bool = True
    resume_gc: bool = False


@dataclass(frozen=True)
class FileFix:
    """Fixes made (or, with ``--diff``, proposed) in one file."""

    path: str
    count: int
    diff: str


@dataclass
class Outcome:
    """A finished run: the report plus what ``--fix``/``--write-baseline`` did."""

    report: Report = field(default_factory=lambda: Report([], [], 0, []))
    fixes: list[FileFix] = field(default_factory=list)
    baseline_path: str | None = None
    baseline_entries: int = 0
    baseline_pruned: int = 0


def prepare(settings: Settings, registry: Registry) -> CompiledRules:
    """Load, select and compile the rules (fails fast on config errors)."""
    return RuleCache(registry).compiled(settings, ())


class RuleCache:
    """Rule sets and compiled matchers, cached by the selection that produced them."""

    def __init__(self, registry: Registry) -> None:
        self.registry = registry
        self._sets: dict[tuple[Any, ...], RuleSet] = {}
        self._compiled: dict[tuple[Any, ...], CompiledRules] = {}
        self._selected: dict[tuple[Any, ...], list[Rule]] = {}
        self._checked: set[int] = set()
        self.disk_cache = False

    def ruleset(self, settings: Settings) -> RuleSet:
        """The loaded packs and rule files of ``settings``."""
        key = (tuple(settings.extends), tuple(settings.rule_files))
        if key not in self._sets:
            from claimlint import cache

            if self.disk_cache and cache.enabled():
                self._sets[key] = cache.cached_ruleset(settings, self.registry, load_ruleset)
            else:
                self._sets[key] = load_ruleset(settings, self.registry)
        return self._sets[key]

    def selected(self, settings: Settings, extra_ignore: Sequence[str]) -> list[Rule]:
        """The rules :meth:`compiled` compiles, without compiling them: all a cached result needs."""
        self._check_formats(settings)
        key = (*settings.rules_key(), tuple(extra_ignore))
        if key not in self._selected:
            self._selected[key] = select_rules(self.ruleset(settings).rules, settings, extra_ignore)
        return self._selected[key]

    def compiled(self, settings: Settings, extra_ignore: Sequence[str]) -> CompiledRules:
        """Matchers for ``settings`` minus ``extra_ignore`` (per-file ignores)."""
        selected = self.selected(settings, extra_ignore)
        key = (*settings.rules_key(), tuple(extra_ignore))
        if key not in self._compiled:
            compiled = compile_rules(selected, self.registry.rule_types)
            compiled.known = self.ruleset(settings).rules
            self._compiled[key] = compiled
        return self._compiled[key]

    def _check_formats(self, settings: Settings) -> None:
        if id(settings) in self._checked:
            return
        for ext, fmt in settings.formats.items():
            if fmt not in self.registry.formats:
                known = ", ".join(sorted(self.registry.formats))
                raise settings.error("formats", f"unknown source format {fmt!r} (known: {known})", ext)
        self._checked.add(id(settings))


def run(
    request: RunRequest,
    registry: Registry,
    progress: Callable[[int, int], None] | None = None,
    outcome: Outcome | None = None,
) -> Report:
    """Lint, filter through the baseline, fix, and return the report.

    Pass an ``outcome`` to also receive what ``--fix``/``--diff`` and
    ``--write-baseline`` did; it is filled in place.
    """
    return _Run(request, registry, outcome or Outcome()).go(progress).report


#: What linting one file gave: (linted, findings, problems, kept source). Small, so it pickles cheaply.
Done = tuple[bool, list[Finding], list[FileProblem], str | None]


class _Run:
    """One run: targets stream from discovery to the engine.

    Memory must not grow with the corpus, so per file only its findings,
    problems and a count are kept (paths only for ``--write-baseline``).
    """

    def __init__(self, request: RunRequest, registry: Registry, outcome: Outcome) -> None:
        self.request = request
        self.registry = registry
        self.rules = RuleCache(registry)
        self.rules.disk_cache = request.cache
        self.root = request.settings
        self.filter = None if request.write_baseline else _baseline_filter(self.root, request.today)
        self.outcome = outcome
        self.findings: list[Finding] = []
        self.problems: list[FileProblem] = []
        self.walk_problems: list[FileProblem] = []
        self.sources: dict[str, str] = {}
        self.linted = 0
        self.linted_paths: list[str] = []
        self._by_folder: dict[str, Settings] = {}
        self.results = self._result_cache()
        self._linkers: dict[int, Linker] = {}
        self._hand_back = False
        self._warm_pages = self._probed = 0
        self._strings: dict[str, str] = {}

    def _result_cache(self) -> ResultCache | None:
        """The per-file result cache, unless caching is off or the run rewrites files."""
        if not self.request.cache or self.request.fix or self.request.diff:
            return None
        from claimlint import resultcache

        return resultcache.open_cache(self.registry.plugins, self.request.prefilter)

    def settings_for(self, path: str, is_dir: bool = False) -> Settings:
        """The settings governing ``path``, looked up once per folder (config files govern folders)."""
        resolver = self.request.resolver
        if resolver is None or path == "-":
            return self.root
        folder = path if is_dir else os.path.dirname(path) or "."
        settings = self._by_folder.get(folder)
        if settings is None:
            settings = self._by_folder[folder] = resolver.for_path(folder)
        return settings

    def go(self, progress: Callable[[int, int], None] | None) -> Outcome:
        from claimlint import regexcache

        with regexcache.installed(self.request.cache):
            return self._go(progress)

    def _go(self, progress: Callable[[int, int], None] | None) -> Outcome:
        if self.results is None:
            self.rules.compiled(self.root, ())
        else:
            self.rules.selected(self.root, ())
        if self.request.resume_gc:
            gc.freeze()
            gc.enable()
        targets: Iterable[Target] = self._targets()
        if progress:
            targets = list(targets)
            total = len(targets)
        for i, _done in enumerate(self._lint_all(targets)):
            if progress:
                progress(i + 1, total)
        if self.filter is not None:
            self.findings.extend(self._relevel_run(self.filter.problems()))
        if self.request.write_baseline:
            self._write_baseline(self.request.write_baseline)
        if self.request.cache:
            from claimlint import cache

            cache.save_derived()
            cache.maybe_prune()
        self.findings.sort(key=Finding.sort_key)
        rules = _report_rules(self.rules.selected(self.root, ()), self.findings)
        problems = self.walk_problems + self.problems
        self.outcome.report = Report(self.findings, problems, self.linted, rules, self.sources)
        return self.outcome

    def _lint_all(self, targets: Iterable[Target]) -> Iterator[None]:
        """Lint every target, over processes when that pays (see :mod:`claimlint.parallel`).

        Workers lint without the baseline filter, which remembers matches
        across files, and it runs here on what they send back.
        ``--fix``/``--diff`` relint after each edit, so they stay serial.
        """
        from claimlint import parallel

        if self.request.fix or self.request.diff or self.request.stdin_text is not None:
            for target in targets:
                self._merge(target.path, self._one(target), filtered=True)
                yield None
            return
        items = iter(targets)
        head = list(islice(items, parallel.MIN_ITEMS + 1))
        if len(head) > parallel.MIN_ITEMS:
            self.rules.compiled(self.root, ())  # before the workers fork, so they inherit it
        shared = [*self.rules.selected(self.root, ()), *self.rules.ruleset(self.root).rules]
        pairs = parallel.imap_ordered(
            self._isolated,
            chain(head, items),
            self.request.jobs,
            shared,
            self._in_worker,
            warmed=self._warmed,
            warm_fn=self._warm_one,
        )
        for path, done in pairs:
            self._merge(path, done, filtered=False)
            yield None

    def _isolated(self, target: Target) -> tuple[str, Done]:
        """Lint one target without the baseline filter (in a worker process, or here)."""
        return target.path, self._one(target, filtered=False)

    def _warm_one(self, target: Target) -> tuple[str, Done]:
        """``_isolated`` before the pool starts, counting the pages that needed parsing.

        The hand-back probe is the prefilter check :func:`check_text` makes
        anyway, so a page without copy is searched once, as in a worker.
        """
        self._hand_back = True
        try:
            return self._isolated(target)
        except _HandBack:
            self._warm_pages += 1
        finally:
            self._hand_back = False
        return self._isolated(target)

    def _warmed(self, files: int) -> bool:
        """Whether to fork now: what workers would otherwise each build again is built.

        Workers inherit the parent's memory, and the prefilter's first
        :data:`claimlint.gates.WITNESS_AFTER` texts decide its cheap first
        search: forked before that, every worker tallied those texts with
        the full search and built the same searches again (on a docs corpus
        about 0.1 s of CPU per worker). A page of copy costs far more than a
        page without, so the parent stops after :data:`WARM_PAGES` of those,
        and a site of copy forks as early as before. Files the result cache
        answers search nothing, so when most of the first ones were such, the
        pool starts as early as before too.
        """
        from claimlint import parallel

        if self._warm_pages >= WARM_PAGES or files >= WARM_FILES:
            return True
        if files >= parallel.WARM and 2 * self._probed < files:
            return True
        return self.rules.compiled(self.root, ()).prefilter.settled

    def _in_worker(self, target: Target) -> tuple[str, Done] | None:
        """``_isolated`` in a worker, or None to hand a page that needs parsing back to the parent.

        The parent only collects results, so the rare page of copy costs
        nothing extra there, and the regexes and RE2 programs its rules
        build are built once, not again in every worker that meets such a page.
        Where such pages are common, workers lint them too (:data:`MAX_BACKLOG`).
        """
        from claimlint import parallel

        self._hand_back = parallel.backlog() < MAX_BACKLOG
        try:
            return self._isolated(target)
        except _HandBack:
            return None
        finally:
            self._hand_back = False
            if self.request.cache:  # a worker is killed when the pool ends: store what it derived now
                from claimlint import cache

                cache.save_derived()

    def _merge(self, path: str, done: Done, filtered: bool) -> None:
        linted, findings, problems, source = done
        if linted:
            if not filtered and self.filter is not None:
                findings = self.filter.filter(path, findings)
            self.linted += 1
            if self.request.write_baseline:
                self.linted_paths.append(path)
        self.findings.extend(_shared(findings, self._strings))
        self.problems.extend(problems)
        if source is not None:
            self.sources[path] = source

    def _targets(self) -> Iterator[Target]:
        """The files to lint, as discovery finds them; folders it cannot read become problems."""
        request = self.request
        extensions = {**self.registry.extensions(), **self.root.formats}
        if request.stdin_text is not None:
            fmt = self.settings_for(request.stdin_name).format_for(request.stdin_name)
            from claimlint.discover import format_for

            fmt = fmt or format_for(request.stdin_name, extensions) or "text"
            yield Target(request.stdin_name, fmt, True, stdin=True)
        paths = [p for p in request.paths if p != "-"]
        for item in iter_targets(paths, extensions, self._excluded):
            if isinstance(item, Target):
                yield item
            else:
                self.walk_problems.append(FileProblem(item[0], item[1]))

    def _excluded(self, path: str, is_dir: bool) -> bool:
        settings = self.settings_for(path, is_dir)
        if not (settings.exclude or settings.extend_exclude or settings.include):
            return False
        return settings.excluded(path, is_dir)

    def _one(self, target: Target, filtered: bool = True) -> Done:
        settings = self.settings_for(target.path)
        if self.results is not None and not target.stdin:
            return self._one_cached(target, settings, filtered)
        problems: list[FileProblem] = []
        decoded = self._read(target, settings, problems)
        if decoded is None:
            return False, [], problems, None
        fmt = self._format(target, settings)
        text = decoded.text
        result = self._lint(target.path, text, fmt, settings, filtered)
        if self.request.fix or self.request.diff:
            text, result = self._fix(target, decoded, fmt, settings, result)
        source = text if self.request.keep_sources else None
        return True, result.findings, problems + result.problems, source

    def _one_cached(self, target: Target, settings: Settings, filtered: bool) -> Done:
        """``_one`` through the result cache: a file linted before with the same bytes and settings is not again."""
        from claimlint import resultcache

        assert self.results is not None
        try:
            data = read_bytes(target.path)
        except ReadError as exc:
            return False, [], [FileProblem(target.path, str(exc))], None
        fmt = self._format(target, settings)
        ignored = settings.ignored_for(target.path)
        context = self.results.context(settings, self._fingerprint)
        if context is None:
            return self._lint_cached(target, settings, filtered, data, fmt, None, None)
        context = resultcache.file_context(context, fmt.name, ignored, settings.encoding_for(target.path))
        key = self.results.key(target.path, data, context)
        linker = self._linker(settings, ignored)
        findings = self.results.load(key, target.path, linker)
        if findings is None:
            return self._lint_cached(target, settings, filtered, data, fmt, key, linker)
        source = None
        if self.request.keep_sources:
            decoded = self._read(target, settings, [], data)
            source = decoded.text if decoded is not None else None
        return True, self._baseline(target.path, findings, filtered), [], source

    def _lint_cached(
        self,
        target: Target,
        settings: Settings,
        filtered: bool,
        data: bytes,
        fmt: SourceFormat,
        key: str | None,
        linker: Linker | None,
    ) -> Done:
        """Lint a file the result cache did not have, and store what the engine found (not the baseline)."""
        problems: list[FileProblem] = []
        decoded = self._read(target, settings, problems, data)
        if decoded is None:
            return False, [], problems, None
        result = self._lint(target.path, decoded.text, fmt, settings, filtered=False)
        if self.results is not None and key is not None and linker is not None and not result.problems:
            self.results.store(key, result.findings, linker)
        source = decoded.text if self.request.keep_sources else None
        return True, self._baseline(target.path, result.findings, filtered), result.problems, source

    def _linker(self, settings: Settings, ignored: tuple[str, ...]) -> Linker:
        """How findings under these settings refer to their rules in a cache entry (one per rule selection)."""
        from claimlint import resultcache

        selected = self.rules.selected(settings, ignored)
        linker = self._linkers.get(id(selected))
        if linker is None:
            rules = [*selected, *self.rules.ruleset(settings).rules, *META_RULES]
            linker = self._linkers[id(selected)] = resultcache.Linker(rules, lambda: meta_rules(settings, ignored))
        return linker

    def _fingerprint(self, settings: Settings) -> str | None:
        from claimlint import cache

        return cache.fingerprint(settings, self.registry)

    def _read(
        self, target: Target, settings: Settings, problems: list[FileProblem], data: bytes | None = None
    ) -> Decoded | None:
        stdin = self.request.stdin_text if target.stdin else None
        if isinstance(stdin, str):
            return Decoded(stdin, "utf-8", b"")
        try:
            if data is None:
                data = read_bytes(target.path) if stdin is None else stdin
            decoded = decode(data, settings.encoding_for(target.path))
        except BinaryFile as exc:
            if target.explicit:
                problems.append(FileProblem(target.path, str(exc)))
            return None
        except ReadError as exc:
            problems.append(FileProblem(target.path, str(exc)))
            return None
        if decoded.encoding == "utf-8" and not decoded.bom:
            remember_utf8(decoded.text, data)
        return decoded

    def _format(self, target: Target, settings: Settings) -> SourceFormat:
        name = settings.format_for(target.path) or target.format
        return self.registry.formats.get(name) or self.registry.formats["text"]

    def _lint(self, path: str, text: str, fmt: SourceFormat, settings: Settings, filtered: bool = True) -> FileResult:
        ignored = settings.ignored_for(path)
        compiled = self.rules.compiled(settings, ignored)
        self._probed += self._hand_back
        if self._hand_back and needs_parse(text, fmt, compiled, self.request.prefilter):
            raise _HandBack
        if self._hand_back:  # what check_text returns for a text it need not parse, without searching it again
            result = FileResult([], [])
        else:
            result = check_text(path, text, fmt, compiled, self.request.prefilter, settings.require_reasons)
        findings = result.findings
        if findings:
            meta = meta_rules(settings, ignored)
            findings = [_relevel(f, meta) for f in findings if f.rule.type != "meta" or f.rule.id in meta]
        return FileResult(self._baseline(path, findings, filtered), result.problems)

    def _baseline(self, path: str, findings: list[Finding], filtered: bool) -> list[Finding]:
        """``findings`` minus those the baseline holds, when ``filtered`` (workers leave it to the parent)."""
        if filtered and self.filter is not None:
            return self.filter.filter(path, findings)
        return findings

    def _fix(
        self, target: Target, decoded: Decoded, fmt: SourceFormat, settings: Settings, result: FileResult
    ) -> tuple[str, FileResult]:
        from claimlint import fixer

        text = decoded.text
        count = 0
        for _ in range(MAX_FIX_PASSES):
            edits = fixer.edits_for(text, result.findings)
            if not edits:
                break
            text = fixer.apply_edits(text, edits)
            count += len(edits)
            result = self._lint(target.path, text, fmt, settings)
        if count == 0:
            return text, result
        self.outcome.fixes.append(FileFix(target.path, count, fixer.unified_diff(target.path, decoded.text, text)))
        if self.request.fix and not target.stdin:
            problem = _write(target.path, decoded, text)
            if problem is not None:
                self.problems.append(problem)
                return decoded.text, self._lint(target.path, decoded.text, fmt, settings)
        return text, result

    def _relevel_run(self, findings: list[Finding]) -> list[Finding]:
        from claimlint.baseline import BASELINE_RULES

        meta = meta_rules(self.root, (), BASELINE_RULES)
        return [_relevel(f, meta) for f in findings if f.rule.id in meta]

    def _write_baseline(self, path: str) -> None:
        from claimlint import baseline
        from claimlint.atomic import atomic_write_text

        old = baseline.load(path, missing_ok=True)
        configured = self.root.baseline
        other = configured and os.path.abspath(configured) != os.path.abspath(path)
        if not old.entries and configured and other and os.path.exists(configured):
            old = _moved(baseline.load(configured), path)
        new, pruned = baseline.rebuild(old, self.findings, self.linted_paths)
        atomic_write_text(path, baseline.dumps(new))
        self.outcome.baseline_path = path
        self.outcome.baseline_entries = sum(e.count for e in new.entries.values())
        self.outcome.baseline_pruned = pruned


class _HandBack(Exception):
    """Raised in a worker to hand a page that needs parsing back to the parent."""


def _moved(old: Any, path: str) -> Any:
    """Re-key a baseline read from another file so its paths resolve from ``path``'s folder."""
    from claimlint import baseline

    source_folder = os.path.dirname(os.path.abspath(old.path))
    moved = baseline.Baseline(path)
    for entry in old.entries.values():
        entry.path = moved.key_path(os.path.join(source_folder, entry.path))
        moved.entries[entry.key] = entry
    return moved


def _baseline_filter(settings: Settings, today: dt.date | None) -> Any:
    if not settings.baseline:
        return None
    from claimlint import baseline

    return baseline.BaselineFilter(baseline.load(settings.baseline), today)


def _relevel(finding: Finding, meta: dict[str, Rule]) -> Finding:
    rule = meta.get(finding.rule.id)
    return replace(finding, rule=rule) if rule is not None and rule is not finding.rule else finding


def _write(path: str, decoded: Decoded, text: str) -> FileProblem | None:
    from claimlint.atomic import atomic_write_bytes
    from claimlint.fixer import encode

    try:
        atomic_write_bytes(path, encode(decoded, text))
    except UnicodeEncodeError as exc:
        return FileProblem(path, f"fix not written: cannot encode the fixed text as {decoded.encoding}: {exc.reason}")
    except OSError as exc:
        return FileProblem(path, f"fix not written: {exc.strerror or exc}")
    return None


def _shared(findings: list[Finding], strings: dict[str, str]) -> list[Finding]:
    """``findings`` holding one copy of each distinct match, sentence and note across the run.

    Every finding is kept until the report, and a site repeats its copy (a
    footer, a call to action, a paragraph on every page): on the dense corpus
    10,327 findings held about 2 MB of equal strings, each cut afresh from
    its page.
    """
    out = []
    for f in findings:
        match = strings.setdefault(f.match, f.match)
        sentence = strings.setdefault(f.sentence, f.sentence)
        note = strings.setdefault(f.note, f.note)
        if match is f.match and sentence is f.sentence and note is f.note:
            out.append(f)
        else:
            out.append(replace(f, match=match, sentence=sentence, note=note))
    return out


def _report_rules(rules: Sequence[Rule], findings: Sequence[Finding]) -> list[Rule]:
    """The run's rules plus any other rule a finding refers to (meta, per-folder rules)."""
    out = list(rules)
    seen = {r.id for r in out}
    for finding in findings:
        if finding.rule.id not in seen:
            seen.add(finding.rule.id)
            out.append(finding.rule)
    return out

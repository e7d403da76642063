"""The subcommands. Part of the CLI layer: these may print."""

from __future__ import annotations

import argparse
import gc
import os
import sys
from typing import IO, Any

from claimlint.errors import EXIT_CLEAN, EXIT_FINDINGS, EXIT_USAGE
from claimlint.model import Report, Severity


def _resolver(args: argparse.Namespace) -> Any:
    """Per-path settings: config files (unless --isolated/--config) overridden by flags."""
    from claimlint.config import Overrides, SettingsResolver

    def listed(key: str) -> list[str]:
        return [v.strip() for item in getattr(args, key, None) or [] for v in item.split(",") if v.strip()]

    overrides = Overrides(
        select=listed("select"),
        enable=listed("enable"),
        ignore=listed("ignore"),
        fail_on=getattr(args, "fail_on", None),
        extend_exclude=listed("extend_exclude"),
        rule_files=list(getattr(args, "rules", None) or []),
        baseline=getattr(args, "baseline", None),
        config=getattr(args, "config", None),
        isolated=bool(getattr(args, "isolated", False)),
    )
    return SettingsResolver(overrides)


def _settings(args: argparse.Namespace) -> Any:
    return _resolver(args).for_path(".")


def _use_color(stream: IO[str]) -> bool:
    if os.environ.get("NO_COLOR"):
        return False
    return bool(getattr(stream, "isatty", lambda: False)())


def cmd_check(args: argparse.Namespace) -> int:
    """Lint paths; print problems to stderr and the report to stdout or --output."""
    from claimlint.plugins import get_registry
    from claimlint.runner import Outcome, RunRequest, run

    registry = get_registry(disk_cache=not args.no_cache)
    spec = registry.reporters.get(args.format)
    if spec is None:
        known = ", ".join(sorted(registry.reporters))
        sys.stderr.write(f"claimlint: error: unknown format {args.format!r} (known: {known})\n")
        return EXIT_USAGE
    paths = args.paths or ["."]
    problem = _check_modes(args, paths)
    if problem:
        sys.stderr.write(f"claimlint: error: {problem}\n")
        return EXIT_USAGE
    stdin_text = _read_stdin() if "-" in paths else None
    resolver = _resolver(args)
    settings = resolver.for_run(paths)
    request = RunRequest(
        paths,
        settings,
        stdin_text,
        args.stdin_filename or "-",
        not args.no_prefilter,
        keep_sources=args.format == "html",
        resolver=resolver,
        fix=args.fix,
        diff=args.diff,
        write_baseline=args.write_baseline,
        jobs=args.jobs,
        cache=not args.no_cache,
        resume_gc=not gc.isenabled(),
    )
    from claimlint.progress import ProgressBar, wanted

    bar = ProgressBar(sys.stderr) if wanted(sys.stderr, spec.name, spec.machine, args.quiet) else None
    try:
        outcome = Outcome()
        report = run(request, registry, progress=bar, outcome=outcome)
    finally:
        if bar:
            bar.close()
    for file_problem in report.problems:
        sys.stderr.write(f"{file_problem}\n")
    if args.write_baseline or args.diff:
        return _baseline_or_diff(outcome, args)
    _report_fixes(outcome, args)
    if args.statistics:
        _statistics(report, sys.stdout)
    else:
        _render(spec, report, args)
    _write_sarif(report, args, registry)
    return exit_code(report, settings.fail_on)


def _read_stdin() -> bytes:
    """Stdin as bytes, so it is decoded like a file (BOM, strict UTF-8, ``encoding`` config)."""
    buffer = getattr(sys.stdin, "buffer", None)
    return buffer.read() if buffer is not None else sys.stdin.read().encode("utf-8", "surrogateescape")


def _check_modes(args: argparse.Namespace, paths: list[str]) -> str:
    """Combinations of --fix/--diff/--write-baseline that cannot work, as a message."""
    if args.write_baseline and (args.fix or args.diff):
        return "--write-baseline cannot be combined with --fix or --diff"
    if args.fix and not args.diff and "-" in paths:
        return "--fix cannot rewrite stdin; use --diff to see the fixes"
    return ""


def _baseline_or_diff(outcome: Any, args: argparse.Namespace) -> int:
    """``--write-baseline`` and ``--diff`` print a summary (and the diff), not the report."""
    problems = bool(outcome.report.problems)
    if args.write_baseline:
        pruned = f", pruned {outcome.baseline_pruned} stale" if outcome.baseline_pruned else ""
        count = outcome.baseline_entries
        sys.stderr.write(f"claimlint: wrote {count} approved findings to {args.write_baseline}{pruned}\n")
        return EXIT_USAGE if problems else EXIT_CLEAN
    for fix in outcome.fixes:
        sys.stdout.write(fix.diff)
    total = sum(f.count for f in outcome.fixes)
    sys.stderr.write(f"claimlint: {total} fixable findings in {len(outcome.fixes)} files (--diff wrote nothing)\n")
    if problems:
        return EXIT_USAGE
    return EXIT_FINDINGS if outcome.fixes else EXIT_CLEAN


def _report_fixes(outcome: Any, args: argparse.Namespace) -> None:
    if not args.fix:
        return
    total = sum(f.count for f in outcome.fixes)
    left = len(outcome.report.findings)
    sys.stderr.write(f"claimlint: fixed {total} findings in {len(outcome.fixes)} files; {left} remaining\n")


def _statistics(report: Report, stream: IO[str]) -> None:
    """Counts per rule, most frequent first, ``[*]`` marking rules ``--fix`` can fix (like ruff)."""
    counts: dict[str, int] = {}
    rules: dict[str, Any] = {}
    for finding in report.findings:
        counts[finding.rule.id] = counts.get(finding.rule.id, 0) + 1
        rules[finding.rule.id] = finding.rule
    width = len(str(max(counts.values(), default=0)))
    for rule_id, n in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])):
        rule = rules[rule_id]
        mark = "[*]" if rule.replace is not None and rule.type != "meta" else "   "
        stream.write(f"{n:>{width}}\t{rule_id}\t{mark} {rule.name}\n")


def cmd_config(args: argparse.Namespace) -> int:
    """Show the effective configuration for a path, and where each value came from."""
    from claimlint.config import describe

    settings = _resolver(args).for_path(args.path)
    rows = describe(settings)
    if args.format == "json":
        import json

        data = {
            "config": settings.config.path if settings.config else None,
            "settings": {k: {"value": v, "origin": o} for k, v, o in rows},
        }
        sys.stdout.write(json.dumps(data, indent=2) + "\n")
        return EXIT_CLEAN
    source = settings.config.path if settings.config else "none (defaults and command line only)"
    sys.stdout.write(f"# config file: {source}\n")
    width = max(len(k) for k, _v, _o in rows)
    for key, value, origin in rows:
        sys.stdout.write(f"{key:<{width}} = {_show(value)}  # {origin}\n")
    return EXIT_CLEAN


def _show(value: Any) -> str:
    import json

    return json.dumps(value, ensure_ascii=False)


def _render(spec: Any, report: Report, args: argparse.Namespace) -> None:
    options = {"quiet": args.quiet, "output": args.output}
    if args.output:
        from claimlint.atomic import atomic_open

        with atomic_open(args.output) as fh:
            spec.factory(options).render(report, fh)
        return
    options["color"] = _use_color(sys.stdout) and not spec.machine
    spec.factory(options).render(report, sys.stdout)


def _write_sarif(report: Report, args: argparse.Namespace, registry: Any) -> None:
    """``--sarif-file``: a SARIF copy of the same run, so one CI step gets annotations and code scanning."""
    if not getattr(args, "sarif_file", None):
        return
    from claimlint.atomic import atomic_open

    with atomic_open(args.sarif_file) as fh:
        registry.reporters["sarif"].factory({}).render(report, fh)


def exit_code(report: Report, fail_on: str) -> int:
    """2 if any file could not be read, else 1 if a finding reaches ``fail_on``."""
    if report.problems:
        return EXIT_USAGE
    if fail_on == "never":
        return EXIT_CLEAN
    threshold = Severity.parse(fail_on)
    return EXIT_FINDINGS if any(f.severity >= threshold for f in report.findings) else EXIT_CLEAN


def _load_rules(args: argparse.Namespace) -> list[Any]:
    from claimlint.config import load_ruleset, select_rules
    from claimlint.plugins import get_registry

    settings = _settings(args)
    return select_rules(load_ruleset(settings, get_registry()).rules, settings)


def cmd_rules(args: argparse.Namespace) -> int:
    """List the rules as a table, Markdown reference or JSON."""
    from claimlint import ruledocs

    rules = _load_rules(args)
    sys.stdout.write(ruledocs.render(rules, args.format))
    return EXIT_CLEAN


def cmd_explain(args: argparse.Namespace) -> int:
    """Explain one rule for a reviewer."""
    from claimlint import ruledocs

    rules = _load_rules(args)
    wanted = args.rule_id.lower()
    for rule in rules:
        if wanted in (rule.id.lower(), rule.name.lower()):
            sys.stdout.write(ruledocs.explain(rule))
            return EXIT_CLEAN
    sys.stderr.write(f"claimlint: error: no rule {args.rule_id!r} (see 'claimlint rules')\n")
    return EXIT_USAGE


def cmd_test_rules(args: argparse.Namespace) -> int:
    """Run every rule's examples; print failures as file:line."""
    from claimlint.plugins import get_registry
    from claimlint.selftest import run_examples

    registry = get_registry()
    failures, checked = run_examples(args.files, registry)
    for failure in failures:
        sys.stdout.write(f"{failure}\n")
    status = "FAILED" if failures else "ok"
    sys.stdout.write(f"test-rules: {checked} examples checked, {len(failures)} failed: {status}\n")
    return EXIT_FINDINGS if failures else EXIT_CLEAN


def cmd_clean(args: argparse.Namespace) -> int:
    """Delete the cache files (rule sets, plugin scan, per-file results), like ``ruff clean``."""
    from claimlint import cache

    folder = cache.cache_dir()
    removed = cache.clean(folder)
    sys.stdout.write(f"claimlint: removed {removed} cache files from {folder}\n")
    return EXIT_CLEAN

"""The subcommands. Part of the CLI layer: these may print."""

from __future__ import annotations

import argparse
import os
import sys
from typing import IO, Any

from claimlint.errors import EXIT_CLEAN, EXIT_FINDINGS, EXIT_USAGE
from claimlint.model import Report, Severity


def _settings(args: argparse.Namespace) -> Any:
    from claimlint.config import Settings

    settings = Settings()
    if getattr(args, "rules", None):
        settings.extends = []
        settings.rule_files = list(args.rules)
    for key in ("select", "ignore"):
        if getattr(args, key, None):
            setattr(settings, key, list(getattr(args, key)))
    if getattr(args, "fail_on", None):
        settings.fail_on = args.fail_on
    return settings


def _use_color(stream: IO[str]) -> bool:
    if os.environ.get("NO_COLOR"):
        return False
    return bool(getattr(stream, "isatty", lambda: False)())


def cmd_check(args: argparse.Namespace) -> int:
    """Lint paths; print problems to stderr and the report to stdout or --output."""
    from claimlint.plugins import get_registry
    from claimlint.runner import RunRequest, run

    registry = get_registry()
    spec = registry.reporters.get(args.format)
    if spec is None:
        known = ", ".join(sorted(registry.reporters))
        sys.stderr.write(f"claimlint: error: unknown format {args.format!r} (known: {known})\n")
        return EXIT_USAGE
    paths = args.paths or ["."]
    stdin_text = sys.stdin.read() if "-" in paths else None
    settings = _settings(args)
    request = RunRequest(
        paths,
        settings,
        stdin_text,
        args.stdin_filename or "-",
        not args.no_prefilter,
        keep_sources=args.format == "html",
    )
    from claimlint.progress import ProgressBar, wanted

    bar = ProgressBar(sys.stderr) if wanted(sys.stderr, spec.name, spec.machine, args.quiet) else None
    try:
        report = run(request, registry, progress=bar)
    finally:
        if bar:
            bar.close()
    for problem in report.problems:
        sys.stderr.write(f"{problem}\n")
    _render(spec, report, args)
    _write_sarif(report, args, registry)
    return exit_code(report, settings.fail_on)


def _render(spec: Any, report: Report, args: argparse.Namespace) -> None:
    options = {"quiet": args.quiet, "output": args.output}
    if args.output:
        import io

        from claimlint.atomic import atomic_write_text

        buffer = io.StringIO()
        spec.factory(options).render(report, buffer)
        atomic_write_text(args.output, buffer.getvalue())
        return
    options["color"] = _use_color(sys.stdout) and not spec.machine
    spec.factory(options).render(report, sys.stdout)


def _write_sarif(report: Report, args: argparse.Namespace, registry: Any) -> None:
    """``--sarif-file``: a SARIF copy of the same run, so one CI step gets annotations and code scanning."""
    if not getattr(args, "sarif_file", None):
        return
    import io

    from claimlint.atomic import atomic_write_text

    buffer = io.StringIO()
    registry.reporters["sarif"].factory({}).render(report, buffer)
    atomic_write_text(args.sarif_file, buffer.getvalue())


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

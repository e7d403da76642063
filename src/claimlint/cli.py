"""Command line: ``main(argv) -> int``, argument parsing and the error handler.

Exit codes: 0 clean, 1 findings at or above ``--fail-on``, 2 usage, config or
input error, 3 internal or plugin error, 130 interrupted. Heavy modules are
imported inside the commands so ``claimlint check one.md`` starts fast.
"""

from __future__ import annotations

import argparse
import gc
import os
import sys
from collections.abc import Sequence
from typing import IO, Any

from claimlint import __version__
from claimlint.errors import EXIT_CLEAN, EXIT_INTERNAL, EXIT_INTERRUPT, EXIT_USAGE

FAIL_LEVELS = ("error", "warning", "info", "never")


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> Any:
        from claimlint.errors import UsageError

        raise UsageError(f"{message} (see '{self.prog} --help')")


def build_parser() -> argparse.ArgumentParser:
    """The full argument parser (also used to document the CLI)."""
    parser = _Parser(prog="claimlint", description="Lint health-marketing copy for risky claims.")
    parser.add_argument("--version", action="store_true", help="show version and installed plugins")
    sub = parser.add_subparsers(dest="command", parser_class=_Parser)
    _add_check(sub.add_parser("check", help="lint files and folders"))
    rules = sub.add_parser("rules", help="list the rules")
    _add_rule_source(rules)
    _add_config_source(rules)
    rules.add_argument("--format", default="text", choices=("text", "markdown", "json"))
    explain = sub.add_parser("explain", help="explain one rule")
    _add_rule_source(explain)
    _add_config_source(explain)
    explain.add_argument("rule_id", metavar="ID")
    config = sub.add_parser("config", help="show the effective configuration and where each value comes from")
    config.add_argument("path", nargs="?", default=".", metavar="PATH", help="file or folder whose config to show")
    _add_rule_source(config)
    _add_selection(config)
    _add_project(config)
    config.add_argument("--format", default="text", choices=("text", "json"))
    test = sub.add_parser("test-rules", help="check every rule's bad/good examples")
    test.add_argument("files", nargs="*", metavar="RULES.yaml", help="rule files (default: the default pack)")
    sub.add_parser("clean", help="delete the rule and result caches (~/.cache/claimlint or $CLAIMLINT_CACHE_DIR)")
    return parser


def _add_rule_source(p: argparse.ArgumentParser) -> None:
    p.add_argument("--rules", action="append", default=[], metavar="FILE", help="rule file instead of the default pack")


def _add_selection(p: argparse.ArgumentParser) -> None:
    p.add_argument("--fail-on", choices=FAIL_LEVELS, help="lowest severity that fails the run (default: warning)")
    p.add_argument("--select", action="append", default=[], metavar="ID", help="only these ids/prefixes/categories")
    p.add_argument("--ignore", action="append", default=[], metavar="ID", help="skip these ids/prefixes/categories")
    p.add_argument("--enable", action="append", default=[], metavar="ID", help="turn on rules shipped disabled")


def _add_config_source(p: argparse.ArgumentParser) -> None:
    p.add_argument("--config", metavar="FILE", help="use this config file instead of searching for one")
    p.add_argument("--isolated", action="store_true", help="ignore all config files")


def _add_project(p: argparse.ArgumentParser) -> None:
    _add_config_source(p)
    p.add_argument("--extend-exclude", action="append", default=[], metavar="GLOB", help="also skip these globs")


def _add_check(p: argparse.ArgumentParser) -> None:
    p.add_argument("paths", nargs="*", metavar="PATH", help="files and folders; '-' reads stdin (default: .)")
    _add_rule_source(p)
    p.add_argument("--format", default="text", metavar="FORMAT", help="text (default), json, github, sarif, html, ...")
    p.add_argument("--output", "-o", metavar="FILE", help="write the report to FILE instead of stdout")
    p.add_argument("--sarif-file", metavar="FILE", help="also write SARIF 2.1.0 to FILE (with any --format)")
    p.add_argument("--stdin-filename", metavar="NAME", help="name (and format) for text read from stdin")
    _add_selection(p)
    _add_project(p)
    p.add_argument("--quiet", "-q", action="store_true", help="findings only, no detail or summary")
    p.add_argument("--statistics", action="store_true", help="print counts per rule instead of the findings")
    p.add_argument("--fix", action="store_true", help="apply the mechanical replacements of fixable rules")
    p.add_argument("--diff", action="store_true", help="print the fixes as a unified diff; write nothing")
    p.add_argument("--baseline", metavar="FILE", help="report only findings not approved in this baseline file")
    p.add_argument("--write-baseline", metavar="FILE", help="record the current findings as the approved baseline")
    p.add_argument("--jobs", "-j", type=_jobs, metavar="N", help="worker processes (default: all cores; 1: serial)")
    p.add_argument(
        "--no-cache",
        action="store_true",
        help="do not read or write the rule and result caches (~/.cache/claimlint)",
    )
    p.add_argument("--no-prefilter", action="store_true", help=argparse.SUPPRESS)


def _jobs(value: str) -> int:
    """``--jobs``: a positive number of processes, or 0 for all cores."""
    try:
        jobs = int(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a number: {value!r}") from None
    if jobs < 0:
        raise argparse.ArgumentTypeError("must be 0 (all cores) or more")
    return jobs


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point for the console script and ``python -m claimlint``.

    A ``check`` in a process of its own (no ``argv``) starts with the cyclic
    garbage collector paused: imports, the rule cache and compiled rules are some
    300,000 objects that all stay, and collections while they are built only
    walk them again (about 5% of a one-page run's instructions). ``check``
    resumes it once its rules are compiled (``RunRequest.resume_gc``);
    in-process callers keep their collector as it is.
    """
    args_list = list(sys.argv[1:] if argv is None else argv)
    paused = argv is None and args_list[:1] == ["check"]
    if paused:
        gc.disable()
    try:
        return _dispatch(args_list)
    except KeyboardInterrupt:
        sys.stderr.write("claimlint: interrupted\n")
        return EXIT_INTERRUPT
    except BrokenPipeError:
        _silence_stdout()
        return EXIT_CLEAN
    except Exception as exc:  # noqa: BLE001 - the last line of defence
        return _handle_error(exc)
    finally:
        if paused:
            gc.enable()


def _handle_error(exc: Exception) -> int:
    from claimlint.errors import ClaimlintError, ConfigErrors

    if isinstance(exc, ConfigErrors):
        for err in exc.errors:
            sys.stderr.write(f"{err}\n")
        return exc.exit_code
    if isinstance(exc, ClaimlintError):
        sys.stderr.write(f"claimlint: error: {exc}\n")
        return exc.exit_code
    if isinstance(exc, OSError):
        where = f"{exc.filename}: " if exc.filename else ""
        sys.stderr.write(f"claimlint: error: {where}{exc.strerror or exc}\n")
        return EXIT_USAGE
    sys.stderr.write(
        f"claimlint: internal error: {type(exc).__name__}: {exc}\n"
        "This is a bug in claimlint; please report it with the command you ran and the input file.\n"
    )
    return EXIT_INTERNAL


def _silence_stdout() -> None:
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except OSError:
        pass


def _dispatch(argv: list[str]) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.version:
        return _version()
    if args.command is None:
        parser.print_help()
        return EXIT_USAGE
    from claimlint import commands

    handler = getattr(commands, "cmd_" + args.command.replace("-", "_"))
    return int(handler(args))


def _version() -> int:
    from claimlint.plugins import get_registry

    out: IO[str] = sys.stdout
    out.write(f"claimlint {__version__}\n")
    plugins = get_registry().plugins
    if plugins:
        out.write("plugins:\n")
        for name, dist, version in plugins:
            out.write(f"  {name} ({dist} {version})\n")
    else:
        out.write("plugins: none\n")
    return EXIT_CLEAN

"""Run a whole check: rules → files → engine → Report. Never prints."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from claimlint.config import Settings, load_ruleset, select_rules
from claimlint.discover import Target, iter_targets
from claimlint.engine import CompiledRules, FileResult, check_text, compile_rules
from claimlint.files import BinaryFile, ReadError, decode, read_bytes
from claimlint.model import FileProblem, Finding, Report
from claimlint.plugins import Registry


@dataclass
class RunRequest:
    """What to lint and how."""

    paths: Sequence[str]
    settings: Settings
    stdin_text: str | None = None
    stdin_name: str = "-"
    prefilter: bool = True
    keep_sources: bool = False


def prepare(settings: Settings, registry: Registry) -> CompiledRules:
    """Load, select and compile the rules (fails fast on config errors)."""
    ruleset = load_ruleset(settings, registry)
    return compile_rules(select_rules(ruleset.rules, settings), registry.rule_types)


def run(request: RunRequest, registry: Registry, progress: Callable[[int, int], None] | None = None) -> Report:
    """Lint every requested file and collect the report."""
    compiled = prepare(request.settings, registry)
    extensions = registry.extensions()
    findings: list[Finding] = []
    problems: list[FileProblem] = []
    sources: dict[str, str] = {}
    files = 0
    targets = _targets(request, extensions, problems)
    for i, target in enumerate(targets):
        text, result = _lint_target(target, request, registry, compiled)
        if result is None:
            continue
        if text is None:
            problems.extend(result.problems)
            continue
        files += 1
        findings.extend(result.findings)
        problems.extend(result.problems)
        if request.keep_sources:
            sources[target.path] = text
        if progress:
            progress(i + 1, len(targets))
    findings.sort(key=Finding.sort_key)
    return Report(findings, problems, files, compiled.rules, sources)


def _targets(request: RunRequest, extensions: dict[str, str], problems: list[FileProblem]) -> list[Target]:
    out: list[Target] = []
    paths = [p for p in request.paths if p != "-"]
    if request.stdin_text is not None:
        from claimlint.discover import format_for

        fmt = format_for(request.stdin_name, extensions) or "text"
        out.append(Target(request.stdin_name, fmt, True, stdin=True))
    for item in iter_targets(paths, extensions):
        if isinstance(item, Target):
            out.append(item)
        else:
            problems.append(FileProblem(item[0], item[1]))
    return out


def _lint_target(
    target: Target, request: RunRequest, registry: Registry, compiled: CompiledRules
) -> tuple[str | None, FileResult | None]:
    if target.stdin and request.stdin_text is not None:
        text = request.stdin_text
    else:
        try:
            text = decode(read_bytes(target.path)).text
        except BinaryFile as exc:
            if not target.explicit:
                return None, None
            return None, FileResult([], [FileProblem(target.path, str(exc))])
        except ReadError as exc:
            return None, FileResult([], [FileProblem(target.path, str(exc))])
    fmt = registry.formats.get(target.format) or registry.formats["text"]
    result = check_text(target.path, text, fmt, compiled, request.prefilter, request.settings.require_reasons)
    return text, result

"""GitHub workflow commands: escaping, severity mapping, and the job summary."""

from __future__ import annotations

import io
import re
from pathlib import Path

import pytest

from claimlint.cli import main
from claimlint.model import FileProblem, Finding, Report, Rule, Severity
from claimlint.reporters.github import (
    GithubReporter,
    annotation,
    cell,
    command,
    escape_data,
    escape_property,
    summary_markdown,
)

RULES = """\
version: 1
rules:
  - id: T001
    name: miracle-cure
    category: cure-claim
    severity: error
    type: phrase
    phrases: ["miracle cure"]
    message: "Promises a cure."
    suggestion: "Say what the evidence shows."
"""

COMMAND_RE = re.compile(r"^::(?P<name>[a-z]+)(?: (?P<props>[^:]*))?::(?P<data>.*)$")


def unescape_data(value: str) -> str:
    """The runner's inverse (ActionCommand.cs): %0D, %0A, then %25 last."""
    return value.replace("%0D", "\r").replace("%0A", "\n").replace("%25", "%")


def unescape_property(value: str) -> str:
    return value.replace("%0D", "\r").replace("%0A", "\n").replace("%3A", ":").replace("%2C", ",").replace("%25", "%")


def parse_command(line: str) -> tuple[str, dict[str, str], str]:
    """Split one workflow command the way the runner does: props on ',', then the first '='."""
    m = COMMAND_RE.match(line)
    assert m, line
    props = {}
    for pair in (m["props"] or "").split(","):
        if pair:
            key, _, value = pair.partition("=")
            props[key] = unescape_property(value)
    return m["name"], props, unescape_data(m["data"])


def make_rule(severity: Severity = Severity.ERROR, message: str = "Risky claim.", suggestion: str = "") -> Rule:
    return Rule("CL900", "test-rule", "cure-claim", severity, "phrase", message, suggestion)


def make_finding(path: str = "docs/page.md", rule: Rule | None = None, line: int = 3, match: str = "cures") -> Finding:
    return Finding(path, line, 5, line, 5 + len(match), rule or make_rule(), match)


def make_report(findings: list[Finding], problems: list[FileProblem] | None = None) -> Report:
    return Report(
        findings, problems or [], 2, sorted({f.rule.id: f.rule for f in findings}.values(), key=lambda r: r.id)
    )


def test_escape_rules_match_the_actions_toolkit() -> None:
    assert escape_data("100% a:b,c\r\nd") == "100%25 a:b,c%0D%0Ad"
    assert escape_property("100% a:b,c\r\nd") == "100%25 a%3Ab%2Cc%0D%0Ad"
    assert escape_data("%0A") == "%250A"


@pytest.mark.parametrize(
    "text",
    ["plain", "50%% off: now, today", "line1\nline2\r\nline3", "%0A literal", "a::b", "trailing,", "=eq=", "ü ünïcode"],
)
def test_escaping_round_trips_through_the_runner_parser(text: str) -> None:
    line = command("warning", {"file": f"dir,{text}.md", "title": text}, text)
    assert "\n" not in line
    assert "\r" not in line
    name, props, data = parse_command(line)
    assert name == "warning"
    assert props == {"file": f"dir,{text}.md", "title": text}
    assert data == text


def test_annotation_has_every_property_and_message_with_suggestion() -> None:
    rule = make_rule(message="Says 'cures': 100% wrong, really.", suggestion="Say 'may help with {match}'.")
    finding = Finding("we,ird:dir/100% page.md", 4, 7, 5, 2, rule, "pain")
    name, props, data = parse_command(annotation(finding))
    assert name == "error"
    assert props == {
        "file": "we,ird:dir/100% page.md",
        "line": "4",
        "endLine": "5",
        "col": "7",
        "endColumn": "2",
        "title": "CL900 test-rule",
    }
    assert data == "Says 'cures': 100% wrong, really.\nSuggestion: Say 'may help with pain'."


@pytest.mark.parametrize(
    ("severity", "name"), [(Severity.ERROR, "error"), (Severity.WARNING, "warning"), (Severity.INFO, "notice")]
)
def test_severity_maps_to_command(severity: Severity, name: str) -> None:
    assert annotation(make_finding(rule=make_rule(severity))).startswith(f"::{name} ")


def test_message_without_suggestion_has_no_suggestion_line() -> None:
    assert parse_command(annotation(make_finding()))[2] == "Risky claim."


def test_empty_properties_are_left_out() -> None:
    assert command("error", {"file": "a.md", "line": "", "col": None}, "x") == "::error file=a.md::x"
    assert command("notice", {}, "x") == "::notice::x"


def test_render_writes_problems_and_findings_without_summary(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("GITHUB_STEP_SUMMARY", raising=False)
    out = io.StringIO()
    report = make_report([make_finding()], [FileProblem("gone.md", "file not found")])
    GithubReporter({}).render(report, out)
    lines = out.getvalue().splitlines()
    assert [parse_command(x)[0] for x in lines] == ["error", "error"]
    assert parse_command(lines[0])[1]["file"] == "gone.md"
    assert parse_command(lines[0])[2] == "file not found"


def test_cell_escapes_pipes_and_newlines() -> None:
    assert cell("a|b\nc\r\nd\\") == "a\\|b<br>c<br>d\\\\"


def test_summary_lists_every_finding_with_totals() -> None:
    rule = make_rule(Severity.WARNING, "Pipe | in message.", "Use a|b.")
    findings = [make_finding(rule=rule, line=n) for n in range(1, 61)]
    text = summary_markdown(make_report(findings))
    rows = [x for x in text.splitlines() if x.startswith("| docs/page.md:")]
    assert len(rows) == 60
    assert rows[0] == "| docs/page.md:1:5 | CL900 test-rule | warning | Pipe \\| in message. | Use a\\|b. |"
    assert rows[0].count(" | ") == 4
    assert "**Totals:** 60 findings (0 error, 60 warning, 0 info) in 2 files." in text


def test_summary_of_clean_run_has_no_table() -> None:
    text = summary_markdown(make_report([]))
    assert "| Location" not in text
    assert "No findings in 2 files." in text


def test_summary_is_appended_never_overwritten(tmp_path: Path) -> None:
    summary = tmp_path / "summary.md"
    summary.write_text("# Earlier step\n", encoding="utf-8")
    reporter = GithubReporter({"step_summary": str(summary)})
    reporter.render(make_report([make_finding()]), io.StringIO())
    reporter.render(make_report([]), io.StringIO())
    text = summary.read_text(encoding="utf-8")
    assert text.startswith("# Earlier step\n## claimlint")
    assert text.count("## claimlint") == 2


def test_cli_github_format_uses_the_step_summary_env(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    rules = tmp_path / "rules.yaml"
    rules.write_text(RULES, encoding="utf-8")
    page = tmp_path / "page, 100%.txt"
    page.write_text("Intro.\nIt offers a miracle cure today.\n", encoding="utf-8")
    summary = tmp_path / "summary.md"
    monkeypatch.setenv("GITHUB_STEP_SUMMARY", str(summary))
    monkeypatch.chdir(tmp_path)
    assert main(["check", "--rules", str(rules), "--format", "github", page.name]) == 1
    name, props, data = parse_command(capsys.readouterr().out.strip())
    assert (name, props["file"], props["line"], props["col"]) == ("error", "page, 100%.txt", "2", "13")
    assert props["title"] == "T001 miracle-cure"
    assert data == "Promises a cure.\nSuggestion: Say what the evidence shows."
    assert "page, 100%.txt:2:13" in summary.read_text(encoding="utf-8")

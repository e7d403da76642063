"""The CLI end to end, in-process through main(argv) plus one real subprocess."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

RISKY = "Intro.\n\nIt offers a safe and\nnatural option, relief within minutes.\n"


def _write(tmp_path: Path, name: str, text: str) -> str:
    path = tmp_path / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return str(path)


def test_json_shape_is_exact(tmp_path, rules_file, run_cli) -> None:
    path = _write(tmp_path, "a.txt", RISKY)
    rc, out, err = run_cli("check", path, "--rules", rules_file(), "--format", "json")
    assert rc == 1, err
    doc = json.loads(out)
    assert list(doc) == ["version", "findings", "summary"]
    assert doc["version"] == 1
    first = doc["findings"][0]
    assert list(first) == [
        "path", "line", "column", "end_line", "end_column", "rule", "name", "category",
        "severity", "scope", "message", "match", "suggestion", "evidence",
    ]  # fmt: skip
    assert first == {
        "path": path,
        "line": 3,
        "column": 13,
        "end_line": 4,
        "end_column": 8,
        "rule": "T001",
        "name": "natural-claim",
        "category": "natural-claim",
        "severity": "error",
        "scope": "line",
        "message": "Natural implies safe.",
        "match": "safe and\nnatural",
        "suggestion": "Say what it is instead of 'safe and\nnatural'.",
        "evidence": [{"id": "ev1", "citation": "Example citation 2020.", "url": "https://example.org/ev1"}],
    }
    assert doc["summary"] == {"files": 1, "findings": 2, "by_severity": {"error": 1, "warning": 1, "info": 0}}


def test_relative_path_stays_relative(tmp_path, rules_file, run_cli, monkeypatch) -> None:
    _write(tmp_path, "docs/a.txt", RISKY)
    monkeypatch.chdir(tmp_path)
    rc, out, _ = run_cli("check", "docs", "--rules", rules_file(), "--format", "json")
    assert {f["path"] for f in json.loads(out)["findings"]} == {"docs/a.txt"}
    assert rc == 1


def test_text_format(tmp_path, rules_file, run_cli) -> None:
    path = _write(tmp_path, "a.txt", RISKY)
    rc, out, _ = run_cli("check", path, "--rules", rules_file())
    lines = out.splitlines()
    assert lines[0] == f"{path}:3:13: T001 error Natural implies safe."
    assert lines[1] == ["    suggestion: Say what it is instead of 'safe and", "natural'."][0]
    assert "    evidence: Example citation 2020. https://example.org/ev1" in lines
    assert lines[-1] == "Found 2 findings (1 error, 1 warning) in 1 file."
    assert "\033[" not in out
    assert rc == 1


@pytest.mark.parametrize(
    ("fail_on", "text", "expected"),
    [
        ("warning", "clean text", 0),
        ("warning", "a game changer", 0),
        ("info", "a game changer", 1),
        ("warning", "relief within minutes", 1),
        ("error", "relief within minutes", 0),
        ("error", "safe and natural", 1),
        ("never", "safe and natural", 0),
    ],
)
def test_exit_codes_follow_fail_on(tmp_path, rules_file, run_cli, fail_on, text, expected) -> None:
    path = _write(tmp_path, "a.txt", text)
    rc, _, _ = run_cli("check", path, "--rules", rules_file(), "--fail-on", fail_on)
    assert rc == expected


def test_missing_file_is_exit_2_but_others_are_linted(tmp_path, rules_file, run_cli) -> None:
    path = _write(tmp_path, "a.txt", "safe and natural")
    rc, out, err = run_cli("check", str(tmp_path / "nope.md"), path, "--rules", rules_file())
    assert rc == 2
    assert f"{tmp_path / 'nope.md'}: no such file or directory" in err
    assert "T001" in out
    assert "Traceback" not in err


def test_config_error_fails_before_reading_copy(tmp_path, rules_file, run_cli) -> None:
    bad = rules_file("version: 1\nrules:\n  - id: X1\n    name: n\n", "bad.yaml")
    rc, out, err = run_cli("check", str(tmp_path / "does-not-exist.md"), "--rules", bad)
    assert rc == 2
    assert out == ""
    assert err.startswith(f"{bad}:3:5: missing required key")
    assert "does-not-exist" not in err


def test_unknown_format_is_usage_error(tmp_path, rules_file, run_cli) -> None:
    rc, _, err = run_cli("check", str(tmp_path), "--rules", rules_file(), "--format", "nope")
    assert rc == 2
    assert "unknown format 'nope'" in err


def test_bad_flag_is_usage_error(run_cli) -> None:
    rc, _, err = run_cli("check", "--fail-on", "sometimes")
    assert rc == 2
    assert "invalid choice" in err


def test_internal_error_is_exit_3(monkeypatch, tmp_path, rules_file, run_cli) -> None:
    import claimlint.runner

    def boom(*_a, **_k):
        raise RuntimeError("kaboom")

    monkeypatch.setattr(claimlint.runner, "run", boom)
    rc, _, err = run_cli("check", str(tmp_path), "--rules", rules_file())
    assert rc == 3
    assert err.startswith("claimlint: internal error: RuntimeError: kaboom")
    assert "Traceback" not in err


def test_stdin_uses_stdin_filename(monkeypatch, rules_file, run_cli) -> None:
    import io

    monkeypatch.setattr(sys, "stdin", io.StringIO("x\nsafe and natural\n"))
    rc, out, _ = run_cli("check", "-", "--stdin-filename", "page.txt", "--rules", rules_file(), "--format", "json")
    (finding,) = [f for f in json.loads(out)["findings"] if f["rule"] == "T001"]
    assert (finding["path"], finding["line"], finding["column"]) == ("page.txt", 2, 1)
    assert rc == 1


def test_folder_walk_skips_git_node_modules_venv_and_gitignored(tmp_path, rules_file, run_cli) -> None:
    for name in [
        "keep.txt", "sub/keep.md", ".git/x.txt", "node_modules/x.txt", "venv1/x.txt",
        "ignored.txt", "build/x.txt", "image.png", "sub/deeper/also.txt",
    ]:  # fmt: skip
        _write(tmp_path, name, "safe and natural")
    _write(tmp_path, "venv1/pyvenv.cfg", "home = /usr")
    _write(tmp_path, ".gitignore", "ignored.txt\nbuild/\n")
    _write(tmp_path, "sub/.gitignore", "deeper/\n")
    rc, out, _ = run_cli("check", str(tmp_path), "--rules", rules_file(), "--format", "json")
    paths = sorted({os.path.relpath(f["path"], tmp_path) for f in json.loads(out)["findings"]})
    assert paths == ["keep.txt", "sub/keep.md"] if "markdown" in _formats() else ["keep.txt"]
    assert rc == 1


def _formats() -> set[str]:
    from claimlint.plugins import get_registry

    return set(get_registry().formats)


def test_explicit_file_with_unknown_extension_is_linted_as_text(tmp_path, rules_file, run_cli) -> None:
    path = _write(tmp_path, "notes.rst", "safe and natural")
    rc, out, _ = run_cli("check", path, "--rules", rules_file(), "--format", "json")
    assert [f["rule"] for f in json.loads(out)["findings"]] == ["T001"]
    assert rc == 1


def test_rules_and_explain(rules_file, run_cli) -> None:
    rc, out, _ = run_cli("rules", "--rules", rules_file())
    assert rc == 0
    assert out.splitlines()[1].split() == ["T001", "error", "natural-claim", "natural-claim"]
    rc, out, _ = run_cli("explain", "T001", "--rules", rules_file())
    assert rc == 0
    assert "Natural implies safe." in out
    assert "Example citation 2020." in out
    rc, _, err = run_cli("explain", "NOPE", "--rules", rules_file())
    assert rc == 2
    assert "no rule 'NOPE'" in err


def test_test_rules_reports_file_line(rules_file, run_cli) -> None:
    bad = rules_file(
        """\
        version: 1
        rules:
          - id: T9
            name: n
            category: c
            severity: error
            type: phrase
            phrases: ["wonder drug"]
            message: m
            examples:
              bad: ["a wonder drug", "no match here"]
              good: ["fine", "a wonder drug indeed"]
        """,
        "packx.yaml",
    )
    rc, out, _ = run_cli("test-rules", bad)
    assert rc == 1
    assert f"{bad}:11:30: T9 bad example not flagged: 'no match here'" in out
    assert f"{bad}:12:22: T9 good example flagged: 'a wonder drug indeed'" in out


def test_no_command_prints_help(run_cli) -> None:
    rc, out, _ = run_cli()
    assert rc == 2
    assert "check" in out


def test_python_dash_m_subprocess(tmp_path, rules_file) -> None:
    path = _write(tmp_path, "a.txt", "safe and natural")
    proc = subprocess.run(
        [sys.executable, "-m", "claimlint", "check", path, "--rules", rules_file()],
        capture_output=True,
        text=True,
        env={**os.environ, "NO_COLOR": "1"},
        check=False,
    )
    assert proc.returncode == 1, proc.stderr
    assert f"{path}:1:1: T001 error" in proc.stdout


def test_version(run_cli) -> None:
    rc, out, _ = run_cli("--version")
    assert rc == 0
    assert out.startswith("claimlint ")

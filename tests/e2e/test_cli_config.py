"""Living with claimlint in a content repo: config files, suppression, baseline, --fix."""

from __future__ import annotations

import codecs
import json
import os
import re
import stat
import textwrap
from pathlib import Path

import pytest
from ruledata import RULES

CONFIG = "extends: []\nrules: [rules.yaml]\n"


@pytest.fixture
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A content repo with a rules file and a minimal config, as the working folder."""
    (tmp_path / "rules.yaml").write_text(textwrap.dedent(RULES), encoding="utf-8")
    (tmp_path / ".claimlint.yaml").write_text(CONFIG, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def _put(path: str, text: str) -> Path:
    p = Path(path)
    p.parent.mkdir(parents=True, exist_ok=True)
    p.write_text(text, encoding="utf-8")
    return p


def _config(extra: str) -> None:
    Path(".claimlint.yaml").write_text(CONFIG + textwrap.dedent(extra), encoding="utf-8")


def _ids(out: str) -> list[str]:
    lines = [line for line in out.splitlines() if ": T0" in line or ": CL9" in line]
    return [line.split(": ", 1)[0] + " " + line.split()[1] for line in lines]


# --- config -----------------------------------------------------------------


def test_config_file_is_found_and_cli_overrides_it(repo: Path, run_cli) -> None:
    _config("select: [T010]\nfail-on: error\n")
    _put("a.txt", "A wonder drug, safe and natural.\n")
    rc, out, _ = run_cli("check", "-q")
    assert _ids(out) == ["a.txt:1:3 T010"]
    assert rc == 0
    rc, out, _ = run_cli("check", "-q", "--select", "T001,T010", "--fail-on", "warning")
    assert _ids(out) == ["a.txt:1:3 T010", "a.txt:1:16 T001"]
    assert rc == 1


def test_nearest_config_governs_each_folder(repo: Path, run_cli) -> None:
    _put("blog/.claimlint.yaml", "extends: []\nrules: [../rules.yaml]\nignore: [natural-claim]\n")
    _put("a.txt", "safe and natural\n")
    _put("blog/b.txt", "safe and natural, a wonder drug\n")
    _, out, _ = run_cli("check", "-q")
    assert _ids(out) == ["a.txt:1:1 T001", "blog/b.txt:1:21 T010"]


def test_pyproject_table(repo: Path, run_cli) -> None:
    Path(".claimlint.yaml").unlink()
    _put("pyproject.toml", '[project]\nname = "site"\n\n[tool.claimlint]\nextends = []\nrules = ["rules.yaml"]\n')
    _put("a.txt", "safe and natural\n")
    _, out, _ = run_cli("check", "-q")
    assert _ids(out) == ["a.txt:1:1 T001"]


def test_isolated_and_explicit_config(repo: Path, run_cli) -> None:
    _put("strict.yaml", "extends: []\nrules: [rules.yaml]\nselect: [T010]\n")
    _put("a.txt", "A wonder drug, safe and natural.\n")
    _, out, _ = run_cli("check", "-q", "--config", "strict.yaml")
    assert _ids(out) == ["a.txt:1:3 T010"]
    rc, _, err = run_cli("check", "-q", "--isolated", "--rules", "rules.yaml", "a.txt")
    assert rc == 1, err


def test_rules_and_explain_follow_the_project_config_or_the_flags(repo: Path, run_cli) -> None:
    """A reviewer running `claimlint rules` in a content repo sees that repo's rules; the flags work as in check."""
    _config("select: [T001]\n")
    _put("strict.yaml", "extends: []\nrules: [rules.yaml]\nselect: [T010]\n")
    assert _listed(run_cli("rules")[1]) == {"T001"}
    assert _listed(run_cli("rules", "--config", "strict.yaml")[1]) == {"T010"}
    rc, out, _ = run_cli("explain", "T010", "--config", "strict.yaml")
    assert rc == 0
    assert out.startswith("T010")
    rc, _, err = run_cli("explain", "T010")
    assert rc == 2
    assert "no rule 'T010'" in err
    isolated = _listed(run_cli("rules", "--isolated")[1])
    assert "T001" not in isolated
    assert "CL071" in isolated


def _listed(table: str) -> set[str]:
    return {m.group() for m in re.finditer(r"(?m)^(?:T|CL)\d+\b", table)}


def test_unknown_key_is_a_located_error(repo: Path, run_cli) -> None:
    _config("selct: [T001]\n")
    _put("a.txt", "fine\n")
    rc, out, err = run_cli("check")
    assert rc == 2
    assert out == ""
    assert err.endswith(" .claimlint.yaml:3:1: unknown key 'selct' (did you mean 'select'?)\n")


def test_wrong_type_in_pyproject_is_located(repo: Path, run_cli) -> None:
    Path(".claimlint.yaml").unlink()
    _put("pyproject.toml", '[tool.claimlint]\nextends = []\n\nrequire-reasons = "no"\n')
    rc, _, err = run_cli("check", ".")
    assert rc == 2
    assert err.endswith(" pyproject.toml:4:1: 'require-reasons' must be true or false\n")


def test_unknown_format_in_config_is_located(repo: Path, run_cli) -> None:
    _config("formats:\n  .copy: klingon\n")
    rc, _, err = run_cli("check", ".")
    assert rc == 2
    assert " .claimlint.yaml:4:3: unknown source format 'klingon' (known: " in err


def test_config_command_shows_values_and_origins(repo: Path, run_cli) -> None:
    _config("fail-on: error\n")
    rc, out, _ = run_cli("config", "--select", "T001")
    assert rc == 0
    lines = {line.split()[0]: line for line in out.splitlines() if not line.startswith("#")}
    assert lines["fail-on"].endswith('"error"  # .claimlint.yaml:3')
    assert lines["select"].endswith('["T001"]  # cli')
    assert lines["ignore"].endswith("[]  # default")
    rc, out, _ = run_cli("config", "--format", "json", "--isolated")
    assert json.loads(out)["settings"]["extends"] == {"value": ["default"], "origin": "default"}


def test_exclude_include_and_extend_exclude(repo: Path, run_cli) -> None:
    _config("exclude: [drafts/]\ninclude: ['*.txt']\n")
    for name in ("a.txt", "drafts/b.txt", "vendor/c.txt", "d.text"):
        _put(name, "safe and natural\n")
    _, out, _ = run_cli("check", "-q", "--extend-exclude", "vendor")
    assert _ids(out) == ["a.txt:1:1 T001"]
    _, out, _ = run_cli("check", "-q", "drafts/b.txt")
    assert _ids(out) == ["drafts/b.txt:1:1 T001"]


def test_per_file_ignores(repo: Path, run_cli) -> None:
    _config("per-file-ignores:\n  'legal/**': [natural-claim]\n")
    _put("legal/terms.txt", "safe and natural\n")
    _put("a.txt", "safe and natural\n")
    _, out, _ = run_cli("check", "-q")
    assert _ids(out) == ["a.txt:1:1 T001"]


def test_severity_override_and_formats_and_encoding(repo: Path, run_cli) -> None:
    _config("severity: {T001: info}\nformats: {copy: text}\nencoding: {'*.copy': latin-1}\n")
    Path("page.copy").write_bytes("Caf\xe9: safe and natural\n".encode("latin-1"))
    rc, out, _ = run_cli("check", "-q")
    assert "page.copy:1:7: T001 info" in out
    assert rc == 0


# --- suppression ------------------------------------------------------------


def test_suppression_needs_a_reason_by_default(repo: Path, run_cli) -> None:
    _put("a.txt", "claimlint: claimlint-disable-next-line T001 -- approved by legal 2026-03\nsafe and natural\n")
    _put("b.txt", "claimlint: claimlint-disable-next-line T001\nsafe and natural\n")
    _, out, _ = run_cli("check", "-q")
    assert _ids(out) == ["b.txt:1:1 CL901"]
    _config("require-reasons: false\n")
    rc, out, _ = run_cli("check", "-q")
    assert (rc, out) == (0, "")


def test_unused_and_unknown_suppressions_are_reported(repo: Path, run_cli) -> None:
    _put("a.txt", "claimlint: claimlint-disable-next-line T010,T999 -- ok\nsafe and natural\n")
    _, out, _ = run_cli("check", "-q")
    assert _ids(out) == ["a.txt:1:1 CL902", "a.txt:1:1 CL903", "a.txt:2:1 T001"]
    _, out, _ = run_cli("check", "-q", "--ignore", "suppression")
    assert _ids(out) == ["a.txt:2:1 T001"]


# --- baseline ---------------------------------------------------------------


def test_baseline_survives_moved_lines_and_reports_new_claims(repo: Path, run_cli) -> None:
    page = _put("page.txt", "Intro.\n\nIt is safe and natural.\n")
    rc, out, err = run_cli("check", "--write-baseline", "baseline.yaml")
    assert rc == 0
    assert "wrote 1 approved findings to baseline.yaml" in err
    assert out == ""
    page.write_text("New heading.\n\nMore copy here.\n\nIntro.\n\nIt is safe and natural.\n", encoding="utf-8")
    rc, out, _ = run_cli("check", "-q", "--baseline", "baseline.yaml")
    assert (rc, out) == (0, "")
    page.write_text(page.read_text(encoding="utf-8") + "\nAlso safe and natural here.\n", encoding="utf-8")
    rc, out, _ = run_cli("check", "-q", "--baseline", "baseline.yaml")
    assert rc == 1
    assert _ids(out) == ["page.txt:9:6 T001"]


def test_baseline_from_config_stale_expired_and_prune(repo: Path, run_cli) -> None:
    _config("baseline: baseline.yaml\n")
    _put("page.txt", "It is safe and natural.\n\nA wonder drug.\n")
    run_cli("check", "--write-baseline", "baseline.yaml")
    text = Path("baseline.yaml").read_text(encoding="utf-8")
    text = text.replace("  rule: T001\n", "  rule: T001\n  approved_by: legal\n  expires: 2020-01-01\n")
    text = text.replace("  rule: T010\n", "  rule: T010\n  approved_by: marketing\n")
    Path("baseline.yaml").write_text(text, encoding="utf-8")
    rc, out, _ = run_cli("check", "-q")
    assert rc == 1
    assert _ids(out) == ["baseline.yaml:4:3 CL905", "page.txt:1:7 T001"]
    _put("page.txt", "It is safe and natural.\n")
    rc, out, _ = run_cli("check", "-q", "--fail-on", "error")
    assert "CL906" in out
    run_cli("check", "--write-baseline", "baseline.yaml")
    rewritten = Path("baseline.yaml").read_text(encoding="utf-8")
    assert "wonder" not in rewritten
    assert "approved_by: legal" in rewritten
    assert "expires: '2020-01-01'" in rewritten


# --- fix --------------------------------------------------------------------


def test_fix_preserves_crlf_bom_and_mode_and_is_idempotent(repo: Path, run_cli) -> None:
    page = Path("page.txt")
    page.write_bytes(codecs.BOM_UTF8 + b"Wonder drug!\r\nIt is a wonder drug, safe and natural.\r\n")
    os.chmod(page, 0o640)
    untouched = _put("clean.txt", "safe and natural\n")
    before = untouched.stat().st_mtime_ns
    rc, out, err = run_cli("check", "-q", "--fix")
    expected = b"Treatment option!\r\nIt is a treatment option, safe and natural.\r\n"
    assert page.read_bytes() == codecs.BOM_UTF8 + expected
    assert stat.S_IMODE(page.stat().st_mode) == 0o640
    assert untouched.stat().st_mtime_ns == before
    assert "fixed 2 findings in 1 files; 2 remaining" in err
    assert _ids(out) == ["clean.txt:1:1 T001", "page.txt:2:27 T001"]
    assert rc == 1
    fixed = page.stat().st_mtime_ns
    _, _, err = run_cli("check", "-q", "--fix")
    assert "fixed 0 findings in 0 files" in err
    assert page.stat().st_mtime_ns == fixed


def test_fix_keeps_utf16(repo: Path, run_cli) -> None:
    page = Path("page.txt")
    page.write_bytes(codecs.BOM_UTF16_LE + "a wonder drug\n".encode("utf-16-le"))
    run_cli("check", "--fix")
    assert page.read_bytes() == codecs.BOM_UTF16_LE + "a treatment option\n".encode("utf-16-le")


def test_diff_prints_and_writes_nothing(repo: Path, run_cli) -> None:
    page = _put("page.txt", "A wonder drug.\n")
    rc, out, _ = run_cli("check", "--diff")
    assert rc == 1
    assert out == "--- a/page.txt\n+++ b/page.txt\n@@ -1 +1 @@\n-A wonder drug.\n+A treatment option.\n"
    assert page.read_text(encoding="utf-8") == "A wonder drug.\n"


def test_baselined_findings_are_not_fixed(repo: Path, run_cli) -> None:
    page = _put("page.txt", "A wonder drug.\n")
    run_cli("check", "--write-baseline", "b.yaml")
    rc, _, _ = run_cli("check", "--fix", "--baseline", "b.yaml")
    assert rc == 0
    assert page.read_text(encoding="utf-8") == "A wonder drug.\n"


def test_fix_rejects_stdin(repo: Path, run_cli) -> None:
    rc, _, err = run_cli("check", "--fix", "-")
    assert rc == 2
    assert "--fix cannot rewrite stdin" in err


# --- statistics -------------------------------------------------------------


def test_statistics(repo: Path, run_cli) -> None:
    _put("a.txt", "A wonder drug, a wonder drug, safe and natural.\n")
    rc, out, _ = run_cli("check", "--statistics")
    assert rc == 1
    assert out == "2\tT010\t[*] wonder-drug\n1\tT001\t    natural-claim\n"


def test_select_does_not_drop_suppression_checks(repo: Path, run_cli) -> None:
    _put("a.txt", "claimlint: claimlint-disable-next-line T001\nsafe and natural\n")
    _, out, _ = run_cli("check", "-q", "--select", "T010")
    assert _ids(out) == ["a.txt:1:1 CL901"]


def test_suppressions_never_hide_config_errors(repo: Path, run_cli) -> None:
    _config("severity: {T001: fatal}\n")
    _put("a.txt", "claimlint: claimlint-disable-file -- everything approved\nsafe and natural\n")
    rc, _, err = run_cli("check", "a.txt")
    assert rc == 2
    assert ".claimlint.yaml:3:12: severity.T001: must be one of error, warning, info" in err


def test_each_distinct_selection_is_compiled_once(repo: Path, run_cli, monkeypatch: pytest.MonkeyPatch) -> None:
    import claimlint.runner

    calls: list[list[str]] = []
    real = claimlint.runner.compile_rules

    def counting(rules, rule_types):
        calls.append(sorted(r.id for r in rules))
        return real(rules, rule_types)

    monkeypatch.setattr(claimlint.runner, "compile_rules", counting)
    _config("per-file-ignores:\n  'legal/**': [T010]\n")
    for name in ("a.txt", "b.txt", "legal/x.txt", "legal/y.txt"):
        _put(name, "A wonder drug, safe and natural.\n")
    _put("blog/.claimlint.yaml", CONFIG.replace("rules.yaml", "../rules.yaml"))
    _put("blog/c.txt", "safe and natural\n")
    run_cli("check", "-q")
    assert sorted(calls) == [["T001"], ["T001", "T010"]]


def test_enable_turns_on_a_rule_shipped_disabled(repo: Path, run_cli) -> None:
    """A rule with ``enabled: false`` runs only when --enable or ``enable:`` names its exact id."""
    Path("rules.yaml").write_text(
        textwrap.dedent(RULES)
        + "  - id: T020\n    name: opt-in\n    category: miracle-hype\n    severity: warning\n"
        + '    type: phrase\n    phrases: ["miracle"]\n    enabled: false\n    message: "Hype."\n',
        encoding="utf-8",
    )
    _put("page.md", "A miracle, and safe and natural.\n")
    ids = {}
    for flags in ((), ("--select", "T0"), ("--enable", "T020")):
        _, out, err = run_cli("check", "--format", "json", *flags, "page.md")
        assert err == ""
        ids[flags] = {f["rule"] for f in json.loads(out)["findings"]}
    assert ids[()] == ids[("--select", "T0")] == {"T001"}
    assert ids[("--enable", "T020")] == {"T001", "T020"}
    _config("enable: [T020]\n")
    _, out, _ = run_cli("check", "--format", "json", "page.md")
    assert {f["rule"] for f in json.loads(out)["findings"]} == {"T001", "T020"}

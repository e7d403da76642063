"""Bad input, hostile rules and faults: claimlint reports them on one line each and never crashes.

Every test goes through the real CLI (in-process ``main`` unless a real
process is needed for signals), because what matters is what a pre-commit
hook or CI job sees: the exit code, one clear line per problem on stderr,
no traceback, and files that are either untouched or fully fixed.
"""

from __future__ import annotations

import codecs
import errno
import hashlib
import json
import os
import re
import signal
import socket
import subprocess
import sys
import textwrap
import time
from collections.abc import Callable
from pathlib import Path

import pytest
from ruledata import RULES

import claimlint.runner
from claimlint import atomic, files
from claimlint.ruletypes import base

LINE = "Ketamine is safe and natural.\n"
Cli = Callable[..., tuple[int, str, str]]


@pytest.fixture
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A working folder with the rules file and an isolating config."""
    (tmp_path / "rules.yaml").write_text(textwrap.dedent(RULES), encoding="utf-8")
    (tmp_path / ".claimlint.yaml").write_text("extends: []\nrules: [rules.yaml]\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def _json(out: str) -> list[tuple[str, int, int, str]]:
    return [(f["path"], f["line"], f["column"], f["match"]) for f in json.loads(out)["findings"]]


def _problems(err: str) -> dict[str, str]:
    """stderr as {path: reason}, asserting every line is one ``path: reason`` and no traceback."""
    assert "Traceback" not in err
    out = {}
    for line in err.splitlines():
        if line.startswith("claimlint: "):
            continue
        path, _, reason = line.partition(": ")
        assert reason, line
        out[path] = reason
    return out


def _tree(root: Path) -> dict[str, str]:
    return {
        str(p.relative_to(root)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(root.rglob("*"))
        if p.is_file() and not p.is_symlink()
    }


# --- encodings -------------------------------------------------------------------------------


def test_encodings_decode_with_exact_positions_or_are_reported(repo: Path, run_cli: Cli) -> None:
    docs = repo / "docs"
    docs.mkdir()
    body = "Intro line\n  Ketamine is safe and natural.\n"
    (docs / "a-utf8.md").write_bytes(body.encode())
    (docs / "b-bom.md").write_bytes(codecs.BOM_UTF8 + body.encode())
    (docs / "c-le.txt").write_bytes(codecs.BOM_UTF16_LE + body.encode("utf-16-le"))
    (docs / "d-be.txt").write_bytes(codecs.BOM_UTF16_BE + body.encode("utf-16-be"))
    (docs / "e-latin1.txt").write_bytes("Caf\xe9 line\nKetamine is safe and natural.\n".encode("latin-1"))
    rc, out, err = run_cli("check", "docs", "--format", "json")
    assert rc == 2
    assert _problems(err) == {
        "docs/e-latin1.txt": "cannot decode as UTF-8 (byte 0xE9 at offset 3); set encoding in config"
    }
    found = _json(out)
    assert found == [
        (f"docs/{n}", 2, 15, "safe and natural") for n in ("a-utf8.md", "b-bom.md", "c-le.txt", "d-be.txt")
    ]


@pytest.mark.parametrize("codec", ["latin-1", "cp1252"])
def test_encoding_setting_per_glob_decodes_legacy_files(repo: Path, run_cli: Cli, codec: str) -> None:
    (repo / ".claimlint.yaml").write_text(f'extends: []\nrules: [rules.yaml]\nencoding:\n  "legacy/*.txt": {codec}\n')
    (repo / "legacy").mkdir()
    (repo / "legacy" / "old.txt").write_bytes(
        "Café “quoted” — Ketamine is safe and natural.\n".encode(codec, "replace")
    )
    (repo / "new.txt").write_bytes("Caf\xe9\n".encode("latin-1"))
    rc, out, err = run_cli("check", "legacy", "new.txt", "--format", "json")
    assert rc == 2
    assert _json(out) == [("legacy/old.txt", 1, 29, "safe and natural")]
    assert list(_problems(err)) == ["new.txt"]


def test_fix_keeps_a_legacy_encoding(repo: Path, run_cli: Cli) -> None:
    (repo / ".claimlint.yaml").write_text('extends: []\nrules: [rules.yaml]\nencoding:\n  "*.txt": cp1252\n')
    (repo / "old.txt").write_bytes("Caf\xe9: a wonder drug \x93here\x94\r\n".encode("latin-1"))
    rc, _, err = run_cli("check", "old.txt", "--fix")
    assert rc == 0, err
    assert (repo / "old.txt").read_bytes() == "Caf\xe9: a treatment option \x93here\x94\r\n".encode("latin-1")


# --- binary and special files ------------------------------------------------------------------


def _special_folder(repo: Path) -> Path:
    docs = repo / "docs"
    docs.mkdir()
    (docs / "a.md").write_text(LINE)
    (docs / "b-binary.md").write_bytes(b"\x00\x01\x02 safe and natural")
    (docs / "c-empty.md").write_bytes(b"")
    (docs / "d-image.png").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00")
    (docs / "e-doc.pdf").write_bytes(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    (docs / "f-broken.md").symlink_to(docs / "nowhere.md")
    (docs / "g-loop.md").symlink_to(docs / "g-loop.md")
    (docs / "h-folder.md").mkdir()
    (docs / "h-folder.md" / "inner.md").write_text(LINE)
    os.mkfifo(docs / "i-fifo.md")
    (docs / "j-pdf-named.md").write_bytes(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    (docs / "z.md").write_text(LINE)
    return docs


def test_special_files_in_a_walked_folder(repo: Path, run_cli: Cli) -> None:
    _special_folder(repo)
    rc, out, err = run_cli("check", "docs", "--format", "json")
    assert rc == 2
    assert _problems(err) == {
        "docs/f-broken.md": "broken symlink",
        "docs/g-loop.md": "symlink loop",
        "docs/i-fifo.md": "not a regular file (a FIFO)",
    }
    assert [path for path, *_ in _json(out)] == ["docs/a.md", "docs/h-folder.md/inner.md", "docs/z.md"]
    assert json.loads(out)["summary"]["files"] == 4


def test_special_files_named_explicitly_are_reported(repo: Path, run_cli: Cli) -> None:
    docs = _special_folder(repo)
    names = ["b-binary.md", "c-empty.md", "d-image.png", "e-doc.pdf", "j-pdf-named.md", "z.md"]
    rc, out, err = run_cli("check", *(str(docs / n) for n in names), "--format", "json")
    assert rc == 2
    assert _problems(err) == {
        str(docs / "b-binary.md"): "binary file (contains NUL bytes)",
        str(docs / "d-image.png"): "binary file (contains NUL bytes)",
        str(docs / "e-doc.pdf"): "binary file (image, PDF or archive)",
        str(docs / "j-pdf-named.md"): "binary file (image, PDF or archive)",
    }
    assert [(p, line) for p, line, *_ in _json(out)] == [(str(docs / "z.md"), 1)]


def test_unreadable_and_vanished_files_are_reported_and_the_rest_linted(
    repo: Path, run_cli: Cli, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Root can read a chmod-000 file, so EACCES is raised at the open; the deletion is real."""
    for name in ("a.md", "b-gone.md", "c-secret.md", "d.md"):
        (repo / name).write_text(LINE)
    real_read, real_open = claimlint.runner.read_bytes, files.os.open

    def read_after_delete(path: str, *args: int) -> bytes:
        if path.endswith("b-gone.md"):
            os.unlink(path)
        return real_read(path, *args)

    def guarded_open(path: str, flags: int, *args: int) -> int:
        if str(path).endswith("c-secret.md"):
            raise PermissionError(errno.EACCES, "Permission denied", path)
        return real_open(path, flags, *args)

    monkeypatch.setattr(claimlint.runner, "read_bytes", read_after_delete)
    monkeypatch.setattr(files.os, "open", guarded_open)
    rc, out, err = run_cli("check", ".", "--format", "json")
    assert rc == 2
    assert _problems(err) == {"b-gone.md": "no such file", "c-secret.md": "permission denied"}
    assert [p for p, *_ in _json(out)] == ["a.md", "d.md"]


@pytest.mark.parametrize(
    ("content", "extra", "expected"),
    [
        ("Plain copy.\n", [], 0),
        (LINE, [], 1),
        (LINE, ["missing.md"], 2),
        ("Plain copy.\n", ["missing.md"], 2),
        (LINE, ["--fail-on", "never", "missing.md"], 2),
    ],
)
def test_exit_code_is_the_worst_outcome(
    repo: Path, run_cli: Cli, content: str, extra: list[str], expected: int
) -> None:
    (repo / "a.md").write_text(content)
    rc, _, err = run_cli("check", "a.md", *extra)
    assert rc == expected
    assert "Traceback" not in err


def test_output_to_a_folder_is_one_line_exit_2(repo: Path, run_cli: Cli) -> None:
    (repo / "a.md").write_text(LINE)
    (repo / "out").mkdir()
    rc, _, err = run_cli("check", "a.md", "--output", "out")
    assert (rc, err) == (2, "claimlint: error: out: is a directory\n")


# --- size and structure --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "text", "line", "column"),
    [
        ("line.md", "word " * 1_000_000 + "safe and natural\n", 1, 5_000_001),
        ("deep.html", "<div>" * 10_000 + "safe and natural" + "</div>" * 10_000, 1, 50_001),
        ("deeplist.md", "- " * 10_000 + "safe and natural\n", 1, 20_001),
        ("deepquote.md", "> " * 10_000 + "safe and natural\n", 1, 20_001),
        (
            "nested.md",
            "".join("  " * i + f"- item {i}\n" for i in range(300)) + "  " * 300 + "- safe and natural\n",
            301,
            603,
        ),
        ("soup.html", "<p <b><<i>x</span><!-- open <script>a='" * 2_000 + "\n<p>safe and natural", 2, 4),
        ("broken.md", "[" * 50_000 + " *" * 50_000 + "`" * 20_000 + "\n\nsafe and natural\n\n```\nunclosed", 3, 1),
    ],
)
def test_big_deep_and_malformed_documents_are_linted(
    repo: Path, run_cli: Cli, name: str, text: str, line: int, column: int
) -> None:
    (repo / name).write_text(text)
    started = time.perf_counter()
    rc, out, err = run_cli("check", name, "--format", "json")
    assert time.perf_counter() - started < 30
    assert (rc, err) == (1, "")
    assert _json(out) == [(name, line, column, "safe and natural")]


def test_file_over_the_size_limit_is_refused(repo: Path, run_cli: Cli, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(files, "MAX_FILE_BYTES", 1000)
    monkeypatch.setattr(files.read_bytes, "__defaults__", (1000,))
    (repo / "big.md").write_text(LINE * 100)
    (repo / "small.md").write_text(LINE)
    rc, out, err = run_cli("check", ".", "--format", "json")
    assert rc == 2
    assert _problems(err) == {"big.md": "file is too large (3000 bytes; limit 1000)"}
    assert [p for p, *_ in _json(out)] == ["small.md"]


# --- hostile rules -------------------------------------------------------------------------------

EVIL = """
  - id: E001
    name: backtracker
    category: miracle-hype
    severity: error
    type: pattern
    patterns: ['(a|aa)+$']
    message: "Catastrophic."
"""


def test_catastrophic_regex_is_stopped_and_linting_goes_on(
    repo: Path, run_cli: Cli, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(base, "MATCH_TIMEOUT", 0.2)
    (repo / "rules.yaml").write_text(textwrap.dedent(RULES) + EVIL)
    (repo / "a-long.txt").write_text(LINE + "a" * 5_000 + "b\n")
    (repo / "b.txt").write_text(LINE)
    started = time.perf_counter()
    rc, out, err = run_cli("check", ".", "--format", "json")
    assert time.perf_counter() - started < 20
    assert rc == 2
    assert _problems(err) == {"a-long.txt": "rule E001 (backtracker) timed out on this file; rule skipped"}
    assert [(p, m) for p, _l, _c, m in _json(out)] == [
        ("a-long.txt", "safe and natural"),
        ("b.txt", "safe and natural"),
    ]


def _bomb(levels: int = 9) -> str:
    lines = ["version: 1", 'a0: &a0 ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    for i in range(1, levels):
        lines.append(f"a{i}: &a{i} [" + ", ".join([f"*a{i - 1}"] * 9) + "]")
    return "\n".join([*lines, "rules: []", ""])


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (_bomb(), r"rules\.yaml:\d+:\d+: too many YAML nodes \(over 200000\); aliases expand too far"),
        ("version: 1\nrules: []\n#" + "x" * (50 * 1024 * 1024) + "\n", r"rules\.yaml: file is too large"),
        (
            "version: 1\nrules: !!python/object/apply:os.system ['touch pwned']\n",
            r"rules\.yaml:2:8: YAML tag 'tag:yaml.org,2002:python/object/apply:os.system' is not allowed",
        ),
        ("version: 1\nrules:\n  - !!python/name:os.system x\n", r"rules\.yaml:3:5: YAML tag .* is not allowed"),
        ("version: 1\nrules: !custom []\n", r"rules\.yaml:2:8: YAML tag '!custom' is not allowed"),
    ],
    ids=["billion-laughs", "50MB", "python-apply", "python-name", "custom-tag"],
)
def test_hostile_rules_files_are_refused_cleanly(repo: Path, content: str, message: str) -> None:
    (repo / "rules.yaml").write_text(content)
    (repo / "a.md").write_text(LINE)
    started = time.perf_counter()
    proc = subprocess.run(
        [sys.executable, "-m", "claimlint", "check", "a.md"], capture_output=True, text=True, check=False
    )
    assert time.perf_counter() - started < 30
    assert proc.returncode == 2
    assert proc.stdout == ""
    assert len(proc.stderr.splitlines()) == 1, proc.stderr
    assert re.match(r"claimlint: error: " + message, proc.stderr), proc.stderr
    assert not (repo / "pwned").exists()


def test_hostile_config_file_is_refused_cleanly(repo: Path, run_cli: Cli) -> None:
    (repo / ".claimlint.yaml").write_text("extends: !!python/object/new:os.getcwd []\n")
    (repo / "a.md").write_text(LINE)
    rc, out, err = run_cli("check", "a.md")
    assert (rc, out) == (2, ""), err
    assert "is not allowed" in err
    assert len(err.splitlines()) == 1


SRC = Path(__file__).resolve().parents[2] / "src" / "claimlint"
UNSAFE = re.compile(
    r"yaml\.(?:load|load_all|full_load|unsafe_load|full_load_all|unsafe_load_all)\s*\("
    r"|\bLoader\s*=\s*(?!yaml\.C?SafeLoader)"
    r"|yaml\.(?:Full|Unsafe|C)?Loader\b"
    r"|(?<![\w.])(?:eval|exec|__import__)\s*\("
    r"|\b(?:import|from)\s+(?:socket|subprocess|urllib\.request|http\.client|requests|ftplib|smtplib)\b"
    r"|\b(?:socket|subprocess|os\.system|os\.popen|urllib\.request)\.?\w*\("
)


def test_source_only_ever_loads_yaml_safely_and_never_executes_or_fetches() -> None:
    offenders = []
    for path in sorted(SRC.rglob("*.py")):
        for no, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if UNSAFE.search(line.split("#")[0]):
                offenders.append(f"{path.relative_to(SRC)}:{no}: {line.strip()}")
    assert offenders == []


def test_pattern_catches_what_it_must() -> None:
    for bad in (
        "yaml.load(text)",
        "yaml.load(t, Loader=yaml.Loader)",
        "x = yaml.FullLoader",
        "eval(src)",
        "import subprocess",
    ):
        assert UNSAFE.search(bad), bad
    for ok in (
        "_Loader = yaml.SafeLoader",
        "yaml.CSafeLoader",
        "yaml.safe_dump(data)",
        "loader.get_single_node()",
        '(stat.S_ISSOCK, "a socket"),',
    ):
        assert not UNSAFE.search(ok), ok


def test_full_check_reaches_no_network_runs_nothing_and_writes_only_its_output_and_cache(
    repo: Path, run_cli: Cli, monkeypatch: pytest.MonkeyPatch, tmp_path_factory: pytest.TempPathFactory
) -> None:
    seeds = Path(__file__).resolve().parents[1] / "fixtures" / "seeds"
    content = repo / "content"
    content.mkdir()
    for i, seed in enumerate(sorted(p for p in seeds.rglob("*") if p.is_file())):
        (content / f"{i}-{seed.name}").write_bytes(seed.read_bytes())
    (content / "page.html").write_text("<p>safe and natural <a href='https://example.org'>x</a></p>")
    (content / "page.mdx").write_text("import X from './x'\n\n# Title\n\nsafe and natural\n")
    out_dir = tmp_path_factory.mktemp("reports")
    cache = tmp_path_factory.mktemp("cache")
    monkeypatch.setenv("CLAIMLINT_CACHE_DIR", str(cache))
    before = _tree(repo)

    def forbidden(*_a: object, **_k: object) -> None:
        raise AssertionError("claimlint tried to reach the network or run a program")

    for mod, names in (
        (socket, ("socket", "create_connection", "getaddrinfo")),
        (subprocess, ("Popen", "run", "call", "check_output")),
        (os, ("system", "popen", "execv", "execve", "execvp", "spawnv", "fork")),
    ):
        for name in names:
            monkeypatch.setattr(mod, name, forbidden)
    monkeypatch.setattr(os, "remove", forbidden)
    for fmt in ("text", "json", "sarif", "github", "html"):
        rc, _, err = run_cli(
            "check",
            "content",
            "--isolated",
            "--format",
            fmt,
            "--output",
            str(out_dir / f"r.{fmt}"),
            "--sarif-file",
            str(out_dir / f"s.{fmt}.sarif"),
        )
        assert rc == 1, err
    assert _tree(repo) == before
    written = _tree(cache)
    assert all(
        re.fullmatch(r"(rules|entry-points|regex|derived)-\w+\.pickle|\.last-prune", name) for name in written
    ), written
    assert sorted(p.name for p in out_dir.iterdir()) == sorted(
        [f"r.{f}" for f in ("text", "json", "sarif", "github", "html")]
        + [f"s.{f}.sarif" for f in ("text", "json", "sarif", "github", "html")]
    )


# --- faults during --fix ---------------------------------------------------------------------------

FIXABLE = "Intro.\r\nThis wonder drug helps. Another wonder drug!\r\n"
FIXED = "Intro.\r\nThis treatment option helps. Another treatment option!\r\n"


def _fix_folder(repo: Path, n: int = 4) -> list[Path]:
    paths = []
    for i in range(n):
        path = repo / f"f{i}.md"
        path.write_bytes(FIXABLE.encode())
        paths.append(path)
    return paths


def _states(paths: list[Path]) -> list[str]:
    return [
        "fixed" if p.read_bytes() == FIXED.encode() else "old" if p.read_bytes() == FIXABLE.encode() else "HALF"
        for p in paths
    ]


def _no_temp_files(repo: Path) -> None:
    assert [p.name for p in repo.rglob(atomic.TEMP_PREFIX + "*")] == []


@pytest.mark.parametrize(
    ("failure", "reason"),
    [
        (OSError(errno.ENOSPC, "No space left on device"), "fix not written: No space left on device"),
        (PermissionError(errno.EACCES, "Permission denied"), "fix not written: Permission denied"),
        (OSError(errno.EROFS, "Read-only file system"), "fix not written: Read-only file system"),
    ],
)
def test_write_failure_leaves_that_file_untouched_and_fixes_the_rest(
    repo: Path, run_cli: Cli, monkeypatch: pytest.MonkeyPatch, failure: OSError, reason: str
) -> None:
    paths = _fix_folder(repo)
    real_fsync = os.fsync
    calls = []

    def flaky_fsync(fd: int) -> None:
        calls.append(fd)
        if len(calls) == 2:
            raise failure
        real_fsync(fd)

    monkeypatch.setattr(atomic.os, "fsync", flaky_fsync)
    rc, _, err = run_cli("check", ".", "--fix")
    assert rc == 2
    assert _problems(err) == {"f1.md": reason}
    assert _states(paths) == ["fixed", "old", "fixed", "fixed"]
    _no_temp_files(repo)


def test_interrupt_mid_fix_exits_130_without_half_written_files(
    repo: Path, run_cli: Cli, monkeypatch: pytest.MonkeyPatch
) -> None:
    paths = _fix_folder(repo)
    real_replace = os.replace
    calls = []

    def interrupted(src: str, dst: str) -> None:
        calls.append(dst)
        if len(calls) == 3:
            raise KeyboardInterrupt
        real_replace(src, dst)

    monkeypatch.setattr(atomic.os, "replace", interrupted)
    rc, out, err = run_cli("check", ".", "--fix")
    assert (rc, out, err) == (130, "", "claimlint: interrupted\n")
    assert _states(paths) == ["fixed", "fixed", "old", "old"]
    _no_temp_files(repo)


def _default_sigint() -> None:
    """Give the child Ctrl-C's default action, however the suite was started.

    A shell starts a background job (``pytest ... &``) with SIGINT ignored, and
    a child inherits that: claimlint then rightly ignores the signal too, and
    the test would measure the shell, not claimlint.
    """
    signal.signal(signal.SIGINT, signal.SIG_DFL)


def test_real_sigint_during_a_big_fix_run(tmp_path: Path) -> None:
    (tmp_path / "rules.yaml").write_text(textwrap.dedent(RULES))
    (tmp_path / ".claimlint.yaml").write_text("extends: []\nrules: [rules.yaml]\n")
    paths = _fix_folder(tmp_path, 200)
    for path in paths:
        path.write_bytes(FIXABLE.encode() * 2_000)
    proc = subprocess.Popen(
        [sys.executable, "-m", "claimlint", "check", ".", "--fix", "--fail-on", "never"],
        cwd=tmp_path,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        preexec_fn=_default_sigint,
    )
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and proc.poll() is None:
        if any(p.read_bytes() != FIXABLE.encode() * 2_000 for p in paths):
            break
        time.sleep(0.01)
    proc.send_signal(signal.SIGINT)
    out, err = proc.communicate(timeout=60)
    if proc.returncode == 0:
        pytest.fail(f"the run finished before SIGINT arrived; make the input bigger\n{err}")
    assert (proc.returncode, out, err) == (130, "", "claimlint: interrupted\n")
    states = [
        "fixed"
        if p.read_bytes() == FIXED.encode() * 2_000
        else "old"
        if p.read_bytes() == FIXABLE.encode() * 2_000
        else "HALF"
        for p in paths
    ]
    assert "HALF" not in states
    assert "fixed" in states
    assert "old" in states
    _no_temp_files(tmp_path)


# --- determinism with --jobs ---------------------------------------------------------------------


def test_jobs_output_is_byte_identical_with_problems_mixed_in(repo: Path, run_cli: Cli) -> None:
    docs = repo / "docs"
    docs.mkdir()
    for i in range(150):
        kind = i % 10
        path = docs / f"{i:03d}.md"
        if kind == 3:
            path.write_bytes(b"\x00binary")
        elif kind == 5:
            path.write_bytes(b"caf\xe9 safe and natural")
        elif kind == 7:
            path.symlink_to(docs / f"missing-{i}.md")
        else:
            path.write_text(f"# Doc {i}\n\n" + "wonder drug and safe and natural. " * (i % 4) + "\n")
    outputs = set()
    for jobs in ("1", "2", "4"):
        rc, out, err = run_cli("check", "docs", "--format", "json", "--jobs", jobs)
        assert rc == 2
        outputs.add((out, err))
    assert len(outputs) == 1
    out, err = outputs.pop()
    assert len(_problems(err)) == 30
    assert len(_json(out)) > 100


def test_unclosed_comments_are_not_quadratic(repo: Path, run_cli: Cli) -> None:
    """Regression: html.parser rescanned to the end at every unclosed ``<!--`` (4 MB took minutes)."""
    (repo / "soup.html").write_text("<p>safe and natural</p>" + "<p>x <!-- never closed " * 20_000)
    started = time.perf_counter()
    rc, out, err = run_cli("check", "soup.html", "--format", "json")
    assert time.perf_counter() - started < 15
    assert (rc, err) == (1, "")
    assert _json(out)[0] == ("soup.html", 1, 4, "safe and natural")


def test_items_nested_past_markdown_its_limit_are_separate_segments() -> None:
    """Regression: text nested deeper than 20 levels was dropped, then linted as one huge segment."""
    from claimlint.sources.markdown import parse

    items = "".join("  " * i + f"- item {i}\n" for i in range(40))
    text = items + "  " * 40 + "  continued\n\n" + "> " * 30 + "quoted\n"
    segments = [s.text for s in parse(text).segments]
    assert segments == [*(f"item {i}" for i in range(39)), "item 39 continued", "quoted"]


@pytest.mark.parametrize(
    ("data", "rc", "expected"),
    [
        (b"\xef\xbb\xbfsafe and natural\n", 1, "-:1:1: T001"),
        ("café safe and natural\n".encode("latin-1"), 2, "-: cannot decode as UTF-8 (byte 0xE9 at offset 3)"),
        (codecs.BOM_UTF16_LE + "x safe and natural\n".encode("utf-16-le"), 1, "-:1:3: T001"),
    ],
)
def test_stdin_is_decoded_like_a_file(repo: Path, data: bytes, rc: int, expected: str) -> None:
    """Regression: stdin was read as text, so a BOM shifted columns and Latin-1 was an internal error."""
    proc = subprocess.run(
        [sys.executable, "-m", "claimlint", "check", "-", "-q"], input=data, capture_output=True, check=False
    )
    output = (proc.stdout + proc.stderr).decode()
    assert proc.returncode == rc, output
    assert expected in output
    assert "Traceback" not in output


@pytest.mark.parametrize("codec", ["rot13", "base64", "no-such-codec"])
def test_encoding_setting_must_be_a_text_encoding(repo: Path, run_cli: Cli, codec: str) -> None:
    """Regression: ``rot13`` or ``base64`` passed the config check and crashed decoding (exit 3)."""
    (repo / ".claimlint.yaml").write_text(f'extends: []\nrules: [rules.yaml]\nencoding:\n  "*.md": {codec}\n')
    (repo / "a.md").write_text(LINE)
    rc, out, err = run_cli("check", "a.md")
    assert (rc, out) == (2, "")
    assert err == f"claimlint: error: .claimlint.yaml:4:3: encoding.*.md: unknown encoding '{codec}'\n"


def test_hundred_megabyte_file_is_refused_quickly(repo: Path, run_cli: Cli) -> None:
    """A sparse 100 MB file: refused from its size alone, without reading it."""
    with open(repo / "huge.md", "wb") as fh:
        fh.truncate(100 * 1024 * 1024)
    (repo / "a.md").write_text(LINE)
    started = time.perf_counter()
    rc, out, err = run_cli("check", ".", "--format", "json")
    assert time.perf_counter() - started < 20
    assert rc == 2
    assert _problems(err) == {"huge.md": "file is too large (104857600 bytes; limit 33554432)"}
    assert [p for p, *_ in _json(out)] == ["a.md"]


@pytest.mark.parametrize("secret", ["docs/b-secret", "docs/z-secret"])
def test_unreadable_folder_is_reported_not_skipped_silently(
    repo: Path, run_cli: Cli, monkeypatch: pytest.MonkeyPatch, secret: str
) -> None:
    """Regression: os.walk ignores folders it cannot list, so their files went unlinted without a word."""
    for folder in ("docs", "docs/a", secret):
        (repo / folder).mkdir(exist_ok=True)
        (repo / folder / "page.md").write_text(LINE)
    real_scandir = os.scandir

    def guarded(path: str = ".") -> object:
        if str(path).endswith("-secret"):
            raise PermissionError(errno.EACCES, "Permission denied", str(path))
        return real_scandir(path)

    monkeypatch.setattr(os, "scandir", guarded)
    rc, out, err = run_cli("check", "docs", "--format", "json")
    assert rc == 2
    assert _problems(err) == {secret: "cannot read folder: permission denied"}
    assert [p for p, *_ in _json(out)] == ["docs/a/page.md", "docs/page.md"]


def test_real_sigint_during_a_parallel_run(tmp_path: Path) -> None:
    """Ctrl-C while --jobs workers run: exit 130, one line, no traceback from the parent or the workers."""
    (tmp_path / "rules.yaml").write_text(textwrap.dedent(RULES))
    (tmp_path / ".claimlint.yaml").write_text("extends: []\nrules: [rules.yaml]\n")
    page = "Ketamine is safe and natural. Infusions are given in a clinic.\n\n" * 1500
    for i in range(400):
        (tmp_path / f"f{i:03d}.md").write_text(page)
    proc = subprocess.Popen(
        [sys.executable, "-m", "claimlint", "check", ".", "--jobs", "2"],
        cwd=tmp_path,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        preexec_fn=_default_sigint,
    )
    time.sleep(4)
    proc.send_signal(signal.SIGINT)
    out, err = proc.communicate(timeout=60)
    if proc.returncode == 1:
        pytest.fail("the run finished before SIGINT arrived; make the input bigger")
    assert (proc.returncode, err) == (130, "claimlint: interrupted\n")
    # Findings stream in input order, so some may already be out; none may be garbled.
    assert "Traceback" not in out
    assert all(line.startswith("f0") and ": T001 error " in line for line in out.splitlines()[:-1])


def test_many_findings_of_one_rule_are_not_quadratic(repo: Path, run_cli: Cli) -> None:
    """Regression: each finding was compared with every earlier one of its rule (20,000 findings: ~50 s CPU)."""
    (repo / "many.txt").write_text("Safe and natural. " * 20_000)
    started = time.process_time()
    rc, out, _ = run_cli("check", "many.txt", "-q")
    assert time.process_time() - started < 15
    assert rc == 1
    assert len(out.splitlines()) == 20_000

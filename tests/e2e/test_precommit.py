"""The pre-commit hook, run for real with ``pre-commit try-repo`` against this checkout.

try-repo clones the project's HEAD plus uncommitted changes of *tracked*
files, builds a virtualenv and pip-installs claimlint into it, so these tests
also catch packaging mistakes (a module that exists but is not tracked, a
missing dependency). Files a hook receives come from ``git ls-files`` of the
temporary content repo, so the type filter in the manifest is exercised too.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[2]
MANIFEST = ROOT / ".pre-commit-hooks.yaml"
LOCATION = re.compile(r"^bad\.md:\d+:\d+: ", re.MULTILINE)

BAD_PAGE = "# Our clinic\n\nKetamine is a safe and natural treatment for chronic pain.\n"
RISKY_BUT_NOT_COPY = "# Ketamine is a safe and natural treatment for chronic pain.\n"


@pytest.fixture(scope="module")
def pre_commit_home(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One store per module, so hook environments are built here and never in ~/.cache."""
    return tmp_path_factory.mktemp("pre-commit-home")


def content_repo(path: Path, files: dict[str, str]) -> Path:
    """A throwaway git repo standing in for a marketing site, with ``files`` staged."""
    path.mkdir()
    git = ["git", "-c", "init.defaultBranch=main", "-C", str(path)]
    subprocess.run([*git, "init", "-q"], check=True)
    for name, text in files.items():
        (path / name).write_text(text, encoding="utf-8")
    subprocess.run([*git, "add", "--", *files], check=True)
    return path


def try_repo(repo: Path, home: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PRE_COMMIT_HOME": str(home), "PRE_COMMIT_COLOR": "never"}
    env.pop("GITHUB_STEP_SUMMARY", None)
    cmd = [sys.executable, "-m", "pre_commit", "try-repo", str(ROOT), "claimlint", "--all-files"]
    return subprocess.run(cmd, cwd=repo, env=env, capture_output=True, text=True, timeout=900, check=False)


def test_manifest_validates() -> None:
    cmd = [sys.executable, "-m", "pre_commit", "validate-manifest", str(MANIFEST)]
    result = subprocess.run(cmd, capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stdout + result.stderr


def test_manifest_types_are_real_identify_tags() -> None:
    from identify.extensions import EXTENSIONS

    hook = yaml.safe_load(MANIFEST.read_text(encoding="utf-8"))[0]
    assert hook["entry"] == "claimlint check"
    assert hook["language"] == "python"
    wanted = set(hook["types_or"])
    for ext in ("md", "markdown", "mdx", "html", "htm", "txt"):
        assert EXTENSIONS[ext] & wanted, ext
    for ext in ("py", "json", "yaml", "css"):
        assert not EXTENSIONS[ext] & wanted, ext


def test_readme_lists_every_hook_id() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    hooks = yaml.safe_load(MANIFEST.read_text(encoding="utf-8"))
    section = readme.split("## Use it in pre-commit", 1)[1].split("\n## ", 1)[0]
    snippet = yaml.safe_load(section.split("```yaml", 1)[1].split("```", 1)[0])
    listed = {h["id"] for repo in snippet["repos"] for h in repo["hooks"]}
    assert listed == {h["id"] for h in hooks}


@pytest.mark.slow
def test_try_repo_fails_on_a_risky_claim(tmp_path: Path, pre_commit_home: Path) -> None:
    repo = content_repo(tmp_path / "site", {"bad.md": BAD_PAGE, "notes.py": RISKY_BUT_NOT_COPY})
    result = try_repo(repo, pre_commit_home)
    out = result.stdout + result.stderr
    assert result.returncode == 1, out
    assert "claimlint" in out
    assert "Failed" in out
    assert LOCATION.search(out), out
    assert "notes.py" not in out


@pytest.mark.slow
def test_try_repo_passes_on_clean_copy(tmp_path: Path, pre_commit_home: Path) -> None:
    files = {
        "clean.md": "# Opening hours\n\nThe clinic is open Monday to Friday.\n",
        "clean.html": "<p>Parking is available behind the building.</p>\n",
        "clean.txt": "Call us to book a consultation.\n",
        "notes.py": RISKY_BUT_NOT_COPY,
    }
    result = try_repo(content_repo(tmp_path / "site", files), pre_commit_home)
    out = result.stdout + result.stderr
    assert result.returncode == 0, out
    assert re.search(r"^claimlint\.+Passed$", out, re.MULTILINE), out

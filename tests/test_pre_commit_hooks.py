"""The pre-commit hooks this repository offers, run by the real ``pre-commit`` tool.

The hook repository is a temporary git repository holding this checkout's files (the
package, the bundled plan, the themes and ``.pre-commit-hooks.yaml``), so the test
works from a clone, an sdist or a work tree with uncommitted changes alike. pre-commit
installs the hook's environment as it does for a team: a virtualenv with this package
``pip install``-ed into it (from the configured package index; a few seconds here).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import yaml  # pre-commit's own dependency (PyYAML)

ROOT = Path(__file__).resolve().parent.parent
HOOK_FILES = ["pyproject.toml", "README.md", ".pre-commit-hooks.yaml"]
HOOK_DIRS = ["board", "plans", "themes"]
BAD_PLAN = (
    'schema = 1\ntitle = "Broken"\nweeks = 2\n\n[[objectives]]\nid = "a"\ntitle = "A"\nweek = 9\nstatus = "todo"\n'
)


def git(cwd: Path, *args: str) -> None:
    subprocess.run(
        ["git", "-c", "user.name=Test", "-c", "user.email=test@example.invalid", "-c", "commit.gpgsign=false", *args],
        cwd=cwd,
        check=True,
        capture_output=True,
        timeout=60,
    )


def hook_repo(where: Path) -> Path:
    """A git repository with this checkout's hook files, committed."""
    where.mkdir()
    for name in HOOK_FILES:
        shutil.copy(ROOT / name, where / name)
    for name in HOOK_DIRS:
        shutil.copytree(ROOT / name, where / name, ignore=shutil.ignore_patterns("__pycache__", "*.pyc"))
    git(where, "init", "-q")
    git(where, "add", ".")
    git(where, "commit", "-q", "-m", "hooks")
    return where


def try_repo(team: Path, hooks: Path, home: Path, hook: str, *files: str) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PRE_COMMIT", "GIT_"))}
    env.update(PRE_COMMIT_HOME=str(home), PRE_COMMIT_COLOR="never", NO_COLOR="1")
    return subprocess.run(
        [sys.executable, "-m", "pre_commit", "try-repo", str(hooks), hook, "--files", *files],
        cwd=team,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )


def test_the_hooks_file_offers_validate_for_plan_files() -> None:
    hooks = {hook["id"]: hook for hook in yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text())}
    validate = hooks["rollout-board-validate"]
    assert validate["entry"] == "rollout-board validate"
    assert validate["language"] == "python"
    assert validate["files"] == r"^plans/.*\.toml$"
    fmt = hooks["rollout-board-fmt"]
    assert fmt["entry"] == "rollout-board fmt --check"
    assert fmt["files"] == validate["files"] and fmt["language"] == "python"


def test_validate_hook_passes_a_valid_plan_and_fails_an_invalid_one(tmp_path: Path) -> None:
    hooks = hook_repo(tmp_path / "hooks")
    team = tmp_path / "team"
    (team / "plans").mkdir(parents=True)
    shutil.copy(ROOT / "plans" / "phased-rollout.toml", team / "plans" / "rollout.toml")
    (team / "pyproject.toml").write_text("[project]\nname = 'not-a-plan'\n")
    git(team, "init", "-q")
    git(team, "add", ".")
    home = tmp_path / "pre-commit-home"  # one hook environment for the three runs

    # pyproject.toml (a TOML file outside plans/) is not a plan: the hook skips it.
    other = try_repo(team, hooks, home, "rollout-board-validate", "pyproject.toml")
    assert other.returncode == 0, other.stdout + other.stderr
    assert "(no files to check)Skipped" in other.stdout

    good = try_repo(team, hooks, home, "rollout-board-validate", "plans/rollout.toml", "pyproject.toml")
    assert good.returncode == 0, good.stdout + good.stderr
    assert "rollout-board validate" in good.stdout and "Passed" in good.stdout

    (team / "plans" / "broken.toml").write_text(BAD_PLAN)
    git(team, "add", ".")
    bad = try_repo(team, hooks, home, "rollout-board-validate", "plans/rollout.toml", "plans/broken.toml")
    assert bad.returncode == 1, bad.stdout + bad.stderr
    assert "Failed" in bad.stdout
    assert "plans/broken.toml:8:1:" in bad.stdout  # FILE:LINE:COL of the week outside the plan
    assert "plans/rollout.toml: ok" in bad.stdout


def test_fmt_hook_passes_a_canonical_plan_and_fails_a_hand_formatted_one(tmp_path: Path) -> None:
    hooks = hook_repo(tmp_path / "hooks")
    team = tmp_path / "team"
    (team / "plans").mkdir(parents=True)
    canonical = (ROOT / "plans" / "phased-rollout.toml").read_text(encoding="utf-8")
    (team / "plans" / "rollout.toml").write_text(canonical, encoding="utf-8")
    git(team, "init", "-q")
    git(team, "add", ".")
    home = tmp_path / "pre-commit-home"

    good = try_repo(team, hooks, home, "rollout-board-fmt", "plans/rollout.toml")
    assert good.returncode == 0, good.stdout + good.stderr
    assert "rollout-board fmt --check" in good.stdout and "Passed" in good.stdout

    # Valid, but not as `fmt` writes it: a key moved out of its canonical place.
    (team / "plans" / "rollout.toml").write_text(
        canonical.replace("weeks = 8\n", "").replace(
            'title = "Phased Rollout Strategy"\n', 'weeks = 8\ntitle = "Phased Rollout Strategy"\n'
        ),
        encoding="utf-8",
    )
    git(team, "add", ".")
    bad = try_repo(team, hooks, home, "rollout-board-fmt", "plans/rollout.toml")
    assert bad.returncode == 1, bad.stdout + bad.stderr
    assert "plans/rollout.toml: not canonical" in bad.stdout
    assert (team / "plans" / "rollout.toml").read_text(encoding="utf-8") != canonical  # --check changes nothing

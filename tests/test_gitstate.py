"""The plan file's git state, and its text at HEAD."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import pytest

from board.gitstate import file_state, head_text

GIT_ENV = {
    "GIT_AUTHOR_NAME": "Test",
    "GIT_AUTHOR_EMAIL": "test@example.invalid",
    "GIT_COMMITTER_NAME": "Test",
    "GIT_COMMITTER_EMAIL": "test@example.invalid",
}


def git(cwd: Path, *args: str) -> None:
    subprocess.run(["git", *args], cwd=cwd, check=True, capture_output=True, env={**os.environ, **GIT_ENV})


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    git(tmp_path, "init", "-q")
    (tmp_path / "plans").mkdir()
    return tmp_path


def test_not_in_git(tmp_path: Path) -> None:
    plan = tmp_path / "plan.toml"
    plan.write_text("x")
    assert file_state(plan) == "not in git"
    assert head_text(plan) is None


def test_untracked_clean_modified(repo: Path) -> None:
    plan = repo / "plans" / "plan.toml"
    plan.write_text("one\n")
    assert file_state(plan) == "untracked"
    assert head_text(plan) is None
    git(repo, "add", "plans/plan.toml")
    git(repo, "commit", "-q", "-m", "plan")
    assert file_state(plan) == "clean"
    plan.write_text("two\n")
    assert file_state(plan) == "modified"
    assert head_text(plan) == b"one\n"

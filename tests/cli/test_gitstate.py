"""The plan file's git state (clean, modified, untracked, not in git) and its text at HEAD."""

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
    "GIT_CONFIG_GLOBAL": os.devnull,
    "GIT_CONFIG_NOSYSTEM": "1",
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


def test_missing_folder_is_not_in_git(tmp_path: Path) -> None:
    plan = tmp_path / "gone" / "plan.toml"
    assert file_state(plan) == "not in git"
    assert head_text(plan) is None


def test_without_git_installed(repo: Path, monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    plan = repo / "plans" / "plan.toml"
    plan.write_text("one\n")
    git(repo, "add", "plans/plan.toml")
    git(repo, "commit", "-q", "-m", "plan")
    empty = tmp_path / "no-git-here"
    empty.mkdir()
    monkeypatch.setenv("PATH", str(empty))
    assert file_state(plan) == "not in git"
    assert head_text(plan) is None


def test_untracked_clean_modified(repo: Path) -> None:
    plan = repo / "plans" / "plan.toml"
    plan.write_text("one\n")
    assert file_state(plan) == "untracked"
    assert head_text(plan) is None  # no commit yet
    git(repo, "add", "plans/plan.toml")
    assert file_state(plan) == "modified"  # staged, not committed
    git(repo, "commit", "-q", "-m", "plan")
    assert file_state(plan) == "clean"
    plan.write_text("two\n")
    assert file_state(plan) == "modified"
    assert head_text(plan) == b"one\n"


def test_state_is_of_the_file_not_the_repository(repo: Path) -> None:
    plan = repo / "plans" / "plan.toml"
    plan.write_text("one\n")
    git(repo, "add", "plans/plan.toml")
    git(repo, "commit", "-q", "-m", "plan")
    (repo / "plans" / "other.toml").write_text("other\n")
    (repo / "README").write_text("changed\n")
    assert file_state(plan) == "clean"
    assert file_state(repo / "plans" / "other.toml") == "untracked"


def test_head_text_from_a_nested_folder_and_of_a_new_file(repo: Path) -> None:
    (repo / "README").write_text("r\n")
    git(repo, "add", "README")
    git(repo, "commit", "-q", "-m", "readme")
    nested = repo / "plans" / "team a"
    nested.mkdir()
    plan = nested / "plan.toml"
    plan.write_bytes(b"caf\xc3\xa9\n")
    assert head_text(plan) is None  # not in HEAD
    git(repo, "add", "plans/team a/plan.toml")
    git(repo, "commit", "-q", "-m", "plan")
    plan.write_text("later\n")
    assert head_text(plan) == b"caf\xc3\xa9\n"
    assert file_state(plan) == "modified"

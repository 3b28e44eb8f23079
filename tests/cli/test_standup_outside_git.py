"""Outside any git repository the standup asks git nothing (issue 12, fourth round: two git
processes and the history module's imports, ~6 ms of a 160 ms standup at 5,000 objectives);
whenever the plan may be in a repository, git is asked as before."""

from __future__ import annotations

import subprocess
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from board import gitstate, store
from board.standup import from_git
from tests.cli.test_standup import FIXTURE, git


def test_a_folder_without_git_above_it_is_outside(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("GIT_DIR", "GIT_WORK_TREE", "GIT_COMMON_DIR"):
        monkeypatch.delenv(name, raising=False)
    plan = tmp_path / "a" / "b" / "plan.toml"
    plan.parent.mkdir(parents=True)
    assert gitstate.outside_any_repository(plan)
    monkeypatch.setenv("GIT_DIR", str(tmp_path / "elsewhere"))
    assert not gitstate.outside_any_repository(plan)
    monkeypatch.delenv("GIT_DIR")
    (tmp_path / "a" / "HEAD").write_text("ref: refs/heads/main\n")  # a bare repository's folder
    assert not gitstate.outside_any_repository(plan)
    (tmp_path / "a" / "HEAD").unlink()
    (tmp_path / ".git").write_text("gitdir: /somewhere\n")  # a linked work tree's file
    assert not gitstate.outside_any_repository(plan)


def test_a_symlinked_plan_is_looked_for_where_it_points(tmp_path: Path) -> None:
    (tmp_path / "repo" / ".git").mkdir(parents=True)
    (tmp_path / "outside").mkdir()
    target = tmp_path / "repo" / "plan.toml"
    target.write_text("")
    link = tmp_path / "outside" / "plan.toml"
    link.symlink_to(target)
    assert not gitstate.outside_any_repository(link)


def test_outside_git_no_git_process_runs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "plan.toml"
    path.write_bytes(FIXTURE.read_bytes())

    def refused(*args: Any, **kwargs: Any) -> None:
        raise AssertionError(f"a process was started: {args}")

    monkeypatch.setattr(subprocess, "run", refused)
    built = from_git.standup_report(path, store.load(path), date(2026, 11, 18))
    assert built.standup.since_commit is None and built.warnings == []
    assert [item.id for item in built.standup.in_progress]


def test_in_a_repository_git_is_asked(tmp_path: Path) -> None:
    path = tmp_path / "plan.toml"
    path.write_bytes(FIXTURE.read_bytes())
    git(tmp_path, "init", "-q")
    git(tmp_path, "add", "plan.toml")
    git(tmp_path, "commit", "-q", "-m", "plan")
    assert not gitstate.outside_any_repository(path)
    built = from_git.standup_report(path, store.load(path), date(2026, 11, 18))
    assert built.standup.since_commit == []


def test_outside_git_the_report_export_and_the_file_state_start_no_git(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from board import gitstate
    from board.interchange.writing import render_text

    for name in ("GIT_DIR", "GIT_WORK_TREE", "GIT_COMMON_DIR"):
        monkeypatch.delenv(name, raising=False)
    path = tmp_path / "plan.toml"
    path.write_bytes(FIXTURE.read_bytes())

    def refused(*args: Any, **kwargs: Any) -> None:
        raise AssertionError(f"a process was started: {args}")

    monkeypatch.setattr(subprocess, "run", refused)
    assert "<html" in render_text(path, "html")  # "since the last commit" is asked of git no more
    assert gitstate.file_state(path) == "not in git"
    assert gitstate.head_text(path) is None


def test_in_a_repository_the_file_state_still_asks_git(tmp_path: Path) -> None:
    path = tmp_path / "plan.toml"
    path.write_bytes(FIXTURE.read_bytes())
    git(tmp_path, "init", "-q")
    assert gitstate.file_state(path) == "untracked"
    git(tmp_path, "add", "plan.toml")
    git(tmp_path, "commit", "-q", "-m", "plan")
    assert gitstate.file_state(path) == "clean"
    assert gitstate.head_text(path) == FIXTURE.read_bytes()

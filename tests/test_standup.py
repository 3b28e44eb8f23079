"""The standup report and the `standup` and `metric` commands."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest

from board import store
from board.model import Editor
from board.standup import build_standup, previous_working_day, render_markdown, render_text

DATA = Path(__file__).parent / "data"
GIT_ENV = {"GIT_AUTHOR_NAME": "T", "GIT_AUTHOR_EMAIL": "t@example.invalid", "GIT_COMMITTER_NAME": "T", "GIT_COMMITTER_EMAIL": "t@example.invalid"}


def cli(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "NO_COLOR": "1"}
    return subprocess.run([sys.executable, "-m", "board", *args], capture_output=True, text=True, cwd=cwd, env=env)


def git(cwd: Path, *args: str) -> None:
    subprocess.run(["git", *args], cwd=cwd, check=True, capture_output=True, env={**os.environ, **GIT_ENV})


@pytest.fixture
def plan_path(tmp_path: Path) -> Path:
    path = tmp_path / "plan.toml"
    shutil.copy(DATA / "board-plan.toml", path)
    return path


def test_previous_working_day() -> None:
    assert previous_working_day(date(2026, 11, 23)) == date(2026, 11, 20)  # Monday -> Friday
    assert previous_working_day(date(2026, 11, 25)) == date(2026, 11, 24)
    assert previous_working_day(date(2026, 11, 29)) == date(2026, 11, 27)  # Sunday -> Friday


def test_standup_on_a_monday(plan_path: Path) -> None:
    plan = store.load(plan_path)
    editor = Editor(plan, today=lambda: date(2026, 11, 21))
    editor.set_contingency_active("technical-issues", True)
    editor.tick_rollback_step("p1", 0)
    editor.record_metric("security-score", 74, date(2026, 11, 19))
    editor.record_metric("security-score", 78, date(2026, 11, 21))
    report = build_standup(plan, date(2026, 11, 23))
    assert report.since == date(2026, 11, 20)
    assert report.week_line == "Week 2 of 8 · Foundation & Security"
    assert [i.id for i in report.done] == ["baseline-metrics"]
    assert [i.id for i in report.in_progress] == ["input-sanitization", "xss-prevention"]
    assert [i.id for i in report.blocked] == ["automated-security"]
    assert "waits for xss-prevention" in report.blocked[0].detail
    assert [i.id for i in report.not_started] == ["monitoring-dashboards"]
    assert report.criteria_met == ["All critical vulnerabilities resolved"] and len(report.criteria_open) == 3
    assert [(r.steps_done, r.steps, r.rehearsed) for r in report.readiness] == [(1, 3, date(2026, 11, 21)), (0, 3, None)]
    assert [(c.id, c.detail) for c in report.contingencies] == [("technical-issues", "active since 2026-11-21")]
    assert [r.detail.split(" (")[0] for r in report.readings] == ["78% on 2026-11-21"]
    text = render_text(report)
    lines = text.splitlines()
    assert max(len(line) for line in lines) <= 120 and len(lines) <= 35
    markdown = render_markdown(report)
    assert markdown.startswith("**Standup · Phased Rollout Strategy · 2026-11-23**")
    assert "- automated-security — Set up automated security testing" in markdown


def test_blocked_reason_from_notes(plan_path: Path) -> None:
    plan = store.load(plan_path)
    plan.objective("automated-security").depends_on = []
    report = build_standup(plan, date(2026, 11, 25))
    assert report.blocked[0].detail == "@chen: Waiting for the staging cluster."


def test_standup_command_with_git(tmp_path: Path, plan_path: Path) -> None:
    git(tmp_path, "init", "-q")
    git(tmp_path, "add", "plan.toml")
    git(tmp_path, "commit", "-q", "-m", "plan")
    assert cli("move", str(plan_path), "monitoring-dashboards", "in-progress").returncode == 0
    assert cli("metric", str(plan_path), "test-coverage", "31", "--date", "2026-11-24").returncode == 0
    out = cli("standup", str(plan_path), "--today", "2026-11-25", "--markdown")
    assert out.returncode == 0, out.stderr
    section = out.stdout.split("**Since the last commit**\n")[1]
    assert section.strip().splitlines() == ["- monitoring-dashboards: todo → in-progress"]
    assert "- test-coverage — Test Coverage (31% on 2026-11-24 (25% → 80%))" in out.stdout


def test_metric_command_records_and_refuses(plan_path: Path) -> None:
    out = cli("metric", str(plan_path), "security-score", "72", "--date", "2026-11-20")
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == "security-score: 72% on 2026-11-20 (70% → 95%)"
    metric = store.load(plan_path).metric("security-score")
    assert metric.current == 72 and [(r.date, r.value) for r in metric.history] == [(date(2026, 11, 20), 72)]
    before = plan_path.read_bytes()
    for args, message in [
        (("nope", "1"), "no metric with id 'nope'"),
        (("security-score", "high"), "'high' is not a number"),
        (("security-score", "inf"), "'inf' is not a finite number"),
    ]:
        out = cli("metric", str(plan_path), *args)
        assert out.returncode == 1 and message in out.stderr
        assert plan_path.read_bytes() == before
    out = cli("metric", str(plan_path), "security-score", "1", "--date", "2026-13-01")
    assert out.returncode == 2 and "is not a date" in out.stderr
    assert plan_path.read_bytes() == before

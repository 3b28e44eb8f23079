"""`list` and `show` on what is late and why something is blocked; `list --phase` by label; whole titles in a pipe."""

from __future__ import annotations

import json
import subprocess
from collections.abc import Callable
from datetime import date
from pathlib import Path

import pytest

from board import store
from board.model import Editor

BOARD_PLAN = Path(__file__).parent / "data" / "board-plan.toml"  # starts Mon 2026-11-16
WEEK_3 = "2026-12-02"
LONG = "Roll the new policy engine out to every namespace of every cluster, one region at a time, with a canary"

CliRun = Callable[..., subprocess.CompletedProcess[str]]  # the run_cli fixture (conftest.py)


@pytest.fixture
def plan(tmp_path: Path) -> Path:
    """The board fixture in week 3: week 2 has two in progress, one blocked (with a reason), one todo."""
    loaded = store.load(BOARD_PLAN)
    editor = Editor(loaded, today=lambda: date(2026, 11, 25))
    editor.toggle_blocked("automated-security")  # unblock, then block again with a reason
    editor.toggle_blocked("automated-security", "the scanner licence expired")
    loaded.objective("monitoring-dashboards").title = LONG
    path = tmp_path / "plan.toml"
    store.save(loaded, path)
    return path


LATE = ["input-sanitization", "xss-prevention", "automated-security", "monitoring-dashboards"]


def test_list_late_lists_past_weeks_not_done(plan: Path, run_cli: CliRun) -> None:
    result = run_cli(plan.parent, "list", plan.name, "--late", "--today", WEEK_3)
    assert result.returncode == 0, result.stderr
    assert [line.split()[0] for line in result.stdout.splitlines()[1:]] == LATE
    early = run_cli(plan.parent, "list", plan.name, "--late", "--today", "2026-11-18")  # week 1: nothing past
    assert early.stdout.splitlines()[1:] == []


def test_list_json_says_late_and_why_blocked(plan: Path, run_cli: CliRun) -> None:
    rows = json.loads(run_cli(plan.parent, "list", plan.name, "--json", "--today", WEEK_3).stdout)
    assert [r["id"] for r in rows if r["late"] is True] == LATE
    assert all(r["late"] is False for r in rows if r["id"] not in LATE)
    blocked = next(r for r in rows if r["id"] == "automated-security")
    assert blocked["blocked_reason"] == "the scanner licence expired"
    late_only = json.loads(run_cli(plan.parent, "list", plan.name, "--json", "--late", "--today", WEEK_3).stdout)
    assert [r["id"] for r in late_only] == LATE


@pytest.mark.parametrize("wanted", ["p1", "P1", "Foundation & Security", "foundation & security"])
def test_list_phase_takes_the_id_or_the_label_the_board_shows(plan: Path, wanted: str, run_cli: CliRun) -> None:
    result = run_cli(plan.parent, "list", plan.name, "--json", "--phase", wanted)
    assert result.returncode == 0, result.stderr
    rows = json.loads(result.stdout)
    assert len(rows) == 8 and {r["phase"] for r in rows} == {"p1"}


def test_list_unknown_phase_names_the_choices(plan: Path, run_cli: CliRun) -> None:
    result = run_cli(plan.parent, "list", plan.name, "--phase", "P9")
    assert result.returncode == 1 and result.stdout == ""
    assert result.stderr.strip() == "rollout-board list: unknown phase 'P9' (phases: p1, p2, p3, p4)"


def test_list_into_a_pipe_keeps_titles_whole(plan: Path, run_cli: CliRun) -> None:
    result = run_cli(plan.parent, "list", plan.name)
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    row = next(line for line in lines if line.startswith("monitoring-dashboards "))
    assert row.endswith(LONG)
    assert not any(line.endswith("…") for line in lines)
    # The other columns keep the layout of the 80-column table: the titles start in one column.
    assert len({line.index(title) for line, title in zip(lines[1:], _titles(plan), strict=True)}) == 1


def _titles(path: Path) -> list[str]:
    return [o.title for o in store.load(path).objectives]


def test_show_has_a_late_section_and_the_blocked_reason(plan: Path, run_cli: CliRun) -> None:
    result = run_cli(plan.parent, "show", plan.name, "--today", WEEK_3)
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert max(len(line) for line in lines) <= 80
    at = lines.index("Late (4)")
    assert [line.split()[1] for line in lines[at + 1 : at + 5]] == LATE
    assert all(line.split()[2:4] == ["wk", "2"] for line in lines[at + 1 : at + 5])
    blocked = lines.index("Blocked (1)")
    assert lines[blocked + 1].split()[:2] == ["✕", "automated-security"]
    assert lines[blocked + 2] == "      why: the scanner licence expired"
    assert lines[blocked + 3] == "      waiting on: ◐ xss-prevention"
    nothing = run_cli(plan.parent, "show", plan.name, "--today", "2026-11-18").stdout
    assert "Late (0)\n  nothing late" in nothing

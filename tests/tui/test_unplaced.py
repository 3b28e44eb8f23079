"""Objectives in weeks no phase covers get an "Unplaced" column on the phase board instead of no place."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from board import store
from board.app import RolloutApp
from board.model import Objective, Phase, Plan
from board.screens.objective_form import ObjectiveForm
from board.widgets.column import UNPLACED

TODAY = date(2026, 11, 25)
NO_PHASES = """schema = 1
title = "Loose plan"
weeks = 4
start = 2026-11-16
statuses = [
    "todo",
    "in-progress",
    "blocked",
    "done",
]

[[objectives]]
id = "draft-runbook"
title = "Draft the runbook"
week = 1
status = "todo"

[[objectives]]
id = "pick-owners"
title = "Pick owners"
week = 3
status = "in-progress"
"""


@pytest.fixture
def loose_plan(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, platformdirs_isolated: object) -> Path:
    path = tmp_path / "loose.toml"
    path.write_text(NO_PHASES, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    return path


def columns(app: RolloutApp) -> dict[str, list[str]]:
    board = app.main_screen
    assert board is not None
    return {column.key: column.cards.order() for column in board.board._columns}


async def test_a_plan_with_no_phases_shows_its_objectives_and_a_new_one(loose_plan: Path) -> None:
    app = RolloutApp(loose_plan, today=lambda: TODAY, watch_interval=0)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert columns(app) == {UNPLACED: ["draft-runbook", "pick-owners"]}
        header = app.main_screen.board._columns[0].header.markup_text  # type: ignore[union-attr]
        assert "Unplaced" in header and "2 objectives" in header
        await pilot.press("n")
        assert isinstance(app.screen, ObjectiveForm)
        await pilot.press(*"Write the announcement", "enter")
        await pilot.pause()
        added = store.load(loose_plan).objective("announcement")
        assert added.week == 1  # the selected card's week
        assert columns(app) == {UNPLACED: ["draft-runbook", "announcement", "pick-owners"]}
        assert app.main_screen.board.selected == "announcement"  # type: ignore[union-attr]
        await pilot.press("space")  # the keys work on an unplaced card
        assert store.load(loose_plan).objective("announcement").status == "in-progress"
        await pilot.press("L")  # no phase to move to: a notice, nothing changed
        assert store.load(loose_plan).objective("announcement").week == 1
        await pilot.press("right_square_bracket")  # a week later: still on the board
        assert store.load(loose_plan).objective("announcement").week == 2
        assert columns(app) == {UNPLACED: ["draft-runbook", "announcement", "pick-owners"]}
        await pilot.press("E")  # no phase to edit: a notice
        assert app.screen is app.main_screen


async def test_an_empty_plan_with_no_phases_still_has_a_column(tmp_path: Path, platformdirs_isolated: object) -> None:
    path = tmp_path / "empty.toml"
    path.write_text(NO_PHASES.split("\n[[objectives]]")[0], encoding="utf-8")
    app = RolloutApp(path, today=lambda: TODAY, watch_interval=0)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert columns(app) == {UNPLACED: []}
        await pilot.press("n", *"First step", "enter")
        await pilot.pause()
        assert columns(app) == {UNPLACED: ["first-step"]}


async def test_weeks_outside_every_phase_come_after_the_phases(loose_plan: Path) -> None:
    """A plan whose phases leave weeks uncovered (the board is handed it after a reload)."""
    app = RolloutApp(loose_plan, today=lambda: TODAY, watch_interval=0)
    async with app.run_test(size=(120, 30)) as pilot:
        await pilot.pause()
        board = app.main_screen
        assert board is not None
        plan = Plan(
            "Gappy",
            6,
            phases=[Phase("p1", "First", 1, 2), Phase("p2", "Second", 3, 4)],
            objectives=[Objective("a", "A", 1), Objective("late", "Late", 6), Objective("c", "C", 3)],
        )
        board.board.set_plan(plan)
        await pilot.pause()
        assert columns(app) == {"p1": ["a"], "p2": ["c"], UNPLACED: ["late"]}
        plan.objectives[1].week = 4
        board.board.rebuild()
        await pilot.pause()
        assert columns(app) == {"p1": ["a"], "p2": ["c", "late"]}  # placed again: the column goes


def test_unplaced_column_snapshot(snap_compare, loose_plan: Path) -> None:  # type: ignore[no-untyped-def]
    app = RolloutApp(loose_plan, today=lambda: TODAY, watch_interval=0)
    assert snap_compare(app, terminal_size=(80, 24))

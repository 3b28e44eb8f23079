"""From `rollout-board new q3 --blank` to a plan of 2 phases, 3 weeks and 4 objectives in under 40 keys
(the titles typed aside), pressing real keys."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from board import store
from board.app import RolloutApp
from board.screens.main_screen import MainScreen
from board.screens.planning import PlanningScreen

TITLES = ["Ship the canary", "Watch the error rate", "Roll out to all regions", "Remove the old path"]


async def test_a_blank_plan_becomes_two_phases_three_weeks_four_objectives_in_under_40_keys(
    tmp_path: Path, platformdirs_isolated: object
) -> None:
    env = {k: v for k, v in os.environ.items() if k not in ("NO_COLOR", "FORCE_COLOR")}
    made = subprocess.run(
        [sys.executable, "-m", "board", "new", "q3", "--blank"],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert made.returncode == 0, made.stderr
    path = tmp_path / "plans" / "q3.toml"
    start = store.load(path).start
    assert start is not None
    app = RolloutApp(path, today=lambda: start, watch_interval=0)
    counted: list[str] = []
    async with app.run_test(size=(120, 36)) as pilot:

        async def keys(*names: str) -> None:
            counted.extend(names)
            await pilot.press(*names)

        async def title(text: str) -> None:  # typing a title or a name is not counted
            await pilot.press(*text)

        await keys("P")  # planning mode, on the plan's own row
        assert isinstance(app.screen, PlanningScreen)
        await keys("e", "tab", "tab", "3", "enter")  # the plan: 3 weeks (its one phase follows)
        await keys(*["down"] * 6, "n")  # on "Phases": a new phase
        await title("Rollout")
        await keys("tab", "3", "tab", "3", "enter")  # week 3, taken from phase 1
        await keys("escape")  # back to the board
        assert isinstance(app.screen, MainScreen)
        for number, text in enumerate(TITLES, start=1):
            await keys("n")  # the form offers the selected card's week
            await title(text)
            await keys("enter")
            if number == 3:
                await keys("L")  # the third to the next phase; the fourth then starts there
    plan = store.load(path)
    assert plan.weeks == 3
    assert [(p.id, p.name, p.first_week, p.last_week) for p in plan.phases] == [
        ("p1", "Phase 1", 1, 2),
        ("rollout", "Rollout", 3, 3),
    ]
    assert [(o.title, o.week) for o in plan.objectives] == list(zip(TITLES, [1, 1, 3, 3], strict=True))
    assert len(counted) < 40, counted
    assert len(counted) == 28  # P, e tab tab 3 enter, 6 × down n, tab 3 tab 3 enter, escape, 4 × (n enter), L

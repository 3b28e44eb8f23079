"""What the board looks like: each view and screen at 80×24 and at 160×45.

Update with `pytest tests/tui/test_snapshots.py --snapshot-update` and look at the
SVGs under tests/tui/__snapshots__/ before committing them.
"""

from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path

import pytest

from board.app import RolloutApp

DATA = Path(__file__).parents[1] / "data"
SIZES = [(80, 24), (160, 45)]
SCREENS = {
    "phase-board": ["1"],
    "status-board": ["2"],
    "timeline": ["3"],
    "objective": ["j", "j", "j", "j", "j", "enter"],
    "edit-form": ["j", "j", "j", "j", "j", "e"],
    "help": ["question_mark"],
    "risk-panel": ["r"],
    "contingency-panel": ["c"],
    "metrics-panel": ["m"],
    "standup-panel": ["s"],
    "overview": ["o"],
    "planning": ["P"],
    "planning-phase-form": ["P", "down", "down", "down", "down", "down", "down", "down", "e"],
    "new-form": ["n"],
    "filter": ["slash", "o", "p", "a"],
    "delete-confirm": ["j", "x"],
    "risk-form": ["r", "a"],
    "risk-help": ["r", "question_mark"],
    "timeline-selected": ["3", "j", "j", "j", "j", "j", "j"],
}


@pytest.fixture
def board_app(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, platformdirs_isolated: object) -> RolloutApp:
    path = tmp_path / "plan.toml"
    shutil.copy(DATA / "board-plan.toml", path)
    monkeypatch.chdir(tmp_path)
    return RolloutApp(path, today=lambda: date(2026, 11, 25), watch_interval=0)


def settle_after(keys: list[str]):  # type: ignore[no-untyped-def]
    """Press ``keys``, then hold text cursors still (a blinking cursor would make the picture flicker)."""

    async def run(pilot) -> None:  # type: ignore[no-untyped-def]
        await pilot.pause()  # the board is mounted and focused before the first key
        await pilot.app.workers.wait_for_complete()
        await pilot.press(*keys)
        for field in pilot.app.screen.query("Input, TextArea"):
            field.cursor_blink = False
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()

    return run


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
@pytest.mark.parametrize("name", list(SCREENS))
def test_screen(snap_compare, board_app: RolloutApp, name: str, size: tuple[int, int]) -> None:  # type: ignore[no-untyped-def]
    assert snap_compare(board_app, terminal_size=size, run_before=settle_after(SCREENS[name]))


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_quit_dialog(snap_compare, board_app: RolloutApp, size: tuple[int, int]) -> None:  # type: ignore[no-untyped-def]
    """`q` with a change the disk refused (a failed save): save / discard / cancel."""

    async def run(pilot) -> None:  # type: ignore[no-untyped-def]
        await pilot.pause()
        await pilot.app.workers.wait_for_complete()
        pilot.app.session.unsaved = True
        pilot.app.save_state = "error"
        await pilot.press("q")
        await pilot.pause()

    assert snap_compare(board_app, terminal_size=size, run_before=run)

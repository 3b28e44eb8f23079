"""What the board shows when its plan file is deleted: the dialog over the board, at 80×24 and 160×45.

Update with `pytest tests/hostile/test_missing_snapshot.py --snapshot-update` and look at the SVGs.
"""

from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path

import pytest

from board.app import RolloutApp

DATA = Path(__file__).resolve().parents[1] / "data"


@pytest.mark.parametrize("size", [(80, 24), (160, 45)], ids=lambda s: f"{s[0]}x{s[1]}")
def test_deleted_plan_dialog(  # type: ignore[no-untyped-def]
    snap_compare, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, platformdirs_isolated: object, size
) -> None:
    path = tmp_path / "plan.toml"
    shutil.copy(DATA / "board-plan.toml", path)
    monkeypatch.chdir(tmp_path)
    app = RolloutApp(path, today=lambda: date(2026, 11, 25), watch_interval=0)

    async def delete_then_change(pilot) -> None:  # type: ignore[no-untyped-def]
        await pilot.pause()
        await pilot.app.workers.wait_for_complete()
        path.unlink()
        await pilot.press("space")
        await pilot.pause()

    assert snap_compare(app, terminal_size=size, run_before=delete_then_change)

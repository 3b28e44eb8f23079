"""What rollout control looks like on the staged plan (week 1 ended, week 2 running): the risk panel's
Gate section and rehearsal log, the phase board's headers and marks, and the timeline with the
critical path, each at 80×24 and at 160×45.

Update with `pytest tests/test_control_snapshots.py --snapshot-update` and look at the SVGs.
"""

from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path

import pytest
from test_snapshots import SIZES, settle_after

from board.app import RolloutApp

DATA = Path(__file__).parent / "data"
SCREENS = {
    # The internal phase's risk panel, the highlight on its first sign-off (the Gate section in view).
    "gate-section": ["r", "down", "down"],
    "phase-board": ["1"],
    "timeline-critical-path": ["3"],
}


@pytest.fixture
def staged_app(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, platformdirs_isolated: object) -> RolloutApp:
    path = tmp_path / "staged.toml"
    shutil.copy(DATA / "staged-rollout.toml", path)
    monkeypatch.chdir(tmp_path)
    return RolloutApp(path, today=lambda: date(2026, 11, 10), watch_interval=0)


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
@pytest.mark.parametrize("name", list(SCREENS))
def test_control_screen(snap_compare, staged_app: RolloutApp, name: str, size: tuple[int, int]) -> None:  # type: ignore[no-untyped-def]
    assert snap_compare(staged_app, terminal_size=size, run_before=settle_after(SCREENS[name]))

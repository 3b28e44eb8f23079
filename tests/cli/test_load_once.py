"""``rollout-board PLAN`` reads and checks the plan once: discovery validates it and hands it on."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from board import app as board_app
from board import cli, store


@pytest.fixture
def opened(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[board_app.RolloutApp]]:
    """The apps the command line builds, kept instead of run."""
    apps: list[board_app.RolloutApp] = []
    monkeypatch.setattr(board_app, "no_terminal", lambda: "")
    monkeypatch.setattr(board_app.RolloutApp, "run", lambda self, *a, **k: apps.append(self))
    yield apps
    gc.unfreeze()  # open_app froze this test process's objects as it would the board's


@pytest.fixture
def loads_calls(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    calls: list[str] = []
    real = store.loads

    def counting(data: bytes | str, filename: str = "<plan>") -> Any:
        calls.append(filename)
        return real(data, filename)

    monkeypatch.setattr(store, "loads", counting)
    return calls


def test_the_plan_is_read_once_from_the_command_line_to_the_board(
    plan_path: Path, opened: list[board_app.RolloutApp], loads_calls: list[str]
) -> None:
    assert cli.main([str(plan_path)]) == 0
    assert len(opened) == 1
    assert loads_calls == [str(plan_path)]
    session = opened[0].session
    assert session.path == plan_path
    assert session.check_disk().kind == "same"  # what was read is what is on disk
    assert [o.id for o in session.plan.objectives] == [o.id for o in store.load(plan_path).objectives]


def test_the_only_plan_of_the_plans_folder_is_read_once_too(
    plan_path: Path, opened: list[board_app.RolloutApp], loads_calls: list[str]
) -> None:
    (plan_path.parent / "plans").mkdir()
    only = plan_path.rename(plan_path.parent / "plans" / "only.toml")
    assert cli.main([]) == 0
    assert len(loads_calls) == 1
    assert opened[0].session.path.resolve() == only.resolve()


def test_a_plan_changed_after_discovery_is_still_noticed(plan_path: Path, opened: list[board_app.RolloutApp]) -> None:
    assert cli.main([str(plan_path)]) == 0
    session = opened[0].session
    plan_path.write_text(plan_path.read_text(encoding="utf-8").replace("title = ", "title = 'x' #", 1), "utf-8")
    assert session.check_disk().kind in ("changed", "invalid")


def test_the_board_freezes_its_start_up_for_the_collector(plan_path: Path, opened: list[board_app.RolloutApp]) -> None:
    import gc

    gc.unfreeze()
    try:
        assert cli.main([str(plan_path)]) == 0
        assert gc.get_freeze_count() > 10_000  # Textual's imports, the app and the plan
    finally:
        gc.unfreeze()

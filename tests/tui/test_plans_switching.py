"""More than one plan: recently opened plans, the picker, switching plans from the palette."""

from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path

import pytest

from board.app import RolloutApp
from board.recent import order_recent_first, recent_plans, remember
from board.screens.picker import PickerApp
from tests.waiting import palette_offers

DATA = Path(__file__).parents[1] / "data"
BUNDLED = Path(__file__).parents[2] / "plans" / "phased-rollout.toml"


@pytest.fixture
def plans(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, platformdirs_isolated: object) -> list[Path]:
    folder = tmp_path / "plans"
    folder.mkdir()
    a, b = folder / "alpha.toml", folder / "beta.toml"
    shutil.copy(DATA / "board-plan.toml", a)
    shutil.copy(BUNDLED, b)
    monkeypatch.chdir(tmp_path)
    return [a, b]


def test_recent_plans_are_remembered_and_offered_first(plans: list[Path]) -> None:
    a, b = plans
    assert recent_plans() == []
    remember(a)
    remember(b)
    remember(a)
    assert recent_plans() == [a.resolve(), b.resolve()]
    assert order_recent_first([b, a]) == [a, b]
    b.unlink()
    assert recent_plans() == [a.resolve()]  # plans that no longer exist are dropped


async def test_the_picker_lists_plans_and_returns_the_chosen_one(plans: list[Path]) -> None:
    app = PickerApp(plans)
    async with app.run_test() as pilot:
        text = "\n".join(str(o.prompt) for o in app.query_one("OptionList")._options)
        assert "Phased Rollout Strategy" in text and "4/32 done" in text and "0/32 done" in text
        await pilot.press("down", "enter")
    assert app.return_value == plans[1]


async def test_switch_plans_from_the_palette(plans: list[Path]) -> None:
    a, b = plans
    remember(b)
    app = RolloutApp(a, today=lambda: date(2026, 11, 25), watch_interval=0)
    async with app.run_test(size=(120, 40)) as pilot:
        assert app.session.plan.objective("opa-policy").status == "done"
        await pilot.press("ctrl+p", *"beta")
        await palette_offers(pilot, "beta")
        await pilot.press("enter")
        await pilot.pause()
        assert app.session.path == b
        assert app.session.plan.objective("opa-policy").status == "todo"
        board = app.main_screen
        assert board is not None and board.header.file_text == "plans/beta.toml"
        await pilot.press("space")  # edits go to the new plan's file
    assert "in-progress" in b.read_text()
    assert recent_plans()[0] == b.resolve()

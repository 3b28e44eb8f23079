"""Theme files, the settings file and the key remaps in the board (each alone: test_themes, test_settings, test_keymap)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from board.app import RolloutApp
from board.keys import keys_in_force
from board.locations import settings_path
from board.settings import load_settings


async def test_the_board_applies_remaps_and_reports_clashes(platformdirs_isolated: object, plan_path: Path) -> None:
    path = settings_path()
    path.parent.mkdir(parents=True)
    path.write_text('theme = "projector"\n[keys]\n"objective.advance" = "a"\n"objective.block" = "j"\n')
    app = RolloutApp(plan_path, today=lambda: date(2026, 11, 25), watch_interval=0)
    assert app.theme == "projector"
    assert app.startup_problems == [
        f"{path}:4:1: keys: objective.block = 'j': j is already the key of board.down; kept 'b'"
    ]
    async with app.run_test() as pilot:
        await pilot.press("a")  # the remapped advance
        assert app.session.plan.objective("opa-policy").status == "done"
        await pilot.press("j", "j", "j", "j", "a")
        assert app.session.plan.objective("input-sanitization").status == "done"
        assert app.keymap_in_force["objective.advance"] == "a"
        app.theme = "rollout-light"
        await pilot.pause()
    assert load_settings()[0].theme == "rollout-light"


def test_the_key_table_has_ids_for_every_contract_key() -> None:
    keys = keys_in_force()
    for binding_id in (
        "objective.advance",
        "objective.block",
        "objective.move-left",
        "objective.week-later",
        "edit.redo",
        "view.timeline",
        "panel.standup",
        "app.quit",
    ):
        assert binding_id in keys


async def test_choosing_a_theme_in_the_board_keeps_the_settings_comments(
    platformdirs_isolated: object, plan_path: Path
) -> None:
    path = settings_path()
    path.parent.mkdir(parents=True)
    text = '# shared screen\ntheme = "projector"  # readable from the back\n\n[keys]\n# tmux eats space\n"objective.advance" = "a"\n'
    path.write_text(text)
    app = RolloutApp(plan_path, today=lambda: date(2026, 11, 25), watch_interval=0)
    async with app.run_test() as pilot:
        app.theme = "rollout-light"
        await pilot.pause()
    assert path.read_text() == text.replace('"projector"', '"rollout-light"')

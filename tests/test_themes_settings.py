"""Theme files, the settings file and the key remaps, alone and in the board."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from board.app import RolloutApp, default_keys
from board.keymap import resolve_keymap
from board.locations import settings_path
from board.settings import Settings, load_settings, remember_theme, save_settings


def test_settings_round_trip_keep_unknown_tables(platformdirs_isolated: object) -> None:
    assert load_settings() == (Settings(), [])
    path = settings_path()
    path.parent.mkdir(parents=True)
    path.write_text('theme = "projector"\nfuture = 3\n[keys]\n"objective.advance" = "enter"\n[recent]\nplans = ["a.toml"]\n')
    settings, problems = load_settings()
    assert problems == [] and settings.theme == "projector" and settings.keys == {"objective.advance": "enter"}
    remember_theme("rollout-light")
    text = path.read_text()
    assert 'theme = "rollout-light"' in text and "future = 3" in text and 'plans = [' in text


def test_a_broken_settings_file_gives_defaults_and_a_message(platformdirs_isolated: object) -> None:
    path = settings_path()
    path.parent.mkdir(parents=True)
    path.write_text("theme = ")
    settings, problems = load_settings()
    assert settings == Settings() and len(problems) == 1 and "ignored" in problems[0]
    save_settings(Settings(theme="projector"))
    assert load_settings()[0].theme == "projector"


def test_resolve_keymap() -> None:
    defaults = {"a.one": "x", "a.two": "y,z", "a.three": "w"}
    keymap, problems = resolve_keymap(defaults, {"a.one": "q", "nope": "k", "a.three": "z", "a.two": "ctrl+"})
    assert keymap == {"a.one": "q"}
    assert problems == [
        "keys: unknown binding id 'nope'; kept the defaults",
        "keys: a.two = 'ctrl+' is not a key name; kept 'y,z'",
        "keys: a.three = 'z' clashes with a.two; kept 'w'",
    ]
    # Moving a binding off a key frees it for another.
    assert resolve_keymap(defaults, {"a.two": "v", "a.three": "y"}) == ({"a.two": "v", "a.three": "y"}, [])


async def test_the_board_applies_remaps_and_reports_clashes(platformdirs_isolated: object, plan_path: Path) -> None:
    path = settings_path()
    path.parent.mkdir(parents=True)
    path.write_text('theme = "projector"\n[keys]\n"objective.advance" = "a"\n"objective.block" = "j"\n')
    app = RolloutApp(plan_path, today=lambda: date(2026, 11, 25), watch_interval=0)
    assert app.theme == "projector"
    assert app.startup_problems == ["keys: objective.block = 'j' clashes with board.down; kept 'b'"]
    async with app.run_test() as pilot:
        await pilot.press("a")  # the remapped advance
        assert app.session.plan.objective("opa-policy").status == "done"
        await pilot.press("j", "j", "j", "j", "a")
        assert app.session.plan.objective("input-sanitization").status == "done"
        assert app.keymap_in_force["objective.advance"] == "a"
        app.theme = "rollout-light"
        await pilot.pause()
    assert load_settings()[0].theme == "rollout-light"


async def test_default_keys_have_ids_for_every_contract_key() -> None:
    keys = default_keys()
    for binding_id in ("objective.advance", "objective.block", "objective.move-left", "objective.week-later", "edit.redo", "view.timeline", "panel.standup", "app.quit"):
        assert binding_id in keys

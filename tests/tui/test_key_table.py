"""Every class's keys come from the table (board/keys.py): the bindings, the help and the palette agree."""

from __future__ import annotations

import importlib
import inspect
from pathlib import Path

from textual.binding import Binding

import board
from board.keys import KEYS, by_id
from board.palette import palette_actions
from board.screens.help import help_text
from tests.unit.test_import_circles import imports_of

ROOT = Path(board.__file__).parent


def owners() -> list[type]:
    """Every class of the app's modules that declares BINDINGS (the commands never do: no Textual there)."""
    found = []
    for path in sorted(ROOT.rglob("*.py")):
        parts = path.relative_to(ROOT.parent).with_suffix("").parts
        if parts[1] in ("commands", "__main__") or parts[-1] == "__init__":
            continue
        name = ".".join(parts)
        module = importlib.import_module(name)
        for _, cls in inspect.getmembers(module, inspect.isclass):
            if cls.__module__ == name and "BINDINGS" in cls.__dict__:
                found.append(cls)
    return found


def test_every_binding_of_the_app_is_a_row_of_the_table() -> None:
    classes = owners()
    assert len(classes) >= 20
    declared: set[str] = set()
    for cls in classes:
        for binding in cls.__dict__["BINDINGS"]:
            assert isinstance(binding, Binding) and binding.id, f"{cls.__name__}: a binding without an id"
            key = by_id(binding.id)
            assert (binding.key, binding.action, binding.description, binding.show, binding.priority) == (
                key.keys,
                key.action,
                key.label,
                key.show,
                key.priority,
            ), binding.id
            declared.add(binding.id)
    # ... and every row of the table is some class's binding.
    assert declared == {key.id for key in KEYS}


def test_help_and_palette_follow_a_keymap() -> None:
    class App:
        keymap_in_force = {**{k.id: k.keys for k in KEYS}, "objective.advance": "f5", "conflicts.ours": "O"}

    text = help_text(App())
    assert "f5" in text and "[b]space" not in text
    advance = next(h for name, _, h in palette_actions(App.keymap_in_force) if name == "Advance status")
    assert advance.endswith("(f5)")
    merge = next(h for name, _, h in palette_actions(App.keymap_in_force) if name == "Merge conflicts")
    assert "O ours" in merge


def test_the_help_takes_keys_from_the_table_not_the_app() -> None:
    graph = imports_of(ROOT)
    assert not any(m == "board.app" or m.startswith("board.app.") for m in graph["board.screens.help"])
    assert "board.app" not in graph["board.keys"] and "board.app" not in graph["board.keymap"]


async def test_a_panel_help_shows_a_key_where_it_acts(plan_path: Path) -> None:
    from datetime import date

    from board.app import RolloutApp
    from board.screens.help import HelpScreen

    app = RolloutApp(plan_path, today=lambda: date(2026, 11, 25), watch_interval=0)
    async with app.run_test(size=(120, 60)) as pilot:
        await pilot.press("r", "question_mark")
        assert isinstance(app.screen, HelpScreen)
        lines = str(app.screen.query_one("#help-text").render()).splitlines()
        # The risk panel's g signs off; home still goes to the first row.
        assert next(line for line in lines if "first row" in line).split()[0] == "home"
        assert next(line for line in lines if "sign off the gate" in line).split()[0] == "g"


async def test_the_palette_opens_the_help(plan_path: Path) -> None:
    from datetime import date

    from board.app import RolloutApp
    from board.screens.help import HelpScreen
    from tests.waiting import palette_offers, until

    app = RolloutApp(plan_path, today=lambda: date(2026, 11, 25), watch_interval=0)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("ctrl+p", *"help")
        await palette_offers(pilot, "help")
        await pilot.press("enter")
        await until(pilot, lambda: isinstance(app.screen, HelpScreen), "the help")
        assert "Rollout Board — keys" in str(app.screen.query_one("Static").render())

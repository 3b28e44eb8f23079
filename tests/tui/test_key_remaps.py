"""Remapped keys in the board, by real keys: the new key works and the old one does not, and the
footer, the `?` help and the palette all name the new key; remaps of panel and dialog keys."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from board.app import RolloutApp
from board.locations import settings_path
from board.screens.confirm import ConfirmScreen
from board.screens.contingency_panel import ContingencyPanel
from board.screens.help import HelpScreen
from board.screens.main_screen import MainScreen
from board.widgets.key_footer import KeyFooter
from tests.waiting import palette_offers, until


def settings(text: str) -> Path:
    path = settings_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def make_app(plan_path: Path) -> RolloutApp:
    return RolloutApp(plan_path, today=lambda: date(2026, 11, 25), watch_interval=0)


def footer_keys(app: RolloutApp) -> dict[str, str]:
    """The footer's words -> the key it shows for them."""
    return {item.description: item.key_display for footer in app.screen.query(KeyFooter) for item in footer.items}


async def test_space_remapped_shows_the_new_key_everywhere_and_only_it_works(plan_path: Path) -> None:
    settings('[keys]\n"objective.advance" = "f5"\n')
    app = make_app(plan_path)
    assert app.startup_problems == []
    async with app.run_test(size=(160, 45)) as pilot:
        await until(pilot, lambda: "Advance" in footer_keys(app), "the footer")
        assert footer_keys(app)["Advance"] == "f5"
        await pilot.press("j", "j", "j", "j")
        assert app.main_screen is not None and app.main_screen.board.selected == "input-sanitization"
        assert app.session.plan.objective("input-sanitization").status == "in-progress"
        await pilot.press("space")  # no longer advances
        assert app.session.plan.objective("input-sanitization").status == "in-progress"
        await pilot.press("f5")
        assert app.session.plan.objective("input-sanitization").status == "done"

        await pilot.press("question_mark")
        assert isinstance(app.screen, HelpScreen)
        text = str(app.screen.query_one("#help-text").render())
        line = next(line for line in text.splitlines() if "todo → in-progress → done" in line)
        assert line.split()[0] == "f5" and "space" not in line
        await pilot.press("escape")

        await pilot.press("ctrl+p")
        await pilot.press(*"advance st")
        await palette_offers(pilot, "advance status")
        await palette_offers(pilot, "(f5)")
        await pilot.press("escape")
        assert isinstance(app.screen, MainScreen)


async def test_a_panel_key_remapped_works_in_the_panel(plan_path: Path) -> None:
    settings('[keys]\n"contingency.toggle" = "A"\n')
    app = make_app(plan_path)
    assert app.startup_problems == []
    async with app.run_test(size=(160, 45)) as pilot:
        await pilot.press("c")
        panel = app.screen
        assert isinstance(panel, ContingencyPanel)
        panel.list.highlighted = next(i for i, row in enumerate(panel.rows) if row.kind == "contingency")
        cid = app.session.plan.contingencies[0].id
        await pilot.press("space")
        assert not app.session.plan.contingency(cid).active
        await pilot.press("A")
        assert app.session.plan.contingency(cid).active
        await until(pilot, lambda: "Activate / tick" in footer_keys(app), "the panel's footer")
        assert footer_keys(app)["Activate / tick"] == "A"
        await pilot.press("question_mark")
        text = str(app.screen.query_one("#help-text").render())
        assert any(line.split()[:1] == ["A"] and "active / on standby" in line for line in text.splitlines())


async def test_a_dialog_key_equal_to_a_board_key_is_no_clash(plan_path: Path) -> None:
    # `u` undoes on the board; in the delete question it may say yes.
    settings('[keys]\n"confirm.yes" = "u"\n')
    app = make_app(plan_path)
    assert app.startup_problems == []
    async with app.run_test(size=(160, 45)) as pilot:
        await pilot.pause()
        first = app.session.plan.objectives[0].id
        await pilot.press("x", "y")  # y is no longer yes
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("u")
        assert app.session.plan.find_objective(first) is None
        assert isinstance(app.screen, MainScreen)


async def test_a_clash_on_one_screen_and_an_unknown_id_are_reported_with_their_line(plan_path: Path) -> None:
    path = settings('theme = "projector"\n\n[keys]\n"objective.advanse" = "a"\n  "risk.add" = "x"\n')
    app = make_app(plan_path)
    assert app.startup_problems == [
        f"{path}:4:1: keys: unknown binding id 'objective.advanse'; ignored",
        f"{path}:5:3: keys: risk.add = 'x': x is already the key of risk.delete; kept 'a'",
    ]


async def test_the_plan_picker_takes_remaps(tmp_path: Path, platformdirs_isolated: object) -> None:
    from board.screens.picker import PickerApp

    settings('[keys]\n"picker.down" = "n"\n')
    folder = tmp_path / "plans"
    folder.mkdir()
    paths = [folder / "a.toml", folder / "b.toml"]
    for path in paths:
        path.write_bytes((Path(__file__).parents[1] / "data" / "board-plan.toml").read_bytes())
    app = PickerApp(paths, today=date(2026, 11, 25))
    async with app.run_test() as pilot:
        await pilot.press("j", "n", "enter")  # j no longer moves down
    assert app.return_value == paths[1]


async def test_the_palette_key_remapped(plan_path: Path) -> None:
    from textual.command import CommandPalette

    settings('[keys]\n"app.palette" = "f2"\n')
    app = make_app(plan_path)
    assert app.startup_problems == []
    async with app.run_test(size=(160, 45)) as pilot:
        footer = app.screen.query_one(KeyFooter)
        await until(pilot, lambda: footer.palette is not None, "the footer")
        assert footer.palette is not None and footer.palette.key_display == "f2"
        await pilot.press("ctrl+p")
        assert not isinstance(app.screen, CommandPalette)
        await pilot.press("f2")
        assert isinstance(app.screen, CommandPalette)

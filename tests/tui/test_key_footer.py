"""The board's footer: one widget that draws the active keys, follows focus, and presses a key when clicked."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from board.app import RolloutApp
from board.screens.contingency_panel import ContingencyPanel
from board.screens.help import HelpScreen
from board.widgets.key_footer import KeyFooter
from tests.waiting import until

TODAY = date(2026, 11, 25)


def footer_line(app: RolloutApp) -> str:
    footer = app.screen.query_one(KeyFooter)
    return footer.render_line(0).text


def x_of(app: RolloutApp, description: str) -> int:
    """The first cell of the footer item labelled ``description``."""
    footer = app.screen.query_one(KeyFooter)
    return next(start for start, _end, item in footer._spans if item.description == description)


async def test_the_footer_follows_focus_without_mounting_a_widget(plan_path: Path) -> None:
    app = RolloutApp(plan_path, today=lambda: TODAY, watch_interval=0)
    async with app.run_test(size=(80, 24)) as pilot:
        footer = app.screen.query_one(KeyFooter)
        await until(pilot, lambda: "Advance" in footer_line(app), "the board's keys in the footer")
        line = footer_line(app)
        assert line.startswith("⏎ Open space Advance n New e Edit / Filter u Undo q Quit ? Help")
        assert line.endswith("▏^p palette ") and len(line) == 80
        await pilot.press("slash")
        # While the filter has focus the letters are typed: the board's keys leave the footer.
        await until(pilot, lambda: "Advance" not in footer_line(app), "the board's keys to leave the footer")
        assert footer_line(app).endswith("▏^p palette ")
        await pilot.press("escape")
        await until(pilot, lambda: "Advance" in footer_line(app), "the board's keys to come back")
        assert len(footer.children) == 0


async def test_clicking_a_footer_key_runs_its_action(plan_path: Path) -> None:
    app = RolloutApp(plan_path, today=lambda: TODAY, watch_interval=0)
    async with app.run_test(size=(160, 45)) as pilot:
        await until(pilot, lambda: "Filter" in footer_line(app), "the footer")
        main = app.main_screen
        assert main is not None
        await pilot.click(KeyFooter, offset=(x_of(app, "Filter"), 0))
        await pilot.pause()
        assert main.filter_input.display and app.focused is main.filter_input
        await pilot.press("escape")
        await until(pilot, lambda: "Help" in footer_line(app), "the footer after escape")
        await pilot.click(KeyFooter, offset=(x_of(app, "Help") + 2, 0))  # on the label, not the key
        await until(pilot, lambda: isinstance(app.screen, HelpScreen), "the help")


async def test_clicking_between_keys_does_nothing(plan_path: Path) -> None:
    app = RolloutApp(plan_path, today=lambda: TODAY, watch_interval=0)
    async with app.run_test(size=(160, 45)) as pilot:
        await until(pilot, lambda: "Help" in footer_line(app), "the footer")
        gap = x_of(app, "Help") - 1  # the space after "Quit"
        await pilot.click(KeyFooter, offset=(gap, 0))
        await pilot.click(KeyFooter, offset=(100, 0))  # the blank middle
        await pilot.pause()
        assert app.screen is app.main_screen and app.is_running


async def test_a_panel_footer_pads_its_keys_and_a_click_goes_back(plan_path: Path) -> None:
    app = RolloutApp(plan_path, today=lambda: TODAY, watch_interval=0)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("c")
        assert isinstance(app.screen, ContingencyPanel)
        await until(pilot, lambda: "Back" in footer_line(app), "the panel's footer")
        line = footer_line(app)
        assert " esc Back  u Undo  space Activate / tick  q Quit  ? Help " in line
        assert line.endswith("▏^p palette ") and len(line) == 80
        await pilot.click(KeyFooter, offset=(x_of(app, "Back"), 0))
        await until(pilot, lambda: app.screen is app.main_screen, "the board again")

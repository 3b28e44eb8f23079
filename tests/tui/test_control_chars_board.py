"""The board draws plan text with its control characters as escapes: every screen, the title, the SVG."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from board import term
from tests.cli.test_cli import run
from tests.hostile_text import hostile_plan, raw_controls


@pytest.fixture
def hostile(tmp_path: Path) -> Path:
    return hostile_plan(tmp_path / "hostile.toml")


def test_svg_export_is_well_formed_xml(hostile: Path) -> None:
    for view in ("phase", "timeline", "standup"):
        done = run(hostile.parent, "export", hostile.name, "--format", "svg", "--view", view, "-o", f"{view}.svg")
        assert done.returncode == 0, done.stderr
        svg = (hostile.parent / f"{view}.svg").read_text(encoding="utf-8")
        ET.fromstring(svg)
        assert raw_controls(svg) == []


SCREENS = {
    "phase board": [],
    "status board": ["2"],
    "timeline": ["3"],
    "objective": ["enter"],
    "edit form": ["e"],
    "risk & rollback": ["r"],
    "contingency": ["c"],
    "metrics": ["m"],
    "standup": ["s"],
    "planning": ["P"],
    "help": ["question_mark"],
    "palette": ["ctrl+p", "P", "W", "N"],  # objectives whose titles hold the payload
}


@pytest.mark.parametrize("keys", SCREENS.values(), ids=SCREENS.keys())
async def test_the_board_draws_no_raw_control_character(
    hostile: Path, keys: list[str], platformdirs_isolated: object
) -> None:
    from datetime import date

    from board.app import RolloutApp

    app = RolloutApp(hostile, today=lambda: date(2026, 11, 18), watch_interval=0)
    async with app.run_test(size=(160, 45), notifications=True) as pilot:
        await pilot.pause()
        assert raw_controls(app.title) == [] and r"\x1b]0;PWNED" in app.title
        app.notify(app.session.plan.objectives[0].title, title=app.session.plan.phases[0].name)
        await _toast_shown(app, pilot)
        await pilot.press(*keys)
        await pilot.pause()
        screen = app.export_screenshot()
        ET.fromstring(screen)
        assert raw_controls(screen) == []
        assert "PWNED" in screen


async def _toast_shown(app: object, pilot: object) -> None:
    """Wait (in steps of the app's own refreshes, no clock) until a notification is on the screen."""
    for _ in range(100):
        await pilot.pause()  # type: ignore[attr-defined]
        if app.screen.query("Toast"):  # type: ignore[attr-defined]
            await pilot.pause()  # type: ignore[attr-defined]
            return
    raise AssertionError("no notification was shown")


async def _wait_for_text(app: object, pilot: object, needle: str) -> str:
    """The screen's text once ``needle`` is on it (the palette searches in a worker): waits for
    the app's own refreshes, not for a clock."""
    for _ in range(100):
        await pilot.pause()  # type: ignore[attr-defined]
        shown = _screen_text(app.export_screenshot())  # type: ignore[attr-defined]
        if needle in shown:
            return shown
    raise AssertionError(f"{needle!r} never appeared")


def _screen_text(svg: str) -> str:
    """The text of a screenshot, its pieces joined (the SVG splits a line where the style changes)."""
    import html
    import re

    return html.unescape("".join(re.findall(r">([^<]*)<", svg))).replace("\xa0", " ")


def test_the_line_filter_keeps_the_line_width() -> None:
    from rich.segment import Segment
    from textual.color import Color

    from board.widgets.control_filter import ControlCharacters

    line = [Segment("ab\x1b]0;x\x07cd"), Segment("efgh")]
    width = sum(s.cell_length for s in line)
    shown = ControlCharacters().apply(line, Color(0, 0, 0))
    assert "".join(s.text for s in shown) == r"ab\x1b]0;x\x07cdefgh"[:width]
    assert sum(s.cell_length for s in shown) == width
    plain = [Segment("plain")]
    assert ControlCharacters().apply(plain, Color(0, 0, 0)) is plain


@pytest.mark.parametrize("text", ["a[H b", "x[ y", "a[H]b", "[/]", "a\\", "a\\[b]x", "\x1b[8mhidden"])
def test_plan_text_in_markup_is_drawn_as_written(text: str) -> None:
    """Textual's own escape leaves ``a[H b`` as markup: the metrics panel failed to draw, ``a[H]b`` lost ``[H]``."""
    from textual.markup import to_content

    from board.widgets.markup import escape

    for markup in (f"[b]{escape(text)}[/b] [$success]x[/]", f"{escape(text)} [$success]x[/]"):
        shown = to_content(markup).plain.replace("\u200b", "")
        assert shown == f"{term.visible(text)} x"


async def test_the_header_keeps_its_two_lines(hostile: Path, platformdirs_isolated: object) -> None:
    """A title holding CR, a line break or ESC [2J does not push the file and save state off the header."""
    from datetime import date

    from textual.content import Content

    from board.app import RolloutApp

    app = RolloutApp(hostile, today=lambda: date(2026, 11, 18), watch_interval=0)
    async with app.run_test(size=(160, 45)) as pilot:
        await pilot.pause()
        board = app.main_screen
        assert board is not None
        lines = Content.from_markup(board.header.render()).plain.splitlines()
        assert len(lines) == 2
        assert lines[0].startswith(r"Phased\x1b]0;PWNED\x07") and raw_controls(lines[0]) == []
        assert lines[1].split(" ")[0].endswith("hostile.toml")


def test_in_a_real_terminal_no_sequence_from_the_plan_arrives(tmp_path: Path) -> None:
    """The installed board in a pseudo-terminal: what it writes sets no title, no clipboard."""
    import os

    from tests.e2e.test_end_to_end import Terminal, _executable

    plan = hostile_plan(tmp_path / "hostile.toml")
    env = {k: v for k, v in os.environ.items() if not k.startswith(("TEXTUAL", "PYTEST"))}
    env.update(TERM="xterm-256color", HOME=str(tmp_path / "home"), XDG_CONFIG_HOME=str(tmp_path / "config"))
    env.update(XDG_DATA_HOME=str(tmp_path / "data"))
    terminal = Terminal([*_executable(), str(plan)], tmp_path, env)
    written: list[bytes] = []
    feed = terminal.stream.feed

    def record(data: bytes) -> None:
        written.append(data)
        feed(data)

    terminal.stream.feed = record  # type: ignore[method-assign]
    try:
        terminal.wait_for(r"Phased\x1b]0;PWNED")
        terminal.send(b"r")
        terminal.wait_for("Risk & rollback")
        terminal.send(b"\x1b")
        terminal.wait_for("Week 1")
        terminal.send(b"q")
        assert terminal.wait_exit() == 0
    finally:
        terminal.close()
    raw = b"".join(written)
    assert b"PWNED" in raw  # the text is there, as escapes
    assert b"\x1b]0;PWNED" not in raw and b"\x1b]52;" not in raw and b"\x1b[2J\x1b[H\r" not in raw
    assert "PWNED" not in terminal.screen.title  # a terminal emulator's title was never set


async def test_markup_in_plan_text_is_shown_as_written(tmp_path: Path, platformdirs_isolated: object) -> None:
    """A title like ``x [/] y`` in the delete question and in a notification: shown, not parsed as markup."""
    from datetime import date

    from board import store
    from board.app import RolloutApp
    from board.screens.confirm import ConfirmScreen

    plan = tmp_path / "plan.toml"
    text = (Path(__file__).parents[2] / "plans" / "phased-rollout.toml").read_text(encoding="utf-8")
    plan.write_text(text.replace("Implement OPA policy enforcement", "Implement [/] OPA [b]policy"), encoding="utf-8")
    app = RolloutApp(plan, today=lambda: date(2026, 11, 18), watch_interval=0)
    async with app.run_test(size=(160, 45), notifications=True) as pilot:
        await pilot.press("x")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmScreen)
        shown = app.export_screenshot()
        assert "Implement [/] OPA [b]policy" in shown.replace("&#160;", " ")
        await pilot.press("n")
        await pilot.pause()
        app.screen.notify("Could not save “x [/] y”", severity="error")
        await _toast_shown(app, pilot)
        assert "Could not save “x [/] y”" in _screen_text(app.export_screenshot())
    assert store.load(plan).objective("opa-policy").title == "Implement [/] OPA [b]policy"


async def test_the_plan_picker_draws_no_raw_control_character(tmp_path: Path) -> None:
    from board.screens.picker import PickerApp

    paths = [hostile_plan(tmp_path / "one.toml"), hostile_plan(tmp_path / "two\x1b]0;PWNED\x07.toml")]
    app = PickerApp(paths)
    async with app.run_test(size=(120, 30)) as pilot:
        await pilot.pause()
        screen = app.export_screenshot()
        assert raw_controls(screen) == []
        assert r"Phased\x1b]0;PWNED" in _screen_text(screen) and r"two\x1b]0;PWNED\x07.toml" in _screen_text(screen)


async def test_a_form_quoting_plan_text_draws_it_as_written(tmp_path: Path, platformdirs_isolated: object) -> None:
    """The record form's label quotes the metric's unit: ``[/]`` in it used to break the form."""
    from datetime import date

    from board.app import RolloutApp
    from board.screens.fields_form import FieldsForm
    from board.screens.metrics_panel import MetricsPanel

    plan = tmp_path / "plan.toml"
    text = (Path(__file__).parents[2] / "plans" / "phased-rollout.toml").read_text(encoding="utf-8")
    plan.write_text(text.replace('unit = "%"', 'unit = "[/]"', 1), encoding="utf-8")
    app = RolloutApp(plan, today=lambda: date(2026, 11, 18), watch_interval=0)
    async with app.run_test(size=(160, 45)) as pilot:
        await pilot.press("m")
        panel = app.screen
        assert isinstance(panel, MetricsPanel)
        panel.list.highlighted = next(i for i, row in enumerate(panel.rows) if row.kind == "metric")
        await pilot.press("v")
        await pilot.pause()
        assert isinstance(app.screen, FieldsForm)
        await pilot.press(*"1_000", "enter")
        await pilot.pause()
        shown = _screen_text(app.export_screenshot())
        assert "Value ([/])" in shown and "'1_000' is not a number" in shown


async def test_the_palette_shows_plan_text_and_file_names_as_written(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, platformdirs_isolated: object
) -> None:
    """Objective hits show every control character as an escape (BEL too, which Rich would drop);
    a plan file named ``x[b]y.toml`` is offered by that name, not read as markup."""
    from datetime import date

    from board.app import RolloutApp

    monkeypatch.chdir(tmp_path)
    (tmp_path / "plans").mkdir()
    plan = hostile_plan(tmp_path / "plans" / "hostile.toml")
    hostile_plan(tmp_path / "plans" / "x[b]y.toml")
    app = RolloutApp(plan, today=lambda: date(2026, 11, 18), watch_interval=0)
    async with app.run_test(size=(160, 45)) as pilot:
        await pilot.press("ctrl+p", *"Open plan x")
        assert "plans/x[b]y.toml" in await _wait_for_text(app, pilot, "plans/x")  # the hit's help: its path
        await pilot.press(*["backspace"] * len("Open plan x"), *"PWN")
        shown = await _wait_for_text(app, pilot, "ent OPA policy")  # a hit: the title on one line
        assert raw_controls(app.export_screenshot()) == []
        assert r"\x1b[H\rX\x08\x08\x1b[8m\x9b5m\x7f\x00\u202e!ent OPA policy" in shown

"""The board's first frame: drawn in the remembered theme, from a stylesheet parsed once."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from textual.color import Color
from textual.css.stylesheet import Stylesheet

from board.app import RolloutApp
from board.locations import settings_path
from board.themes import bundled_themes_dir, load_theme_file


@pytest.mark.parametrize("theme", ["projector", "rollout-light", "textual-light"])
async def test_the_remembered_theme_is_in_force_before_the_stylesheet_is_parsed(
    platformdirs_isolated: object, plan_path: Path, monkeypatch: pytest.MonkeyPatch, theme: str
) -> None:
    path = settings_path()
    path.parent.mkdir(parents=True)
    path.write_text(f'theme = "{theme}"\n')
    reparsed: list[int] = []
    original = Stylesheet.reparse

    def counted(stylesheet: Stylesheet) -> None:
        reparsed.append(1)
        original(stylesheet)

    monkeypatch.setattr(Stylesheet, "reparse", counted)
    app = RolloutApp(plan_path, today=lambda: date(2026, 11, 25), watch_interval=0)
    assert app.theme == theme
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        # Set after Textual built the stylesheet, the theme made it parse the whole stylesheet again.
        assert reparsed == []
        assert app.current_theme.name == theme
        assert f"-theme-{theme}" in app.classes
        wanted = app.get_theme(theme)
        assert wanted is not None and wanted.background is not None
        assert app.screen.styles.background == Color.parse(wanted.background)
        assert app.startup_problems == []
        # Choosing another theme still restyles the board, and is remembered.
        app.theme = "rollout-dark"
        await pilot.pause()
        dark = load_theme_file(bundled_themes_dir() / "rollout-dark.toml")
        assert app.screen.styles.background == Color.parse(dark.background or "")
    assert 'theme = "rollout-dark"' in path.read_text()


async def test_a_remembered_theme_that_is_gone_opens_the_default_and_says_so(
    platformdirs_isolated: object, plan_path: Path
) -> None:
    path = settings_path()
    path.parent.mkdir(parents=True)
    path.write_text('theme = "gone"\n')
    app = RolloutApp(plan_path, today=lambda: date(2026, 11, 25), watch_interval=0)
    assert app.theme == "rollout-dark"
    assert app.startup_problems == ["theme 'gone' is not installed; using rollout-dark"]
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        dark = load_theme_file(bundled_themes_dir() / "rollout-dark.toml")
        assert app.screen.styles.background == Color.parse(dark.background or "")


async def test_a_user_theme_replacing_a_bundled_one_is_the_one_drawn(
    platformdirs_isolated: object, plan_path: Path
) -> None:
    from board.locations import user_themes_dir

    folder = user_themes_dir()
    folder.mkdir(parents=True)
    text = (bundled_themes_dir() / "rollout-dark.toml").read_text(encoding="utf-8")
    (folder / "dark.toml").write_text(text.replace('background = "#161a21"', 'background = "#102030"'))
    app = RolloutApp(plan_path, today=lambda: date(2026, 11, 25), watch_interval=0)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        assert app.screen.styles.background == Color.parse("#102030")


# Opens the bundled plan as `rollout-board PLAN` does, headless, and prints the modules imported by its
# first painted frame, then (once the board has made what the first frame does not need) after it.
FIRST_FRAME_SCRIPT = """
import json, sys
from board.discovery import discover
from board.app import open_app

found = discover(sys.argv[1])
app = open_app(found.paths[0], loaded=found.loaded, watch_interval=0)
seen = {}

def first_frame():
    seen["first"] = sorted(sys.modules)
    app.call_after_refresh(after)

async def after():
    await app.workers.wait_for_complete()
    seen["after"] = sorted(sys.modules)
    app.exit()

app.call_after_refresh(first_frame)
app.run(headless=True, size=(160, 45))
print(json.dumps(seen))
"""

# What the first frame does not need: reading and writing settings, a second TOML parser, locating the
# bundled template, the digest of the file (for a file changed on disk), and what editing and saving use.
NOT_BEFORE_THE_FIRST_FRAME = [
    "hashlib",
    "tomllib",
    "importlib.resources",
    "board.settings_text",
    "board.store.kept",
    "board.gitstate",
    "board.palette",
    "board.screens.help",
]


def modules_around_the_first_frame(tmp_path: Path) -> dict[str, list[str]]:
    """The modules imported by the bundled plan's first frame ("first") and soon after it ("after"),
    in a fresh process with a home of its own."""
    import json
    import os
    import subprocess
    import sys

    bundled = Path(__file__).resolve().parents[2] / "plans" / "phased-rollout.toml"
    plan = tmp_path / "plan.toml"
    plan.write_bytes(bundled.read_bytes())
    env = {**os.environ, "HOME": str(tmp_path / "home"), "XDG_CONFIG_HOME": str(tmp_path / "config")}
    env["XDG_DATA_HOME"] = str(tmp_path / "data")
    out = subprocess.run(
        [sys.executable, "-c", FIRST_FRAME_SCRIPT, str(plan)],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        check=True,
        timeout=120,
    )
    seen: dict[str, list[str]] = json.loads(out.stdout.strip().splitlines()[-1])
    return seen


def test_the_first_frame_imports_only_what_it_draws(tmp_path: Path) -> None:
    seen = modules_around_the_first_frame(tmp_path)
    first, after = set(seen["first"]), set(seen["after"])
    assert "board.screens.main_screen" in first
    assert [name for name in NOT_BEFORE_THE_FIRST_FRAME if name in first] == []
    # Made right after it: git's state, and the text map and editor the first save uses.
    assert {"board.gitstate", "board.store.kept"} <= after


async def test_the_filter_field_joins_on_the_first_slash_and_a_burst_lands_in_it(plan_path: Path) -> None:
    from textual import events
    from textual.widgets import Input

    from tests.waiting import until

    app = RolloutApp(plan_path, today=lambda: date(2026, 11, 25), watch_interval=0)
    async with app.run_test(size=(160, 45)) as pilot:
        await pilot.pause()
        main = app.main_screen
        assert main is not None
        assert not main.query(Input)  # not in the first frame
        assert not main.filter_shown and main.check_action("clear_filter", ()) is None
        main.action_clear_filter()  # escape before any filter: nothing to clear, nothing breaks
        for key, char in (("slash", "/"), ("o", "o"), ("p", "p"), ("a", "a")):  # one burst, no pauses
            app.post_message(events.Key(key, char))
        await until(pilot, lambda: main.board.filter_text == "opa", "the burst to reach the filter")
        assert main.filter_input.value == "opa" and app.focused is main.filter_input
        assert main.filter_input.region.y >= main.header.region.bottom  # under the header, above the board
        assert main.filter_input.region.bottom <= main.board.region.y
        await pilot.press("escape")
        assert not main.filter_shown and main.board.filter_text == "" and app.focused is main.board
        await pilot.press("slash", "d")  # the second time the field is there already
        assert main.filter_shown and main.board.filter_text == "d"


async def test_the_collector_is_paused_from_the_start_to_the_first_frame_of_the_board_the_cli_opens(
    plan_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import gc

    from board.app import open_app
    from board.screens.main_screen import MainScreen

    seen: dict[str, bool] = {}
    compose = MainScreen.compose

    def composing(screen: MainScreen):  # type: ignore[no-untyped-def]
        seen.setdefault("while composing", gc.isenabled())
        return compose(screen)

    monkeypatch.setattr(MainScreen, "compose", composing)
    try:
        app = open_app(plan_path, watch_interval=0)
        assert gc.isenabled()  # built, not started: nothing paused yet
        app.call_after_refresh(lambda: seen.setdefault("first frame", gc.isenabled()))
        async with app.run_test(size=(100, 30)) as pilot:
            await pilot.pause()
            assert seen == {"while composing": False, "first frame": False}
            await pilot.pause()
            assert gc.isenabled()  # back right after the first frame
            await pilot.press("space")  # the board works as before
            assert not app.session.unsaved
        # An app built directly (tests, a library user) never pauses it.
        seen.clear()
        direct = RolloutApp(plan_path, today=lambda: date(2026, 11, 25), watch_interval=0)
        async with direct.run_test(size=(100, 30)) as pilot:
            await pilot.pause()
            assert seen == {"while composing": True}
    finally:
        gc.enable()
        gc.unfreeze()  # open_app froze this test process's objects as it would the board's

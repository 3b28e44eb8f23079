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

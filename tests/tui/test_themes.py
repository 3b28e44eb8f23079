"""Theme files: the bundled ones load, read well and register; user themes join them; bad files are skipped."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.app import App
from textual.color import Color
from textual.theme import Theme

from board.locations import user_themes_dir
from board.themes import (
    STATUS_KEYS,
    bundled_themes_dir,
    load_theme_file,
    load_themes,
    register_themes,
    status_color,
)

BUNDLED = sorted(bundled_themes_dir().glob("*.toml"))
GOOD = (bundled_themes_dir() / "rollout-dark.toml").read_text(encoding="utf-8")


def named(name: str) -> str:
    return GOOD.replace('name = "rollout-dark"', f'name = "{name}"')


def contrast(a: str, b: str) -> float:
    """WCAG contrast ratio of two colours (1 to 21)."""

    def luminance(text: str) -> float:
        colour = Color.parse(text)
        channels = [c / 255 for c in (colour.r, colour.g, colour.b)]
        r, g, b = (c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels)
        return 0.2126 * r + 0.7152 * g + 0.0722 * b

    high, low = sorted((luminance(a), luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def test_at_least_three_bundled_themes_one_for_projectors() -> None:
    names = {load_theme_file(path).name for path in BUNDLED}
    assert {"rollout-dark", "rollout-light", "projector"} <= names
    assert len(names) == len(BUNDLED)


@pytest.mark.parametrize("path", BUNDLED, ids=lambda p: p.stem)
def test_a_bundled_theme_has_every_colour_and_reads_well(path: Path) -> None:
    theme = load_theme_file(path)
    v = theme.variables
    for status in STATUS_KEYS:
        assert Color.parse(v[f"status-{status}"])
    assert v["status-other"] == v["status-default"]
    assert theme.foreground and theme.background and theme.surface and theme.panel
    projector = theme.name == "projector"
    text_on_cards = 15 if projector else 7
    status_on_cards = 6 if projector else 4.5
    for ground in (theme.background, theme.surface, theme.panel):
        assert contrast(theme.foreground, ground) >= text_on_cards, ground
        for status in STATUS_KEYS:
            assert contrast(v[f"status-{status}"], ground) >= status_on_cards, (status, ground)
    # The selected card stands out from the others and its text and status marks stay readable.
    assert contrast(v["board-selection"], theme.panel) >= (2.5 if projector else 1.25)
    assert contrast(v["board-selection-text"], v["board-selection"]) >= (7 if projector else 4.5)
    for status in STATUS_KEYS:
        assert contrast(v[f"status-{status}"], v["board-selection"]) >= 2.5, status
    assert contrast(v["board-current-week-text"], v["board-current-week"]) >= 4.5


def test_the_projector_theme_is_black_and_white() -> None:
    theme = load_theme_file(bundled_themes_dir() / "projector.toml")
    assert Color.parse(theme.background or "") == Color.parse("#000000")
    assert Color.parse(theme.foreground or "") == Color.parse("#ffffff")


async def test_every_bundled_theme_registers_and_applies(platformdirs_isolated: object) -> None:
    app: App[None] = App()
    async with app.run_test() as pilot:
        assert register_themes(app) == []
        for path in BUNDLED:
            name = load_theme_file(path).name
            app.theme = name
            await pilot.pause()
            assert app.current_theme.name == name
            assert app.get_css_variables()["status-blocked"] == status_color(app, "blocked")
        # Textual's own themes stay available beside them.
        assert "textual-dark" in app.available_themes


async def test_a_user_theme_is_picked_up_and_may_replace_a_bundled_one(platformdirs_isolated: object) -> None:
    folder = user_themes_dir()
    folder.mkdir(parents=True)
    (folder / "mine.toml").write_text(named("mine"), encoding="utf-8")
    (folder / "dark.toml").write_text(GOOD.replace('blocked = "#ff5f5f"', 'blocked = "#ff0000"'), encoding="utf-8")
    app: App[None] = App()
    async with app.run_test():
        assert register_themes(app) == []
        assert {"mine", "projector", "rollout-light"} <= set(app.available_themes)
        assert status_color(app.available_themes["rollout-dark"], "blocked") == "#ff0000"


@pytest.mark.parametrize(
    "text, message",
    [
        ('name = "x"\ndark = ]\n', "bad.toml:2:8: invalid TOML"),
        (
            GOOD.replace('background = "#161a21"', 'background = "blackish"'),
            "bad.toml:11:1: background = 'blackish' is not a colour",
        ),
        (GOOD.replace('done = "#5fd787"', "done = 5"), "bad.toml:21:1: status.done must be a colour string"),
        (GOOD.replace('primary = "#4aa3ff"\n', ""), "bad.toml:1:1: missing colour 'primary'"),
        (GOOD.replace('default = "#c792ea"\n', ""), "missing colour 'status.default'"),
        (GOOD.replace('name = "rollout-dark"\n', ""), "bad.toml:1:1: missing key 'name'"),
        (GOOD.replace("dark = true", 'dark = "yes"'), "bad.toml:3:1: dark must be true or false"),
        (GOOD.replace("dark = true", "dark = true\nprimray = 1"), "unknown key 'primray'"),
        (GOOD.replace("[board]", "[board]\nselected = '#fff'"), "unknown key 'board.selected'"),
        (GOOD[: GOOD.index("[status]")] + "status = 3\n", "status must be a table"),
    ],
    ids=["toml", "colour", "type", "missing", "status", "name", "dark", "unknown", "board", "table"],
)
def test_a_bad_theme_file_gives_one_message_and_the_others_load(tmp_path: Path, text: str, message: str) -> None:
    (tmp_path / "a-good.toml").write_text(named("first"), encoding="utf-8")
    (tmp_path / "bad.toml").write_text(text, encoding="utf-8")
    (tmp_path / "z-good.toml").write_text(named("last"), encoding="utf-8")
    themes, problems = load_themes([tmp_path])
    assert [t.name for t in themes] == ["first", "last"]
    assert len(problems) == 1
    assert message in problems[0] and problems[0].startswith(str(tmp_path / "bad.toml"))
    with pytest.raises(ValueError) as raised:
        load_theme_file(tmp_path / "bad.toml")
    assert str(raised.value) == problems[0] and "\n" not in problems[0]


def test_unreadable_and_duplicate_theme_files_are_reported(tmp_path: Path) -> None:
    (tmp_path / "one.toml").write_text(named("same"), encoding="utf-8")
    (tmp_path / "two.toml").write_text(named("same").replace("#ff5f5f", "#ff0000"), encoding="utf-8")
    (tmp_path / "latin1.toml").write_bytes("name = 'caf\xe9'".encode("latin-1"))
    themes, problems = load_themes([tmp_path, tmp_path / "missing"])
    assert [t.name for t in themes] == ["same"] and status_color(themes[0], "blocked") == "#ff0000"
    assert len(problems) == 2
    assert "latin1.toml:1:1: not UTF-8 text" in problems[0]
    assert "two.toml" in problems[1] and "also defined in one.toml" in problems[1]


async def test_a_bad_user_theme_is_one_problem_for_one_notification(platformdirs_isolated: object) -> None:
    folder = user_themes_dir()
    folder.mkdir(parents=True)
    (folder / "broken.toml").write_text("name = ", encoding="utf-8")
    (folder / "mine.toml").write_text(named("mine"), encoding="utf-8")
    app: App[None] = App()
    async with app.run_test():
        problems = register_themes(app)
        assert len(problems) == 1 and "broken.toml:1:8: invalid TOML" in problems[0]
        assert "mine" in app.available_themes and "broken" not in app.available_themes


def test_custom_statuses_get_their_own_colour_or_the_default(tmp_path: Path) -> None:
    path = tmp_path / "custom.toml"
    path.write_text(GOOD.replace("[board]", 'review = "#00ffff"\n\n[board]'), encoding="utf-8")
    theme = load_theme_file(path)
    assert status_color(theme, "review") == "#00ffff"
    assert status_color(theme, "in-progress") == "#4aa3ff"
    assert status_color(theme, "parked") == "#c792ea"


async def test_status_colours_of_a_theme_without_them_fall_back(platformdirs_isolated: object) -> None:
    bare = Theme(name="bare", primary="#004578")
    assert Color.parse(status_color(bare, "done"))

    class Board(App[None]):
        def get_theme_variable_defaults(self) -> dict[str, str]:
            return {"status-done": "#123456"}

    app = Board()
    async with app.run_test():
        app.theme = "textual-dark"
        assert status_color(app, "done") == "#123456"
        assert status_color(app, "someday") == status_color(bare, "someday")


def test_board_colours_fall_back_to_the_theme_colours(tmp_path: Path) -> None:
    start = GOOD.index("[board]")
    path = tmp_path / "plain.toml"
    path.write_text(GOOD[:start], encoding="utf-8")
    theme = load_theme_file(path)
    assert theme.variables["board-selection"] == theme.primary
    assert theme.variables["board-current-week"] == theme.accent
    assert theme.variables["board-current-week-text"] == theme.background


async def test_the_board_draws_the_selection_and_this_week_in_the_themes_board_colours(
    platformdirs_isolated: object, plan_path: Path
) -> None:
    from board.app import RolloutApp
    from board.widgets.card_list import CardList

    folder = user_themes_dir()
    folder.mkdir(parents=True)
    text = named("mine").replace('selection = "#2a4d80"', 'selection = "#123456"')
    text = text.replace('current-week = "#ffb347"', 'current-week = "#654321"')
    (folder / "mine.toml").write_text(text, encoding="utf-8")
    app = RolloutApp(plan_path, watch_interval=0)
    async with app.run_test(size=(120, 40)) as pilot:
        app.theme = "mine"
        await pilot.pause()
        cards = app.screen.query(CardList).first()
        selected = cards.get_component_rich_style("card-list--selected")
        current = cards.get_component_rich_style("card-list--group-current")
        assert selected.bgcolor is not None and selected.bgcolor.name == "#123456"
        assert current.bgcolor is not None and current.bgcolor.name == "#654321"

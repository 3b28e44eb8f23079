"""The board keeps what it drew: each card list's own style while its styles do not change."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from board.app import RolloutApp
from board.widgets.card_views import CardViews

TODAY = date(2026, 11, 25)


def make_app(path: Path) -> RolloutApp:
    return RolloutApp(path, today=lambda: TODAY, watch_interval=0)


def board(app: RolloutApp) -> CardViews:
    assert app.main_screen is not None
    return app.main_screen.board


async def test_a_theme_change_redraws_the_card_lists_in_the_new_theme(plan_path: Path) -> None:
    app = make_app(plan_path)
    async with app.run_test(size=(160, 45)) as pilot:
        await pilot.pause()
        cards = board(app)._columns[0].cards
        dark = cards.base_style
        assert dark == cards.rich_style
        app.theme = "rollout-light"
        await pilot.pause()
        assert cards.base_style == cards.rich_style != dark  # kept until the styles changed, then worked out anew
        blank = cards.render_line(cards.size.height - 1)  # below the last card
        assert {segment.style.bgcolor for segment in blank if segment.style} == {cards.rich_style.bgcolor}

"""The board keeps what it drew: each board view's columns while another view is shown, each card list's
own style while its styles do not change. What it shows is what a board built afresh would show."""

from __future__ import annotations

from collections import Counter
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from textual.geometry import Region

from board.app import RolloutApp
from board.widgets.card_list import CardList
from board.widgets.card_views import CardViews
from board.widgets.column import BoardColumn, phase_header

TODAY = date(2026, 11, 25)


def make_app(path: Path) -> RolloutApp:
    return RolloutApp(path, today=lambda: TODAY, watch_interval=0)


def board(app: RolloutApp) -> CardViews:
    assert app.main_screen is not None
    return app.main_screen.board


def drawn(view: CardViews) -> list[list[str]]:
    """The lines each column's cards show, as the screen gets them (through Textual's line cache)."""
    lines = []
    for column in view._columns:
        cards = column.cards
        strips = cards.render_lines(Region(0, 0, cards.size.width, cards.size.height))
        lines.append([strip.text for strip in strips])
    return lines


@pytest.fixture
def counted(monkeypatch: pytest.MonkeyPatch) -> Counter[str]:
    """How often a column was laid out, the board rebuilt and a board column made."""
    counts: Counter[str] = Counter()
    layout, rebuild, column_init = CardList._layout, CardViews.rebuild, BoardColumn.__init__

    def counting_layout(self: CardList) -> None:
        counts["layout"] += 1
        layout(self)

    def counting_rebuild(self: CardViews) -> Any:
        counts["rebuild"] += 1
        return rebuild(self)

    def counting_init(self: BoardColumn, *args: Any, **kwargs: Any) -> None:
        counts["column made"] += 1
        column_init(self, *args, **kwargs)

    monkeypatch.setattr(CardList, "_layout", counting_layout)
    monkeypatch.setattr(CardViews, "rebuild", counting_rebuild)
    monkeypatch.setattr(BoardColumn, "__init__", counting_init)
    return counts


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


async def test_switching_back_to_a_view_that_did_not_change_builds_and_lays_out_nothing(
    plan_path: Path, counted: Counter[str]
) -> None:
    app = make_app(plan_path)
    async with app.run_test(size=(160, 45)) as pilot:
        await pilot.pause()
        view = board(app)
        phase_columns = list(view._columns)
        counted.clear()
        await pilot.press("2")  # the status board's columns: made and laid out once
        await pilot.pause()
        status_columns = list(view._columns)
        assert counted["column made"] == counted["layout"] == len(app.session.plan.statuses)
        counted.clear()
        for key in ["1", "2", "3", "1", "2", "1"]:
            await pilot.press(key)
            await pilot.pause()
            expected = {"1": phase_columns, "2": status_columns}.get(key)
            if expected is not None:
                assert view._columns == expected, key
                assert all(column.display for column in view._columns)
        assert counted == Counter({"rebuild": 1})  # the timeline is drawn anew; no column is made or laid out
        assert len(view.query(BoardColumn)) == len(phase_columns) + len(status_columns)


async def test_a_view_shown_again_after_changes_draws_what_a_new_board_draws(plan_path: Path) -> None:
    app = make_app(plan_path)
    async with app.run_test(size=(160, 45)) as pilot:
        await pilot.pause()
        await pilot.press("2", "1", "j", "space", "2")  # a status change made on the phase board
        await pilot.press("j", "L", "1")  # and one made on the status board
        await pilot.press("slash", *"api", "enter", "2", "escape", "1")  # a filter set and cleared on the other
        await pilot.pause()
        view = board(app)
        selected, kept = view.selected, drawn(view)
    fresh = make_app(plan_path)  # the saved plan, on a board built for it alone
    async with fresh.run_test(size=(160, 45)) as pilot:
        await pilot.pause()
        board(fresh).select(selected)
        await pilot.pause()
        assert drawn(board(fresh)) == kept


async def test_a_selection_moved_in_one_view_is_the_selection_in_the_other(plan_path: Path) -> None:
    app = make_app(plan_path)
    async with app.run_test(size=(160, 45)) as pilot:
        await pilot.pause()
        view = board(app)
        first = view.selected
        await pilot.press("2", "l", "j")
        moved = view.selected
        assert moved != first
        await pilot.pause()
        view.view = "phase"  # what `1` does: the phase board is shown as it was kept, in the same frame
        lists = {column.key: column.cards.selected for column in view._columns}
        assert moved in lists.values() and first not in lists.values()
        assert view._columns[view.column_index].cards.selected == moved


async def test_a_view_shown_again_after_a_resize_fits_the_new_width(plan_path: Path) -> None:
    app = make_app(plan_path)
    async with app.run_test(size=(160, 45)) as pilot:
        await pilot.pause()
        await pilot.press("2")
        await pilot.resize_terminal(120, 45)
        await pilot.pause()
        await pilot.press("1")
        await pilot.pause()
        view = board(app)
        plan = app.session.plan
        width = view._column_width() - 2
        headers = [column.header.markup_text for column in view._columns]
        assert headers == [phase_header(plan, phase, width, view.marks, plan.this_week(TODAY)) for phase in plan.phases]
        for column in view._columns:
            assert column.cards._laid_out_for == (column.cards._text_width, True)

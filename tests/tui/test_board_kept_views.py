"""The board keeps what it drew: each board view's columns while another view is shown, each card list's
own style while its styles do not change. What it shows is what a board built afresh would show."""

from __future__ import annotations

import itertools
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

    def counting_rebuild(self: CardViews, *args: Any, **kwargs: Any) -> Any:
        counts["rebuild"] += 1
        return rebuild(self, *args, **kwargs)

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


# --- a change redraws the cards it reached --------------------------------------------------


TALL = 120
"""Rows enough for every card of the linked plan: no list scrolls (a scroll would redraw a whole list)."""


@pytest.fixture
def linked_plan(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, platformdirs_isolated: object) -> Path:
    """A generated plan whose objectives wait on the week before's: links cross every column."""
    from bench.generate import generate_plan
    from board import store

    path = tmp_path / "plan.toml"
    store.save(generate_plan(80, seed=3, linked=True), path)
    monkeypatch.chdir(tmp_path)
    return path


async def test_a_card_moved_across_columns_lays_out_only_the_two_columns(
    linked_plan: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    laid_out: list[str] = []
    layout = CardList._layout

    def recording(self: CardList) -> None:
        laid_out.append(self.key)
        layout(self)

    app = make_app(linked_plan)
    async with app.run_test(size=(160, 45)) as pilot:
        await pilot.pause()
        monkeypatch.setattr(CardList, "_layout", recording)
        view = board(app)
        left = view.current_column()
        assert left is not None and left.key == "p1"
        await pilot.press("L")
        await pilot.pause()
        assert sorted(laid_out) == ["p1", "p2"]
        await pilot.press("2")
        await pilot.pause()
        laid_out.clear()
        await pilot.press("L")  # on the status board: the status the card left and the one it entered
        await pilot.pause()
        assert sorted(laid_out) == sorted(app.session.plan.statuses[:2])


def stale_lines(view: CardViews) -> list[tuple[str, int, str, str]]:
    """The lines the screen holds for the cards (Textual keeps each widget's lines until it is told to
    draw them again) that differ from what the lists draw for the plan now."""
    stale = []
    for column in view._columns:
        cards = column.cards
        width = cards.scrollable_content_region.width
        held = cards.render_lines(Region(0, 0, cards.size.width, cards.size.height))
        for y, strip in enumerate(held):
            now = cards.render_line(y).text
            if strip.crop(0, width).text != now:
                stale.append((column.key, y, strip.text, now))
    return stale


@pytest.mark.parametrize(
    "keys, marks_move",
    [
        (["L", "L", "j", "H", "space", "space", "j", "L"], True),  # moves and a card done: critical path, slips
        (["j", "j", "right_square_bracket", "right_square_bracket", "u", "L", "u", "ctrl+r"], False),  # undo, redo
        (["2", "space", "L", "j", "L", "H", "u"], False),  # the status board
        (["slash", "o", "enter", "L", "space", "H"], True),  # under a filter
        (["j", "space", "space", "j", "space", "space", "u", "u"], True),  # cards done and undone (no card moves)
    ],
    ids=["moves", "undo", "status", "filter", "done"],
)
async def test_after_each_change_the_screen_holds_what_the_cards_show(
    linked_plan: Path, keys: list[str], marks_move: bool
) -> None:
    before = linked_plan.read_bytes()
    app = make_app(linked_plan)
    async with app.run_test(size=(160, TALL)) as pilot:
        await pilot.pause()
        view = board(app)
        marks = [view.marks]
        for key in keys:
            await pilot.press(key)
            await pilot.pause()
            assert stale_lines(view) == [], key
            marks.append(view.marks)
        moved = any(a.critical != b.critical or a.slipped != b.slipped for a, b in itertools.pairwise(marks))
        assert moved == marks_move  # the cards whose marks changed were redrawn too
    assert linked_plan.read_bytes() != before


async def test_a_column_that_keeps_its_cards_redraws_the_touched_ones_and_those_whose_marks_changed(
    linked_plan: Path,
) -> None:
    app = make_app(linked_plan)
    async with app.run_test(size=(160, TALL)) as pilot:
        await pilot.pause()
        view = board(app)
        plan = app.session.plan
        last = view._columns[-1]
        card = last.cards.cards[0]
        card.owner = "zed"  # drawn on its meta line; the list is not told
        view.rebuild(touched=set())
        await pilot.pause()
        assert [line[0] for line in stale_lines(view)] == [last.key]  # Textual keeps what it drew
        view.rebuild(touched={card.id})
        await pilot.pause()
        assert stale_lines(view) == []
        # A card done ends the chains through it: the critical path moves, and its cards are redrawn.
        first = next(o for o in plan.objectives if o.id in view.marks.critical)
        critical = set(view.marks.critical)
        first.status = plan.done_status
        view._marked_on = None  # as a change does: the marks are worked out again
        view.rebuild(touched={first.id})
        await pilot.pause()
        assert view.marks.critical != critical
        assert stale_lines(view) == []


async def test_the_cards_a_change_reaches_are_its_objectives_and_those_waiting_on_them(linked_plan: Path) -> None:
    from board.model import Change

    app = make_app(linked_plan)
    async with app.run_test(size=(160, 45)) as pilot:
        await pilot.pause()
        view = board(app)
        plan = app.session.plan
        waited_on = next(o for o in plan.objectives if plan.dependents(o.id))
        change = Change("status", objectives={waited_on.id})
        change.set(waited_on, "status", "blocked")
        assert view._touched(change) == {waited_on.id} | {o.id for o in plan.dependents(waited_on.id)}
        retitled = Change("title", objectives={waited_on.id})
        retitled.set(waited_on, "title", "A title long enough to need a second row on any card of this board")
        assert view._touched(retitled) is None  # its rows change: the column is laid out again
        phase = Change("phase")
        phase.set(plan.phases[0], "name", "Renamed")
        assert view._touched(phase) is None  # every card of the status board shows its phase


async def test_cards_that_overflow_only_by_their_two_row_titles_are_laid_out_for_the_scrollbar(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, platformdirs_isolated: object
) -> None:
    from bench.generate import generate_plan
    from board import store

    plan = generate_plan(60, seed=3)
    for i, obj in enumerate(plan.objectives):
        obj.status = "todo" if i < 39 else plan.done_status
        obj.depends_on = []
        if i < 15:
            obj.title = f"A title long enough to take two rows on a card {i}"
    path = tmp_path / "plan.toml"
    store.save(plan, path)
    monkeypatch.chdir(tmp_path)
    app = make_app(path)
    async with app.run_test(size=(160, TALL)) as pilot:
        await pilot.pause()
        await pilot.press("2")
        await pilot.pause()
        todo = board(app)._columns[0].cards
        # 39 cards take 117 rows at the fewest (no more than the screen's 120), 132 with the long titles:
        # more than the list's height, so a scrollbar narrows it (without resizing it).
        assert 39 * 3 <= TALL < todo._row_count and todo.show_vertical_scrollbar
        assert todo._laid_out_for == (todo._text_width, True)  # the last cell of each line (the marks) is shown


# --- a filter cleared shows the columns as they were -----------------------------------------


def shown_cards(view: CardViews) -> list[list[str]]:
    return [column.cards.order() for column in view._columns]


async def test_clearing_a_filter_shows_the_columns_as_they_were_without_laying_them_out(
    linked_plan: Path, counted: Counter[str]
) -> None:
    app = make_app(linked_plan)
    async with app.run_test(size=(160, 45)) as pilot:
        await pilot.pause()
        view = board(app)
        before = shown_cards(view)
        await pilot.press("slash", "o", "enter", "j")  # a filter, and the selection moved while it is set
        await pilot.pause()
        assert shown_cards(view) != before
        selected = view.selected
        counted.clear()
        view.filter_text = ""  # what escape does once the filter bar is gone: the columns at the same width
        assert shown_cards(view) == before
        assert counted == Counter()  # nothing built or laid out
        assert view.selected == selected and view._columns[view.column_index].cards.selected == selected
        await pilot.pause()
        assert stale_lines(view) == []


@pytest.mark.parametrize("between", [["space"], ["L"], ["2"], ["p"]], ids=["status", "move", "view", "phase"])
async def test_a_filter_cleared_after_a_change_shows_the_plan_as_it_is_now(
    linked_plan: Path, between: list[str]
) -> None:
    app = make_app(linked_plan)
    async with app.run_test(size=(160, 45)) as pilot:
        await pilot.pause()
        view = board(app)
        if between == ["p"]:  # the status board's phase filter
            await pilot.press("2")
        await pilot.press("slash", "o", "enter", *between, "escape")
        await pilot.pause()
        plan = app.session.plan
        expected = [
            [card.id for group in groups for card in group.cards]
            for _, _, groups in view._column_specs(plan.objectives)
        ]
        assert shown_cards(view) == expected
        assert stale_lines(view) == []

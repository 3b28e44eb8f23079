"""The board lays its columns out once per change of data or width, never again for a resize that
keeps them, and a column keeps one number a card (what a row shows is worked out when it is drawn)."""

from __future__ import annotations

from collections import Counter
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from board.app import RolloutApp
from board.model import Objective
from board.widgets.card_list import CardList, Group, Row
from board.widgets.card_views import CardViews
from board.widgets.cards import title_lines
from board.widgets.column import phase_header

TODAY = date(2026, 11, 25)


# --- rows worked out from the layout ------------------------------------------------------


class SizedList(CardList):
    """A card list of a fixed text width and gap, off screen."""

    def __init__(self, width: int, gap: bool) -> None:
        super().__init__("k")
        self.fixed = (width, gap)

    @property
    def _text_width(self) -> int:
        return self.fixed[0]

    @property
    def _gap(self) -> bool:
        return self.fixed[1]


def reference_rows(groups: list[Group], width: int, gap: bool) -> list[Row]:
    """Every row of the column, one tuple a row, as the list used to keep them."""
    rows: list[Row] = []
    index = 0
    for g, group in enumerate(groups):
        if group.label:
            rows.append(Row("group", g))
        for card in group.cards:
            rows.append(Row("title", index, 0))
            if title_lines(card.title, width) > 1:
                rows.append(Row("title", index, 1))
            rows.append(Row("meta", index))
            if gap:
                rows.append(Row("gap", index))
            index += 1
    if not any(group.cards for group in groups):
        rows.append(Row("empty", 0))
    return rows


titles = st.sampled_from(
    ["Short", "A title long enough to wrap on a narrow card", "日本語のタイトル", "x\x1by", "é" * 9]
)
groups_strategy = st.lists(
    st.tuples(st.sampled_from(["", "Week 1", "Week 2"]), st.lists(titles, max_size=4)), max_size=4
)


@settings(max_examples=150)
@given(groups_strategy, st.integers(4, 40), st.booleans())
def test_each_row_is_what_the_full_table_of_rows_said(spec: list[tuple[str, list[str]]], width: int, gap: bool) -> None:
    counter = iter(range(1000))
    groups = [Group(label, [Objective(f"o{next(counter)}", t, 1) for t in cards]) for label, cards in spec]
    cards = SizedList(width, gap)
    cards.groups = groups
    cards.cards = [card for group in groups for card in group.cards]
    cards._lay_out(width, gap)
    expected = reference_rows(groups, width, gap)
    assert [cards._row(i) for i in range(len(expected))] == expected
    assert cards._row(len(expected)) is None and cards._row(-1) is None
    for i, card in enumerate(cards.cards):
        assert expected[cards._top[card.id]] == Row("title", i, 0)


# --- layouts and rebuilds -----------------------------------------------------------------


@pytest.fixture
def counted(monkeypatch: pytest.MonkeyPatch) -> Counter[str]:
    """How often each column was laid out with cards, and how often the board was rebuilt."""
    counts: Counter[str] = Counter()
    layout, rebuild = CardList._layout, CardViews.rebuild

    def counting_layout(self: CardList) -> None:
        if self.cards:
            counts[self.key] += 1
        layout(self)

    def counting_rebuild(self: CardViews, *args: Any, **kwargs: Any) -> Any:
        counts["rebuild"] += 1
        return rebuild(self, *args, **kwargs)

    monkeypatch.setattr(CardList, "_layout", counting_layout)
    monkeypatch.setattr(CardViews, "rebuild", counting_rebuild)
    return counts


async def test_the_first_frame_builds_the_board_once(plan_path: Path, counted: Counter[str]) -> None:
    app = RolloutApp(plan_path, today=lambda: TODAY, watch_interval=0)
    async with app.run_test(size=(160, 45)) as pilot:
        await pilot.pause()
        assert counted == Counter({"rebuild": 1, "p1": 1, "p2": 1, "p3": 1, "p4": 1})
        assert app.main_screen is not None and app.main_screen.board.selected == "opa-policy"


async def test_a_resize_that_keeps_the_columns_widths_lays_nothing_out(plan_path: Path, counted: Counter[str]) -> None:
    app = RolloutApp(plan_path, today=lambda: TODAY, watch_interval=0)
    async with app.run_test(size=(160, 45)) as pilot:
        await pilot.pause()
        counted.clear()
        view = app.main_screen.board if app.main_screen else None
        assert view is not None
        headers = [column.header.markup_text for column in view._columns]
        await pilot.resize_terminal(160, 50)  # taller: the columns stay 40 cells wide, the cards keep their gaps
        await pilot.pause()
        assert counted == Counter()
        await pilot.resize_terminal(120, 46)  # narrower columns: titles wrap anew, once a column
        await pilot.pause()
        assert counted == Counter({"p1": 1, "p2": 1, "p3": 1, "p4": 1})
        # The headers follow the width all the same (a shorter progress bar in a narrower column).
        narrower = [column.header.markup_text for column in view._columns]
        assert all(new != old for new, old in zip(narrower, headers, strict=True))
        plan = app.session.plan
        assert narrower[0] == phase_header(plan, plan.phases[0], view._column_width() - 2, view.marks)


async def test_cards_that_overflow_are_laid_out_once_for_the_scrollbar_they_bring(
    tmp_path: Path, counted: Counter[str], platformdirs_isolated: object
) -> None:
    from bench.generate import generate_plan
    from board import store

    path = tmp_path / "plan.toml"
    store.save(generate_plan(400, seed=2), path)
    app = RolloutApp(path, today=lambda: TODAY, watch_interval=0)
    async with app.run_test(size=(160, 45)) as pilot:
        await pilot.pause()
        view = app.main_screen.board if app.main_screen else None
        assert view is not None
        for column in view._columns:
            assert counted[column.key] == 1
            assert column.cards.show_vertical_scrollbar
            assert column.cards._laid_out_for == (column.cards._text_width, True)
        await pilot.press("2")  # new columns for the status board: each laid out once as well
        await pilot.pause()
        for column in view._columns:
            assert counted[column.key] == 1, column.key


async def test_the_control_marks_are_worked_out_once_per_change_of_the_plan(
    plan_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import board.widgets.card_views as card_views

    calls: list[str] = []
    real = card_views.control_marks

    def counting(plan: Any, today: date, *args: Any) -> Any:
        calls.append("marks")
        return real(plan, today, *args)

    monkeypatch.setattr(card_views, "control_marks", counting)
    app = RolloutApp(plan_path, today=lambda: TODAY, watch_interval=0)
    async with app.run_test(size=(160, 45)) as pilot:
        await pilot.pause()
        assert calls == ["marks"]
        await pilot.press("2", "3", "1", "slash", "o", "p", "a", "escape")  # views and a filter: no change
        await pilot.pause()
        assert calls == ["marks"]
        await pilot.press("space")  # a status change: the critical path and health may move
        await pilot.pause()
        assert calls == ["marks", "marks"]
        await pilot.press("2")
        await pilot.pause()
        assert len(calls) == 2

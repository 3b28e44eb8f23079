"""Columns are parted by a border on their left; the board's first column has none, whichever view shows it
and after the columns are made again (the first column is marked when the columns are made)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from board.app import RolloutApp
from board.store import loads
from board.widgets.card_views import CardViews
from board.widgets.column import BoardColumn


def borders(view: CardViews) -> list[str]:
    return [column.styles.border_left[0] for column in view._columns]


async def test_only_the_first_column_has_no_border_in_every_view_and_after_the_columns_are_made_again(
    plan_path: Path,
) -> None:
    app = RolloutApp(plan_path, today=lambda: date(2026, 11, 25), watch_interval=0)
    async with app.run_test(size=(160, 45)) as pilot:
        await pilot.pause()
        assert app.main_screen is not None
        view = app.main_screen.board
        assert len(view._columns) == 4
        assert borders(view) == ["", "vkey", "vkey", "vkey"]
        first = view._columns[0]
        assert first.region.x == 0 and first.cards.region.x == 1  # the padding only, no border cell
        assert view._columns[1].cards.region.x == view._columns[1].region.x + 2  # border and padding
        await pilot.press("2")
        await pilot.pause()
        assert [column.key for column in view._columns] == list(app.session.plan.statuses)
        assert borders(view) == [""] + ["vkey"] * (len(view._columns) - 1)
        await pilot.press("1")
        await pilot.pause()
        # The plan without its first phase: the columns are made again, the former second one first.
        text = plan_path.read_text(encoding="utf-8")
        plan = loads(text, str(plan_path))
        del plan.phases[0]
        view.set_plan(plan)
        await pilot.pause()
        assert [column.key for column in view._columns][:3] == [phase.id for phase in plan.phases]
        assert all(isinstance(column, BoardColumn) for column in view._columns)
        assert borders(view) == [""] + ["vkey"] * (len(view._columns) - 1)
        assert view._columns[0].cards.region.x == 1

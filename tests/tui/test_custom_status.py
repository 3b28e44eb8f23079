"""A status of the plan's own reads with one mark everywhere: the board's cards and column headers
draw the mark the printed commands (``show``, ``standup``) print for it."""

from __future__ import annotations

from pathlib import Path

from board import store
from board.app import RolloutApp
from board.term import STATUS_SYMBOLS, status_symbol
from tests.tui.test_board_late_blocked import WEEK_2, card_text, column


async def test_a_custom_status_has_the_mark_the_command_line_prints(plan_path: Path) -> None:
    plan = store.load(plan_path)
    plan.statuses = ["todo", "in-progress", "review", "blocked", "done"]
    plan.objective("opa-policy").status = "review"
    store.save(plan, plan_path)
    mark = status_symbol("review")
    assert mark == "◇" and mark not in STATUS_SYMBOLS.values()
    app = RolloutApp(plan_path, today=lambda: WEEK_2, watch_interval=0)
    async with app.run_test(size=(160, 45)) as pilot:
        await pilot.press("2")  # the status board: one column a status
        await pilot.pause()
        review = column(app, "review")
        assert f"{mark} review" in review.header.markup_text
        assert card_text(review.cards, "opa-policy").splitlines()[-1].startswith(f"▌ {mark} ")  # the meta line
        await pilot.press("1")  # the phase board draws the same mark on the card
        await pilot.pause()
        assert card_text(column(app, "p1").cards, "opa-policy").splitlines()[-1].startswith(f"▌ {mark} ")

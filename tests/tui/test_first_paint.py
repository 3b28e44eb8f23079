"""The board's first painted frame already shows the cards and the column headers (one layout and paint,
not a first paint of empty columns and a second once the columns are built on their first resize)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from textual.geometry import Region
from textual.strip import Strip

from board.app import RolloutApp
from board.widgets.card_list import CardList
from board.widgets.column import BoardColumn


@pytest.mark.parametrize("size", [(160, 45), (80, 24)])
async def test_the_first_paint_of_each_card_list_has_its_cards_and_its_header(
    plan_path: Path, monkeypatch: pytest.MonkeyPatch, size: tuple[int, int]
) -> None:
    first: dict[str, tuple[list[str], str, tuple[int, bool] | None, Region]] = {}
    original = CardList.render_lines

    def recorded(self: CardList, crop: Region) -> list[Strip]:
        strips = original(self, crop)
        column = self.parent
        header = column.header.markup_text if isinstance(column, BoardColumn) else ""
        first.setdefault(self.key, ([strip.text for strip in strips], header, self._laid_out_for, crop))
        return strips

    monkeypatch.setattr(CardList, "render_lines", recorded)
    app = RolloutApp(plan_path, today=lambda: date(2026, 11, 25), watch_interval=0)
    frames: list[dict[str, tuple[list[str], str, tuple[int, bool] | None, Region]]] = []
    app.call_after_refresh(lambda: frames.append(dict(first)))  # the first frame, as the bench times it
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        plan = app.session.plan
        columns = list(app.screen.query(BoardColumn))
        assert frames, "no frame was drawn"
        drawn = frames[0]
        assert sorted(drawn) == sorted(phase.id for phase in plan.phases)
        for column in columns:
            lines, header, laid_out_for, crop = drawn[column.key]
            cards = column.cards
            # Drawn once laid out, at the width the list has now: its resize found it laid out.
            assert laid_out_for == cards._laid_out_for
            phase = plan.phase(column.key)
            assert phase is not None
            assert header.startswith(f"[b]{phase.label()[:8]}")
            assert header == column.header.markup_text
            assert lines[0].strip().startswith("Week")
            assert cards.cards, f"{column.key} has no cards"
            assert any(line.startswith("▌") for line in lines)
            # The first paint is what the list draws once everything has settled.
            assert lines == [strip.text for strip in original(cards, crop)]

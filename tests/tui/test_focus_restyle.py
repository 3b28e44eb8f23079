"""``/`` and escape move focus between the board and the filter: only the board's own box changes look,
so only it is restyled (not every column, header and card list below it)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from textual.css.stylesheet import Stylesheet

from board.app import RolloutApp
from board.widgets.card_list import CardList
from board.widgets.column import BoardColumn

TODAY = date(2026, 11, 25)


async def test_the_filter_key_and_escape_restyle_no_column(plan_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    styled: list[object] = []
    apply = Stylesheet.apply

    def recording(self: Stylesheet, node: object, *args: object, **kwargs: object) -> None:
        styled.append(node)
        apply(self, node, *args, **kwargs)  # type: ignore[arg-type]

    app = RolloutApp(plan_path, today=lambda: TODAY, watch_interval=0)
    async with app.run_test(size=(160, 45)) as pilot:
        await app.workers.wait_for_complete()  # the header's git state is drawn before the first screenshot
        await pilot.pause()
        board = app.main_screen.board  # type: ignore[union-attr]
        columns = board.query_one("#columns")
        focused_background = columns.styles.background
        before = app.export_screenshot()
        monkeypatch.setattr(Stylesheet, "apply", recording)
        for key in ["slash", "escape", "slash", "escape"]:
            styled.clear()
            await pilot.press(key)
            await pilot.pause()
            assert not [node for node in styled if isinstance(node, (CardList, BoardColumn))], key
        await pilot.press("slash")
        await pilot.pause()
        assert app.focused is not board
        blurred_background = columns.styles.background
        await pilot.press("escape")
        await pilot.pause()
        assert app.focused is board
        assert columns.styles.background == focused_background != blurred_background  # the look is kept
        assert app.export_screenshot() == before  # every column and header drawn as it was

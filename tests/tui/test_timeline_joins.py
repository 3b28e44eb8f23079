"""The timeline joins the board on its first showing (not in the first frame), and keys typed in a burst
after ``3`` act on it as on a timeline that was there all along."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from textual import events

from board.app import RolloutApp
from board.widgets.timeline import Timeline
from tests.waiting import until


async def test_the_timeline_is_mounted_on_its_first_showing_and_a_burst_after_3_moves_on_it(plan_path: Path) -> None:
    app = RolloutApp(plan_path, today=lambda: date(2026, 11, 25), watch_interval=0)
    async with app.run_test(size=(160, 45)) as pilot:
        await pilot.pause()
        main = app.main_screen
        assert main is not None
        board = main.board
        assert not main.query(Timeline) and board._timeline is None  # not in the first frame, not even made
        first = board.selected
        for key, char in (("3", "3"), ("j", "j"), ("j", "j")):  # one burst, no pauses
            app.post_message(events.Key(key, char))
        await until(pilot, lambda: board.view == "timeline" and board.selected != first, "the burst to move")
        await pilot.pause()
        timeline = board.timeline
        assert list(main.query(Timeline)) == [timeline] and timeline.display
        assert board.selected == timeline.rows[2].id
        assert timeline.selected == board.selected
        assert timeline.region.height > 0 and timeline.region.y >= main.header.region.bottom
        lines = [strip.text for strip in timeline.render_lines(timeline.region.reset_offset)]
        assert any(timeline.rows[2].title[:12] in line for line in lines)
        # The status board's first showing, after the timeline's, and back: one timeline, shown again.
        await pilot.press("2")
        await pilot.pause()
        assert not timeline.display and board.columns_box.display
        assert board.columns_box.region.height > 0
        await pilot.press("3")
        await pilot.pause()
        assert list(main.query(Timeline)) == [timeline] and timeline.display
        assert timeline.selected == board.selected


def test_the_first_frame_does_not_import_the_timeline(tmp_path: Path) -> None:
    from tests.tui.test_first_frame import modules_around_the_first_frame

    seen = modules_around_the_first_frame(tmp_path)
    assert "board.widgets.card_views" in seen["first"]
    assert "board.widgets.timeline" not in seen["first"]

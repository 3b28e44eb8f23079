"""The timeline (`3`): weeks aligned with their headers, one objective a row, the selected one in full,
this week marked, late objectives flagged; only the rows on screen are drawn."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from bench.generate import generate_plan
from board import store
from board.app import RolloutApp
from board.widgets.timeline import HEADER_ROWS, Timeline, geometry

TODAY = date(2026, 11, 25)  # week 2 of the test plan


def make_app(path: Path, today: date = TODAY) -> RolloutApp:
    return RolloutApp(path, today=lambda: today, watch_interval=0)


def lines(timeline: Timeline) -> list[str]:
    return [timeline.render_line(y).text for y in range(timeline.size.height)]


def test_geometry_fills_the_width_and_gives_titles_room() -> None:
    for width in (60, 80, 158, 200):
        geo = geometry(width, 8, 40)
        assert geo.label + geo.cell * 8 == width
        assert geo.cell >= 3 and geo.label >= 16
    assert geometry(158, 8, 40).label >= 44  # the longest title is not cut at 160 columns


async def test_week_labels_stand_over_their_columns_and_bars_sit_in_their_week(plan_path: Path) -> None:
    for size in ((160, 45), (80, 24)):
        app = make_app(plan_path)
        async with app.run_test(size=size) as pilot:
            await pilot.press("3")
            timeline = app.main_screen.board.timeline  # type: ignore[union-attr]
            geo = timeline._geometry()
            text = lines(timeline)
            for week in range(1, 9):
                x = geo.week_x(week)
                assert text[0][x : x + 2] == f"W{week}", (size, week, text[0])
            bands = text[1]
            for phase in app.session.plan.phases:
                assert bands[geo.week_x(phase.first_week) : geo.week_x(phase.first_week) + 2] == phase.id.upper()
            for row, obj in enumerate(timeline.rows[: timeline.size.height - HEADER_ROWS - 1]):
                line = text[HEADER_ROWS + row]
                bar = geo.week_x(obj.week)
                assert line[bar] == "█" and line.count("█") == geo.cell - 1, (obj.id, line)


async def test_every_objective_has_its_own_row_and_the_title_is_whole_at_160(plan_path: Path) -> None:
    app = make_app(plan_path)
    async with app.run_test(size=(160, 45)) as pilot:
        await pilot.press("3")
        timeline = app.main_screen.board.timeline  # type: ignore[union-attr]
        plan = app.session.plan
        assert [o.id for o in timeline.rows] == [o.id for o in sorted(plan.objectives, key=lambda o: o.week)]
        text = lines(timeline)
        for row, obj in enumerate(timeline.rows):
            assert obj.title in text[HEADER_ROWS + row]
        # The bottom line tells the selected objective in full; j moves one row.
        await pilot.press("j", "j", "j", "j", "j")
        selected = plan.objective(app.main_screen.board.selected)  # type: ignore[union-attr,arg-type]
        assert selected.id == timeline.rows[5].id
        bottom = lines(timeline)[-1]
        assert selected.title in bottom and selected.id in bottom and f"W{selected.week}" in bottom


async def test_this_week_is_marked_and_late_work_is_flagged(plan_path: Path) -> None:
    # Three weeks on: week 5; the week-2 objectives that are not done are late.
    app = make_app(plan_path, today=date(2026, 12, 14))
    async with app.run_test(size=(160, 45)) as pilot:
        await pilot.press("3")
        timeline = app.main_screen.board.timeline  # type: ignore[union-attr]
        geo = timeline._geometry()
        text = lines(timeline)
        assert text[0][geo.week_x(5) :].startswith("W5 now")
        plan = app.session.plan
        for row, obj in enumerate(timeline.rows):
            late = obj.week < 5 and obj.status != "done"
            assert (" late " in text[HEADER_ROWS + row]) == late, obj.id
        late_one = next(o for o in timeline.rows if plan.is_late(o, plan.this_week(date(2026, 12, 14))))
        app.main_screen.board.select(late_one.id)  # type: ignore[union-attr]
        await pilot.pause()
        assert "LATE" in lines(timeline)[-1]


async def test_h_l_move_by_week_g_G_to_the_ends(plan_path: Path) -> None:
    app = make_app(plan_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("3")
        view = app.main_screen.board  # type: ignore[union-attr]
        plan = app.session.plan
        await pilot.press("l")
        assert plan.objective(view.selected).week == 2
        await pilot.press("l", "l")
        assert plan.objective(view.selected).week == 4
        await pilot.press("h")
        assert plan.objective(view.selected).week == 3
        await pilot.press("G")
        assert view.selected == view.timeline.rows[-1].id
        # The last row is on screen, above the detail line.
        index = view.timeline.row_of(view.selected)
        top = int(view.timeline.scroll_offset.y)
        assert top <= index < top + view.timeline.size.height - HEADER_ROWS - 1
        await pilot.press("g")
        assert view.selected == view.timeline.rows[0].id and view.timeline.scroll_offset.y == 0


async def test_5000_objectives_draw_only_what_is_visible(tmp_path: Path, platformdirs_isolated: object) -> None:
    path = tmp_path / "big.toml"
    path.write_text(store.dumps(generate_plan(5000)), encoding="utf-8")
    app = RolloutApp(path, today=lambda: date(2026, 11, 25), watch_interval=0)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("3")
        timeline = app.main_screen.board.timeline  # type: ignore[union-attr]
        assert len(timeline.rows) == 5000
        assert len(app.screen.query("*")) < 60  # no widget per objective
        drawn: list[int] = []
        original = timeline._grid_row

        def counting(geo, width, obj):  # type: ignore[no-untyped-def]
            drawn.append(1)
            return original(geo, width, obj)

        timeline._grid_row = counting  # type: ignore[method-assign]
        await pilot.press("G")
        await pilot.pause()
        assert view_selected_is_last(app)
        assert 0 < len(drawn) <= 3 * timeline.size.height


def view_selected_is_last(app: RolloutApp) -> bool:
    view = app.main_screen.board  # type: ignore[union-attr]
    return view.selected == view.timeline.rows[-1].id


async def test_many_weeks_at_80_columns_keep_whole_labels_over_their_weeks(
    tmp_path: Path, platformdirs_isolated: object
) -> None:
    import re

    path = tmp_path / "long.toml"
    path.write_text(store.dumps(generate_plan(200, weeks=26, phases=5)), encoding="utf-8")
    app = RolloutApp(path, today=lambda: date(2026, 11, 25), watch_interval=0)  # week 4
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("3")
        timeline = app.main_screen.board.timeline  # type: ignore[union-attr]
        geo = timeline._geometry()
        assert geo.cell >= 2 and geo.label >= 16
        header = lines(timeline)[0]
        labels = list(re.finditer(r"W(\d+)", header))
        assert len(labels) >= 8
        for found in labels:
            assert found.start() == geo.week_x(int(found.group(1))), header
        assert "W4" in [f.group(0) for f in labels]  # this week is always labelled
        for row, obj in enumerate(timeline.rows[:5]):
            assert lines(timeline)[HEADER_ROWS + row][geo.week_x(obj.week)] == "█"

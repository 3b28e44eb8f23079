"""The board on late work, blocking with a reason, deleting what others depend on, H / L and the phase filter.

Real keys through Textual's Pilot; every change is checked in the file on disk.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from board import store
from board.app import RolloutApp
from board.screens.block_reason import BlockReasonScreen
from board.screens.confirm import ConfirmScreen
from board.screens.main_screen import NO_START, MainScreen
from board.screens.objective import ObjectiveScreen
from board.widgets.card_list import CardList

WEEK_2 = date(2026, 11, 25)  # the board fixture starts Mon 2026-11-16
WEEK_3 = date(2026, 12, 2)


def make_app(path: Path, today: date = WEEK_2) -> RolloutApp:
    return RolloutApp(path, today=lambda: today, watch_interval=0)


def board(app: RolloutApp) -> MainScreen:
    screen = app.main_screen
    assert screen is not None
    return screen


def card_text(cards: CardList, oid: str) -> str:
    """The lines a card is drawn with, as plain text."""
    cards.scroll_card_visible(oid)
    top = cards._top[oid] - int(cards.scroll_offset.y)
    height = cards._card_height(cards.cards[cards._index[oid]])
    return "\n".join(cards.render_line(y).text for y in range(top, top + height))


def column(app: RolloutApp, key: str):  # type: ignore[no-untyped-def]
    return next(c for c in board(app).board._columns if c.key == key)


async def test_late_cards_are_marked_and_counted_in_their_phase(plan_path: Path) -> None:
    app = make_app(plan_path, WEEK_3)
    async with app.run_test(size=(160, 45)) as pilot:
        await pilot.pause()
        p1 = column(app, "p1")
        assert "4 late" in p1.header.markup_text
        assert "late" not in column(app, "p2").header.markup_text
        assert " late" in card_text(p1.cards, "monitoring-dashboards")  # week 2, todo
        assert " late" in card_text(p1.cards, "automated-security")  # week 2, blocked
        assert "late" not in card_text(p1.cards, "opa-policy")  # week 1, done
        assert "late" not in card_text(column(app, "p2").cards, "agentdashboard-modular")  # this week
        # Done is no longer late: the mark and the count follow at once.
        board(app).board.select("monitoring-dashboards")
        await pilot.press("space", "space")
        assert store.load(plan_path).objective("monitoring-dashboards").status == "done"
        assert "3 late" in p1.header.markup_text
        assert "late" not in card_text(p1.cards, "monitoring-dashboards")


async def test_the_open_objective_says_it_is_late(plan_path: Path) -> None:
    app = make_app(plan_path, WEEK_3)
    async with app.run_test(size=(160, 45)) as pilot:
        board(app).board.select("monitoring-dashboards")
        await pilot.press("enter")
        assert isinstance(app.screen, ObjectiveScreen)
        text = str(app.screen.query_one("#objective-text").content)
        assert "Week       2 of 8  [$error b]late[/] [$text-muted](this is week 3)[/]" in text
        await pilot.press("escape")
        board(app).board.select("opa-policy")  # done: not late
        await pilot.press("enter")
        assert "late" not in str(app.screen.query_one("#objective-text").content)


async def test_nothing_is_late_in_week_2_of_the_fixture(plan_path: Path) -> None:
    app = make_app(plan_path, WEEK_2)
    async with app.run_test(size=(160, 45)) as pilot:
        await pilot.pause()
        assert "late" not in column(app, "p1").header.markup_text
        assert "late" not in card_text(column(app, "p1").cards, "monitoring-dashboards")


async def test_b_asks_why_enter_keeps_the_reason_and_b_again_gives_back_todo(plan_path: Path) -> None:
    app = make_app(plan_path)
    async with app.run_test(size=(160, 45)) as pilot:
        board(app).board.select("monitoring-dashboards")  # todo
        await pilot.press("b")
        assert isinstance(app.screen, BlockReasonScreen)
        assert store.load(plan_path).objective("monitoring-dashboards").status == "todo"  # not yet
        await pilot.press(*"vendor late", "enter")
        assert isinstance(app.screen, MainScreen)
        saved = store.load(plan_path).objective("monitoring-dashboards")
        assert (saved.status, saved.blocked_reason) == ("blocked", "vendor late")
        await pilot.press("enter")  # the detail shows why
        assert isinstance(app.screen, ObjectiveScreen)
        assert "vendor late" in str(app.screen.query_one("#objective-text").content)
        await pilot.press("escape", "b")  # unblock: the status it had, the reason gone
        saved = store.load(plan_path).objective("monitoring-dashboards")
        assert (saved.status, saved.blocked_reason) == ("todo", "")
        await pilot.press("u")
        saved = store.load(plan_path).objective("monitoring-dashboards")
        assert (saved.status, saved.blocked_reason) == ("blocked", "vendor late")


async def test_b_then_escape_blocks_without_a_reason(plan_path: Path) -> None:
    app = make_app(plan_path)
    async with app.run_test(size=(160, 45)) as pilot:
        board(app).board.select("input-sanitization")  # in progress
        await pilot.press("b", *"half typed", "escape")
        saved = store.load(plan_path).objective("input-sanitization")
        assert (saved.status, saved.blocked_reason) == ("blocked", "")
        await pilot.press("b")
        assert store.load(plan_path).objective("input-sanitization").status == "in-progress"


async def test_b_on_the_open_objective_asks_too(plan_path: Path) -> None:
    app = make_app(plan_path)
    async with app.run_test(size=(160, 45)) as pilot:
        board(app).board.select("monitoring-dashboards")
        await pilot.press("enter", "b", *"no access", "enter")
        assert isinstance(app.screen, ObjectiveScreen)
        assert "no access" in str(app.screen.query_one("#objective-text").content)
        assert store.load(plan_path).objective("monitoring-dashboards").blocked_reason == "no access"


async def test_keys_typed_in_a_burst_after_b_land_in_the_reason(plan_path: Path) -> None:
    app = make_app(plan_path)
    async with app.run_test(size=(160, 45)) as pilot:
        board(app).board.select("monitoring-dashboards")
        for key in ["b", *"jk", "enter"]:  # no pause between keys, as a fast typist sends them
            app.post_message(_key(key))
        await pilot.pause()
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert store.load(plan_path).objective("monitoring-dashboards").blocked_reason == "jk"
        assert board(app).board.selected == "monitoring-dashboards"  # j and k went into the field, not the board


def _key(key: str):  # type: ignore[no-untyped-def]
    from textual import events

    return events.Key(key, key if len(key) == 1 else None)


async def test_x_names_the_objectives_that_depend_on_it_and_u_restores_their_links(plan_path: Path) -> None:
    before = store.load(plan_path)
    before.objective("agentdashboard-modular").depends_on.insert(0, "opa-policy")
    store.save(before, plan_path)
    dependents = [o.id for o in before.dependents("input-sanitization")]
    assert dependents == ["xss-prevention", "agentdashboard-modular"]
    app = make_app(plan_path)
    async with app.run_test(size=(160, 45)) as pilot:
        board(app).board.select("input-sanitization")
        await pilot.press("x")
        assert isinstance(app.screen, ConfirmScreen)
        assert (
            "2 objectives depend on it: xss-prevention, agentdashboard-modular; their links are removed"
            in app.screen.question
        )
        await pilot.press("y")
        after = store.load(plan_path)
        assert after.find_objective("input-sanitization") is None
        assert after.objective("agentdashboard-modular").depends_on == ["opa-policy"]
        assert after.objective("xss-prevention").depends_on == []
        await pilot.press("u")
        restored = store.load(plan_path)
        assert [restored.objective(d).depends_on for d in dependents] == [
            before.objective(d).depends_on for d in dependents
        ]


async def test_x_names_one_dependent_and_nothing_when_there_is_none(plan_path: Path) -> None:
    app = make_app(plan_path)
    async with app.run_test(size=(160, 45)) as pilot:
        board(app).board.select("xss-prevention")
        await pilot.press("x")
        assert isinstance(app.screen, ConfirmScreen)
        assert "1 objective depends on it: automated-security; its link is removed" in app.screen.question
        await pilot.press("n")
        board(app).board.select("monitoring-dashboards")
        await pilot.press("x")
        assert isinstance(app.screen, ConfirmScreen)
        assert "depend" not in app.screen.question


async def test_H_lands_in_the_previous_phases_last_week_and_L_H_return_a_card(plan_path: Path) -> None:
    app = make_app(plan_path)
    async with app.run_test(size=(160, 45)) as pilot:
        view = board(app).board

        def week(oid: str) -> int:
            return store.load(plan_path).objective(oid).week

        view.select("agentdashboard-modular")  # week 3, the first week of p2
        await pilot.press("H")
        assert week("agentdashboard-modular") == 2  # p1's last week, not its first
        await pilot.press("L")
        assert week("agentdashboard-modular") == 3  # back where it was
        view.select("opa-policy")  # week 1, the first week of p1
        await pilot.press("L")
        assert week("opa-policy") == 3  # p2's first week
        await pilot.press("H")
        assert week("opa-policy") == 1  # back to week 1, not p1's last week
        for oid in [o.id for o in app.session.plan.objectives if o.week == 4][:1]:  # p2's last week
            view.select(oid)
            await pilot.press("L", "H")
            assert week(oid) == 4
            await pilot.press("H")
            assert week(oid) == 2  # a fresh H: p1's last week
            await pilot.press("L", "L", "H", "H")
            assert week(oid) == 2


async def test_the_status_boards_phase_filter_shows_in_the_header(plan_path: Path) -> None:
    app = make_app(plan_path)
    async with app.run_test(size=(160, 45)) as pilot:
        header = board(app).header
        await pilot.press("2", "p")
        assert header.phase_filter == "P1 Foundation & Security"
        assert "phase: P1 Foundation & Security" in str(header.render())
        await pilot.press("p")
        assert header.phase_filter == "P2 Component Architecture"
        await pilot.press("1")  # the phase board has no phase filter
        assert header.phase_filter == ""
        await pilot.press("2")
        assert header.phase_filter == "P2 Component Architecture"
        await pilot.press("p", "p", "p")  # P3, P4, all phases
        assert header.phase_filter == ""


async def test_the_header_says_how_to_set_a_missing_start(plan_path: Path) -> None:
    plan = store.load(plan_path)
    plan.start = None
    store.save(plan, plan_path)
    app = make_app(plan_path)
    async with app.run_test(size=(160, 45)):
        header = board(app).header
        assert header.week_text == NO_START
        assert "P, then e on Plan" in str(header.render())

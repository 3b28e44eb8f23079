"""The board's contract keys, pressed through Textual's Pilot; each asserts the model and the file on disk."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from board import store
from board.app import RolloutApp
from board.screens.confirm import ConfirmScreen
from board.screens.conflict import ConflictScreen
from board.screens.contingency_panel import ContingencyPanel
from board.screens.help import HelpScreen
from board.screens.main_screen import MainScreen
from board.screens.metrics_panel import MetricsPanel
from board.screens.objective import ObjectiveScreen
from board.screens.objective_form import ObjectiveForm
from board.screens.panels import TextPanel
from board.screens.risk_panel import RiskPanel
from tests.waiting import palette_offers

DATA = Path(__file__).parents[1] / "data"
TODAY = date(2026, 11, 25)


def make_app(path: Path) -> RolloutApp:
    return RolloutApp(path, today=lambda: TODAY, watch_interval=0)


def on_disk(path: Path):
    return store.load(path)


def board(app: RolloutApp) -> MainScreen:
    screen = app.main_screen
    assert screen is not None
    return screen


async def test_navigation_keys_move_the_selection(plan_path: Path) -> None:
    app = make_app(plan_path)
    async with app.run_test(size=(160, 45)) as pilot:
        view = board(app).board
        assert view.selected == "opa-policy"
        await pilot.press("j")
        assert view.selected == "gitleaks-secret"
        await pilot.press("down", "down")
        assert view.selected == "baseline-metrics"
        await pilot.press("k", "up")
        assert view.selected == "gitleaks-secret"
        await pilot.press("l")
        assert view.selected == "error-boundaries"  # same position in the next phase's column
        await pilot.press("right", "right")
        assert app.session.plan.phase_of(app.session.plan.objective(view.selected)).id == "p4"
        await pilot.press("h", "left", "left")
        assert app.session.plan.phase_of(app.session.plan.objective(view.selected)).id == "p1"
        await pilot.press("G")
        assert view.selected == "monitoring-dashboards"
        await pilot.press("g")
        assert view.selected == "opa-policy"


async def test_space_advances_and_saves(plan_path: Path) -> None:
    app = make_app(plan_path)
    async with app.run_test() as pilot:
        await pilot.press("j", "j", "j", "j")  # input-sanitization, in progress
        assert board(app).board.selected == "input-sanitization"
        await pilot.press("space")
        assert app.session.plan.objective("input-sanitization").status == "done"
        saved = on_disk(plan_path).objective("input-sanitization")
        assert saved.status == "done" and saved.changed == TODAY
        await pilot.press("k", "k", "k", "k", "space")  # opa-policy is done: stays done
        assert on_disk(plan_path).objective("opa-policy").status == "done"


async def test_b_toggles_blocked(plan_path: Path) -> None:
    app = make_app(plan_path)
    async with app.run_test() as pilot:
        await pilot.press("j", "j", "j", "j", "j", "j")
        assert board(app).board.selected == "automated-security"
        await pilot.press("b")
        assert on_disk(plan_path).objective("automated-security").status == "in-progress"
        await pilot.press("b", "escape")  # b asks why; escape blocks without a reason
        assert on_disk(plan_path).objective("automated-security").status == "blocked"


async def test_H_and_L_move_between_phases_and_statuses(plan_path: Path) -> None:
    app = make_app(plan_path)
    async with app.run_test(size=(160, 45)) as pilot:
        await pilot.press("j")  # gitleaks-secret, week 1 (first week of p1)
        await pilot.press("L")
        assert on_disk(plan_path).objective("gitleaks-secret").week == 3  # first week of p2
        assert board(app).board.selected == "gitleaks-secret"
        await pilot.press("H")
        assert on_disk(plan_path).objective("gitleaks-secret").week == 1
        await pilot.press("2")  # status board: L moves to the next status
        await pilot.press("L")
        assert on_disk(plan_path).objective("gitleaks-secret").status == "done"  # already the last status
        await pilot.press("H")
        assert on_disk(plan_path).objective("gitleaks-secret").status == "blocked"


async def test_brackets_move_a_week(plan_path: Path) -> None:
    app = make_app(plan_path)
    async with app.run_test() as pilot:
        await pilot.press("right_square_bracket")
        assert on_disk(plan_path).objective("opa-policy").week == 2
        await pilot.press("right_square_bracket", "left_square_bracket", "left_square_bracket")
        assert on_disk(plan_path).objective("opa-policy").week == 1  # week 0 is refused
        assert app.session.plan.objective("opa-policy").week == 1


async def test_J_and_K_reorder_within_the_week(plan_path: Path) -> None:
    app = make_app(plan_path)
    async with app.run_test() as pilot:
        await pilot.press("J")
        ids = [o.id for o in on_disk(plan_path).objectives[:3]]
        assert ids == ["gitleaks-secret", "opa-policy", "ci-cd"]
        assert board(app).board.selected == "opa-policy"
        await pilot.press("K")
        assert [o.id for o in on_disk(plan_path).objectives[:2]] == ["opa-policy", "gitleaks-secret"]


async def test_undo_and_redo(plan_path: Path) -> None:
    original = plan_path.read_bytes()
    app = make_app(plan_path)
    async with app.run_test() as pilot:
        await pilot.press("j", "j", "j", "j", "space", "right_square_bracket")
        assert on_disk(plan_path).objective("input-sanitization").week == 3
        await pilot.press("u", "u")
        assert plan_path.read_bytes() == original
        await pilot.press("ctrl+r")
        assert on_disk(plan_path).objective("input-sanitization").status == "done"
        assert on_disk(plan_path).objective("input-sanitization").week == 2


async def test_enter_opens_the_objective_and_escape_returns(plan_path: Path) -> None:
    app = make_app(plan_path)
    async with app.run_test() as pilot:
        await pilot.press("j", "j", "j", "j", "j")  # xss-prevention
        await pilot.press("enter")
        assert isinstance(app.screen, ObjectiveScreen)
        text = str(app.screen.query_one("#objective-text").render())
        assert "Implement XSS prevention measures" in text
        assert "input-sanitization" in text  # its dependency
        assert "automated-security" in text  # what depends on it
        await pilot.press("escape")
        assert isinstance(app.screen, MainScreen)
        assert board(app).board.selected == "xss-prevention"


async def test_n_adds_an_objective_through_the_form(plan_path: Path) -> None:
    app = make_app(plan_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("n")
        assert isinstance(app.screen, ObjectiveForm)
        await pilot.press(*"Rotate signing keys")
        await pilot.press("enter")
        assert isinstance(app.screen, MainScreen)
        added = on_disk(plan_path).objective("rotate-signing")
        assert added.title == "Rotate signing keys" and added.week == 1 and added.status == "todo"
        assert board(app).board.selected == "rotate-signing"


async def test_form_validates_inline_and_escape_cancels(plan_path: Path) -> None:
    original = plan_path.read_bytes()
    app = make_app(plan_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("e")
        form = app.screen
        assert isinstance(form, ObjectiveForm)
        form.query_one("#id").value = "gitleaks-secret"
        form.query_one("#week").value = "12"
        form.query_one("#depends_on").value = "nope"
        await pilot.pause()
        await pilot.press("ctrl+s")
        assert isinstance(app.screen, ObjectiveForm)  # refused: still open
        errors = {f: str(form.query_one(f"#{f}-error").render()) for f in ("id", "week", "depends_on")}
        assert "already exists" in errors["id"]
        assert "outside the plan" in errors["week"]
        assert "unknown objective 'nope'" in errors["depends_on"]
        form.query_one("#title").value = ""
        await pilot.pause()
        assert "must not be empty" in str(form.query_one("#title-error").render())
        await pilot.press("escape")  # changes typed: asks first
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("y")
        assert isinstance(app.screen, MainScreen)
    assert plan_path.read_bytes() == original


async def test_e_edits_and_renames_carrying_dependents(plan_path: Path) -> None:
    app = make_app(plan_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("j", "j", "j", "j")  # input-sanitization, which two objectives depend on
        await pilot.press("e")
        form = app.screen
        assert isinstance(form, ObjectiveForm)
        form.query_one("#id").value = "sanitize-input"
        form.query_one("#owner").value = "eve"
        await pilot.pause()
        await pilot.press("ctrl+s")
        assert isinstance(app.screen, MainScreen)
    plan = on_disk(plan_path)
    assert plan.objective("sanitize-input").owner == "eve"
    assert plan.objective("xss-prevention").depends_on == ["sanitize-input"]


async def test_x_deletes_after_confirmation_and_u_restores(plan_path: Path) -> None:
    app = make_app(plan_path)
    async with app.run_test() as pilot:
        await pilot.press("x")
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("n")
        assert on_disk(plan_path).find_objective("opa-policy") is not None
        await pilot.press("x", "y")
        assert on_disk(plan_path).find_objective("opa-policy") is None
        await pilot.press("u")
        assert on_disk(plan_path).objectives[0].id == "opa-policy"


async def test_slash_filters_and_escape_clears(plan_path: Path) -> None:
    app = make_app(plan_path)
    async with app.run_test(size=(160, 45)) as pilot:
        await pilot.press("slash", *"security")
        screen = board(app)
        assert screen.header.shown == (3, 32)  # two tagged #security, one title
        assert "filter: 3 of 32" in str(screen.header.render())
        await pilot.press("enter")  # back to the board, filter kept
        assert screen.focused is screen.board
        await pilot.press("escape")
        assert screen.board.filter_text == "" and screen.header.shown is None


async def test_number_keys_switch_views(plan_path: Path) -> None:
    app = make_app(plan_path)
    async with app.run_test(size=(160, 45)) as pilot:
        view = board(app).board
        await pilot.press("2")
        assert view.view == "status" and [c.key for c in view._columns] == app.session.plan.statuses
        await pilot.press("p")
        assert view.phase_filter == "p1"
        await pilot.press("3")
        assert view.view == "timeline" and view.timeline.display
        await pilot.press("l")  # the timeline moves by week
        assert app.session.plan.objective(view.selected).week == 2
        await pilot.press("1")
        assert view.view == "phase" and [c.key for c in view._columns] == ["p1", "p2", "p3", "p4"]


@pytest.mark.parametrize(
    "key, screen", [("r", RiskPanel), ("c", ContingencyPanel), ("m", MetricsPanel), ("s", TextPanel)]
)
async def test_panel_keys_open_their_panel(plan_path: Path, key: str, screen: type) -> None:
    app = make_app(plan_path)
    async with app.run_test(size=(160, 45)) as pilot:
        await pilot.press("j", "j")
        await pilot.press(key)
        assert isinstance(app.screen, screen)
        await pilot.press("escape")
        assert isinstance(app.screen, MainScreen)
        assert board(app).board.selected == "ci-cd"


async def test_help_and_quit(plan_path: Path) -> None:
    app = make_app(plan_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("question_mark")
        assert isinstance(app.screen, HelpScreen)
        text = str(app.screen.query_one("#help-text").render())
        for key in ("space", "ctrl+r", "[", "]", "H", "L", "J", "K"):
            assert key in text
        await pilot.press("escape")
        await pilot.press("q")
    assert app.return_code == 0


async def test_command_palette_jumps_to_an_objective(plan_path: Path) -> None:
    app = make_app(plan_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("ctrl+p")
        await pilot.press(*"circuit")
        await palette_offers(pilot, "circuit")
        await pilot.press("enter")
        await pilot.pause()
        assert board(app).board.selected == "circuit-breaker"


async def test_outside_change_is_reloaded_when_nothing_is_unsaved(plan_path: Path) -> None:
    app = make_app(plan_path)
    async with app.run_test() as pilot:
        theirs = on_disk(plan_path)
        theirs.objective("opa-policy").title = "Implement OPA policies everywhere"
        store.save(theirs, plan_path)
        app.watch_file()
        await pilot.pause()
        assert app.session.plan.objective("opa-policy").title == "Implement OPA policies everywhere"


async def test_outside_change_to_the_same_field_before_a_save_asks_keep_mine_or_take_theirs(plan_path: Path) -> None:
    app = make_app(plan_path)
    async with app.run_test() as pilot:
        theirs = on_disk(plan_path)
        theirs.objective("ci-cd").title = "Changed elsewhere"
        theirs.objective("opa-policy").week = 4
        store.save(theirs, plan_path)
        await pilot.press("right_square_bracket")  # week 2 here, before the watcher saw their week 4
        await pilot.pause()
        assert isinstance(app.screen, ConflictScreen)
        assert on_disk(plan_path).objective("opa-policy").week == 4  # nothing overwritten yet
        await pilot.press("k")  # keep mine
        await pilot.pause()
        assert on_disk(plan_path).objective("opa-policy").week == 2

    app = make_app(plan_path)
    async with app.run_test() as pilot:
        theirs = on_disk(plan_path)
        theirs.objective("ci-cd").title = "Changed elsewhere again"
        theirs.objective("opa-policy").week = 5
        store.save(theirs, plan_path)
        await pilot.press("right_square_bracket")
        await pilot.pause()
        await pilot.press("t")  # take theirs
        await pilot.pause()
        assert app.session.plan.objective("opa-policy").week == 5
        assert app.session.plan.objective("ci-cd").title == "Changed elsewhere again"
    assert on_disk(plan_path).objective("ci-cd").title == "Changed elsewhere again"
    assert on_disk(plan_path).objective("opa-policy").week == 5


async def test_outside_change_to_other_fields_before_a_save_is_kept_with_ours(plan_path: Path) -> None:
    app = make_app(plan_path)
    async with app.run_test() as pilot:
        theirs = on_disk(plan_path)
        theirs.objective("ci-cd").title = "Changed elsewhere"
        store.save(theirs, plan_path)
        await pilot.press("right_square_bracket")  # a change here, before the watcher saw theirs
        await pilot.pause()
        assert not isinstance(app.screen, ConflictScreen)
        assert board(app).header.save_state == "saved"
        saved = on_disk(plan_path)
        assert saved.objective("opa-policy").week == 2
        assert saved.objective("ci-cd").title == "Changed elsewhere"
        assert app.session.plan.objective("ci-cd").title == "Changed elsewhere"
        await pilot.press("right_square_bracket")
        assert on_disk(plan_path).objective("opa-policy").week == 3


async def test_a_file_invalid_on_disk_is_never_overwritten(plan_path: Path) -> None:
    app = make_app(plan_path)
    async with app.run_test() as pilot:
        plan_path.write_text('schema = 1\ntitle = "broken\n')
        app.watch_file()
        await pilot.pause()
        assert board(app).header.save_state == "invalid"
        await pilot.press("space")
        assert plan_path.read_text() == 'schema = 1\ntitle = "broken\n'
        assert app.session.unsaved
        assert app.session.plan.objective("opa-policy").status == "done"


async def test_a_failed_save_keeps_the_change_and_says_so(plan_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    app = make_app(plan_path)
    async with app.run_test() as pilot:

        def fail(path: object, data: bytes) -> None:
            raise store.SaveError(f"could not save {path}: No space left on device")

        monkeypatch.setattr(store, "write_atomic", fail)
        await pilot.press("right_square_bracket")
        assert board(app).header.save_state == "error"
        assert app.session.plan.objective("opa-policy").week == 2
        assert on_disk(plan_path).objective("opa-policy").week == 1
        monkeypatch.undo()
        await pilot.press("right_square_bracket")
        assert board(app).header.save_state == "saved"
        assert on_disk(plan_path).objective("opa-policy").week == 3


async def test_mouse_click_selects_and_double_click_opens(plan_path: Path) -> None:
    app = make_app(plan_path)
    async with app.run_test(size=(160, 45)) as pilot:
        view = board(app).board
        column = view._columns[1]
        await pilot.click(column.cards, offset=(3, 2))
        assert view.selected == "agentdashboard-modular"
        await pilot.click(column.cards, offset=(3, 2), times=2)
        assert isinstance(app.screen, ObjectiveScreen)


@pytest.mark.parametrize("size", [(80, 24), (40, 12), (200, 60)])
async def test_every_size_draws_and_resizes(plan_path: Path, size: tuple[int, int]) -> None:
    app = make_app(plan_path)
    async with app.run_test(size=size) as pilot:
        for view in ("1", "2", "3"):
            await pilot.press(view, "j", "l")
        await pilot.resize_terminal(100, 30)
        await pilot.pause()
        await pilot.press("1", "j")
        assert board(app).board.selected is not None

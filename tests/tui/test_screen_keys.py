"""Keys on every screen, pressed through Pilot: the selection after a delete or a filter, j/k/g/G in
lists, undo and redo in the panels and planning mode, deletes and discards that ask first, the help
of the screen you are on, quitting with work unsaved, and the standup panel as the command has it."""

from __future__ import annotations

import shutil
import subprocess
from datetime import date
from pathlib import Path

import pytest

from board import store
from board.app import RolloutApp
from board.screens.confirm import ConfirmScreen
from board.screens.fields_form import FieldsForm
from board.screens.help import HelpScreen
from board.screens.main_screen import MainScreen
from board.screens.metrics_panel import MetricsPanel
from board.screens.objective_form import ObjectiveForm
from board.screens.panels import TextPanel
from board.screens.picker import PickerApp
from board.screens.planning import PlanningScreen
from board.screens.quit import QuitScreen
from board.screens.risk_panel import RiskPanel
from tests.waiting import until

DATA = Path(__file__).parents[1] / "data"
TODAY = date(2026, 11, 25)


def make_app(path: Path) -> RolloutApp:
    return RolloutApp(path, today=lambda: TODAY, watch_interval=0)


def board(app: RolloutApp) -> MainScreen:
    screen = app.main_screen
    assert screen is not None
    return screen


def row_index(panel, kind: str, index: int = 0) -> int:  # type: ignore[no-untyped-def]
    return [i for i, row in enumerate(panel.rows) if row.kind == kind][index]


# --- the selection ---------------------------------------------------------------
async def test_x_selects_the_neighbour_of_the_deleted_card(plan_path: Path) -> None:
    app = make_app(plan_path)
    async with app.run_test(size=(160, 45)) as pilot:
        view = board(app).board
        await pilot.press("j", "j", "j", "j", "j", "j")
        assert view.selected == "automated-security"
        await pilot.press("x", "y")
        assert view.selected == "monitoring-dashboards"  # the next card of the column
        await pilot.press("x", "y")
        assert view.selected == "xss-prevention"  # the last card: the one before it
        await pilot.press("space")  # keys act on it at once
        assert store.load(plan_path).objective("xss-prevention").status == "done"
        await pilot.press("3", "G")
        above = view.timeline.rows[-2].id
        await pilot.press("x", "y")  # the timeline: its last row gone, the row above
        assert view.selected == above


async def test_the_selection_comes_back_when_a_filter_clears(plan_path: Path) -> None:
    app = make_app(plan_path)
    async with app.run_test(size=(160, 45)) as pilot:
        view = board(app).board
        await pilot.press("j", "j", "j", "j")
        assert view.selected == "input-sanitization"
        await pilot.press("slash", *"no such thing")
        assert view.selected is None
        await pilot.press("escape")
        assert view.selected == "input-sanitization"
        await pilot.press("space")
        assert store.load(plan_path).objective("input-sanitization").status == "done"


# --- j / k / g / G in every list -------------------------------------------------------
@pytest.mark.parametrize("key", ["r", "m", "P"])
async def test_j_k_g_G_move_in_the_panels_and_planning_mode(plan_path: Path, key: str) -> None:
    app = make_app(plan_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press(key)
        panel = app.screen
        assert isinstance(panel, (RiskPanel, MetricsPanel, PlanningScreen))
        acting = [i for i, row in enumerate(panel.rows) if row.kind]
        assert panel.list.highlighted == acting[0]
        await pilot.press("j")
        assert panel.list.highlighted == acting[1]
        await pilot.press("k")
        assert panel.list.highlighted == acting[0]
        await pilot.press("G")
        assert panel.list.highlighted == acting[-1]
        await pilot.press("home" if key == "r" else "g")  # the risk panel's g signs a gate off
        assert panel.list.highlighted == acting[0]


async def test_j_k_g_G_in_the_plan_picker(tmp_path: Path) -> None:
    plans = []
    for name in ("a", "b", "c"):
        path = tmp_path / f"{name}.toml"
        shutil.copy(DATA / "board-plan.toml", path)
        plans.append(path)
    app = PickerApp(plans)
    async with app.run_test() as pilot:
        await pilot.press("j", "j", "k", "G", "g", "j", "enter")
    assert app.return_value == plans[1]


async def test_j_k_scroll_the_standup_and_the_help(plan_path: Path) -> None:
    app = make_app(plan_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("s")
        panel = app.screen
        assert isinstance(panel, TextPanel)
        await pilot.press("j", "j", "j")
        scroll = panel.query_one("VerticalScroll")
        assert scroll.scroll_y == 3
        await pilot.press("k")
        assert scroll.scroll_y == 2
        await pilot.press("G")
        assert scroll.scroll_y == scroll.max_scroll_y > 0
        await pilot.press("g")
        assert scroll.scroll_y == 0


# --- undo / redo in the panels and planning mode --------------------------------------
async def test_u_and_ctrl_r_in_the_risk_panel_and_a_tick_taken_back_leaves_no_date(plan_path: Path) -> None:
    app = make_app(plan_path)
    async with app.run_test(size=(160, 45)) as pilot:
        await pilot.press("r")
        panel = app.screen
        assert isinstance(panel, RiskPanel)
        panel.list.highlighted = row_index(panel, "step", 0)
        await pilot.press("space")
        assert store.load(plan_path).phase("p1").rehearsed == TODAY
        await pilot.press("space")  # taken back: no rehearsal happened
        saved = store.load(plan_path).phase("p1")
        assert saved.rehearsed is None and not saved.rollback_steps[0].done
        assert "last rehearsal: never" in panel.rows[0].markup
        panel.list.highlighted = row_index(panel, "criterion", 0)
        was = store.load(plan_path).phase("p1").criteria[0].met
        await pilot.press("space")
        assert store.load(plan_path).phase("p1").criteria[0].met is not was
        await pilot.press("u")
        assert store.load(plan_path).phase("p1").criteria[0].met is was
        assert ("☑" in panel.rows[row_index(panel, "criterion", 0)].markup) is was  # the panel shows it
        await pilot.press("ctrl+r")
        assert store.load(plan_path).phase("p1").criteria[0].met is not was
        assert isinstance(app.screen, RiskPanel)


async def test_u_and_ctrl_r_in_planning_mode(plan_path: Path) -> None:
    app = make_app(plan_path)
    async with app.run_test(size=(140, 45)) as pilot:
        await pilot.press("P")
        screen = app.screen
        assert isinstance(screen, PlanningScreen)
        screen.list.highlighted = row_index(screen, "status", 0)
        await pilot.press("n", *"review", "enter")
        assert "review" in store.load(plan_path).statuses
        await pilot.press("u")
        assert "review" not in store.load(plan_path).statuses
        assert not any(row.ref == ("review",) for row in screen.rows)
        await pilot.press("ctrl+r")
        assert "review" in store.load(plan_path).statuses
        assert isinstance(app.screen, PlanningScreen)


# --- asking first -----------------------------------------------------------------
async def test_x_in_planning_mode_asks_and_says_what_goes_with_it(plan_path: Path) -> None:
    app = make_app(plan_path)
    async with app.run_test(size=(140, 45)) as pilot:
        await pilot.press("c")
        contingency = app.screen
        contingency.list.highlighted = row_index(contingency, "contingency", 0)
        await pilot.press("tab", *"call the vendor", "escape")
        assert store.load(plan_path).contingencies[0].notes == "call the vendor"
        await pilot.press("P")
        screen = app.screen
        assert isinstance(screen, PlanningScreen)
        screen.list.highlighted = row_index(screen, "contingency", 0)
        name = app.session.plan.contingencies[0].name
        await pilot.press("x")
        confirm = app.screen
        assert isinstance(confirm, ConfirmScreen)
        assert name in confirm.question and "notes" in confirm.question and "actions" in confirm.question
        await pilot.press("n")
        assert store.load(plan_path).contingencies[0].name == name  # nothing deleted
        await pilot.press("x", "y")
        assert all(c.name != name for c in store.load(plan_path).contingencies)
        screen.list.highlighted = row_index(screen, "phase", 0)
        await pilot.press("x")
        form = app.screen
        assert isinstance(form, FieldsForm)
        assert "4 success criteria" in form.form_title and "8 objectives move to" in form.form_title


async def test_escape_on_a_form_with_changes_asks_before_discarding(plan_path: Path) -> None:
    app = make_app(plan_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("e", "escape")  # nothing changed: closes at once
        assert isinstance(app.screen, MainScreen)
        await pilot.press("e", "end", *" now")
        await pilot.press("escape")
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("n")  # keep editing: the typing is still there
        form = app.screen
        assert isinstance(form, ObjectiveForm)
        assert form.query_one("#title").value.endswith(" now")
        await pilot.press("escape", "y")
        assert isinstance(app.screen, MainScreen)
        assert not store.load(plan_path).objective("opa-policy").title.endswith(" now")
        await pilot.press("r", "a", *"Leak")  # the small forms too
        await pilot.press("escape")
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("y")
        assert isinstance(app.screen, RiskPanel)


# --- help of the screen you are on ----------------------------------------------------
@pytest.mark.parametrize(
    "keys, expected",
    [
        (["r"], ["add a risk", "reset the rollback rehearsal", "this week's phase"]),
        (["c"], ["active / on standby", "notes"]),
        (["m"], ["record a value"]),
        (["P"], ["asks first", "move it up"]),
        (["s"], ["scroll down"]),
        (["enter"], ["edit the objective"]),
    ],
)
async def test_question_mark_shows_the_keys_of_the_screen(
    plan_path: Path, keys: list[str], expected: list[str]
) -> None:
    app = make_app(plan_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press(*keys, "question_mark")
        help_screen = app.screen
        assert isinstance(help_screen, HelpScreen)
        text = str(help_screen.query_one("#help-text").render())
        for words in expected:
            assert words in text
        assert "new objective" not in text  # not the board's keys
        assert "undo" in text or keys in (["enter"], ["s"])  # the read-only screens change nothing
        await pilot.press("escape")
        assert not isinstance(app.screen, HelpScreen)


# --- quitting with work unsaved -------------------------------------------------------
async def test_q_with_an_unsaved_change_asks_save_discard_or_cancel(
    plan_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    app = make_app(plan_path)
    async with app.run_test() as pilot:

        def fail(path: object, data: bytes) -> None:
            raise store.SaveError(f"could not save {path}: No space left on device")

        monkeypatch.setattr(store, "write_atomic", fail)
        await pilot.press("right_square_bracket")  # opa-policy to week 2, not saved
        await pilot.press("q")
        assert isinstance(app.screen, QuitScreen)
        await pilot.press("c")
        assert isinstance(app.screen, MainScreen) and app.is_running
        await pilot.press("q", "s")  # the disk is still full: stays, says so
        await pilot.pause()
        assert app.is_running and app.session.unsaved
        monkeypatch.undo()
        await pilot.press("q", "s")
        await pilot.pause()
    assert not app.is_running
    assert store.load(plan_path).objective("opa-policy").week == 2


async def test_q_discard_quits_without_writing(plan_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    original = plan_path.read_bytes()
    app = make_app(plan_path)
    async with app.run_test() as pilot:
        monkeypatch.setattr(store, "write_atomic", lambda path, data: (_ for _ in ()).throw(store.SaveError("full")))
        await pilot.press("space")
        await pilot.press("q", "d")
        await pilot.pause()
    assert not app.is_running
    assert plan_path.read_bytes() == original


async def test_q_with_everything_saved_quits_at_once(plan_path: Path) -> None:
    app = make_app(plan_path)
    async with app.run_test() as pilot:
        await pilot.press("space", "q")
        await pilot.pause()
    assert not app.is_running


# --- the standup panel -------------------------------------------------------------
def git(cwd: Path, *args: str) -> None:
    subprocess.run(
        ["git", "-c", "user.email=t@example.com", "-c", "user.name=t", *args], cwd=cwd, check=True, capture_output=True
    )


async def test_the_standup_panel_shows_since_the_last_commit_as_the_command_does(plan_path: Path) -> None:
    from board.commands.standup import committed_plan
    from board.standup import build_standup, render_text

    git(plan_path.parent, "init", "-q")
    git(plan_path.parent, "add", "plan.toml")
    git(plan_path.parent, "commit", "-qm", "plan")
    app = make_app(plan_path)
    async with app.run_test(size=(160, 45)) as pilot:
        await pilot.press("j", "j", "j", "j", "j", "j", "j", "space")  # monitoring-dashboards: todo → in-progress
        await pilot.press("s")
        panel = app.screen
        assert isinstance(panel, TextPanel)
        await app.workers.wait_for_complete()  # the report reads git in a worker
        await pilot.pause()
        shown = str(panel.query_one("#panel-text").render())
    assert "Since the last commit (1)" in shown
    assert "monitoring-dashboards: todo → in-progress" in shown
    report = build_standup(store.load(plan_path), TODAY, head_plan=committed_plan(str(plan_path)))
    assert shown.rstrip() == render_text(report, width=160 - 6).rstrip()


def test_the_standups_right_column_stands_at_one_column() -> None:
    from board.standup import build_standup, render_text
    from board.standup.render import GAP

    plan = store.load(DATA / "board-plan.toml")
    text = render_text(build_standup(plan, TODAY), width=154)
    lines = text.splitlines()
    start = next(i for i, line in enumerate(lines) if "Rollback readiness" in line)
    column = lines[start].index("Rollback readiness")
    assert column == (154 - GAP) // 2 + GAP
    right = [line[column:] for line in lines[start:] if len(line) > column]
    assert right[0] == "Rollback readiness"
    for line in lines[start:]:
        if len(line) > column:
            assert line[column - GAP : column].strip() == "", line  # nothing of the left half runs over
    # The readiness of each phase: the phase at 2, its details at 5, on every phase.
    phases = [r for r in right if r.startswith("  P")]
    details = [r for r in right if r.lstrip().startswith(("estimate", "rehearsed"))]
    assert len(phases) == 2 and len(details) == 4
    assert all(r.startswith("     ") and not r.startswith("      ") for r in details)


async def test_u_and_ctrl_r_on_the_objective_screen(plan_path: Path) -> None:
    app = make_app(plan_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("j", "j", "j", "j", "j", "j", "j", "enter")  # monitoring-dashboards, todo
        await pilot.press("space")
        assert store.load(plan_path).objective("monitoring-dashboards").status == "in-progress"
        await pilot.press("u")
        assert store.load(plan_path).objective("monitoring-dashboards").status == "todo"
        text = str(app.screen.query_one("#objective-text").render())
        assert "○ todo" in text
        await pilot.press("ctrl+r")
        assert store.load(plan_path).objective("monitoring-dashboards").status == "in-progress"


async def test_a_burst_through_the_discard_question_reaches_the_board(plan_path: Path) -> None:
    """escape, y and j typed in one burst (no pause between keys): the form is gone before j is read."""
    from textual import events

    app = make_app(plan_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("e", "end", *" now")  # a change typed into the form
        assert isinstance(app.screen, ObjectiveForm)
        for key, char in (("escape", None), ("y", "y"), ("j", "j"), ("space", " ")):
            app.post_message(events.Key(key, char))
        await until(
            pilot,
            lambda: isinstance(app.screen, MainScreen) and board(app).board.selected == "gitleaks-secret",
            "the burst to reach the board",
        )
        assert isinstance(app.screen, MainScreen)
        assert board(app).board.selected == "gitleaks-secret"  # j moved on the board
        saved = store.load(plan_path)
        assert not saved.objective("opa-policy").title.endswith(" now")
        assert saved.objective("gitleaks-secret").status == "done"  # space reached the board too (done stays done)


async def test_escape_closes_an_open_status_list_before_the_form(plan_path: Path) -> None:
    from textual.widgets import Select

    app = make_app(plan_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("e")
        form = app.screen
        assert isinstance(form, ObjectiveForm)
        status = form.query_one("#status", Select)
        form.set_focus(status)
        await pilot.press("enter")
        assert status.expanded
        await pilot.press("escape")
        assert app.screen is form and not status.expanded
        await pilot.press("escape")  # nothing changed: the form closes
        assert isinstance(app.screen, MainScreen)

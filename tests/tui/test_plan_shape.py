"""Shaping a plan never gets stuck on order: fewer weeks trim or remove the last phases and move or delete the
objectives cut off, in one undoable step (model), and planning mode asks which, with the count (Pilot)."""

from __future__ import annotations

import copy
from datetime import date
from pathlib import Path

import pytest

from board import store
from board.app import RolloutApp
from board.model import Editor, PlanError, check_plan
from board.screens.fields_form import FieldsForm
from board.screens.main_screen import MainScreen
from board.screens.planning import PlanningScreen
from board.screens.question import QuestionScreen

BUNDLED = Path(__file__).resolve().parents[2] / "plans" / "phased-rollout.toml"


@pytest.fixture
def editor() -> Editor:
    return Editor(store.load(BUNDLED), today=lambda: date(2026, 11, 25))


def spans(editor: Editor) -> list[tuple[str, int, int]]:
    return [(p.id, p.first_week, p.last_week) for p in editor.plan.phases]


def one_step(editor: Editor, operation) -> None:  # type: ignore[no-untyped-def]
    """Run ``operation``: a valid plan after, one undo gives back the plan before, redo the plan after."""
    before = copy.deepcopy(editor.plan)
    operation()
    after = copy.deepcopy(editor.plan)
    assert check_plan(editor.plan) == []
    assert store.loads(store.dumps(editor.plan)) == editor.plan
    editor.undo()
    assert editor.plan == before
    editor.redo()
    assert editor.plan == after


def test_fewer_weeks_remove_the_last_phases_and_move_their_objectives(editor: Editor) -> None:
    in_p4 = [o.id for o in editor.plan.objectives if o.week >= 7]
    one_step(editor, lambda: editor.edit_plan(weeks=6, beyond="move"))
    plan = editor.plan
    assert plan.weeks == 6
    assert spans(editor) == [("p1", 1, 2), ("p2", 3, 4), ("p3", 5, 6)]
    assert [o.id for o in plan.objectives[-8:]] == in_p4  # at the end of week 6, in their order
    assert all(plan.objective(oid).week == 6 for oid in in_p4)
    assert len(plan.objectives) == 32


def test_fewer_weeks_trim_a_phase_and_delete_the_objectives_cut_off(editor: Editor) -> None:
    plan = editor.plan
    plan.objective("input-sanitization").depends_on = ["performance-optimizations", "opa-policy"]
    cut = {o.id for o in plan.objectives if o.week > 5}
    assert "performance-optimizations" not in cut  # week 5 stays
    plan.objective("opa-policy").depends_on = [sorted(cut)[0]]
    one_step(editor, lambda: editor.edit_plan(weeks=5, beyond="delete"))
    assert spans(editor) == [("p1", 1, 2), ("p2", 3, 4), ("p3", 5, 5)]
    assert not cut & {o.id for o in plan.objectives} and len(plan.objectives) == 32 - len(cut)
    assert plan.objective("opa-policy").depends_on == []  # its link to a deleted objective went with it


def test_down_to_one_week_keeps_the_first_phase(editor: Editor) -> None:
    one_step(editor, lambda: editor.edit_plan(weeks=1, beyond="move", title="Squeezed"))
    assert spans(editor) == [("p1", 1, 1)]
    assert {o.week for o in editor.plan.objectives} == {1} and editor.plan.title == "Squeezed"


def test_more_weeks_grow_the_last_phase(editor: Editor) -> None:
    one_step(editor, lambda: editor.edit_plan(weeks=9))
    assert spans(editor)[-1] == ("p4", 7, 9)


def test_without_a_choice_the_cut_is_refused_with_the_count(editor: Editor) -> None:
    before = copy.deepcopy(editor.plan)
    with pytest.raises(PlanError, match=r"^8 objectives are in weeks 7-8: move them to week 6 or delete them$"):
        editor.edit_plan(weeks=6)
    with pytest.raises(PlanError, match="not 'keep'"):
        editor.edit_plan(weeks=6, beyond="keep")
    assert editor.plan == before and not editor.history.can_undo()


# --- planning mode --------------------------------------------------------------------------


def make_app(path: Path) -> RolloutApp:
    return RolloutApp(path, today=lambda: date(2026, 11, 25), watch_interval=0)


async def plan_form(pilot, app: RolloutApp) -> FieldsForm:  # type: ignore[no-untyped-def]
    await pilot.press("P")
    screen = app.screen
    assert isinstance(screen, PlanningScreen)
    screen.list.highlighted = 0  # the plan's own row
    await pilot.press("e")
    form = app.screen
    assert isinstance(form, FieldsForm)
    return form


async def test_planning_shrinks_the_plan_and_asks_about_the_objectives(plan_path: Path) -> None:
    app = make_app(plan_path)
    async with app.run_test(size=(140, 45)) as pilot:
        form = await plan_form(pilot, app)
        form.query_one("#field-weeks").value = "6"
        await pilot.press("ctrl+s")
        choice = app.screen
        assert isinstance(choice, QuestionScreen)
        assert "8 objectives are in weeks 7-8" in choice.question
        assert "Phase p4 (Advanced Features & Monitoring) is removed" in choice.question
        await pilot.press("m")
        assert isinstance(app.screen, PlanningScreen)
        saved = store.load(plan_path)
        assert saved.weeks == 6 and [p.id for p in saved.phases] == ["p1", "p2", "p3"]
        assert sum(1 for o in saved.objectives if o.week == 6) == 12
        await pilot.press("escape", "u")  # one step: all of it comes back
        assert isinstance(app.screen, MainScreen)
        restored = store.load(plan_path)
        assert restored.weeks == 8 and len(restored.phases) == 4
        assert sum(1 for o in restored.objectives if o.week == 6) == 4


async def test_planning_shrink_can_delete_or_be_cancelled(plan_path: Path) -> None:
    app = make_app(plan_path)
    async with app.run_test(size=(140, 45)) as pilot:
        form = await plan_form(pilot, app)
        form.query_one("#field-weeks").value = "7"
        await pilot.press("ctrl+s")
        assert isinstance(app.screen, QuestionScreen)
        await pilot.press("escape")  # cancel: nothing changes
        assert store.load(plan_path).weeks == 8
        await pilot.press("e")
        app.screen.query_one("#field-weeks").value = "7"
        await pilot.press("ctrl+s", "d")
        saved = store.load(plan_path)
        assert saved.weeks == 7 and len(saved.objectives) == 28
        assert saved.phases[-1].last_week == 7


async def test_the_last_phase_carries_the_plans_end(plan_path: Path) -> None:
    app = make_app(plan_path)
    async with app.run_test(size=(140, 45)) as pilot:
        await pilot.press("P")
        screen = app.screen
        assert isinstance(screen, PlanningScreen)
        screen.list.highlighted = [i for i, r in enumerate(screen.rows) if r.kind == "phase"][-1]
        await pilot.press("e")
        app.screen.query_one("#field-last").value = "10"  # growing the last phase grows the plan
        await pilot.press("ctrl+s")
        saved = store.load(plan_path)
        assert (saved.weeks, saved.phases[-1].last_week) == (10, 10)
        await pilot.press("e")
        app.screen.query_one("#field-last").value = "7"  # shrinking it shrinks the plan: week 8 is cut off
        await pilot.press("ctrl+s")
        assert isinstance(app.screen, QuestionScreen) and "4 objectives are in week 8" in app.screen.question
        await pilot.press("m")
        saved = store.load(plan_path)
        assert (saved.weeks, saved.phases[-1].last_week) == (7, 7)
        assert sum(1 for o in saved.objectives if o.week == 7) == 8

"""Structure edits of the plan itself, its statuses and its phases: each operation, each
refusal (exact message, plan unchanged), undo and redo, and validity after every step."""

from __future__ import annotations

import copy
from datetime import date
from typing import Any

import pytest

from board.model import Editor, Plan
from tests.unit.structure_support import TODAY, apply, refused, store_messages, valid  # noqa: F401


def weeks_of(plan: Plan) -> list[tuple[str, int, int]]:
    return [(p.id, p.first_week, p.last_week) for p in plan.phases]


def ids_in_week(plan: Plan, week: int) -> list[str]:
    return [o.id for o in plan.objectives if o.week == week]


def sorted_by_week(plan: Plan) -> bool:
    weeks = [o.week for o in plan.objectives]
    return weeks == sorted(weeks)


# --- the plan's fields ---------------------------------------------------------------


def test_edit_plan_text_fields_and_start(editor: Editor) -> None:
    change = apply(editor, editor.edit_plan, title="  Q3 rollout ", summary="two\r\nlines", closing="Bye", notes="n")
    plan = editor.plan
    assert (plan.title, plan.summary, plan.closing, plan.notes) == ("Q3 rollout", "two\nlines", "Bye", "n")
    assert not change.structural
    assert apply(editor, editor.edit_plan, start="2026-11-02").structural
    assert plan.start == date(2026, 11, 2)
    apply(editor, editor.edit_plan, start=None)
    assert plan.start is None
    apply(editor, editor.edit_plan, start=date(2027, 1, 4))
    assert plan.start == date(2027, 1, 4)
    apply(editor, editor.edit_plan, start="")
    assert plan.start is None


def test_more_weeks_grow_the_last_phase(editor: Editor) -> None:
    change = apply(editor, editor.edit_plan, weeks=10)
    assert change.structural
    assert editor.plan.weeks == 10
    assert weeks_of(editor.plan)[-1] == ("p4", 7, 10)


def test_fewer_weeks_shrink_the_last_phase_when_no_objective_is_cut_off(editor: Editor) -> None:
    for oid in ids_in_week(editor.plan, 8):
        editor.delete_objective(oid)
    apply(editor, editor.edit_plan, weeks=7)
    assert weeks_of(editor.plan)[-1] == ("p4", 7, 7)


def test_fewer_weeks_ask_what_to_do_with_the_objectives_cut_off(editor: Editor) -> None:
    refused(editor, "4 objectives are in week 8: move them to week 7 or delete them", editor.edit_plan, weeks=7)
    refused(editor, "8 objectives are in weeks 7-8: move them to week 6 or delete them", editor.edit_plan, weeks=6)


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"title": " "}, "the plan's title must not be empty"),
        ({"title": "a\nb"}, "the plan's title must be one line"),
        ({"title": 3}, "the plan's title must be text, not int"),
        ({"weeks": 0}, "weeks must be at least 1, not 0"),
        ({"weeks": "8"}, "weeks must be a whole number, not '8'"),
        ({"weeks": True}, "weeks must be a whole number, not True"),
        ({"start": "2026-02-30"}, "the start date '2026-02-30' is not a day of the calendar"),
        (
            {"start": "next monday"},
            "the start date must be a date written YYYY-MM-DD (like 2026-11-02), not 'next monday'",
        ),
        ({"summary": None}, "the plan's summary must be text, not NoneType"),
        ({"colour": "red"}, "plans have no field 'colour' (fields: title, summary, weeks, start, closing, notes)"),
    ],
)
def test_edit_plan_refusals(editor: Editor, fields: dict[str, Any], message: str) -> None:
    refused(editor, message, editor.edit_plan, **fields)


def test_plan_refusals_match_the_store(editor: Editor) -> None:
    plan = copy.deepcopy(editor.plan)
    plan.title = ""
    assert "the plan's title must not be empty" in store_messages(plan)


# --- statuses -------------------------------------------------------------------------


def test_add_status_goes_before_done_or_where_asked(editor: Editor) -> None:
    assert apply(editor, editor.add_status, "review").structural
    assert editor.plan.statuses == ["todo", "in-progress", "blocked", "review", "done"]
    apply(editor, editor.add_status, " backlog ", 0)
    assert editor.plan.statuses[0] == "backlog"
    apply(editor, editor.add_status, "archived", 6)
    assert editor.plan.statuses[-1] == "archived"


def test_rename_status_carries_objectives_and_keeps_their_dates(editor: Editor) -> None:
    plan = editor.plan
    editor.set_status("opa-policy", "in-progress")
    dates = {o.id: o.changed for o in plan.objectives}
    change = apply(editor, editor.rename_status, "todo", "backlog")
    assert plan.statuses[0] == "backlog"
    assert plan.find_objective("opa-policy").status == "in-progress"
    assert all(o.status == "backlog" for o in plan.objectives if o.id != "opa-policy")
    assert {o.id: o.changed for o in plan.objectives} == dates
    assert len(change.objectives) == 31 and "opa-policy" not in change.objectives


def test_move_and_delete_status(editor: Editor) -> None:
    apply(editor, editor.move_status, "blocked", -1)
    assert editor.plan.statuses == ["todo", "blocked", "in-progress", "done"]
    apply(editor, editor.move_status, "todo", 1)
    assert editor.plan.statuses == ["blocked", "todo", "in-progress", "done"]
    apply(editor, editor.delete_status, "blocked")
    assert editor.plan.statuses == ["todo", "in-progress", "done"]


def test_status_refusals(editor: Editor) -> None:
    unknown = "no status 'nope' (statuses: todo, in-progress, blocked, done)"
    refused(editor, "status 'todo' is listed twice", editor.add_status, "todo")
    refused(
        editor,
        "status 'In Review' must be lowercase letters, digits and single hyphens (like 'opa-policy')",
        editor.add_status,
        "In Review",
    )
    refused(editor, "status must not be empty", editor.add_status, " ")
    refused(editor, "the status list has no position 10 (1-5)", editor.add_status, "qa", 9)
    refused(editor, unknown, editor.rename_status, "nope", "x")
    refused(editor, "status 'done' is listed twice", editor.rename_status, "todo", "done")
    refused(editor, unknown, editor.move_status, "nope", 1)
    refused(editor, "status 'todo' is already first", editor.move_status, "todo", -1)
    refused(editor, "status 'done' is already last", editor.move_status, "done", 1)
    refused(editor, unknown, editor.delete_status, "nope")
    refused(editor, "status 'todo' is used by 32 objectives (e.g. 'opa-policy')", editor.delete_status, "todo")
    editor.set_status("opa-policy", "blocked")
    refused(editor, "status 'blocked' is used by 1 objective ('opa-policy')", editor.delete_status, "blocked")


def test_a_plan_keeps_two_statuses(editor: Editor) -> None:
    editor.delete_status("blocked")
    editor.delete_status("in-progress")
    refused(editor, "a plan needs at least two statuses", editor.delete_status, "done")
    plan = copy.deepcopy(editor.plan)
    plan.statuses.remove("done")
    assert "a plan needs at least two statuses" in store_messages(plan)


def test_status_refusals_match_the_store(editor: Editor) -> None:
    plan = copy.deepcopy(editor.plan)
    plan.statuses.append("todo")
    assert "status 'todo' is listed twice" in store_messages(plan)


# --- phases: add ----------------------------------------------------------------------


def test_add_phase_after_the_end_lengthens_the_plan(editor: Editor) -> None:
    change = apply(editor, editor.add_phase, "Hypercare", 9, 10, priority="high", rollback_budget="1h")
    assert change.structural
    plan = editor.plan
    assert plan.weeks == 10
    assert weeks_of(plan)[-1] == ("hypercare", 9, 10)
    assert (plan.phases[-1].priority, plan.phases[-1].rollback_budget) == ("High", "1h")  # one stored form


def test_add_phase_taking_weeks_from_the_phases_holding_them(editor: Editor) -> None:
    apply(editor, editor.add_phase, "Canary", 8, 8, take=True)
    apply(editor, editor.add_phase, "Review", 3, 3, pid="review", take=True)
    assert weeks_of(editor.plan) == [
        ("p1", 1, 2),
        ("review", 3, 3),
        ("p2", 4, 4),
        ("p3", 5, 6),
        ("p4", 7, 7),
        ("canary", 8, 8),
    ]
    assert editor.plan.phase_of(editor.plan.objective(ids_in_week(editor.plan, 3)[0])).id == "review"
    refused(
        editor,
        "weeks 8-9 would leave phase 'canary' (Canary) with no weeks",
        editor.add_phase,
        "Later",
        8,
        9,
        take=True,
    )
    apply(editor, editor.add_phase, "Later", 9, 10)
    assert weeks_of(editor.plan)[-2:] == [("canary", 8, 8), ("later", 9, 10)]
    assert editor.plan.weeks == 10


def test_add_phase_refusals(editor: Editor) -> None:
    refused(editor, "weeks 3-4 overlap phase 'p2' (Component Architecture)", editor.add_phase, "New", 3, 4)
    refused(editor, "week 2 overlaps phase 'p1' (Foundation & Security)", editor.add_phase, "New", 2, 3)
    refused(
        editor,
        "weeks 3-4 would leave phase 'p2' (Component Architecture) with no weeks",
        editor.add_phase,
        "New",
        3,
        4,
        take=True,
    )
    refused(editor, "week 9 belongs to no phase", editor.add_phase, "New", 10, 10)
    refused(editor, "duplicate phase id 'p1'", editor.add_phase, "New", 9, 9, pid="p1")
    refused(
        editor,
        "phase id 'P 5' must be lowercase letters, digits and single hyphens (like 'opa-policy')",
        editor.add_phase,
        "New",
        9,
        9,
        pid="P 5",
    )
    refused(editor, "the phase's name must not be empty", editor.add_phase, " ", 9, 9)
    refused(
        editor,
        "phase 'new': unknown priority 'urgent' (expected one of: critical, high, medium, low)",
        editor.add_phase,
        "New",
        9,
        9,
        priority="urgent",
    )
    refused(
        editor,
        'phase \'new\': rollback_budget \'2 hours\' is not a duration (write it like "90m", "2h" or "1h30m")',
        editor.add_phase,
        "New",
        9,
        9,
        rollback_budget="2 hours",
    )
    refused(editor, "phase 'new': first_week 10 is after last_week 9", editor.add_phase, "New", 10, 9)
    refused(editor, "phase 'new': first_week 0 is outside the plan (weeks 1-9)", editor.add_phase, "New", 0, 9)
    refused(editor, "first_week must be a whole number, not '9'", editor.add_phase, "New", "9", 9)
    refused(
        editor,
        "new phases have no field 'owner' (fields: priority, risk, rollback_budget, rollback_estimate)",
        editor.add_phase,
        "New",
        9,
        9,
        owner="x",
    )
    editor.edit_plan(weeks=10)
    refused(
        editor,
        "weeks 8-9 would cut phase 'p4' (Advanced Features & Monitoring) in two",
        editor.add_phase,
        "New",
        8,
        9,
        take=True,
    )


def test_phase_refusals_match_the_store(editor: Editor) -> None:
    plan = copy.deepcopy(editor.plan)
    plan.phases[0].priority = "urgent"
    plan.phases[1].rollback_budget = "soon"
    plan.phases[2].last_week = 5
    messages = store_messages(plan)
    assert "phase 'p1': unknown priority 'urgent' (expected one of: critical, high, medium, low)" in messages
    assert 'phase \'p2\': rollback_budget \'soon\' is not a duration (write it like "90m", "2h" or "1h30m")' in messages
    assert "week 6 belongs to no phase" in messages


# --- phases: edit and weeks -----------------------------------------------------------


def test_edit_phase_fields(editor: Editor) -> None:
    change = apply(
        editor,
        editor.edit_phase,
        "p2",
        name="Components",
        priority="critical",
        risk="high",
        rollback_budget="3h",
        rollback_estimate="4h",
        rehearsed="2026-11-20",
    )
    phase = editor.plan.phase("p2")
    assert (phase.name, phase.priority, phase.risk, phase.rehearsed) == (
        "Components",
        "Critical",  # levels in their one stored form, however typed
        "High",
        date(2026, 11, 20),
    )
    assert phase.rollback_over_budget()
    assert change.structural
    apply(editor, editor.edit_phase, "p2", id="components", rollback_estimate="")
    assert editor.plan.phases[1].id == "components"
    assert editor.plan.phases[1].estimate_minutes() is None


def test_edit_phase_refusals(editor: Editor) -> None:
    refused(editor, "no phase with id 'zz'", editor.edit_phase, "zz", name="x")
    refused(editor, "phase 'p1': the name must not be empty", editor.edit_phase, "p1", name="")
    refused(
        editor,
        'phase \'p1\': rollback_estimate \'soon\' is not a duration (write it like "90m", "2h" or "1h30m")',
        editor.edit_phase,
        "p1",
        rollback_estimate="soon",
    )
    refused(
        editor,
        "phase 'p1': unknown risk level 'huge' (expected one of: low, medium, high, critical)",
        editor.edit_phase,
        "p1",
        risk="huge",
    )
    refused(editor, "duplicate phase id 'p2'", editor.edit_phase, "p1", id="p2")
    refused(
        editor,
        "phase 'p1': the rehearsal date must be a date written YYYY-MM-DD (like 2026-11-02), not 5",
        editor.edit_phase,
        "p1",
        rehearsed=5,
    )
    refused(editor, "week 3 overlaps phase 'p2' (Component Architecture)", editor.edit_phase, "p1", last_week=3)
    refused(
        editor,
        "phases have no field 'objectives' (fields: id, name, first_week, last_week, priority, risk, rollback_budget, rollback_estimate, rehearsed)",
        editor.edit_phase,
        "p1",
        objectives=[],
    )


def test_edit_phase_weeks_with_its_other_fields(editor: Editor) -> None:
    apply(editor, editor.edit_phase, "p4", first_week=7, last_week=8, name="Features")
    assert editor.plan.phases[-1].name == "Features"
    refused(editor, "week 8 belongs to no phase", editor.edit_phase, "p4", last_week=7, name="Features")
    editor.edit_plan(weeks=9)
    apply(editor, editor.set_phase_weeks, {"p3": (5, 7), "p4": (8, 9)})
    assert weeks_of(editor.plan)[-2:] == [("p3", 5, 7), ("p4", 8, 9)]


def test_set_phase_weeks_moves_a_boundary_in_one_step(editor: Editor) -> None:
    plan = editor.plan
    week3 = ids_in_week(plan, 3)
    change = apply(editor, editor.set_phase_weeks, {"p1": (1, 3), "p2": (4, 4)})
    assert change.structural
    assert weeks_of(plan)[:2] == [("p1", 1, 3), ("p2", 4, 4)]
    assert [o.id for o in plan.objectives_in(plan.phase("p1"))][-4:] == week3


def test_set_phase_weeks_can_swap_two_phases_and_keeps_the_list_in_week_order(editor: Editor) -> None:
    apply(editor, editor.set_phase_weeks, {"p1": (3, 4), "p2": (1, 2)})
    assert weeks_of(editor.plan)[:2] == [("p2", 1, 2), ("p1", 3, 4)]


@pytest.mark.parametrize(
    ("spans", "message"),
    [
        ({"p1": (1, 3)}, "week 3 overlaps phase 'p2' (Component Architecture)"),
        ({"p2": (2, 5)}, "week 2 overlaps phase 'p1' (Foundation & Security)"),
        ({"p1": (1, 1)}, "week 2 belongs to no phase"),
        ({"p2": (4, 4), "p3": (6, 6)}, "weeks 3, 5 belong to no phase"),
        ({"p4": (7, 9)}, "phase 'p4': last_week 9 is outside the plan (weeks 1-8)"),
        ({"p2": (4, 3)}, "phase 'p2': first_week 4 is after last_week 3"),
        ({"zz": (1, 2)}, "no phase with id 'zz'"),
        ({"p1": 2}, "phase 'p1': weeks are given as (first, last), not 2"),
        ({"p1": (1, 2.5)}, "phase 'p1': last_week must be a whole number, not 2.5"),
    ],
)
def test_set_phase_weeks_refusals(editor: Editor, spans: dict[str, Any], message: str) -> None:
    refused(editor, message, editor.set_phase_weeks, spans)


def test_overlap_and_gap_messages_agree_with_the_store_where_it_speaks(editor: Editor) -> None:
    plan = copy.deepcopy(editor.plan)
    plan.phases[1].first_week, plan.phases[2].first_week = 4, 6
    assert "weeks 3, 5 belong to no phase" in store_messages(plan)


# --- phases: reorder ------------------------------------------------------------------


def test_move_phase_swaps_places_in_time_and_its_objectives_travel_along(editor: Editor) -> None:
    plan = editor.plan
    p2 = [o.id for o in plan.objectives_in(plan.phase("p2"))]
    p3 = [o.id for o in plan.objectives_in(plan.phase("p3"))]
    change = apply(editor, editor.move_phase, "p2", 1)
    assert change.structural and change.objectives == set(p2 + p3)
    assert weeks_of(plan) == [("p1", 1, 2), ("p3", 3, 4), ("p2", 5, 6), ("p4", 7, 8)]
    assert [o.id for o in plan.objectives_in(plan.phase("p3"))] == p3
    assert [o.id for o in plan.objectives_in(plan.phase("p2"))] == p2
    assert sorted_by_week(plan)
    apply(editor, editor.move_phase, "p2", -1)
    apply(editor, editor.move_phase, "p1", 1)
    assert weeks_of(plan)[:2] == [("p2", 1, 2), ("p1", 3, 4)]


def test_move_phase_of_different_lengths(editor: Editor) -> None:
    editor.set_phase_weeks({"p1": (1, 3), "p2": (4, 4)})
    apply(editor, editor.move_phase, "p1", 1)
    assert weeks_of(editor.plan)[:2] == [("p2", 1, 1), ("p1", 2, 4)]
    assert sorted_by_week(editor.plan)


def test_move_phase_refusals(editor: Editor) -> None:
    refused(editor, "phase 'p1' is already first", editor.move_phase, "p1", -1)
    refused(editor, "phase 'p4' is already last", editor.move_phase, "p4", 1)
    refused(editor, "a phase moves one place earlier (-1) or later (+1)", editor.move_phase, "p2", 2)
    refused(editor, "no phase with id 'zz'", editor.move_phase, "zz", 1)


# --- phases: delete -------------------------------------------------------------------


def test_delete_an_empty_phase_gives_its_weeks_to_the_phase_before(editor: Editor) -> None:
    editor.edit_plan(weeks=10)
    editor.add_phase("Hypercare", 9, 10, take=True)
    change = apply(editor, editor.delete_phase, "hypercare")
    assert change.structural
    assert weeks_of(editor.plan) == [("p1", 1, 2), ("p2", 3, 4), ("p3", 5, 6), ("p4", 7, 10)]
    editor.undo()
    apply(editor, editor.delete_phase, "hypercare", close_gap=True)
    assert editor.plan.weeks == 8 and weeks_of(editor.plan)[-1] == ("p4", 7, 8)


def test_delete_a_phase_moving_its_objectives(editor: Editor) -> None:
    plan = editor.plan
    moving = [o.id for o in plan.objectives_in(plan.phase("p2"))]
    week5 = ids_in_week(plan, 5)
    change = apply(editor, editor.delete_phase, "p2", move_to="p3")
    assert weeks_of(plan) == [("p1", 1, 4), ("p3", 5, 6), ("p4", 7, 8)]
    assert ids_in_week(plan, 5) == week5 + moving
    assert set(moving) <= change.objectives
    assert sorted_by_week(plan)


def test_delete_the_first_phase_gives_its_weeks_to_the_next(editor: Editor) -> None:
    plan = editor.plan
    moving = [o.id for o in plan.objectives_in(plan.phase("p1"))]
    apply(editor, editor.delete_phase, "p1", move_to="p2")
    assert weeks_of(plan)[0] == ("p2", 1, 4)
    assert ids_in_week(plan, 1)[-len(moving) :] == moving


def test_delete_a_phase_closing_the_gap(editor: Editor) -> None:
    plan = editor.plan
    moving = [o.id for o in plan.objectives_in(plan.phase("p2"))]
    week7 = ids_in_week(plan, 7)
    apply(editor, editor.delete_phase, "p2", move_to="p4", close_gap=True)
    assert plan.weeks == 6
    assert weeks_of(plan) == [("p1", 1, 2), ("p3", 3, 4), ("p4", 5, 6)]
    assert ids_in_week(plan, 5) == week7 + moving
    assert sorted_by_week(plan)


def test_delete_the_only_phase(editor: Editor) -> None:
    for phase in ["p2", "p3", "p4"]:
        editor.delete_phase(phase, move_to="p1")
    assert weeks_of(editor.plan) == [("p1", 1, 8)]
    for oid in [o.id for o in editor.plan.objectives]:
        editor.delete_objective(oid)
    refused(
        editor, "phase 'p1' covers the whole plan: there is no gap to close", editor.delete_phase, "p1", close_gap=True
    )
    apply(editor, editor.delete_phase, "p1")
    assert editor.plan.phases == []


def test_delete_phase_refusals(editor: Editor) -> None:
    refused(
        editor,
        "phase 'p2' (Component Architecture) has 8 objectives: choose a phase to move them to",
        editor.delete_phase,
        "p2",
    )
    refused(
        editor,
        "the objectives of phase 'p2' cannot move into the phase being deleted",
        editor.delete_phase,
        "p2",
        move_to="p2",
    )
    refused(editor, "no phase with id 'zz'", editor.delete_phase, "p2", move_to="zz")
    refused(editor, "no phase with id 'zz'", editor.delete_phase, "zz")


# --- risk grid ------------------------------------------------------------------------


def test_risk_grid_holds_open_risks_by_likelihood_and_impact(editor: Editor) -> None:
    editor.add_risk("p1", "Key rotation breaks logins", likelihood=4, impact=5)
    editor.add_risk("p1", "Scanner false positives", likelihood=2, impact=2, state="mitigated")
    editor.add_risk("p3", "Bundle budget regressions", likelihood=4, impact=5)
    grid = editor.plan.risk_grid()
    assert len(grid) == 25
    assert [r.id for r in grid[(4, 5)]] == ["key-rotation", "bundle-budget"]
    assert grid[(2, 2)] == []
    assert [r.id for r in editor.plan.risk_grid("p3")[(4, 5)]] == ["bundle-budget"]
    with pytest.raises(KeyError):
        editor.plan.risk_grid("zz")

"""Every operation of the Editor: what it does, its refusals (exact message, plan unchanged),
the date of a status change, and undo / redo of each."""

from __future__ import annotations

import copy
from collections.abc import Callable
from datetime import date
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from board.model import Change, Editor, Objective, Plan, PlanError, Reading, check_plan
from board.store import dumps, loads

TODAY = date(2026, 11, 25)
STATUSES = "(expected one of: todo, in-progress, blocked, done)"


@pytest.fixture
def editor(bundled: Plan) -> Editor:
    bundled.objective("ci-cd").depends_on = ["opa-policy", "gitleaks-secret"]
    bundled.objective("automated-security").depends_on = ["ci-cd"]
    return Editor(bundled, today=lambda: TODAY)


def ids(plan: Plan) -> list[str]:
    return [o.id for o in plan.objectives]


# --- every operation: applies, stays valid, undoes and redoes ------------------------------

OPERATIONS: list[tuple[str, Callable[[Editor], Change]]] = [
    ("set_status", lambda e: e.set_status("ci-cd", "in-progress")),
    ("advance", lambda e: e.advance("ci-cd")),
    ("toggle_blocked", lambda e: e.toggle_blocked("ci-cd")),
    ("move_to_week", lambda e: e.move_to_week("ci-cd", 4)),
    ("shift_week", lambda e: e.shift_week("ci-cd", 1)),
    ("reorder_up", lambda e: e.reorder_objective("ci-cd", -1)),
    ("reorder_down", lambda e: e.reorder_objective("ci-cd", 1)),
    ("add_objective", lambda e: e.add_objective(Objective("new-one", "New one", 2, depends_on=["ci-cd"]))),
    ("add_objective_at", lambda e: e.add_objective(Objective("new-one", "New one", 1), index=0)),
    ("edit_title", lambda e: e.edit_objective("ci-cd", title="Configure the pipeline", owner="dana", tags=["ci"])),
    ("edit_status", lambda e: e.edit_objective("ci-cd", status="done")),
    ("edit_week", lambda e: e.edit_objective("ci-cd", week=3)),
    ("edit_rename", lambda e: e.edit_objective("ci-cd", id="pipeline")),
    ("edit_depends_on", lambda e: e.edit_objective("ci-cd", depends_on=["baseline-metrics"])),
    ("delete_objective", lambda e: e.delete_objective("ci-cd")),
    ("set_notes", lambda e: e.set_notes("ci-cd", 'Two lines:\nwith "quotes" and \\ too')),
    ("tick_criterion", lambda e: e.tick_criterion("p1", 1)),
    ("tick_rollback_step", lambda e: e.tick_rollback_step("p2", 0)),
    ("tick_check", lambda e: e.tick_check("communication-plan", 2)),
    ("tick_final_check", lambda e: e.tick_check("post-implementation", 0, True)),
    ("set_contingency_active", lambda e: e.set_contingency_active("technical-issues", True)),
    ("set_contingency_notes", lambda e: e.set_contingency_notes("technical-issues", "Flags ready.")),
    (
        "tick_contingency_action",
        lambda e: e.combine(
            "activate and tick",
            lambda: e.set_contingency_active("technical-issues", True),
            lambda: e.tick_contingency_action("technical-issues", 2),
        ),
    ),
    ("record_metric", lambda e: e.record_metric("test-coverage", 41.5)),
]


@pytest.mark.parametrize("operation", [op for _, op in OPERATIONS], ids=[name for name, _ in OPERATIONS])
def test_each_operation_applies_and_undoes_and_redoes(editor: Editor, operation: Callable[[Editor], Change]) -> None:
    plan = editor.plan
    before = copy.deepcopy(plan)
    change = operation(editor)
    assert change.steps and change.label
    after = copy.deepcopy(plan)
    assert after != before
    assert check_plan(plan) == []
    assert loads(dumps(plan)) == plan
    assert editor.undo() is change
    assert plan == before
    assert editor.redo() is change
    assert plan == after
    assert editor.undo() is change and plan == before
    assert editor.undo() is None and plan == before


# --- every refusal: one clear message, nothing changed ---------------------------------------


def _metrics_list(e: Editor) -> str:
    return ", ".join(m.id for m in e.plan.metrics)


REFUSALS: list[tuple[Callable[[Editor], Any], str]] = [
    (lambda e: e.set_status("nope", "done"), "no objective with id 'nope'"),
    (lambda e: e.set_status("ci-cd", "finished"), f"unknown status 'finished' {STATUSES}"),
    (lambda e: e.advance("nope"), "no objective with id 'nope'"),
    (lambda e: e.toggle_blocked("nope"), "no objective with id 'nope'"),
    (lambda e: e.move_to_week("ci-cd", 9), "week 9 is outside the plan (weeks 1-8)"),
    (lambda e: e.move_to_week("ci-cd", 0), "week 0 is outside the plan (weeks 1-8)"),
    (lambda e: e.move_to_week("ci-cd", "3"), "week must be a whole number, not '3'"),
    (lambda e: e.move_to_week("nope", 2), "no objective with id 'nope'"),
    (lambda e: e.shift_week("opa-policy", -1), "week 0 is outside the plan (weeks 1-8)"),
    (lambda e: e.shift_week("documentation-updates", 1), "week 9 is outside the plan (weeks 1-8)"),
    (lambda e: e.reorder_objective("opa-policy", -1), "opa-policy is already first"),
    (lambda e: e.reorder_objective("baseline-metrics", 1), "baseline-metrics is already last"),
    (lambda e: e.reorder_objective("input-sanitization", -1), "input-sanitization is already first"),
    (lambda e: e.reorder_objective("documentation-updates", 1), "documentation-updates is already last"),
    (lambda e: e.reorder_objective("ci-cd", 2), "reorder moves one place up (-1) or down (+1)"),
    (lambda e: e.add_objective(Objective("ci-cd", "Again", 1)), "an objective with id 'ci-cd' already exists"),
    (
        lambda e: e.add_objective(Objective("Bad Id", "Bad", 1)),
        "objective id 'Bad Id' must be lowercase letters, digits and single hyphens (like 'opa-policy')",
    ),
    (lambda e: e.add_objective(Objective("new-one", " ", 1)), "objective 'new-one': the title must not be empty"),
    (
        lambda e: e.add_objective(Objective("new-one", "New", 12)),
        "objective 'new-one': week 12 is outside the plan (weeks 1-8)",
    ),
    (
        lambda e: e.add_objective(Objective("new-one", "New", 1, status="doing")),
        f"objective 'new-one': unknown status 'doing' {STATUSES}",
    ),
    (
        lambda e: e.add_objective(Objective("new-one", "New", 1, depends_on=["zz"])),
        "objective 'new-one': depends on unknown objective 'zz'",
    ),
    (
        lambda e: e.add_objective(Objective("new-one", "New", 1, tags=[""])),
        "objective 'new-one': a tag must not be empty",
    ),
    (lambda e: e.add_objective(Objective("new-one", None, 1)), "title must be text, not None"),  # type: ignore[arg-type]
    (lambda e: e.edit_objective("nope", title="x"), "no objective with id 'nope'"),
    (lambda e: e.edit_objective("ci-cd", colour="blue"), "objectives have no field 'colour'"),
    (lambda e: e.edit_objective("ci-cd", id="opa-policy"), "an objective with id 'opa-policy' already exists"),
    (lambda e: e.edit_objective("ci-cd", id=""), "objective id must not be empty"),
    (lambda e: e.edit_objective("ci-cd", status="x"), f"objective 'ci-cd': unknown status 'x' {STATUSES}"),
    (lambda e: e.edit_objective("ci-cd", week=10), "objective 'ci-cd': week 10 is outside the plan (weeks 1-8)"),
    (lambda e: e.edit_objective("ci-cd", week=True), "week must be a whole number, not True"),
    (lambda e: e.edit_objective("ci-cd", title=5), "title must be text, not 5"),
    (lambda e: e.edit_objective("ci-cd", tags="ci"), "tags must be a list of text, not 'ci'"),
    (lambda e: e.edit_objective("ci-cd", changed="2026-11-02"), "changed must be a date, not '2026-11-02'"),
    (lambda e: e.edit_objective("ci-cd", depends_on=["ci-cd"]), "objective 'ci-cd': depends on itself"),
    (
        lambda e: e.edit_objective("ci-cd", depends_on=["nope"]),
        "objective 'ci-cd': depends on unknown objective 'nope'",
    ),
    (
        lambda e: e.edit_objective("opa-policy", depends_on=["automated-security"]),
        "dependency cycle: opa-policy → automated-security → ci-cd → opa-policy",
    ),
    (
        lambda e: e.edit_objective("opa-policy", id="opa", depends_on=["ci-cd"]),
        "dependency cycle: opa → ci-cd → opa",
    ),
    (lambda e: e.delete_objective("nope"), "no objective with id 'nope'"),
    (lambda e: e.set_notes("nope", "x"), "no objective with id 'nope'"),
    (lambda e: e.set_notes("ci-cd", 5), "notes must be text, not 5"),
    (lambda e: e.tick_criterion("zz", 0), "no phase with id 'zz'"),
    (lambda e: e.tick_criterion("p1", 4), "phase 'p1' has no criterion 5"),
    (lambda e: e.tick_criterion("p1", -1), "phase 'p1' has no criterion 0"),
    (lambda e: e.tick_rollback_step("p1", 3), "phase 'p1' has no rollback step 4"),
    (lambda e: e.tick_rollback_step("zz", 0), "no phase with id 'zz'"),
    (lambda e: e.reset_rollback_steps("zz"), "no phase with id 'zz'"),
    (lambda e: e.tick_check("zz", 0), "no checklist with id 'zz'"),
    (lambda e: e.tick_check("communication-plan", 4), "checklist 'communication-plan' has no item 5"),
    (lambda e: e.set_contingency_active("zz", True), "no contingency plan with id 'zz'"),
    (lambda e: e.set_contingency_notes("zz", "x"), "no contingency plan with id 'zz'"),
    (lambda e: e.set_contingency_notes("technical-issues", None), "notes must be text, not None"),
    (lambda e: e.record_metric("zz", 1.0), "no metric with id 'zz' (metrics: {metrics})"),
    (lambda e: e.record_metric("test-coverage", float("nan")), "a metric value must be a finite number, not nan"),
    (lambda e: e.record_metric("test-coverage", float("inf")), "a metric value must be a finite number, not inf"),
    (lambda e: e.record_metric("test-coverage", True), "a metric value must be a finite number, not True"),
    (lambda e: e.record_metric("test-coverage", "40"), "a metric value must be a finite number, not '40'"),
]


@pytest.mark.parametrize(("operation", "message"), REFUSALS, ids=[m for _, m in REFUSALS])
def test_each_refusal_is_one_clear_message_and_changes_nothing(
    editor: Editor, operation: Callable[[Editor], Any], message: str
) -> None:
    before = copy.deepcopy(editor.plan)
    with pytest.raises(PlanError) as caught:
        operation(editor)
    assert str(caught.value) == message.format(metrics=_metrics_list(editor))
    assert editor.plan == before
    assert not editor.history.can_undo() and not editor.history.can_redo()


def test_a_refusal_keeps_the_redo_stack(editor: Editor) -> None:
    editor.set_status("ci-cd", "done")
    editor.undo()
    with pytest.raises(PlanError):
        editor.set_status("ci-cd", "finished")
    assert editor.history.can_redo()


def test_toggle_blocked_refused_when_the_plan_has_no_blocked_status() -> None:
    plan = Plan("T", 1, statuses=["todo", "done"], objectives=[Objective("a", "A", 1)])
    before = copy.deepcopy(plan)
    with pytest.raises(PlanError, match=r"^this plan has no 'blocked' status$"):
        Editor(plan).toggle_blocked("a")
    assert plan == before


# --- statuses and their dates ---------------------------------------------------------------


def test_a_status_change_records_its_date(editor: Editor) -> None:
    obj = editor.plan.objective("ci-cd")
    assert obj.changed is None
    editor.set_status("ci-cd", "in-progress")
    assert (obj.status, obj.changed) == ("in-progress", TODAY)
    editor.undo()
    assert (obj.status, obj.changed) == ("todo", None)


def test_setting_the_same_status_changes_nothing_and_records_nothing(editor: Editor) -> None:
    obj = editor.plan.objective("ci-cd")
    obj.changed = date(2026, 11, 2)
    change = editor.set_status("ci-cd", "todo")
    assert change.steps == []
    assert obj.changed == date(2026, 11, 2)
    assert not editor.history.can_undo()


def test_advance_and_toggle_blocked_walk_the_flow(editor: Editor) -> None:
    obj = editor.plan.objective("ci-cd")
    seen = []
    for step in ("advance", "toggle", "toggle", "advance", "advance", "toggle"):
        (editor.advance if step == "advance" else editor.toggle_blocked)("ci-cd")
        seen.append(obj.status)
    assert seen == ["in-progress", "blocked", "in-progress", "done", "done", "blocked"]


def test_edit_objective_dates_a_status_change_unless_given_a_date(editor: Editor) -> None:
    obj = editor.plan.objective("ci-cd")
    editor.edit_objective("ci-cd", status="done")
    assert obj.changed == TODAY
    editor.edit_objective("ci-cd", status="todo", changed=date(2026, 11, 3))
    assert obj.changed == date(2026, 11, 3)
    editor.edit_objective("ci-cd", title="Renamed only")
    assert obj.changed == date(2026, 11, 3)


# --- history -------------------------------------------------------------------------------


def test_a_new_change_clears_redo(editor: Editor) -> None:
    editor.set_status("ci-cd", "done")
    editor.set_status("opa-policy", "done")
    editor.undo()
    assert editor.history.can_redo()
    editor.set_notes("ci-cd", "new")
    assert not editor.history.can_redo()
    assert editor.redo() is None
    assert editor.plan.objective("opa-policy").status == "todo"


def test_several_changes_undo_in_reverse_order(editor: Editor) -> None:
    plan = editor.plan
    snapshots = [copy.deepcopy(plan)]
    for operation in (
        lambda: editor.set_status("ci-cd", "done"),
        lambda: editor.move_to_week("ci-cd", 5),
        lambda: editor.edit_objective("ci-cd", id="pipeline"),
        lambda: editor.delete_objective("opa-policy"),
    ):
        operation()
        snapshots.append(copy.deepcopy(plan))
    for expected in reversed(snapshots[:-1]):
        editor.undo()
        assert plan == expected
    for expected in snapshots[1:]:
        editor.redo()
        assert plan == expected


# --- objectives: weeks, order, add, rename, delete -----------------------------------------------


def test_move_to_week_goes_to_the_end_of_the_new_week(editor: Editor) -> None:
    plan = editor.plan
    order = ids(plan)
    editor.move_to_week("ci-cd", 3)
    assert [o.id for o in plan.objectives_in_week(3)][-1] == "ci-cd"
    assert [o.week for o in plan.objectives] == sorted(o.week for o in plan.objectives)
    editor.undo()
    assert ids(plan) == order


def test_moving_to_the_same_week_records_nothing(editor: Editor) -> None:
    assert editor.move_to_week("ci-cd", 1).steps == []
    assert not editor.history.can_undo()


def test_reorder_swaps_with_the_neighbour_in_the_same_week(editor: Editor) -> None:
    plan = editor.plan
    editor.reorder_objective("ci-cd", -1)
    assert [o.id for o in plan.objectives_in_week(1)] == ["opa-policy", "ci-cd", "gitleaks-secret", "baseline-metrics"]
    editor.reorder_objective("ci-cd", 1)
    editor.reorder_objective("ci-cd", 1)
    assert [o.id for o in plan.objectives_in_week(1)] == ["opa-policy", "gitleaks-secret", "baseline-metrics", "ci-cd"]


def test_reorder_with_another_grouping_skips_the_others(editor: Editor) -> None:
    plan = editor.plan
    plan.objective("baseline-metrics").status = "done"
    plan.objective("opa-policy").status = "done"
    done = lambda o: o.status == "done"  # noqa: E731 - the status board's grouping
    editor.reorder_objective("baseline-metrics", -1, same=done)
    assert ids(plan)[:4] == ["baseline-metrics", "gitleaks-secret", "ci-cd", "opa-policy"]
    with pytest.raises(PlanError, match=r"^baseline-metrics is already first$"):
        editor.reorder_objective("baseline-metrics", -1, same=done)


def test_add_objective_dates_it_and_places_it_at_the_end_of_its_week(editor: Editor) -> None:
    plan = editor.plan
    editor.add_objective(Objective("new-one", "New one", 2))
    assert [o.id for o in plan.objectives_in_week(2)][-1] == "new-one"
    assert plan.objective("new-one").changed == TODAY
    kept = Objective("dated", "Dated", 3, changed=date(2026, 1, 5))
    editor.add_objective(kept)
    assert plan.objective("dated").changed == date(2026, 1, 5)


def test_rename_carries_the_objectives_that_depend_on_it(editor: Editor) -> None:
    plan = editor.plan
    change = editor.edit_objective("ci-cd", id="pipeline")
    assert plan.objective("automated-security").depends_on == ["pipeline"]
    assert plan.find_objective("ci-cd") is None
    assert change.objectives == {"ci-cd", "pipeline", "automated-security"}
    editor.undo()
    assert plan.objective("automated-security").depends_on == ["ci-cd"]
    assert plan.objective("ci-cd").depends_on == ["opa-policy", "gitleaks-secret"]


def test_delete_removes_the_id_from_dependents_and_undo_restores_both(editor: Editor) -> None:
    plan = editor.plan
    before = copy.deepcopy(plan)
    index = ids(plan).index("opa-policy")
    change = editor.delete_objective("opa-policy")
    assert plan.find_objective("opa-policy") is None
    assert plan.objective("ci-cd").depends_on == ["gitleaks-secret"]
    assert change.structural and "ci-cd" in change.objectives
    assert check_plan(plan) == []
    editor.undo()
    assert plan == before
    assert ids(plan).index("opa-policy") == index
    assert plan.objective("ci-cd").depends_on == ["opa-policy", "gitleaks-secret"]


# --- phases, checklists, contingencies, metrics ----------------------------------------------------


def test_tick_criterion_toggles_or_sets(editor: Editor) -> None:
    criterion = editor.plan.phase("p1").criteria[1]  # "All critical vulnerabilities resolved": ticked by hand
    assert not criterion.metric
    editor.tick_criterion("p1", 1)
    assert criterion.met
    editor.tick_criterion("p1", 1)
    assert not criterion.met
    editor.tick_criterion("p1", 1, met=True)
    editor.tick_criterion("p1", 1, met=True)
    assert criterion.met and editor.plan.phase("p1").criteria_met() == 1


def test_a_criterion_linked_to_a_metric_is_met_by_a_reading_not_a_tick(editor: Editor) -> None:
    plan = editor.plan
    criterion = plan.phase("p1").criteria[0]  # "Security score improves from 70% to 85%", linked on import
    assert (criterion.metric, criterion.at_least) == ("security-score", 85)
    with pytest.raises(PlanError, match="criterion 1 of p1 is linked to metric 'security-score'"):
        editor.tick_criterion("p1", 0, True)
    assert not criterion.met and not editor.history.can_undo()
    editor.record_metric("security-score", 84)
    assert not plan.criterion_met(criterion)
    editor.record_metric("security-score", 85)
    assert plan.criterion_met(criterion) and plan.criteria_met(plan.phase("p1")) == 1


def test_a_rollback_rehearsal_records_its_date_and_resets(editor: Editor) -> None:
    phase = editor.plan.phase("p2")
    editor.tick_rollback_step("p2", 0)
    editor.tick_rollback_step("p2", 2)
    assert [s.done for s in phase.rollback_steps] == [True, False, True]
    assert phase.rehearsed == TODAY
    editor.reset_rollback_steps("p2")
    assert [s.done for s in phase.rollback_steps] == [False, False, False]
    assert phase.rehearsed == TODAY
    editor.undo()
    assert [s.done for s in phase.rollback_steps] == [True, False, True]


def test_contingency_activation_is_dated(editor: Editor) -> None:
    plan = editor.plan.contingency("timeline-adjustments")
    editor.set_contingency_active("timeline-adjustments", True)
    assert (plan.active, plan.activated) == (True, TODAY)
    assert editor.set_contingency_active("timeline-adjustments", True).steps == []
    editor.set_contingency_active("timeline-adjustments", False)
    assert (plan.active, plan.activated) == (False, TODAY)


def test_record_metric_keeps_history_in_date_order_and_one_value_a_day(editor: Editor) -> None:
    metric = editor.plan.metric("test-coverage")
    editor.record_metric("test-coverage", 30, date(2026, 11, 20))
    editor.record_metric("test-coverage", 28, date(2026, 11, 10))
    assert metric.history == [Reading(date(2026, 11, 10), 28), Reading(date(2026, 11, 20), 30)]
    assert metric.current == 30
    editor.record_metric("test-coverage", 35, date(2026, 11, 20))
    assert metric.history == [Reading(date(2026, 11, 10), 28), Reading(date(2026, 11, 20), 35)]
    editor.record_metric("test-coverage", 40)
    assert metric.history[-1] == Reading(TODAY, 40) and metric.current == 40
    editor.undo()
    assert metric.current == 35 and len(metric.history) == 2
    editor.undo()
    assert metric.history[-1] == Reading(date(2026, 11, 20), 30)


# --- random sequences -------------------------------------------------------------------------

_IDS = [
    "ci-cd",
    "opa-policy",
    "automated-security",
    "bundle-size",
    "documentation-updates",
    "new-one",
    "renamed",
    "nope",
]
_TEXTS = st.sampled_from(["", " ", "Ship it", 'Quote " and \\ and """', "two\nlines", "Ünïcode ✓"])
_STEP = st.one_of(
    st.tuples(
        st.just("set_status"), st.sampled_from(_IDS), st.sampled_from(["todo", "in-progress", "blocked", "done", "x"])
    ),
    st.tuples(st.just("advance"), st.sampled_from(_IDS)),
    st.tuples(st.just("toggle_blocked"), st.sampled_from(_IDS)),
    st.tuples(st.just("move_to_week"), st.sampled_from(_IDS), st.integers(0, 9)),
    st.tuples(st.just("shift_week"), st.sampled_from(_IDS), st.sampled_from([-1, 1])),
    st.tuples(st.just("reorder_objective"), st.sampled_from(_IDS), st.sampled_from([-1, 1, 2])),
    st.tuples(st.just("delete_objective"), st.sampled_from(_IDS)),
    st.tuples(st.just("set_notes"), st.sampled_from(_IDS), _TEXTS),
    st.tuples(st.just("edit_id"), st.sampled_from(_IDS), st.sampled_from([*_IDS, "Bad Id"])),
    st.tuples(st.just("edit_deps"), st.sampled_from(_IDS), st.lists(st.sampled_from(_IDS), max_size=3, unique=True)),
    st.tuples(st.just("edit_title"), st.sampled_from(_IDS), _TEXTS),
    st.tuples(
        st.just("add"),
        st.sampled_from(_IDS),
        st.integers(0, 9),
        st.lists(st.sampled_from(_IDS), max_size=2, unique=True),
    ),
    st.tuples(st.just("tick_criterion"), st.sampled_from(["p1", "p4", "zz"]), st.integers(-1, 4)),
    st.tuples(st.just("tick_rollback_step"), st.sampled_from(["p2", "zz"]), st.integers(-1, 3)),
    st.tuples(
        st.just("record_metric"),
        st.sampled_from(["test-coverage", "bug-density", "zz"]),
        st.floats(-100, 100),
        st.integers(1, 5),
    ),
    st.tuples(st.just("undo")),
    st.tuples(st.just("redo")),
)


def _run(editor: Editor, step: tuple[Any, ...]) -> Any:
    name, *args = step
    if name == "edit_id":
        return editor.edit_objective(args[0], id=args[1])
    if name == "edit_deps":
        return editor.edit_objective(args[0], depends_on=args[1])
    if name == "edit_title":
        return editor.edit_objective(args[0], title=args[1])
    if name == "add":
        return editor.add_objective(Objective(args[0], "Added", args[1], depends_on=args[2]))
    if name == "record_metric":
        return editor.record_metric(args[0], args[1], date(2026, 11, args[2]))
    return getattr(editor, name)(*args)


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture]
)
@given(st.lists(_STEP, min_size=1, max_size=25))
def test_random_edits_keep_the_plan_valid_and_undo_to_the_start(bundled: Plan, steps: list[tuple[Any, ...]]) -> None:
    plan = copy.deepcopy(bundled)
    editor = Editor(plan, today=lambda: TODAY)
    start = copy.deepcopy(plan)
    for step in steps:
        before = copy.deepcopy(plan)
        try:
            _run(editor, step)
        except PlanError as error:
            assert "\n" not in str(error) and str(error)
            assert plan == before, step
            continue
        assert check_plan(plan) == [], step
        assert loads(dumps(plan)) == plan, step
    while editor.undo() is not None:
        pass
    assert plan == start


def test_a_rehearsal_tick_taken_back_leaves_no_date(editor: Editor) -> None:
    phase = editor.plan.phase("p2")
    assert phase.rehearsed is None
    editor.tick_rollback_step("p2", 1)
    assert phase.rehearsed == TODAY
    editor.tick_rollback_step("p2", 1)  # a slip of the finger, taken back
    assert phase.rehearsed is None
    phase.rehearsed = date(2026, 11, 2)  # an earlier rehearsal stands after today's is taken back
    editor.tick_rollback_step("p2", 0)
    editor.tick_rollback_step("p2", 2)
    editor.tick_rollback_step("p2", 0)
    assert phase.rehearsed == TODAY  # one step still ticked: today's rehearsal happened
    editor.tick_rollback_step("p2", 2)
    assert phase.rehearsed == date(2026, 11, 2)

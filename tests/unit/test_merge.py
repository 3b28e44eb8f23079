"""The three-way merge of plans: examples of each rule, then random edit scripts on two branches."""

from __future__ import annotations

import copy
from datetime import date, timedelta
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from board import store
from board.model import Check, Objective, Plan, Reading, Risk, check_plan
from board.model.diff import EntityPath, Op, diff, get_field, label, scalar_fields, walk
from board.model.merge import merge
from board.vcs.driver import merge_bytes
from tests.conftest import BUNDLED_PATH

BASE = store.load(BUNDLED_PATH)


def _two(plan: Plan) -> tuple[Plan, Plan]:
    return copy.deepcopy(plan), copy.deepcopy(plan)


def test_one_sided_changes_are_taken_from_both_sides(bundled: Plan) -> None:
    ours, theirs = _two(bundled)
    ours.objective("opa-policy").status = "in-progress"
    theirs.objective("ci-cd").status = "done"
    theirs.objective("opa-policy").owner = "bo"
    result = merge(bundled, ours, theirs)
    assert result.conflicts == []
    assert result.plan.objective("opa-policy").status == "in-progress"
    assert result.plan.objective("opa-policy").owner == "bo"
    assert result.plan.objective("ci-cd").status == "done"


def test_the_same_field_changed_twice_is_a_conflict_that_keeps_ours(bundled: Plan) -> None:
    ours, theirs = _two(bundled)
    ours.objective("opa-policy").status = "blocked"
    theirs.objective("opa-policy").status = "done"
    result = merge(bundled, ours, theirs)
    assert [(c.entity, c.field, c.base, c.ours, c.theirs) for c in result.plan.conflicts] == [
        ("opa-policy", "status", "todo", "blocked", "done")
    ]
    assert result.plan.objective("opa-policy").status == "blocked"


def test_the_same_change_on_both_sides_is_no_conflict(bundled: Plan) -> None:
    ours, theirs = _two(bundled)
    for side, day in ((ours, date(2026, 11, 18)), (theirs, date(2026, 11, 19))):
        side.objective("opa-policy").status = "done"
        side.objective("opa-policy").changed = day
    result = merge(bundled, ours, theirs)
    assert result.conflicts == []
    assert result.plan.objective("opa-policy").changed == date(2026, 11, 19)  # the later day


def test_objectives_added_at_one_place_keep_ours_first_then_theirs(bundled: Plan) -> None:
    ours, theirs = _two(bundled)
    ours.objectives[1:1] = [Objective("a1", "A1", 1), Objective("a2", "A2", 1)]
    theirs.objectives[1:1] = [Objective("b1", "B1", 1), Objective("b2", "B2", 1)]
    result = merge(bundled, ours, theirs)
    assert [o.id for o in result.plan.objectives[:6]] == [
        bundled.objectives[0].id,
        "a1",
        "a2",
        "b1",
        "b2",
        bundled.objectives[1].id,
    ]


def test_one_id_added_for_two_objectives_renames_theirs_and_links_follow(bundled: Plan) -> None:
    ours, theirs = _two(bundled)
    ours.objectives.append(Objective("dash", "Ours", 3))
    theirs.objectives.append(Objective("dash", "Theirs", 3))
    theirs.objectives.append(Objective("after-dash", "Needs theirs", 4, depends_on=["dash"]))
    result = merge(bundled, ours, theirs)
    assert result.renamed == {"dash": "dash-2"}
    assert result.plan.objective("dash").title == "Ours"
    assert result.plan.objective("dash-2").title == "Theirs"
    assert result.plan.objective("after-dash").depends_on == ["dash-2"]
    assert result.conflicts == []


def test_a_deletion_against_an_untouched_entity_deletes(bundled: Plan) -> None:
    ours, theirs = _two(bundled)
    gone = theirs.objectives.pop(3)
    result = merge(bundled, ours, theirs)
    assert result.plan.find_objective(gone.id) is None and result.conflicts == []


def test_a_deletion_against_an_edit_keeps_the_entity_and_says_so(bundled: Plan) -> None:
    ours, theirs = _two(bundled)
    target = bundled.objectives[3].id
    ours.objectives.pop(3)
    theirs.objective(target).status = "done"
    result = merge(bundled, ours, theirs)
    assert result.plan.objective(target).status == "done"
    assert [(c.entity, c.field, c.ours, c.theirs) for c in result.conflicts] == [(target, "removed", "removed", "kept")]
    swapped = merge(bundled, theirs, ours)
    assert [(c.entity, c.field, c.ours, c.theirs) for c in swapped.conflicts] == [
        (target, "removed", "kept", "removed")
    ]


def test_metric_histories_merge_as_a_union_by_date(bundled: Plan) -> None:
    ours, theirs = _two(bundled)
    ours.metrics[0].history.append(Reading(date(2026, 11, 20), 80))
    theirs.metrics[0].history.append(Reading(date(2026, 11, 21), 82))
    result = merge(bundled, ours, theirs)
    days = [r.date for r in result.plan.metrics[0].history]
    assert date(2026, 11, 20) in days and date(2026, 11, 21) in days and result.conflicts == []
    theirs.metrics[0].history[-1] = Reading(date(2026, 11, 20), 81)
    clash = merge(bundled, ours, theirs).conflicts
    assert [(c.field, c.base, c.ours, c.theirs) for c in clash] == [("value", None, 80, 81)]


def test_readings_on_both_sides_make_current_the_latest_reading(bundled: Plan) -> None:
    ours, theirs = _two(bundled)
    for side, day, value in ((ours, date(2026, 11, 21), 78.0), (theirs, date(2026, 11, 20), 80.0)):
        side.metrics[0].history.append(Reading(day, value))
        side.metrics[0].current = value
    for result in (merge(bundled, ours, theirs), merge(bundled, theirs, ours)):
        assert result.conflicts == []
        assert result.plan.metrics[0].current == 78.0


def test_rules_broken_only_together_are_settled_as_conflicts(bundled: Plan) -> None:
    ours, theirs = _two(bundled)
    ours.weeks = 7
    ours.phases[-1].last_week = 7
    for obj in ours.objectives:
        obj.week = min(obj.week, 7)
    theirs.objectives.append(Objective("late", "Late work", 8))
    result = merge(bundled, ours, theirs)
    assert check_plan(result.plan) == []
    assert ("late", "removed") in {(c.entity, c.field) for c in result.conflicts}


# --- random edit scripts on two branches ------------------------------------------------------------

IDS = ["n-one", "n-two", "n-three"]
DAYS = [date(2026, 11, 16) + timedelta(days=n) for n in range(4)]


@st.composite
def edits(draw: Any) -> list[tuple[Any, ...]]:
    n = 3  # a few objectives, so that both sides often meet on one
    edit = st.one_of(
        st.tuples(st.just("status"), st.integers(0, n - 1), st.sampled_from(BASE.statuses), st.sampled_from(DAYS)),
        st.tuples(st.just("owner"), st.integers(0, n - 1), st.sampled_from(["ana", "bo", ""])),
        st.tuples(st.just("week"), st.integers(0, n - 1), st.integers(1, BASE.weeks)),
        st.tuples(st.just("add"), st.integers(0, n), st.sampled_from(IDS), st.sampled_from(["T1", "T2"])),
        st.tuples(st.just("remove"), st.integers(0, n - 1)),
        st.tuples(st.just("reading"), st.integers(0, len(BASE.metrics) - 1), st.sampled_from(DAYS), st.integers(0, 3)),
        st.tuples(st.just("met"), st.integers(0, len(BASE.phases) - 1), st.integers(0, 2)),
        st.tuples(st.just("step"), st.integers(0, len(BASE.phases) - 1), st.sampled_from(["New step", "Other"])),
        st.tuples(st.just("move"), st.integers(0, n - 1), st.integers(0, n)),
        st.tuples(
            st.just("risk"), st.integers(0, len(BASE.phases) - 1), st.sampled_from(["r-a", "r-b"]), st.integers(1, 5)
        ),
        st.tuples(st.just("tags"), st.integers(0, n - 1), st.sampled_from([[], ["a"], ["a", "b"]])),
        st.tuples(st.just("contingency"), st.integers(0, len(BASE.contingencies) - 1)),
        st.tuples(st.just("check"), st.integers(0, len(BASE.risk_management) - 1), st.integers(0, 3)),
    )
    return draw(st.lists(edit, max_size=8))


# Edits both sides make to one field (often to different values): where conflicts come from.
same_field = st.lists(
    st.tuples(
        st.sampled_from(["status", "owner", "week"]),
        st.integers(0, 2),
        st.sampled_from([("todo", "ana", 1), ("done", "bo", 2), ("blocked", "", 3)]),
        st.sampled_from([("todo", "ana", 1), ("in-progress", "cy", 4), ("blocked", "", 3)]),
    ),
    max_size=3,
)


def _both(clashes: list[Any]) -> tuple[list[Any], list[Any]]:
    ours: list[Any] = []
    theirs: list[Any] = []
    for kind, index, mine, yours in clashes:
        for script, values in ((ours, mine), (theirs, yours)):
            value = {"status": values[0], "owner": values[1], "week": values[2]}[kind]
            script.append((kind, index, value, DAYS[0]) if kind == "status" else (kind, index, value))
    return ours, theirs


def _apply(plan: Plan, script: list[tuple[Any, ...]]) -> Plan:
    plan = copy.deepcopy(plan)
    for kind, *args in script:
        objs = plan.objectives
        if kind == "status" and objs:
            obj = objs[args[0] % len(objs)]
            if obj.status != args[1]:
                obj.status, obj.changed = args[1], args[2]
        elif kind == "owner" and objs:
            objs[args[0] % len(objs)].owner = args[1]
        elif kind == "week" and objs:
            objs[args[0] % len(objs)].week = args[1]
        elif kind == "add" and plan.find_objective(args[1]) is None:
            objs.insert(min(args[0], len(objs)), Objective(args[1], args[2], 2))
        elif kind == "remove" and objs:
            gone = objs.pop(args[0] % len(objs))
            for obj in objs:
                if gone.id in obj.depends_on:
                    obj.depends_on = [d for d in obj.depends_on if d != gone.id]
        elif kind == "reading":
            history = plan.metrics[args[0]].history
            history[:] = [r for r in history if r.date != args[1]]
            history.append(Reading(args[1], float(args[2])))
            history.sort(key=lambda r: r.date)
        elif kind == "met":
            criteria = plan.phases[args[0]].criteria
            if criteria:
                item = criteria[args[1] % len(criteria)]
                item.met = not item.met
        elif kind == "step":
            plan.phases[args[0]].rollback_steps.append(Check(args[1]))
        elif kind == "move" and objs:
            moved = objs.pop(args[0] % len(objs))
            objs.insert(min(args[1], len(objs)), moved)
        elif kind == "risk":  # risk ids are unique in the whole plan
            found = next((r for p in plan.phases for r in p.risks if r.id == args[1]), None)
            if found is None:
                plan.phases[args[0]].risks.append(Risk(args[1], f"Risk {args[1]}", likelihood=args[2]))
            else:
                found.likelihood = args[2]
        elif kind == "tags" and objs:
            objs[args[0] % len(objs)].tags = list(args[1])
        elif kind == "contingency":
            item = plan.contingencies[args[0]]
            item.active = not item.active
        elif kind == "check":
            items = plan.risk_management[args[0]].items
            if items:
                items[args[1] % len(items)].done = not items[args[1] % len(items)].done
    return plan


def _flat(plan: Plan) -> dict[tuple[str, str], Any]:
    return {
        (label(path), name): get_field(entity, name)
        for path, entity in walk(plan)
        for name in scalar_fields(type(entity))
    }


def _sets(ops: list[Op]) -> dict[tuple[EntityPath, str], Any]:
    return {(op.path, op.field): op.after for op in ops if op.kind == "set"}


def _removed(ops: list[Op]) -> set[EntityPath]:
    return {op.path for op in ops if op.kind == "remove"}


def _touched(ops: list[Op]) -> set[EntityPath]:
    return {op.path[:n] for op in ops if op.kind != "remove" for n in range(1, len(op.path) + 1)}


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(same_field, edits(), edits())
def test_random_edits_on_two_branches_merge_by_the_rules(
    clashes: list[Any], ours_script: list[Any], theirs_script: list[Any]
) -> None:
    ours_first, theirs_first = _both(clashes)
    ours, theirs = _apply(BASE, ours_first + ours_script), _apply(BASE, theirs_first + theirs_script)
    result = merge(BASE, ours, theirs)
    merged = result.plan

    # The merge is a valid plan, and the driver's text (ours' text patched) reads back as the same plan.
    assert check_plan(merged) == []
    texts = [store.dumps(plan).encode() for plan in (BASE, ours, theirs)]
    texts[1] = b"# the team's plan\n" + texts[1]  # not canonical: the store's patcher writes it
    written = merge_bytes(*texts).text
    assert written.startswith("# the team's plan\n")
    assert store.loads(written) == merged

    ours_ops, theirs_ops = diff(BASE, ours), diff(BASE, theirs)
    ours_sets, theirs_sets = _sets(ours_ops), _sets(theirs_ops)
    removed = _removed(ours_ops) | _removed(theirs_ops)
    flat = _flat(merged)

    # Every change only one side made is in the merge.
    for mine, other, other_ops in ((ours_sets, theirs_sets, theirs_ops), (theirs_sets, ours_sets, ours_ops)):
        for (path, name), value in mine.items():
            if (path, name) in other or path in _removed(other_ops) or name == "changed":
                continue
            if any(path[:n] in removed for n in range(1, len(path) + 1)):
                continue
            assert flat[(label(path), name)] == value, (label(path), name)

    # A conflict exactly where both sides set one field to different values (entities both kept).
    expected = {
        (label(path), name)
        for (path, name), value in ours_sets.items()
        if name != "changed" and (path, name) in theirs_sets and theirs_sets[(path, name)] != value
    }
    for mine, other_ops in ((ours_ops, theirs_ops), (theirs_ops, ours_ops)):
        touched = _touched(other_ops)
        expected |= {(label(path), "removed") for path in _removed(mine) if path in touched}
    ours_added = {op.path: op.entity for op in ours_ops if op.kind == "add"}
    for op in theirs_ops:
        if op.kind == "add" and op.path in ours_added and op.path[-1][0] not in ("objectives", "risks"):
            mine = ours_added[op.path]
            expected |= {
                (label(op.path), name)
                for name in scalar_fields(type(mine))
                if get_field(mine, name) != get_field(op.entity, name)
            }
    assert {(c.entity, c.field) for c in merged.conflicts} == expected
    # ... and the merge holds ours' value of each (an entity removed on one side is kept).
    for c in merged.conflicts:
        if c.field != "removed":
            assert flat[(c.entity, c.field)] == (
                tuple(c.ours) if isinstance(c.ours, list) and c.field == "weeks" else c.ours
            )
        else:
            assert any(label(path) == c.entity for path, _ in walk(merged))

    # Swapping the sides swaps only the conflict values.
    swapped = merge(BASE, theirs, ours)
    assert sorted(
        (c.entity, c.field, repr(c.base), repr(c.theirs), repr(c.ours)) for c in swapped.plan.conflicts
    ) == sorted((c.entity, c.field, repr(c.base), repr(c.ours), repr(c.theirs)) for c in merged.conflicts)
    if not result.renamed:
        in_conflict = {(c.entity, c.field) for c in merged.conflicts}
        other = _flat(swapped.plan)
        assert {k: v for k, v in flat.items() if k not in in_conflict} == {
            k: v for k, v in other.items() if k not in in_conflict
        }


def test_the_merge_leaves_its_inputs_as_they_were(bundled: Plan) -> None:
    ours, theirs = _two(bundled)
    theirs.objective("ci-cd").status = "done"
    theirs.phase("p1").criteria[0].met = True
    theirs.metrics[0].history.append(Reading(date(2026, 11, 20), 1))
    before = [copy.deepcopy(p) for p in (bundled, ours, theirs)]
    result = merge(bundled, ours, theirs)
    result.plan.objective("opa-policy").tags.append("x")
    assert [bundled, ours, theirs] == before


def test_a_plan_both_sides_created_merges_ids_as_one_entity_and_conflicts_per_field(bundled: Plan) -> None:
    ours, theirs = _two(bundled)
    theirs.title = "Their title"
    theirs.objective("opa-policy").status = "done"
    theirs.objectives.append(Objective("extra", "Only theirs", 2))
    result = merge(None, ours, theirs)
    assert sorted((c.entity, c.field, c.base) for c in result.conflicts) == [
        ("opa-policy", "status", None),
        ("plan", "title", None),
    ]
    assert result.plan.title == bundled.title and result.renamed == {}
    assert [o.id for o in result.plan.objectives] == [*(o.id for o in bundled.objectives), "extra"]


def test_a_conflict_on_a_table_of_its_own_keeps_both_sides_and_resolves_to_theirs(bundled: Plan) -> None:
    # A phase's gate is a table, not a value: both sides' gates are recorded in the conflict entry
    # (written as sub-tables), nothing is lost, and taking theirs puts theirs' gate in the plan.
    from board.model.conflicts import resolve
    from board.model.control import Gate, GateMetric, Signoff
    from board.model.editor import Editor

    ours, theirs = _two(bundled)
    ours.phase("p1").gate = Gate(signoffs=["security"])
    theirs_gate = Gate(
        metrics=[GateMetric(bundled.metrics[0].id, at_least=0.5)],
        signoffs=["release manager"],
        signed=[Signoff("release manager", "ana", date(2026, 11, 20))],
    )
    theirs.phase("p1").gate = copy.deepcopy(theirs_gate)
    merged = merge_bytes(store.dumps(bundled).encode(), store.dumps(ours).encode(), store.dumps(theirs).encode())
    assert merged.result.notes == []
    [conflict] = merged.result.conflicts
    assert (conflict.entity, conflict.field, conflict.base, conflict.theirs) == ("phase p1", "gate", None, theirs_gate)
    assert "[conflicts.theirs]" in merged.text and "release manager" in merged.text

    plan = store.loads(merged.text)  # the file holds both sides
    assert plan.phase("p1").gate == Gate(signoffs=["security"])
    assert plan.conflicts[0].theirs == theirs_gate and plan.conflicts[0].ours == Gate(signoffs=["security"])
    assert store.loads(store.dumps(plan)).conflicts == plan.conflicts
    [problem] = store.conflict_problems(plan, merged.text)  # validate names both gates in words
    assert "ours signoffs security, theirs metrics (metric" in problem.message
    assert "signed (role release manager, by ana, date 2026-11-20)" in problem.message

    resolve(Editor(plan), 0, "theirs")
    assert plan.phase("p1").gate == theirs_gate and plan.conflicts == []
    assert store.loads(store.dumps(plan)).phase("p1").gate == theirs_gate


def test_one_risk_id_added_in_two_phases_renames_theirs(bundled: Plan) -> None:
    ours, theirs = _two(bundled)
    ours.phase("p1").risks.append(Risk("leak", "Secrets leak in logs"))
    theirs.phase("p2").risks.append(Risk("leak", "Memory leak in the dashboard"))
    result = merge(bundled, ours, theirs)
    assert check_plan(result.plan) == [] and result.conflicts == []
    assert [r.id for r in result.plan.phase("p1").risks][-1:] == ["leak"]
    assert [r.id for r in result.plan.phase("p2").risks][-1:] == ["leak-2"]
    assert result.renamed == {"risk leak": "leak-2"}


def test_rehearsal_logs_merge_as_a_union_by_date(bundled: Plan) -> None:
    from board.model.control import Rehearsal
    from board.model.diff import describe_all

    ours, theirs = _two(bundled)
    ours.phase("p1").rehearsals.append(Rehearsal(date(2026, 11, 18), "80m"))
    theirs.phase("p1").rehearsals.append(Rehearsal(date(2026, 11, 19), "70m", "failed", "db restore stuck"))
    result = merge(bundled, ours, theirs)
    assert result.conflicts == [] and check_plan(result.plan) == []
    assert [(r.date.day, r.took) for r in result.plan.phase("p1").rehearsals] == [(18, "80m"), (19, "70m")]
    assert describe_all(bundled, theirs) == ["rehearsal added (phase p1): 2026-11-19 · 70m · failed · db restore stuck"]
    same_day = copy.deepcopy(theirs)
    same_day.phase("p1").rehearsals[-1].date = date(2026, 11, 18)
    clash = merge(bundled, ours, same_day).conflicts  # one day, two different records
    assert {(c.entity, c.field) for c in clash} == {
        ("phase p1 rehearsal 2026-11-18", "took"),
        ("phase p1 rehearsal 2026-11-18", "outcome"),
        ("phase p1 rehearsal 2026-11-18", "note"),
    }

"""The plan diff: operations on keyed entities and the words they read as."""

from __future__ import annotations

import copy
from dataclasses import dataclass, field
from datetime import date

from board.model import Check, Conflict, Objective, Plan, Reading, Risk
from board.model.diff import Op, describe, diff, facts, find, label, sentences


def _ops(old: Plan, new: Plan) -> list[tuple[str, str, str]]:
    return [(op.kind, label(op.path), op.field) for op in diff(old, new)]


def test_an_unchanged_plan_has_no_ops(bundled: Plan) -> None:
    assert diff(bundled, copy.deepcopy(bundled)) == []


def test_status_and_week_are_set_ops_in_words(bundled: Plan) -> None:
    new = copy.deepcopy(bundled)
    new.objective("opa-policy").status = "in-progress"
    new.objective("opa-policy").changed = date(2026, 11, 18)
    new.objective("ci-cd").week = 2
    assert sentences(diff(bundled, new)) == ["opa-policy: todo → in-progress", "ci-cd: week 1 → 2"]


def test_a_phase_span_is_one_change(bundled: Plan) -> None:
    new = copy.deepcopy(bundled)
    new.phase("p2").last_week = 5
    new.phase("p3").first_week = 6
    assert sentences(diff(bundled, new)) == ["phase p2: weeks 3–4 → 3–5", "phase p3: weeks 5–6 → 6"]


def test_added_entities_name_their_neighbour_and_removed_ones_are_described(bundled: Plan) -> None:
    new = copy.deepcopy(bundled)
    new.objectives.insert(1, Objective("new-one", "A new one", 1))
    gone = bundled.objectives[4]
    del new.objectives[5]  # after the insertion: the fifth of the old list
    new.phase("p1").risks.append(Risk("leak", "Secrets leak in logs"))
    ops = diff(bundled, new)
    add = next(op for op in ops if op.kind == "add" and op.path == (("objectives", "new-one"),))
    assert add.anchor == bundled.objectives[0].id
    words = sentences(ops)
    assert f"objective removed: {gone.id} ({gone.title}), week {gone.week}, todo" in words
    assert "risk added (phase p1): leak (Secrets leak in logs)" in words


def test_checklist_items_are_keyed_by_text_with_ties_by_position(bundled: Plan) -> None:
    old = copy.deepcopy(bundled)
    steps = old.phase("p1").rollback_steps
    steps.append(Check(steps[0].text))  # the same text twice
    new = copy.deepcopy(old)
    new.phase("p1").rollback_steps[-1].done = True
    ops = diff(old, new)
    assert [(op.kind, op.path[-1], op.field, op.after) for op in ops] == [
        ("set", ("rollback_steps", (steps[0].text, 1)), "done", True)
    ]
    assert find(new, ops[0].path) is new.phase("p1").rollback_steps[-1]
    assert sentences(ops) == [f'phase p1 rollback step "{steps[0].text}" (2): done']


def test_readings_are_keyed_by_date(bundled: Plan) -> None:
    new = copy.deepcopy(bundled)
    metric = new.metrics[0]
    metric.history.append(Reading(date(2026, 11, 20), 88.0))
    assert sentences(diff(bundled, new)) == [f"reading added (metric {metric.id}): 2026-11-20 = 88"]


def test_a_reorder_is_a_move_of_the_entity_that_moved_only(bundled: Plan) -> None:
    new = copy.deepcopy(bundled)
    moved = new.objectives.pop(0)
    new.objectives.insert(3, moved)
    assert _ops(bundled, new) == [("move", moved.id, "")]
    assert sentences(diff(bundled, new)) == [f"{moved.id}: moved after {new.objectives[2].id}"]


def test_plan_text_is_shown_printable(bundled: Plan) -> None:
    new = copy.deepcopy(bundled)
    new.objective("opa-policy").owner = "\x1b[31mana"
    new.metrics[0].unit = "%\x1b]0;title\x07"
    new.metrics[0].history.append(Reading(date(2026, 11, 20), 88.0))
    lines = sentences(diff(bundled, new), new)
    assert len(lines) == 3  # owner, unit, reading
    assert all("\x1b" not in line and "\x07" not in line for line in lines)
    assert "\\x1b" in lines[0]


def test_facts_are_one_field_a_line_and_change_where_the_plan_changed(bundled: Plan) -> None:
    new = copy.deepcopy(bundled)
    new.objective("opa-policy").status = "done"
    before, after = facts(bundled), facts(new)
    assert "opa-policy: status todo" in before
    assert sorted(set(after) - set(before)) == ["opa-policy: status done"]
    assert describe(diff(bundled, new)[0]) == "opa-policy: todo → done"


@dataclass
class _Log:
    date: date
    took: str


@dataclass
class _Holder:
    id: str
    name: str
    logs: list[_Log] = field(default_factory=list)


def test_a_list_of_entities_added_to_the_model_later_is_keyed_by_its_first_field() -> None:
    from board.model.diff import _diff_entity, collections_of, scalar_fields

    assert collections_of(_Holder) == (("logs", "first:date"),)
    assert scalar_fields(_Holder) == ("id", "name")
    day = date(2026, 11, 20)
    old = _Holder("h", "H", [_Log(day, "20m")])
    new = _Holder("h", "H", [_Log(day, "20m"), _Log(day, "25m")])  # two on one day: by position
    ops: list[Op] = []
    _diff_entity(old, new, (), ops)
    assert [(op.kind, op.path) for op in ops] == [("add", (("logs", (day, 1)),))]
    assert describe(ops[0]) == "logs added: 2026-11-20 · 25m"


def test_plan_text_is_escaped_by_the_one_function_the_terminal_uses(bundled: Plan) -> None:
    # One escaping for the whole product (board.term.visible): a line break reads as \n, as it
    # does in every other command, and text that is merely non-ASCII is shown as it is.
    from board.store import conflict_problems
    from board.term import visible

    new = copy.deepcopy(bundled)
    title = "first line\nsecond \u202eline"
    new.objective("opa-policy").title = title
    [sentence] = sentences(diff(bundled, new), new)
    assert visible(title) in sentence
    assert "⏎" not in sentence

    new.conflicts.append(Conflict("café\x1b[2J", "status", "todo", "done\n", "blocked"))
    [problem] = conflict_problems(new, "[[conflicts]]\n")
    assert "café\\x1b[2J, status" in problem.message
    assert "done\\n" in problem.message

"""A card moved to another week (H, L, [ and ], their undo and redo) brings the board's slips and weeks'
counts up to date from the marks before it, instead of walking the whole plan: the marks are the ones a
full count gives."""

from __future__ import annotations

import itertools
import random
from collections import Counter
from datetime import date

import pytest

from bench.generate import generate_plan
from board.model.critical_path import chain_to, critical_path
from board.model.editor import Editor
from board.widgets.control_marks import Marks, control_marks, moved_weeks

TODAY = date(2026, 11, 25)


def same_marks(got: Marks, full: Marks) -> None:
    assert got.critical == full.critical
    assert got.slipped == full.slipped
    assert Counter((s.objective.id, s.dependency.id) for s in got.slips) == Counter(
        (s.objective.id, s.dependency.id) for s in full.slips
    )
    assert got.weeks == full.weeks
    assert got.health == full.health and got.phases == full.phases


@pytest.mark.parametrize("seed", range(6))
def test_marks_after_week_moves_undo_and_redo_are_the_full_counts(seed: int) -> None:
    rng = random.Random(seed)
    plan = generate_plan(300, seed=seed, linked=True)
    plan.objectives[5].depends_on = [plan.objectives[1].id] * 2  # a link listed twice slips twice
    editor = Editor(plan, lambda: TODAY)
    marks = control_marks(plan, TODAY)
    used = 0
    for _ in range(60):
        roll = rng.random()
        if roll < 0.6:
            obj = rng.choice(plan.objectives)
            change = editor.move_to_week(obj.id, rng.randint(1, plan.weeks))
        elif roll < 0.75:
            change = editor.undo()
        elif roll < 0.85:
            change = editor.redo()
        else:  # a status change (done or not): not a move, counted in full
            obj = rng.choice(plan.objectives)
            change = editor.set_status(obj.id, rng.choice(plan.statuses))
        if change is None:
            continue
        moved = moved_weeks(change, plan.objectives)
        if roll >= 0.85 and change.steps:
            assert moved is None
        full = control_marks(plan, TODAY)
        if moved is not None:
            used += 1
            same_marks(control_marks(plan, TODAY, moved_from=(marks, moved)), full)
        marks = full
    assert used >= 20


def test_a_change_that_does_more_than_move_weeks_is_counted_in_full() -> None:
    plan = generate_plan(40, seed=1, linked=True)
    editor = Editor(plan, lambda: TODAY)
    oid = plan.objectives[3].id
    assert moved_weeks(editor.move_to_week(oid, 5), plan.objectives) is not None
    assert moved_weeks(editor.set_status(oid, "blocked"), plan.objectives) is None
    assert moved_weeks(editor.delete_objective(oid), plan.objectives) is None  # the list lost an objective


def test_the_critical_path_after_cards_moved_to_later_weeks_is_the_one_tuples_ranked() -> None:
    from tests.unit.test_marks_once import _reference_path

    plan = generate_plan(400, seed=4, linked=True)
    editor = Editor(plan, lambda: TODAY)
    rng = random.Random(4)
    for _ in range(12):  # each goes to the end of a later week: the ones waiting on it now come before it
        obj = rng.choice([o for o in plan.objectives if o.week < plan.weeks - 1 and plan.dependents(o.id)])
        editor.move_to_week(obj.id, obj.week + 2)
        assert critical_path(plan).ids == _reference_path(plan)
        for waiting in [o for o in [obj, *plan.dependents(obj.id)] if o.status != plan.done_status]:
            # ranked, though they come before what they wait on
            chain = chain_to(plan, waiting.id)
            assert chain.ids[-1] == waiting.id and all(
                b.id in a.depends_on for a, b in itertools.pairwise(chain.objectives[::-1])
            )
    cycle = next(o for o in plan.objectives if o.depends_on)  # one in a cycle: it and what waits on it are left out
    plan.objective(cycle.depends_on[0]).depends_on.append(cycle.id)
    assert critical_path(plan).ids == _reference_path(plan)

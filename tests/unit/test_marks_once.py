"""The board's rollout-control marks are worked out once per change and shared: slips once, one count of
the weeks for health and the column headers; the critical path ranks chains with integers. Each gives
what the slower way gave."""

from __future__ import annotations

import random
from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bench.generate import generate_plan
from board.model import Plan
from board.model import dependencies as dependencies_module
from board.model import health as health_module
from board.model.critical_path import chain_to, critical_path
from board.model.health import plan_health
from board.widgets import control_marks as marks_module
from board.widgets.column import phase_header
from board.widgets.control_marks import control_marks


def _reference_path(plan: Plan) -> list[str]:
    """The critical path as it was ranked before: a tuple (length, week, -number) an objective."""
    done = plan.done_status
    objectives = [o for o in plan.objectives if o.status != done]
    index = {o.id: i for i, o in enumerate(objectives)}
    deps = [[index[d] for d in dict.fromkeys(o.depends_on) if d in index and d != o.id] for o in objectives]
    rank: list[tuple[int, int, int] | None] = [None] * len(objectives)
    prev = [-1] * len(objectives)
    waiting = [len(ds) for ds in deps]
    dependents: list[list[int]] = [[] for _ in deps]
    for i, ds in enumerate(deps):
        for d in ds:
            dependents[d].append(i)
    ready = [i for i, n in enumerate(waiting) if not n]
    while ready:
        i = ready.pop()
        best, via = (0, 0, 0), -1
        for d in deps[i]:
            candidate = rank[d]
            assert candidate is not None
            if candidate > best:
                best, via = candidate, d
        rank[i] = (best[0] + 1, objectives[i].week, -i)
        prev[i] = via
        for nxt in dependents[i]:
            waiting[nxt] -= 1
            if not waiting[nxt]:
                ready.append(nxt)
    ranked = [(r, i) for i, r in enumerate(rank) if r is not None]
    if not ranked:
        return []
    node, found = max(ranked)[1], []
    while node >= 0:
        found.append(objectives[node].id)
        node = prev[node]
    return found[::-1]


def _shuffled(seed: int, size: int) -> Plan:
    """A generated plan with links anywhere: forward, backward, to itself, twice, in cycles."""
    plan = generate_plan(size, seed=seed % 5, linked=True)
    rng = random.Random(seed)
    ids = [o.id for o in plan.objectives]
    for obj in plan.objectives:
        if rng.random() < 0.3:
            obj.depends_on = rng.sample(ids, rng.randint(0, min(3, len(ids))))
        if rng.random() < 0.05:
            obj.depends_on = [obj.id, *obj.depends_on, *obj.depends_on]
        if rng.random() < 0.2:
            obj.status = rng.choice(plan.statuses)
        if rng.random() < 0.2:
            obj.week = rng.randint(1, plan.weeks)
    return plan


@settings(max_examples=60, deadline=None)
@given(seed=st.integers(0, 100_000), size=st.integers(1, 80))
@pytest.mark.slow
def test_the_critical_path_is_the_one_tuples_ranked(seed: int, size: int) -> None:
    plan = _shuffled(seed, size)
    assert critical_path(plan).ids == _reference_path(plan)


def test_the_critical_path_of_a_linked_plan_and_a_chain_to_an_objective() -> None:
    plan = generate_plan(400, seed=2, linked=True)
    chain = critical_path(plan)
    assert chain.ids == _reference_path(plan)
    assert len(chain) > 3
    assert chain_to(plan, chain.ids[-1]).ids == chain.ids
    for later, earlier in zip(chain.objectives[1:], chain.objectives, strict=False):
        assert earlier.id in later.depends_on


@settings(max_examples=40, deadline=None)
@given(seed=st.integers(0, 100_000), day=st.dates(date(2026, 10, 1), date(2027, 2, 1)))
@pytest.mark.slow
def test_the_headers_counts_from_the_marks_are_the_phases_own(seed: int, day: date) -> None:
    plan = _shuffled(seed, 60)
    marks = control_marks(plan, day)
    week = plan.this_week(day)
    for phase in plan.phases:
        done, total = plan.phase_progress(phase)
        late = sum(1 for o in plan.objectives_in(phase) if plan.is_late(o, week)) if week else 0
        assert marks.progress(phase, week) == (done, total, late)
        assert phase_header(plan, phase, 40, marks, week) == phase_header(plan, phase, 40, _uncounted(marks), week)
    assert plan_health(plan, day) == (marks.health, {p: h for p, (h, _) in marks.phases.items()})


def _uncounted(marks: marks_module.Marks) -> marks_module.Marks:
    return marks_module.Marks(marks.critical, marks.slipped, marks.health, marks.phases, None)


def test_the_marks_find_the_slips_once_and_count_the_weeks_once(monkeypatch: pytest.MonkeyPatch) -> None:
    plan = generate_plan(300, seed=1, linked=True)
    for obj in plan.objectives[::7]:
        obj.week = 1  # waiting on what comes later: slips
    calls = {"slips": 0, "weeks": 0}
    real_slips, real_weeks = dependencies_module.slips, health_module.week_counts

    def counted_slips(p: Plan) -> list[dependencies_module.Slip]:
        calls["slips"] += 1
        return real_slips(p)

    def counted_weeks(p: Plan) -> dict[int, tuple[int, int, int]]:
        calls["weeks"] += 1
        return real_weeks(p)

    for module in (dependencies_module, health_module, marks_module):
        if hasattr(module, "slips"):
            monkeypatch.setattr(module, "slips", counted_slips)
        if hasattr(module, "week_counts"):
            monkeypatch.setattr(module, "week_counts", counted_weeks)
    marks = control_marks(plan, date(2026, 11, 30))
    assert calls == {"slips": 1, "weeks": 1}
    assert marks.slipped == dependencies_module.slipped_ids(plan) != set()


@settings(max_examples=30, deadline=None)
@given(seed=st.integers(0, 100_000))
@pytest.mark.slow
def test_marks_taken_over_after_a_change_that_keeps_the_links_are_the_fresh_marks(seed: int) -> None:
    from board.model import Editor, PlanError
    from board.widgets.control_marks import keeps_links

    plan = _shuffled(seed, 40)
    day = date(2026, 11, 30)
    editor = Editor(plan, today=lambda: day)
    rng = random.Random(seed)
    marks = control_marks(plan, day)
    for _ in range(25):
        oid = rng.choice([o.id for o in plan.objectives])
        kind = rng.randrange(8)
        try:
            if kind == 0:
                change = editor.advance(oid)
            elif kind == 1:
                change = editor.toggle_blocked(oid, "legal")
            elif kind == 2:
                change = editor.set_status(oid, rng.choice(plan.statuses))
            elif kind == 3:
                change = editor.set_notes(oid, "noted")
            elif kind == 4:
                change = editor.edit_objective(oid, title="Retitled", tags=["t"])
            elif kind == 5:
                change = editor.shift_week(oid, rng.choice([-1, 1]))
            else:
                change = editor.undo() if kind == 6 else editor.redo()
        except PlanError:
            continue
        if change is None:
            continue
        fresh = control_marks(plan, day)
        if keeps_links(change, plan.done_status):
            assert control_marks(plan, day, marks) == fresh
        marks = fresh


def test_which_changes_keep_the_links() -> None:
    from board.model import Editor
    from board.widgets.control_marks import keeps_links

    plan = generate_plan(30, seed=1, linked=True)
    editor = Editor(plan, today=lambda: date(2026, 11, 30))
    todo = next(o for o in plan.objectives if o.status == "todo" and o.depends_on and o.week < plan.weeks)
    done = plan.done_status
    assert keeps_links(editor.set_status(todo.id, "in-progress"), done)
    assert keeps_links(editor.toggle_blocked(todo.id, "waiting"), done)
    assert keeps_links(editor.set_notes(todo.id, "a note"), done)
    assert not keeps_links(editor.set_status(todo.id, done), done)
    assert not keeps_links(editor.shift_week(todo.id, 1), done)
    assert not keeps_links(editor.edit_objective(todo.id, depends_on=[]), done)

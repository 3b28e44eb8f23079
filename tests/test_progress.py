"""Late objectives (Plan.late) and each phase's counts (board/model/progress.py)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from board import store
from board.model import Plan
from board.model.progress import (
    PhaseCounts,
    count_objectives,
    phase_counts,
    unplaced_objectives,
)

BOARD_PLAN = Path(__file__).parent / "data" / "board-plan.toml"


def test_late_is_a_past_week_not_done() -> None:
    plan = store.load(BOARD_PLAN)  # started 2026-11-16; week 1 all done, week 2 under way
    assert plan.late(date(2026, 11, 25)) == []  # week 2: only week 1 has passed
    late = plan.late(date(2026, 11, 30))  # week 3
    assert [o.id for o in late] == [
        "input-sanitization",
        "xss-prevention",
        "automated-security",
        "monitoring-dashboards",
    ]
    plan.objective("xss-prevention").status = "done"
    assert "xss-prevention" not in [o.id for o in plan.late(date(2026, 11, 30))]
    assert plan.late(date(2026, 11, 1)) == []  # before the start


def test_nothing_is_late_without_a_start(bundled: Plan) -> None:
    assert bundled.start is None
    assert bundled.late(date(2030, 1, 1)) == []
    assert not bundled.is_late(bundled.objectives[0], None)


def test_phase_counts_by_kind_of_status() -> None:
    plan = store.load(BOARD_PLAN)
    p1 = plan.phase("p1")
    counts = phase_counts(plan, p1, date(2026, 11, 30))
    objectives = plan.objectives_in(p1)
    assert counts.total == len(objectives) == 8
    assert counts.done == sum(o.status == "done" for o in objectives)
    assert counts.in_progress == sum(o.status == "in-progress" for o in objectives)
    assert counts.blocked == sum(o.status == "blocked" for o in objectives)
    assert counts.late == counts.total - counts.done  # both weeks of P1 have passed on 2026-11-30
    assert counts.done and counts.in_progress  # the fixture has both
    assert phase_counts(plan, plan.phase("p4"), date(2026, 11, 30)) == PhaseCounts(total=8)


def test_custom_statuses_between_first_and_done_count_as_in_progress() -> None:
    plan = store.load(BOARD_PLAN)
    plan.statuses = ["todo", "doing", "review", "blocked", "done"]
    objectives = plan.objectives_in(plan.phase("p2"))
    objectives[0].status, objectives[1].status, objectives[2].status = "doing", "review", "blocked"
    for obj in objectives[3:]:
        obj.status = "todo"
    counts = phase_counts(plan, plan.phase("p2"), date(2026, 11, 25))
    assert (counts.in_progress, counts.blocked, counts.done, counts.late) == (2, 1, 0, 0)


def test_unplaced_objectives_are_those_of_weeks_no_phase_covers(bundled: Plan) -> None:
    assert unplaced_objectives(bundled) == []
    bundled.phases = bundled.phases[:2]  # weeks 5-8 now belong to no phase
    unplaced = unplaced_objectives(bundled)
    assert unplaced and {o.week for o in unplaced} == {5, 6, 7, 8}
    assert count_objectives(bundled, unplaced) == PhaseCounts(total=len(unplaced))

"""Progress of the plan as a whole: each phase's counts by kind of status, and the objectives
no phase holds.

"Late" (:meth:`Plan.is_late`) is an objective of a week that has passed (before this
week of the plan) that is not done. Nothing here is stored: every fact is computed
from the plan and today's date.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from .plan import BLOCKED, Objective, Phase, Plan


@dataclass(frozen=True)
class PhaseCounts:
    """A phase's objectives: how many in all, done, in progress (any status between the first
    and done except blocked), blocked, and late (see :meth:`Plan.is_late`; late ones are also counted
    by their status)."""

    total: int = 0
    done: int = 0
    in_progress: int = 0
    blocked: int = 0
    late: int = 0


def phase_counts(plan: Plan, phase: Phase, today: date | None = None) -> PhaseCounts:
    return count_objectives(plan, plan.objectives_in(phase), today)


def unplaced_objectives(plan: Plan) -> list[Objective]:
    """Objectives of weeks no phase covers (every objective of a plan with no phases)."""
    return [o for o in plan.objectives if plan.phase_of_week(o.week) is None]


def count_objectives(plan: Plan, objectives: Iterable[Objective], today: date | None = None) -> PhaseCounts:
    """:class:`PhaseCounts` of any group of objectives."""
    week = plan.this_week(today)
    done_status, first = plan.done_status, plan.first_status
    total = done = in_progress = blocked = late = 0
    for obj in objectives:
        total += 1
        if obj.status == done_status:
            done += 1
        elif obj.status == BLOCKED:
            blocked += 1
        elif obj.status != first:
            in_progress += 1
        if plan.is_late(obj, week):
            late += 1
    return PhaseCounts(total, done, in_progress, blocked, late)

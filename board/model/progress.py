"""Progress of the plan as a whole: what is late, and each phase's counts by kind of status.

"Late" is an objective of a week that has passed (before this week of the plan)
that is not done. Nothing here is stored: every fact is computed from the plan
and today's date.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from .plan import BLOCKED, Objective, Phase, Plan


def is_late(plan: Plan, obj: Objective, this_week: int | None) -> bool:
    """``obj`` belongs to a week before ``this_week`` and is not done."""
    return this_week is not None and obj.week < this_week and obj.status != plan.done_status


def late_objectives(plan: Plan, today: date | None = None) -> list[Objective]:
    """Objectives of past weeks that are not done (none before the plan starts or without a start date)."""
    week = plan.this_week(today)
    return [o for o in plan.objectives if is_late(plan, o, week)]


@dataclass(frozen=True)
class PhaseCounts:
    """A phase's objectives: how many in all, done, in progress (any status between the first
    and done except blocked), blocked, and late (see :func:`is_late`; late ones are also counted
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
        if is_late(plan, obj, week):
            late += 1
    return PhaseCounts(total, done, in_progress, blocked, late)

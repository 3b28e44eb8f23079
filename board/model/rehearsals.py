"""Rollback readiness from a phase's rehearsal log: fresh, stale or never rehearsed, within budget or not.

A phase's rollback is ready when its last rehearsal went ok, is no older than
``rehearsal_max_age`` days (default 14) and took no longer than the budget.
Stale: the last ok rehearsal is older than the limit, or there was none by the
phase's first week.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta

from .control import DEFAULT_REHEARSAL_MAX_AGE, Rehearsal
from .durations import parse_duration, short_minutes

TYPE_CHECKING = False
if TYPE_CHECKING:
    from .plan import Phase, Plan


@dataclass(frozen=True)
class Readiness:
    """Whether a phase's rollback is rehearsed: recently enough and within its budget."""

    last: Rehearsal | None
    """The latest rehearsal, whatever its outcome."""
    last_ok: Rehearsal | None
    """The latest rehearsal that went ok."""
    max_age: int
    stale: bool
    over_budget: bool
    """The last rehearsal took longer than the phase's rollback budget."""
    reasons: list[str] = field(default_factory=list)
    """Why the rollback is not ready, one line each (empty when ready)."""

    @property
    def ready(self) -> bool:
        return not self.reasons


def max_age(phase: Phase) -> int:
    return phase.rehearsal_max_age if phase.rehearsal_max_age is not None else DEFAULT_REHEARSAL_MAX_AGE


def took_minutes(rehearsal: Rehearsal) -> int | None:
    try:
        return parse_duration(rehearsal.took)
    except ValueError:
        return None


def phase_start(plan: Plan, phase: Phase) -> date | None:
    """The Monday of the phase's first week, when the plan has a start date."""
    if plan.start is None:
        return None
    return plan.start + timedelta(weeks=phase.first_week - 1)


def phase_end(plan: Plan, phase: Phase) -> date | None:
    """The Sunday of the phase's last week, when the plan has a start date."""
    if plan.start is None:
        return None
    return plan.start + timedelta(weeks=phase.last_week, days=-1)


def latest(rehearsals: list[Rehearsal]) -> Rehearsal | None:
    """The latest rehearsal by date (the later entry of one day)."""
    best: Rehearsal | None = None
    for rehearsal in rehearsals:
        if best is None or rehearsal.date >= best.date:
            best = rehearsal
    return best


def readiness(plan: Plan, phase: Phase, today: date) -> Readiness:
    limit = max_age(phase)
    last = latest(phase.rehearsals)
    last_ok = latest([r for r in phase.rehearsals if r.ok])
    reasons: list[str] = []
    stale = False
    over = False
    if last_ok is None:
        started = phase_start(plan, phase)
        stale = started is not None and today >= started
        if last is None:
            reasons.append("rollback never rehearsed")
        else:
            reasons.append(f"rollback rehearsal failed on {last.date.isoformat()}, none went ok")
    else:
        age = (today - last_ok.date).days
        if age > limit:
            stale = True
            reasons.append(
                f"rollback rehearsal stale: last ok {last_ok.date.isoformat()}, {age} days ago (limit {limit})"
            )
        if last is not None and last is not last_ok and not last.ok:
            reasons.append(f"last rollback rehearsal failed on {last.date.isoformat()}")
    judged = last_ok if last is None or last.ok else last
    if judged is not None:
        took, budget = took_minutes(judged), phase.budget_minutes()
        if took is not None and budget is not None and took > budget:
            over = True
            reasons.append(f"last rehearsal took {short_minutes(took)}, over the {short_minutes(budget)} budget")
    return Readiness(last, last_ok, limit, stale, over, reasons)

"""Plan health, derived: each phase and the plan on track, at risk or off track, with the reasons.

The rules and their thresholds (also in README.md, "Plan health"):

- late objectives (a past week, not done): 1 is at risk; ``LATE_OFF`` or more, or
  ``SHARE_OFF`` of the phase's objectives, is off track;
- blocked objectives: the same thresholds;
- a NO-GO gate with ``GATE_DAYS`` days or fewer left in the phase is at risk; a
  NO-GO gate of a phase that has ended is off track;
- rollback over budget (estimate or last rehearsal) or unrehearsed (stale) is at risk;
- active contingencies: the plan and this week's phase are at risk;
- slipped dependencies: 1 is at risk; ``SLIPS_OFF`` or more is off track.

The plan takes the worst of its phases. Dates need the plan's ``start``; without
it nothing is late and no gate is near.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import date
from operator import attrgetter

from .dependencies import Slip, slips
from .gates import verdict
from .rehearsals import phase_end, readiness

TYPE_CHECKING = False
if TYPE_CHECKING:
    from .plan import Objective, Phase, Plan

ON_TRACK, AT_RISK, OFF_TRACK = "on track", "at risk", "off track"
LEVELS = (ON_TRACK, AT_RISK, OFF_TRACK)
LATE_OFF = 3
BLOCKED_OFF = 3
SHARE_OFF = 0.25
SLIPS_OFF = 3
GATE_DAYS = 7


@dataclass
class Health:
    """How a phase (or the plan) stands, and the reasons for it."""

    level: str = ON_TRACK
    reasons: list[str] = field(default_factory=list)

    def add(self, level: str, reason: str) -> None:
        self.reasons.append(reason)
        if LEVELS.index(level) > LEVELS.index(self.level):
            self.level = level

    @property
    def symbol(self) -> str:
        """Reads without colour: ● on track, ▲ at risk, ✕ off track."""
        return {ON_TRACK: "●", AT_RISK: "▲", OFF_TRACK: "✕"}[self.level]


def is_late(plan: Plan, obj: Objective, today: date) -> bool:
    """An objective of a past week that is not done."""
    week = plan.this_week(today)
    return week is not None and obj.week < week and obj.status != plan.done_status


def late(plan: Plan, today: date) -> list[Objective]:
    week = plan.this_week(today)
    if week is None:
        return []
    done = plan.done_status
    return [o for o in plan.objectives if o.week < week and o.status != done]


def _plural(n: int, word: str) -> str:
    return f"{n} {word}{'' if n == 1 else 's'}"


def _count_rule(health: Health, count: int, total: int, off_at: int, what: str) -> None:
    if not count:
        return
    off = count >= off_at or (total and count / total >= SHARE_OFF)
    health.add(OFF_TRACK if off else AT_RISK, f"{_plural(count, 'objective')} {what}")


def week_counts(plan: Plan) -> dict[int, tuple[int, int, int]]:
    """Week -> (objectives, done, blocked): the one pass over the objectives that health and the
    board's column headers share (counted in C: at 50,000 objectives a loop in Python costs 20-40 ms)."""
    by = Counter(map(attrgetter("week", "status"), plan.objectives))
    done = plan.done_status
    weeks: dict[int, list[int]] = {}
    for (week, status), n in by.items():
        counts = weeks.setdefault(week, [0, 0, 0])
        counts[0] += n
        if status == done:
            counts[1] += n
        elif status == "blocked":
            counts[2] += n
    return {week: (c[0], c[1], c[2]) for week, c in weeks.items()}


def plan_health(
    plan: Plan,
    today: date,
    found: list[Slip] | None = None,
    counts: dict[int, tuple[int, int, int]] | None = None,
) -> tuple[Health, dict[str, Health]]:
    """The plan's health and each phase's (by phase id), in one pass over the objectives.

    ``found`` (the plan's :func:`slips`) and ``counts`` (its :func:`week_counts`) when the caller
    has them already: the board works them out once per change for its marks and headers."""
    week = plan.this_week(today)
    phase_of_week: dict[int, Phase] = {}
    for phase in plan.phases:
        for w in range(max(phase.first_week, 1), min(phase.last_week, plan.weeks) + 1):
            phase_of_week.setdefault(w, phase)
    totals = {p.id: 0 for p in plan.phases}
    late_n = dict(totals)
    blocked_n = dict(totals)
    slips_n = dict(totals)
    for w, (total, done_n, blocked) in (week_counts(plan) if counts is None else counts).items():
        holder = phase_of_week.get(w)
        if holder is None:
            continue
        totals[holder.id] += total
        blocked_n[holder.id] += blocked
        if week is not None and w < week:
            late_n[holder.id] += total - done_n
    for slip in slips(plan) if found is None else found:
        holder = phase_of_week.get(slip.objective.week)
        if holder is not None:
            slips_n[holder.id] += 1
    active = [c for c in plan.contingencies if c.active]
    current = plan.phase_of_week(week) if week is not None else None
    phases: dict[str, Health] = {}
    for phase in plan.phases:
        health = Health()
        total = totals[phase.id]
        _count_rule(health, late_n[phase.id], total, LATE_OFF, "late")
        _count_rule(health, blocked_n[phase.id], total, BLOCKED_OFF, "blocked")
        _gate_rule(health, plan, phase, today)
        _rollback_rule(health, plan, phase, today)
        if active and phase is current:
            health.add(AT_RISK, f"{_plural(len(active), 'contingency')} active")
        if slips_n[phase.id]:
            n = slips_n[phase.id]
            health.add(OFF_TRACK if n >= SLIPS_OFF else AT_RISK, f"{_plural(n, 'dependency')} slipped")
        phases[phase.id] = health
    overall = Health()
    for phase in plan.phases:
        health = phases[phase.id]
        for reason in health.reasons:
            overall.add(health.level, f"{phase.id}: {reason}")
    if active:
        overall.add(AT_RISK, f"{_plural(len(active), 'contingency')} active: " + ", ".join(c.name for c in active))
    return overall, phases


def _gate_rule(health: Health, plan: Plan, phase: Phase, today: date) -> None:
    end = phase_end(plan, phase)
    if end is None or (end - today).days > GATE_DAYS:
        return
    result = verdict(plan, phase, today)
    if result.go:
        return
    if today > end:
        health.add(OFF_TRACK, f"gate NO-GO after the phase ended ({len(result.open)} open)")
    else:
        days = (end - today).days
        health.add(AT_RISK, f"gate NO-GO with {_plural(days, 'day')} left ({len(result.open)} open)")


def _rollback_rule(health: Health, plan: Plan, phase: Phase, today: date) -> None:
    if phase.rollback_over_budget():
        health.add(AT_RISK, "rollback estimate over budget")
    ready = readiness(plan, phase, today)
    if ready.over_budget:
        health.add(AT_RISK, "last rehearsal over budget")
    if ready.stale:
        health.add(AT_RISK, "rollback unrehearsed" if ready.last_ok is None else "rollback rehearsal stale")

"""Starting a plan: a blank one shaped by weeks and phases, or a fresh copy of another plan.

Used by ``rollout-board new`` and the plan picker. No Textual, no disk.
"""

from __future__ import annotations

import copy
from datetime import date, timedelta

from .plan import DEFAULT_STATUSES, Phase, Plan

MAX_WEEKS = 520


def monday_of(day: date) -> date:
    return day - timedelta(days=day.weekday())


def title_from_name(name: str) -> str:
    """``q3-rollout`` → ``Q3 rollout``: a plan's first title, from its file name."""
    words = name.replace("_", "-").split("-")
    text = " ".join(w for w in words if w)
    return text[:1].upper() + text[1:] if text else "New plan"


def phase_spans(weeks: int, phases: int) -> list[tuple[int, int]]:
    """``phases`` runs of weeks covering 1..``weeks`` in order, as even as they can be (earlier ones longer)."""
    if not 1 <= weeks <= MAX_WEEKS:
        raise ValueError(f"weeks must be between 1 and {MAX_WEEKS}, not {weeks}")
    if not 1 <= phases <= weeks:
        raise ValueError(f"phases must be between 1 and the number of weeks ({weeks}), not {phases}")
    spans = []
    first = 1
    for index in range(phases):
        length = weeks // phases + (1 if index < weeks % phases else 0)
        spans.append((first, first + length - 1))
        first += length
    return spans


def blank_plan(title: str, weeks: int = 8, phases: int = 1, start: date | None = None) -> Plan:
    """A minimal valid plan: ``phases`` phases over ``weeks`` weeks, no objectives, the four statuses,
    empty registers and checklists."""
    plan = Plan(title=title, weeks=weeks, start=start, statuses=list(DEFAULT_STATUSES))
    for number, (first, last) in enumerate(phase_spans(weeks, phases), start=1):
        plan.phases.append(Phase(f"p{number}", f"Phase {number}", first, last))
    return plan


def fresh_copy(plan: Plan, start: date | None = None) -> Plan:
    """``plan`` ready to run again: every objective back to the first status, ticks off, no readings,
    no dates (``start`` aside), contingencies on standby, risks open. Structure, owners and notes stay."""
    new = copy.deepcopy(plan)
    new.start = start
    first = new.first_status
    for obj in new.objectives:
        obj.status = first
        obj.changed = None
        obj.blocked_reason = ""
    for phase in new.phases:
        phase.rehearsed = None
        for criterion in phase.criteria:
            criterion.met = False
        for step in phase.rollback_steps:
            step.done = False
        for risk in phase.risks:
            risk.state = "open"
    for checklist in new.iter_checklists():
        for item in checklist.items:
            item.done = False
    for metric in new.metrics:
        metric.current = None
        metric.history = []
    for plan_ in new.contingencies:
        plan_.active = False
        plan_.activated = None
    return new

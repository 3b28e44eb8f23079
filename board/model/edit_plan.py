"""Editing the plan's own fields (title, weeks, start …)."""

from __future__ import annotations

from typing import Any

from .edit_base import (
    OpsBase,
    day,
    fail,
    free_text,
    no_unknown,
    one_line,
    whole,
)
from .history import Change
from .plan import Objective, Phase, Plan
from .rules import weeks_label

PLAN_FIELDS = ("title", "summary", "weeks", "start", "closing", "notes")


class PlanOps(OpsBase):
    def edit_plan(self, *, beyond: str | None = None, **fields: Any) -> Change:
        """Set any of title, summary, weeks, start (a date, ``"YYYY-MM-DD"`` or None), closing, notes.

        More weeks: the last phase grows to the new end. Fewer weeks: the phases after
        the new end are removed and the one holding it ends there. Objectives after the
        new end need ``beyond``: ``"move"`` (to the new last week) or ``"delete"`` (their
        ids leave the dependencies of others); without it the edit is refused, saying
        how many there are. Everything is ONE undoable step.
        """
        plan = self.plan
        no_unknown(fields, PLAN_FIELDS, "plans")
        values: dict[str, Any] = {}
        for name, value in fields.items():
            if name == "title":
                values[name] = one_line(value, "the plan's title")
            elif name == "weeks":
                values[name] = whole(value, "weeks")
            elif name == "start":
                values[name] = day(value, "the start date")
            else:
                values[name] = free_text(value, f"the plan's {name}")
        weeks = values.get("weeks", plan.weeks)
        if weeks < 1:
            fail(f"weeks must be at least 1, not {weeks}")
        if beyond not in (None, "move", "delete"):
            fail(f"objectives after the new end are moved ('move') or deleted ('delete'), not {beyond!r}")
        cut_off = [o for o in plan.objectives if o.week > weeks]
        if cut_off and beyond is None:
            fail(f"{cut_off_words(plan, weeks)}: move them to week {weeks} or delete them")
        change = Change("plan: " + ", ".join(values), structural="weeks" in values or "start" in values)
        old_weeks = plan.weeks
        for name, value in values.items():
            change.set(plan, name, value)
        if weeks != old_weeks:
            self._fit_phases(change, weeks)
            if cut_off:
                self._cut_off(change, cut_off, weeks, beyond == "delete")
        return self._commit(change)

    def _fit_phases(self, change: Change, weeks: int) -> None:
        """The phases made to end with the plan: the last one grows, or those after the end go and one is trimmed."""
        phases = self.plan.phases
        last = max(phases, key=lambda p: p.last_week, default=None)
        if last is None:
            return
        if last.last_week < weeks:
            change.set(last, "last_week", weeks)
            return
        for index in range(len(phases) - 1, -1, -1):
            phase = phases[index]
            if phase.first_week > weeks:
                change.remove(phases, index)
            elif phase.last_week > weeks:
                change.set(phase, "last_week", weeks)

    def _cut_off(self, change: Change, cut_off: list[Objective], weeks: int, delete: bool) -> None:
        objectives = self.plan.objectives
        gone = {o.id for o in cut_off}
        for index in range(len(objectives) - 1, -1, -1):
            if objectives[index].id in gone:
                change.remove(objectives, index)
        for obj in cut_off:
            change.objectives.add(obj.id)
        if delete:
            for other in objectives:
                if any(d in gone for d in other.depends_on):
                    change.set(other, "depends_on", [d for d in other.depends_on if d not in gone])
                    change.objectives.add(other.id)
            return
        at = self._end_of_week(weeks)
        for k, obj in enumerate(cut_off):
            change.set(obj, "week", weeks)
            change.insert(objectives, at + k, obj)


def cut_off_words(plan: Plan, weeks: int) -> str:
    """ "8 objectives are in weeks 7–8" (after a new end at ``weeks``), or "" when none are."""
    cut = [o for o in plan.objectives if o.week > weeks]
    if not cut:
        return ""
    n = len(cut)
    span = weeks_label(weeks + 1, max(o.week for o in cut))
    return f"{n} objective{'s are' if n > 1 else ' is'} in {span}"


def removed_phases(plan: Plan, weeks: int) -> list[Phase]:
    """The phases that a new end at ``weeks`` removes (they start after it)."""
    return [p for p in plan.phases if p.first_week > weeks]


def plan_fields(plan: Plan) -> dict[str, Any]:
    """The plan's editable fields, as :meth:`PlanOps.edit_plan` takes them (for a form)."""
    return {name: getattr(plan, name) for name in PLAN_FIELDS}

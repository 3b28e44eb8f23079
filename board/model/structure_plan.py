"""Editing the plan's own fields (title, weeks, start …) and its status set."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from .history import Change
from .plan import Phase, Plan
from .rules import Issue, objective_issues, phase_issues, status_issues
from .structure_base import (
    OpsBase,
    day,
    fail,
    free_text,
    insert_position,
    move_in_list,
    move_target,
    no_unknown,
    one_line,
    refuse_issues,
    whole,
)

PLAN_FIELDS = ("title", "summary", "weeks", "start", "closing", "notes")


class PlanOps(OpsBase):
    # --- the plan's fields -------------------------------------------------
    def edit_plan(self, **fields: Any) -> Change:
        """Set any of title, summary, weeks, start (a date, ``"YYYY-MM-DD"`` or None), closing, notes.

        More weeks: the last phase grows to the new end. Fewer weeks: the last phase
        shrinks to it; refused when a phase or an objective would be left outside.
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
        spans = self._weeks_check(weeks) if weeks != plan.weeks else []
        change = Change("plan: " + ", ".join(values), structural="weeks" in values or "start" in values)
        for name, value in values.items():
            change.set(plan, name, value)
        for phase, first, last in spans:
            change.set(phase, "first_week", first)
            change.set(phase, "last_week", last)
        return self._commit(change)

    def _weeks_check(self, weeks: int) -> list[tuple[Phase, int, int]]:
        """The phase spans that change with a new number of weeks; refuses what would fall outside."""
        plan = self.plan
        if weeks < 1:
            fail(f"weeks must be at least 1, not {weeks}")
        candidate = replace(plan, weeks=weeks)
        spans = []
        last = max(plan.phases, key=lambda p: p.last_week, default=None)
        if last is not None and last.last_week != weeks and last.first_week <= weeks:
            spans.append((last, last.first_week, weeks))
        issues: list[Issue] = []
        for i, phase in enumerate(plan.phases):
            if not any(phase is changed for changed, _first, _last in spans):
                issues.extend(phase_issues(candidate, phase, ("phases", i)))
        known = {o.id for o in plan.objectives}
        for i, obj in enumerate(plan.objectives):
            if obj.week > weeks:
                issues.extend(
                    x for x in objective_issues(candidate, obj, ("objectives", i), known) if x.path[-1] == "week"
                )
        refuse_issues(issues, count=True)
        return spans

    # --- statuses ----------------------------------------------------------
    def _status_index(self, name: str) -> int:
        try:
            return self.plan.statuses.index(name)
        except ValueError:
            fail(f"no status {name!r} (statuses: {', '.join(self.plan.statuses)})")

    def add_status(self, name: str, index: int | None = None) -> Change:
        """A new status at ``index`` (default: before the last, so the done status stays last)."""
        statuses = self.plan.statuses
        name = one_line(name, "a status", required=False)
        position = insert_position(index, len(statuses), "the status list")
        if index is None:
            position = max(len(statuses) - 1, 0)
        candidate = list(statuses)
        candidate.insert(position, name)
        refuse_issues(status_issues(candidate))
        change = Change(f"added status {name}", structural=True)
        change.insert(statuses, position, name)
        return self._commit(change)

    def rename_status(self, old: str, new: str) -> Change:
        """Rename a status; the objectives in it follow (their ``changed`` dates stay)."""
        statuses = self.plan.statuses
        index = self._status_index(old)
        new = one_line(new, "a status", required=False)
        candidate = list(statuses)
        candidate[index] = new
        refuse_issues(status_issues(candidate))
        change = Change(f"status {old} → {new}", structural=True)
        if new != old:
            change.remove(statuses, index)
            change.insert(statuses, index, new)
            for obj in self.plan.objectives:
                if obj.status == old:
                    change.set(obj, "status", new)
                    change.objectives.add(obj.id)
        return self._commit(change)

    def move_status(self, name: str, delta: int) -> Change:
        """Move a status ``delta`` places (-1 earlier, +1 later) in the status list."""
        statuses = self.plan.statuses
        index = self._status_index(name)
        target = move_target(index, delta, len(statuses), f"status {name!r}")
        change = Change(f"status {name} moved {'earlier' if delta < 0 else 'later'}", structural=True)
        move_in_list(change, statuses, index, target)
        return self._commit(change)

    def delete_status(self, name: str) -> Change:
        """Remove a status no objective uses (a plan keeps at least two)."""
        statuses = self.plan.statuses
        index = self._status_index(name)
        users = self.plan.in_status(name)
        if users:
            many = len(users) > 1
            fail(
                f"status {name!r} is used by {len(users)} objective{'s' if many else ''} ({'e.g. ' if many else ''}{users[0].id!r})"
            )
        candidate = [s for s in statuses if s != name]
        refuse_issues(status_issues(candidate))
        change = Change(f"deleted status {name}", structural=True)
        change.remove(statuses, index)
        return self._commit(change)


def plan_fields(plan: Plan) -> dict[str, Any]:
    """The plan's editable fields, as :meth:`PlanOps.edit_plan` takes them (for a form)."""
    return {name: getattr(plan, name) for name in PLAN_FIELDS}

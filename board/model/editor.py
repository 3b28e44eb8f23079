"""Every change to a plan goes through :class:`Editor`.

Each operation checks its input first (raising :class:`PlanError` with one
clear message and changing nothing), then applies itself as one undoable
:class:`~board.model.history.Change`. The TUI and the CLI share this API.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import fields, replace
from datetime import date, datetime
from typing import Any

from .edit_control import ControlOps
from .errors import PlanError
from .history import Change, History
from .numbers import canonical
from .plan import BLOCKED, ActionTick, Objective, Plan, Reading
from .rules import cycle_problem, objective_issues
from .structure import StructureOps

_OBJECTIVE_FIELDS = {f.name for f in fields(Objective)}


def _field_problem(name: str, value: Any) -> str | None:
    """Why ``value`` cannot be an objective's ``name`` field (its type), or None."""
    if name in ("tags", "depends_on"):
        if isinstance(value, (list, tuple)) and all(isinstance(v, str) for v in value):
            return None
        return f"{name} must be a list of text, not {value!r}"
    if name == "week":
        if isinstance(value, int) and not isinstance(value, bool):
            return None
        return f"week must be a whole number, not {value!r}"
    if name == "changed":
        if value is None or (isinstance(value, date) and not isinstance(value, datetime)):
            return None
        return f"changed must be a date, not {value!r}"
    return None if isinstance(value, str) else f"{name} must be text, not {value!r}"


READ_ONLY = "this board is read-only: nothing can be changed"


class Editor(StructureOps, ControlOps):
    def __init__(self, plan: Plan, today: Callable[[], date] = date.today, *, read_only: bool = False) -> None:
        self.plan = plan
        self.today = today
        self.history = History()
        self._before_blocked: dict[str, str] = {}
        """The status each objective had when it was last blocked (``b`` twice gives it back)."""
        # The rehearsal date a phase had before today's first tick (an untick of every step restores it).
        self._rehearsed_before: dict[str, date | None] = {}
        self.read_only = read_only
        """True refuses every operation (PlanError), leaving the plan as it was."""

    # --- undo / redo -----------------------------------------------------
    def undo(self) -> Change | None:
        return self.history.undo()

    def redo(self) -> Change | None:
        return self.history.redo()

    def combine(self, label: str, *operations: Callable[[], Change]) -> Change:
        """Run several operations as ONE undoable step: all of them, or (on a PlanError) none."""
        mark = self.history.mark()
        try:
            for operation in operations:
                operation()
        except PlanError:
            self.history.discard_since(mark)
            raise
        return self.history.merge_since(mark, label)

    def _commit(self, change: Change) -> Change:
        if self.read_only and change.steps:
            change.undo()
            raise PlanError(READ_ONLY)
        self.history.record(change)
        return change

    def _objective(self, oid: str) -> Objective:
        try:
            return self.plan.objective(oid)
        except KeyError:
            raise PlanError(f"no objective with id {oid!r}") from None

    def _place(self, obj: Objective) -> int:
        """Where ``obj`` is in the plan's list: from the plan's index, by identity (``list.index`` would
        compare it field by field with every objective before it)."""
        objectives = self.plan.objectives
        at = self.plan.position(obj.id)
        if at is not None and objectives[at] is obj:
            return at
        return next(i for i, other in enumerate(objectives) if other is obj)

    # --- status ----------------------------------------------------------
    def set_status(self, oid: str, status: str) -> Change:
        obj = self._objective(oid)
        if status not in self.plan.statuses:
            raise PlanError(f"unknown status {status!r} (expected one of: {', '.join(self.plan.statuses)})")
        return self._commit(self._status_change(obj, status))

    def _status_change(self, obj: Objective, status: str, reason: str | None = None) -> Change:
        """The status set to ``status`` as one Change; the reason is kept only while blocked
        (``reason`` None: the objective's own, when it stays blocked)."""
        change = Change(f"{obj.id}: {obj.status} → {status}", objectives={obj.id})
        if obj.status != status:
            if status == BLOCKED:
                self._before_blocked[obj.id] = obj.status
            change.set(obj, "status", status)
            change.set(obj, "changed", self.today())
        if reason is None:
            reason = obj.blocked_reason if obj.status == BLOCKED else ""
        change.set(obj, "blocked_reason", reason if status == BLOCKED else "")
        return change

    def advance(self, oid: str) -> Change:
        """todo → in-progress → done; blocked → in-progress."""
        obj = self._objective(oid)
        return self.set_status(oid, self.plan.next_status(obj.status))

    def toggle_blocked(self, oid: str, reason: str = "") -> Change:
        """Block an objective (with an optional one-line ``reason``), or unblock it.

        Unblocking gives back the status it had before it was blocked (in-progress
        when that is not known, e.g. it was blocked in the file) and clears the reason.
        """
        obj = self._objective(oid)
        if self.plan.blocked_status is None:
            raise PlanError("this plan has no 'blocked' status")
        if obj.status == BLOCKED:
            before = self._before_blocked.get(oid)
            if before not in self.plan.statuses or before == BLOCKED:
                before = self.plan.next_status(BLOCKED)
            return self._commit(self._status_change(obj, before))
        problem = _field_problem("blocked_reason", reason)
        if problem:
            raise PlanError(problem)
        text = " ".join(reason.split())
        return self._commit(self._status_change(obj, BLOCKED, text))

    # --- weeks and order -------------------------------------------------
    def move_to_week(self, oid: str, week: int) -> Change:
        obj = self._objective(oid)
        problem = _field_problem("week", week)
        if problem:
            raise PlanError(problem)
        if not 1 <= week <= self.plan.weeks:
            raise PlanError(f"week {week} is outside the plan (weeks 1-{self.plan.weeks})")
        change = Change(f"{oid}: week {obj.week} → {week}", objectives={oid})
        if week != obj.week:
            # The objective goes to the end of its new week, so the file keeps weeks together.
            objectives = self.plan.objectives
            change.remove(objectives, self._place(obj))
            change.set(obj, "week", week)
            change.insert(objectives, self._end_of_week(week), obj)
        return self._commit(change)

    def shift_week(self, oid: str, delta: int) -> Change:
        obj = self._objective(oid)
        return self.move_to_week(oid, obj.week + delta)

    def _end_of_week(self, week: int) -> int:
        """The list index just after the last objective of ``week`` (or where it would go)."""
        objectives = self.plan.objectives
        for i in range(len(objectives) - 1, -1, -1):
            if objectives[i].week <= week:
                return i + 1
        return 0

    def reorder_objective(self, oid: str, delta: int, same: Callable[[Objective], bool] | None = None) -> Change:
        """Swap ``oid`` with its nearest neighbour (``delta`` -1 up, +1 down) for which ``same`` holds.

        ``same`` defaults to "in the same week", the phase board's grouping.
        """
        obj = self._objective(oid)
        if delta not in (-1, 1):
            raise PlanError("reorder moves one place up (-1) or down (+1)")
        keep = same or (lambda other: other.week == obj.week)
        objectives = self.plan.objectives
        here = self._place(obj)
        there = here + delta
        while 0 <= there < len(objectives) and not keep(objectives[there]):
            there += delta
        if not 0 <= there < len(objectives):
            raise PlanError(f"{oid} is already {'first' if delta < 0 else 'last'}")
        other = objectives[there]
        change = Change(f"{oid}: moved {'up' if delta < 0 else 'down'}", objectives={oid, other.id})
        low, high = sorted((here, there))
        first, second = objectives[low], objectives[high]
        change.remove(objectives, high)
        change.remove(objectives, low)
        change.insert(objectives, low, second)
        change.insert(objectives, high, first)
        return self._commit(change)

    # --- add / edit / delete ---------------------------------------------
    def add_objective(self, obj: Objective, index: int | None = None) -> Change:
        for name in sorted(_OBJECTIVE_FIELDS):
            problem = _field_problem(name, getattr(obj, name))
            if problem:
                raise PlanError(problem)
        if self.plan.find_objective(obj.id) is not None:
            raise PlanError(f"an objective with id {obj.id!r} already exists")
        self._check(obj)
        change = Change(f"added {obj.id}", objectives={obj.id})
        if obj.changed is None:
            obj.changed = self.today()
        change.insert(self.plan.objectives, self._end_of_week(obj.week) if index is None else index, obj)
        return self._commit(change)

    def edit_objective(self, oid: str, **values: Any) -> Change:
        """Change any fields of an objective; a new ``id`` carries the objectives that depend on it."""
        obj = self._objective(oid)
        unknown = set(values) - _OBJECTIVE_FIELDS
        if unknown:
            raise PlanError(f"objectives have no field {sorted(unknown)[0]!r}")
        for name, value in values.items():
            problem = _field_problem(name, value)
            if problem:
                raise PlanError(problem)
        candidate = replace(obj, **values)
        new_id = candidate.id
        if new_id != oid and self.plan.find_objective(new_id) is not None:
            raise PlanError(f"an objective with id {new_id!r} already exists")
        ids = {o.id for o in self.plan.objectives if o.id != oid} | {new_id}
        self._check(candidate, ids)
        graph = {o.id: [new_id if d == oid else d for d in o.depends_on] for o in self.plan.objectives if o.id != oid}
        graph[new_id] = list(candidate.depends_on)
        cycle = cycle_problem(graph, new_id)
        if cycle:
            raise PlanError(cycle)
        change = Change(f"edited {new_id}", objectives={oid, new_id})
        status_changed = candidate.status != obj.status
        week_changed = candidate.week != obj.week
        for name, value in values.items():
            if name not in ("week", "changed"):
                change.set(obj, name, list(value) if isinstance(value, (list, tuple)) else value)
        if status_changed and candidate.status != BLOCKED and "blocked_reason" not in values:
            change.set(obj, "blocked_reason", "")
        if status_changed and candidate.status == BLOCKED:
            self._before_blocked[obj.id] = obj.status
        if status_changed and "changed" not in values:
            change.set(obj, "changed", self.today())
        elif "changed" in values:
            change.set(obj, "changed", values["changed"])
        if new_id != oid:
            for other in self.plan.dependents(oid):
                change.set(other, "depends_on", [new_id if d == oid else d for d in other.depends_on])
                change.objectives.add(other.id)
        if week_changed:
            objectives = self.plan.objectives
            change.remove(objectives, self._place(obj))
            change.set(obj, "week", candidate.week)
            change.insert(objectives, self._end_of_week(candidate.week), obj)
        return self._commit(change)

    def delete_objective(self, oid: str) -> Change:
        """Remove an objective, and its id from the dependencies of others (undo restores both)."""
        obj = self._objective(oid)
        change = Change(f"deleted {oid}", objectives={oid})
        for other in self.plan.dependents(oid):
            change.set(other, "depends_on", [d for d in other.depends_on if d != oid])
            change.objectives.add(other.id)
        change.remove(self.plan.objectives, self._place(obj))
        return self._commit(change)

    def set_notes(self, oid: str, notes: str) -> Change:
        obj = self._objective(oid)
        problem = _field_problem("notes", notes)
        if problem:
            raise PlanError(problem)
        change = Change(f"{oid}: notes", objectives={oid})
        change.set(obj, "notes", notes)
        return self._commit(change)

    def _check(self, obj: Objective, ids: set[str] | None = None) -> None:
        known = ids if ids is not None else {o.id for o in self.plan.objectives} | {obj.id}
        issues = objective_issues(self.plan, obj, (), known)
        if issues:
            raise PlanError(issues[0].message)

    # --- phases: criteria and rollback ------------------------------------
    def _phase(self, pid: str):
        try:
            return self.plan.phase(pid)
        except KeyError:
            raise PlanError(f"no phase with id {pid!r}") from None

    def tick_criterion(self, pid: str, index: int, met: bool | None = None) -> Change:
        phase = self._phase(pid)
        criterion = _item(phase.criteria, index, f"phase {pid!r} has no criterion {index + 1}")
        if criterion.metric:
            raise PlanError(
                f"criterion {index + 1} of {pid} is linked to metric {criterion.metric!r}: "
                "it is met from the metric's current value (record one with v on the metrics panel)"
            )
        value = (not criterion.met) if met is None else met
        change = Change(f"{pid}: criterion {index + 1} {'met' if value else 'not met'}")
        change.set(criterion, "met", value)
        return self._commit(change)

    def tick_rollback_step(self, pid: str, index: int, done: bool | None = None) -> Change:
        """Tick a rollback step during a rehearsal; the phase records the rehearsal's date."""
        phase = self._phase(pid)
        step = _item(phase.rollback_steps, index, f"phase {pid!r} has no rollback step {index + 1}")
        value = (not step.done) if done is None else done
        change = Change(f"{pid}: rollback step {index + 1} {'done' if value else 'not done'}")
        change.set(step, "done", value)
        today = self.today()
        if value:
            if phase.rehearsed != today:
                self._rehearsed_before[pid] = phase.rehearsed
            change.set(phase, "rehearsed", today)
        elif (
            not any(s.done for s in phase.rollback_steps) and phase.rehearsed == today and pid in self._rehearsed_before
        ):
            # Every tick of today's rehearsal taken back: it did not happen, the last one stands.
            change.set(phase, "rehearsed", self._rehearsed_before[pid])
        return self._commit(change)

    def reset_rollback_steps(self, pid: str) -> Change:
        phase = self._phase(pid)
        change = Change(f"{pid}: rollback rehearsal reset")
        for step in phase.rollback_steps:
            change.set(step, "done", False)
        return self._commit(change)

    # --- checklists, contingencies, metrics -------------------------------
    def tick_check(self, checklist_id: str, index: int, done: bool | None = None) -> Change:
        """Tick an item of a risk-management or final-validation checklist."""
        for checklist in self.plan.iter_checklists():
            if checklist.id == checklist_id:
                break
        else:
            raise PlanError(f"no checklist with id {checklist_id!r}")
        item = _item(checklist.items, index, f"checklist {checklist_id!r} has no item {index + 1}")
        value = (not item.done) if done is None else done
        change = Change(f"{checklist_id}: item {index + 1} {'done' if value else 'not done'}")
        change.set(item, "done", value)
        return self._commit(change)

    def _contingency(self, cid: str):
        try:
            return self.plan.contingency(cid)
        except KeyError:
            raise PlanError(f"no contingency plan with id {cid!r}") from None

    def set_contingency_active(self, cid: str, active: bool) -> Change:
        plan = self._contingency(cid)
        change = Change(f"{cid}: {'active' if active else 'standby'}")
        if plan.active != active:
            change.set(plan, "active", active)
            if active:
                change.set(plan, "activated", self.today())
        return self._commit(change)

    def tick_contingency_action(self, cid: str, index: int, done: bool | None = None) -> Change:
        """Tick (with today's date) or untick an action of an active contingency plan."""
        plan = self._contingency(cid)
        action = _item(plan.actions, index, f"contingency plan {cid!r} has no action {index + 1}")
        tick = plan.tick_of(action)
        value = (tick is None) if done is None else done
        if value and not plan.active:
            raise PlanError(f"contingency plan {cid!r} is on standby: make it active before ticking its actions")
        change = Change(f"{cid}: action {index + 1} {'done' if value else 'not done'}")
        if value and tick is None:
            # Ticks keep the order of the actions, so the file does not depend on the order of ticking.
            position = sum(1 for t in plan.ticked if t.action in plan.actions[:index])
            change.insert(plan.ticked, position, ActionTick(action, self.today()))
        elif not value and tick is not None:
            change.remove(plan.ticked, plan.ticked.index(tick))
        return self._commit(change)

    def set_contingency_notes(self, cid: str, notes: str) -> Change:
        plan = self._contingency(cid)
        problem = _field_problem("notes", notes)
        if problem:
            raise PlanError(problem)
        change = Change(f"{cid}: notes")
        change.set(plan, "notes", notes)
        return self._commit(change)

    def record_metric(self, mid: str, value: float, day: date | None = None) -> Change:
        """Record a metric value on ``day`` (default today); a second value on the same day replaces the first."""
        try:
            metric = self.plan.metric(mid)
        except KeyError:
            known = ", ".join(m.id for m in self.plan.metrics) or "none"
            raise PlanError(f"no metric with id {mid!r} (metrics: {known})") from None
        if isinstance(value, bool) or not isinstance(value, (int, float)) or not math.isfinite(value):
            raise PlanError(f"a metric value must be a finite number, not {value!r}")
        value = canonical(value)
        day = day or self.today()
        change = Change(f"{mid}: {value:g} on {day.isoformat()}")
        history = metric.history
        same = [i for i, r in enumerate(history) if r.date == day]
        if same:
            change.remove(history, same[0])
        index = sum(1 for r in history if r.date < day)
        change.insert(history, index, Reading(day, value))
        change.set(metric, "current", history[-1].value)
        return self._commit(change)


def _item(items: list[Any], index: int, message: str) -> Any:
    if not 0 <= index < len(items):
        raise PlanError(message)
    return items[index]

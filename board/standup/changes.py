"""What changed since the plan was last committed, compared entry by entry.

Objectives by id (status, week, added, removed, other fields edited), then
the state a standup cares about: metric readings, criteria met, rollback
steps rehearsed and contingencies switched on or off.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from board.model import Metric, Objective, Plan
from board.standup.wording import format_value

EDITABLE = ("title", "owner", "tags", "depends_on", "notes")


@dataclass
class Difference:
    """One change: ``kind`` is status, week, added, removed, edited, reading, criterion, rollback or contingency."""

    id: str
    kind: str
    before: str = ""
    after: str = ""
    title: str = ""
    fields: list[str] = field(default_factory=list)

    def __str__(self) -> str:
        if self.kind == "status":
            return f"{self.id}: {self.before} → {self.after}"
        if self.kind == "week":
            return f"{self.id}: week {self.before} → {self.after}"
        if self.kind == "added":
            return f"{self.id}: added ({self.title}), {self.after}"
        if self.kind == "removed":
            return f"{self.id}: removed ({self.title})"
        if self.kind == "edited":
            return f"{self.id}: {', '.join(self.fields)} edited"
        if self.before and self.after:
            return f"{self.id}: {self.title} {self.before} → {self.after}"
        return f"{self.id}: {self.title} {self.after or self.before}".rstrip()


def compare(head: Plan, plan: Plan) -> list[Difference]:
    """The differences from ``head`` (the committed plan) to ``plan``, in the plan's order."""
    changes: list[Difference] = []
    before = {o.id: o for o in head.objectives}
    after = {o.id for o in plan.objectives}
    for obj in plan.objectives:
        old = before.get(obj.id)
        if old is None:
            changes.append(Difference(obj.id, "added", after=f"week {obj.week}, {obj.status}", title=obj.title))
        else:
            changes.extend(_objective(old, obj))
    changes.extend(Difference(o.id, "removed", title=o.title) for o in head.objectives if o.id not in after)
    changes.extend(_phases(head, plan))
    old_metrics = {m.id: m for m in head.metrics}
    for metric in plan.metrics:
        changes.extend(_readings(old_metrics.get(metric.id), metric))
    old_plans = {c.id: c for c in head.contingencies}
    for item in plan.contingencies:
        was = old_plans.get(item.id)
        if was is not None and was.active != item.active:
            state = "active" if item.active else "on standby"
            changes.append(Difference(item.id, "contingency", after=state, title=f"{item.name}:"))
        if was is not None:
            for action in item.actions:
                done, had = item.tick_of(action) is not None, was.tick_of(action) is not None
                if done != had:
                    state = "done" if done else "not done"
                    changes.append(Difference(item.id, "contingency", after=state, title=f"action “{action}”"))
    return changes


def _objective(old: Objective, new: Objective) -> list[Difference]:
    out = []
    if old.status != new.status:
        out.append(Difference(new.id, "status", old.status, new.status, new.title))
    if old.week != new.week:
        out.append(Difference(new.id, "week", str(old.week), str(new.week), new.title))
    edited = [name.replace("_", "-") for name in EDITABLE if getattr(old, name) != getattr(new, name)]
    if edited:
        out.append(Difference(new.id, "edited", title=new.title, fields=edited))
    return out


def _phases(head: Plan, plan: Plan) -> list[Difference]:
    out = []
    old_phases = {p.id: p for p in head.phases}
    for phase in plan.phases:
        old = old_phases.get(phase.id)
        if old is None:
            continue
        old_met = {c.text: c.met for c in old.criteria}
        for criterion in phase.criteria:
            was = old_met.get(criterion.text)
            if was is not None and was != criterion.met:
                state = "met" if criterion.met else "not met"
                out.append(Difference(phase.id, "criterion", after=state, title=f"{criterion.text!r}"))
        done_before = sum(1 for s in old.rollback_steps if s.done)
        done_now = sum(1 for s in phase.rollback_steps if s.done)
        if done_before != done_now:
            total = len(phase.rollback_steps)
            out.append(
                Difference(
                    phase.id, "rollback", f"{done_before}/{total}", f"{done_now}/{total}", "rollback steps rehearsed"
                )
            )
    return out


def _readings(old: Metric | None, metric: Metric) -> list[Difference]:
    previous = {} if old is None else {r.date: r.value for r in old.history}
    now = {r.date: r.value for r in metric.history}
    out = []
    for day, value in sorted(now.items()):
        if day not in previous:
            out.append(
                Difference(
                    metric.id, "reading", after=f"{format_value(metric, value)} on {day.isoformat()}", title="recorded"
                )
            )
        elif previous[day] != value:
            out.append(
                Difference(
                    metric.id,
                    "reading",
                    format_value(metric, previous[day]),
                    format_value(metric, value),
                    f"on {day.isoformat()}",
                )
            )
    for day in sorted(set(previous) - set(now)):
        out.append(
            Difference(
                metric.id,
                "reading",
                before=f"{format_value(metric, previous[day])} on {day.isoformat()}",
                title="removed",
            )
        )
    return out

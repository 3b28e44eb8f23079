"""Dependencies between objectives seen in time: slips, and who slips when an objective moves.

A slip: an objective waits on a dependency scheduled in a later week (neither of
them done), so it cannot finish in its own week.
"""

from __future__ import annotations

from dataclasses import dataclass

TYPE_CHECKING = False
if TYPE_CHECKING:
    from .plan import Objective, Plan


@dataclass(frozen=True)
class Slip:
    """An objective scheduled before (or in the same week as) an objective it depends on."""

    objective: Objective
    dependency: Objective

    def words(self) -> str:
        return (
            f"{self.objective.id} (week {self.objective.week}) depends on "
            f"{self.dependency.id}, scheduled in week {self.dependency.week}"
        )


def slips(plan: Plan) -> list[Slip]:
    """Every slip of the plan, in plan order of the waiting objective and its list of dependencies."""
    done = plan.done_status
    objectives = plan.objectives
    by_id = dict(zip([o.id for o in objectives], objectives, strict=True))
    found = []
    for obj in objectives:
        if not obj.depends_on or obj.status == done:
            continue
        for dep_id in obj.depends_on:
            dep = by_id.get(dep_id)
            if dep is not None and dep.week > obj.week and dep.status != done:
                found.append(Slip(obj, dep))
    return found


def slips_after(plan: Plan, found: list[Slip], reached: list[Objective]) -> list[Slip]:
    """The plan's slips after a change that reached only the ``reached`` objectives (still in the plan),
    from ``found``, its slips before the change: those involving none of them are kept, and those
    involving them are found again (what :func:`slips` finds, in another order: at 50,000 objectives
    a move of one card costs a pass over the dependents instead of one over every link)."""
    done = plan.done_status
    reached_ids = {id(o) for o in reached}
    kept = [s for s in found if id(s.objective) not in reached_ids and id(s.dependency) not in reached_ids]
    find = plan.find_objective
    for obj in reached:
        if obj.status == done:
            continue
        for dep_id in obj.depends_on:  # what it waits on
            dep = find(dep_id)
            if dep is not None and dep.week > obj.week and dep.status != done:
                kept.append(Slip(obj, dep))
        for waiting in plan.dependents(obj.id):  # what waits on it (reached ones were just counted)
            if id(waiting) in reached_ids or waiting.status == done or not obj.week > waiting.week:
                continue
            kept.extend(Slip(waiting, obj) for dep_id in waiting.depends_on if dep_id == obj.id)
    return kept


def slipped_ids(plan: Plan) -> set[str]:
    """Ids of the objectives that wait on a dependency scheduled later."""
    return {slip.objective.id for slip in slips(plan)}


def slipping_dependents(plan: Plan, oid: str) -> list[Objective]:
    """The objectives waiting on ``oid`` that are scheduled before it (they slip because of it)."""
    obj = plan.objective(oid)
    if obj.status == plan.done_status:
        return []
    return [o for o in plan.dependents(oid) if o.week < obj.week and o.status != plan.done_status]

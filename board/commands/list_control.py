"""``list --json``'s rollout-control fields of an objective: its phase's gate and health,
whether it is on the critical path, and the dependencies it slips on."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

    from board.model import Objective, Plan


def control_fields(plan: Plan, today: date) -> Callable[[Objective], dict[str, Any]]:
    """A function giving each objective's ``gate``, ``health``, ``critical`` and ``slips`` (worked out once)."""
    from board.model.critical_path import critical_path
    from board.model.dependencies import slips
    from board.model.gates import verdict
    from board.model.health import plan_health

    found = slips(plan)  # once, for health and the objectives' own slips
    _overall, healths = plan_health(plan, today, found)
    gates = {p.id: verdict(plan, p, today).word for p in plan.phases}
    critical = set(critical_path(plan).ids)
    slipping: dict[str, list[str]] = {}
    for slip in found:
        slipping.setdefault(slip.objective.id, []).append(slip.dependency.id)

    def fields(obj: Objective) -> dict[str, Any]:
        phase = plan.phase_of(obj)
        return {
            "gate": gates[phase.id] if phase else None,
            "health": healths[phase.id].level if phase else None,
            "critical": obj.id in critical,
            "slips": slipping.get(obj.id, []),
        }

    return fields

"""One-line warnings about rollout control after a change, for the board and the command line:
dependents that now slip, and work started while the previous phase's gate is NO-GO (a warning, never a lock)."""

from __future__ import annotations

from datetime import date

from .dependencies import slipping_dependents
from .gates import verdict
from .plan import Plan


def slip_notice(plan: Plan, oid: str) -> str | None:
    """``"opa-policy is now after what waits on it: ci-cd (week 2) slips"`` or None."""
    obj = plan.find_objective(oid)
    if obj is None:
        return None
    late = slipping_dependents(plan, oid)
    if not late:
        return None
    names = ", ".join(f"{o.id} (week {o.week})" for o in late)
    verb = "slips" if len(late) == 1 else "slip"
    return f"{oid} (week {obj.week}) is now after what waits on it: {names} {verb}"


def gate_notice(plan: Plan, oid: str, before: str, today: date) -> str | None:
    """When ``oid`` just left the first status for work, and the previous phase's gate is NO-GO."""
    obj = plan.find_objective(oid)
    if obj is None or before != plan.first_status or obj.status in (plan.first_status, plan.done_status):
        return None
    phase = plan.phase_of(obj)
    if phase is None:
        return None
    earlier = [p for p in plan.phases if p.last_week < phase.first_week]
    if not earlier:
        return None
    previous = max(earlier, key=lambda p: p.last_week)
    result = verdict(plan, previous, today)
    if result.go:
        return None
    return f"{result.label()} is NO-GO ({len(result.open)} open): starting {phase.id.upper()} work anyway"

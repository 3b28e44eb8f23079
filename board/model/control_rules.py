"""The rules of a phase's rollout-control fields: audience and exposure, its gate, its rehearsal log,
and criteria linked to metrics. Called by :func:`board.model.rules.phase_issues`."""

from __future__ import annotations

import math

from .control import OUTCOMES
from .durations import is_duration
from .errors import Issue, Path

TYPE_CHECKING = False
if TYPE_CHECKING:
    from .plan import Phase, Plan


def control_issues(plan: Plan, phase: Phase, path: Path) -> list[Issue]:
    issues: list[Issue] = []
    name = f"phase {phase.id!r}"
    metrics = {m.id for m in plan.metrics}
    if phase.exposure is not None and not (math.isfinite(phase.exposure) and 0 <= phase.exposure <= 100):
        issues.append(
            Issue((*path, "exposure"), f"{name}: exposure is a percent of users, 0-100, not {phase.exposure}")
        )
    if phase.rehearsal_max_age is not None and phase.rehearsal_max_age < 1:
        issues.append(
            Issue(
                (*path, "rehearsal_max_age"),
                f"{name}: rehearsal_max_age is a number of days, at least 1, not {phase.rehearsal_max_age}",
            )
        )
    for j, criterion in enumerate(phase.criteria):
        cpath = (*path, "criteria", j)
        problem = link_problem(criterion.metric, criterion.at_least, criterion.at_most, metrics)
        if problem:
            issues.append(Issue(cpath, f"{name}: criterion {j + 1}: {problem}"))
    for j, rehearsal in enumerate(phase.rehearsals):
        rpath = (*path, "rehearsals", j)
        if not is_duration(rehearsal.took):
            issues.append(
                Issue(
                    rpath, f'{name}: rehearsal of {rehearsal.date}: took {rehearsal.took!r} is not a duration ("75m")'
                )
            )
        if rehearsal.outcome not in OUTCOMES:
            issues.append(
                Issue(
                    rpath,
                    f"{name}: rehearsal of {rehearsal.date}: outcome must be one of {', '.join(OUTCOMES)}, "
                    f"not {rehearsal.outcome!r}",
                )
            )
    gate = phase.gate
    if gate is not None:
        gpath = (*path, "gate")
        for j, condition in enumerate(gate.metrics):
            problem = link_problem(condition.metric, condition.at_least, condition.at_most, metrics)
            if problem:
                issues.append(Issue((*gpath, "metrics", j), f"{name}: gate metric {j + 1}: {problem}"))
        seen: set[str] = set()
        for j, role in enumerate(gate.signoffs):
            if not role.strip():
                issues.append(Issue((*gpath, "signoffs", j), f"{name}: a sign-off role must not be empty"))
            elif role in seen:
                issues.append(Issue((*gpath, "signoffs", j), f"{name}: sign-off {role!r} is listed twice"))
            seen.add(role)
        given: set[str] = set()
        for j, signoff in enumerate(gate.signed):
            if not signoff.role.strip() or not signoff.by.strip():
                issues.append(Issue((*gpath, "signed", j), f"{name}: a sign-off needs a role and who gave it"))
            elif signoff.role in given:
                issues.append(Issue((*gpath, "signed", j), f"{name}: sign-off {signoff.role!r} is recorded twice"))
            given.add(signoff.role)
    return issues


def link_problem(metric: str, at_least: float | None, at_most: float | None, known: set[str]) -> str | None:
    """Why a link to a metric (a criterion's or a gate's) is wrong, or None."""
    if not metric:
        if at_least is not None or at_most is not None:
            return "at_least / at_most need a metric"
        return None
    if metric not in known:
        return f"unknown metric {metric!r} (metrics: {_some(sorted(known))})"
    if at_least is None and at_most is None:
        return f"the link to metric {metric!r} needs at_least or at_most"
    for bound in (at_least, at_most):
        if bound is not None and not math.isfinite(bound):
            return f"a bound must be a finite number, not {bound}"
    return None


SHOWN_IDS = 6


def _some(ids: list[str]) -> str:
    """``a, b, c`` or ``a, b, … and 9 more``: a problem line stays one short line."""
    if not ids:
        return "none"
    if len(ids) <= SHOWN_IDS:
        return ", ".join(ids)
    return ", ".join(ids[:SHOWN_IDS]) + f", … and {len(ids) - SHOWN_IDS} more"

"""The rules a plan must keep, shared by the store (on load) and the editor (on change).

Each broken rule is one :class:`Issue`: a message and the path of the offending
entry in the file (``("objectives", 3, "status")``), which the store turns into
a line and column.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable
from itertools import chain

from .control_rules import control_issues
from .durations import is_duration, parse_duration
from .errors import Issue, Path
from .plan import (
    DIRECTIONS,
    METRIC_GROUPS,
    PRIORITIES,
    RISK_LEVELS,
    RISK_STATES,
    Objective,
    Phase,
    Plan,
)

SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")


def slug_problem(value: str, what: str) -> str | None:
    if not value:
        return f"{what} must not be empty"
    if not SLUG.match(value):
        return f"{what} {value!r} must be lowercase letters, digits and single hyphens (like 'opa-policy')"
    return None


MAX_WEEKS = 520
"""The most weeks a plan may have (ten years): nothing per week is ever built beyond it."""
FIRST_YEAR, LAST_YEAR = 1900, 9000
"""The years a plan's start (and a command's --today, --since, --start) may be in: dates stay computable."""
MAX_DURATION_MINUTES = 366 * 24 * 60
"""The longest rollback budget or estimate (a year)."""
MAX_METRIC_VALUE = 1e15
"""The largest size of a metric value: progress and exports stay finite."""


def listed(items: list[str], limit: int = 6) -> str:
    """``items`` joined with commas; past ``limit`` the rest are counted, so no message grows with the file."""
    if len(items) <= limit:
        return ", ".join(items)
    return ", ".join(items[:limit]) + f" and {len(items) - limit} more"


def number_text(value: int | float) -> str:
    """``value`` as a message shows it: a number too long to read is cut, with its length."""
    text = str(value)
    if len(text) <= 24:
        return text
    return f"{text[:12]}… (a number of {len(text)} characters)"


def check_plan(plan: Plan, other_ids: Iterable[str] = (), phase_gaps: bool = True) -> list[Issue]:
    """Every broken rule of ``plan``, in file order.

    ``other_ids`` are objective ids that exist but could not be read (the store
    leaves out an entry with an unusable key): depending on them is no error.
    ``phase_gaps`` False skips "weeks in no phase" (when a phase could not be read).
    """
    issues: list[Issue] = []
    if not plan.title.strip():
        issues.append(Issue(("title",), "the plan's title must not be empty"))
    if plan.weeks < 1:
        issues.append(Issue(("weeks",), f"weeks must be at least 1, not {number_text(plan.weeks)}"))
    elif plan.weeks > MAX_WEEKS:
        issues.append(
            Issue(("weeks",), f"weeks must be at most {MAX_WEEKS} (ten years), not {number_text(plan.weeks)}")
        )
    if plan.start is not None and not FIRST_YEAR <= plan.start.year <= LAST_YEAR:
        issues.append(
            Issue(("start",), f"start {plan.start.isoformat()} is outside the years {FIRST_YEAR}-{LAST_YEAR}")
        )
    issues.extend(_check_statuses(plan.statuses))
    issues.extend(_check_phases(plan, phase_gaps))
    issues.extend(check_objectives(plan, set(other_ids)))
    issues.extend(
        _check_unique(((("risk_management", i, "id"), c.id) for i, c in enumerate(plan.risk_management)), "checklist")
    )
    issues.extend(_check_metrics(plan))
    issues.extend(
        _check_unique(((("contingencies", i, "id"), c.id) for i, c in enumerate(plan.contingencies)), "contingency")
    )
    issues.extend(_check_ticked_actions(plan))
    issues.extend(
        _check_unique(((("final_validation", i, "id"), c.id) for i, c in enumerate(plan.final_validation)), "checklist")
    )
    return issues


def _check_statuses(statuses: list[str]) -> list[Issue]:
    issues = []
    if len(statuses) < 2:
        issues.append(Issue(("statuses",), "a plan needs at least two statuses"))
    seen: set[str] = set()
    for i, status in enumerate(statuses):
        problem = slug_problem(status, "status")
        if problem:
            issues.append(Issue(("statuses", i), problem))
        if status in seen:
            issues.append(Issue(("statuses", i), f"status {status!r} is listed twice"))
        seen.add(status)
    return issues


def _check_unique(entries: Iterable[tuple[Path, str]], what: str) -> list[Issue]:
    issues = []
    seen: set[str] = set()
    for path, value in entries:
        problem = slug_problem(value, f"{what} id")
        if problem:
            issues.append(Issue(path, problem))
        elif value in seen:
            issues.append(Issue(path, f"duplicate {what} id {value!r}"))
        seen.add(value)
    return issues


def _check_phases(plan: Plan, gaps: bool = True) -> list[Issue]:
    issues = _check_unique(((("phases", i, "id"), p.id) for i, p in enumerate(plan.phases)), "phase")
    for i, phase in enumerate(plan.phases):
        issues.extend(phase_issues(plan, phase, ("phases", i)))
    risk_ids = [
        (("phases", i, "risks", j), risk.id)
        for i, phase in enumerate(plan.phases)
        for j, risk in enumerate(phase.risks)
    ]
    issues.extend(_check_unique(risk_ids, "risk"))
    issues.extend(phase_layout_issues(plan, gaps))
    return issues


def phase_issues(plan: Plan, phase: Phase, path: Path) -> list[Issue]:
    """Problems of one phase on its own (its weeks, levels, durations, risks)."""
    issues = []
    name = f"phase {phase.id!r}"
    if not phase.name.strip():
        issues.append(Issue((*path, "name"), f"{name}: the name must not be empty"))
    if phase.first_week > phase.last_week:
        issues.append(
            Issue(
                (*path, "first_week"),
                f"{name}: first_week {number_text(phase.first_week)} is after last_week {number_text(phase.last_week)}",
            )
        )
    for key in ("first_week", "last_week"):
        week = getattr(phase, key)
        if not 1 <= week <= plan.weeks:
            issues.append(
                Issue(
                    (*path, key),
                    f"{name}: {key} {number_text(week)} is outside the plan (weeks 1-{number_text(plan.weeks)})",
                )
            )
    if phase.priority and phase.priority.lower() not in PRIORITIES:
        issues.append(
            Issue(
                (*path, "priority"),
                f"{name}: unknown priority {phase.priority!r} (expected one of: {', '.join(PRIORITIES)})",
            )
        )
    if phase.risk and phase.risk.lower() not in RISK_LEVELS:
        issues.append(
            Issue(
                (*path, "risk"),
                f"{name}: unknown risk level {phase.risk!r} (expected one of: {', '.join(RISK_LEVELS)})",
            )
        )
    for key in ("rollback_budget", "rollback_estimate"):
        value = getattr(phase, key)
        if value and not is_duration(value):
            shown = value if len(value) <= 24 else value[:12] + f"… ({len(value)} characters)"
            issues.append(
                Issue((*path, key), f'{name}: {key} {shown!r} is not a duration (write it like "90m", "2h" or "1h30m")')
            )
        elif value and parse_duration(value) > MAX_DURATION_MINUTES:
            shown = value if len(value) <= 24 else value[:12] + f"… ({len(value)} characters)"
            issues.append(Issue((*path, key), f"{name}: {key} {shown!r} is longer than a year"))
    for j, risk in enumerate(phase.risks):
        rpath = (*path, "risks", j)
        for key in ("likelihood", "impact"):
            value = getattr(risk, key)
            if not 1 <= value <= 5:
                issues.append(Issue(rpath, f"risk {risk.id!r}: {key} must be 1-5, not {number_text(value)}"))
        if risk.state not in RISK_STATES:
            issues.append(
                Issue(
                    rpath, f"risk {risk.id!r}: unknown state {risk.state!r} (expected one of: {', '.join(RISK_STATES)})"
                )
            )
        if not risk.description.strip():
            issues.append(Issue(rpath, f"risk {risk.id!r}: the description must not be empty"))
    issues.extend(control_issues(plan, phase, path))
    return issues


def phase_layout_issues(plan: Plan, gaps: bool = True) -> list[Issue]:
    """Phases that overlap, and weeks that no phase covers (unless ``gaps`` is False).

    Only the plan's weeks count (weeks outside it are reported on their own). The work is
    done on week ranges, never week by week, so ``weeks = 100000000`` costs no more than 8.
    """
    issues = []
    spans: list[tuple[int, int, Phase]] = []  # each earlier phase's weeks inside the plan
    for i, phase in enumerate(plan.phases):
        low, high = max(phase.first_week, 1), min(phase.last_week, plan.weeks)
        if low > high:
            continue
        shared = [max(low, first) for first, last, _ in spans if first <= high and low <= last]
        if shared:
            week = min(shared)
            other = next(p for first, last, p in spans if first <= week <= last)
            issues.append(
                Issue(("phases", i, "first_week"), f"phase {phase.id!r}: week {week} is also in phase {other.id!r}")
            )
        spans.append((low, high, phase))
    if gaps and plan.phases:
        missing: list[tuple[int, int]] = []
        week = 1  # the first week not yet known to be covered
        for first, last, _ in sorted(spans, key=lambda span: span[0]):
            if first > week:
                missing.append((week, first - 1))
            week = max(week, last + 1)
        if week <= plan.weeks:
            missing.append((week, plan.weeks))
        if missing:
            count = sum(last - first + 1 for first, last in missing)
            weeks = listed([_week_run(first, last) for first, last in missing])
            # Point at the phase the gap follows (or the first phase when week 1 is missing).
            before = [i for i, p in enumerate(plan.phases) if p.last_week < missing[0][0]]
            at = max(before, key=lambda i: plan.phases[i].last_week) if before else 0
            issues.append(
                Issue(
                    ("phases", at),
                    f"week{'s' if count > 1 else ''} {weeks} belong{'' if count > 1 else 's'} to no phase",
                )
            )
    return issues


def _week_run(first: int, last: int) -> str:
    """``"5"``, ``"5, 6"`` or ``"5-9"``: a run of weeks as a list reads it."""
    if first == last:
        return str(first)
    if last == first + 1:
        return f"{first}, {last}"
    return f"{first}-{last}"


def objective_issues(plan: Plan, obj: Objective, path: Path, ids: set[str] | None = None) -> list[Issue]:
    """Problems of one objective against the plan (not counting duplicate ids)."""
    issues = []
    problem = slug_problem(obj.id, "objective id")
    if problem:
        issues.append(Issue((*path, "id"), problem))
    name = f"objective {obj.id!r}"
    if not obj.title.strip():
        issues.append(Issue((*path, "title"), f"{name}: the title must not be empty"))
    if not 1 <= obj.week <= plan.weeks:
        issues.append(
            Issue(
                (*path, "week"),
                f"{name}: week {number_text(obj.week)} is outside the plan (weeks 1-{number_text(plan.weeks)})",
            )
        )
    if obj.status not in plan.statuses:
        issues.append(
            Issue(
                (*path, "status"),
                f"{name}: unknown status {obj.status!r} (expected one of: {listed(plan.statuses)})",
            )
        )
    known = ids if ids is not None else {o.id for o in plan.objectives}
    for j, dep in enumerate(obj.depends_on):
        if dep == obj.id:
            issues.append(Issue((*path, "depends_on"), f"{name}: depends on itself", j))
        elif dep not in known:
            issues.append(Issue((*path, "depends_on"), f"{name}: depends on unknown objective {dep!r}", j))
    for j, tag in enumerate(obj.tags):
        if not tag.strip():
            issues.append(Issue((*path, "tags"), f"{name}: a tag must not be empty", j))
    return issues


def _objectives_plainly_fine(plan: Plan, own: set[str], ids: set[str]) -> bool:
    """True when no objective breaks a rule of :func:`objective_issues` and no id is taken twice,
    decided for the whole plan at once (a few passes in C over the fields, nothing worded).
    Keep it in step with ``objective_issues``: a test compares the two on random objectives."""
    objectives = plan.objectives
    if len(own) != len(objectives):
        return False
    weeks = [o.week for o in objectives]
    if weeks and not (min(weeks) >= 1 and max(weeks) <= plan.weeks):
        return False
    if not {o.status for o in objectives} <= set(plan.statuses):
        return False
    if not all(map(SLUG.match, (o.id for o in objectives))) or not all(map(str.strip, (o.title for o in objectives))):
        return False
    if not all(map(str.strip, chain.from_iterable(o.tags for o in objectives))):
        return False
    linked = [o for o in objectives if o.depends_on]
    if not set(chain.from_iterable(o.depends_on for o in linked)) <= ids:
        return False
    return not any(o.id in o.depends_on for o in linked)


def check_objectives(plan: Plan, other_ids: set[str] | None = None) -> list[Issue]:
    own = {o.id for o in plan.objectives}
    ids = own | (other_ids or set())
    if _objectives_plainly_fine(plan, own, ids):
        return _cycle_issues(plan)
    issues: list[Issue] = []
    seen: set[str] = set()
    for i, obj in enumerate(plan.objectives):
        path = ("objectives", i)
        if obj.id in seen:
            issues.append(Issue((*path, "id"), f"duplicate objective id {obj.id!r}"))
        seen.add(obj.id)
        issues.extend(objective_issues(plan, obj, path, ids))
    issues.extend(_cycle_issues(plan))
    return issues


def _acyclic(deps: dict[str, list[str]]) -> bool:
    """True when the graph id -> ids has no cycle (self-links and unknown ids aside), in linear time
    (a pass in file order, then Kahn's algorithm), so a plan without a cycle never pays for the
    search that names one."""
    earlier: set[str] = set()
    for node, targets in deps.items():
        if targets and not earlier.issuperset(targets):
            break
        earlier.add(node)
    else:
        return True  # every link points to an earlier objective, as plans are mostly written: no cycle
    waiting = dict.fromkeys(deps, 0)  # how many known dependencies each id still waits on
    needed_by: dict[str, list[str]] = {}
    for node, targets in deps.items():
        for dep in dict.fromkeys(targets):
            if dep != node and dep in waiting:
                waiting[node] += 1
                needed_by.setdefault(dep, []).append(node)
    ready = [node for node, count in waiting.items() if count == 0]
    for node in ready:  # grows while it is walked
        for other in needed_by.get(node, ()):
            waiting[other] -= 1
            if waiting[other] == 0:
                ready.append(other)
    return len(ready) == len(waiting)


def _cycle_issues(plan: Plan) -> list[Issue]:
    deps = {o.id: o.depends_on for o in plan.objectives}
    if _acyclic(deps):
        return []
    index = {o.id: i for i, o in enumerate(plan.objectives)}
    state: dict[str, int] = {}
    issues = []
    known: dict[str, list[str]] = {}  # each id's dependencies that are objectives, worked out once per id
    for root in deps:
        if root in state:
            continue
        stack: list[tuple[str, int]] = [(root, 0)]
        trail: list[str] = []
        while stack:
            node, k = stack.pop()
            if k == 0:
                state[node] = 1
                trail.append(node)
            children = known.get(node)
            if children is None:
                children = known[node] = [d for d in deps.get(node, ()) if d in deps and d != node]
            if k < len(children):
                stack.append((node, k + 1))
                child = children[k]
                if state.get(child) == 1:
                    cycle = [*trail[trail.index(child) :], child]
                    issues.append(
                        Issue(("objectives", index[node], "depends_on"), "dependency cycle: " + " → ".join(cycle))
                    )
                elif child not in state:
                    stack.append((child, 0))
            else:
                state[node] = 2
                trail.pop()
    return issues


def _check_ticked_actions(plan: Plan) -> list[Issue]:
    """Each ticked action of a contingency plan names one of its actions, once."""
    issues = []
    for i, item in enumerate(plan.contingencies):
        seen: set[str] = set()
        for j, tick in enumerate(item.ticked):
            path = ("contingencies", i, "ticked", j)
            if tick.action not in item.actions:
                issues.append(
                    Issue(
                        path, f"contingency plan {item.id!r}: ticked action {tick.action!r} is not one of its actions"
                    )
                )
            elif tick.action in seen:
                issues.append(Issue(path, f"contingency plan {item.id!r}: action {tick.action!r} is ticked twice"))
            seen.add(tick.action)
    return issues


def _check_metrics(plan: Plan) -> list[Issue]:
    issues = _check_unique(((("metrics", i, "id"), m.id) for i, m in enumerate(plan.metrics)), "metric")
    for i, metric in enumerate(plan.metrics):
        path = ("metrics", i)
        if metric.group not in METRIC_GROUPS:
            issues.append(
                Issue(
                    (*path, "group"),
                    f"metric {metric.id!r}: unknown group {metric.group!r} (expected one of: {', '.join(METRIC_GROUPS)})",
                )
            )
        if metric.direction not in DIRECTIONS:
            issues.append(
                Issue(
                    (*path, "direction"),
                    f"metric {metric.id!r}: direction must be 'up' or 'down', not {metric.direction!r}",
                )
            )
        if not metric.name.strip():
            issues.append(Issue((*path, "name"), f"metric {metric.id!r}: the name must not be empty"))
        for key in ("baseline", "target", "current"):
            value = getattr(metric, key)
            if value is not None and not math.isfinite(value):
                issues.append(Issue((*path, key), f"metric {metric.id!r}: {key} must be a finite number, not {value}"))
            elif value is not None and abs(value) > MAX_METRIC_VALUE:
                issues.append(Issue((*path, key), f"metric {metric.id!r}: {key} {number_text(value)} is beyond ±1e15"))
        for j, reading in enumerate(metric.history):
            if math.isfinite(reading.value) and abs(reading.value) > MAX_METRIC_VALUE:
                issues.append(
                    Issue(
                        (*path, "history", j),
                        f"metric {metric.id!r}: the reading of {reading.date.isoformat()} is beyond ±1e15",
                    )
                )
            if not math.isfinite(reading.value):
                issues.append(
                    Issue(
                        (*path, "history", j),
                        f"metric {metric.id!r}: the reading of {reading.date.isoformat()} must be a finite number, not {reading.value}",
                    )
                )
    return issues


def cycle_problem(depends_on: dict[str, list[str]], oid: str) -> str | None:
    """The dependency cycle through ``oid`` in the graph ``depends_on`` (id -> ids), as ``check_plan`` words it."""
    parent: dict[str, str] = {}
    queue = [d for d in dict.fromkeys(depends_on.get(oid, ())) if d != oid]
    for dep in queue:
        parent.setdefault(dep, oid)
    while queue:
        node = queue.pop(0)
        if node == oid:
            trail = [oid]
            while trail[-1] != oid or len(trail) == 1:
                trail.append(parent[trail[-1]])
            return "dependency cycle: " + " → ".join(reversed(trail))
        for dep in depends_on.get(node, ()):
            if dep not in parent and dep != node:
                parent[dep] = node
                queue.append(dep)
    return None


# --- checks for the structure editor (one proposed value at a time) --------


def status_issues(statuses: list[str]) -> list[Issue]:
    """Problems of a status set (too few, not slugs, listed twice), as ``check_plan`` words them."""
    return _check_statuses(statuses)


def id_problem(value: str, taken: Iterable[str], what: str) -> str | None:
    """Why ``value`` cannot be the id of a ``what`` beside the ids ``taken``, as ``check_plan`` words it."""
    entries: list[tuple[Path, str]] = [(("taken",), other) for other in dict.fromkeys(taken)]
    issues = _check_unique([*entries, (("value",), value)], what)
    return next((issue.message for issue in issues if issue.path == ("value",)), None)


def weeks_label(first: int, last: int, dash: str = "-") -> str:
    """``"week 3"`` or ``"weeks 3-4"`` (never "weeks 3-3"); screens pass an en dash (``"weeks 3–4"``)."""
    return f"week {first}" if first == last else f"weeks {first}{dash}{last}"


def phase_overlap_problem(first: int, last: int, phases: Iterable[Phase]) -> str | None:
    """The first of ``phases`` that weeks ``first``-``last`` share weeks with, as a form says it:
    ``"weeks 3-4 overlap phase 'p2' (Component Architecture)"``."""
    for phase in phases:
        low, high = max(first, phase.first_week), min(last, phase.last_week)
        if low <= high:
            verb = "overlaps" if low == high else "overlap"
            return f"{weeks_label(low, high)} {verb} phase {phase.id!r} ({phase.name})"
    return None

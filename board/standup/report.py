"""The standup as plain data, built from the plan (and the plan as last committed).

The dates come from the plan itself: the day each objective's status last
changed, the metric readings, the rehearsal and activation dates. No Textual here.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, timedelta

from board.model import Objective, Phase, Plan
from board.model.gates import criterion_words
from board.model.rehearsals import readiness
from board.standup.control import Control, build_control
from board.standup.wording import describe_target, format_value


def previous_working_day(day: date) -> date:
    """Friday for a Monday (or a weekend day), else the day before."""
    back = {0: 3, 6: 2}.get(day.weekday(), 1)
    return day - timedelta(days=back)


@dataclass
class Item:
    """One line of a list: an objective, a contingency or a metric reading."""

    id: str
    title: str
    detail: str = ""
    owner: str = ""
    status: str = ""
    week: int | None = None
    day: date | None = None
    reasons: list[str] = field(default_factory=list)
    checks: list[tuple[bool, str, str]] = field(default_factory=list)
    """A contingency plan's actions: (done, text, "done 2026-11-25" or "")."""


@dataclass
class Recorded:
    """A metric reading taken since the standup's day."""

    id: str
    name: str
    value: str
    day: date
    spec: str
    target: str

    @property
    def detail(self) -> str:
        return f"{self.value} on {self.day.isoformat()} ({self.target})"


@dataclass
class Readiness:
    """Can the phase be rolled back in time, and has the rollback been rehearsed."""

    phase: str
    budget: str
    estimate: str
    over_budget: bool
    steps_done: int
    steps: int
    rehearsed: date | None
    role: str = ""
    phase_id: str = ""
    logged: str = ""
    """The rehearsal log's latest entry: ``2026-11-04 in 40m (ok)``, or ``""`` when the log is empty."""
    stale: bool = False


@dataclass
class Standup:
    """A standup's plain data: what moved, what is in progress, blocked and late, gates, readiness and readings."""

    title: str
    today: date
    since: date
    week_line: str
    week: int | None = None
    phase_id: str = ""
    starts: date | None = None
    done: list[Item] = field(default_factory=list)
    in_progress: list[Item] = field(default_factory=list)
    blocked: list[Item] = field(default_factory=list)
    late: list[Item] = field(default_factory=list)
    """Objectives of past weeks that are not done (blocked or in progress ones too)."""
    not_started: list[Item] = field(default_factory=list)
    criteria_phase: str = ""
    criteria_met: list[str] = field(default_factory=list)
    criteria_open: list[str] = field(default_factory=list)
    criteria_linked: list[str] = field(default_factory=list)
    """Those of the criteria above met from a metric's reading (not ticked by hand)."""
    readiness: list[Readiness] = field(default_factory=list)
    contingencies: list[Item] = field(default_factory=list)
    readings: list[Recorded] = field(default_factory=list)
    since_commit: list[str] | None = None
    control: Control = field(default_factory=Control)


# --- building ----------------------------------------------------------------
def build_standup(
    plan: Plan,
    today: date,
    since: date | None = None,
    head_plan: Plan | None = None,
    since_plan: Plan | None = None,
    shown: Callable[[str], str] | None = None,
) -> Standup:
    """The standup of ``today``: what moved since ``since`` (default: the previous working day).

    ``head_plan``: the plan as last committed, for "since the last commit". ``since_plan``: the
    plan as it was on ``since`` (its last commit before that day), for "done since": then an
    objective is done since when the plan diff from it says its status became done (and the day
    it changed, when it has one, is not before ``since``); without it, by the day alone.
    ``shown``: applied to the free text of each objective listed (its title, owner, the reason it
    is blocked, the titles it waits for), e.g. :func:`board.term.visible` when the plan's other
    text is escaped but its objectives are not (the objectives not listed are never looked at)."""
    since = since or previous_working_day(today)
    week = plan.this_week(today)
    report = Standup(plan.title, today, since, _week_line(plan, week), week=week, starts=plan.start)
    phase = _phase_in_view(plan, week)
    if phase is not None:
        report.phase_id = phase.id
    became_done = None
    if since_plan is not None:  # the plan diff's modules only when there is a diff to take
        from board.standup.changes import done_since

        became_done = done_since(since_plan, plan)
    _objectives(plan, report, week, became_done, shown)
    if phase is not None:
        report.criteria_phase = phase.label()
        report.criteria_met = [criterion_words(plan, c) for c in phase.criteria if plan.criterion_met(c)]
        report.criteria_open = [criterion_words(plan, c) for c in phase.criteria if not plan.criterion_met(c)]
        report.criteria_linked = [criterion_words(plan, c) for c in phase.criteria if c.metric]
        report.readiness.append(
            _readiness(plan, phase, "this phase" if week is not None and phase.covers(week) else "last phase", today)
        )
        following = plan.next_phase(phase)
        if following is not None:
            report.readiness.append(_readiness(plan, following, "next phase", today))
    elif plan.phases:
        first = min(plan.phases, key=lambda p: p.first_week)
        report.readiness.append(_readiness(plan, first, "first phase", today))
    for item in plan.contingencies:
        if item.active:
            when = item.activated.isoformat() if item.activated else "date unknown"
            detail = f"active since {when}"
            checks = []
            for action in item.actions:
                tick = item.tick_of(action)
                done_on = f"done {tick.date.isoformat()}" if tick is not None and tick.date else ""
                checks.append((tick is not None, action, done_on))
            report.contingencies.append(Item(item.id, item.name, detail, day=item.activated, checks=checks))
    for metric in plan.metrics:
        for reading in metric.history:
            if since <= reading.date <= today:
                value = format_value(metric, reading.value)
                report.readings.append(
                    Recorded(metric.id, metric.name, value, reading.date, metric.spec(), describe_target(metric))
                )
    report.readings.sort(key=lambda r: r.day)
    if head_plan is not None:
        from board.standup.changes import compare

        report.since_commit = compare(head_plan, plan)
    report.control = build_control(plan, today)
    return report


def _week_line(plan: Plan, week: int | None) -> str:
    if plan.start is None:
        return "no start date"
    if week is None:
        return "not started"
    if week > plan.weeks:
        return "finished"
    phase = plan.phase_of_week(week)
    return f"Week {week} of {plan.weeks}" + (f" · {phase.name}" if phase else "")


def _phase_in_view(plan: Plan, week: int | None) -> Phase | None:
    """The phase of this week; the last phase once the plan has finished."""
    if week is None or not plan.phases:
        return None
    if week > plan.weeks:
        return max(plan.phases, key=lambda p: p.last_week)
    return plan.phase_of_week(week)


def _objectives(
    plan: Plan,
    report: Standup,
    week: int | None,
    became_done: set[str] | None = None,
    shown: Callable[[str], str] | None = None,
) -> None:
    """One pass over the objectives: an item for each one a list shows (at 50,000 objectives most
    are in none: todo in another week, or done before the standup's first day)."""
    titles: dict[str, str] = {}  # filled at the first blocked objective
    done, blocked, first = plan.done_status, plan.blocked_status, plan.first_status
    since, today = report.since, report.today
    late = report.late.append
    text = shown or _as_it_is
    for obj in plan.objectives:
        status = obj.status
        listed = week is not None and obj.week < week and status != done  # plan.is_late
        if listed:
            title, owner = text(obj.title), text(obj.owner)
            late(Item(obj.id, title, f"week {obj.week}, {status}", owner, status, obj.week, obj.changed))
        if status == done:
            changed = obj.changed
            in_range = changed is not None and since <= changed <= today
            if became_done is not None:
                in_range = obj.id in became_done and (changed is None or in_range)
            if in_range:
                detail = changed.isoformat() if changed else "date not recorded"
                report.done.append(Item(obj.id, text(obj.title), detail, text(obj.owner), status, obj.week, changed))
        elif status == blocked:
            if not titles:
                titles = {o.id: o.title for o in plan.objectives}
            reasons = _blocked_reasons(plan, obj, titles, text)
            if not listed:
                title, owner = text(obj.title), text(obj.owner)
            item = Item(obj.id, title, "; ".join(reasons), owner, status, obj.week, obj.changed)
            item.reasons = reasons
            report.blocked.append(item)
        elif status == first:
            if week is not None and obj.week == week:
                item = Item(
                    obj.id, text(obj.title), owner=text(obj.owner), status=status, week=obj.week, day=obj.changed
                )
                report.not_started.append(item)
        else:
            if not listed:
                title, owner = text(obj.title), text(obj.owner)
            detail = status + (f" since {obj.changed.isoformat()}" if obj.changed else "")
            report.in_progress.append(Item(obj.id, title, detail, owner, status, obj.week, obj.changed))
    report.done.sort(key=lambda i: (i.day or report.today, i.week or 0))


def _as_it_is(text: str) -> str:
    return text


def _blocked_reasons(
    plan: Plan, obj: Objective, titles: dict[str, str], text: Callable[[str], str] = _as_it_is
) -> list[str]:
    """The reason given when it was blocked (``blocked_reason``), then the dependencies it waits for."""
    reason = text(obj.blocked_reason)
    reasons = [reason] if reason.strip() else []
    for d in plan.unfinished_dependencies(obj):
        title = titles.get(d)
        reasons.append(f"waits for {d} ({'no such objective' if title is None else text(title)})")
    return reasons or ["no reason noted"]


def _readiness(plan: Plan, phase: Phase, role: str, today: date) -> Readiness:
    ready = readiness(plan, phase, today)
    last = ready.last
    logged = f"{last.date.isoformat()} in {last.took} ({last.outcome})" if last is not None else ""
    return Readiness(
        phase=phase.label(),
        budget=phase.rollback_budget,
        estimate=phase.rollback_estimate,
        over_budget=phase.rollback_over_budget(),
        steps_done=sum(1 for s in phase.rollback_steps if s.done),
        steps=len(phase.rollback_steps),
        rehearsed=phase.rehearsed,
        role=role,
        phase_id=phase.id,
        logged=logged,
        stale=ready.stale,
    )

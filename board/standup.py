"""The standup: what moved since a day, what is in progress and blocked, are we safe to deploy.

Built from the plan alone (status-change dates, readings, rehearsals), plus,
when given, the plan as last committed, compared objective by objective.
Plain data first (:class:`Standup`), then text for the terminal or Markdown
for a chat message. No Textual here.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta

from board.model import Phase, Plan, format_minutes, parse_duration


def previous_working_day(day: date) -> date:
    """Friday for a Monday (or a weekend day), else the day before."""
    back = {0: 3, 6: 2}.get(day.weekday(), 1)
    return day - timedelta(days=back)


@dataclass
class Item:
    id: str
    title: str
    detail: str = ""


@dataclass
class Readiness:
    phase: str
    budget: str
    estimate: str
    over_budget: bool
    steps_done: int
    steps: int
    rehearsed: date | None


@dataclass
class Standup:
    title: str
    today: date
    since: date
    week_line: str
    done: list[Item] = field(default_factory=list)
    in_progress: list[Item] = field(default_factory=list)
    blocked: list[Item] = field(default_factory=list)
    not_started: list[Item] = field(default_factory=list)
    criteria_phase: str = ""
    criteria_met: list[str] = field(default_factory=list)
    criteria_open: list[str] = field(default_factory=list)
    readiness: list[Readiness] = field(default_factory=list)
    contingencies: list[Item] = field(default_factory=list)
    readings: list[Item] = field(default_factory=list)
    since_commit: list[str] | None = None


def _duration(text: str) -> str:
    return f"{text} ({format_minutes(parse_duration(text))})" if text else "—"


def _readiness(phase: Phase) -> Readiness:
    return Readiness(
        phase=f"{phase.id.upper()} {phase.name}",
        budget=phase.rollback_budget,
        estimate=phase.rollback_estimate,
        over_budget=phase.rollback_over_budget(),
        steps_done=sum(1 for s in phase.rollback_steps if s.done),
        steps=len(phase.rollback_steps),
        rehearsed=phase.rehearsed,
    )


def compare(head: Plan, plan: Plan) -> list[str]:
    """What changed since the committed plan, objective by objective."""
    lines: list[str] = []
    before = {o.id: o for o in head.objectives}
    after = {o.id: o for o in plan.objectives}
    for obj in plan.objectives:
        old = before.get(obj.id)
        if old is None:
            lines.append(f"added {obj.id} ({obj.title}), week {obj.week}, {obj.status}")
            continue
        if old.status != obj.status:
            lines.append(f"{obj.id}: {old.status} → {obj.status}")
        if old.week != obj.week:
            lines.append(f"{obj.id}: week {old.week} → {obj.week}")
        if (old.title, old.owner, old.tags, old.depends_on, old.notes) != (obj.title, obj.owner, obj.tags, obj.depends_on, obj.notes):
            if old.status == obj.status and old.week == obj.week:
                lines.append(f"{obj.id}: edited")
    lines.extend(f"removed {old.id} ({old.title})" for old in head.objectives if old.id not in after)
    return lines


def build_standup(plan: Plan, today: date, since: date | None = None, head_plan: Plan | None = None) -> Standup:
    since = since or previous_working_day(today)
    week = plan.this_week(today)
    phase = plan.phase_of_week(week) if week is not None else None
    if week is None:
        week_line = "not started" + (f" (starts {plan.start.isoformat()})" if plan.start else " (no start date)")
    elif week > plan.weeks:
        week_line = f"finished (plan of {plan.weeks} weeks)"
    else:
        week_line = f"Week {week} of {plan.weeks}" + (f" · {phase.name}" if phase else "")
    report = Standup(plan.title, today, since, week_line)
    titles = {o.id: o.title for o in plan.objectives}
    for obj in plan.objectives:
        owner = f"@{obj.owner}" if obj.owner else "no owner"
        if obj.status == plan.done_status:
            if obj.changed is not None and obj.changed >= since:
                report.done.append(Item(obj.id, obj.title, f"{owner}, {obj.changed.isoformat()}"))
        elif obj.status == "blocked":
            waiting = plan.unfinished_dependencies(obj)
            if waiting:
                reason = "waits for " + ", ".join(f"{d} ({titles.get(d, 'missing')})" for d in waiting)
            elif obj.notes.strip():
                reason = obj.notes.strip().splitlines()[0]
            else:
                reason = "no reason noted"
            report.blocked.append(Item(obj.id, obj.title, f"{owner}: {reason}"))
        elif obj.status == plan.first_status:
            if week is not None and obj.week == week:
                report.not_started.append(Item(obj.id, obj.title, owner))
        else:
            report.in_progress.append(Item(obj.id, obj.title, f"{owner}, {obj.status}"))
    if phase is not None:
        report.criteria_phase = f"{phase.id.upper()} {phase.name}"
        report.criteria_met = [c.text for c in phase.criteria if c.met]
        report.criteria_open = [c.text for c in phase.criteria if not c.met]
        report.readiness.append(_readiness(phase))
        following = plan.next_phase(phase)
        if following is not None:
            report.readiness.append(_readiness(following))
    elif plan.phases and week is None:
        report.readiness.append(_readiness(plan.phases[0]))
    for item in plan.contingencies:
        if item.active:
            when = item.activated.isoformat() if item.activated else "date unknown"
            report.contingencies.append(Item(item.id, item.name, f"active since {when}"))
    for metric in plan.metrics:
        for reading in metric.history:
            if reading.date >= since:
                report.readings.append(Item(metric.id, metric.name, f"{reading.value:g}{metric.unit} on {reading.date.isoformat()} ({metric.spec()})"))
    if head_plan is not None:
        report.since_commit = compare(head_plan, plan)
    return report


def _cut(text: str, width: int) -> str:
    return text if len(text) <= width else text[: max(0, width - 1)] + "…"


def _sections(s: Standup) -> list[tuple[str, list[str]]]:
    def items(entries: list[Item]) -> list[str]:
        return [f"{e.id} — {e.title} ({e.detail})" if e.detail else f"{e.id} — {e.title}" for e in entries]

    readiness = []
    for r in s.readiness:
        flag = " OVER BUDGET" if r.over_budget else ""
        rehearsed = r.rehearsed.isoformat() if r.rehearsed else "never"
        readiness.append(
            f"{r.phase}: estimate {_duration(r.estimate)} vs budget {_duration(r.budget)}{flag}; "
            f"rehearsed {r.steps_done}/{r.steps} steps, last {rehearsed}"
        )
    criteria = [f"[x] {c}" for c in s.criteria_met] + [f"[ ] {c}" for c in s.criteria_open]
    sections = [
        (f"Done since {s.since.isoformat()}", items(s.done)),
        ("In progress", items(s.in_progress)),
        ("Blocked", items(s.blocked)),
        ("This week, not started", items(s.not_started)),
        (f"Criteria {s.criteria_phase} ({len(s.criteria_met)}/{len(s.criteria_met) + len(s.criteria_open)} met)", criteria),
        ("Rollback readiness", readiness),
        ("Active contingencies", items(s.contingencies)),
        (f"Metrics recorded since {s.since.isoformat()}", items(s.readings)),
    ]
    if s.since_commit is not None:
        sections.append(("Since the last commit", s.since_commit))
    return sections


def render_text(standup: Standup, width: int = 120, color: bool = False) -> str:
    """The standup for a terminal: every line at most ``width`` columns."""
    bold, dim, reset = ("\x1b[1m", "\x1b[2m", "\x1b[0m") if color else ("", "", "")
    lines = [f"{bold}{_cut(f'Standup · {standup.title} · {standup.today.isoformat()} · {standup.week_line}', width)}{reset}"]
    for heading, entries in _sections(standup):
        lines.append("")
        lines.append(f"{bold}{_cut(heading, width)}{reset}")
        if not entries:
            lines.append(f"{dim}  none{reset}")
        lines.extend(f"  {_cut(entry, width - 2)}" for entry in entries)
    return "\n".join(lines)


def render_markdown(standup: Standup) -> str:
    """The standup as Markdown, for a chat message."""
    lines = [f"**Standup · {standup.title} · {standup.today.isoformat()}** — {standup.week_line}"]
    for heading, entries in _sections(standup):
        lines.append("")
        lines.append(f"**{heading}**")
        if entries:
            lines.extend(f"- {entry}" for entry in entries)
        else:
            lines.append("- none")
    return "\n".join(lines) + "\n"

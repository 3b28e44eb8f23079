"""A one-page status report for stakeholders: self-contained HTML that reads well on a laptop and on paper.

Where the rollout stands (this week, progress, phases on a timeline), what needs
attention (late and blocked work with owners and reasons), what moved since the
last commit or the previous working day, metrics as small charts, risks on a
likelihood × impact grid, rollback readiness and active contingencies. The full
objective list is folded per phase, so a plan of 5,000 objectives stays readable.

Inline CSS (light and dark, A4 landscape in print) and SVG; no scripts, no external
assets; every text from the plan is escaped. Nothing here grows faster than the plan.
"""

from __future__ import annotations

from datetime import date

from board.model import Checklist, Contingency, Objective, Phase, Plan
from board.model.critical_path import critical_path
from board.model.gates import Verdict, criterion_words, verdict, verdicts
from board.model.health import Health, plan_health
from board.model.words import counted
from board.standup import build_standup
from board.standup.report import Standup
from board.standup.wording import format_value

from .report_charts import escape, metric_chart, phase_name, risk_grid, timeline
from .report_style import STYLE

OPEN_DETAILS_UP_TO = 200
"""Plans with at most this many objectives show every phase's list unfolded."""


def _bar(fraction: float) -> str:
    percent = round(max(0.0, min(1.0, fraction)) * 100)
    return f'<span class="bar" title="{percent}%"><span style="width:{percent}%"></span></span> {percent}%'


def export_html(plan: Plan, today: date | None = None, head_plan: Plan | None = None) -> str:
    """The report of ``plan`` on ``today``; ``head_plan`` (the plan as committed) adds "since the last commit"."""
    today = today or date.today()
    week = plan.this_week(today)
    standup = build_standup(plan, today, head_plan=head_plan)
    by_phase: dict[str, list[Objective]] = {p.id: [] for p in plan.phases}
    unplaced: list[Objective] = []
    week_phase = {w: p.id for p in plan.phases for w in range(max(p.first_week, 1), min(p.last_week, plan.weeks) + 1)}
    for obj in plan.objectives:
        pid = week_phase.get(obj.week)
        (by_phase[pid] if pid is not None else unplaced).append(obj)
    late = [o for o in plan.objectives if plan.is_late(o, week)]
    blocked = plan.blocked()
    done, total = plan.progress()
    out: list[str] = [
        "<!DOCTYPE html>",
        '<html lang="en">',
        "<head>",
        '<meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        '<meta name="color-scheme" content="light dark">',
        f"<title>{escape(plan.title)} — status report</title>",
        f"<style>{STYLE}</style>",
        "</head>",
        "<body>",
        f"<h1>{escape(plan.title)}</h1>",
        f'<p class="sub">Status report of {today.isoformat()} · {escape(standup.week_line)}</p>',
    ]
    if plan.summary:
        out.append(f"<p>{escape(plan.summary)}</p>")
    in_progress = sum(1 for o in plan.objectives if o.status not in (plan.first_status, plan.done_status))
    in_progress -= len(blocked)
    out.append('<div class="counts">')
    for label, value, css in (
        ("done", f"{done} of {total}", "ok"),
        ("in progress", str(in_progress), ""),
        ("blocked", str(len(blocked)), "bad" if blocked else ""),
        ("late", str(len(late)), "warn" if late else ""),
        ("active contingencies", str(sum(1 for c in plan.contingencies if c.active)), ""),
    ):
        out.append(f'<div><b class="{css}">{value}</b><span class="muted">{label}</span></div>')
    out.append("</div>")
    out.append(_bar(done / total if total else 0))

    out.append("<h2>Timeline</h2>")
    out.append(timeline(plan, week if week is not None and 1 <= week <= plan.weeks else None))
    out += _phases(plan, by_phase, late, week, today)
    out += _gates(plan, today)
    out += _attention(plan, late, blocked, standup)
    out += _critical(plan)
    out += _since(standup)
    out += _metrics(plan)
    out += _risks(plan)
    out += _readiness(plan)
    out += _contingencies(plan)
    out += _objectives(plan, by_phase, unplaced, week)
    if plan.closing:
        out.append(f"<p>{escape(plan.closing)}</p>")
    out.append(f"<footer>Written by rollout-board on {today.isoformat()}.</footer>")
    out += ["</body>", "</html>", ""]
    return "\n".join(out)


def _phases(
    plan: Plan, by_phase: dict[str, list[Objective]], late: list[Objective], week: int | None, today: date
) -> list[str]:
    late_ids = {o.id for o in late}
    overall, healths = plan_health(plan, today)
    out = [
        f"<h2>Phases <span class=muted>· plan {escape(overall.symbol)} {escape(overall.level)}</span></h2>",
        "<table>",
        "<tr><th>Phase</th><th>Weeks</th><th>Health</th><th>Gate</th><th>Progress</th><th class=num>Blocked</th>"
        "<th class=num>Late</th><th class=num>Criteria met</th><th>Rollback</th></tr>",
    ]
    for phase in plan.phases:
        items = by_phase[phase.id]
        pdone = sum(1 for o in items if o.status == plan.done_status)
        pblocked = sum(1 for o in items if o.status == plan.blocked_status)
        plate = sum(1 for o in items if o.id in late_ids)
        now = " <span class=tag>this week</span>" if week is not None and phase.covers(week) else ""
        rollback = f"{escape(phase.rollback_estimate or '?')} of {escape(phase.rollback_budget or '?')}"
        css = "bad" if phase.rollback_over_budget() else "ok"
        out.append(
            f"<tr><td>{phase_name(phase)}{_audience(phase)}{now}</td>"
            f"<td>{_weeks(phase)}</td>"
            f"<td>{_health(healths.get(phase.id))}</td>"
            f"<td>{_gate_word(verdict(plan, phase, today))}</td>"
            f"<td>{_bar(pdone / len(items) if items else 0)} ({pdone}/{len(items)})</td>"
            f'<td class="num{" bad" if pblocked else ""}">{pblocked}</td>'
            f'<td class="num{" warn" if plate else ""}">{plate}</td>'
            f"<td class=num>{plan.criteria_met(phase)}/{len(phase.criteria)}</td>"
            f'<td class="{css}">{rollback}{" — over budget" if phase.rollback_over_budget() else ""}</td></tr>'
        )
    out.append("</table>")
    return out


def _health(health: Health | None) -> str:
    """``▲ at risk`` with its reasons as the cell's tooltip; the symbol reads without colour."""
    if health is None:
        return ""
    css = {"on track": "ok", "at risk": "warn", "off track": "bad"}.get(health.level, "")
    reasons = escape("; ".join(health.reasons))
    return f'<span class="{css}" title="{reasons}">{escape(health.symbol)} {escape(health.level)}</span>'


def _gate_word(gate: Verdict) -> str:
    if gate.go:
        return '<span class="ok">✓ GO</span>'
    return f'<span class="bad">✕ NO-GO</span> <span class=muted>({len(gate.open)} open)</span>'


def _gates(plan: Plan, today: date) -> list[str]:
    """Each phase's go/no-go gate, with one reason a line for a NO-GO."""
    gates = verdicts(plan, today)
    if not gates:
        return []
    out = ["<h2>Go / no-go gates</h2>"]
    for gate in gates:
        after = phase_name(gate.next) if gate.next is not None else "the end"
        out.append(f"<h3>Gate {phase_name(gate.phase)} → {after}: {_gate_word(gate)}</h3>")
        if gate.open:
            out.append('<ul class="checks">' + "".join(f"<li>✕ {escape(r)}</li>" for r in gate.reasons) + "</ul>")
    return out


def _critical(plan: Plan) -> list[str]:
    """The critical path in full: the longest chain of unfinished objectives through their dependencies."""
    chain = critical_path(plan).objectives
    out = [f"<h2>Critical path ({len(chain)})</h2>"]
    if not chain:
        out.append('<p class="muted">No chain of unfinished objectives.</p>')
        return out
    out.append("<table><tr><th class=num>Week</th><th>Objective</th><th>Status</th><th>Owner</th></tr>")
    for obj in chain:
        out.append(
            f"<tr><td class=num>{obj.week}</td><td>◆ {escape(obj.title)}</td><td>{escape(obj.status)}</td>"
            f"<td>{escape(obj.owner or '—')}</td></tr>"
        )
    out.append("</table>")
    return out


def _audience(phase: Phase) -> str:
    """`` <span class="sub">· internal staff · 5%</span>`` (empty when the phase names neither)."""
    parts = [escape(phase.audience)] if phase.audience else []
    if phase.exposure is not None:
        parts.append(f"{phase.exposure:g}%")
    return f' <span class="sub">· {" · ".join(parts)}</span>' if parts else ""


def _weeks(phase: Phase) -> str:
    return str(phase.first_week) if phase.first_week == phase.last_week else f"{phase.first_week}–{phase.last_week}"


def _attention(plan: Plan, late: list[Objective], blocked: list[Objective], standup: Standup) -> list[str]:
    reasons = {item.id: item.detail for item in standup.blocked}
    out = ["<h2>Needs attention</h2>", '<div class="cols">', "<div>", f"<h3>Blocked ({len(blocked)})</h3>"]
    if blocked:
        out.append("<table><tr><th>Objective</th><th>Week</th><th>Owner</th><th>Why</th></tr>")
        for obj in blocked:
            out.append(
                f"<tr><td>{escape(obj.title)}</td><td class=num>{obj.week}</td><td>{escape(obj.owner or '—')}</td>"
                f"<td>{escape(reasons.get(obj.id, ''))}</td></tr>"
            )
        out.append("</table>")
    else:
        out.append('<p class="muted">Nothing is blocked.</p>')
    out += ["</div>", "<div>", f"<h3>Late ({len(late)})</h3>"]
    if late:
        out.append("<table><tr><th>Objective</th><th>Week</th><th>Owner</th><th>Status</th></tr>")
        for obj in late:
            out.append(
                f"<tr><td>{escape(obj.title)}</td><td class=num>{obj.week}</td><td>{escape(obj.owner or '—')}</td>"
                f"<td>{escape(obj.status)}</td></tr>"
            )
        out.append("</table>")
    else:
        out.append('<p class="muted">Nothing is late.</p>')
    out += ["</div>", "</div>"]
    return out


def _since(standup: Standup) -> list[str]:
    out = []
    if standup.since_commit is not None:
        out.append(f"<h2>Since the last commit ({len(standup.since_commit)})</h2>")
        if standup.since_commit:
            out.append("<ul>" + "".join(f"<li>{escape(str(d))}</li>" for d in standup.since_commit) + "</ul>")
        else:
            out.append('<p class="muted">No change since the last commit.</p>')
    out.append(f"<h2>Since {standup.since.isoformat()}</h2>")
    moved = [("Done", standup.done), ("In progress", standup.in_progress)]
    lines = [
        f"<li><b>{label}:</b> {escape(item.title)}{' — ' + escape(item.owner) if item.owner else ''}</li>"
        for label, items in moved
        for item in items
        if label == "Done" or (item.day is not None and item.day >= standup.since)
    ]
    lines += [f"<li><b>Reading:</b> {escape(r.name)} {escape(r.detail)}</li>" for r in standup.readings]
    out.append("<ul>" + "".join(lines) + "</ul>" if lines else '<p class="muted">Nothing moved.</p>')
    return out


def _metrics(plan: Plan) -> list[str]:
    if not plan.metrics:
        return []
    out = ["<h2>Success metrics</h2>", '<div class="cols">']
    for metric in plan.metrics:
        progress = metric.progress()
        current = "no reading yet" if metric.current is None else format_value(metric, metric.current)
        toward = _bar(progress) if progress is not None else ""
        out.append(
            f'<div class="metric"><div><b>{escape(metric.name)}</b> <span class="muted">{escape(metric.group)}</span>'
            f"<br>{escape(current)} · target {escape(metric.spec())}<br>{toward}</div>{metric_chart(metric)}</div>"
        )
    out.append("</div>")
    return out


def _risks(plan: Plan) -> list[str]:
    risks = [(phase, risk) for phase in plan.phases for risk in phase.risks if risk.state == "open"]
    out = ["<h2>Risks</h2>", '<div class="cols">', risk_grid([r for _, r in risks]), "<div>"]
    if risks:
        out.append("<table><tr><th>Phase</th><th>Risk</th><th class=num>L×I</th><th>Mitigation</th><th>Owner</th></tr>")
        for phase, risk in sorted(risks, key=lambda pr: -pr[1].severity()):
            out.append(
                f"<tr><td>{escape(phase.id.upper())}</td><td>{escape(risk.description)}</td>"
                f"<td class=num>{risk.likelihood}×{risk.impact}</td><td>{escape(risk.mitigation)}</td>"
                f"<td>{escape(risk.owner)}</td></tr>"
            )
        out.append("</table>")
    else:
        out.append('<p class="muted">No open risks in the register.</p>')
    out += ["</div>", "</div>"]
    out += _checklists(plan.risk_management)
    return out


def _readiness(plan: Plan) -> list[str]:
    out = [
        "<h2>Rollback readiness</h2>",
        "<table><tr><th>Phase</th><th>Estimate</th><th>Budget</th><th>Steps ticked</th><th>Last rehearsal</th></tr>",
    ]
    for phase in plan.phases:
        over = phase.rollback_over_budget()
        ticked = sum(1 for s in phase.rollback_steps if s.done)
        rehearsed = phase.rehearsed.isoformat() if phase.rehearsed else '<span class="warn">never</span>'
        out.append(
            f"<tr><td>{phase_name(phase)}</td>"
            f'<td class="{"bad" if over else "ok"}">{escape(phase.rollback_estimate or "?")}{" — over budget" if over else ""}</td>'
            f"<td>{escape(phase.rollback_budget or '?')}</td><td>{ticked} of {len(phase.rollback_steps)}</td>"
            f"<td>{rehearsed}</td></tr>"
        )
    out.append("</table>")
    return out


def _contingencies(plan: Plan) -> list[str]:
    active = [c for c in plan.contingencies if c.active]
    standby = [c for c in plan.contingencies if not c.active]
    out = ["<h2>Contingencies</h2>"]
    if not active:
        out.append('<p class="muted">No contingency plan is active.</p>')
    for item in active:
        since = f" since {item.activated.isoformat()}" if item.activated else ""
        out.append(f'<h3 class="bad">Active{since}: {escape(item.name)}</h3>')
        if item.actions:
            out.append("<ul>" + "".join(_action(item, a) for a in item.actions) + "</ul>")
        if item.notes:
            out.append(f"<p>{escape(item.notes)}</p>")
    if standby:
        out.append('<p class="muted">On standby: ' + escape(", ".join(c.name for c in standby)) + "</p>")
    return out


def _action(item: Contingency, action: str) -> str:
    """An action of an active contingency plan: ☑ with the day it was done, or ☐."""
    tick = item.tick_of(action)
    if tick is None:
        return f"<li>☐ {escape(action)}</li>"
    day = f' <span class="muted">done {tick.date.isoformat()}</span>' if tick.date else ""
    return f"<li>☑ {escape(action)}{day}</li>"


def _objectives(
    plan: Plan, by_phase: dict[str, list[Objective]], unplaced: list[Objective], week: int | None
) -> list[str]:
    unfold = " open" if len(plan.objectives) <= OPEN_DETAILS_UP_TO else ""
    out = ["<h2>Objectives and success criteria</h2>"]
    groups: list[tuple[str, Phase | None, list[Objective]]] = [(p.label(), p, by_phase[p.id]) for p in plan.phases]
    if unplaced:
        groups.append(("Unplaced (weeks no phase covers)", None, unplaced))
    for label, phase, items in groups:
        pdone = sum(1 for o in items if o.status == plan.done_status)
        out.append(
            f"<details{unfold}><summary>{escape(label)} — {pdone} of {counted(len(items), 'objective')} done"
            + (f", {plan.criteria_met(phase)} of {len(phase.criteria)} criteria met" if phase else "")
            + "</summary>"
        )
        if phase is not None and phase.criteria:
            out.append(
                '<ul class="checks">'
                + "".join(
                    f"<li>{'☑' if plan.criterion_met(c) else '☐'} {escape(criterion_words(plan, c))}</li>"
                    for c in phase.criteria
                )
                + "</ul>"
            )
        if items:
            out.append("<table><tr><th>Week</th><th>Objective</th><th>Status</th><th>Owner</th></tr>")
            for obj in items:
                flag = ' <span class="warn">late</span>' if plan.is_late(obj, week) else ""
                out.append(
                    f"<tr><td class=num>{obj.week}</td><td>{escape(obj.title)}{flag}</td>"
                    f"<td>{escape(obj.status)}</td><td>{escape(obj.owner)}</td></tr>"
                )
            out.append("</table>")
        out.append("</details>")
    out += _checklists(plan.final_validation)
    return out


def _checklists(checklists: list[Checklist]) -> list[str]:
    """Each checklist that has items: its name with how many are done, then its items ticked or not."""
    out = []
    for checklist in (c for c in checklists if c.items):
        out.append(
            f"<h3>{escape(checklist.name)} <span class=muted>{checklist.done_count()} of {len(checklist.items)}</span></h3>"
        )
        out.append(
            '<ul class="checks">'
            + "".join(f"<li>{'☑' if c.done else '☐'} {escape(c.text)}</li>" for c in checklist.items)
            + "</ul>"
        )
    return out

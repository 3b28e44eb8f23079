"""A one-page status report for stakeholders: self-contained HTML, readable on paper.

Progress per phase, blocked work, criteria met, metrics with bars, open risks,
active contingencies. Inline CSS (with a print stylesheet), no scripts, no
external assets; every text is escaped.
"""

from __future__ import annotations

from datetime import date
from html import escape

from board.model import Plan

STYLE = """
body { font: 15px/1.45 system-ui, -apple-system, "Segoe UI", sans-serif; color: #1d232b; margin: 2rem auto; max-width: 60rem; padding: 0 1rem; }
h1 { margin-bottom: 0; } .sub { color: #5b6472; margin-top: .2rem; }
h2 { border-bottom: 2px solid #e6e9ef; padding-bottom: .2rem; margin-top: 2rem; }
table { border-collapse: collapse; width: 100%; } th, td { text-align: left; padding: .3rem .5rem; border-bottom: 1px solid #e6e9ef; vertical-align: top; }
.bar { background: #e6e9ef; height: .8rem; width: 10rem; display: inline-block; vertical-align: middle; }
.bar span { background: #2e7d32; height: 100%; display: block; }
.blocked { color: #c62828; font-weight: 600; } .over { color: #c62828; font-weight: 600; } .ok { color: #2e7d32; }
.status { font-variant: small-caps; }
h3 { margin-bottom: .2rem; font-size: 1rem; } h3 .sub { font-weight: normal; } ul.criteria { list-style: none; padding-left: .5rem; margin-top: .2rem; }
@media print { body { margin: 0; font-size: 11pt; } h2 { break-after: avoid; } tr { break-inside: avoid; } .bar { border: 1px solid #999; } }
"""


def _bar(fraction: float) -> str:
    percent = round(max(0.0, min(1.0, fraction)) * 100)
    return f'<span class="bar" title="{percent}%"><span style="width:{percent}%"></span></span> {percent}%'


def export_html(plan: Plan, today: date | None = None) -> str:
    today = today or date.today()
    week = plan.this_week(today)
    current = plan.current_phase(today)
    when = (
        f"Week {week} of {plan.weeks}" + (f" · {current.name}" if current else "")
        if week and week <= plan.weeks
        else "not running this week"
    )
    done, total = plan.progress()
    out: list[str] = [
        "<!DOCTYPE html>",
        '<html lang="en">',
        "<head>",
        '<meta charset="utf-8">',
        f"<title>{escape(plan.title)} — status report</title>",
        f"<style>{STYLE}</style>",
        "</head>",
        "<body>",
        f"<h1>{escape(plan.title)}</h1>",
        f'<p class="sub">Status report of {today.isoformat()} · {escape(when)} · {done} of {total} objectives done</p>',
    ]
    if plan.summary:
        out.append(f"<p>{escape(plan.summary)}</p>")
    out += [
        "<h2>Progress per phase</h2>",
        "<table>",
        "<tr><th>Phase</th><th>Weeks</th><th>Progress</th><th>Criteria met</th><th>Rollback</th></tr>",
    ]
    for phase in plan.phases:
        pdone, ptotal = plan.phase_progress(phase)
        rollback = f"{escape(phase.rollback_estimate or '?')} of {escape(phase.rollback_budget or '?')}"
        css = "over" if phase.rollback_over_budget() else "ok"
        out.append(
            f"<tr><td>{escape(phase.id.upper())} {escape(phase.name)}</td><td>{phase.first_week}–{phase.last_week}</td>"
            f"<td>{_bar(pdone / ptotal if ptotal else 0)} ({pdone}/{ptotal})</td>"
            f'<td>{phase.criteria_met()}/{len(phase.criteria)}</td><td class="{css}">{rollback}</td></tr>'
        )
    out.append("</table>")
    out.append("<h2>Success criteria</h2>")
    for phase in plan.phases:
        if not phase.criteria:
            continue
        out.append(
            f'<h3>{escape(phase.name)} <span class="sub">{phase.criteria_met()} of {len(phase.criteria)} met</span></h3>'
        )
        out.append('<ul class="criteria">')
        for criterion in phase.criteria:
            mark = '<span class="ok">✓ met</span>' if criterion.met else '<span class="sub">○ open</span>'
            out.append(f"<li>{mark} {escape(criterion.text)}</li>")
        out.append("</ul>")
    blocked = plan.blocked()
    out.append("<h2>Blocked</h2>")
    if blocked:
        out.append("<ul>")
        for obj in blocked:
            waiting = plan.unfinished_dependencies(obj)
            why = (
                ("waits for " + ", ".join(waiting))
                if waiting
                else (obj.notes.strip().splitlines()[0] if obj.notes.strip() else "no reason noted")
            )
            owner = f" (@{escape(obj.owner)})" if obj.owner else ""
            out.append(f'<li><span class="blocked">{escape(obj.title)}</span>{owner}: {escape(why)}</li>')
        out.append("</ul>")
    else:
        out.append("<p>Nothing is blocked.</p>")
    out += ["<h2>Objectives</h2>", "<table>", "<tr><th>Week</th><th>Objective</th><th>Status</th><th>Owner</th></tr>"]
    for obj in plan.objectives:
        out.append(
            f'<tr><td>{obj.week}</td><td>{escape(obj.title)}</td><td class="status">{escape(obj.status)}</td><td>{escape(obj.owner)}</td></tr>'
        )
    out.append("</table>")
    out += [
        "<h2>Success metrics</h2>",
        "<table>",
        "<tr><th>Metric</th><th>Target</th><th>Current</th><th>Toward the target</th></tr>",
    ]
    for metric in plan.metrics:
        progress = metric.progress()
        reading = "—" if metric.current is None else f"{metric.current:g}{metric.unit}"
        bar = _bar(progress) if progress is not None else "no reading yet"
        out.append(
            f"<tr><td>{escape(metric.name)}</td><td>{escape(metric.spec())}</td><td>{escape(reading)}</td><td>{bar}</td></tr>"
        )
    out.append("</table>")
    risks = [(phase, risk) for phase in plan.phases for risk in phase.risks if risk.state == "open"]
    out.append("<h2>Open risks</h2>")
    if risks:
        out += [
            "<table>",
            "<tr><th>Phase</th><th>Risk</th><th>Likelihood × impact</th><th>Mitigation</th><th>Owner</th></tr>",
        ]
        for phase, risk in sorted(risks, key=lambda pr: -pr[1].severity()):
            out.append(
                f"<tr><td>{escape(phase.id.upper())}</td><td>{escape(risk.description)}</td><td>{risk.likelihood} × {risk.impact} = {risk.severity()}</td>"
                f"<td>{escape(risk.mitigation)}</td><td>{escape(risk.owner)}</td></tr>"
            )
        out.append("</table>")
    else:
        out.append("<p>No open risks recorded.</p>")
    active = [c for c in plan.contingencies if c.active]
    out.append("<h2>Active contingencies</h2>")
    if active:
        out.append("<ul>")
        for item in active:
            since = f" since {item.activated.isoformat()}" if item.activated else ""
            out.append(f"<li><strong>{escape(item.name)}</strong>{since}: {escape('; '.join(item.actions))}</li>")
        out.append("</ul>")
    else:
        out.append("<p>None: every contingency plan is on standby.</p>")
    out += ["</body>", "</html>"]
    return "\n".join(out) + "\n"

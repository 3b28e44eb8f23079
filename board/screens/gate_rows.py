"""The risk panel's Gate section and rehearsal log: rows over the derived verdict and readiness."""

from __future__ import annotations

from datetime import date

from board.model import Phase, Plan
from board.model.gates import verdict
from board.model.health import plan_health
from board.model.rehearsals import readiness, took_minutes
from board.screens.review_panel import metric_mark
from board.widgets.markup import escape

RowData = tuple[str, str, tuple[str, ...], int]


def gate_rows(plan: Plan, phase: Phase, today: date) -> list[RowData]:
    """(markup, kind, ref, index) of each row: a heading, one row per gate item; sign-off rows
    are of kind ``"signoff"`` (``g`` records or withdraws them)."""
    result = verdict(plan, phase, today)
    word = "[$success b]GO[/]" if result.go else f"[$error b]NO-GO[/] · {len(result.open)} open"
    rows: list[RowData] = [
        (
            f"[b $accent]Gate[/] {escape(result.label().removeprefix('Gate '))}: {word}"
            "  [$text-muted](g signs off / withdraws)[/]",
            "",
            (),
            0,
        )
    ]
    health = plan_health(plan, today)[1][phase.id]
    colour = {"on track": "$success", "at risk": "$warning", "off track": "$error"}[health.level]
    why = f": {escape('; '.join(health.reasons))}" if health.reasons else ""
    rows.append((f"  Health [{colour} b]{health.symbol} {health.level}[/]{why}", "", (), 0))
    gate = phase.gate
    roles = list(gate.signoffs) if gate else []
    criteria = iter(phase.criteria)  # the verdict lists the criteria first, in their order
    for item in result.items:
        if item.kind == "signoff":
            continue
        linked = item.kind == "metric" or (item.kind == "criterion" and bool(next(criteria).metric))
        mark = "[$success]✓ [/]" if item.ok else "[$error]✕ [/]"  # the mark and its space as one run
        sign = metric_mark(item.ok) if linked else ""
        rows.append((f"  {mark}{sign}{escape(item.text)}", "", (), 0))
    for i, role in enumerate(roles):
        given = gate.signoff_of(role) if gate else None
        if given is None:
            rows.append((f"  [$error]✕ [/]sign-off missing: {escape(role)}", "signoff", (phase.id, role), i))
        else:
            text = f"signed off: {escape(role)} by {escape(given.by)} on {given.date.isoformat()}"
            rows.append((f"  [$success]✓ [/]{text}", "signoff", (phase.id, role), i))
    return rows


def rehearsal_rows(plan: Plan, phase: Phase, today: date) -> list[RowData]:
    """The rehearsal log, newest first, with the last time against the budget and staleness."""
    ready = readiness(plan, phase, today)
    state = "[$error b]stale[/]" if ready.stale else ("[$success]fresh[/]" if ready.last_ok else "never rehearsed")
    rows: list[RowData] = [(f"[b $accent]Rehearsals[/]  {state} · fresh for {ready.max_age} days", "", (), 0)]
    budget = phase.budget_minutes()
    for rehearsal in sorted(phase.rehearsals, key=lambda r: r.date, reverse=True):
        took = took_minutes(rehearsal)
        over = took is not None and budget is not None and took > budget
        flag = "  [$error b]over budget[/]" if over else ""
        outcome = "[$success]ok[/]" if rehearsal.ok else "[$error b]failed[/]"
        note = f" — {escape(rehearsal.note)}" if rehearsal.note else ""
        rows.append((f"  {rehearsal.date.isoformat()}  {escape(rehearsal.took):>6}  {outcome}{flag}{note}", "", (), 0))
    return rows

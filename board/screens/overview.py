"""`o`: the whole plan on one screen — summary, weeks, each phase's progress, active
contingencies, the metrics against their targets, the plan-wide final-validation
checklists (acceptance criteria, post-implementation; ticked here) and the closing note.

Built as the review panels are (a list of rows whose keys act through the editor),
so a tick is saved at once, and `u` / `ctrl+r` undo and redo it here as on the board.
"""

from __future__ import annotations

from datetime import date

from rich.cells import cell_len

from board.keys import bindings_for
from board.model import Metric, Plan
from board.model.gates import Verdict, verdict
from board.model.health import Health, plan_health
from board.model.progress import (
    PhaseCounts,
    count_objectives,
    phase_counts,
    unplaced_objectives,
)
from board.model.words import counted
from board.screens.contingency_panel import ContingencyPanel
from board.screens.metrics_panel import MetricsPanel
from board.screens.review_panel import ReviewPanel, Row, tick
from board.screens.risk_panel import RiskPanel
from board.widgets.cards import progress_bar, truncate
from board.widgets.markup import escape

NAME_WIDTH = 26
METRIC_WIDTH = 24
LEGEND = "[$text-muted]done/all · ◐ ✕ ! in progress, blocked, late · health · gate[/]"
HEALTH_STYLE = {"on track": "$success", "at risk": "$warning", "off track": "$error"}


def _pad(text: str, width: int) -> str:
    cut = truncate(text, width)
    return escape(cut) + " " * (width - cell_len(cut))


def _count(symbol: str, count: int, colour: str) -> str:
    text = f"{symbol}{count}"
    return f"[{colour}]{text}[/]" if count else f"[$text-muted]{text}[/]"


def weeks_line(plan: Plan, today: date) -> str:
    """``8 weeks from 2026-11-16 · this week: 3 (Component Architecture)``."""
    parts = [counted(plan.weeks, "week")]
    if plan.start is None:
        parts[0] += " · no start date (this week unknown)"
        return parts[0]
    parts[0] += f" from {plan.start.isoformat()}"
    week = plan.this_week(today)
    if week is None:
        parts.append("not started yet")
    elif week > plan.weeks:
        parts.append("finished")
    else:
        phase = plan.phase_of_week(week)
        parts.append(f"this week: {week}" + (f" ({escape(phase.name)})" if phase else ""))
    return " · ".join(parts)


def phase_rows(plan: Plan, today: date) -> list[Row]:
    current = plan.current_phase(today)
    rows = [Row(f"[b $accent]Phases[/]  {LEGEND}")]
    if not plan.phases:
        rows.append(Row("  [$text-muted]no phases yet (P plans them)[/]", "text"))
    _, healths = plan_health(plan, today)
    for phase in sorted(plan.phases, key=lambda p: p.first_week):
        counts = phase_counts(plan, phase, today)
        first, last = phase.first_week, phase.last_week
        weeks = f"W{first}" if first == last else f"W{first}–{last}"
        here = "  [$accent b]◀ now[/]" if phase is current else ""
        marks = _health_and_gate(healths.get(phase.id), verdict(plan, phase, today))
        rows.append(Row(_progress_line(phase.label(), weeks, counts) + marks + here, "phase", (phase.id,)))
    unplaced = unplaced_objectives(plan)
    if unplaced:
        counts = count_objectives(plan, unplaced, today)
        rows.append(Row(_progress_line("Unplaced (weeks in no phase)", "", counts), "unplaced"))
    return rows


def _health_and_gate(health: Health | None, gate: Verdict) -> str:
    """`` ▲ ✕4``: the phase's health (a symbol that reads without colour) and its gate (✓ GO, ✕ open items)."""
    mark = f" [{HEALTH_STYLE.get(health.level, '')}]{health.symbol}[/]" if health is not None else ""
    return mark + (" [$success]✓[/]" if gate.go else f" [$error]✕{len(gate.open)}[/]")


def _progress_line(name: str, weeks: str, counts: PhaseCounts) -> str:
    return (
        f"  {_pad(name, NAME_WIDTH)} {weeks:<6}[$success]{progress_bar(counts.done, counts.total, 10)}[/] "
        f"{counts.done:>2}/{counts.total:<2}  {_count('◐', counts.in_progress, '$accent')} "
        f"{_count('✕', counts.blocked, '$error')} {_count('!', counts.late, '$warning')}"
    )


def contingency_rows(plan: Plan) -> list[Row]:
    active = [c for c in plan.contingencies if c.active]
    rows = [Row(f"[b $accent]Active contingencies[/]  {len(active)} of {len(plan.contingencies)}")]
    if not active:
        standby = len(plan.contingencies)
        what = f"{standby} on standby" if standby else "no contingency plans"
        rows.append(Row(f"  [$text-muted]none active · {what} (c)[/]", "text"))
    for item in active:
        since = f" since {item.activated.isoformat()}" if item.activated else ""
        actions = f" · {item.done_count()}/{len(item.actions)} actions done" if item.actions else ""
        rows.append(Row(f"  [$error b]![/] [b]{escape(item.name)}[/b]{since}{actions}", "contingency", (item.id,)))
    return rows


def _value(metric: Metric, value: float | None) -> str:
    if value is None:
        return "—"
    return f"{value:+g}{metric.unit}" if metric.relative else f"{value:g}{metric.unit}"


def metric_rows(plan: Plan) -> list[Row]:
    rows = [Row("[b $accent]Metrics[/]  [$text-muted]now · target · progress from the start[/]")]
    if not plan.metrics:
        rows.append(Row("  [$text-muted]no metrics in this plan[/]", "text"))
    for metric in plan.metrics:
        progress = metric.progress()
        bar = progress_bar(round((progress or 0) * 100), 100, 10)
        pct = "  —" if progress is None else f"{progress * 100:3.0f}%"
        rows.append(
            Row(
                f"  {_pad(metric.name, METRIC_WIDTH)} [b]{escape(_value(metric, metric.current)):>7}[/b]"
                f"  {escape(metric.spec()):<12} [$success]{bar}[/] {pct}",
                "metric",
                (metric.id,),
            )
        )
    return rows


def final_validation_rows(plan: Plan) -> list[Row]:
    rows: list[Row] = []
    for checklist in plan.final_validation:
        rows.append(
            Row(
                f"[b $accent]{escape(checklist.name)}[/]  {checklist.done_count()}/{len(checklist.items)}"
                "  [$text-muted](space ticks)[/]"
            )
        )
        rows += [
            Row(f"  {tick(item.done)}{escape(item.text)}", "check", (checklist.id,), i)
            for i, item in enumerate(checklist.items)
        ]
    return rows


class OverviewScreen(ReviewPanel):
    """The plan as a whole; space ticks a final-validation item, u / ctrl+r undo and redo, enter opens
    the panel of the phase, contingency plan or metric under the cursor."""

    TITLE_TEXT = "Overview"
    BINDINGS = bindings_for("overview")

    def heading(self) -> str:
        plan, today = self.plan, self.app.today()
        done, total = plan.progress()
        late = len(plan.late(today))
        blocked = len(plan.blocked())
        return f"[b]{escape(plan.title)}[/b]  {done}/{total} done · {blocked} blocked · {late} late\n{weeks_line(plan, today)}"

    def build_rows(self) -> list[Row]:
        plan, today = self.plan, self.app.today()
        rows: list[Row] = []
        if plan.summary:
            rows.append(Row(escape(plan.summary), "text"))
        rows += phase_rows(plan, today)
        rows += contingency_rows(plan)
        rows += metric_rows(plan)
        rows += final_validation_rows(plan)
        if plan.closing:
            rows.append(Row("[b $accent]Closing[/]"))
            rows.append(Row(escape(plan.closing), "text"))
        return rows

    def on_mount(self) -> None:
        super().on_mount()
        # Start on the first phase, not on the summary: the summary stays in view above it.
        first = next((i for i, row in enumerate(self.rows) if row.kind in ("phase", "unplaced")), None)
        if first is not None:
            self.list.highlighted = first

    def action_tick(self) -> None:
        row = self.current()
        if row is None or row.kind != "check":
            self.notify("Highlight an item of the acceptance criteria or the checklist to tick it", timeout=3)
            return
        editor = self.app.session.editor
        self.apply(lambda: editor.tick_check(row.ref[0], row.index))

    def action_open_row(self) -> None:
        """enter: a phase opens its risk & rollback panel, a contingency or a metric its panel."""
        row = self.current()
        kind = row.kind if row is not None else ""
        if row is not None and kind == "phase":
            self.app.push_screen(RiskPanel(row.ref[0]))
        elif kind == "contingency":
            self.app.push_screen(ContingencyPanel())
        elif kind == "metric":
            self.app.push_screen(MetricsPanel())
        elif kind == "check":
            self.action_tick()

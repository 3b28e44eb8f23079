"""The review panels: risk & rollback (`r`), contingency (`c`), metrics (`m`), standup (`s`).

Each panel is a screen over the board; `escape` returns with the selection kept.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Callable

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.markup import escape
from textual.screen import Screen
from textual.widgets import Footer, Static

from board.model import Phase, Plan, format_minutes, parse_duration
from board.widgets.cards import progress_bar

if TYPE_CHECKING:
    from board.app import RolloutApp


def _tick(done: bool) -> str:
    return "[$success]☑[/]" if done else "☐"


def _duration(text: str) -> str:
    return f"{escape(text)} ({format_minutes(parse_duration(text))})" if text else "—"


def risk_text(plan: Plan, phase: Phase | None) -> str:
    lines: list[str] = []
    if phase is not None:
        over = phase.rollback_over_budget()
        lines += [
            f"[b]{escape(phase.id.upper())} {escape(phase.name)}[/b]  weeks {phase.first_week}–{phase.last_week}",
            f"Priority {escape(phase.priority or '—')} · Risk level {escape(phase.risk or '—')}",
            f"Rollback budget {_duration(phase.rollback_budget)} · estimate {_duration(phase.rollback_estimate)}"
            + ("  [$error b]over budget[/]" if over else ""),
            "",
            f"[b]Rollback plan[/b]  last rehearsal: {phase.rehearsed.isoformat() if phase.rehearsed else 'never'}",
        ]
        lines += [f"  {_tick(step.done)} {escape(step.text)}" for step in phase.rollback_steps]
        lines += ["", f"[b]Success criteria[/b]  {phase.criteria_met()}/{len(phase.criteria)} met"]
        lines += [f"  {_tick(c.met)} {escape(c.text)}" for c in phase.criteria]
        if phase.risks:
            lines += ["", "[b]Risk register[/b]"]
            lines += [
                f"  L{r.likelihood}×I{r.impact} {escape(r.state):<9} {escape(r.description)}" for r in phase.risks
            ]
        lines.append("")
    lines.append("[b $accent]Risk management[/]")
    for checklist in plan.risk_management:
        lines.append(f"[b]{escape(checklist.name)}[/b]  {checklist.done_count()}/{len(checklist.items)}")
        lines += [f"  {_tick(i.done)} {escape(i.text)}" for i in checklist.items]
    lines.append("")
    lines.append("[b $accent]Final validation[/]")
    for checklist in plan.final_validation:
        lines.append(f"[b]{escape(checklist.name)}[/b]  {checklist.done_count()}/{len(checklist.items)}")
        lines += [f"  {_tick(i.done)} {escape(i.text)}" for i in checklist.items]
    return "\n".join(lines)


def contingency_text(plan: Plan) -> str:
    lines: list[str] = []
    for item in plan.contingencies:
        state = f"[$error b]ACTIVE since {item.activated.isoformat() if item.activated else '?'}[/]" if item.active else "[$text-muted]standby[/]"
        lines.append(f"[b]{escape(item.name)}[/b]  {state}")
        lines += [f"  • {escape(action)}" for action in item.actions]
        if item.notes:
            lines.append(f"  [i]{escape(item.notes)}[/i]")
        lines.append("")
    return "\n".join(lines) or "No contingency plans."


def metrics_text(plan: Plan) -> str:
    lines: list[str] = []
    for group in ("technical", "business", "quality"):
        metrics = [m for m in plan.metrics if m.group == group]
        if not metrics:
            continue
        lines.append(f"[b $accent]{group.title()} metrics[/]")
        for metric in metrics:
            progress = metric.progress()
            bar = progress_bar(round((progress or 0) * 100), 100, 12)
            current = "—" if metric.current is None else f"{metric.current:g}{metric.unit}"
            arrow = "↓" if metric.direction == "down" else "↑"
            lines.append(
                f"  {escape(metric.name):<26} {escape(metric.spec()):<12} now {escape(current):<8} [$success]{bar}[/] {arrow}"
            )
        lines.append("")
    return "\n".join(lines) or "No metrics."


class TextPanel(Screen[None]):
    DEFAULT_CSS = """
    TextPanel > VerticalScroll { padding: 1 2; }
    """
    BINDINGS = [Binding("escape", "close", "Back", id="panel.back")]

    app: RolloutApp

    def __init__(self, title: str, content: Callable[[], str]) -> None:
        super().__init__()
        self.panel_title = title
        self.content = content

    def compose(self) -> ComposeResult:
        with VerticalScroll():
            yield Static(f"[b]{escape(self.panel_title)}[/b]\n")
            yield Static(self.content(), id="panel-text")
        yield Footer()

    def action_close(self) -> None:
        self.dismiss()


def standup_text(app: RolloutApp) -> str:
    plan = app.session.plan
    try:
        from board.standup import build_standup, render_text
    except ImportError:
        return "The standup report is not available."
    return escape(render_text(build_standup(plan, app.today()), width=max(60, app.size.width - 4)))


def open_panel(app: RolloutApp, name: str, selected: str | None) -> None:
    from board.screens.review import ContingencyPanel, MetricsPanel, RiskPanel

    plan = app.session.plan
    if name == "risk":
        obj = plan.find_objective(selected) if selected else None
        phase = plan.phase_of(obj) if obj else plan.current_phase(app.today())
        if phase is None and plan.phases:
            phase = plan.phases[0]
        if phase is None:
            app.notify("This plan has no phases yet", timeout=3)
            return
        app.push_screen(RiskPanel(phase.id))
    elif name == "contingency":
        app.push_screen(ContingencyPanel())
    elif name == "metrics":
        app.push_screen(MetricsPanel())
    elif name == "planning":
        from board.screens.planning import PlanningScreen

        app.push_screen(PlanningScreen())
    elif name == "standup":
        app.push_screen(TextPanel("Standup", lambda: standup_text(app)))

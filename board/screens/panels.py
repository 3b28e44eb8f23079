"""Opening the panels from the board: risk & rollback (`r`), contingency (`c`), metrics (`m`),
standup (`s`), the whole plan (`o`), planning (`P`); and the standup's read-only text panel.

Each panel is a screen over the board; `escape` returns with the selection kept.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import Footer, Static

from board.widgets.markup import escape

if TYPE_CHECKING:
    from board.app import RolloutApp


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
    elif name == "overview":
        from board.screens.overview import OverviewScreen

        app.push_screen(OverviewScreen())
    elif name == "metrics":
        app.push_screen(MetricsPanel())
    elif name == "planning":
        from board.screens.planning import PlanningScreen

        app.push_screen(PlanningScreen())
    elif name == "standup":
        app.push_screen(TextPanel("Standup", lambda: standup_text(app)))

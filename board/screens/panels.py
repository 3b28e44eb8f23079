"""Opening the panels from the board: risk & rollback (`r`), contingency (`c`), metrics (`m`),
standup (`s`), planning (`P`); and the standup's read-only text panel.

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

from board.term import visible
from board.widgets.markup import escape

if TYPE_CHECKING:
    from board.app import RolloutApp


class TextPanel(Screen[None]):
    """A read-only text panel. ``slow``: the text is made in a worker thread (it reads git), the
    panel saying so meanwhile; the board stays responsive."""

    DEFAULT_CSS = """
    TextPanel > VerticalScroll { padding: 1 2; }
    """
    BINDINGS = [Binding("escape", "close", "Back", id="panel.back")]

    app: RolloutApp

    def __init__(self, title: str, content: Callable[[], str], *, slow: bool = False) -> None:
        super().__init__()
        self.panel_title = title
        self.content = content
        self.slow = slow

    def compose(self) -> ComposeResult:
        with VerticalScroll():
            yield Static(f"[b]{escape(self.panel_title)}[/b]\n")
            yield Static(
                "[dim]Reading the plan's history from git…[/dim]" if self.slow else self.content(), id="panel-text"
            )
        yield Footer()

    def on_mount(self) -> None:
        if self.slow:
            self.run_worker(self._make_text, thread=True, exclusive=True, group="panel")

    def _make_text(self) -> None:
        text = self.content()
        self.app.call_from_thread(self._show_text, text)

    def _show_text(self, text: str) -> None:
        if self.is_attached:
            self.query_one("#panel-text", Static).update(text)

    def action_close(self) -> None:
        self.dismiss()


def standup_content(app: RolloutApp) -> Callable[[], str]:
    """The standup panel's text, as the ``standup`` command makes it (the plan diff from git for
    "since the last commit" and "done since"): a copy of the plan taken now, the rest in a worker."""
    from board.model.merge import clone
    from board.standup import render_text
    from board.standup.from_git import standup_report

    plan = clone(app.session.plan)
    path, today, width = app.session.path, app.today(), max(60, app.size.width - 4)

    def make() -> str:
        built = standup_report(path, plan, today)
        notes = "".join(f"warning: {visible(warning)}\n" for warning in built.warnings)
        return escape(notes + render_text(built.standup, width=width))

    return make


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
        app.push_screen(TextPanel("Standup", standup_content(app), slow=True))

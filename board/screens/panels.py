"""Opening the panels from the board: risk & rollback (`r`), contingency (`c`), metrics (`m`),
standup (`s`), the whole plan (`o`), planning (`P`); and the standup's read-only text panel.

Each panel is a screen over the board; `escape` returns with the selection kept.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import Static

from board.keys import bindings_for
from board.term import visible
from board.widgets.key_footer import KeyFooter

if TYPE_CHECKING:
    from board.host import Host


class TextPanel(Screen[None]):
    """A read-only text (the standup): j / k scroll, g / G to the ends, escape back. ``slow``: the
    text is made in a worker thread (it reads git), the panel saying so meanwhile."""

    DEFAULT_CSS = """
    TextPanel > VerticalScroll { padding: 0 2; }
    TextPanel #panel-text { text-wrap: nowrap; }
    """
    BINDINGS = bindings_for("text-panel")

    app: Host

    def __init__(self, title: str, content: Callable[[], str], *, slow: bool = False) -> None:
        super().__init__()
        self.panel_title = title
        self.HELP_TITLE = title
        self.content = content
        self.slow = slow

    def compose(self) -> ComposeResult:
        with VerticalScroll(can_focus=False):
            # Plain text: the plan's words are never read as markup.
            first = Text("Reading the plan's history from git…", style="dim") if self.slow else Text(self.content())
            yield Static(first, id="panel-text")
        yield KeyFooter()

    def on_mount(self) -> None:
        if self.slow:
            self.run_worker(self._make_text, thread=True, exclusive=True, group="panel")

    def _make_text(self) -> None:
        text = self.content()
        self.app.call_from_thread(self._show_text, text)

    def _show_text(self, text: str) -> None:
        if self.is_attached:
            self.query_one("#panel-text", Static).update(Text(text))

    def action_scroll(self, delta: int) -> None:
        self.query_one(VerticalScroll).scroll_relative(y=delta, animate=False)

    def action_edge(self, direction: int) -> None:
        scroll = self.query_one(VerticalScroll)
        if direction < 0:
            scroll.scroll_home(animate=False)
        else:
            scroll.scroll_end(animate=False)

    def action_close(self) -> None:
        self.dismiss()


def standup_content(app: Host) -> Callable[[], str]:
    """The same report as `rollout-board standup` (since the last commit, and done since from the
    plan diff in git), laid out for the screen: a copy of the plan taken now, the rest in a worker."""
    from board.model.merge import clone
    from board.standup import render_text
    from board.standup.from_git import standup_report

    plan = clone(app.session.plan)
    path, today, width = app.session.path, app.today(), max(60, app.size.width - 6)  # padding and scrollbar

    def make() -> str:
        built = standup_report(path, plan, today)
        text = render_text(built.standup, width=width)
        return text + "".join(f"\n\n({visible(warning)})" for warning in built.warnings)

    return make


def open_panel(app: Host, name: str, selected: str | None) -> None:
    from board.screens.contingency_panel import ContingencyPanel
    from board.screens.metrics_panel import MetricsPanel
    from board.screens.risk_panel import RiskPanel

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
        app.push_screen(TextPanel("Standup", standup_content(app), slow=True))

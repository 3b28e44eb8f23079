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


TextAt = Callable[[int], str]
"""A text laid out for a width in cells (the standup's report, rendered again at a new width)."""

MIN_TEXT_WIDTH = 30  # the report stays readable this narrow (its columns stack below 100)


class TextPanel(Screen[None]):
    """A read-only text (the standup): j / k scroll, g / G to the ends, escape back. ``content``
    gives the text for a width, laid out again when the terminal is resized; ``slow``: ``content``
    is made in a worker thread (it reads git), the panel saying so meanwhile."""

    DEFAULT_CSS = """
    TextPanel > VerticalScroll { padding: 0 2; }
    TextPanel #panel-text { text-wrap: nowrap; }
    """
    BINDINGS = bindings_for("text-panel")

    app: Host

    def __init__(self, title: str, content: Callable[[], TextAt], *, slow: bool = False) -> None:
        super().__init__()
        self.panel_title = title
        self.HELP_TITLE = title
        self.content = content
        self.slow = slow
        self.text_at: TextAt | None = None
        self.shown_width = 0

    def text_width(self) -> int:
        """The cells a line has: the terminal's width less the padding (2 a side) and the scrollbar."""
        return max(MIN_TEXT_WIDTH, self.app.size.width - 6)

    def compose(self) -> ComposeResult:
        with VerticalScroll(can_focus=False):
            # Plain text: the plan's words are never read as markup.
            if self.slow:
                yield Static(Text("Reading the plan's history from git…", style="dim"), id="panel-text")
            else:
                self.text_at, self.shown_width = self.content(), self.text_width()
                yield Static(Text(self.text_at(self.shown_width)), id="panel-text")
        yield KeyFooter()

    def on_mount(self) -> None:
        if self.slow:
            self.run_worker(self._make_text, thread=True, exclusive=True, group="panel")

    def _make_text(self) -> None:
        text_at = self.content()
        self.app.call_from_thread(self._show_text, text_at)

    def _show_text(self, text_at: TextAt) -> None:
        self.text_at = text_at
        self.shown_width = 0
        self.reflow()

    def reflow(self) -> None:
        """Lay the text out for the width there is now (once it is made; again only at a new width)."""
        width = self.text_width()
        if self.text_at is None or not self.is_attached or width == self.shown_width:
            return
        self.shown_width = width
        self.query_one("#panel-text", Static).update(Text(self.text_at(width)))

    def on_resize(self) -> None:
        self.reflow()

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


def standup_content(app: Host) -> Callable[[], TextAt]:
    """The same report as `rollout-board standup` (since the last commit, and done since from the
    plan diff in git), laid out for the screen's width: a copy of the plan taken now, the report
    built in a worker, then rendered for each width the panel is given."""
    from board.model.merge import clone
    from board.standup import render_text
    from board.standup.from_git import standup_report

    plan = clone(app.session.plan)
    path, today = app.session.path, app.today()

    def make() -> TextAt:
        built = standup_report(path, plan, today)
        notes = "".join(f"\n\n({visible(warning)})" for warning in built.warnings)
        return lambda width: render_text(built.standup, width=width) + notes

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

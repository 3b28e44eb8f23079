"""One objective in full: every field, its dependencies, what depends on it, its notes."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import Footer, Static

from board.model import Objective, Plan
from board.widgets.cards import status_symbol
from board.widgets.markup import escape

if TYPE_CHECKING:
    from board.app import RolloutApp


def describe(plan: Plan, obj: Objective) -> str:
    """The objective as markup, for the screen (and for its snapshot)."""
    phase = plan.phase_of(obj)
    lines = [
        f"[b]{escape(obj.title)}[/b]",
        f"[$text-muted]{escape(obj.id)}[/]",
        "",
        f"Status     {status_symbol(obj.status)} {escape(obj.status)}"
        + (f"  [$text-muted](since {obj.changed.isoformat()})[/]" if obj.changed else ""),
        f"Week       {obj.week} of {plan.weeks}",
        f"Phase      {escape(phase.label()) if phase else '—'}",
        f"Owner      {escape(obj.owner) if obj.owner else '[$text-muted]nobody yet[/]'}",
        f"Tags       {escape(', '.join('#' + t for t in obj.tags)) if obj.tags else '[$text-muted]none[/]'}",
        "",
        "[b]Depends on[/b]",
    ]
    if obj.depends_on:
        for dep in obj.depends_on:
            other = plan.find_objective(dep)
            if other is None:
                lines.append(f"  [$error]? {escape(dep)} (missing)[/]")
            else:
                mark = "" if plan.is_done(other) else "  [$warning]⚠ not done[/]"
                lines.append(f"  {status_symbol(other.status)} {escape(other.id)} — {escape(other.title)}{mark}")
    else:
        lines.append("  [$text-muted]nothing[/]")
    lines += ["", "[b]Needed by[/b]"]
    dependents = plan.dependents(obj.id)
    if dependents:
        lines.extend(f"  {status_symbol(o.status)} {escape(o.id)} — {escape(o.title)}" for o in dependents)
    else:
        lines.append("  [$text-muted]nothing[/]")
    lines += ["", "[b]Notes[/b]", escape(obj.notes) if obj.notes else "[$text-muted]no notes — e to add some[/]"]
    return "\n".join(lines)


class ObjectiveScreen(Screen[None]):
    DEFAULT_CSS = """
    ObjectiveScreen #objective-body { padding: 1 2; }
    ObjectiveScreen #objective-text { width: 100%; max-width: 100; }
    """
    BINDINGS = [
        Binding("escape", "close", "Back", id="objective.back"),
        Binding("e", "edit", "Edit", id="objective.edit-open"),
        Binding("space", "advance", "Advance", id="objective.advance-open"),
        Binding("b", "block", "Blocked", id="objective.block-open"),
        Binding("u", "undo", "Undo", id="objective.undo-open"),
        Binding("ctrl+r", "redo", "Redo", show=False, id="objective.redo-open"),
        Binding("j", "scroll(1)", "Down", show=False, id="scroll.down"),
        Binding("k", "scroll(-1)", "Up", show=False, id="scroll.up"),
        Binding("g", "scroll_edge(-1)", "Top", show=False, id="scroll.first"),
        Binding("G", "scroll_edge(1)", "Bottom", show=False, id="scroll.last"),
    ]
    HELP_TITLE = "Objective"

    app: RolloutApp

    def __init__(self, oid: str) -> None:
        super().__init__()
        self.oid = oid

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="objective-body"):
            yield Static(id="objective-text")
        yield Footer()

    def on_mount(self) -> None:
        self.show()

    def on_screen_resume(self) -> None:
        self.show()

    def show(self) -> None:
        plan = self.app.session.plan
        obj = plan.find_objective(self.oid)
        board = self.app.board_screen
        if obj is None and board is not None and board.board.selected:
            # Renamed in the form: follow the objective to its new id.
            self.oid = board.board.selected
            obj = plan.find_objective(self.oid)
        if obj is None:
            self.dismiss()
            return
        self.query_one("#objective-text", Static).update(describe(plan, obj))

    def action_close(self) -> None:
        self.dismiss()

    def action_scroll(self, delta: int) -> None:
        body = self.query_one("#objective-body", VerticalScroll)
        body.scroll_relative(y=delta, animate=False)

    def action_scroll_edge(self, direction: int) -> None:
        body = self.query_one("#objective-body", VerticalScroll)
        if direction < 0:
            body.scroll_home(animate=False)
        else:
            body.scroll_end(animate=False)

    async def action_edit(self) -> None:
        await self.app.open_form(self.oid)

    def _apply(self, name: str) -> None:
        board = self.app.board_screen
        editor = self.app.session.editor
        if board is None:
            return
        if name == "advance":
            board.apply(lambda: editor.advance(self.oid), select=self.oid)
        else:
            board.apply(lambda: editor.toggle_blocked(self.oid), select=self.oid)
        self.show()

    def action_undo(self) -> None:
        board = self.app.board_screen
        if board is not None:
            board.action_undo()
            self.show()

    def action_redo(self) -> None:
        board = self.app.board_screen
        if board is not None:
            board.action_redo()
            self.show()

    def action_advance(self) -> None:
        self._apply("advance")

    def action_block(self) -> None:
        self._apply("block")

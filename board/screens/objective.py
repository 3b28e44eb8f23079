"""One objective in full: every field, its dependencies, what depends on it, its notes.

Its keys hand their change to the app's one path (board/host.py) and the screen redraws on
the PlanChanged that follows, whichever screen made the change (a rename in the form too).
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import Static

from board.host import Host, PlanChanged
from board.keys import bindings_for
from board.model import BLOCKED, Objective, Plan
from board.widgets.cards import status_symbol
from board.widgets.key_footer import KeyFooter
from board.widgets.markup import escape


def links(plan: Plan, obj: Objective) -> list[tuple[str, str]]:
    """The objective's links in screen order: ("waits", id) for what it depends on, then
    ("needed", id) for what depends on it."""
    return [("waits", dep) for dep in obj.depends_on] + [("needed", o.id) for o in plan.dependents(obj.id)]


def describe(plan: Plan, obj: Objective, cursor: int | None = None, this_week: int | None = None) -> str:
    """The objective as markup, for the screen (and for its snapshot); ``cursor`` marks one link;
    late when its week is before ``this_week``."""
    marked = links(plan, obj)[cursor] if cursor is not None and cursor < len(links(plan, obj)) else None

    def mark(kind: str, oid: str, line: str) -> str:
        return f"[reverse]▸{line[1:]}[/reverse]" if marked == (kind, oid) else line

    phase = plan.phase_of(obj)
    late = f"  [$error b]late[/] [$text-muted](this is week {this_week})[/]" if plan.is_late(obj, this_week) else ""
    lines = [
        f"[b]{escape(obj.title)}[/b]",
        f"[$text-muted]{escape(obj.id)}[/]",
        "",
        f"Status     {status_symbol(obj.status)} {escape(obj.status)}"
        + (f"  [$text-muted](since {obj.changed.isoformat()})[/]" if obj.changed else ""),
        *(
            [f"Why        {escape(obj.blocked_reason) if obj.blocked_reason else '[$text-muted]no reason given[/]'}"]
            if obj.status == BLOCKED
            else []
        ),
        f"Week       {obj.week} of {plan.weeks}{late}",
        f"Phase      {escape(phase.label()) if phase else '—'}",
        f"Owner      {escape(obj.owner) if obj.owner else '[$text-muted]nobody yet[/]'}",
        f"Tags       {escape(', '.join('#' + t for t in obj.tags)) if obj.tags else '[$text-muted]none[/]'}",
        "",
        "[b]Depends on[/b]  [$text-muted](j / k choose a link · x removes it · d adds one)[/]",
    ]
    if obj.depends_on:
        for dep in obj.depends_on:
            other = plan.find_objective(dep)
            if other is None:
                lines.append(mark("waits", dep, f"  [$error]? {escape(dep)} (missing)[/]"))
            else:
                flags = "" if plan.is_done(other) else "  [$warning]⚠ not done[/]"
                if other.week > obj.week and not plan.is_done(other) and not plan.is_done(obj):
                    flags += f"  [$warning]≫ scheduled later (week {other.week})[/]"
                line = f"  {status_symbol(other.status)} {escape(other.id)} — {escape(other.title)}{flags}"
                lines.append(mark("waits", dep, line))
    else:
        lines.append("  [$text-muted]nothing[/]")
    lines += ["", "[b]Needed by[/b]"]
    dependents = plan.dependents(obj.id)
    if dependents:
        lines.extend(
            mark("needed", o.id, f"  {status_symbol(o.status)} {escape(o.id)} — {escape(o.title)}") for o in dependents
        )
    else:
        lines.append("  [$text-muted]nothing[/]")
    lines += ["", "[b]Notes[/b]", escape(obj.notes) if obj.notes else "[$text-muted]no notes — e to add some[/]"]
    return "\n".join(lines)


class ObjectiveScreen(Screen[None]):
    DEFAULT_CSS = """
    ObjectiveScreen #objective-body { padding: 1 2; }
    ObjectiveScreen #objective-text { width: 100%; max-width: 100; }
    """
    BINDINGS = bindings_for("objective")
    HELP_TITLE = "Objective"

    app: Host

    def __init__(self, oid: str) -> None:
        super().__init__()
        self.oid = oid
        self.cursor = 0

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="objective-body"):
            yield Static(id="objective-text")
        yield KeyFooter()

    def on_mount(self) -> None:
        self.show()
        self.app.plan_changed.subscribe(self, self.on_plan_changed)

    def on_screen_resume(self) -> None:
        self.show()

    def on_plan_changed(self, event: PlanChanged) -> None:
        """A change was applied: follow a renamed objective to its new id, and show it as it is now."""
        plan = self.app.session.plan
        if plan.find_objective(self.oid) is None:
            if event.select is not None:
                self.oid = event.select
            elif event.change is not None:
                renamed = [oid for oid in event.change.objectives if plan.find_objective(oid)]
                if renamed:
                    self.oid = renamed[0]
        if self.is_current:
            self.show()  # under a dialog or a form: shown again when it closes

    def show(self) -> None:
        plan = self.app.session.plan
        obj = plan.find_objective(self.oid)
        if obj is None:
            self.dismiss()
            return
        count = len(links(plan, obj))
        self.cursor = max(0, min(self.cursor, count - 1))
        self.query_one("#objective-text", Static).update(
            describe(plan, obj, self.cursor if count else None, plan.this_week(self.app.today()))
        )

    def action_link(self, delta: int) -> None:
        obj = self.app.session.plan.find_objective(self.oid)
        if obj is not None:
            count = len(links(self.app.session.plan, obj))
            self.cursor = max(0, min(self.cursor + delta, count - 1))
            self.show()

    def action_remove_link(self) -> None:
        """x: remove the marked link (either direction), one undoable step."""
        plan = self.app.session.plan
        obj = plan.find_objective(self.oid)
        if obj is None:
            return
        found = links(plan, obj)
        if not found:
            self.notify("No dependency to remove", timeout=2)
            return
        kind, other = found[self.cursor]
        editor = self.app.session.editor
        oid = self.oid
        if kind == "waits":
            change = self.app.apply(lambda: editor.remove_dependency(oid, other), select=oid)
        else:
            change = self.app.apply(lambda: editor.remove_dependency(other, oid), select=oid)
        if change is not None:
            self.notify(f"{change.label} — u undoes it", timeout=3)

    async def action_add_link(self) -> None:
        await self.app.pick_dependency(self.oid)

    def action_close(self) -> None:
        self.dismiss()

    def action_scroll_edge(self, direction: int) -> None:
        body = self.query_one("#objective-body", VerticalScroll)
        if direction < 0:
            body.scroll_home(animate=False)
        else:
            body.scroll_end(animate=False)

    async def action_edit(self) -> None:
        await self.app.open_form(self.oid)

    def action_advance(self) -> None:
        editor = self.app.session.editor
        oid = self.oid
        self.app.apply(lambda: editor.advance(oid), select=oid)

    def action_undo(self) -> None:
        self.app.undo()

    def action_redo(self) -> None:
        self.app.redo()

    async def action_block(self) -> None:
        await self.app.toggle_blocked(self.oid)  # asks why (a dialog over this screen) when it blocks

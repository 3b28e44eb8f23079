"""The contingency panel (`c`): contingency plans, active or on standby, their actions and notes."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.timer import Timer
from textual.widgets import Static, TextArea

from board.host import PlanChanged
from board.keys import bindings_for
from board.screens.review_panel import ReviewPanel, Row, option, tick
from board.widgets.markup import escape


class ContingencyPanel(ReviewPanel):
    """The contingency plans: active or on standby, their actions, and notes saved as you type."""

    TITLE_TEXT = "Contingency plans"
    BINDINGS = bindings_for("contingency")
    DEFAULT_CSS = """
    ContingencyPanel #notes { width: 1fr; height: 1fr; }
    ContingencyPanel #notes-box { width: 1fr; }
    """

    def __init__(self) -> None:
        super().__init__()
        self.notes = TextArea(id="notes")
        self.notes_label = Static(id="notes-label")
        self.notes_for: str | None = None
        self._idle: Timer | None = None
        self._saving_notes = False

    def side(self) -> ComposeResult:
        with Vertical(id="notes-box"):
            yield self.notes_label
            yield self.notes

    def build_rows(self) -> list[Row]:
        rows: list[Row] = []
        for plan in self.plan.contingencies:
            if plan.active:
                state = f"[$error b]ACTIVE since {plan.activated.isoformat() if plan.activated else '?'}[/]"
            else:
                state = "[$text-muted]standby[/]"
            if plan.active and plan.actions:
                state += f"  {plan.done_count()}/{len(plan.actions)} done"
            rows.append(Row(f"[b]{escape(plan.name)}[/b]  {state}", "contingency", (plan.id,)))
            for i, action in enumerate(plan.actions):
                done = plan.tick_of(action)
                when = f"  [$text-muted]{done.date.isoformat()}[/]" if done is not None and done.date else ""
                rows.append(Row(f"   {tick(done is not None)}{escape(action)}{when}", "action", (plan.id,), i))
        return rows or [Row("No contingency plans in this plan.")]

    def heading(self) -> str:
        return "[b]Contingency plans[/b]  [$text-muted]space: activate a plan · tick an action of an active one[/]"

    def highlighted_plan(self) -> str | None:
        index = self.list.highlighted
        if index is None:
            return None
        for row in reversed(self.rows[: index + 1]):
            if row.kind == "contingency":
                return row.ref[0]
        return None

    def refresh_side(self) -> None:
        cid = self.highlighted_plan()
        if cid is None or cid == self.notes_for:
            return
        self.save_notes()
        self.notes_for = cid
        plan = self.plan.contingency(cid)
        self.notes_label.update(f"[b]Notes · {escape(plan.name)}[/b]  [$text-muted]tab edits, saved as you type[/]")
        with self.notes.prevent(TextArea.Changed):
            self.notes.text = plan.notes

    def action_activate_or_tick(self) -> None:
        cid = self.highlighted_plan()
        if cid is None:
            return
        editor = self.app.session.editor
        row = self.current()
        if row is not None and row.kind == "action":
            self.apply(lambda: editor.tick_contingency_action(cid, row.index))
            return
        active = not self.plan.contingency(cid).active
        self.apply(lambda: editor.set_contingency_active(cid, active))

    def action_notes(self) -> None:
        self.set_focus(self.notes)

    @on(TextArea.Changed, "#notes")
    def notes_changed(self) -> None:
        if self._idle is not None:
            self._idle.stop()
        self._idle = self.set_timer(1.0, self.save_notes)

    def on_descendant_blur(self, event: object) -> None:
        self.save_notes()

    def save_notes(self) -> None:
        if self._idle is not None:
            self._idle.stop()
            self._idle = None
        cid = self.notes_for
        if cid is None or cid not in {c.id for c in self.plan.contingencies}:
            return
        text = self.notes.text.rstrip()
        if text != self.plan.contingency(cid).notes:
            editor = self.app.session.editor
            self._saving_notes = True  # the rows follow the change; the notes being typed stay as they are
            try:
                self.apply(lambda: editor.set_contingency_notes(cid, text))
            finally:
                self._saving_notes = False

    def refresh_rows_keep_notes(self) -> None:
        keep = self.list.highlighted
        self.rows = self.build_rows()
        self.list.clear_options()
        self.list.add_options([option(row, self.list_width()) for row in self.rows])
        if keep is not None:
            self.list.highlighted = keep

    def action_undo(self) -> None:
        self.save_notes()  # typed notes are the last change: u takes them back first
        super().action_undo()

    def on_plan_changed(self, event: PlanChanged) -> None:
        if self._saving_notes:
            self.refresh_rows_keep_notes()
            return
        if event.kind != "do":
            self.notes_for = None  # show the notes as the plan now has them, without saving the old text
        self.refresh_rows()

    def action_close(self) -> None:
        self.save_notes()
        self.dismiss()

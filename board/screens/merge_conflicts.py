"""A plan merged with conflicts: each one with base / ours / theirs side by side, resolved with one key.

`o` keeps ours, `t` takes theirs, `e` edits the value; each is one undoable
step (`u`, `ctrl+r`) saved at once. The screen shows the conflicts left after
every change (its own, an undo, the plan reloaded from disk: the PlanChanged
every open panel follows, board/host.py). When none is left the ``[[conflicts]]``
table is gone from the file and the board says "resolved: git add FILE".
"""

from __future__ import annotations

from dataclasses import is_dataclass
from typing import Any

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Vertical, VerticalScroll
from textual.screen import ModalScreen, Screen
from textual.widgets import Input, Label, Static

from board.host import Host, PlanChanged
from board.keys import bindings_for
from board.model import Conflict
from board.model.conflicts import parse_value, resolve
from board.model.diff import show_value
from board.term import visible
from board.widgets.key_footer import KeyFooter


def _cell(conflict: Conflict, value: Any) -> str:
    if conflict.field == "removed":
        return str(value or "(none)")
    return "(none)" if value is None else show_value(value)


class MergeConflictsScreen(Screen[None]):
    DEFAULT_CSS = """
    MergeConflictsScreen { background: $background; }
    MergeConflictsScreen #conflicts-title { height: auto; padding: 0 1; background: $panel; }
    MergeConflictsScreen VerticalScroll { height: 1fr; padding: 0 1; }
    """
    BINDINGS = bindings_for("conflicts")

    app: Host

    def __init__(self) -> None:
        super().__init__()
        self.index = 0

    def compose(self) -> ComposeResult:
        yield Static(id="conflicts-title")
        with VerticalScroll(can_focus=False):
            yield Static(id="conflicts-table")
        yield KeyFooter(compact=True)

    def on_mount(self) -> None:
        self.refresh_conflicts()
        self.app.plan_changed.subscribe(self, self.on_plan_changed)

    def on_plan_changed(self, event: PlanChanged) -> None:
        """A change was applied and saved (a resolution, an undo, the plan reloaded from disk): show
        the conflicts left; with none left, back to the board (saying so when this screen's keys did it)."""
        if self.conflicts or not self.is_current:
            self.refresh_conflicts()  # under a dialog: it closes, if none are left, when this screen is back
        else:
            self.close_resolved(said=event.kind != "replaced")

    def on_screen_resume(self) -> None:
        if self.conflicts:
            self.refresh_conflicts()
        else:
            self.close_resolved(said=True)

    @property
    def conflicts(self) -> list[Conflict]:
        return list(self.app.session.plan.conflicts)

    def refresh_conflicts(self) -> None:
        conflicts = self.conflicts
        self.index = max(0, min(self.index, len(conflicts) - 1))
        count = len(conflicts)
        title = Text()
        title.append("Merge conflicts", style="bold")
        title.append(f" · {visible(self.app.display_path)} · {count} left")
        self.query_one("#conflicts-title", Static).update(title)
        table = Table(expand=True, show_lines=True, header_style="bold", row_styles=[""])
        table.add_column("", width=1)
        table.add_column("conflict", ratio=2)
        table.add_column("base", ratio=2)
        table.add_column("ours (kept)", ratio=2)
        table.add_column("theirs", ratio=2)
        for n, conflict in enumerate(conflicts):
            selected = n == self.index
            what = f"{visible(conflict.entity)} · {visible(conflict.field)}"
            table.add_row(
                Text("▶" if selected else " "),
                Text(what, style="bold" if selected else ""),
                Text(_cell(conflict, conflict.base), style="dim"),
                Text(_cell(conflict, conflict.ours)),
                Text(_cell(conflict, conflict.theirs)),
                style="reverse" if selected else None,
            )
        self.query_one("#conflicts-table", Static).update(table)

    # --- keys --------------------------------------------------------------
    def action_step(self, delta: int) -> None:
        self.index = max(0, min(self.index + delta, len(self.conflicts) - 1))
        self.refresh_conflicts()

    def action_first(self) -> None:
        self.index = 0
        self.refresh_conflicts()

    def action_last(self) -> None:
        self.index = len(self.conflicts) - 1
        self.refresh_conflicts()

    def action_resolve(self, choice: str, value: Any = None) -> None:
        if not self.conflicts:
            return
        editor = self.app.session.editor
        index = self.index
        self.app.apply(lambda: resolve(editor, index, choice, value))  # the rows follow its PlanChanged

    def close_resolved(self, said: bool) -> None:
        """No conflict left: back to the board; ``said``: tell what to do next."""
        self.app.pop_screen()
        if said:
            path = visible(self.app.display_path)
            self.app.notify(f"resolved: git add {path}", timeout=8, markup=False)

    def action_edit(self) -> None:
        conflicts = self.conflicts
        if not conflicts:
            return
        conflict = conflicts[self.index]
        if conflict.field == "removed":
            self.notify("keep it (o) or take the other side (t)", severity="warning", timeout=4)
            return
        like = conflict.ours if conflict.ours is not None else conflict.theirs
        if is_dataclass(conflict.ours) or is_dataclass(conflict.theirs):
            self.notify("a table: keep ours (o) or take theirs (t), then change it on the board", timeout=4)
            return
        start = "" if conflict.ours is None else _editable(conflict.ours)

        def done(text: str | None) -> None:
            if text is None:
                return
            try:
                value = parse_value(text, like)
            except ValueError as error:
                self.notify(visible(f"{conflict.field}: {error}"), severity="warning", timeout=4, markup=False)
                return
            self.action_resolve("edit", value)

        self.app.push_screen(ValueInput(f"{conflict.entity} · {conflict.field}", start), done)

    def action_undo(self) -> None:
        self.app.undo()

    def action_redo(self) -> None:
        self.app.redo()

    def action_close(self) -> None:
        self.app.pop_screen()
        count = len(self.conflicts)
        if count:
            self.app.notify(
                f"{count} merge conflict{'' if count == 1 else 's'} left: ctrl+p → Merge conflicts", timeout=6
            )


def _editable(value: Any) -> str:
    """The value as a person types it; control characters shown, never sent to the terminal raw."""
    if isinstance(value, list):
        return visible(", ".join(str(v) for v in value))
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, float):
        return f"{value:g}"
    return visible(str(value))


class ValueInput(ModalScreen[str | None]):
    """One line to type a conflict's value: enter keeps it, escape cancels."""

    DEFAULT_CSS = """
    ValueInput { align: center middle; }
    ValueInput > Vertical { width: 70; max-width: 95%; height: auto; padding: 1 2; border: thick $accent; background: $surface; }
    """
    BINDINGS = bindings_for("conflict-value")

    def __init__(self, what: str, value: str) -> None:
        super().__init__()
        self.what = what
        self.value = value

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Label(Text(f"The value of {visible(self.what)} (enter keeps it, escape cancels)"))
            yield Input(self.value, id="conflict-value")

    def on_mount(self) -> None:
        self.set_focus(self.query_one(Input))

    def on_input_submitted(self, event: Input.Submitted) -> None:
        self.dismiss(event.value)

    def action_cancel(self) -> None:
        self.dismiss(None)

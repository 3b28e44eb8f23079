"""The objective form (`n` new, `e` edit): validates inline with the plan's own rules, and saves
through the app's one path (``Host.apply``, board/host.py): one undoable step, saved at once."""

from __future__ import annotations

from typing import Any

from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label, Select, Static, TextArea

from board.host import Host
from board.keys import bindings_for
from board.model import Objective, Plan
from board.model.rules import objective_issues
from board.model.slugs import objective_id
from board.widgets.key_footer import KeyFooter
from board.widgets.markup import escape

FIELDS = ("title", "id", "week", "status", "owner", "tags", "depends_on")


def split_list(text: str) -> list[str]:
    return [part.strip() for part in text.replace("\n", ",").split(",") if part.strip()]


class ObjectiveForm(ModalScreen[dict[str, Any] | None]):
    """Adds or edits an objective through the app when submitted; returns the values, or None when cancelled."""

    CSS_PATH = "forms.tcss"
    BINDINGS = bindings_for("form")

    app: Host

    def __init__(self, plan: Plan, original: Objective | None, default_week: int = 1) -> None:
        super().__init__()
        self.plan = plan
        self.original = original
        self.default_week = default_week
        self._id_touched = original is not None

    def compose(self) -> ComposeResult:
        obj = self.original
        heading = f"Edit {obj.id}" if obj else "New objective"
        with VerticalScroll(id="form-body", can_focus=False):
            yield Static(f"[b]{heading}[/b]  [$text-muted]enter or ctrl+s saves · escape cancels[/]", id="form-title")
            yield Label("Title")
            yield Input(obj.title if obj else "", id="title", compact=True, placeholder="What will be done")
            yield Label("", id="title-error", classes="error")
            yield Label("Id (a short slug, made from the title when left alone)")
            yield Input(obj.id if obj else "", id="id", compact=True, placeholder="e.g. opa-policy")
            yield Label("", id="id-error", classes="error")
            with Horizontal(classes="pair"):
                with Vertical(classes="cell"):
                    yield Label(f"Week (1-{self.plan.weeks})")
                    yield Input(str(obj.week if obj else self.default_week), id="week", compact=True, type="integer")
                    yield Label("", id="week-error", classes="error")
                with Vertical(classes="cell"):
                    yield Label("Status")
                    yield Select(
                        [(s, s) for s in self.plan.statuses],
                        value=obj.status if obj else self.plan.first_status,
                        allow_blank=False,
                        id="status",
                        compact=True,
                    )
                    yield Label("", id="status-error", classes="error")
            yield Label("Owner")
            yield Input(obj.owner if obj else "", id="owner", compact=True)
            yield Label("", id="owner-error", classes="error")
            yield Label("Tags (comma-separated)")
            yield Input(", ".join(obj.tags) if obj else "", id="tags", compact=True)
            yield Label("", id="tags-error", classes="error")
            yield Label("Depends on (objective ids, comma-separated)")
            yield Input(", ".join(obj.depends_on) if obj else "", id="depends_on", compact=True)
            yield Label("", id="depends_on-error", classes="error")
            yield Label("Notes")
            yield TextArea(obj.notes if obj else "", id="notes", compact=True)
            with Horizontal(id="form-buttons"):
                yield Button("Cancel", id="cancel")
                yield Button("Save", variant="primary", id="save")
        yield KeyFooter()

    SHORT = 34  # below this many rows the form drops the blank lines between fields

    def on_mount(self) -> None:
        self._initial = self.values()
        self.set_class(self.app.size.height < self.SHORT, "-short")
        if self.focused is None:
            self.focus_first_field()

    def on_resize(self) -> None:
        self.set_class(self.app.size.height < self.SHORT, "-short")

    def focus_first_field(self) -> None:
        self.set_class(self.app.size.height < self.SHORT, "-short")
        self.set_focus(self.query_one("#title", Input), scroll_visible=False)

    # --- values and validation -------------------------------------------
    def values(self) -> dict[str, Any]:
        title = self.query_one("#title", Input).value.strip()
        ident = self.query_one("#id", Input).value.strip()
        week_text = self.query_one("#week", Input).value.strip()
        status = self.query_one("#status", Select).value
        return {
            "id": ident,
            "title": title,
            "week": int(week_text) if week_text.lstrip("-").isdigit() else 0,
            "status": status if isinstance(status, str) else self.plan.first_status,
            "changed": self.original.changed if self.original else None,
            "owner": self.query_one("#owner", Input).value.strip(),
            "tags": split_list(self.query_one("#tags", Input).value),
            "depends_on": split_list(self.query_one("#depends_on", Input).value),
            "notes": self.query_one("#notes", TextArea).text.rstrip(),
        }

    def problems(self, values: dict[str, Any]) -> dict[str, str]:
        """field -> the first problem with it (the same rules the store applies)."""
        candidate = Objective(**values)
        old_id = self.original.id if self.original else None
        ids = {o.id for o in self.plan.objectives if o.id != old_id} | {candidate.id}
        found: dict[str, str] = {}
        if candidate.id != old_id and self.plan.find_objective(candidate.id) is not None:
            found["id"] = f"an objective with id {candidate.id!r} already exists"
        if not self.query_one("#week", Input).value.strip().lstrip("-").isdigit():
            found["week"] = f"the week must be a number from 1 to {self.plan.weeks}"
        for issue in objective_issues(self.plan, candidate, (), ids):
            field = str(issue.path[-1]) if issue.path else "title"
            message = issue.message.split(": ", 1)[-1] if issue.message.startswith("objective ") else issue.message
            found.setdefault(field, message)
        return found

    def show_problems(self, problems: dict[str, str]) -> None:
        for field in FIELDS:
            label = self.query_one(f"#{field}-error", Label)
            label.update(escape(problems.get(field, "")))  # a message may quote plan text
            label.display = field in problems

    @on(Input.Changed, "#title")
    def title_changed(self, event: Input.Changed) -> None:
        if not self._id_touched:
            taken = {o.id for o in self.plan.objectives}
            ident = self.query_one("#id", Input)
            with ident.prevent(Input.Changed):
                ident.value = objective_id(event.value, taken) if event.value.strip() else ""
        self._revalidate()

    @on(Input.Changed, "#id")
    def id_changed(self) -> None:
        self._id_touched = True
        self._revalidate()

    @on(Input.Changed, "#week, #owner, #tags, #depends_on")
    def other_changed(self) -> None:
        self._revalidate()

    def _revalidate(self) -> None:
        # Only show problems once the user has something to correct (not on a blank new form).
        values = self.values()
        if values["title"] or self.original is not None:
            self.show_problems(self.problems(values))

    # --- actions ---------------------------------------------------------
    @on(Input.Submitted)
    async def input_submitted(self) -> None:
        """Enter in any one-line field saves (enter in the notes makes a new line)."""
        await self.action_submit()

    async def on_button_pressed(self, event: Button.Pressed) -> None:
        if event.button.id == "save":
            await self.action_submit()
        else:
            await self.action_cancel()

    async def action_submit(self) -> None:
        values = self.values()
        problems = self.problems(values)
        if problems:
            self.show_problems(problems)
            first = next((f for f in FIELDS if f in problems), "title")
            self.set_focus(self.query_one(f"#{first}"))
            return
        if self.save(values):
            self.dismiss(values)

    def save(self, values: dict[str, Any]) -> bool:
        """Add the objective, or edit the one the form was opened on (what changed only); True when
        applied or nothing changed. A refusal is the app's one notification, and the form stays open."""
        editor = self.app.session.editor
        if self.original is None:
            obj = Objective(**values)
            return self.app.apply(lambda: editor.add_objective(obj), select=obj.id) is not None
        oid = self.original.id
        current = self.app.session.plan.find_objective(oid)  # None: deleted meanwhile (the editor says so)
        changes = values if current is None else {k: v for k, v in values.items() if getattr(current, k) != v}
        if not changes:
            return True
        return self.app.apply(lambda: editor.edit_objective(oid, **changes), select=str(values["id"])) is not None

    async def action_cancel(self) -> None:
        """escape: close; with changes typed, ask before throwing them away."""
        status = self.query_one("#status", Select)
        if status.expanded:
            status.expanded = False
            return
        if self.values() == getattr(self, "_initial", None):
            self.dismiss(None)
            return
        from board.screens.confirm import ConfirmScreen

        self.app.push_screen(
            ConfirmScreen(
                "Discard your changes to this objective?",
                "Discard",
                cancel_label="Keep editing",
                after_yes=lambda: self.dismiss(None),
            )
        )

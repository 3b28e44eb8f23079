"""A small modal form of labelled one-line fields, checked by the operation it feeds.

The caller passes ``submit(values) -> str | None``: it runs the editor operation
and returns the PlanError message when the plan refuses, which the form shows
inline; ``None`` closes the form. So a form says exactly what the store would.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from textual import on
from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Input, Label, Static

from board.keys import bindings_for
from board.widgets.key_footer import KeyFooter
from board.widgets.markup import escape


@dataclass(frozen=True)
class Field:
    """One input of a form: its name, its label, its value and its placeholder."""

    name: str
    label: str
    value: str = ""
    placeholder: str = ""


class FieldsForm(ModalScreen[bool]):
    DEFAULT_CSS = """
    FieldsForm { align: center middle; }
    FieldsForm > VerticalScroll {
        width: 76; max-width: 100%; height: auto; max-height: 100%;
        padding: 1 2; border: thick $primary; background: $surface;
    }
    FieldsForm Label { color: $text-muted; }
    FieldsForm Input { margin-bottom: 1; background: $boost; }
    FieldsForm #form-error { color: $error; text-style: bold; display: none; }
    """
    BINDINGS = bindings_for("fields")

    def __init__(self, title: str, fields: list[Field], submit: Callable[[dict[str, str]], str | None]) -> None:
        super().__init__()
        self.form_title = title
        self.fields = fields
        self.submit = submit

    def compose(self) -> ComposeResult:
        with VerticalScroll(can_focus=False):
            yield Static(f"[b]{escape(self.form_title)}[/b]  [$text-muted]enter saves · escape cancels[/]\n")
            for field in self.fields:
                yield Label(field.label, markup=False)  # labels may quote plan text (a metric's unit)
                yield Input(field.value, placeholder=field.placeholder, id=f"field-{field.name}", compact=True)
            yield Label("", id="form-error")
        yield KeyFooter()

    def on_mount(self) -> None:
        if self.focused is None:
            self.focus_first_field()

    def focus_first_field(self) -> None:
        self.set_focus(self.query(Input).first())

    def values(self) -> dict[str, str]:
        return {f.name: self.query_one(f"#field-{f.name}", Input).value.strip() for f in self.fields}

    @on(Input.Submitted)
    def input_submitted(self) -> None:
        self.action_submit()

    def action_submit(self) -> None:
        problem = self.submit(self.values())
        error = self.query_one("#form-error", Label)
        if problem:
            error.update(escape(problem))  # a message may quote plan text
            error.display = True
            return
        self.dismiss(True)

    def action_cancel(self) -> None:
        """escape: close; with changes typed, ask before throwing them away."""
        if self.values() == {f.name: f.value.strip() for f in self.fields}:
            self.dismiss(False)
            return
        from board.screens.confirm import ConfirmScreen

        self.app.push_screen(
            ConfirmScreen(
                "Discard your changes?", "Discard", cancel_label="Keep editing", after_yes=lambda: self.dismiss(False)
            )
        )

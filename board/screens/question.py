"""A question with a few one-key answers in a modal (e.g. `m` move, `d` delete); escape cancels."""

from __future__ import annotations

from collections.abc import Callable

from textual import events
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Label

from board.keys import bindings_for
from board.widgets.key_footer import KeyFooter


class QuestionScreen(ModalScreen[str]):
    """``choices`` are (key, label, action); the question is markup (escape the plan's text in it)."""

    DEFAULT_CSS = """
    QuestionScreen { align: center middle; }
    QuestionScreen > Vertical {
        width: 72; max-width: 100%; height: auto; padding: 1 2;
        border: thick $warning; background: $surface;
    }
    QuestionScreen Label { width: 1fr; margin-bottom: 1; }
    QuestionScreen Horizontal { height: auto; align-horizontal: right; }
    QuestionScreen Button { margin-left: 2; }
    """
    BINDINGS = bindings_for("question")

    def __init__(self, question: str, choices: list[tuple[str, str, Callable[[], None]]]) -> None:
        super().__init__()
        self.question = question
        self.choices = choices

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Label(self.question)
            with Horizontal():
                yield Button("Cancel (esc)", id="question-cancel")
                for key, label, _ in self.choices:
                    yield Button(f"{label} ({key})", id=f"question-{key}")
        yield KeyFooter()

    def on_mount(self) -> None:
        self.set_focus(self.query_one("#question-cancel", Button))

    def on_key(self, event: events.Key) -> None:
        if any(event.key == key for key, _label, _action in self.choices):
            event.stop()
            self.action_choose(event.key)

    def on_button_pressed(self, event: Button.Pressed) -> None:
        self.action_choose((event.button.id or "").removeprefix("question-").replace("cancel", ""))

    def action_choose(self, key: str) -> None:
        # Act before closing, so a key typed right after the answer sees the result.
        for choice, _label, action in self.choices:
            if choice == key:
                action()
        self.dismiss(key)

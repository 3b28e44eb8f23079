"""A yes/no question in a modal: `y` or enter confirms, `n` or escape cancels."""

from __future__ import annotations

from collections.abc import Callable

from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Label

from board.keys import bindings_for
from board.term import visible_lines
from board.widgets.key_footer import KeyFooter


class ConfirmScreen(ModalScreen[bool]):
    DEFAULT_CSS = """
    ConfirmScreen { align: center middle; }
    ConfirmScreen > Vertical {
        width: 60; max-width: 95%; height: auto; padding: 1 2;
        border: thick $error; background: $surface;
    }
    ConfirmScreen Label { width: 1fr; margin-bottom: 1; }
    ConfirmScreen Horizontal { height: auto; align-horizontal: right; }
    ConfirmScreen Button { margin-left: 2; }
    """
    # Priority: the answer acts when its key arrives, so a key typed right after it (a burst) finds
    # the dialog gone and goes to the screen below, not to the dialog's focused button.
    BINDINGS = bindings_for("confirm")

    def __init__(
        self,
        question: str,
        yes_label: str = "Yes",
        on_yes: Callable[[], None] | None = None,
        cancel_label: str = "Cancel",
        after_yes: Callable[[], object] | None = None,
    ) -> None:
        """``on_yes`` runs before the dialog closes; ``after_yes`` right after it has closed (to close
        the screen below too, e.g. a form whose changes are discarded), before the next key is read."""
        super().__init__()
        self.question = question
        self.yes_label = yes_label
        self.on_yes = on_yes
        self.cancel_label = cancel_label
        self.after_yes = after_yes

    def compose(self) -> ComposeResult:
        with Vertical():
            # The question quotes plan text: never read as markup, control characters shown as escapes.
            yield Label(visible_lines(self.question), markup=False)
            with Horizontal():
                yield Button(f"{self.cancel_label} (n)", id="no")
                yield Button(f"{self.yes_label} (y)", variant="error", id="yes")
        yield KeyFooter()

    def on_mount(self) -> None:
        self.set_focus(self.query_one("#no", Button))

    async def on_button_pressed(self, event: Button.Pressed) -> None:
        await self.action_answer(event.button.id == "yes")

    async def action_answer(self, yes: bool) -> None:
        # Act before closing, so a key typed right after `y` sees the result.
        if yes and self.on_yes is not None:
            self.on_yes()
        self.dismiss(yes)  # pops this dialog at once
        if yes and self.after_yes is not None:
            self.after_yes()

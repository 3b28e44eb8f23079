"""`q` with a change that is not saved (a failed save, a file changed or invalid on disk): save, discard or stay."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Label

from board.keys import bindings_for
from board.widgets.key_footer import KeyFooter


class QuitScreen(ModalScreen[str]):
    """Dismissed with "save", "discard" or "cancel"."""

    DEFAULT_CSS = """
    QuitScreen { align: center middle; }
    QuitScreen > Vertical {
        width: 64; max-width: 95%; height: auto; padding: 1 2;
        border: thick $warning; background: $surface;
    }
    QuitScreen Label { width: 1fr; margin-bottom: 1; }
    QuitScreen Horizontal { height: auto; align-horizontal: right; }
    QuitScreen Button { margin-left: 1; }
    """
    BINDINGS = bindings_for("quit")

    def __init__(self, reason: str) -> None:
        super().__init__()
        self.reason = reason

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Label(f"This plan has a change that is not saved ({self.reason}).", markup=False)
            yield Label("Save it before quitting, quit and lose it, or stay?")
            with Horizontal():
                yield Button("Cancel (c)", id="cancel")
                yield Button("Discard (d)", variant="error", id="discard")
                yield Button("Save (s)", variant="primary", id="save")
        yield KeyFooter()

    def on_mount(self) -> None:
        self.set_focus(self.query_one("#cancel", Button))

    def on_button_pressed(self, event: Button.Pressed) -> None:
        self.dismiss(str(event.button.id))

    def action_choose(self, choice: str) -> None:
        self.dismiss(choice)

"""The plan changed on disk while this board had unsaved changes: keep mine or take theirs."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Footer, Static

from board.widgets.markup import escape


class ConflictScreen(ModalScreen[str]):
    DEFAULT_CSS = """
    ConflictScreen { align: center middle; }
    ConflictScreen > Vertical {
        width: 70; max-width: 95%; height: auto; padding: 1 2;
        border: thick $warning; background: $surface;
    }
    ConflictScreen Static { width: 1fr; margin-bottom: 1; }
    ConflictScreen Horizontal { height: auto; align-horizontal: right; }
    ConflictScreen Button { margin-left: 2; }
    """
    BINDINGS = [
        Binding("k", "choose('mine')", "Keep mine", id="conflict.mine"),
        Binding("t", "choose('theirs')", "Take theirs", id="conflict.theirs"),
    ]

    def __init__(self, path: str) -> None:
        super().__init__()
        self.path = path

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static(
                f"[b]{escape(self.path)} changed on disk[/b] (a git pull, another editor) "
                "while this board has a change that is not saved.\n\n"
                "[b]Keep mine[/b] writes this board's plan over the file; "
                "[b]take theirs[/b] drops the unsaved change here and shows the file."
            )
            with Horizontal():
                yield Button("Take theirs (t)", id="theirs")
                yield Button("Keep mine (k)", variant="warning", id="mine")
        yield Footer()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        self.dismiss(str(event.button.id))

    def action_choose(self, choice: str) -> None:
        self.dismiss(choice)

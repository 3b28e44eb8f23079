"""The plan file was deleted while the board had it open: save it again, or quit."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Footer, Static

from board.widgets.markup import escape


class MissingFileScreen(ModalScreen[str]):
    DEFAULT_CSS = """
    MissingFileScreen { align: center middle; }
    MissingFileScreen > Vertical {
        width: 70; max-width: 95%; height: auto; padding: 1 2;
        border: thick $error; background: $surface;
    }
    MissingFileScreen Static { width: 1fr; margin-bottom: 1; }
    MissingFileScreen Horizontal { height: auto; align-horizontal: right; }
    MissingFileScreen Button { margin-left: 2; }
    """
    BINDINGS = [
        Binding("s", "choose('save')", "Save it again", id="missing.save"),
        Binding("q", "choose('quit')", "Quit", id="missing.quit"),
    ]

    def __init__(self, path: str) -> None:
        super().__init__()
        self.path = path

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static(
                f"[b]{escape(self.path)} is gone[/b]: the plan file was deleted or moved away "
                "while this board had it open.\n\n"
                "[b]Save it again[/b] writes this board's plan to that path; "
                "[b]quit[/b] leaves without writing anything."
            )
            with Horizontal():
                yield Button("Quit (q)", id="quit")
                yield Button("Save it again (s)", variant="warning", id="save")
        yield Footer()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        self.dismiss(str(event.button.id))

    def action_choose(self, choice: str) -> None:
        self.dismiss(choice)

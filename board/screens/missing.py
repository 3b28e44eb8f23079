"""The plan file was deleted while the board had it open: save it again, or quit."""

from __future__ import annotations

from textual.binding import Binding

from board.screens.choice import ChoiceScreen
from board.widgets.markup import escape


class MissingFileScreen(ChoiceScreen):
    DEFAULT_CSS = """
    MissingFileScreen > Vertical { border: thick $error; }
    """
    BINDINGS = [
        Binding("s", "choose('save')", "Save it again", id="missing.save"),
        Binding("q", "choose('quit')", "Quit", id="missing.quit"),
    ]
    BUTTONS = (("Quit (q)", "quit", "default"), ("Save it again (s)", "save", "warning"))

    def message(self) -> str:
        return (
            f"[b]{escape(self.path)} is gone[/b]: the plan file was deleted or moved away "
            "while this board had it open.\n\n"
            "[b]Save it again[/b] writes this board's plan to that path; "
            "[b]quit[/b] leaves without writing anything."
        )

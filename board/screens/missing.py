"""The plan file was deleted while the board had it open: save it again, or quit."""

from __future__ import annotations

from board.keys import bindings_for
from board.screens.choice import ChoiceScreen
from board.widgets.markup import escape


class MissingFileScreen(ChoiceScreen):
    DEFAULT_CSS = """
    MissingFileScreen > Vertical { border: thick $error; }
    """
    BINDINGS = bindings_for("missing")
    BUTTONS = (("Quit (q)", "quit", "default"), ("Save it again (s)", "save", "warning"))

    def message(self) -> str:
        return (
            f"[b]{escape(self.path)} is gone[/b]: the plan file was deleted or moved away "
            "while this board had it open.\n\n"
            "[b]Save it again[/b] writes this board's plan to that path; "
            "[b]quit[/b] leaves without writing anything."
        )

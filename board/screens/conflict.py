"""The plan changed on disk while this board had unsaved changes: keep mine or take theirs."""

from __future__ import annotations

from board.keys import bindings_for
from board.screens.choice import ChoiceScreen
from board.widgets.markup import escape


class ConflictScreen(ChoiceScreen):
    BINDINGS = bindings_for("conflict")
    BUTTONS = (("Take theirs (t)", "theirs", "default"), ("Keep mine (k)", "mine", "warning"))

    def message(self) -> str:
        return (
            f"[b]{escape(self.path)} changed on disk[/b] (a git pull, another editor) "
            "while this board has a change that is not saved.\n\n"
            "[b]Keep mine[/b] writes this board's plan over the file; "
            "[b]take theirs[/b] drops the unsaved change here and shows the file."
        )

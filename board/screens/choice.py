"""A two-way question about the plan file over the board: a message, two buttons, a key for each."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Static

from board.widgets.key_footer import KeyFooter


class ChoiceScreen(ModalScreen[str]):
    """Dismissed with the id of the button pressed (or of the key's choice); subclasses give the words and keys."""

    DEFAULT_CSS = """
    ChoiceScreen { align: center middle; }
    ChoiceScreen > Vertical {
        width: 70; max-width: 95%; height: auto; padding: 1 2;
        border: thick $warning; background: $surface;
    }
    ChoiceScreen Static { width: 1fr; margin-bottom: 1; }
    ChoiceScreen Horizontal { height: auto; align-horizontal: right; }
    ChoiceScreen Button { margin-left: 2; }
    """
    BUTTONS: tuple[tuple[str, str, str], ...] = ()
    """(label, choice id, variant) of each button, left to right."""

    def __init__(self, path: str) -> None:
        super().__init__()
        self.path = path

    def message(self) -> str:
        raise NotImplementedError

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static(self.message())
            with Horizontal():
                for label, choice, variant in self.BUTTONS:
                    yield Button(label, id=choice, variant=variant)  # type: ignore[arg-type]
        yield KeyFooter()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        self.dismiss(str(event.button.id))

    def action_choose(self, choice: str) -> None:
        self.dismiss(choice)

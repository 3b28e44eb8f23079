"""`b` on a card that is not blocked: why is it blocked? One line; enter keeps it, escape blocks without one."""

from __future__ import annotations

from collections.abc import Callable

from textual import on
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Label

from board.keys import bindings_for
from board.widgets.key_footer import KeyFooter
from board.widgets.markup import escape


class BlockReasonScreen(ModalScreen[str]):
    DEFAULT_CSS = """
    BlockReasonScreen { align: center middle; }
    BlockReasonScreen > Vertical {
        width: 72; max-width: 100%; height: auto; padding: 1 2;
        border: thick $error; background: $surface;
    }
    BlockReasonScreen Label { width: 1fr; }
    BlockReasonScreen Input { margin-top: 1; background: $boost; }
    """
    BINDINGS = bindings_for("block")

    def __init__(self, title: str, on_done: Callable[[str], None]) -> None:
        super().__init__()
        self.objective_title = title
        self.on_done = on_done
        self.input = Input(placeholder="e.g. waiting for the security review", id="block-reason", compact=True)

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Label(f"[b]Blocked: [/b]{escape(self.objective_title)}")
            yield Label("[$text-muted]Why? enter keeps the reason · escape blocks without one[/]")
            yield self.input
        yield KeyFooter()

    def focus_input(self) -> None:
        # At once, not deferred: keys typed right after `b` belong in the field.
        self.set_focus(self.input)

    def on_mount(self) -> None:
        if self.focused is None:
            self.focus_input()

    @on(Input.Submitted, "#block-reason")
    def keep_reason(self) -> None:
        self._finish(self.input.value.strip())

    def action_without_reason(self) -> None:
        self._finish("")

    def _finish(self, reason: str) -> None:
        # Block before closing, so a key typed right after enter sees the blocked card.
        self.on_done(reason)
        self.dismiss(reason)

"""The one path a change takes, and what the screens may ask of the app that runs them.

Every change to the plan goes one way, from any screen:

1. a screen hands ``host.apply`` an *operation*: a callable that runs one Editor method
   of the session (``lambda: editor.advance(oid)``) and returns its :class:`Change`;
2. the app runs it, saves the plan at once (the session's locked, patching save) and
3. publishes ONE :class:`PlanChanged` on ``host.plan_changed``. The main screen redraws
   the cards the change touched and its header; every open panel rebuilds its rows.

Undo and redo (``host.undo()`` / ``host.redo()``) take the same path; so does a plan
replaced as a whole (reloaded from disk, another plan opened: ``change`` is None). A
refusal (:class:`PlanError`) is one notification (``apply``), or the message a form
shows (``try_apply``). The save state and the git state are reactives of the app that the
header binds to (``data_bind``); nobody sets them on the header.

``plan_changed`` calls its subscribers at once, in the order they subscribed (the main
screen first), rather than queueing a message for each screen: keys typed in a burst (a fast
typist, a paste) must find the board already redrawn when the next key is read. Unlike
Textual's Signal it lets a subscriber's exception through, so a broken redraw is never silent.

Screens import this module, never ``board.app``: the app imports the screens, and the
package's imports stay free of circles (tests/unit/test_import_circles.py).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any, Generic, Literal, TypeVar
from weakref import WeakKeyDictionary

from textual.app import App
from textual.dom import DOMNode
from textual.reactive import reactive

from board.model import Change, PlanError

if TYPE_CHECKING:
    from board.session import PlanSession

Operation = Callable[[], Change]
"""One Editor call, ready to run: ``lambda: editor.set_status(oid, "done")``."""

T = TypeVar("T")


class Broadcast(Generic[T]):
    """Callbacks of DOM nodes, called at once on :meth:`publish`; a node no longer in the DOM
    (a closed screen) is dropped. One callback a node."""

    def __init__(self) -> None:
        self._subscribers: WeakKeyDictionary[DOMNode, Callable[[T], object]] = WeakKeyDictionary()

    def subscribe(self, node: DOMNode, callback: Callable[[T], object]) -> None:
        self._subscribers[node] = callback

    def publish(self, value: T) -> None:
        for node, callback in list(self._subscribers.items()):
            if node.is_attached:
                callback(value)
            else:
                self._subscribers.pop(node, None)


@dataclass(frozen=True)
class PlanChanged:
    """What the plan went through: one change (done, undone or redone), or a new plan altogether."""

    change: Change | None
    """The change (its ``objectives`` say which cards to redraw); None when the plan was replaced."""
    kind: Literal["do", "undo", "redo", "replaced"] = "do"
    select: str | None = None
    """The objective to select afterwards (a new or renamed one, the neighbour of a deleted one)."""


class Host(App[Any]):
    """The app as its screens see it. ``RolloutApp`` is the one implementation.

    A base class rather than a Protocol: ``data_bind`` binds the header to reactives declared
    on a class of the app's own (``Host.save_state``), and the one path is written once here."""

    save_state: reactive[str] = reactive("saved")
    """saved | unsaved | error | conflict | invalid | missing: the header shows it."""
    git_state: reactive[str] = reactive("")
    """The plan file's git state ("clean", "modified", …; "" outside git): the header shows it."""

    session: PlanSession
    read_only: bool
    today: Callable[[], date]

    def __init__(self) -> None:
        super().__init__()
        self.plan_changed: Broadcast[PlanChanged] = Broadcast()

    # --- the one path ----------------------------------------------------
    def apply(self, operation: Operation, *, select: str | None = None) -> Change | None:
        """Run ``operation`` through the editor, save, publish; a refusal is one notification (None)."""
        try:
            return self._run(operation, select)
        except PlanError as error:
            self.notify(str(error), severity="warning", timeout=4)
            return None

    def try_apply(self, operation: Operation, *, select: str | None = None) -> str | None:
        """As :meth:`apply`, for a form: the refusal's message is returned (None when applied)."""
        try:
            self._run(operation, select)
        except PlanError as error:
            return str(error)
        return None

    def _run(self, operation: Operation, select: str | None) -> Change:
        """The operation, then its save and its one PlanChanged (a PlanError leaves both undone)."""
        change = operation()
        self.commit(PlanChanged(change, select=select))
        return change

    def undo(self) -> Change | None:
        """u, on every screen: take back the last change, through the same path."""
        change = self.session.editor.undo()
        if change is None:
            self.notify("Nothing to undo", timeout=2)
            return None
        self.commit(PlanChanged(change, kind="undo"))
        self.notify(f"Undone: {change.label}", timeout=2)
        return change

    def redo(self) -> Change | None:
        """ctrl+r, on every screen: do again what u took back."""
        change = self.session.editor.redo()
        if change is None:
            self.notify("Nothing to redo", timeout=2)
            return None
        self.commit(PlanChanged(change, kind="redo"))
        self.notify(f"Redone: {change.label}", timeout=2)
        return change

    def commit(self, event: PlanChanged) -> None:
        """Save the changed plan, then tell every screen (once)."""
        if self.save_now() == "replaced":
            # The save merged a change made on disk meanwhile: the session holds a new plan.
            event = PlanChanged(None, kind="replaced", select=event.select)
        self.plan_changed.publish(event)

    def plan_replaced(self, select: str | None = None) -> None:
        """The session holds another plan (reloaded from disk, another file): everyone redraws it."""
        self.plan_changed.publish(PlanChanged(None, kind="replaced", select=select))

    # --- what the app provides -------------------------------------------
    def save_now(self) -> Literal["saved", "replaced", "failed"]:
        """Save the plan; "replaced" when the save took in a change from disk (a new plan)."""
        raise NotImplementedError

    @property
    def display_path(self) -> str:
        """The plan file's path as the header shows it."""
        raise NotImplementedError

    async def open_objective(self, oid: str) -> None:
        raise NotImplementedError

    async def open_form(self, oid: str | None, default_week: int = 1) -> None:
        raise NotImplementedError

    async def confirm_delete(self, oid: str, then_select: str | None = None) -> None:
        raise NotImplementedError

    async def toggle_blocked(self, oid: str) -> None:
        raise NotImplementedError

    async def pick_dependency(self, oid: str) -> None:
        raise NotImplementedError

    def open_panel(self, name: str, selected: str | None) -> None:
        raise NotImplementedError

    def switch_plan(self, path: Path) -> None:
        raise NotImplementedError

    def jump_to(self, oid: str) -> None:
        raise NotImplementedError

    def run_board_action(self, action: str) -> None:
        raise NotImplementedError

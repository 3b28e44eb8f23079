"""Undo and redo as lists of small reversible steps.

An operation records what it does as primitive steps (set an attribute, insert
into a list, remove from a list). Undo replays them backwards; redo replays
them forwards. Nothing is copied wholesale, so undo costs the same on a plan of
thirty objectives and on one of five thousand.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any


@dataclass
class Step:
    """One reversible change of one attribute or list item: a part of a :class:`Change`."""

    kind: str  # "set" | "insert" | "remove"
    target: Any
    key: Any  # attribute name, or list index
    old: Any = None
    new: Any = None

    def apply(self) -> None:
        if self.kind == "set":
            setattr(self.target, self.key, self.new)
        elif self.kind == "insert":
            self.target.insert(self.key, self.new)
        else:
            del self.target[self.key]

    def revert(self) -> None:
        if self.kind == "set":
            setattr(self.target, self.key, self.old)
        elif self.kind == "insert":
            del self.target[self.key]
        else:
            self.target.insert(self.key, self.old)


@dataclass
class Change:
    """One undoable step as the user sees it: "set opa-policy to done"."""

    label: str
    steps: list[Step] = field(default_factory=list)
    objectives: set[str] = field(default_factory=set)
    """Ids of the objectives this change touched (old and new ids on a rename)."""
    structural: bool = False
    """True when the change adds, removes or reorders entries (a view must re-lay out)."""

    def set(self, target: Any, name: str, value: Any) -> None:
        old = getattr(target, name)
        if old == value and type(old) is type(value):
            return
        step = Step("set", target, name, old, value)
        step.apply()
        self.steps.append(step)

    def insert(self, items: list[Any], index: int, item: Any) -> None:
        step = Step("insert", items, index, None, item)
        step.apply()
        self.steps.append(step)
        self.structural = True

    def remove(self, items: list[Any], index: int) -> None:
        step = Step("remove", items, index, items[index], None)
        step.apply()
        self.steps.append(step)
        self.structural = True

    def undo(self) -> None:
        for step in reversed(self.steps):
            step.revert()

    def redo(self) -> None:
        for step in self.steps:
            step.apply()


class History:
    """The undo and redo stacks."""

    def __init__(self, limit: int = 500) -> None:
        self.limit = limit
        self._undo: list[Change] = []
        self._redo: list[Change] = []
        self.observers: list[Callable[[Change, bool], None]] = []
        """Called with each change recorded or redone (True) and each undone or discarded (False), after it
        is made: a plan's session follows what changed since its last save this way."""

    def _tell(self, change: Change, forward: bool) -> None:
        for observer in self.observers:
            observer(change, forward)

    def record(self, change: Change) -> None:
        if not change.steps:
            return
        self._tell(change, True)
        self._undo.append(change)
        del self._undo[: -self.limit]
        self._redo.clear()

    def can_undo(self) -> bool:
        return bool(self._undo)

    def can_redo(self) -> bool:
        return bool(self._redo)

    def undo(self) -> Change | None:
        if not self._undo:
            return None
        change = self._undo.pop()
        change.undo()
        self._tell(change, False)
        self._redo.append(change)
        return change

    def redo(self) -> Change | None:
        if not self._redo:
            return None
        change = self._redo.pop()
        change.redo()
        self._tell(change, True)
        self._undo.append(change)
        return change

    def mark(self) -> int:
        """A point to merge or discard back to (see :meth:`Editor.combine`)."""
        return len(self._undo)

    def merge_since(self, mark: int, label: str) -> Change:
        """Fold every change recorded since ``mark`` into one undoable step."""
        changes = self._undo[mark:]
        del self._undo[mark:]
        merged = Change(label)
        for change in changes:
            merged.steps.extend(change.steps)
            merged.objectives |= change.objectives
            merged.structural = merged.structural or change.structural
        if merged.steps:  # already told, change by change
            self._undo.append(merged)
            del self._undo[: -self.limit]
            self._redo.clear()
        return merged

    def discard_since(self, mark: int) -> None:
        """Revert and forget every change recorded since ``mark`` (redo is left as it was)."""
        while len(self._undo) > mark:
            change = self._undo.pop()
            change.undo()
            self._tell(change, False)

    def clear(self) -> None:
        self._undo.clear()
        self._redo.clear()

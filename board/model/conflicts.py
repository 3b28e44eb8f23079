"""Resolving a merge's ``[[conflicts]]`` entries, one undoable step each.

``resolve(editor, index, "ours" | "theirs" | "edit", value)`` sets the
conflicting field to the chosen value (ours is already in the plan), removes
the entry, and is checked by the plan's rules: a choice that would break the
plan is refused with a :class:`PlanError` and changes nothing.
"""

from __future__ import annotations

from dataclasses import is_dataclass
from datetime import date
from typing import Any

from .diff import EntityPath, find, get_field, key_kind, keyed, label, walk
from .editor import Editor
from .errors import PlanError
from .history import Change
from .merge import REMOVED
from .plan import Conflict, Objective, Plan
from .rules import check_plan

CHOICES = ("ours", "theirs", "edit")


def entity_path(plan: Plan, conflict: Conflict) -> EntityPath | None:
    """The path of the entity a conflict names, or None when the plan no longer has it."""
    for path, _entity in walk(plan):
        if label(path) == conflict.entity:
            return path
    return None


def parse_value(text: str, like: Any) -> Any:
    """``text`` typed by a person, read as a value of the kind ``like`` is; ValueError otherwise."""
    text = text.strip()
    if is_dataclass(like):
        raise ValueError("a table of its own: keep ours (o) or take theirs (t), then change it on the board")
    if isinstance(like, bool):
        if text.lower() in ("yes", "true", "y", "1"):
            return True
        if text.lower() in ("no", "false", "n", "0"):
            return False
        raise ValueError(f"{text!r}: say yes or no")
    if isinstance(like, int):
        return int(text)
    if isinstance(like, float):
        return float(text)
    if isinstance(like, date):
        return date.fromisoformat(text) if text else None
    if isinstance(like, list):
        return [part.strip() for part in text.split(",") if part.strip()]
    return text


def resolve(editor: Editor, index: int, choice: str, value: Any = None) -> Change:
    plan = editor.plan
    if not 0 <= index < len(plan.conflicts):
        raise PlanError(f"no conflict number {index + 1}")
    if choice not in CHOICES:
        raise PlanError(f"choose one of {', '.join(CHOICES)}, not {choice!r}")
    conflict = plan.conflicts[index]
    change = Change(f"resolve {conflict.entity}, {conflict.field}: {choice}")
    _apply(change, plan, conflict, choice, value, editor.today())
    change.remove(plan.conflicts, index)
    issues = check_plan(plan)
    if issues and choice != "edit":
        # Conflicts that hold each other up (two phases' weeks): the same side for every conflict
        # of this field at once, when that alone is valid.
        for other in [c for c in plan.conflicts if c.field == conflict.field]:
            _apply(change, plan, other, choice, None, editor.today())
            change.remove(plan.conflicts, plan.conflicts.index(other))
        if not check_plan(plan):
            change.label = f"resolve every {conflict.field} conflict: {choice}"
            editor.history.record(change)
            return change
    if issues:
        change.undo()
        raise PlanError(f"{conflict.entity}, {conflict.field}: {issues[0].message}")
    editor.history.record(change)
    return change


def _apply(change: Change, plan: Plan, conflict: Conflict, choice: str, value: Any, today: date) -> None:
    chosen = conflict.ours if choice == "ours" else conflict.theirs if choice == "theirs" else value
    path = entity_path(plan, conflict)
    if path is None:
        return
    if conflict.field == "removed":
        if chosen == REMOVED:
            _remove(change, plan, path)
    else:
        _set(change, plan, path, conflict.field, chosen, today)


def _set(change: Change, plan: Plan, path: EntityPath, name: str, value: Any, today: date) -> None:
    entity = find(plan, path)
    if entity is None:
        return
    if name == "weeks":
        first, last = (int(v) for v in value)
        change.set(entity, "first_week", first)
        change.set(entity, "last_week", last)
        return
    if name not in {f for f in vars(entity)}:
        raise PlanError(f"{label(path)} has no field {name!r}")
    current = get_field(entity, name)
    if value is None and isinstance(current, str):
        value = ""
    change.set(entity, name, list(value) if isinstance(value, (list, tuple)) else value)
    if isinstance(entity, Objective):
        change.objectives.add(entity.id)
        if name == "status" and value != current:
            change.set(entity, "changed", today)


def _remove(change: Change, plan: Plan, path: EntityPath) -> None:
    owner = find(plan, path[:-1])
    if owner is None:
        return
    collection, key = path[-1]
    items = getattr(owner, collection)
    for index, (k, _item) in enumerate(keyed(items, key_kind(owner, collection))):
        if k == key:
            gone = items[index]
            change.remove(items, index)
            if isinstance(gone, Objective):
                change.objectives.add(gone.id)
                for obj in plan.objectives:
                    if gone.id in obj.depends_on:
                        change.set(obj, "depends_on", [d for d in obj.depends_on if d != gone.id])
            return

"""Editing lists of lines (success criteria, rollback steps, checklist items, contingency
actions) and the plan-wide checklists and contingency plans that hold them."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from .edit_base import (
    OpsBase,
    fail,
    fresh_id,
    insert_position,
    item_at,
    move_in_list,
    move_target,
    no_unknown,
    one_line,
    refuse,
)
from .history import Change
from .plan import ActionTick, Check, Checklist, Contingency, Criterion
from .rules import id_problem

LIST_KINDS = ("criteria", "rollback", "checklist", "actions")
CHECKLIST_SECTIONS = ("risk_management", "final_validation")


@dataclass
class _Lines:
    """One list of lines, and how to speak of it."""

    items: list[Any]
    owner: str  # "phase 'p1'"
    noun: str  # "success criterion"
    short: str  # "criterion", as in "phase 'p1' has no criterion 4"
    make: Callable[[str], Any]


def _article(noun: str) -> str:
    return "an" if noun[0] in "aeiou" else "a"


class ListOps(OpsBase):
    # --- lines inside a phase, a checklist or a contingency plan ------------------
    def _lines(self, kind: str, owner_id: str) -> _Lines:
        if kind == "criteria":
            phase = self._phase(owner_id)
            return _Lines(phase.criteria, f"phase {owner_id!r}", "success criterion", "criterion", Criterion)
        if kind == "rollback":
            phase = self._phase(owner_id)
            return _Lines(phase.rollback_steps, f"phase {owner_id!r}", "rollback step", "rollback step", Check)
        if kind == "checklist":
            checklist = self._checklist(owner_id)[1]
            return _Lines(checklist.items, f"checklist {owner_id!r}", "item", "item", Check)
        if kind == "actions":
            plan = self._contingency_plan(owner_id)
            return _Lines(plan.actions, f"contingency plan {owner_id!r}", "action", "action", str)
        fail(f"unknown list {kind!r} (expected one of: {', '.join(LIST_KINDS)})")

    def _line_text(self, lines: _Lines, text: Any) -> str:
        return one_line(text, f"{lines.owner}: {_article(lines.noun)} {lines.noun}")

    def add_item(self, kind: str, owner_id: str, text: str, index: int | None = None) -> Change:
        """A new line at ``index`` (default: last) of a list: ``kind`` is one of :data:`LIST_KINDS`."""
        lines = self._lines(kind, owner_id)
        text = self._line_text(lines, text)
        position = insert_position(index, len(lines.items), lines.owner)
        change = Change(f"{owner_id}: added {lines.noun} {position + 1}")
        change.insert(lines.items, position, lines.make(text))
        return self._commit(change)

    def edit_item(self, kind: str, owner_id: str, index: int, text: str) -> Change:
        """New text for a line (a criterion keeps its met flag, a step or an item its tick)."""
        lines = self._lines(kind, owner_id)
        item = item_at(lines.items, index, f"{lines.owner} has no {lines.short} {_number(index)}")
        text = self._line_text(lines, text)
        change = Change(f"{owner_id}: edited {lines.noun} {index + 1}")
        if isinstance(item, str):
            if text != item:
                change.remove(lines.items, index)
                change.insert(lines.items, index, text)
        else:
            change.set(item, "text", text)
        self._follow_ticks(change, kind, owner_id, {item: text} if isinstance(item, str) else {})
        return self._commit(change)

    def delete_item(self, kind: str, owner_id: str, index: int) -> Change:
        lines = self._lines(kind, owner_id)
        item_at(lines.items, index, f"{lines.owner} has no {lines.short} {_number(index)}")
        change = Change(f"{owner_id}: deleted {lines.noun} {index + 1}")
        change.remove(lines.items, index)
        self._follow_ticks(change, kind, owner_id)
        return self._commit(change)

    def move_item(self, kind: str, owner_id: str, index: int, delta: int) -> Change:
        """Move a line ``delta`` places (-1 up, +1 down)."""
        lines = self._lines(kind, owner_id)
        item_at(lines.items, index, f"{lines.owner} has no {lines.short} {_number(index)}")
        target = move_target(index, delta, len(lines.items), f"{lines.short} {index + 1} of {lines.owner}")
        change = Change(f"{owner_id}: moved {lines.noun} {index + 1} {'up' if delta < 0 else 'down'}")
        move_in_list(change, lines.items, index, target)
        self._follow_ticks(change, kind, owner_id)
        return self._commit(change)

    def _follow_ticks(self, change: Change, kind: str, owner_id: str, renamed: dict[str, str] | None = None) -> None:
        """A contingency plan's ticks after its actions changed: a renamed action keeps its tick,
        a deleted one loses it, and the ticks keep the order of the actions."""
        if kind != "actions":
            return
        plan = self._contingency_plan(owner_id)
        by_action = {(renamed or {}).get(t.action, t.action): t for t in plan.ticked}
        wanted = []
        for action in plan.actions:
            tick = by_action.pop(action, None)
            if tick is not None:
                wanted.append(tick if tick.action == action else ActionTick(action, tick.date))
        if wanted != plan.ticked:
            change.set(plan, "ticked", wanted)

    # --- checklists (risk management, final validation) ---------------------
    def _checklist(self, cid: str) -> tuple[list[Checklist], Checklist]:
        for section in (self.plan.risk_management, self.plan.final_validation):
            for checklist in section:
                if checklist.id == cid:
                    return section, checklist
        fail(f"no checklist with id {cid!r}")

    def _checklist_ids(self) -> list[str]:
        return [c.id for c in self.plan.iter_checklists()]

    def add_checklist(self, section: str, name: str, *, cid: str | None = None, index: int | None = None) -> Change:
        """A new, empty checklist in ``section`` ("risk_management" or "final_validation")."""
        if section not in CHECKLIST_SECTIONS:
            fail(f"unknown checklist section {section!r} (expected one of: {', '.join(CHECKLIST_SECTIONS)})")
        name = one_line(name, "the checklist's name")
        taken = self._checklist_ids()
        cid = (
            fresh_id(name, set(taken), "checklist") if cid is None else one_line(cid, "a checklist id", required=False)
        )
        refuse(id_problem(cid, taken, "checklist"))
        items: list[Checklist] = getattr(self.plan, section)
        position = insert_position(index, len(items), "the " + section.replace("_", " "))
        change = Change(f"added checklist {cid}")
        change.insert(items, position, Checklist(cid, name))
        return self._commit(change)

    def edit_checklist(self, cid: str, **fields: Any) -> Change:
        """Set a checklist's ``name`` and/or ``id``."""
        _section, checklist = self._checklist(cid)
        no_unknown(fields, ("id", "name"), "checklists")
        values = self._named_values(
            fields, f"checklist {cid!r}", "checklist", [c for c in self._checklist_ids() if c != cid]
        )
        change = Change(f"checklist {cid}: " + ", ".join(values))
        for name, value in values.items():
            change.set(checklist, name, value)
        return self._commit(change)

    def delete_checklist(self, cid: str) -> Change:
        """Delete a checklist and its items."""
        section, checklist = self._checklist(cid)
        change = Change(f"deleted checklist {cid}")
        change.remove(section, _index(section, checklist))
        return self._commit(change)

    def move_checklist(self, cid: str, delta: int) -> Change:
        section, checklist = self._checklist(cid)
        index = _index(section, checklist)
        target = move_target(index, delta, len(section), f"checklist {cid!r}")
        change = Change(f"checklist {cid} moved {'up' if delta < 0 else 'down'}")
        move_in_list(change, section, index, target)
        return self._commit(change)

    # --- contingency plans ----------------------------------------------------
    def _contingency_plan(self, cid: str) -> Contingency:
        try:
            return self.plan.contingency(cid)
        except KeyError:
            fail(f"no contingency plan with id {cid!r}")

    def add_contingency(self, name: str, *, cid: str | None = None, index: int | None = None) -> Change:
        """A new contingency plan, on standby, with no actions yet."""
        name = one_line(name, "the contingency plan's name")
        taken = [c.id for c in self.plan.contingencies]
        cid = (
            fresh_id(name, set(taken), "contingency")
            if cid is None
            else one_line(cid, "a contingency id", required=False)
        )
        refuse(id_problem(cid, taken, "contingency"))
        items = self.plan.contingencies
        position = insert_position(index, len(items), "the contingency plans")
        change = Change(f"added contingency plan {cid}")
        change.insert(items, position, Contingency(cid, name))
        return self._commit(change)

    def edit_contingency(self, cid: str, **fields: Any) -> Change:
        """Set a contingency plan's ``name`` and/or ``id`` (notes and state have their own operations)."""
        plan = self._contingency_plan(cid)
        no_unknown(fields, ("id", "name"), "contingency plans")
        taken = [c.id for c in self.plan.contingencies if c.id != cid]
        values = self._named_values(fields, f"contingency plan {cid!r}", "contingency", taken)
        change = Change(f"contingency plan {cid}: " + ", ".join(values))
        for name, value in values.items():
            change.set(plan, name, value)
        return self._commit(change)

    def delete_contingency(self, cid: str) -> Change:
        plan = self._contingency_plan(cid)
        items = self.plan.contingencies
        change = Change(f"deleted contingency plan {cid}")
        change.remove(items, _index(items, plan))
        return self._commit(change)

    def move_contingency(self, cid: str, delta: int) -> Change:
        plan = self._contingency_plan(cid)
        items = self.plan.contingencies
        index = _index(items, plan)
        target = move_target(index, delta, len(items), f"contingency plan {cid!r}")
        change = Change(f"contingency plan {cid} moved {'up' if delta < 0 else 'down'}")
        move_in_list(change, items, index, target)
        return self._commit(change)

    @staticmethod
    def _named_values(fields: dict[str, Any], owner: str, what: str, taken: list[str]) -> dict[str, Any]:
        values: dict[str, Any] = {}
        if "name" in fields:
            values["name"] = one_line(fields["name"], f"{owner}: the name")
        if "id" in fields:
            values["id"] = one_line(fields["id"], f"{what} id", required=False)
            refuse(id_problem(values["id"], taken, what))
        return values


def _index(items: list[Any], item: Any) -> int:
    return next(i for i, x in enumerate(items) if x is item)


def _number(index: Any) -> str:
    return str(index + 1) if isinstance(index, int) and not isinstance(index, bool) else repr(index)

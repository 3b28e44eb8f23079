"""A three-way merge of plans on the plan diff: ours, with theirs' changes applied.

``merge(base, ours, theirs)`` applies every operation of ``diff(base, theirs)``
to a copy of ours unless ours changed the same field of the same entity to
another value: that is a :class:`~board.model.Conflict` (the plan keeps ours).
An entity one side removed and the other changed is kept, with a ``removed``
conflict. Both sides adding the same key: the same entity is one entity; two
different entities with one id keep both, theirs renamed ``ID-2`` (its
dependency links follow); a reading or checklist item added twice with
different values is a conflict per field. Entities both sides added keep ours
first, then theirs, each in its own order. Metric histories merge as unions by
date, since readings are keyed by date. No Textual and no disk here.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass, field, fields, is_dataclass
from typing import Any

from .diff import (
    COLLECTIONS,
    EntityPath,
    Key,
    Op,
    collections_of,
    diff,
    find,
    get_field,
    key_kind,
    keyed,
    label,
    scalar_fields,
    set_field,
    walk,
)
from .plan import Conflict, Objective, Plan
from .rules import check_plan

KEPT, REMOVED = "kept", "removed"


@dataclass
class MergeResult:
    """The merged plan, with its conflicts and what the merge decided on its own."""

    plan: Plan
    conflicts: list[Conflict] = field(default_factory=list)
    renamed: dict[str, str] = field(default_factory=dict)
    """Ids theirs added that ours also added for something else: old id -> new id."""
    notes: list[str] = field(default_factory=list)
    """What the merge decided on its own that a person may want to know."""


def merge(base: Plan | None, ours: Plan, theirs: Plan) -> MergeResult:
    """Merge theirs into ours. ``base`` None: both sides created the plan (git's add/add), so an
    id on both sides is one entity, and every field they set differently is a conflict."""
    added_twice = base is None
    if base is None:
        base = Plan(title="", weeks=0, statuses=[])  # nothing: every field is set on both sides
        renamed: dict[str, str] = {}
    else:
        theirs, renamed = _rename_clashes(base, ours, theirs)
    result = MergeResult(clone(ours), renamed=renamed)
    for old, new in renamed.items():
        result.notes.append(f"both sides added {old!r}: theirs renamed to {new!r}")
    ours_ops = diff(base, ours)
    theirs_ops = diff(base, theirs)
    _Applier(result, ours_ops, theirs, base).apply(theirs_ops)
    if added_twice:
        for conflict in result.conflicts:
            conflict.base = None  # there was no base
    _drop_dangling_links(result)
    _settle_invalid(result, ours)
    result.plan.conflicts = [*ours.conflicts, *result.conflicts]
    return result


def clone(plan: Plan) -> Plan:
    """A deep copy of ``plan``; objectives are copied with their lists (copy.deepcopy is ~10x slower)."""
    out = copy.copy(plan)
    for item in fields(plan):
        value = getattr(plan, item.name)
        if item.name == "objectives":
            out.objectives = [_copy_objective(o) for o in plan.objectives]
        elif isinstance(value, (list, dict)) or is_dataclass(value):
            setattr(out, item.name, copy.deepcopy(value))
    return out


def _copy_objective(obj: Objective) -> Objective:
    new = object.__new__(Objective)
    new.__dict__ = {k: list(v) if type(v) is list else v for k, v in obj.__dict__.items()}
    return new


# --- renaming ids both sides created ---------------------------------------------------------


def _rename_clashes(base: Plan, ours: Plan, theirs: Plan) -> tuple[Plan, dict[str, str]]:
    renamed: dict[str, str] = {}
    clashes: list[tuple[str, str]] = []  # (collection, id)
    for collection, kind in COLLECTIONS[Plan]:
        if kind != "id":
            continue
        in_base = {e.id for e in getattr(base, collection)}
        in_ours = {e.id: e for e in getattr(ours, collection)}
        for entity in getattr(theirs, collection):
            mine = in_ours.get(entity.id)
            if entity.id not in in_base and mine is not None and mine != entity:
                clashes.append((collection, entity.id))
    # Risk ids are unique in the whole plan, not only in their phase.
    base_risks = {r.id for p in base.phases for r in p.risks}
    ours_risks = {r.id: (p.id, r) for p in ours.phases for r in p.risks}
    risk_clashes = {
        r.id
        for p in theirs.phases
        for r in p.risks
        if r.id not in base_risks and r.id in ours_risks and ours_risks[r.id] != (p.id, r)
    }
    if not clashes and not risk_clashes:
        return theirs, renamed
    theirs = clone(theirs)
    if risk_clashes:
        taken = {r.id for plan in (base, ours, theirs) for p in plan.phases for r in p.risks}
        for phase in theirs.phases:
            for risk in phase.risks:
                if risk.id in risk_clashes:
                    new = _free(risk.id, taken)
                    taken.add(new)
                    renamed[f"risk {risk.id}"] = new
                    risk.id = new
    for collection, old in clashes:
        new = _free(old, {e.id for plan in (base, ours, theirs) for e in getattr(plan, collection)})
        for entity in getattr(theirs, collection):
            if entity.id == old:
                entity.id = new
        if collection == "objectives":
            renamed[old] = new
            for obj in theirs.objectives:
                obj.depends_on = [new if d == old else d for d in obj.depends_on]
        else:
            renamed[f"{collection}:{old}"] = new
    return theirs, renamed


def _free(old: str, taken: set[str]) -> str:
    n = 2
    while f"{old}-{n}" in taken:
        n += 1
    return f"{old}-{n}"


# --- applying theirs to ours -------------------------------------------------------------------


def _within(path: EntityPath, prefix: EntityPath) -> bool:
    return path[: len(prefix)] == prefix


class _Applier:
    """Applies theirs' ops to the result. Entities are found through an index of paths; removals
    and insertions are gathered per list and made in one pass each (a plan of 5,000 objectives
    costs a few passes, not one per op)."""

    def __init__(self, result: MergeResult, ours_ops: list[Op], theirs: Plan, base: Plan) -> None:
        self.result = result
        self.plan = result.plan
        self.theirs = theirs
        self.base = base
        self.ours_set: dict[tuple[EntityPath, str], Any] = {}
        self.ours_removed: set[EntityPath] = set()
        self.ours_added: set[EntityPath] = set()
        self.ours_moved: set[EntityPath] = set()
        self.ours_touched: set[EntityPath] = set()  # every entity ours changed, and its ancestors
        for op in ours_ops:
            if op.kind == "set":
                self.ours_set[(op.path, op.field)] = op.after
            elif op.kind == "remove":
                self.ours_removed.add(op.path)
            elif op.kind == "add":
                self.ours_added.add(op.path)
            elif op.kind == "move":
                self.ours_moved.add(op.path)
            if op.kind != "remove":
                for n in range(1, len(op.path) + 1):
                    self.ours_touched.add(op.path[:n])
        self.brought_back: set[EntityPath] = set()
        self.index: dict[EntityPath, Any] = dict(walk(self.plan))
        self._theirs_index: dict[EntityPath, Any] | None = None
        self.removals: dict[tuple[EntityPath, str], set[int]] = {}
        self.additions: dict[tuple[EntityPath, str], list[tuple[Key, Any]]] = {}
        self.latest_reading: list[tuple[Op, Any]] = []

    def theirs_entity(self, path: EntityPath) -> Any | None:
        if self._theirs_index is None:
            self._theirs_index = dict(walk(self.theirs))
        return self._theirs_index.get(path)

    def conflict(self, path: EntityPath, name: str, base: Any, ours: Any, theirs: Any) -> None:
        # A table of its own (a phase's gate) is recorded as it is; the store writes it as a sub-table.
        values = (copy.deepcopy(_value(v)) if is_dataclass(v) else _value(v) for v in (base, ours, theirs))
        self.result.conflicts.append(Conflict(label(path), name, *values))

    def removed_by_ours(self, path: EntityPath) -> EntityPath | None:
        for n in range(1, len(path) + 1):
            if path[:n] in self.ours_removed:
                return path[:n]
        return None

    def apply(self, ops: list[Op]) -> None:
        for op in ops:
            gone = self.removed_by_ours(op.path)
            if gone is not None and not (op.kind == "remove" and op.path == gone):
                if op.kind == "remove" and _within(op.path, gone):
                    continue  # removed inside what ours removed
                self.bring_back(gone)
                continue
            if op.kind == "set":
                self.apply_set(op)
            elif op.kind == "remove":
                self.apply_remove(op)
            elif op.kind == "add":
                self.apply_add(op)
            else:
                self.apply_move(op)
        self.flush()

    def apply_set(self, op: Op) -> None:
        mine = self.ours_set.get((op.path, op.field), _UNSET)
        target = self.index.get(op.path)
        if mine is not _UNSET and op.field == "changed" and op.path[:1] and op.path[0][0] == "objectives":
            # The day of the last status change: the later one (a status conflict is recorded on its own).
            days = [d for d in (mine, op.after) if d is not None]
            if target is not None and days:
                set_field(target, op.field, max(days))
            return
        if mine is not _UNSET and mine != op.after and op.field == "current" and op.path[0][0] == "metrics":
            self.latest_reading.append((op, mine))  # both recorded a reading: the latest one, once merged
            return
        if mine is not _UNSET:
            if mine != op.after:
                self.conflict(op.path, op.field, op.before, mine, op.after)
            return
        if target is not None:
            set_field(target, op.field, op.after)

    def apply_remove(self, op: Op) -> None:
        if op.path in self.ours_removed:
            return
        if op.path in self.ours_touched:
            self.conflict(op.path, "removed", KEPT, KEPT, REMOVED)
            return
        target = self.index.pop(op.path, None)
        if target is not None:
            self.removals.setdefault((op.path[:-1], op.path[-1][0]), set()).add(id(target))

    def apply_add(self, op: Op) -> None:
        mine = self.index.get(op.path)
        if mine is not None:  # ours added the same key (ids that differ were renamed): merge field by field
            for name in scalar_fields(type(mine)):
                value, yours = get_field(mine, name), get_field(op.entity, name)
                if value != yours:
                    self.conflict(op.path, name, None, value, yours)
            return
        self.queue(op.path, copy.deepcopy(op.entity))

    def queue(self, path: EntityPath, entity: Any) -> None:
        self.index[path] = entity
        self.additions.setdefault((path[:-1], path[-1][0]), []).append((path[-1][1], entity))

    def apply_move(self, op: Op) -> None:
        if op.path in self.ours_moved:
            return
        owner = self.index.get(op.path[:-1])
        target = self.index.get(op.path)
        if owner is None or target is None:
            return
        items = getattr(owner, op.path[-1][0])
        for at, item in enumerate(items):
            if item is target:
                del items[at]
                break
        self.place(owner, op.path[:-1], op.path[-1][0], [(op.path[-1][1], target)])

    def bring_back(self, gone: EntityPath) -> None:
        """Ours removed ``gone`` and theirs changed it: keep theirs' version, record the conflict."""
        if gone in self.brought_back:
            return
        self.brought_back.add(gone)
        entity = self.theirs_entity(gone)
        if entity is None or gone[:-1] not in self.index:
            return
        self.queue(gone, copy.deepcopy(entity))
        self.conflict(gone, "removed", KEPT, REMOVED, KEPT)

    def flush(self) -> None:
        for (owner_path, collection), gone in self.removals.items():
            owner = self.index.get(owner_path)
            if owner is not None:
                items = getattr(owner, collection)
                items[:] = [item for item in items if id(item) not in gone]
        for (owner_path, collection), added in self.additions.items():
            owner = self.index.get(owner_path)
            if owner is not None:
                self.place(owner, owner_path, collection, added)
        for op, mine in self.latest_reading:
            metric = self.index.get(op.path)
            if metric is not None and metric.history:
                metric.current = max(metric.history, key=lambda r: r.date).value
            else:
                self.conflict(op.path, op.field, op.before, mine, op.after)

    def place(self, owner: Any, owner_path: EntityPath, collection: str, added: list[tuple[Key, Any]]) -> None:
        """Put ``added`` where theirs has them: after the nearest entry before each in theirs' list
        that the result holds, past entries only ours added (ours first, then theirs)."""
        items = getattr(owner, collection)
        kind = key_kind(owner, collection)
        present = {k for k, _ in keyed(items, kind)}
        theirs_owner = self.theirs_entity(owner_path)
        theirs_keys = [k for k, _ in keyed(getattr(theirs_owner, collection), kind)] if theirs_owner else []
        position = {k: n for n, k in enumerate(theirs_keys)}
        groups: dict[Key, list[Any]] = {}
        for key, entity in sorted(added, key=lambda pair: position.get(pair[0], len(theirs_keys))):
            anchor = None
            at = position.get(key)
            if at is not None:
                for before in reversed(theirs_keys[:at]):
                    if before in present:
                        anchor = before
                        break
            groups.setdefault(anchor, []).append(entity)
        out: list[Any] = []
        pending = groups.pop(None, [])
        for key, item in keyed(items, kind):
            if pending and (*owner_path, (collection, key)) not in self.ours_added:
                out.extend(pending)
                pending = []
            out.append(item)
            if key in groups:
                out.extend(pending)
                pending = groups.pop(key)
        out.extend(pending)
        for rest in groups.values():
            out.extend(rest)
        items[:] = out


_UNSET = object()


def _value(value: Any) -> Any:
    if isinstance(value, tuple):
        return list(value)
    return value


# --- keeping the result valid ----------------------------------------------------------------------


def _drop_dangling_links(result: MergeResult) -> None:
    """One side removed an objective that the other side made something depend on: drop the link."""
    ids = {o.id for o in result.plan.objectives}
    for obj in result.plan.objectives:
        missing = [d for d in obj.depends_on if d not in ids]
        if missing:
            obj.depends_on = [d for d in obj.depends_on if d in ids]
            for gone in missing:
                result.notes.append(f"{obj.id}: dependency on removed objective {gone!r} dropped")


def _settle_invalid(result: MergeResult, ours: Plan) -> None:
    """Changes that are each fine but break a rule together (a week outside the plan, phases that
    overlap): the entities the rules name take ours' values back, each taken value a conflict."""
    for _round in range(3):
        issues = check_plan(result.plan)
        if not issues:
            return
        for issue in issues:
            path = _entity_path(result.plan, issue.path)
            target = find(result.plan, path)
            mine = find(ours, path)
            if target is None:
                continue
            if mine is None:  # theirs' entity that cannot stay: leave it out
                owner = find(result.plan, path[:-1])
                if owner is not None and path:
                    getattr(owner, path[-1][0]).remove(target)
                    result.conflicts.append(Conflict(label(path), "removed", None, REMOVED, KEPT))
                continue
            for name in scalar_fields(type(target)):
                now, was = get_field(target, name), get_field(mine, name)
                if now != was:
                    set_field(target, name, was)
                    result.conflicts.append(Conflict(label(path), name, None, _value(was), _value(now)))
    if check_plan(result.plan):
        result.notes.append("the merged plan breaks the plan's rules: ours kept")
        result.plan = copy.deepcopy(ours)


def _entity_path(plan: Plan, issue_path: tuple[Any, ...]) -> EntityPath:
    """A rules issue's path (``("objectives", 3, "week")``) as an entity path (``(("objectives", "x"),)``)."""
    path: list[tuple[str, Key]] = []
    entity: Any = plan
    items = list(issue_path)
    while len(items) >= 2 and isinstance(items[0], str) and isinstance(items[1], int):
        collection, index = items[0], items[1]
        if collection not in {c for c, _ in collections_of(type(entity))}:
            break
        entries = keyed(getattr(entity, collection), key_kind(entity, collection))
        if not 0 <= index < len(entries):
            break
        key, entity = entries[index]
        path.append((collection, key))
        items = items[2:]
    return tuple(path)

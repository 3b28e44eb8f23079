"""What changed between two plans: entries keyed by id, compared key by key.

A :class:`Snapshot` holds a plan's content as plain values (cheap to take, and
unaffected by later edits of the plan); :func:`_table_change` says, for one
table, which entries were changed (and which of their keys), added, removed or
moved. ``board.store.patch`` turns that into edits of a file's text.
"""

from __future__ import annotations

from collections.abc import Hashable
from dataclasses import dataclass, field

from board.model import Objective, Plan

from .schema import PLAN_TABLES, canonical_head, encode_table

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

__all__ = ["Conflict", "Snapshot", "same", "snapshot"]

_TABLE_KIND = {key.name: key.kind for key in PLAN_TABLES}
_TABLE_NAMES = frozenset(_TABLE_KIND)
_MISSING: Any = object()


# --- what a plan holds, cheaply comparable ----------------------------------


def objective_state(obj: Objective) -> tuple[Any, ...]:
    """An objective's fields as one hashable tuple, in schema order."""
    return (
        obj.id,
        obj.title,
        obj.week,
        obj.status,
        obj.changed,
        obj.owner,
        tuple(obj.tags),
        tuple(obj.depends_on),
        obj.notes,
        obj.blocked_reason,
    )


def _objective_encoded(state: tuple[Any, ...]) -> dict[str, Any]:
    oid, title, week, status, changed, owner, tags, depends_on, notes, blocked_reason = state
    obj = Objective(oid, title, week, status, changed, owner, list(tags), list(depends_on), notes, blocked_reason)
    return encode_table(obj, "objective")


@dataclass(frozen=True)
class Snapshot:
    """A plan's content as plain values, independent of later edits to the plan."""

    head: dict[str, Any]
    tables: dict[str, list[tuple[Hashable, Any]]]
    """Table name -> [(identity, state)]: identity is (id, occurrence); state a tuple (objectives) or the encoded table."""

    def encoded(self, table: str, state: Any) -> dict[str, Any]:
        return _objective_encoded(state) if table == "objectives" else state  # type: ignore[no-any-return]


def snapshot(plan: Plan) -> Snapshot:
    head = canonical_head(plan)
    tables: dict[str, list[tuple[Hashable, Any]]] = {}
    for key in PLAN_TABLES:
        seen: dict[str, int] = {}
        rows: list[tuple[Hashable, Any]] = []
        for entry in getattr(plan, key.name):
            ident = entry.id
            count = seen.get(ident, 0)
            seen[ident] = count + 1
            state = objective_state(entry) if key.name == "objectives" else encode_table(entry, key.kind)
            rows.append(((ident, count), state))
        tables[key.name] = rows
    return Snapshot(head, tables)


def same(a: Any, b: Any) -> bool:
    """Equal values of the same types (``1``, ``1.0`` and ``True`` are three different TOML values)."""
    if type(a) is not type(b):
        return False
    if isinstance(a, dict):
        return a.keys() == b.keys() and all(same(a[k], b[k]) for k in a)
    if isinstance(a, (list, tuple)):
        return len(a) == len(b) and all(same(x, y) for x, y in zip(a, b, strict=True))
    return bool(a == b)


# --- the change between two snapshots ---------------------------------------


@dataclass(frozen=True)
class Conflict:
    """A field both sides changed, to different values: ``table`` None for the plan's own keys."""

    table: str | None
    ident: str
    key: str


@dataclass
class _TableChange:
    """How one table of tables (objectives, phases, ...) changed between two snapshots."""

    changed: dict[Hashable, dict[str, Any]] = field(default_factory=dict)
    """identity -> {key: new value or _MISSING} for entries in both."""
    old_values: dict[Hashable, dict[str, Any]] = field(default_factory=dict)
    removed: set[Hashable] = field(default_factory=set)
    placed: list[tuple[Hashable, Hashable | None]] = field(default_factory=list)
    """(identity, predecessor in the new order or None) of added and moved entries, in the new order."""
    added: dict[Hashable, dict[str, Any]] = field(default_factory=dict)
    moved: set[Hashable] = field(default_factory=set)


def _key_changes(old: dict[str, Any], new: dict[str, Any]) -> tuple[dict[str, Any], dict[str, Any]]:
    changes: dict[str, Any] = {}
    before: dict[str, Any] = {}
    for key in {**old, **new}:
        a, b = old.get(key, _MISSING), new.get(key, _MISSING)
        if a is _MISSING or b is _MISSING:
            if a is not b:
                changes[key], before[key] = b, a
        elif not same(a, b):
            changes[key], before[key] = b, a
    return changes, before


def _stable(sequence: list[int]) -> set[int]:
    """The longest increasing subsequence of ``sequence`` (its values): what keeps its place."""
    from bisect import bisect_left

    tails: list[int] = []
    tail_at: list[int] = []
    parent: list[int] = [-1] * len(sequence)
    for i, value in enumerate(sequence):
        j = bisect_left(tails, value)
        if j == len(tails):
            tails.append(value)
            tail_at.append(i)
        else:
            tails[j] = value
            tail_at[j] = i
        parent[i] = tail_at[j - 1] if j else -1
    result: set[int] = set()
    i = tail_at[-1] if tail_at else -1
    while i >= 0:
        result.add(sequence[i])
        i = parent[i]
    return result


def _table_change(name: str, old: Snapshot, new: Snapshot) -> _TableChange:
    change = _TableChange()
    old_rows, new_rows = old.tables[name], new.tables[name]
    if len(old_rows) == len(new_rows) and all(a[0] == b[0] for a, b in zip(old_rows, new_rows, strict=True)):
        # The same entries in the same order (a save of an edit): compare them pairwise.
        for (ident, old_state), (_, state) in zip(old_rows, new_rows, strict=True):
            if old_state != state or (name != "objectives" and not same(old_state, state)):
                keys, before = _key_changes(old.encoded(name, old_state), new.encoded(name, state))
                if keys:
                    change.changed[ident] = keys
                    change.old_values[ident] = before
        return change
    old_at = {ident: i for i, (ident, _) in enumerate(old_rows)}
    new_idents = {ident for ident, _ in new_rows}
    change.removed = {ident for ident, _ in old_rows if ident not in new_idents}
    kept_positions = [old_at[ident] for ident, _ in new_rows if ident in old_at]
    stable = _stable(kept_positions)
    previous: Hashable | None = None
    for ident, state in new_rows:
        if ident not in old_at:
            change.added[ident] = new.encoded(name, state)
            change.placed.append((ident, previous))
        else:
            i = old_at[ident]
            old_state = old_rows[i][1]
            # objectives' fields have one type each: == is enough; other tables may hold 1 and 1.0
            if old_state != state or (name != "objectives" and not same(old_state, state)):
                keys, before = _key_changes(old.encoded(name, old_state), new.encoded(name, state))
                if keys:
                    change.changed[ident] = keys
                    change.old_values[ident] = before
            if i not in stable:
                change.moved.add(ident)
                change.placed.append((ident, previous))
        previous = ident
    return change

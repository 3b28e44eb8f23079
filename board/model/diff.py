"""A plan diff: operations on keyed entities, from one plan to another.

Every entity has a key: objectives, phases, risks, metrics, contingencies and
checklists by ``id``; criteria, checklist items and rollback steps by their
text (with the occurrence number to break ties); metric readings by date. An
entity is named by its path from the plan, a tuple of ``(collection, key)``
pairs. The operations are:

- ``set``: one field of an entity changed (``before`` → ``after``); a phase's
  first and last week are one field, ``weeks``, so its span reads as one change;
- ``add``: a new entity, with ``anchor``, the key of the entity it follows
  in its list (None: it comes first);
- ``remove``: an entity that is gone;
- ``move``: an entity that changed place in its list (``anchor`` as for add).

No Textual and no disk here: saves, the merge driver, ``diff``/``log`` and the
standup all use this one diff.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, fields, is_dataclass
from datetime import date
from typing import Any, get_args, get_origin, get_type_hints

from board.term import visible

from .plan import Check, Checklist, Contingency, Criterion, Metric, Objective, Phase, Plan, Reading, Risk

Key = Any
"""An entity's key in its list: an id, a date, or ``(text, occurrence)``."""
EntityPath = tuple[tuple[str, Key], ...]

COLLECTIONS: dict[type, tuple[tuple[str, str], ...]] = {
    Plan: (
        ("phases", "id"),
        ("objectives", "id"),
        ("risk_management", "id"),
        ("metrics", "id"),
        ("contingencies", "id"),
        ("final_validation", "id"),
    ),
    Phase: (("criteria", "text"), ("rollback_steps", "text"), ("risks", "id")),
    Checklist: (("items", "text"),),
    Metric: (("history", "date"),),
}
"""For each entity type that holds lists of entities: (field, what keys its entries). A list of
dataclasses not named here (a model added later) is found by :func:`collections_of` and keyed by
its entries' first field, with the occurrence number for ties."""

_FOUND: dict[type, tuple[tuple[str, str], ...]] = {}


def collections_of(kind: type) -> tuple[tuple[str, str], ...]:
    """The entity lists of an entity type: those named in COLLECTIONS, then any other field
    typed ``list[SomeDataclass]`` (key kind ``first:FIELD``)."""
    found = _FOUND.get(kind)
    if found is not None:
        return found
    known = COLLECTIONS.get(kind, ())
    named = {name for name, _ in known}
    extra: list[tuple[str, str]] = []
    try:
        hints = get_type_hints(kind) if is_dataclass(kind) else {}
    except Exception:  # a hint that cannot be resolved: only the lists named above
        hints = {}
    for item in fields(kind) if is_dataclass(kind) else ():
        hint = hints.get(item.name)
        args = get_args(hint)
        if item.name in named or item.name in _NOT_FIELDS or get_origin(hint) is not list or len(args) != 1:
            continue
        inner = args[0]
        if isinstance(inner, type) and is_dataclass(inner):
            extra.append((item.name, f"first:{fields(inner)[0].name}"))
    found = _FOUND[kind] = (*known, *extra)
    return found


_NOT_FIELDS = {"schema", "conflicts"}
_SCALARS: dict[type, tuple[str, ...]] = {}


def scalar_fields(kind: type) -> tuple[str, ...]:
    """The fields a ``set`` op may name for an entity of type ``kind`` (a phase's weeks as ``weeks``)."""
    found = _SCALARS.get(kind)
    if found is None:
        nested = {name for name, _ in collections_of(kind)}
        names = [f.name for f in fields(kind) if f.name not in nested and f.name not in _NOT_FIELDS]
        if kind is Phase:
            at = names.index("first_week")
            names[at : at + 2] = ["weeks"]
        found = _SCALARS[kind] = tuple(names)
    return found


def get_field(entity: Any, name: str) -> Any:
    if name == "weeks" and isinstance(entity, Phase):
        return (entity.first_week, entity.last_week)
    value = getattr(entity, name)
    return list(value) if isinstance(value, list) else value


def set_field(entity: Any, name: str, value: Any) -> None:
    if name == "weeks" and isinstance(entity, Phase):
        entity.first_week, entity.last_week = int(value[0]), int(value[1])
    else:
        setattr(entity, name, list(value) if isinstance(value, (list, tuple)) else value)


@dataclass(frozen=True)
class Op:
    """One operation of a plan diff on a keyed entity: set a field, add, remove or move."""

    kind: str  # "set", "add", "remove" or "move"
    path: EntityPath
    field: str = ""
    before: Any = None
    after: Any = None
    entity: Any = None  # add: the new entity; remove: the old one
    anchor: Key = None  # add, move: the key of the entity it now follows (None: first)


# --- keys and lists ---------------------------------------------------------------


def keyed(items: list[Any], kind: str) -> list[tuple[Key, Any]]:
    """The entries of a list with their keys."""
    if kind == "id":
        return [(item.id, item) for item in items]
    if kind == "date":
        return [(item.date, item) for item in items]
    name = kind[6:] if kind.startswith("first:") else "text"
    seen: dict[Any, int] = {}
    out = []
    for item in items:
        value = getattr(item, name)
        n = seen.get(value, 0)
        seen[value] = n + 1
        out.append(((value, n), item))
    return out


def key_kind(owner: Any, collection: str) -> str:
    for name, kind in collections_of(type(owner)):
        if name == collection:
            return kind
    raise KeyError(collection)


def find(plan: Plan, path: EntityPath) -> Any | None:
    """The entity at ``path`` in ``plan``, or None."""
    entity: Any = plan
    for collection, key in path:
        for k, item in keyed(getattr(entity, collection), key_kind(entity, collection)):
            if k == key:
                entity = item
                break
        else:
            return None
    return entity


def walk(plan: Plan) -> Iterator[tuple[EntityPath, Any]]:
    """Every entity of ``plan`` with its path, the plan itself first (path ``()``)."""
    stack: list[tuple[EntityPath, Any]] = [((), plan)]
    while stack:
        path, entity = stack.pop()
        yield path, entity
        for collection, kind in reversed(collections_of(type(entity))):
            for key, item in reversed(keyed(getattr(entity, collection), kind)):
                stack.append(((*path, (collection, key)), item))


# --- the diff -----------------------------------------------------------------------


def diff(old: Plan, new: Plan) -> list[Op]:
    """The operations that turn ``old`` into ``new``."""
    ops: list[Op] = []
    _diff_entity(old, new, (), ops)
    return ops


def _diff_entity(old: Any, new: Any, path: EntityPath, ops: list[Op]) -> None:
    if old == new:
        return
    for name in scalar_fields(type(old)):
        before, after = get_field(old, name), get_field(new, name)
        if before != after:
            ops.append(Op("set", path, name, before, after))
    for collection, kind in collections_of(type(old)):
        _diff_list(getattr(old, collection), getattr(new, collection), path, collection, kind, ops)


def _diff_list(old: list[Any], new: list[Any], path: EntityPath, collection: str, kind: str, ops: list[Op]) -> None:
    if old == new:
        return
    old_keyed, new_keyed = keyed(old, kind), keyed(new, kind)
    old_map, new_map = dict(old_keyed), dict(new_keyed)
    for key, item in old_keyed:
        if key not in new_map:
            ops.append(Op("remove", (*path, (collection, key)), entity=item))
    previous: Key = None
    for key, item in new_keyed:
        was = old_map.get(key, _MISSING)
        if was is _MISSING:
            ops.append(Op("add", (*path, (collection, key)), entity=item, anchor=previous))
        else:
            _diff_entity(was, item, (*path, (collection, key)), ops)
        previous = key
    common_old = [k for k, _ in old_keyed if k in new_map]
    common_new = [k for k, _ in new_keyed if k in old_map]
    if common_old == common_new:
        return
    from difflib import SequenceMatcher  # only for entries that moved (the standup imports this module)

    stable: set[Key] = set()
    matcher = SequenceMatcher(None, common_old, common_new, autojunk=False)
    for block in matcher.get_matching_blocks():
        stable.update(common_new[block.b : block.b + block.size])
    previous = None
    for key, _item in new_keyed:
        if key in old_map and key not in stable:
            ops.append(Op("move", (*path, (collection, key)), anchor=previous))
        previous = key


_MISSING = object()


# --- words ----------------------------------------------------------------------------

_WHAT = {
    "phases": "phase",
    "risks": "risk",
    "criteria": "criterion",
    "rollback_steps": "rollback step",
    "metrics": "metric",
    "history": "reading",
    "contingencies": "contingency",
    "risk_management": "risk checklist",
    "final_validation": "final validation",
    "items": "item",
    "rehearsals": "rehearsal",
}
_LONG_TEXT = {"notes", "summary", "closing", "mitigation", "description"}


def _key_words(collection: str, key: Key) -> str:
    if isinstance(key, tuple):
        value, n = key
        shown = value.isoformat() if isinstance(value, date) else f'"{visible(str(value))}"'
        return f"{shown} ({n + 1})" if n else shown
    if isinstance(key, date):
        return key.isoformat()
    return visible(str(key))


def label(path: EntityPath) -> str:
    """An entity's name in words: ``xss-prevention``, ``phase p2``, ``phase p1 risk r3``, ``plan``."""
    if not path:
        return "plan"
    parts = []
    for collection, key in path:
        words = _key_words(collection, key)
        parts.append(words if collection == "objectives" else f"{_WHAT.get(collection, collection)} {words}")
    return " ".join(parts)


def show_value(value: Any) -> str:
    """A field value in words (plan text made printable)."""
    if value is None or value == "":
        return "(none)"
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, float):
        return f"{value:g}"
    if isinstance(value, (list, tuple)):
        return ", ".join(show_value(v) for v in value) if value else "(none)"
    if isinstance(value, date):
        return value.isoformat()
    if is_dataclass(value) and not isinstance(value, type):  # a table of its own (a phase's gate)
        return _record_words(value) or "(empty)"
    return visible(str(value))


def _record_words(record: Any) -> str:
    """A table in words, its set fields in order: ``signoffs security; signed (role security, by ana, …)``."""
    parts = []
    for item in fields(record):
        value = getattr(record, item.name)
        if value is None or value == "" or value == []:
            continue
        if isinstance(value, list) and value and is_dataclass(value[0]):
            shown = ", ".join(f"({_record_words(v).replace('; ', ', ')})" for v in value)
        else:
            shown = show_value(value)
        parts.append(f"{item.name.replace('_', ' ')} {shown}")
    return "; ".join(parts)


def _entity_summary(entity: Any) -> str:
    if isinstance(entity, Objective):
        return f"{visible(entity.id)} ({visible(entity.title)}), week {entity.week}, {visible(entity.status)}"
    if isinstance(entity, Reading):
        return f"{entity.date.isoformat()} = {entity.value:g}"
    if isinstance(entity, (Criterion, Check)):
        return f'"{visible(entity.text)}"'
    if isinstance(entity, Risk):
        return f"{visible(entity.id)} ({visible(entity.description)})"
    if isinstance(entity, (Phase, Metric, Contingency, Checklist)):
        return f"{visible(entity.id)} ({visible(entity.name)})"
    if is_dataclass(entity):
        values = [getattr(entity, f.name) for f in fields(entity)]
        return " · ".join(show_value(v) for v in values if v not in (None, "", []) and not is_dataclass(v))
    return visible(str(entity))


def _reading_words(op: Op, context: Plan | None) -> str | None:
    """A metric reading's change with the metric's unit (when ``context`` holds the metric)."""
    metric = _metric(context, op.path[0][1]) if len(op.path) == 2 and op.path[0][0] == "metrics" else None
    if metric is None or op.path[1][0] != "history":
        return None
    day = op.path[1][1].isoformat()

    unit = visible(metric.unit)

    def value(number: float) -> str:
        return f"{number:+g}{unit}" if metric.relative else f"{number:g}{unit}"

    where = visible(metric.id)
    if op.kind == "add":
        return f"{where}: recorded {value(op.entity.value)} on {day}"
    if op.kind == "remove":
        return f"{where}: reading of {day} removed ({value(op.entity.value)})"
    if op.kind == "set" and op.field == "value":
        return f"{where}: reading of {day} {value(op.before)} → {value(op.after)}"
    return None


def _metric(context: Plan | None, mid: str) -> Metric | None:
    if context is None:
        return None
    return next((m for m in context.metrics if m.id == mid), None)


def describe(op: Op, context: Plan | None = None) -> str:
    """One operation as a sentence: ``xss-prevention: todo → in-progress``, ``risk added: …``.

    ``context`` (the plan the ops lead to) lets a metric reading show its unit."""
    said = _reading_words(op, context)
    if said is not None:
        return said
    where = label(op.path)
    if op.kind == "set":
        if op.field == "status":
            return f"{where}: {show_value(op.before)} → {show_value(op.after)}"
        if op.field == "weeks":
            (a, b), (c, d) = op.before, op.after
            return f"{where}: weeks {_span(a, b)} → {_span(c, d)}"
        name = op.field.replace("_", " ")
        if op.field in _LONG_TEXT or (isinstance(op.after, str) and len(op.after) > 60):
            return f"{where}: {name} edited"
        if isinstance(op.after, bool) and op.field in {"met", "done", "active"}:
            state = {"met": ("met", "not met"), "done": ("done", "not done"), "active": ("active", "on standby")}
            yes, no = state[op.field]
            return f"{where}: {yes if op.after else no}"
        return f"{where}: {name} {show_value(op.before)} → {show_value(op.after)}"
    collection = op.path[-1][0]
    what = "objective" if collection == "objectives" else _WHAT.get(collection, collection)
    parent = label(op.path[:-1])
    inside = f" ({parent})" if op.path[:-1] else ""
    if op.kind == "add":
        return f"{what} added{inside}: {_entity_summary(op.entity)}"
    if op.kind == "remove":
        return f"{what} removed{inside}: {_entity_summary(op.entity)}"
    after = "to the top" if op.anchor is None else f"after {_key_words(collection, op.anchor)}"
    return f"{where}: moved {after}"


def _span(first: int, last: int) -> str:
    return str(first) if first == last else f"{first}–{last}"


def sentences(ops: list[Op], context: Plan | None = None) -> list[str]:
    """The operations in words, one sentence each, objectives first. What follows from another
    change goes without saying: an objective's ``changed`` day when its status changed, a metric's
    ``current`` value when a reading was recorded."""
    with_status = {op.path for op in ops if op.kind == "set" and op.field == "status"}
    with_week = {op.path for op in ops if op.kind == "set" and op.field == "week"}
    with_reading = {op.path[:1] for op in ops if op.kind in ("add", "set") and op.path[-1][0] == "history"}
    with_step = {op.path[:1] for op in ops if op.kind == "set" and op.path[-1][0] == "rollback_steps"}

    def follows(op: Op) -> bool:
        if op.kind == "move":
            return op.path in with_week
        if op.kind != "set":
            return False
        return (
            (op.field == "changed" and op.path in with_status)
            or (op.field == "current" and op.path in with_reading)
            or (op.field == "rehearsed" and op.path in with_step)
        )

    order = {"set": 0, "move": 0, "add": 1, "remove": 2}
    said = [op for op in ops if not follows(op)]
    said.sort(key=lambda op: (0 if op.path[:1] and op.path[0][0] == "objectives" else 1, order[op.kind]))
    return [describe(op, context) for op in said]


def describe_all(old: Plan, new: Plan) -> list[str]:
    """The changes from ``old`` to ``new`` in words, then the merge conflicts recorded and resolved."""
    said = sentences(diff(old, new), new)
    before = {(c.entity, c.field) for c in old.conflicts}
    after = {(c.entity, c.field) for c in new.conflicts}
    for c in new.conflicts:
        if (c.entity, c.field) not in before:
            said.append(
                f"merge conflict recorded: {visible(c.entity)}, {visible(c.field)} "
                f"(ours {show_value(c.ours)}, theirs {show_value(c.theirs)})"
            )
    for c in old.conflicts:
        if (c.entity, c.field) not in after:
            said.append(f"merge conflict resolved: {visible(c.entity)}, {visible(c.field)}")
    return said


# --- a plan as one fact a line (git's textconv) -------------------------------------------


_KEY_FIELDS: dict[type, tuple[str, ...]] = {
    Phase: ("id",),
    Objective: ("id",),
    Risk: ("id",),
    Metric: ("id",),
    Contingency: ("id",),
    Checklist: ("id",),
    Criterion: ("text",),
    Check: ("text",),
    Reading: ("date",),
}


def facts(plan: Plan) -> list[str]:
    """The plan as one line per field of each entity, so a line diff of two plans reads as changes."""
    lines = []
    for path, entity in walk(plan):
        where = label(path)
        for name in scalar_fields(type(entity)):
            if name in _KEY_FIELDS.get(type(entity), ()):
                continue
            value = get_field(entity, name)
            if value is None or value == "" or value == []:
                continue
            if isinstance(value, tuple):
                lines.append(f"{where}: weeks {_span(*value)}")
            elif isinstance(value, str) and "\n" in value:
                lines.extend(f"{where}: {name}: {visible(line)}" for line in value.split("\n"))
            else:
                lines.append(f"{where}: {name.replace('_', ' ')} {show_value(value)}")
    return lines

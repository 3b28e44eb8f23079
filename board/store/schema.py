"""The plan file's schema: TOML tables <-> model dataclasses.

One table per dataclass, declared once as an ordered list of :class:`Key`. The
order is the order keys are written in; ``decode`` reports every missing,
unknown or mistyped key as an :class:`~board.model.Issue` with its path.
"""

from __future__ import annotations

from dataclasses import is_dataclass
from datetime import date, datetime, time

from board.model import (
    SCHEMA_VERSION,
    ActionTick,
    Check,
    Checklist,
    Conflict,
    Contingency,
    Criterion,
    Gate,
    GateMetric,
    Issue,
    Metric,
    Objective,
    Phase,
    Plan,
    Reading,
    Rehearsal,
    Risk,
    Signoff,
)
from board.model.errors import Path
from board.model.numbers import canonical
from board.model.plan import canonical_level

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any


class Key:
    """One key of a plan file's table: its name, kind and whether it is required or always written.

    A plain class: the schema declares 173 of them at every start, a frozen dataclass both compiles
    six methods and sets each field through ``object.__setattr__``, and a named tuple imports typing."""

    __slots__ = ("always", "kind", "name", "required", "single")

    def __init__(
        self, name: str, kind: str, required: bool = False, always: bool = False, single: bool = False
    ) -> None:
        self.name = name
        self.kind = kind  # str, int, bool, date, number, strings, or a table name for a list of tables
        self.required = required
        self.always = always  # written even when empty (required keys always are)
        self.single = single  # one sub-table (``[phases.gate]``), not a list of tables

    @property
    def written_always(self) -> bool:
        return self.required or self.always


TYPE_NAMES = {
    "str": "a string",
    "int": "an integer",
    "bool": "true or false",
    "date": "a date like 2026-11-02 (no quotes)",
    "number": "a number",
    "strings": "a list of strings",
    "level": "a string",
}

TABLES: dict[str, tuple[type, list[Key]]] = {
    "criterion": (
        Criterion,
        [
            Key("text", "str", True),
            Key("met", "bool", always=True),
            Key("metric", "str"),
            Key("at_least", "number"),
            Key("at_most", "number"),
        ],
    ),
    "gate_metric": (
        GateMetric,
        [Key("metric", "str", True), Key("at_least", "number"), Key("at_most", "number")],
    ),
    "signoff": (Signoff, [Key("role", "str", True), Key("by", "str", True), Key("date", "date", True)]),
    "gate": (
        Gate,
        [Key("metrics", "gate_metric"), Key("signoffs", "strings"), Key("signed", "signoff")],
    ),
    "rehearsal": (
        Rehearsal,
        [
            Key("date", "date", True),
            Key("took", "str", True),
            Key("outcome", "str", always=True),
            Key("note", "str"),
        ],
    ),
    "check": (Check, [Key("text", "str", True), Key("done", "bool", always=True)]),
    "reading": (Reading, [Key("date", "date", True), Key("value", "number", True)]),
    "action_tick": (ActionTick, [Key("action", "str", True), Key("date", "date")]),
    "risk": (
        Risk,
        [
            Key("id", "str", True),
            Key("description", "str", True),
            Key("likelihood", "int", always=True),
            Key("impact", "int", always=True),
            Key("mitigation", "str"),
            Key("owner", "str"),
            Key("state", "str", always=True),
        ],
    ),
    "phase": (
        Phase,
        [
            Key("id", "str", True),
            Key("name", "str", True),
            Key("first_week", "int", True),
            Key("last_week", "int", True),
            Key("audience", "str"),
            Key("exposure", "number"),
            Key("priority", "level"),
            Key("risk", "level"),
            Key("rollback_budget", "str"),
            Key("rollback_estimate", "str"),
            Key("rehearsal_max_age", "int"),
            Key("rehearsed", "date"),
            Key("criteria", "criterion"),
            Key("rollback_steps", "check"),
            Key("rehearsals", "rehearsal"),
            Key("risks", "risk"),
            Key("gate", "gate", single=True),
        ],
    ),
    "objective": (
        Objective,
        [
            Key("id", "str", True),
            Key("title", "str", True),
            Key("week", "int", True),
            Key("status", "str", True),
            Key("changed", "date"),
            Key("blocked_reason", "str"),
            Key("owner", "str"),
            Key("tags", "strings"),
            Key("depends_on", "strings"),
            Key("notes", "str"),
        ],
    ),
    "checklist": (Checklist, [Key("id", "str", True), Key("name", "str", True), Key("items", "check")]),
    "metric": (
        Metric,
        [
            Key("id", "str", True),
            Key("name", "str", True),
            Key("group", "str", True),
            Key("unit", "str"),
            Key("baseline", "number"),
            Key("target", "number", True),
            Key("relative", "bool"),
            Key("direction", "str", always=True),
            Key("current", "number"),
            Key("history", "reading"),
        ],
    ),
    "contingency": (
        Contingency,
        [
            Key("id", "str", True),
            Key("name", "str", True),
            Key("actions", "strings"),
            Key("notes", "str"),
            Key("active", "bool", always=True),
            Key("activated", "date"),
            Key("ticked", "action_tick"),
        ],
    ),
}

TABLES["conflict"] = (
    Conflict,
    [
        Key("entity", "str", True),
        Key("field", "str", True),
        Key("base", "value"),
        Key("ours", "value"),
        Key("theirs", "value"),
    ],
)

TABLE_OF: dict[type, str] = {cls: name for name, (cls, _keys) in TABLES.items()}
"""The table kind of each model type, for a conflict's side that is a table of its own."""
SINGLE_TABLES: dict[str, str] = {k.name: k.kind for _cls, keys in TABLES.values() for k in keys if k.single}
"""Fields that are one sub-table (``gate``): a conflict on such a field holds its sides as tables."""

PLAN_KEYS = [
    Key("schema", "int", True),
    Key("title", "str", True),
    Key("summary", "str"),
    Key("weeks", "int", True),
    Key("start", "date"),
    Key("statuses", "strings", always=True),
    Key("closing", "str"),
    Key("notes", "str"),
]
PLAN_TABLES = [
    Key("phases", "phase"),
    Key("objectives", "objective"),
    Key("risk_management", "checklist"),
    Key("metrics", "metric"),
    Key("contingencies", "contingency"),
    Key("final_validation", "checklist"),
    Key("conflicts", "conflict"),
]

ENTRY_NAMES = {
    "phase": "phase",
    "objective": "objective",
    "checklist": "checklist",
    "metric": "metric",
    "contingency": "contingency plan",
    "risk": "risk",
    "criterion": "criterion",
    "check": "item",
    "reading": "reading",
    "action_tick": "ticked action",
    "conflict": "conflict",
    "gate_metric": "gate metric",
    "signoff": "sign-off",
    "gate": "gate",
    "rehearsal": "rehearsal",
}


def _type_ok(kind: str, value: Any) -> bool:
    if kind == "value":  # a merge conflict's side: any TOML value
        return True
    if kind in ("str", "level"):
        return isinstance(value, str)
    if kind == "int":
        return isinstance(value, int) and not isinstance(value, bool)
    if kind == "bool":
        return isinstance(value, bool)
    if kind == "date":
        return isinstance(value, date) and not isinstance(value, datetime)
    if kind == "number":
        return isinstance(value, (int, float)) and not isinstance(value, bool)
    if kind == "strings":
        return isinstance(value, list) and all(isinstance(v, str) for v in value)
    return isinstance(value, list) and all(isinstance(v, dict) for v in value)


def _kind_name(kind: str) -> str:
    if kind in TYPE_NAMES:  # not .get(kind, default): the default would be built (and fail) for every kind
        return TYPE_NAMES[kind]
    return f"a list of {ENTRY_NAMES[kind]} tables"


def _toml_type(value: Any) -> str:
    if isinstance(value, bool):
        return "a boolean"
    if isinstance(value, int):
        return "an integer"
    if isinstance(value, float):
        return "a float"
    if isinstance(value, str):
        return "a string"
    if isinstance(value, datetime):
        return "a date-time"
    if isinstance(value, date):
        return "a date"
    if isinstance(value, time):
        return "a time of day"
    if isinstance(value, list):
        return "an array"
    if isinstance(value, dict):
        return "a table"
    return type(value).__name__


_EXACT_TYPES = {"str": str, "int": int, "bool": bool, "date": date, "strings": list}


def _plain_spec(keys: list[Key]) -> tuple[dict[str, type], frozenset[str]] | None:
    """For a table whose values are taken as they are (no nested tables, numbers or levels): each key's
    exact type as the TOML parser builds it, and the required keys; None for any other table."""
    if any(key.kind not in _EXACT_TYPES for key in keys):
        return None
    return {key.name: _EXACT_TYPES[key.kind] for key in keys}, frozenset(k.name for k in keys if k.required)


_PLAIN = {name: spec for name, (_cls, keys) in TABLES.items() if (spec := _plain_spec(keys)) is not None}


def _plainly_fine(data: dict[str, Any], types: dict[str, type], required: frozenset[str]) -> bool:
    """True when ``data`` has every required key, no unknown key, and each value of exactly its type
    (lists holding strings only): the common case, decided without building a message. False sends
    the entry through :meth:`Decoder.fields`, which says what is wrong (or accepts what is merely unusual)."""
    if not required <= data.keys():
        return False
    for name, value in data.items():
        kind = types.get(name)
        if kind is None or type(value) is not kind:
            return False
        if isinstance(value, list):
            try:
                "".join(value)  # a TypeError names any item that is not a string
            except TypeError:
                return False
    return True


WEEKS_STAND_IN_MAX = 520


class Decoder:
    """Turns the parsed TOML into a Plan, collecting every problem on the way."""

    def __init__(self) -> None:
        self.issues: list[Issue] = []
        self.dropped_ids: set[str] = set()
        """Ids of objectives left out for unusable keys (others may still depend on them)."""
        self.dropped_phase = False
        """True when a phase was left out for unusable keys (its weeks are then no gap)."""
        self.unusable: set[str] = set()
        """Plan keys present in the file but of the wrong type (their defaults are not the file's)."""
        self._kept: dict[str, list[int]] = {}
        """For each top-level table, the file index of each entry that was kept."""
        self.stand_ins: set[str] = set()
        """Required plan keys that were missing or unusable, given a stand-in so the rest is still checked."""
        self._partial: dict[str, Any] = {}

    def source_path(self, path: Path) -> Path:
        """``path`` into the decoded plan, as a path into the file (entries may have been left out)."""
        if len(path) >= 2 and isinstance(path[1], int) and isinstance(path[0], str) and path[0] in self._kept:
            kept = self._kept[path[0]]
            if path[1] < len(kept):
                return (path[0], kept[path[1]], *path[2:])
        return path

    def fail(self, path: Path, message: str) -> None:
        self.issues.append(Issue(path, message))

    def fields(self, data: dict[str, Any], keys: list[Key], path: Path, what: str) -> dict[str, Any] | None:
        """The checked values of ``keys`` in ``data``; None when a required key is unusable."""
        values: dict[str, Any] = {}
        usable = True
        known = {k.name for k in keys}
        for name in data:
            if name not in known:
                self.fail((*path, name), f"{what}: unknown key {name!r}")
        for key in keys:
            if key.name not in data:
                if key.required:
                    self.fail(path, f"{what}: missing {key.name!r}")
                    usable = False
                continue
            value = data[key.name]
            if key.single:
                if not isinstance(value, dict):
                    self.fail((*path, key.name), f"{what}: {key.name!r} must be a table, not {_toml_type(value)}")
                    continue
                value = self.one(value, key.kind, (*path, key.name), what)
                if value is not None:
                    values[key.name] = value
                continue
            if key.kind == "value" and isinstance(value, dict) and data.get("field") in SINGLE_TABLES:
                # a conflict's side that is a table of its own (a phase's gate): read as that table
                value = self.one(value, SINGLE_TABLES[data["field"]], (*path, key.name), f"{what}, {key.name}")
                if value is not None:
                    values[key.name] = value
                continue
            if not _type_ok(key.kind, value):
                self.fail(
                    (*path, key.name), f"{what}: {key.name!r} must be {_kind_name(key.kind)}, not {_toml_type(value)}"
                )
                usable = usable and not key.required
                continue
            if key.kind in TABLES:
                value = self.entries(value, key.kind, (*path, key.name), what)
            elif key.kind == "number":
                value = canonical(value)  # 78.0 is 78, in the plan and in every file written from it
            elif key.kind == "level":
                value = canonical_level(value)  # "medium" is "Medium"
            values[key.name] = value
        if not usable:
            self._partial = values
        return values if usable else None

    def entries(self, items: list[dict[str, Any]], table: str, path: Path, owner: str = "") -> list[Any]:
        cls, keys = TABLES[table]
        plain = _PLAIN.get(table)
        result = []
        kept = []
        for i, data in enumerate(items):
            if plain is not None and _plainly_fine(data, *plain):
                result.append(cls(**data))  # every key known and of its type: nothing to check or convert
                kept.append(i)
                continue
            what = self.describe(table, data, i, owner)
            values = self.fields(data, keys, (*path, i), what)
            if values is not None:
                result.append(cls(**values))
                kept.append(i)
            elif table == "objective" and isinstance(data.get("id"), str):
                self.dropped_ids.add(data["id"])
            elif table == "phase":
                self.dropped_phase = True
        if len(path) == 1:
            self._kept[str(path[0])] = kept
        return result

    def one(self, data: dict[str, Any], table: str, path: Path, owner: str) -> Any:
        """One sub-table (a phase's ``gate``); None when a required key is unusable."""
        cls, keys = TABLES[table]
        what = f"{owner}, {ENTRY_NAMES[table]}" if owner else ENTRY_NAMES[table]
        values = self.fields(data, keys, path, what)
        return None if values is None else cls(**values)

    @staticmethod
    def describe(table: str, data: dict[str, Any], index: int, owner: str) -> str:
        name = ENTRY_NAMES[table]
        ident = data.get("id")
        label = f"{name} {ident!r}" if isinstance(ident, str) and ident else f"{name} #{index + 1}"
        return f"{owner}, {label}" if owner else label

    def plan(self, data: dict[str, Any]) -> Plan | None:
        values = self.fields(
            {k: v for k, v in data.items() if k not in {t.name for t in PLAN_TABLES}}, PLAN_KEYS, (), "plan"
        )
        partial = dict(self._partial)
        tables: dict[str, Any] = {}
        for key in PLAN_TABLES:
            if key.name not in data:
                continue
            value = data[key.name]
            if not _type_ok(key.kind, value):
                self.fail((key.name,), f"{key.name!r} must be a list of [[{key.name}]] tables, not {_toml_type(value)}")
                continue
            tables[key.name] = self.entries(value, key.kind, (key.name,))
        if values is None:
            # A bad title or weeks does not hide the objectives' problems: check the rest against stand-ins.
            values = partial
            self.stand_ins = {key.name for key in PLAN_KEYS if key.required and key.name not in values}
        self.unusable = {key.name for key in PLAN_KEYS if key.name in data and key.name not in values}
        if self.stand_ins:
            weeks = [o.week for o in tables.get("objectives", [])] + [p.last_week for p in tables.get("phases", [])]
            stand_in = {"schema": 1, "title": "(untitled)", "weeks": min(max([1, *weeks]), WEEKS_STAND_IN_MAX)}
            values = {**{k: v for k, v in stand_in.items() if k in self.stand_ins}, **values}
        values.pop("schema")
        return Plan(**values, **tables)


def encode_table(obj: Any, table: str) -> dict[str, Any]:
    """The canonical table of a dataclass: keys in schema order, empty optional keys left out."""
    _cls, keys = TABLES[table]
    out: dict[str, Any] = {}
    for key in keys:
        value = getattr(obj, key.name)
        if key.kind == "value":
            if is_dataclass(value) and type(value) in TABLE_OF:  # a conflict's side that is a table (a gate)
                out[key.name] = encode_table(value, TABLE_OF[type(value)])
            elif value is not None:
                out[key.name] = list(value) if isinstance(value, tuple) else value
            continue
        if not key.written_always and (value is None or value == "" or value == [] or value is False):
            continue
        if key.single:
            value = encode_table(value, key.kind)
        elif key.kind in TABLES:
            value = [encode_table(item, key.kind) for item in value]
        elif key.kind == "strings":
            value = list(value)
        elif key.kind == "number":
            value = canonical(value)
        elif key.kind == "level":
            value = canonical_level(value)
        out[key.name] = value
    return out


def encode_head(plan: Plan) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for key in PLAN_KEYS:
        value = getattr(plan, key.name)
        if not key.written_always and (value is None or value == "" or value == []):
            continue
        out[key.name] = list(value) if key.kind == "strings" else value
    return out


def canonical_head(plan: Plan) -> dict[str, Any]:
    """The plan's own keys as the file holds them: ``schema`` first (always this version), then the rest in order."""
    head = encode_head(plan)
    return {"schema": SCHEMA_VERSION, **{k: v for k, v in head.items() if k != "schema"}}

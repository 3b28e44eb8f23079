"""The whole plan as JSON: the plan file's keys in the same order, dates as ISO strings.

Each objective also carries its ``phase`` (derived from its week). The schema
is documented in docs/json-schema.md.
"""

from __future__ import annotations

import json
from dataclasses import fields, is_dataclass
from datetime import date
from json.encoder import encode_basestring

from board.model import Objective, Plan
from board.model.numbers import canonical
from board.term import json_safe

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

_FIELD_NAMES: dict[type, tuple[str, ...]] = {}


def _plain(value: Any) -> Any:
    kind = type(value)
    if kind is str or kind is int or kind is bool or value is None:
        return value  # most values: nothing to look into
    if kind is list:
        return [_plain(v) for v in value]
    if is_dataclass(value) and not isinstance(value, type):
        kind = type(value)
        names = _FIELD_NAMES.get(kind)
        if names is None:
            names = _FIELD_NAMES[kind] = tuple(f.name for f in fields(value))
        return {name: _plain(getattr(value, name)) for name in names}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, float):
        return canonical(value)
    return value


def plan_to_json_data(plan: Plan) -> dict[str, Any]:
    data = _plain(plan)
    schema = data.pop("schema")
    data.pop(
        "conflicts", None
    )  # a merge's unresolved [[conflicts]] are git state, not the plan (validate reports them)
    for obj, raw in zip(plan.objectives, data["objectives"], strict=False):
        phase = plan.phase_of(obj)
        raw["phase"] = phase.id if phase else None
    return {"schema": schema, **data}


def export_json(plan: Plan) -> str:
    """The text of ``json.dumps(plan_to_json_data(plan), ensure_ascii=False, indent=2)`` (with
    :func:`json_safe`), written straight from the plan: no dictionary an objective in between."""
    out: list[str] = []
    try:
        _write_plan(plan, out)
    except TypeError:  # a value JSON has no type for: as the standard library words it
        return json_safe(indented_json(plan_to_json_data(plan))) + "\n"
    return json_safe("".join(out)) + "\n"


_KEYS: dict[str, str] = {}


def _key(name: str) -> str:
    """``"name": `` as JSON writes a key."""
    key = _KEYS.get(name)
    if key is None:
        key = _KEYS[name] = encode_basestring(name) + ": "
    return key


def _names(record: Any) -> tuple[str, ...]:
    kind = type(record)
    names = _FIELD_NAMES.get(kind)
    if names is None:
        names = _FIELD_NAMES[kind] = tuple(f.name for f in fields(record))
    return names


def _write_plan(plan: Plan, out: list[str]) -> None:
    """``plan_to_json_data(plan)`` as :func:`indented_json` writes it: ``schema`` first, no
    ``conflicts``, each objective with its ``phase``."""
    out.append('{\n  "schema": ')
    _write_value(plan.schema, out, "\n  ")
    for name in _names(plan):
        if name in ("schema", "conflicts"):
            continue
        out.append(",\n  " + _key(name))
        if name == "objectives":
            _write_objectives(plan, out)
        else:
            _write_value(getattr(plan, name), out, "\n  ")
    out.append("\n}")


def _write_objectives(plan: Plan, out: list[str]) -> None:
    objectives = plan.objectives
    if not objectives:
        out.append("[]")
        return
    phases: dict[int, str] = {}  # week -> the phase's id as JSON (``null`` without one)
    known = _names(objectives[0]) == _OBJECTIVE_FIELDS if type(objectives[0]) is Objective else False
    out.append("[")
    separator = "\n    "
    for obj in objectives:
        out.append(separator)
        text = _objective_text(obj) if known and type(obj) is Objective else None
        if text is None:
            _write_record(obj, out, "\n    ", closed=False)
        else:
            out.append(text)
        phase = phases.get(obj.week)
        if phase is None:
            found = plan.phase_of(obj)
            phase = phases[obj.week] = encode_basestring(found.id) if found else "null"
        out.append(',\n      "phase": ' + phase + "\n    }")
        separator = ",\n    "
    out.append("\n  ]")


_OBJECTIVE_FIELDS = (
    "id",
    "title",
    "week",
    "status",
    "changed",
    "owner",
    "tags",
    "depends_on",
    "notes",
    "blocked_reason",
)


def _objective_text(obj: Objective) -> str | None:
    """What :func:`_write_record` writes of an objective (without its closing brace), in one piece
    when its fields hold the types a loaded plan gives them; None otherwise (then it writes it)."""
    changed, tags, depends_on, week = obj.changed, obj.tags, obj.depends_on, obj.week
    if changed is None:
        day = "null"
    elif type(changed) is date:
        day = '"' + changed.isoformat() + '"'  # digits and dashes: nothing to escape
    else:
        return None
    if type(tags) is not list or type(depends_on) is not list or type(week) is not int:
        return None
    enc = encode_basestring
    try:
        return (
            '{\n      "id": ' + enc(obj.id)
            + ',\n      "title": ' + enc(obj.title)
            + ',\n      "week": ' + int.__repr__(week)
            + ',\n      "status": ' + enc(obj.status)
            + ',\n      "changed": ' + day
            + ',\n      "owner": ' + enc(obj.owner)
            + ',\n      "tags": ' + _strings(tags)
            + ',\n      "depends_on": ' + _strings(depends_on)
            + ',\n      "notes": ' + enc(obj.notes)
            + ',\n      "blocked_reason": ' + enc(obj.blocked_reason)
        )  # fmt: skip
    except TypeError:  # a value that is not a string where one is
        return None


def _strings(items: list[str]) -> str:
    """A list of strings at an objective's depth, as :func:`_write` writes it."""
    if not items:
        return "[]"
    for item in items:
        if type(item) is not str:
            raise TypeError(item)
    return "[\n        " + ",\n        ".join(map(encode_basestring, items)) + "\n      ]"


def _write_record(record: Any, out: list[str], newline: str, closed: bool = True) -> None:
    """A dataclass as ``_plain`` makes it a dictionary and :func:`_write` writes that."""
    names = _names(record)
    if not names:
        out.append("{}" if closed else "{")
        return
    inner = newline + "  "
    separator = "{" + inner
    append = out.append
    for name in names:
        value = getattr(record, name)
        append(separator + _key(name))
        kind = type(value)
        if kind is str:
            append(encode_basestring(value))
        elif kind is int:
            append(int.__repr__(value))
        elif value is None:
            append("null")
        elif kind is list and not value:
            append("[]")
        else:
            _write_value(value, out, inner)
        separator = "," + inner
    if closed:
        append(newline + "}")


def _write_value(value: Any, out: list[str], newline: str) -> None:
    """One value as ``_plain`` turns it into JSON's types and :func:`_write` writes those."""
    kind = type(value)
    if kind is str:
        out.append(encode_basestring(value))
    elif value is None:
        out.append("null")
    elif value is True:
        out.append("true")
    elif value is False:
        out.append("false")
    elif kind is int:
        out.append(int.__repr__(value))
    elif isinstance(value, list):
        if not value:
            out.append("[]")
            return
        inner = newline + "  "
        if all(type(item) is str for item in value):
            out.append("[" + inner + ("," + inner).join(map(encode_basestring, value)) + newline + "]")
            return
        out.append("[")
        separator = inner
        for item in value:
            out.append(separator)
            _write_value(item, out, inner)
            separator = "," + inner
        out.append(newline + "]")
    elif is_dataclass(value) and not isinstance(value, type):
        _write_record(value, out, newline)
    elif isinstance(value, date):
        out.append(encode_basestring(value.isoformat()))
    elif isinstance(value, float):
        _write(canonical(value), out, newline)
    else:
        _write(value, out, newline)  # a dict or a tuple as it is; anything else: TypeError


def indented_json(value: Any) -> str:
    """``json.dumps(value, ensure_ascii=False, indent=2)``, the same text, written without the
    standard library's pure-Python indenting encoder (five times slower at 50,000 objectives):
    strings through its C escaping, the rest put together here. Anything but JSON's own types
    (str keys, str, int, float, bool, None, list, tuple, dict) goes to ``json.dumps`` as it is."""
    out: list[str] = []
    try:
        _write(value, out, "\n")
    except TypeError:
        return json.dumps(value, ensure_ascii=False, indent=2)
    return "".join(out)


def _write(value: Any, out: list[str], newline: str) -> None:
    kind = type(value)
    if kind is str:
        out.append(encode_basestring(value))
    elif value is None:
        out.append("null")
    elif value is True:
        out.append("true")
    elif value is False:
        out.append("false")
    elif kind is int:
        out.append(int.__repr__(value))
    elif kind is float:
        out.append(json.dumps(value))  # NaN, Infinity as the standard library writes them
    elif kind is dict:
        if not value:
            out.append("{}")
            return
        inner = newline + "  "
        out.append("{")
        separator = inner
        for key, item in value.items():
            if type(key) is not str:
                raise TypeError(key)
            out.append(separator)
            out.append(encode_basestring(key))
            out.append(": ")
            _write(item, out, inner)
            separator = "," + inner
        out.append(newline + "}")
    elif kind is list or kind is tuple:
        if not value:
            out.append("[]")
            return
        inner = newline + "  "
        out.append("[")
        separator = inner
        for item in value:
            out.append(separator)
            _write(item, out, inner)
            separator = "," + inner
        out.append(newline + "]")
    else:
        raise TypeError(kind)

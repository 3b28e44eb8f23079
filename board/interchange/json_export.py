"""The whole plan as JSON: the plan file's keys in the same order, dates as ISO strings.

Each objective also carries its ``phase`` (derived from its week). The schema
is documented in docs/json-schema.md.
"""

from __future__ import annotations

import json
from dataclasses import fields, is_dataclass
from datetime import date
from json.encoder import encode_basestring
from typing import Any

from board.model import Plan
from board.model.numbers import canonical
from board.term import json_safe

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
    return json_safe(indented_json(plan_to_json_data(plan))) + "\n"


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

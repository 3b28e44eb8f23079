"""Fields the Markdown layout has no words for, carried in a line's ``<!-- {JSON} -->`` comment.

The export writes some fields of each entity in words (``WRITTEN``); every other
field that is not at its default rides in the comment, and the import reads it
back by the field's type. A field added to the model later (a reason, a flag, a
date, a number, a list of texts) round-trips through Markdown without touching
the exporter or the importer; a field of another shape is listed in ``WRITTEN``
and handled by hand. No Textual.
"""

from __future__ import annotations

import types
import typing
from dataclasses import MISSING, Field, fields
from datetime import date
from typing import Any

from board.model import Check, Checklist, Contingency, Criterion, Metric, Objective, Phase, Plan, Risk

from .control_facts import LINK_KEYS, PHASE_KEYS
from .facts import Facts

# what the export says in words (or in comment keys of its own) for each kind of entity
WRITTEN: dict[type, frozenset[str]] = {
    Plan: frozenset(
        {
            "title",
            "weeks",
            "summary",
            "start",
            "statuses",
            "closing",
            "notes",
            "phases",
            "objectives",
            "risk_management",
            "metrics",
            "contingencies",
            "final_validation",
            "schema",
        }
    ),
    Phase: frozenset(
        {
            "id",
            "name",
            "first_week",
            "last_week",
            "priority",
            "risk",
            "rollback_budget",
            "rollback_estimate",
            "rehearsed",
            "criteria",
            "rollback_steps",
            "risks",
            *PHASE_KEYS,  # the rollout-control fields, written by .control_facts in the plan file's own form
        }
    ),
    Objective: frozenset({"id", "title", "week", "status", "changed", "owner", "tags", "depends_on", "notes"}),
    Criterion: frozenset({"text", "met", *LINK_KEYS}),
    Check: frozenset({"text", "done"}),
    Risk: frozenset({"id", "description", "likelihood", "impact", "mitigation", "owner", "state"}),
    Metric: frozenset(
        {"id", "name", "group", "target", "unit", "baseline", "relative", "direction", "current", "history"}
    ),
    Contingency: frozenset(
        {"id", "name", "actions", "notes", "active", "activated", "ticked"}
    ),  # ticked: `- [x] action`
    Checklist: frozenset({"id", "name", "items"}),
}
_KEYS = frozenset({"text", "name", "title", "order"})  # comment keys the layout uses for itself


def _default(field: Field[Any]) -> Any:
    if field.default is not MISSING:
        return field.default
    if field.default_factory is not MISSING:
        return field.default_factory()
    return MISSING


_FOUND: dict[type, tuple[tuple[str, Any, Any], ...]] = {}


def _extra_fields(kind: type) -> tuple[tuple[str, Any, Any], ...]:
    """(name, type, default) of each field of ``kind`` the layout does not write itself."""
    if kind in _FOUND:
        return _FOUND[kind]
    hints = typing.get_type_hints(kind)
    written = next((WRITTEN[base] for base in kind.__mro__ if base in WRITTEN), frozenset())
    found = tuple(
        (f.name, hints[f.name], _default(f))
        for f in fields(kind)
        if f.name not in written and f.name not in _KEYS and f.init and f.compare  # not a cache or a derived value
    )
    _FOUND[kind] = found
    return found


def extras(entity: object) -> dict[str, Any]:
    """The fields of ``entity`` the layout does not write, where they differ from their default."""
    meta: dict[str, Any] = {}
    for name, _kind, default in _extra_fields(type(entity)):
        value = getattr(entity, name)
        if default is MISSING or value != default:
            meta[name] = value
    return meta


def read_extras(entity: object, facts: Facts) -> None:
    """Set the fields of ``entity`` the layout does not write from ``facts`` (the line's comment), by type."""
    for name, kind, default in _extra_fields(type(entity)):
        if name not in facts:
            continue
        fallback = None if default is MISSING else default
        base = kind
        if typing.get_origin(kind) in (typing.Union, types.UnionType):  # "date | None": a date
            args = set(typing.get_args(kind)) - {type(None)}
            base = next(iter(args)) if len(args) == 1 else kind
        if base is str:
            setattr(entity, name, facts.text(name, fallback or ""))
        elif base is bool:
            setattr(entity, name, facts.flag(name))
        elif base is int:
            setattr(entity, name, facts.integer(name, fallback or 0, -(2**31), 2**31))
        elif base is float:
            value = facts.number(name)
            setattr(entity, name, value if value is not None else fallback)
        elif base is date:
            setattr(entity, name, facts.day(name) or fallback)
        elif typing.get_origin(base) is list and typing.get_args(base) == (str,):
            setattr(entity, name, facts.texts(name))
        else:
            facts.warn(f"the comment's {name!r} cannot be read back here; left as it was")

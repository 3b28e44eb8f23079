"""The whole plan as JSON: the plan file's keys in the same order, dates as ISO strings.

Each objective also carries its ``phase`` (derived from its week). The schema
is documented in docs/json-schema.md.
"""

from __future__ import annotations

import json
from dataclasses import fields, is_dataclass
from datetime import date
from typing import Any

from board.model import Plan
from board.model.numbers import canonical
from board.term import json_safe


def _plain(value: Any) -> Any:
    if is_dataclass(value) and not isinstance(value, type):
        return {f.name: _plain(getattr(value, f.name)) for f in fields(value)}
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
    return json_safe(json.dumps(plan_to_json_data(plan), ensure_ascii=False, indent=2)) + "\n"

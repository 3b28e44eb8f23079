"""The plan model: dataclasses, derived facts, rules and the editing API. No Textual here.

The names below are imported from their submodules when first asked for
(PEP 562), so a command that only reads and checks a plan never imports the
editor, its history or the structure operations.
"""

from __future__ import annotations

from board.lazy import lazy_names

TYPE_CHECKING = False
if TYPE_CHECKING:
    from .control import DEFAULT_REHEARSAL_MAX_AGE, OUTCOMES, Gate, GateMetric, Rehearsal, Signoff
    from .durations import format_minutes, parse_duration, short_minutes
    from .editor import Editor
    from .errors import Issue, PlanError
    from .history import Change, History
    from .plan import (
        BLOCKED,
        DEFAULT_STATUSES,
        SCHEMA_VERSION,
        ActionTick,
        Check,
        Checklist,
        Conflict,
        Contingency,
        Criterion,
        Metric,
        Objective,
        Phase,
        Plan,
        Reading,
        Risk,
    )
    from .rules import check_plan

# Each name of the package: the submodule that defines it.
_HOMES = {
    "DEFAULT_REHEARSAL_MAX_AGE": "control",
    "OUTCOMES": "control",
    "Gate": "control",
    "GateMetric": "control",
    "Rehearsal": "control",
    "Signoff": "control",
    "format_minutes": "durations",
    "parse_duration": "durations",
    "short_minutes": "durations",
    "Editor": "editor",
    "Issue": "errors",
    "PlanError": "errors",
    "Change": "history",
    "History": "history",
    "BLOCKED": "plan",
    "DEFAULT_STATUSES": "plan",
    "SCHEMA_VERSION": "plan",
    "ActionTick": "plan",
    "Check": "plan",
    "Checklist": "plan",
    "Conflict": "plan",
    "Contingency": "plan",
    "Criterion": "plan",
    "Metric": "plan",
    "Objective": "plan",
    "Phase": "plan",
    "Plan": "plan",
    "Reading": "plan",
    "Risk": "plan",
    "check_plan": "rules",
}

__all__ = [
    "BLOCKED",
    "DEFAULT_REHEARSAL_MAX_AGE",
    "DEFAULT_STATUSES",
    "OUTCOMES",
    "SCHEMA_VERSION",
    "ActionTick",
    "Change",
    "Check",
    "Checklist",
    "Conflict",
    "Contingency",
    "Criterion",
    "Editor",
    "Gate",
    "GateMetric",
    "History",
    "Issue",
    "Metric",
    "Objective",
    "Phase",
    "Plan",
    "PlanError",
    "Reading",
    "Rehearsal",
    "Risk",
    "Signoff",
    "check_plan",
    "format_minutes",
    "parse_duration",
    "short_minutes",
]


__getattr__, __dir__ = lazy_names(__name__, _HOMES, globals())

"""The plan model: dataclasses, derived facts, rules and the editing API. No Textual here."""

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

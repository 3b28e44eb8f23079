"""The rollout-control fields of a phase: its go/no-go gate and its rollback rehearsal log.

Plain dataclasses, stored in the plan file under each ``[[phases]]`` entry
(``[phases.gate]`` and ``rehearsals``). What they mean (the verdict, staleness)
is derived in :mod:`board.model.gates` and :mod:`board.model.rehearsals`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

OUTCOMES = ("ok", "failed")
DEFAULT_REHEARSAL_MAX_AGE = 14


@dataclass
class GateMetric:
    """A metric condition of a gate: the metric's current value at least / at most a bound."""

    metric: str
    at_least: float | None = None
    at_most: float | None = None


@dataclass
class Signoff:
    """A sign-off given: the role, who gave it and when."""

    role: str
    by: str
    date: date


@dataclass
class Gate:
    """What a phase needs before the next one starts, beyond its success criteria."""

    metrics: list[GateMetric] = field(default_factory=list)
    signoffs: list[str] = field(default_factory=list)
    """The roles whose sign-off is required (``"release manager"``, ``"security"``)."""
    signed: list[Signoff] = field(default_factory=list)
    """The sign-offs given, in the order they were recorded."""

    def signoff_of(self, role: str) -> Signoff | None:
        return next((s for s in self.signed if s.role == role), None)


@dataclass
class Rehearsal:
    """One rollback rehearsal: the day, how long the rollback took, the outcome and a note."""

    date: date
    took: str
    outcome: str = "ok"
    note: str = ""

    @property
    def ok(self) -> bool:
        return self.outcome == "ok"

"""The standup's rollout-control facts: each phase's health and gate, and slipped dependencies."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from board.model import Plan
from board.model.dependencies import slips
from board.model.gates import verdict
from board.model.health import plan_health
from board.textsafe import safe


@dataclass
class GateLine:
    """A phase's line of the standup's control part: its health and its gate."""

    phase_id: str
    health: str
    symbol: str
    reasons: list[str] = field(default_factory=list)
    gate: str = ""
    """``Gate P1 → P2: NO-GO, 3 open: …``."""
    open: list[tuple[str, str]] = field(default_factory=list)
    """The gate's open items: (kind, words), kind one of ``board.model.gates.KINDS``."""


@dataclass
class Control:
    """The standup's control part: the plan's health, each phase's line and the slips."""

    health: str = ""
    symbol: str = ""
    phases: list[GateLine] = field(default_factory=list)
    slips: list[str] = field(default_factory=list)


def build_control(plan: Plan, today: date) -> Control:
    found = slips(plan)  # once, for health and the list
    overall, healths = plan_health(plan, today, found)
    control = Control(overall.level, overall.symbol)
    for phase in plan.phases:
        health = healths[phase.id]
        result = verdict(plan, phase, today)
        items = [(item.kind, safe(item.text)) for item in result.open]
        control.phases.append(
            GateLine(phase.id, health.level, health.symbol, health.reasons, safe(result.summary()), items)
        )
    control.slips = [slip.words() for slip in found]
    return control

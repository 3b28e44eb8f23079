"""What the board marks for rollout control, worked out once per change: the critical path, the
objectives that slip, and each phase's health and gate (for the column headers)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from board.model import Plan
from board.model.critical_path import critical_path
from board.model.dependencies import slipped_ids
from board.model.gates import Verdict, verdict
from board.model.health import Health, plan_health

CRITICAL = "◆"
SLIP = "≫"
HEALTH_COLORS = {"on track": "$success", "at risk": "$warning", "off track": "$error"}


@dataclass
class Marks:
    critical: set[str] = field(default_factory=set)
    slipped: set[str] = field(default_factory=set)
    health: Health = field(default_factory=Health)
    phases: dict[str, tuple[Health, Verdict]] = field(default_factory=dict)


def control_marks(plan: Plan, today: date) -> Marks:
    overall, healths = plan_health(plan, today)
    return Marks(
        critical=set(critical_path(plan).ids),
        slipped=slipped_ids(plan),
        health=overall,
        phases={p.id: (healths[p.id], verdict(plan, p, today)) for p in plan.phases},
    )


def health_markup(health: Health) -> str:
    """``▲ at risk`` in the health's colour (the symbol and the word read without colour)."""
    return f"[{HEALTH_COLORS[health.level]}]{health.symbol} {health.level}[/]"


def gate_markup(result: Verdict) -> str:
    """``✓ GO`` or ``✕ 3 open`` for a column header."""
    if result.go:
        return "[$success b]✓ GO[/]"
    return f"[$error b]✕ {len(result.open)} open[/]"

"""What the board marks for rollout control, worked out once per change: the critical path, the
objectives that slip, and each phase's health and gate (for the column headers)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from board.model import Phase, Plan
from board.model.critical_path import critical_path
from board.model.dependencies import slips
from board.model.gates import Verdict, verdict
from board.model.health import Health, plan_health, week_counts

CRITICAL = "◆"
SLIP = "≫"
HEALTH_COLORS = {"on track": "$success", "at risk": "$warning", "off track": "$error"}


@dataclass
class Marks:
    critical: set[str] = field(default_factory=set)
    slipped: set[str] = field(default_factory=set)
    health: Health = field(default_factory=Health)
    phases: dict[str, tuple[Health, Verdict]] = field(default_factory=dict)
    weeks: dict[int, tuple[int, int, int]] | None = None
    """Week -> (objectives, done, blocked), for the column headers (None: not counted)."""

    def progress(self, phase: Phase, this_week: int | None) -> tuple[int, int, int]:
        """(done, objectives, late) of a phase's weeks: what its column header counts."""
        done = total = late = 0
        for week in range(phase.first_week, phase.last_week + 1):
            counts = (self.weeks or {}).get(week)
            if counts is not None:
                total += counts[0]
                done += counts[1]
                if this_week and week < this_week:
                    late += counts[0] - counts[1]
        return done, total, late


def control_marks(plan: Plan, today: date) -> Marks:
    """Worked out once per change: the slips and the count of every week are shared by health,
    the slip marks and the column headers (each used to walk the plan on its own)."""
    found = slips(plan)
    weeks = week_counts(plan)
    overall, healths = plan_health(plan, today, found, weeks)
    return Marks(
        critical=set(critical_path(plan).ids),
        slipped={slip.objective.id for slip in found},
        health=overall,
        phases={p.id: (healths[p.id], verdict(plan, p, today)) for p in plan.phases},
        weeks=weeks,
    )


def health_markup(health: Health) -> str:
    """``▲ at risk`` in the health's colour (the symbol and the word read without colour)."""
    return f"[{HEALTH_COLORS[health.level]}]{health.symbol} {health.level}[/]"


def gate_markup(result: Verdict) -> str:
    """``✓ GO`` or ``✕ 3 open`` for a column header."""
    if result.go:
        return "[$success b]✓ GO[/]"
    return f"[$error b]✕ {len(result.open)} open[/]"

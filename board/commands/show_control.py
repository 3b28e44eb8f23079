"""``show``'s rollout-control sections: health and gate per phase, audience, slipped dependencies."""

from __future__ import annotations

import textwrap
from datetime import date

from board.commands.control_common import safe
from board.term import Line, truncate, width

TYPE_CHECKING = False
if TYPE_CHECKING:
    from board.model import Phase, Plan

COLUMNS = 80
HEALTH_STYLES = {"on track": "green", "at risk": "yellow", "off track": "red"}


def audience_words(phase: Phase) -> str:
    """``internal staff · 5%`` (empty when the phase names neither)."""
    parts = []
    if phase.audience:
        parts.append(phase.audience)
    if phase.exposure is not None:
        parts.append(f"{phase.exposure:g}%")
    return " · ".join(parts)


def control_lines(plan: Plan, today: date, name_width: int) -> list[Line]:
    from board.model.dependencies import slips
    from board.model.gates import verdict
    from board.model.health import plan_health
    from board.model.plan import phase_label

    if not plan.phases:
        return []
    found = slips(plan)  # once, for health and the list below
    overall, healths = plan_health(plan, today, found)
    head = Line(("Gates & health", "bold"), "  plan ")
    head.add(f"{overall.symbol} {overall.level}", "bold", HEALTH_STYLES[overall.level])
    lines = [Line(), head]
    for phase in plan.phases:
        health = healths[phase.id]
        result = verdict(plan, phase, today)
        label = truncate(safe(phase_label(phase.id, phase.name)), name_width)
        line = Line("  ", label + " " * (name_width - width(label)), "  ")
        line.add(f"{health.symbol} {health.level:<9}", HEALTH_STYLES[health.level])
        line.add("  GO" if result.go else f"  NO-GO ({len(result.open)} open)", "green" if result.go else "red")
        audience = audience_words(phase)
        if audience:
            line.add(f" · {safe(audience)}", "dim")
        lines.append(line)
        if health.reasons:  # wrapped, never cut: the reasons are the point
            wrapped = textwrap.wrap("; ".join(health.reasons), COLUMNS - 8, break_on_hyphens=False)
            for i, part in enumerate(wrapped):
                lines.append(Line("      ", ("↳ " if i == 0 else "  ", "dim"), part))
    if found:
        lines += [Line(), Line(("Slipped dependencies", "bold"), f" ({len(found)})")]
        lines += [Line("  ", ("⇄ ", "yellow"), slip.words()) for slip in found]
    return lines

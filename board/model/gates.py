"""A phase's go/no-go gate, derived: success criteria, metric conditions, sign-offs, rollback readiness.

GO when every item holds; otherwise NO-GO with one reason a line. Nothing here
is stored: the verdict follows from the plan and the day.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from .plan import bound_holds
from .rehearsals import readiness

TYPE_CHECKING = False
if TYPE_CHECKING:
    from .plan import Criterion, Metric, Phase, Plan

KINDS = ("criterion", "metric", "signoff", "rollback")


@dataclass(frozen=True)
class GateItem:
    """One reason of a phase's go/no-go gate, and whether it holds."""

    kind: str  # one of KINDS
    text: str
    ok: bool


@dataclass(frozen=True)
class Verdict:
    """A phase's go/no-go gate: GO when every item holds."""

    phase: Phase
    next: Phase | None
    items: list[GateItem]

    @property
    def go(self) -> bool:
        return all(item.ok for item in self.items)

    @property
    def word(self) -> str:
        return "GO" if self.go else "NO-GO"

    @property
    def open(self) -> list[GateItem]:
        return [item for item in self.items if not item.ok]

    @property
    def reasons(self) -> list[str]:
        return [item.text for item in self.open]

    def label(self) -> str:
        """``Gate P1 → P2`` (``Gate P4 → end`` for the last phase)."""
        after = self.next.id.upper() if self.next is not None else "end"
        return f"Gate {self.phase.id.upper()} → {after}"

    def summary(self) -> str:
        """``Gate P1 → P2: NO-GO, 3 open: a; b; c`` or ``Gate P1 → P2: GO``."""
        if self.go:
            return f"{self.label()}: GO"
        return f"{self.label()}: NO-GO, {len(self.open)} open: " + "; ".join(self.reasons)


def bound_words(at_least: float | None, at_most: float | None, unit: str = "") -> str:
    """``≥ 85%``, ``≤ 2``, ``≥ 80 and ≤ 90``."""
    parts = []
    if at_least is not None:
        parts.append(f"≥ {at_least:g}{unit}")
    if at_most is not None:
        parts.append(f"≤ {at_most:g}{unit}")
    return " and ".join(parts)


def metric_condition(
    plan: Plan, mid: str, at_least: float | None, at_most: float | None, named: bool = True
) -> tuple[bool, str]:
    """Whether metric ``mid`` keeps the bounds, and the words for it (without its name unless ``named``)."""
    metric: Metric | None = plan.find_metric(mid)
    if metric is None:
        return False, f"metric {mid} is unknown"
    needs = bound_words(at_least, at_most, metric.unit)
    held = bound_holds(metric.current, at_least, at_most)
    name = f"{metric.name} " if named else ""
    if held is None:
        return False, f"{name.rstrip()}: no reading yet, needs {needs}" if named else f"no reading yet, needs {needs}"
    return held, f"{name}{metric.current:g}{metric.unit}, needs {needs}"


def _words(text: str) -> list[str]:
    return re.findall(r"[a-z0-9]+", text.lower())


METRIC_MARK = "∿"
"""The sign of a criterion (or gate condition) judged from a metric's reading: drawn instead of a
box, since it is met by recording a reading, never ticked by hand."""


def criterion_hint(plan: Plan, criterion: Criterion) -> str:
    """One line for a hand's tick on a linked criterion: why it cannot be ticked, and how to meet it."""
    metric = plan.find_metric(criterion.metric)
    if metric is None:
        return f"Met from metric {criterion.metric}, which the plan does not have: it cannot be ticked by hand"
    _held, words = metric_condition(plan, metric.id, criterion.at_least, criterion.at_most, named=False)
    return (
        f"Met from {metric.name}'s reading ({words}), not ticked by hand: record a reading"
        f" with v on the metrics panel (m) or rollout-board metric PLAN {metric.id} VALUE"
    )


def criterion_words(plan: Plan, criterion: Criterion) -> str:
    """The criterion's text, and for a linked one its metric's value against the bound: ``Security
    score improves from 70% to 85% (80%, needs ≥ 85%)`` (the metric named only when the text does not)."""
    if not criterion.metric:
        return criterion.text
    metric = plan.find_metric(criterion.metric)
    name = _words(metric.name) if metric is not None else []
    text = _words(criterion.text)
    named = not name or not any(text[i : i + len(name)] == name for i in range(len(text) - len(name) + 1))
    _held, words = metric_condition(plan, criterion.metric, criterion.at_least, criterion.at_most, named)
    return f"{criterion.text} ({words})"


def verdict(plan: Plan, phase: Phase, today: date) -> Verdict:
    items: list[GateItem] = []
    for criterion in phase.criteria:
        met = plan.criterion_met(criterion)
        words = criterion_words(plan, criterion)
        items.append(GateItem("criterion", words if met else f"criterion not met: {words}", met))
    gate = phase.gate
    if gate is not None:
        for condition in gate.metrics:
            held, words = metric_condition(plan, condition.metric, condition.at_least, condition.at_most)
            items.append(GateItem("metric", words if held else f"metric not met: {words}", held))
        for role in gate.signoffs:
            given = gate.signoff_of(role)
            if given is None:
                items.append(GateItem("signoff", f"sign-off missing: {role}", False))
            else:
                items.append(GateItem("signoff", f"signed off: {role} by {given.by} on {given.date}", True))
    ready = readiness(plan, phase, today)
    if ready.ready:
        last = ready.last_ok
        assert last is not None
        items.append(GateItem("rollback", f"rollback rehearsed {last.date.isoformat()} in {last.took}", True))
    else:
        items.extend(GateItem("rollback", reason, False) for reason in ready.reasons)
    return Verdict(phase, plan.next_phase(phase), items)


def verdicts(plan: Plan, today: date) -> list[Verdict]:
    return [verdict(plan, phase, today) for phase in plan.phases]

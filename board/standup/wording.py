"""How a standup words metric readings, targets and durations (shared with the `metric` command)."""

from __future__ import annotations

from board.model import Metric
from board.model.durations import describe_duration

__all__ = ["describe_duration", "describe_target", "format_value"]


def format_value(metric: Metric, value: float) -> str:
    """A reading as the seed writes it: ``72%``, or ``+15%`` for a relative metric."""
    number = f"{value:+g}" if metric.relative else f"{value:g}"
    return f"{number}{metric.unit}"


def describe_target(metric: Metric) -> str:
    """``baseline 70% → target 95%``, or ``target +40%`` when there is no baseline."""
    target = format_value(metric, metric.target)
    if metric.relative or metric.baseline is None:
        return f"target {target}"
    return f"baseline {metric.baseline:g}{metric.unit} → target {target}"

"""Editing the plan's metric definitions (readings are recorded by the editor)."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from .control import GateMetric
from .edit_base import (
    OpsBase,
    fail,
    flag,
    fresh_id,
    insert_position,
    move_in_list,
    move_target,
    no_unknown,
    number,
    one_line,
    refuse,
    refuse_issues,
)
from .history import Change
from .plan import Criterion, Metric
from .rules import _check_metrics, id_problem

METRIC_FIELDS = ("id", "name", "group", "unit", "baseline", "target", "relative", "direction")


class MetricOps(OpsBase):
    def _metric_def(self, mid: str) -> Metric:
        try:
            return self.plan.metric(mid)
        except KeyError:
            fail(f"no metric with id {mid!r}")

    @staticmethod
    def _metric_values(mid: str, fields: dict[str, Any]) -> dict[str, Any]:
        values: dict[str, Any] = {}
        for name, value in fields.items():
            what = f"metric {mid!r}: {name}"
            if name == "id":
                values[name] = one_line(value, "a metric id", required=False)
            elif name in ("baseline", "target"):
                values[name] = number(value, what, optional=name == "baseline")
            elif name == "relative":
                values[name] = flag(value, what)
            elif name == "name":
                values[name] = one_line(value, f"metric {mid!r}: the name")
            else:  # group, unit, direction: checked by the shared rules below
                values[name] = one_line(value, what, required=False)
        return values

    def _check_metric(self, metric: Metric, taken: list[str]) -> None:
        refuse(id_problem(metric.id, taken, "metric"))
        refuse_issues(_check_metrics(replace(self.plan, metrics=[metric])))

    def add_metric(
        self, name: str, group: str, target: float, *, mid: str | None = None, index: int | None = None, **fields: Any
    ) -> Change:
        """A new metric definition; ``fields``: unit, baseline, relative, direction ("up" or "down")."""
        no_unknown(fields, ("unit", "baseline", "relative", "direction"), "metrics")
        taken = [m.id for m in self.plan.metrics]
        if mid is None:
            mid = fresh_id(one_line(name, "a metric's name"), set(taken), "metric")
        values = self._metric_values(mid, {"id": mid, "name": name, "group": group, "target": target, **fields})
        metric = Metric(**values)
        self._check_metric(metric, taken)
        items = self.plan.metrics
        position = insert_position(index, len(items), "the metrics")
        change = Change(f"added metric {metric.id}")
        change.insert(items, position, metric)
        return self._commit(change)

    def edit_metric(self, mid: str, **fields: Any) -> Change:
        """Set any of id, name, group, unit, baseline, target, relative, direction (not the readings)."""
        metric = self._metric_def(mid)
        no_unknown(fields, METRIC_FIELDS, "metrics")
        values = self._metric_values(mid, fields)
        self._check_metric(replace(metric, **values), [m.id for m in self.plan.metrics if m is not metric])
        change = Change(f"metric {mid}: " + ", ".join(values))
        for name, value in values.items():
            change.set(metric, name, value)
        new_id = values.get("id", mid)
        if new_id != mid:  # the criteria and gates linked to it follow it
            for phase in self.plan.phases:
                links: list[Criterion | GateMetric] = [*phase.criteria, *(phase.gate.metrics if phase.gate else [])]
                for link in links:
                    if link.metric == mid:
                        change.set(link, "metric", new_id)
        return self._commit(change)

    def delete_metric(self, mid: str) -> Change:
        """Delete a metric definition and its recorded history; the criteria linked to it are
        ticked by hand again and the gate conditions on it go (undo brings them back)."""
        metric = self._metric_def(mid)
        items = self.plan.metrics
        criteria, _conditions = self.plan.metric_links(mid)
        change = Change(f"deleted metric {mid}")
        change.remove(items, next(i for i, m in enumerate(items) if m is metric))
        for criterion in criteria:
            change.set(criterion, "metric", "")
            change.set(criterion, "at_least", None)
            change.set(criterion, "at_most", None)
        for phase in self.plan.phases:
            if phase.gate is not None:
                for index in reversed(range(len(phase.gate.metrics))):
                    if phase.gate.metrics[index].metric == mid:
                        change.remove(phase.gate.metrics, index)
        return self._commit(change)

    def move_metric(self, mid: str, delta: int) -> Change:
        metric = self._metric_def(mid)
        items = self.plan.metrics
        index = next(i for i, m in enumerate(items) if m is metric)
        target = move_target(index, delta, len(items), f"metric {mid!r}")
        change = Change(f"metric {mid} moved {'up' if delta < 0 else 'down'}")
        move_in_list(change, items, index, target)
        return self._commit(change)

"""A plan as Markdown in the seed document's layout, which :mod:`markdown_import` reads back.

What plain Markdown has no words for (ids that differ from the ones the
importer would make, owners, dates, notes, readings, …) goes in a trailing
HTML comment holding JSON: invisible when the Markdown is rendered.
"""

from __future__ import annotations

import json
from datetime import date
from typing import Any

from board.model import Metric, Objective, Phase, Plan, parse_duration
from board.model.plan import DEFAULT_STATUSES
from board.model.slugs import objective_id, slugify

from .specs import duration, parse_metric_spec


def _comment(meta: dict[str, Any]) -> str:
    if not meta:
        return ""
    text = json.dumps(meta, ensure_ascii=False, default=lambda v: v.isoformat() if isinstance(v, date) else str(v))
    text = text.replace("-->", "--\\u003e")  # a JSON escape: the comment cannot end early
    return f" <!-- {text} -->"


def _people(text: str, bound: bool) -> str:
    """ "2h" -> "< 2 hours" (a budget), "90m" -> "90 minutes"."""
    minutes = parse_duration(text)
    if minutes % 60 == 0:
        hours = minutes // 60
        words = f"{hours} hour{'s' if hours != 1 else ''}"
    else:
        words = f"{minutes} minutes"
    return f"< {words}" if bound else words


def _objective_meta(plan: Plan, obj: Objective, taken: set[str]) -> dict[str, Any]:
    meta: dict[str, Any] = {}
    inferred = objective_id(obj.title, taken)
    taken.add(obj.id)
    if obj.id != inferred:
        meta["id"] = obj.id
    if obj.status not in (plan.first_status, plan.done_status):
        meta["status"] = obj.status
    for key in ("changed", "owner", "tags", "depends_on", "notes"):
        value = getattr(obj, key)
        if value:
            meta[key] = value
    return meta


def _phase_lines(plan: Plan, phase: Phase, number: int, taken: set[str]) -> list[str]:
    meta: dict[str, Any] = {}
    if phase.id != f"p{number}":
        meta["id"] = phase.id
    if phase.rehearsed:
        meta["rehearsed"] = phase.rehearsed
    if phase.rollback_budget and duration(_people(phase.rollback_budget, True)) != phase.rollback_budget:
        meta["rollback_budget"] = phase.rollback_budget
    if phase.rollback_estimate and duration(_people(phase.rollback_estimate, False)) != phase.rollback_estimate:
        meta["rollback_estimate"] = phase.rollback_estimate
    weeks = f"Week {phase.first_week}" if phase.first_week == phase.last_week else f"Weeks {phase.first_week}-{phase.last_week}"
    lines = [f"### Phase {number}: {phase.name} ({weeks}){_comment(meta)}"]
    if phase.priority:
        lines.append(f"**Priority:** {phase.priority}")
    if phase.risk:
        lines.append(f"**Risk Level:** {phase.risk}")
    if phase.rollback_budget:
        lines.append(f"**Rollback Time:** {_people(phase.rollback_budget, True)}")
    for week in phase.weeks:
        lines += ["", f"#### Week {week} Objectives"]
        for obj in plan.objectives_in_week(week):
            box = "x" if obj.status == plan.done_status else " "
            lines.append(f"- [{box}] {obj.title}{_comment(_objective_meta(plan, obj, taken))}")
    lines += ["", "#### Success Criteria"]
    lines += [f"- [{'x' if c.met else ' '}] {c.text}" for c in phase.criteria]
    lines += ["", "#### Rollback Plan"]
    lines += [f"- [{'x' if s.done else ' '}] {s.text}" for s in phase.rollback_steps]
    if phase.rollback_estimate:
        lines.append(f"- Estimated rollback time: {_people(phase.rollback_estimate, False)}")
    if phase.risks:
        lines += ["", "#### Risk Register"]
        for risk in phase.risks:
            meta = {"id": risk.id, "likelihood": risk.likelihood, "impact": risk.impact, "state": risk.state}
            meta.update({k: getattr(risk, k) for k in ("mitigation", "owner") if getattr(risk, k)})
            lines.append(f"- {risk.description}{_comment(meta)}")
    return lines


def _metric_line(metric: Metric) -> str:
    parsed = parse_metric_spec(metric.spec()) or {}
    meta: dict[str, Any] = {}
    if metric.id != slugify(metric.name):
        meta["id"] = metric.id
    for key in ("baseline", "target", "unit", "relative", "direction"):
        if parsed.get(key, None if key == "baseline" else "") != getattr(metric, key):
            meta[key] = getattr(metric, key)
    if metric.current is not None:
        meta["current"] = metric.current
    if metric.history:
        meta["history"] = [[r.date.isoformat(), r.value] for r in metric.history]
    return f"- **{metric.name}:** {metric.spec()}{_comment(meta)}"


def export_markdown(plan: Plan) -> str:
    meta: dict[str, Any] = {}
    if plan.start:
        meta["start"] = plan.start
    if list(plan.statuses) != list(DEFAULT_STATUSES):
        meta["statuses"] = plan.statuses
    if plan.notes:
        meta["notes"] = plan.notes
    lines = [f"# {plan.title}{_comment(meta)}"]
    if plan.summary:
        lines += ["", "## Overview", "", plan.summary]
    lines += ["", "## Rollout Timeline"]
    taken: set[str] = set()
    for number, phase in enumerate(plan.phases, start=1):
        lines += ["", *_phase_lines(plan, phase, number, taken)]
    for title, checklists in (("Risk Management", plan.risk_management),):
        lines += ["", f"## {title}"]
        for checklist in checklists:
            ident = _comment({"id": checklist.id} if checklist.id != slugify(checklist.name) else {})
            lines += ["", f"### {checklist.name}{ident}"]
            lines += [f"- [{'x' if i.done else ' '}] {i.text}" for i in checklist.items]
    lines += ["", "## Success Metrics Framework"]
    for group in ("technical", "business", "quality"):
        metrics = [m for m in plan.metrics if m.group == group]
        if metrics:
            lines += ["", f"### {group.title()} Metrics"]
            lines += [_metric_line(m) for m in metrics]
    lines += ["", "## Contingency Planning"]
    for item in plan.contingencies:
        meta = {"id": item.id} if item.id != slugify(item.name) else {}
        if item.active:
            meta["active"] = True
        if item.activated:
            meta["activated"] = item.activated
        if item.notes:
            meta["notes"] = item.notes
        lines += ["", f"### {item.name}{_comment(meta)}"]
        lines += [f"- {action}" for action in item.actions]
    lines += ["", "## Final Validation"]
    for checklist in plan.final_validation:
        ident = _comment({"id": checklist.id} if checklist.id != slugify(checklist.name) else {})
        lines += ["", f"### {checklist.name}{ident}"]
        lines += [f"- [{'x' if i.done else ' '}] {i.text}" for i in checklist.items]
    if plan.closing:
        lines += ["", plan.closing]
    return "\n".join(lines) + "\n"

"""A plan as Markdown in the seed document's layout, which :mod:`markdown_import` reads back.

What plain Markdown has no words for (ids that differ from the ones the
importer would make, owners, dates, notes, readings, …) goes in a trailing
HTML comment holding JSON: invisible when the Markdown is rendered. A text
that Markdown would change (a title that looks like a checkbox, a line break,
a comment of its own) is written plainly and kept exactly in that comment.
"""

from __future__ import annotations

import json
from datetime import date
from typing import Any

from board.model import Checklist, Metric, Objective, Phase, Plan, parse_duration
from board.model.plan import DEFAULT_STATUSES
from board.model.slugs import objective_id, slugify

from .control_facts import criterion_meta, phase_meta
from .facts import split_comment
from .markdown_import import BULLET, KNOWN_SECTIONS, PHASE
from .phase_reader import BOLD_FACT, ESTIMATE, HEADING
from .specs import duration, parse_metric_spec


def _comment(meta: dict[str, Any]) -> str:
    if not meta:
        return ""
    text = json.dumps(meta, ensure_ascii=False, default=lambda v: v.isoformat() if isinstance(v, date) else str(v))
    text = text.replace("-->", "--\\u003e")  # a JSON escape: the comment cannot end early
    return f" <!-- {text} -->"


def _visible(text: str) -> str:
    """A one-line stand-in for a text kept exactly in the comment."""
    flat = " ".join(text.replace("<!--", "<! --").split()).lstrip("[]-*+# ").rstrip("#* ")
    return flat or "…"


def _read_bullet(line: str) -> tuple[str, dict[str, Any]] | None:
    match = BULLET.match(line)
    if match is None:
        return None
    text, meta, bad = split_comment(match.group(2))
    return None if bad else (text, meta)


def _bullet(prefix: str, text: str, meta: dict[str, Any] | None = None) -> str:
    """``prefix + text + comment``, with ``text`` in the comment when the line would not read back as it."""
    meta = meta or {}
    line = f"{prefix}{text}{_comment(meta)}"
    if "\n" not in text and "\r" not in text and _read_bullet(line) == (text, meta):
        return line
    return f"{prefix}{_visible(text)}{_comment({'text': text, **meta})}"


def _heading(hashes: str, text: str, meta: dict[str, Any], key: str = "name") -> str:
    line = f"{hashes} {text}{_comment(meta)}"
    match = HEADING.match(line)
    if key == "title" and (text.lower() in KNOWN_SECTIONS or PHASE.match(text)):
        return f"{hashes} {_visible(text)}{_comment({key: text, **meta})}"  # not to be read as a section
    if "\n" not in text and "\r" not in text and match and split_comment(match.group(2))[:2] == (text, meta):
        return line
    return f"{hashes} {_visible(text)}{_comment({key: text, **meta})}"


def _prose(text: str, single_line: bool) -> bool:
    """Whether ``text`` reads back as itself from the overview (or, single-line, as the closing line)."""
    if single_line and "\n" in text:
        return False
    for paragraph in text.split("\n\n"):
        for line in paragraph.split("\n"):
            if not line or line != line.strip() or "\r" in line or HEADING.match(line) or BULLET.match(line):
                return False
            if single_line and BOLD_FACT.match(line):
                return False
    return True


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


def _phase_heading(phase: Phase, number: int, meta: dict[str, Any]) -> str:
    weeks = (
        f"Week {phase.first_week}"
        if phase.first_week == phase.last_week
        else f"Weeks {phase.first_week}-{phase.last_week}"
    )
    line = _heading("###", f"Phase {number}: {phase.name} ({weeks})", meta)
    text = split_comment(HEADING.match(line).group(2))[0] if HEADING.match(line) else ""  # type: ignore[union-attr]
    match = PHASE.match(text)
    if match and match.group(1).strip() == phase.name and "name" not in split_comment(line)[1]:
        return line
    return f"### Phase {number}: {_visible(phase.name).rstrip('()')} ({weeks}){_comment({'name': phase.name, **meta})}"


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
    meta.update(phase_meta(phase))
    lines = [_phase_heading(phase, number, meta)]
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
            lines.append(_bullet(f"- [{box}] ", obj.title, _objective_meta(plan, obj, taken)))
    lines += ["", "#### Success Criteria"]
    lines += [_bullet(f"- [{'x' if c.met else ' '}] ", c.text, criterion_meta(c)) for c in phase.criteria]
    lines += ["", "#### Rollback Plan"]
    for step in phase.rollback_steps:
        exact = {"text": step.text} if ESTIMATE.match(step.text) else {}  # not to be read as the estimate
        lines.append(_bullet(f"- [{'x' if step.done else ' '}] ", _visible(step.text) if exact else step.text, exact))
    if phase.rollback_estimate:
        lines.append(f"- Estimated rollback time: {_people(phase.rollback_estimate, False)}")
    if phase.risks:
        lines += ["", "#### Risk Register"]
        for risk in phase.risks:
            meta = {"id": risk.id, "likelihood": risk.likelihood, "impact": risk.impact, "state": risk.state}
            meta.update({k: getattr(risk, k) for k in ("mitigation", "owner") if getattr(risk, k)})
            lines.append(_bullet("- ", risk.description, meta))
    return lines


def _read_metric(line: str) -> tuple[str, dict[str, Any]] | None:
    """The name and spec the importer reads from a metric line, or None."""
    read = _read_bullet(line)
    fact = BOLD_FACT.match(read[0]) if read else None
    spec = parse_metric_spec(fact.group(2)) if fact and fact.group(2) else None
    return (fact.group(1).strip(), spec) if fact and spec is not None else None


def _metric_line(metric: Metric) -> str:
    shown = metric.name
    read = _read_metric(f"- **{shown}:** {metric.spec()}")
    if read is None or read[0] != metric.name or "\n" in metric.name:
        shown = _visible(metric.name).replace("*", "").rstrip(":") or "Metric"
        read = _read_metric(f"- **{shown}:** {metric.spec()}")
    meta: dict[str, Any] = {"name": metric.name} if shown != metric.name else {}
    if metric.id != slugify(metric.name):
        meta["id"] = metric.id
    parsed = read[1] if read else {}
    for key in ("baseline", "target", "unit", "relative", "direction"):
        if parsed.get(key) != getattr(metric, key) or (key != "baseline" and key not in parsed):
            meta[key] = getattr(metric, key)
    if metric.current is not None:
        meta["current"] = metric.current
    if metric.history:
        meta["history"] = [[r.date.isoformat(), r.value] for r in metric.history]
    return f"- **{shown}:** {metric.spec()}{_comment(meta)}"


def _checklists(title: str, checklists: list[Checklist]) -> list[str]:
    lines = ["", f"## {title}"]
    for checklist in checklists:
        lines += [
            "",
            _heading("###", checklist.name, {"id": checklist.id} if checklist.id != slugify(checklist.name) else {}),
        ]
        lines += [_bullet(f"- [{'x' if i.done else ' '}] ", i.text) for i in checklist.items]
    return lines


def export_markdown(plan: Plan) -> str:
    meta: dict[str, Any] = {}
    if plan.start:
        meta["start"] = plan.start
    if list(plan.statuses) != list(DEFAULT_STATUSES):
        meta["statuses"] = plan.statuses
    if plan.weeks != max([p.last_week for p in plan.phases] + [o.week for o in plan.objectives] + [1]):
        meta["weeks"] = plan.weeks
    summary = _prose(plan.summary, single_line=False)
    closing = _prose(plan.closing, single_line=True)
    if not summary:
        meta["summary"] = plan.summary
    if not closing:
        meta["closing"] = plan.closing
    if plan.notes:
        meta["notes"] = plan.notes
    lines = [_heading("#", plan.title, meta, key="title")]
    if plan.summary and summary:
        lines += ["", "## Overview", "", plan.summary]
    lines += ["", "## Rollout Timeline"]
    taken: set[str] = set()
    for number, phase in enumerate(plan.phases, start=1):
        lines += ["", *_phase_lines(plan, phase, number, taken)]
    lines += _checklists("Risk Management", plan.risk_management)
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
        lines += ["", _heading("###", item.name, meta)]
        lines += [_bullet("- ", action) for action in item.actions]
    lines += _checklists("Final Validation", plan.final_validation)
    if plan.closing and closing:
        lines += ["", plan.closing]
    return "\n".join(lines) + "\n"

"""A plan as Markdown in the seed document's layout, which :mod:`markdown_import` reads back.

What plain Markdown has no words for (ids that differ from the ones the
importer would make, owners, dates, notes, readings, …) goes in a trailing
HTML comment holding JSON: invisible when the Markdown is rendered. A text
that Markdown would change (a title that looks like a checkbox, a line break,
a comment of its own) is written plainly and kept exactly in that comment.
Each line is checked by reading it back with the importer's own reader before
it is written; what would not read back rides in the comment.
"""

from __future__ import annotations

import json
import re
from dataclasses import asdict, is_dataclass, replace
from datetime import date
from typing import Any

from board.model import Checklist, Contingency, Metric, Objective, Phase, Plan, Risk, parse_duration
from board.model.plan import DEFAULT_STATUSES
from board.model.slugs import objective_id, slugify

from .control_facts import MetricNames, criterion_meta, phase_meta
from .extras import extras
from .facts import split_comment
from .markdown_blocks import BOX, Heading, Item, read_blocks
from .markdown_import import Importer, _is_section_title
from .markdown_patterns import ABOUT, ESTIMATE, owner_of, phase_heading
from .phase_reader import BOLD_FACT
from .specs import duration, duration_minutes, parse_metric_spec

HANDLE = re.compile(r"^[\w.-]{1,40}$")


def _json(meta: dict[str, Any]) -> str:
    return json.dumps(meta, ensure_ascii=False, default=_plain)


def _plain(value: Any) -> Any:
    """A value JSON has no type for: a date as ``2026-11-23``, a dataclass as its fields."""
    if isinstance(value, date):
        return value.isoformat()
    if is_dataclass(value) and not isinstance(value, type):
        return asdict(value)
    return str(value)


def _as_read(meta: dict[str, Any]) -> dict[str, Any]:
    """``meta`` as the importer gets it back from the comment (dates as text)."""
    data: dict[str, Any] = json.loads(_json(meta))
    return data


def _comment(meta: dict[str, Any]) -> str:
    if not meta:
        return ""
    text = _json(meta)
    text = text.replace("-->", "--\\u003e")  # a JSON escape: the comment cannot end early
    return f" <!-- {text} -->"


def _visible(text: str) -> str:
    """A one-line stand-in for a text kept exactly in the comment."""
    flat = " ".join(text.replace("<!--", "<! --").split()).lstrip("[]-*+#>=|`~< ").rstrip("#*\\ ")
    return flat or "…"


def _one_line(text: str) -> bool:
    return "\n" not in text and "\r" not in text


def _read_item(line: str) -> tuple[str | None, str, dict[str, Any]] | None:
    """The checkbox, text and comment facts the importer reads from a list item line alone, or None."""
    if line.startswith(("- [ ] ", "- [x] ")) and line.isprintable():
        content = line[2:].strip()  # a checkbox item on one line: its paragraph is the rest, however it reads
        box = BOX.match(content)
        assert box is not None
        text, meta, bad = split_comment(content[box.end() :].strip())
        return None if bad else (box.group(1), text, meta)
    blocks = read_blocks(line)
    if len(blocks) != 1 or not isinstance(blocks[0], Item) or blocks[0].depth != 1:
        return None
    text, meta, bad = split_comment(blocks[0].text)
    return None if bad else (blocks[0].box, text, meta)


def _read_bullet(line: str) -> tuple[str, dict[str, Any]] | None:
    read = _read_item(line)
    return None if read is None else (read[1], read[2])


def _bullet(prefix: str, text: str, meta: dict[str, Any] | None = None) -> str:
    """``prefix + text + comment``, with ``text`` in the comment when the line would not read back as it."""
    meta = meta or {}
    line = f"{prefix}{text}{_comment(meta)}"
    box = prefix[3] if prefix.startswith("- [") else None
    if _one_line(text) and _read_item(line) == (box, text, _as_read(meta)):
        return line
    return f"{prefix}{_visible(text)}{_comment({'text': text, **meta})}"


def _heading(hashes: str, text: str, meta: dict[str, Any], key: str = "name") -> str:
    line = f"{hashes} {text}{_comment(meta)}"
    if key == "title" and _is_section_title(text):
        return f"{hashes} {_visible(text)}{_comment({key: text, **meta})}"  # not to be read as a section
    blocks = read_blocks(line) if _one_line(text) else []
    if (
        len(blocks) == 1
        and isinstance(blocks[0], Heading)
        and split_comment(blocks[0].text)[:2] == (text, _as_read(meta))
    ):
        return line
    return f"{hashes} {_visible(text)}{_comment({key: text, **meta})}"


def _reads_back(text: str, where: str) -> bool:
    """Whether ``text`` reads back as itself as the overview (``summary``) or the closing line (``closing``)."""
    if not text or text != text.strip() or "\r" in text:
        return False
    if where == "summary":
        result = Importer(f"# T\n\n## Overview\n\n{text}\n\n## Rollout Timeline\n").run()
    else:
        result = Importer(f"# T\n\n## Final Validation\n\n{text}\n").run()
    return not result.warnings and getattr(result.plan, where) == text


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
    for key in ("changed", "blocked_reason", "owner", "tags", "depends_on", "notes"):
        value = getattr(obj, key)
        if value:
            meta[key] = value
    meta.update(extras(obj))
    return meta


def _objective_line(plan: Plan, obj: Objective, taken: set[str]) -> str:
    """``- [ ] Title (@owner)`` when that reads back as the objective; else the facts ride in the comment."""
    box = "x" if obj.status == plan.done_status else " "
    meta = _objective_meta(plan, obj, taken)

    def reads_back(line: str, meta: dict[str, Any]) -> bool:
        read = _read_item(line)
        if read is None or read[0] != box or read[2] != _as_read(meta):
            return False
        title, owner = read[1], meta.get("owner", "")
        if "text" in meta:
            title = meta["text"]
        elif "owner" not in meta:
            title, owner = owner_of(title)
        return (title, owner) == (obj.title, obj.owner)

    if _one_line(obj.title) and obj.owner and HANDLE.match(obj.owner):
        bare = {k: v for k, v in meta.items() if k != "owner"}
        line = f"- [{box}] {obj.title} (@{obj.owner}){_comment(bare)}"
        if reads_back(line, bare):
            return line
    line = f"- [{box}] {obj.title}{_comment(meta)}"
    if _one_line(obj.title) and reads_back(line, meta):
        return line
    return f"- [{box}] {_visible(obj.title)}{_comment({'text': obj.title, **meta})}"


def _weeks_label(phase: Phase) -> str:
    if phase.first_week == phase.last_week:
        return f"Week {phase.first_week}"
    return f"Weeks {phase.first_week}-{phase.last_week}"


def _phase_heading(phase: Phase, number: int, meta: dict[str, Any]) -> str:
    """``### Phase 2: Name (Weeks 3-4)``; a name that would not read back rides in the comment."""
    weeks = _weeks_label(phase)
    plain = re.sub(r"[()\[\]]", "", _visible(phase.name)).replace("eek", "eek\u200b").strip(" :-–—|·")
    candidates = [
        (f"Phase {number}: {phase.name} ({weeks})", meta),
        (f"Phase {number}: {plain} ({weeks})", {"name": phase.name, **meta}),
        (f"Phase {number} ({weeks})", {"name": phase.name, **meta}),
    ]
    for text, facts in candidates:
        line = f"### {text}{_comment(facts)}"
        if not _one_line(text):
            continue
        blocks = read_blocks(line)
        if len(blocks) != 1 or not isinstance(blocks[0], Heading):
            continue
        shown, read, bad = split_comment(blocks[0].text)
        found = phase_heading(shown)
        if bad or read != _as_read(facts) or found is None:
            continue
        if (found.first, found.last) == (phase.first_week, phase.last_week) and read.get(
            "name", found.name
        ) == phase.name:
            return line
    raise AssertionError(f"phase {phase.id}: no heading reads back")  # the last candidate always does


def _estimate_like(text: str) -> bool:
    """Whether a rollback step would be read as the phase's estimate (``Estimated rollback time: …``, ``~10 min``)."""
    return bool(ESTIMATE.match(text)) or (bool(ABOUT.match(text)) and duration_minutes(text) is not None)


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
    meta.update(extras(phase))
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
        lines += [_objective_line(plan, obj, taken) for obj in plan.objectives_in_week(week)]
    lines += ["", "#### Success Criteria"]
    names = MetricNames(plan.metrics) if phase.criteria else None
    lines += [
        _bullet(f"- [{'x' if c.met else ' '}] ", c.text, {**criterion_meta(c, plan, names), **extras(c)})
        for c in phase.criteria
    ]
    lines += ["", "#### Rollback Plan"]
    for step in phase.rollback_steps:
        exact = {"text": step.text} if _estimate_like(step.text) else {}  # not to be read as the estimate
        shown = _visible(step.text) if exact else step.text
        lines.append(_bullet(f"- [{'x' if step.done else ' '}] ", shown, {**exact, **extras(step)}))
    if phase.rollback_estimate:
        lines.append(f"- Estimated rollback time: {_people(phase.rollback_estimate, False)}")
    if phase.risks:
        lines += ["", "#### Risk Register"]
        lines += [_risk_line(risk) for risk in phase.risks]
    return lines


def _risk_line(risk: Risk) -> str:
    """``- Data loss — likelihood: 2, impact: 5; mitigation: backups`` when that reads back as the risk;
    else the description with every fact in the comment."""
    words = f"{risk.description} — likelihood: {risk.likelihood}, impact: {risk.impact}"
    words += "".join(f"; {key}: {getattr(risk, key)}" for key in ("mitigation", "owner") if getattr(risk, key))
    meta: dict[str, Any] = {"id": risk.id} if risk.id != slugify(risk.description, 3) else {}
    if risk.state != "open":
        meta["state"] = risk.state
    meta.update(extras(risk))
    line = f"- {words}{_comment(meta)}"
    if _one_line(words) and _read_item(line) is not None:
        result = Importer(f"# T\n## Phase 1: P (Week 1)\n### Risk Register\n{line}\n").run()
        if not result.warnings and result.plan.phases[0].risks == [risk]:
            return line
    meta = {"id": risk.id, "likelihood": risk.likelihood, "impact": risk.impact, "state": risk.state}
    meta.update({k: getattr(risk, k) for k in ("mitigation", "owner") if getattr(risk, k)})
    meta.update(extras(risk))
    return _bullet("- ", risk.description, meta)


def _read_metric(line: str) -> tuple[str, dict[str, Any]] | None:
    """The name and spec the importer reads from a metric line, or None."""
    read = _read_bullet(line)
    fact = BOLD_FACT.match(read[0]) if read else None
    spec = parse_metric_spec(fact.group(2)) if fact and fact.group(2) else None
    return (fact.group(1).strip(), spec) if fact and spec is not None else None


_PLAIN_UNIT = re.compile(r"^[ \w%/°$€£µ.-]{0,12}$")


def _metric_reads_back(line: str, metric: Metric) -> bool:
    """Whether the importer reads ``line`` under its group's heading as ``metric`` itself, without a warning."""
    result = Importer(f"# T\n\n## Success Metrics Framework\n\n### {metric.group.title()} Metrics\n{line}\n").run()
    return not result.warnings and result.plan.metrics == [metric]


def _metric_line(metric: Metric) -> str:
    """``- **Name:** 70% → 95%``; what that line would not say exactly rides in its comment."""
    plain_unit = metric.unit if _PLAIN_UNIT.match(metric.unit) else ""  # an odd unit rides in the comment
    plain_name = _visible(metric.name).replace("*", "").replace("_", " ").replace("-->", "").rstrip(":") or "Metric"
    candidates = [(metric.name, plain_unit), (plain_name, plain_unit), (plain_name, ""), ("Metric", "")]
    for shown, unit in candidates:
        spec = replace(metric, unit=unit).spec()
        read = _read_metric(f"- **{shown}:** {spec}") if _one_line(shown) else None
        meta: dict[str, Any] = {"name": metric.name} if shown != metric.name or read is None else {}
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
        meta.update(extras(metric))
        line = f"- **{shown}:** {spec}{_comment(meta)}"
        if _one_line(shown) and _metric_reads_back(line, metric):
            return line
    raise AssertionError(f"metric {metric.id}: no line reads back")


def _action_line(item: Contingency, action: str) -> str:
    """``- action``, or ``- [x] action`` with the day it was ticked once it is done."""
    tick = item.tick_of(action)
    if tick is None:
        return _bullet("- ", action)
    return _bullet("- [x] ", action, {"done": tick.date.isoformat()} if tick.date else {})


def _checklists(title: str, checklists: list[Checklist]) -> list[str]:
    lines = ["", f"## {title}"]
    for checklist in checklists:
        meta = {"id": checklist.id} if checklist.id != slugify(checklist.name) else {}
        lines += ["", _heading("###", checklist.name, {**meta, **extras(checklist)})]
        lines += [_bullet(f"- [{'x' if i.done else ' '}] ", i.text, extras(i)) for i in checklist.items]
    return lines


def _written_order(plan: Plan) -> list[Objective]:
    """The objectives in the order the export writes them: by phase and week, then those of no phase by week."""
    placed = [obj for phase in plan.phases for week in phase.weeks for obj in plan.objectives_in_week(week)]
    seen = {id(obj) for obj in placed}
    return placed + sorted((obj for obj in plan.objectives if id(obj) not in seen), key=lambda obj: obj.week)


def _unplaced_lines(plan: Plan, taken: set[str]) -> list[str]:
    covered = {week for phase in plan.phases for week in phase.weeks}
    weeks = sorted({obj.week for obj in plan.objectives if obj.week not in covered})
    if not weeks:
        return []
    lines = ["", "## Objectives Outside Any Phase"]
    for week in weeks:
        lines += ["", f"### Week {week} Objectives"]
        lines += [_objective_line(plan, obj, taken) for obj in plan.objectives_in_week(week)]
    return lines


def export_markdown(plan: Plan) -> str:
    meta: dict[str, Any] = {}
    if plan.start:
        meta["start"] = plan.start
    if list(plan.statuses) != list(DEFAULT_STATUSES):
        meta["statuses"] = plan.statuses
    if plan.weeks != max([p.last_week for p in plan.phases] + [o.week for o in plan.objectives] + [1]):
        meta["weeks"] = plan.weeks
    summary = not plan.summary or _reads_back(plan.summary, "summary")
    closing = not plan.closing or _reads_back(plan.closing, "closing")
    if not summary:
        meta["summary"] = plan.summary
    if not closing:
        meta["closing"] = plan.closing
    if plan.notes:
        meta["notes"] = plan.notes
    meta.update(extras(plan))
    written = _written_order(plan)
    if [id(obj) for obj in written] != [id(obj) for obj in plan.objectives]:
        meta["order"] = [obj.id for obj in plan.objectives]
    lines = [_heading("#", plan.title, meta, key="title")]
    if plan.summary and summary:
        lines += ["", "## Overview", "", plan.summary]
    lines += ["", "## Rollout Timeline"]
    taken: set[str] = set()
    for number, phase in enumerate(plan.phases, start=1):
        lines += ["", *_phase_lines(plan, phase, number, taken)]
    lines += _unplaced_lines(plan, taken)
    lines += _checklists("Risk Management", plan.risk_management)
    lines += ["", "## Success Metrics Framework"]
    group = ""
    for metric in plan.metrics:  # in the plan's order: a group's heading again when the group changes
        if metric.group != group:
            group = metric.group
            lines += ["", f"### {group.title()} Metrics"]
        lines.append(_metric_line(metric))
    lines += ["", "## Contingency Planning"]
    for item in plan.contingencies:
        meta = {"id": item.id} if item.id != slugify(item.name) else {}
        if item.active:
            meta["active"] = True
        if item.activated:
            meta["activated"] = item.activated
        if item.notes:
            meta["notes"] = item.notes
        meta.update(extras(item))
        lines += ["", _heading("###", item.name, meta)]
        lines += [_action_line(item, action) for action in item.actions]
    lines += _checklists("Final Validation", plan.final_validation)
    if plan.closing and closing:
        lines += ["", plan.closing]
    return "\n".join(lines) + "\n"

"""Read a rollout strategy written in Markdown into a Plan.

The layout is the one of the seed document (phases as headings "Phase N: Name
(Weeks a-b)", bold Priority / Risk Level / Rollback Time lines, "Week N
Objectives" checklists, Success Criteria, Rollback Plan, then Risk Management,
Success Metrics Framework, Contingency Planning and Final Validation), read
forgivingly: any heading depth, `-` `*` `+` bullets, `[x]` items, `→` or `->`,
CRLF. Facts a plain document has no words for (ids, owners, dates, …) ride
along in an HTML comment after a line, as JSON, which is how the Markdown
export round-trips. Whatever cannot be placed becomes a warning with its line
number and is kept in the plan's notes. No Textual here.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from board.model import Check, Checklist, Contingency, Criterion, Metric, Objective, Phase, Plan, Reading, Risk
from board.model.slugs import objective_id, slugify

HEADING = re.compile(r"^(#{1,6})\s+(.*?)\s*#*\s*$")
BULLET = re.compile(r"^\s*[-*+]\s+(?:\[( |x|X)\]\s+)?(.*)$")
COMMENT = re.compile(r"\s*<!--\s*(\{.*\})\s*-->\s*$")
PHASE = re.compile(r"^(?:phase\s+\d+\s*[:.\-–]\s*)?(.+?)\s*\(\s*weeks?\s+(\d+)(?:\s*(?:-|–|to)\s*(\d+))?\s*\)$", re.I)
WEEK = re.compile(r"^week\s+(\d+)\b", re.I)
BOLD_FACT = re.compile(r"^\*\*(.+?):?\*\*:?\s*(.*)$")
METRIC = re.compile(r"^\*\*(.+?):?\*\*:?\s*(.+)$")
ARROW = re.compile(r"\s*(?:→|->)\s*")
NUMBER = re.compile(r"^([+-]?\d+(?:\.\d+)?)\s*(.*)$")
DURATION = re.compile(r"^[<≤~]?\s*(\d+(?:\.\d+)?)\s*(minutes?|mins?|m|hours?|hrs?|h|days?|d)\b", re.I)
ESTIMATE = re.compile(r"^estimated\s+rollback\s+time\s*:\s*(.+)$", re.I)
GROUPS = ("technical", "business", "quality")
KNOWN_SECTIONS = ("overview", "rollout timeline", "timeline", "phases", "risk management", "success metrics", "metrics", "contingency", "final validation")


@dataclass
class ImportResult:
    plan: Plan
    warnings: list[tuple[int, str]] = field(default_factory=list)


def duration(text: str) -> str | None:
    """People's durations ("< 2 hours", "90 minutes", "1.5 hours") as the plan writes them ("2h", "90m")."""
    match = DURATION.match(text.strip())
    if not match:
        return None
    amount, unit = float(match.group(1)), match.group(2).lower()
    minutes = amount * (1440 if unit.startswith("d") else 60 if unit.startswith("h") else 1)
    minutes = round(minutes)
    return f"{minutes // 60}h" if minutes % 60 == 0 and minutes >= 60 else f"{minutes}m"


def _num(text: str) -> float | int:
    value = float(text)
    return int(value) if value.is_integer() else value


def parse_metric_spec(spec: str) -> dict[str, Any] | None:
    """ "70% → 95%", "+40%", "-75%", "100%", "< 200 ms" -> baseline, target, unit, relative, direction."""
    parts = ARROW.split(spec.strip())
    if len(parts) == 2:
        before, after = NUMBER.match(parts[0].strip()), NUMBER.match(parts[1].strip())
        if before and after:
            baseline, target = _num(before.group(1)), _num(after.group(1))
            unit = after.group(2).strip() or before.group(2).strip()
            return {"baseline": baseline, "target": target, "unit": unit, "relative": False, "direction": "up" if target >= baseline else "down"}
        return None
    match = NUMBER.match(parts[0].strip())
    if not match:
        return None
    target, unit = _num(match.group(1)), match.group(2).strip()
    if parts[0].strip().startswith(("+", "-")):
        return {"target": target, "unit": unit, "relative": True, "direction": "up" if target >= 0 else "down"}
    return {"target": target, "unit": unit, "relative": False, "direction": "up"}


def _meta(text: str) -> tuple[str, dict[str, Any]]:
    """A line's text and the JSON facts of its trailing comment, if any."""
    match = COMMENT.search(text)
    if not match:
        return text.strip(), {}
    try:
        data = json.loads(match.group(1))
    except json.JSONDecodeError:
        return text.strip(), {}
    return text[: match.start()].strip(), data if isinstance(data, dict) else {}


def _date(value: Any) -> date | None:
    try:
        return date.fromisoformat(value) if isinstance(value, str) else None
    except ValueError:
        return None


class Importer:
    def __init__(self, text: str) -> None:
        self.lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
        self.warnings: list[tuple[int, str]] = []
        self.kept: list[str] = []
        self.plan = Plan(title="Untitled plan", weeks=1)
        self.taken: set[str] = set()
        self.meta_notes = ""

    def warn(self, number: int, message: str, line: str) -> None:
        self.warnings.append((number, message))
        self.kept.append(f"line {number}: {line.strip()}")

    def run(self) -> ImportResult:
        levels = [len(m.group(1)) for line in self.lines if (m := HEADING.match(line))]
        top = min(levels, default=1)
        phase: Phase | None = None
        phase_level = 0
        section = ""
        sub = ""
        title_seen = False
        paragraphs: list[tuple[int, str]] = []
        for index, raw in enumerate(self.lines):
            number = index + 1
            line = raw.rstrip()
            if not line.strip():
                continue
            heading = HEADING.match(line)
            if heading:
                level = len(heading.group(1)) - top
                text, meta = _meta(heading.group(2))
                if level == 0 and not title_seen:
                    self.plan.title = text
                    self._plan_meta(meta)
                    title_seen = True
                    continue
                match = PHASE.match(text)
                if match:
                    phase, phase_level, sub = self._phase(match, meta), level, ""
                    section = "phase"
                    continue
                if phase is not None and level > phase_level:
                    sub = text.lower()
                    if "rollback" in sub and meta.get("rehearsed"):
                        phase.rehearsed = _date(meta.get("rehearsed"))
                    continue
                phase = None
                if level <= 1:
                    section, sub = text.lower(), ""
                    if section not in KNOWN_SECTIONS and not any(k in section for k in KNOWN_SECTIONS):
                        self.warn(number, f"section {text!r} is not part of a rollout plan; kept in the plan's notes", line)
                        section = "unknown"
                    continue
                sub = text
                self._open_list(section, text, meta, number, line)
                continue
            bullet = BULLET.match(line)
            if bullet:
                self._item(section, sub, phase, bullet.group(1), bullet.group(2), number, line)
                continue
            fact = BOLD_FACT.match(line.strip())
            if phase is not None and not sub and fact:
                if not self._set_fact(phase, fact.group(1).strip().lower(), fact.group(2).strip()):
                    self.warn(number, f"unknown or unreadable fact {fact.group(1)!r} of phase {phase.id}; kept in the plan's notes", line)
                continue
            if section == "overview":
                self.plan.summary = f"{self.plan.summary}\n{line.strip()}" if self.plan.summary else line.strip()
                continue
            paragraphs.append((number, line.strip()))
        if paragraphs and paragraphs[-1][0] == max(i + 1 for i, l in enumerate(self.lines) if l.strip()):
            self.plan.closing = paragraphs.pop()[1]
        for number, text in paragraphs:
            self.warn(number, "a paragraph with no place in the plan; kept in the plan's notes", text)
        self._finish()
        return ImportResult(self.plan, sorted(self.warnings))

    # --- plan and phases ---------------------------------------------------
    def _plan_meta(self, meta: dict[str, Any]) -> None:
        if isinstance(meta.get("statuses"), list):
            self.plan.statuses = [str(s) for s in meta["statuses"]]
        self.plan.start = _date(meta.get("start"))
        self.meta_notes = str(meta.get("notes", ""))

    def _phase(self, match: re.Match[str], meta: dict[str, Any]) -> Phase:
        first = int(match.group(2))
        last = int(match.group(3) or first)
        pid = str(meta.get("id") or f"p{len(self.plan.phases) + 1}")
        phase = Phase(pid, match.group(1).strip(), first, last, rehearsed=_date(meta.get("rehearsed")))
        for key in ("priority", "risk", "rollback_budget", "rollback_estimate"):
            if isinstance(meta.get(key), str):
                setattr(phase, key, meta[key])
        self.phase_overrides = {k for k in ("priority", "risk", "rollback_budget", "rollback_estimate") if k in meta}
        self.plan.phases.append(phase)
        return phase

    def _open_list(self, section: str, name: str, meta: dict[str, Any], number: int, line: str) -> None:
        cid = str(meta.get("id") or slugify(name))
        if "risk management" in section:
            self.plan.risk_management.append(Checklist(cid, name))
        elif "final validation" in section:
            self.plan.final_validation.append(Checklist(cid, name))
        elif "contingency" in section:
            self.plan.contingencies.append(
                Contingency(cid, name, notes=str(meta.get("notes", "")), active=bool(meta.get("active")), activated=_date(meta.get("activated")))
            )
        elif "metric" in section:
            pass  # a metrics group heading ("Technical Metrics")
        elif section != "unknown":
            self.warn(number, f"heading {name!r} is not part of a known section; kept in the plan's notes", line)

    # --- list items ----------------------------------------------------------
    def _item(self, section: str, sub: str, phase: Phase | None, box: str | None, raw: str, number: int, line: str) -> None:
        text, meta = _meta(raw)
        ticked = box in ("x", "X")
        if section == "phase" and phase is not None:
            self._phase_item(phase, sub, ticked, text, meta, number, line)
        elif "risk management" in section and self.plan.risk_management:
            self.plan.risk_management[-1].items.append(Check(text, ticked))
        elif "final validation" in section and self.plan.final_validation:
            self.plan.final_validation[-1].items.append(Check(text, ticked))
        elif "contingency" in section and self.plan.contingencies:
            self.plan.contingencies[-1].actions.append(text)
        elif "metric" in section:
            self._metric(sub, text, meta, number, line)
        else:
            self.warn(number, "a list item outside any known section; kept in the plan's notes", line)

    def _phase_item(self, phase: Phase, sub: str, ticked: bool, text: str, meta: dict[str, Any], number: int, line: str) -> None:
        week = WEEK.match(sub)
        fact = BOLD_FACT.match(text)
        if week:
            self._objective(int(week.group(1)), ticked, text, meta, number, line, phase)
        elif "criteria" in sub:
            phase.criteria.append(Criterion(text, ticked))
        elif "rollback" in sub:
            estimate = ESTIMATE.match(text)
            if estimate and "rollback_estimate" in getattr(self, "phase_overrides", set()):
                pass
            elif estimate:
                value = duration(estimate.group(1))
                if value is None:
                    self.warn(number, f"cannot read the rollback time {estimate.group(1)!r}", line)
                else:
                    phase.rollback_estimate = value
            else:
                phase.rollback_steps.append(Check(text, ticked))
        elif "risk" in sub and meta:
            phase.risks.append(
                Risk(
                    str(meta.get("id") or slugify(text, 3)), text, int(meta.get("likelihood", 3)), int(meta.get("impact", 3)),
                    str(meta.get("mitigation", "")), str(meta.get("owner", "")), str(meta.get("state", "open")),
                )
            )
        elif fact:
            self.warn(number, f"unknown fact {fact.group(1)!r} of phase {phase.id}; kept in the plan's notes", line)
        else:
            self.warn(number, f"a list item in {sub or 'phase ' + phase.id!r} that is not an objective, criterion or rollback step", line)

    def _objective(self, week: int, ticked: bool, text: str, meta: dict[str, Any], number: int, line: str, phase: Phase) -> None:
        statuses = self.plan.statuses
        status = str(meta.get("status") or (statuses[-1] if ticked else statuses[0]))
        oid = str(meta.get("id") or objective_id(text, self.taken))
        self.taken.add(oid)
        self.plan.objectives.append(
            Objective(
                oid, text, week, status, changed=_date(meta.get("changed")), owner=str(meta.get("owner", "")),
                tags=[str(t) for t in meta.get("tags", [])], depends_on=[str(d) for d in meta.get("depends_on", [])],
                notes=str(meta.get("notes", "")),
            )
        )

    def _metric(self, sub: str, text: str, meta: dict[str, Any], number: int, line: str) -> None:
        match = METRIC.match(text)
        spec = parse_metric_spec(match.group(2)) if match else None
        if match is None or spec is None:
            self.warn(number, "a metric line that is not '**Name:** baseline → target'", line)
            return
        group = next((g for g in GROUPS if g in sub.lower()), None)
        if group is None:
            self.warn(number, f"metric group {sub!r} is not technical, business or quality; filed under quality", line)
            group = "quality"
        name = match.group(1).strip()
        spec.update({k: meta[k] for k in ("baseline", "target", "unit", "relative", "direction") if k in meta})
        history = [Reading(d, v) for entry in meta.get("history", []) if (d := _date(entry[0])) is not None for v in [entry[1]]]
        self.plan.metrics.append(
            Metric(str(meta.get("id") or slugify(name)), name, group, current=meta.get("current"), history=history, **spec)
        )

    # --- the end ------------------------------------------------------------
    def _finish(self) -> None:
        plan = self.plan
        if plan.phases:
            plan.weeks = max(p.last_week for p in plan.phases)
        elif plan.objectives:
            plan.weeks = max(o.week for o in plan.objectives)
        plan.notes = self.meta_notes
        if self.kept:
            kept = "\n".join(["Imported lines with no place in the plan:", *self.kept])
            plan.notes = f"{plan.notes}\n\n{kept}" if plan.notes else kept

    def _set_fact(self, phase: Phase, name: str, value: str) -> bool:
        key = {"priority": "priority", "risk level": "risk", "risk": "risk", "rollback time": "rollback_budget", "rollback budget": "rollback_budget"}.get(name)
        if key is not None and key in getattr(self, "phase_overrides", set()):
            return True  # the comment on the phase heading holds the exact value
        if name == "priority":
            phase.priority = value
        elif name in ("risk level", "risk"):
            phase.risk = value
        elif name in ("rollback time", "rollback budget"):
            budget = duration(value)
            if budget is None:
                return False
            phase.rollback_budget = budget
        else:
            return False
        return True


def import_markdown(text: str) -> ImportResult:
    return Importer(text).run()

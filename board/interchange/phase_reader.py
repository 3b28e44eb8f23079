"""The Markdown importer's state and its phase readers: phases, weeks, objectives, rollback plans.

:mod:`.markdown_import` walks the document; this part knows what a phase holds.
"""

from __future__ import annotations

import re
from typing import Any

from board.model import Check, Criterion, Objective, Phase, Plan, Risk
from board.model.durations import is_duration
from board.model.plan import PRIORITIES, RISK_LEVELS, RISK_STATES
from board.model.slugs import objective_id, slugify

from .control_facts import apply_criterion_meta, apply_phase_meta
from .facts import SLUG, Facts
from .specs import duration, duration_minutes

HEADING = re.compile(r"^\s{0,3}(#{1,6})\s+(.*?)(?:\s+#+)?\s*$")
WEEK = re.compile(r"^week\s+(\d+)\b", re.I)
BOLD_FACT = re.compile(r"^\*\*(.+?):?\*\*:?\s*(.*)$")
ESTIMATE = re.compile(r"^estimated\s+rollback\s+time\s*:\s*(.+)$", re.I)
PHASE_FACTS = {
    "priority": "priority",
    "risk level": "risk",
    "risk": "risk",
    "rollback time": "rollback_budget",
    "rollback budget": "rollback_budget",
}


class PhaseReader:
    def __init__(self, text: str) -> None:
        self.lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
        self.warnings: list[tuple[int, str]] = []
        self.kept: dict[int, str] = {}
        self.plan = Plan(title="Untitled plan", weeks=1)
        self.taken: set[str] = set()  # objective ids
        self.ids: dict[str, set[str]] = {}  # other ids, by kind
        self.plan_facts = Facts({}, lambda message: None)
        self.number = 0  # the line being read
        self.phase: Phase | None = None
        self.overrides: set[str] = set()  # phase fields its heading comment set exactly
        self.inferred: set[str] = set()  # phases whose weeks come from their "Week N" headings
        self.week: int | None = None  # the "Week N" heading of the phase being read
        self.sources: dict[str, tuple[int, str]] = {}  # objective id -> its line
        self.unweeked: list[tuple[Objective, Phase]] = []

    # --- reporting -----------------------------------------------------------
    def warn(self, number: int, message: str, line: str | None = None) -> None:
        self.warnings.append((number, message))
        text = self.lines[number - 1] if line is None and 0 < number <= len(self.lines) else line or ""
        self.kept.setdefault(number, f"line {number}: {text.strip()}")

    def facts(self, data: dict[str, Any], bad: bool = False) -> Facts:
        number = self.number
        if bad:
            self.warn(number, "a trailing comment that is not a JSON object; kept as it is")
        return Facts(data, lambda message: self.warn(number, message))

    def new_id(self, kind: str, wanted: str | None, base: str, fallback: str) -> str:
        """``wanted`` if it is free, else ``base`` (or ``fallback``) made unique among ``kind`` ids."""
        taken = self.ids.setdefault(kind, set())
        if wanted is not None and wanted not in taken:
            taken.add(wanted)
            return wanted
        if wanted is not None:
            self.warn(self.number, f"the {kind} id {wanted!r} is already taken; a new one is made")
        base = base if SLUG.match(base) else fallback
        candidate, n = base, 2
        while candidate in taken:
            candidate, n = f"{base}-{n}", n + 1
        taken.add(candidate)
        return candidate

    # --- phases ----------------------------------------------------------------
    # --- plan and phases -------------------------------------------------------
    def _phase(self, match: re.Match[str] | None, named: re.Match[str] | None, facts: Facts) -> Phase:
        if match is not None:
            name, first = match.group(1).strip(), int(match.group(2))
            last = int(match.group(3) or first)
            if first > last:
                self.warn(self.number, f"weeks {first}-{last} run backwards; read as {last}-{first}")
                first, last = last, first
            if first < 1:
                self.warn(self.number, f"week {first} is before week 1; the phase starts in week 1")
                first, last = 1, max(last, 1)
        else:
            assert named is not None
            name, first, last = named.group(1).strip(), 0, 0
        pid = self.new_id("phase", facts.slug("id"), f"p{len(self.plan.phases) + 1}", "phase")
        phase = Phase(pid, facts.text("name", name), first, last, rehearsed=facts.day("rehearsed"))
        if match is None:
            self.inferred.add(pid)
        phase.priority = facts.choice("priority", PRIORITIES)
        phase.risk = facts.choice("risk", RISK_LEVELS)
        for key in ("rollback_budget", "rollback_estimate"):
            value = facts.text(key)
            if value and (is_duration(value) or duration(value) is not None):
                setattr(phase, key, value if is_duration(value) else duration(value))
            elif value:
                self.warn(self.number, f"the comment's {key!r} is not a duration: {value!r}")
        self.overrides = {k for k in ("priority", "risk", "rollback_budget", "rollback_estimate") if getattr(phase, k)}
        apply_phase_meta(phase, facts.data, lambda message: self.warn(self.number, message))
        self.plan.phases.append(phase)
        return phase

    def _phase_heading(self, sub: str, facts: Facts) -> None:
        phase = self.phase
        assert phase is not None
        if "rollback" in sub and "rehearsed" in facts:
            phase.rehearsed = facts.day("rehearsed")
        week = WEEK.match(sub)
        self.week = None
        if week is None:
            return
        number = int(week.group(1))
        if phase.id in self.inferred:
            phase.first_week = min(phase.first_week or number, number)
            phase.last_week = max(phase.last_week, number)
            self.week = number
        elif phase.covers(number):
            self.week = number
        else:
            self.week = min(max(number, phase.first_week), phase.last_week)
            self.warn(
                self.number,
                f"week {number} is outside phase {phase.id} (weeks {phase.first_week}-{phase.last_week}); its objectives go in week {self.week}",
            )

    def _phase_fact(self, phase: Phase, name: str, value: str) -> None:
        name, value = name.strip(), value.strip()
        key = PHASE_FACTS.get(name.lower())
        if key is None:
            self.warn(self.number, f"unknown fact {name!r} of phase {phase.id}; kept in the plan's notes")
        elif key in self.overrides:
            pass  # the comment on the phase heading holds the exact value
        elif key == "rollback_budget":
            found = duration_minutes(value)
            if found is None:
                self.warn(
                    self.number, f"unknown or unreadable fact {name!r} of phase {phase.id}; kept in the plan's notes"
                )
            else:
                phase.rollback_budget = duration(value) or ""
                if not found[1]:
                    self.warn(self.number, f"the rollback time {value!r} is rounded up to {phase.rollback_budget}")
        else:
            allowed = PRIORITIES if key == "priority" else RISK_LEVELS
            if value.lower() in allowed:
                setattr(phase, key, value)
            else:
                self.warn(
                    self.number,
                    f"{name} {value!r} of phase {phase.id} is not one of {', '.join(allowed)}; kept in the plan's notes",
                )

    def _phase_item(self, phase: Phase, sub: str, ticked: bool, text: str, facts: Facts) -> None:
        fact = BOLD_FACT.match(text)
        if self.week is not None:
            self._objective(self.week, ticked, text, facts, phase)
        elif "objective" in sub:
            self._objective(phase.first_week, ticked, text, facts, phase)
        elif "criteria" in sub:
            criterion = Criterion(text, ticked)
            apply_criterion_meta(criterion, facts.data, lambda message: self.warn(self.number, message))
            phase.criteria.append(criterion)
        elif "rollback" in sub:
            self._rollback_item(phase, ticked, text, "text" in facts)
        elif "risk" in sub and facts:
            rid = self.new_id("risk", facts.slug("id"), slugify(text, 3), "risk")
            phase.risks.append(
                Risk(
                    rid,
                    text,
                    facts.integer("likelihood", 3, 1, 5),
                    facts.integer("impact", 3, 1, 5),
                    facts.text("mitigation"),
                    facts.text("owner"),
                    facts.choice("state", RISK_STATES, "open"),
                )
            )
        elif not sub and fact:
            self._phase_fact(phase, fact.group(1), fact.group(2))
        else:
            where = repr(sub) if sub else f"phase {phase.id}"
            self.warn(self.number, f"a list item in {where} that is not an objective, criterion or rollback step")

    def _rollback_item(self, phase: Phase, ticked: bool, text: str, exact: bool) -> None:
        estimate = None if exact else ESTIMATE.match(text)
        if estimate is None:
            phase.rollback_steps.append(Check(text, ticked))
        elif "rollback_estimate" not in self.overrides:
            found = duration_minutes(estimate.group(1))
            if found is None:
                self.warn(self.number, f"cannot read the rollback time {estimate.group(1)!r}")
            else:
                phase.rollback_estimate = duration(estimate.group(1)) or ""
                if not found[1]:
                    self.warn(
                        self.number,
                        f"the rollback time {estimate.group(1)!r} is rounded up to {phase.rollback_estimate}",
                    )

    def _objective(self, week: int, ticked: bool, text: str, facts: Facts, phase: Phase) -> None:
        statuses = self.plan.statuses
        status = facts.choice("status", statuses, statuses[-1] if ticked else statuses[0])
        wanted = facts.slug("id")
        if wanted is not None and wanted in self.taken:
            self.warn(self.number, f"the objective id {wanted!r} is already taken; a new one is made")
            wanted = None
        oid = wanted or objective_id(text, self.taken)
        self.taken.add(oid)
        self.sources[oid] = (self.number, self.lines[self.number - 1])
        obj = Objective(
            oid,
            text,
            week,
            status,
            changed=facts.day("changed"),
            owner=facts.text("owner"),
            tags=facts.texts("tags"),
            depends_on=facts.texts("depends_on"),
            notes=facts.text("notes"),
        )
        self.plan.objectives.append(obj)
        if week == 0:
            self.unweeked.append((obj, phase))

    def _place_inferred_phases(self) -> None:
        after = 0
        for phase in self.plan.phases:
            if phase.id in self.inferred and phase.first_week == 0:
                phase.first_week = phase.last_week = after + 1
                line = next(
                    (
                        i + 1
                        for i, text in enumerate(self.lines)
                        if (m := HEADING.match(text)) and phase.name in m.group(2)
                    ),
                    1,
                )
                self.warn(line, f"phase {phase.name!r} names no weeks; placed in week {phase.first_week}")
            after = max(after, phase.last_week)

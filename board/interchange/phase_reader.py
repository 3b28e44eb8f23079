"""The Markdown importer's state and its phase readers: phases, weeks, objectives, criteria, rollback plans.

:mod:`.markdown_import` walks the document; this part knows what a phase holds.
"""

from __future__ import annotations

import re
from typing import Any

from board.model import Check, Criterion, Objective, Phase, Plan
from board.model.durations import is_duration
from board.model.plan import PRIORITIES, RISK_LEVELS, canonical_level
from board.model.slugs import objective_id

from .control_facts import apply_criterion_meta, apply_phase_meta
from .extras import read_extras
from .facts import SLUG, Facts
from .markdown_patterns import (
    ABOUT,
    ESTIMATE,
    MAX_WEEKS,
    PHASE_FACTS,
    PhaseHeading,
    fact_parts,
    label,
    owner_of,
    section_kind,
    week_heading,
    weeks_in_range,
)
from .specs import duration, duration_minutes

BOLD_FACT = re.compile(r"^\*\*(.+?):?\*\*:?\s*(.*)$")

__all__ = ["BOLD_FACT", "ESTIMATE", "PhaseReader"]


class PhaseReader:
    def __init__(self, lines: list[str]) -> None:
        self.lines = lines
        self.warnings: list[tuple[int, str]] = []
        self.kept: dict[int, str] = {}
        self.plan = Plan(title="Untitled plan", weeks=1)
        self.taken: set[str] = set()  # objective ids
        self.ids: dict[str, set[str]] = {}  # other ids, by kind
        self.plan_facts = Facts({}, lambda message: None)
        self.number = 0  # the line being read
        self.phase: Phase | None = None
        self.kind = ""  # what the phase's current sub-heading holds (see section_kind)
        self.sub = ""  # the heading being read inside a phase or a section
        self.overrides: set[str] = set()  # phase fields its heading comment set exactly
        self.inferred: set[str] = set()  # phases whose weeks come from their "Week N" headings
        self.week: int | None = None  # the "Week N" heading being read
        self.sources: dict[str, tuple[int, str]] = {}  # objective id -> its line
        self.unweeked: list[tuple[Objective, Phase]] = []
        self.phase_lines: dict[str, int] = {}  # phase id -> its heading's line
        self.entity_lines: dict[int, int] = {}  # id() of each phase, objective, metric, … -> its line
        self.link_said: set[int] = set()  # id() of each criterion whose comment names its link (or none)
        self.objective: Objective | None = None  # the last objective read, for the details nested under it

    # --- reporting -----------------------------------------------------------
    def at(self, entity: object) -> None:
        """Remember the line ``entity`` was read from, for the problems of the plan."""
        self.entity_lines[id(entity)] = self.number

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
    def _phase(self, heading: PhaseHeading, facts: Facts) -> Phase:
        first, last = heading.first, heading.last
        if first is not None and last is not None and not weeks_in_range(first, last):
            self.warn(
                self.number,
                f"weeks beyond week {MAX_WEEKS} (the most a plan may have) are not read; "
                "the phase takes its weeks from its week headings or follows the previous phase",
            )
            first = last = None
        if first is not None and last is not None and first > last:
            self.warn(self.number, f"weeks {first}-{last} run backwards; read as {last}-{first}")
            first, last = last, first
        pid = self.new_id("phase", facts.slug("id"), f"p{len(self.plan.phases) + 1}", "phase")
        self.phase_lines[pid] = self.number
        phase = Phase(pid, facts.text("name", heading.name), first or 0, last or 0, rehearsed=facts.day("rehearsed"))
        if first is None:
            self.inferred.add(pid)
        phase.priority = canonical_level(facts.choice("priority", PRIORITIES))  # "High" however typed
        phase.risk = canonical_level(facts.choice("risk", RISK_LEVELS))
        for key in ("rollback_budget", "rollback_estimate"):
            value = facts.text(key)
            if value and (is_duration(value) or duration(value) is not None):
                setattr(phase, key, value if is_duration(value) else duration(value))
            elif value:
                self.warn(self.number, f"the comment's {key!r} is not a duration: {value!r}")
        read_extras(phase, facts)
        self.overrides = {k for k in ("priority", "risk", "rollback_budget", "rollback_estimate") if getattr(phase, k)}
        apply_phase_meta(phase, facts.data, lambda message: self.warn(self.number, message))
        self.plan.phases.append(phase)
        self.at(phase)
        self.phase, self.kind, self.sub, self.week, self.objective = phase, "", "", None, None
        return phase

    def _phase_heading(self, sub: str, facts: Facts) -> None:
        phase = self.phase
        assert phase is not None
        self.sub = sub
        self.kind = section_kind(sub)
        self.objective = None
        if self.kind == "rollback" and "rehearsed" in facts:
            phase.rehearsed = facts.day("rehearsed")
        if self.kind == "rollback":
            estimate = re.search(r"\(([^()]*[0-9][^()]*)\)\s*$", sub)  # "Rollback plan (~10 min)"
            if estimate:
                self._estimate(phase, estimate.group(1))
        self.week = None
        weeks = week_heading(sub)
        if weeks is None:
            return
        number, last = weeks
        if not weeks_in_range(number, last):
            self.warn(self.number, f"a week beyond week {MAX_WEEKS} (the most a plan may have); read as no week")
            return
        if phase.id in self.inferred:
            phase.first_week = min(phase.first_week or number, number)
            phase.last_week = max(phase.last_week, last)
            self.week = number
        elif phase.covers(number):
            self.week = number
        else:
            self.week = min(max(number, phase.first_week), phase.last_week)
            self.warn(
                self.number,
                f"week {number} is outside phase {phase.id} (weeks {phase.first_week}-{phase.last_week}); its objectives go in week {self.week}",
            )

    def _phase_line(self, phase: Phase, text: str) -> bool:
        """Read a line of labelled phase facts (``**Priority:** High · Risk: low``); False if it is none."""
        parts = fact_parts(text)
        found = [label(part) for part in parts]
        known = [f for f in found if f and (f[0].lower() in PHASE_FACTS or f[0].lower() in ("rollback", "budget"))]
        if not known:
            bold = BOLD_FACT.match(text.strip())
            if bold is None:
                return False
            self._phase_fact(phase, bold.group(1), bold.group(2))  # an unknown bold fact: a warning
            return True
        for part, fact in zip(parts, found, strict=True):
            if fact is None:
                self.warn(self.number, f"{part!r} is not a fact of phase {phase.id}; kept in the plan's notes")
            else:
                self._phase_fact(phase, *fact)
        return True

    def _phase_fact(self, phase: Phase, name: str, value: str) -> None:
        name, value = name.strip(), value.strip().strip("*_` ").strip()
        key = PHASE_FACTS.get(name.lower()) or ("rollback_budget" if name.lower() in ("rollback", "budget") else None)
        if key is None:
            self.warn(self.number, f"unknown fact {name!r} of phase {phase.id}; kept in the plan's notes")
        elif key in self.overrides:
            pass  # the comment on the phase heading holds the exact value
        elif key == "rollback_estimate":
            self._estimate(phase, value)
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
                setattr(phase, key, canonical_level(value))
            else:
                self.warn(
                    self.number,
                    f"{name} {value!r} of phase {phase.id} is not one of {', '.join(allowed)}; kept in the plan's notes",
                )

    def _phase_item(self, phase: Phase, box: str | None, text: str, facts: Facts) -> bool:
        """Place a list item of a phase; False when it has no place there."""
        ticked = box in ("x", "X")
        kind = self.kind
        if kind in ("week", "objectives"):
            self._objective(self.week or phase.first_week, ticked, text, facts, phase)
        elif kind == "criteria":
            phase.criteria.append(criterion := Criterion(text, ticked))
            read_extras(criterion, facts)
            apply_criterion_meta(criterion, facts.data, lambda message: self.warn(self.number, message))
            if "metric" in facts:
                self.link_said.add(id(criterion))  # its comment says what its link is: no guess
        elif kind == "rollback":
            self._rollback_item(phase, ticked, text, facts)
        elif not self.sub and self._phase_line(phase, text):
            pass
        elif not self.sub:
            self._objective(phase.first_week, ticked, text, facts, phase)  # straight under the phase heading
        else:
            return False
        return True

    def _rollback_item(self, phase: Phase, ticked: bool, text: str, facts: Facts) -> None:
        exact = "text" in facts
        estimate = None if exact else ESTIMATE.match(text)
        if estimate is None and not exact and ABOUT.match(text) and duration_minutes(text) is not None:
            self._estimate(phase, text)  # "~10 min"
        elif estimate is None:
            phase.rollback_steps.append(step := Check(text, ticked))
            read_extras(step, facts)
        else:
            self._estimate(phase, estimate.group(1))

    def _estimate(self, phase: Phase, text: str) -> None:
        if "rollback_estimate" in self.overrides:
            return
        text = text.strip().strip("*_` ").strip()
        found = duration_minutes(text)
        if found is None:
            self.warn(self.number, f"cannot read the rollback time {text!r}")
            return
        phase.rollback_estimate = duration(text) or ""
        if not found[1]:
            self.warn(self.number, f"the rollback time {text!r} is rounded up to {phase.rollback_estimate}")

    def _objective(self, week: int, ticked: bool, text: str, facts: Facts, phase: Phase | None) -> None:
        statuses = self.plan.statuses
        status = facts.choice("status", statuses, statuses[-1] if ticked else statuses[0])
        owner = facts.text("owner")
        if "text" not in facts and "owner" not in facts:
            text, owner = owner_of(text)
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
            owner=owner,
            tags=facts.texts("tags"),
            depends_on=facts.texts("depends_on"),
            notes=facts.text("notes"),
            blocked_reason=facts.text("blocked_reason"),
        )
        read_extras(obj, facts)
        self.plan.objectives.append(obj)
        self.at(obj)
        self.objective = obj
        if week == 0 and phase is not None:
            self.unweeked.append((obj, phase))

    def _objective_row(self, roles: dict[str, int], cells: list[str]) -> None:
        """A row of a table of objectives: ``| Task | Owner | Week | Status |`` (only the task is needed)."""
        values = {role: cells[i].strip() for role, i in roles.items() if i < len(cells)}
        title = values.get("objective", "").strip("*_ ")
        if not title:
            self.warn(self.number, "a row without an objective; kept in the plan's notes")
            return
        phase = self.phase
        week = self.week or (phase.first_week if phase is not None else None)
        if values.get("week"):
            match = re.match(r"^(?:weeks?\s*)?([0-9]{1,6})\b", values["week"], re.I)
            number = int(match.group(1)) if match else None
            if number is None or not weeks_in_range(number, number):
                self.warn(self.number, f"the week {values['week']!r} is not a week of the plan; read as {week}")
            elif phase is not None and phase.id not in self.inferred and not phase.covers(number):
                week = min(max(number, phase.first_week), phase.last_week)
                self.warn(self.number, f"week {number} is outside phase {phase.id}; the objective goes in week {week}")
            else:
                week = number
                if phase is not None and phase.id in self.inferred:
                    phase.first_week = min(phase.first_week or number, number)
                    phase.last_week = max(phase.last_week, number)
        if week is None:
            self.warn(self.number, "an objective with no phase and no week; kept in the plan's notes")
            return
        status = self._status_word(values.get("state", ""), values.get("done", ""))
        facts = Facts({"status": status, "owner": values.get("owner", "").strip("*_ ")}, lambda message: None)
        self._objective(week, False, title, facts, phase)

    def _criterion_row(self, header: list[str], cells: list[str]) -> None:
        """A row of a go/no-go table: ``| Error rate | < 1% |`` -> "Error rate: < 1%"; a Met column ticks it."""
        phase = self.phase
        assert phase is not None
        met = False
        words: list[str] = []
        for name, cell in zip(header, cells, strict=False):
            if name.strip("*_ ").lower() in ("met", "done", "status", "passed", "✓", "✔"):
                met = self._status_word(cell, "") == self.plan.statuses[-1] or cell.strip().lower() in ("yes", "y")
            elif cell.strip():
                words.append(cell.strip())
        if not words:
            self.warn(self.number, "an empty row of criteria; kept in the plan's notes")
            return
        phase.criteria.append(
            Criterion(": ".join([words[0], "; ".join(words[1:])]) if len(words) > 1 else words[0], met)
        )

    def _status_word(self, state: str, done: str) -> str:
        """``Done``, ``✅``, ``In progress``, ``blocked``, ``not started`` -> a status of the plan."""
        statuses = self.plan.statuses
        word = " ".join(state.lower().strip("*_` ").replace("-", " ").split())
        if done.strip().lower() in ("x", "[x]", "yes", "y", "✓", "✔", "✅", "done", "true"):
            return statuses[-1]
        if word.replace(" ", "-") in statuses:
            return word.replace(" ", "-")
        if word in ("done", "complete", "completed", "finished", "shipped", "✓", "✔", "✅", "[x]", "x"):
            return statuses[-1]
        if word in ("in progress", "wip", "doing", "started", "ongoing") and "in-progress" in statuses:
            return "in-progress"
        if word and word not in ("todo", "to do", "not started", "planned", "open", "pending", "-", "—"):
            self.warn(self.number, f"the status {state!r} is not one of {', '.join(statuses)}; read as {statuses[0]}")
        return statuses[0]

    def _objective_detail(self, text: str) -> None:
        """A line nested under the last objective: its owner (``Owner: Ana``), else a line of its notes."""
        obj = self.objective
        assert obj is not None
        fact = label(text)
        if fact and fact[0].lower() in ("owner", "owners", "assignee", "dri") and not obj.owner and fact[1]:
            obj.owner = fact[1]
        else:
            obj.notes = f"{obj.notes}\n{text}" if obj.notes else text

    def _place_inferred_phases(self) -> None:
        after = 0
        for phase in self.plan.phases:
            if phase.id in self.inferred and phase.first_week == 0:
                phase.first_week = phase.last_week = min(after + 1, MAX_WEEKS)
                self.warn(
                    self.phase_lines.get(phase.id, 1),
                    f"phase {phase.name!r} names no weeks; placed in week {phase.first_week}",
                )
            after = max(after, phase.last_week)

"""Editing phases: add, edit, change weeks, reorder in time, delete."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace
from typing import Any

from .edit_base import OpsBase, day, fail, fresh_id, no_unknown, one_line, refuse, refuse_issues, whole
from .history import Change
from .plan import Objective, Phase, canonical_level
from .rules import id_problem, phase_issues, phase_layout_issues, phase_overlap_problem, weeks_label

PHASE_FIELDS = (
    "id",
    "name",
    "first_week",
    "last_week",
    "priority",
    "risk",
    "rollback_budget",
    "rollback_estimate",
    "rehearsed",
)
_NEW_PHASE_FIELDS = ("priority", "risk", "rollback_budget", "rollback_estimate")

Span = tuple[Phase, int, int]


class PhaseOps(OpsBase):
    def _phase_values(self, pid: str, fields: Mapping[str, Any]) -> dict[str, Any]:
        values: dict[str, Any] = {}
        for name, value in fields.items():
            if name == "id":
                values[name] = one_line(value, "a phase id", required=False)
            elif name == "name":
                values[name] = one_line(value, f"phase {pid!r}: the name")
            elif name in ("first_week", "last_week"):
                values[name] = whole(value, f"phase {pid!r}: {name}")
            elif name == "rehearsed":
                values[name] = day(value, f"phase {pid!r}: the rehearsal date")
            elif name in ("priority", "risk"):
                values[name] = canonical_level(one_line(value, f"phase {pid!r}: {name}", required=False))
            else:
                values[name] = one_line(value, f"phase {pid!r}: {name}", required=False)
        return values

    def _check_spans(self, candidates: list[Phase], changed: list[Phase], weeks: int) -> None:
        """Refuse a phase layout with a phase outside the plan, an overlap or a gap."""
        plan = replace(self.plan, phases=candidates, weeks=weeks)
        for phase in changed:
            refuse_issues(phase_issues(plan, phase, ()))
        for phase in changed:
            refuse(phase_overlap_problem(phase.first_week, phase.last_week, [p for p in candidates if p is not phase]))
        refuse_issues(phase_layout_issues(plan))

    def _set_spans(self, change: Change, spans: list[Span]) -> None:
        for phase, first, last in spans:
            change.set(phase, "first_week", first)
            change.set(phase, "last_week", last)
        self._sort_phases(change)

    def _sort_phases(self, change: Change) -> None:
        """Keep the phase list in week order (the order of the file and of the board's columns)."""
        phases = self.plan.phases
        for i, phase in enumerate(sorted(phases, key=lambda p: p.first_week)):
            j = next(k for k in range(i, len(phases)) if phases[k] is phase)
            if j != i:
                change.remove(phases, j)
                change.insert(phases, i, phase)

    # --- add -------------------------------------------------------------------
    def add_phase(
        self, name: str, first_week: int, last_week: int, *, pid: str | None = None, take: bool = False, **fields: Any
    ) -> Change:
        """A new phase over ``first_week``-``last_week``.

        Weeks after the end of the plan lengthen it. Weeks that other phases hold are
        refused ("weeks 3-4 overlap phase 'p2' (…)") unless ``take``: then those phases
        give them up (refused if one would be left with no weeks or cut in two).
        """
        plan = self.plan
        name = one_line(name, "the phase's name")
        first = whole(first_week, "first_week")
        last = whole(last_week, "last_week")
        taken = {p.id for p in plan.phases}
        pid = fresh_id(name, taken, "phase") if pid is None else one_line(pid, "a phase id", required=False)
        refuse(id_problem(pid, taken, "phase"))
        no_unknown(fields, _NEW_PHASE_FIELDS, "new phases")
        new = Phase(pid, name, first, last, **self._phase_values(pid, fields))
        weeks = max(plan.weeks, last)
        candidates: list[Phase] = []
        trims: list[Span] = []
        for phase in plan.phases:
            if take and max(first, phase.first_week) <= min(last, phase.last_week):
                where = f"{weeks_label(first, last)} would"
                if first <= phase.first_week and phase.last_week <= last:
                    fail(f"{where} leave phase {phase.id!r} ({phase.name}) with no weeks")
                if phase.first_week < first and last < phase.last_week:
                    fail(f"{where} cut phase {phase.id!r} ({phase.name}) in two")
                low, high = (last + 1, phase.last_week) if phase.first_week >= first else (phase.first_week, first - 1)
                trims.append((phase, low, high))
                candidates.append(replace(phase, first_week=low, last_week=high))
            else:
                candidates.append(phase)
        candidates.append(new)
        self._check_spans(candidates, [new], weeks)
        change = Change(f"added phase {pid}", structural=True)
        change.set(plan, "weeks", weeks)
        self._set_spans(change, trims)
        change.insert(plan.phases, sum(1 for p in plan.phases if p.first_week < first), new)
        return self._commit(change)

    # --- edit ------------------------------------------------------------------
    def edit_phase(self, pid: str, **fields: Any) -> Change:
        """Set any of id, name, priority, risk, rollback_budget, rollback_estimate, rehearsed
        (and first_week / last_week, checked as :meth:`set_phase_weeks` does)."""
        plan = self.plan
        phase = self._phase(pid)
        no_unknown(fields, PHASE_FIELDS, "phases")
        values = self._phase_values(pid, fields)
        if "id" in values:
            refuse(id_problem(values["id"], [p.id for p in plan.phases if p is not phase], "phase"))
        candidate = replace(phase, **values)
        refuse_issues(phase_issues(plan, candidate, ()))
        spans: list[Span] = []
        if "first_week" in values or "last_week" in values:
            candidates = [candidate if p is phase else p for p in plan.phases]
            self._check_spans(candidates, [candidate], plan.weeks)
            spans.append((phase, candidate.first_week, candidate.last_week))
        change = Change(f"phase {pid}: " + ", ".join(values), structural=True)
        for name, value in values.items():
            if name not in ("first_week", "last_week"):
                change.set(phase, name, value)
        self._set_spans(change, spans)
        return self._commit(change)

    def set_phase_weeks(self, spans: Mapping[str, tuple[int, int]]) -> Change:
        """Give phases new weeks in one step: ``{"p1": (1, 3), "p2": (4, 4)}`` moves their boundary.

        Objectives keep their weeks (so they may change phase). Refused when a phase
        would fall outside the plan, overlap another or leave a week without a phase.
        """
        plan = self.plan
        new: dict[str, tuple[int, int]] = {}
        for pid, span in spans.items():
            self._phase(pid)
            if not isinstance(span, (tuple, list)) or len(span) != 2:
                fail(f"phase {pid!r}: weeks are given as (first, last), not {span!r}")
            new[pid] = (whole(span[0], f"phase {pid!r}: first_week"), whole(span[1], f"phase {pid!r}: last_week"))
        candidates = [
            replace(p, first_week=new[p.id][0], last_week=new[p.id][1]) if p.id in new else p for p in plan.phases
        ]
        self._check_spans(candidates, [p for p in candidates if p.id in new], plan.weeks)
        label = ", ".join(f"{pid} {weeks_label(*span)}" for pid, span in new.items())
        change = Change(f"phase weeks: {label}", structural=True)
        self._set_spans(change, [(self._phase(pid), first, last) for pid, (first, last) in new.items()])
        return self._commit(change)

    # --- reorder ---------------------------------------------------------------
    def move_phase(self, pid: str, delta: int) -> Change:
        """Swap a phase with the one just before (-1) or after (+1) it in time.

        Each takes the other's place on the timeline and its objectives travel with it.
        """
        plan = self.plan
        phase = self._phase(pid)
        if delta not in (-1, 1) or isinstance(delta, bool):
            fail("a phase moves one place earlier (-1) or later (+1)")
        if delta < 0:
            other = next((p for p in plan.phases if p.last_week == phase.first_week - 1), None)
            if other is None:
                fail(f"phase {pid!r} is already first")
            early, late = other, phase
        else:
            other = next((p for p in plan.phases if p.first_week == phase.last_week + 1), None)
            if other is None:
                fail(f"phase {pid!r} is already last")
            early, late = phase, other
        early_len = early.last_week - early.first_week + 1
        late_len = late.last_week - late.first_week + 1
        objectives = plan.objectives
        indices = [i for i, o in enumerate(objectives) if early.first_week <= o.week <= late.last_week]
        in_early = [objectives[i] for i in indices if early.covers(objectives[i].week)]
        in_late = [objectives[i] for i in indices if late.covers(objectives[i].week)]
        change = Change(f"phase {pid} moved {'earlier' if delta < 0 else 'later'}", structural=True)
        for i in reversed(indices):
            change.remove(objectives, i)
        for obj, shift in [(o, late_len) for o in in_early] + [(o, -early_len) for o in in_late]:
            change.set(obj, "week", obj.week + shift)
            change.objectives.add(obj.id)
        start = indices[0] if indices else 0
        for k, obj in enumerate(in_late + in_early):
            change.insert(objectives, start + k, obj)
        first = early.first_week
        self._set_spans(change, [(late, first, first + late_len - 1), (early, first + late_len, late.last_week)])
        return self._commit(change)

    # --- delete ----------------------------------------------------------------
    def delete_phase(self, pid: str, move_to: str | None = None, close_gap: bool = False) -> Change:
        """Delete a phase. One with objectives needs ``move_to``: they go to the first week of that phase.

        Its weeks go to the phase before it (or after it, for the first phase); with
        ``close_gap`` the later phases and their objectives move earlier instead and
        the plan gets shorter.
        """
        plan = self.plan
        phase = self._phase(pid)
        inside = plan.objectives_in(phase)
        target = None
        if move_to is not None:
            target = self._phase(move_to)
            if target is phase:
                fail(f"the objectives of phase {pid!r} cannot move into the phase being deleted")
        elif inside:
            n = len(inside)
            fail(
                f"phase {pid!r} ({phase.name}) has {n} objective{'s' if n > 1 else ''}: choose a phase to move {'them' if n > 1 else 'it'} to"
            )
        others = [p for p in plan.phases if p is not phase]
        length = phase.last_week - phase.first_week + 1
        spans: list[Span] = []
        shift = 0
        if close_gap:
            if not others:
                fail(f"phase {pid!r} covers the whole plan: there is no gap to close")
            shift = length
            spans = [(p, p.first_week - length, p.last_week - length) for p in others if p.first_week > phase.last_week]
        else:
            before = next((p for p in others if p.last_week == phase.first_week - 1), None)
            after = next((p for p in others if p.first_week == phase.last_week + 1), None)
            if before is not None:
                spans = [(before, before.first_week, phase.last_week)]
            elif after is not None:
                spans = [(after, phase.first_week, after.last_week)]
        moved = {id(p): (first, last) for p, first, last in spans}
        candidates = [
            replace(p, first_week=moved[id(p)][0], last_week=moved[id(p)][1]) if id(p) in moved else p for p in others
        ]
        self._check_spans(candidates, [], plan.weeks - shift)

        change = Change(f"deleted phase {pid}", structural=True)
        objectives = plan.objectives
        for i in reversed([i for i, o in enumerate(objectives) if phase.covers(o.week)]):
            change.remove(objectives, i)
        if shift:
            for obj in objectives:
                if obj.week > phase.last_week:
                    self._shift(change, obj, obj.week - shift)
        change.remove(plan.phases, next(i for i, p in enumerate(plan.phases) if p is phase))
        change.set(plan, "weeks", plan.weeks - shift)
        self._set_spans(change, spans)
        if target is not None and inside:
            week = target.first_week
            start = self._end_of_week(week)
            for k, obj in enumerate(inside):
                self._shift(change, obj, week)
                change.insert(objectives, start + k, obj)
        return self._commit(change)

    @staticmethod
    def _shift(change: Change, obj: Objective, week: int) -> None:
        change.set(obj, "week", week)
        change.objectives.add(obj.id)

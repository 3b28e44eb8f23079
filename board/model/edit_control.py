"""Editing rollout control (mixed into Editor): dependencies, sign-offs, the rehearsal log.

Each operation checks first and raises ``PlanError`` with the plan unchanged, else
applies itself as one undoable ``Change``.
"""

from __future__ import annotations

from datetime import date

from .control import OUTCOMES, Gate, Rehearsal, Signoff
from .durations import is_duration
from .edit_base import OpsBase, fail
from .history import Change
from .rules import cycle_problem


class ControlOps(OpsBase):
    # --- dependencies ----------------------------------------------------
    def add_dependency(self, oid: str, dep: str) -> Change:
        """``oid`` waits on ``dep``; a link that would close a cycle is refused with the cycle named."""
        obj = self.plan.find_objective(oid)
        if obj is None:
            fail(f"no objective with id {oid!r}")
        if self.plan.find_objective(dep) is None:
            fail(f"no objective with id {dep!r}")
        if dep == oid:
            fail(f"{oid} cannot depend on itself")
        if dep in obj.depends_on:
            fail(f"{oid} already depends on {dep}")
        graph = {o.id: list(o.depends_on) for o in self.plan.objectives}
        graph[oid] = [*obj.depends_on, dep]
        cycle = cycle_problem(graph, oid)
        if cycle:
            fail(f"{oid} cannot depend on {dep}: {cycle}")
        change = Change(f"{oid}: depends on {dep}", objectives={oid, dep})
        change.set(obj, "depends_on", [*obj.depends_on, dep])
        return self._commit(change)

    def remove_dependency(self, oid: str, dep: str) -> Change:
        obj = self.plan.find_objective(oid)
        if obj is None:
            fail(f"no objective with id {oid!r}")
        if dep not in obj.depends_on:
            fail(f"{oid} does not depend on {dep}")
        change = Change(f"{oid}: no longer depends on {dep}", objectives={oid, dep})
        change.set(obj, "depends_on", [d for d in obj.depends_on if d != dep])
        return self._commit(change)

    # --- sign-offs ---------------------------------------------------------
    def record_signoff(self, pid: str, role: str, by: str, day: date | None = None) -> Change:
        """Record ``role``'s sign-off of phase ``pid``'s gate, given by ``by`` (today by default).

        A role the gate does not list yet is added to its required sign-offs; a role
        already signed is signed again (the new name and date replace the old)."""
        phase = self._phase(pid)
        role, by = role.strip(), by.strip()
        if not role or "\n" in role:
            fail("a sign-off role must be one line of text")
        if not by or "\n" in by:
            fail("a sign-off needs who gave it (one line)")
        change = Change(f"{pid}: signed off {role} by {by}")
        gate = phase.gate
        if gate is None:
            gate = Gate()
            change.set(phase, "gate", gate)
        if role not in gate.signoffs:
            change.set(gate, "signoffs", [*gate.signoffs, role])
        signed = [s for s in gate.signed if s.role != role]
        change.set(gate, "signed", [*signed, Signoff(role, by, day or self.today())])
        return self._commit(change)

    def withdraw_signoff(self, pid: str, role: str) -> Change:
        phase = self._phase(pid)
        gate = phase.gate
        if gate is None or gate.signoff_of(role) is None:
            fail(f"phase {pid!r} has no sign-off by {role!r} to withdraw")
        change = Change(f"{pid}: sign-off {role} withdrawn")
        change.set(gate, "signed", [s for s in gate.signed if s.role != role])
        return self._commit(change)

    # --- rehearsals ----------------------------------------------------------
    def record_rehearsal(
        self, pid: str, took: str, outcome: str = "ok", note: str = "", day: date | None = None
    ) -> Change:
        """Add a rollback rehearsal to phase ``pid``'s log (kept in date order)."""
        phase = self._phase(pid)
        took = took.strip()
        if not is_duration(took):
            fail(f'{took!r} is not a duration (write it like "75m", "2h" or "1h30m")')
        if outcome not in OUTCOMES:
            fail(f"outcome must be one of {', '.join(OUTCOMES)}, not {outcome!r}")
        note = note.strip()
        day = day or self.today()
        change = Change(f"{pid}: rollback rehearsed in {took} ({outcome})")
        index = sum(1 for r in phase.rehearsals if r.date <= day)
        change.insert(phase.rehearsals, index, Rehearsal(day, took, outcome, note))
        return self._commit(change)

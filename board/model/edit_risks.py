"""Editing the risk register of each phase."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from .edit_base import (
    OpsBase,
    fail,
    free_text,
    insert_position,
    move_in_list,
    move_target,
    no_unknown,
    one_line,
    refuse,
    refuse_issues,
    whole,
)
from .history import Change
from .plan import Phase, Risk
from .rules import id_problem, phase_issues
from .slugs import objective_id

RISK_FIELDS = ("id", "description", "likelihood", "impact", "mitigation", "owner", "state")


class RiskOps(OpsBase):
    def _risk(self, rid: str) -> tuple[Phase, Risk]:
        for phase in self.plan.phases:
            for risk in phase.risks:
                if risk.id == rid:
                    return phase, risk
        fail(f"no risk with id {rid!r}")

    def _risk_ids(self) -> list[str]:
        return [r.id for p in self.plan.phases for r in p.risks]

    @staticmethod
    def _risk_values(rid: str, fields: dict[str, Any]) -> dict[str, Any]:
        values: dict[str, Any] = {}
        for name, value in fields.items():
            if name == "id":
                values[name] = one_line(value, "a risk id", required=False)
            elif name in ("likelihood", "impact"):
                values[name] = whole(value, f"risk {rid!r}: {name}")
            elif name == "mitigation":
                values[name] = free_text(value, f"risk {rid!r}: the mitigation")
            else:  # description, owner, state: checked by the shared rules below
                values[name] = one_line(value, f"risk {rid!r}: the {name}", required=False)
        return values

    def _check_risk(self, phase: Phase, risk: Risk) -> None:
        refuse_issues(phase_issues(self.plan, replace(phase, risks=[risk]), ()))

    def add_risk(
        self, pid: str, description: str, *, rid: str | None = None, index: int | None = None, **fields: Any
    ) -> Change:
        """A new entry in phase ``pid``'s risk register; ``fields``: likelihood, impact (1-5),
        mitigation, owner, state (open / mitigated / closed). The id is made from the description."""
        phase = self._phase(pid)
        no_unknown(fields, RISK_FIELDS[2:], "risks")
        taken = self._risk_ids()
        description = one_line(description, "a risk's description")
        if rid is None:
            rid = objective_id(description, set(taken))
        values = self._risk_values(rid, {"id": rid, "description": description, **fields})
        refuse(id_problem(values["id"], taken, "risk"))
        risk = Risk(**values)
        self._check_risk(phase, risk)
        position = insert_position(index, len(phase.risks), f"the risk register of phase {pid!r}")
        change = Change(f"{pid}: added risk {risk.id}")
        change.insert(phase.risks, position, risk)
        return self._commit(change)

    def edit_risk(self, rid: str, **fields: Any) -> Change:
        """Set any of id, description, likelihood, impact, mitigation, owner, state."""
        phase, risk = self._risk(rid)
        no_unknown(fields, RISK_FIELDS, "risks")
        values = self._risk_values(rid, fields)
        if "id" in values:
            refuse(id_problem(values["id"], [r for r in self._risk_ids() if r != rid], "risk"))
        self._check_risk(phase, replace(risk, **values))
        change = Change(f"risk {rid}: " + ", ".join(values))
        for name, value in values.items():
            change.set(risk, name, value)
        return self._commit(change)

    def delete_risk(self, rid: str) -> Change:
        phase, risk = self._risk(rid)
        change = Change(f"{phase.id}: deleted risk {rid}")
        change.remove(phase.risks, next(i for i, r in enumerate(phase.risks) if r is risk))
        return self._commit(change)

    def move_risk(self, rid: str, delta: int) -> Change:
        """Move a risk ``delta`` places (-1 up, +1 down) in its phase's register."""
        phase, risk = self._risk(rid)
        index = next(i for i, r in enumerate(phase.risks) if r is risk)
        target = move_target(index, delta, len(phase.risks), f"risk {rid!r}")
        change = Change(f"risk {rid} moved {'up' if delta < 0 else 'down'}")
        move_in_list(change, phase.risks, index, target)
        return self._commit(change)

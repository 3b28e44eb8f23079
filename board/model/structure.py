"""Editing the plan's structure: phases, statuses, criteria, rollback steps, checklists,
contingency plans, metric definitions and the risk register (mixed into Editor).

One module per thing edited: ``edit_plan`` (the plan's fields), ``edit_statuses``,
``edit_phases``, ``edit_checklists`` (lists of lines, checklists, contingency plans),
``edit_risks``, ``edit_metrics``, ``edit_control`` (dependencies, sign-offs, rehearsals);
``edit_base`` holds the input checks they share.

Every operation checks first and raises ``PlanError`` (one line, worded as the store
words the same problem) with the plan unchanged; else it applies itself as ONE
``Change`` (``editor.undo()`` / ``editor.redo()``) and returns it. ``change.structural``
is true when columns, bands or list entries changed. Text is stripped; names and
lines must be one line. ``delta`` is -1 (up / earlier) or +1 (down / later);
``index`` is 0-based (None: the end). Ids left out are made from the name.

==================  =======================================================  ==============================
What                Operations                                               Notes
==================  =======================================================  ==============================
Plan                ``edit_plan(title=, summary=, weeks=, start=,            start: date, "YYYY-MM-DD" or
                    closing=, notes=)``                                      None; more/fewer weeks grow or
                                                                             shrink the last phase
Statuses            ``add_status(name, index=None)``,                        default place: before the last
                    ``rename_status(old, new)``, ``move_status(name,         (done) status; a rename carries
                    delta)``, ``delete_status(name)``                        the objectives
Phases              ``add_phase(name, first, last, pid=None, take=False,     take: the new weeks are taken
                    priority=, risk=, rollback_budget=,                      from the phases holding them;
                    rollback_estimate=)``                                    weeks past the end lengthen
                                                                             the plan
                    ``edit_phase(pid, id=, name=, priority=, risk=,          durations like "90m", "2h"
                    rollback_budget=, rollback_estimate=, rehearsed=)``
                    ``set_phase_weeks({pid: (first, last), ...})``           one step for a moved boundary
                    ``move_phase(pid, delta)``                               swaps places in time; the
                                                                             objectives travel along
                    ``delete_phase(pid, move_to=None, close_gap=False)``     weeks go to the neighbour, or
                                                                             (close_gap) the plan shortens
Lines of a list     ``add_item(kind, owner_id, text, index=None)``,          kind (owner_id): "criteria"
                    ``edit_item(kind, owner_id, index, text)``,              (phase), "rollback" (phase),
                    ``delete_item(kind, owner_id, index)``,                  "checklist" (checklist),
                    ``move_item(kind, owner_id, index, delta)``              "actions" (contingency)
Ticks (editor.py)   ``tick_criterion(pid, index, met=None)``,                None toggles
                    ``tick_rollback_step``, ``tick_check(cid, index)``
Risk register       ``add_risk(pid, description, rid=None, likelihood=,      likelihood, impact 1-5; state
                    impact=, mitigation=, owner=, state=)``,                 open / mitigated / closed; ids
                    ``edit_risk(rid, **fields)``, ``delete_risk(rid)``,      unique in the plan; the grid:
                    ``move_risk(rid, delta)``                                ``plan.risk_grid(pid=None)``
Checklists          ``add_checklist(section, name, cid=None)``,              section: "risk_management" or
                    ``edit_checklist(cid, name=, id=)``,                     "final_validation"; items via
                    ``delete_checklist(cid)``, ``move_checklist(cid, d)``    the lines above
Contingency plans   ``add_contingency(name, cid=None)``,                     actions via the lines above;
                    ``edit_contingency(cid, name=, id=)``,                   notes / active: editor.py
                    ``delete_contingency(cid)``, ``move_contingency``
Metrics             ``add_metric(name, group, target, mid=None, unit=,       group technical / business /
                    baseline=, relative=, direction=)``,                     quality; direction up / down;
                    ``edit_metric(mid, **fields)``, ``delete_metric(mid)``,  readings: ``record_metric``
                    ``move_metric(mid, delta)``
Ids for a form      ``suggest_id(kind, text)``                               kind: phase, risk, checklist,
                                                                             contingency, metric
==================  =======================================================  ==============================
"""

from __future__ import annotations

from .edit_base import fail, fresh_id
from .edit_checklists import CHECKLIST_SECTIONS, LIST_KINDS, ListOps
from .edit_metrics import METRIC_FIELDS, MetricOps
from .edit_phases import PHASE_FIELDS, PhaseOps
from .edit_plan import PLAN_FIELDS, PlanOps, plan_fields
from .edit_risks import RISK_FIELDS, RiskOps
from .edit_statuses import StatusOps
from .slugs import objective_id

__all__ = [
    "CHECKLIST_SECTIONS",
    "LIST_KINDS",
    "METRIC_FIELDS",
    "PHASE_FIELDS",
    "PLAN_FIELDS",
    "RISK_FIELDS",
    "StructureOps",
    "plan_fields",
]

ID_KINDS = ("phase", "risk", "checklist", "contingency", "metric")


class StructureOps(PlanOps, StatusOps, PhaseOps, ListOps, RiskOps, MetricOps):
    """Operations on the plan's structure; mixed into :class:`board.model.editor.Editor`."""

    def suggest_id(self, kind: str, text: str) -> str:
        """The id an ``add_*`` operation would give an entry named ``text`` (a form shows it, editable)."""
        plan = self.plan
        if kind == "phase":
            return fresh_id(text, {p.id for p in plan.phases}, "phase")
        if kind == "risk":
            return objective_id(text, {r.id for p in plan.phases for r in p.risks})
        if kind == "checklist":
            return fresh_id(text, {c.id for c in plan.iter_checklists()}, "checklist")
        if kind == "contingency":
            return fresh_id(text, {c.id for c in plan.contingencies}, "contingency")
        if kind == "metric":
            return fresh_id(text, {m.id for m in plan.metrics}, "metric")
        fail(f"unknown kind of entry {kind!r} (expected one of: {', '.join(ID_KINDS)})")

"""Planning mode (`P`): shape the plan itself — its fields, statuses, phases and weeks, criteria,
rollback steps, checklists, contingency plans and metric definitions.

One row per thing; on the highlighted row `n` adds one of its kind after it,
`e` edits it, `x` deletes it, `K` / `J` move it. Every edit goes through the
editor (one undoable step, checked by the rules the store applies; a refusal
shows in the form) and is saved at once.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from board.keys import bindings_for
from board.model import Change, Phase
from board.model.edit_plan import cut_off_words, removed_phases
from board.model.numbers import NUMBER_FORMS, parse_number
from board.model.rules import weeks_label
from board.model.words import counted
from board.screens.confirm import ConfirmScreen
from board.screens.fields_form import Field, FieldsForm
from board.screens.review_panel import ReviewPanel, Row
from board.widgets.markup import escape

SECTIONS = {
    "statuses": "Statuses",
    "phases": "Phases",
    "risk_management": "Risk management checklists",
    "final_validation": "Final validation checklists",
    "contingencies": "Contingency plans",
    "metrics": "Metrics",
}
ITEM_KINDS = {"criteria": "criterion", "rollback": "rollback step", "checklist": "item", "actions": "action"}


Shaped = tuple[int, Callable[[str | None], Callable[[], Change]]]
"""What a shaping form's values make: the plan's weeks after the edit, and the edit given what
becomes of the objectives after the new end (None, "move" or "delete")."""


def whole_number(text: str, what: str) -> int:
    try:
        return int(text)
    except ValueError:
        raise ValueError(f"{what} must be a whole number, not {text!r}") from None


def a_number(text: str, what: str) -> float | int:
    value = parse_number(text)
    if value is None:
        raise ValueError(f"{what} must be a number ({NUMBER_FORMS}), not {text!r}")
    return value


class PlanningScreen(ReviewPanel):
    TITLE_TEXT = "Plan structure"
    BINDINGS = bindings_for("planning")

    def __init__(self, edit_phase: str | None = None) -> None:
        super().__init__()
        self.edit_phase = edit_phase

    def on_mount(self) -> None:
        super().on_mount()
        if self.edit_phase is not None:
            # Opened from a phase column: that phase's row, with its form open.
            for index, row in enumerate(self.rows):
                if row.kind == "phase" and row.ref[0] == self.edit_phase:
                    self.list.highlighted = index
                    self.action_edit()
                    break

    def heading(self) -> str:
        return "[b]Plan structure[/b]  [$text-muted]n add · e edit · x delete · K/J move · u undo · ? keys[/]"

    @property
    def editor(self) -> Any:
        return self.app.session.editor

    # --- rows --------------------------------------------------------------
    def build_rows(self) -> list[Row]:
        plan = self.plan
        start = plan.start.isoformat() if plan.start else "no start date"
        rows = [
            Row(f"[b $accent]Plan[/]  [b]{escape(plan.title)}[/b] · {counted(plan.weeks, 'week')} · {start}", "plan")
        ]
        rows.append(Row(f"[b $accent]{SECTIONS['statuses']}[/]", "section", ("statuses",)))
        rows += [
            Row(f"  {escape(s)}  [$text-muted]{counted(len(plan.in_status(s)), 'objective')}[/]", "status", (s,), i)
            for i, s in enumerate(plan.statuses)
        ]
        rows.append(Row(f"[b $accent]{SECTIONS['phases']}[/]", "section", ("phases",)))
        for phase in plan.phases:
            rows.append(Row(self._phase_markup(phase), "phase", (phase.id,)))
            rows.append(Row("    [i]Success criteria[/i]", "items-head", ("criteria", phase.id)))
            rows += [
                Row(f"      {escape(c.text)}", "item", ("criteria", phase.id), i) for i, c in enumerate(phase.criteria)
            ]
            rows.append(Row("    [i]Rollback steps[/i]", "items-head", ("rollback", phase.id)))
            rows += [
                Row(f"      {escape(s.text)}", "item", ("rollback", phase.id), i)
                for i, s in enumerate(phase.rollback_steps)
            ]
        for section in ("risk_management", "final_validation"):
            rows.append(Row(f"[b $accent]{SECTIONS[section]}[/]", "section", (section,)))
            for checklist in getattr(plan, section):
                rows.append(Row(f"  [b]{escape(checklist.name)}[/b]", "checklist", (checklist.id, section)))
                rows += [
                    Row(f"      {escape(item.text)}", "item", ("checklist", checklist.id), i)
                    for i, item in enumerate(checklist.items)
                ]
        rows.append(Row(f"[b $accent]{SECTIONS['contingencies']}[/]", "section", ("contingencies",)))
        for item in plan.contingencies:
            rows.append(Row(f"  [b]{escape(item.name)}[/b]", "contingency", (item.id,)))
            rows += [Row(f"      {escape(a)}", "item", ("actions", item.id), i) for i, a in enumerate(item.actions)]
        rows.append(Row(f"[b $accent]{SECTIONS['metrics']}[/]", "section", ("metrics",)))
        rows += [
            Row(
                f"  {escape(m.name)}  [$text-muted]{m.group} · {escape(m.spec())} · {m.direction}[/]", "metric", (m.id,)
            )
            for m in plan.metrics
        ]
        return rows

    @staticmethod
    def _phase_markup(phase: Phase) -> str:
        weeks = (
            f"W{phase.first_week}" if phase.first_week == phase.last_week else f"W{phase.first_week}–{phase.last_week}"
        )
        facts = " · ".join(
            x
            for x in (
                weeks,
                phase.priority,
                f"{phase.risk} risk" if phase.risk else "",
                f"rollback {phase.rollback_estimate or '?'} / {phase.rollback_budget or '?'}",
            )
            if x
        )
        return f"  [b]{escape(phase.label())}[/b]  [$text-muted]{escape(facts)}[/]"

    # --- actions -----------------------------------------------------------
    def action_add(self) -> None:
        row = self.current()
        if row is None:
            return
        kind = row.ref[0] if row.kind == "section" else row.kind
        after = None if row.kind in ("section", "items-head") else row.index + 1
        ed = self.editor
        if kind in ("status", "statuses"):
            position = after if kind == "status" else None
            self.form(
                "New status",
                [Field("name", "Name", placeholder="e.g. in-review")],
                lambda v: lambda: ed.add_status(v["name"], position),
            )
        elif kind in ("phase", "phases"):
            last = max((p.last_week for p in self.plan.phases), default=0)
            fields = [
                Field("name", "Name"),
                Field("first", "First week", str(last + 1)),
                Field("last", "Last week", str(last + 1)),
                Field("priority", "Priority (critical, high, medium, low)"),
                Field("risk", "Risk level (low, medium, high, critical)"),
                Field("rollback_budget", "Rollback budget (e.g. 2h)"),
                Field("rollback_estimate", "Estimated rollback time (e.g. 90m)"),
            ]
            self.form(
                "New phase (weeks held by other phases are taken from them; weeks past the end lengthen the plan)",
                fields,
                lambda v: self._add_phase_op(v),
            )
        elif kind in ("item", "items-head"):
            list_kind, owner = row.ref
            self.form(
                f"New {ITEM_KINDS[list_kind]}",
                [Field("text", "Text")],
                lambda v: lambda: ed.add_item(list_kind, owner, v["text"], after),
            )
        elif kind in ("checklist", "risk_management", "final_validation"):
            section = row.ref[1] if kind == "checklist" else kind
            self.form("New checklist", [Field("name", "Name")], lambda v: lambda: ed.add_checklist(section, v["name"]))
        elif kind in ("contingency", "contingencies"):
            self.form("New contingency plan", [Field("name", "Name")], lambda v: lambda: ed.add_contingency(v["name"]))
        elif kind in ("metric", "metrics"):
            self.form("New metric", self._metric_fields(None), lambda v: self._metric_op(None, v))
        elif kind == "plan":
            self.action_edit()

    def action_edit(self) -> None:
        row = self.current()
        if row is None:
            return
        ed = self.editor
        plan = self.plan
        if row.kind == "plan":
            fields = [
                Field("title", "Title", plan.title),
                Field("summary", "Summary", plan.summary),
                Field("weeks", "Number of weeks", str(plan.weeks)),
                Field(
                    "start",
                    "Start (the Monday of week 1, YYYY-MM-DD; empty for none)",
                    plan.start.isoformat() if plan.start else "",
                ),
                Field("closing", "Closing note", plan.closing),
            ]

            def plan_op(v: dict[str, str]) -> Shaped:
                weeks = whole_number(v["weeks"], "the number of weeks")
                values = {**v, "weeks": weeks, "start": v["start"] or None}
                return weeks, lambda beyond: lambda: ed.edit_plan(beyond=beyond, **values)

            self.shaping_form("The plan (fewer weeks remove or trim the last phases)", fields, plan_op)
        elif row.kind == "status":
            old = row.ref[0]
            self.form(
                f"Rename status {old} (its objectives follow)",
                [Field("name", "Name", old)],
                lambda v: lambda: ed.rename_status(old, v["name"]),
            )
        elif row.kind == "phase":
            phase = plan.phase(row.ref[0])
            fields = [
                Field("name", "Name", phase.name),
                Field("id", "Id", phase.id),
                Field("first", "First week", str(phase.first_week)),
                Field("last", "Last week", str(phase.last_week)),
                Field("priority", "Priority (critical, high, medium, low)", phase.priority),
                Field("risk", "Risk level (low, medium, high, critical)", phase.risk),
                Field("rollback_budget", "Rollback budget (e.g. 2h)", phase.rollback_budget),
                Field("rollback_estimate", "Estimated rollback time (e.g. 90m)", phase.rollback_estimate),
            ]
            self.shaping_form(
                f"Phase {phase.id} (neighbours give or take the weeks; the last phase ends the plan)",
                fields,
                lambda v: self._phase_op(phase, v),
            )
        elif row.kind == "item":
            list_kind, owner = row.ref
            text = self._item_text(list_kind, owner, row.index)
            self.form(
                f"Edit {ITEM_KINDS[list_kind]}",
                [Field("text", "Text", text)],
                lambda v: lambda: ed.edit_item(list_kind, owner, row.index, v["text"]),
            )
        elif row.kind == "checklist":
            cid = row.ref[0]
            name = next(c.name for c in plan.iter_checklists() if c.id == cid)
            self.form(
                "Rename checklist",
                [Field("name", "Name", name)],
                lambda v: lambda: ed.edit_checklist(cid, name=v["name"]),
            )
        elif row.kind == "contingency":
            cid = row.ref[0]
            self.form(
                "Rename contingency plan",
                [Field("name", "Name", plan.contingency(cid).name)],
                lambda v: lambda: ed.edit_contingency(cid, name=v["name"]),
            )
        elif row.kind == "metric":
            mid = row.ref[0]
            self.form(f"Metric {mid}", self._metric_fields(mid), lambda v: self._metric_op(mid, v))

    def action_delete(self) -> None:
        """x: asks first, saying what goes with the row (a phase's criteria and steps, a plan's notes…)."""
        row = self.current()
        if row is None:
            return
        ed = self.editor
        plan = self.plan
        operation: Callable[[], Change] | None = None
        question = ""
        if row.kind == "status":
            operation = lambda: ed.delete_status(row.ref[0])  # noqa: E731
            question = f"Delete the status “{row.ref[0]}”?"
        elif row.kind == "phase":
            phase = plan.phase(row.ref[0])
            goes = f"its {counted(len(phase.criteria), 'success criterion', 'success criteria')}, {counted(len(phase.rollback_steps), 'rollback step')} and {counted(len(phase.risks), 'risk')} go with it"
            objectives = plan.objectives_in(phase)
            if objectives:
                others = ", ".join(p.id for p in plan.phases if p is not phase)
                self.form(
                    f"Delete phase {phase.id} “{phase.name}”: {goes}; its {counted(len(objectives), 'objective')} move to",
                    [Field("move_to", f"Phase id ({others})")],
                    lambda v: lambda: ed.delete_phase(phase.id, move_to=v["move_to"]),
                )
                return
            operation = lambda: ed.delete_phase(phase.id)  # noqa: E731
            question = f"Delete phase {phase.id} “{phase.name}”? {goes[0].upper()}{goes[1:]}."
        elif row.kind == "item":
            operation = lambda: ed.delete_item(row.ref[0], row.ref[1], row.index)  # noqa: E731
            question = f"Delete the {ITEM_KINDS[row.ref[0]]} “{self._item_text(row.ref[0], row.ref[1], row.index)}”?"
        elif row.kind == "checklist":
            checklist = next(c for c in plan.iter_checklists() if c.id == row.ref[0])
            operation = lambda: ed.delete_checklist(row.ref[0])  # noqa: E731
            question = f"Delete the checklist “{checklist.name}” and its {counted(len(checklist.items), 'item')}?"
        elif row.kind == "contingency":
            item = plan.contingency(row.ref[0])
            operation = lambda: ed.delete_contingency(row.ref[0])  # noqa: E731
            notes = " and its notes" if item.notes.strip() else ""
            active = " It is ACTIVE now." if item.active else ""
            question = (
                f"Delete the contingency plan “{item.name}”, its {counted(len(item.actions), 'action')}{notes}?{active}"
            )
        elif row.kind == "metric":
            metric = plan.metric(row.ref[0])
            operation = lambda: ed.delete_metric(row.ref[0])  # noqa: E731
            question = f"Delete the metric “{metric.name}” and its {counted(len(metric.history), 'reading')}?"
            criteria, conditions = plan.metric_links(metric.id)
            links = []
            if criteria:
                one = len(criteria) == 1
                links.append(f"{counted(len(criteria), 'criterion', 'criteria')} linked to it ")
                links[-1] += "becomes ticked by hand" if one else "become ticked by hand"
            if conditions:
                links.append(f"{counted(conditions, 'gate condition')} on it {'goes' if conditions == 1 else 'go'}")
            question += f" ({'; '.join(links)})" if links else ""
        if operation is None:
            return
        chosen = operation

        def delete() -> None:
            if self.apply(chosen):
                self.notify("Deleted — u brings it back", timeout=3)

        self.app.push_screen(ConfirmScreen(question, "Delete", on_yes=delete))

    def action_move(self, delta: int) -> None:
        row = self.current()
        if row is None:
            return
        ed = self.editor
        moves: dict[str, Callable[[], Change]] = {
            "status": lambda: ed.move_status(row.ref[0], delta),
            "phase": lambda: ed.move_phase(row.ref[0], delta),
            "item": lambda: ed.move_item(row.ref[0], row.ref[1], row.index, delta),
            "checklist": lambda: ed.move_checklist(row.ref[0], delta),
            "contingency": lambda: ed.move_contingency(row.ref[0], delta),
            "metric": lambda: ed.move_metric(row.ref[0], delta),
        }
        operation = moves.get(row.kind)
        if operation is None:
            return
        if self.apply(operation):
            # Follow the moved row.
            target = self.list.highlighted
            if target is not None:
                same = [i for i, r in enumerate(self.rows) if r.kind == row.kind]
                if target in same:
                    position = same.index(target) + delta
                    if 0 <= position < len(same):
                        self.list.highlighted = same[position]

    # --- helpers ---------------------------------------------------------
    def _item_text(self, kind: str, owner: str, index: int) -> str:
        plan = self.plan
        if kind == "criteria":
            return plan.phase(owner).criteria[index].text
        if kind == "rollback":
            return plan.phase(owner).rollback_steps[index].text
        if kind == "actions":
            return plan.contingency(owner).actions[index]
        return next(c for c in plan.iter_checklists() if c.id == owner).items[index].text

    def shaping_form(self, title: str, fields: list[Field], submit: Callable[[dict[str, str]], Shaped]) -> None:
        """A form for an edit that may move the plan's end: when objectives would fall after it,
        the form closes and a question asks whether to move them to the new last week or delete
        them (with their count and the phases removed); the whole edit is then ONE step."""

        def run(values: dict[str, str]) -> str | None:
            try:
                weeks, operation = submit(values)
            except ValueError as error:
                return str(error)
            if weeks >= 1 and cut_off_words(self.plan, weeks):
                self.app.call_later(self.ask_cut_off, weeks, operation)
                return None
            return self.app.try_apply(operation(None))

        self.app.push_screen(FieldsForm(title, fields, run))

    def ask_cut_off(self, weeks: int, operation: Callable[[str | None], Callable[[], Change]]) -> None:
        from board.screens.question import QuestionScreen

        plan = self.plan
        question = f"The plan ends with week {weeks}: {escape(cut_off_words(plan, weeks))}."
        gone = removed_phases(plan, weeks)
        if gone:
            names = ", ".join(f"{escape(p.id)} ({escape(p.name)})" for p in gone)
            question += f"\nPhase{'s' if len(gone) > 1 else ''} {names} {'are' if len(gone) > 1 else 'is'} removed."
        question += "\nOne step: u undoes all of it."

        def move() -> None:
            self.apply(operation("move"))

        def delete() -> None:
            self.apply(operation("delete"))

        choices = [("m", f"Move them to week {weeks}", move), ("d", "Delete them", delete)]
        self.app.push_screen(QuestionScreen(question, choices))

    def _phase_op(self, phase: Phase, v: dict[str, str]) -> Shaped:
        ed = self.editor
        first, last = whole_number(v["first"], "the first week"), whole_number(v["last"], "the last week")
        fields = {k: v[k] for k in ("name", "id", "priority", "risk", "rollback_budget", "rollback_estimate")}
        if (first, last) == (phase.first_week, phase.last_week):
            return self.plan.weeks, lambda _beyond: lambda: ed.edit_phase(phase.id, **fields)
        if last < first:
            raise ValueError(f"phase {phase.id!r}: the last week ({last}) comes before the first ({first})")
        # A moved boundary: the neighbours give or take the weeks, in the same step; the last phase
        # carries the plan's end with it (fewer weeks cut off what lies after it).
        spans: dict[str, tuple[int, int]] = {phase.id: (first, last)}
        ordered = sorted(self.plan.phases, key=lambda p: p.first_week)
        index = ordered.index(phase)
        if index > 0:
            before = ordered[index - 1]
            spans[before.id] = (before.first_week, first - 1)
        weeks = self.plan.weeks
        if index + 1 < len(ordered):
            after = ordered[index + 1]
            spans[after.id] = (last + 1, after.last_week)
        else:
            weeks = last

        def operation(beyond: str | None) -> Callable[[], Change]:
            steps: list[Callable[[], Change]] = []
            if weeks != self.plan.weeks:
                steps.append(lambda: ed.edit_plan(weeks=weeks, beyond=beyond))
            steps.append(lambda: ed.set_phase_weeks(spans))
            steps.append(lambda: ed.edit_phase(phase.id, **fields))
            return lambda: ed.combine(f"phase {phase.id}: {weeks_label(first, last)}", *steps)

        return weeks, operation

    def _add_phase_op(self, v: dict[str, str]) -> Callable[[], Change]:
        ed = self.editor
        first, last = whole_number(v["first"], "the first week"), whole_number(v["last"], "the last week")
        fields = {k: v[k] for k in ("priority", "risk", "rollback_budget", "rollback_estimate")}
        return lambda: ed.add_phase(v["name"], first, last, take=True, **fields)

    def _metric_fields(self, mid: str | None) -> list[Field]:
        m = self.plan.metric(mid) if mid else None
        return [
            Field("name", "Name", m.name if m else ""),
            Field("group", "Group (technical, business, quality)", m.group if m else "technical"),
            Field("unit", "Unit (e.g. %)", m.unit if m else "%"),
            Field("baseline", "Baseline (empty: none)", "" if m is None or m.baseline is None else f"{m.baseline:g}"),
            Field("target", "Target", f"{m.target:g}" if m else ""),
            Field(
                "relative",
                "Relative change? (yes / no: the target is a change, e.g. +40)",
                "yes" if m and m.relative else "no",
            ),
            Field("direction", "Direction (up, or down when lower is better)", m.direction if m else "up"),
        ]

    def _metric_op(self, mid: str | None, v: dict[str, str]) -> Callable[[], Change]:
        ed = self.editor
        values: dict[str, Any] = dict(v)
        values["relative"] = v["relative"].strip().lower() in ("yes", "y", "true", "1")
        values["baseline"] = a_number(v["baseline"], "the baseline") if v["baseline"] else None
        values["target"] = a_number(v["target"], "the target")
        if mid is None:
            name, group, target = values.pop("name"), values.pop("group"), values.pop("target")
            return lambda: ed.add_metric(name, group, target, **values)
        return lambda: ed.edit_metric(mid, **values)

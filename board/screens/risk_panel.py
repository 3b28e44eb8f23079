"""The risk & rollback panel (`r`): one phase's gate, rollback, criteria and risk register, and the plan-wide checklists."""

from __future__ import annotations

from collections.abc import Callable

from rich.cells import cell_len
from textual.app import ComposeResult
from textual.widgets import Static

from board.host import PlanChanged
from board.keys import bindings_for
from board.model import Change, Phase, Plan
from board.model.durations import describe_duration
from board.model.gates import METRIC_MARK, criterion_hint, criterion_words
from board.model.plan import RISK_STATES
from board.model.rules import weeks_label
from board.screens.fields_form import Field
from board.screens.gate_rows import gate_rows, rehearsal_rows
from board.screens.review_panel import ReviewPanel, Row, metric_mark, tick
from board.term import visible
from board.widgets.markup import escape


def severity_colour(score: int) -> str:
    return "$error" if score >= 15 else "$warning" if score >= 8 else "$success"


def risk_grid(plan: Plan, phase: Phase) -> str:
    """Likelihood (rows, 5 at the top) × impact (columns) with the count of open risks per cell."""
    grid = plan.risk_grid(phase.id)
    lines = ["[b]Open risks[/b]", "likelihood ↑ × impact →"]
    for likelihood in range(5, 0, -1):
        cells = []
        for impact in range(1, 6):
            count = len(grid.get((likelihood, impact), []))
            colour = severity_colour(likelihood * impact)
            cells.append(f"[{colour} b]{count:^3}[/]" if count else f"[{colour}] · [/]")
        lines.append(f" {likelihood} │" + "".join(cells))
    lines.append("   └" + "───" * 5)
    lines.append("     " + "".join(f"{i:^3}" for i in range(1, 6)))
    return "\n".join(lines)


def _int(value: str, name: str) -> int:
    try:
        return int(value)
    except ValueError:
        raise ValueError(f"{name} must be a whole number from 1 to 5, not {value!r}") from None


class RiskPanel(ReviewPanel):
    """Risk & rollback of one phase (the selected card's), and the plan-wide checklists."""

    TITLE_TEXT = "Risk & rollback"
    BINDINGS = bindings_for("risk")

    def __init__(self, phase_id: str) -> None:
        super().__init__()
        self.phase_id = phase_id
        self.grid = Static(id="panel-side")

    def side(self) -> ComposeResult:
        yield self.grid

    def on_plan_changed(self, event: PlanChanged) -> None:
        if self.follow_phase():
            super().on_plan_changed(event)

    def on_screen_resume(self) -> None:
        if self.follow_phase():
            super().on_screen_resume()

    def follow_phase(self) -> bool:
        """When the panel's phase is gone (deleted on disk, an add undone): show the first phase;
        with no phase left, close (False: nothing to show)."""
        phases = self.plan.phases
        if any(p.id == self.phase_id for p in phases):
            return True
        if phases:
            self.phase_id = phases[0].id
            self.list.highlighted = None
            return True
        if self.is_current:
            self.dismiss()
        return False

    @property
    def phase(self) -> Phase:
        return self.plan.phase(self.phase_id)

    def heading(self) -> str:
        """Two lines; on a narrow screen in their short form, so neither wraps at 80 columns."""
        phase = self.phase
        width = (self.app.size.width or 160) - 2
        name = f"Risk & rollback · {phase.label()}"
        weeks = weeks_label(phase.first_week, phase.last_week, "–")
        facts = f"{weeks} · priority {phase.priority or '—'} · risk {phase.risk or '—'}"
        if cell_len(visible(f"{name}  {facts}")) > width:
            facts = " · ".join(x for x in (weeks, phase.priority, f"{phase.risk} risk" if phase.risk else "") if x)
        over = "  estimate over budget" if phase.rollback_over_budget() else ""
        rollback = f"Rollback budget {describe_duration(phase.rollback_budget) if phase.rollback_budget else '—'}"
        rollback += f" · estimate {describe_duration(phase.rollback_estimate) if phase.rollback_estimate else '—'}"
        hint = next(
            (
                h
                for h in ("  ← → other phases · t this week's", "  ← → phases", "")
                if cell_len(rollback + over + h) <= width
            ),
            "",
        )
        return (
            f"[b]{escape(name)}[/b]  {escape(facts)}\n"
            f"{escape(rollback)}[$error b]{escape(over)}[/][$text-muted]{escape(hint)}[/]"
        )

    def build_rows(self) -> list[Row]:
        phase, plan = self.phase, self.plan
        pid = phase.id
        rehearsed = phase.rehearsed.isoformat() if phase.rehearsed else "never"
        rows = [Row(f"[b $accent]Rollback plan[/]  last rehearsal: {rehearsed}")]
        rows += [
            Row(f"  {tick(s.done)}{escape(s.text)}", "step", (pid,), i) for i, s in enumerate(phase.rollback_steps)
        ]
        today = self.app.today()
        rows += [Row(*row) for row in rehearsal_rows(plan, phase, today)]
        legend = f"  [$text-muted]{METRIC_MARK} from a metric[/]" if any(c.metric for c in phase.criteria) else ""
        met = f"{plan.criteria_met(phase)}/{len(phase.criteria)} met"
        rows.append(Row(f"[b $accent]Success criteria[/]  {met}{legend}"))
        for i, c in enumerate(phase.criteria):
            mark = metric_mark if c.metric else tick
            rows.append(
                Row(f"  {mark(plan.criterion_met(c))}{escape(criterion_words(plan, c))}", "criterion", (pid,), i)
            )
        rows += [Row(*row) for row in gate_rows(plan, phase, today)]
        rows.append(Row("[b $accent]Risk register[/]  [$text-muted]a add · x delete · ? keys[/]"))
        if not phase.risks:
            rows.append(Row("  [$text-muted]no risks recorded for this phase[/]"))
        for risk in phase.risks:
            score = risk.severity()
            who = f" @{escape(risk.owner)}" if risk.owner else ""
            mitigation = f" — {escape(risk.mitigation)}" if risk.mitigation else ""
            rows.append(
                Row(
                    f"  [{severity_colour(score)} b]L{risk.likelihood}×I{risk.impact}={score:<2}[/] {escape(risk.state):<9} {escape(risk.description)}{mitigation}{who}",
                    "risk",
                    (risk.id,),
                )
            )
        # The plan-wide final validation (acceptance criteria, post-implementation) is on the overview (o).
        rows.append(Row("[b $accent]Risk management[/]"))
        for checklist in plan.risk_management:
            rows.append(Row(f" [b]{escape(checklist.name)}[/b]  {checklist.done_count()}/{len(checklist.items)}"))
            rows += [
                Row(f"  {tick(item.done)}{escape(item.text)}", "check", (checklist.id,), i)
                for i, item in enumerate(checklist.items)
            ]
        return rows

    def refresh_side(self) -> None:
        self.grid.update(risk_grid(self.plan, self.phase))

    def action_tick(self) -> None:
        row = self.current()
        editor = self.app.session.editor
        if row is None or not row.kind:
            return
        if row.kind == "step":
            phase = self.phase
            finished_before = all(s.done for s in phase.rollback_steps)
            ticked = self.apply(lambda: editor.tick_rollback_step(row.ref[0], row.index))
            if ticked and not finished_before and all(s.done for s in phase.rollback_steps):
                self.ask_rehearsal_time()
        elif row.kind == "criterion":
            criterion = self.plan.phase(row.ref[0]).criteria[row.index]
            if criterion.metric:  # met from its metric's reading: say how, in one line
                self.notify(escape(criterion_hint(self.plan, criterion)), timeout=6)
                return
            self.apply(lambda: editor.tick_criterion(row.ref[0], row.index))
        elif row.kind == "check":
            self.apply(lambda: editor.tick_check(row.ref[0], row.index))
        elif row.kind == "risk":
            risk = next(r for r in self.phase.risks if r.id == row.ref[0])
            state = RISK_STATES[(RISK_STATES.index(risk.state) + 1) % len(RISK_STATES)]
            self.apply(lambda: editor.edit_risk(risk.id, state=state))

    def action_phase(self, delta: int) -> None:
        phases = sorted(self.plan.phases, key=lambda p: p.first_week)
        index = phases.index(self.phase) + delta
        if 0 <= index < len(phases):
            self.phase_id = phases[index].id
            self.list.highlighted = None
            self.refresh_rows()

    def action_this_phase(self) -> None:
        phase = self.plan.current_phase(self.app.today())
        if phase is None:
            self.notify("The plan is not running this week (no start date, or outside its weeks)", timeout=3)
            return
        self.phase_id = phase.id
        self.refresh_rows()

    def action_reset(self) -> None:
        editor = self.app.session.editor
        self.apply(lambda: editor.reset_rollback_steps(self.phase_id))

    def ask_rehearsal_time(self) -> None:
        """The tick list is finished: log the rehearsal with the time it took (escape: not logged)."""
        editor = self.app.session.editor
        pid = self.phase_id
        budget = self.phase.rollback_budget
        fields = [
            Field("took", "How long did the rollback take?", placeholder=f"e.g. 75m (budget {budget or 'none'})"),
            Field("outcome", "Outcome (ok or failed)", "ok"),
            Field("note", "Note"),
        ]
        self.form(
            "Rehearsal finished: log it",
            fields,
            lambda v: lambda: editor.record_rehearsal(pid, v["took"], v["outcome"] or "ok", v["note"]),
        )

    def action_signoff(self) -> None:
        """g: on a sign-off row, withdraw it when given, else record it (asks who); elsewhere, ask for the role too."""
        editor = self.app.session.editor
        pid = self.phase_id
        row = self.current()
        gate = self.phase.gate
        if row is not None and row.kind == "signoff":
            role = row.ref[1]
            if gate is not None and gate.signoff_of(role) is not None:
                self.apply(lambda: editor.withdraw_signoff(pid, role))
                return
            self.form(
                f"Sign off {role}",
                [Field("by", "Signed off by", placeholder="name")],
                lambda v: lambda: editor.record_signoff(pid, role, v["by"]),
            )
            return
        missing = [r for r in (gate.signoffs if gate else []) if gate is not None and gate.signoff_of(r) is None]
        fields = [
            Field("role", "Role", missing[0] if missing else "", placeholder="release manager"),
            Field("by", "Signed off by", placeholder="name"),
        ]
        self.form("Record a sign-off", fields, lambda v: lambda: editor.record_signoff(pid, v["role"], v["by"]))

    def action_add_risk(self) -> None:
        editor = self.app.session.editor
        pid = self.phase_id
        fields = [
            Field("description", "Risk", placeholder="What could go wrong"),
            Field("likelihood", "Likelihood (1-5)", "3"),
            Field("impact", "Impact (1-5)", "3"),
            Field("mitigation", "Mitigation"),
            Field("owner", "Owner"),
        ]

        def make(v: dict[str, str]) -> Callable[[], Change]:
            likelihood, impact = _int(v["likelihood"], "likelihood"), _int(v["impact"], "impact")
            return lambda: editor.add_risk(
                pid,
                v["description"],
                likelihood=likelihood,
                impact=impact,
                mitigation=v["mitigation"],
                owner=v["owner"],
            )

        self.form(f"New risk for {self.phase.name}", fields, make)

    def action_edit(self) -> None:
        row = self.current()
        editor = self.app.session.editor
        if row is None or not row.kind:
            return
        if row.kind == "risk":
            risk = next(r for r in self.phase.risks if r.id == row.ref[0])
            fields = [
                Field("description", "Risk", risk.description),
                Field("likelihood", "Likelihood (1-5)", str(risk.likelihood)),
                Field("impact", "Impact (1-5)", str(risk.impact)),
                Field("mitigation", "Mitigation", risk.mitigation),
                Field("owner", "Owner", risk.owner),
                Field("state", "State (open, mitigated, closed)", risk.state),
            ]

            def make_risk(v: dict[str, str]) -> Callable[[], Change]:
                values = {**v, "likelihood": _int(v["likelihood"], "likelihood"), "impact": _int(v["impact"], "impact")}
                return lambda: editor.edit_risk(risk.id, **values)

            self.form(f"Edit risk {risk.id}", fields, make_risk)
            return
        kind = {"step": "rollback", "criterion": "criteria", "check": "checklist"}[row.kind]
        text = self._row_text(row)
        self.form(
            "Edit line",
            [Field("text", "Text", text)],
            lambda v: lambda: editor.edit_item(kind, row.ref[0], row.index, v["text"]),
        )

    def _row_text(self, row: Row) -> str:
        if row.kind == "step":
            return self.plan.phase(row.ref[0]).rollback_steps[row.index].text
        if row.kind == "criterion":
            return self.plan.phase(row.ref[0]).criteria[row.index].text
        checklist = next(c for c in self.plan.iter_checklists() if c.id == row.ref[0])
        return checklist.items[row.index].text

    def action_delete_risk(self) -> None:
        row = self.current()
        if row is None or row.kind != "risk":
            self.notify("Highlight a risk of the register to delete it", timeout=3)
            return
        editor = self.app.session.editor
        if self.apply(lambda: editor.delete_risk(row.ref[0])):
            self.notify(f"Deleted risk {row.ref[0]} — u brings it back", timeout=3)

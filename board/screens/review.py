"""The review panels a standup runs on: risk & rollback (`r`), contingency (`c`), metrics (`m`).

Each panel is a list of rows over the plan; a row knows what it stands for
(a rollback step, a criterion, a risk, a checklist item, a contingency plan,
a metric) and the panel's keys act on the highlighted row through the editor,
so every tick is saved at once and undoable on the board (`u`).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from rich.cells import cell_len
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.screen import Screen
from textual.timer import Timer
from textual.widgets import Footer, OptionList, Static, TextArea
from textual.widgets.option_list import Option

from board.model import Change, Metric, Phase, Plan
from board.model.durations import describe_duration
from board.model.gates import criterion_words
from board.model.numbers import number_problem, parse_number
from board.model.plan import RISK_STATES
from board.model.rules import weeks_label
from board.screens.fields_form import Field, FieldsForm
from board.screens.gate_rows import gate_rows, rehearsal_rows
from board.term import visible
from board.widgets.cards import progress_bar, truncate
from board.widgets.markup import escape

if TYPE_CHECKING:
    from board.app import RolloutApp

SPARKS = "▁▂▃▄▅▆▇█"


@dataclass(frozen=True)
class Row:
    markup: str
    kind: str = ""  # "" for a heading; else what the keys act on
    ref: tuple[str, ...] = ()
    index: int = 0


def option(row: Row, width: int = 0) -> Option:
    """The row as an option; leading spaces are kept (as no-break spaces) so indentation shows.
    Given the list's ``width``, a long row is wrapped here so its next lines keep the indent
    (two more than the first: under the text after a tick or a bullet)."""
    stripped = row.markup.lstrip(" ")
    indent = len(row.markup) - len(stripped)
    content = Content.from_markup(stripped)
    hang = indent + 2
    if width <= hang + 10 or content.cell_length <= width - indent:
        return Option(Content("\u00a0" * indent) + content, disabled=not row.kind)
    lines = content.wrap(width - hang)
    prompt = Content("\u00a0" * indent) + lines[0]
    for line in lines[1:]:
        prompt = prompt + Content("\n" + "\u00a0" * hang) + line
    return Option(prompt, disabled=not row.kind)


def tick(done: bool) -> str:
    return "[$success]☑[/]" if done else "☐"


def duration(text: str) -> str:
    return escape(describe_duration(text)) if text else "—"


def sparkline(values: list[float]) -> str:
    if not values:
        return ""
    low, high = min(values), max(values)
    span = (high - low) or 1
    return "".join(SPARKS[round((v - low) / span * (len(SPARKS) - 1))] for v in values[-16:])


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


class ReviewPanel(Screen[None]):
    """A list of rows whose keys act through the editor; subclasses say what the rows are."""

    DEFAULT_CSS = """
    ReviewPanel #panel-title { padding: 0 1; background: $panel; height: auto; }
    ReviewPanel OptionList, ReviewPanel OptionList:focus { height: 1fr; border: none; padding: 0 1; }
    ReviewPanel #panel-side { width: 28; padding: 1 2; height: auto; }
    ReviewPanel Horizontal { height: 1fr; }
    """
    BINDINGS = [
        Binding("escape", "close", "Back", id="panel.back"),
        Binding("j", "cursor(1)", "Down", show=False, id="panel.down"),
        Binding("k", "cursor(-1)", "Up", show=False, id="panel.up"),
        Binding("g,home", "edge(-1)", "First", show=False, id="panel.first"),
        Binding("G,end", "edge(1)", "Last", show=False, id="panel.last"),
        Binding("u", "undo", "Undo", id="panel.undo"),
        Binding("ctrl+r", "redo", "Redo", show=False, id="panel.redo"),
    ]
    TITLE_TEXT = ""

    app: RolloutApp

    def __init__(self) -> None:
        super().__init__()
        self.rows: list[Row] = []
        self.title_widget = Static(id="panel-title")
        self.list = OptionList(id="panel-list")

    @property
    def plan(self) -> Plan:
        return self.app.session.plan

    def compose(self) -> ComposeResult:
        yield self.title_widget
        with Horizontal():
            yield self.list
            yield from self.side()
        yield Footer()

    def side(self) -> ComposeResult:
        yield from ()

    def on_mount(self) -> None:
        self.refresh_rows()
        self.set_focus(self.list)

    def on_screen_resume(self) -> None:
        self.refresh_rows()

    def build_rows(self) -> list[Row]:
        raise NotImplementedError

    def heading(self) -> str:
        return f"[b]{self.TITLE_TEXT}[/b]"

    def refresh_rows(self) -> None:
        keep = self.list.highlighted
        self.rows = self.build_rows()
        self.list.clear_options()
        self.list.add_options([option(row, self.list_width()) for row in self.rows])
        self.title_widget.update(self.heading())
        if keep is None:
            keep = next((i for i, row in enumerate(self.rows) if row.kind), None)
        if keep is not None and self.rows:
            self.list.highlighted = min(keep, len(self.rows) - 1)
        self.refresh_side()

    def refresh_side(self) -> None:
        pass

    def list_width(self) -> int:
        """The cells an option has (0 before the first layout: rows are not wrapped by hand then)."""
        # Two cells to spare: the option's own gutter.
        return max(0, self.list.scrollable_content_region.width - 2)

    def on_resize(self) -> None:
        # The rows are wrapped to the list's width by hand (to keep their indent): again at a new size.
        self.refresh_rows()

    def current(self) -> Row | None:
        index = self.list.highlighted
        return self.rows[index] if index is not None and 0 <= index < len(self.rows) else None

    def apply(self, operation: Callable[[], Change]) -> bool:
        board = self.app.board_screen
        if board is None or board.apply(operation) is None:
            return False
        self.refresh_rows()
        return True

    def form(self, title: str, fields: list[Field], submit: Callable[[dict[str, str]], Callable[[], Change]]) -> None:
        """A form whose values make one editor operation; a refusal is shown in the form."""

        def run(values: dict[str, str]) -> str | None:
            board = self.app.board_screen
            if board is None:
                return "the board is not open"
            try:
                operation = submit(values)
            except ValueError as error:
                return str(error)
            problem = board.try_apply(operation)
            if problem is None:
                self.refresh_rows()
            return problem

        self.app.push_screen(FieldsForm(title, fields, run))

    @on(OptionList.OptionHighlighted)
    def highlighted(self) -> None:
        self.refresh_side()

    # --- keys every panel shares ------------------------------------------
    def action_cursor(self, delta: int) -> None:
        """j / k: the next / previous row the keys act on (headings are skipped)."""
        if delta > 0:
            self.list.action_cursor_down()
        else:
            self.list.action_cursor_up()

    def action_edge(self, direction: int) -> None:
        if direction < 0:
            self.list.action_first()
        else:
            self.list.action_last()

    def action_undo(self) -> None:
        board = self.app.board_screen
        if board is not None:
            board.action_undo()
            self.after_undo()

    def action_redo(self) -> None:
        board = self.app.board_screen
        if board is not None:
            board.action_redo()
            self.after_undo()

    def after_undo(self) -> None:
        """Show the plan as the undo or redo left it."""
        self.refresh_rows()

    def action_close(self) -> None:
        self.dismiss()


def _int(value: str, name: str) -> int:
    try:
        return int(value)
    except ValueError:
        raise ValueError(f"{name} must be a whole number from 1 to 5, not {value!r}") from None


class RiskPanel(ReviewPanel):
    """Risk & rollback of one phase (the selected card's), and the plan-wide checklists."""

    TITLE_TEXT = "Risk & rollback"
    BINDINGS = [
        Binding("space", "tick", "Tick", id="risk.tick"),
        Binding("left", "phase(-1)", "◀ Phase", id="risk.previous-phase"),
        Binding("right", "phase(1)", "Phase ▶", id="risk.next-phase"),
        Binding("t", "this_phase", "This week's phase", id="risk.this-phase"),
        Binding("R", "reset", "Reset rehearsal", id="risk.reset"),
        Binding("g", "signoff", "Sign off", id="risk.signoff"),
        Binding("a", "add_risk", "Add risk", id="risk.add"),
        Binding("e", "edit", "Edit", id="risk.edit"),
        Binding("x", "delete_risk", "Delete risk", id="risk.delete"),
    ]

    def __init__(self, phase_id: str) -> None:
        super().__init__()
        self.phase_id = phase_id
        self.grid = Static(id="panel-side")

    def side(self) -> ComposeResult:
        yield self.grid

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
            Row(f"  {tick(s.done)} {escape(s.text)}", "step", (pid,), i) for i, s in enumerate(phase.rollback_steps)
        ]
        today = self.app.today()
        rows += [Row(*row) for row in rehearsal_rows(plan, phase, today)]
        rows.append(Row(f"[b $accent]Success criteria[/]  {plan.criteria_met(phase)}/{len(phase.criteria)} met"))
        rows += [
            Row(f"  {tick(plan.criterion_met(c))} {escape(criterion_words(plan, c))}", "criterion", (pid,), i)
            for i, c in enumerate(phase.criteria)
        ]
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
                Row(f"  {tick(item.done)} {escape(item.text)}", "check", (checklist.id,), i)
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


class ContingencyPanel(ReviewPanel):
    """The contingency plans: active or on standby, their actions, and notes saved as you type."""

    TITLE_TEXT = "Contingency plans"
    BINDINGS = [
        Binding("space", "activate_or_tick", "Activate / tick", id="contingency.toggle"),
        Binding("tab", "notes", "Notes", id="contingency.notes"),
    ]
    DEFAULT_CSS = """
    ContingencyPanel #notes { width: 1fr; height: 1fr; }
    ContingencyPanel #notes-box { width: 1fr; }
    """

    def __init__(self) -> None:
        super().__init__()
        self.notes = TextArea(id="notes")
        self.notes_label = Static(id="notes-label")
        self.notes_for: str | None = None
        self._idle: Timer | None = None

    def side(self) -> ComposeResult:
        with Vertical(id="notes-box"):
            yield self.notes_label
            yield self.notes

    def build_rows(self) -> list[Row]:
        rows: list[Row] = []
        for plan in self.plan.contingencies:
            if plan.active:
                state = f"[$error b]ACTIVE since {plan.activated.isoformat() if plan.activated else '?'}[/]"
            else:
                state = "[$text-muted]standby[/]"
            if plan.active and plan.actions:
                state += f"  {plan.done_count()}/{len(plan.actions)} done"
            rows.append(Row(f"[b]{escape(plan.name)}[/b]  {state}", "contingency", (plan.id,)))
            for i, action in enumerate(plan.actions):
                done = plan.tick_of(action)
                when = f"  [$text-muted]{done.date.isoformat()}[/]" if done is not None and done.date else ""
                rows.append(Row(f"   {tick(done is not None)} {escape(action)}{when}", "action", (plan.id,), i))
        return rows or [Row("No contingency plans in this plan.")]

    def heading(self) -> str:
        return "[b]Contingency plans[/b]  [$text-muted]space: activate a plan · tick an action of an active one[/]"

    def highlighted_plan(self) -> str | None:
        index = self.list.highlighted
        if index is None:
            return None
        for row in reversed(self.rows[: index + 1]):
            if row.kind == "contingency":
                return row.ref[0]
        return None

    def refresh_side(self) -> None:
        cid = self.highlighted_plan()
        if cid is None or cid == self.notes_for:
            return
        self.save_notes()
        self.notes_for = cid
        plan = self.plan.contingency(cid)
        self.notes_label.update(f"[b]Notes · {escape(plan.name)}[/b]  [$text-muted]tab edits, saved as you type[/]")
        with self.notes.prevent(TextArea.Changed):
            self.notes.text = plan.notes

    def action_activate_or_tick(self) -> None:
        cid = self.highlighted_plan()
        if cid is None:
            return
        editor = self.app.session.editor
        row = self.current()
        if row is not None and row.kind == "action":
            self.apply(lambda: editor.tick_contingency_action(cid, row.index))
            return
        active = not self.plan.contingency(cid).active
        self.apply(lambda: editor.set_contingency_active(cid, active))

    def action_notes(self) -> None:
        self.set_focus(self.notes)

    @on(TextArea.Changed, "#notes")
    def notes_changed(self) -> None:
        if self._idle is not None:
            self._idle.stop()
        self._idle = self.set_timer(1.0, self.save_notes)

    def on_descendant_blur(self, event: object) -> None:
        self.save_notes()

    def save_notes(self) -> None:
        if self._idle is not None:
            self._idle.stop()
            self._idle = None
        cid = self.notes_for
        if cid is None or cid not in {c.id for c in self.plan.contingencies}:
            return
        text = self.notes.text.rstrip()
        if text != self.plan.contingency(cid).notes:
            editor = self.app.session.editor
            board = self.app.board_screen
            if board is not None:
                board.apply(lambda: editor.set_contingency_notes(cid, text))
            self.refresh_rows_keep_notes()

    def refresh_rows_keep_notes(self) -> None:
        keep = self.list.highlighted
        self.rows = self.build_rows()
        self.list.clear_options()
        self.list.add_options([option(row, self.list_width()) for row in self.rows])
        if keep is not None:
            self.list.highlighted = keep

    def action_undo(self) -> None:
        self.save_notes()  # typed notes are the last change: u takes them back first
        super().action_undo()

    def after_undo(self) -> None:
        self.notes_for = None  # show the notes as the plan now has them, without saving the old text
        self.refresh_rows()

    def action_close(self) -> None:
        self.save_notes()
        self.dismiss()


METRIC_COLUMNS = ("Baseline", "Current", "Target", "Progress", "Trend")
VALUE_WIDTH = 8
BAR_WIDTH = 8
TREND_WIDTH = 9
METRIC_FIXED = 2 + 3 * (1 + VALUE_WIDTH) + 1 + BAR_WIDTH + 5 + 1 + TREND_WIDTH


def trend(metric: Metric) -> str:
    """The last readings as a sparkline, then whether the last change was for the better (↗) or worse (↘)."""
    values = [r.value for r in sorted(metric.history, key=lambda r: r.date)]
    if not values:
        return "[$text-muted]—[/]"
    spark = sparkline(values[-(TREND_WIDTH - 2) :])
    if len(values) < 2 or values[-1] == values[-2]:
        return f"[$accent]{spark}[/] →"
    better = (values[-1] > values[-2]) == (metric.direction != "down")
    return f"[$accent]{spark}[/] " + ("[$success]↗[/]" if better else "[$error]↘[/]")


def metric_row(metric: Metric, name_width: int) -> str:
    """One metric on one line: name, baseline, current, target (≥ or ≤: which way is better), progress, trend."""
    from board.standup.wording import format_value

    def cell(text: str) -> str:
        return escape(truncate(text, VALUE_WIDTH).rjust(VALUE_WIDTH))

    if metric.relative:
        baseline = "[$text-muted]" + "start".rjust(VALUE_WIDTH) + "[/]"
    else:
        baseline = cell("—" if metric.baseline is None else format_value(metric, metric.baseline))
    current = cell("—" if metric.current is None else format_value(metric, metric.current))
    better = "≤" if metric.direction == "down" else "≥"
    target = cell(better + format_value(metric, metric.target))
    progress = metric.progress()
    bar = progress_bar(round((progress or 0) * 100), 100, BAR_WIDTH)
    pct = "   —" if progress is None else f"{progress * 100:3.0f}%"
    name = escape(truncate(metric.name, name_width).ljust(name_width))
    return f"  {name} {baseline} [b]{current}[/b] {target} [$success]{bar}[/]{pct:>5} {trend(metric)}"


def metric_header(name_width: int) -> str:
    names = " ".join(c.rjust(VALUE_WIDTH) for c in METRIC_COLUMNS[:3])
    return f"[b $text-muted]  {'Metric'.ljust(name_width)} {names} {METRIC_COLUMNS[3].ljust(BAR_WIDTH + 5)} {METRIC_COLUMNS[4]}[/]"


class MetricsPanel(ReviewPanel):
    """The success metrics by group: one row each under column headers (baseline, current, target,
    progress, trend); relative metrics (+40%) count the change since the start."""

    TITLE_TEXT = "Success metrics"
    BINDINGS = [Binding("v", "record", "Record value", id="metrics.record")]

    def heading(self) -> str:
        return "[b]Success metrics[/b]  [$text-muted]v records a value for the highlighted metric (date: today)[/]"

    def name_width(self) -> int:
        # The list's padding and scrollbar take 4 columns of the screen; one more to spare.
        return max(12, min(32, (self.app.size.width or 80) - 5 - METRIC_FIXED))

    def build_rows(self) -> list[Row]:
        rows: list[Row] = []
        width = self.name_width()
        for group in ("technical", "business", "quality"):
            metrics = [m for m in self.plan.metrics if m.group == group]
            if not metrics:
                continue
            rows.append(Row(f"[b $accent]{group.title()} metrics[/]"))
            rows.append(Row(metric_header(width)))
            rows += [Row(metric_row(metric, width), "metric", (metric.id,)) for metric in metrics]
        if not rows:
            return [Row("No metrics in this plan.")]
        if any(m.relative for m in self.plan.metrics):
            rows.append(Row("[$text-muted]Relative metrics (±%) count the change since the start of the rollout.[/]"))
        rows.append(Row("[$text-muted]≥ higher is better · ≤ lower is better · ↗ ↘ the last reading's change[/]"))
        return rows

    def action_record(self) -> None:
        row = self.current()
        if row is None or row.kind != "metric":
            return
        editor = self.app.session.editor
        metric = self.plan.metric(row.ref[0])
        today = self.app.today()

        def make(v: dict[str, str]) -> Callable[[], Change]:
            value = parse_number(v["value"])
            if value is None:
                raise ValueError(number_problem(v["value"]) or f"{v['value']!r} is not a number")
            try:
                day = date.fromisoformat(v["date"]) if v["date"] else today
            except ValueError:
                raise ValueError(f"{v['date']!r} is not a date like {today.isoformat()}") from None
            return lambda: editor.record_metric(metric.id, value, day)

        unit = f" ({metric.unit})" if metric.unit else ""
        hint = "the change since the start, e.g. 15" if metric.relative else ""
        self.form(
            f"Record {metric.name} · {metric.spec()}",
            [Field("value", f"Value{unit}", placeholder=hint), Field("date", "Date", today.isoformat())],
            make,
        )

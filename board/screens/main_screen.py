"""The main screen: header, filter, card views, footer.

Its keys make editor operations on the selected objective and hand them to the app's
one path (``self.app.apply``, board/host.py); the screen redraws when the app publishes
the PlanChanged (:meth:`MainScreen.on_plan_changed`): the cards the change touched, then
the header. The header's save and git state are bound to the app's reactives.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from textual import on
from textual.app import ComposeResult
from textual.screen import Screen
from textual.widgets import Input

from board.host import Host, PlanChanged
from board.keys import bindings_for
from board.model import Objective, Phase, Plan
from board.widgets.card_views import CardViews
from board.widgets.column import UNPLACED
from board.widgets.control_marks import health_markup
from board.widgets.key_footer import KeyFooter
from board.widgets.plan_header import PlanHeader


class MainScreen(Screen[None]):
    BINDINGS = bindings_for("board")

    app: Host

    def __init__(self) -> None:
        super().__init__()
        session = self.app.session
        # The app builds this screen: the header binds to the app's save and git state.
        self.header = PlanHeader(id="plan-header").data_bind(Host.save_state, Host.git_state)
        self.filter_input = Input(
            placeholder="filter: title, id, owner, tag — enter keeps it, escape clears", id="filter", compact=True
        )
        self.board = CardViews(session.plan, today=self.app.today(), id="board")
        self._column_moves: dict[str, tuple[int, int]] = {}
        """The last H / L of each card: (the week it left, the week it landed in), so the opposite key returns it."""

    def compose(self) -> ComposeResult:
        # The filter field joins (above the board) on the first ``/``: the first frame has no use for it.
        yield self.header
        yield self.board
        yield KeyFooter(compact=True)

    @property
    def filter_shown(self) -> bool:
        return self.filter_input.is_mounted and self.filter_input.display

    def on_mount(self) -> None:
        self.refresh_header()
        self.set_focus(self.board)
        self.app.plan_changed.subscribe(self, self.on_plan_changed)

    # --- header ----------------------------------------------------------
    def refresh_header(self) -> None:
        app = self.app
        plan = app.session.plan
        header = self.header
        header.title_text = plan.title
        header.file_text = app.display_path
        header.week_text = week_text(plan, app.today())
        active = [c.name for c in plan.contingencies if c.active]
        header.contingencies = ", ".join(active)
        header.health = health_markup(self.board.marks.health)
        header.read_only = app.read_only

    def on_card_views_shown(self, message: CardViews.Shown) -> None:
        self.header.shown = (message.matches, message.total) if self.board.filter_text else None
        self.header.phase_filter = phase_filter_text(self.app.session.plan, self.board)

    # --- views and filter ------------------------------------------------
    def action_view(self, view: str) -> None:
        self.board.view = view
        self.set_focus(self.board)

    async def action_filter(self) -> None:
        if not self.filter_input.is_mounted:
            # Awaited: keys typed right after ``/`` (a burst) are read once the field has focus.
            await self.mount(self.filter_input, before=self.board)
        self.filter_input.display = True
        self.set_focus(self.filter_input)

    @on(Input.Changed, "#filter")
    def filter_changed(self, event: Input.Changed) -> None:
        self.board.filter_text = event.value

    @on(Input.Submitted, "#filter")
    def filter_submitted(self) -> None:
        if not self.filter_input.value:
            self.filter_input.display = False
        self.set_focus(self.board)

    def action_clear_filter(self) -> None:
        if self.filter_input.is_mounted:
            self.filter_input.value = ""
            self.filter_input.display = False
        self.board.filter_text = ""
        self.set_focus(self.board)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "clear_filter":
            return True if (self.board.filter_text or self.filter_shown) else None
        # The keys are priority bindings: while the filter has focus, letters are typed into it.
        return self.focused is not self.filter_input

    def action_jump(self, oid: str) -> None:
        """Select ``oid`` (the palette's "jump to"), clearing a filter that hides it."""
        obj = self.app.session.plan.find_objective(oid)
        if obj is None:
            return
        if self.board.filter_text and not obj.matches(self.board.filter_text):
            self.action_clear_filter()
        self.board.select(oid)

    # --- undo / redo -----------------------------------------------------
    def action_undo(self) -> None:
        self.app.undo()

    def action_redo(self) -> None:
        self.app.redo()

    # --- panels ----------------------------------------------------------
    def action_panel(self, name: str) -> None:
        self.app.open_panel(name, self.board.selected)

    def action_edit_phase(self) -> None:
        """E: edit the phase of the column in focus (its name, weeks, priority, risk, rollback)."""
        from board.screens.planning import PlanningScreen

        plan = self.app.session.plan
        obj = plan.find_objective(self.board.selected) if self.board.selected else None
        phase = plan.phase_of(obj) if obj else None
        column = self.board.current_column()
        if phase is None and column is not None and self.board.view == "phase" and column.key != UNPLACED:
            phase = plan.phase(column.key)
        if phase is None:
            self.notify("Select a card of the phase to edit (or use P for the whole plan)", timeout=3)
            return
        self.app.push_screen(PlanningScreen(edit_phase=phase.id))

    # --- what a change shows -----------------------------------------------
    def on_plan_changed(self, event: PlanChanged) -> None:
        """The app applied and saved a change (or replaced the plan): redraw what it touched."""
        plan = self.app.session.plan
        board = self.board
        select = event.select
        if event.change is None:
            # A new plan (reloaded from disk, another file): draw it, keeping the selection by id.
            if select is not None:
                board.selected = select
            board.set_plan(plan)
            self.refresh_header()
            board.select(board.selected)
            return
        if select is not None:
            board.selected = select
        elif board.selected is not None and plan.find_objective(board.selected) is None:
            renamed = [oid for oid in event.change.objectives if plan.find_objective(oid)]
            board.selected = renamed[0] if renamed else None
        board.changed(event.change)
        if select is not None:
            board.select(select)
        self.refresh_header()

    # --- applying commands -----------------------------------------------

    async def action_objective(self, name: str, argument: int = 0) -> None:
        """A key on the selected objective, applied before the next key is read."""
        await self.run_command(name, self.board.selected, argument)

    async def on_card_views_opened(self, message: CardViews.Opened) -> None:
        await self.run_command("open", message.objective_id)

    async def run_command(self, name: str, oid: str | None, argument: int = 0) -> None:
        app = self.app
        editor = app.session.editor
        plan = app.session.plan
        if name == "new":
            await self.app.open_form(None, default_week=self._default_week(oid))
            return
        if oid is None:
            self.notify("No objective selected", timeout=2)
            return
        if name == "open":
            await self.app.open_objective(oid)
        elif name == "advance":
            before = plan.objective(oid).status
            if app.apply(lambda: editor.advance(oid)) is not None:
                self.warn_gate(oid, before)
        elif name == "block":
            await app.toggle_blocked(oid)
        elif name == "week":
            if app.apply(lambda: editor.shift_week(oid, argument), select=oid) is not None and argument > 0:
                self.warn_slips(oid)
        elif name == "reorder":
            obj = plan.objective(oid)
            same: Callable[[Objective], bool] | None = None
            if self.board.view == "status":
                same = lambda other: other.status == obj.status  # noqa: E731
            app.apply(lambda: editor.reorder_objective(oid, argument, same), select=oid)
        elif name == "column":
            self.move_to_column(oid, argument)
        elif name == "edit":
            await self.app.open_form(oid)
        elif name == "delete":
            await app.confirm_delete(oid, then_select=self.board.neighbour(oid))
        elif name == "depend":
            await app.pick_dependency(oid)

    def warn_slips(self, oid: str) -> None:
        from board.model.notices import slip_notice

        notice = slip_notice(self.app.session.plan, oid)
        if notice:
            self.notify(notice, severity="warning", timeout=5)

    def warn_gate(self, oid: str, before: str) -> None:
        from board.model.notices import gate_notice

        notice = gate_notice(self.app.session.plan, oid, before, self.app.today())
        if notice:
            self.notify(notice, severity="warning", timeout=5)

    def _default_week(self, oid: str | None) -> int:
        plan = self.app.session.plan
        if oid is not None and (obj := plan.find_objective(oid)) is not None:
            return obj.week
        week = plan.this_week(self.app.today()) or 1
        return min(max(1, week), plan.weeks)

    def move_to_column(self, oid: str, delta: int) -> None:
        """H / L: the next column of the view — the next phase, or the next status."""
        editor = self.app.session.editor
        plan = self.app.session.plan
        obj = plan.objective(oid)
        if self.board.view == "status":
            index = plan.statuses.index(obj.status) + delta
            if not 0 <= index < len(plan.statuses):
                self.notify("No column there", timeout=2)
                return
            status = plan.statuses[index]
            before = obj.status
            if self.app.apply(lambda: editor.set_status(oid, status), select=oid) is not None:
                self.warn_gate(oid, before)
            return
        phases = sorted(plan.phases, key=lambda p: p.first_week)
        phase = plan.phase_of(obj)
        if phase is None:
            self.notify(f"Week {obj.week} is in no phase: give it a phase in planning (P) or move its week", timeout=3)
            return
        index = phases.index(phase) + delta
        if not 0 <= index < len(phases):
            self.notify("No column there", timeout=2)
            return
        target = phases[index]
        week = column_week(target, delta, obj.week, self._column_moves.get(oid))
        left = obj.week
        if self.app.apply(lambda: editor.move_to_week(oid, week), select=oid) is not None:
            self._column_moves[oid] = (left, week)
            if delta > 0:
                self.warn_slips(oid)


def phase_filter_text(plan: Plan, board: CardViews) -> str:
    """ "P1 Foundation & Security" while the status board shows one phase (``p``), else ""."""
    if board.view != "status" or not board.phase_filter:
        return ""
    try:
        phase = plan.phase(board.phase_filter)
    except KeyError:
        return ""
    return f"{phase.id.upper()} {phase.name}"


def column_week(target: Phase, delta: int, week: int, last_move: tuple[int, int] | None) -> int:
    """The week H (``delta`` -1) or L (+1) moves a card of ``week`` to in the phase ``target``.

    The nearest week of the neighbouring phase: its last week going left, its first
    going right; but a card that has just come from ``target`` (``last_move``, the
    week it left and the week it landed in) goes back to the week it came from.
    """
    if last_move is not None:
        came_from, landed = last_move
        if landed == week and target.covers(came_from):
            return came_from
    return target.last_week if delta < 0 else target.first_week


NO_START = "No start date: P, then e on Plan, sets week 1's Monday"


def week_text(plan: Plan, today: date) -> str:
    """ "Week 3 of 8 · Component Architecture", or how to set the start date when there is none."""
    week = plan.this_week(today)
    if week is None:
        if plan.start is None:
            return NO_START
        return f"Starts {plan.start.isoformat()}"
    if week > plan.weeks:
        return f"Finished (week {week} since the start, plan of {plan.weeks})"
    phase = plan.phase_of_week(week)
    return f"Week {week} of {plan.weeks}" + (f" · {phase.name}" if phase else "")

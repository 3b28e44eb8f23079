"""The board: phase columns, status columns or the timeline, with the selection and the keys that move it.

The board draws the plan and owns the selection. The keys that change the
plan belong to the screen, which hands them to the app's one path (board/host.py):
the app applies and saves the change at once and publishes a PlanChanged, on
which the screen tells the board what changed (:meth:`CardViews.changed`) before
the next key is read (so keys typed in a burst act in order).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING

from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.message import Message
from textual.reactive import reactive
from textual.widget import Widget

from board.keys import bindings_for
from board.model import Change, Objective, Plan

from .card_list import CardList, Group
from .column import UNPLACED, BoardColumn, phase_header, status_header, unplaced_header
from .control_marks import Marks, Moved, control_marks, keeps_links, moved_weeks

if TYPE_CHECKING:
    from .timeline import Timeline

BOX_IDS = {"phase": "columns", "status": "status-columns"}
"""The box of each board view's columns (app.tcss styles both alike)."""


@dataclass
class ColumnsView:
    """One board view's columns, kept while another view is shown: switching back to a view whose
    plan, filter and width did not change since shows it as it was, without building or laying it out."""

    box: Horizontal
    columns: list[BoardColumn]
    keys: list[str]
    built: tuple[int, int] | None = None
    """The board's generation and the column width the columns were last built for (None: not built)."""
    shown: tuple[int, int] = field(default=(0, 0))
    """(matches, total) of that build, for the header's filter count."""


class CardViews(Widget, can_focus=True):
    """Focusable owner of the card keys; draws the plan in one of three views."""

    # Priority bindings act when the key arrives, in the order keys arrive: a burst of keys
    # (a fast typist, a paste, tmux send-keys) moves and edits exactly as typed one by one.
    BINDINGS = bindings_for("cards")

    # init=False: the board is built once in on_mount, not once per reactive.
    view: reactive[str] = reactive("phase", init=False)
    filter_text: reactive[str] = reactive("", init=False)
    phase_filter: reactive[str] = reactive("", init=False)

    class Opened(Message):
        """A card was double-clicked: open its objective."""

        def __init__(self, objective_id: str) -> None:
            super().__init__()
            self.objective_id = objective_id

    class Selected(Message):
        def __init__(self, objective_id: str | None) -> None:
            super().__init__()
            self.objective_id = objective_id

    class Shown(Message):
        """The board was redrawn: ``matches`` objectives are on it of ``total``."""

        def __init__(self, matches: int, total: int) -> None:
            super().__init__()
            self.matches = matches
            self.total = total

    def __init__(self, plan: Plan, today: date | None = None, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.plan = plan
        self.today = today
        self.selected: str | None = plan.objectives[0].id if plan.objectives else None
        self.column_index = 0
        self._timeline: Timeline | None = None
        """The timeline, made (and its module imported) on its first showing: see :attr:`timeline`."""
        self._views: dict[str, ColumnsView] = {}
        """The phase and status boards' columns, each made on its first showing and kept."""
        self._columns_view = "phase"
        """The board view whose columns are shown (or were last, while the timeline is)."""
        self._generation = 0
        """Counts the changes of what the views show (plan, filter, marks, phase filter): a kept view
        built for an older generation is built again when it is shown."""
        self._changes = 0
        """Counts the changes of the plan, its marks and the phase filter (not of the text filter)."""
        self._unfiltered: tuple[tuple[int, str, int], list[tuple[BoardColumn, tuple[object, ...], str]]] | None = None
        """The columns as they were before the text filter was set, shown again when it is cleared unless the
        plan changed in between: (changes, view, column width), and each column's cards and header."""
        self._has_unplaced = False
        self._ready = False
        self._width_before_layout = 0
        """The screen's width when the board is mounted: the board's own until its first layout gives it one."""
        self._before_filter: str | None = None
        self.marks = Marks()
        self._marked_on: date | None = None
        """The day the marks were worked out for; None once the plan has changed since."""
        self._links_from: Marks | None = None
        """Marks whose critical path and slips the last change left as they were (see keeps_links)."""
        self._moved_from: tuple[Marks, Moved] | None = None
        """Marks before the last change, when all it did was move objectives to other weeks (see moved_weeks)."""

    def compose(self) -> ComposeResult:
        # The first view's columns are composed with the board, so the first frame already shows them.
        # The timeline joins on its first showing (rebuild): hidden, it would still be styled twice
        # (mounted, then the screen resumed), with its 18 component classes, before the first frame.
        view = self.view if self.view != "timeline" else "phase"
        self._columns_view = view
        yield self._new_view(view, [key for key, _, _ in self._column_specs(self.visible_objectives())]).box

    def _new_view(self, view: str, keys: list[str]) -> ColumnsView:
        columns = [BoardColumn(key, first=index == 0) for index, key in enumerate(keys)]
        for column in columns:
            column.cards.marks = self.marks
        kept = self._views[view] = ColumnsView(Horizontal(*columns, id=BOX_IDS[view]), columns, keys)
        return kept

    @property
    def timeline(self) -> Timeline:
        if self._timeline is None:
            from .timeline import Timeline

            self._timeline = Timeline(id="timeline")
            self._timeline.critical = self.marks.critical
        return self._timeline

    @property
    def columns_box(self) -> Horizontal:
        return self._views[self._columns_view].box

    @property
    def _columns(self) -> list[BoardColumn]:
        return self._views[self._columns_view].columns

    @property
    def _keys(self) -> list[str]:
        return self._views[self._columns_view].keys

    def on_mount(self) -> None:
        self._ready = True
        # Built before the first layout, at the screen's width (the board spans it), so the first frame
        # already shows the cards: each card list lays itself out when first drawn, at its width then.
        # A first layout that gives the board another width builds the headers again (on_resize).
        self._width_before_layout = self.screen.size.width
        self._size_columns()
        self.rebuild()

    # --- what the board shows --------------------------------------------
    def set_plan(self, plan: Plan) -> None:
        """Show another plan object (after a reload); the selection is kept by id when it still exists."""
        self.plan = plan
        if self.selected is not None and plan.find_objective(self.selected) is None:
            self.selected = None
        self._marked_on = None
        self._generation += 1
        self._changes += 1
        self.rebuild()

    def visible_objectives(self) -> list[Objective]:
        needle = self.filter_text.strip()
        if not needle:
            return self.plan.objectives
        return [o for o in self.plan.objectives if o.matches(needle)]

    def this_week(self) -> int | None:
        return self.plan.this_week(self.today)

    def _column_specs(self, objectives: list[Objective]) -> list[tuple[str, str, list[Group]]]:
        plan = self.plan
        current = self.this_week()
        if self.view == "phase":
            by_week: dict[int, list[Objective]] = {}
            for obj in objectives:
                by_week.setdefault(obj.week, []).append(obj)
            # Weeks no phase covers (a plan with no phases, a file edited by hand): their objectives
            # get a column of their own rather than no place on the board.
            unplaced = sorted(week for week in by_week if plan.phase_of_week(week) is None)
            self._has_unplaced = bool(unplaced) or not plan.phases
            width = max(10, self._column_width() - 2)
            specs = []
            for phase in plan.phases:
                groups = []
                for week in phase.weeks:
                    label = f"Week {week}" + (" · this week" if week == current else "")
                    groups.append(Group(label, by_week.get(week, []), current == week))
                specs.append((phase.id, phase_header(plan, phase, width, self.marks, current), groups))
            if self._has_unplaced:
                groups = [
                    Group(f"Week {week}" + (" · this week" if week == current else ""), by_week[week], current == week)
                    for week in unplaced
                ]
                count = sum(len(by_week[week]) for week in unplaced)
                specs.append((UNPLACED, unplaced_header(count, width), groups))
            return specs
        width = max(10, self._column_width() - 2)
        only = plan.phase(self.phase_filter) if self.phase_filter else None
        by_status: dict[str, list[Objective]] = {s: [] for s in plan.statuses}
        for obj in objectives:
            if only is None or only.covers(obj.week):
                by_status.setdefault(obj.status, []).append(obj)
        return [
            (status, status_header(status, len(items), width), [Group("", items)])
            for status, items in by_status.items()
        ]

    def _column_width(self) -> int:
        return self._column_width_of(self.view)

    def _column_width_of(self, view: str) -> int:
        if view == "phase":
            count = max(1, len(self.plan.phases) + (1 if self._has_unplaced else 0))
        else:
            count = max(1, len(self.plan.statuses))
        return max(18, self._width() // count)

    def _mark(self) -> set[str]:
        """Work out the rollout-control marks again; the ids of the cards whose marks changed."""
        old = self.marks
        today = self.today or date.today()
        self.marks = control_marks(self.plan, today, self._links_from, self._moved_from)
        self._links_from = self._moved_from = None
        self._marked_on = today
        if self._timeline is not None:
            self._timeline.critical = self.marks.critical
        for kept in self._views.values():
            for column in kept.columns:
                column.cards.marks = self.marks
        self._generation += 1
        self._changes += 1
        return (old.critical ^ self.marks.critical) | (old.slipped ^ self.marks.slipped)

    def rebuild(self, touched: set[str] | None = None) -> None:
        """Lay out every column (or the timeline) from the plan.

        ``touched``: after a change that only reached these objectives (their ids, the dependents whose
        warnings they may change), a column whose cards stay as they were only redraws those cards (and
        those whose marks changed) instead of laying them all out and drawing the whole column again."""
        if not self._ready:
            return
        if self._marked_on != (self.today or date.today()):  # a view switch or a filter changes no mark
            marked = self._mark()
            if touched is not None:
                touched = touched | marked
        objectives = self.visible_objectives()
        timeline = self.view == "timeline"
        if self.selected is None or not any(o.id == self.selected for o in objectives):
            self.selected = self._restore_selection(objectives)
        if timeline:
            self.columns_box.display = False
            self.timeline.display = True
            if self.timeline.parent is None:  # its first showing
                self.mount(self.timeline)
            self.timeline.show(self.plan, objectives, self.selected, self.this_week(), self.today)
        else:
            if self._timeline is not None:
                self._timeline.display = False
            specs = self._column_specs(objectives)
            keys = [key for key, _, _ in specs]
            if self.view not in self._views:  # the view's first showing: its box is made with its columns
                shown_before = self._timeline if self._timeline is not None and self._timeline.parent is self else None
                self.mount(self._new_view(self.view, keys).box, before=shown_before)
                self.call_after_refresh(self._refresh_after_mount)
            self._show_box(self.view)
            if keys != self._keys:
                self._make_columns(keys)
            this_week = self.this_week()
            for column, (_key, header, groups) in zip(self._columns, specs, strict=False):
                same_week = column.cards.this_week == this_week  # else: which cards are late changed
                column.cards.this_week = this_week
                column.show(
                    self.plan,
                    header,
                    groups,
                    self.selected,
                    show_where=self.view == "status",
                    touched=touched if same_week else None,
                )
            self._sync_column_index()
            kept = self._views[self.view]
            kept.built = (self._generation, self._column_width())
            kept.shown = (len(objectives), len(self.plan.objectives))
        self.post_message(self.Shown(len(objectives), len(self.plan.objectives)))

    def _show_box(self, view: str) -> None:
        """Show ``view``'s columns and hide the other view's."""
        other = view != self._columns_view
        self._columns_view = view
        for name, kept in self._views.items():
            kept.box.display = name == view
        if other:
            self._size_columns()  # the board may have been resized while the view was hidden

    def _show_kept(self, view: str) -> bool:
        """Show ``view`` as it was last built when nothing it shows changed since; False when it must be built."""
        kept = self._views.get(view)
        if kept is None or kept.built != (self._generation, self._column_width_of(view)):
            return False
        if self._marked_on != (self.today or date.today()):
            return False  # a new day: late cards and this week's group
        self._show_box(view)
        if self._timeline is not None:
            self._timeline.display = False
        for column in kept.columns:  # the selection may have moved in another view
            has = self.selected is not None and column.cards.has(self.selected)
            column.cards.select(self.selected if has else None, scroll=False)
        self._sync_column_index()
        self.post_message(self.Shown(*kept.shown))
        return True

    def _keep_unfiltered(self) -> tuple[tuple[int, str, int], list[tuple[BoardColumn, tuple[object, ...], str]]] | None:
        """The columns as they are (unfiltered, up to date), for :meth:`_show_unfiltered`."""
        kept = self._views.get(self.view)
        if kept is None or kept.built != (self._generation, self._column_width()):
            return None  # the timeline, or columns not built for what the plan is now
        columns = [(column, column.cards.kept(), column.header.markup_text) for column in kept.columns]
        return (self._changes, self.view, self._column_width()), columns

    def _show_unfiltered(self) -> bool:
        """The filter cleared: show the columns as they were before it was set, when nothing changed since
        (neither the plan nor the view nor the width); False when they must be built."""
        unfiltered, self._unfiltered = self._unfiltered, None
        if unfiltered is None or unfiltered[0] != (self._changes, self.view, self._column_width()):
            return False
        kept = self._views[self.view]
        if [column for column, _, _ in unfiltered[1]] != kept.columns:
            return False
        if self._marked_on != (self.today or date.today()):
            return False
        if self.selected is None or self.plan.find_objective(self.selected) is None:  # the filter hid them all
            self.selected = self._restore_selection(self.plan.objectives)
        for column, cards, header in unfiltered[1]:
            column.header.show(header)
            column.cards.show_kept(cards, self.selected)
        self._sync_column_index()
        kept.built = (self._generation, self._column_width())
        kept.shown = (len(self.plan.objectives), len(self.plan.objectives))
        self.post_message(self.Shown(*kept.shown))
        return True

    def _restore_selection(self, objectives: list[Objective]) -> str | None:
        """The card to select when the selected one is not shown: the one selected before the
        filter hid it, when it is back; else the first shown."""
        ids = {o.id for o in objectives}
        if self._before_filter in ids:
            return self._before_filter
        return objectives[0].id if objectives else None

    def _make_columns(self, keys: list[str]) -> None:
        kept = self._views[self._columns_view]
        kept.box.remove_children()
        kept.columns = [BoardColumn(key, first=index == 0) for index, key in enumerate(keys)]
        for column in kept.columns:
            column.cards.marks = self.marks
        kept.keys = keys
        kept.box.mount_all(kept.columns)
        self._size_columns()
        self.call_after_refresh(self._refresh_after_mount)

    def _size_columns(self) -> None:
        """Columns share the width; below 18 cells each they keep 18 and the board scrolls sideways."""
        count = len(self._columns)
        if not count:
            return
        squeezed = count * 18 > self._width()
        for column in self._columns:
            column.styles.width = self._column_width() if squeezed else f"{100 / count}%"

    def _width(self) -> int:
        """The board's width: before its first layout, the screen's (80 without one)."""
        return self.size.width or self._width_before_layout or 80

    def _refresh_after_mount(self) -> None:
        for column in self._columns:
            column.cards.lay_out_if_stale()
            column.cards.select(self.selected if column.cards.has(self.selected or "") else None)

    def _sync_column_index(self) -> None:
        for index, column in enumerate(self._columns):
            if self.selected is not None and column.cards.has(self.selected):
                self.column_index = index
                return
        self.column_index = min(self.column_index, max(0, len(self._columns) - 1))

    def changed(self, change: Change | None) -> None:
        """Redraw after a change: only the touched cards, unless cards moved between places."""
        if change is None:
            return
        marked_today = self._marked_on == (self.today or date.today())
        keeps = marked_today and keeps_links(change, self.plan.done_status)
        self._links_from = self.marks if keeps else None
        moved = moved_weeks(change, self.plan.objectives) if marked_today and not keeps else None
        self._moved_from = (self.marks, moved) if moved is not None else None
        self._marked_on = None
        self._generation += 1
        self._changes += 1
        renamed = self._renamed(change)
        if change.structural or self.view != "phase" or self.filter_text or renamed:
            self.rebuild(None if renamed else self._touched(change))
            self._scroll_selection()
            return
        width = max(10, self._column_width() - 2)
        marked = self._mark()
        self._views[self.view].built = (self._generation, self._column_width())
        for column in self._columns:
            for oid in change.objectives | marked:
                column.cards.refresh_card(oid)
            # Health and gates can change in any phase: each header redraws only when its text changed.
            if column.key != UNPLACED:
                column.header.show(
                    phase_header(self.plan, self.plan.phase(column.key), width, self.marks, self.this_week())
                )
        # A status change can clear or raise the dependency warning of dependents.
        for oid in change.objectives:
            for dependent in self.plan.dependents(oid):
                for column in self._columns:
                    column.cards.refresh_card(dependent.id)
        self.post_message(self.Shown(len(self.visible_objectives()), len(self.plan.objectives)))

    def _touched(self, change: Change) -> set[str] | None:
        """The cards a change may draw differently: the objectives it changed and the ones waiting on them
        (their dependency warnings); None when it reached more than objectives' fields and the plan's list
        of objectives (phases, statuses, weeks: what every card may show), or changed a title (its rows)."""
        objectives = self.plan.objectives
        touched = set(change.objectives)
        for step in change.steps:
            if step.kind == "set":
                if not isinstance(step.target, Objective) or step.key in ("title", "id"):
                    return None
                touched.add(step.target.id)
            elif step.target is objectives:
                touched.add((step.new if step.kind == "insert" else step.old).id)
            else:
                return None
        for oid in change.objectives:
            touched.update(dependent.id for dependent in self.plan.dependents(oid))
        return touched

    def _renamed(self, change: Change) -> bool:
        """True when the change gave a card a new id (an edit of its id): the columns index cards by id."""
        plan = self.plan
        return any(
            plan.find_objective(oid) is not None and not any(column.cards.has(oid) for column in self._columns)
            for oid in change.objectives
        )

    def watch_has_focus(self, _has_focus: bool) -> None:
        # Only the board's own box looks different with focus (app.tcss: ``BoardView:focus #columns``):
        # restyle it, not every column, header and card list below it as Textual would (the board is the
        # only thing in it that takes focus, so ``/`` and escape need no more).
        boxes = [kept.box for kept in self._views.values()]
        self.app.stylesheet.update_nodes([self, *boxes], animate=True)
        # What is drawn on the box's background (the columns' borders, their headers) is drawn again;
        # the card lists have a background of their own.
        timeline = [self._timeline] if self._timeline is not None else []
        for widget in [*(child for box in boxes for child in box.walk_children()), *timeline]:
            if not isinstance(widget, CardList):
                widget.notify_style_update()  # the background it inherits is cached with its style
                widget.refresh()

    def watch_view(self, view: str) -> None:
        if view == "timeline" or not self._show_kept(view):
            self.rebuild()
        self._scroll_selection()

    def watch_filter_text(self, old: str, text: str) -> None:
        if text and not old:
            self._before_filter = self.selected
            self._unfiltered = self._keep_unfiltered()
        self._generation += 1
        if text or not self._show_unfiltered():
            self.rebuild()
        if not text:
            self._before_filter = None
            self._scroll_selection()

    def watch_phase_filter(self, value: str) -> None:
        self._generation += 1
        self._changes += 1
        self.rebuild()

    def on_resize(self) -> None:
        if self._columns and self.view != "timeline":
            self._size_columns()
            kept = self._views.get(self.view)
            if kept is None or kept.built is None:  # a view chosen before the board had a size
                self.rebuild()
            elif self._column_width() != kept.built[1]:
                # Headers are cut to the column's width; each column lays its cards out on its own resize.
                specs = self._column_specs(self.visible_objectives())
                for column, (_key, header, _groups) in zip(self._columns, specs, strict=False):
                    column.header.show(header)
                kept.built = (kept.built[0], self._column_width())

    # --- selection -------------------------------------------------------
    def select(self, oid: str | None) -> None:
        self.selected = oid
        if self.view == "timeline":
            self.timeline.select(oid)
        else:
            for index, column in enumerate(self._columns):
                has = oid is not None and column.cards.has(oid)
                column.cards.select(oid if has else None)
                if has:
                    self.column_index = index
                    self.columns_box.scroll_to_widget(column, animate=False)
        self.post_message(self.Selected(oid))

    def _scroll_selection(self) -> None:
        # Read the selection when the callback runs: keys may have moved it in between.
        self.call_after_refresh(lambda: self.select(self.selected))

    def neighbour(self, oid: str) -> str | None:
        """The card to select once ``oid`` is gone: the next one where it is shown, else the one before."""
        if self.view == "timeline":
            order = [o.id for o in self.timeline.rows]
        else:
            column = next((c for c in self._columns if c.cards.has(oid)), None)
            order = column.cards.order() if column is not None else []
        if oid not in order or len(order) < 2:
            others = [o.id for o in self.visible_objectives() if o.id != oid]
            return others[0] if others else None
        index = order.index(oid)
        return order[index + 1] if index + 1 < len(order) else order[index - 1]

    def current_column(self) -> BoardColumn | None:
        if not self._columns:
            return None
        return self._columns[min(self.column_index, len(self._columns) - 1)]

    def action_card(self, delta: int) -> None:
        if self.view == "timeline":
            self._timeline_move(0, delta)
            return
        column = self.current_column()
        if column is None:
            return
        order = column.cards.order()
        if not order:
            return
        if self.selected not in order:
            self.select(order[0])
            return
        index = order.index(self.selected) + delta
        self.select(order[max(0, min(len(order) - 1, index))])

    def action_card_edge(self, direction: int) -> None:
        if self.view == "timeline":
            rows = self.timeline.rows
            if rows:
                self.select(rows[0].id if direction < 0 else rows[-1].id)
            return
        column = self.current_column()
        if column is not None and column.cards.order():
            order = column.cards.order()
            self.select(order[0] if direction < 0 else order[-1])

    def action_column(self, delta: int) -> None:
        if self.view == "timeline":
            self._timeline_move(delta, 0)
            return
        if not self._columns:
            return
        old = self.current_column()
        position = old.cards.order().index(self.selected) if old and self.selected in old.cards.order() else 0
        target = self.column_index + delta
        while 0 <= target < len(self._columns) and not self._columns[target].cards.order():
            target += delta
        if not 0 <= target < len(self._columns):
            return
        self.column_index = target
        order = self._columns[target].cards.order()
        self.select(order[min(position, len(order) - 1)])

    def _timeline_move(self, week_delta: int, row_delta: int) -> None:
        """Timeline: j/k the next row (one objective a row), h/l the first objective of the next week with any."""
        rows = self.timeline.rows
        if not rows:
            return
        index = self.timeline.row_of(self.selected)
        if index is None:
            self.select(rows[0].id)
            return
        if row_delta:
            self.select(rows[max(0, min(len(rows) - 1, index + row_delta))].id)
            return
        week = rows[index].week + week_delta
        while 1 <= week <= self.plan.weeks:
            items = self.timeline.week_items(week)
            if items:
                self.select(items[0].id)
                return
            week += week_delta

    def action_phase_filter(self) -> None:
        """Status board: cycle the phase filter all → P1 → P2 → … → all."""
        ids = [""] + [p.id for p in self.plan.phases]
        index = ids.index(self.phase_filter) if self.phase_filter in ids else 0
        self.phase_filter = ids[(index + 1) % len(ids)]
        self.notify(f"Phase filter: {self.phase_filter.upper() or 'all phases'}", timeout=2)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "phase_filter":
            return True if self.view == "status" else None
        return True

    # --- mouse -----------------------------------------------------------
    def on_card_list_clicked(self, message: CardList.Clicked) -> None:
        self.focus()
        self.select(message.objective_id)
        if message.chain >= 2:
            self.post_message(self.Opened(message.objective_id))

    def on_timeline_clicked(self, message: Timeline.Clicked) -> None:
        self.focus()
        self.select(message.objective_id)
        if message.chain >= 2:
            self.post_message(self.Opened(message.objective_id))

"""The timeline: the plan's weeks across, phases as coloured bands, each week's objectives below.

Drawn line by line like the card lists. When a week holds more objectives than
the screen has rows, its last visible row counts the rest; scrolling shows them.
"""

from __future__ import annotations

from rich.segment import Segment
from rich.style import Style
from textual import events
from textual.geometry import Region, Size
from textual.message import Message
from textual.scroll_view import ScrollView
from textual.strip import Strip

from board.model import Objective, Plan

from .cards import status_class, status_symbol, truncate

HEADER_ROWS = 3  # week numbers, phase bands, a rule


class Timeline(ScrollView, can_focus=False):
    COMPONENT_CLASSES = {
        "timeline--week",
        "timeline--week-current",
        "timeline--band-0",
        "timeline--band-1",
        "timeline--band-2",
        "timeline--band-3",
        "timeline--rule",
        "timeline--item",
        "timeline--selected",
        "timeline--more",
        "timeline--status-todo",
        "timeline--status-in-progress",
        "timeline--status-blocked",
        "timeline--status-done",
        "timeline--status-other",
    }

    class Clicked(Message):
        def __init__(self, objective_id: str, chain: int) -> None:
            super().__init__()
            self.objective_id = objective_id
            self.chain = chain

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.plan: Plan | None = None
        self.weeks: list[list[Objective]] = []
        self.selected: str | None = None
        self.current_week: int | None = None
        self.critical: set[str] = set()
        """Ids on the critical path, marked ◆ (set by the board)."""
        self.linked: set[str] = set()
        self._where: dict[str, tuple[int, int]] = {}

    def show(self, plan: Plan, objectives: list[Objective], selected: str | None, current_week: int | None) -> None:
        self.plan = plan
        self.current_week = current_week
        self.weeks = [[] for _ in range(plan.weeks)]
        for obj in objectives:
            if 1 <= obj.week <= plan.weeks:
                self.weeks[obj.week - 1].append(obj)
        self._where = {o.id: (w, i) for w, items in enumerate(self.weeks) for i, o in enumerate(items)}
        self.selected = selected if selected in self._where else None
        self._link()
        self._relayout()

    def _link(self) -> None:
        """The selected objective's links (what it waits on, what waits on it), drawn underlined."""
        self.linked = set()
        if self.plan is not None and self.selected is not None:
            obj = self.plan.find_objective(self.selected)
            if obj is not None:
                self.linked = set(obj.depends_on) | {o.id for o in self.plan.dependents(obj.id)}

    def _relayout(self) -> None:
        depth = max((len(w) for w in self.weeks), default=0)
        self.virtual_size = Size(self.scrollable_content_region.width, HEADER_ROWS + max(depth, 1))
        self.refresh()

    def on_resize(self, event: events.Resize) -> None:
        self._relayout()

    # --- navigation helpers used by the board ------------------------------
    def week_items(self, week: int) -> list[Objective]:
        return self.weeks[week - 1] if self.plan and 1 <= week <= len(self.weeks) else []

    def position(self, oid: str | None) -> tuple[int, int] | None:
        return self._where.get(oid) if oid else None

    def select(self, oid: str | None) -> None:
        self.selected = oid if oid in self._where else None
        self._link()
        self.refresh()
        where = self.position(self.selected)
        if where is not None:
            self.scroll_to_region(Region(0, HEADER_ROWS + where[1], 1, 1), animate=False, force=True)

    # --- drawing ---------------------------------------------------------
    def _geometry(self) -> tuple[int, int]:
        """(label column width, cells per week)."""
        width = self.scrollable_content_region.width
        weeks = max(1, len(self.weeks))
        return 0, max(3, width // weeks)

    def render_line(self, y: int) -> Strip:
        width = self.scrollable_content_region.width
        base = self.rich_style
        if self.plan is None:
            return Strip.blank(width, base)
        _, cell = self._geometry()
        if y == 0:
            return self._week_row(cell, width)
        if y == 1:
            return self._band_row(cell, width)
        if y == 2:
            rule = self.get_component_rich_style("timeline--rule")
            return Strip([Segment("─" * width, rule)])
        row = y - HEADER_ROWS + int(self.scroll_offset.y)
        visible_rows = self.size.height - HEADER_ROWS
        last_visible = int(self.scroll_offset.y) + visible_rows - 1
        segments: list[Segment] = []
        for items in self.weeks:
            segments.extend(self._item_cell(items, row, cell, row == last_visible))
        return Strip(segments).adjust_cell_length(width, base)

    def _week_row(self, cell: int, width: int) -> Strip:
        segments = []
        for week in range(1, len(self.weeks) + 1):
            current = week == self.current_week
            style = self.get_component_rich_style("timeline--week-current" if current else "timeline--week")
            label = f"▼ W{week} now" if current and cell >= 9 else (f"▼W{week}" if current else f"W{week}")
            segments.append(Segment(truncate(f" {label}", cell).ljust(cell), style))
        return Strip(segments).adjust_cell_length(width, self.rich_style)

    def _band_row(self, cell: int, width: int) -> Strip:
        assert self.plan is not None
        segments = []
        for index, phase in enumerate(self.plan.phases):
            span = cell * (phase.last_week - phase.first_week + 1)
            style = self.get_component_rich_style(f"timeline--band-{index % 4}")
            label = truncate(f" {phase.label()}", span - 1)
            segments.append(Segment(label.ljust(span - 1) + " ", style))
        return Strip(segments).adjust_cell_length(width, self.rich_style)

    def _item_cell(self, items: list[Objective], row: int, cell: int, last_row: bool) -> list[Segment]:
        base = self.rich_style
        if row >= len(items):
            return [Segment(" " * cell, base)]
        rest = len(items) - row
        if last_row and rest > 1 and not any(o.id == self.selected for o in items[row:]):
            more = self.get_component_rich_style("timeline--more")
            return [Segment(truncate(f" +{rest} more", cell).ljust(cell), more)]
        obj = items[row]
        selected = obj.id == self.selected
        style = self.get_component_rich_style("timeline--selected" if selected else "timeline--item")
        if obj.id in self.linked:
            style += Style(underline=True, bold=True)
        status = self.get_component_rich_style(f"timeline--status-{status_class(obj.status)}")
        text = truncate(obj.title, cell - 3)
        return [
            Segment("◆" if obj.id in self.critical else " ", style),
            Segment(status_symbol(obj.status), style + Style(color=status.color, bold=True)),
            Segment(" " + text.ljust(cell - 3), style),
        ]

    def on_click(self, event: events.Click) -> None:
        if self.plan is None or event.y < HEADER_ROWS:
            return
        _, cell = self._geometry()
        week = event.x // cell
        row = event.y - HEADER_ROWS + int(self.scroll_offset.y)
        if 0 <= week < len(self.weeks) and row < len(self.weeks[week]):
            event.stop()
            self.post_message(self.Clicked(self.weeks[week][row].id, event.chain))

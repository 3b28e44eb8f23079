"""The timeline: the plan over time, one objective a row, its bar in its week.

A label column (status, title) on the left, the plan's weeks across the rest,
sized to the widget; the phases as coloured bands over their weeks; this
week's column marked; late objectives (a past week, not done) flagged. The
last line tells the selected objective in full. Drawn line by line like the
card lists: only the rows on screen are built, at 30 objectives or 5,000.
"""

from __future__ import annotations

from datetime import date
from typing import NamedTuple

from rich.cells import cell_len
from rich.segment import Segment
from rich.style import Style
from textual import events
from textual.message import Message
from textual.scroll_view import ScrollView
from textual.strip import Strip

from board.model import Objective, Plan
from board.term import visible

from .cards import status_class, status_symbol, truncate

HEADER_ROWS = 3  # week numbers, phase bands, a rule
FOOTER_ROWS = 1  # the selected objective in full
LATE = "late"


class Geometry(NamedTuple):
    """Where things are across: the label column, then ``weeks`` cells of ``cell`` columns."""

    label: int
    cell: int
    weeks: int

    def week_x(self, week: int) -> int:
        """The first column of ``week`` (1-based)."""
        return self.label + (week - 1) * self.cell


def geometry(width: int, weeks: int, longest_title: int) -> Geometry:
    """Split ``width`` between the labels and the weeks; the weeks get at least 3 columns each
    when they can, the labels at least 16 and at most what the longest title needs."""
    weeks = max(1, weeks)
    wanted = longest_title + 4  # " ◐ " before, a space after
    label = max(16, min(wanted, width * 2 // 5))
    cell = max(1, (width - label) // weeks)
    if cell < 3:  # many weeks: the labels keep their 16, the weeks take the rest
        cell = max(1, (width - 16) // weeks)
    label = max(0, width - cell * weeks)
    return Geometry(label, cell, weeks)


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
        "timeline--now",
        "timeline--late",
        "timeline--detail",
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
        self.rows: list[Objective] = []
        self.weeks: list[list[Objective]] = []
        self.selected: str | None = None
        self.current_week: int | None = None
        self.today: date | None = None
        self._index: dict[str, int] = {}
        self._longest = 0
        self._phase_starts: set[int] = set()
        self.critical: set[str] = set()
        """Ids on the critical path, marked ◆ (set by the board)."""
        self.linked: set[str] = set()

    def show(
        self,
        plan: Plan,
        objectives: list[Objective],
        selected: str | None,
        current_week: int | None,
        today: date | None = None,
    ) -> None:
        self.plan = plan
        self.current_week = current_week
        self.today = today
        self.weeks = [[] for _ in range(plan.weeks)]
        for obj in objectives:
            if 1 <= obj.week <= plan.weeks:
                self.weeks[obj.week - 1].append(obj)
        self.rows = [obj for items in self.weeks for obj in items]
        self._phase_starts = {p.first_week for p in plan.phases if p.first_week > 1}
        self._index = {o.id: i for i, o in enumerate(self.rows)}
        self._longest = max((cell_len(visible(o.title)) for o in self.rows), default=0)  # as shown
        self.selected = selected if selected in self._index else None
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
        self.virtual_size = self.virtual_size.with_height(HEADER_ROWS + max(len(self.rows), 1) + FOOTER_ROWS)
        self.refresh()

    def on_resize(self, event: events.Resize) -> None:
        self._relayout()
        self._keep_visible()

    # --- navigation helpers used by the board ------------------------------
    def week_items(self, week: int) -> list[Objective]:
        return self.weeks[week - 1] if self.plan and 1 <= week <= len(self.weeks) else []

    def position(self, oid: str | None) -> tuple[int, int] | None:
        """(week index, row within the week) of ``oid``."""
        index = self._index.get(oid) if oid else None
        if index is None:
            return None
        obj = self.rows[index]
        return obj.week - 1, self.weeks[obj.week - 1].index(obj)

    def row_of(self, oid: str | None) -> int | None:
        return self._index.get(oid) if oid else None

    def is_late(self, obj: Objective) -> bool:
        return (
            self.plan is not None and self.today is not None and self.plan.is_late(obj, self.plan.this_week(self.today))
        )

    def select(self, oid: str | None) -> None:
        self.selected = oid if oid in self._index else None
        self._link()
        self.refresh()
        self._keep_visible()

    @property
    def _visible_rows(self) -> int:
        return max(1, self.size.height - HEADER_ROWS - FOOTER_ROWS)

    def _keep_visible(self) -> None:
        index = self.row_of(self.selected)
        if index is None:
            return
        top = int(self.scroll_offset.y)
        if index < top:
            self.scroll_to(y=index, animate=False, force=True, immediate=True)
        elif index >= top + self._visible_rows:
            self.scroll_to(y=index - self._visible_rows + 1, animate=False, force=True, immediate=True)

    # --- drawing ---------------------------------------------------------
    def _geometry(self) -> Geometry:
        return geometry(self.scrollable_content_region.width, len(self.weeks), self._longest)

    def render_line(self, y: int) -> Strip:
        width = self.scrollable_content_region.width
        base = self.rich_style
        if self.plan is None:
            return Strip.blank(width, base)
        geo = self._geometry()
        if y == 0:
            return self._week_row(geo, width)
        if y == 1:
            return self._band_row(geo, width)
        if y == 2:
            rule = self.get_component_rich_style("timeline--rule")
            return Strip([Segment("─" * width, rule)])
        if y == self.size.height - 1:
            return self._detail_row(width)
        row = y - HEADER_ROWS + int(self.scroll_offset.y)
        if row >= len(self.rows):
            if not self.rows and row == 0:
                more = self.get_component_rich_style("timeline--more")
                return Strip([Segment("  no objectives", more)]).adjust_cell_length(width, base)
            return Strip.blank(width, base)
        return self._grid_row(geo, width, self.rows[row])

    def _week_row(self, geo: Geometry, width: int) -> Strip:
        plain = self.get_component_rich_style("timeline--week")
        current_style = self.get_component_rich_style("timeline--week-current")
        chars = [" "] * (geo.cell * geo.weeks)
        styles = [plain] * len(chars)
        free = 0  # the first column no label has taken yet
        for week in range(1, geo.weeks + 1):
            x = (week - 1) * geo.cell
            current = week == self.current_week
            if current:
                label = f"W{week} now" if geo.cell > len(f"W{week} now") else f"W{week}"
                for i in range(x, x + geo.cell):
                    styles[i] = current_style
            else:
                label = f"W{week}"
            if not current and (x < free or x + len(label) >= self._next_current_x(geo, week)):
                continue  # no room: a label stands whole, with a gap before the next one, or not at all
            for i, char in enumerate(label[: len(chars) - x]):
                chars[x + i] = char
            free = x + len(label) + 1
        segments = [Segment(truncate(" Objective", geo.label).ljust(geo.label), plain)]
        segments += [Segment(char, style) for char, style in zip(chars, styles, strict=True)]
        return Strip(Segment.simplify(segments)).adjust_cell_length(width, self.rich_style)

    def _next_current_x(self, geo: Geometry, week: int) -> int:
        """Where this week's label starts, when it comes after ``week`` (a label stops short of it)."""
        if self.current_week is not None and self.current_week > week:
            return (self.current_week - 1) * geo.cell
        return geo.cell * geo.weeks + 1

    def _band_row(self, geo: Geometry, width: int) -> Strip:
        assert self.plan is not None
        base = self.rich_style
        segments = [Segment(" " * geo.label, base)]
        x = geo.label
        for index, phase in enumerate(sorted(self.plan.phases, key=lambda p: p.first_week)):
            start = geo.week_x(max(1, phase.first_week))
            end = geo.week_x(min(geo.weeks, phase.last_week) + 1)
            if end <= start:
                continue
            if start > x:
                segments.append(Segment(" " * (start - x), base))
            span = end - start
            style = self.get_component_rich_style(f"timeline--band-{index % 4}")
            text = truncate(phase.label(), span - 1) if span > 1 else ""
            segments.append(Segment(text.ljust(span - 1)[: max(0, span - 1)] + (" " if span > 1 else "▌"), style))
            x = end
        return Strip(segments).adjust_cell_length(width, base)

    def _grid_row(self, geo: Geometry, width: int, obj: Objective | None) -> Strip:
        base = self.rich_style
        selected = obj is not None and obj.id == self.selected
        row_style = self.get_component_rich_style("timeline--selected") if selected else base
        rule = self.get_component_rich_style("timeline--rule")
        now = self.get_component_rich_style("timeline--now")
        segments: list[Segment] = []
        late = obj is not None and self.is_late(obj)
        if obj is None:
            segments.append(Segment(" " * geo.label, base))
        else:
            status = self.get_component_rich_style(f"timeline--status-{status_class(obj.status)}")
            mark = f" {LATE}" if late else ""
            room = geo.label - 4 - cell_len(mark)
            title = truncate(obj.title, max(1, room)) if room > 0 else ""
            room = max(0, geo.label - 3 - cell_len(mark))
            text = truncate(f" {title}", room).ljust(room)
            if obj.id in self.linked:  # what the selected objective waits on, and what waits on it
                row_style = row_style + Style(underline=True, bold=True)
            segments.append(Segment("◆" if obj.id in self.critical else " ", row_style))
            segments.append(Segment(status_symbol(obj.status), row_style + Style(color=status.color, bold=True)))
            segments.append(Segment(text, row_style))
            if mark:
                lateness = self.get_component_rich_style("timeline--late")
                segments.append(Segment(mark, row_style + Style(color=lateness.color, bold=True)))
            segments.append(Segment(" ", row_style))
        for week in range(1, geo.weeks + 1):
            cell_style = (row_style + Style(bgcolor=now.bgcolor)) if week == self.current_week else row_style
            if obj is not None and obj.week == week:
                status = self.get_component_rich_style(f"timeline--status-{status_class(obj.status)}")
                colour = self.get_component_rich_style("timeline--late").color if late else status.color
                bar = "█" * max(1, geo.cell - 1) + (" " if geo.cell > 1 else "")
                segments.append(Segment(bar, cell_style + Style(color=colour)))
            else:
                # A phase's first week starts with a rule, so the phases read as bands down the grid.
                tick = "│" if week in self._phase_starts else ("·" if geo.cell >= 3 else " ")
                segments.append(Segment(tick.ljust(geo.cell), cell_style + Style(color=rule.color)))
        return Strip(segments).adjust_cell_length(width, row_style)

    def _detail_row(self, width: int) -> Strip:
        style = self.get_component_rich_style("timeline--detail")
        index = self.row_of(self.selected)
        if index is None or self.plan is None:
            text = f" {len(self.rows)} objectives · j/k move · h/l other weeks · enter opens"
            return Strip([Segment(truncate(text, width), style)]).adjust_cell_length(width, style)
        obj = self.rows[index]
        phase = self.plan.phase_of(obj)
        where = f"W{obj.week}" + (f" · {phase.label()}" if phase else "")
        parts = [f"{status_symbol(obj.status)} {obj.title}", obj.id, where, obj.status]
        if obj.changed:
            parts[-1] += f" since {obj.changed.isoformat()}"
        if obj.owner:
            parts.append(f"@{obj.owner}")
        parts.extend(f"#{tag}" for tag in obj.tags)
        if obj.depends_on:
            parts.append("after " + ", ".join(obj.depends_on))
        if self.is_late(obj):
            parts.append(f"LATE (week {obj.week} is past)")
        text = truncate(" " + " · ".join(parts), width)
        return Strip([Segment(text, style)]).adjust_cell_length(width, style)

    def on_click(self, event: events.Click) -> None:
        if self.plan is None or event.y < HEADER_ROWS or event.y >= self.size.height - FOOTER_ROWS:
            return
        row = event.y - HEADER_ROWS + int(self.scroll_offset.y)
        if 0 <= row < len(self.rows):
            event.stop()
            self.post_message(self.Clicked(self.rows[row].id, event.chain))

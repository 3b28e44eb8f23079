"""The header: plan title, this week, the file with its git and save state, the filter count.

Two lines that never wrap: when the width is short, the plan title gives way first
(down to 24 cells), then this week, so an active contingency, the file and the save
state stay in view.
"""

from __future__ import annotations

from rich.cells import cell_len
from textual.content import Content
from textual.reactive import reactive
from textual.widget import Widget

from board.term import visible
from board.widgets.markup import escape

from .cards import truncate


def truncate_left(text: str, width: int) -> str:
    """``text`` cut from the left to ``width`` cells (a path keeps its file name): ``…/plans/q3.toml``."""
    if cell_len(text) <= width:
        return text
    if width <= 1:
        return "…"[:width]
    kept = text
    while cell_len(kept) > width - 1:
        kept = kept[1:]
    return "…" + kept


class PlanHeader(Widget):
    DEFAULT_CSS = """
    PlanHeader { text-wrap: nowrap; text-overflow: ellipsis; }
    """

    title_text: reactive[str] = reactive("")
    week_text: reactive[str] = reactive("")
    file_text: reactive[str] = reactive("")
    git_state: reactive[str] = reactive("")
    save_state: reactive[str] = reactive("saved")  # saved | unsaved | error | conflict | invalid | missing
    shown: reactive[tuple[int, int] | None] = reactive(None)
    contingencies: reactive[str] = reactive("")
    phase_filter: reactive[str] = reactive("")
    health: reactive[str] = reactive("")
    """The plan's health as markup (``▲ at risk`` in its colour)."""
    read_only: reactive[bool] = reactive(False)

    SAVE_MARKS = {
        "saved": ("✓ saved", "$text-muted"),
        "unsaved": ("● unsaved", "$warning b"),
        "error": ("✕ not saved", "$error b"),
        "conflict": ("⚠ changed on disk", "$error b"),
        "invalid": ("⚠ file invalid on disk", "$error b"),
        "missing": ("⚠ file deleted", "$error b"),
    }

    def render(self) -> str:
        width = max(20, self.content_region.width or 80)
        return f"{self._first_line(width)}\n{self._second_line(width)}"

    def _first_line(self, width: int) -> str:
        # Measured as shown: control characters as escapes (truncate does the same).
        flag = f"⚑ {visible(self.contingencies)}" if self.contingencies else ""
        if flag:
            flag = truncate(flag, max(12, width * 2 // 3))
        room = width - (cell_len(flag) + 2 if flag else 0)
        week = visible(self.week_text)
        title = visible(self.title_text)
        if week and cell_len(title) + 2 + cell_len(week) > room:
            # The title gives way first, down to 24 cells, then this week (dropped below 8 cells).
            title = truncate(title, max(min(24, room), room - 2 - cell_len(week)))
            left = room - 2 - cell_len(title)
            week = truncate(week, left) if left >= 8 else ""
        title = truncate(title, room)
        line = f"[b]{escape(title)}[/b]"
        if week:
            line += f"  [$accent]{escape(week)}[/]"
        if flag:
            line += f"  [$error]{escape(flag)}[/]"
        return line

    def _second_line(self, width: int) -> str:
        mark, style = ("read-only", "$warning b") if self.read_only else self.SAVE_MARKS.get(self.save_state, ("", ""))
        git = f" ({self.git_state})" if self.git_state else ""
        matches = f"  filter: {self.shown[0]} of {self.shown[1]}" if self.shown is not None else ""
        phase = f"  phase: {visible(self.phase_filter)} (p: next)" if self.phase_filter else ""
        # The plan's health rides on this shorter line (the first holds the week and contingencies).
        health = f"  plan {Content.from_markup(self.health).plain}" if self.health else ""
        room = width - cell_len(git) - 2 - cell_len(mark) - cell_len(health) - cell_len(matches) - cell_len(phase)
        path = truncate_left(visible(self.file_text), max(8, room))
        line = escape(path)
        if git:
            line += f"[$text-muted]{escape(git)}[/]"
        line += f"  [{style}]{escape(mark)}[/]" if mark else ""
        if health:
            line += f"  plan {self.health}"
        if matches:
            line += f"[$warning]{escape(matches)}[/]"
        if phase:
            line += f"[$warning]{escape(phase)}[/]"
        return line

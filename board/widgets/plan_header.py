"""The header: plan title, this week, the file with its git and save state, the filter count."""

from __future__ import annotations

from textual.reactive import reactive
from textual.widget import Widget

from board.term import visible
from board.widgets.markup import escape


class PlanHeader(Widget):
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
        "saved": "[$text-muted]✓ saved[/]",
        "unsaved": "[$warning b]● unsaved[/]",
        "error": "[$error b]✕ not saved[/]",
        "conflict": "[$error b]⚠ changed on disk[/]",
        "invalid": "[$error b]⚠ file invalid on disk[/]",
        "missing": "[$error b]⚠ file deleted[/]",
    }

    def render(self) -> str:
        first = f"[b]{escape(visible(self.title_text))}[/b]"
        if self.week_text:
            first += f"  [$accent]{escape(visible(self.week_text))}[/]"
        if self.contingencies:
            first += f"  [$error]⚑ {escape(visible(self.contingencies))}[/]"
        second = escape(visible(self.file_text))
        if self.git_state:
            second += f" [$text-muted]({escape(self.git_state)})[/]"
        second += "  " + ("[$warning b]read-only[/]" if self.read_only else self.SAVE_MARKS.get(self.save_state, ""))
        if self.health:  # on the shorter line: the first one holds the week and active contingencies
            second += f"  plan {self.health}"
        if self.shown is not None:
            matches, total = self.shown
            second += f"  [$warning]filter: {matches} of {total}[/]"
        if self.phase_filter:
            second += f"  [$warning]phase: {escape(self.phase_filter)} (p: next)[/]"
        return f"{first}\n{second}"

"""A board column: a header (phase facts or status count) above its cards."""

from __future__ import annotations

from rich.cells import cell_len
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import Static

from board.model import Phase, Plan
from board.model.words import counted
from board.widgets.markup import escape

from .card_list import CardList, Group
from .cards import progress_bar, status_symbol, truncate
from .control_marks import HEALTH_COLORS, Marks, gate_markup


def audience_words(phase: Phase) -> str:
    """``internal staff · 5%`` (empty when the phase names neither)."""
    parts = [phase.audience] if phase.audience else []
    if phase.exposure is not None:
        parts.append(f"{phase.exposure:g}%")
    return " · ".join(parts)


UNPLACED = "(unplaced)"
"""The key of the phase board's column for weeks no phase covers (never a phase id: not a slug)."""
RISK_MARKS = {"low": "▁", "medium": "▄", "high": "█", "critical": "█"}
RISK_COLORS = {"low": "$success", "medium": "$warning", "high": "$error", "critical": "$error"}


def phase_header(plan: Plan, phase: Phase, width: int, marks: Marks | None = None, this_week: int | None = None) -> str:
    """Name (and audience), weeks, gate, priority, risk badge, health, progress bar and rollback budget,
    in three lines of markup; the number of late objectives (past weeks, not done) when there are any."""
    if marks is not None and marks.weeks is not None:
        done, total, late = marks.progress(phase, this_week)  # counted once per change for every header
    else:
        done, total = plan.phase_progress(phase)
        late = sum(1 for o in plan.objectives_in(phase) if plan.is_late(o, this_week)) if this_week else 0
    weeks = f"W{phase.first_week}" if phase.first_week == phase.last_week else f"W{phase.first_week}–{phase.last_week}"
    name = f"[b]{escape(truncate(phase.label(), width))}[/b]"
    audience = audience_words(phase)
    if audience:
        name += f" [$text-muted]· {escape(audience)}[/]"
    lines = [name]
    facts = weeks
    control = marks.phases.get(phase.id) if marks is not None else None
    if control is not None:
        facts += f" · {gate_markup(control[1])}"
    if phase.risk:
        risk = phase.risk.lower()
        color = RISK_COLORS.get(risk, "$foreground")
        facts += f" · [{color}]{RISK_MARKS.get(risk, '?')} {escape(phase.risk)} risk[/]"
    if phase.priority:
        facts += f" · {escape(phase.priority)}"
    if late:
        facts = f"[$error b]{late} late[/] · " + facts
    lines.append(facts)
    if control is not None:
        # The health first: its word while the rollback figures still fit beside it, else its symbol.
        health = control[0]
        word = f"{health.symbol} {health.level}"
        label = word if width - cell_len(word) - 1 >= 16 else health.symbol
        colour = HEALTH_COLORS.get(health.level, "$foreground")
        lines.append(f"[{colour}]{label}[/] " + progress_line(phase, done, total, width - cell_len(label) - 1))
    else:
        lines.append(progress_line(phase, done, total, width))
    return "\n".join(lines)


def unplaced_header(count: int, width: int) -> str:
    """The column of objectives whose weeks no phase covers."""
    title = escape(truncate("Unplaced", width))
    return f"[b]{title}[/b]\n[$warning]weeks in no phase[/]\n{counted(count, 'objective')}"


def progress_line(phase: Phase, done: int, total: int, width: int) -> str:
    """The progress bar, the count and the rollback estimate/budget, in ``width`` cells: the bar
    gives way first, then the spaces, so the rollback figures (and an over-budget flag) are never cut."""
    count = f"{done}/{total}"
    over = phase.rollback_over_budget()
    figures = f"{phase.rollback_estimate or '?'}/{phase.rollback_budget}" if phase.rollback_budget else ""
    forms = [f" · ↺ {figures}" + (" over" if over else ""), f" ↺{figures}" + ("!" if over else "")] if figures else [""]
    for rollback in forms:  # the long form when a bar of 3 still fits, else the short one
        bar_width = min(12, width - cell_len(count) - cell_len(rollback) - 1)
        if bar_width >= 3:
            break
    bar = f"[$success]{progress_bar(done, total, bar_width)}[/] " if bar_width >= 3 else ""
    if rollback and cell_len(count) + cell_len(rollback) > width - (cell_len(bar) if bar else 0):
        rollback = truncate(rollback, max(0, width - cell_len(count)))
    text = escape(rollback)
    if over and rollback:
        text = f"[$error b]{text}[/]"
    return f"{bar}{count}{text}"


def status_header(status: str, count: int, width: int) -> str:
    label = escape(truncate(f"{status_symbol(status)} {status}", width))
    return f"[b]{label}[/b]\n{counted(count, 'objective')}"


class ColumnHeader(Static):
    """The column's title block, redrawn only when the column's facts change."""

    def __init__(self, *, classes: str | None = None) -> None:
        super().__init__(classes=classes)
        self.markup_text = ""

    def show(self, markup: str) -> None:
        # An update costs a layout pass: skip it when nothing changed (most status changes).
        if markup != self.markup_text:
            self.markup_text = markup
            self.update(markup)


class BoardColumn(Vertical):
    """One column of the phase or status board; ``first``: the board's first (app.tcss: no border on its left)."""

    def __init__(self, key: str, *, first: bool = False, id: str | None = None) -> None:
        # A class, not ``:first-child`` in the stylesheet: an order rule makes Textual style every column and
        # everything in it once more each time columns are mounted (the first frame, a view's first showing).
        super().__init__(id=id, classes="first-column" if first else None)
        self.key = key
        self.header = ColumnHeader(classes="column-header")
        self.cards = CardList(key)

    def compose(self) -> ComposeResult:
        yield self.header
        yield self.cards

    def show(
        self,
        plan: Plan,
        header: str,
        groups: list[Group],
        selected: str | None,
        show_where: bool,
        touched: set[str] | None = None,
    ) -> None:
        self.header.show(header)
        self.cards.show(plan, groups, selected, show_where, touched)

"""A board column: a header (phase facts or status count) above its cards."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import Static

from board.model import Phase, Plan
from board.model.words import counted
from board.widgets.markup import escape

from .card_list import CardList, Group
from .cards import progress_bar, status_symbol, truncate
from .control_marks import Marks, gate_markup, health_markup


def audience_words(phase: Phase) -> str:
    """``internal staff · 5%`` (empty when the phase names neither)."""
    parts = [phase.audience] if phase.audience else []
    if phase.exposure is not None:
        parts.append(f"{phase.exposure:g}%")
    return " · ".join(parts)


RISK_MARKS = {"low": "▁", "medium": "▄", "high": "█", "critical": "█"}
RISK_COLORS = {"low": "$success", "medium": "$warning", "high": "$error", "critical": "$error"}


def phase_header(plan: Plan, phase: Phase, width: int, marks: Marks | None = None, this_week: int | None = None) -> str:
    """Name (and audience), weeks, gate, priority, risk badge, health, progress bar and rollback budget,
    in three lines of markup; the number of late objectives (past weeks, not done) when there are any."""
    done, total = plan.phase_progress(phase)
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
    late = sum(1 for o in plan.objectives_in(phase) if plan.is_late(o, this_week)) if this_week else 0
    if late:
        facts = f"[$error b]{late} late[/] · " + facts
    lines.append(facts)
    count = f" {done}/{total}"
    bar_width = max(3, min(12, width - len(count) - 14))
    progress = f"[$success]{progress_bar(done, total, bar_width)}[/]{count}"
    if control is not None:
        progress = f"{health_markup(control[0])} {progress}"
    if phase.rollback_budget:
        estimate = escape(phase.rollback_estimate or "?")
        if phase.rollback_over_budget():
            progress += f" · ↺ [$error b]{estimate}/{escape(phase.rollback_budget)} over[/]"
        else:
            progress += f" · ↺ {estimate}/{escape(phase.rollback_budget)}"
    lines.append(progress)
    return "\n".join(lines)


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
    """One column of the phase or status board."""

    def __init__(self, key: str, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.key = key
        self.header = ColumnHeader(classes="column-header")
        self.cards = CardList(key)

    def compose(self) -> ComposeResult:
        yield self.header
        yield self.cards

    def show(self, plan: Plan, header: str, groups: list[Group], selected: str | None, show_where: bool) -> None:
        self.header.show(header)
        self.cards.show(plan, groups, selected, show_where)

"""`?`: every key of the board, grouped, as it is bound now (remapped keys included)."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Footer, Static

from board.widgets.markup import escape

GROUPS: list[tuple[str, list[str]]] = [
    ("Move around", ["board.up", "board.down", "board.left", "board.right", "board.first", "board.last"]),
    (
        "Objectives",
        [
            "objective.open",
            "objective.advance",
            "objective.block",
            "objective.move-left",
            "objective.move-right",
            "objective.week-earlier",
            "objective.week-later",
            "objective.reorder-up",
            "objective.reorder-down",
            "objective.new",
            "objective.edit",
            "objective.delete",
            "objective.depend",
        ],
    ),
    ("Undo", ["edit.undo", "edit.redo"]),
    (
        "Views",
        ["view.phase", "view.status", "view.timeline", "board.phase-filter", "board.filter", "board.clear-filter"],
    ),
    (
        "Panels",
        [
            "panel.overview",
            "panel.risk",
            "panel.contingency",
            "panel.metrics",
            "panel.standup",
            "panel.planning",
            "phase.edit",
        ],
    ),
    ("App", ["app.help", "app.palette", "app.quit"]),
    (
        "Merge conflicts (a plan git merged with conflicts opens on them)",
        ["conflicts.ours", "conflicts.theirs", "conflicts.edit"],
    ),
]

DESCRIPTIONS = {
    "board.up": "previous card",
    "board.down": "next card",
    "board.left": "column to the left (timeline: previous week)",
    "board.right": "column to the right (timeline: next week)",
    "board.first": "first card of the column",
    "board.last": "last card of the column",
    "objective.open": "open the objective: details, dependencies, notes",
    "objective.advance": "todo → in-progress → done; blocked → in-progress",
    "objective.block": "block (asks why); unblock: back to its status",
    "objective.move-left": "to the previous column (a phase: its last week)",
    "objective.move-right": "to the next column (a phase: its first week)",
    "objective.week-earlier": "move the objective one week earlier",
    "objective.week-later": "move the objective one week later",
    "objective.reorder-up": "move the card up within its column",
    "objective.reorder-down": "move the card down within its column",
    "objective.new": "new objective",
    "objective.edit": "edit the objective",
    "objective.delete": "delete the objective (asks first; u brings it back)",
    "objective.depend": "add a dependency: pick what it waits on (a cycle is refused)",
    "edit.undo": "undo the last change",
    "edit.redo": "redo",
    "view.phase": "phase board: columns are phases, cards grouped by week",
    "view.status": "status board: columns are statuses",
    "view.timeline": "timeline: an objective a row, its bar in its week",
    "board.phase-filter": "status board: cycle the phase filter, shown in the header",
    "board.filter": "filter by text (title, id, owner, tag)",
    "board.clear-filter": "clear the filter",
    "panel.overview": "the whole plan: progress by phase, metrics, final validation",
    "panel.risk": "risk & rollback of the selected card's phase",
    "panel.contingency": "contingency plans and notes",
    "panel.metrics": "success metrics",
    "panel.standup": "standup: what moved, what is blocked, are we safe to deploy",
    "phase.edit": "edit the selected card's phase: name, weeks, priority, risk, rollback",
    "panel.planning": "plan structure: phases and weeks, statuses, criteria, rollback, checklists, metrics",
    "app.help": "this help",
    "app.palette": "command palette: every action, jump to an objective, themes",
    "app.quit": "quit",
    "conflicts.ours": "keep ours for the selected conflict (u undoes, j/k select)",
    "conflicts.theirs": "take theirs for the selected conflict",
    "conflicts.edit": "type the value of the selected conflict",
}

KEY_NAMES = {
    "left": "←",
    "right": "→",
    "up": "↑",
    "down": "↓",
    "left_square_bracket": "[",
    "right_square_bracket": "]",
    "question_mark": "?",
    "slash": "/",
    "space": "space",
    "enter": "enter",
    "escape": "esc",
}


def key_label(keys: str) -> str:
    return " ".join(KEY_NAMES.get(k.strip(), k.strip()) for k in keys.split(","))


def bindings_by_id(app: object) -> dict[str, str]:
    """Binding id -> keys in force (the user's remaps applied)."""
    from board.screens.main_screen import MainScreen
    from board.screens.merge_conflicts import MergeConflictsScreen
    from board.widgets.card_views import CardViews

    # The running app's own bindings and the board's: the defaults, before the user's remaps.
    keys = {"app.palette": "ctrl+p"}
    for bindings in (
        getattr(type(app), "BINDINGS", []),
        MainScreen.BINDINGS,
        CardViews.BINDINGS,
        MergeConflictsScreen.BINDINGS,
    ):
        for binding in bindings:
            if isinstance(binding, Binding) and binding.id:
                keys.setdefault(binding.id, binding.key)
    keys.update(getattr(app, "keymap_in_force", {}) or {})
    return keys


def help_text(app: object) -> str:
    keys = bindings_by_id(app)
    lines: list[str] = []
    for title, ids in GROUPS:
        lines.append(f"[b $accent]{title}[/]")
        for binding_id in ids:
            label = key_label(keys.get(binding_id, ""))
            key = f"{label:<14}".replace("[", "\\[")
            lines.append(f"  [b]{key}[/b] {escape(DESCRIPTIONS[binding_id])}")
        lines.append("")
    lines.append("[b $accent]Marks[/]")
    lines.append("  ○ todo  ◐ in progress  ✕ blocked  ● done  ·  ⚠n dependencies not done")
    lines.append("  ≫ waits on work scheduled later (a slip)  ·  ◆ on the critical path")
    lines.append("  headers: gate ✓ GO / ✕ n open · health ● on track ▲ at risk ✕ off track")
    lines.append("  risk panel: g signs off or withdraws · the last rollback tick logs a rehearsal")
    lines.append("")
    lines.append("[$text-muted]Every change is saved at once. escape or ? closes this help.[/]")
    return "\n".join(lines)


SCREEN_DESCRIPTIONS = {
    "panel.back": "back to the board",
    "panel.down": "next row",
    "panel.up": "previous row",
    "panel.first": "first row",
    "panel.last": "last row",
    "panel.undo": "undo the last change (one history for the plan)",
    "panel.redo": "redo",
    "risk.tick": "tick the row; a risk: open → mitigated → closed",
    "risk.previous-phase": "the previous phase",
    "risk.next-phase": "the next phase",
    "risk.this-phase": "this week's phase",
    "risk.reset": "reset the rollback rehearsal (untick every step)",
    "risk.add": "add a risk to this phase's register",
    "risk.edit": "edit the highlighted line or risk",
    "risk.delete": "delete the highlighted risk",
    "contingency.toggle": "switch the plan active / on standby (the day is kept)",
    "contingency.notes": "edit its notes (saved as you type)",
    "metrics.record": "record a value for the highlighted metric",
    "plan.add": "add one of the highlighted row's kind after it",
    "plan.edit": "edit the highlighted row",
    "plan.delete": "delete the row (asks first, says what goes with it)",
    "plan.move-up": "move it up",
    "plan.move-down": "move it down",
    "standup.down": "scroll down",
    "standup.up": "scroll up",
    "standup.first": "to the top",
    "standup.last": "to the bottom",
    "objective.back": "back to the board",
    "objective.edit-open": "edit the objective",
    "objective.advance-open": "advance its status",
    "objective.block-open": "toggle blocked",
    "objective.undo-open": "undo the last change",
    "objective.redo-open": "redo",
    "scroll.down": "scroll down",
    "scroll.up": "scroll up",
    "scroll.first": "to the top",
    "scroll.last": "to the bottom",
}


def screen_bindings(screen: object) -> list[Binding]:
    """The screen's own bindings with ids, from its class and the classes it builds on (base first)."""
    seen: set[str] = set()
    found: list[Binding] = []
    for cls in reversed(type(screen).__mro__):
        for binding in cls.__dict__.get("BINDINGS", []):
            if isinstance(binding, Binding) and binding.id and binding.id not in seen:
                seen.add(binding.id)
                found.append(binding)
    return found


def screen_help_text(app: object, screen: object, title: str) -> str:
    """The keys of ``screen`` (a panel, planning mode, the objective), then the app's."""
    remapped = getattr(app, "keymap_in_force", {}) or {}
    lines: list[str] = []
    for binding in screen_bindings(screen):
        assert binding.id is not None
        label = key_label(remapped.get(binding.id, binding.key))
        key = f"{label:<14}".replace("[", "\\[")
        lines.append(f"  [b]{key}[/b] {escape(SCREEN_DESCRIPTIONS.get(binding.id, binding.description))}")
    lines += ["", "[b $accent]Everywhere[/]"]
    for binding_id in ("app.help", "app.palette", "app.quit"):
        label = key_label(bindings_by_id(app).get(binding_id, ""))
        lines.append(f"  [b]{label:<14}[/b] {escape(DESCRIPTIONS[binding_id])}")
    lines.append("")
    lines.append("[$text-muted]escape or ? closes this help.[/]")
    return "\n".join(lines)


class HelpScreen(ModalScreen[None]):
    DEFAULT_CSS = """
    HelpScreen { align: center middle; }
    HelpScreen > VerticalScroll {
        width: 90; max-width: 100%; height: auto; max-height: 100%;
        padding: 0 2; border: thick $accent; background: $surface;
    }
    """
    BINDINGS = [
        Binding("escape,question_mark,q", "close", "Close", id="help.close"),
        Binding("j,down", "scroll(1)", "Down", show=False, id="help.down"),
        Binding("k,up", "scroll(-1)", "Up", show=False, id="help.up"),
    ]

    def __init__(self, under: object = None) -> None:
        """``under``: the screen the help was asked on (its keys are shown; the board's when None)."""
        super().__init__()
        self.under = under

    def compose(self) -> ComposeResult:
        from board.screens.main_screen import MainScreen

        with VerticalScroll():
            if self.under is None or isinstance(self.under, MainScreen):
                yield Static("[b]Rollout Board — keys[/b]\n")
                yield Static(help_text(self.app), id="help-text")
            else:
                title = getattr(self.under, "TITLE_TEXT", "") or getattr(self.under, "HELP_TITLE", "This screen")
                yield Static(f"[b]Keys — {escape(title)}[/b]\n")
                yield Static(screen_help_text(self.app, self.under, title), id="help-text")
        yield Footer()

    def action_scroll(self, delta: int) -> None:
        scroll = self.query_one(VerticalScroll)
        if delta > 0:
            scroll.scroll_down(animate=False)
        else:
            scroll.scroll_up(animate=False)

    def action_close(self) -> None:
        self.dismiss()

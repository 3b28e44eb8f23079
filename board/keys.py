"""Every key of the app in one table: the bindings, the `?` help and the palette's labels come from it.

Each row is one binding id (what a user remaps in the settings' ``[keys]``): its
default keys, the action it runs, the short label the footer shows, the sentence
the help shows, the help group on the board's `?`, the scopes that declare it, and
its command-palette name when it has one. Each class that owns keys takes them
with ``BINDINGS = bindings_for("scope")``.

A scope is one owner of keys (the app, the board screen, the card views, a panel,
a dialog). :data:`ACTIVE_TOGETHER` says which scopes are live at the same time on
each screen: a remapped key clashes only with a key of the same screen, so a dialog
may use a key the board uses.

Plain data: Textual is imported only by :func:`bindings_for`, when a class asks.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from textual.binding import BindingType

__all__ = [
    "ACTIVE_TOGETHER",
    "HELP_GROUPS",
    "KEYS",
    "Key",
    "bindings_for",
    "by_id",
    "defaults_by_screen",
    "key_label",
    "keys_in_force",
    "markdown_table",
]


@dataclass(frozen=True)
class Key:
    """One row of the key table: a binding, its default keys, its action, its words and where it is in force."""

    id: str
    """The binding id, unique: what ``[keys]`` in the settings remaps."""
    keys: str
    """The default keys, in Textual's spelling, comma-separated (``"down,j"``)."""
    action: str
    """The action the key runs on its owner (``"objective('advance')"``)."""
    label: str
    """The footer's word for it (Textual's ``Binding.description``)."""
    scopes: tuple[str, ...]
    """The owners that declare it (see :data:`ACTIVE_TOGETHER`)."""
    help: str = ""
    """The `?` help's sentence; the label when empty."""
    group: str = ""
    """The group of the board's `?` help it is listed under ("" for the keys of other screens)."""
    show: bool = True
    """Shown in the footer."""
    priority: bool = False
    """Acts before the focused widget sees the key (Textual's priority binding)."""
    palette: str = ""
    """Its name in the command palette ("" when the palette does not offer it)."""

    @property
    def sentence(self) -> str:
        return self.help or self.label


MOVE = "Move around"
OBJECTIVES = "Objectives"
UNDO = "Undo"
VIEWS = "Views"
PANELS = "Panels"
APP = "App"
CONFLICTS = "Merge conflicts (a plan git merged with conflicts opens on them)"

HELP_GROUPS: tuple[str, ...] = (MOVE, OBJECTIVES, UNDO, VIEWS, PANELS, APP, CONFLICTS)
"""The groups of the board's `?` help, in order; within a group, the table's order."""


def _board(id: str, keys: str, action: str, label: str, help: str, group: str, **more: object) -> Key:
    """A key of the board screen: priority, so a burst of keys acts in the order typed."""
    return Key(id, keys, action, label, ("board",), help, group, priority=True, **more)  # type: ignore[arg-type]


def _cards(id: str, keys: str, action: str, label: str, help: str, group: str, **more: object) -> Key:
    return Key(id, keys, action, label, ("cards",), help, group, show=False, priority=True, **more)  # type: ignore[arg-type]


KEYS: tuple[Key, ...] = (
    # --- the app: on every screen ------------------------------------------------------------
    Key("app.quit", "q", "quit", "Quit", ("app",), "quit", APP, priority=True),
    Key("app.help", "question_mark", "help", "Help", ("app",), "this help", APP, priority=True, palette="Help"),
    Key(
        "app.palette",
        "ctrl+p",
        "command_palette",
        "palette",
        ("palette",),
        "command palette: every action, jump to an objective, themes",
        APP,
        show=False,
        priority=True,
    ),
    # --- the board: the card views (moving the selection) --------------------------------------
    _cards("board.up", "up,k", "card(-1)", "Up", "previous card", MOVE),
    _cards("board.down", "down,j", "card(1)", "Down", "next card", MOVE),
    _cards("board.left", "left,h", "column(-1)", "Left", "column to the left (timeline: previous week)", MOVE),
    _cards("board.right", "right,l", "column(1)", "Right", "column to the right (timeline: next week)", MOVE),
    _cards("board.first", "home,g", "card_edge(-1)", "First", "first card of the column", MOVE),
    _cards("board.last", "end,G", "card_edge(1)", "Last", "last card of the column", MOVE),
    # --- the board screen ----------------------------------------------------------------------
    _board(
        "objective.open",
        "enter",
        "objective('open')",
        "Open",
        "open the objective: details, dependencies, notes",
        OBJECTIVES,
        palette="Open objective",
    ),
    _board(
        "objective.advance",
        "space",
        "objective('advance')",
        "Advance",
        "todo → in-progress → done; blocked → in-progress",
        OBJECTIVES,
        palette="Advance status",
    ),
    _board(
        "objective.block",
        "b",
        "objective('block')",
        "Blocked",
        "block (asks why); unblock: back to its status",
        OBJECTIVES,
        show=False,
        palette="Toggle blocked",
    ),
    _board(
        "objective.move-left",
        "H",
        "objective('column', -1)",
        "◀ Move",
        "to the previous column (a phase: its last week)",
        OBJECTIVES,
        show=False,
        palette="Move card to previous column",
    ),
    _board(
        "objective.move-right",
        "L",
        "objective('column', 1)",
        "Move ▶",
        "to the next column (a phase: its first week)",
        OBJECTIVES,
        show=False,
        palette="Move card to next column",
    ),
    _board(
        "objective.week-earlier",
        "left_square_bracket",
        "objective('week', -1)",
        "Week −1",
        "move the objective one week earlier",
        OBJECTIVES,
        show=False,
        palette="Move objective a week earlier",
    ),
    _board(
        "objective.week-later",
        "right_square_bracket",
        "objective('week', 1)",
        "Week +1",
        "move the objective one week later",
        OBJECTIVES,
        show=False,
        palette="Move objective a week later",
    ),
    _board(
        "objective.reorder-up",
        "K",
        "objective('reorder', -1)",
        "Card up",
        "move the card up within its column",
        OBJECTIVES,
        show=False,
        palette="Move card up",
    ),
    _board(
        "objective.reorder-down",
        "J",
        "objective('reorder', 1)",
        "Card down",
        "move the card down within its column",
        OBJECTIVES,
        show=False,
        palette="Move card down",
    ),
    _board("objective.new", "n", "objective('new')", "New", "new objective", OBJECTIVES, palette="New objective"),
    _board(
        "objective.edit", "e", "objective('edit')", "Edit", "edit the objective", OBJECTIVES, palette="Edit objective"
    ),
    _board(
        "objective.delete",
        "x",
        "objective('delete')",
        "Delete",
        "delete the objective (asks first; u brings it back)",
        OBJECTIVES,
        show=False,
        palette="Delete objective",
    ),
    _board(
        "objective.depend",
        "d",
        "objective('depend')",
        "Add dependency",
        "add a dependency: pick what it waits on (a cycle is refused)",
        OBJECTIVES,
        show=False,
        palette="Add a dependency",
    ),
    _board(
        "view.phase",
        "1",
        "view('phase')",
        "Phases",
        "phase board: columns are phases, cards grouped by week",
        VIEWS,
        show=False,
        palette="Phase board",
    ),
    _board(
        "view.status",
        "2",
        "view('status')",
        "Statuses",
        "status board: columns are statuses",
        VIEWS,
        show=False,
        palette="Status board",
    ),
    _board(
        "view.timeline",
        "3",
        "view('timeline')",
        "Timeline",
        "timeline: an objective a row, its bar in its week",
        VIEWS,
        show=False,
        palette="Timeline",
    ),
    _cards(
        "board.phase-filter",
        "p",
        "phase_filter",
        "Phase filter",
        "status board: cycle the phase filter, shown in the header",
        VIEWS,
    ),
    _board(
        "board.filter",
        "slash",
        "filter",
        "Filter",
        "filter by text (title, id, owner, tag)",
        VIEWS,
        palette="Filter objectives",
    ),
    _board(
        "board.clear-filter",
        "escape",
        "clear_filter",
        "Clear filter",
        "clear the filter",
        VIEWS,
        show=False,
        palette="Clear filter",
    ),
    _board("edit.undo", "u", "undo", "Undo", "undo the last change", UNDO, palette="Undo"),
    _board("edit.redo", "ctrl+r", "redo", "Redo", "redo", UNDO, show=False, palette="Redo"),
    _board(
        "panel.overview",
        "o",
        "panel('overview')",
        "Overview",
        "the whole plan: progress by phase, metrics, final validation",
        PANELS,
        show=False,
        palette="Overview",
    ),
    _board(
        "panel.risk",
        "r",
        "panel('risk')",
        "Risk",
        "risk & rollback of the selected card's phase",
        PANELS,
        show=False,
        palette="Risk & rollback",
    ),
    _board(
        "panel.contingency",
        "c",
        "panel('contingency')",
        "Contingency",
        "contingency plans and notes",
        PANELS,
        show=False,
        palette="Contingency plans",
    ),
    _board(
        "panel.metrics",
        "m",
        "panel('metrics')",
        "Metrics",
        "success metrics",
        PANELS,
        show=False,
        palette="Metrics",
    ),
    _board(
        "panel.standup",
        "s",
        "panel('standup')",
        "Standup",
        "standup: what moved, what is blocked, are we safe to deploy",
        PANELS,
        show=False,
        palette="Standup",
    ),
    _board(
        "panel.planning",
        "P",
        "panel('planning')",
        "Plan structure",
        "plan structure: phases and weeks, statuses, criteria, rollback, checklists, metrics",
        PANELS,
        show=False,
        palette="Plan structure",
    ),
    _board(
        "phase.edit",
        "E",
        "edit_phase",
        "Edit phase",
        "edit the selected card's phase: name, weeks, priority, risk, rollback",
        PANELS,
        show=False,
        palette="Edit this phase",
    ),
    # --- the review panels (risk, contingency, metrics, overview, planning) --------------------
    Key("panel.back", "escape", "close", "Back", ("panel", "text-panel"), "back to the board"),
    Key("panel.down", "j", "cursor(1)", "Down", ("panel",), "next row", show=False),
    Key("panel.up", "k", "cursor(-1)", "Up", ("panel",), "previous row", show=False),
    Key("panel.first", "g,home", "edge(-1)", "First", ("panel",), "first row", show=False),
    Key("panel.last", "G,end", "edge(1)", "Last", ("panel",), "last row", show=False),
    Key("panel.undo", "u", "undo", "Undo", ("panel",), "undo the last change (one history for the plan)"),
    Key("panel.redo", "ctrl+r", "redo", "Redo", ("panel",), "redo", show=False),
    Key(
        "risk.tick",
        "space",
        "tick",
        "Tick",
        ("risk",),
        "tick the row; a risk: open → mitigated → closed; on a criterion met from a metric (∿) it says which"
        " reading meets it",
    ),
    Key("risk.previous-phase", "left", "phase(-1)", "◀ Phase", ("risk",), "the previous phase"),
    Key("risk.next-phase", "right", "phase(1)", "Phase ▶", ("risk",), "the next phase"),
    Key("risk.this-phase", "t", "this_phase", "This week's phase", ("risk",), "this week's phase"),
    Key("risk.reset", "R", "reset", "Reset rehearsal", ("risk",), "reset the rollback rehearsal (untick every step)"),
    Key(
        "risk.signoff",
        "g",
        "signoff",
        "Sign off",
        ("risk",),
        "sign off the gate, or withdraw a sign-off",
    ),
    Key("risk.add", "a", "add_risk", "Add risk", ("risk",), "add a risk to this phase's register"),
    Key("risk.edit", "e", "edit", "Edit", ("risk",), "edit the highlighted line or risk"),
    Key("risk.delete", "x", "delete_risk", "Delete risk", ("risk",), "delete the highlighted risk"),
    Key(
        "contingency.toggle",
        "space",
        "activate_or_tick",
        "Activate / tick",
        ("contingency",),
        "switch the plan active / on standby (the day is kept)",
    ),
    Key("contingency.notes", "tab", "notes", "Notes", ("contingency",), "edit its notes (saved as you type)"),
    Key("metrics.record", "v", "record", "Record value", ("metrics",), "record a value for the highlighted metric"),
    Key("overview.tick", "space", "tick", "Tick", ("overview",)),
    Key("overview.open", "enter", "open_row", "Open", ("overview",), priority=True),
    Key("plan.add", "n", "add", "Add", ("planning",), "add one of the highlighted row's kind after it"),
    Key("plan.edit", "e,enter", "edit", "Edit", ("planning",), "edit the highlighted row"),
    Key("plan.delete", "x", "delete", "Delete", ("planning",), "delete the row (asks first, says what goes with it)"),
    Key("plan.move-up", "K", "move(-1)", "Up", ("planning",), "move it up"),
    Key("plan.move-down", "J", "move(1)", "Down", ("planning",), "move it down"),
    # --- the standup's text panel --------------------------------------------------------------
    Key("standup.down", "j,down", "scroll(1)", "Down", ("text-panel",), "scroll down", show=False),
    Key("standup.up", "k,up", "scroll(-1)", "Up", ("text-panel",), "scroll up", show=False),
    Key("standup.first", "g,home", "edge(-1)", "Top", ("text-panel",), "to the top", show=False),
    Key("standup.last", "G,end", "edge(1)", "Bottom", ("text-panel",), "to the bottom", show=False),
    # --- an objective opened (enter) -----------------------------------------------------------
    Key("objective.back", "escape", "close", "Back", ("objective",), "back to the board"),
    Key("objective.edit-open", "e", "edit", "Edit", ("objective",), "edit the objective"),
    Key("objective.advance-open", "space", "advance", "Advance", ("objective",), "advance its status"),
    Key("objective.block-open", "b", "block", "Blocked", ("objective",), "toggle blocked"),
    Key("objective.undo-open", "u", "undo", "Undo", ("objective",), "undo the last change"),
    Key("objective.redo-open", "ctrl+r", "redo", "Redo", ("objective",), "redo", show=False),
    Key("scroll.first", "g", "scroll_edge(-1)", "Top", ("objective",), "to the top", show=False),
    Key("scroll.last", "G", "scroll_edge(1)", "Bottom", ("objective",), "to the bottom", show=False),
    Key("objective.next-link", "j", "link(1)", "Next link", ("objective",), show=False),
    Key("objective.previous-link", "k", "link(-1)", "Previous link", ("objective",), show=False),
    Key("objective.remove-link", "x", "remove_link", "Remove link", ("objective",)),
    Key("objective.add-link", "d", "add_link", "Add dependency", ("objective",)),
    # --- merge conflicts (a plan a git merge left with [[conflicts]]) ---------------------------
    Key(
        "conflicts.ours",
        "o",
        "resolve('ours')",
        "Keep ours",
        ("conflicts",),
        "keep ours for the selected conflict (u undoes, j/k select)",
        CONFLICTS,
    ),
    Key(
        "conflicts.theirs",
        "t",
        "resolve('theirs')",
        "Take theirs",
        ("conflicts",),
        "take theirs for the selected conflict",
        CONFLICTS,
    ),
    Key("conflicts.edit", "e", "edit", "Edit", ("conflicts",), "type the value of the selected conflict", CONFLICTS),
    Key("conflicts.down", "j,down", "step(1)", "Next", ("conflicts",), show=False),
    Key("conflicts.up", "k,up", "step(-1)", "Previous", ("conflicts",), show=False),
    Key("conflicts.first", "g", "first", "First", ("conflicts",), show=False),
    Key("conflicts.last", "G", "last", "Last", ("conflicts",), show=False),
    Key("conflicts.undo", "u", "undo", "Undo", ("conflicts",)),
    Key("conflicts.redo", "ctrl+r", "redo", "Redo", ("conflicts",)),
    Key("conflicts.close", "escape", "close", "Board", ("conflicts",)),
    Key("conflicts.edit-cancel", "escape", "cancel", "Cancel", ("conflict-value",)),
    # --- dialogs and forms ---------------------------------------------------------------------
    Key("help.close", "escape,question_mark,q", "close", "Close", ("help",)),
    Key("help.down", "j,down", "scroll(1)", "Down", ("help",), show=False),
    Key("help.up", "k,up", "scroll(-1)", "Up", ("help",), show=False),
    # Forms: escape is a priority key, acting when it arrives, so a `y` typed right after it answers
    # the question instead of landing in the title (an open status list is closed first).
    Key("form.cancel", "escape", "cancel", "Cancel", ("form",), priority=True),
    Key("form.save", "ctrl+s", "submit", "Save", ("form",)),
    Key("fields.cancel", "escape", "cancel", "Cancel", ("fields",), priority=True),
    Key("fields.save", "ctrl+s", "submit", "Save", ("fields",)),
    Key("block.no-reason", "escape", "without_reason", "Block without a reason", ("block",)),
    # Priority in a question over a text field: the answer keys act even while it has focus.
    Key("confirm.yes", "y", "answer(True)", "Yes", ("confirm",), priority=True),
    Key("confirm.no", "n,escape", "answer(False)", "No", ("confirm",), priority=True),
    Key("quit.save", "s", "choose('save')", "Save and quit", ("quit",), priority=True),
    Key("quit.discard", "d", "choose('discard')", "Discard and quit", ("quit",), priority=True),
    Key("quit.cancel", "c,escape", "choose('cancel')", "Cancel", ("quit",), priority=True),
    Key("missing.save", "s", "choose('save')", "Save it again", ("missing",)),
    Key("missing.quit", "q", "choose('quit')", "Quit", ("missing",)),
    Key("conflict.mine", "k", "choose('mine')", "Keep mine", ("conflict",)),
    Key("conflict.theirs", "t", "choose('theirs')", "Take theirs", ("conflict",)),
    Key("question.cancel", "escape", "choose('')", "Cancel", ("question",)),
    Key("depend.cancel", "escape", "cancel", "Cancel", ("depend",)),
    Key("depend.down", "down", "move(1)", "Down", ("depend",), show=False),
    Key("depend.up", "up", "move(-1)", "Up", ("depend",), show=False),
    Key("depend.down-ctrl", "ctrl+j", "move(1)", "Down", ("depend",), show=False),
    Key("depend.up-ctrl", "ctrl+k", "move(-1)", "Up", ("depend",), show=False),
    # --- the plan picker (several plans in ./plans/, before the board opens) -------------------
    Key("picker.quit", "q,escape", "quit_picker", "Quit", ("picker",)),
    Key("picker.down", "j", "cursor(1)", "Down", ("picker",), show=False),
    Key("picker.up", "k", "cursor(-1)", "Up", ("picker",), show=False),
    Key("picker.first", "g", "edge(-1)", "First", ("picker",), show=False),
    Key("picker.last", "G", "edge(1)", "Last", ("picker",), show=False),
)

ACTIVE_TOGETHER: dict[str, tuple[str, ...]] = {
    "the board": ("app", "palette", "board", "cards"),
    "the risk & rollback panel": ("app", "palette", "panel", "risk"),
    "the contingency panel": ("app", "palette", "panel", "contingency"),
    "the metrics panel": ("app", "palette", "panel", "metrics"),
    "the overview": ("app", "palette", "panel", "overview"),
    "planning mode": ("app", "palette", "panel", "planning"),
    "the standup": ("app", "palette", "text-panel"),
    "an objective": ("app", "palette", "objective"),
    "the merge conflicts": ("app", "palette", "conflicts"),
    # Dialogs: the app's q and ? are a dialog's letters (RolloutApp.check_action); ctrl+p still opens the palette.
    "the conflict value": ("palette", "conflict-value"),
    "the help": ("palette", "help"),
    "the objective form": ("palette", "form"),
    "a form": ("palette", "fields"),
    "the block reason": ("palette", "block"),
    "a confirmation": ("palette", "confirm"),
    "the quit question": ("palette", "quit"),
    "the missing-file question": ("palette", "missing"),
    "the changed-file question": ("palette", "conflict"),
    "a question": ("palette", "question"),
    "the dependency picker": ("palette", "depend"),
    "the plan picker": ("picker",),
}
"""Each screen (and dialog) → the scopes whose keys are live on it at the same time."""

SCOPE_NAMES: dict[str, str] = {
    "app": "everywhere but dialogs",
    "palette": "everywhere",
    "board": "the board",
    "cards": "the board",
    "panel": "every review panel (r c m o P)",
    "risk": "risk & rollback (r)",
    "contingency": "contingency (c)",
    "metrics": "metrics (m)",
    "overview": "overview (o)",
    "planning": "planning mode (P)",
    "text-panel": "the standup (s)",
    "objective": "an objective (enter)",
    "conflicts": "merge conflicts",
    "conflict-value": "merge conflicts: typing a value",
    "help": "the help (?)",
    "form": "the objective form (n, e)",
    "fields": "the other forms",
    "block": "the block reason (b)",
    "confirm": "a yes / no question",
    "quit": "the quit question",
    "missing": "plan file deleted",
    "conflict": "plan file changed on disk",
    "question": "a question",
    "depend": "the dependency picker (d)",
    "picker": "the plan picker",
}
"""How the README names each scope."""

_BY_ID: dict[str, Key] = {key.id: key for key in KEYS}


def by_id(binding_id: str) -> Key:
    """The table's row for ``binding_id`` (KeyError when there is none)."""
    return _BY_ID[binding_id]


def in_scope(scope: str) -> list[Key]:
    """The rows a scope declares, in the table's order."""
    return [key for key in KEYS if scope in key.scopes]


def bindings_for(scope: str) -> list[BindingType]:
    """Textual bindings of ``scope``, in the table's order: an owner's ``BINDINGS``."""
    from textual.binding import Binding

    keys = in_scope(scope)
    if not keys:
        raise KeyError(f"no keys in scope {scope!r}")
    return [Binding(key.keys, key.action, key.label, show=key.show, priority=key.priority, id=key.id) for key in keys]


def defaults_by_screen() -> dict[str, dict[str, str]]:
    """Screen → {binding id → default keys} of the keys live on it together: what remaps are checked against."""
    return {
        screen: {key.id: key.keys for scope in scopes for key in in_scope(scope)}
        for screen, scopes in ACTIVE_TOGETHER.items()
    }


def keys_in_force(keymap: Mapping[str, str] | None = None) -> dict[str, str]:
    """Binding id → keys with the user's remaps (``keymap``, as handed to Textual) applied."""
    found = {key.id: key.keys for key in KEYS}
    found.update(keymap or {})
    return found


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
    """Keys as people read them: ``"left_square_bracket"`` -> ``"["``, several separated by spaces."""
    return " ".join(KEY_NAMES.get(k.strip(), k.strip()) for k in keys.split(","))


def markdown_table() -> str:
    """The README's table of every binding id (``tests`` check the README holds it as printed here)."""
    rows = ["| id | keys | where | what |", "|---|---|---|---|"]
    for key in KEYS:
        where = ", ".join(dict.fromkeys(SCOPE_NAMES[scope] for scope in key.scopes))
        what = key.sentence.replace("|", "\\|")
        keys = " ".join(f"`{k}`" for k in key.keys.split(","))
        rows.append(f"| `{key.id}` | {keys} | {where} | {what} |")
    return "\n".join(rows) + "\n"

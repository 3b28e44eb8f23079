"""`?`: every key of the board, grouped, as it is bound now (remapped keys included)."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Static

from board.keys import APP, HELP_GROUPS, KEYS, bindings_for, by_id, key_label, keys_in_force
from board.widgets.key_footer import KeyFooter
from board.widgets.markup import escape


def bindings_by_id(app: object) -> dict[str, str]:
    """Binding id -> keys in force (the user's remaps applied)."""
    return keys_in_force(getattr(app, "keymap_in_force", None))


def _line(keys: str, sentence: str) -> str:
    key = f"{key_label(keys):<14}".replace("[", "\\[")
    return f"  [b]{key}[/b] {escape(sentence)}"


def help_text(app: object) -> str:
    """The board's `?`: every key of the board, the app and the merge conflicts, by group."""
    keys = bindings_by_id(app)
    lines: list[str] = []
    for group in HELP_GROUPS:
        lines.append(f"[b $accent]{group}[/]")
        lines += [_line(keys[key.id], key.sentence) for key in KEYS if key.group == group]
        lines.append("")
    lines.append("[b $accent]Marks[/]")
    lines.append("  ○ todo  ◐ in progress  ✕ blocked  ● done  ·  ⚠n dependencies not done")
    lines.append("  ≫ waits on work scheduled later (a slip)  ·  ◆ on the critical path")
    lines.append("  headers: gate ✓ GO / ✕ n open · health ● on track ▲ at risk ✕ off track")
    signoff = escape(key_label(keys["risk.signoff"]))
    lines.append(f"  risk panel: {signoff} signs off or withdraws · the last rollback tick logs a rehearsal")
    lines.append("")
    lines.append("[$text-muted]Every change is saved at once. escape or ? closes this help.[/]")
    return "\n".join(lines)


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
    """The keys of ``screen`` (a panel, planning mode, the objective), then the app's.

    A key the screen's own class binds again (the risk panel's `g`) is shown where it acts only."""
    keys = bindings_by_id(app)
    bound: list[tuple[str, list[str]]] = []
    owner: dict[str, str] = {}  # key -> the binding id it acts for (the class's own over its base's)
    for binding in screen_bindings(screen):
        assert binding.id is not None
        names = [k.strip() for k in keys.get(binding.id, binding.key).split(",")]
        bound.append((binding.id, names))
        owner.update(dict.fromkeys(names, binding.id))
    lines: list[str] = []
    for binding_id, names in bound:
        acting = [k for k in names if owner[k] == binding_id]
        if acting:
            lines.append(_line(",".join(acting), by_id(binding_id).sentence))
    lines += ["", "[b $accent]Everywhere[/]"]
    lines += [_line(keys[key.id], key.sentence) for key in KEYS if key.group == APP]
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
    BINDINGS = bindings_for("help")

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
        yield KeyFooter()

    def action_scroll(self, delta: int) -> None:
        scroll = self.query_one(VerticalScroll)
        if delta > 0:
            scroll.scroll_down(animate=False)
        else:
            scroll.scroll_up(animate=False)

    def action_close(self) -> None:
        self.dismiss()

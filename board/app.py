"""The Textual app: owns the open plan (a PlanSession), saves every change, watches the file.

The app is the :class:`board.host.Host` its screens see: every change comes to
``apply`` (or ``undo`` / ``redo``), is saved here and published as one PlanChanged
(board/host.py). The app never reaches into a screen's widgets: the header binds to
``save_state`` and ``git_state``, the board reacts to PlanChanged, and a palette
command runs a board action by name."""

from __future__ import annotations

import gc
import os
import sys
from collections.abc import Callable, Sequence
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Literal

from textual import work
from textual.app import App
from textual.screen import ModalScreen
from textual.widgets import Input

if TYPE_CHECKING:
    from textual.command import Provider
    from textual.filter import LineFilter
    from textual.notifications import SeverityLevel
    from textual.theme import Theme

    from board.settings import Settings

from board import store
from board.host import Host
from board.keys import bindings_for
from board.model import Plan
from board.session import DiskState, PlanSession
from board.term import visible
from board.widgets.control_filter import ControlCharacters

DEFAULT_THEME = "rollout-dark"


def board_commands() -> type[Provider]:
    from board.palette import BoardCommands

    return BoardCommands


def objective_jump() -> type[Provider]:
    from board.palette import ObjectiveJump

    return ObjectiveJump


def plan_switch() -> type[Provider]:
    from board.palette import PlanSwitch

    return PlanSwitch


class RolloutApp(Host):
    """Rollout Board."""

    TITLE = "Rollout Board"
    CSS_PATH = ["app.tcss"]
    COMMANDS = App.COMMANDS | {board_commands, objective_jump, plan_switch}
    BINDINGS = [*bindings_for("app"), *bindings_for("palette")]

    def __init__(
        self,
        path: Path,
        *,
        today: Callable[[], date] | None = None,
        watch_interval: float = 1.0,
        read_only: bool = False,
        loaded: tuple[bytes, Plan] | None = None,
    ) -> None:
        settings, themes, wanted, problems = _read_preferences()
        self._themes_read: dict[str, Theme] = {theme.name: theme for theme in themes}
        # The theme is in force before Textual builds the stylesheet's variables (in App.__init__) and parses
        # it: set later (``self.theme = ...``), Textual parses the whole stylesheet a second time.
        self.set_reactive(App.theme, wanted)
        super().__init__()
        for theme in themes:
            self.register_theme(theme)
        self._themes_read = {}
        self.set_class(True, f"-theme-{wanted}", update=False)  # as setting App.theme does
        self.today: Callable[[], date] = today or date.today
        self.read_only = read_only
        """Every change is refused (``serve --read-only``): the board shows the plan, nothing else."""
        self.session = PlanSession(Path(path), today=self.today, read_only=read_only, loaded=loaded)
        self.watch_interval = watch_interval
        self._resolving = False
        self._missing_seen = False
        self._control_filter = ControlCharacters()
        self.startup_problems = problems + self._apply_keymap(settings)
        self.collector_paused_to_first_frame = False
        """Set by :func:`open_app`: no cyclic garbage collection from the app's start to its first frame."""

    def get_theme(self, theme_name: str) -> Theme | None:
        # While Textual's App.__init__ runs, the board's themes are read but not registered yet.
        return self._themes_read.get(theme_name) or super().get_theme(theme_name)

    def _apply_keymap(self, settings: Settings) -> list[str]:
        """The user's key remaps (from the settings file) in force; the problems met."""
        from board.keymap import resolve_keymap
        from board.keys import defaults_by_screen, keys_in_force

        keymap, problems = resolve_keymap(defaults_by_screen(), settings.keys, settings.places)
        self.keymap_in_force = keys_in_force(keymap)
        if keymap:
            self.set_keymap(keymap)
        if "app.palette" in keymap:
            # The footer shows the palette's key by this name (a class attribute of Textual's).
            setattr(self, "COMMAND_PALETTE_BINDING", keymap["app.palette"].split(",")[0])  # noqa: B010
        return problems

    @property
    def display_path(self) -> str:
        path = self.session.path
        try:
            return os.path.relpath(path)
        except ValueError:
            return str(path)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        # q and ? are letters in a text field, and a dialog's keys in a dialog.
        return not (action in ("quit", "help") and (_typing_into(self.focused) or isinstance(self.screen, ModalScreen)))

    def get_line_filters(self) -> Sequence[LineFilter]:
        # Plan text is other people's data: its control characters are drawn as escapes, never raw.
        return [self._control_filter, *super().get_line_filters()]

    def notify(
        self,
        message: str,
        *,
        title: str = "",
        severity: SeverityLevel = "information",
        timeout: float | None = None,
        markup: bool = False,
    ) -> None:
        # Notifications quote plan text (titles, error messages): always plain text, never markup
        # (widgets and screens pass markup=True by default; no notification of the board uses markup).
        super().notify(message, title=title, severity=severity, timeout=timeout, markup=False)

    def get_theme_variable_defaults(self) -> dict[str, str]:
        from board.themes import VARIABLE_DEFAULTS

        # Textual's built-in themes get the board's status and selection colours too.
        return dict(VARIABLE_DEFAULTS)

    def get_default_screen(self):  # type: ignore[override]
        from board.screens.main_screen import MainScreen

        return MainScreen()

    def on_load(self) -> None:
        if self.collector_paused_to_first_frame:
            # Start-up (the screen's modules, widgets, styles and first paint) allocates much and frees
            # little: the collector ran ~130 passes before the first frame and reclaimed nothing.
            gc.disable()

    def _collector_back(self) -> None:
        if self.collector_paused_to_first_frame and not gc.isenabled():
            gc.freeze()  # what start-up built lives as long as the board, like the plan frozen before it
            gc.enable()

    def on_mount(self) -> None:
        self.call_after_refresh(self._collector_back)  # first: what runs after the first frame is collected
        self.title = visible(self.session.plan.title)
        if self.startup_problems:
            self.notify("\n".join(self.startup_problems), title="Settings and themes", severity="warning", timeout=10)
        self.theme_changed_signal.subscribe(self, self._remember_theme)
        # After the first frame: ask git, make the editor (with the snapshot every change is measured
        # against) and map the plan's text, so the first change is as fast as the rest.
        self.call_after_refresh(self.refresh_git_state)
        self.call_after_refresh(lambda: self.session.ready_to_edit())
        self.call_after_refresh(self.warm_store)
        if self.watch_interval > 0:
            self.set_interval(self.watch_interval, self.watch_file)
        self.show_merge_conflicts()

    def show_merge_conflicts(self) -> None:
        """A plan with a ``[[conflicts]]`` table (a merge left it) opens on its conflicts."""
        if not self.session.plan.conflicts:
            return  # the usual case: the screen's module is not imported before the first frame
        from board.screens.merge_conflicts import MergeConflictsScreen

        if not isinstance(self.screen, MergeConflictsScreen):
            self.push_screen(MergeConflictsScreen())

    def action_merge_conflicts(self) -> None:
        """From the command palette: back to the conflicts a merge left."""
        if not self.session.plan.conflicts:
            self.notify("No merge conflicts in this plan", timeout=3)
            return
        self.show_merge_conflicts()

    def _remember_theme(self, theme: Theme) -> None:
        from board.settings import remember_theme

        try:
            remember_theme(theme.name)
        except Exception as error:
            self.notify(f"Could not remember the theme: {error}", severity="warning", timeout=5)

    # --- saving and the file on disk ---------------------------------------
    @property
    def main_screen(self):
        from board.screens.main_screen import MainScreen

        screen = self.screen_stack[0] if self.screen_stack else None
        return screen if isinstance(screen, MainScreen) else None

    def save_now(self) -> Literal["saved", "replaced", "failed"]:
        """Save the plan at once; on failure keep the change in memory and say why.

        "replaced": a change made on disk meanwhile was kept with ours, and the session holds
        the merged plan (the caller publishes it)."""
        try:
            stopped = self.session.save()
        except store.SaveError as error:
            self.save_state = "error"
            self.notify(
                f"{error}. Your change is kept here; it will be saved with the next change.",
                severity="error",
                timeout=8,
            )
            return "failed"
        if stopped is not None and stopped.kind == "merged":
            # A change made on disk meanwhile (a script's move, a pull) was kept alongside this one.
            self.save_state = "saved"
            self.notify("Saved, together with a change made to the file meanwhile", timeout=3)
            self.refresh_git_state()
            self.call_later(self.show_merge_conflicts)  # a merge written under the board: its conflicts first
            return "replaced"
        if stopped is not None:
            self._on_disk_change(stopped)
            return "failed"
        self.save_state = "saved"
        self.refresh_git_state()
        return "saved"

    def watch_file(self) -> None:
        if self._resolving:
            return
        state = self.session.check_disk()
        if state.kind == "same":
            self._missing_seen = False
            if self.save_state in ("invalid", "missing"):
                self.save_state = "unsaved" if self.session.unsaved else "saved"
            return
        if state.kind == "missing" and not self._missing_seen:
            self._missing_seen = True  # an editor saving by rename leaves a moment without the file: look again
            return
        self._on_disk_change(state)

    def _show_plan_from_disk(self, message: str) -> None:
        """The session holds the plan as it now is on disk: show it, saved, and say why it changed."""
        self.save_state = "saved"
        self.plan_replaced()
        self.notify(message, timeout=3)
        self.refresh_git_state()
        self.show_merge_conflicts()  # a merge written under the board: its conflicts first

    def _on_disk_change(self, state: DiskState) -> None:
        if state.kind == "missing":
            self.save_state = "missing"
            self._resolving = True
            self.resolve_missing()
            return
        if state.kind == "invalid":
            if self.save_state != "invalid" or state.problems != self.session.disk_problems:
                self.session.disk_problems = state.problems
                self.save_state = "invalid"
                lines = "\n".join(state.problems[:6])
                self.notify(
                    f"The plan file is invalid on disk and will not be overwritten:\n{lines}",
                    severity="error",
                    timeout=10,
                )
            return
        if not self.session.unsaved:
            self.session.take(state)
            self._show_plan_from_disk("Reloaded: the plan changed on disk")
            return
        self.save_state = "conflict"
        self._resolving = True
        self.resolve_conflict(state)

    @work(exclusive=True, group="conflict")
    async def resolve_conflict(self, state: DiskState) -> None:
        from board.screens.conflict import ConflictScreen

        try:
            choice = await self.push_screen_wait(ConflictScreen(self.display_path))
            if choice == "theirs":
                fresh = self.session.check_disk()
                if fresh.kind == "changed":
                    self.session.take(fresh)
                self.save_state = "saved"
                self.plan_replaced()
                self.notify("Took the version on disk", timeout=3)
            else:
                self._force_save("Kept your version (saved over the file)")
        finally:
            self._resolving = False
            self.refresh_git_state()

    def _force_save(self, message: str) -> bool:
        """Write this board's plan whatever is on disk (keep mine, save a deleted file again); say how it went."""
        try:
            self.session.save(force=True)
        except store.SaveError as error:
            self.save_state = "error"
            self.notify(str(error), severity="error", timeout=8)
            return False
        self.save_state = "saved"
        self.notify(message, timeout=3)
        return True

    @work(exclusive=True, group="conflict")
    async def resolve_missing(self) -> None:
        from board.screens.missing import MissingFileScreen

        try:
            choice = await self.push_screen_wait(MissingFileScreen(self.display_path))
            if choice == "quit":
                self.exit()
                return
            if self._force_save(f"Saved {self.display_path} again"):
                self._missing_seen = False
        finally:
            self._resolving = False
            self.refresh_git_state()

    @work(thread=True, exclusive=True, group="warm")
    def warm_store(self) -> None:
        """The map of the file's text, which the first save would build (0.2-0.5 s of CPU at 50,000 objectives)."""
        session = self.session
        data, known = session.text_map()
        self.call_from_thread(session.keep_map, data, known)

    @work(thread=True, exclusive=True, group="git")
    def refresh_git_state(self) -> None:
        from board.gitstate import file_state

        state = file_state(self.session.path)
        self.call_from_thread(setattr, self, "git_state", state)

    # --- actions from the command palette ----------------------------------
    def run_board_action(self, action: str) -> None:
        """Run a board action by name, as its key would (from the command palette)."""
        board = self.main_screen
        if board is not None:
            self.call_next(self.run_action, action, board)

    def action_export_report(self, fmt: str) -> None:
        """Write an export next to the plan (from the command palette) and say where."""
        from board.interchange.writing import ExportRefused, export_next_to_plan, write_report

        try:
            if fmt == "svg":
                target = self.session.path.with_suffix(".svg")
                svg = self.export_screenshot(title=visible(self.session.plan.title))
                write_report(target, svg, self.session.path)
            else:
                target = export_next_to_plan(self.session.path, fmt)
        except (OSError, store.LoadError, ExportRefused) as error:
            self.notify(f"Could not export: {error}", severity="error", timeout=6)
            return
        self.notify(f"Wrote {os.path.relpath(target)}", title="Export", timeout=6)

    def switch_plan(self, path: Path) -> None:
        """Open another plan in this board (from the command palette)."""
        from board.recent import remember

        if self.session.unsaved:
            self.notify(
                "This plan has a change that is not saved yet; switch after it is saved", severity="warning", timeout=5
            )
            return
        try:
            session = PlanSession(Path(path), today=self.today, read_only=self.read_only)
        except store.LoadError as error:
            lines = "\n".join(str(p) for p in error.problems[:6])
            self.notify(f"Cannot open {path}:\n{lines}", severity="error", timeout=8)
            return
        self.session = session
        self.title = visible(session.plan.title)
        remember(Path(path))
        self.save_state = "saved"
        self.plan_replaced(select=session.plan.objectives[0].id if session.plan.objectives else None)
        self.refresh_git_state()
        self.notify(f"Opened {self.display_path}", timeout=3)

    def jump_to(self, oid: str) -> None:
        """Select ``oid`` on the board (from the command palette), clearing a filter that hides it."""
        self.run_board_action(f"jump({oid!r})")

    # --- quitting ------------------------------------------------------------
    UNSAVED_REASONS = {
        "error": "the last save failed",
        "conflict": "the file changed on disk",
        "invalid": "the file on disk is invalid",
        "missing": "the file was deleted",
        "unsaved": "not written yet",
    }

    async def action_quit(self) -> None:
        """q: quit at once when everything is saved; otherwise ask save / discard / cancel."""
        if not self.session.unsaved:
            self.exit()
            return
        self.ask_before_quitting()

    @work(exclusive=True, group="quit")
    async def ask_before_quitting(self) -> None:
        from board.screens.quit import QuitScreen

        reason = self.UNSAVED_REASONS.get(self.save_state, "not written yet")
        choice = await self.push_screen_wait(QuitScreen(reason))
        if choice == "discard":
            self.exit()
        elif choice == "save":
            if self.save_state in ("conflict", "invalid"):
                self.notify(
                    "The file on disk changed: the save would overwrite it. Resolve it first (or discard).",
                    severity="warning",
                    timeout=6,
                )
                return
            if self.save_now() != "failed":
                self.exit()

    # --- screens -----------------------------------------------------------
    def action_help(self) -> None:
        from board.screens.help import HelpScreen

        self.push_screen(HelpScreen(self.screen))

    async def open_objective(self, oid: str) -> None:
        from board.screens.objective import ObjectiveScreen

        await self.push_screen(ObjectiveScreen(oid))

    async def open_form(self, oid: str | None, default_week: int = 1) -> None:
        from board.screens.objective_form import ObjectiveForm

        plan = self.session.plan
        original = plan.find_objective(oid) if oid else None
        form = ObjectiveForm(plan, original, default_week=default_week)
        await self.push_screen(form)
        # Focus the title now, not when the form's mount handler runs: keys typed right after
        # `n` or `e` must land in the form.
        form.focus_first_field()

    async def confirm_delete(self, oid: str, then_select: str | None = None) -> None:
        """x: ask, then delete ``oid`` (selecting ``then_select``, its neighbour on the board)."""
        from board.screens.confirm import ConfirmScreen

        editor = self.session.editor

        def delete() -> None:
            if self.apply(lambda: editor.delete_objective(oid), select=then_select) is not None:
                self.notify(f"Deleted {oid} — u brings it back", timeout=3)

        await self.push_screen(ConfirmScreen(delete_question(self.session.plan, oid), "Delete", on_yes=delete))

    async def toggle_blocked(self, oid: str) -> None:
        """b: block the objective, asking why in one line; on a blocked one, give back its status."""
        from board.model import BLOCKED
        from board.screens.block_reason import BlockReasonScreen

        editor = self.session.editor
        obj = self.session.plan.objective(oid)
        if obj.status == BLOCKED or self.session.plan.blocked_status is None:
            self.apply(lambda: editor.toggle_blocked(oid))
            return

        def block(reason: str) -> None:
            self.apply(lambda: editor.toggle_blocked(oid, reason))

        prompt = BlockReasonScreen(obj.title, block)
        await self.push_screen(prompt)
        prompt.focus_input()

    async def pick_dependency(self, oid: str) -> None:
        """d: pick an objective for ``oid`` to wait on; a link that would close a cycle is refused, named."""
        from board.screens.dependency_picker import DependencyPicker

        plan = self.session.plan
        obj = plan.objective(oid)
        candidates = [o for o in plan.objectives if o.id != oid and o.id not in obj.depends_on]
        if not candidates:
            self.notify(f"{oid} already waits on every other objective", timeout=3)
            return

        def chosen(dep: str | None) -> None:
            if dep is None:
                return
            editor = self.session.editor
            if self.apply(lambda: editor.add_dependency(oid, dep), select=oid) is not None:
                self.notify(f"{oid} now waits on {dep} — u undoes it", timeout=3)

        await self.push_screen(DependencyPicker(obj, candidates), chosen)

    def open_panel(self, name: str, selected: str | None) -> None:
        from board.screens.panels import open_panel

        open_panel(self, name, selected)


def _read_preferences() -> tuple[Settings, list[Theme], str, list[str]]:
    """The settings, the bundled and user themes, the theme to open with (the remembered one, if
    installed) and the problems met, one line each (a bad setting or theme file, a missing theme)."""
    from textual.theme import BUILTIN_THEMES

    from board.locations import user_themes_dir
    from board.settings import load_settings
    from board.themes import bundled_themes_dir, load_themes

    settings, problems = load_settings()
    themes, theme_problems = load_themes([bundled_themes_dir(), user_themes_dir()])
    problems += theme_problems
    wanted = settings.theme or DEFAULT_THEME
    if wanted not in BUILTIN_THEMES and all(theme.name != wanted for theme in themes):
        problems.append(f"theme {wanted!r} is not installed; using {DEFAULT_THEME}")
        wanted = DEFAULT_THEME
    return settings, themes, wanted, problems


def _typing_into(widget: object) -> bool:
    """True for a text field (an Input, or a TextArea of a form): its keys are letters.

    TextArea is looked up only once a form has imported it: the first screen has none, and
    importing it (with textual.document) for this check alone slowed every start."""
    if isinstance(widget, Input):
        return True
    text_area = sys.modules.get("textual.widgets._text_area")
    return text_area is not None and isinstance(widget, text_area.TextArea)


def delete_question(plan: Plan, oid: str) -> str:
    """The question `x` asks (markup, the plan's text escaped), naming the objectives that depend on it."""
    from board.widgets.markup import escape

    obj = plan.objective(oid)
    question = f"Delete “{escape(obj.title)}” ({escape(oid)})?"
    dependents = plan.dependents(oid)
    if dependents:
        count = len(dependents)
        names = ", ".join(escape(o.id) for o in dependents)
        question += (
            f"\n\n{count} objective{'s' if count > 1 else ''} depend{'' if count > 1 else 's'} on it: {names}; "
            f"{'their links are' if count > 1 else 'its link is'} removed (u brings {'them' if count > 1 else 'it'} back)."
        )
    return question


def run_app(paths: list[Path], *, read_only: bool = False, loaded: tuple[bytes, Plan] | None = None) -> int:
    """Open the board on ``paths[0]`` (several paths: a picker first). Without a terminal: exit 2.

    ``loaded``: the one plan's bytes and plan as discovery read them (never read twice)."""
    from board.recent import order_recent_first, remember

    missing = no_terminal()
    if missing:
        print(
            f"rollout-board: the board needs a terminal, and {missing}; for scripts use a command"
            " (validate, list, show, standup, export: rollout-board --help)",
            file=sys.stderr,
        )
        return 2

    path = paths[0]
    if len(paths) > 1:
        from board.screens.picker import pick_plan

        chosen = pick_plan(order_recent_first(paths))
        if chosen is None:
            return 0
        path = chosen
    remember(path)
    app = open_app(path, read_only=read_only, loaded=loaded if len(paths) == 1 else None)
    try:
        app.run()
    finally:
        gc.enable()  # an app that ended before its first frame left the collector paused
    return app.return_code or 0


def open_app(
    path: Path, *, read_only: bool = False, loaded: tuple[bytes, Plan] | None = None, watch_interval: float = 1.0
) -> RolloutApp:
    """The board on ``path`` as the command line opens it (``loaded``: as discovery read it).

    Everything alive now (Textual and the board's imports, the app, the plan) lives as long as
    the board: ``gc.freeze()`` takes it out of the garbage collector's passes, which would
    otherwise walk a large plan again on every full collection. From the app's start to its
    first frame the collector is paused, and what start-up built is frozen too."""
    app = RolloutApp(path, read_only=read_only, loaded=loaded, watch_interval=watch_interval)
    gc.freeze()
    app.collector_paused_to_first_frame = True
    return app


def no_terminal() -> str:
    """What keeps the board from a terminal ("stdin is not a terminal"), or "" when it has one.

    A driver named in TEXTUAL_DRIVER (the web driver of textual-serve) brings its own screen."""
    if os.environ.get("TEXTUAL_DRIVER"):
        return ""
    for name, stream in (("stdin", sys.stdin), ("stdout", sys.stdout)):
        isatty = getattr(stream, "isatty", None)
        if stream is None or not (isatty and isatty()):
            return f"{name} is not a terminal"
    return ""

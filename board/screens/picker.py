"""Several plans in ./plans/: choose one (title, progress, this week, last changed)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime
from pathlib import Path

from textual.app import App, ComposeResult
from textual.filter import LineFilter
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from board import store
from board.keys import bindings_for
from board.term import visible
from board.widgets.control_filter import ControlCharacters
from board.widgets.key_footer import KeyFooter
from board.widgets.markup import escape


def describe_plan(path: Path, today: date) -> str:
    try:
        plan = store.load(path)
    except store.LoadError as error:
        return f"{escape(visible(path.name))}  [$error]invalid: {len(error.problems)} problem(s)[/]"
    done, total = plan.progress()
    week = plan.this_week(today)
    when = "not started" if week is None else (f"week {week} of {plan.weeks}" if week <= plan.weeks else "finished")
    changed = datetime.fromtimestamp(path.stat().st_mtime).strftime("%Y-%m-%d %H:%M")
    return f"[b]{escape(visible(plan.title))}[/b]  {escape(visible(path.name))}\n  {done}/{total} done · {when} · changed {changed}"


NEW_BLANK = "new-blank"


def new_blank_plan(folder: Path, today: date) -> Path:
    """A blank plan (one phase over 8 weeks, starting this week) in ``folder``, under a name not taken yet."""
    from board.model.starting import blank_plan, monday_of

    name, n = "new-plan", 1
    while (folder / f"{name}.toml").exists():
        n += 1
        name = f"new-plan-{n}"
    path = folder / f"{name}.toml"
    folder.mkdir(parents=True, exist_ok=True)
    store.save(blank_plan("New plan", start=monday_of(today)), path)
    return path


class PickerApp(App[Path | None]):
    BINDINGS = bindings_for("picker")
    CSS = """
    OptionList { height: 1fr; }
    #picker-title { padding: 1 2; }
    """

    def __init__(self, paths: list[Path], today: date | None = None) -> None:
        super().__init__()
        self.paths = paths
        self.today = today or date.today()
        self._control_filter = ControlCharacters()
        self.set_keymap(picker_keymap())

    def get_line_filters(self) -> Sequence[LineFilter]:
        # As on the board: plan text never reaches the terminal with its control characters raw.
        return [self._control_filter, *super().get_line_filters()]

    def compose(self) -> ComposeResult:
        yield Static("[b]Choose a plan[/b] — enter opens it", id="picker-title")
        options = [Option(describe_plan(p, self.today), id=str(i)) for i, p in enumerate(self.paths)]
        folder = escape(str(self.paths[0].parent.name if self.paths else "plans"))
        blank = "[b]+ A new blank plan[/b]\n  one phase over 8 weeks, no objectives, starting this week"
        options.append(Option(f"{blank} (in {folder}/; P shapes it)", id=NEW_BLANK))
        yield OptionList(*options)
        yield KeyFooter()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        if event.option.id == NEW_BLANK:
            folder = self.paths[0].parent if self.paths else Path("plans")
            self.exit(new_blank_plan(folder, self.today))
            return
        self.exit(self.paths[int(event.option.id or 0)])

    def action_cursor(self, delta: int) -> None:
        options = self.query_one(OptionList)
        if delta > 0:
            options.action_cursor_down()
        else:
            options.action_cursor_up()

    def action_edge(self, direction: int) -> None:
        options = self.query_one(OptionList)
        if direction < 0:
            options.action_first()
        else:
            options.action_last()

    def action_quit_picker(self) -> None:
        self.exit(None)


def picker_keymap() -> dict[str, str]:
    """The user's remaps in force (the board, opened next, reports the ones it refuses)."""
    from board.keymap import resolve_keymap
    from board.keys import defaults_by_screen
    from board.settings import load_settings

    settings, _problems = load_settings()
    return resolve_keymap(defaults_by_screen(), settings.keys)[0]


def pick_plan(paths: list[Path]) -> Path | None:
    return PickerApp(paths).run()

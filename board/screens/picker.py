"""Several plans in ./plans/: choose one (title, progress, this week, last changed)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime
from pathlib import Path

from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.filter import LineFilter
from textual.widgets import Footer, OptionList, Static
from textual.widgets.option_list import Option

from board import store
from board.term import visible
from board.widgets.control_filter import ControlCharacters
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


class PickerApp(App[Path | None]):
    BINDINGS = [
        Binding("q,escape", "quit_picker", "Quit", id="picker.quit"),
        Binding("j", "cursor(1)", "Down", show=False, id="picker.down"),
        Binding("k", "cursor(-1)", "Up", show=False, id="picker.up"),
        Binding("g", "edge(-1)", "First", show=False, id="picker.first"),
        Binding("G", "edge(1)", "Last", show=False, id="picker.last"),
    ]
    CSS = """
    OptionList { height: 1fr; }
    #picker-title { padding: 1 2; }
    """

    def __init__(self, paths: list[Path]) -> None:
        super().__init__()
        self.paths = paths
        self._control_filter = ControlCharacters()

    def get_line_filters(self) -> Sequence[LineFilter]:
        # As on the board: plan text never reaches the terminal with its control characters raw.
        return [self._control_filter, *super().get_line_filters()]

    def compose(self) -> ComposeResult:
        yield Static("[b]Choose a plan[/b] — enter opens it", id="picker-title")
        today = date.today()
        yield OptionList(*(Option(describe_plan(p, today), id=str(i)) for i, p in enumerate(self.paths)))
        yield Footer()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
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


def pick_plan(paths: list[Path]) -> Path | None:
    return PickerApp(paths).run()

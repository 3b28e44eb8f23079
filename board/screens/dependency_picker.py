"""`d`: a fuzzy picker of objectives (ids and titles) to add a dependency to the selected one."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.fuzzy import Matcher
from textual.screen import ModalScreen
from textual.widgets import Input, OptionList, Static
from textual.widgets.option_list import Option

from board.keys import bindings_for
from board.model import Objective
from board.widgets.key_footer import KeyFooter
from board.widgets.markup import escape

LIMIT = 200  # options drawn at once; typing narrows the rest


class DependencyPicker(ModalScreen[str | None]):
    """Dismisses with the chosen objective's id, or None (escape)."""

    DEFAULT_CSS = """
    DependencyPicker { align: center middle; }
    DependencyPicker > Vertical {
        width: 90; max-width: 100%; height: 80%; padding: 0 1;
        border: thick $primary; background: $surface;
    }
    DependencyPicker Input { margin: 1 0 0 0; }
    DependencyPicker OptionList { height: 1fr; border: none; }
    """
    BINDINGS = bindings_for("depend")

    def __init__(self, waiting: Objective, candidates: list[Objective]) -> None:
        super().__init__()
        self.waiting = waiting
        self.candidates = candidates
        self.shown: list[Objective] = []

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static(
                f"[b]{escape(self.waiting.id)} waits on…[/b]  [$text-muted]type to filter · enter adds · escape cancels[/]",
                id="picker-heading",
            )
            yield Input(placeholder="id or title", id="picker-query", compact=True)
            yield OptionList(id="picker-options")
        yield KeyFooter()

    def on_mount(self) -> None:
        self.fill("")
        self.set_focus(self.query_one(Input))

    def fill(self, query: str) -> None:
        options = self.query_one(OptionList)
        if query:
            matcher = Matcher(query)
            scored = []
            for obj in self.candidates:
                score = max(matcher.match(obj.id), matcher.match(obj.title))
                if score > 0:
                    scored.append((-score, obj.week, obj))
            scored.sort(key=lambda item: (item[0], item[1]))
            self.shown = [obj for _s, _w, obj in scored[:LIMIT]]
        else:
            self.shown = self.candidates[:LIMIT]
        options.clear_options()
        width = min(32, max((len(o.id) for o in self.shown), default=0))
        options.add_options(
            [
                Option(f"{escape(o.id.ljust(width))}  [$text-muted]wk {o.week:<2}[/]  {escape(o.title)}", id=str(i))
                for i, o in enumerate(self.shown)
            ]
        )
        if self.shown:
            options.highlighted = 0

    @on(Input.Changed, "#picker-query")
    def query_changed(self, event: Input.Changed) -> None:
        self.fill(event.value.strip())

    @on(Input.Submitted, "#picker-query")
    def submitted(self) -> None:
        index = self.query_one(OptionList).highlighted
        if index is not None and 0 <= index < len(self.shown):
            self.dismiss(self.shown[index].id)

    @on(OptionList.OptionSelected)
    def selected(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(self.shown[int(event.option.id or 0)].id)

    def action_move(self, delta: int) -> None:
        options = self.query_one(OptionList)
        if not self.shown:
            return
        current = options.highlighted or 0
        options.highlighted = max(0, min(len(self.shown) - 1, current + delta))

    def action_cancel(self) -> None:
        self.dismiss(None)

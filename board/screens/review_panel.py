"""What the review panels share: a row that knows what it stands for, and the panel that lists rows.

The review panels a standup runs on are risk & rollback (`r`, risk_panel.py), contingency
(`c`, contingency_panel.py) and metrics (`m`, metrics_panel.py). Each panel is a list of rows
over the plan; a row knows what it stands for (a rollback step, a criterion, a risk, a checklist
item, a contingency plan, a metric) and the panel's keys act on the highlighted row through the
editor: each makes an operation and hands it to the app's one path (``self.app.apply``,
board/host.py), which saves it at once (undoable with `u`, here and on the board) and publishes
the PlanChanged every open panel rebuilds its rows on (:meth:`ReviewPanel.on_plan_changed`).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.content import Content
from textual.screen import Screen
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from board.host import Host, Operation, PlanChanged
from board.keys import bindings_for
from board.model import Plan
from board.model.durations import describe_duration
from board.model.gates import METRIC_MARK
from board.screens.fields_form import Field, FieldsForm
from board.widgets.key_footer import KeyFooter
from board.widgets.markup import escape
from board.widgets.wrap import wrap


@dataclass(frozen=True)
class Row:
    """One line of a review panel: what it shows and what its keys act on."""

    markup: str
    kind: str = ""  # "" for a heading; else what the keys act on
    ref: tuple[str, ...] = ()
    index: int = 0


def option(row: Row, width: int = 0) -> Option:
    """The row as an option; leading spaces are kept (as no-break spaces) so indentation shows.
    Given the list's ``width``, a long row is wrapped here so its next lines keep the indent
    (two more than the first: under the text after a tick or a bullet)."""
    stripped = row.markup.lstrip(" ")
    indent = len(row.markup) - len(stripped)
    content = Content.from_markup(stripped)
    hang = indent + 2
    if width <= hang + 10 or content.cell_length <= width - indent:
        return Option(Content("\u00a0" * indent) + content, disabled=not row.kind)
    lines = wrap(content, width - hang)  # a bound kept with its number: ``needs ≥ 85%``
    prompt = Content("\u00a0" * indent) + lines[0]
    for line in lines[1:]:
        prompt = prompt + Content("\n" + "\u00a0" * hang) + line
    return Option(prompt, disabled=not row.kind)


def tick(done: bool) -> str:
    """The box of a row that can be ticked, with the space after it, as one run of its own: a
    viewer that drops a space opening a run (an SVG screenshot turned into a PNG) would otherwise
    glue the box to the text ("☑All…"), or to the indent. Callers write ``f"  {tick(x)}{text}"``."""
    return "[$success]☑ [/]" if done else "[$text]☐ [/]"


def metric_mark(held: bool) -> str:
    """What a row judged from a metric's reading shows instead of a box (with its space, as :func:`tick`)."""
    return f"[{'$success' if held else '$warning'}]{METRIC_MARK} [/]"


def duration(text: str) -> str:
    return escape(describe_duration(text)) if text else "—"


class ReviewPanel(Screen[None]):
    """A list of rows whose keys act through the editor; subclasses say what the rows are."""

    DEFAULT_CSS = """
    ReviewPanel #panel-title { padding: 0 1; background: $panel; height: auto; }
    ReviewPanel OptionList, ReviewPanel OptionList:focus { height: 1fr; border: none; padding: 0 1; }
    ReviewPanel #panel-side { width: 28; padding: 1 2; height: auto; }
    ReviewPanel Horizontal { height: 1fr; }
    """
    BINDINGS = bindings_for("panel")
    TITLE_TEXT = ""

    app: Host

    def __init__(self) -> None:
        super().__init__()
        self.rows: list[Row] = []
        self.title_widget = Static(id="panel-title")
        self.list = OptionList(id="panel-list")

    @property
    def plan(self) -> Plan:
        return self.app.session.plan

    def compose(self) -> ComposeResult:
        yield self.title_widget
        with Horizontal():
            yield self.list
            yield from self.side()
        yield KeyFooter()

    def side(self) -> ComposeResult:
        yield from ()

    def on_mount(self) -> None:
        self.refresh_rows()
        self.set_focus(self.list)
        self.app.plan_changed.subscribe(self, self.on_plan_changed)

    def on_plan_changed(self, event: PlanChanged) -> None:
        """A change was applied and saved (here, on the board, an undo): show the plan as it is now."""
        self.refresh_rows()

    def on_screen_resume(self) -> None:
        self.refresh_rows()

    def build_rows(self) -> list[Row]:
        raise NotImplementedError

    def heading(self) -> str:
        return f"[b]{self.TITLE_TEXT}[/b]"

    def refresh_rows(self) -> None:
        keep = self.list.highlighted
        self.rows = self.build_rows()
        self.list.clear_options()
        self.list.add_options([option(row, self.list_width()) for row in self.rows])
        self.title_widget.update(self.heading())
        if keep is None:
            keep = next((i for i, row in enumerate(self.rows) if row.kind), None)
        if keep is not None and self.rows:
            self.list.highlighted = min(keep, len(self.rows) - 1)
        self.refresh_side()

    def refresh_side(self) -> None:
        pass

    def list_width(self) -> int:
        """The cells an option has (0 before the first layout: rows are not wrapped by hand then)."""
        # Two cells to spare: the option's own gutter.
        return max(0, self.list.scrollable_content_region.width - 2)

    def on_resize(self) -> None:
        # The rows are wrapped to the list's width by hand (to keep their indent): again at a new size.
        self.refresh_rows()

    def current(self) -> Row | None:
        index = self.list.highlighted
        return self.rows[index] if index is not None and 0 <= index < len(self.rows) else None

    def apply(self, operation: Operation) -> bool:
        """Hand ``operation`` to the app's one path; True when it was applied (the rows follow)."""
        return self.app.apply(operation) is not None

    def form(self, title: str, fields: list[Field], submit: Callable[[dict[str, str]], Operation]) -> None:
        """A form whose values make one editor operation; a refusal is shown in the form."""

        def run(values: dict[str, str]) -> str | None:
            try:
                operation = submit(values)
            except ValueError as error:
                return str(error)
            return self.app.try_apply(operation)

        self.app.push_screen(FieldsForm(title, fields, run))

    @on(OptionList.OptionHighlighted)
    def highlighted(self) -> None:
        self.refresh_side()

    # --- keys every panel shares ------------------------------------------
    def action_cursor(self, delta: int) -> None:
        """j / k: the next / previous row the keys act on (headings are skipped)."""
        if delta > 0:
            self.list.action_cursor_down()
        else:
            self.list.action_cursor_up()

    def action_edge(self, direction: int) -> None:
        if direction < 0:
            self.list.action_first()
        else:
            self.list.action_last()

    def action_undo(self) -> None:
        self.app.undo()

    def action_redo(self) -> None:
        self.app.redo()

    def action_close(self) -> None:
        self.dismiss()

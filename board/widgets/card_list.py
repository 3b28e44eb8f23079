"""The cards of one column, drawn line by line.

One widget per column whatever the number of cards: the list keeps the first
row of each card and the rows of the group headers (one int a card), works out
what a row shows only for the rows on screen, and renders only those, so a
column of 12,500 objectives costs little more than a column of ten.
"""

from __future__ import annotations

import operator
from bisect import bisect_right
from dataclasses import dataclass, field
from typing import NamedTuple

from rich.cells import cell_len
from rich.segment import Segment
from rich.style import Style
from textual import events
from textual.geometry import Region, Size
from textual.message import Message
from textual.scroll_view import ScrollView
from textual.strip import Strip

from board.model import Objective, Plan

from .cards import WARNING, status_class, status_symbol, title_lines, truncate, wrap
from .control_marks import CRITICAL, SLIP, Marks


@dataclass
class Group:
    """A run of cards under one sub-header (a week, or a phase)."""

    label: str
    cards: list[Objective] = field(default_factory=list)
    current: bool = False


class Row(NamedTuple):
    kind: str  # "group" | "title" | "meta" | "gap" | "empty"
    at: int  # group index, or card index in visual order
    line: int = 0


def title_rows(title: str, width: int) -> int:
    """The rows a card's title takes (1 or 2), as :func:`title_lines` counts them; printable ASCII
    is a cell a character, and no title of fewer characters than half the width needs two rows
    (a character takes at most two cells, unless it is shown as an escape)."""
    if title.isprintable():
        if title.isascii():
            return 1 if len(title) <= width else 2
        if 2 * len(title) <= width:
            return 1
    return title_lines(title, width)


def _same_cards(old: list[Group], new: list[Group]) -> bool:
    """True when ``new`` holds the same objects as ``old``, in the same groups, under the same headers."""
    return len(old) == len(new) and all(
        a.label == b.label
        and a.current == b.current
        and len(a.cards) == len(b.cards)
        and all(map(operator.is_, a.cards, b.cards))
        for a, b in zip(old, new, strict=True)
    )


class CardList(ScrollView, can_focus=False):
    """The body of a column: cards grouped under sub-headers, one line at a time."""

    COMPONENT_CLASSES = {
        "card-list--group",
        "card-list--group-current",
        "card-list--card",
        "card-list--selected",
        "card-list--meta",
        "card-list--warning",
        "card-list--late",
        "card-list--empty",
        "card-list--status-todo",
        "card-list--status-in-progress",
        "card-list--status-blocked",
        "card-list--status-done",
        "card-list--status-other",
    }

    class Clicked(Message):
        """A card was clicked (``chain`` 2 for a double click)."""

        def __init__(self, card_list: CardList, objective_id: str, chain: int) -> None:
            super().__init__()
            self.card_list = card_list
            self.objective_id = objective_id
            self.chain = chain

    def __init__(self, key: str, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self.key = key
        self.plan: Plan | None = None
        self.groups: list[Group] = []
        self.cards: list[Objective] = []
        self.selected: str | None = None
        self.show_where = False
        self.empty_text = "no objectives"
        self.this_week: int | None = None
        """This week of the plan: cards of earlier weeks that are not done are marked late."""
        self.marks = Marks()
        """The critical path and the slipped objectives, marked on the cards (set by the board)."""
        self._starts: list[int] = []
        """The first row of each card, in visual order."""
        self._group_rows: dict[int, int] = {}
        """Row -> group index, for the rows that are group headers."""
        self._empty_row = -1
        self._row_count = 0
        self._top: dict[str, int] = {}
        self._index: dict[str, int] = {}
        self._laid_out_for: tuple[int, bool] | None = None
        """The text width and gap the rows were laid out for: a resize that keeps both keeps them."""
        self._base_style: Style | None = None
        """The list's own style (its background), kept until its styles change (see notify_style_update)."""

    # --- content ---------------------------------------------------------
    def show(
        self,
        plan: Plan,
        groups: list[Group],
        selected: str | None,
        show_where: bool = False,
        touched: set[str] | None = None,
    ) -> None:
        """Show ``groups`` of cards. ``touched``: the only cards that may look different since the last
        call (None: any may), so a list whose groups hold the same cards keeps its layout and redraws those."""
        if (
            touched is not None
            and plan is self.plan
            and show_where == self.show_where
            and self._laid_out_for is not None
            and _same_cards(self.groups, groups)
        ):
            self.groups = groups
            self.select(selected if selected in self._index else None, scroll=False)
            for oid in touched:
                self.refresh_card(oid)
            return
        self.plan = plan
        self.groups = groups
        self.cards = [card for group in groups for card in group.cards]
        self._index = dict(zip([card.id for card in self.cards], range(len(self.cards)), strict=True))
        self.selected = selected if selected in self._index else None
        self.show_where = show_where
        if self.size.width:
            self._layout()
            self.refresh()
        elif self._laid_out_for is not None:
            # Hidden (a view kept while another is shown has no size): laid out at the width it was shown
            # at, so a render before its resize draws these cards; a resize to another width lays it out anew.
            self._lay_out(*self._laid_out_for)
            self.refresh()
        else:  # before its first layout the list has no width: it is laid out when first drawn (render_lines)
            self._laid_out_for = None
            # Until then it takes the rows its cards take at the least (a title a row, and the gap between
            # cards that a list of 14 rows or more has), so cards that overflow bring their scrollbar in the
            # first layout and the first frame draws them at the width they keep. (A list under 14 rows has
            # no gaps: its scrollbar, if they then fit, goes in the next layout, and the cards are laid out again.)
            self.virtual_size = Size(0, self._fewest_rows(gap=True))

    # What the list shows and how it is laid out: kept while another view is shown.
    _KEPT = (
        "plan",
        "groups",
        "cards",
        "_index",
        "show_where",
        "_starts",
        "_group_rows",
        "_empty_row",
        "_row_count",
        "_top",
        "_laid_out_for",
        "virtual_size",
    )

    def kept(self) -> tuple[object, ...]:
        """What the list shows and how it is laid out, to be shown again by :meth:`show_kept`."""
        return tuple(getattr(self, name) for name in self._KEPT)

    def show_kept(self, kept: tuple[object, ...], selected: str | None) -> None:
        """Show again what :meth:`kept` gave, as it was laid out (a resize to another width lays it out anew)."""
        for name, value in zip(self._KEPT, kept, strict=True):
            setattr(self, name, value)
        self.selected = selected if selected in self._index else None
        self.refresh()

    def order(self) -> list[str]:
        return [card.id for card in self.cards]

    def has(self, oid: str) -> bool:
        return oid in self._index

    def select(self, oid: str | None, scroll: bool = True) -> None:
        old = self.selected
        self.selected = oid if oid in self._index else None
        for card in (old, self.selected):
            if card is not None:
                self.refresh_card(card)
        if scroll and self.selected is not None:
            self.scroll_card_visible(self.selected)

    def refresh_card(self, oid: str) -> None:
        """Redraw the lines of one card (after its status or title changed)."""
        top = self._top.get(oid)
        if top is None:
            return
        height = self._card_height(self.cards[self._index[oid]])
        width = self.scrollable_content_region.width
        self.refresh(Region(0, top - int(self.scroll_offset.y), width, height))

    def scroll_card_visible(self, oid: str) -> None:
        top = self._top.get(oid)
        if top is None:
            return
        height = self._card_height(self.cards[self._index[oid]])
        # Keep the group header in view when the card is the first of its group.
        start = top - 1 if top - 1 in self._group_rows else top
        self.scroll_to_region(Region(0, start, 1, top + height - start), animate=False, force=True)

    def card_at(self, y: int) -> str | None:
        """The id of the card drawn at content row ``y`` (scroll included)."""
        row = self._row(y)
        if row is not None and row.kind in ("title", "meta"):
            return self.cards[row.at].id
        return None

    # --- layout ----------------------------------------------------------
    @property
    def _text_width(self) -> int:
        return max(1, self.scrollable_content_region.width - 2)

    @property
    def _gap(self) -> bool:
        return self.size.height >= 14

    @property
    def _laid_out_width(self) -> int:
        """The text width the rows were laid out for (the scrollbar they bring may not be shown yet)."""
        return self._laid_out_for[0] if self._laid_out_for else self._text_width

    def _card_height(self, card: Objective) -> int:
        return title_rows(card.title, self._laid_out_width) + 1

    def _layout(self) -> None:
        """Where each card starts and where the group headers are: one number a card.

        Cards that take more rows than the screen has bring a scrollbar, which narrows them: they
        are laid out at that width at once, not once now and again when the scrollbar appears."""
        width, gap = self._text_width, self._gap
        if self._scrollbar_coming(self._fewest_rows(gap), self.screen.size.height):
            width -= self.styles.scrollbar_size_vertical
        self._lay_out(width, gap)

    def _fewest_rows(self, gap: bool) -> int:
        """The rows the cards and group headers take at the least, whatever the width (a title a row)."""
        return sum(1 for group in self.groups if group.label) + len(self.cards) * (3 if gap else 2)

    def _scrollbar_coming(self, rows: int, height: int) -> bool:
        """True when ``rows`` overflow ``height`` and bring a scrollbar that is not shown yet."""
        bar = self.styles.scrollbar_size_vertical
        return (
            rows > height
            and not self.show_vertical_scrollbar
            and self.styles.overflow_y == "auto"
            and 0 < bar < self._text_width
        )

    def _lay_out(self, width: int, gap: bool) -> int:
        """Lay the cards out for a text ``width``; the number of rows."""
        starts: list[int] = []
        top: dict[str, int] = {}
        group_rows: dict[int, int] = {}
        below_title = 2 if gap else 1  # the meta line, and the gap after the card
        row = 0
        add = starts.append
        for g, group in enumerate(self.groups):
            if group.label:
                group_rows[row] = g
                row += 1
            for card in group.cards:
                top[card.id] = row
                add(row)
                title = card.title
                if title.isascii() and title.isprintable():  # title_rows' first case, without a call a card
                    row += (1 if len(title) <= width else 2) + below_title
                else:
                    row += title_rows(title, width) + below_title
        self._empty_row = -1
        if not self.cards:
            self._empty_row = row
            row += 1
        self._starts = starts
        self._group_rows = group_rows
        self._row_count = row
        self._top = top
        self._laid_out_for = (width, gap)
        shown = self.scrollable_content_region.width
        self.virtual_size = Size(shown - (self._text_width - width) if shown else width + 2, row)
        return row

    def _row(self, index: int) -> Row | None:
        """What content row ``index`` shows (None past the last), worked out from the layout."""
        if not 0 <= index < self._row_count:
            return None
        group = self._group_rows.get(index)
        if group is not None:
            return Row("group", group)
        if index == self._empty_row:
            return Row("empty", 0)
        at = bisect_right(self._starts, index) - 1
        offset = index - self._starts[at]
        titles = title_rows(self.cards[at].title, self._laid_out_width)
        if offset < titles:
            return Row("title", at, offset)
        return Row("meta" if offset == titles else "gap", at)

    def relayout(self) -> None:
        """Lay the rows out again (the width changes how titles wrap, the height whether cards have gaps)."""
        self._layout()
        self.refresh()

    def lay_out_if_stale(self) -> None:
        """Lay the rows out unless they already are, for these cards at this width and height
        (not before the list has a size: its first resize lays it out)."""
        width, gap = self._text_width, self._gap
        if not self.size.width:
            return
        if self._laid_out_for == (width, gap):
            return
        bar = self.styles.scrollbar_size_vertical
        if self._laid_out_for == (width - bar, gap) and self._scrollbar_coming(
            self._row_count, self.container_size.height
        ):
            return  # laid out for the scrollbar they bring, which is not shown yet
        self.relayout()

    def on_resize(self, event: events.Resize) -> None:
        self.lay_out_if_stale()

    def watch_show_vertical_scrollbar(self, shown: bool) -> None:
        # The scrollbar narrows the cards without resizing the list (cards that overflow only once their
        # long titles take two rows bring it after they were laid out): no resize tells of it.
        if self.size.width:
            self.lay_out_if_stale()

    # --- drawing ---------------------------------------------------------
    def notify_style_update(self) -> None:
        self._base_style = None
        super().notify_style_update()

    @property
    def base_style(self) -> Style:
        """``rich_style``, worked out once per change of the list's styles, not once a line: the list has a
        background of its own (app.tcss), so what its ancestors draw below it (the board's focus look)
        does not show through, as for the component styles Textual keeps the same way."""
        if self._base_style is None:
            self._base_style = self.rich_style
        return self._base_style

    def render_lines(self, crop: Region) -> list[Strip]:
        # Shown before the first layout gave the list a width (the board is built on mount): laid out now,
        # at the width it is drawn at, so the first frame has the cards (and its resize finds them laid out).
        if self._laid_out_for is None and self.plan is not None and self.size.width:
            self._layout()
        return super().render_lines(crop)

    def render_line(self, y: int) -> Strip:
        width = self.scrollable_content_region.width
        index = y + int(self.scroll_offset.y)
        base = self.base_style
        row = self._row(index)
        if row is None or self.plan is None:
            return Strip.blank(width, base)
        if row.kind == "group":
            group = self.groups[row.at]
            style = self.get_component_rich_style("card-list--group-current" if group.current else "card-list--group")
            label = truncate(f" {group.label}", width)
            return Strip([Segment(label, style)]).adjust_cell_length(width, style)
        if row.kind == "empty":
            style = self.get_component_rich_style("card-list--empty")
            return Strip([Segment(truncate(f"  {self.empty_text}", width), style)]).adjust_cell_length(width, base)
        if row.kind == "gap":
            return Strip.blank(width, base)
        card = self.cards[row.at]
        selected = card.id == self.selected
        card_style = self.get_component_rich_style("card-list--selected" if selected else "card-list--card")
        status_style = self.get_component_rich_style(f"card-list--status-{status_class(card.status)}")
        bar = Segment("▌", Style(color=status_style.color, bgcolor=card_style.bgcolor))
        text_width = self._laid_out_width
        if row.kind == "title":
            lines = wrap(card.title, text_width, 2)
            text = lines[row.line] if row.line < len(lines) else ""
            title_style = card_style + Style(bold=True) if selected else card_style
            return Strip([bar, Segment(" " + text, title_style)]).adjust_cell_length(width, card_style)
        return Strip(
            [bar, Segment(" ", card_style), *self._meta(card, text_width, card_style, status_style)]
        ).adjust_cell_length(width, card_style)

    def _meta(self, card: Objective, width: int, card_style: Style, status_style: Style) -> list[Segment]:
        assert self.plan is not None
        meta_style = card_style + Style(color=self.get_component_rich_style("card-list--meta").color)
        symbol_style = card_style + Style(color=status_style.color, bold=True)
        waiting = (
            self.plan.unfinished_dependencies(card) if card.depends_on and card.status != self.plan.done_status else []
        )
        warning = f" {WARNING}{len(waiting)}" if waiting else ""
        if card.id in self.marks.slipped:
            warning += f" {SLIP}"
        if card.id in self.marks.critical:
            warning += f" {CRITICAL}"
        label = card.status if width >= 22 else ""
        parts: list[str] = []
        if self.show_where:
            phase = self.plan.phase_of(card)
            parts.append(f"{phase.id.upper() if phase else '—'}·W{card.week}")
        if card.owner:
            parts.append(f"@{card.owner}")
        parts.extend(f"#{tag}" for tag in card.tags)
        head = f"{status_symbol(card.status)}"
        late = ""
        if self.plan.is_late(card, self.this_week):
            late = " late" if width >= 22 else "!"
        room = width - cell_len(head) - cell_len(late) - cell_len(warning)
        text = " ".join(([label] if label else []) + parts)
        text = truncate(" " + text, room) if text and room > 1 else ""
        segments = [Segment(head, symbol_style)]
        if late:
            late_style = self.get_component_rich_style("card-list--late")
            segments.append(Segment(late, card_style + Style(color=late_style.color, bold=True)))
        segments.append(Segment(text, meta_style))
        if warning:
            pad = max(0, width - cell_len(head) - cell_len(late) - cell_len(text) - cell_len(warning))
            segments.append(Segment(" " * pad, card_style))
            warn = self.get_component_rich_style("card-list--warning")
            segments.append(Segment(warning, card_style + Style(color=warn.color, bold=True)))
        return segments

    # --- mouse -----------------------------------------------------------
    def on_click(self, event: events.Click) -> None:
        oid = self.card_at(event.y + int(self.scroll_offset.y))
        if oid is not None:
            event.stop()
            self.post_message(self.Clicked(self, oid, event.chain))

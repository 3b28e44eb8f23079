"""The board's footer: the active keys and their labels on one line, drawn by one widget.

It looks like Textual's ``Footer`` (key in bold, its label after it, the command palette's
key on the right behind a thin rule; ``compact`` as ``Footer(compact=True)``) but mounts nothing: Textual's
footer recomposes one widget per key whenever focus moves (``/`` and escape) and keeps
the old ones alive through ``data_bind`` (Textualize/textual#6666). This one keeps the
keys as plain data, recomputes them when the screen's bindings change, and repaints only
when what it shows changed. A click on a key presses that key, as Textual's does.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from rich.cells import cell_len
from rich.segment import Segment
from rich.style import Style
from textual import events
from textual.strip import Strip
from textual.widget import Widget

if TYPE_CHECKING:
    from textual.screen import Screen

__all__ = ["FooterItem", "KeyFooter"]


@dataclass(frozen=True)
class FooterItem:
    """One key shown in the footer."""

    key: str
    """The key pressed when the item is clicked (Textual's spelling)."""
    key_display: str
    """The key as shown (``^p``, ``⏎``, a remapped key)."""
    description: str
    """The binding's label."""
    enabled: bool = True
    """False when the action is disabled right now: drawn dim, a click rings the bell."""


class KeyFooter(Widget, can_focus=False):
    ALLOW_SELECT = False
    COMPONENT_CLASSES = {
        "key-footer--key",
        "key-footer--description",
        "key-footer--item",
        "key-footer--hover",
        "key-footer--rule",
    }
    DEFAULT_CSS = """
    KeyFooter {
        dock: bottom;
        height: 1;
        color: $footer-foreground;
        background: $footer-background;
        & > .key-footer--item { color: $footer-foreground; background: $footer-item-background; }
        & > .key-footer--key {
            color: $footer-key-foreground;
            background: $footer-key-background;
            text-style: bold;
        }
        & > .key-footer--description {
            color: $footer-description-foreground;
            background: $footer-description-background;
        }
        & > .key-footer--hover { color: $footer-key-foreground; background: $block-hover-background; }
        & > .key-footer--rule { color: $foreground 20%; }
    }
    """

    def __init__(self, *, compact: bool = False, id: str | None = None, show_command_palette: bool = True) -> None:
        super().__init__(id=id)
        self.compact = compact
        """As Textual's ``Footer(compact=True)``: ``space Advance`` with a space between items; otherwise
        `` space Advance `` with the key padded and none between."""
        self.show_command_palette = show_command_palette
        self.items: tuple[FooterItem, ...] = ()
        """The keys on the left, in the order shown."""
        self.palette: FooterItem | None = None
        """The command palette's key, on the right."""
        self._spans: list[tuple[int, int, FooterItem]] = []
        """Where each item was drawn: (first cell, end cell, item)."""
        self._hover: FooterItem | None = None
        self._strip: tuple[tuple[object, ...], Strip] | None = None

    # --- what it shows ---------------------------------------------------------
    def on_mount(self) -> None:
        self.screen.bindings_updated_signal.subscribe(self, self.bindings_changed)
        self.bindings_changed(self.screen)

    def on_unmount(self) -> None:
        self.screen.bindings_updated_signal.unsubscribe(self)

    def bindings_changed(self, screen: Screen[object]) -> None:
        if not self.is_attached or screen is not self.screen:
            return
        items, palette = self.active_items()
        if (items, palette) != (self.items, self.palette):
            self.items, self.palette = items, palette
            self.refresh()

    def active_items(self) -> tuple[tuple[FooterItem, ...], FooterItem | None]:
        """The shown bindings of the screen's active ones, one per action (the first), and the palette's key."""
        app = self.app
        active = self.screen.active_bindings
        items: list[FooterItem] = []
        actions: set[str] = set()
        for _node, binding, enabled, _tooltip in active.values():
            if not binding.show or binding.action in actions:
                continue
            actions.add(binding.action)
            items.append(FooterItem(binding.key, app.get_key_display(binding), binding.description, enabled))
        palette = None
        if self.show_command_palette and app.ENABLE_COMMAND_PALETTE:
            found = active.get(app.COMMAND_PALETTE_BINDING)
            if found is not None:
                _node, binding, enabled, _tooltip = found
                palette = FooterItem(binding.key, app.get_key_display(binding), binding.description, enabled)
        return tuple(items), palette

    # --- drawing ---------------------------------------------------------------
    def render_line(self, y: int) -> Strip:
        width = self.size.width
        if y != 0 or width <= 0:
            return Strip.blank(width, self.rich_style)
        styles = (
            self.get_component_rich_style("key-footer--item"),
            self.get_component_rich_style("key-footer--key"),
            self.get_component_rich_style("key-footer--description"),
            self.get_component_rich_style("key-footer--hover"),
            self.get_component_rich_style("key-footer--rule"),
        )
        cache_key = (width, self.items, self.palette, self._hover, styles)
        if self._strip is not None and self._strip[0] == cache_key:
            return self._strip[1]
        strip = self._draw(width, *styles)
        self._strip = (cache_key, strip)
        return strip

    def _item_segments(
        self, item: FooterItem, base: Style, key: Style, description: Style, hover: Style, compact: bool = True
    ) -> list[Segment]:
        over = hover if item == self._hover else Style()
        if not item.enabled:
            over += Style(dim=True)
        if not item.description:
            return [Segment(item.key_display, base + key + over)]
        if compact:
            return [
                Segment(item.key_display, base + key + over),
                Segment(" " + item.description, base + description + over),
            ]
        return [
            Segment(f" {item.key_display} ", base + key + over),
            Segment(item.description + " ", base + description + over),
        ]

    def _draw(self, width: int, base: Style, key: Style, description: Style, hover: Style, rule: Style) -> Strip:
        gap = Style(bgcolor=self.rich_style.bgcolor)
        right: list[Segment] = []
        spans: list[tuple[int, int, FooterItem]] = []
        right_width = 0
        if self.palette is not None:
            drawn = self._item_segments(self.palette, base, key, description, hover)
            right = [Segment("▏", Style(color=rule.color, bgcolor=base.bgcolor)), *drawn, Segment(" ", gap)]
            right_width = sum(cell_len(segment.text) for segment in right)
            if right_width > width:
                right, right_width = [], 0
            else:
                start = width - right_width + 1
                spans.append((start, start + right_width - 2, self.palette))
        room = width - right_width
        left: list[Segment] = []
        x = 0
        for item in self.items:
            drawn = self._item_segments(item, base, key, description, hover, self.compact)
            item_width = sum(cell_len(segment.text) for segment in drawn)
            if x >= room:
                break
            spans.append((x, x + item_width, item))
            left.extend(drawn)
            x += item_width
            if self.compact:
                left.append(Segment(" ", gap))
                x += 1
        if x < room:
            left.append(Segment(" " * (room - x), gap))
        line = Strip(left).crop(0, room) if x > room else Strip(left)
        self._spans = [span for span in spans if span[0] < width]
        return Strip([*line, *right], width).simplify()

    # --- the mouse -------------------------------------------------------------
    def item_at(self, x: int) -> FooterItem | None:
        for start, end, item in self._spans:
            if start <= x < end:
                return item
        return None

    def on_mouse_down(self, event: events.MouseDown) -> None:
        item = self.item_at(event.x)
        if item is None:
            return
        event.stop()
        if item.enabled:
            self.app.simulate_key(item.key)
        else:
            self.app.bell()

    def on_mouse_move(self, event: events.MouseMove) -> None:
        self._set_hover(self.item_at(event.x))

    def on_leave(self, event: events.Leave) -> None:
        self._set_hover(None)

    def _set_hover(self, item: FooterItem | None) -> None:
        if item != self._hover:
            self._hover = item
            self.refresh()

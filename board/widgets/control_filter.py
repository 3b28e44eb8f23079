"""The board's last line of defence: no control character of plan text reaches the terminal raw.

Widgets draw plan text through :func:`board.term.visible`, so it is measured
as shown; this line filter, applied by the app to every line of every widget
(cards, panels, forms, the palette, notifications), escapes whatever still
holds a control character the same way and keeps the line its width.
"""

from __future__ import annotations

from rich.cells import cell_len
from rich.segment import Segment
from textual.color import Color
from textual.filter import LineFilter

from board.term import has_control, visible


class ControlCharacters(LineFilter):
    """Shows C0, DEL, C1 and bidi-override characters in segment text as escapes (``\\x1b``)."""

    def apply(self, segments: list[Segment], background: Color) -> list[Segment]:
        if not any(has_control(segment.text) for segment in segments if not segment.control):
            return segments
        length = sum(cell_len(segment.text) for segment in segments if not segment.control)
        shown = [segment if segment.control else Segment(visible(segment.text), segment.style) for segment in segments]
        return list(Segment.adjust_line_length(shown, length))

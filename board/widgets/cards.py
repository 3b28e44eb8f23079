"""How an objective reads on a card: status symbols, wrapped titles, the meta line.

Plain functions over text and cell widths, shared by the columns, the timeline
and the objective screen. Symbols read without colour. Text is measured and cut
as shown: control characters as escapes (:func:`board.term.visible`).
"""

from __future__ import annotations

from rich.cells import cell_len, set_cell_size

from board.term import STATUS_SYMBOLS, visible
from board.term import status_symbol as status_symbol  # one mark a status, in print and on the board

WARNING = "⚠"


def status_class(status: str) -> str:
    """The component-class suffix for a status (custom statuses share one)."""
    return status if status in STATUS_SYMBOLS else "other"


def truncate(text: str, width: int) -> str:
    """``text`` cut to ``width`` cells, ending in … when cut."""
    if width <= 0:
        return ""
    text = visible(text)
    if cell_len(text) <= width:
        return text
    return set_cell_size(text, width - 1) + "…"


def wrap(text: str, width: int, max_lines: int = 2) -> list[str]:
    """Word-wrap ``text`` into at most ``max_lines`` lines of ``width`` cells (the last one truncated)."""
    if width <= 0:
        return [""]
    text = visible(text)
    if cell_len(text) <= width:
        return [text]
    lines: list[str] = []
    words = text.split()
    current = ""
    for index, word in enumerate(words):
        candidate = f"{current} {word}" if current else word
        if cell_len(candidate) <= width:
            current = candidate
            continue
        if current:
            lines.append(current)
        if len(lines) == max_lines - 1:
            rest = " ".join(words[index:])
            lines.append(truncate(rest, width))
            return lines
        current = word if cell_len(word) <= width else truncate(word, width)
    if current:
        lines.append(current)
    return lines[:max_lines]


def title_lines(title: str, width: int) -> int:
    """How many lines the title takes on a card of ``width`` (1 or 2), without wrapping it."""
    return 1 if cell_len(visible(title)) <= width else 2


def progress_bar(done: int, total: int, width: int) -> str:
    """A bar of ``width`` cells: ``█████░░░░░``."""
    if width <= 0:
        return ""
    filled = round(width * done / total) if total else 0
    return "█" * filled + "░" * (width - filled)

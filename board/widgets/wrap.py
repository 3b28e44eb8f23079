"""Text wrapped for a panel the way the printed commands wrap it: at spaces, a bound kept with its
number (``needs ≥ 85%`` never ends a line with ``≥``), a word wider than the line folded.

Textual's own wrap breaks at any space (a no-break space included: it counts as one).
"""

from __future__ import annotations

from rich.cells import cell_len
from textual.content import Content

from board.term import WRAP_UNIT


def wrap_offsets(text: str, width: int) -> list[int]:
    """Where to cut one line of ``text`` into lines of at most ``width`` cells (trailing spaces aside)."""
    offsets: list[int] = []
    used = 0
    for match in WRAP_UNIT.finditer(text):
        token = match.group()
        word = token.rstrip()
        if word and used and used + cell_len(word) > width:
            offsets.append(match.start())
            used = 0
        if used + cell_len(word) <= width:
            used += cell_len(token)
            continue
        for i, char in enumerate(word):  # a word wider than a line of its own
            if used and used + cell_len(char) > width:
                offsets.append(match.start() + i)
                used = 0
            used += cell_len(char)
        used += cell_len(token) - cell_len(word)
    return offsets


def wrap(content: Content, width: int) -> list[Content]:
    """``content`` as lines of at most ``width`` cells, its styles kept; its own line breaks kept."""
    lines: list[Content] = []
    for line in content.split("\n", allow_blank=True):
        lines += [part.rstrip() for part in line.divide(wrap_offsets(line.plain, max(1, width)))]
    return lines

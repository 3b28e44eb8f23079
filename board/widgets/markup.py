"""Plan text inside Textual markup, shown as written.

Textual's own ``escape`` only escapes what looks like a tag (``[b]``), so a
title holding ``a[H b`` or ``x[ y`` still breaks the markup around it: the
panel fails to draw ("auto closing tag has nothing to close") or eats a tag.
Here every ``[`` is escaped, and control characters are shown as escapes
(:func:`board.term.visible_lines`).
"""

from __future__ import annotations

from board.term import visible_lines

_ZERO_WIDTH_SPACE = "\u200b"


def escape(text: str) -> str:
    """``text`` for a markup string: drawn as written (line breaks kept), control characters visible."""
    text = visible_lines(text).replace("[", "\\[")
    # A trailing backslash would escape the tag that follows it in the markup string.
    return text + _ZERO_WIDTH_SPACE if text.endswith("\\") else text

"""Plain-terminal output for the command line: ANSI colour when wanted, visible widths, truncation.

Colour is used only when the stream is a terminal and ``NO_COLOR`` is unset;
``FORCE_COLOR`` (any value but ``""``, ``0`` or ``false``) turns it on anyway.
"""

from __future__ import annotations

import os
import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import TextIO

_ANSI = re.compile(r"\x1b\[[0-9;]*m")

CODES = {
    "bold": "1",
    "dim": "2",
    "red": "31",
    "green": "32",
    "yellow": "33",
    "blue": "34",
    "magenta": "35",
    "cyan": "36",
    "grey": "90",
}

STATUS_SYMBOLS = {"todo": "○", "in-progress": "◐", "blocked": "✕", "done": "●"}
STATUS_STYLES = {"todo": "grey", "in-progress": "blue", "blocked": "red", "done": "green"}
OTHER_SYMBOL = "·"
OTHER_STYLE = "magenta"


def wants_colour(stream: TextIO, environ: Mapping[str, str] | None = None) -> bool:
    env = os.environ if environ is None else environ
    force = env.get("FORCE_COLOR")
    if force is not None and force.strip().lower() not in ("", "0", "false", "no"):
        return True
    if env.get("NO_COLOR"):
        return False
    isatty = getattr(stream, "isatty", None)
    return bool(isatty and isatty())


@dataclass(frozen=True)
class Painter:
    """Wraps text in ANSI styles, or leaves it alone when colour is off."""

    enabled: bool

    def __call__(self, text: str, *styles: str) -> str:
        codes = ";".join(CODES[s] for s in styles if s)
        if not self.enabled or not codes or not text:
            return text
        return f"\x1b[{codes}m{text}\x1b[0m"


def status_symbol(status: str) -> str:
    return STATUS_SYMBOLS.get(status, OTHER_SYMBOL)


def status_style(status: str) -> str:
    return STATUS_STYLES.get(status, OTHER_STYLE)


def strip_ansi(text: str) -> str:
    return _ANSI.sub("", text)


def char_width(char: str) -> int:
    if char.isascii():
        return 1 if char.isprintable() else 0
    import unicodedata

    if unicodedata.combining(char) or unicodedata.category(char) in ("Mn", "Me", "Cf"):
        return 0
    return 2 if unicodedata.east_asian_width(char) in ("W", "F") else 1


def width(text: str) -> int:
    """Columns ``text`` takes on a terminal (ANSI codes take none; wide characters take two)."""
    plain = strip_ansi(text) if "\x1b" in text else text
    if plain.isascii():
        return len(plain)
    return sum(char_width(c) for c in plain)


def truncate(text: str, columns: int) -> str:
    """``text`` cut to ``columns`` visible columns, ending in ``…`` when it was cut (no ANSI codes)."""
    if width(text) <= columns:
        return text
    if columns <= 0:
        return ""
    return take(text, columns - 1).rstrip() + "…"


def take(text: str, columns: int) -> str:
    """The longest start of ``text`` that fits in ``columns`` visible columns."""
    out: list[str] = []
    used = 0
    for char in text:
        w = char_width(char)
        if used + w > columns:
            break
        out.append(char)
        used += w
    return "".join(out)


def pad(text: str, columns: int) -> str:
    """``text`` truncated or padded with spaces to exactly ``columns`` visible columns."""
    cut = truncate(text, columns)
    return cut + " " * (columns - width(cut))


class Line:
    """A line of styled segments, measured on its plain text and cut to fit a width with ``…``."""

    __slots__ = ("segments",)

    def __init__(self, *parts: str | tuple[str, ...]) -> None:
        """``Line("plain", ("styled", "bold", "red"), ...)``."""
        self.segments: list[tuple[str, tuple[str, ...]]] = []
        for part in parts:
            if isinstance(part, str):
                self.add(part)
            else:
                self.add(part[0], *part[1:])

    def add(self, text: str, *styles: str) -> Line:
        if text:
            self.segments.append((text, styles))
        return self

    def plain(self) -> str:
        return "".join(text for text, _ in self.segments)

    def width(self) -> int:
        return width(self.plain())

    def render(self, paint: Painter, columns: int) -> str:
        """The line in colour (when ``paint`` is enabled), cut to ``columns`` visible columns."""
        segments = list(self.segments)
        if self.width() > columns:
            segments = _cut(segments, columns)
        while segments and not segments[-1][0].rstrip():  # no trailing blanks, coloured or not
            segments.pop()
        if segments:
            text, styles = segments[-1]
            segments[-1] = (text.rstrip(), styles)
        return "".join(paint(text, *styles) for text, styles in segments)


def _cut(segments: list[tuple[str, tuple[str, ...]]], columns: int) -> list[tuple[str, tuple[str, ...]]]:
    out: list[tuple[str, tuple[str, ...]]] = []
    room = columns - 1  # keep a column for the ellipsis
    for text, styles in segments:
        w = width(text)
        if w <= room:
            out.append((text, styles))
            room -= w
            continue
        out.append((take(text, room).rstrip() + "…", styles))
        return out
    return out

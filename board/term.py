"""Plain-terminal output for the command line: ANSI colour when wanted, visible widths, truncation.

Plan text is other people's data: :func:`visible` (one line) and :func:`visible_lines`
(line breaks kept) show its control characters (C0, DEL, C1) and bidi overrides as
escapes (``\\x1b``, ``\\u202e``) so that none reaches a terminal raw; every command
and the board draw plan text through them (:func:`escape_strings` for a whole plan).

Colour is used only when the stream is a terminal and ``NO_COLOR`` is unset;
``FORCE_COLOR`` (any value but ``""``, ``0`` or ``false``) turns it on anyway.
"""

from __future__ import annotations

import functools
import os
import re
from collections.abc import Mapping
from dataclasses import dataclass

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any, TextIO

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
OTHER_SYMBOL = "◇"  # a status of the plan's own: the same mark on the board and in print
OTHER_STYLE = "magenta"


# C0 controls, DEL, C1 controls, and the bidi embeddings, overrides and isolates that
# reorder what is shown ("Trojan Source"): never written raw to a terminal.
_CONTROL = re.compile("[\x00-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
_CONTROL_BUT_LINES = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")  # \t and \n kept
# What JSON leaves raw in a string (it escapes C0 itself): escaped as \uXXXX, the same data.
_JSON_RAW = re.compile("[\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
MULTILINE_FIELDS = frozenset({"notes", "summary", "closing"})


_SHORT = {"\t": "\\t", "\n": "\\n", "\r": "\\r"}


def _escape(match: re.Match[str]) -> str:
    char = match.group()
    if char in _SHORT:
        return _SHORT[char]
    code = ord(char)
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def visible(text: str) -> str:
    """``text`` for one line of a terminal: every control character shown as an escape (``\\x1b``)."""
    return _CONTROL.sub(_escape, text) if _CONTROL.search(text) else text


def visible_lines(text: str) -> str:
    """``text`` with its line breaks (and tabs) kept, every other control character shown as an escape.

    CRLF is a line break; a lone CR (which would overwrite the line) is shown as ``\\r``."""
    if not _CONTROL_BUT_LINES.search(text):
        return text
    if "\r\n" in text:
        text = text.replace("\r\n", "\n")
    return _CONTROL_BUT_LINES.sub(_escape, text)


def has_control(text: str) -> bool:
    """True when ``text`` holds a character :func:`visible` would escape."""
    return _CONTROL.search(text) is not None


def control_names(text: str) -> list[str]:
    """The distinct control characters of ``text`` as escapes, in order of first appearance."""
    return list(dict.fromkeys(_escape(m) for m in _CONTROL.finditer(text)))


def json_safe(text: str) -> str:
    """JSON text with DEL, C1 and bidi controls written as ``\\uXXXX`` (the same JSON value)."""
    return _JSON_RAW.sub(lambda m: f"\\u{ord(m.group()):04x}", text) if _JSON_RAW.search(text) else text


def escape_strings(value: Any) -> Any:
    """Every string field of ``value`` (a dataclass, e.g. a plan, or a list of them) made :func:`visible`,
    in place (:func:`visible_lines` for notes, summary and closing); returns ``value``.

    For commands that only print what they loaded: their layout then measures what is shown."""
    search = _CONTROL.search
    if type(value) is list:
        for i, item in enumerate(value):
            if type(item) is str:
                if search(item):
                    value[i] = visible(item)
            elif type(item) is list or _is_record(item):
                escape_strings(item)
    elif _is_record(value):
        fields = vars(value)
        texts = [item for item in fields.values() if type(item) is str]
        if search("".join(texts)):  # one search for the usual record with nothing to escape
            for name, item in fields.items():
                if type(item) is str and search(item):
                    fields[name] = visible_lines(item) if name in MULTILINE_FIELDS else visible(item)
        for item in fields.values():
            kind = type(item)
            if kind is list:
                if item and (type(item[0]) is not str or search("".join(item))):
                    escape_strings(item)
            elif kind not in _SCALARS and _is_record(item):
                escape_strings(item)
    return value


def escape_strings_but(record: Any, name: str) -> Any:
    """:func:`escape_strings` of ``record`` but for its field ``name``, left as it is (a plan's
    objectives: most of a large plan's text, escaped by a command only where it prints them)."""
    kept = getattr(record, name)
    setattr(record, name, [])
    try:
        escape_strings(record)
    finally:
        setattr(record, name, kept)
    return record


_SCALARS = frozenset({str, int, float, bool, type(None)})
"""Types that are never a record: not asked whether they are a dataclass (a plan has 10 fields an objective)."""


def _is_record(value: Any) -> bool:
    """A dataclass instance (not a class)."""
    return hasattr(type(value), "__dataclass_fields__")


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


@functools.cache
def char_width(char: str) -> int:
    if char.isascii():
        return 1 if char.isprintable() else 0
    import unicodedata

    if unicodedata.combining(char) or unicodedata.category(char) in ("Mn", "Me", "Cf"):
        return 0
    return 2 if unicodedata.east_asian_width(char) in ("W", "F") else 1


# Every character but printable ASCII: the only ones whose width is not 1.
_NOT_PRINTABLE_ASCII = re.compile("[^\x20-\x7e]")


def width(text: str) -> int:
    """Columns ``text`` takes on a terminal (ANSI codes take none; wide characters take two)."""
    plain = strip_ansi(text) if "\x1b" in text else text
    if plain.isascii():
        return len(plain)
    others = _NOT_PRINTABLE_ASCII.findall(plain)  # a symbol or two in a line of ASCII: measure those alone
    return len(plain) - len(others) + sum(map(char_width, others))


def truncate(text: str, columns: int) -> str:
    """``text`` cut to ``columns`` visible columns, ending in ``…`` when it was cut (no ANSI codes)."""
    if width(text) <= columns:
        return text
    if columns <= 0:
        return ""
    return take(text, columns - 1).rstrip() + "…"


def take(text: str, columns: int) -> str:
    """The longest start of ``text`` that fits in ``columns`` visible columns."""
    if text.isascii() and text.isprintable():  # one column a character
        return text[: max(columns, 0)]
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
    """A line of styled segments, measured on its plain text and cut to fit a width with ``…``.

    The parts are kept as given until a segment is asked for: a piped line that fits (most of a
    standup's 40,000 at 50,000 objectives) is joined, escaped and measured once, as a whole, and
    never split into segments (escaping is character by character: the same text either way)."""

    __slots__ = ("_parts", "_segments")

    def __init__(self, *parts: str | tuple[str, ...]) -> None:
        """``Line("plain", ("styled", "bold", "red"), ...)``."""
        self._parts: list[str | tuple[str, ...]] | None = list(parts)
        self._segments: list[tuple[str, tuple[str, ...]]] | None = None

    @property
    def segments(self) -> list[tuple[str, tuple[str, ...]]]:
        """(text, styles) of each part that is not empty, its control characters as escapes."""
        if self._segments is None:
            segments: list[tuple[str, tuple[str, ...]]] = []
            search = _CONTROL.search
            for part in self._parts or ():
                text, styles = (part, ()) if isinstance(part, str) else (part[0], part[1:])
                if text:
                    segments.append((_CONTROL.sub(_escape, text) if search(text) else text, styles))
            self._segments, self._parts = segments, None
        return self._segments

    def add(self, text: str, *styles: str) -> Line:
        """Append ``text`` (its control characters as escapes: a line is measured as it is shown)."""
        if text:
            if self._parts is not None:
                self._parts.append((text, *styles) if styles else text)
            else:
                self.segments.append((_CONTROL.sub(_escape, text) if _CONTROL.search(text) else text, styles))
        return self

    def plain(self) -> str:
        if self._parts is not None:
            return visible("".join([part if isinstance(part, str) else part[0] for part in self._parts]))
        return "".join([text for text, _ in self.segments])

    def width(self) -> int:
        return width(self.plain())

    def render(self, paint: Painter, columns: int) -> str:
        """The line in colour (when ``paint`` is enabled), cut to ``columns`` visible columns."""
        if not paint.enabled:  # a pipe: the plain text, measured once, no segment painted
            plain = self.plain()
            if width(plain) <= columns:
                return plain.rstrip()
        segments = list(self.segments)
        if self.width() > columns:
            segments = _cut(segments, columns)
        while segments and not segments[-1][0].rstrip():  # no trailing blanks, coloured or not
            segments.pop()
        if segments:
            text, styles = segments[-1]
            segments[-1] = (text.rstrip(), styles)
        return "".join(paint(text, *styles) for text, styles in segments)


WRAP_UNIT = re.compile(r"(?:[≥≤] )?\S+\s*|\s+")
"""What a line is broken between: a word with the spaces after it, a bound with its number
(``≥ 85%``) as one word; the board's panels wrap by it too (board/widgets/wrap.py)."""


def wrap(line: Line, columns: int, hang: int) -> list[Line]:
    """``line`` as lines of at most ``columns`` visible columns, broken at spaces (a word longer
    than a line is split; ``≥ 85%`` is kept together), each line after the first indented ``hang``
    columns: an item's text shown whole, under the text of its first line, instead of cut with ``…``."""
    if line.width() <= columns:
        return [line]
    hang = max(0, min(hang, columns - 10))
    out = [Line()]
    used = 0

    def put(text: str, styles: tuple[str, ...]) -> None:
        segments = out[-1].segments
        if segments and segments[-1][1] == styles:  # one run a style, as the line had it
            segments[-1] = (segments[-1][0] + text, styles)
        elif text:
            segments.append((text, styles))

    for text, styles in line.segments:
        for token in WRAP_UNIT.findall(text):
            word = token.rstrip()
            if used + width(word) > columns and used > hang and word:
                out.append(Line(" " * hang))
                used = hang
            while used + width(word) > columns:  # a word wider than a line of its own
                part = take(word, columns - used) or word[0]  # always a step forward
                put(part, styles)
                out.append(Line(" " * hang))
                used = hang
                word = word[len(part) :]
                token = token[len(part) :]
            if used == hang and len(out) > 1 and not word:
                continue  # no blanks at the start of a continued line
            put(token if used + width(token) <= columns else word, styles)
            used += width(token)
    return out


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

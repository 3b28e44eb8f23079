"""Where each entry and key of a plan file's text is: the map a save patches.

A plan file is a head (the plan's own keys) followed by one segment per
top-level ``[[table]]`` entry: its header line through the line before the next
top-level header, comments and blank lines inside included. Within the head and
each segment, every key has a span of lines (one line, or the lines of a
multi-line string or array). An entry's sub-tables (``[phases.gate]``, each
``[[phases.rehearsals]]``) are segments of their own inside it, from their
header to the next header. The scan runs once the TOML parser has accepted
the text, so it only needs to follow strings, brackets and comments.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass, field
from itertools import accumulate

_HEADER = re.compile(
    r"\s*\[(\[?)\s*((?:[A-Za-z0-9_-]+|\"[^\"]*\"|'[^']*')(?:\s*\.\s*(?:[A-Za-z0-9_-]+|\"[^\"]*\"|'[^']*'))*)\s*\]"
)
_KEY = re.compile(r"\s*([A-Za-z0-9_-]+|\"[^\"]*\"|'[^']*')\s*=")
_NAME_PART = re.compile(r"[A-Za-z0-9_-]+|\"[^\"]*\"|'[^']*'")


class Unmappable(ValueError):
    """A text whose layout the map does not follow (the caller writes the canonical text instead)."""


def split_lines(text: str) -> list[str]:
    """The lines of ``text`` with their line endings; only LF ends a line (as in TOML)."""
    if not text:
        return []
    parts = text.split("\n")
    lines = [part + "\n" for part in parts[:-1]]
    if parts[-1]:
        lines.append(parts[-1])
    return lines


def line_ending(lines: list[str]) -> str:
    """The file's line ending: CRLF when its first line ends so, else LF."""
    for line in lines:
        if line.endswith("\n"):
            return "\r\n" if line.endswith("\r\n") else "\n"
    return "\n"


@dataclass
class Segment:
    """Lines ``start`` to ``end`` (exclusive) of the file: the head (``table`` None) or one entry."""

    table: str | None
    start: int
    end: int
    keys: dict[str, tuple[int, int]] = field(default_factory=dict)
    """Key name -> (first line, end line exclusive) of the key and its value, counted from the segment's start."""
    comments: dict[str, str] = field(default_factory=dict)
    """Key name -> the text after a one-line value (spaces and a ``# comment``), without the line ending."""
    nested: bool = False
    """True when the entry holds sub-tables (``[table.key]`` or ``[[table.key]]``)."""
    scanned: bool = False
    """True once :func:`scan` has found the keys."""
    subtables: list[Segment] = field(default_factory=list)
    """The entry's sub-tables in file order, found by :func:`scan`: each a span of its own (``table`` is the key,
    ``start`` and ``end`` count from the file's start), from its header to the next header."""
    array: bool = False
    """A ``[[table.key]]`` sub-table (one element of a list of tables), not ``[table.key]``."""
    deep: bool = False
    """True when a sub-table has sub-tables of its own (the entry is then rewritten whole when it changes)."""


@dataclass
class TextMap:
    """Where each entry of a plan file is in its text: the head and every table's segments."""

    lines: list[str]
    head: Segment
    entries: dict[str, list[Segment]]
    order: list[Segment]
    """Every segment in file order, the head first."""


@dataclass
class _Scan:
    """Where a line scan is: inside brackets or an open multi-line string."""

    depth: int = 0
    string: str = ""  # the open multi-line string's delimiter


def _advance(text: str, state: _Scan) -> int:
    """Follow ``text`` (a value, or a continuation line); returns where a comment starts (or len)."""
    i = 0
    n = len(text)
    while i < n:
        if state.string:
            end = text.find(state.string, i)
            if end < 0:
                return n
            if state.string == '"""':
                backslashes = 0
                j = end - 1
                while j >= i and text[j] == "\\":
                    backslashes += 1
                    j -= 1
                if backslashes % 2:
                    i = end + 1
                    continue
            i = end + 3
            while i < n and text[i] == state.string[0]:  # up to two quotes may end the string's content
                i += 1
            state.string = ""
            continue
        ch = text[i]
        if ch == "#":
            return i
        if ch in "\"'":
            if text.startswith(ch * 3, i):
                state.string = ch * 3
                i += 3
                continue
            i += 1
            while i < n:
                c = text[i]
                if c == "\\" and ch == '"':
                    i += 2
                    continue
                if c == ch:
                    break
                i += 1
            i += 1
            continue
        if ch in "[{":
            state.depth += 1
        elif ch in "]}":
            state.depth -= 1
        i += 1
    return n


def _name(dotted: str) -> tuple[str, ...]:
    return tuple(part.strip("\"'") for part in _NAME_PART.findall(dotted))


def _quick(value: str) -> bool:
    """A value that needs no character scan: no quote, bracket, brace or comment."""
    return not any(c in value for c in "\"'[{#")


_INTERESTING = re.compile(r"^[ \t]*\[|\"\"\"|'''", re.M)


def build(text: str, tables: frozenset[str]) -> TextMap:
    """The map of ``text`` (a file the parser accepted); ``tables`` are the top-level array-of-tables names.

    Only header lines and lines holding a triple quote are looked at here (a
    regular expression finds them); the keys of a segment are found when a
    save needs them (:func:`scan`).
    """
    lines = split_lines(text)
    starts = list(accumulate((len(line) for line in lines), initial=0))
    head = Segment(None, 0, len(lines))
    entries: dict[str, list[Segment]] = {name: [] for name in tables}
    order = [head]
    current = head
    state = _Scan()
    seen = -1
    for match in _INTERESTING.finditer(text):
        number = bisect_right(starts, match.start()) - 1
        if number <= seen:
            continue
        seen = number
        line = lines[number]
        if not state.string and line[:2] == "[[" and line[2:-3].rstrip("]") in tables and line.endswith("]]\n"):
            current.end = number  # the canonical header of a top-level entry: the common case, made quick
            current = Segment(line[2:-3].rstrip("]"), number, len(lines))
            entries[current.table].append(current)  # type: ignore[index]
            order.append(current)
            continue
        if not state.string and line.lstrip()[:1] == "[":
            header = _HEADER.match(line)
            if header is None:
                raise Unmappable(f"line {number + 1}: a header the map does not follow")
            dotted = header.group(2)
            parts = (dotted,) if dotted in tables else _name(dotted)
            if header.group(1) and len(parts) == 1 and parts[0] in tables:
                current.end = number
                current = Segment(parts[0], number, len(lines))
                entries[parts[0]].append(current)
                order.append(current)
            elif current.table is not None and parts[0] == current.table and len(parts) > 1:
                current.nested = True
            else:
                raise Unmappable(f"line {number + 1}: a table the map does not follow")
            continue
        _advance(line, state)
        state.depth = 0
    if state.string:
        raise Unmappable("the file ends inside a multi-line string")
    return TextMap(lines, head, entries, order)


def scan(lines: list[str], segment: Segment) -> None:
    """Find the keys of ``segment`` (once): each key's span of lines and a one-line value's comment."""
    if segment.scanned:
        return
    segment.scanned = True
    state = _Scan()
    open_key = ""
    open_start = 0
    nested = False
    base = segment.start
    first = segment.start + (0 if segment.table is None else 1)
    for number in range(first, segment.end):
        line = lines[number]
        if open_key:  # inside a multi-line value
            _advance(line, state)
            if not state.string and state.depth <= 0:
                if not nested:
                    segment.keys.setdefault(open_key, (open_start - base, number + 1 - base))
                open_key = ""
            continue
        stripped = line.strip()
        if not stripped or stripped[0] == "#":
            continue
        if stripped[0] == "[":
            nested = True  # a sub-table: its keys are its own
            header = _HEADER.match(line)
            parts = _name(header.group(2)) if header is not None else ()
            if segment.table is None or len(parts) != 2 or parts[0] != segment.table:
                segment.deep = True
                continue
            if segment.subtables:
                segment.subtables[-1].end = number
            segment.subtables.append(Segment(parts[1], number, segment.end, array=bool(header.group(1))))  # type: ignore[union-attr]
            continue
        match = _KEY.match(line)
        if match is None:
            raise Unmappable(f"line {number + 1}: a line the map does not follow")
        name = match.group(1).strip("\"'")
        rest = line[match.end() :]
        if _quick(rest):
            if not nested:
                segment.keys.setdefault(name, (number - base, number + 1 - base))
            continue
        comment_at = _advance(rest, state)
        if state.string or state.depth > 0:
            open_key, open_start = name, number
            continue
        if nested:
            continue
        segment.keys.setdefault(name, (number - base, number + 1 - base))
        if comment_at < len(rest):
            body = rest[:comment_at].rstrip()
            segment.comments[name] = rest[len(body) :].rstrip("\r\n")
    if open_key:
        raise Unmappable("a value runs past its table")

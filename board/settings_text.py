"""The settings file as the user wrote it: where each entry is, and a change that keeps the rest.

:func:`entries` finds each key's line (for ``FILE:LINE:COL`` in messages);
:func:`patch` rewrites only the entries whose value changes, adds and removes
entries, and leaves every comment, blank line and the order of the file as they
were. It returns None when it cannot express the change by lines (the caller
then writes the file anew). TOML is read by the store's parser (tomli); this
module only scans lines, trying each entry on its own. No Textual here.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import tomli_w

from board.store.parser import tomllib

__all__ = ["Entry", "entries", "patch"]


@dataclass(frozen=True)
class Entry:
    """Where one key of the settings file is written: its path and its lines."""

    path: tuple[str, ...]
    """The key's full path: its table's and its own (``("keys", "objective.advance")`` is split at dots)."""
    first: int
    """Index of its first line."""
    last: int
    """Index of its last line (a value over several lines)."""
    column: int
    """1-based column where the key starts."""


def _parse(text: str) -> dict[str, Any] | None:
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError:
        return None


def _paths(table: Mapping[str, Any], prefix: tuple[str, ...] = ()) -> list[tuple[str, ...]]:
    """The leaf paths of a parsed table: ``{"a": {"b": 1}}`` -> ``[("a", "b")]``."""
    found: list[tuple[str, ...]] = []
    for key, value in table.items():
        if isinstance(value, dict) and value:
            found += _paths(value, (*prefix, key))
        else:
            found.append((*prefix, key))
    return found


def _header(line: str) -> tuple[str, ...] | None:
    """The path of a ``[table]`` or ``[[array]]`` header line; None when it is not one."""
    parsed = _parse(line)
    if parsed is None:
        return None
    path: list[str] = []
    node: Any = parsed
    while isinstance(node, dict) and len(node) == 1:
        name, node = next(iter(node.items()))
        path.append(name)
        if isinstance(node, list):
            node = node[-1] if node else None
    return tuple(path)


def entries(text: str) -> tuple[list[Entry], dict[tuple[str, ...], int]] | None:
    """Each key's entry, and each table header's line index; None when the lines cannot be told apart."""
    lines = text.splitlines(keepends=True)
    found: list[Entry] = []
    headers: dict[tuple[str, ...], int] = {}
    table: tuple[str, ...] = ()
    i = 0
    while i < len(lines):
        stripped = lines[i].strip()
        if not stripped or stripped.startswith("#"):
            i += 1
            continue
        if stripped.startswith("["):
            header = _header(stripped)
            if header is None:
                return None
            table = header
            headers[table] = i
            i += 1
            continue
        # A key and its value: as many lines as it takes to read on its own.
        for last in range(i, len(lines)):
            parsed = _parse("".join(lines[i : last + 1]))
            if parsed is not None:
                break
        else:
            return None
        column = len(lines[i]) - len(lines[i].lstrip()) + 1
        found += [Entry((*table, *path), i, last, column) for path in _paths(parsed)]
        i = last + 1
    return found, headers


def _split(line: str) -> tuple[str, str] | None:
    """A one-line entry as (everything up to its value, the comment after it with its spaces)."""
    body = line.rstrip("\r\n")
    whole = _parse(body)
    if whole is None:
        return None
    equals = next((p for p, c in enumerate(body) if c == "=" and _parse(body[:p] + "= 0") is not None), None)
    if equals is None:
        return None
    start = equals + 1
    while start < len(body) and body[start] in " \t":
        start += 1
    comment = next((p for p, c in enumerate(body) if c == "#" and p > start and _parse(body[:p]) == whole), None)
    if comment is None:
        return body[:start], ""
    value_end = comment
    while value_end > start and body[value_end - 1] in " \t":
        value_end -= 1
    return body[:start], body[value_end:]


def _value(value: Any) -> str:
    return tomli_w.dumps({"v": value}).split("=", 1)[1].strip()


def _key(name: str) -> str:
    return tomli_w.dumps({name: 0}).split("=", 1)[0].strip()


def patch(text: str, changes: Mapping[tuple[str, ...], Any]) -> str | None:
    """``text`` with each path of ``changes`` set to its value (None removes it), everything else kept.

    Paths are (table, key), e.g. ``("theme",)`` or ``("keys", "objective.advance")``
    (found however the file spells it: ``objective.advance = …`` under ``[keys]`` too); a new top-level key goes before the first
    table, a new key of a table after its last entry (a missing table is added at
    the end). None when the file's layout does not allow it (the caller rewrites).
    """
    scanned = entries(text)
    if scanned is None:
        return None
    found, headers = scanned
    lines = text.splitlines(keepends=True)
    newline = "\r\n" if lines and lines[0].endswith("\r\n") else "\n"
    if lines and not lines[-1].endswith("\n"):
        lines[-1] += newline
    replace: dict[int, list[str]] = {}  # first line index -> its new lines (the span's other lines dropped)
    spans: dict[int, int] = {}
    inserts: dict[int, list[str]] = {}  # line index -> lines to put before it
    appended: dict[tuple[str, ...], list[str]] = {}  # a new table -> its lines
    for path, value in changes.items():
        at = [e for e in found if ".".join(e.path) == ".".join(path)]  # `a.b = 1` under [keys] is the id "a.b"
        if len(at) > 1 or (at and sum(e.first == at[0].first for e in found) > 1):
            return None  # an inline table, or a key written twice: not for lines
        if at:
            entry = at[0]
            spans[entry.first] = entry.last
            if value is None:
                replace[entry.first] = []
                continue
            split = _split(lines[entry.first]) if entry.first == entry.last else None
            if split is None:
                head = lines[entry.first].split("=", 1)[0].rstrip()
                replace[entry.first] = [f"{head} = {_value(value)}{newline}"]
            else:
                replace[entry.first] = [f"{split[0]}{_value(value)}{split[1]}{newline}"]
            continue
        if value is None:
            continue
        table, name = path[:-1], path[-1]
        line = f"{_key(name)} = {_value(value)}{newline}"
        if not table:
            first = min(headers.values(), default=len(lines))
            while first > 0 and lines[first - 1].lstrip().startswith("#"):
                first -= 1  # the comments over the first table stay with it
            extra = [newline] if first < len(lines) else []
            inserts.setdefault(first, []).extend([line, *extra])
        elif table in headers:
            last = max([e.last for e in found if e.path[: len(table)] == table] + [headers[table]])
            inserts.setdefault(last + 1, []).append(line)
        else:
            appended.setdefault(table, []).append(line)
    out: list[str] = []
    skip_to = -1
    for i, line in enumerate(lines):
        out += inserts.get(i, [])
        if i <= skip_to:
            continue
        if i in replace:
            out += replace[i]
            skip_to = spans[i]
            continue
        out.append(line)
    out += inserts.get(len(lines), [])
    for table, new in appended.items():
        if out and out[-1].strip():
            out.append(newline)
        out.append(f"[{'.'.join(_key(t) for t in table)}]{newline}")
        out += new
    return "".join(out)

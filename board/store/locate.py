"""Where an entry of a TOML file is: path -> (line, column), found in the source text.

tomllib gives values, not positions, so schema problems are placed by scanning
the text: table headers (``[[objectives]]``, the nth one is objective n), keys
(``status = …``) and the items of arrays written one per line. A path that is
not found falls back to its nearest enclosing entry.
"""

from __future__ import annotations

import re
from functools import cache

from board.model.errors import Path


@cache
def _patterns() -> tuple[re.Pattern[str], re.Pattern[str], re.Pattern[str]]:
    """An array-of-tables header, a table header and a key line: compiled when a problem is first
    placed, not at every start (the store imports this module with every load)."""
    return (
        re.compile(r"^(\s*)\[\[\s*([^\[\]]+?)\s*\]\]"),
        re.compile(r"^(\s*)\[\s*([^\[\]]+?)\s*\]"),
        re.compile(r"^(\s*)([A-Za-z0-9_-]+|\"[^\"]*\"|'[^']*')\s*=\s*(.*)$"),
    )


def _strip_comment(value: str) -> str:
    """The value without a trailing comment (a ``#`` outside quotes)."""
    quote = ""
    for i, ch in enumerate(value):
        if quote:
            if ch == quote:
                quote = ""
            elif ch == "\\" and quote == '"':
                continue
        elif ch in "\"'":
            quote = ch
        elif ch == "#":
            return value[:i]
    return value


def _opens_multiline(value: str) -> str:
    for delim in ('"""', "'''"):
        if value.startswith(delim) and value.count(delim) == 1:
            return delim
    return ""


def _depth(text: str) -> int:
    """Bracket depth change of a line of an array, ignoring brackets inside strings."""
    depth = 0
    quote = ""
    escaped = False
    for ch in text:
        if quote:
            if escaped:
                escaped = False
            elif ch == "\\" and quote == '"':
                escaped = True
            elif ch == quote:
                quote = ""
        elif ch in "\"'":
            quote = ch
        elif ch in "[{":
            depth += 1
        elif ch in "]}":
            depth -= 1
        elif ch == "#":
            break
    return depth


class Locator:
    def __init__(self, text: str) -> None:
        self.positions: dict[Path, tuple[int, int]] = {}
        self._scan(text.splitlines())

    def _scan(self, lines: list[str]) -> None:
        aot_line, table_line, key_line = _patterns()
        counts: dict[Path, int] = {}
        current: Path = ()
        multiline = ""
        array: Path | None = None
        array_depth = 0
        item = 0
        for number, line in enumerate(lines, start=1):
            if multiline:
                if multiline in line:
                    multiline = ""
                continue
            stripped = line.strip()
            if array is not None:
                if array_depth == 1 and stripped and not stripped.startswith(("#", "]")):
                    self.positions.setdefault((*array, item), (number, len(line) - len(line.lstrip()) + 1))
                    item += 1
                array_depth += _depth(line)
                if array_depth <= 0:
                    array = None
                continue
            if not stripped or stripped.startswith("#"):
                continue
            match = aot_line.match(line)
            if match:
                parts = tuple(p.strip() for p in match.group(2).split("."))
                parent = self._resolve(parts[:-1], counts)
                base = (*parent, parts[-1])
                index = counts.get(base, 0)
                counts[base] = index + 1
                current = (*base, index)
                self.positions.setdefault(current, (number, len(match.group(1)) + 1))
                # The array itself is where its first entry is (an unknown ``[[objectivesX]]`` is reported there).
                self.positions.setdefault(base, (number, len(match.group(1)) + 1))
                continue
            match = table_line.match(line)
            if match:
                parts = tuple(p.strip() for p in match.group(2).split("."))
                current = self._resolve(parts, counts)
                self.positions.setdefault(current, (number, len(match.group(1)) + 1))
                continue
            match = key_line.match(line)
            if match:
                key = match.group(2).strip("\"'")
                path = (*current, key)
                self.positions.setdefault(path, (number, len(match.group(1)) + 1))
                value = _strip_comment(match.group(3)).strip()
                multiline = _opens_multiline(value)
                if value.startswith("["):
                    depth = _depth(value)
                    if depth > 0:
                        array, array_depth, item = path, depth, 0

    @staticmethod
    def _resolve(parts: tuple[str, ...], counts: dict[Path, int]) -> Path:
        """The path of a dotted table name, with the index of the latest entry of each array of tables."""
        path: Path = ()
        for part in parts:
            path = (*path, part)
            if path in counts:
                path = (*path, counts[path] - 1)
        return path

    def find(self, path: Path) -> tuple[int, int]:
        """(line, column) of ``path`` or of its nearest enclosing entry; (1, 1) when nothing matches."""
        while path:
            if path in self.positions:
                return self.positions[path]
            path = path[:-1]
        return (1, 1)

"""Warnings about a plan's text that loads fine but should not: control characters.

A title holding ``ESC ] 0 ; … BEL`` is valid TOML and a valid plan; every command
and the board show it escaped, and ``validate`` says where it is, so a team can
clean the file.
"""

from __future__ import annotations

import re

from board.term import control_names

from .locate import Locator

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

try:
    import tomli as tomllib
except ImportError:  # pragma: no cover - tomli is a dependency
    import tomllib  # type: ignore[no-redef]

Path = tuple[str | int, ...]
MAX_NAMED = 5
# What a control character can be written as in TOML: an escape, or (C1, DEL, bidi) the raw character.
_MAYBE = re.compile("\\\\[uUbfre]|[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def control_warnings(text: str, filename: str) -> list[str]:
    """``FILE:LINE:COL: warning: …`` for each string of the plan text holding control characters
    (line breaks and tabs are text; every other C0, DEL, C1 and bidi override is reported)."""
    if not _MAYBE.search(text):
        return []  # the usual plan: no need to parse it again
    try:
        raw = tomllib.loads(text.removeprefix("\ufeff"))
    except (tomllib.TOMLDecodeError, RecursionError, ValueError):
        return []
    found: list[tuple[Path, list[str]]] = []
    _walk(raw, (), found)
    if not found:
        return []
    locator = Locator(text)
    lines = []
    for path, names in found:
        line, column = locator.find(path)
        shown = ", ".join(names[:MAX_NAMED]) + (f" and {len(names) - MAX_NAMED} more" if len(names) > MAX_NAMED else "")
        lines.append((line, column, f"{_describe(path)} holds control characters ({shown}); they are shown as escapes"))
    return [f"{filename}:{line}:{column}: warning: {message}" for line, column, message in sorted(lines)]


def _walk(value: Any, path: Path, found: list[tuple[Path, list[str]]]) -> None:
    if isinstance(value, str):
        names = [n for n in control_names(value) if n not in ("\\n", "\\t")]
        if names:
            found.append((path, names))
    elif isinstance(value, dict):
        for key, item in value.items():
            _walk(item, (*path, key), found)
    elif isinstance(value, list):
        for index, item in enumerate(value):
            _walk(item, (*path, index), found)


def _describe(path: Path) -> str:
    """``objectives[3].title`` for ``("objectives", 3, "title")`` (entries counted from 1)."""
    out = ""
    for part in path:
        out += f"[{part + 1}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out

"""Git conflict markers in a plan file (merged without the board's merge driver)."""

from __future__ import annotations

import re

_MARKER = re.compile(r"^(<{7}|={7}|>{7}|\|{7})(?:\s|$)")


def conflict_marker_lines(text: str) -> list[int]:
    """The 1-based numbers of the lines that are git conflict markers (``<<<<<<<``, ``=======``, ...)."""
    return [n for n, line in enumerate(text.splitlines(), start=1) if _MARKER.match(line)]


def markers_message(lines: list[int], filename: str) -> str:
    shown = ", ".join(str(n) for n in lines[:12]) + (", …" if len(lines) > 12 else "")
    return f"git conflict markers at lines {shown}; run `rollout-board resolve {filename}`"

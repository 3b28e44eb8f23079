"""Git conflict markers in a plan file (merged without the board's merge driver)."""

from __future__ import annotations

import re

_MARKER = re.compile(r"^(<{7}|={7}|>{7}|\|{7})(?:\s|$)")


def conflict_marker_lines(text: str) -> list[int]:
    """The 1-based numbers of the lines that are git conflict markers (``<<<<<<<``, ``=======``, ...).

    Lines inside a multi-line string (notes may hold anything) are text, not markers."""
    found = []
    inside = ""
    for number, line in enumerate(text.splitlines(), start=1):
        if not inside and _MARKER.match(line):
            found.append(number)
            continue
        for delim in ('"""', "'''"):
            if (not inside or inside == delim) and line.count(delim) % 2 == 1:
                inside = "" if inside else delim
                break
    return found


def markers_message(lines: list[int], filename: str) -> str:
    shown = ", ".join(str(n) for n in lines[:12]) + (", …" if len(lines) > 12 else "")
    return f"git conflict markers at lines {shown}; run `rollout-board resolve {filename}`"

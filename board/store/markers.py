"""Git conflict markers in a plan file (merged without the board's merge driver): one place."""

from __future__ import annotations

import re

_START = re.compile(r"^<{7}(?:[ \t]|$)")
_END = re.compile(r"^>{7}(?:[ \t]|$)")


def conflict_marker_lines(text: str) -> list[int]:
    """The line of each git conflict (its ``<<<<<<<`` line); empty when the text has none.

    A conflict needs its closing ``>>>>>>>`` line too; lines inside a multi-line string
    (notes may hold anything) are text, not markers."""
    starts: list[int] = []
    closed = False
    inside = ""
    for number, line in enumerate(text.splitlines(), start=1):
        if not inside:
            if _START.match(line):
                starts.append(number)
                continue
            if _END.match(line):
                closed = closed or bool(starts)
                continue
        for delim in ('"""', "'''"):
            if (not inside or inside == delim) and line.count(delim) % 2 == 1:
                inside = "" if inside else delim
                break
    return starts if closed else []


def markers_message(lines: list[int], filename: str) -> str:
    shown = ", ".join(str(n) for n in lines[:12]) + (", …" if len(lines) > 12 else "")
    what = "line" if len(lines) == 1 else "lines"
    return f"git conflict markers at {what} {shown}; run `rollout-board resolve {filename}`"

"""A plan whose every free text holds terminal control sequences, for the control-character tests.

The payload sets the terminal title (OSC 0), writes the clipboard (OSC 52),
clears the screen, moves the cursor back (CR, backspace), hides text (SGR 8),
and carries a C1 CSI, DEL, NUL and a right-to-left override.
"""

from __future__ import annotations

import re
import tomllib
from pathlib import Path
from typing import Any

import tomli_w

DATA = Path(__file__).resolve().parent / "data"
STANDUP_PLAN = DATA / "standup" / "plan.toml"

PAYLOAD = "\x1b]0;PWNED\x07\x1b]52;c;aGk=\x07\x1b[2J\x1b[H\rX\b\b\x1b[8m\x9b5m\x7f\x00\u202e!"
# Raw control characters, and bidi overrides, that must never reach a terminal.
RAW = re.compile("[\x00-\x09\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
# The colours the command line itself writes (board.term.CODES and the reset).
OWN_SGR = re.compile(r"\x1b\[(?:(?:0|1|2|3[1-6]|90);?)+m")

# Keys whose strings are free text (ids, statuses, dates, durations and levels are checked on load).
FREE_TEXT = {"title", "summary", "closing", "notes", "name", "text", "owner", "unit", "description", "mitigation"}
FREE_LISTS = {"actions", "tags"}


def _poison(value: Any, key: str = "") -> Any:
    if isinstance(value, dict):
        return {k: _poison(v, k) for k, v in value.items()}
    if isinstance(value, list):
        if key in FREE_LISTS:
            return [f"{item[:6]}{PAYLOAD}{item[6:]}" if isinstance(item, str) else item for item in value]
        return [_poison(item, key) for item in value]
    if isinstance(value, str) and key in FREE_TEXT and value:
        return f"{value[:6]}{PAYLOAD}{value[6:]}"
    return value


def hostile_plan(target: Path) -> Path:
    """The standup fixture plan (in progress, blocked, readings, an active contingency) with the
    payload inside every free text, a risk in the register and notes on the blocked objectives."""
    raw = tomllib.loads(STANDUP_PLAN.read_text(encoding="utf-8"))
    raw["phases"][1]["risks"] = [
        {"id": "vendor", "description": "Vendor late", "likelihood": 4, "impact": 4, "mitigation": "Escalate"}
    ]
    for obj in raw["objectives"]:
        obj.setdefault("notes", "First line\nsecond line")
        obj.setdefault("owner", "ana")
    for item in raw["contingencies"]:
        item.setdefault("notes", "Call the vendor")
    target.write_text(tomli_w.dumps(_poison(raw), multiline_strings=True), encoding="utf-8")
    return target


def raw_controls(text: str, own_colours: bool = False) -> list[str]:
    """The raw control characters in ``text`` (``own_colours``: the command line's own SGR codes allowed)."""
    if own_colours:
        text = OWN_SGR.sub("", text)
    return sorted({repr(c) for c in RAW.findall(text)})

"""Durations as people write them: ``"90m"``, ``"2h"``, ``"1h30m"``, ``"1d"``."""

from __future__ import annotations

import re

_PART = re.compile(r"(\d+)\s*(d|h|m)")
_WHOLE = re.compile(r"^\s*(?:\d+\s*[dhm]\s*)+$")
_MINUTES = {"d": 24 * 60, "h": 60, "m": 1}


def parse_duration(text: str) -> int:
    """Minutes in ``text``; raises ValueError for anything that is not a duration."""
    if not isinstance(text, str) or not _WHOLE.match(text):
        raise ValueError(f'{text!r} is not a duration (write it like "90m", "2h" or "1h30m")')
    return sum(int(n) * _MINUTES[unit] for n, unit in _PART.findall(text))


def is_duration(text: str) -> bool:
    try:
        parse_duration(text)
    except ValueError:
        return False
    return True


def format_minutes(minutes: int) -> str:
    """The long form shown beside the short one: ``90`` -> ``"1 h 30 min"``."""
    hours, mins = divmod(minutes, 60)
    if hours and mins:
        return f"{hours} h {mins} min"
    if hours:
        return f"{hours} h"
    return f"{mins} min"


def short_minutes(minutes: int) -> str:
    """The short form a person writes: ``90`` -> ``"90m"``, ``120`` -> ``"2h"``."""
    if minutes and minutes % 60 == 0:
        return f"{minutes // 60}h"
    return f"{minutes}m"


def describe_duration(text: str) -> str:
    """A duration as every screen and report shows it: as written, with the long form only when it
    says something the short one does not: ``"90m (1 h 30 min)"``, but ``"4h"`` (not "4h (4 h)"),
    ``"45m"``, ``"1h30m"``; ``"—"`` for none."""
    if not text:
        return "—"
    try:
        minutes = parse_duration(text)
    except ValueError:
        return text
    if minutes <= 60 or minutes % 60 == 0 or "h" in text or "d" in text:
        return text
    return f"{text} ({format_minutes(minutes)})"

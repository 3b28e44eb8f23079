"""The facts a Markdown line carries in a trailing ``<!-- {JSON} -->`` comment, read with care.

The Markdown export writes them; a person may edit them. A value of the wrong
type is never trusted: it is reported through ``warn`` and its default used.
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Callable
from datetime import date
from typing import Any

from board.model.rules import MAX_METRIC_VALUE

LIMIT = MAX_METRIC_VALUE  # the model's bound: a number beyond it (1e20, 1e999) is refused, never silently kept
COMMENT = re.compile(r"\s*<!--\s*(\{.*\})\s*-->\s*$")
SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")


def _finite(value: Any) -> bool:
    return (
        isinstance(value, (int, float)) and not isinstance(value, bool) and math.isfinite(value) and abs(value) <= LIMIT
    )


def split_comment(text: str) -> tuple[str, dict[str, Any], bool]:
    """A line's text, the JSON object of its trailing comment, and whether a comment was there but unreadable."""
    match = COMMENT.search(text)
    if not match:
        return text.strip(), {}, False
    try:
        data = json.loads(match.group(1))
    except (ValueError, RecursionError):  # not JSON, an integer of thousands of digits, nesting too deep
        return text.strip(), {}, True
    if not isinstance(data, dict):
        return text.strip(), {}, True
    return text[: match.start()].strip(), data, False


class Facts:
    """Typed access to a comment's facts; each unusable value is reported once through ``warn``."""

    def __init__(self, data: dict[str, Any], warn: Callable[[str], None]) -> None:
        self.data = data
        self.warn = warn

    def __contains__(self, key: str) -> bool:
        return key in self.data

    def __bool__(self) -> bool:
        return bool(self.data)

    def _bad(self, key: str, expected: str) -> None:
        try:
            shown = json.dumps(self.data[key], ensure_ascii=False)[:60]
        except (ValueError, RecursionError):
            shown = "…"
        self.warn(f"the comment's {key!r} is not {expected}: {shown}")

    def text(self, key: str, default: str = "") -> str:
        value = self.data.get(key)
        if value is None:
            return default
        if isinstance(value, str):
            return value
        self._bad(key, "text")
        return default

    def slug(self, key: str) -> str | None:
        value = self.text(key)
        if not value:
            return None
        if SLUG.match(value):
            return value
        self._bad(key, "an id (lowercase letters, digits and hyphens)")
        return None

    def choice(self, key: str, choices: tuple[str, ...] | list[str], default: str = "") -> str:
        value = self.text(key, default)
        if value == default or value in choices or value.lower() in choices:
            return value
        self._bad(key, "one of " + ", ".join(choices))
        return default

    def integer(self, key: str, default: int, low: int, high: int) -> int:
        value = self.data.get(key)
        if value is None:
            return default
        if isinstance(value, int) and not isinstance(value, bool) and low <= value <= high:
            return value
        self._bad(key, f"a whole number from {low} to {high}")
        return default

    def number(self, key: str) -> float | None:
        value = self.data.get(key)
        if value is None:
            return None
        if _finite(value):
            return value  # type: ignore[no-any-return]
        self._bad(key, "a finite number")
        return None

    def flag(self, key: str) -> bool:
        value = self.data.get(key)
        if value is None:
            return False
        if isinstance(value, bool):
            return value
        self._bad(key, "true or false")
        return False

    def day(self, key: str) -> date | None:
        value = self.data.get(key)
        if value is None:
            return None
        if isinstance(value, str):
            try:
                return date.fromisoformat(value)
            except ValueError:
                pass
        self._bad(key, "a date like 2026-11-23")
        return None

    def texts(self, key: str) -> list[str]:
        value = self.data.get(key)
        if value is None:
            return []
        if isinstance(value, list) and all(isinstance(v, str) and v.strip() for v in value):
            return list(value)
        self._bad(key, "a list of non-empty texts")
        return []

    def readings(self, key: str) -> list[tuple[date, float]]:
        value = self.data.get(key)
        if value is None:
            return []
        out: list[tuple[date, float]] = []
        for entry in value if isinstance(value, list) else [None]:
            try:
                day, reading = entry  # type: ignore[misc]
                if not _finite(reading):
                    raise ValueError
                out.append((date.fromisoformat(day), reading))
            except (TypeError, ValueError):
                self._bad(key, "a list of [date, number] pairs")
                return []
        return out

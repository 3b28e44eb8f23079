"""What the structure operations share: input checks that refuse with one clear line,
fresh ids, and the moves inside a list."""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Sequence
from datetime import date, datetime
from typing import TYPE_CHECKING, Any, NoReturn

from .errors import Issue, PlanError
from .history import Change
from .plan import Phase, Plan
from .slugs import numbered, slugify

_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def fail(message: str) -> NoReturn:
    """Refuse an operation: raise :class:`~board.model.errors.PlanError` with ``message``."""

    raise PlanError(message)


def refuse_issues(issues: Sequence[Issue], count: bool = False) -> None:
    """Refuse with the first issue's message (as the store words it), if there is any;
    ``count`` adds how many more there are."""
    if issues:
        more = len(issues) - 1
        fail(issues[0].message + (f" (and {more} more)" if count and more else ""))


def refuse(problem: str | None) -> None:
    if problem:
        fail(problem)


def one_line(value: Any, what: str, required: bool = True) -> str:
    """``value`` stripped; refused when it is not text, has a line break, or (if required) is empty."""
    if not isinstance(value, str):
        fail(f"{what} must be text, not {type(value).__name__}")
    text = value.strip()
    if required and not text:
        fail(f"{what} must not be empty")
    if "\n" in text or "\r" in text:
        fail(f"{what} must be one line")
    return text


def free_text(value: Any, what: str) -> str:
    """Multi-line text with its line ends made ``\\n`` (the way the file keeps them)."""
    if not isinstance(value, str):
        fail(f"{what} must be text, not {type(value).__name__}")
    return value.replace("\r\n", "\n").replace("\r", "\n")


def whole(value: Any, what: str) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        fail(f"{what} must be a whole number, not {value!r}")
    return value


def number(value: Any, what: str, optional: bool = False) -> float | int | None:
    if value is None and optional:
        return None
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not math.isfinite(value):
        fail(f"{what} must be a finite number, not {value!r}")
    return value


def flag(value: Any, what: str) -> bool:
    if not isinstance(value, bool):
        fail(f"{what} must be true or false, not {value!r}")
    return value


def day(value: Any, what: str) -> date | None:
    """A date, None, or text written ``YYYY-MM-DD`` (empty text is None)."""
    if value is None or (isinstance(value, date) and not isinstance(value, datetime)):
        return value
    if isinstance(value, str):
        text = value.strip()
        if not text:
            return None
        if _ISO_DATE.match(text):
            try:
                return date.fromisoformat(text)
            except ValueError:
                fail(f"{what} {text!r} is not a day of the calendar")
    fail(f"{what} must be a date written YYYY-MM-DD (like 2026-11-02), not {value!r}")


def no_unknown(fields: dict[str, Any], allowed: Sequence[str], what: str) -> None:
    unknown = [name for name in fields if name not in allowed]
    if unknown:
        fail(f"{what} have no field {unknown[0]!r} (fields: {', '.join(allowed)})")


def fresh_id(text: str, taken: set[str], fallback: str, words: int | None = 4) -> str:
    """A slug of ``text`` (its first ``words`` words) not in ``taken``: numbered ``-2``, ``-3`` … if needed."""
    return numbered(slugify(text, words) or fallback, taken)


def insert_position(index: int | None, size: int, where: str) -> int:
    """Where an insert goes: ``index`` (0 … ``size``), or the end when None."""
    if index is None:
        return size
    whole(index, "the position")
    if not 0 <= index <= size:
        fail(f"{where} has no position {index + 1} (1-{size + 1})")
    return index


def move_target(index: int, delta: int, size: int, what: str) -> int:
    """The index ``delta`` places from ``index``; refused past either end."""
    whole(delta, "the move")
    target = index + delta
    if target < 0:
        fail(f"{what} is already first")
    if target >= size:
        fail(f"{what} is already last")
    return target


def move_in_list(change: Change, items: list[Any], index: int, target: int) -> None:
    if target != index:
        item = items[index]
        change.remove(items, index)
        change.insert(items, target, item)


def item_at(items: list[Any], index: Any, message: str) -> Any:
    if isinstance(index, bool) or not isinstance(index, int) or not 0 <= index < len(items):
        fail(message)
    return items[index]


class OpsBase:
    """What the structure mixins need from :class:`~board.model.editor.Editor`."""

    plan: Plan
    today: Callable[[], date]

    if TYPE_CHECKING:

        def _commit(self, change: Change) -> Change: ...

        def _phase(self, pid: str) -> Phase: ...

        def _end_of_week(self, week: int) -> int: ...

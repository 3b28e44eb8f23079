"""The standup: what moved since a day, what is in progress and blocked, are we safe to deploy.

:func:`build_standup` gathers plain data (:class:`Standup`) from the plan and,
when given, the plan as last committed; :func:`render_text` lays it out for a
shared terminal and :func:`render_markdown` for a chat message. No Textual here.
"""

from __future__ import annotations

from board.standup.render import render_markdown, render_text
from board.standup.report import Item, Readiness, Recorded, Standup, build_standup, previous_working_day
from board.standup.wording import describe_duration, describe_target, format_value

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

    from board.standup.changes import compare

__all__ = [
    "Item",
    "Readiness",
    "Recorded",
    "Standup",
    "build_standup",
    "compare",
    "describe_duration",
    "describe_target",
    "format_value",
    "previous_working_day",
    "render_markdown",
    "render_text",
]


def __getattr__(name: str) -> Any:
    # The plan diff (board.model.diff) is imported only by a standup that has a commit to compare with.
    if name == "compare":
        from board.standup.changes import compare

        return compare
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")

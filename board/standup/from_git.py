"""The one standup report of a plan file: its plan, the plan as committed at HEAD ("since the last
commit") and the plan as it was when the standup's first day began ("done since"), read from git.

The ``standup`` command and the board's standup panel both build their report here. The git calls
and the two plans they read take a moment on a large plan: the board runs this in a worker. No
Textual here.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from datetime import date

from board import store
from board.gitstate import outside_any_repository
from board.model import Plan
from board.standup.report import Standup, build_standup, previous_working_day
from board.term import escape_strings, escape_strings_but, visible


@dataclass
class Report:
    """A standup and what git could not give for it."""

    standup: Standup
    warnings: list[str] = field(default_factory=list)
    """One line each, for the user: what git could not give (a committed plan that does not load)."""


def standup_report(path: str | os.PathLike[str], plan: Plan, today: date, since: date | None = None) -> Report:
    """The standup of ``plan`` (the plan at ``path``; its text is escaped in place, so pass a plan
    of your own) on ``today``, what moved since ``since`` (default: the previous working day).
    Outside git the objectives' text is left as it is and escaped where the standup lists it."""
    since = since or previous_working_day(today)
    warnings: list[str] = []
    committed = before = None
    if not outside_any_repository(path):
        from pathlib import Path

        from board.vcs.history import plan_before

        committed = committed_plan(path, warnings)
        before = plan_before(Path(path), since)  # "done since" from the plan diff, in git
    if committed is None and before is None:
        # No plan diff to take: the objectives' text is escaped only where the standup lists them.
        report = build_standup(escape_strings_but(plan, "objectives"), today, since, shown=visible)
        return Report(report, warnings)
    report = build_standup(
        escape_strings(plan),
        today,
        since,
        escape_strings(committed) if committed is not None else None,
        since_plan=escape_strings(before) if before is not None else None,
    )
    return Report(report, warnings)


def committed_plan(path: str | os.PathLike[str], warnings: list[str]) -> Plan | None:
    """The plan as committed at HEAD, or None (not in git, not committed, or not loadable: one warning)."""
    from board.gitstate import head_text

    committed = head_text(path)
    if committed is None:
        return None
    try:
        return store.loads(committed, f"{path}@HEAD")
    except store.LoadError as error:
        more = f" (and {len(error.problems) - 1} more)" if len(error.problems) > 1 else ""
        first = error.problems[0] if error.problems else "unreadable"
        warnings.append(f"the committed plan does not load, so no 'since the last commit': {first}{more}")
        return None

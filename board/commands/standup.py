"""``rollout-board standup PLAN``: the standup report, for a terminal or as Markdown."""

from __future__ import annotations

import argparse
import sys
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from board.commands.show import _iso_date

if TYPE_CHECKING:
    from board.model import Plan


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("plan", metavar="PLAN", help="the plan file")
    parser.add_argument(
        "--since",
        metavar="YYYY-MM-DD",
        type=_iso_date,
        help="report what moved since this day (default: the previous working day)",
    )
    parser.add_argument("--today", metavar="YYYY-MM-DD", type=_iso_date, help="the day of the standup (default: today)")
    parser.add_argument("--markdown", action="store_true", help="print Markdown, for a chat message")


def run(args: argparse.Namespace) -> int:
    from board import store
    from board.standup import build_standup, previous_working_day, render_markdown, render_text
    from board.term import escape_strings, wants_colour
    from board.vcs.history import plan_before

    committed = committed_plan(args.plan)
    plan = escape_strings(store.load(args.plan))
    today = args.today or date.today()
    since = args.since or previous_working_day(today)
    before = escape_strings(plan_before(Path(args.plan), since))  # "done since" from the plan diff, in git
    report = build_standup(plan, today, since, escape_strings(committed), since_plan=before)
    if args.markdown:
        sys.stdout.write(render_markdown(report))
    else:
        print(render_text(report, width=120, color=wants_colour(sys.stdout)))
    return 0


def committed_plan(path: str) -> Plan | None:
    """The plan as committed at HEAD, or None (not in git, not committed, or not loadable: one warning line)."""
    from board import store
    from board.gitstate import head_text

    committed = head_text(Path(path))
    if committed is None:
        return None
    try:
        return store.loads(committed, f"{path}@HEAD")
    except store.LoadError as error:
        more = f" (and {len(error.problems) - 1} more)" if len(error.problems) > 1 else ""
        first = error.problems[0] if error.problems else "unreadable"
        print(
            f"rollout-board standup: warning: the committed plan does not load, so no 'since the last commit': {first}{more}",
            file=sys.stderr,
        )
        return None

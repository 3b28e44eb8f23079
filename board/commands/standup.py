"""``rollout-board standup PLAN``: the standup report, for a terminal or as Markdown."""

from __future__ import annotations

import argparse
import os
import sys
from datetime import date

from board.commands.dates import iso_date as _iso_date

TYPE_CHECKING = False
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
    from board.collector import collector_paused
    from board.standup import render_markdown, render_text
    from board.standup.from_git import standup_report
    from board.term import wants_colour

    plan = store.load(args.plan)
    with collector_paused():  # a report and a line a listed objective, none of them in a cycle
        built = standup_report(args.plan, plan, args.today or date.today(), args.since)
        text = (
            render_markdown(built.standup)
            if args.markdown
            else render_text(built.standup, 120, wants_colour(sys.stdout)) + "\n"
        )
    for warning in built.warnings:
        print(f"rollout-board standup: warning: {warning}", file=sys.stderr)
    sys.stdout.write(text)
    return 0


def committed_plan(path: str) -> Plan | None:
    """The plan as committed at HEAD, or None (not in git, not committed, or not loadable: one warning line)."""
    plan, problem = load_committed(path)
    if problem:
        print(f"rollout-board standup: warning: {problem}", file=sys.stderr)
    return plan


def load_committed(path: str | os.PathLike[str]) -> tuple[Plan | None, str]:
    """(the plan as committed at HEAD, "") or (None, why not when it does not load); (None, "") outside git."""
    from board.standup.from_git import committed_plan as from_head

    warnings: list[str] = []
    plan = from_head(path, warnings)
    return plan, warnings[0] if warnings else ""

"""``rollout-board standup PLAN``: the standup report, for a terminal or as Markdown."""

from __future__ import annotations

import argparse
import sys
from datetime import date
from pathlib import Path

from board.commands.show import _iso_date

HELP = "the standup: done since yesterday, in progress, blocked, rollback readiness"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("plan", metavar="PLAN", help="the plan file")
    parser.add_argument("--since", metavar="YYYY-MM-DD", type=_iso_date, help="report what moved since this day (default: the previous working day)")
    parser.add_argument("--today", metavar="YYYY-MM-DD", type=_iso_date, help="the day of the standup (default: today)")
    parser.add_argument("--markdown", action="store_true", help="print Markdown, for a chat message")


def run(args: argparse.Namespace) -> int:
    from board import store
    from board.gitstate import head_text
    from board.standup import build_standup, render_markdown, render_text
    from board.term import wants_colour

    plan = store.load(args.plan)
    head_plan = None
    committed = head_text(Path(args.plan))
    if committed is not None:
        try:
            head_plan = store.loads(committed, f"{args.plan}@HEAD")
        except store.LoadError as error:
            print(f"rollout-board standup: warning: the committed plan is invalid ({error.problems[0]}); skipping 'since the last commit'", file=sys.stderr)
    report = build_standup(plan, args.today or date.today(), args.since, head_plan)
    if args.markdown:
        sys.stdout.write(render_markdown(report))
    else:
        print(render_text(report, width=120, color=wants_colour(sys.stdout)))
    return 0

"""``rollout-board log [PLAN] [--since YYYY-MM-DD]``: the plan's history from git, one change a line."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from board.commands.dates import iso_date as _iso_date


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("plan", nargs="?", metavar="PLAN", help="the plan file (default: the only one in ./plans/)")
    parser.add_argument("--since", metavar="YYYY-MM-DD", type=_iso_date, help="only commits since that day")


def run(args: argparse.Namespace) -> int:
    from board.vcs.history import default_plan, history
    from board.vcs.repo import GitError

    since = args.since.isoformat() if args.since else None
    try:
        plan = Path(args.plan) if args.plan else default_plan(Path.cwd())
    except ValueError as error:
        print(f"rollout-board log: {error}", file=sys.stderr)
        return 2
    try:
        entries = history(plan, since)
    except GitError as error:
        print(f"rollout-board log: {error}", file=sys.stderr)
        return 1
    for entry in entries:
        print(entry)
    return 0

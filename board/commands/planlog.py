"""``rollout-board log [PLAN] [--since DATE]``: the plan's history from git, one change a line."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("plan", nargs="?", metavar="PLAN", help="the plan file (default: the only one in ./plans/)")
    parser.add_argument("--since", metavar="DATE", help="only commits since DATE (YYYY-MM-DD)")


def run(args: argparse.Namespace) -> int:
    from datetime import date

    from board.vcs.history import default_plan, history
    from board.vcs.repo import GitError

    since = None
    if args.since:
        try:
            since = date.fromisoformat(args.since).isoformat()
        except ValueError:
            print(f"rollout-board log: --since {args.since!r} is not a date like 2026-11-30", file=sys.stderr)
            return 2
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

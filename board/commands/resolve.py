"""``rollout-board resolve FILE``: merge a plan again from git's index stages, by meaning."""

from __future__ import annotations

import argparse
import sys


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("file", metavar="FILE", help="the plan file git could not merge")


def run(args: argparse.Namespace) -> int:
    from board.vcs.driver import SideError, resolve_file
    from board.vcs.repo import GitError

    try:
        merged = resolve_file(args.file)
    except (GitError, SideError, UnicodeDecodeError) as error:
        print(f"rollout-board resolve: {error}", file=sys.stderr)
        return 1
    for note in merged.result.notes:
        print(f"rollout-board resolve: {args.file}: {note}", file=sys.stderr)
    count = len(merged.result.plan.conflicts)
    if count:
        print(
            f"{args.file}: merged with {count} conflict{'' if count == 1 else 's'} in [[conflicts]]; "
            f"open it with rollout-board to resolve, then git add {args.file}"
        )
        return 1
    print(f"{args.file}: merged; git add {args.file}")
    return 0

"""``rollout-board git-setup [--global]``: make git merge and diff plan files semantically."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--global", dest="global_config", action="store_true", help="write the driver to your global git config"
    )


def run(args: argparse.Namespace) -> int:
    from board.vcs.repo import GitError
    from board.vcs.setup import set_up

    try:
        said = set_up(Path.cwd(), args.global_config)
    except GitError as error:
        print(f"rollout-board git-setup: {error}", file=sys.stderr)
        return 1
    for line in said:
        print(line)
    return 0

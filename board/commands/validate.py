"""``rollout-board validate PLAN...``: check plan files, for CI."""

from __future__ import annotations

import argparse
import sys

HELP = "check plan files; FILE:LINE:COL: lines and exit 1 if invalid (warnings alone exit 0)"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("plans", nargs="+", metavar="PLAN", help="plan files to check")


def run(args: argparse.Namespace) -> int:
    from board import store
    from board.model.words import counted
    from board.store.text_checks import control_warnings
    from board.term import visible

    code = 0
    for path in args.plans:
        try:
            plan = store.load(path)
        except store.LoadError as error:
            for problem in error.problems:
                print(problem, file=sys.stderr)
            code = 1
            continue
        # The file is known to be a readable plan now: read it again for what loads but should not.
        text = store.read_bytes(path).decode("utf-8", "replace")
        for warning in control_warnings(text, path):
            print(visible(warning), file=sys.stderr)
        print(f"{path}: ok ({counted(len(plan.objectives), 'objective')})")
    return code

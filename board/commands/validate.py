"""``rollout-board validate PLAN...``: check plan files, for CI."""

from __future__ import annotations

import argparse
import sys

HELP = "check plan files; FILE:LINE:COL: lines and exit 1 if invalid"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("plans", nargs="+", metavar="PLAN", help="plan files to check")


def run(args: argparse.Namespace) -> int:
    from board import store

    code = 0
    for path in args.plans:
        try:
            data = store.read_bytes(path)
            plan = store.loads(data, path)
        except store.LoadError as error:
            for problem in error.problems:
                print(problem, file=sys.stderr)
            code = 1
            continue
        unresolved = store.conflict_problems(plan, data, path)
        if unresolved:
            for problem in unresolved:
                print(problem, file=sys.stderr)
            code = 1
            continue
        count = len(plan.objectives)
        print(f"{path}: ok ({count} objective{'' if count == 1 else 's'})")
    return code

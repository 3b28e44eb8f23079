"""``rollout-board validate PLAN...``: check plan files, for CI."""

from __future__ import annotations

import argparse
import sys

TYPE_CHECKING = False
if TYPE_CHECKING:
    from board.model import Plan


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
        for warning in slip_warnings(plan, data, path):
            print(visible(warning), file=sys.stderr)
        # The file is known to be a readable plan now: read it again for what loads but should not.
        text = store.read_bytes(path).decode("utf-8", "replace")
        for warning in control_warnings(text, path):
            print(visible(warning), file=sys.stderr)
        print(f"{path}: ok ({counted(len(plan.objectives), 'objective')})")
    return code


def slip_warnings(plan: Plan, data: bytes, path: str) -> list[str]:
    """``FILE:LINE:COL: warning: …`` for each dependency scheduled after the objective that waits on it."""
    from board import store
    from board.model import Issue
    from board.model.dependencies import slips

    found = slips(plan)
    if not found:
        return []
    index = {id(o): i for i, o in enumerate(plan.objectives)}
    issues = [
        Issue(
            ("objectives", index[id(s.objective)], "depends_on"),
            f"warning: slipped dependency: {s.words()}",
            s.objective.depends_on.index(s.dependency.id),
        )
        for s in found
    ]
    text = data.decode("utf-8").removeprefix("\ufeff")
    return [str(problem) for problem in store.locate(text, path, issues)]

"""What the rollout-control commands (``gate``, ``signoff``, ``rehearse``, ``path``) share:
an optional PLAN before the other arguments, plan text made safe to print, phase lookup."""

from __future__ import annotations

import argparse
import os
import sys

from board.textsafe import safe

TYPE_CHECKING = False
if TYPE_CHECKING:
    from board.model import Phase, Plan

__all__ = ["UsageError", "add_plan_and", "fail", "find_phase", "phase_choices", "safe", "split_plan"]


class UsageError(Exception):
    """Bad arguments: exit 2 with the message."""


def add_plan_and(parser: argparse.ArgumentParser, metavar: str, help: str, optional: bool = False) -> None:
    """``[PLAN] ARG``: the plan is optional when ./plans/ holds exactly one."""
    parser.add_argument(
        "words",
        nargs="+" if not optional else "*",
        metavar=f"[PLAN] {metavar}",
        help=f"the plan file (default: the only plan in ./plans/), then {help}",
    )


def split_plan(words: list[str], wanted: int) -> tuple[str, list[str]]:
    """(plan path, the other ``wanted`` words or fewer): the first word is the plan when it names a
    file or a .toml; without it, the only plan in ./plans/."""
    if words and (words[0].endswith(".toml") or os.path.isfile(words[0])):
        rest = words[1:]
        plan = words[0]
    else:
        rest = words
        from pathlib import Path  # only here: `show` imports this module and never needs pathlib

        from board.discovery import plans_in

        found = plans_in(Path("plans"))
        if len(found) != 1:
            where = "no plan in ./plans/" if not found else f"{len(found)} plans in ./plans/"
            raise UsageError(f"{where}: name the plan file first")
        plan = str(found[0])
    if len(rest) > wanted:
        raise UsageError(f"unexpected argument {rest[wanted]!r}")
    return plan, rest


def find_phase(plan: Plan, pid: str) -> Phase | None:
    """A phase by id or by its label (``p1`` or ``P1``)."""
    for phase in plan.phases:
        if phase.id == pid or phase.id.upper() == pid.upper():
            return phase
    return None


def phase_choices(plan: Plan) -> str:
    return ", ".join(p.id for p in plan.phases) or "none"


def fail(command: str, message: str, code: int = 1) -> int:
    print(f"rollout-board {command}: {safe(message)}", file=sys.stderr)
    return code

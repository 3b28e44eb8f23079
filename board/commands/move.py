"""``rollout-board move PLAN ID STATUS [--today YYYY-MM-DD]``: set an objective's status from a script."""

from __future__ import annotations

import argparse
import sys

from board.commands.dates import iso_date as _iso_date

TYPE_CHECKING = False
if TYPE_CHECKING:
    from board.model import Plan

MAX_LISTED_IDS = 12


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("plan", metavar="PLAN", help="the plan file")
    parser.add_argument("id", metavar="ID", help="the objective's id (see 'rollout-board list PLAN')")
    parser.add_argument("status", metavar="STATUS", help="the new status, e.g. todo, in-progress, blocked, done")
    parser.add_argument(
        "--today",
        metavar="YYYY-MM-DD",
        type=_iso_date,
        help="the day taken as today: the status change's date, and the day the gate before it is judged on",
    )


class _Refused(Exception):
    """The change cannot be made; the message is for stderr and the file is untouched."""


def run(args: argparse.Namespace) -> int:
    from datetime import date

    from board import store

    today = args.today or date.today()

    def change(plan: Plan) -> tuple[str, str]:
        obj = plan.find_objective(args.id)
        if obj is None:
            raise _Refused(_unknown_id(args.id, [o.id for o in plan.objectives], args.plan))
        if args.status not in plan.statuses:
            raise _Refused(f"unknown status {args.status!r} (statuses: {', '.join(plan.statuses)})")
        before = obj.status
        if before != args.status:
            # Only a change needs the editor and the gate's notice (a script may move to the status it has).
            from board.model import Editor
            from board.model.notices import gate_notice

            Editor(plan, today=lambda: today).set_status(obj.id, args.status)
            warning = gate_notice(plan, obj.id, before, today)
            if warning:
                warnings.append(warning)
        return obj.id, before

    warnings: list[str] = []
    try:
        oid, before = store.update(args.plan, change)
    except _Refused as refused:
        return _fail(str(refused))
    for warning in warnings:  # a warning, not a refusal: the change is made
        print(f"rollout-board move: warning: {warning}", file=sys.stderr)
    if before == args.status:
        print(f"{oid}: already {before} (file unchanged)")
    else:
        print(f"{oid}: {before} → {args.status}")
    return 0


def _unknown_id(oid: str, ids: list[str], plan: str) -> str:
    message = f"no objective with id {oid!r} in {plan}"
    if not ids:
        return message + " (the plan has no objectives)"
    if len(ids) <= MAX_LISTED_IDS:
        return message + f" (ids: {', '.join(ids)})"
    from difflib import get_close_matches

    close = get_close_matches(oid, ids, n=3, cutoff=0.5)
    close += [i for i in ids if oid in i and i not in close][: 3 - len(close)]
    hint = f"did you mean: {', '.join(close)}? " if close else ""
    return message + f" ({hint}all {len(ids)} ids: rollout-board list {plan})"


def _fail(message: str) -> int:
    print(f"rollout-board move: {message}", file=sys.stderr)
    return 1

"""``rollout-board path [PLAN] [ID]``: the critical path (or the longest chain up to ID), with weeks and owners."""

from __future__ import annotations

import argparse
import json

from board.commands.control_common import UsageError, fail, safe, split_plan


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "words",
        nargs="*",
        metavar="[PLAN] [ID]",
        help="the plan file (default: the only plan in ./plans/), then an objective's id: the chain up to it",
    )
    parser.add_argument("--json", action="store_true", help="print the chain as JSON")


def run(args: argparse.Namespace) -> int:
    from board import store
    from board.model.critical_path import chain_to, critical_path

    try:
        path, rest = split_plan(list(args.words), 1)
    except UsageError as error:
        return fail("path", str(error), 2)
    plan = store.load(path)
    if rest:
        obj = plan.find_objective(rest[0])
        if obj is None:
            return fail("path", f"no objective with id {rest[0]!r} in {path}")
        if obj.status == plan.done_status:
            return fail("path", f"{obj.id} is {obj.status}: it is on no path")
        chain = chain_to(plan, obj.id)
    else:
        chain = critical_path(plan)
    if args.json:
        data = {
            "to": rest[0] if rest else None,
            "length": len(chain),
            "first_week": chain.first_week,
            "last_week": chain.last_week,
            "weeks": plan.weeks,
            "objectives": [
                {"id": o.id, "title": o.title, "week": o.week, "status": o.status, "owner": o.owner or None}
                for o in chain.objectives
            ],
        }
        print(json.dumps(data, indent=2, ensure_ascii=False))
        return 0
    if not chain.objectives:
        print("Critical path: nothing left to do")
        return 0
    what = f"Chain to {chain.ids[-1]}" if rest else "Critical path"
    count = len(chain)
    print(
        f"{what}: {count} objective{'s' if count != 1 else ''}, "
        f"weeks {chain.first_week}-{chain.last_week} of {plan.weeks}"
    )
    id_width = max(len(o.id) for o in chain.objectives)
    for i, obj in enumerate(chain.objectives):
        arrow = "  " if i == 0 else "→ "
        owner = f"  ({safe(obj.owner)})" if obj.owner else ""
        print(f"  {arrow}wk {obj.week:<3} {safe(obj.id).ljust(id_width)}  {obj.status:<11}  {safe(obj.title)}{owner}")
    return 0

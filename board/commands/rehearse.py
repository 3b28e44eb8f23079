"""``rollout-board rehearse [PLAN] PHASE --took 75m [--failed] [--note TEXT]``: log a rollback rehearsal."""

from __future__ import annotations

import argparse
from datetime import date

from board.commands.control_common import UsageError, add_plan_and, fail, find_phase, phase_choices, safe, split_plan
from board.commands.dates import iso_date as _iso_date


def add_arguments(parser: argparse.ArgumentParser) -> None:
    add_plan_and(parser, "PHASE", "the phase's id (e.g. p1)")
    parser.add_argument("--took", metavar="DURATION", required=True, help='how long the rollback took: "75m", "1h30m"')
    parser.add_argument("--failed", action="store_true", help="the rollback did not work")
    parser.add_argument("--note", metavar="TEXT", default="", help="what happened")
    parser.add_argument(
        "--date", metavar="YYYY-MM-DD", type=_iso_date, help="the day of the rehearsal (default: today)"
    )


def run(args: argparse.Namespace) -> int:
    from board import store
    from board.model import Editor, Phase, Plan, PlanError, parse_duration, short_minutes

    try:
        path, rest = split_plan(args.words, 1)
        if not rest:
            raise UsageError("name the phase, e.g. rollout-board rehearse p1 --took 75m")
    except UsageError as error:
        return fail("rehearse", str(error), 2)
    day = args.date or date.today()
    outcome = "failed" if args.failed else "ok"

    def change(plan: Plan) -> Phase:
        phase = find_phase(plan, rest[0])
        if phase is None:
            raise PlanError(f"no phase {rest[0]!r} in {path} (phases: {phase_choices(plan)})")
        Editor(plan, today=lambda: day).record_rehearsal(phase.id, args.took, outcome, args.note)
        return phase

    try:
        phase = store.update(path, change)  # under the plan's lock, on the file as it is now
    except PlanError as error:
        return fail("rehearse", str(error))
    took = parse_duration(args.took)
    budget = phase.budget_minutes()
    against = ""
    if budget is not None:
        against = (
            f", over the {short_minutes(budget)} budget"
            if took > budget
            else f", within the {short_minutes(budget)} budget"
        )
    print(f"{phase.id}: rollback rehearsed on {day.isoformat()} in {safe(args.took.strip())} ({outcome}{against})")
    return 0

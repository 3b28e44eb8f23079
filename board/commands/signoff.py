"""``rollout-board signoff [PLAN] PHASE ROLE --by NAME``: record (or withdraw) a gate sign-off."""

from __future__ import annotations

import argparse
from datetime import date

from board.commands.control_common import UsageError, add_plan_and, fail, find_phase, phase_choices, safe, split_plan
from board.commands.dates import iso_date as _iso_date


def add_arguments(parser: argparse.ArgumentParser) -> None:
    add_plan_and(parser, "PHASE ROLE", 'the phase\'s id and the role signing off (e.g. "release manager")')
    parser.add_argument("--by", metavar="NAME", help="who signs off (required unless --withdraw)")
    parser.add_argument("--date", metavar="YYYY-MM-DD", type=_iso_date, help="the day of the sign-off (default: today)")
    parser.add_argument("--withdraw", action="store_true", help="withdraw the role's sign-off instead")


def run(args: argparse.Namespace) -> int:
    from board import store
    from board.model import Editor, Plan, PlanError
    from board.model.gates import Verdict, verdict

    try:
        path, rest = split_plan(args.words, 2)
        if len(rest) < 2:
            raise UsageError("name the phase and the role, e.g. rollout-board signoff p1 security --by ana")
        if not args.withdraw and not args.by:
            raise UsageError("say who signs off with --by NAME")
    except UsageError as error:
        return fail("signoff", str(error), 2)
    role = rest[1]
    day = args.date or date.today()

    def change(plan: Plan) -> Verdict:
        phase = find_phase(plan, rest[0])
        if phase is None:
            raise PlanError(f"no phase {rest[0]!r} in {path} (phases: {phase_choices(plan)})")
        editor = Editor(plan, today=lambda: day)
        if args.withdraw:
            editor.withdraw_signoff(phase.id, role)
        else:
            editor.record_signoff(phase.id, role, args.by)
        return verdict(plan, phase, date.today())

    try:
        result = store.update(path, change)  # under the plan's lock, on the file as it is now
    except PlanError as error:
        return fail("signoff", str(error))
    done = "withdrawn" if args.withdraw else f"signed off by {safe(args.by.strip())} on {day.isoformat()}"
    state = result.word if result.go else f"{result.word}, {len(result.open)} open"
    print(f"{result.phase.id}: {safe(role.strip())} {done} ({result.label()}: {state})")
    return 0

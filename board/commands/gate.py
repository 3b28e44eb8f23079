"""``rollout-board gate [PLAN] PHASE``: the phase's go/no-go verdict with its reasons, for CI.

Exit 0 GO, 1 NO-GO, 2 bad input (an unknown phase, an unreadable plan, usage).
"""

from __future__ import annotations

import argparse
import json
import sys
from datetime import date

from board.commands.control_common import UsageError, add_plan_and, fail, find_phase, phase_choices, safe, split_plan
from board.commands.dates import iso_date as _iso_date


def add_arguments(parser: argparse.ArgumentParser) -> None:
    add_plan_and(parser, "PHASE", "the phase's id (e.g. p1)")
    parser.add_argument("--json", action="store_true", help="print the verdict as JSON")
    parser.add_argument("--today", metavar="YYYY-MM-DD", type=_iso_date, help="judge on this day (default: today)")


def run(args: argparse.Namespace) -> int:
    from board import store
    from board.model.gates import verdict

    try:
        path, rest = split_plan(args.words, 1)
        if not rest:
            raise UsageError("name the phase, e.g. rollout-board gate plans/q3.toml p1")
    except UsageError as error:
        return fail("gate", str(error), 2)
    try:
        plan = store.load(path)
    except store.LoadError as error:
        for problem in error.problems:
            print(safe(str(problem)), file=sys.stderr)
        return 2
    phase = find_phase(plan, rest[0])
    if phase is None:
        return fail("gate", f"no phase {rest[0]!r} in {path} (phases: {phase_choices(plan)})", 2)
    result = verdict(plan, phase, args.today or date.today())
    if args.json:
        print(json.dumps(verdict_json(result), indent=2, ensure_ascii=False))
    else:
        for line in verdict_lines(result):
            print(line)
    return 0 if result.go else 1


def verdict_json(result: object) -> dict[str, object]:
    from board.model.gates import Verdict

    assert isinstance(result, Verdict)
    return {
        "phase": result.phase.id,
        "next": result.next.id if result.next else None,
        "verdict": result.word,
        "go": result.go,
        "open": len(result.open),
        "reasons": result.reasons,
        "items": [{"kind": item.kind, "ok": item.ok, "text": item.text} for item in result.items],
    }


def verdict_lines(result: object) -> list[str]:
    from board.model.gates import Verdict

    assert isinstance(result, Verdict)
    head = f"{result.label()}: {result.word}"
    if not result.go:
        head += f" ({len(result.open)} open)"
    lines = [head]
    for item in result.items:
        lines.append(f"  {'✓' if item.ok else '✕'} {safe(item.text)}")
    return lines

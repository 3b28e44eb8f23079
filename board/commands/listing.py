"""``rollout-board list PLAN``: the objectives, as a table that fits 80 columns or as JSON."""

from __future__ import annotations

import argparse
import sys
from typing import Any

from board.term import escape_strings, json_safe, pad, truncate, width

HELP = "list objectives: a table, or --json for scripts"

TABLE_WIDTH = 80
# The widest each column may grow to; the title takes what is left.
ID_MAX = 32
ID_MIN = 12
PHASE_MAX = 8
STATUS_MAX = 12
OWNER_MAX = 14
OWNER_MIN = 6
TITLE_MIN = 20


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("plan", metavar="PLAN", help="the plan file")
    parser.add_argument("--phase", metavar="ID", help="only the objectives of this phase (its id, e.g. p1)")
    parser.add_argument("--week", metavar="N", type=int, help="only the objectives of week N")
    parser.add_argument("--status", metavar="S", help="only the objectives in this status")
    parser.add_argument("--json", action="store_true", help="print a JSON array instead of a table")


def run(args: argparse.Namespace) -> int:
    from board import store

    plan = store.load(args.plan)
    objectives = plan.objectives
    if args.phase is not None:
        ids = [p.id for p in plan.phases]
        if args.phase not in ids:
            return _fail(f"unknown phase {args.phase!r} (phases: {', '.join(ids) or 'none'})")
        phase = plan.phase(args.phase)
        objectives = [o for o in objectives if phase.covers(o.week)]
    if args.week is not None:
        if not 1 <= args.week <= plan.weeks:
            return _fail(f"week {args.week} is outside the plan (weeks 1-{plan.weeks})")
        objectives = [o for o in objectives if o.week == args.week]
    if args.status is not None:
        if args.status not in plan.statuses:
            return _fail(f"unknown status {args.status!r} (statuses: {', '.join(plan.statuses)})")
        objectives = [o for o in objectives if o.status == args.status]
    phase_ids: dict[int, str] = {}
    for phase in plan.phases:
        for week in phase.weeks:
            phase_ids.setdefault(week, phase.id)
    if args.json:
        import json
        from datetime import date

        from board.commands.list_control import control_fields

        extra = control_fields(plan, date.today())
        rows = [{**_as_json(o, phase_ids.get(o.week)), **extra(o)} for o in objectives]
        # One object a line: readable, diffable, and written by the C encoder (indent=2 is ~4x slower).
        body = ",\n".join("  " + json.dumps(row, ensure_ascii=False) for row in rows)
        print(json_safe(f"[\n{body}\n]" if rows else "[]"))
        return 0
    for line in table(escape_strings(objectives), phase_ids, _columns()):
        print(line)
    return 0


def _as_json(obj: Any, phase: str | None) -> dict[str, Any]:
    return {
        "id": obj.id,
        "title": obj.title,
        "week": obj.week,
        "phase": phase,
        "status": obj.status,
        "owner": obj.owner or None,
        "depends_on": list(obj.depends_on),
        "tags": list(obj.tags),
        "changed": obj.changed.isoformat() if obj.changed else None,
        "notes": obj.notes,
    }


def table(objectives: list[Any], phase_ids: dict[int, str], columns: int = TABLE_WIDTH) -> list[str]:
    """The table lines: ID, WK, PHASE, STATUS, OWNER, TITLE; every line at most ``columns`` wide.

    Ids are kept whole when at all possible (they are what ``move`` takes): a
    narrow table shortens the owner first, then the title down to its minimum.
    """
    rows = [(o.id, str(o.week), phase_ids.get(o.week, "-"), o.status, o.owner or "-", o.title) for o in objectives]
    heads = ("ID", "WK", "PHASE", "STATUS", "OWNER", "TITLE")
    limits = (ID_MAX, 3, PHASE_MAX, STATUS_MAX, OWNER_MAX)
    widths = [min(limit, max([width(heads[i])] + [width(row[i]) for row in rows])) for i, limit in enumerate(limits)]
    gap = 2

    def title_room() -> int:
        return columns - sum(widths) - gap * len(widths)

    if title_room() < TITLE_MIN:
        widths[4] = max(OWNER_MIN, widths[4] - (TITLE_MIN - title_room()))
    if title_room() < TITLE_MIN:
        widths[0] = max(ID_MIN, widths[0] - (TITLE_MIN - title_room()))
    title_width = max(1, title_room())
    lines = []
    for row in [heads, *rows]:
        cells = [pad(cell, w) for cell, w in zip(row, widths, strict=False)]
        cells.append(truncate(row[5], title_width))
        lines.append((" " * gap).join(cells).rstrip())
    return lines


def _columns() -> int:
    """80 columns, or the terminal's width when printing to a wider terminal."""
    if not sys.stdout.isatty():
        return TABLE_WIDTH
    import shutil

    return max(TABLE_WIDTH, shutil.get_terminal_size((TABLE_WIDTH, 24)).columns)


def _fail(message: str) -> int:
    print(f"rollout-board list: {message}", file=sys.stderr)
    return 1

"""``rollout-board list PLAN``: the objectives, as a table that fits 80 columns or as JSON."""

from __future__ import annotations

import argparse
import sys
from datetime import date

from board.commands.dates import iso_date as _iso_date
from board.term import escape_strings, json_safe, pad, truncate, width

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

    from board.model import Phase, Plan


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
    parser.add_argument(
        "--phase",
        metavar="ID",
        help="only the objectives of this phase: its id or label as the board shows it (p1, P1)",
    )
    parser.add_argument("--week", metavar="N", type=int, help="only the objectives of week N")
    parser.add_argument("--status", metavar="S", help="only the objectives in this status")
    parser.add_argument("--late", action="store_true", help="only late objectives: of past weeks and not done")
    parser.add_argument(
        "--today", metavar="YYYY-MM-DD", type=_iso_date, help="the day that decides what is late (default: today)"
    )
    parser.add_argument("--json", action="store_true", help="print a JSON array instead of a table")


def find_phase(plan: Plan, wanted: str) -> Phase | None:
    """The phase named by ``wanted``: its id, or its label as the board shows it (``P1``), or its name."""
    for phase in plan.phases:
        if wanted == phase.id:
            return phase
    folded = wanted.strip().casefold()
    for phase in plan.phases:
        if folded in (phase.id.casefold(), phase.name.casefold()):
            return phase
    return None


def run(args: argparse.Namespace) -> int:
    from board import store

    plan = store.load(args.plan)
    objectives = plan.objectives
    if args.phase is not None:
        phase = find_phase(plan, args.phase)
        if phase is None:
            ids = [p.id for p in plan.phases]
            return _fail(f"unknown phase {args.phase!r} (phases: {', '.join(ids) or 'none'})")
        objectives = [o for o in objectives if phase.covers(o.week)]
    if args.week is not None:
        if not 1 <= args.week <= plan.weeks:
            return _fail(f"week {args.week} is outside the plan (weeks 1-{plan.weeks})")
        objectives = [o for o in objectives if o.week == args.week]
    if args.status is not None:
        if args.status not in plan.statuses:
            return _fail(f"unknown status {args.status!r} (statuses: {', '.join(plan.statuses)})")
        objectives = [o for o in objectives if o.status == args.status]
    this_week = plan.this_week(args.today or date.today())
    if args.late:
        objectives = [o for o in objectives if plan.is_late(o, this_week)]
    phase_ids: dict[int, str] = {}
    for phase in plan.phases:
        for week in phase.weeks:
            phase_ids.setdefault(week, phase.id)
    if args.json:
        import json

        from board.commands.list_control import control_fields

        extra = control_fields(plan, args.today or date.today())
        rows = [{**_as_json(o, phase_ids.get(o.week), plan.is_late(o, this_week)), **extra(o)} for o in objectives]
        # One object a line: readable, diffable, and written by the C encoder (indent=2 is ~4x slower).
        body = ",\n".join("  " + json.dumps(row, ensure_ascii=False) for row in rows)
        print(json_safe(f"[\n{body}\n]" if rows else "[]"))
        return 0
    for line in table(escape_strings(objectives), phase_ids, _columns()):
        print(line)
    return 0


def _as_json(obj: Any, phase: str | None, late: bool) -> dict[str, Any]:
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
        "blocked_reason": obj.blocked_reason,
        "late": late,
    }


def table(objectives: list[Any], phase_ids: dict[int, str], columns: int | None = TABLE_WIDTH) -> list[str]:
    """The table lines: ID, WK, PHASE, STATUS, OWNER, TITLE; every line at most ``columns`` wide.

    Ids are kept whole when at all possible (they are what ``move`` takes): a
    narrow table shortens the owner first, then the title down to its minimum.
    ``columns`` None (output to a file or a pipe): the columns are laid out for
    80 and titles are never cut.
    """
    rows = [(o.id, str(o.week), phase_ids.get(o.week, "-"), o.status, o.owner or "-", o.title) for o in objectives]
    heads = ("ID", "WK", "PHASE", "STATUS", "OWNER", "TITLE")
    limits = (ID_MAX, 3, PHASE_MAX, STATUS_MAX, OWNER_MAX)
    widths = [min(limit, max([width(heads[i])] + [width(row[i]) for row in rows])) for i, limit in enumerate(limits)]
    gap = 2

    def title_room() -> int:
        return (columns or TABLE_WIDTH) - sum(widths) - gap * len(widths)

    if title_room() < TITLE_MIN:
        widths[4] = max(OWNER_MIN, widths[4] - (TITLE_MIN - title_room()))
    if title_room() < TITLE_MIN:
        widths[0] = max(ID_MIN, widths[0] - (TITLE_MIN - title_room()))
    title_width = max(1, title_room())
    lines = []
    for row in [heads, *rows]:
        cells = [pad(cell, w) for cell, w in zip(row, widths, strict=False)]
        cells.append(row[5] if columns is None else truncate(row[5], title_width))
        lines.append((" " * gap).join(cells).rstrip())
    return lines


def _columns() -> int | None:
    """80 columns, or the terminal's width when printing to a wider terminal; None (no cut) to a file or pipe."""
    if not sys.stdout.isatty():
        return None
    import shutil

    return max(TABLE_WIDTH, shutil.get_terminal_size((TABLE_WIDTH, 24)).columns)


def _fail(message: str) -> int:
    print(f"rollout-board list: {message}", file=sys.stderr)
    return 1

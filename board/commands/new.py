"""``rollout-board new NAME``: start a plan, ``plans/NAME.toml``: the bundled template, a blank plan or a fresh copy."""

from __future__ import annotations

import argparse
import re
import sys
from datetime import date
from pathlib import Path

from board.commands.dates import iso_date as _iso_date

NAME = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("name", metavar="NAME", help="the plan's file name, a slug such as q3-rollout")
    source = parser.add_mutually_exclusive_group()
    source.add_argument(
        "--blank",
        action="store_true",
        help="a minimal plan: one phase over the weeks, no objectives, the four statuses, empty registers",
    )
    source.add_argument(
        "--from",
        dest="source",
        metavar="FILE",
        help="a copy of another plan with its statuses, ticks, readings and dates reset",
    )
    parser.add_argument("--weeks", metavar="N", type=_positive, help="with --blank: the number of weeks (default 8)")
    parser.add_argument(
        "--phases", metavar="N", type=_positive, help="with --blank: phases sharing the weeks evenly (default 1)"
    )
    parser.add_argument(
        "--start",
        metavar="YYYY-MM-DD",
        type=_iso_date,
        help="the Monday of week 1 (another day means its week's Monday; default: this week's Monday)",
    )
    parser.add_argument(
        "--today",
        metavar="YYYY-MM-DD",
        type=_iso_date,
        help="the day taken as today: without --start, week 1 is its week (default: today)",
    )
    parser.add_argument("--force", action="store_true", help="overwrite an existing plans/NAME.toml")


def _positive(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a whole number") from None
    if value < 1:
        raise argparse.ArgumentTypeError(f"{text!r} must be at least 1")
    return value


def run(args: argparse.Namespace) -> int:
    from board import locations, store
    from board.model.starting import blank_plan, fresh_copy, monday_of, title_from_name
    from board.model.words import counted
    from board.term import visible

    name = args.name.removesuffix(".toml")
    if not NAME.match(name):
        from board.model.slugs import slugify

        suggestion = slugify(name)
        hint = f" (try {suggestion!r})" if suggestion else ""
        return _fail(f"{args.name!r} is not a plan name: use lowercase letters, digits and hyphens{hint}")
    if (args.weeks is not None or args.phases is not None) and not args.blank:
        print("rollout-board new: --weeks and --phases shape a --blank plan", file=sys.stderr)
        return 2
    target = Path("plans") / f"{name}.toml"
    if target.exists() and not args.force:
        return _fail(f"{target} already exists (use --force to overwrite it)")
    if target.exists() and not target.is_file():
        return _fail(f"{target} exists and is not a file")
    start = args.start or args.today or date.today()
    monday = monday_of(start)
    if args.blank:
        try:
            plan = blank_plan(title_from_name(name), args.weeks or 8, args.phases or 1, monday)
        except ValueError as error:
            return _fail(str(error))
    else:
        template = store.load(args.source if args.source else locations.template_path())
        plan = fresh_copy(template, monday)
    target.parent.mkdir(parents=True, exist_ok=True)
    store.save(plan, target)
    moved = "" if monday == start or args.start is None else f" (the Monday of the week of {start:%Y-%m-%d})"
    shape = f"{plan.weeks} weeks, {len(plan.phases)} phase{'s' if len(plan.phases) != 1 else ''}"
    print(
        f"created {target}: {visible(plan.title)}, {shape}, {counted(len(plan.objectives), 'objective')}, week 1 starts {monday:%a %Y-%m-%d}{moved}"
    )
    print(f"next: rollout-board {target}")
    return 0


def _fail(message: str) -> int:
    print(f"rollout-board new: {message}", file=sys.stderr)
    return 1

"""``rollout-board new NAME``: start a plan, ``plans/NAME.toml``, from the bundled template."""

from __future__ import annotations

import argparse
import re
import sys
from datetime import date, timedelta
from pathlib import Path

HELP = "create plans/NAME.toml from the bundled plan"

NAME = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("name", metavar="NAME", help="the plan's file name, a slug such as q3-rollout")
    parser.add_argument(
        "--start",
        metavar="YYYY-MM-DD",
        type=_iso_date,
        help="the Monday of week 1 (another day means its week's Monday; default: this week's Monday)",
    )
    parser.add_argument("--force", action="store_true", help="overwrite an existing plans/NAME.toml")


def _iso_date(text: str) -> date:
    from board.model.rules import FIRST_YEAR, LAST_YEAR

    try:
        day = date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a date like 2025-01-06") from None
    if not FIRST_YEAR <= day.year <= LAST_YEAR:
        raise argparse.ArgumentTypeError(f"{text} is outside the years {FIRST_YEAR}-{LAST_YEAR}")
    return day


def monday_of(day: date) -> date:
    return day - timedelta(days=day.weekday())


def run(args: argparse.Namespace) -> int:
    from board import locations, store
    from board.model.words import counted
    from board.term import visible

    name = args.name.removesuffix(".toml")
    if not NAME.match(name):
        from board.model.slugs import slugify

        suggestion = slugify(name)
        hint = f" (try {suggestion!r})" if suggestion else ""
        return _fail(f"{args.name!r} is not a plan name: use lowercase letters, digits and hyphens{hint}")
    target = Path("plans") / f"{name}.toml"
    if target.exists() and not args.force:
        return _fail(f"{target} already exists (use --force to overwrite it)")
    if target.exists() and not target.is_file():
        return _fail(f"{target} exists and is not a file")
    plan = store.load(locations.template_path())
    start = args.start or date.today()
    plan.start = monday_of(start)
    target.parent.mkdir(parents=True, exist_ok=True)
    store.save(plan, target)
    moved = "" if plan.start == start or args.start is None else f" (the Monday of the week of {start:%Y-%m-%d})"
    print(
        f"created {target}: {visible(plan.title)}, {counted(len(plan.objectives), 'objective')}, week 1 starts {plan.start:%a %Y-%m-%d}{moved}"
    )
    print(f"next: rollout-board {target}")
    return 0


def _fail(message: str) -> int:
    print(f"rollout-board new: {message}", file=sys.stderr)
    return 1

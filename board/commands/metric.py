"""``rollout-board metric PLAN METRIC_ID VALUE [--date YYYY-MM-DD]``: record a metric value."""

from __future__ import annotations

import argparse
import math
import sys
from datetime import date

from board.commands.show import _iso_date

HELP = "record a success-metric value (today, or --date)"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("plan", metavar="PLAN", help="the plan file")
    parser.add_argument("metric", metavar="METRIC_ID", help="the metric's id, e.g. security-score")
    parser.add_argument("value", metavar="VALUE", help="the value, a number (a relative metric takes the change, e.g. 15)")
    parser.add_argument("--date", metavar="YYYY-MM-DD", type=_iso_date, help="the day of the reading (default: today)")


def run(args: argparse.Namespace) -> int:
    from board import store
    from board.model import Editor, PlanError

    try:
        value = float(args.value)
    except ValueError:
        return _fail(f"{args.value!r} is not a number")
    if not math.isfinite(value):
        return _fail(f"{args.value!r} is not a finite number")
    if value.is_integer() and "." not in args.value and "e" not in args.value.lower():
        value = int(value)
    plan = store.load(args.plan)
    day = args.date or date.today()
    try:
        Editor(plan).record_metric(args.metric, value, day)
    except PlanError as error:
        return _fail(str(error))
    store.save(plan, args.plan)
    metric = plan.metric(args.metric)
    print(f"{metric.id}: {value:g}{metric.unit} on {day.isoformat()} ({metric.spec()})")
    return 0


def _fail(message: str) -> int:
    print(f"rollout-board metric: {message}", file=sys.stderr)
    return 1

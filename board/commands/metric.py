"""``rollout-board metric PLAN METRIC_ID VALUE [--date YYYY-MM-DD] [--today YYYY-MM-DD]``: record a metric value."""

from __future__ import annotations

import argparse
import sys
from datetime import date

from board.commands.dates import iso_date as _iso_date
from board.term import visible


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("plan", metavar="PLAN", help="the plan file")
    parser.add_argument("metric", metavar="METRIC_ID", help="the metric's id, e.g. security-score")
    parser.add_argument(
        "value",
        metavar="VALUE",
        help="a number, optionally with the metric's unit (72 or 72%%); a relative metric takes the change, e.g. +15",
    )
    parser.add_argument("--date", metavar="YYYY-MM-DD", type=_iso_date, help="the day of the reading (default: today)")
    parser.add_argument(
        "--today", metavar="YYYY-MM-DD", type=_iso_date, help="the day taken as today, the reading's without --date"
    )


class _Refused(Exception):
    """The reading cannot be recorded; the message is for stderr and the file is untouched."""


def run(args: argparse.Namespace) -> int:
    from board import store
    from board.model import Editor, Plan, PlanError
    from board.standup.wording import describe_target, format_value

    day = args.date or args.today or date.today()

    def change(plan: Plan) -> str:
        try:
            metric = plan.metric(args.metric)
        except KeyError:
            known = ", ".join(m.id for m in plan.metrics) or "none"
            raise _Refused(f"no metric with id {args.metric!r} in {args.plan} (metrics: {known})") from None
        value = parse_value(args.value, metric.unit)
        if isinstance(value, str):
            raise _Refused(value)
        try:
            Editor(plan).record_metric(metric.id, value, day)
        except PlanError as error:
            raise _Refused(str(error)) from None
        return f"{metric.id}: {format_value(metric, value)} on {day.isoformat()} ({describe_target(metric)})"

    try:
        said = store.update(args.plan, change)
    except _Refused as refused:
        return _fail(str(refused))
    print(visible(said))
    return 0


def parse_value(text: str, unit: str = "") -> float | int | str:
    """The number in ``text`` (an int when whole), or the message saying why it is not one.

    ASCII digits, one sign, one decimal point and an optional exponent, then the unit if any:
    ``1_000``, Arabic-Indic or full-width digits, ``nan`` and ``1e999`` are refused."""
    from board.model.numbers import number_problem, parse_number

    number = text.strip()
    if unit and number.endswith(unit):
        number = number[: -len(unit)].strip()
    value = parse_number(number)
    if value is None:
        return number_problem(number) or f"{text!r} is not a number"
    return value


def _fail(message: str) -> int:
    print(visible(f"rollout-board metric: {message}"), file=sys.stderr)
    return 1
